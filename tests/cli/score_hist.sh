#!/bin/bash
# score_hist.sh — the facilities' histogram of monthly total points (src/store/score_hist.c,
# CHG-10's facility percentile) equals a count of the scores table after each screening:
# counted by the import that loads the first scores and kept by the first screening, kept
# up to date over imports that replace score rows (one of them
# twice) and add new ones, and counted again after a write that is no import; a full
# screening with the histogram gives the leads of one that counts it from the scores. The
# facilities' percentiles cached for the histogram's version (score_pct) equal a count of the
# scores, are taken as cached while no score is written (a changed cache stays as changed)
# and computed again once one is.
set -u
ZJ=${ZJ:?path to zhijian}
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
AS_OF=2025-06-30
DB="$W/z.db"

"$ZJ" gen --out "$W/feeds" --persons 600 --seed 11 --as-of "$AS_OF" >/dev/null 2>"$W/gen.err" ||
    { cat "$W/gen.err"; fail "gen"; }
"$ZJ" import --db "$DB" --as-of "$AS_OF" "$W/feeds" >/dev/null 2>&1 || fail "import"

same() { # the histogram as kept, and as counted from the scores
    sqlite3 "$DB" "SELECT facility_id, month, points, n FROM score_hist ORDER BY 1, 2, 3" >"$W/kept"
    sqlite3 "$DB" "SELECT facility_id, month, min(max(base_points + ifnull(bonus_points, 0), 0), 400) AS p,
        count(*) FROM scores GROUP BY 1, 2, 3 ORDER BY 1, 2, 3" >"$W/counted"
    [ -s "$W/counted" ] || fail "$1: no scores"
    cmp -s "$W/kept" "$W/counted" || { diff "$W/kept" "$W/counted" | head -5; fail "$1: histogram differs"; }
}
# A marker moves one count of the largest cell to a cell of no facility: a histogram kept
# up to date keeps it, one counted again from the scores loses it.
mark() {
    sqlite3 "$DB" "CREATE TABLE IF NOT EXISTS t_mark(facility_id, month, points);
        DELETE FROM t_mark;
        INSERT INTO t_mark SELECT facility_id, month, points FROM score_hist ORDER BY n DESC LIMIT 1;
        UPDATE score_hist SET n = n - 1 WHERE facility_id = (SELECT facility_id FROM t_mark)
            AND month = (SELECT month FROM t_mark) AND points = (SELECT points FROM t_mark);
        INSERT INTO score_hist VALUES ('~mark', '1900-01', 0, 1)" || fail "mark"
}
unmark() { # $1: kept (the marker must be there) or counted
    local m
    m=$(sqlite3 "$DB" "SELECT count(*) FROM score_hist WHERE facility_id = '~mark'")
    if [ "$1" = kept ]; then
        [ "$m" = 1 ] || fail "$2: the histogram was counted again, not kept up to date"
        sqlite3 "$DB" "DELETE FROM score_hist WHERE facility_id = '~mark';
            UPDATE score_hist SET n = n + 1 WHERE facility_id = (SELECT facility_id FROM t_mark)
            AND month = (SELECT month FROM t_mark) AND points = (SELECT points FROM t_mark)"
    else
        [ "$m" = 0 ] || fail "$2: the histogram was not counted again"
    fi
}

# the cached 95th percentiles of the months up to 2025-06, as a count of the scores gives them
pct_same() {
    sqlite3 "$DB" "SELECT facility_id, points FROM score_pct WHERE month = '2025-06' AND pct = 95
        AND facility_id NOT IN ('', '~mark') AND version = (SELECT version FROM score_hist_state)
        ORDER BY 1" >"$W/pct_kept"
    sqlite3 "$DB" "WITH h AS (SELECT facility_id AS f,
            min(max(base_points + ifnull(bonus_points, 0), 0), 400) AS p, count(*) AS n
            FROM scores WHERE month <= '2025-06' GROUP BY 1, 2),
        c AS (SELECT f, p, sum(n) OVER (PARTITION BY f ORDER BY p) AS cum,
            sum(n) OVER (PARTITION BY f) AS tot FROM h)
        SELECT f, min(p) FROM c WHERE cum * 100 >= tot * 95 GROUP BY f ORDER BY 1" >"$W/pct_counted"
    [ -s "$W/pct_counted" ] || fail "$1: no percentiles"
    cmp -s "$W/pct_kept" "$W/pct_counted" ||
        { diff "$W/pct_kept" "$W/pct_counted" | head -5; fail "$1: cached percentiles differ"; }
}
# every cached percentile set to 1: a read that takes the cache leaves them so
pct_spoil() {
    sqlite3 "$DB" "UPDATE score_pct SET points = 1 WHERE facility_id <> ''" || fail "pct_spoil"
}
pct_spoiled() { # $1: yes (the cache was taken as it was) or no (computed again)
    local n
    n=$(sqlite3 "$DB" "SELECT count(*) FROM score_pct WHERE facility_id <> '' AND points = 1")
    if [ "$1" = yes ]; then
        [ "$n" -gt 0 ] || fail "$2: the cached percentiles were not taken as cached"
    else
        [ "$n" = 0 ] || fail "$2: the cached percentiles were not computed again"
    fi
}
version() { sqlite3 "$DB" "SELECT version FROM score_hist_state"; }

