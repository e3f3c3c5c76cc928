#!/usr/bin/env bash
# The index builds of bulk mode get a cache of what the import's page cache has not filled,
# and the least one when the file's rows did not fit in the cache (its transaction wrote
# pages out before the COMMIT): the builds' sorts, which SQLite sizes by the cache, spill
# their runs to temporary files instead of holding as much again as the cache in memory.
# The same rows, the same indexes and output as with the cache it fits in.
# ZJ_IMPORT_CACHE_KIB sets the cache (and a sixteenth of it the least) for the test.
set -eu
: "${ZJ:?path to zhijian}"
command -v sqlite3 > /dev/null || { echo "skip: no sqlite3"; exit 0; }
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT; cd "$T"
mkdir d
printf 'facility_id,name,kind,region_code\nPR1,第一监狱,prison,110105\nPR2,第二监狱,prison,110105\n' >d/facilities.csv
awk 'BEGIN { print "person_id,name,birth_date"; for (i = 1; i <= 3000; i++) printf "P%d,某%d,1980-01-01\n", i, i }' >d/persons.csv
# 250,000 rows, 9.6 MB: bulk mode (≥ 8 MB, larger than the table); rows of unknown persons
# rejected
awk 'BEGIN { print "event_id,person_id,facility_id,event_type,event_date";
  for (i = 1; i <= 250000; i++) printf "E%07d,P%d,PR%d,%s,20%02d-%02d-%02d\n", (i * 7919) % 250000, i % 3001 + 1, i % 2 + 1,
    (i % 2 ? "admit" : "transfer_in"), i % 20 + 1, i % 12 + 1, i % 28 + 1 }' >d/custody.csv
[ "$(stat -c %s d/custody.csv)" -ge $((8 << 20)) ] || { echo "custody.csv under 8 MB"; exit 1; }

ZJ_TIMING=1 "$ZJ" import --db a.db --as-of 2025-06-30 d >a.out 2>a.err || true
ZJ_TIMING=1 ZJ_IMPORT_CACHE_KIB=2048 "$ZJ" import --db b.db --as-of 2025-06-30 d >b.out 2>b.err || true
grep "^timing import custody" a.err | grep -q "indexes built with a 2[0-9]\{5\} KiB cache" ||
    { cat a.err; exit 1; }
grep "^timing import custody" b.err | grep -q "indexes built with a 128 KiB cache" ||
    { echo "custody's indexes not built with the smaller cache"; cat b.err; exit 1; }
grep "^timing import persons" b.err | grep -vq "indexes built with" || { cat b.err; exit 1; }
cmp a.out b.out || { diff a.out b.out | head; exit 1; }
grep -q "^custody .* 249917 .*83$" a.out || { cat a.out; exit 1; }
for db in a.db b.db; do
    [ "$(sqlite3 "$db" "PRAGMA integrity_check")" = ok ] || { echo "$db: integrity_check"; exit 1; }
done
for q in "SELECT * FROM custody" \
         "SELECT facility_id, event_date, event_id FROM custody INDEXED BY custody_facility" \
         "SELECT name, sql FROM sqlite_schema WHERE tbl_name = 'custody'" \
         "SELECT feed, line, column_name, reason, raw FROM rejects"; do
    a=$(sqlite3 -csv a.db "$q" | sha256sum)
    b=$(sqlite3 -csv b.db "$q" | sha256sum)
    [ "$a" = "$b" ] || { echo "differs: $q"; exit 1; }
done
echo "import_sort_cache: ok"
