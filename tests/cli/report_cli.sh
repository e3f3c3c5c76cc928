#!/usr/bin/env bash
# report_cli.sh — `zhijian report`, `zhijian inspect` and `zhijian complaint` end to end on a
# small province written by SQL (independent of gen/import/screen): a simulated year of
# casework (--simulate), the report in json/md/html (every figure in the HTML traced to a
# JSON indicator count; the HTML self-contained with one SVG per chart), a cross-inspection
# proposal checked against the rules, usage errors.
set -eu
: "${ZJ:?path to zhijian}"
HERE=$(cd "$(dirname "$0")" && pwd) # report_lib.py
cd "$(mktemp -d)"
DB=$PWD/t.db

"$ZJ" report --db "$DB" --from 2025-01-01 --to 2025-12-31 --format json >/dev/null

python3 - "$DB" <<'EOF'
import sqlite3, sys, random
random.seed(4)
db = sqlite3.connect(sys.argv[1])
x = db.execute
for i in range(12):
    kind = ['prison', 'detention_center', 'juvenile_prison'][i % 3]
    x("INSERT INTO facilities VALUES (?,?,?,?,NULL,NULL,NULL)",
      ('F%02d' % i, '场所%d' % i, kind, '32%02d%02d' % (1 + i % 4, 1 + i)))
