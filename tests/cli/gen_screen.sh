#!/bin/bash
# gen_screen.sh — screen a generated county: every planted case of answers.csv is
# found as a lead (model_id, subject), and no near miss of near_misses.csv fires.
set -u
ZJ=${ZJ:?path to zhijian}
for c in import screen leads; do
    if "$ZJ" $c --help 2>&1 | grep -q "not available"; then
        echo "skip: zhijian $c not available in this build"; exit 0
    fi
done
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

"$ZJ" gen --out "$T/g" --persons 1200 --seed 9 || fail "gen"
"$ZJ" import --db "$T/g.db" --as-of 2026-06-30 "$T/g" > /dev/null 2>&1 || fail "import"
"$ZJ" screen --db "$T/g.db" --as-of 2026-06-30 > /dev/null 2>&1 || fail "screen"
"$ZJ" leads --db "$T/g.db" --format csv > "$T/leads.csv" || fail "leads"
tail -n +2 "$T/leads.csv" | cut -d, -f1,2 | sort -u > "$T/got"
tail -n +2 "$T/g/answers.csv" | sort -u > "$T/ans"
tail -n +2 "$T/g/near_misses.csv" | sort -u > "$T/near"
[ -s "$T/ans" ] || fail "no answers"
missed=$(comm -13 "$T/got" "$T/ans")
fired=$(comm -12 "$T/got" "$T/near")
extra=$(comm -23 "$T/got" "$T/ans" | wc -l)
[ -z "$missed" ] || { echo "planted but not found:"; echo "$missed" | head -20; fail "planted cases missed"; }
[ -z "$fired" ] || { echo "near misses that fired:"; echo "$fired" | head -20; fail "near misses fired"; }
echo "ok: $(wc -l < "$T/ans") planted found, $(wc -l < "$T/near") near misses silent, $extra other leads"
