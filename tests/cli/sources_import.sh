#!/usr/bin/env bash
# A source system's files through source profiles (src/sources/): a roster with a title row
# above the header, dates, id numbers and terms in their written forms; a court's list that
# fills persons and judgments (the person repeated on each judgment counts once); every
# unreadable cell rejected with its sheet, cell, header and a Chinese reason; a file without
# the profile's header row refused; re-import unchanged; --strict commits nothing; the
# profile commands; a pending reference loaded by --retry-rejects once it exists.
set -eu
: "${ZJ:?path to zhijian}" "${ZJ_SOURCE_DIR:?}"
FIX="$ZJ_SOURCE_DIR/tests/fixtures/sources"
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT; cd "$T"
DB="$T/zj.db"
col() { awk -v f="$1" -v c="$2" '$1 == f { print $c }' "$3"; }
q() { sqlite3 "$DB" "$1"; }
mkdir fac && cp "$FIX/facilities.csv" fac/
"$ZJ" import --db "$DB" --as-of 2026-06-30 fac >/dev/null

# the profile commands
"$ZJ" profile list >list.out
for p in court_judgments prison_roster sentence_changes custody_register cc_roster restraints property; do
  grep -q "^$p " list.out || { echo "profile $p not listed"; exit 1; }
done
"$ZJ" profile show court_judgments | grep -q "刑罚 | 判处刑罚 | 主刑  \[sentence\] → judgments.penalty judgments.term_months"
"$ZJ" profile check auto "$FIX/roster.csv" >check.out
grep -q "profile prison_roster" check.out
grep -q "header row 2" check.out
grep -q "row 3 → persons: person_id=P1 id_number=33030219970903669X name=郑健华 gender=M birth_date=1997-09-03" check.out
grep -q "row 5 → persons: REJECTED at D5: 无法识别的性别" check.out
grep -q "unknown column not loaded: '家庭住址' (I)" check.out
[ "$(q "SELECT count(*) FROM persons")" = 0 ]      # check stores nothing

# --strict: the rejects are shown, nothing is committed
set +e; "$ZJ" import --db "$DB" --as-of 2026-06-30 --strict --profile prison_roster "$FIX/roster.csv" >s.out 2>s.err; rc=$?; set -e
[ $rc = 1 ]
grep -q "roster.csv \[roster.csv\] D5: unknown gender" s.err
[ "$(q "SELECT count(*) FROM persons") $(q "SELECT count(*) FROM rejects")" = "0 0" ]

"$ZJ" import --db "$DB" --as-of 2026-06-30 --profile prison_roster "$FIX/roster.csv" >r.out 2>r.err
[ "$(col persons 2 r.out) $(col persons 3 r.out) $(col persons 5 r.out) $(col persons 6 r.out)" = "6 3 1 2" ]
grep -q "unknown column not loaded: '家庭住址' (I)" r.err
[ "$(q "SELECT group_concat(person_id || ':' || ifnull(id_number, '') || ':' || birth_date, ' ') FROM (SELECT * FROM persons ORDER BY 1)")" = \
  "P1:33030219970903669X:1997-09-03 P2:330481200211048593:2002-11-04 P5:130102198003151239:2001-01-01" ]
[ "$(q "SELECT group_concat(line || ' ' || sheet || ' ' || cell || ' ' || source_column || ' ' || column_name || ' ' || reason_zh, '|') FROM (SELECT * FROM rejects ORDER BY line)")" = \
  "5 roster.csv D5 性别 gender 无法识别的性别（应为男或女）“未知”|6 roster.csv E6 出生日期 birth_date 日期不存在“20010230”" ]
# rejected rows are kept verbatim
[ "$(q "SELECT raw FROM rejects WHERE line = 5")" = "3,P3,张三,未知,2001-02-30,130102800315123,3年6个月,三监区" ]

# the court's list: persons then judgments, auto-detected
"$ZJ" import --db "$DB" --as-of 2026-06-30 --profile auto "$FIX/judgments.csv" >j.out 2>j.err
grep -q "profile court_judgments" j.err
[ "$(col persons 2 j.out) $(col persons 3 j.out) $(col persons 5 j.out) $(col persons 6 j.out)" = "5 3 2 0" ]
[ "$(col judgments 2 j.out) $(col judgments 3 j.out) $(col judgments 6 j.out)" = "5 3 2" ]
[ "$(q "SELECT case_no || '|' || charges || '|' || penalty || '|' || term_months || '|' || dpr_months || '|' || dpr_life || '|' || offense_date || '|' || judgment_date || '|' || effective_date || '|' || notice_date FROM judgments WHERE judgment_id = 'J1'")" = \
  "（2021）浙0302刑初1号|盗窃罪;抢劫罪|fixed_term|66|36|0|2020-05-01|2021-03-02|2021-03-20|2021-03-25" ]
