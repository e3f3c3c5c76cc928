#!/usr/bin/env bash
# report_province.sh — the issue's "must show": on a generated province (zhijian gen →
# import → screen) with a year of simulated casework (report --simulate), the HTML report
# has content in every section and every figure in it equals the count of its indicator
# in the JSON (the query's name and count), and the HTML is self-contained.
set -eu
: "${ZJ:?path to zhijian}"
HERE=$(cd "$(dirname "$0")" && pwd) # report_lib.py
cd "$(mktemp -d)"
"$ZJ" gen --out feeds --persons 3000 --seed 11 --as-of 2025-12-31 >/dev/null
"$ZJ" import --db p.db --as-of 2025-12-31 feeds >/dev/null
"$ZJ" screen --db p.db --as-of 2025-12-31 >/dev/null
"$ZJ" report --db p.db --simulate 5 --as-of 2025-12-31 --from 2025-01-01 --to 2025-12-31 \
    --format json --out r.json
"$ZJ" report --db p.db --from 2025-01-01 --to 2025-12-31 --format html --out r.html
"$ZJ" report --db p.db --from 2025-01-01 --to 2025-12-31 --format md --out r.md
PYTHONPATH="$HERE" PYTHONDONTWRITEBYTECODE=1 python3 - r.json r.html <<'EOF'
import json, re, sys
from report_lib import assert_self_contained, trace_figures
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
figs = trace_figures(html, ind, more_than=30)
assert_self_contained(html)
assert html.count('<svg ') == 8
print('province report ok:', len(figs), 'figures traced;',
      ', '.join(f"{n}={ind[n]['count']}" for n in ['notices_total', 'leads_by_model', 'cases_by_model', 'inspections_by_kind', 'complaints_received']))
EOF
grep -q '^## 八、地区分布' r.md
