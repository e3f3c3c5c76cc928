#!/usr/bin/env bash
# bench/safety.sh — the cost of the custody-safety feeds (issue 16) to a full screening:
# generates a province, imports it twice (all feeds; without incidents, incident_persons,
# labour, release_prep), screens both in full and prints the two times and their ratio.
# Not part of the test suite: run by hand (the issue asks for at most +10 %).
#
#   bench/safety.sh [PERSONS]          (default 300000)
#   ZJ=path/to/zhijian bench/safety.sh (default: build/zhijian, a Release build)
set -eu
N=${1:-300000}
SRC=$(cd "$(dirname "$0")/.." && pwd)
ZJ=${ZJ:-$SRC/build/zhijian}
AS_OF=2026-06-30
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
"$ZJ" gen --out "$W/all" --persons "$N" --seed 1 --as-of $AS_OF >/dev/null
mkdir "$W/v1"
for f in "$W"/all/*.csv; do
    case "$(basename "$f" .csv)" in
    incidents|incident_persons|labour|release_prep) ;;
    *) ln -s "$f" "$W/v1/" ;;
    esac
done
secs() { /usr/bin/time -f %e "$@" 2>&1 >/dev/null | tail -1; }
for d in v1 all; do
    "$ZJ" import --db "$W/$d.db" --as-of $AS_OF "$W/$d" >/dev/null 2>&1
done
t1=$(secs "$ZJ" screen --db "$W/v1.db" --as-of $AS_OF)
t2=$(secs "$ZJ" screen --db "$W/all.db" --as-of $AS_OF)
awk -v n="$N" -v a="$t1" -v b="$t2" 'BEGIN { printf "persons %d: screening without the new feeds %.1f s, with them %.1f s (%+.1f %%)\n", n, a, b, (b - a) * 100 / a }'
