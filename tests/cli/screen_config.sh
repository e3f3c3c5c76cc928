#!/bin/bash
# screen_config.sh — the models' (cfg) thresholds are law core parameters settable with
# `zhijian screen --config FILE` (docs/law-core.md): CHG-10.bonus_cap lowered from 50 to
# 49 makes exactly the score months with 50 bonus points new CHG-10 leads (and only them);
# `zhijian models` lists the parameters by key with the values used; an unknown key, a bad
# number or an out-of-range value is a usage error (exit 2) naming the file, line and key.
set -u
ZJ=${ZJ:?path to zhijian}
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

"$ZJ" gen --out "$W/feeds" --persons 2500 --seed 11 --as-of 2025-06-30 >/dev/null 2>"$W/gen.err" ||
    { cat "$W/gen.err"; fail "gen"; }
"$ZJ" import --db "$W/c.db" --as-of 2025-06-30 "$W/feeds" >/dev/null 2>&1 || echo "(import reported rejects; continuing)"

# defaults: the same leads as with a config file that states the defaults
"$ZJ" screen --db "$W/c.db" --as-of 2025-06-30 --full --model CHG-10 >/dev/null || fail "screen"
"$ZJ" leads --db "$W/c.db" --model CHG-10 --format csv >"$W/def.csv" || fail "leads"
printf '# the defaults\nCHG-10.bonus_cap = 50\nCHG-10.ratio_pct=150 # 1.5x\n\nCHG-10.facility_percentile = 95\n' >"$W/same.cfg"
"$ZJ" screen --db "$W/c.db" --as-of 2025-06-30 --full --model CHG-10 --config "$W/same.cfg" >/dev/null ||
    fail "screen --config defaults"
"$ZJ" leads --db "$W/c.db" --model CHG-10 --format csv >"$W/same.csv" || fail "leads"
cmp -s "$W/def.csv" "$W/same.csv" || fail "a config stating the defaults changed CHG-10's leads"

# a lower monthly bonus cap: the months with 50 points become leads too
printf 'CHG-10.bonus_cap = 49\n' >"$W/cap.cfg"
"$ZJ" screen --db "$W/c.db" --as-of 2025-06-30 --full --model CHG-10 --config "$W/cap.cfg" >/dev/null ||
    fail "screen --config cap"
"$ZJ" leads --db "$W/c.db" --model CHG-10 --format csv >"$W/cap.csv" || fail "leads"
python3 - "$W" <<'PY' || fail "CHG-10.bonus_cap = 49"
import csv, sqlite3, sys
w = sys.argv[1]
def leads(name):
    with open(f"{w}/{name}", encoding="utf-8") as f:
        return {r["subject"]: r for r in csv.DictReader(f)}
before, after = leads("def.csv"), leads("cap.csv")
db = sqlite3.connect(f"{w}/c.db")
at50 = {r[0] for r in db.execute(
    "SELECT score_id FROM scores WHERE bonus_points = 50 AND month <= '2025-06'")}
over = {r[0] for r in db.execute(
    "SELECT score_id FROM scores WHERE bonus_points > 50 AND month <= '2025-06'")}
assert at50, "the generated data has no month with 50 bonus points"
assert over <= set(before), "default cap: a month above 50 points is no lead"
new = set(after) - set(before)
assert new == at50 - set(before), f"new leads {sorted(new)} != months at 50 {sorted(at50)}"
assert new, "cap 49 raised no new lead"
for s in new:
    assert "超过每月上限49分" in after[s]["summary"], after[s]["summary"]
    assert '"bonus_cap":49' in after[s]["evidence"], after[s]["evidence"]
for s in over:
    assert "超过每月上限50分" in before[s]["summary"], before[s]["summary"]
print(f"cap 49: {len(new)} new CHG-10 leads (of {len(after)})")
PY

# `zhijian models` lists the parameters by key with the values used (the defaults)
"$ZJ" models --format json >"$W/models.json" || fail "models json"
python3 - "$W/models.json" <<'PY' || fail "models parameters"
import json, sys
m = {x["id"]: x["parameters"] for x in json.load(open(sys.argv[1], encoding="utf-8"))}
want = {"PAP-02": {"PAP-02.months": 6},
        "CHG-09": {"F-03.payment_share_pct": 50, "F-03.payment_window_days": 60},
        "CHG-10": {"CHG-10.bonus_cap": 50, "CHG-10.window_months": 6, "CHG-10.ratio_pct": 150,
                   "CHG-10.facility_percentile": 95},
        "CHG-11": {"CHG-11.persons": 2, "CHG-11.confirm_days": 30},
        "CHG-13": {"CHG-13.commutation_months": 6, "CHG-13.parole_months": 12},
        "DUTY-01": {"DUTY-01.min_persons": 3, "DUTY-01.window_months": 24,
                    "DUTY-01.median_factor": 3}}
for mid, kv in want.items():
    for k, v in kv.items():
        assert m[mid].get(k) == v, (mid, k, m[mid])
PY

# errors name the file, the line and the key; exit 2
check_bad() { # $1 file content, $2 expected text in stderr
    printf "$1" >"$W/bad.cfg"
    "$ZJ" screen --db "$W/c.db" --as-of 2025-06-30 --model CHG-10 --config "$W/bad.cfg" \
        >/dev/null 2>"$W/err"
    rc=$?
    [ $rc -eq 2 ] || fail "config '$1': exit $rc, want 2"
    grep -qF -- "$2" "$W/err" || fail "config '$1': stderr lacks '$2': $(cat "$W/err")"
}
check_bad '# c\nCHG-10.bonus_cap = 40\nCHG-10.bonus_capp = 40\n' "$W/bad.cfg:3: unknown parameter 'CHG-10.bonus_capp'"
check_bad 'CHG-10.bonus_cap = forty\n' "$W/bad.cfg:1: invalid number 'forty' for 'CHG-10.bonus_cap'"
check_bad '\nCHG-10.facility_percentile = 101\n' "$W/bad.cfg:2: value 101 out of range for 'CHG-10.facility_percentile'"
check_bad 'CHG-11.persons = 0\n' "$W/bad.cfg:1: value 0 out of range for 'CHG-11.persons'"
check_bad 'CHG-10.bonus_cap = -1\n' "$W/bad.cfg:1: value -1 out of range for 'CHG-10.bonus_cap'"
check_bad 'CHG-10.bonus_cap 40\n' "$W/bad.cfg:1:"
echo "ok"
