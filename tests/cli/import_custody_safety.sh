#!/usr/bin/env bash
# the custody-safety feeds of version 2 (incidents, incident_persons, labour, release_prep):
# every good row loads, every bad one (unknown enum, 32 rest days, more rest days than the
# month has, transferred before filed, an unknown incident_id, a court as the facility …) is
# rejected with its reason; re-importing is idempotent; the persons of the rows are marked
# changed; `zhijian person` shows the custody-safety section.
set -eu
: "${ZJ:?path to zhijian}" "${ZJ_SOURCE_DIR:?}"
FIX="$ZJ_SOURCE_DIR/tests/fixtures/custody_safety"
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT; cd "$T"
DB="$T/zj.db"
col() { awk -v f="$1" -v c="$2" '$1 == f { print $c }' "$3"; }

set +e; "$ZJ" import --db "$DB" --as-of 2025-06-30 "$FIX" >out 2>err; rc=$?; set -e
[ $rc = 0 ] || { cat out err; exit 1; }
grep -q "rows rejected: see 'zhijian rejects'" err
[ "$(col incidents 2 out) $(col incidents 3 out) $(col incidents 6 out)" = "9 3 6" ]
[ "$(col incident_persons 2 out) $(col incident_persons 3 out) $(col incident_persons 6 out)" = "7 4 3" ]
[ "$(col labour 2 out) $(col labour 3 out) $(col labour 6 out)" = "8 3 5" ]
[ "$(col release_prep 2 out) $(col release_prep 3 out) $(col release_prep 6 out)" = "5 2 3" ]
[ "$(sqlite3 "$DB" "SELECT group_concat(incident_id) FROM (SELECT incident_id FROM incidents ORDER BY 1)")" = "I1,I2,I3" ]
[ "$(sqlite3 "$DB" "SELECT group_concat(record_id) FROM (SELECT record_id FROM labour ORDER BY 1)")" = "L1,L2,L5" ]
# Chinese labels are stored as the English ids
[ "$(sqlite3 "$DB" "SELECT kind || ',' || item || ',' || source FROM incidents WHERE incident_id = 'I2'")" = "contraband,phone,visitor" ]
[ "$(sqlite3 "$DB" "SELECT role FROM incident_persons WHERE record_id = 'IP2'")" = "victim" ]
[ "$(sqlite3 "$DB" "SELECT kind FROM release_prep WHERE record_id = 'R2'")" = "resettlement_notice" ]

"$ZJ" rejects --db "$DB" >rej.csv
exp() { grep -F -- "$1" rej.csv | grep -qF -- "$2" || { echo "missing reject: $1 … $2"; cat rej.csv; exit 1; }; }
exp "incidents,$FIX/incidents.csv,5,kind," "unknown kind 'riot'"
exp "incidents,$FIX/incidents.csv,6,transferred_date," "is before case_filed_date"
exp "incidents,$FIX/incidents.csv,7,facility_id," "CT1"
exp "incidents,$FIX/incidents.csv,8,injury," "unknown injury 'bruise'"
exp "incidents,$FIX/incidents.csv,9,source," "unknown source 'neighbour'"
exp "incidents,$FIX/incidents.csv,10,case_filed_date," "is before incident_date"
exp "incident_persons,$FIX/incident_persons.csv,6,incident_id," "unknown reference: incident_id 'I99'"
exp "incident_persons,$FIX/incident_persons.csv,7,person_id," "unknown reference: person_id 'P9'"
exp "incident_persons,$FIX/incident_persons.csv,8,role," "unknown role 'bystander'"
exp "labour,$FIX/labour.csv,4,rest_days," "rest_days '32' is out of range 0–31"
exp "labour,$FIX/labour.csv,5,rest_days," "rest_days '29' is more than the 28 days of 2025-02"
exp "labour,$FIX/labour.csv,7,hours," "hours '401' is out of range 0–400"
exp "labour,$FIX/labour.csv,8,facility_id," "CT1"
exp "labour,$FIX/labour.csv,9,month," "2025-13"
exp "release_prep,$FIX/release_prep.csv,4,kind," "unknown kind 'farewell'"
exp "release_prep,$FIX/release_prep.csv,5,receiver_region," "11010"
exp "release_prep,$FIX/release_prep.csv,6,event_date," "after the as-of date"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM rejects WHERE feed IN ('incidents','incident_persons','labour','release_prep')")" = 17 ]
[ "$(sqlite3 "$DB" "SELECT count(*) FROM rejects WHERE pending_ref = 1 AND feed = 'incident_persons'")" = 2 ]

