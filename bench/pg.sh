#!/usr/bin/env bash
# bench/pg.sh — zhijian against the PostgreSQL anchor (../shared/bench/pg/pg_anchor.sh) on
# the same generated data, in the same run, on the same machine (issue 15). Not a test.
#
#   bench/pg.sh [--persons N] [--repeat K] [--keep]
#   ZJ=path/to/zhijian bench/pg.sh     (default: a Release build in build-rel/)
#   BENCH_DIR=/big/disk bench/pg.sh    (default: a temporary directory, removed after)
#   PG_ANCHOR=path/to/pg_anchor.sh     (default: $ZJ_SHARED/bench/pg, else ../shared/bench/pg)
#   PORT=55470                         (the anchor's throwaway cluster)
#   DATA=dir                           (data generated before, as below; --persons is then ignored)
#
# Generates a province (`zhijian gen --persons N --seed 7 --as-of 2025-06-30`, default
# 100,000 persons), then K times (default 1), one after the other:
#   * the anchor: COPY, indexes, VACUUM ANALYZE, its 15 models (per-step \timing);
#   * zhijian: import (validated, with rejects; from the project directory, so that it
#     creates the indexes the example user models declare), a full screening of the anchor's 15 models
#     (`--model` × 15, built-in catalog only), a full screening with every model (built-in
#     and the example user models of ./models, run from the project directory), then a day
#     touching 1 % of the persons (a custody event each, spread over the person_id range)
#     and the incremental screening after it;
# and prints each figure with its ratio to PostgreSQL's, measured in the same round. Times
# are wall clock (to the millisecond, `--jobs 2`); CPU seconds (user + sys, `/usr/bin/time
# -v`) of zhijian are given beside them because the 2 cores are shared. Each timed step
# begins after a `sync`.
# Peak memory: zhijian's maximum RSS against the largest single PostgreSQL process
# (`/usr/bin/time -v` of the postmaster).
# The leads of the 15 models are compared by (model_id, subject) with the anchor's.
set -eu
PERSONS=100000
REPEAT=1
KEEP=0
while [ $# -gt 0 ]; do
    case "$1" in
    --persons) PERSONS=$2; shift ;;
    --repeat) REPEAT=$2; shift ;;
    --keep) KEEP=1 ;;
    -h|--help) sed -n '2,25p' "$0"; exit 0 ;;
    *) echo "unknown option '$1'" >&2; exit 2 ;;
    esac
    shift
done
SRC=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${ZJ_SHARED:-$SRC/../shared}
ANCHOR=${PG_ANCHOR:-$SHARED/bench/pg/pg_anchor.sh}
[ -x "$ANCHOR" ] || { echo "bench/pg.sh: no anchor at $ANCHOR (set PG_ANCHOR)" >&2; exit 2; }
[ -x /usr/lib/postgresql/15/bin/postgres ] || { echo "bench/pg.sh: PostgreSQL 15 is not installed (ZJ_BENCH=1 scripts/setup.sh)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench/pg.sh: needs /usr/bin/time (ZJ_BENCH=1 scripts/setup.sh)" >&2; exit 2; }
if [ -z "${ZJ:-}" ]; then
    cmake -S "$SRC" -B "$SRC/build-rel" -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build "$SRC/build-rel" -j2 --target zhijian >/dev/null
    ZJ="$SRC/build-rel/zhijian"
fi
ZJ=$(readlink -f "$ZJ")
export PORT=${PORT:-55470}
W=${BENCH_DIR:-$(mktemp -d /tmp/zj-pg.XXXXXX)}
mkdir -p "$W"
W=$(cd "$W" && pwd)
[ "$KEEP" = 1 ] || trap 'rm -rf "$W"' EXIT
# the anchor's server runs as `postgres` when we are root: it must read the CSVs
[ "$(id -u)" -eq 0 ] && chmod 755 "$W"
AS_OF=2025-06-30
MODELS15="DEL-01 DEL-02 EXE-01 EXE-02 CHG-01 CHG-02 CHG-03 CHG-07 CHG-13 CC-01 CC-02 PR-01 PROP-01 CUS-01 CUS-03"
mkdir -p "$W/no-models"