x("INSERT INTO facilities VALUES ('C1','法院','court','320100',NULL,NULL,NULL)")
for p in range(600):
    pid = 'P%04d' % p
    x("INSERT INTO persons(person_id,name,birth_date) VALUES (?,?,?)", (pid, '某%d' % p, '1980-01-01'))
    x("INSERT INTO judgments(judgment_id,person_id,case_no,court_id,charges,offense_date,judgment_date,"
      "effective_date,penalty,term_months) VALUES (?,?,?,?,?,?,?,?,?,?)",
      ('J' + pid, pid, 'N' + pid, 'C1', '盗窃罪', '2019-01-01', '2019-05-01', '2019-05-10', 'fixed_term', 60))
    fac = 'F%02d' % (p % 12)
    x("INSERT INTO custody(event_id,person_id,facility_id,event_type,event_date,judgment_id) VALUES (?,?,?,?,?,?)",
      ('E' + pid, pid, fac, 'admit', '2019-06-01', 'J' + pid))
    for k, (kind, date) in enumerate([('commutation', '2024-%02d-10' % (1 + p % 12)),
                                      ('commutation', '2025-%02d-10' % (1 + p % 12)),
                                      ('parole', '2025-%02d-11' % (1 + p % 12))]):
        if (p + k) % 3 == 0:
            x("INSERT INTO sentence_changes(change_id,person_id,judgment_id,kind,decider_id,decision_date)"
              " VALUES (?,?,?,?,?,?)", ('S%s%d' % (pid, k), pid, 'J' + pid, kind, 'C1', date))
    model = ['CHG-01', 'CHG-03', 'DEL-01', 'CC-02', 'PR-01', 'CUS-03', 'PROP-01', 'DUTY-01'][(p // 2) % 8]
    if p % 2 == 0:
        x("INSERT INTO leads(model_id,subject,person_id,facility_id,region_code,severity,status,first_seen,"
          "last_seen,summary,evidence,evidence_hash,basis) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
          (model, 'S' + pid, pid, fac, db.execute("SELECT region_code FROM facilities WHERE facility_id=?",
           (fac,)).fetchone()[0], 'high', 'open', '2025-03-01', '2025-03-01', '摘要', '{}', 'h', 'rule'))
db.commit()
EOF

# a year of casework, then the report in the three formats
"$ZJ" report --db "$DB" --simulate 7 --as-of 2025-12-31 --from 2025-01-01 --to 2025-12-31 \
    --format json --out r.json
"$ZJ" report --db "$DB" --from 2025-01-01 --to 2025-12-31 --region 32 --format html --out r.html
"$ZJ" report --db "$DB" --from 2025-01-01 --to 2025-12-31 --region 32 --format md > r.md
grep -q '^# 刑事执行检察工作报告' r.md
grep -q '^| 减刑 | ' r.md

PYTHONPATH="$HERE" PYTHONDONTWRITEBYTECODE=1 python3 - r.json r.html <<'EOF'
import json, re, sys
from report_lib import assert_self_contained, trace_figures
r = json.load(open(sys.argv[1]))
html = open(sys.argv[2], encoding='utf-8').read()
ind = {i['name']: i for i in r['indicators']}
for name in ['notices_total', 'notices_by_area', 'changes_period', 'changes_base', 'leads_by_model',
             'cases_by_model', 'inspections_by_kind', 'inspections_by_facility_kind',
             'complaints_received', 'complaints_corrected', 'reimprisoned', 'political_corrected',
             'duty_transfers', 'office_talks', 'office_letters']:
    assert name in ind, name
# the simulation gave the report content
for name in ['notices_total', 'leads_by_model', 'cases_by_model', 'inspections_by_kind',
             'complaints_received', 'duty_transfers', 'office_talks', 'changes_period']:
    assert ind[name]['count'] > 0, (name, ind[name]['count'])
assert ind['changes_period']['count'] == 400, ind['changes_period']['count']  # 200 + 200 (2025)
assert ind['changes_base']['count'] == 200
ch = {c['kind']: c for c in r['changes']}
assert ch['commutation']['change'] == '持平', ch
assert ch['parole']['change'] == '新增200', ch
# every figure in the HTML is a JSON count of its indicator
figs = trace_figures(html, ind, more_than=20)
# self-contained, one SVG per chart, nothing coloured-only: patterns and dashes
assert_self_contained(html)
assert html.count('<svg ') == 8 and html.count('</svg>') == 8
assert 'url(#c-models-hatch)' in html and 'stroke-dasharray' in html
print('report ok:', len(figs), 'figures traced')
EOF

# a cross-inspection proposal respects the rules
"$ZJ" inspect propose --db "$DB" --kind cross --facility F01 --from 2026-01-05 --to 2026-01-20 \
    --focus 'changes;custody' > team.json
python3 - "$DB" team.json <<'EOF'
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
t = json.load(open(sys.argv[2]))
assert len(t['members']) == 5
prov = db.execute("SELECT substr(region_code,1,2) FROM facilities WHERE facility_id='F01'").fetchone()[0]
for m in t['members']:
    assert m['home_region'][:2] != prov, m
    n = db.execute("SELECT count(*) FROM inspection_members m JOIN inspections x USING (inspection_id)"
                   " WHERE m.inspector_id=? AND x.facility_id='F01' AND x.end_date >= '2024-01-05'",
                   (m['inspector_id'],)).fetchone()[0]
    assert n == 0, m
specs = ';'.join(m['specialities'] for m in t['members']).split(';')
assert 'changes' in specs and 'custody' in specs
EOF
"$ZJ" inspect plan --db "$DB" --kind routine --facility F02 --from 2026-02-01 --to 2026-02-10 > plan.json
id=$(python3 -c 'import json,sys; print(json.load(open("plan.json"))["inspection_id"])')
"$ZJ" inspect start-list --db "$DB" "$id" | python3 -c 'import json,sys; j=json.load(sys.stdin); assert j["facility"]["facility_id"]=="F02"'
"$ZJ" inspect finding --db "$DB" "$id" --summary '禁闭审批手续不全' --as-of 2026-02-05 | grep -q lead_id
# no valid team: a speciality nobody has
if "$ZJ" inspect propose --db "$DB" --kind cross --facility F01 --from 2026-01-05 --to 2026-01-20 \
    --focus astrology 2>err.txt; then exit 1; fi
grep -q "no eligible inspector with speciality 'astrology'" err.txt

# a complaint's life
cid=$("$ZJ" complaint add --db "$DB" --kind petition --channel visit --topic sentence_length \
    --person P0001 --received 2025-12-01 --content '反映刑期计算有误' | python3 -c 'import json,sys; print(json.load(sys.stdin)["complaint_id"])')
"$ZJ" complaint route --db "$DB" "$cid" --to 检察官甲
"$ZJ" complaint calc --db "$DB" "$cid" --as-of 2025-12-01 | python3 -c 'import json,sys; j=json.load(sys.stdin); assert j["judgment_id"]=="JP0001" and j["computed"]["term_start"]'
"$ZJ" complaint close --db "$DB" "$cid" --outcome 已答复 --date 2025-12-10
"$ZJ" complaint show --db "$DB" "$cid" | python3 -c 'import json,sys; j=json.load(sys.stdin); assert j["status"]=="closed" and len(j["history"])==3'
# changes made from the command line are audited as the web's are, by src/cases, with the
# actor ($USER unless --actor); reads are not
"$ZJ" complaint talk --db "$DB" --facility F01 --person P0001 --date 2025-12-11 --actor 检察官乙 \
    --content '谈话' >/dev/null
[ "$(sqlite3 "$DB" "SELECT group_concat(object || ' ' || detail, ';') FROM audit_log WHERE action = 'change' AND object LIKE 'complaint:$cid'")" = \
  "complaint:$cid 受理控告举报申诉;complaint:$cid 分派控告举报申诉;complaint:$cid 办结控告举报申诉" ]
[ "$(sqlite3 "$DB" "SELECT actor FROM audit_log WHERE object LIKE 'office:talks:%' AND actor <> 'simulation'")" = 检察官乙 ]
[ "$(sqlite3 "$DB" "SELECT count(*) FROM audit_log WHERE object = 'inspection:$id' AND detail = '巡回检察计划'")" = 1 ]
[ "$(sqlite3 "$DB" "SELECT count(*) FROM audit_log WHERE detail = '巡回检察发现问题' AND actor <> 'simulation'")" = 1 ]
# the simulated year is audited too, each record with actor 'simulation'
[ "$(sqlite3 "$DB" "SELECT count(*) = (SELECT count(*) FROM office_log) FROM audit_log WHERE object LIKE 'office:log:%' AND actor = 'simulation'")" = 1 ]
# a letter from the command line, audited; the journal needs its facility (usage)
lid=$("$ZJ" complaint letter --db "$DB" --facility F01 --date 2025-12-11 --content '来信' | python3 -c 'import json,sys; print(json.load(sys.stdin)["letter_id"])')
[ "$(sqlite3 "$DB" "SELECT count(*) FROM audit_log WHERE object = 'office:letters:$lid'")" = 1 ]
set +e
"$ZJ" complaint journal --db "$DB" >/dev/null 2>&1; [ $? -eq 2 ] || exit 1
set -e
# --scope: the command line acts in a scope as an account does, src/cases checking it: the
# records of another facility are not found, its facility is outside; nothing refused is
# written or audited
cfac=$(sqlite3 "$DB" "SELECT facility_id FROM complaints WHERE complaint_id = $cid")
other=$(sqlite3 "$DB" "SELECT facility_id FROM facilities WHERE kind <> 'court' AND facility_id NOT IN ('$cfac', 'F02') ORDER BY facility_id LIMIT 1")
n=$(sqlite3 "$DB" "SELECT count(*) FROM audit_log")
set +e
"$ZJ" complaint show --db "$DB" "$cid" --scope "facility:$other" >/dev/null 2>err.txt; [ $? -eq 1 ] || exit 1
grep -q "no complaint '$cid'" err.txt || exit 1
"$ZJ" complaint lead --db "$DB" "$cid" --scope "facility:$other" >/dev/null 2>&1; [ $? -eq 1 ] || exit 1
"$ZJ" complaint log --db "$DB" --facility "$cfac" --content x --scope "facility:$other" >/dev/null 2>err.txt; [ $? -eq 1 ] || exit 1
grep -q "facility '$cfac' is outside your scope" err.txt || exit 1
"$ZJ" inspect finding --db "$DB" "$id" --summary x --scope "facility:$other" >/dev/null 2>&1; [ $? -eq 1 ] || exit 1
"$ZJ" inspect list --db "$DB" --facility F02 --scope "facility:$other" >/dev/null 2>&1; [ $? -eq 1 ] || exit 1
"$ZJ" duty today --db "$DB" --facility "$cfac" --scope "facility:$other" >/dev/null 2>&1; [ $? -eq 1 ] || exit 1
"$ZJ" complaint show --db "$DB" "$cid" --scope region:3x >/dev/null 2>&1; [ $? -eq 2 ] || exit 1
set -e
[ "$(sqlite3 "$DB" "SELECT count(*) FROM audit_log")" = "$n" ] || { echo "a refused change was audited"; exit 1; }
[ "$(sqlite3 "$DB" "SELECT count(*) FROM complaints WHERE complaint_id = $cid AND lead_id IS NULL")" = 1 ]
"$ZJ" complaint show --db "$DB" "$cid" --scope region:32 | grep -q "\"complaint_id\":$cid"
"$ZJ" inspect list --db "$DB" --scope "facility:$other" | python3 -c 'import json,sys; assert all(x["facility_id"] == sys.argv[1] for x in json.load(sys.stdin))' "$other"
lid=$("$ZJ" complaint log --db "$DB" --facility "$other" --content 巡视 --scope "facility:$other" --actor 驻所检察官 | python3 -c 'import json,sys; print(json.load(sys.stdin)["log_id"])')
[ "$(sqlite3 "$DB" "SELECT count(*) FROM audit_log WHERE actor = '驻所检察官' AND object = 'office:log:$lid'")" = 1 ]
"$ZJ" audit verify --db "$DB" >/dev/null

# usage errors exit 2
set +e
"$ZJ" report --db "$DB" --format pdf >/dev/null 2>&1; [ $? -eq 2 ] || exit 1
"$ZJ" report --db "$DB" --region 3x >/dev/null 2>&1; [ $? -eq 2 ] || exit 1
"$ZJ" report --db "$DB" --from 2025-13-01 >/dev/null 2>&1; [ $? -eq 2 ] || exit 1
"$ZJ" inspect propose --db "$DB" --kind cross >/dev/null 2>&1; [ $? -eq 2 ] || exit 1
"$ZJ" complaint close --db "$DB" >/dev/null 2>&1; [ $? -eq 2 ] || exit 1
set -e
echo ok