same "import"
# an import whose scores repeat a key with other points (rejected) and hold a bad row
DB0=$DB
DB="$W/z0.db"
mkdir -p "$W/feeds0"
cp "$W"/feeds/*.csv "$W/feeds0/"
{ sed -n 2p "$W/feeds/scores.csv" | awk -F, '{ OFS = ","; $5 = ($5 + 50) % 101; print }'
  echo "SBAD,nobody,nowhere,2024-13,x,,,"; } >>"$W/feeds0/scores.csv"
"$ZJ" import --db "$DB" --as-of "$AS_OF" "$W/feeds0" >/dev/null 2>&1 || fail "import with rejects"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM rejects WHERE feed = 'scores'")" -ge 2 ] ||
    fail "the bad score rows were not rejected"
same "import with rejects"
DB=$DB0
mark
"$ZJ" screen --db "$DB" --as-of "$AS_OF" >/dev/null 2>&1 || fail "first screening"
unmark kept "first screening after the import"
same "first screening"
pct_same "first screening"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM score_pct WHERE facility_id = ''")" = 1 ] ||
    fail "first screening: the percentiles were not cached once"

# day 1: every 7th score row with other points, new rows of a later month for every 11th
# person; day 2: the first of day 1's rows replaced again
H=score_id,person_id,facility_id,month,base_points,bonus_points,penalty_points,officer_id
mkdir -p "$W/day1" "$W/day2"
{ echo "$H"; awk -F, 'NR > 1 && NR % 7 == 0 { OFS = ","; $5 = ($5 + 13) % 101; print }' "$W/feeds/scores.csv"
  awk -F, 'NR > 1 && !($2 in s) { s[$2] = 1; if (++n % 11 == 0) {
      OFS = ","; $1 = "SNEW" n; $4 = "2025-06"; $5 = 100; $6 = 0; print } }' "$W/feeds/scores.csv"
} >"$W/day1/scores.csv"
{ echo "$H"; sed -n 2p "$W/day1/scores.csv" | awk -F, '{ OFS = ","; $5 = 1; $6 = 0; print }'; } >"$W/day2/scores.csv"
[ "$(wc -l <"$W/day1/scores.csv")" -gt 20 ] || fail "day 1 has too few rows"
"$ZJ" import --db "$DB" --as-of "$AS_OF" "$W/day1" >"$W/day1.out" 2>&1 || fail "import day 1"
"$ZJ" import --db "$DB" --as-of "$AS_OF" "$W/day2" >"$W/day2.out" 2>&1 || fail "import day 2"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM history WHERE feed = 'scores'")" -gt 20 ] ||
    fail "the days replaced no score rows"
mark
pct_spoil
v0=$(version)
"$ZJ" screen --db "$DB" --as-of "$AS_OF" >/dev/null 2>&1 || fail "incremental screening"
unmark kept "two days"
same "after two days of replaced and new rows"
pct_spoiled no "two days of scores"
pct_same "after two days of replaced and new rows"
[ "$(version)" -gt "$v0" ] || fail "two days: the histogram's version did not move on"
mark
"$ZJ" screen --db "$DB" --as-of "$AS_OF" >/dev/null 2>&1 || fail "screening without changes"
unmark kept "no change"
same "after a screening without changes"

# a day without score rows: read as kept (not loaded, not counted), its marks moved on
mkdir -p "$W/day3"
awk -F, 'NR == 1 { print; next } NR == 2 { OFS = ","; $1 = "CNEW1"; print }' \
    "$W/feeds/custody.csv" >"$W/day3/custody.csv"
"$ZJ" import --db "$DB" --as-of "$AS_OF" "$W/day3" >"$W/day3.out" 2>&1 || fail "import day 3"
mark
pct_spoil
v0=$(version)
"$ZJ" screen --db "$DB" --as-of "$AS_OF" >/dev/null 2>&1 || fail "screening after day 3"
unmark kept "a day without scores"
same "after a day without scores"
pct_spoiled yes "a day without scores"
[ "$(version)" = "$v0" ] || fail "day 3: the histogram's version moved without a score"
# another as-of month: computed for it, the cache of 2025-06 kept beside it
"$ZJ" screen --db "$DB" --as-of 2025-05-31 >/dev/null 2>&1 || fail "screening as of May"
[ "$(sqlite3 "$DB" "SELECT count(DISTINCT month) FROM score_pct WHERE version = $v0")" = 2 ] ||
    fail "as of May: not cached beside June"
pct_spoiled yes "as of May"
sqlite3 "$DB" "DELETE FROM score_pct WHERE month = '2025-06'" || fail "drop the June cache"
[ "$(sqlite3 "$DB" "SELECT s.batch_id = (SELECT max(batch_id) FROM import_batches)
    FROM score_hist_state s")" = 1 ] || fail "day 3: the histogram's batch mark did not move on"

# a write that is no import: counted again
sqlite3 "$DB" "INSERT INTO scores(score_id, person_id, facility_id, month, base_points)
    SELECT 'SRAW', person_id, facility_id, '2025-05', 77 FROM scores LIMIT 1" || fail "raw insert"
mark
"$ZJ" screen --db "$DB" --as-of "$AS_OF" --full >/dev/null 2>&1 || fail "screening after a raw insert"
unmark counted "a raw insert"
same "after a raw insert"
pct_same "after a raw insert"

# the same leads as a screening that counts every score
cp "$DB" "$W/c.db"
sqlite3 "$W/c.db" "DELETE FROM score_hist_state; DELETE FROM score_hist"
for d in "$DB" "$W/c.db"; do
    "$ZJ" screen --db "$d" --as-of 2025-07-31 --full >/dev/null 2>&1 || fail "full screening of $d"
    "$ZJ" leads --db "$d" --format csv --purpose 复查核实 --actor test >"$d.leads" || fail "leads"
done
grep -q '^CHG-10,' "$DB.leads" || fail "no CHG-10 lead to compare"
cmp -s "$DB.leads" "$W/c.db.leads" || fail "leads differ from a count of every score"
echo "ok"
