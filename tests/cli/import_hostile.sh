#!/usr/bin/env bash
# import_hostile.sh — feeds that a careless clerk or a hostile source sends (issue 13): an
# empty and a BOM-only file are each refused alone, with a reject naming the file, and every
# other feed of the directory loads as it would without them; a UTF-8 file with one GBK row
# (whose other rows happen to be valid GB18030 too) keeps its good rows as UTF-8 and rejects
# the GBK row with its line; a UTF-16 file (with or without a byte order mark) is refused
# alone, saying so; NUL bytes, a BOM inside a key and a 2 MB name are rejected rows.
set -eu
: "${ZJ:?path to zhijian}" "${ZJ_SOURCE_DIR:?}"
FIX="$ZJ_SOURCE_DIR/tests/fixtures/import"
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT; cd "$T"
col() { awk -v f="$1" -v c="$2" '$1 == f { print $c }' "$3"; }
fail() { echo "FAIL: $*" >&2; exit 1; }

# --- empty and BOM-only files: refused alone, the other 16 feeds load ---
"$ZJ" import --db ref.db --as-of 2025-06-30 "$FIX/good" >ref.out 2>/dev/null
cp -r "$FIX/good" d1
: > d1/voters.csv
printf '\xEF\xBB\xBF' > d1/activities.csv
set +e; "$ZJ" import --db d1.db --as-of 2025-06-30 d1 >d1.out 2>d1.err; rc=$?; set -e
[ $rc = 1 ] || fail "exit $rc: $(cat d1.err)"
grep -q "voters.csv: file is empty (no header row)" d1.err || fail "no message for the empty file: $(cat d1.err)"
grep -q "activities.csv: file holds only a byte order mark" d1.err || fail "no message for the BOM-only file"
[ "$(sqlite3 d1.db "SELECT feed || ':' || line FROM rejects ORDER BY feed")" = "$(printf 'activities:1\nvoters:1')" ] \
  || fail "rejects: $(sqlite3 d1.db 'SELECT * FROM rejects')"
sqlite3 d1.db "SELECT file FROM rejects WHERE feed = 'voters'" | grep -q '/d1/voters.csv$' || fail "the reject does not name the file"
for f in facilities staff persons judgments custody medical sentence_changes scores merits corrections \
         cc_events property payments cells restraints deaths; do
  [ "$(col $f 3 d1.out)" = "$(col $f 3 ref.out)" ] && [ "$(col $f 3 d1.out)" -gt 0 ] \
    || fail "feed $f loaded $(col $f 3 d1.out), alone $(col $f 3 ref.out)"
done

# --- a UTF-8 file with one GBK row: good rows stay UTF-8, the GBK row is rejected ---
mkdir d2
{ printf 'person_id,id_number,name,gender,birth_date\n'
  i=0; for n in 张伟 王芳 李娜 刘洋 陈静 杨磊 赵敏 黄强; do i=$((i + 1)); printf 'U%d,,%s,M,1980-01-01\n' $i "$n"; done
  printf 'G1,,' ; printf '司马光' | iconv -f UTF-8 -t GBK; printf ',M,1971-01-01\n'; } > d2/persons.csv
iconv -f GB18030 -t UTF-8 d2/persons.csv >/dev/null 2>&1 || fail "the fixture is not also valid GB18030"
"$ZJ" import --db d2.db --as-of 2025-06-30 d2 >d2.out 2>d2.err
[ "$(col persons 3 d2.out) $(col persons 6 d2.out)" = "8 1" ] || fail "$(cat d2.out d2.err)"
[ "$(sqlite3 d2.db "SELECT group_concat(name, ' ') FROM (SELECT name FROM persons ORDER BY rowid)")" = "张伟 王芳 李娜 刘洋 陈静 杨磊 赵敏 黄强" ] \
  || fail "names: $(sqlite3 d2.db 'SELECT name FROM persons')"
