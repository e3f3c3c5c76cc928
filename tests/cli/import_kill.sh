#!/usr/bin/env bash
# SIGKILL in the middle of an import: the database passes integrity_check, each file is
# all-or-nothing (a file's rows exist exactly when its finished batch does, with its
# counts), and a re-run completes.
#  1. deterministic: custody.csv is a FIFO fed half of its rows; the import is killed while
#     it waits for the rest, so it is certainly inside the custody transaction;
#  2. a big generated file killed after a short delay (whatever point it reached).
set -eu
: "${ZJ:?path to zhijian}"
T=$(mktemp -d); trap 'exec 3>&- 2>/dev/null; rm -rf "$T"' EXIT; cd "$T"
DB="$T/zj.db"
N=${ZJ_KILL_ROWS:-200000}
mkdir d d2
printf 'facility_id,name,kind,region_code\nPR1,第一监狱,prison,110105\n' >d/facilities.csv
awk 'BEGIN { print "person_id,name,birth_date"; for (i = 1; i <= 2000; i++) printf "P%d,某%d,1980-01-01\n", i, i }' >d/persons.csv
gen() { awk -v n="$1" -v p="$2" 'BEGIN { print "event_id,person_id,facility_id,event_type,event_date";
  for (i = 1; i <= n; i++) printf "%s%d,P%d,PR1,%s,20%02d-%02d-%02d\n", p, i, i % 2000 + 1, (i % 2 ? "admit" : "transfer_in"), i % 20 + 1, i % 12 + 1, i % 28 + 1 }'; }
gen "$N" E >custody.full

consistent() {
  [ "$(sqlite3 "$DB" "PRAGMA integrity_check")" = ok ] || { echo "integrity_check failed"; exit 1; }
  for f in facilities persons custody; do
    rows=$(sqlite3 "$DB" "SELECT count(*) FROM $f")
    loaded=$(sqlite3 "$DB" "SELECT coalesce(sum(loaded), 0) FROM import_batches WHERE feed = '$f'")
    [ "$rows" = "$loaded" ] || { echo "$f: $rows rows but batches say $loaded"; exit 1; }
    [ "$(sqlite3 "$DB" "SELECT count(*) FROM import_batches WHERE feed = '$f' AND finished_at IS NULL")" = 0 ]
    echo "$f batches=$(sqlite3 "$DB" "SELECT count(*) FROM import_batches WHERE feed = '$f'") rows=$rows"
  done
}

# 1. killed inside the custody file
mkfifo d/custody.csv
"$ZJ" import --db "$DB" --as-of 2025-06-30 d >/dev/null 2>&1 &
pid=$!
exec 3<>d/custody.csv            # keep the FIFO open: no end of file for the importer
head -n $((N / 2)) custody.full >&3
sleep 1
kill -9 $pid
set +e; wait $pid 2>/dev/null; rc=$?; set -e
exec 3>&-
[ $rc = 137 ]
consistent >state1
grep -q "^custody batches=0 rows=0$" state1
rm d/custody.csv && cp custody.full d/custody.csv
# the re-run completes and loads everything
"$ZJ" import --db "$DB" --as-of 2025-06-30 d >out 2>/dev/null
consistent >state2
grep -q "^custody batches=1 rows=$N$" state2
grep -q "^persons batches=[12] rows=2000$" state2
# the secondary index dropped for the bulk load is back (custody_facility; the table's
# person order is its primary key, src/store/layout.c)
[ "$(sqlite3 "$DB" "SELECT group_concat(name) FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'custody' AND sql IS NOT NULL")" = custody_facility ]

# 2. a big file killed after a short delay: all of it or none of it
gen "$N" K >d2/custody.csv
"$ZJ" import --db "$DB" --as-of 2025-06-30 d2 >/dev/null 2>&1 &
pid=$!
sleep 0.7
kill -9 $pid 2>/dev/null || true
wait $pid 2>/dev/null || true
consistent >state3
grep -Eq "^custody batches=(1 rows=$N|2 rows=$((2 * N)))$" state3
"$ZJ" import --db "$DB" --as-of 2025-06-30 d2 >/dev/null 2>&1
consistent >state4
grep -q "^custody batches=2 rows=$((2 * N))$" state4 || grep -q "^custody batches=3 rows=$((2 * N))$" state4
echo "import_kill: ok"
