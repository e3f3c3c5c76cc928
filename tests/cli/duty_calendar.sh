#!/usr/bin/env bash
# duty_calendar.sh — `zhijian duty`: the resident office's checklist of a prison on a day
# (items due, overdue once a period was missed), checks recorded with findings (a finding
# becomes a lead of the item's family), an occurrence to check at once, and a roster of
# proposals imported through the profile proposals_roster and screened by the law core
# before the court rules: a commutation proposed before the start time (CHG-01), one
# asking more than the limit (CHG-03), a parole before half the term (CHG-07), a clean one.
set -eu
: "${ZJ:?path to zhijian}"
cd "$(mktemp -d)"
DB=$PWD/t.db
fail() { echo "FAIL: $*" >&2; exit 1; }
"$ZJ" duty items --db "$DB" > items.txt
[ "$(wc -l < items.txt)" = 17 ] || fail "17 checklist items: $(cat items.txt)"
grep -q '^video .*每日 抽查重点时段监控录像' items.txt || fail "daily item"
grep -q '^roster .*每批 审查提请减刑假释暂予监外执行花名册' items.txt || fail "batch item"

sqlite3 "$DB" <<'EOF'
INSERT INTO facilities(facility_id, name, kind, region_code) VALUES
 ('P1', '某监狱', 'prison', '320100'), ('P2', '另一监狱', 'prison', '320200'),
 ('C1', '某中级人民法院', 'court', '320100');
INSERT INTO persons(person_id, name, birth_date) VALUES ('A', '甲', '1980-01-01'), ('B', '乙', '1981-01-01'),
 ('C', '丙', '1982-01-01'), ('D', '丁', '1983-01-01');
INSERT INTO judgments(judgment_id, person_id, case_no, court_id, charges, offense_date, judgment_date,
 effective_date, penalty, term_months) VALUES
 ('JA', 'A', 'N1', 'C1', '盗窃罪', '2019-01-01', '2019-05-01', '2019-05-10', 'fixed_term', 120),
 ('JB', 'B', 'N2', 'C1', '盗窃罪', '2019-01-01', '2019-05-01', '2019-05-10', 'fixed_term', 120),
 ('JC', 'C', 'N3', 'C1', '盗窃罪', '2019-01-01', '2019-05-01', '2019-05-10', 'fixed_term', 180),
 ('JD', 'D', 'N4', 'C1', '盗窃罪', '2019-01-01', '2019-05-01', '2019-05-10', 'fixed_term', 120);
INSERT INTO custody(event_id, person_id, facility_id, event_type, event_date, judgment_id) VALUES
 ('EA', 'A', 'P1', 'admit', '2019-06-01', 'JA'), ('EB', 'B', 'P1', 'admit', '2019-06-01', 'JB'),
 ('EC', 'C', 'P1', 'admit', '2019-06-01', 'JC'), ('ED', 'D', 'P1', 'admit', '2019-06-01', 'JD');
EOF

today() { "$ZJ" duty today --db "$DB" --facility P1 --as-of "$1" --format json; }
py() { python3 -c "import json,sys; j=json.load(sys.stdin); $1"; }

today 2025-03-12 | py "assert (j['due'], j['overdue'], len(j['items'])) == (11, 0, 11), (j['due'], j['overdue'])"
"$ZJ" duty record video --db "$DB" --facility P1 --date 2025-03-10 --findings '' >/dev/null
"$ZJ" duty record visits --db "$DB" --facility P1 --date 2025-02-20 >/dev/null
today 2025-03-12 | py "
s = {i['item_id']: (i['state'], i['deadline'], i['days_late']) for i in j['items']}
assert s['video'] == ('overdue', '2025-03-11', 1), s['video']
assert s['visits'] == ('due', '2025-03-31', 0), s['visits']
assert s['solitary'] == ('overdue', '2025-03-09', 3), s['solitary']   # week of 03-03 missed
assert j['calendar_start'] == '2025-02-20'
"
"$ZJ" duty today --db "$DB" --facility P1 --as-of 2025-03-12 > today.txt
grep -q '^逾期 .*video .*每日  抽查重点时段监控录像  （2025-03-11 起逾期 1 天）' today.txt || fail "text: $(cat today.txt)"

# a finding becomes a lead (family custody, the person held at P1); a person held elsewhere is refused
out=$("$ZJ" duty record solitary --db "$DB" --facility P1 --date 2025-03-12 --findings '罪犯甲禁闭超过十五日未重新审批' --lead --person A --severity high)
lead=$(echo "$out" | py "print(j['lead_id'])")
[ "$(sqlite3 "$DB" "SELECT model_id, source, family, severity, person_id FROM leads WHERE lead_id = $lead")" = 'DUTY-CHECK|resident|custody|high|A' ] || fail "lead"
sqlite3 "$DB" "INSERT INTO persons(person_id, name, birth_date) VALUES ('X', '戊', '1984-01-01'); INSERT INTO custody(event_id, person_id, facility_id, event_type, event_date) VALUES ('EX', 'X', 'P2', 'admit', '2020-01-01');"
if "$ZJ" duty record solitary --db "$DB" --facility P1 --date 2025-03-12 --findings x --lead --person X 2>err.txt; then fail "person held elsewhere"; fi
grep -q "X" err.txt || fail "refusal names the person: $(cat err.txt)"
today 2025-03-12 | py "assert [i for i in j['items'] if i['item_id']=='solitary'][0]['state'] == 'done'"

