#!/usr/bin/env bash
# import_many.sh — a CSV file's valid rows are written 64 at a time (feed_store_insert_many):
# duplicate keys inside one set of 64 rows, across sets and on a set's boundary, a rejected
# row between them, a key met unchanged and then again, changed rows with their history:
# counts, rejects (in line order, the first row of a key kept) and the table come out as
# when each row is written as it is read.
set -eu
: "${ZJ:?path to zhijian}" "${ZJ_SOURCE_DIR:?}"
FIX="$ZJ_SOURCE_DIR/tests/fixtures/import/good"
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT; cd "$T"
fail() { echo "FAIL: $*" >&2; exit 1; }
mkdir base d
cp "$FIX/facilities.csv" "$FIX/staff.csv" "$FIX/persons.csv" base/
"$ZJ" import --db z.db --as-of 2025-06-30 base >/dev/null

# row i (1..300): key S<i>, person P1/P2, a month of its own, base points i % 90
row() { awk -v i="$1" -v b="$2" 'BEGIN { m = i - 1; printf "S%d,P%d,PR1,%04d-%02d,%d,0,0,O1\n",
  i, i % 2 + 1, 2000 + int(m / 12), m % 12 + 1, b < 0 ? i % 90 : b }'; }
H=score_id,person_id,facility_id,month,base_points,bonus_points,penalty_points,officer_id
{ echo "$H"
  for i in $(seq 1 300); do
    if [ "$i" = 150 ]; then echo "S150,P1,PR1,2012-06,x,0,0,O1"; else row "$i" -1; fi
    case $i in
    10) row 10 -1 ;;   # the same row again, inside the first set of 64
    63) row 2 7 ;;     # an earlier key with other content: the second set's first row
    100) row 5 -1 ;;   # a key of an earlier set
    200) row 199 -1 ;; # the row before, again
    esac
  done; } >d/scores.csv
"$ZJ" import --db z.db --as-of 2025-06-30 d >out1 2>err1 || fail "import 1: $(cat err1)"
grep -q "^scores  *304  *299  *0  *0  *5$" out1 || fail "counts 1: $(cat out1)"
[ "$(sqlite3 z.db "SELECT line || ':' || coalesce(record_key, '') FROM rejects ORDER BY reject_id" | tr '\n' ' ')" \
  = "12:S10 66:S2 104:S5 154:S150 205:S199 " ] || fail "rejects 1: $(sqlite3 z.db 'SELECT line, reason FROM rejects')"
[ "$(sqlite3 z.db "SELECT count(*) FROM rejects WHERE reason LIKE 'duplicate key score_id%'")" = 4 ] \
  || fail "duplicates: $(sqlite3 z.db 'SELECT line, reason FROM rejects')"
[ "$(sqlite3 z.db "SELECT base_points FROM scores WHERE score_id = 'S2'")" = 2 ] || fail "the first S2 is not the one kept"
[ "$(sqlite3 z.db "SELECT count(*) FROM scores")" = 299 ] || fail "rows: $(sqlite3 z.db 'SELECT count(*) FROM scores')"

# again, fixed: S150 valid, S20 and S280 changed, S30 twice (unchanged, then a duplicate)
{ echo "$H"
  for i in $(seq 1 300); do
    case $i in 20|280) row "$i" 89 ;; *) row "$i" -1 ;; esac
    [ "$i" = 31 ] && row 30 -1
  done; } >d/scores.csv
for n in 2 3; do
  "$ZJ" import --db z.db --as-of 2025-06-30 d >out$n 2>err$n || fail "import $n: $(cat err$n)"
done
grep -q "^scores  *301  *1  *2  *297  *1$" out2 || fail "counts 2: $(cat out2)"
grep -q "^scores  *301  *0  *0  *300  *1$" out3 || fail "counts 3: $(cat out3)"
[ "$(sqlite3 z.db "SELECT line || ':' || record_key FROM rejects")" = "33:S30" ] \
  || fail "rejects 2: $(sqlite3 z.db 'SELECT line, reason FROM rejects')"
[ "$(sqlite3 z.db "SELECT group_concat(record_key, ' ') FROM (SELECT record_key FROM history ORDER BY history_id)")" = "S20 S280" ] \
  || fail "history: $(sqlite3 z.db 'SELECT * FROM history')"
[ "$(sqlite3 z.db "SELECT count(*) || ' ' || sum(base_points) FROM scores")" = \
  "300 $(awk 'BEGIN { for (i = 1; i <= 300; i++) s += (i == 20 || i == 280) ? 89 : i % 90; print s }')" ] \
  || fail "table: $(sqlite3 z.db 'SELECT count(*), sum(base_points) FROM scores')"
echo "import_many: ok"
