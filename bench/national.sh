#!/bin/bash
# bench/national.sh — the national tier (issue 20), not a test: three provinces (浙江 33,
# 江苏 32, 四川 51) of PERSONS persons each with CROSS persons crossing between them
# (zhijian gen --province P --cross K), imported and screened each, then timed:
#   * the first publish of each province to a national PostgreSQL 15 (local layout),
#   * a publish with nothing changed, and one after a day of changes (1% of the persons),
#   * the national screening (NAT-01…05; recall against national_answers.csv),
#   * the work report: each province's own (SQLite) against `report --pg` (local layout)
#     and the same over the federated layout (each province on its own database,
#     postgres_fdw),
#   * the anchor, in the same run on the same cluster: the rows province 33's first publish
#     sent, dumped from the national partitions (not timed) and loaded by psql's plain COPY
#     FROM STDIN into the same tables of a second database made by `national init`, one
#     transaction per table; the first publish is given as a ratio of that COPY.
# The cluster is private (pg_lib.bash: unix socket, fsync off) and removed at the end.
# usage: bench/national.sh [path/to/zhijian (a Release build)]
#   env: PERSONS (300000), CROSS (3000), BENCH_DIR (/tmp/zj-bench-national), ANCHOR (1: the
#        same-run COPY anchor; 0 skips it),
#        SIMULATE (1: a simulated year of casework per province, so that every indicator of
#        the report has figures; 0 skips it, ≈ 200 s per 300k province on a busy machine),
#        FEDERATED (1: also the federated layout; 0 skips it and the databases' copies),
#        REUSE (0; 1 keeps BENCH_DIR and the provinces already imported and screened there),
#        STOP_AFTER (prepare: stop once the provinces are imported and screened),
#        SLIM (0; 1 deletes a province's CSV files but custody.csv and the answers once it
#        is imported: the country's CSV files take ≈ 3 GB per province)
set -eu
ZJ=$(readlink -f "${1:-build/zhijian}")
HERE=$(cd "$(dirname "$0")" && pwd)
W=${BENCH_DIR:-/tmp/zj-bench-national}
PERSONS=${PERSONS:-300000} CROSS=${CROSS:-3000} ASOF=2025-06-30
PROVS=${PROVS:-33 32 51}
[ "${REUSE:-0}" = 1 ] || rm -rf "$W"
mkdir -p "$W"
source "$HERE/../tests/cli/pg_lib.bash"
export PG_SHARED_BUFFERS=${PG_SHARED_BUFFERS:-2GB} PG_WORK_MEM=${PG_WORK_MEM:-256MB}
trap 'pg_stop' EXIT
tm() {  # tm LABEL CMD…: wall seconds and peak RSS of CMD into $W/times
    local label=$1
    shift
    /usr/bin/time -f "%e %M" -o "$W/t.$$" "$@"
    read -r wall rss <"$W/t.$$"
    printf '%-40s %9.2f s %8d MB\n' "$label" "$wall" $((rss / 1024)) | tee -a "$W/times" >&2
}
for p in $PROVS; do
    [ "${REUSE:-0}" = 1 ] && [ -f "$W/p$p.done" ] && continue
    rm -rf "$W/g$p" "$W/p$p.db"
    tm "gen $p" "$ZJ" gen --out "$W/g$p" --province $p --cross "$CROSS" --persons "$PERSONS" --seed 5 --as-of $ASOF >/dev/null
    tm "import $p" "$ZJ" import --db "$W/p$p.db" --as-of $ASOF "$W/g$p" >/dev/null 2>&1
    tm "screen $p" "$ZJ" screen --db "$W/p$p.db" --as-of $ASOF --jobs 2 >/dev/null 2>&1
    [ "${SIMULATE:-1}" = 1 ] &&
        tm "simulate casework $p" "$ZJ" report --db "$W/p$p.db" --simulate $p --as-of $ASOF --format json >/dev/null
    [ "${SLIM:-0}" = 1 ] && find "$W/g$p" -name '*.csv' ! -name custody.csv ! -name national_answers.csv -delete
    touch "$W/p$p.done"
done
[ "${STOP_AFTER:-}" = prepare ] && { echo "(provinces prepared in $W)"; exit 0; }
rows=0
for p in $PROVS; do
    n=$(sqlite3 "$W/p$p.db" "SELECT (SELECT count(*) FROM persons)+(SELECT count(*) FROM judgments)+(SELECT count(*) FROM custody)+(SELECT count(*) FROM medical)+(SELECT count(*) FROM sentence_changes)+(SELECT count(*) FROM scores)+(SELECT count(*) FROM merits)+(SELECT count(*) FROM corrections)+(SELECT count(*) FROM cc_events)+(SELECT count(*) FROM voters)+(SELECT count(*) FROM property)+(SELECT count(*) FROM payments)+(SELECT count(*) FROM cells)+(SELECT count(*) FROM restraints)+(SELECT count(*) FROM deaths)+(SELECT count(*) FROM activities)+(SELECT count(*) FROM facilities)+(SELECT count(*) FROM staff)")
    rows=$((rows + n))
done
echo "feed rows in the three provinces: $rows" | tee -a "$W/times"
[ "${FEDERATED:-1}" = 1 ] && for p in $PROVS; do cp "$W/p$p.db" "$W/f$p.db"; done
rm -rf "$W/pg" "$W/sock"

