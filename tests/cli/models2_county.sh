#!/usr/bin/env bash
# models2_county.sh — on a generated county (zhijian gen: answers.csv, near_misses.csv),
# every planted case of CC-01..CC-06, PR-01, PROP-01/02, CUS-01..CUS-04 and DUTY-01 is
# found, and no near miss of these models fires — after the first screening (DUTY-01 runs
# last and reads this screening's leads) and again after a second, full one (stable).
set -eu
: "${ZJ:?path to zhijian}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
export ZJ_MODELS_DIR="$work/no-user-models"
fail() { echo "FAIL: $*" >&2; exit 1; }
AS_OF=2025-06-30

"$ZJ" gen --out feeds --persons "${ZJ_M2_PERSONS:-3000}" --seed 7 --as-of "$AS_OF" >gen.out 2>&1 \
    || { tail gen.out; fail "gen"; }
"$ZJ" import feeds --db t.db --as-of "$AS_OF" >import.out 2>&1 || { tail import.out; fail "import"; }
"$ZJ" screen --db t.db --as-of "$AS_OF" >screen1.out 2>&1 || { tail screen1.out; fail "screen 1"; }
"$ZJ" leads --db t.db --format csv >leads1.csv || fail "leads 1"
grep -q '^DUTY-01,' leads1.csv || fail "DUTY-01 raised nothing in the first screening"
"$ZJ" screen --db t.db --as-of "$AS_OF" --full >screen2.out 2>&1 || { tail screen2.out; fail "screen 2"; }
"$ZJ" leads --db t.db --format csv >leads.csv || fail "leads"

mine='^(CC-0[1-6]|PR-01|PROP-0[12]|CUS-0[1-4]|DUTY-01),'
# leads that are not resolved: model_id,subject
awk -F, 'NR > 1 && $7 != "resolved" { print $1 "," $2 }' leads.csv | sort -u >raised.txt
grep -E "$mine" feeds/answers.csv | tr -d '\r' | sort -u >want.txt || true
grep -E "$mine" feeds/near_misses.csv | tr -d '\r' | sort -u >near.txt || true
[ -s want.txt ] || fail "the generator planted none of these models"
missing=$(comm -23 want.txt raised.txt)
fired=$(comm -12 near.txt raised.txt)
echo "planted $(wc -l <want.txt), near misses $(wc -l <near.txt)"
[ -z "$missing" ] || { echo "planted but not found:"; echo "$missing"; fail "missed planted cases"; }
[ -z "$fired" ] || { echo "near misses that fired:"; echo "$fired"; fail "near misses fired"; }
for m in CC-01 CC-02 CC-03 CC-04 CC-05 CC-06 PR-01 PROP-01 PROP-02 CUS-01 CUS-02 CUS-03 CUS-04 DUTY-01; do
    grep -q "^$m," want.txt || echo "note: no planted case of $m in this county"
done
"$ZJ" facilities --db t.db --format csv >fac.csv || fail "facilities"
[ "$(wc -l <fac.csv)" -gt 2 ] || fail "facilities ranking empty"
echo ok