[ "$(q "SELECT charges || '|' || term_months || '|' || probation_months || '|' || recidivist FROM judgments WHERE judgment_id = 'J2'")" = "故意伤害罪;寻衅滋事罪|36|60|1" ]
[ "$(q "SELECT charges || '|' || penalty || '|' || dpr_life || '|' || flags FROM judgments WHERE judgment_id = 'J3'")" = "走私、贩卖、运输、制造毒品罪|life|1|drug_group_leader" ]
[ "$(q "SELECT cell || ' ' || reason_zh FROM rejects WHERE feed = 'judgments' AND line = 5")" = "N5 刑罚中有无法识别的内容“有期徒刑八年,另有说明”" ]
[ "$(q "SELECT cell || ' ' || pending_ref || ' ' || reason_zh FROM rejects WHERE feed = 'judgments' AND line = 6")" = \
  "H6 1 引用不存在：法院编号“C9”在facilities中没有（待相关数据导入后可重试）" ]
[ "$(q "SELECT profile || ' ' || sheet FROM import_batches WHERE feed = 'judgments'")" = "court_judgments judgments.csv" ]

# the same file again: unchanged, its rejects replaced (not added)
"$ZJ" import --db "$DB" --as-of 2026-06-30 --profile court_judgments "$FIX/judgments.csv" >j2.out 2>/dev/null
[ "$(col judgments 5 j2.out) $(col judgments 6 j2.out)" = "3 2" ]
[ "$(q "SELECT count(*) FROM rejects WHERE feed = 'judgments'")" = 2 ]

# the missing court arrives: --retry-rejects loads the pending judgment from its converted row
printf 'facility_id,name,kind,region_code\nC9,杭州市中级人民法院,court,330100\n' >fac/facilities.csv
"$ZJ" import --db "$DB" --as-of 2026-06-30 --retry-rejects fac >/dev/null
[ "$(q "SELECT penalty || '|' || term_months FROM judgments WHERE judgment_id = 'J5'")" = "fixed_term|96" ]
[ "$(q "SELECT count(*) FROM rejects WHERE feed = 'judgments'")" = 1 ]

# no header row of the profile: the file is refused (exit 1) with a reason
set +e; "$ZJ" import --db "$DB" --as-of 2026-06-30 --profile prison_roster "$FIX/nohead.csv" >n.out 2>n.err; rc=$?; set -e
[ $rc = 1 ]
grep -q "no header row of profile 'prison_roster'" n.err
grep -q "FILE REFUSED" n.out
[ "$(q "SELECT reason_zh FROM rejects WHERE file LIKE '%nohead.csv'")" = "没有哪个工作表的前30行中有该模板的表头行，整个文件未导入" ]
# a profile that does not fit at all
set +e; "$ZJ" import --db "$DB" --profile auto "$FIX/nohead.csv" 2>a.err; rc=$?; set -e
[ $rc = 1 ]
grep -q "no shipped profile matches" a.err
set +e; "$ZJ" import --db "$DB" --profile nosuch "$FIX/roster.csv" 2>u.err; rc=$?; set -e
[ $rc = 1 ]
grep -q "unknown profile 'nosuch'" u.err
# a roster with admissions: 入监日期 at the prison named by 所属监狱 (its name or its id) is a
# custody 'admit', its id made of the person and the date without 入监编号; the same roster
# again changes nothing; a roster without 所属监狱 loads its persons and says so
printf 'facility_id,name,kind,region_code\nP9,浙江省第九监狱,prison,330000\n' >fac/facilities.csv
"$ZJ" import --db "$DB" --as-of 2026-06-30 fac >/dev/null
printf '浙江省第九监狱罪犯花名册,,,,,,\n罪犯编号,罪犯姓名,性别,出生日期,入监日期,所属监狱,监区\nP1,郑健华,男,1997-09-03,2021年4月2日,浙江省第九监狱,一监区\nP2,孟志,男,2002-11-04,2022.1.5,P9,二监区\n' >adm.csv
"$ZJ" import --db "$DB" --as-of 2026-06-30 --profile prison_roster adm.csv >adm.out 2>adm.err
[ "$(col custody 2 adm.out) $(col custody 3 adm.out) $(col total 6 adm.out)" = "2 2 0" ]
[ "$(q "SELECT group_concat(event_id || ' ' || person_id || ' ' || facility_id || ' ' || event_type || ' ' || event_date, '|') FROM (SELECT * FROM custody ORDER BY 1)")" = \
  "P1-admit-2021-04-02 P1 P9 admit 2021-04-02|P2-admit-2022-01-05 P2 P9 admit 2022-01-05" ]
"$ZJ" import --db "$DB" --as-of 2026-06-30 --profile prison_roster adm.csv >adm2.out 2>/dev/null
[ "$(col custody 3 adm2.out) $(col custody 5 adm2.out)" = "0 2" ]
printf '罪犯编号,罪犯姓名,性别,出生日期,入监日期,监区\nP5,王五,女,2001-01-01,2023-03-01,四监区\n' >noprison.csv
"$ZJ" import --db "$DB" --as-of 2026-06-30 --profile prison_roster noprison.csv >np.out 2>np.err
grep -q "no column '所属监狱' (custody.facility_id): no custody rows are read from this sheet" np.err
[ "$(col persons 2 np.out) $(col persons 6 np.out) $(q "SELECT count(*) FROM custody") $(q "SELECT count(*) FROM rejects WHERE file LIKE '%noprison.csv'")" = "1 0 2 0" ]
echo "sources_import: ok"
