#!/usr/bin/env bash
# bench/sources.sh — spreadsheets of source systems through profiles against the CSV
# import of the same rows: time, CPU and peak memory. Not a test: run by hand and note the
# figures in docs/import.md.
#
#   bench/sources.sh [PERSONS]          (default 300000: a province)
#   ZJ=path/to/zhijian bench/sources.sh (default: a Release build in build-bench/)
#
# Generates the province (zhijian gen) and its court_judgments workbook (persons and
# judgments, every written form varied: gen --as-xlsx), then imports persons and
# judgments twice into fresh databases after the same facilities: from the CSV files, and
# from the workbook through the profile; each timed with /usr/bin/time (wall, CPU of the
# import process, peak RSS). The two databases are then compared table by table.
set -eu
PERSONS=${1:-300000}
SRC=$(cd "$(dirname "$0")/.." && pwd)
if [ -z "${ZJ:-}" ]; then
  cmake -S "$SRC" -B "$SRC/build-bench" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$SRC/build-bench" -j1 --target zhijian >/dev/null
  ZJ="$SRC/build-bench/zhijian"
fi
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt package 'time'; ZJ_BENCH=1 scripts/setup.sh)"; exit 1; }
W=${BENCH_DIR:-$(mktemp -d)}
trap 'rm -rf "$W"' EXIT
cd "$W"
t0=$(date +%s.%N)
"$ZJ" gen --persons "$PERSONS" --seed 7 --as-of 2026-06-30 --out feeds --as-xlsx court_judgments >/dev/null
t1=$(date +%s.%N)
echo "gen + workbook: $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }') s; workbook $(du -h feeds/xlsx/court_judgments.xlsx | cut -f1)," \
  "persons $(($(wc -l < feeds/persons.csv) - 1)), judgments $(($(wc -l < feeds/judgments.csv) - 1))"
mkdir -p fac csv
cp feeds/facilities.csv fac/
cp feeds/persons.csv feeds/judgments.csv csv/
for db in a.db b.db; do "$ZJ" import --db $db --as-of 2026-06-30 fac >/dev/null; done
fmt='%e s wall, %U+%S s CPU, %M KB peak'
/usr/bin/time -f "csv   (persons, judgments): $fmt" "$ZJ" import --db a.db --as-of 2026-06-30 csv >/dev/null
/usr/bin/time -f "xlsx  (court_judgments):     $fmt" "$ZJ" import --db b.db --as-of 2026-06-30 \
  --profile court_judgments feeds/xlsx/court_judgments.xlsx >/dev/null
for t in persons judgments; do
  echo "$t: rows differing from the CSV import (batch ids aside): $(sqlite3 b.db "ATTACH 'a.db' AS a;
    SELECT count(*) FROM (SELECT $(sqlite3 a.db "SELECT group_concat(name) FROM pragma_table_info('$t') WHERE name NOT IN ('batch_id', 'extra')") FROM main.$t
    EXCEPT SELECT $(sqlite3 a.db "SELECT group_concat(name) FROM pragma_table_info('$t') WHERE name NOT IN ('batch_id', 'extra')") FROM a.$t)")"
done
