#!/usr/bin/env bash
# `zhijian calc` (cli.md): error answers name the field and exit 1, usage errors exit 2,
# --as-of and --config take effect, and a valid request with violations exits 0.
set -eu
: "${ZJ:?path to zhijian}"
cd "$(mktemp -d)"

fail() { echo "FAIL: $*"; exit 1; }

# expect_error REQUEST FIELD: exit 1, JSON {"error", "field": FIELD} on stdout
expect_error() {
    set +e
    out=$(printf '%s' "$1" | "$ZJ" calc 2>/dev/null)
    rc=$?
    set -e
    [ "$rc" = 1 ] || fail "exit $rc for '$1'"
    python3 - "$out" "$2" <<'PY' || fail "bad error answer for '$1': $out"
import json, sys
o = json.loads(sys.argv[1])
assert o["error"], o
assert o["field"] == sys.argv[2], (o["field"], sys.argv[2])
PY
}

expect_error '' ''
expect_error '{' ''
expect_error 'null' ''
expect_error '[1,2]' ''
expect_error '{"judgment": {"penalty": "fixed_term", "term_months": "x"}}' 'judgment.term_months'
expect_error '{"judgment": {"penalty": "fixed_term", "term_months": 36}}' 'judgment.effective_date'
expect_error '{"judgment": {"penalty": "fixed_term", "term_months": 36, "effective_date": "2020-13-01"}}' 'judgment.effective_date'
expect_error '{"judgment": {"penalty": "fixed_term", "term_months": 36, "effective_date": "2020-01-01"}, "custody": [{"event_type": "teleport", "event_date": "2020-01-01"}]}' 'custody[0].event_type'
expect_error '{"judgment": {"penalty": "fixed_term", "term_months": 36, "effective_date": "2020-01-01"}, "changes": [{"kind": "commutation", "decision_date": "2021-01-01", "grounds": 7}]}' 'changes[0].grounds'
printf '\xff\xfe{}' | "$ZJ" calc >/dev/null 2>&1 && fail "binary input accepted" || true

# usage errors
set +e
"$ZJ" calc --bogus </dev/null >/dev/null 2>&1; [ $? = 2 ] || fail "unknown option not exit 2"
"$ZJ" calc --as-of 2020-02-30 </dev/null >/dev/null 2>&1; [ $? = 2 ] || fail "bad --as-of not exit 2"
"$ZJ" calc --config /nonexistent/law.conf </dev/null >/dev/null 2>&1; [ $? = 1 ] || fail "missing config not exit 1"
set -e
"$ZJ" calc --help | grep -q -- "--as-of" || fail "--help"

# a valid request with a violation exits 0; --as-of overrides the request's as_of
req='{"as_of": "2021-05-01", "judgment": {"penalty": "fixed_term", "term_months": 36, "effective_date": "2020-06-01", "charges": ["盗窃罪"]},
      "custody": [{"event_type": "detain", "event_date": "2020-03-15"}, {"event_type": "admit", "event_date": "2020-07-01"},
                  {"event_type": "escape", "event_date": "2021-04-01"}],
      "changes": [{"kind": "temp_outside", "proposal_date": "2021-06-01", "decision_date": "2021-06-10", "grounds": "medical",
                   "diagnosis": {"exam_date": "2021-01-15", "designated_hospital": true, "severe_list_item": true}}]}'
printf '%s' "$req" | "$ZJ" calc > a.json
python3 -c 'import json,sys; o=json.load(open("a.json")); assert o["as_of"]=="2021-05-01" and o["escape_days"]==31 and o["violations"]==[], o' || fail "as_of from request"
printf '%s' "$req" | "$ZJ" calc --as-of 2021-07-01 > b.json
python3 -c 'import json; o=json.load(open("b.json")); assert o["as_of"]=="2021-07-01" and [v["rule"] for v in o["violations"]]==["T-01"], o' || fail "--as-of override / T-01"
# --config: a 6-month diagnosis limit makes the same decision lawful
echo "T-01.diagnosis_max_months = 6  # deployment" > law.conf
printf '%s' "$req" | "$ZJ" calc --as-of 2021-07-01 --config law.conf > c.json
python3 -c 'import json; o=json.load(open("c.json")); assert o["violations"]==[], o' || fail "--config"
echo "T-01.nope = 1" > bad.conf
set +e
printf '%s' "$req" | "$ZJ" calc --config bad.conf > d.json; rc=$?
set -e
[ "$rc" = 1 ] || fail "bad config key not exit 1"
echo "calc_errors: ok"
