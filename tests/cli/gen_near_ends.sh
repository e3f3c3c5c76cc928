#!/bin/bash
# gen_near_ends.sh — the near misses of `zhijian gen` (with noise) sit on the ends of every
# model's window (issue 12, docs/intervals.md): near_miss_ends.csv tags each near miss
# the generator writes (gen_plant.c, gen_noise.c, gen_safety.c, gen_records.c) as `open`
# (a fact the day before the window opens, or dated before it) or `close` (the last
# lawful day of a limit, the day after a period ended); an untagged one fails. The table below has one row per model of the catalog: `both` needs near misses
# on both ends, `close` on the closing end only (the reason says why). A model of the
# catalog without a row fails, and so does a model without the near misses its row asks.
set -u
ZJ=${ZJ:?path to zhijian}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

"$ZJ" gen --out "$T/g" --persons 1200 --seed 9 --as-of 2026-06-30 >/dev/null || fail "gen"
[ "$(head -1 "$T/g/near_miss_ends.csv")" = "model_id,subject,end" ] || fail "near_miss_ends.csv header"
"$ZJ" gen --out "$T/z" --persons 100 --seed 9 --noise 0 >/dev/null || fail "gen --noise 0"
[ ! -e "$T/z/near_miss_ends.csv" ] || fail "--noise 0 wrote near_miss_ends.csv"

# model  ends   reason (for `close`)
cat > "$T/table" <<'TABLE'
PAP-01 both
PAP-02 both
PR-01 both
CC-02 both
CC-03 both
CC-04 both
CC-05 both
CHG-09 both
CHG-12 both
REC-01 both
JUV-01 both
CUS-01 both
CUS-02 both
DEL-01 close a limit: the admission by notice + 1 month; the window opens with the notice itself
DEL-02 close a limit: the transfer by notice + 1 month; the window opens with the notice itself
DEL-03 close a limit: the age on the admission day, one day compared with the 18th birthday
EXE-01 close a limit: the release by the term end + grace; the window opens at the term end itself
EXE-02 close a limit: the recorded term end against the computed one (a tolerance, no period)
EXE-03 close a limit: the release no earlier than the term end; one date against one limit
CHG-01 close a limit: the proposal no earlier than the start time; one date against one limit
CHG-02 close a limit: the interval since the last change; it opens with that change itself
CHG-03 close a limit: the reduction's size (an amount, no period)
CHG-04 close a limit: the term left after reductions (an amount, no period)
CHG-05 close a limit: a change barred by the grounds (C-12/C-13 hold on the decision day; no period)
CHG-06 close a limit: parole barred by the offense, the term or recidivism (no period)
CHG-07 close a limit: the time served at the parole; it opens with the term start itself
CHG-08 close a limit: the property judgment's payment by the decision day (it opens with the filing)
CHG-10 close a limit: the bonus points against the facility percentile (an amount, no period)
CHG-11 close a limit: the merit's date against the proposal; it opens with the merit itself
CHG-13 close a limit: the score months before the proposal, counted back from the proposal itself
CHG-14 close a limit: the grounds allowed for the offense and the penalty (no period)
CC-01 close a limit: reported within 10 days; the window opens with the order itself
CC-06 close a limit: released by the end date + 1 day; the window opens at the end date itself
PROP-01 close a limit: the last action within 6 months; the window opens with that action itself
PROP-02 close a limit: investigated before terminating; one date against the termination
CUS-03 close a limit: the restraint's days, counted from its own start
CUS-04 close a limit: the death reported within 1 day; the window opens with the death itself
CUS-05 close a limit: the second incident within 90 days and the separation within 7 days, both opened by the first incident itself
CUS-06 close a limit: an incident on or before the as-of; nothing precedes the incident itself
CUS-07 close a limit: filed within 30 days, transferred within 7 months of the incident itself
CUS-08 close a limit: an incident on or before the as-of; nothing precedes the incident itself
CUS-09 close a limit: the month's hours and rest days (amounts); under 18 ends at the 18th birthday
REL-01 close a limit: education and the notice counted back from the release itself
ENT-01 close a limit: the value seized against 1.3 x the amount involved (an amount, no period)
ENT-02 close a limit: released within 3 days of being found unrelated, 30 days of the closing
ENT-03 close a limit: the owner's province and the local assistance (no period)
DUTY-01 close a sliding window: 24 months from the officer's own first record; its span is the limit
TABLE

# every tagged near miss is a near miss
tail -n +2 "$T/g/near_misses.csv" | sort -u > "$T/near"
tail -n +2 "$T/g/near_miss_ends.csv" | cut -d, -f1,2 | sort -u | comm -23 - "$T/near" > "$T/stray"
[ ! -s "$T/stray" ] || { head "$T/stray"; fail "tagged near misses missing from near_misses.csv"; }
# … and every near miss is tagged
tail -n +2 "$T/g/near_miss_ends.csv" | cut -d, -f1,2 | sort -u | comm -13 - "$T/near" > "$T/untagged"
[ ! -s "$T/untagged" ] || { head "$T/untagged"; fail "$(wc -l < "$T/untagged") near misses without an end in near_miss_ends.csv"; }
bad=0
# the built-in catalog (the example user models have no plants in the generator)
for m in $(cd "$T" && "$ZJ" models | awk '{print $1}'); do
    row=$(awk -v m="$m" '$1 == m {print $2}' "$T/table")
    [ -n "$row" ] || { echo "model $m has no row in the table of window ends"; bad=1; continue; }
    grep -q "^$m," "$T/near" || { echo "model $m has no near miss"; bad=1; continue; }
    tagged=$(grep -c "^$m," "$T/g/near_miss_ends.csv")
    closed=$(grep -c "^$m,[^,]*,close$" "$T/g/near_miss_ends.csv")
    [ "$tagged" -eq 0 ] || [ "$closed" -gt 0 ] || { echo "model $m: no near miss on the closing end"; bad=1; }
    if [ "$row" = both ] && ! grep -q "^$m,[^,]*,open$" "$T/g/near_miss_ends.csv"; then
        echo "model $m: no near miss on the opening end"
        bad=1
    fi
done
[ "$bad" = 0 ] || fail "window ends without near misses"
echo "ok: $(grep -c ' both$' "$T/table") models with near misses on both ends, $(grep -c ' close ' "$T/table") on the closing end"