# timed OUT -- command…: /usr/bin/time -v into OUT.time; prints nothing
# Each timed step starts with no dirty pages in the kernel: the copy of the imported database
# for the 15-model run (650 MB at 100,000 persons, written by cp without fsync) otherwise
# lands on the next fsync, the screening's COMMIT (0.4 s of a 1.5 s run, measured).
timed() {
    local out=$1
    shift 2
    sync
    local t0 t1
    t0=$EPOCHREALTIME
    /usr/bin/time -v -o "$out.time" "$@" >"$out.out" 2>"$out.err" || {
        echo "bench/pg.sh: failed: $*" >&2; tail -5 "$out.err" >&2; exit 1; }
    t1=$EPOCHREALTIME
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", b - a }' >"$out.wall"
}
# wall clock to the millisecond (GNU time's "Elapsed" has 10 ms steps: too coarse for the
# incremental screening, ≈ 60 ms), read from bash's clock without a process of its own
# (`date` before and after cost ≈ 1 ms each); it includes starting /usr/bin/time
wall() { cat "$1.wall"; }
cpu() { awk -F': ' '/User time/ {u = $2} /System time/ {s = $2} END {printf "%.2f", u + s}' "$1.time"; }
rss_mb() { awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$1.time"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
ratio3() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.3f", a / b; else print "n/a" }'; }

echo "bench/pg.sh: $ZJ, work dir $W, $PERSONS persons, as-of $AS_OF, nproc $(nproc)"
if [ -n "${DATA:-}" ]; then
    D=$(cd "$DATA" && pwd)
else
    D="$W/data"
    "$ZJ" gen --out "$D" --persons "$PERSONS" --seed 7 --as-of "$AS_OF" >/dev/null 2>"$W/gen.err" \
        || { cat "$W/gen.err" >&2; exit 1; }
    chmod -R a+rX "$D"
fi
ROWS=$(( $(cat "$D"/*.csv | wc -l) - $(ls "$D"/*.csv | wc -l) ))
echo "data: $(du -sh "$D" | cut -f1), $ROWS rows in $(ls "$D"/*.csv | wc -l) files"

# a day touching 1 % of the persons, every 100th in person_id order: a custody event
# (transfer_out at the facility of their first admit) for those ever admitted, a social
# security record (activities) for the others
mkdir -p "$W/day"
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
    $c["event_type"] == "admit" && !($c["person_id"] in seen) {
        seen[$c["person_id"]] = 1; print $c["person_id"] "," $c["facility_id"] }' "$D/custody.csv" |
    sort >"$W/day/admits"
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
    { print $c["person_id"] "," $c["id_number"] }' "$D/persons.csv" | sort |
    awk 'NR % 100 == 0' | join -t, -a 1 - "$W/day/admits" |
    awk -F, -v asof="$AS_OF" -v dir="$W/day" 'BEGIN {
            print "event_id,person_id,facility_id,event_type,event_date" >dir "/custody.csv"
            print "record_id,id_number,activity_date,kind,region_code,source" >dir "/activities.csv" }
        NF == 3 { printf "BENCHDAY%07d,%s,%s,transfer_out,%s\n", NR, $1, $3, asof >dir "/custody.csv" }
        NF == 2 { printf "BENCHDAY%07d,%s,%s,social_security,%s,bench\n", NR, $2, asof,
                  substr($2, 1, 6) >dir "/activities.csv" }'
rm -f "$W/day/admits"
DAY_PERSONS=$(( $(cat "$W/day/custody.csv" "$W/day/activities.csv" | wc -l) - 2 ))

printf '\n%-5s %-34s %10s %10s %9s %8s\n' round step zhijian_s cpu_s pg_s "pg/zj"
for r in $(seq 1 "$REPEAT"); do
    P="$W/pg.$r"
    PORT=$PORT "$ANCHOR" "$D" "$P" >"$W/anchor.$r.log" 2>&1 \
        || { tail -20 "$W/anchor.$r.log" >&2; exit 1; }
    pg_load=$(awk '/^load \(COPY/ { for (i = 1; i < NF; i++) if ($(i + 1) == "s") { print $i; exit } }' "$P/summary.txt")
    pg_idx=$(awk '/^secondary indexes/ {print $3}' "$P/summary.txt")
    pg_an=$(awk '/^VACUUM ANALYZE/ {print $3}' "$P/summary.txt")
    pg_all=$(awk -v a="$pg_load" -v b="$pg_idx" -v c="$pg_an" 'BEGIN {printf "%.2f", a + b + c}')
    pg_screen=$(awk '/^SCREEN TOTAL/ {print $3}' "$P/steps.txt")
    pg_rss=$(awk '/^peak RSS of the largest/ {print $(NF-1)}' "$P/summary.txt")
    # CPU seconds of the whole server over the anchor's run (all phases: load, indexes,
    # ANALYZE, raw scan, screening; backends are reaped by the postmaster)
    pg_cpu=$(awk -F': ' '/User time/ {u = $2} /System time/ {s = $2} END {printf "%.1f", u + s}' "$P/postgres.time")

    DB="$W/z.$r.db"
    rm -f "$DB" "$DB-wal" "$DB-shm"
    # from the project directory, as the screenings with every model: the import creates
    # the indexes the model files of ./models declare (docs/models.md) and keeps them
    (cd "$SRC" && timed "$W/import.$r" -- "$ZJ" import --db "$DB" --as-of "$AS_OF" "$D")
    for f in "" -wal -shm; do [ -f "$DB$f" ] && cp "$DB$f" "$W/z15.$r.db$f"; done
    set --
    for m in $MODELS15; do set -- "$@" --model "$m"; done
    (cd "$W" && ZJ_MODELS_DIR="$W/no-models" timed "$W/s15.$r" -- "$ZJ" screen --db "$W/z15.$r.db" \
        --as-of "$AS_OF" --jobs 2 --full "$@")
    (cd "$SRC" && timed "$W/sall.$r" -- "$ZJ" screen --db "$DB" --as-of "$AS_OF" --jobs 2 --full)
    (cd "$SRC" && "$ZJ" import --db "$DB" --as-of "$AS_OF" "$W/day" >/dev/null 2>&1)
    (cd "$SRC" && timed "$W/sinc.$r" -- "$ZJ" screen --db "$DB" --as-of "$AS_OF" --jobs 2)

    printf '%-5s %-34s %10s %10s %9s %8s\n' "$r" "load (import / COPY+index+ANALYZE)" \
        "$(wall "$W/import.$r")" "$(cpu "$W/import.$r")" "$pg_all" "$(ratio "$pg_all" "$(wall "$W/import.$r")")"
    printf '%-5s %-34s %10s %10s %9s %8s\n' "$r" "screening, the 15 models" \
        "$(wall "$W/s15.$r")" "$(cpu "$W/s15.$r")" "$pg_screen" "$(ratio "$pg_screen" "$(wall "$W/s15.$r")")"
    printf '%-5s %-34s %10s %10s %9s %8s\n' "$r" "screening, all models" \
        "$(wall "$W/sall.$r")" "$(cpu "$W/sall.$r")" "$pg_screen" "$(ratio "$pg_screen" "$(wall "$W/sall.$r")")"
    printf '%-5s %-34s %10s %10s %9s %8s\n' "$r" "incremental, $DAY_PERSONS persons" \
        "$(wall "$W/sinc.$r")" "$(cpu "$W/sinc.$r")" "-" \
        "$(ratio3 "$(wall "$W/sinc.$r")" "$(wall "$W/sall.$r")") of full"
    printf '%-5s %-34s %9sM %10s %8sM %8s\n' "$r" "peak memory, screening all / pg" \
        "$(rss_mb "$W/sall.$r")" "-" "$pg_rss" "$(ratio "$pg_rss" "$(rss_mb "$W/sall.$r")")"
    printf '%-5s   (pg: COPY %s s, indexes %s s, ANALYZE %s s, server CPU %s s in all; zhijian import peak %s MB; load average %s)\n' \
        "$r" "$pg_load" "$pg_idx" "$pg_an" "$pg_cpu" "$(rss_mb "$W/import.$r")" "$(cut -d' ' -f1-3 /proc/loadavg)"

    "$ZJ" leads --db "$W/z15.$r.db" --format csv --purpose 复查核实 --actor bench | awk -F, 'NR > 1 {print $1 "," $2}' | sort -u >"$W/zj15.$r"
    tail -n +2 "$P/leads.csv" | cut -d, -f1,2 | sort -u >"$W/pg15.$r"
    echo "      leads of the 15 models: zhijian $(wc -l <"$W/zj15.$r"), pg $(wc -l <"$W/pg15.$r"), both $(comm -12 "$W/zj15.$r" "$W/pg15.$r" | wc -l)"
    rm -f "$W/z15.$r.db"* 
    [ "$KEEP" = 1 ] || rm -f "$DB" "$DB-wal" "$DB-shm"
done
