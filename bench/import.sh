#!/usr/bin/env bash
# bench/import.sh — import speed of the big feeds (scores, custody, activities) and peak
# memory, on one core. Not a test: run by hand, once, and note the figures in docs/
#
#   bench/import.sh [ROWS]          (default 2000000 rows per big feed)
#   ZJ=path/to/zhijian bench/import.sh   (default: a Release build in build-bench/)
#
# Generates (awk) 200 facilities, 50 officers, 100,000 persons, and ROWS rows each of scores, custody and
# activities; imports the base, then each big feed alone into the same database, timing each
# with /usr/bin/time (wall clock, CPU time of the one import process, peak RSS; on a busy
# machine the CPU figure is the one that means something). Then scores at ROWS/2, ROWS and
# 2*ROWS into a fresh database each, to show that peak memory does not grow with file size.
set -eu
ROWS=${1:-2000000}
SRC=$(cd "$(dirname "$0")/.." && pwd)
if [ -z "${ZJ:-}" ]; then
  cmake -S "$SRC" -B "$SRC/build-bench" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$SRC/build-bench" -j1 --target zhijian >/dev/null
  ZJ="$SRC/build-bench/zhijian"
fi
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt package 'time'; ZJ_BENCH=1 scripts/setup.sh)"; exit 1; }
W=${BENCH_DIR:-$(mktemp -d)}
trap 'rm -rf "$W"' EXIT
mkdir -p "$W/base" "$W/scores" "$W/custody" "$W/activities" "$W/half"

# id_number with its GB 11643 check digit, for person i (unique)
IDFN='function idn(i,   p, s, k, w) {
  p = sprintf("1101051980%07d", i)  # unique per person
  split("7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2", w, " "); s = 0
  for (k = 1; k <= 17; k++) s += substr(p, k, 1) * w[k]
  return p substr("10X98765432", s % 11 + 1, 1) }'
awk 'BEGIN { print "facility_id,name,kind,region_code,designated";
  for (i = 1; i <= 200; i++) printf "F%03d,第%d监狱,prison,110105,\n", i, i }' >"$W/base/facilities.csv"
awk 'BEGIN { print "officer_id,name,facility_id,role";
  for (i = 0; i < 50; i++) printf "O%d,警官%d,F%03d,监区长\n", i, i, i + 1 }' >"$W/base/staff.csv"
awk "$IDFN"' BEGIN { print "person_id,id_number,name,gender,birth_date";
  for (i = 1; i <= 100000; i++) printf "P%06d,%s,某%d,%s,1980-01-01\n", i, idn(i), i, (i % 2 ? "M" : "F") }' >"$W/base/persons.csv"
gen_scores() { awk -v n="$1" 'BEGIN { print "score_id,person_id,facility_id,month,base_points,bonus_points,penalty_points,officer_id";
  for (r = 0; r < n; r++) { p = int(r / 20) % 100000 + 1; m = r % 20 + int(r / 2000000) * 20;
    printf "S%09d,P%06d,F%03d,%04d-%02d,%d,%d,%d,O%d\n", r, p, p % 200 + 1, 2010 + int(m / 12), m % 12 + 1, 60 + r % 41, r % 5, r % 3, p % 50 } }'; }
gen_scores "$ROWS" >"$W/scores/scores.csv"
gen_scores $((ROWS / 2)) >"$W/half/scores.csv"
cp "$W/base/facilities.csv" "$W/base/staff.csv" "$W/base/persons.csv" "$W/half/"
awk -v n="$ROWS" 'BEGIN { print "event_id,person_id,facility_id,event_type,event_date,judgment_id,note";
  split("detain admit transfer_out transfer_in release", t, " ");
  for (r = 0; r < n; r++) { p = int(r / 20) % 100000 + 1;
    printf "E%09d,P%06d,F%03d,%s,%04d-%02d-%02d,,\n", r, p, (p + r) % 200 + 1, t[r % 5 + 1], 2000 + r % 25, 1 + r % 12, 1 + r % 28 } }' >"$W/custody/custody.csv"
awk -v n="$ROWS" "$IDFN"' BEGIN { print "record_id,id_number,activity_date,kind,region_code,source";
  for (i = 1; i <= 100000; i++) id[i] = idn(i)
  split("lodging travel medical_visit purchase social_security business vehicle", k, " ");
  for (r = 0; r < n; r++) printf "A%09d,%s,%04d-%02d-%02d,%s,310104,公安\n", r, id[(r * 7919) % 100000 + 1], 2015 + r % 10, 1 + r % 12, 1 + r % 28, k[r % 7 + 1] }' >"$W/activities/activities.csv"

run() { # label dir db rows
  /usr/bin/time -f "%e %U %S %M" -o "$W/t" "$ZJ" import --db "$3" --as-of 2025-06-30 "$2" >"$W/out" 2>"$W/err" ||
    { cat "$W/out" "$W/err"; exit 1; }
  read -r secs usr sys kb <"$W/t"
  awk -v l="$1" -v n="$4" -v s="$secs" -v c="$usr" -v y="$sys" -v kb="$kb" 'BEGIN {
    printf "%-22s %9d rows  wall %6.2f s %8.0f rows/s  cpu %6.2f s %8.0f rows/s  peak RSS %6.1f MB\n",
      l, n, s, n / s, c + y, n / (c + y), kb / 1024 }'
}
echo "zhijian import benchmark: $ZJ, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)"
run "base (persons etc.)" "$W/base" "$W/a.db" 100250
for f in scores custody activities; do
  run "$f" "$W/$f" "$W/a.db" "$ROWS"
  grep -q "^$f .* 0$" "$W/out" || { echo "unexpected rejects:"; cat "$W/out"; exit 1; }
done
run "scores again (same)" "$W/scores" "$W/a.db" "$ROWS"
grep -q "^scores  *$ROWS  *0  *0  *$ROWS  *0$" "$W/out"
echo "memory against file size (fresh database, base + scores):"
run "  scores x1/2" "$W/half" "$W/b.db" $((ROWS / 2 + 100250))
rm -f "$W"/b.db*
cp "$W/base/facilities.csv" "$W/base/staff.csv" "$W/base/persons.csv" "$W/scores/"
run "  scores x1" "$W/scores" "$W/b.db" $((ROWS + 100250))
rm -f "$W"/b.db* "$W"/half/scores.csv "$W"/custody/custody.csv "$W"/activities/activities.csv
mkdir -p "$W/double" && cp "$W/base/facilities.csv" "$W/base/staff.csv" "$W/base/persons.csv" "$W/double/"
gen_scores $((ROWS * 2)) >"$W/double/scores.csv"
run "  scores x2" "$W/double" "$W/b.db" $((ROWS * 2 + 100250))
