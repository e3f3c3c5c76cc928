#!/bin/bash
# person_parts.sh — the table person_parts (migration person-parts-1, src/store/presence.h)
# says which of sentence_changes, medical, merits, corrections, property, restraints and
# deaths a person may have rows in, and an incremental screening's cursors leave out the
# changed persons a table holds nothing for (src/models/engine.c changed_sql). Checked on
# a generated county:
#   - after the import, and after a day that gives persons rows in tables they had none
#     in (and moves a merit to another person), every person's bits are those of the
#     tables (a moved row's old person may keep its bit: a bit says "may have rows");
#   - the migrations build the same bits on a database without them;
#   - the day's incremental screening leaves the same leads, word for word, with the bits
#     as with every person sought in every table (ZJ_SCREEN_SEEK_ALL=1), with some
#     persons unknown (no person_parts row), and as a full screening of the same data;
#   - after a batch of a program that keeps no bits (person_parts_state, migration
#     person-parts-2) the bits are not trusted, and the next import builds them again.
set -u
ZJ=${ZJ:?path to zhijian}
HERE=$(cd "$(dirname "$0")" && pwd) # same_leads.py
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
export ZJ_MODELS_DIR="$W/no-models"
mkdir "$ZJ_MODELS_DIR"
AS_OF=2025-06-30

"$ZJ" gen --out "$W/feeds" --persons 1500 --seed 11 --as-of $AS_OF >/dev/null 2>&1 || fail "gen"
"$ZJ" import --db "$W/a.db" --as-of $AS_OF "$W/feeds" >/dev/null 2>&1 || fail "import"

# every person's bits against the tables: missing (a bit clear where rows are: wrong),
# extra (set where none are: allowed only where $2 says), unknown persons
check_bits() {
    python3 - "$1" "${2:-0}" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
extra_ok = sys.argv[2] == "1"
tables = ["sentence_changes", "medical", "merits", "corrections", "property", "restraints",
          "deaths"]
exact = {p: 0 for (p,) in db.execute("SELECT person_id FROM persons")}
for i, t in enumerate(tables):
    for (p,) in db.execute(f"SELECT DISTINCT person_id FROM {t}"):
        exact[p] = exact.get(p, 0) | 1 << i
kept = dict(db.execute("SELECT person_id, parts FROM person_parts"))
unknown = [p for p in exact if p not in kept]
missing = [p for p in exact if p in kept and exact[p] & ~kept[p]]
extra = [p for p in exact if p in kept and kept[p] & ~exact[p]]
assert not unknown, f"persons without bits: {unknown[:5]}"
assert not missing, f"bits clear where rows are: {[(p, exact[p], kept[p]) for p in missing[:5]]}"
assert extra_ok or not extra, f"bits set where no rows are: {extra[:5]}"
for i, t in enumerate(tables[:5]):
    n = sum(1 for v in exact.values() if v & 1 << i)
    assert 0 < n < len(exact), f"{t}: {n} of {len(exact)} persons: the check says nothing"
PY
}
check_bits "$W/a.db" || fail "the bits after the import"

# the migrations on a database without the tables: the same bits
cp "$W/a.db" "$W/m.db"
sqlite3 "$W/m.db" "DROP TABLE person_parts; DROP TABLE person_parts_state;
    DELETE FROM schema_migrations WHERE name IN ('person-parts-1', 'person-parts-2')" ||
    fail "dropping person_parts"
"$ZJ" leads --db "$W/m.db" --as-of $AS_OF --format csv >/dev/null || fail "opening m.db"
[ "$(sqlite3 "$W/a.db" "SELECT group_concat(person_id || ':' || parts) FROM person_parts")" = \
    "$(sqlite3 "$W/m.db" "SELECT group_concat(person_id || ':' || parts) FROM person_parts")" ] ||
    fail "the migration's bits differ from the import's"

"$ZJ" screen --db "$W/a.db" --as-of $AS_OF --full --jobs 2 >/dev/null || fail "full screening"

# the day: for every 9th person, a merit, a restraint, a medical exam and a property
# enforcement copied from other persons' rows (new keys; the enforcement on one of the
# person's own judgments), a death for every 100th; one merit moved to another person
mkdir "$W/day"
python3 - "$W" <<'PY' || fail "writing the day"
import csv, sys
w = sys.argv[1]
def rows(name):
    with open(f"{w}/feeds/{name}.csv", encoding="utf-8", newline="") as f:
        r = csv.DictReader(f)
        return r.fieldnames, list(r)
