#!/bin/bash
# screen_lean.sh — a screening loads less when its models allow it, and finds the same leads:
# CC-02, CC-04 and CC-05 read each correction's latest checkin, not the checkin events
# (MODEL_LAST_CHECKIN: the events other than checkins through the partial index
# cc_events_notable); PR-01 and CHG-13 ask for the voters and the last year's scores when
# they need them (MODEL_ASKS). The same models run beside CC-03 and CHG-10, which read every
# event and score, must raise the same leads, word for word; so must one worker and two.
set -u
ZJ=${ZJ:?path to zhijian}
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
AS_OF=2025-06-30
LEAN=(--model CC-02 --model CC-04 --model CC-05 --model PR-01 --model CHG-13)

"$ZJ" gen --out "$W/feeds" --persons 800 --seed 3 --as-of "$AS_OF" >/dev/null 2>"$W/gen.err" ||
    { cat "$W/gen.err"; fail "gen"; }
"$ZJ" import --db "$W/z.db" --as-of "$AS_OF" "$W/feeds" >/dev/null 2>&1 || fail "import"
[ "$(sqlite3 "$W/z.db" "SELECT count(*) FROM sqlite_schema WHERE name = 'cc_events_notable'")" = 1 ] ||
    fail "no index cc_events_notable"
for t in lean lean1 full; do cp "$W/z.db" "$W/$t.db"; done
"$ZJ" screen --db "$W/lean.db" --as-of "$AS_OF" --full --jobs 2 "${LEAN[@]}" >/dev/null 2>&1 ||
    fail "lean screening"
"$ZJ" screen --db "$W/lean1.db" --as-of "$AS_OF" --full --jobs 1 "${LEAN[@]}" >/dev/null 2>&1 ||
    fail "lean screening, one worker"
"$ZJ" screen --db "$W/full.db" --as-of "$AS_OF" --full --jobs 2 "${LEAN[@]}" --model CC-03 \
    --model CHG-10 >/dev/null 2>&1 || fail "full screening"

leads() {
    sqlite3 "$1" "SELECT model_id, subject, person_id, facility_id, severity, summary, evidence
        FROM leads WHERE model_id IN ('CC-02', 'CC-04', 'CC-05', 'PR-01', 'CHG-13') ORDER BY 1, 2"
}
leads "$W/lean.db" >"$W/lean"
leads "$W/lean1.db" >"$W/lean1"
leads "$W/full.db" >"$W/full"
for m in CC-02 CC-04 CC-05 PR-01 CHG-13; do
    grep -q "^$m|" "$W/lean" || fail "no $m lead: the comparison says nothing"
done
cmp -s "$W/lean" "$W/full" || { diff "$W/lean" "$W/full" | head -5; fail "lean and full differ"; }
cmp -s "$W/lean" "$W/lean1" || { diff "$W/lean" "$W/lean1" | head -5; fail "one and two workers differ"; }
# every person planted for PR-01 and CHG-13 (not a near miss) is found
awk -F, '($2 == "PR-01" || $2 == "CHG-13") && $3 == 0 { print $2 "|" $1 }' \
    "$W/feeds/planted_persons.csv" | sort -u >"$W/planted"
[ -s "$W/planted" ] || fail "no planted PR-01 or CHG-13 person"
sqlite3 "$W/lean.db" "SELECT DISTINCT model_id || '|' || person_id FROM leads
    WHERE model_id IN ('PR-01', 'CHG-13')" | sort >"$W/found"
missing=$(comm -23 "$W/planted" "$W/found")
[ -z "$missing" ] || fail "planted and not found: $missing"
echo "ok"
