#!/usr/bin/env bash
# report_base_year.sh — `zhijian report --base-year`: the work report names what it compares
# with, as the national report does (2024年依法减刑……比2021年分别上升5.1%、1.2倍和2.7倍).
# Known counts at one court: 2021 1000 commutations, 100 paroles, 10 temporary executions;
# 2023 the same as 2024 for commutations only; 2024 1051, 220, 37. Against 2021 the report
# says 比2021年 (5.1%, 1.2倍, 2.7倍); against the default base (2023) it says 同比; half a
# year against 2021 says 比2021年同期.
set -eu
: "${ZJ:?path to zhijian}"
cd "$(mktemp -d)"
DB=$PWD/t.db
"$ZJ" report --db "$DB" --from 2024-01-01 --to 2024-12-31 --format json >/dev/null

python3 - "$DB" <<'EOF'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
x = db.execute
x("INSERT INTO facilities VALUES ('C1','某市中级人民法院','court','320100',NULL,NULL,NULL)")
x("INSERT INTO persons(person_id,name,birth_date) VALUES ('P1','某甲','1980-01-01')")
x("INSERT INTO judgments(judgment_id,person_id,case_no,court_id,charges,offense_date,judgment_date,"
  "effective_date,penalty,term_months) VALUES ('J1','P1','N1','C1','盗窃罪','2010-01-01','2010-05-01',"
  "'2010-05-10','fixed_term',600)")
n = 0
def add(year, kind, count, month=3):
    global n
    for i in range(count):
        n += 1
        x("INSERT INTO sentence_changes(change_id,person_id,judgment_id,kind,decider_id,decision_date)"
          " VALUES (?,?,?,?,?,?)", ('S%d' % n, 'P1', 'J1', kind, 'C1',
                                    '%d-%02d-%02d' % (year, month if i % 2 else 9, 1 + i % 28)))
add(2021, 'commutation', 1000); add(2021, 'parole', 100); add(2021, 'temp_outside', 10)
add(2023, 'commutation', 1051); add(2023, 'parole', 240); add(2023, 'temp_outside', 37)
add(2024, 'commutation', 1051); add(2024, 'parole', 220); add(2024, 'temp_outside', 37)
db.commit()
EOF

"$ZJ" report --db "$DB" --from 2024-01-01 --to 2024-12-31 --base-year 2021 --format json --out b.json
"$ZJ" report --db "$DB" --from 2024-01-01 --to 2024-12-31 --base-year 2021 --format md --out b.md
"$ZJ" report --db "$DB" --from 2024-01-01 --to 2024-12-31 --base-year 2021 --format html --out b.html
"$ZJ" report --db "$DB" --from 2024-01-01 --to 2024-12-31 --format json --out d.json
"$ZJ" report --db "$DB" --from 2024-01-01 --to 2024-12-31 --format md --out d.md
"$ZJ" report --db "$DB" --from 2024-01-01 --to 2024-06-30 --base-year 2021 --format md --out h.md

python3 - <<'EOF'
import json, re
b = json.load(open('b.json'))
assert b['base_year'] == 2021 and b['comparison'] == '比2021年', (b['base_year'], b['comparison'])
assert b['base_period'] == {'from': '2021-01-01', 'to': '2021-12-31'}, b['base_period']
ch = {c['kind']: c for c in b['changes']}
assert (ch['commutation']['count'], ch['commutation']['base']) == (1051, 1000)
assert ch['commutation']['phrase'] == '比2021年上升5.1%', ch
assert ch['parole']['phrase'] == '比2021年上升1.2倍', ch
assert ch['temp_outside']['phrase'] == '比2021年上升2.7倍', ch
assert ch['temp_outside']['change'] == '上升2.7倍', ch
md = open('b.md', encoding='utf-8').read()
html = open('b.html', encoding='utf-8').read()
for doc in (md, html):
    assert '比2021年分别上升5.1%、1.2倍和2.7倍' in doc
    assert '同比' not in doc
assert '| 假释 | 220 | 100 | 比2021年上升1.2倍 |' in md
assert '<td>比2021年上升2.7倍</td>' in html
assert '对比基期：2021-01-01 至 2021-12-31（<span data-comparison="2021">比2021年</span>）' in html

d = json.load(open('d.json'))
assert d['base_year'] == 2023 and d['comparison'] == '同比', d['comparison']
ch = {c['kind']: c for c in d['changes']}
assert ch['commutation']['phrase'] == '同比持平', ch
assert ch['parole']['phrase'] == '同比下降8.3%', ch
assert ch['temp_outside']['phrase'] == '同比持平', ch
dm = open('d.md', encoding='utf-8').read()
assert '同比分别持平、下降8.3%和持平' in dm
assert '比2023年' not in dm

h = open('h.md', encoding='utf-8').read()
assert '对比基期：2021-01-01 至 2021-06-30（比2021年同期）' in h, h[:300]
assert '比2021年同期分别' in h
EOF
