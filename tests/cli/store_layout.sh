#!/bin/bash
# store_layout.sh — the feed tables in screening order (src/store/layout.c, issue 15): a
# database of the rowid layout (the migrations' own SQL, run by sqlite3, filled with a
# generated county's rows in shuffled order) is converted when zhijian opens it: every
# feed with a group column becomes WITHOUT ROWID keyed (group, order, key) with its key
# UNIQUE, the rows are the same, the other indexes are kept and the ones the primary key
# repeats are dropped, the keys still refuse duplicates and references are still checked;
# its leads equal those of a database made by zhijian from the start; a second open
# changes nothing.
set -u
ZJ=${ZJ:?path to zhijian}
SRC=${ZJ_SOURCE_DIR:?source tree}
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
AS_OF=2025-06-30

"$ZJ" gen --out "$W/feeds" --persons 700 --seed 3 --as-of "$AS_OF" >/dev/null 2>"$W/gen.err" ||
    { cat "$W/gen.err"; fail "gen"; }
"$ZJ" import --db "$W/new.db" --as-of "$AS_OF" "$W/feeds" >/dev/null 2>&1 || fail "import"

# the old layout: every migration's SQL as store.c lists them, recorded as applied (the
# zj_ SQL functions a migration calls on its still empty tables stand in as NULL)
python3 - "$SRC" "$W/old.db" <<'PY' || fail "old schema"
import re, sqlite3, sys
src, path = sys.argv[1], sys.argv[2]
rows = re.findall(r'\{"([a-z0-9-]+)", "(src/store/schema_[a-z0-9_]+\.sql)"\}',
                  open(src + "/src/store/store.c", encoding="utf-8").read())