pg_start "$W"
createdb nat
NAT=$(pg_url nat)
tm "national init" "$ZJ" national init --pg "$NAT" --provinces 33,32,51 >/dev/null
for p in $PROVS; do
    tm "first publish $p" "$ZJ" publish --pg "$NAT" --province $p --db "$W/p$p.db" 2>"$W/publish$p.log"
    if [ $p = 33 ]; then pub33=$wall; fi
done
if [ "${ANCHOR:-1}" = 1 ]; then
    A="$W/anchor"
    rm -rf "$A"
    mkdir -p "$A"
    createdb anchor
    "$ZJ" national init --pg "$(pg_url anchor)" --provinces 33,32,51 >/dev/null
    : >"$A/load.sql"
    for t in $(psql -X -At -d nat -c "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_inherits i ON i.inhrelid = c.oid JOIN pg_class pc ON pc.oid = i.inhparent
            WHERE n.nspname = 'nat' AND c.relkind = 'r' AND c.relname LIKE '%\_p33'
              AND pc.relname NOT IN ('national_leads', 'publish_state') ORDER BY 1"); do
        psql -X -q -d nat -c "\\copy nat.$t TO '$A/$t.copy'"
        [ -s "$A/$t.copy" ] && echo "\\copy nat.$t FROM '$A/$t.copy'" >>"$A/load.sql"
    done
    tm "anchor: psql COPY of 33's published rows" psql -X -q -v ON_ERROR_STOP=1 -d anchor -f "$A/load.sql"
    echo "anchor: $(cat "$A"/*.copy | wc -l) rows in $(wc -l <"$A/load.sql") tables;" \
        "first publish of 33 / COPY = $(echo "scale=2; $pub33 / $wall" | bc)" | tee -a "$W/times"
    dropdb anchor
    rm -rf "$A"
fi
for p in $PROVS; do
    tm "publish $p, nothing changed" "$ZJ" publish --quiet --pg "$NAT" --province $p --db "$W/p$p.db"
done
# a day of changes: 1% of the persons get a new custody note (import of one file)
for p in $PROVS; do
    mkdir -p "$W/day$p"
    { head -n 1 "$W/g$p/custody.csv"; awk -F, -v OFS=, -v n=$((PERSONS / 100)) 'NR > 1 && c < n && $2 != last {$7 = "日报" $7; print; c++; last = $2}' "$W/g$p/custody.csv"; } >"$W/day$p/custody.csv"
    "$ZJ" import --db "$W/p$p.db" --as-of $ASOF "$W/day$p" >/dev/null 2>&1
    tm "publish $p after a 1% day" "$ZJ" publish --quiet --pg "$NAT" --province $p --db "$W/p$p.db"
done
tm "national screen (local layout)" "$ZJ" national screen --pg "$NAT" --as-of $ASOF >"$W/screen.out" 2>"$W/screen.err"
sed 's/^national screen /  local: /' "$W/screen.err" | tee -a "$W/times"
cat "$W"/g*/national_answers.csv | grep -v '^model_id' | sort >"$W/answers"
psql -X -At -d nat -c "SELECT model_id || ',' || province || ',' || subject FROM nat.national_leads WHERE status = 'open'" | sort >"$W/got"
echo "national leads: $(wc -l <"$W/got"); planted $(wc -l <"$W/answers"), found $(comm -12 "$W/got" "$W/answers" | wc -l), other $(comm -23 "$W/got" "$W/answers" | wc -l)" | tee -a "$W/times"
for p in $PROVS; do
    tm "report $p (SQLite)" "$ZJ" report --db "$W/p$p.db" --from 2025-01-01 --to $ASOF --format json >"$W/local$p.json"
done
tm "report --pg (local layout, 3 provinces)" "$ZJ" report --pg "$NAT" --from 2025-01-01 --to $ASOF --format json >"$W/nat.json"

psql -X -At -d nat -c "SELECT pg_size_pretty(pg_database_size('nat'))" | sed 's/^/national database size: /' | tee -a "$W/times"
if [ "${FEDERATED:-1}" = 1 ]; then
createdb fed
FED=$(pg_url fed)
"$ZJ" national init --pg "$FED" --provinces 33,32,51 >/dev/null
for p in $PROVS; do
    createdb "prov$p"
    "$ZJ" national init --pg "$(pg_url prov$p)" --provinces $p >/dev/null
    tm "first publish $p to its own server" "$ZJ" publish --quiet --pg "$(pg_url prov$p)" --province $p --db "$W/f$p.db"
    "$ZJ" national attach --pg "$FED" --province $p --server "$(pg_url prov$p)" >/dev/null
done
tm "national screen (federated)" "$ZJ" national screen --pg "$FED" --as-of $ASOF >/dev/null 2>"$W/screen-fed.err"
sed 's/^national screen /  federated: /' "$W/screen-fed.err" | tee -a "$W/times"
tm "report --pg (federated, 3 provinces)" "$ZJ" report --pg "$FED" --from 2025-01-01 --to $ASOF --format json >"$W/fed.json"
if cmp -s "$W/nat.json" "$W/fed.json"; then echo "federated report = local report"; else echo "federated report DIFFERS"; fi | tee -a "$W/times"
fi
pg_stop
echo "(details in $W)"
