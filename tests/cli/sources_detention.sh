#!/usr/bin/env bash
# A detention centre's roster (profile detention_roster): the centre named as people write
# it — full name, without the province, or its id — found among the facilities; a name
# that is no facility's, or several facilities', rejected with a Chinese reason; a person
# held twice gives two detain events and one persons row; the event's id made of the
# person and the date (the roster has none), so a re-import changes nothing; a row without
# the date rejected, not dropped; `profile check` shows the names as read.
set -eu
: "${ZJ:?path to zhijian}" "${ZJ_SOURCE_DIR:?}"
FIX="$ZJ_SOURCE_DIR/tests/fixtures/sources"
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT; cd "$T"
DB="$T/zj.db"
q() { sqlite3 "$DB" "$1"; }
mkdir fac && cp "$FIX/detention_facilities.csv" fac/facilities.csv
"$ZJ" import --db "$DB" --as-of 2026-06-30 fac >/dev/null

"$ZJ" profile list | grep -q "^detention_roster "
"$ZJ" profile check auto "$FIX/detention.csv" --rows 2 >check.out
grep -q "profile detention_roster" check.out
grep -q "G   羁押场所 *facility  → custody.facility_id" check.out
grep -q "row 3 → custody: event_id=K1-detain-2025-03-05 person_id=K1 facility_id=浙江省杭州市看守所 event_type=detain event_date=2025-03-05" check.out
[ "$(q "SELECT count(*) FROM persons")" = 0 ]

"$ZJ" import --db "$DB" --as-of 2026-06-30 --profile auto "$FIX/detention.csv" >i.out 2>i.err
grep -q "unknown column not loaded: '家属电话' (L)" i.err
awk '$1 == "persons" && $3 != 6 || $1 == "custody" && ($3 != 4 || $6 != 3) { print "counts: " $0; exit 1 }' i.out
[ "$(q "SELECT group_concat(event_id || ' ' || person_id || ' ' || facility_id || ' ' || event_type || ' ' || event_date, '|') FROM (SELECT * FROM custody ORDER BY 1)")" = \
  "K1-detain-2025-03-05 K1 DC1 detain 2025-03-05|K1-detain-2025-06-01 K1 DC2 detain 2025-06-01|K2-detain-2025-04-10 K2 DC1 detain 2025-04-10|K3-detain-2025-04-01 K3 DC2 detain 2025-04-01" ]
[ "$(q "SELECT id_number FROM persons WHERE person_id = 'K1'")" = 330102199001021512 ]
[ "$(q "SELECT group_concat(line || ' ' || cell || ' ' || source_column || ' ' || reason_zh, '|') FROM (SELECT * FROM rejects ORDER BY line)")" = \
  "6 G6 羁押场所 有多个场所名为“第一看守所”，请填写场所编号|7 G7 羁押场所 机构表中没有名为“上海市看守所”的场所（请先导入机构表，或填写场所编号）|9 H9 入所日期 “入所日期”为空，无法生成事件编号" ]

# again: nothing changes, the rejects are those of this import
"$ZJ" import --db "$DB" --as-of 2026-06-30 --profile detention_roster "$FIX/detention.csv" >i2.out 2>/dev/null
awk '$1 == "persons" && ($3 != 0 || $4 != 0) || $1 == "custody" && ($3 != 0 || $4 != 0 || $5 != 4) { print "re-import: " $0; exit 1 }' i2.out
[ "$(q "SELECT count(*) FROM rejects")" = 3 ]

# a profile of one's own with a template that names another feed is refused
sed 's/value = "{custody.person_id}-detain-{custody.event_date}"/value = "{persons.name}"/' \
  "$ZJ_SOURCE_DIR/profiles/detention_roster.toml" >own.toml
if "$ZJ" profile show own.toml 2>own.err; then exit 1; fi
grep -q "{persons.name} is not a column of the feed it fills" own.err
echo "sources_detention: ok"