assert rows, "no migrations found in store.c"
db = sqlite3.connect(path, isolation_level=None)
db.execute("CREATE TABLE schema_migrations(name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
for name, file in rows:
    sql = open(src + "/" + file, encoding="utf-8").read()
    for fn in set(re.findall(r"\b(zj_[a-z0-9_]+)\s*\(", sql)):
        db.create_function(fn, -1, lambda *a: None)
    db.executescript(sql)
    db.execute("INSERT INTO schema_migrations VALUES(?, '2026-01-01T00:00:00Z')", (name,))
PY
[ "$(sqlite3 "$W/old.db" "SELECT count(*) FROM sqlite_schema WHERE sql LIKE '%WITHOUT ROWID%' AND name = 'custody'")" = 0 ] ||
    fail "the old schema is already clustered"
clustered() { sqlite3 "$1" "SELECT name FROM sqlite_schema WHERE type = 'table' AND sql LIKE '%WITHOUT ROWID' ORDER BY name"; }
FEEDS=$(comm -23 <(clustered "$W/new.db") <(clustered "$W/old.db"))
for t in judgments custody medical sentence_changes scores merits corrections cc_events property payments cells restraints activities voters; do
    echo "$FEEDS" | grep -qx "$t" || fail "new database: $t is not clustered"
done
# the same rows, in shuffled order, and every other table zhijian filled (import batches)
{
    echo "ATTACH '$W/new.db' AS n; PRAGMA foreign_keys = OFF; BEGIN;"
    # every feed the import loaded (whatever feeds come later), its batches, and the tables
    # the importer keeps beside them
    for t in $(sqlite3 "$W/new.db" "SELECT DISTINCT feed FROM import_batches ORDER BY feed") \
             import_batches changed_persons \
             $(sqlite3 "$W/new.db" "SELECT name FROM sqlite_schema WHERE type = 'table' AND name = 'person_sealing'"); do
        cols=$(sqlite3 "$W/new.db" "SELECT group_concat('\"' || name || '\"', ', ') FROM pragma_table_info('$t')")
        echo "INSERT INTO main.$t($cols) SELECT $cols FROM n.$t ORDER BY random();"
    done
    echo "COMMIT;"
} | sqlite3 "$W/old.db" || fail "copy into the old layout"

"$ZJ" screen --db "$W/old.db" --as-of "$AS_OF" --jobs 2 >/dev/null || fail "screen (converting)"
"$ZJ" screen --db "$W/new.db" --as-of "$AS_OF" --jobs 2 >/dev/null || fail "screen"
for t in $FEEDS; do
    sqlite3 "$W/old.db" "SELECT sql FROM sqlite_schema WHERE name = '$t'" | grep -q 'WITHOUT ROWID$' ||
        fail "$t not converted"
    a=$(sqlite3 "$W/old.db" "SELECT * FROM $t" | sort | sha256sum)
    b=$(sqlite3 "$W/new.db" "SELECT * FROM $t" | sort | sha256sum)
    [ "$a" = "$b" ] || fail "$t: rows differ after the conversion"
done
diff <("$ZJ" leads --db "$W/old.db" --format csv) <("$ZJ" leads --db "$W/new.db" --format csv) >"$W/leads.diff" ||
    { head -5 "$W/leads.diff"; fail "leads of the converted database differ"; }
[ "$(sqlite3 "$W/old.db" "SELECT count(*) FROM leads")" -gt 0 ] || fail "no leads"

# indexes: the primary key's prefixes dropped, the others kept
idx() { sqlite3 "$1" "SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY name"; }
for gone in custody_person scores_person cc_events_cc corrections_person activities_id_number; do
    idx "$W/old.db" | grep -qx "$gone" && fail "redundant index $gone kept"
done
for kept in custody_facility scores_facility judgments_case_person cells_cell_cover persons_id_number; do
    idx "$W/old.db" | grep -qx "$kept" || fail "index $kept lost"
done
# perf-3: the indexes the clustered tables make redundant
for gone in cc_events_kind judgments_case cells_cell; do
    idx "$W/old.db" | grep -qx "$gone" && fail "redundant index $gone kept (perf-3)"
done
[ "$(idx "$W/old.db")" = "$(idx "$W/new.db")" ] || fail "indexes differ from a new database's"

# the key stays unique, the references are still declared and checked
key=$(sqlite3 "$W/old.db" "SELECT event_id FROM custody LIMIT 1")
sqlite3 "$W/old.db" "INSERT INTO custody(event_id, person_id, facility_id, event_type, event_date)
    SELECT event_id, person_id, facility_id, event_type, '2001-01-01' FROM custody WHERE event_id = '$key'" 2>/dev/null &&
    fail "a duplicate key was accepted"
sqlite3 "$W/old.db" "PRAGMA foreign_keys = ON; INSERT INTO custody(event_id, person_id, facility_id, event_type, event_date)
    VALUES('ZZ1', 'NOBODY', 'NOWHERE', 'admit', '2020-01-01')" 2>/dev/null && fail "an unknown person was accepted"
[ "$(sqlite3 "$W/old.db" "PRAGMA foreign_key_check" | wc -l)" = 0 ] || fail "foreign key check"
[ "$(sqlite3 "$W/old.db" "PRAGMA integrity_check")" = ok ] || fail "integrity"

# a second open changes nothing; an import into the converted database works
before=$(sqlite3 "$W/old.db" "SELECT group_concat(sql, ';') FROM sqlite_schema")
"$ZJ" import --db "$W/old.db" --as-of "$AS_OF" "$W/feeds" >"$W/again.out" 2>&1 || fail "import again"
after=$(sqlite3 "$W/old.db" "SELECT group_concat(sql, ';') FROM sqlite_schema")
[ "$before" = "$after" ] || fail "the schema changed on a second open"
awk '$1 == "total" && ($3 != 0 || $4 != 0 || $6 != 0) { exit 1 }' "$W/again.out" ||
    { cat "$W/again.out"; fail "a second import of the same files changed rows"; }
echo "PASS store_layout"
