#!/bin/bash
# bench/screen.sh — screening speed (issue 5), not a test: generate a county (30k persons)
# and a province (300k), import each, then time
#   * a full screening with --jobs 2 (all models; phase times from ZJ_TIMING=1),
#   * an incremental screening after importing one day's changes (1% of the persons).
# BENCH_COUNTRY=1 adds the country (3M persons; ~15 GB of disk, long).
# usage: bench/screen.sh [path/to/zhijian (a Release build)]
set -eu
ZJ=$(readlink -f "${1:-build-rel/zhijian}")
W=${BENCH_DIR:-/tmp/zj-bench-screen}
AS_OF=2025-06-30
SIZES=${BENCH_SIZES:-"30000 300000"}
[ "${BENCH_COUNTRY:-0}" = 1 ] && SIZES="$SIZES 3000000"
mkdir -p "$W"
printf '%-9s %8s %10s %10s %10s %9s %12s\n' persons import_s screen_s user_s pass_s maxrss_MB incremental_s
for n in $SIZES; do
    d="$W/p$n"
    rm -rf "$d"
    mkdir -p "$d"
    "$ZJ" gen --out "$d/feeds" --persons "$n" --seed 5 --as-of "$AS_OF" >/dev/null 2>&1
    t0=$(date +%s.%N)
    "$ZJ" import --db "$d/z.db" --as-of "$AS_OF" "$d/feeds" >/dev/null 2>&1 || true
    t1=$(date +%s.%N)
    ZJ_TIMING=1 /usr/bin/time -f '%e %U %M' -o "$d/time" \
        "$ZJ" screen --db "$d/z.db" --as-of "$AS_OF" --jobs 2 --full >"$d/screen.out" 2>"$d/timing"
    read -r wall user rss <"$d/time"
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
    t2=$(date +%s.%N)
    "$ZJ" screen --db "$d/z.db" --as-of "$AS_OF" --jobs 2 >"$d/inc.out"
    t3=$(date +%s.%N)
    printf '%-9s %8.1f %10.2f %10.2f %10s %9d %12.2f\n' "$n" "$(echo "$t1 - $t0" | bc)" "$wall" "$user" \
        "$pass" "$((rss / 1024))" "$(echo "$t3 - $t2" | bc)"
done
echo "(machine: $(nproc) cores; load average: $(cut -d' ' -f1-3 /proc/loadavg))"
