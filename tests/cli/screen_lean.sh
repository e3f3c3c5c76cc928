#!/bin/bash
# screen_lean.sh — a screening loads less when its models allow it, and finds the same leads:
# CC-02 … CC-05 read each correction's latest checkin and each abscondence's next one, not
# the checkin events (MODEL_LAST_CHECKIN: the events other than checkins through the partial
# index cc_events_notable); PR-01, CHG-10, CHG-13, PAP-01, PAP-02, CHG-12 and JUV-01 ask
# for the voters, the scores, the activities and the record queries when they need them
# (MODEL_ASKS; CHG-10 reads the notable score months of the others through the partial
# index scores_notable). Every model of the catalog screened so must raise the
# same leads, word for word, as when the engine loads every part through its cursor
# (ZJ_SCREEN_WHOLE=1, as `zhijian person` loads a person); so must one worker and two.
set -u
ZJ=${ZJ:?path to zhijian}
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
AS_OF=2025-06-30
ASKING=(CC-02 CC-03 CC-04 CC-05 PR-01 CHG-10 CHG-12 CHG-13 PAP-01 PAP-02 JUV-01)
export ZJ_MODELS_DIR="$W/no-models"
mkdir "$ZJ_MODELS_DIR"

"$ZJ" gen --out "$W/feeds" --persons 800 --seed 3 --as-of "$AS_OF" >/dev/null 2>"$W/gen.err" ||
    { cat "$W/gen.err"; fail "gen"; }
"$ZJ" import --db "$W/z.db" --as-of "$AS_OF" "$W/feeds" >/dev/null 2>&1 || fail "import"
for i in cc_events_notable scores_notable; do
    [ "$(sqlite3 "$W/z.db" "SELECT count(*) FROM sqlite_schema WHERE name = '$i'")" = 1 ] ||
        fail "no index $i"
done
for t in lean lean1 whole; do cp "$W/z.db" "$W/$t.db"; done
"$ZJ" screen --db "$W/lean.db" --as-of "$AS_OF" --full --jobs 2 >/dev/null 2>&1 ||
    fail "lean screening"
"$ZJ" screen --db "$W/lean1.db" --as-of "$AS_OF" --full --jobs 1 >/dev/null 2>&1 ||
    fail "lean screening, one worker"
ZJ_SCREEN_WHOLE=1 "$ZJ" screen --db "$W/whole.db" --as-of "$AS_OF" --full --jobs 2 >/dev/null 2>&1 ||
    fail "whole screening"

leads() {
    sqlite3 "$1" "SELECT model_id, subject, person_id, facility_id, severity, summary, evidence
        FROM leads ORDER BY 1, 2"
}
leads "$W/lean.db" >"$W/lean"
leads "$W/lean1.db" >"$W/lean1"
leads "$W/whole.db" >"$W/whole"
for m in "${ASKING[@]}"; do
    grep -q "^$m|" "$W/lean" || fail "no $m lead: the comparison says nothing"
done
cmp -s "$W/lean" "$W/whole" || { diff "$W/lean" "$W/whole" | head -5; fail "lean and whole differ"; }
cmp -s "$W/lean" "$W/lean1" || { diff "$W/lean" "$W/lean1" | head -5; fail "one and two workers differ"; }
# every person planted for the asking models (not a near miss) is found
awk -F, '$3 == 0 { print $2 "|" $1 }' "$W/feeds/planted_persons.csv" | sort -u >"$W/planted.all"
for m in "${ASKING[@]}"; do grep "^$m|" "$W/planted.all"; done | sort -u >"$W/planted"
[ -s "$W/planted" ] || fail "no planted person of ${ASKING[*]}"
sqlite3 "$W/lean.db" "SELECT DISTINCT model_id || '|' || person_id FROM leads" | sort >"$W/found"
missing=$(comm -23 "$W/planted" "$W/found")
[ -z "$missing" ] || fail "planted and not found: $missing"
echo "ok"
