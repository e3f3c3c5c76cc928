#!/bin/bash
# gen_import.sh — a generated county imports with zero rejects; with --corrupt K the
# import rejects exactly the rows bad_rows.csv lists (same feed and line numbers).
set -u
ZJ=${ZJ:?path to zhijian}
if "$ZJ" import --help 2>&1 | grep -q "not available"; then
    echo "skip: zhijian import not available in this build"; exit 0
fi
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

"$ZJ" gen --out "$T/g" --persons 600 --seed 3 || fail "gen"
"$ZJ" import --db "$T/g.db" --as-of 2026-06-30 "$T/g" > "$T/g.out" 2>&1 || { cat "$T/g.out"; fail "import exit status"; }
"$ZJ" rejects --db "$T/g.db" --format csv > "$T/g.rej" || fail "rejects"
n=$(tail -n +2 "$T/g.rej" | wc -l)
[ "$n" -eq 0 ] || { head -5 "$T/g.rej"; fail "$n rows rejected from a clean generated county"; }

"$ZJ" gen --out "$T/k" --persons 400 --seed 4 --corrupt 2 || fail "gen --corrupt"
"$ZJ" import --db "$T/k.db" --as-of 2026-06-30 "$T/k" > "$T/k.out" 2>&1
"$ZJ" rejects --db "$T/k.db" --format csv > "$T/k.rej" || fail "rejects"
# feed,line pairs: rejects has feed,file,line,…; bad_rows has feed,file,line,reason
tail -n +2 "$T/k.rej" | awk -F, '{print $1 "," $3}' | sort -u > "$T/got"
tail -n +2 "$T/k/bad_rows.csv" | awk -F, '{print $1 "," $3}' | sort -u > "$T/exp"
if ! cmp -s "$T/got" "$T/exp"; then
    echo "expected-only:"; comm -13 "$T/got" "$T/exp" | head
    echo "rejected-only:"; comm -23 "$T/got" "$T/exp" | head
    fail "rejected rows differ from bad_rows.csv"
fi
# the references with a fetched column read in from their tables at once (after 0 look-ups
# instead of MEMO_LOAD_AFTER): the same tables, rejects and output; with two property rows
# more, one naming another person's judgment, one an unknown judgment
cp -r "$T/k" "$T/m"
awk -F, -v OFS=, 'NR == 2 { p = $2 } NR > 2 && $2 != p && !j { j = $3 }
    END { print "QX1", p, j, "C000000", "fine", "1.00", "2020-01-01", "", "ongoing", "", "0", "0"
          print "QX2", p, "JNOSUCH", "C000000", "fine", "1.00", "2020-01-01", "", "ongoing", "", "0", "0" }' \
    "$T/k/property.csv" > "$T/extra.csv"
court=$(awk -F, 'NR == 2 { print $4 }' "$T/k/property.csv")
sed "s/C000000/$court/" "$T/extra.csv" >> "$T/m/property.csv"
"$ZJ" import --db "$T/m.db" --as-of 2026-06-30 "$T/m" > "$T/m.out" 2>&1
"$ZJ" rejects --db "$T/m.db" --format csv > "$T/m.rej" || fail "rejects"
# the same tables, rejects and output as $T/m.db from the import of $T/m into $T/$1.db
same_as_m() {
    local db=$T/$1.db what=$2
    cmp -s "$T/m.out" "$T/$1.out" || { diff "$T/m.out" "$T/$1.out" | head; fail "output $what"; }
    "$ZJ" rejects --db "$db" --format csv > "$T/$1.rej" || fail "rejects"
    cmp -s "$T/m.rej" "$T/$1.rej" || { diff "$T/m.rej" "$T/$1.rej" | head; fail "rejects $what"; }
    if command -v sqlite3 > /dev/null; then
        for t in persons judgments custody sentence_changes corrections property payments \
                 changed_persons; do
            a=$(sqlite3 -csv "$T/m.db" "SELECT * FROM $t" | LC_ALL=C sort | sha256sum)
            b=$(sqlite3 -csv "$db" "SELECT * FROM $t" | LC_ALL=C sort | sha256sum)
            [ "$a" = "$b" ] || fail "$t differs $what"
        done
    fi
}
ZJ_REF_LOAD_AFTER=0 "$ZJ" import --db "$T/l.db" --as-of 2026-06-30 "$T/m" > "$T/l.out" 2>&1
same_as_m l "with the tables read in"
grep "^property,.*belongs to person_id" "$T/l.rej" | grep -q '"QX1,' || fail "QX1 not rejected"
grep "^property,.*unknown reference: judgment_id 'JNOSUCH'" "$T/l.rej" | grep -q '"QX2,' ||
    fail "QX2 not rejected"
# the memory of found keys full (MEMO_BYTES; here 14,000 bytes: after the facilities and
# about 240 persons, 20,000: after every person and a few judgments of the tables' reading
# in): the keys that do not fit looked up
for bytes in 14000 20000; do
    ZJ_REF_LOAD_AFTER=0 ZJ_REF_MEMO_BYTES=$bytes "$ZJ" import --db "$T/c$bytes.db" \
        --as-of 2026-06-30 "$T/m" > "$T/c$bytes.out" 2>&1
    same_as_m c$bytes "with the memory of found keys full at $bytes bytes"
done
# the version-2 feeds' bad rows are rejected for what is wrong with them
for want in "incidents,kind,unknown kind 'riot'" \
            "incidents,transferred_date,transferred_date '2020-01-20' is before case_filed_date '2020-02-01'" \
            "incident_persons,incident_id,unknown reference: incident_id 'NOINCIDENT0000'" \
            "labour,rest_days,rest_days '32' is out of range" \
            "release_prep,kind,unknown kind 'farewell'" \
            "record_queries,requester_kind,unknown requester_kind 'neighbour'" \
            "seizures,owner_code,owner_code of an enterprise: unified social credit code"; do
    IFS=, read -r feed column reason <<<"$want"
    awk -F, -v f="$feed" -v c="$column" '$1 == f && $4 == c' "$T/k.rej" | grep -qF "$reason" \
        || fail "$feed: no reject of $column saying \"$reason\""
done
echo "ok: $(wc -l < "$T/exp") bad rows rejected exactly"
