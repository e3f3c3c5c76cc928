#!/usr/bin/env bash
# rows that refer to an unknown key are rejected as 'unknown reference' and kept pending;
# `import --retry-rejects` loads them once the references exist (in feed order, so a
# judgment retried first lets its custody event load too); the others stay pending.
set -eu
: "${ZJ:?path to zhijian}"
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT; cd "$T"
DB="$T/zj.db"
mkdir d1 d2
cat >d1/facilities.csv <<'CSV'
facility_id,name,kind,region_code
PR1,第一监狱,prison,110105
CT1,法院,court,110105
CSV
cat >d1/judgments.csv <<'CSV'
judgment_id,person_id,case_no,court_id,charges,offense_date,judgment_date,effective_date,penalty,term_months
J1,P1,c1,CT1,盗窃罪,2020-01-01,2020-03-01,2020-03-12,fixed_term,36
J2,P2,c2,CT1,盗窃罪,2020-01-01,2020-03-01,2020-03-12,fixed_term,36
CSV
cat >d1/custody.csv <<'CSV'
event_id,person_id,facility_id,event_type,event_date,judgment_id
E1,P1,PR1,admit,2020-04-01,J1
CSV
"$ZJ" import --db "$DB" --as-of 2025-06-30 d1 >out1 2>/dev/null
[ "$(sqlite3 "$DB" "SELECT count(*) FROM rejects WHERE pending_ref = 1 AND reason LIKE 'unknown reference%'")" = 3 ]
# without --retry-rejects nothing is retried
printf 'person_id,name,birth_date\nP1,张三,1980-01-01\n' >d2/persons.csv
"$ZJ" import --db "$DB" --as-of 2025-06-30 d2 >out2 2>/dev/null
[ "$(sqlite3 "$DB" "SELECT count(*) FROM judgments")" = 0 ]
# the retry alone (no directory)
"$ZJ" import --db "$DB" --retry-rejects --as-of 2025-06-30 >out3 2>/dev/null
grep -q "^retry judgments .*2 pending rows tried, 1 loaded, 1 still rejected" out3
grep -q "^retry custody .*1 pending rows tried, 1 loaded, 0 still rejected" out3
[ "$(sqlite3 "$DB" "SELECT group_concat(judgment_id) FROM judgments")" = J1 ]
[ "$(sqlite3 "$DB" "SELECT judgment_id FROM custody WHERE event_id = 'E1'")" = J1 ]
[ "$(sqlite3 "$DB" "SELECT record_key, pending_ref, line FROM rejects")" = "J2|1|3" ]
[ "$(sqlite3 "$DB" "SELECT count(*) FROM changed_persons WHERE person_id = 'P1'")" = 1 ]
# the retry batch is recorded with its counts
[ "$(sqlite3 "$DB" "SELECT rows_read, loaded, rejected FROM import_batches WHERE feed = 'judgments' AND file = '(retry)'")" = "2|1|1" ]
# a second retry with nothing new changes nothing
"$ZJ" import --db "$DB" --retry-rejects --as-of 2025-06-30 >out4 2>/dev/null
grep -q "^retry judgments .*1 pending rows tried, 0 loaded, 1 still rejected" out4
# a usage error: no directory and no --retry-rejects
set +e; "$ZJ" import --db "$DB" >/dev/null 2>&1; rc=$?; set -e; [ $rc = 2 ]
set +e; "$ZJ" import --db "$DB" --encoding latin1 d1 >/dev/null 2>&1; rc=$?; set -e; [ $rc = 2 ]
set +e; "$ZJ" import --db "$DB" --as-of 2025-02-30 d1 >/dev/null 2>&1; rc=$?; set -e; [ $rc = 2 ]
set +e; "$ZJ" import --db "$DB" "$T/nowhere" >/dev/null 2>&1; rc=$?; set -e; [ $rc = 1 ]
"$ZJ" import --help | grep -q -- "--retry-rejects"
echo "import_retry: ok"
