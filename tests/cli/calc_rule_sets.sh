#!/usr/bin/env bash
# calc_rule_sets.sh — `zhijian calc` judges each decision by the SPC provisions in force on
# its date (law.md §16, docs/law.md). The facts of a 2015 ruling of the 郑州 intermediate
# court (5 years; 12 months off for 确有悔改表现 after 2 years 6 months): no violation,
# rule_set SPC-2012, the limit cited from 2012年减刑假释规定第五条; the same facts decided
# in 2017: C-02 (减刑假释规定第6条, 9 months), high severity. A cut of 15 months in 2015 is
# over SPC-2012's general limit: C-02 of kind amount_general, medium severity. A decision
# of 1996 is judged by no rule set, and the response says which limits it did not check.
# SPC-1997's figures are parameters: --config SPC1997.amount_months changes the limit.
set -eu
: "${ZJ:?path to zhijian}"
cd "$(mktemp -d)"

fail() { echo "FAIL: $*"; exit 1; }

# request YEAR_OFFSET CUT_MONTHS DECISION_YEAR [CHARGE [DECISION_DAY]]: the 郑州 facts moved
# by YEAR_OFFSET years (decided on DECISION_YEAR-05-12 or DECISION_DAY)
request() {
    local y0=$((2012 + $1)) dy=$3 charge=${4:-盗窃罪} dd=${5:-$3-05-12}
    cat <<EOF
{"as_of": "2030-01-01", "person": {"birth_date": "1985-03-02"},
 "judgment": {"penalty": "fixed_term", "term_months": 60, "offense_date": "$y0-05-10",
              "effective_date": "$y0-09-20", "charges": ["$charge"], "recidivist": false},
 "custody": [{"event_type": "detain", "event_date": "$y0-05-14"},
             {"event_type": "admit", "event_date": "$y0-10-18"}],
 "changes": [{"kind": "commutation", "proposal_date": "$dy-04-20", "decision_date": "$dd",
              "effective_date": "$dd", "reduction_months": $2, "grounds": "repentance"}]}
EOF
}

# check NAME PYTHON-ASSERTIONS < request: run calc, exit 0, assertions on the response `o`
check() {
    local name=$1
    "$ZJ" calc > "$name.json" || fail "$name: calc exit $?"
    python3 - "$name.json" "$2" <<'PY' || fail "$name: $(cat "$name.json")"
import json, sys
o = json.load(open(sys.argv[1]))
c = o["changes"][0]
v = o["violations"]
exec(sys.argv[2])
PY
}

request 0 12 2015 | check zz2015 '
assert c["rule_set"] == "SPC-2012", c
assert v == [], v
assert any(w.startswith("change 0 judged by SPC-2012") for w in o["warnings"]), o["warnings"]
lim = {l["limit"]: l for l in c["limits"]}
assert lim["amount"]["article"] == "2012年减刑假释规定第五条", lim
assert lim["amount"]["general"] is True, lim
assert o["term_end"] == "2016-05-13", o["term_end"]
'
request 2 12 2017 | check zz2017 '
assert c["rule_set"] == "SPC-2016", c
assert [x["rule"] for x in v] == ["C-02"], v
assert v[0]["kind"] == "amount" and v[0]["severity"] == "high", v
assert v[0]["article"] == "减刑假释规定第6条" and v[0]["rule_set"] == "SPC-2016", v
'
request 0 15 2015 | check over2015 '
assert [x["rule"] for x in v] == ["C-02"], v
assert v[0]["kind"] == "amount_general" and v[0]["severity"] == "medium", v
assert v[0]["rule_set"] == "SPC-2012" and v[0]["article"] == "2012年减刑假释规定第五条", v
'
# 1996: before the 1997 provisions; a 24-month cut is not checked, and the warning says so
request -19 24 1996 | check none1996 '
assert c["rule_set"] == "none", c
assert v == [], v
assert any(w.startswith("change 0 judged by none") and "not checked: every limit" in w
           for w in o["warnings"]), o["warnings"]
'
# SPC-1997's figures are parameters (SPC1997.*): 13 months for repentance in 2007 is over the
# default 12 months, within 13 when a deployment sets it so
request -8 13 2007 | check spc1997 '
assert c["rule_set"] == "SPC-1997", c
assert [x["rule"] for x in v] == ["C-02"] and v[0]["kind"] == "amount_general", v
assert v[0]["article"] == "1997年减刑假释规定（法释〔1997〕6号）", v
'
printf 'SPC1997.amount_months = 13\n' > spc1997.cfg
request -8 13 2007 | "$ZJ" calc --config spc1997.cfg > spc1997b.json || fail "calc --config"
python3 -c 'import json, sys; o = json.load(open(sys.argv[1])); assert o["violations"] == [], o["violations"]' \
    spc1997b.json || fail "SPC1997.amount_months = 13 not applied: $(cat spc1997b.json)"
# 减刑假释补充规定 (from 2019-06-01): its limits for 贪污贿赂 by former state functionaries
# are not checked, and the response says so — a 受贿罪 judgment of 2016 decided 2019-06-01,
# not 2019-05-31 (the 2016 rules' C-04 applies to both)
for d in 2019-05-31 2019-06-01; do
    request 4 6 2019 受贿罪 "$d" | check "bribe$d" '
sup = [w for w in o["warnings"] if "减刑假释补充规定" in w]
assert c["rule_set"] == "SPC-2016" and o["strict"] is True, (c, o["strict"])
assert len(sup) == (1 if "'"$d"'" == "2019-06-01" else 0), o["warnings"]
'
done
echo "ok: 2015 SPC-2012 lawful, 2017 C-02, 2015 over the general limit, 1996 not checked, SPC1997.* applied, the 2019 supplement said unchecked"
