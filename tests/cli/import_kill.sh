#!/usr/bin/env bash
# SIGKILL in the middle of an import: the database passes integrity_check, each file is
# all-or-nothing (a file's rows exist exactly when its batch does, with its counts), and
# a re-run completes.
set -eu
: "${ZJ:?path to zhijian}"
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT; cd "$T"
DB="$T/zj.db"
N=${ZJ_KILL_ROWS:-300000}
mkdir d
printf 'facility_id,name,kind,region_code\nPR1,第一监狱,prison,110105\n' >d/facilities.csv
awk 'BEGIN { print "person_id,name,birth_date"; for (i = 1; i <= 2000; i++) printf "P%d,某%d,1980-01-01\n", i, i }' >d/persons.csv
awk -v n="$N" 'BEGIN { print "event_id,person_id,facility_id,event_type,event_date";
  for (i = 1; i <= n; i++) printf "E%d,P%d,PR1,%s,20%02d-%02d-%02d\n", i, i % 2000 + 1, (i % 2 ? "admit" : "transfer_in"), i % 20 + 1, i % 12 + 1, i % 28 + 1 }' >d/custody.csv

"$ZJ" import --db "$DB" --as-of 2025-06-30 d >/dev/null 2>&1 &
pid=$!
# wait until the custody file is being written (its batch row is inserted first), then kill
for i in $(seq 1 200); do
  [ -s "$DB-wal" ] && [ "$(stat -c %s "$DB-wal")" -gt 2000000 ] && break
  sleep 0.05
done
kill -9 $pid
set +e; wait $pid; rc=$?; set -e
[ $rc = 137 ] || { echo "import ended before the kill (rc $rc): make ZJ_KILL_ROWS larger"; exit 1; }

[ "$(sqlite3 "$DB" "PRAGMA integrity_check")" = ok ]
consistent() {
  for f in facilities persons custody; do
    b=$(sqlite3 "$DB" "SELECT count(*) FROM import_batches WHERE feed = '$f' AND finished_at IS NOT NULL")
    rows=$(sqlite3 "$DB" "SELECT count(*) FROM $f")
    loaded=$(sqlite3 "$DB" "SELECT coalesce(sum(loaded), 0) FROM import_batches WHERE feed = '$f'")
    [ "$rows" = "$loaded" ] || { echo "$f: $rows rows but batches say $loaded"; exit 1; }
    [ "$(sqlite3 "$DB" "SELECT count(*) FROM import_batches WHERE feed = '$f' AND finished_at IS NULL")" = 0 ]
    echo "$f batches=$b rows=$rows"
  done
}
consistent >state1
# custody was killed mid-way: none of it is there
grep -q "^custody batches=0 rows=0$" state1
# the re-run completes and loads everything
"$ZJ" import --db "$DB" --as-of 2025-06-30 d >out 2>/dev/null
consistent >state2
grep -q "^custody batches=1 rows=$N$" state2
grep -q "^persons batches=[12] rows=2000$" state2
[ "$(sqlite3 "$DB" "PRAGMA integrity_check")" = ok ]
# the secondary indexes dropped for the bulk load are back
[ "$(sqlite3 "$DB" "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'custody' AND sql IS NOT NULL")" = 2 ]
echo "import_kill: ok"