def write(name, hdr, out):
    with open(f"{w}/day/{name}.csv", "w", encoding="utf-8", newline="") as f:
        wr = csv.DictWriter(f, fieldnames=hdr)
        wr.writeheader()
        wr.writerows(out)
_, persons = rows("persons")
ids = sorted(p["person_id"] for p in persons)
_, judgments = rows("judgments")
jud = {}
for j in judgments:
    jud.setdefault(j["person_id"], j)
picked = [p for i, p in enumerate(ids) if i % 9 == 4 and p in jud]
for name, key in (("merits", "merit_id"), ("restraints", "record_id"),
                  ("medical", "exam_id"), ("property", "enforcement_id")):
    hdr, src = rows(name)
    out = []
    for n, p in enumerate(picked):
        r = dict(src[n % len(src)])
        r[key] = f"DAY-{key}-{n}"
        r["person_id"] = p
        if name == "property":
            r["judgment_id"] = jud[p]["judgment_id"]
            r["court_id"] = jud[p]["court_id"]
        out.append(r)
    if name == "merits":
        moved = dict(src[0])
        moved["person_id"] = next(p for p in ids if p != src[0]["person_id"] and p not in picked)
        out.append(moved)
    write(name, hdr, out)
hdr, deaths = rows("deaths")
dead = {d["person_id"] for d in deaths}
out = []
for n, p in enumerate(ids[::100]):
    if p not in dead:
        r = dict(deaths[n % len(deaths)])
        r["person_id"] = p
        out.append(r)
write("deaths", hdr, out)
PY
"$ZJ" import --db "$W/a.db" --as-of $AS_OF "$W/day" >"$W/day.out" 2>&1 || {
    cat "$W/day.out"
    fail "importing the day"
}
check_bits "$W/a.db" 1 || fail "the bits after the day"
# the day's persons have the bits of the tables it gave them
[ "$(sqlite3 "$W/a.db" "SELECT count(*) FROM property p JOIN person_parts x USING (person_id)
    WHERE p.enforcement_id LIKE 'DAY-%' AND x.parts & 16")" -gt 100 ] ||
    fail "the day's property rows did not reach person_parts"
# both kinds of changed persons for the tables the cursors leave out
for bit in 1 2 8 16; do
    n=$(sqlite3 "$W/a.db" "SELECT sum(x.parts & $bit = 0) || ' ' || sum(x.parts & $bit > 0)
        FROM changed_persons c JOIN person_parts x USING (person_id)")
    case $n in 0\ * | *\ 0) fail "bit $bit: changed persons without / with it: $n" ;; esac
done

# another program's import (one that keeps no bits: before person-parts-1) between: a batch
# with a community correction, like one that raised a CC-02 lead, for changed persons whose
# bits say they have none. The bits are not trusted then — the leads are those of every
# person sought, where bits trusted regardless would have missed the corrections — and the
# next import batch builds them again.
sqlite3 "$W/a.db" "SELECT batch_id FROM person_parts_state" >"$W/mark" || fail "no mark"
[ "$(cat "$W/mark")" = "$(sqlite3 "$W/a.db" "SELECT max(batch_id) FROM import_batches")" ] ||
    fail "the mark is not at the last batch"
cp "$W/a.db" "$W/old.db"
sqlite3 "$W/old.db" "INSERT INTO import_batches(started_at, file, feed)
    VALUES ('2025-06-30T00:00:00Z', 'corrections.csv', 'corrections');
    INSERT INTO corrections(cc_id, person_id, agency_id, basis, judgment_id, order_date,
        report_date, start_date, end_date, status, status_date, batch_id)
    SELECT 'OLD-' || c.person_id, c.person_id, s.agency_id, s.basis,
        (SELECT min(judgment_id) FROM judgments j WHERE j.person_id = c.person_id),
        s.order_date, s.report_date, s.start_date, s.end_date, s.status, s.status_date,
        (SELECT max(batch_id) FROM import_batches)
    FROM changed_persons c JOIN person_parts x USING (person_id),
        (SELECT * FROM corrections WHERE person_id IN
            (SELECT person_id FROM leads WHERE model_id = 'CC-02' AND status = 'open')
         LIMIT 1) s
    WHERE x.parts & 8 = 0 LIMIT 20" || fail "another program's batch"
