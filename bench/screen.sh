#!/bin/bash
# bench/screen.sh — screening speed (issue 5), not a test: generate a county (30k persons)
# and a province (300k), import each, then time
#   * a full screening with --jobs 2 (all models; phase times from ZJ_TIMING=1),
#   * an incremental screening after importing one day's changes (1% of the persons).
# BENCH_COUNTRY=1 adds the country (3M persons, gen --long-share 1000 --provinces 3; ~20 GB
# of disk; gen + import take ~15 min). BENCH_SIZES="..." chooses the sizes.
# cpu_s = user + sys seconds of the screening (the machine is shared: wall times inflate).
# usage: bench/screen.sh [path/to/zhijian (a Release build)]
set -eu
ZJ=$(readlink -f "${1:-build-rel/zhijian}")
W=${BENCH_DIR:-/tmp/zj-bench-screen}
AS_OF=2025-06-30
SIZES=${BENCH_SIZES:-"30000 300000"}
[ "${BENCH_COUNTRY:-0}" = 1 ] && SIZES="$SIZES 3000000"
mkdir -p "$W" "$W/no-models"
# the built-in catalog only: user model files of ./models (examples) would run too, each in
# full on every run (set ZJ_MODELS_DIR to a directory of model files to include them)
export ZJ_MODELS_DIR=${ZJ_MODELS_DIR:-$W/no-models}
printf '%-9s %8s %10s %10s %10s %9s %12s %12s\n' persons import_s screen_s cpu_s pass_s maxrss_MB incremental_s inc_cpu_s
for n in $SIZES; do
    d="$W/p$n"
    rm -rf "$d"
    mkdir -p "$d"
    extra=""
    # the country as bench/run.sh --country: ~3 sentence changes per person, 3 provinces
    [ "$n" -ge 3000000 ] && extra="--long-share 1000 --provinces 3"
    # shellcheck disable=SC2086
    "$ZJ" gen --out "$d/feeds" --persons "$n" --seed 5 --as-of "$AS_OF" $extra >/dev/null 2>&1
    t0=$(date +%s.%N)
    "$ZJ" import --db "$d/z.db" --as-of "$AS_OF" "$d/feeds" >/dev/null 2>&1 || true
    t1=$(date +%s.%N)
    ZJ_TIMING=1 /usr/bin/time -f '%e %U %S %M' -o "$d/time" \
        "$ZJ" screen --db "$d/z.db" --as-of "$AS_OF" --jobs 2 --full >"$d/screen.out" 2>"$d/timing"
    read -r wall user sys rss <"$d/time"
    pass=$(awk '/per-person pass/ {p=$(NF-1)} /facilities and score/ {f=$(NF-1)} END {printf "%.2f", p-f}' "$d/timing")
    # one day's changes: a transfer for 1% of the persons
    python3 - "$d" "$n" <<'PY'
import sqlite3, sys
d, n = sys.argv[1], int(sys.argv[2])
db = sqlite3.connect(d + "/z.db")
rows = db.execute("SELECT person_id, facility_id FROM custody WHERE event_type = 'admit' AND person_id IN "
                  "(SELECT person_id FROM persons ORDER BY person_id LIMIT ?) GROUP BY person_id",
                  (max(1, n // 100) * 3,)).fetchall()[: max(1, n // 100)]
import os
os.makedirs(d + "/day2", exist_ok=True)
with open(d + "/day2/custody.csv", "w", encoding="utf-8") as f:
    f.write("event_id,person_id,facility_id,event_type,event_date\n")
    for i, (p, fac) in enumerate(rows):
        f.write("BENCH%07d,%s,%s,transfer_out,2025-06-30\n" % (i, p, fac))
PY
    "$ZJ" import --db "$d/z.db" --as-of "$AS_OF" "$d/day2" >/dev/null 2>&1 || true
    /usr/bin/time -f '%e %U %S' -o "$d/inc.time" \
        "$ZJ" screen --db "$d/z.db" --as-of "$AS_OF" --jobs 2 >"$d/inc.out"
    read -r iwall iuser isys <"$d/inc.time"
    printf '%-9s %8.1f %10.2f %10.2f %10s %9d %12.2f %12.2f\n' "$n" "$(echo "$t1 - $t0" | bc)" \
        "$wall" "$(echo "$user + $sys" | bc)" "$pass" "$((rss / 1024))" "$iwall" \
        "$(echo "$iuser + $isys" | bc)"
done
echo "(machine: $(nproc) cores; load average: $(cut -d' ' -f1-3 /proc/loadavg))"
