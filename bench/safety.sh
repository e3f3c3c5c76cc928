#!/usr/bin/env bash
# bench/safety.sh — the version-2 models of issues 16 and 17 on a generated province:
#  1. the cost of the custody-safety feeds (issue 16) to a full screening: the province is
#     imported without incidents, incident_persons, labour, release_prep, and a copy gets
#     those four,
#     both are screened in full, and the two times (wall and CPU) and their ratio are
#     printed (the issue allows at most +10 %);
#  2. on the database with every feed, per new model (CUS-05 … CUS-09, REL-01, JUV-01,
#     ENT-01 … ENT-03) and for all models: planted leads found of answers.csv, near misses
#     of near_misses.csv that fired, and leads on background persons (not in
#     planted_persons.csv).
# Not part of the test suite: run by hand, under nice (docs/custody-safety.md, sealing.md).
#
#   bench/safety.sh [PERSONS]          (default 300000)
#   ZJ=path/to/zhijian bench/safety.sh (default: build/zhijian, a Release build)
#   KEEP=DIR bench/safety.sh           (work in DIR and keep it)
set -eu
N=${1:-300000}
SRC=$(cd "$(dirname "$0")/.." && pwd)
ZJ=${ZJ:-$SRC/build/zhijian}
AS_OF=2026-06-30
if [ -n "${KEEP:-}" ]; then
    W=$KEEP
    mkdir -p "$W"
else
    W=$(mktemp -d)
    trap 'rm -rf "$W"' EXIT
fi
# wall and CPU seconds of a command: "wall cpu"
secs() { /usr/bin/time -f '%e %U %S' "$@" 2>&1 >/dev/null | tail -1 | awk '{ print $1, $2 + $3 }'; }
echo "bench/safety.sh: $N persons, as-of $AS_OF, $ZJ, work dir $W"
echo "gen: $(secs "$ZJ" gen --out "$W/all" --persons "$N" --seed 1 --as-of $AS_OF) (wall, CPU s)"
rm -rf "$W/v1"
mkdir "$W/v1"
for f in "$W"/all/*.csv; do
    case "$(basename "$f" .csv)" in
    incidents|incident_persons|labour|release_prep) ;;
    *) ln -s "$f" "$W/v1/" ;;
    esac
done
# the database with every feed is the one without them plus the four feeds imported into a
# copy (the same rows as importing everything at once, in a fraction of the time)
rm -f "$W"/v1.db* "$W"/all.db*
echo "import v1: $(secs "$ZJ" import --db "$W/v1.db" --as-of $AS_OF "$W/v1") (wall, CPU s)"
cp "$W/v1.db" "$W/all.db"
rm -rf "$W/new"
mkdir "$W/new"
for f in incidents incident_persons labour release_prep; do ln -s "$W/all/$f.csv" "$W/new/"; done
echo "import of the four feeds: $(secs "$ZJ" import --db "$W/all.db" --as-of $AS_OF "$W/new") (wall, CPU s)"
read -r w1 c1 <<<"$(secs "$ZJ" screen --db "$W/v1.db" --as-of $AS_OF --full)"
read -r w2 c2 <<<"$(secs "$ZJ" screen --db "$W/all.db" --as-of $AS_OF --full)"
awk -v n="$N" -v a="$w1" -v b="$w2" -v x="$c1" -v y="$c2" 'BEGIN {
    printf "persons %d: full screening without the new feeds %.1f s wall (%.1f s CPU), with them %.1f s wall (%.1f s CPU): %+.1f %% wall, %+.1f %% CPU\n",
           n, a, x, b, y, (b - a) * 100 / a, (y - x) * 100 / x }'

# 2. the answer key (the key names sealed persons: export with a purpose)
"$ZJ" leads --db "$W/all.db" --format csv --as-of $AS_OF --purpose 复查核实 --actor bench \
    | tail -n +2 >"$W/all.leads"
cut -d, -f1,2 "$W/all.leads" | sort -u >"$W/got"
tail -n +2 "$W/all/answers.csv" | sort -u >"$W/ans"
tail -n +2 "$W/all/near_misses.csv" | sort -u >"$W/near"
awk -F, 'NR == FNR { if (FNR > 1) p[$1] = 1; next } $3 != "" && !($3 in p) { print $1 }' \
    "$W/all/planted_persons.csv" "$W/all.leads" | sort | uniq -c >"$W/bg"
for m in CUS-05 CUS-06 CUS-07 CUS-08 CUS-09 REL-01 JUV-01 ENT-01 ENT-02 ENT-03 all; do
    if [ $m = all ]; then pat=.; else pat="^$m,"; fi
    a=$(grep -c "$pat" "$W/ans" || true)
    f=$(comm -12 "$W/got" "$W/ans" | grep -c "$pat" || true)
    nm=$(grep -c "$pat" "$W/near" || true)
    fired=$(comm -12 "$W/got" "$W/near" | grep -c "$pat" || true)
    leads=$(grep -c "$pat" "$W/got" || true)
    if [ $m = all ]; then bg=$(awk '{ n += $1 } END { print n + 0 }' "$W/bg")
    else bg=$(awk -v m=$m '$2 == m { n += $1 } END { print n + 0 }' "$W/bg"); fi
    printf '%-7s leads %7d  planted found %6d/%-6d  near misses fired %d/%d  on background persons %d\n' \
        "$m" "$leads" "$f" "$a" "$fired" "$nm" "$bg"
done