[ "$(sqlite3 "$W/old.db" "SELECT count(*) FROM corrections WHERE cc_id LIKE 'OLD-%'")" = 20 ] ||
    fail "another program's corrections"
for x in old_seek old_forced old_import; do cp "$W/old.db" "$W/$x.db"; done
sqlite3 "$W/old_forced.db" "UPDATE person_parts_state
    SET batch_id = (SELECT max(batch_id) FROM import_batches)" || fail "forcing the mark"
"$ZJ" screen --db "$W/old.db" --as-of $AS_OF --jobs 2 >/dev/null || fail "screening old.db"
ZJ_SCREEN_SEEK_ALL=1 "$ZJ" screen --db "$W/old_seek.db" --as-of $AS_OF --jobs 2 >/dev/null ||
    fail "screening old_seek.db"
"$ZJ" screen --db "$W/old_forced.db" --as-of $AS_OF --jobs 2 >/dev/null ||
    fail "screening old_forced.db"
for x in old old_seek old_forced; do
    "$ZJ" leads --db "$W/$x.db" --as-of $AS_OF --format csv >"$W/$x.csv" 2>/dev/null ||
        fail "leads $x"
done
cmp -s "$W/old.csv" "$W/old_seek.csv" || { diff "$W/old.csv" "$W/old_seek.csv" | head -5; fail "bits not kept by a batch, yet trusted"; }
cmp -s "$W/old.csv" "$W/old_forced.csv" && fail "the corrections change no lead: the check says nothing"
"$ZJ" import --db "$W/old_import.db" --as-of $AS_OF "$W/day" >/dev/null 2>&1 ||
    fail "importing the day again"
check_bits "$W/old_import.db" || fail "the bits built again after another program's batch"
[ "$(sqlite3 "$W/old_import.db" "SELECT (SELECT batch_id FROM person_parts_state)
    = (SELECT max(batch_id) FROM import_batches)")" = 1 ] || fail "the mark after the rebuild"

for x in seek unknown full; do cp "$W/a.db" "$W/$x.db"; done
# some changed persons unknown: sought in every table
sqlite3 "$W/unknown.db" "DELETE FROM person_parts WHERE person_id IN
    (SELECT person_id FROM changed_persons WHERE person_id LIKE '%3' OR person_id LIKE '%7')" ||
    fail "unknown persons"
"$ZJ" screen --db "$W/a.db" --as-of $AS_OF --jobs 2 >"$W/inc" || fail "incremental screening"
grep -q incremental "$W/inc" || fail "the screening was not incremental"
ZJ_SCREEN_SEEK_ALL=1 "$ZJ" screen --db "$W/seek.db" --as-of $AS_OF --jobs 2 >/dev/null ||
    fail "incremental screening, every table sought"
"$ZJ" screen --db "$W/unknown.db" --as-of $AS_OF --jobs 1 >/dev/null ||
    fail "incremental screening, unknown persons, one worker"
"$ZJ" screen --db "$W/full.db" --as-of $AS_OF --full --jobs 2 >/dev/null || fail "full screening"
for x in a seek unknown full; do
    "$ZJ" leads --db "$W/$x.db" --as-of $AS_OF --format csv >"$W/$x.csv" 2>/dev/null ||
        fail "leads $x"
    "$ZJ" leads --db "$W/$x.db" --format json >"$W/$x.json" 2>/dev/null || fail "leads json $x"
done
[ "$(wc -l <"$W/a.csv")" -gt 50 ] || fail "too few leads to compare"
cmp -s "$W/a.csv" "$W/seek.csv" || { diff "$W/a.csv" "$W/seek.csv" | head -5; fail "bits and every table sought differ"; }
cmp -s "$W/a.csv" "$W/unknown.csv" || { diff "$W/a.csv" "$W/unknown.csv" | head -5; fail "bits and unknown persons differ"; }
python3 "$HERE/same_leads.py" "$W/a.json" "$W/full.json" ||
    fail "the incremental and the full screening differ"
echo "ok"