[ "$(sqlite3 d2.db "SELECT line FROM rejects")" = 10 ] || fail "the GBK row's line"
sqlite3 d2.db "SELECT reason FROM rejects" | grep -q "not valid UTF-8" || fail "reason"
# a file that is GB18030 through and through is still read as GB18030
mkdir d3 && iconv -f UTF-8 -t GB18030 "$FIX/good/persons.csv" > d3/persons.csv
"$ZJ" import --db d3.db --as-of 2025-06-30 d3 >d3.out 2>d3.err
grep -q "read as GB18030" d3.err && [ "$(col persons 6 d3.out)" = 0 ] || fail "GB18030 file: $(cat d3.err)"
[ "$(sqlite3 d3.db "SELECT name FROM persons WHERE person_id = 'P1'")" = 张三 ]

# --- UTF-16 files (Excel's "Unicode text"), with and without a byte order mark: each refused
# alone, with a reason that says so; the other files load ---
mkdir d5
cp "$FIX/good/facilities.csv" d5/
{ printf '\xFF\xFE'; iconv -f UTF-8 -t UTF-16LE "$FIX/good/persons.csv"; } > d5/persons.csv
iconv -f UTF-8 -t UTF-16BE "$FIX/good/staff.csv" > d5/staff.csv
set +e; "$ZJ" import --db d5.db --as-of 2025-06-30 d5 >d5.out 2>d5.err; rc=$?; set -e
[ $rc = 1 ] || fail "UTF-16: exit $rc: $(cat d5.err)"
[ "$(sqlite3 d5.db "SELECT feed || ':' || line || ':' || (reason LIKE 'file is UTF-16 text%') FROM rejects ORDER BY feed")" = \
  "$(printf 'persons:1:1\nstaff:1:1')" ] || fail "UTF-16 rejects: $(sqlite3 d5.db 'SELECT feed, reason FROM rejects')"
[ "$(col facilities 3 d5.out)" = "$(col facilities 3 ref.out)" ] || fail "facilities beside the UTF-16 files"
grep -q "rejected; the file's" d5.err && fail "a UTF-16 file described as mostly UTF-8: $(cat d5.err)"
"$ZJ" rejects --db d5.db --format xlsx --out d5.xlsx
python3 - d5.xlsx <<'PY' || fail "the Chinese reason of a UTF-16 file"
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
text = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("xl/") and n.endswith(".xml"))
assert "文件是UTF-16编码" in text
PY

# --- NUL bytes, a BOM inside a key, giant fields ---
mkdir d4
{ printf 'person_id,id_number,name,gender,birth_date\n'
  printf 'N1,,张\0三,M,1980-01-01\n'
  printf '\xEF\xBB\xBFN2,,李四,M,1980-01-01\n'
  printf 'N3,,%s,M,1980-01-01\n' "$(head -c 2000000 /dev/zero | tr '\0' 'a')"
  printf 'N4,,王五,M,1980-01-01\n'; } > d4/persons.csv
"$ZJ" import --db d4.db --as-of 2025-06-30 d4 >d4.out 2>d4.err
[ "$(sqlite3 d4.db "SELECT group_concat(person_id) FROM persons")" = N4 ] || fail "loaded: $(sqlite3 d4.db 'SELECT person_id FROM persons')"
reasons=$(sqlite3 d4.db "SELECT line || ':' || reason FROM rejects ORDER BY line")
echo "$reasons" | grep -q "^2:row contains a NUL byte$" || fail "NUL: $reasons"
echo "$reasons" | grep -q "^3:field 'person_id' contains a byte order mark" || fail "BOM in the key: $reasons"
echo "$reasons" | grep -q "^4:field 'name' is 2000000 bytes long (at most 4096)$" || fail "2 MB name: $reasons"
[ "$(echo "$reasons" | wc -l)" = 3 ] || fail "rejects: $reasons"
sqlite3 d4.db "SELECT raw FROM rejects WHERE line = 2" | grep -qF 'N1,,张\x00三' || fail "the NUL row's raw text"
echo ok
