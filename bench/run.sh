#!/usr/bin/env bash
# bench/run.sh — generation, import and screening speed of a county (10k persons), a
# province (300k persons) and, with --country, the whole country (3M persons, about 10M
# sentence changes via `gen --long-share 1000`). Times every step with /usr/bin/time -v
# and prints rows/s and peak RSS. Not part of the test suite: run by hand, once.
#
#   bench/run.sh [--country] [--keep]
#   ZJ=path/to/zhijian bench/run.sh        (default: a Release build in build-gen-rel/)
#   BENCH_DIR=/big/disk bench/run.sh       (default: a temporary directory, removed after)
#
# Steps whose command is not available in the build are reported as "n/a".
set -eu
COUNTRY=0
KEEP=0
for a in "$@"; do
    case "$a" in
    --country) COUNTRY=1 ;;
    --keep) KEEP=1 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "unknown option '$a'" >&2; exit 2 ;;
    esac
done
SRC=$(cd "$(dirname "$0")/.." && pwd)
if [ -z "${ZJ:-}" ]; then
    cmake -S "$SRC" -B "$SRC/build-gen-rel" -DCMAKE_BUILD_TYPE=Release -DCMAKE_C_FLAGS= >/dev/null
    cmake --build "$SRC/build-gen-rel" -j2 --target zhijian >/dev/null
    ZJ="$SRC/build-gen-rel/zhijian"
fi
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (Debian package 'time')" >&2; exit 1; }
W=${BENCH_DIR:-$(mktemp -d)}
mkdir -p "$W"
[ "$KEEP" = 1 ] || trap 'rm -rf "$W"' EXIT
AS_OF=2026-06-30

available() { ! "$ZJ" "$1" --help 2>&1 | grep -q "not available"; }

# run NAME STEP ROWS -- command…: time one step, print one line of the table
run() {
    local name=$1 step=$2 rows=$3
    shift 4
    local log="$W/$name.$step.time"
    if ! /usr/bin/time -v -o "$log" "$@" > "$W/$name.$step.out" 2> "$W/$name.$step.err"; then
        echo "  $step failed (see $W/$name.$step.err)"; tail -3 "$W/$name.$step.err"; return 0
    fi
    local wall rss secs
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/{print $2}' "$log")
    rss=$(awk -F': ' '/Maximum resident set size/{print $2}' "$log")
    secs=$(echo "$wall" | awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')
    awk -v n="$name" -v s="$step" -v r="$rows" -v t="$secs" -v m="$rss" 'BEGIN {
        printf "%-9s %-7s %12d rows %9.1f s %12.0f rows/s %8.1f MB peak RSS\n",
               n, s, r, t, (t > 0 ? r / t : 0), m / 1024 }'
}

bench() {
    local name=$1 persons=$2
    shift 2
    local dir="$W/$name" db="$W/$name.db"
    rm -rf "$dir" "$db" "$db-wal" "$db-shm"
    /usr/bin/time -v -o "$W/$name.gen.time" "$ZJ" gen --out "$dir" --persons "$persons" --as-of "$AS_OF" "$@" \
        2> "$W/$name.gen.err" || { echo "gen failed"; cat "$W/$name.gen.err"; return 1; }
    local rows
    rows=$(cat "$dir"/*.csv | wc -l)
    rows=$((rows - $(ls "$dir"/*.csv | wc -l)))   # the header of every file
    local changes
    changes=$(($(wc -l < "$dir/sentence_changes.csv") - 1))
    echo "$name: $persons persons, $rows rows ($changes sentence changes), $(du -sh "$dir" | cut -f1)"
    # the gen line, from the time log written above
    awk -F': ' -v n="$name" -v r="$rows" '
        /Elapsed \(wall clock\)/{w=$2} /Maximum resident set size/{m=$2}
        END { k = split(w, a, ":"); t = (k == 3) ? a[1]*3600 + a[2]*60 + a[3] : a[1]*60 + a[2];
              printf "%-9s %-7s %12d rows %9.1f s %12.0f rows/s %8.1f MB peak RSS\n",
                     n, "gen", r, t, (t > 0 ? r / t : 0), m / 1024 }' "$W/$name.gen.time"
    if available import; then
        run "$name" import "$rows" -- "$ZJ" import --db "$db" --as-of "$AS_OF" "$dir"
    else
        echo "$name import n/a"
    fi
    if available screen && [ -f "$db" ]; then
        run "$name" screen "$rows" -- "$ZJ" screen --db "$db" --as-of "$AS_OF"
        if available leads; then
            "$ZJ" leads --db "$db" --format csv --as-of "$AS_OF" --purpose 复查核实 --actor bench \
                | tail -n +2 > "$W/$name.leads"
            cut -d, -f1,2 "$W/$name.leads" | sort -u > "$W/$name.got"
            tail -n +2 "$dir/answers.csv" | sort -u > "$W/$name.ans"
            tail -n +2 "$dir/near_misses.csv" | sort -u > "$W/$name.near"
            echo "$name leads: $(wc -l < "$W/$name.got"), planted found $(comm -12 "$W/$name.got" "$W/$name.ans" | wc -l)/$(wc -l < "$W/$name.ans"), near misses fired $(comm -12 "$W/$name.got" "$W/$name.near" | wc -l)/$(wc -l < "$W/$name.near"), leads on background persons $(background "$dir" "$W/$name.leads")"
        fi
    else
        echo "$name screen n/a"
    fi
}

# background DIR LEADS: leads (csv rows) on a person that is not a planted one
# (planted_persons.csv, written by gen with noise); "n/a" without the list
background() {
    [ -f "$1/planted_persons.csv" ] || { echo n/a; return; }
    awk -F, 'NR == FNR { if (FNR > 1) p[$1] = 1; next } $3 != "" && !($3 in p) { n++ }
        END { print n + 0 }' "$1/planted_persons.csv" "$2"
}

echo "zhijian bench: $ZJ, work dir $W, one core per step, as-of $AS_OF"
bench county 10000
bench province 300000
if [ "$COUNTRY" = 1 ]; then
    bench country 3000000 --long-share 1000 --provinces 3
fi
