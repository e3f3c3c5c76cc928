#!/usr/bin/env bash
# report_province.sh — the issue's "must show": on a generated province (zhijian gen →
# import → screen) with a year of simulated casework (report --simulate), the HTML report
# has content in every section and every figure in it equals the count of its indicator
# in the JSON (the query's name and count), and the HTML is self-contained.
set -eu
: "${ZJ:?path to zhijian}"
cd "$(mktemp -d)"
"$ZJ" gen --out feeds --persons 3000 --seed 11 --as-of 2025-12-31 >/dev/null
"$ZJ" import --db p.db --as-of 2025-12-31 feeds >/dev/null
"$ZJ" screen --db p.db --as-of 2025-12-31 >/dev/null
"$ZJ" report --db p.db --simulate 5 --as-of 2025-12-31 --from 2025-01-01 --to 2025-12-31 \
    --format json --out r.json
"$ZJ" report --db p.db --from 2025-01-01 --to 2025-12-31 --format html --out r.html
"$ZJ" report --db p.db --from 2025-01-01 --to 2025-12-31 --format md --out r.md
python3 - r.json r.html <<'EOF'
import json, re, sys
r = json.load(open(sys.argv[1]))
html = open(sys.argv[2], encoding='utf-8').read()
ind = {i['name']: i for i in r['indicators']}
for name in ['notices_total', 'notices_corrected', 'suggestions_sent', 'changes_period',
             'leads_by_model', 'cases_by_model', 'inspections_by_kind', 'inspection_findings',
             'complaints_received', 'office_talks', 'office_letters', 'leads_by_subregion']:
    assert ind[name]['count'] > 0, (name, ind[name]['count'])
# rows add up to the total of every indicator
for i in r['indicators']:
    assert sum(row['count'] for row in i['rows']) == i['count'], i['name']
figs = re.findall(r'<span class="fig" data-indicator="([a-z_]+)"(?: data-key="([a-z_:0-9]+)")?>(\d+)</span>', html)
assert len(figs) > 30, len(figs)
for name, key, val in figs:
    i = ind[name]
    want = i['count'] if not key else sum(row['count'] for row in i['rows'] if row['key'] == key)
    assert int(val) == want, (name, key, val, want)
assert not re.search(r'https?:|//|<link|<script|@import|\ssrc=', html)
assert html.count('<svg ') == 6
print('province report ok:', len(figs), 'figures traced;',
      ', '.join(f"{n}={ind[n]['count']}" for n in ['notices_total', 'leads_by_model', 'cases_by_model', 'inspections_by_kind', 'complaints_received']))
EOF
grep -q '^## 八、地区分布' r.md