# an occurrence to check at once
"$ZJ" duty event self_harm --db "$DB" --facility P1 --date 2025-03-12 --description '罪犯乙吞食异物' --person B > ev.json
ev=$(py "print(j['event_id'])" < ev.json)
today 2025-03-13 | py "o=j['once'][0]; assert (o['item_id'], o['state'], o['days_late'], o['ref']) == ('self_harm', 'overdue', 1, $ev), o"
if "$ZJ" duty record self_harm --db "$DB" --facility P1 --date 2025-03-13 2>/dev/null; then fail "an occurrence check names the occurrence"; fi
"$ZJ" duty record self_harm --db "$DB" --facility P1 --date 2025-03-13 --event "$ev" --findings '已调取监控，戒具使用合规' >/dev/null
today 2025-03-13 | py "assert j['once'][0]['state'] == 'done'"
# each change made from the command line is audited, with its actor, as the web's are
rec=$("$ZJ" duty record video --db "$DB" --facility P1 --date 2025-03-13 --actor cli-res | py "print(j['record_id'])")
[ "$(sqlite3 "$DB" "SELECT group_concat(object || ' ' || detail, ';') FROM audit_log WHERE actor = 'cli-res'")" = "duty:$rec 派驻检察日常检察" ] \
  || fail "duty record not audited"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM audit_log WHERE action = 'change' AND object = 'duty-event:$ev'")" = 1 ] \
  || fail "duty event not audited"
today 2025-03-14 | py "assert j['once'] == []"

# the roster of proposals (批次 2025-1), received with the proposals of 2025-03-14
cat > roster.csv <<'EOF'
提请编号,罪犯编号,罪犯姓名,判决编号,提请类型,提请机关,提请日期,批次,理由,建议减刑幅度,考核分
T1,A,甲,JA,减刑,P1,2019-09-01,2025-1,repentance,6个月,
T2,B,乙,JB,减刑,P1,2025-03-14,2025-1,repentance,3年,
T3,C,丙,JC,假释,P1,2025-03-14,2025-1,repentance,,
T4,D,丁,JD,减刑,P1,2025-03-14,2025-1,repentance,6个月,
EOF
"$ZJ" import --db "$DB" --as-of 2025-03-14 --profile proposals_roster roster.csv > imp.txt || fail "import: $(cat imp.txt)"
[ "$(sqlite3 "$DB" 'SELECT count(*) FROM proposals')" = 4 ] || fail "proposals loaded"
today 2025-03-24 | py "o=[x for x in j['once'] if x['kind']=='batch'][0]; assert (o['due'], o['state']) == ('2025-03-24', 'due'), o"
today 2025-03-25 | py "o=[x for x in j['once'] if x['kind']=='batch'][0]; assert (o['state'], o['days_late']) == ('overdue', 1), o"
"$ZJ" duty roster --db "$DB" --facility P1 --screen --format json > r.json 2> screen.txt
grep -q 'screened 4 proposals, 3 with findings' screen.txt || fail "screen: $(cat screen.txt)"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM audit_log WHERE action = 'change' AND object = 'duty-roster'")" = 1 ] \
  || fail "roster screening not audited"
py "
f = {p['proposal_id']: sorted({x['model_id'] for x in p['findings']}) for p in j}
assert f == {'T1': ['CHG-01'], 'T2': ['CHG-03'], 'T3': ['CHG-07'], 'T4': []}, f
assert all(p['checked'] for p in j)
" < r.json
batch=$(py "print(j[0]['batch_id'])" < r.json)
"$ZJ" duty record roster --db "$DB" --facility P1 --date 2025-03-20 --roster "$batch" --findings '3 人提请不符合条件，已提出检察意见' >/dev/null
today 2025-03-20 | py "o=[x for x in j['once'] if x['kind']=='batch'][0]; assert o['state'] == 'done', o"
# screened proposals are not screened again; a roster of another facility is not P1's
"$ZJ" duty roster --db "$DB" --facility P1 --screen > /dev/null 2> screen2.txt
grep -q 'screened 0 proposals' screen2.txt || fail "rescreen: $(cat screen2.txt)"
"$ZJ" duty today --db "$DB" --facility P2 --as-of 2025-03-24 --format json | py "assert j['once'] == []"
