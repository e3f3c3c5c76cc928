#!/bin/bash
# bench/same_output.sh — does a refactor keep zhijian's output? The same generated data
# through two binaries (e.g. the main branch's and the refactored one), compared byte for
# byte, with the sha256 of each output printed for the commit body:
#   * the feeds written by `gen` (every CSV, in name order),
#   * `zhijian leads --format csv` after a full screening (--jobs 2, fixed --as-of),
#   * the work report JSON (`zhijian report --format json`) after a simulated year of
#     casework (`--simulate 1`) over the screened data, for the year up to the as-of.
# Exits 1 when any output differs. Not a test: it needs two builds; run it by hand before
# landing a refactor (issue 14, "Must show": leads and the work report identical).
#
# usage: bench/same_output.sh OLD_ZHIJIAN NEW_ZHIJIAN [GEN OPTIONS...]
#   GEN OPTIONS default to the county of HELPERS.md: --persons 5000 --seed 7 --noise 2
#   --long-share 50. Big runs: e.g. --persons 300000 --province 33 --long-share 50.
#   SAME_DIR=dir   work directory (default: a temporary one, removed at the end)
#   SAME_AS_OF=D   the as-of of gen, import, screen, leads and report (default 2026-06-30)
set -eu
[ $# -ge 2 ] || { sed -n '2,/^set -eu/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 2; }
OLD=$(readlink -f "$1")
NEW=$(readlink -f "$2")
shift 2
[ $# -gt 0 ] || set -- --persons 5000 --seed 7 --noise 2 --long-share 50
AS_OF=${SAME_AS_OF:-2026-06-30}
FROM=$(date -d "$AS_OF - 364 days" +%F)
if [ -n "${SAME_DIR:-}" ]; then
    W=$SAME_DIR
    mkdir -p "$W"
else
    W=$(mktemp -d)
    trap 'rm -rf "$W"' EXIT
fi
# the built-in catalog only: user model files of ./models would run too
mkdir -p "$W/no-models"
export ZJ_MODELS_DIR=$W/no-models

run() { # run NAME BINARY: every output of BINARY into $W/NAME
    local d=$W/$1 zj=$2
    rm -rf "$d"
    mkdir -p "$d"
    "$zj" gen --out "$d/feeds" --as-of "$AS_OF" "${GEN[@]}" >/dev/null 2>&1
    (cd "$d/feeds" && find . -name '*.csv' | LC_ALL=C sort | xargs cat) | sha256sum |
        cut -d' ' -f1 >"$d/feeds.sha"
    "$zj" import --db "$d/z.db" --as-of "$AS_OF" "$d/feeds" >"$d/import.out" 2>&1 || true
    "$zj" screen --db "$d/z.db" --as-of "$AS_OF" --jobs 2 --full >"$d/screen.out"
    "$zj" leads --db "$d/z.db" --as-of "$AS_OF" --format csv >"$d/leads.csv" 2>/dev/null
    "$zj" report --db "$d/z.db" --simulate 1 --as-of "$AS_OF" --from "$FROM" --to "$AS_OF" \
        --format json --out "$d/report.json"
    rm -f "$d/z.db" "$d/z.db-wal" "$d/z.db-shm"
    rm -rf "$d/feeds"
}
GEN=("$@")
run old "$OLD"
run new "$NEW"

status=0
cmp_one() { # cmp_one LABEL FILE_OLD FILE_NEW
    local a b
    a=$(sha256sum <"$2" | cut -d' ' -f1)
    b=$(sha256sum <"$3" | cut -d' ' -f1)
    if [ "$a" = "$b" ]; then
        printf '%-12s same  %s\n' "$1" "$a"
    else
        printf '%-12s DIFFERENT  old %s  new %s\n' "$1" "$a" "$b"
        status=1
    fi
}
echo "gen ${GEN[*]} --as-of $AS_OF; report $FROM .. $AS_OF after --simulate 1"
cmp_one feeds "$W/old/feeds.sha" "$W/new/feeds.sha"
cmp_one leads.csv "$W/old/leads.csv" "$W/new/leads.csv"
cmp_one report.json "$W/old/report.json" "$W/new/report.json"
echo "leads.csv: $(wc -l <"$W/new/leads.csv") lines; report: $(wc -c <"$W/new/report.json") bytes"
exit $status