# the persons of the rows are changed (for incremental screening)
[ "$(sqlite3 "$DB" "SELECT group_concat(person_id) FROM (SELECT person_id FROM changed_persons ORDER BY 1)")" = "P1,P2,P3" ]

# re-importing the same directory changes nothing
sqlite3 "$DB" "SELECT 'incidents', * FROM incidents UNION ALL SELECT 'ip', *, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM incident_persons" >before
"$ZJ" import --db "$DB" --as-of 2025-06-30 "$FIX" >out2 2>/dev/null
[ "$(col incidents 5 out2) $(col labour 5 out2) $(col release_prep 5 out2) $(col incident_persons 5 out2)" = "3 3 2 4" ]
[ "$(sqlite3 "$DB" "SELECT count(*) FROM history WHERE feed IN ('incidents','incident_persons','labour','release_prep')")" = 0 ]

# a changed incident (filed later) marks the persons of the incident as changed
sqlite3 "$DB" "DELETE FROM changed_persons"
mkdir fix2 && cp "$FIX"/*.csv fix2/
sed -i 's/^I2,PR1,2025-02-01,违禁品,,手机,会见人员,3-101,,,,/I2,PR1,2025-02-01,违禁品,,手机,会见人员,3-101,,2025-02-10,,/' fix2/incidents.csv
"$ZJ" import --db "$DB" --as-of 2025-06-30 fix2 >out3 2>/dev/null
[ "$(col incidents 4 out3)" = 1 ]
[ "$(sqlite3 "$DB" "SELECT case_filed_date FROM incidents WHERE incident_id = 'I2'")" = 2025-02-10 ]
[ "$(sqlite3 "$DB" "SELECT group_concat(person_id) FROM changed_persons")" = "P2" ]

# the person's custody-safety section
"$ZJ" person --db "$DB" --as-of 2025-06-30 P1 >p1.txt
grep -q "^监管安全事件" p1.txt
grep -q "2025-01-10 I1 欺压他犯（牢头狱霸） 施害方 伤情 轻伤 北京市第一监狱 监室 3-101 立案 2025-01-20 移送起诉 2025-03-01" p1.txt
grep -q "2025-02 PR1 190小时 休息8日" p1.txt
grep -q "2025-03-15 R2 安置帮教衔接通知 PR1 接收地 110105" p1.txt
"$ZJ" person --db "$DB" --as-of 2025-06-30 P2 >p2.txt
grep -q "2025-02-01 I2 违禁品 携带者 伤情 无 北京市第一监狱 监室 3-101 物品 手机 来源 会见人员 立案 2025-02-10" p2.txt
# the person picture's lane 监管安全 (SVG and its HTML page): the incident, the labour
# months folded into one band, the release preparation
"$ZJ" person --db "$DB" --as-of 2025-06-30 --format svg P1 >p1.svg
grep -q '>监管安全<' p1.svg
grep -q '<g class="pp-mark safety-incident" data-ref="I1"><title>监管安全事件 I1 2025-01-10 欺压他犯（牢头狱霸）（施害方，轻伤）</title>' p1.svg
grep -q '<g class="pp-band labour" data-ref="L1"><title>劳动 2025-01 至 2025-02 北京市第一监狱，2个月，最多200小时/月，最少休息4日/月</title>' p1.svg
[ "$(grep -o 'class="pp-mark release-prep"' p1.svg | wc -l)" = 2 ]
grep -q '<title>出监教育 R1 2025-03-01</title>' p1.svg
"$ZJ" person --db "$DB" --as-of 2025-06-30 --format html P1 >p1.html
grep -q '<a href="#r-I1"><g class="pp-mark safety-incident"' p1.html
grep -q '<tr id="r-I1"><td>2025-01-10</td><td>I1</td><td>监管安全事件</td>' p1.html
grep -q '<tr id="r-L2"><td>2025-02</td><td>L2</td><td>劳动</td><td>2025-02 190小时，休息8日</td></tr>' p1.html
echo "import_custody_safety: ok"
