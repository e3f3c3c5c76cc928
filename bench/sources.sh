#!/usr/bin/env bash
# bench/sources.sh — every shipped source profile's workbook against the CSV import of the
# same rows on a generated province: time, CPU, rows/s and peak memory. Not a test: run
# by hand (under `nice -n 19 ionice -c3` on a shared machine) and note the figures in
# docs/benchmarks.md.
#
#   bench/sources.sh [PERSONS] [PROFILE…]  (default 100000 persons, every profile)
#   ZJ=path/to/zhijian bench/sources.sh    (default: a Release build in build-bench/)
#   BENCH_DIR=/big/disk                    (default: a temporary directory; removed after)
#
# Generates the province (zhijian gen --as-xlsx all; the roster of proposals from the
# generated changes, tests/cli/proposals_csv.py) and loads its CSV feeds in load order into
# one database, keeping a copy before each profile's first feed. For each profile: two
# copies of that database; into one the profile's rows from CSV (the rosters: persons and
# the custody events of their kind), into the other the workbook through the profile;
# each timed with /usr/bin/time (wall, CPU of the import process, peak RSS); rows/s is
# workbook rows per CPU second. The two databases are then compared table by table.
set -eu
PERSONS=${1:-100000}
shift || true
SRC=$(cd "$(dirname "$0")/.." && pwd)
if [ -z "${ZJ:-}" ]; then
  cmake -S "$SRC" -B "$SRC/build-bench" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$SRC/build-bench" -j1 --target zhijian >/dev/null
  ZJ="$SRC/build-bench/zhijian"
fi
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt package 'time'; ZJ_BENCH=1 scripts/setup.sh)"; exit 1; }
W=${BENCH_DIR:-$(mktemp -d)}
mkdir -p "$W"
trap 'rm -rf "$W"/feeds "$W"/snap "$W"/run' EXIT
cd "$W"
AS_OF=2026-06-30

# profile → its feeds; the feed before which its database is copied; the custody kind of a roster
declare -A feeds=([court_judgments]="persons judgments" [prison_roster]="persons custody"
  [detention_roster]="persons custody" [custody_register]=custody [sentence_changes]=sentence_changes
  [cc_roster]=corrections [property]=property [restraints]=restraints [proposals_roster]=proposals)
declare -A before=([court_judgments]=persons [prison_roster]=custody [detention_roster]=custody
  [custody_register]=custody [sentence_changes]=sentence_changes [cc_roster]=corrections
  [property]=property [restraints]=restraints [proposals_roster]=proposals)
declare -A kind=([prison_roster]=admit [detention_roster]=detain)
PROFILES=("$@")
[ ${#PROFILES[@]} -gt 0 ] || PROFILES=(court_judgments prison_roster detention_roster custody_register
  sentence_changes cc_roster property restraints proposals_roster)

t0=$(date +%s.%N)
"$ZJ" gen --persons "$PERSONS" --seed 7 --as-of $AS_OF --out feeds --as-xlsx all >gen.out
python3 "$SRC/tests/cli/proposals_csv.py" feeds >/dev/null
"$ZJ" profile export proposals_roster feeds feeds/xlsx >>gen.out
t1=$(date +%s.%N)
echo "gen --persons $PERSONS --as-xlsx all (+ proposals): $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", b - a }') s," \
  "workbooks $(du -ch feeds/xlsx/*.xlsx | tail -1 | cut -f1)"

# the CSV feeds in load order, a copy of the database before each feed a profile starts at
mkdir -p snap run
for f in facilities staff persons judgments custody medical sentence_changes scores merits \
         corrections cc_events voters property payments cells restraints deaths activities \
         incidents incident_persons labour release_prep proposals; do
  for p in "${PROFILES[@]}"; do
    if [ "${before[$p]}" = "$f" ] && [ ! -f "snap/$f.db" ]; then
      if [ -f base.db ]; then cp base.db "snap/$f.db"; else : >"snap/$f.db"; fi
    fi
  done
  [ -f "feeds/$f.csv" ] || continue
  rm -rf one && mkdir one && cp "feeds/$f.csv" one/
  "$ZJ" import --db base.db --as-of $AS_OF one >/dev/null
done
rm -rf one base.db

fmt='%e %U %S %M'
printf '\n| profile | workbook | rows | xlsx wall | xlsx CPU | rows/s (CPU) | peak RSS | CSV wall | CSV CPU | CSV peak RSS | rows differing |\n'
printf '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n'
for p in "${PROFILES[@]}"; do
  rows=$(awk -v f="feeds/xlsx/$p.xlsx:" '$1 == f { print $2 }' gen.out)
  size=$(du -h "feeds/xlsx/$p.xlsx" | cut -f1)
  rm -rf run/* && mkdir -p run/csv
  for f in ${feeds[$p]}; do
    if [ "$f" = custody ] && [ -n "${kind[$p]:-}" ]; then
      awk -F, -v k="${kind[$p]}" 'NR == 1 || $4 == k' feeds/custody.csv >run/csv/custody.csv
    else
      cp "feeds/$f.csv" run/csv/
    fi
  done
  cp "snap/${before[$p]}.db" run/a.db
  cp "snap/${before[$p]}.db" run/b.db
  /usr/bin/time -f "$fmt" -o run/csv.time "$ZJ" import --db run/a.db --as-of $AS_OF run/csv >run/csv.out
  /usr/bin/time -f "$fmt" -o run/xlsx.time "$ZJ" import --db run/b.db --as-of $AS_OF --profile "$p" \
    "feeds/xlsx/$p.xlsx" >run/xlsx.out 2>run/xlsx.err
  diff=0
  for t in ${feeds[$p]}; do
    cols=$(sqlite3 run/a.db "SELECT group_concat(name) FROM pragma_table_info('$t') WHERE name NOT IN ('batch_id', 'extra')")
    n=$(sqlite3 run/b.db "ATTACH 'run/a.db' AS a;
      SELECT (SELECT count(*) FROM (SELECT $cols FROM main.$t EXCEPT SELECT $cols FROM a.$t))
           + (SELECT count(*) FROM (SELECT $cols FROM a.$t EXCEPT SELECT $cols FROM main.$t))")
    diff=$((diff + n))
  done
  rej=$(sqlite3 run/b.db "SELECT count(*) FROM rejects")
  read -r xw xu xs xm <run/xlsx.time
  read -r cw cu cs cm <run/csv.time
  awk -v p="$p" -v size="$size" -v rows="$rows" -v xw="$xw" -v xu="$xu" -v xs="$xs" -v xm="$xm" \
      -v cw="$cw" -v cu="$cu" -v cs="$cs" -v cm="$cm" -v d="$diff" -v rej="$rej" 'BEGIN { xc = xu + xs; cc = cu + cs
    printf "| %s | %s | %d | %.1f s | %.1f s | %.0f | %.0f MB | %.1f s | %.1f s | %.0f MB | %d%s |\n",
      p, size, rows, xw, xc, (xc > 0 ? rows / xc : 0), xm / 1024, cw, cc, cm / 1024, d,
      (rej > 0 ? " (" rej " rejected)" : "") }'
done
