#!/usr/bin/env bash
# deliberately bad rows: every good row loads, every bad one is listed by `zhijian rejects`
# with its file, line, column and reason, good + rejected = read per feed; a file missing a
# required column is refused as a whole (nothing of it loaded, exit 1); re-importing a fixed
# file replaces its rejects; --strict commits nothing.
set -eu
: "${ZJ:?path to zhijian}" "${ZJ_SOURCE_DIR:?}"
FIX="$ZJ_SOURCE_DIR/tests/fixtures/import"
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT; cd "$T"
DB="$T/zj.db"
col() { awk -v f="$1" -v c="$2" '$1 == f { print $c }' "$3"; }

# --strict first: exit 1, the problems on stderr, nothing committed
set +e; "$ZJ" import --db "$DB" --strict --as-of 2025-06-30 "$FIX/bad" >s.out 2>s.err; rc=$?; set -e
[ $rc = 1 ]
grep -q "nothing was committed" s.err
grep -q "persons.csv:3: birth_date: date '1899-12-31' is before 1900-01-01" s.err
[ "$(sqlite3 "$DB" "SELECT (SELECT count(*) FROM facilities) + (SELECT count(*) FROM persons) + (SELECT count(*) FROM rejects) + (SELECT count(*) FROM import_batches)")" = 0 ]

set +e; "$ZJ" import --db "$DB" --as-of 2025-06-30 "$FIX/bad" >out 2>err; rc=$?; set -e
[ $rc = 1 ]                                   # medical.csv was refused as a whole
grep -q "missing required column 'disease'" err
grep -q "rows rejected: see 'zhijian rejects'" err
# read / loaded / rejected per feed, and read = loaded + replaced + unchanged + rejected
[ "$(col facilities 2 out) $(col facilities 3 out) $(col facilities 6 out)" = "3 2 1" ]
[ "$(col persons 2 out) $(col persons 3 out) $(col persons 6 out)" = "6 2 4" ]
[ "$(col judgments 2 out) $(col judgments 3 out) $(col judgments 6 out)" = "4 1 3" ]
[ "$(col scores 2 out) $(col scores 3 out) $(col scores 6 out)" = "4 2 2" ]
awk 'NR > 1 && $2 != $3 + $4 + $5 + $6 { print "sum mismatch: " $0; bad = 1 } END { exit bad }' out
grep -q "^medical .*FILE REFUSED" out
[ "$(sqlite3 "$DB" "SELECT count(*) FROM medical")" = 0 ]
[ "$(sqlite3 "$DB" "SELECT group_concat(person_id) FROM (SELECT person_id FROM persons ORDER BY 1)")" = "P1,P5" ]
# the multi-line name kept its line end
[ "$(sqlite3 "$DB" "SELECT name FROM persons WHERE person_id = 'P5'")" = "$(printf '钱七\r\n（多行姓名）')" ]

"$ZJ" rejects --db "$DB" >rej.csv
[ "$(head -1 rej.csv)" = "feed,file,line,column,reason,raw" ]
exp() { grep -F -- "$1" rej.csv | grep -qF -- "$2" || { echo "missing reject: $1 … $2"; cat rej.csv; exit 1; }; }
exp "facilities,$FIX/bad/facilities.csv,4,kind," "unknown kind 'jail'"
exp "persons,$FIX/bad/persons.csv,3,birth_date," "before 1900-01-01"
exp "persons,$FIX/bad/persons.csv,4,id_number," "wrong check digit"
exp "persons,$FIX/bad/persons.csv,5,person_id," "duplicate key person_id 'P1'"
exp "persons,$FIX/bad/persons.csv,6,," "row has 4 fields but the header has 5"
exp "judgments,$FIX/bad/judgments.csv,3,person_id," "unknown reference: person_id 'P9'"
exp "judgments,$FIX/bad/judgments.csv,4,effective_date," "is before judgment_date"
exp "judgments,$FIX/bad/judgments.csv,5,term_months," "out of range 6–300"
exp "medical,$FIX/bad/medical.csv,1,disease," "missing required column 'disease'"
exp "scores,$FIX/bad/scores.csv,3,base_points," "out of range 0–100"
exp "scores,$FIX/bad/scores.csv,4,month," "not a real month '2024-13'"
# the raw row is kept verbatim
grep -qF '"J4,P1,（2020）京0105刑初4号,CT1,盗窃罪,2020-01-01,2020-03-01,2020-03-12,有期徒刑,400"' rej.csv
[ "$(grep -c . rej.csv)" = 12 ]
[ "$(sqlite3 "$DB" "SELECT count(*) FROM rejects WHERE pending_ref = 1")" = 1 ]
# json and --feed
"$ZJ" rejects --db "$DB" --format json --feed judgments >rej.json
python3 - rej.json <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
assert len(r) == 3 and all(x["feed"] == "judgments" for x in r), r
assert [x["line"] for x in r] == [3, 4, 5]
assert r[0]["pending_ref"] is True and r[0]["column"] == "person_id" and r[0]["record_key"] == "J2"
PY
set +e; "$ZJ" rejects --db "$DB" --feed nope >/dev/null 2>&1; rc=$?; set -e; [ $rc = 2 ]

# a fixed file re-imported replaces its rejects (the unchanged rows count as unchanged)
mkdir work && cp "$FIX"/bad/*.csv work/
"$ZJ" import --db "$DB" --as-of 2025-06-30 work >/dev/null 2>&1 || true
[ "$(sqlite3 "$DB" "SELECT count(*) FROM rejects WHERE file = '$T/work/scores.csv'")" = 2 ]
sed -i 's/^S2,P1,PR1,2024-02,101/S2,P1,PR1,2024-02,100/; s/2024-13/2024-12/' work/scores.csv
rm work/medical.csv
"$ZJ" import --db "$DB" --as-of 2025-06-30 work >out2 2>/dev/null
[ "$(col scores 2 out2) $(col scores 3 out2) $(col scores 5 out2) $(col scores 6 out2)" = "4 2 2 0" ]
[ "$(sqlite3 "$DB" "SELECT count(*) FROM rejects WHERE file = '$T/work/scores.csv'")" = 0 ]
[ "$(sqlite3 "$DB" "SELECT count(*) FROM rejects WHERE file = '$T/work/persons.csv'")" = 4 ]
[ "$(sqlite3 "$DB" "SELECT count(*) FROM rejects WHERE file = '$FIX/bad/scores.csv'")" = 2 ]

# libcrypto (the files' SHA-256) is loaded at the first file: when it cannot be, the import
# stops with exit 1 and the reason, nothing written (a broken one found first through
# LD_LIBRARY_PATH)
mkdir nolib && : >nolib/libcrypto.so.3
set +e; LD_LIBRARY_PATH="$T/nolib" "$ZJ" import --db nl.db --as-of 2025-06-30 work >nl.out 2>nl.err
rc=$?; set -e
[ $rc = 1 ] || { cat nl.err; exit 1; }
grep -q "cannot load libcrypto.so.3 (package libssl3)" nl.err || { cat nl.err; exit 1; }
[ "$(sqlite3 nl.db "SELECT count(*) FROM import_batches")" = 0 ]
echo "import_bad: ok"
