#!/bin/bash
# gen_screen.sh — screen a generated county (with the generator's background noise,
# `gen --noise`): every planted case of answers.csv is found as a lead (model_id,
# subject), no near miss of near_misses.csv fires, and no lead is on a background person
# (a person not in planted_persons.csv).
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

# check DIR AS_OF GEN-OPTIONS…: generate, import, screen, compare with the answer key
check() {
    local d=$1 asof=$2
    shift 2
    "$ZJ" gen --out "$T/$d" --as-of "$asof" "$@" || fail "gen $*"
    "$ZJ" import --db "$T/$d.db" --as-of "$asof" "$T/$d" > /dev/null 2>&1 || fail "import"
    "$ZJ" screen --db "$T/$d.db" --as-of "$asof" > /dev/null 2>&1 || fail "screen"
    # in full (the answer key names sealed persons too): with a purpose, as-of the data
    "$ZJ" leads --db "$T/$d.db" --format csv --as-of "$asof" --purpose 复查核实 --actor gen_screen \
        > "$T/$d.leads" || fail "leads"
    tail -n +2 "$T/$d.leads" | cut -d, -f1,2 | sort -u > "$T/$d.got"
    [ -s "$T/$d/planted_persons.csv" ] || fail "no planted_persons.csv"
    local bg
    bg=$(awk -F, 'NR == FNR { if (FNR > 1) p[$1] = 1; next }
        FNR > 1 && $3 != "" && !($3 in p) { print $3 "," $1 "," $2 }' \
        "$T/$d/planted_persons.csv" "$T/$d.leads")
    tail -n +2 "$T/$d/answers.csv" | sort -u > "$T/$d.ans"
    tail -n +2 "$T/$d/near_misses.csv" | sort -u > "$T/$d.near"
    [ -s "$T/$d.ans" ] || fail "no answers"
    local missed fired extra
    missed=$(comm -13 "$T/$d.got" "$T/$d.ans")
    fired=$(comm -12 "$T/$d.got" "$T/$d.near")
    extra=$(comm -23 "$T/$d.got" "$T/$d.ans" | wc -l)
    [ -z "$missed" ] || { echo "planted but not found ($*):"; echo "$missed" | head -20; fail "planted cases missed"; }
    [ -z "$fired" ] || { echo "near misses that fired ($*):"; echo "$fired" | head -20; fail "near misses fired"; }
    local nbg
    nbg=$(printf '%s' "$bg" | grep -c .)
    echo "leads on background persons ($asof $*): $nbg"
    [ "$nbg" = 0 ] || { echo "$bg" | head -20; fail "$nbg leads on background persons"; }
    echo "ok ($asof $*): $(wc -l < "$T/$d.ans") planted found, $(wc -l < "$T/$d.near") near misses silent, $nbg leads on background persons, $extra other leads"
}

check g 2026-06-30 --persons 1200 --seed 9
# the 涉企 area of the leads filter is the enterprise family (ENT-01 … ENT-03), and only it
ent=$(tail -n +2 "$T/g.leads" | grep -c '^ENT-0')
[ "$ent" -gt 0 ] || fail "no ENT lead"
[ "$("$ZJ" leads --db "$T/g.db" --area 涉企 | tail -n +2 | grep -c '^ENT-0')" = "$ent" ] || fail "--area 涉企"
[ "$("$ZJ" leads --db "$T/g.db" --family enterprise | tail -n +2 | grep -vc '^ENT-0')" = 0 ] || fail "--family enterprise"
[ "$("$ZJ" leads --db "$T/g.db" --family juvenile | tail -n +2 | cut -d, -f1 | sort -u)" = JUV-01 ] || fail "--family juvenile"
# three times the noise
check n 2026-06-30 --persons 1200 --seed 4 --noise 3
# a month end where add_months clamps, two provinces, more plants per model
check m 2025-03-31 --persons 900 --seed 2 --provinces 2 --plant-rate 8
# 8 plants per model, so that every scenario variant (k % 8 for CHG-01) appears; a
# February month-end as-of
check v 2025-02-28 --persons 2500 --seed 11 --plant-rate 12
# the variants are there: a change after 死缓 → life (CHG-01 C-08/C-11, CHG-03 C-08), the
# sixth commutation of the C-10 plant, a 拘役 never delivered, candidate/elected voters
grep -q '^CHG-01,X[0-9]*01$' "$T/v/answers.csv" || fail "no CHG-01 plant after 死缓 → life"
grep -q '^CHG-03,X[0-9]*01$' "$T/v/answers.csv" || fail "no CHG-03 死缓 plant"
grep -q '^CHG-04,X[0-9]*06$' "$T/v/answers.csv" || fail "no CHG-04 C-10 plant"
grep -q ',revoke_parole,' "$T/v/sentence_changes.csv" || fail "no P-06 plant (revoked parole)"
grep -q '^J[0-9]*N,' "$T/v/judgments.csv" || fail "no C-14 plant (new crime in prison)"
awk -F, 'NR == FNR { if ($1 == "DEL-01") a[$2] = 1; next }
    ($1 in a) && $10 == "criminal_detention" { n++ } END { exit !n }' \
    "$T/v/answers.csv" "$T/v/judgments.csv" || fail "no DEL-01 拘役 plant"
grep -q ',leave_end,' "$T/v/custody.csv" || fail "no approved leave (PAP-01)"
# law.md §16: the plants of the SPC-2012 rule set are found, of medium severity (a general
# limit), citing the 2012 article; `zhijian person` names the rule set of the change
python3 - "$T/v.leads" > "$T/v.spc2012" <<'PY' || fail "no SPC-2012 lead of medium severity"
import csv, sys
rows = [r for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")) if "2012年减刑假释规定第" in r["basis"]]
assert rows and all(r["severity"] == "medium" for r in rows), rows[:3]
print(rows[0]["person_id"], rows[0]["subject"])
PY
read -r p12 c12 < "$T/v.spc2012"
"$ZJ" person --db "$T/v.db" --as-of 2025-02-28 "$p12" > "$T/v.person" || fail "person $p12"
grep -q "^  $c12 commutation .* 适用2012年减刑假释规定$" "$T/v.person" || fail "person $p12: change $c12 without its rule set"
# the custody-safety plants of every kind (gen_safety.c): CUS-05 plants and near misses, a
# juvenile labour month, the three REL-01 variants
for m in CUS-05 CUS-06 CUS-07 CUS-08 CUS-09 REL-01; do
    grep -q "^$m," "$T/v/answers.csv" || fail "no $m plant"
    grep -q "^$m," "$T/v/near_misses.csv" || fail "no $m near miss"
done
