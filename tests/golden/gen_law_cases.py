#!/usr/bin/env python3
"""Writes law_cases.h, the golden table of the law core (tests/unit/test_law_golden.c).

Each case: a legal situation, the article, a `zhijian calc` request (JSON, cli.md) and the
expected figures/violations. Expected dates are written out as literals in law_cases.h;
here they are derived with an independent implementation of the conventions of law.md §1
(add_months with month-end clamping, term end = add_months(S, m) + k - 1, ceil(T/2), …),
never from the C code. Run: python3 tests/golden/gen_law_cases.py > tests/golden/law_cases.h
"""
import calendar
import json
from datetime import date, timedelta

def D(s): return date.fromisoformat(s) if isinstance(s, str) else s
def S(d): return D(d).isoformat()
def add_months(d, n):
    d = D(d); y, m = divmod(d.year * 12 + d.month - 1 + n, 12); m += 1
    return date(y, m, min(d.day, calendar.monthrange(y, m)[1]))
def plus(d, k): return D(d) + timedelta(days=k)
def term_end(s, m, k=0): return plus(add_months(s, m), k - 1)
def half(s, e): T = (D(e) - D(s)).days + 1; return (T + 1) // 2
def parole_earliest(s, e): return plus(s, half(s, e))
def min_actual_end(s, e): return plus(s, half(s, e) - 1)
def commute(e, m, k=0): return plus(add_months(e, -m), -k)

CASES = []

def case(name, article, req, expect):
    CASES.append((name, article, req, expect))

# ------------------------------------------------------------------ request builders
def fixed(m, charges=("盗窃罪",), detain="2020-03-15", admit="2020-07-01", eff="2020-06-01",
          off=None, birth="1980-05-01", penalty="fixed_term", days=0, **j):
    # the offense precedes the detention (custody before it belongs to another case)
    if off is None:
        off = S(min(D("2020-03-01"), plus(detain or eff, -10), plus(eff, -10)))
    judg = {"penalty": penalty, "term_months": m, "term_days": days, "offense_date": off,
            "effective_date": eff, "charges": list(charges), "recidivist": False}
    judg.update(j)
    ev = []
    if detain: ev.append({"event_type": "detain", "event_date": detain})
    if admit: ev.append({"event_type": "admit", "event_date": admit})
    return {"as_of": "2040-01-01", "person": {"birth_date": birth}, "judgment": judg,
            "custody": ev, "changes": []}

def life(charges=("故意伤害罪",), eff="2016-03-01", penalty="life", **kw):
    r = fixed(0, charges=charges, detain="2015-06-10", admit="2016-04-01", eff=eff,
              off="2015-06-01", birth="1970-01-01", penalty=penalty, **kw)
    r["judgment"]["term_months"] = None
    r["as_of"] = "2060-01-01"
    return r

def com(p, rm=0, rd=0, g="repentance", eff=None, dec=None, **kw):
    c = {"kind": "commutation", "proposal_date": S(p),
         "decision_date": S(dec or plus(p, 20)), "effective_date": S(eff or plus(p, 30)),
         "reduction_months": rm, "reduction_days": rd, "grounds": g}
    c.update(kw)
    return c

def par(dec, g="repentance", eff=None, p=None):
    return {"kind": "parole", "proposal_date": S(p or plus(dec, -30)), "decision_date": S(dec),
            "effective_date": S(eff or plus(dec, 5)), "grounds": g}

def with_changes(r, *chs):
    r = json.loads(json.dumps(r, default=S)); r["changes"] = list(chs); return r

def with_events(r, *evs, keep_offense=False):
    r = json.loads(json.dumps(r, default=S))
    r["custody"] = [{"event_type": t, "event_date": S(d)} for t, d in evs]
    if evs and not keep_offense:
        first = min(D(d) for _, d in evs)
        if D(r["judgment"]["offense_date"]) > first:
            r["judgment"]["offense_date"] = S(plus(first, -10))
    return r

def V(*rules): return {"violations": sorted(rules)}

# F36: 3 years for theft, detained 2020-03-15, admitted 2020-07-01 (cli.md example)
ADMIT = D("2020-07-01"); DET = D("2020-03-15")
F36 = fixed(36)
E36 = term_end(DET, 36)

# ================================================================== §2 sentence computation
case("S-03 continuous custody since detention, 3 years", "刑法第47条",
     F36, {"term_start": S(DET), "term_end_original": S(E36), "term_end": S(E36),
           "credit_days": 0, "execution_date": S(ADMIT), "expected_release": S(E36),
           "basis.term_start": "S-03", **V()})
case("S-03 term starting 29 February, 1 year ends 2021-02-27", "刑法第47条; law.md §1",
     fixed(12, detain="2020-02-29", eff="2020-05-01", admit="2020-05-20"),
     {"term_start": "2020-02-29", "term_end": S(term_end("2020-02-29", 12))})
case("S-03 month end: 1 month from 2020-01-31 ends 2020-02-28", "law.md §1",
     fixed(1, penalty="criminal_detention", detain="2020-01-31", eff="2020-02-10", admit="2020-02-12"),
     {"term_end": S(term_end("2020-01-31", 1))})
case("S-03 month end in a common year: 1 month from 2019-01-31", "law.md §1",
     fixed(1, penalty="criminal_detention", detain="2019-01-31", eff="2019-02-10", admit="2019-02-12"),
     {"term_end": S(term_end("2019-01-31", 1))})
case("S-03 term of 6 months 15 days", "刑法第47条",
     fixed(6, days=15, detain="2021-03-10", eff="2021-05-01", admit="2021-05-10"),
     {"term_end": S(term_end("2021-03-10", 6, 15))})
case("S-03 exactly 10 years from 1 January", "刑法第47条",
     fixed(120, detain="2015-01-01", eff="2015-06-01", admit="2015-07-01"),
     {"term_end": "2024-12-31", "min_actual_end": S(min_actual_end("2015-01-01", "2024-12-31"))})
case("S-03 exactly 5 years across 29 February", "刑法第47条",
     fixed(60, detain="2019-03-01", eff="2019-08-01", admit="2019-09-01"),
     {"term_end": S(term_end("2019-03-01", 60))})
case("S-01 interrupted custody: 30 days credited (conformance)", "刑法第47条",
     fixed(24, detain=None, admit=None, eff="2021-04-20") | {"custody": [
         {"event_type": "detain", "event_date": "2020-10-01"},
         {"event_type": "bail", "event_date": "2020-10-31"},
         {"event_type": "detain", "event_date": "2021-03-01"},
         {"event_type": "admit", "event_date": "2021-05-10"}]},
     {"credit_days": 30, "term_start": "2021-01-30", "term_end": S(plus(term_end("2021-03-01", 24), -30)),
      "basis.credit_days": "S-01"})
R = with_events(fixed(24, eff="2020-08-01"), ("detain", "2020-01-01"), ("bail", "2020-01-11"),
                ("detain", "2020-02-01"), ("bail", "2020-02-06"), ("detain", "2020-06-01"),
                ("admit", "2020-09-01"))
case("S-01 two interruptions: 10 + 5 days credited", "刑法第47条", R,
     {"credit_days": 15, "term_start": S(plus("2020-06-01", -15)),
      "term_end": S(plus(term_end("2020-06-01", 24), -15))})
R = with_events(fixed(12, eff="2020-07-01"), ("detain", "2020-01-01"), ("bail", "2020-01-21"),
                ("admit", "2020-08-01"))
case("S-01 bailed, then admitted directly: E is the admission", "刑法第47条", R,
     {"credit_days": 20, "term_start": S(plus("2020-08-01", -20)),
      "term_end": S(plus(term_end("2020-08-01", 12), -20)), "execution_date": "2020-08-01"})
case("S-01 管制: custody counts 2 days per day (conformance)", "刑法第41条",
     with_events(fixed(24, penalty="surveillance", eff="2021-06-10", off="2021-04-01"),
                 ("detain", "2021-04-02"), ("bail", "2021-04-22")),
     {"credit_days": 40, "term_start": "2021-05-01", "term_end": "2023-04-30",
      "execution_date": None, "parole_earliest": None})
case("S-02 管制: designated residence 1:1", "刑事诉讼法第76条",
     with_events(fixed(12, penalty="surveillance", eff="2021-06-10"),
                 ("rs_start", "2021-03-01"), ("rs_end", "2021-03-31")),
     {"credit_days": 30, "term_start": S(plus("2021-06-10", -30)),
      "term_end": S(plus(term_end("2021-06-10", 12), -30)), "basis.credit_days": "S-02"})
case("S-02 fixed term: designated residence 2:1, floor (31 days = 15)", "刑事诉讼法第76条",
     with_events(fixed(12, eff="2021-05-01"), ("rs_start", "2021-01-01"), ("rs_end", "2021-02-01"),
                 ("detain", "2021-03-01"), ("admit", "2021-06-01")),
     {"credit_days": 15, "term_start": "2021-02-14",
      "term_end": S(plus(term_end("2021-03-01", 12), -15))})
case("S-01+S-02 custody then residence then custody: 10 + 30/2", "刑法第47条; 刑事诉讼法第76条",
     with_events(fixed(24, eff="2021-05-01"), ("detain", "2021-01-01"), ("rs_start", "2021-01-11"),
                 ("rs_end", "2021-02-10"), ("detain", "2021-03-01"), ("admit", "2021-06-01")),
     {"credit_days": 25, "basis.credit_days": "S-01,S-02"})
case("S-02 拘役: designated residence 2:1 (even)", "刑事诉讼法第76条",
     with_events(fixed(4, penalty="criminal_detention", eff="2022-03-01"),
                 ("rs_start", "2022-01-01"), ("rs_end", "2022-01-21"), ("admit", "2022-03-05")),
     {"credit_days": 10, "term_start": S(plus("2022-03-05", -10))})
case("S-01 拘役 4 months, continuous custody", "刑法第44条",
     with_events(fixed(4, penalty="criminal_detention", eff="2022-03-01"),
                 ("detain", "2022-01-10"), ("admit", "2022-03-05")),
     {"term_start": "2022-01-10", "term_end": S(term_end("2022-01-10", 4)), "credit_days": 0})
case("S-01 拘役 bailed 10 days then admitted", "刑法第44条",
     with_events(fixed(4, penalty="criminal_detention", eff="2022-02-20"),
                 ("detain", "2022-01-10"), ("bail", "2022-01-20"), ("admit", "2022-03-01")),
     {"credit_days": 10, "term_start": "2022-02-19", "term_end": S(plus(term_end("2022-03-01", 4), -10))})
case("S-03 管制 without custody starts on the effective date", "刑法第41条",
     with_events(fixed(6, penalty="surveillance", eff="2022-01-31")),
     {"credit_days": 0, "term_start": "2022-01-31", "term_end": S(term_end("2022-01-31", 6))})
case("S-01 管制: in custody until the effective date", "刑法第41条",
     with_events(fixed(6, penalty="surveillance", eff="2021-05-11"), ("detain", "2021-05-01")),
     {"credit_days": 20, "term_start": S(plus("2021-05-11", -20))})
case("S-03 no admit record, still in custody: E is the detention", "刑法第47条",
     with_events(fixed(8, eff="2022-05-01"), ("detain", "2022-01-01")),
     {"term_start": "2022-01-01", "term_end": "2022-08-31", "execution_date": None})
case("S-08 execution date is the first admission", "减刑假释规定第40条",
     with_events(F36, ("detain", DET), ("admit", ADMIT), ("transfer_out", "2020-09-01"),
                 ("admit", "2020-09-02")),
     {"execution_date": S(ADMIT), "basis.execution_date": "S-08"})
# S-06
case("S-06 escape 10 days extends the end", "刑事诉讼法第268条",
     with_events(F36, ("detain", DET), ("admit", ADMIT), ("escape", "2021-05-01"),
                 ("recapture", "2021-05-11")),
     {"term_end": S(plus(E36, 10)), "escape_days": 10, "basis.term_end": "S-03,S-06"})
case("S-06 escape not ended by the as-of date counts to it", "刑事诉讼法第268条",
     with_events(F36, ("detain", DET), ("admit", ADMIT), ("escape", "2022-12-01")) | {"as_of": "2022-12-31"},
     {"escape_days": 31, "term_end": S(plus(E36, 31))})
R = with_events(fixed(96), ("detain", DET), ("admit", ADMIT), ("escape", "2021-01-10"),
                ("recapture", "2021-01-20"))
R = with_changes(R, com("2022-03-01", 6))
case("S-06 before S-04: escape days, then the commutation", "刑事诉讼法第268条; 刑法第78条", R,
     {"term_end": S(commute(plus(term_end(DET, 96), 10), 6)), "basis.term_end": "S-03,S-04,S-06", **V()})
R = with_changes(F36, {"kind": "temp_outside", "decision_date": "2021-02-25", "effective_date": "2021-03-01",
                       "grounds": "medical", "unlawful": True,
                       "diagnosis": {"exam_date": "2021-02-01", "designated_hospital": True, "severe_list_item": True}},
                 {"kind": "revoke_temp", "decision_date": "2021-03-30", "effective_date": "2021-04-01"})
case("S-06 unlawful temporary execution outside is not counted", "刑事诉讼法第268条", R,
     {"escape_days": 31, "term_end": S(plus(E36, 31)), **V()})
# S-04 chains
F96 = fixed(96); E96 = term_end(DET, 96)
R = with_changes(F96, com("2022-01-05", 9), com("2023-02-10", 9))
e1 = commute(E96, 9); e2 = commute(e1, 9)
case("S-04 chain of two commutations of 9 months", "刑法第78条; 减刑假释规定第6条", R,
     {"term_end": S(e2), "changes[0].end_after": S(e1), "changes[1].end_before": S(e1), **V()})
R = with_changes(F96, com("2022-01-05", 6), com("2023-02-10", 6), com("2024-03-20", 3, 15))
e3 = commute(commute(commute(E96, 6), 6), 3, 15)
case("S-04 chain of three, the last with days", "刑法第78条", R, {"term_end": S(e3), **V()})
R = with_changes(fixed(37, detain="2020-01-31", admit="2020-06-01", eff="2020-05-20"), com("2021-06-10", 1))
case("S-04 month end: one month off an end on 2023-02-28", "law.md §1 sub_months",
     R, {"term_end_original": S(term_end("2020-01-31", 37)), "term_end": S(commute(term_end("2020-01-31", 37), 1))})
case("S-07 expected release = term end after changes", "刑法第47条",
     with_changes(F96, com("2022-01-05", 9)), {"expected_release": S(commute(E96, 9)), "basis.expected_release": "S-07"})

# ================================================================== §4 commutation
def first(m, p, **kw):
    return with_changes(fixed(m, **kw), com(p, 1))
# C-01 start times, from the admission 2020-07-01
for m, months, label in ((36, 12, "under 5 years"), (59, 12, "59 months"), (60, 18, "exactly 5 years"),
                         (96, 18, "8 years"), (119, 18, "119 months"), (120, 24, "exactly 10 years"),
                         (150, 24, "12.5 years")):
    lim = add_months(ADMIT, months)
    case("C-01 %s: day before the %d-month start time" % (label, months), "减刑假释规定第6条",
         first(m, plus(lim, -1)), {**V("C-01"), "changes[0].days_early": 1,
                                   "changes[0].start_earliest": S(lim)})
    case("C-01 %s: on the day of the %d-month start time" % (label, months), "减刑假释规定第6条",
         first(m, lim), {**V(), "next_commutation_earliest": S(add_months(plus(lim, 30), 12 if m < 120 else 18))})
case("C-01 conformance: proposed 11 days early", "减刑假释规定第6条",
     with_changes(F36, com("2021-06-20", 3, eff="2021-07-20", dec="2021-07-15")),
     {**V("C-01"), "changes[0].days_early": 11, "next_commutation_earliest": "2022-07-20"})
case("C-01 next commutation before any: execution date + 1 year", "减刑假释规定第6条",
     F36, {"next_commutation_earliest": "2021-07-01", "basis.next_commutation_earliest": "C-01,S-08"})
# C-02 amounts (8 years, first commutation well after the start time)
for g, mx in (("repentance", 9), ("merit", 9), ("repentance_merit", 12), ("major_merit", 18),
              ("repentance_major_merit", 24)):
    case("C-02 %s: %d months allowed" % (g, mx), "减刑假释规定第6条第2款",
         with_changes(F96, com("2022-03-01", mx, g=g)), {**V(), "term_end": S(commute(E96, mx))})
    case("C-02 %s: %d months is too much" % (g, mx + 1), "减刑假释规定第6条第2款",
         with_changes(F96, com("2022-03-01", mx + 1, g=g)), V("C-02"))
case("C-02 repentance: 9 months and 1 day is too much", "减刑假释规定第6条第2款",
     with_changes(F96, com("2022-03-01", 9, 1)), {**V("C-02"), "violations[0].days": 1})
case("C-02 conformance: 10 months for repentance", "减刑假释规定第6条",
     with_changes(fixed(96, detain="2018-01-10", admit="2018-07-01", eff="2018-06-01"),
                  com("2020-03-01", 10, eff="2020-03-25", dec="2020-03-20")),
     {**V("C-02"), "term_end": "2025-03-09", "next_commutation_earliest": "2021-03-25"})
# C-03 intervals
R = with_changes(F96, com("2022-01-05", 6, eff="2022-02-01"), com("2023-01-31", 6))
case("C-03 under 10 years: interval one day short of 1 year", "减刑假释规定第6条第3款", R,
     {**V("C-03"), "changes[1].interval_earliest": "2023-02-01", "changes[1].days_early": 1})
R = with_changes(F96, com("2022-01-05", 6, eff="2022-02-01"), com("2023-02-01", 6))
case("C-03 under 10 years: interval of exactly 1 year", "减刑假释规定第6条第3款", R, V())
F144 = fixed(144)
R = with_changes(F144, com("2022-08-01", 9, eff="2022-09-01"), com("2024-02-29", 9))
case("C-03 10 years or more: one day short of 18 months", "减刑假释规定第6条第3款", R, V("C-03"))
R = with_changes(F144, com("2022-08-01", 9, eff="2022-09-01"), com("2024-03-01", 9))
case("C-03 10 years or more: exactly 18 months", "减刑假释规定第6条第3款", R, V())
R = with_changes(F96, com("2022-01-05", 18, g="major_merit", eff="2022-02-01"), com("2023-02-01", 6))
case("C-03 interval shorter than the previous 18-month reduction", "减刑假释规定第6条第3款", R,
     {**V("C-03"), "changes[1].interval_earliest": "2023-08-01"})
R = with_changes(F96, com("2022-01-05", 18, g="major_merit", eff="2022-02-01"), com("2023-08-01", 6))
case("C-03 interval equal to the previous 18-month reduction", "减刑假释规定第6条第3款", R, V())
case("C-03 next commutation after a 6-month reduction: +1 year", "减刑假释规定第6条",
     with_changes(F96, com("2022-01-05", 6, eff="2022-02-01")), {"next_commutation_earliest": "2023-02-01",
                                                                 "basis.next_commutation_earliest": "C-03"})
# C-04 strict
def strict_first(charges, m=36, months=24, **kw):
    lim = add_months(ADMIT, months)
    return lim
for ch, label in (("受贿罪", "duty"), ("集资诈骗罪", "financial"), ("组织、领导、参加黑社会性质组织罪", "organised"),
                  ("间谍罪", "national security"), ("帮助恐怖活动罪", "terrorism")):
    lim = add_months(ADMIT, 24)
    case("C-04 %s (%s), 3 years: day before the 2-year start time" % (label, ch), "减刑假释规定第7条",
         first(36, plus(lim, -1), charges=(ch,)), {**V("C-04"), "strict": True})
    case("C-04 %s (%s), 3 years: on the day of 2 years" % (label, ch), "减刑假释规定第7条",
         first(36, lim, charges=(ch,)), {**V(), "strict": True, "next_commutation_earliest": S(add_months(plus(lim, 30), 12))})
case("C-04 drug-group leader is strict", "减刑假释规定第7条",
     fixed(36, charges=("走私、贩卖、运输、制造毒品罪",), flags=["drug_group_leader"]),
     {"strict": True, "next_commutation_earliest": S(add_months(ADMIT, 24))})
case("C-04 an ordinary drug offender is not strict", "减刑假释规定第7条",
     fixed(36, charges=("走私、贩卖、运输、制造毒品罪",)),
     {"strict": False, "next_commutation_earliest": S(add_months(ADMIT, 12))})
case("C-04 drug repeat offender (毒品再犯) is strict", "减刑假释规定第7条; 刑法第356条",
     fixed(36, charges=("走私、贩卖、运输、制造毒品罪",)) | {"priors": [
         {"penalty": "fixed_term", "term_months": 6, "probation_months": 12, "charges": ["非法持有毒品罪"],
          "offense_date": "2010-01-01", "release_date": None}]},
     {"strict": True, "recidivist": False, "next_commutation_earliest": S(add_months(ADMIT, 24))})
case("C-04 property judgment unpaid makes the person strict", "减刑假释规定第7条",
     fixed(36) | {"property_unpaid": True}, {"strict": True, "next_commutation_earliest": S(add_months(ADMIT, 24))})
case("C-04 strict: 12 months with repentance_merit allowed", "减刑假释规定第7条",
     with_changes(fixed(96, charges=("受贿罪",)), com("2022-08-01", 12, g="repentance_merit")), V())
case("C-04 strict: 18 months with major merit limited to 12", "减刑假释规定第7条",
     with_changes(fixed(96, charges=("受贿罪",)), com("2022-08-01", 18, g="major_merit")),
     {**V("C-04"), "changes[0].amount_rule": "C-04"})
case("C-04 strict: 10 months for repentance is still a C-04 amount (≤ 9)", "减刑假释规定第7条",
     with_changes(fixed(96, charges=("受贿罪",)), com("2022-08-01", 10)), V("C-04"))
R = with_changes(fixed(96, charges=("受贿罪",)), com("2022-08-01", 6, eff="2022-09-01"), com("2023-08-31", 6))
case("C-04 strict ≤ 10 years: interval a day short of 1 year", "减刑假释规定第7条第1款", R, V("C-04"))
R = with_changes(fixed(120, charges=("贪污罪",)), com("2022-08-01", 6, eff="2022-09-01"), com("2023-09-01", 6))
case("C-04 strict exactly 10 years: first clause, 1-year interval", "减刑假释规定第7条第1款", R, V())
R = with_changes(fixed(144, charges=("受贿罪",)), com("2022-08-01", 6, eff="2022-09-01"), com("2024-02-29", 6))
case("C-04 strict over 10 years: a day short of 18 months", "减刑假释规定第7条第2款", R, V("C-04"))
R = with_changes(fixed(144, charges=("受贿罪",)), com("2022-08-01", 6, eff="2022-09-01"), com("2024-03-01", 6))
case("C-04 strict over 10 years: exactly 18 months", "减刑假释规定第7条第2款", R, V())
R = with_changes(fixed(120, charges=("抢劫罪",)), com("2022-08-01", 6, eff="2022-09-01"), com("2023-09-01", 6))
case("C-04 violent exactly 10 years: second clause, 18-month interval", "减刑假释规定第7条第2款", R, V("C-04"))
case("C-04 violent 12 years: start 2 years (conformance)", "减刑假释规定第7条第2款",
     fixed(144, charges=("抢劫罪",)), {"next_commutation_earliest": S(add_months(ADMIT, 24)), "strict": False, "violent": True})
case("C-04 violent 12 years: 12 months with major merit is too much", "减刑假释规定第7条第2款",
     with_changes(fixed(144, charges=("故意杀人罪",)), com("2022-08-01", 13, g="major_merit")), V("C-04"))
case("C-04 violent under 10 years: C-01 applies (18 months)", "减刑假释规定第6条",
     first(108, plus(add_months(ADMIT, 18), -1), charges=("故意杀人罪",)), V("C-01"))
case("C-04 combined_10y: start 2 years", "减刑假释规定第7条第2款",
     first(180, plus(add_months(ADMIT, 24), -1), flags=["combined_10y"]), V("C-04"))
case("C-04 organized_violence flag makes any charge violent", "刑法第81条第2款; 减刑假释规定第7条",
     fixed(144, charges=("寻衅滋事罪",), flags=["organized_violence"]), {"violent": True, "parole_barred": True})
# C-05 major merit
case("C-05 major merit lifts the start time", "减刑假释规定第6条第4款",
     with_changes(F96, com("2020-12-01", 18, g="major_merit")), V())
R = with_changes(F96, com("2022-01-05", 6, eff="2022-02-01"), com("2022-06-01", 18, g="major_merit"))
case("C-05 major merit lifts the interval", "减刑假释规定第6条第4款", R, V())
case("C-05 major merit does not lift the amount", "减刑假释规定第6条",
     with_changes(F96, com("2020-12-01", 19, g="major_merit")), V("C-02"))
case("C-05 strict with major merit: start lifted, amount still 12", "减刑假释规定第7条第3款",
     with_changes(fixed(96, charges=("受贿罪",)), com("2021-01-01", 13, g="repentance_major_merit")), V("C-04"))
# C-06 life
L = life(); LEFF = D("2016-03-01")
def lifefix(p, months, g="repentance", **kw):
    return com(p, g=g, new_penalty="fixed_term", new_term_months=months, **kw)
case("C-06 life: first commutation a day before 2 years", "减刑假释规定第8条",
     with_changes(L, lifefix(plus(add_months(LEFF, 24), -1), 264)), V("C-06"))
case("C-06 life: on the day of 2 years", "减刑假释规定第8条",
     with_changes(L, lifefix(add_months(LEFF, 24), 264)), V())
case("C-06/S-05 life → 22 years runs from the commutation (conformance)", "刑法第80条",
     with_changes(L, lifefix("2018-05-01", 264, eff="2018-06-10", dec="2018-06-01")),
     {"term_end": "2040-06-09", "next_commutation_earliest": "2020-06-10", "parole_earliest": "2029-03-01",
      "basis.term_end": "S-05", **V()})
case("C-06 life → 21 years with repentance alone is below the range", "减刑假释规定第8条",
     with_changes(L, lifefix("2018-05-01", 252)), V("C-06"))
case("C-06 life → 21 years with repentance and merit", "减刑假释规定第8条",
     with_changes(L, lifefix("2018-05-01", 252, g="repentance_merit")), V())
case("C-06 life → 19 years with repentance and major merit", "减刑假释规定第8条",
     with_changes(L, lifefix("2018-05-01", 228, g="repentance_major_merit")), V())
case("C-06 life → 18 years 11 months is below every range", "减刑假释规定第8条",
     with_changes(L, lifefix("2018-05-01", 227, g="repentance_major_merit")), V("C-06"))
R = with_changes(L, lifefix("2018-05-01", 264, eff="2018-06-10"), com(plus(add_months("2018-06-10", 24), -1), 6))
case("C-06 later commutation a day short of the 2-year interval", "减刑假释规定第8条", R, V("C-06"))
R = with_changes(L, lifefix("2018-05-01", 264, eff="2018-06-10"), com(add_months("2018-06-10", 24), 9))
case("C-06 later commutation at 2 years, 9 months", "减刑假释规定第8条", R,
     {**V(), "term_end": S(commute(term_end("2018-06-10", 264), 9))})
R = with_changes(L, lifefix("2018-05-01", 264, eff="2018-06-10"), com(add_months("2018-06-10", 24), 10))
case("C-02 after life → fixed: 10 months for repentance", "减刑假释规定第8条 (第6条)", R, V("C-02"))
# C-07
LS = life(charges=("受贿罪",))
case("C-07 strict life: a day before 3 years", "减刑假释规定第9条",
     with_changes(LS, lifefix(plus(add_months(LEFF, 36), -1), 264)), V("C-07"))
case("C-07 strict life: on the day of 3 years", "减刑假释规定第9条",
     with_changes(LS, lifefix(add_months(LEFF, 36), 264)), V())
LV = life(charges=("故意杀人罪",))
case("C-07 violent life → 20 years with major merit", "减刑假释规定第9条",
     with_changes(LV, lifefix("2019-06-01", 240, g="major_merit")), V())
case("C-07 violent life → 19 years 11 months is below 20", "减刑假释规定第9条",
     with_changes(LV, lifefix("2019-06-01", 239, g="repentance_major_merit")), V("C-07"))
R = with_changes(LS, lifefix("2019-06-01", 264, eff="2019-07-01"), com(add_months("2019-07-01", 24), 13, g="major_merit"))
case("C-07 strict life later: 13 months is more than 12", "减刑假释规定第9条", R, V("C-07"))
R = with_changes(LS, lifefix("2019-06-01", 264, eff="2019-07-01"), com(plus(add_months("2019-07-01", 24), -1), 6))
case("C-07 strict life later: interval a day short of 2 years", "减刑假释规定第9条", R, V("C-07"))
case("C-07 combined sentence to life is strict", "减刑假释规定第9条",
     with_changes(life(flags=["combined_10y"]), lifefix(plus(add_months(LEFF, 36), -1), 264)), V("C-07"))
# C-08 死缓
DS = life(penalty="death_suspended", charges=("故意伤害罪",), eff="2016-03-01")
DSEND = add_months("2016-03-01", 24)
def ds_to_life(): return com(plus(DSEND, -20), eff=DSEND, dec=plus(DSEND, -5), new_penalty="life", g="repentance")
case("S-05 死缓: suspension ends after 2 years from the effective date", "刑法第51条",
     DS, {"suspension_end": S(plus(DSEND, -1)), "next_commutation_earliest": S(DSEND),
          "parole_earliest": S(add_months(DSEND, 180)), "min_actual_end": S(plus(add_months(DSEND, 180), -1))})
case("C-08 死缓 → life → fixed: a day before 3 years", "减刑假释规定第10条",
     with_changes(DS, ds_to_life(), lifefix(plus(add_months(DSEND, 36), -1), 300)), V("C-08"))
case("C-08 死缓 → life → 25 years on the day of 3 years", "减刑假释规定第10条",
     with_changes(DS, ds_to_life(), lifefix(add_months(DSEND, 36), 300, eff=add_months(DSEND, 37))),
     {**V(), "term_end": S(term_end(add_months(DSEND, 37), 300))})
case("C-08 死缓 → 24 years with repentance alone is below the range", "减刑假释规定第10条",
     with_changes(DS, ds_to_life(), lifefix(add_months(DSEND, 36), 288)), V("C-08"))
case("C-08 死缓 → 22 years with repentance and major merit", "减刑假释规定第10条",
     with_changes(DS, ds_to_life(), lifefix(add_months(DSEND, 36), 264, g="repentance_major_merit")), V())
DSS = life(penalty="death_suspended", charges=("受贿罪",))
case("C-08 strict 死缓: 23 years with merit", "减刑假释规定第11条",
     with_changes(DSS, ds_to_life(), lifefix(add_months(DSEND, 36), 276, g="merit")), V())
case("C-08 strict 死缓: 24 years with repentance only is below 25", "减刑假释规定第11条",
     with_changes(DSS, ds_to_life(), lifefix(add_months(DSEND, 36), 288)), V("C-08"))
R = with_changes(DS, ds_to_life(), lifefix(add_months(DSEND, 36), 300, eff=add_months(DSEND, 37)),
                 com(plus(add_months(add_months(DSEND, 37), 24), -1), 6))
case("C-08 死缓 later commutation: interval a day short of 2 years", "减刑假释规定第10条第2款", R, V("C-08"))
case("S-05 死缓 directly to 25 years runs from the end of the 2 years", "刑法第50、51条",
     with_changes(DS, com(plus(DSEND, -20), eff=DSEND, g="major_merit", new_penalty="fixed_term", new_term_months=300)),
     {"term_end": S(term_end(DSEND, 300)), "term_start": S(DSEND), **V()})
# C-09 / C-10
R = with_changes(fixed(36, detain="2020-03-15", admit="2020-04-01", eff="2020-03-20"),
                 com("2021-04-01", 9, eff="2021-04-10"), com("2022-04-10", 10, g="repentance_merit"))
e = commute(commute(E36, 9), 10)
case("C-09 commutations leave less than half of 3 years", "刑法第78条第2款", R,
     {**V("C-09"), "min_actual_end": S(min_actual_end(DET, E36)), "term_end": S(e)})
# exactly half: T of 2020-03-15..2023-03-14 = 1095, half 548 → end 2021-09-13; reduce to it exactly
R = with_changes(fixed(36, detain="2020-03-15", admit="2020-04-01", eff="2020-03-20"),
                 com("2021-04-01", 9, eff="2021-04-10"), com("2022-04-10", 9, 1, g="repentance_merit"))
case("C-09 end reduced to exactly the half: allowed", "刑法第78条第2款", R,
     {"term_end": "2021-09-13", "min_actual_end": "2021-09-13", "violations": []})
R = with_changes(L, lifefix("2018-05-01", 228, g="repentance_major_merit", eff="2018-06-01"),
                 com("2020-06-01", 24, g="repentance_major_merit", eff="2020-06-10"),
                 com("2022-06-10", 24, g="repentance_major_merit", eff="2022-06-20"),
                 com("2024-06-20", 24, g="repentance_major_merit", eff="2024-07-01"),
                 com("2026-07-01", 24, g="repentance_major_merit", eff="2026-07-10"),
                 com("2028-07-10", 24, g="repentance_major_merit", eff="2028-07-10"))
case("C-09 life: commutations bring the end under 13 years", "刑法第78条第2款", R,
     {**V("C-09"), "min_actual_end": S(plus(add_months(LEFF, 156), -1))})
R = with_changes(DS, ds_to_life(), lifefix(add_months(DSEND, 36), 264, g="repentance_major_merit", eff=add_months(DSEND, 36)),
                 com(add_months(DSEND, 60), 24, g="repentance_major_merit", eff=add_months(DSEND, 60)),
                 com(add_months(DSEND, 84), 24, g="repentance_major_merit", eff=add_months(DSEND, 84)),
                 com(add_months(DSEND, 108), 24, g="repentance_major_merit", eff=add_months(DSEND, 108)),
                 com(add_months(DSEND, 132), 24, g="repentance_major_merit", eff=add_months(DSEND, 132)),
                 com(add_months(DSEND, 156), 24, g="repentance_major_merit", eff=add_months(DSEND, 156)),
                 com(add_months(DSEND, 180), 24, g="repentance_major_merit", eff=add_months(DSEND, 180)))
case("C-10 死缓: less than 15 years after the suspension", "减刑假释规定第12条", R,
     {**V("C-10"), "basis.min_actual_end": "C-10"})
R = with_changes(DS, ds_to_life(), lifefix(add_months(DSEND, 36), 264, g="repentance_major_merit", eff=add_months(DSEND, 36)),
                 *[com(add_months(DSEND, mm), 24, g="repentance_major_merit", eff=add_months(DSEND, mm))
                   for mm in (60, 84, 108, 132, 156)])
case("C-10 死缓: exactly 15 years after the suspension is allowed", "减刑假释规定第12条", R,
     {**V(), "term_end": S(plus(add_months(DSEND, 180), -1)), "min_actual_end": S(plus(add_months(DSEND, 180), -1))})
# C-11 limited commutation
DL = life(penalty="death_suspended", charges=("故意杀人罪",), limited_commutation=True)
case("C-11 limited 死缓: life first commutation a day before 5 years", "减刑假释规定第13条",
     with_changes(DL, ds_to_life(), lifefix(plus(add_months(DSEND, 60), -1), 300)), V("C-11"))
case("C-11 limited 死缓: on the day of 5 years", "减刑假释规定第13条",
     with_changes(DL, ds_to_life(), lifefix(add_months(DSEND, 60), 300)), V())
base = [ds_to_life(), lifefix(add_months(DSEND, 60), 300, eff=add_months(DSEND, 61))]
case("C-11 limited, fixed: 7 months is more than 6", "减刑假释规定第14条",
     with_changes(DL, *base, com(add_months(DSEND, 61 + 24), 7)), V("C-11"))
case("C-11 limited, fixed: 12 months with major merit", "减刑假释规定第14条",
     with_changes(DL, *base, com(add_months(DSEND, 61 + 24), 12, g="major_merit")), V())
case("C-11 limited, fixed: interval a day short of 2 years", "减刑假释规定第14条",
     with_changes(DL, *base, com(plus(add_months(DSEND, 61 + 24), -1), 6)), V("C-11"))
R = with_changes(DL, *base, com(add_months(DSEND, 85), 6, eff=add_months(DSEND, 85)),
                 com(add_months(DSEND, 109), 6, eff=add_months(DSEND, 109)),
                 com(add_months(DSEND, 133), 6, eff=add_months(DSEND, 133)),
                 com(add_months(DSEND, 157), 6, eff=add_months(DSEND, 157)),
                 com(add_months(DSEND, 181), 6, eff=add_months(DSEND, 181)),
                 com(add_months(DSEND, 205), 6, eff=add_months(DSEND, 205)),
                 com(add_months(DSEND, 229), 6, eff=add_months(DSEND, 229)),
                 com(add_months(DSEND, 253), 6, eff=add_months(DSEND, 253)))
case("C-09 limited 死缓 to life: 25 years actually executed", "刑法第78条第2款第3项", R,
     {"min_actual_end": S(plus(add_months(DSEND, 300), -1)), "basis.min_actual_end": "C-09"})
# C-12
LL = life(penalty="death_suspended", charges=("贪污罪",), flags=["lifelong"])
case("C-12 终身监禁: the mandatory 死缓 → life is not a violation", "减刑假释规定第15条",
     with_changes(LL, ds_to_life()), {**V(), "next_commutation_earliest": None, "parole_barred": True})
case("C-12 终身监禁: a commutation to a fixed term", "减刑假释规定第15条",
     with_changes(LL, ds_to_life(), lifefix(add_months(DSEND, 60), 300)), V("C-12"))
case("C-12 终身监禁: parole", "减刑假释规定第15条",
     with_changes(LL, ds_to_life(), par(add_months(DSEND, 200))), V("C-12"))
# C-13
PB = fixed(36, probation_months=48, detain=None, admit=None)
case("C-13 probation: commutation without major merit", "减刑假释规定第18条",
     with_changes(PB, com("2021-08-01", 6)), {**V("C-13"), "next_commutation_earliest": None, "parole_earliest": None})
case("C-13 probation: commutation with major merit", "减刑假释规定第18条第2款",
     with_changes(PB, com("2021-08-01", 6, g="major_merit")), V())
# C-14
NC = fixed(96) | {"judgment": fixed(96)["judgment"] | {"new_crime": {"effective_date": "2022-01-10", "penalty": "fixed_term"}}}
case("C-14 new crime: commutation a day before 3 years", "减刑假释规定第21条",
     with_changes(NC, com("2025-01-09", 6)), {**V("C-14"), "changes[0].start_earliest": "2025-01-10"})
case("C-14 new crime: next commutation no earlier than 3 years after it", "减刑假释规定第21条",
     NC, {"next_commutation_earliest": "2025-01-10", "basis.next_commutation_earliest": "C-01,C-14,S-08"})
case("C-14 new crime: commutation on the day of 3 years", "减刑假释规定第21条",
     with_changes(NC, com("2025-01-10", 6)), V())
NCL = fixed(96) | {"judgment": fixed(96)["judgment"] | {"new_crime": {"effective_date": "2022-01-10", "penalty": "life"}}}
case("C-14 new crime sentenced to life: 4 years", "减刑假释规定第21条",
     with_changes(NCL, com("2025-06-01", 6)), V("C-14"))
# C-15 relaxations
JUV = dict(birth="2003-01-01")          # 17 at the admission 2020-07-01
days12 = (add_months(ADMIT, 12) - ADMIT).days
rel = plus(ADMIT, days12 * 2 // 3)
case("C-15 juvenile: start time 2/3 of 1 year, day before", "减刑假释规定第19条",
     first(36, plus(rel, -1), **JUV), {**V("C-01"), "changes[0].relaxed": True, "changes[0].start_earliest": S(rel)})
case("C-15 juvenile: start time 2/3 of 1 year, on the day", "减刑假释规定第19条",
     first(36, rel, **JUV), V())
case("C-15 juvenile 18th birthday on the execution date: still under 18", "减刑假释规定第19条; law.md §1",
     first(36, rel, birth="2002-07-01"), V())
case("C-15 18 years and 1 day at execution: not relaxed", "减刑假释规定第19条; law.md §1",
     first(36, rel, birth="2002-06-30"), V("C-01"))
case("C-15 juvenile violent 10 years: no relaxation (刑法第81条第2款)", "减刑假释规定第19条第1款",
     first(120, plus(add_months(ADMIT, 24), -1), charges=("抢劫罪",), **JUV), V("C-04"))
OLD = dict(birth="1955-06-01")          # 65 (and a day) from 2020-06-02
case("C-15 aged 65 at proposal: start time relaxed", "减刑假释规定第20、39条",
     first(36, rel, **OLD), {**V(), "changes[0].relaxed": True})
case("C-15 aged 64 at proposal: not relaxed", "减刑假释规定第39条",
     first(36, rel, birth="1956-09-01"), V("C-01"))
R = with_changes(F96, com("2022-01-05", 6, eff="2022-02-01"),
                 com(plus("2022-02-01", (add_months("2022-02-01", 12) - D("2022-02-01")).days * 2 // 3), 6, leniency="ill"))
case("C-15 ill: interval relaxed to 2/3", "减刑假释规定第20条", R, V())
R = with_changes(F96, com("2022-01-05", 6, eff="2022-02-01"),
                 com(plus("2022-02-01", (add_months("2022-02-01", 12) - D("2022-02-01")).days * 2 // 3 - 1), 6, leniency="ill"))
case("C-15 ill: a day before the relaxed interval", "减刑假释规定第20条", R, V("C-03"))
case("C-15 disabled: 11 months within 4/3 of 9 months", "减刑假释规定第20条",
     with_changes(F96, com("2022-03-01", 11, leniency="disabled")), {**V(), "changes[0].relaxed": True})
e0 = E96; mx = (e0 - add_months(e0, -9)).days * 4 // 3
case("C-15 disabled: beyond 4/3 of 9 months", "减刑假释规定第20条",
     with_changes(F96, com("2022-03-01", 12, mx - (e0 - add_months(e0, -12)).days + 1, leniency="disabled")),
     {**V("C-02"), "changes[0].amount_max_days": mx})
# C-16
SR = fixed(30, detain="2020-01-10", admit="2021-06-01", eff="2021-05-20")
case("C-16 less than 2 years left at the effective date: start time not flagged", "减刑假释规定第16条",
     with_changes(SR, com("2021-12-01", 3)), {**V(), "changes[0].short_remainder": True})
SR2 = fixed(24, detain="2021-05-20", admit="2021-06-01", eff="2021-05-20")
case("C-16 exactly 2 years left at the effective date: start time applies", "减刑假释规定第16条",
     with_changes(SR2, com("2021-12-01", 3)), V("C-01"))
case("C-16 拘役: start time not flagged", "减刑假释规定第16条",
     with_changes(fixed(6, penalty="criminal_detention", detain="2022-01-01", admit="2022-03-01", eff="2022-02-20"),
                  com("2022-04-01", 1)), V())
case("C-16 short remainder: C-09 still applies", "减刑假释规定第16条",
     with_changes(SR, com("2021-08-01", 9), com("2022-01-01", 9, g="repentance", leniency="ill")), V("C-09", "C-03"))

# ================================================================== §5 parole
HALF36 = parole_earliest(DET, E36)
case("P-01 half of 3 years (conformance figure)", "刑法第81条; 减刑假释规定第23条",
     F36, {"parole_earliest": S(HALF36), "basis.parole_earliest": "P-01", "parole_barred": False})
case("P-01 parole a day before half", "刑法第81条",
     with_changes(F36, par(plus(HALF36, -1))), {**V("P-01"), "changes[0].days_early": 1})
case("P-01 parole on the day of half", "刑法第81条",
     with_changes(F36, par(HALF36)), {**V(), "parole_date": S(plus(HALF36, 5)), "parole_end": S(E36),
                                       "expected_release": S(plus(HALF36, 5))})
F37 = fixed(37)
E37 = term_end(DET, 37)
case("P-01 odd term length: ceil(T/2)", "刑法第81条; law.md §1",
     F37, {"parole_earliest": S(parole_earliest(DET, E37))})
case("P-01 pre-trial credit counts 1:1 toward half", "减刑假释规定第23条第1款",
     with_events(fixed(24, eff="2021-04-20"), ("detain", "2020-10-01"), ("bail", "2020-10-31"),
                 ("detain", "2021-03-01"), ("admit", "2021-05-10")), {"parole_earliest": "2022-01-30"})
case("P-01 life: 13 years from the effective date, a day before", "减刑假释规定第23条第2款",
     with_changes(L, par(plus(add_months(LEFF, 156), -1))), V("P-01"))
case("P-01 life: on the day of 13 years", "减刑假释规定第23条第2款",
     with_changes(L, par(add_months(LEFF, 156))), {**V(), "parole_end": S(plus(add_months(plus(add_months(LEFF, 156), 5), 120), -1))})
case("P-01 死缓: 15 years from the end of the suspension, a day before", "减刑假释规定第23条第3款",
     with_changes(DS, ds_to_life(), par(plus(add_months(DSEND, 180), -1))), V("P-01"))
case("P-01 拘役 cannot be paroled", "刑法第81条",
     with_changes(fixed(6, penalty="criminal_detention", detain="2022-01-01", admit="2022-03-01", eff="2022-02-20"),
                  par("2022-05-01")), V("P-01"))
case("P-02 violent 12 years barred (conformance)", "刑法第81条第2款",
     with_changes(fixed(144, charges=("抢劫罪",)), par("2027-01-01")), {**V("P-02"), "parole_barred": True,
                                                                     "parole_barred_rule": "P-02"})
case("P-02 violent exactly 10 years barred", "刑法第81条第2款",
     fixed(120, charges=("强奸罪",)), {"parole_barred": True})
case("P-02 violent 9 years 11 months not barred", "刑法第81条第2款",
     fixed(119, charges=("绑架罪",)), {"parole_barred": False})
case("P-02 violent life barred", "刑法第81条第2款", life(charges=("放火罪",)), {"parole_barred": True})
case("P-02 violent 死缓 barred after commutation", "减刑假释规定第25条第2款",
     with_changes(life(penalty="death_suspended", charges=("爆炸罪",)), ds_to_life(), par(add_months(DSEND, 200))),
     V("P-02"))
case("P-02 投放危险物质罪 11 years barred", "刑法第81条第2款", fixed(132, charges=("投放危险物质罪",)),
     {"parole_barred": True})
# P-03
case("P-03 property judgment unpaid: no parole", "减刑假释规定第27条",
     with_changes(F36 | {"property_unpaid": True}, par(HALF36)), {**V("P-03"), "parole_barred": True,
                                                                 "parole_barred_rule": "P-03"})
# P-04
F168 = fixed(168, detain="2010-01-01", admit="2010-06-01", eff="2010-05-01")
R = with_changes(F168, com("2020-01-01", 6, eff="2020-02-01"), par(plus(add_months("2020-02-01", 12), -1)))
case("P-04 parole a day short of 1 year after a commutation", "减刑假释规定第28条", R,
     {**V("P-04"), "parole_earliest": "2021-02-01", "basis.parole_earliest": "P-01,P-04"})
R = with_changes(F96, com("2022-01-05", 6, eff="2022-02-01"), par(parole_earliest(DET, E96)))
case("P-04 parole at half, more than 1 year after the commutation", "减刑假释规定第28条", R, V())
R = with_changes(F144, com("2022-08-01", 12, g="repentance_merit", eff="2022-09-01"), par(plus(add_months("2022-09-01", 18), -1)))
case("P-04 commutation of 1 year: parole a day short of 18 months", "减刑假释规定第28条", R,
     {**V("P-04", "P-01")})
R = with_changes(F168, com("2020-01-01", 12, g="repentance_merit", eff="2020-02-01"), par(add_months("2020-02-01", 17)))
case("P-04 commutation of 1 year, P-01 met: 17 months is short", "减刑假释规定第28条", R, V("P-04"))
R = with_changes(F168, com("2020-01-01", 12, g="repentance_merit", eff="2020-02-01"), par(add_months("2020-02-01", 18)))
case("P-04 commutation of 1 year: 18 months is enough", "减刑假释规定第28条", R, V())
R = with_changes(F36, com("2021-08-01", 6, eff="2021-09-01"), par("2021-10-01"))
case("P-04 remaining term under 2 years: not flagged", "减刑假释规定第28条第2款", R, V())
# P-05
case("P-05 parole period = remaining term", "刑法第83条",
     with_changes(F96, par(parole_earliest(DET, E96))), {"parole_end": S(E96), "basis.parole_end": "P-05"})
# P-06
RP = with_events(F96, ("detain", DET), ("admit", ADMIT), ("release_parole", "2024-04-01"), ("return", "2024-10-01"))
R = with_changes(RP, par("2024-03-25", eff="2024-04-01"),
                 {"kind": "revoke_parole", "decision_date": "2024-09-20", "effective_date": "2024-09-25"})
case("P-06 revoked parole: the time on parole is not counted", "刑法第86条第3款", R,
     {"term_end": S(plus(E96, (D("2024-10-01") - D("2024-04-01")).days)), "parole_date": None, **V()})
R2 = json.loads(json.dumps(R, default=S)); R2["changes"].append(par("2025-06-01"))
case("P-06 second parole after a revocation", "减刑假释规定第30条", R2, V("P-06"))
R3 = json.loads(json.dumps(R, default=S)); R3["changes"].append(com(plus(add_months("2024-10-01", 18), -1), 6))
case("P-06 commutation start counts from the return: a day before", "减刑假释规定第30条第2款", R3, V("P-06"))
R4 = json.loads(json.dumps(R, default=S)); R4["changes"].append(com(add_months("2024-10-01", 18), 6))
case("P-06 commutation start from the return: on the day", "减刑假释规定第30条第2款", R4, V())

# ================================================================== §9 recidivism
def prior(release, charges=("盗窃罪",), penalty="fixed_term", off="2013-12-01", probation=None, parole_end=None, m=24):
    return {"penalty": penalty, "term_months": m, "term_days": 0, "probation_months": probation,
            "charges": list(charges), "offense_date": off, "release_date": release, "parole_end": parole_end}
def newj(off, charges=("盗窃罪",), flag=False, birth="1985-01-01", penalty="fixed_term", m=36):
    r = fixed(m, charges=charges, off=off, eff=S(plus(off, 150)), detain=S(plus(off, 1)),
              admit=S(plus(off, 180)), birth=birth, penalty=penalty, recidivist=flag)
    return r
REL = D("2016-01-09")
FIVE = plus(add_months(plus(REL, 1), 60), -1)
case("R-01 new theft 3 years after release (conformance)", "刑法第65条",
     newj(D("2019-05-01"), flag=True) | {"priors": [prior(S(REL))]},
     {"recidivist": True, "recidivist_rule": "R-01", "parole_barred": True, **V()})
case("R-01 new crime on the last day of 5 years", "刑法第65条",
     newj(FIVE, flag=True) | {"priors": [prior(S(REL))]}, {"recidivist": True, **V()})
case("R-01 new crime the day after 5 years", "刑法第65条",
     newj(plus(FIVE, 1), flag=False) | {"priors": [prior(S(REL))]}, {"recidivist": False, **V()})
case("R-01 5 years counted from the end of the parole period", "刑法第65条第2款",
     newj(D("2021-03-01"), flag=True) | {"priors": [prior("2015-06-01", parole_end="2016-06-01")]},
     {"recidivist": True})
case("R-01 earlier suspended sentence is not a completed sentence", "刑法第65条",
     newj(D("2019-05-01")) | {"priors": [prior(None, probation=36)]}, {"recidivist": False, **V()})
case("R-01 earlier crime committed at 17: not a recidivist", "刑法第65条",
     newj(D("2019-05-01"), birth="1996-06-01") | {"priors": [prior(S(REL), off="2014-01-01")]},
     {"recidivist": False})
case("R-01 new crime on the 18th birthday: still under 18", "刑法第65条; law.md §1",
     newj(D("2019-05-01"), birth="2001-05-01") | {"priors": [prior(S(REL), off="2013-12-01")]}, {"recidivist": False})
case("R-01 negligent new crime: not a recidivist, flag wrong (conformance)", "刑法第65条",
     newj(D("2019-05-01"), charges=("交通肇事罪",), flag=True) | {"priors": [prior(S(REL))]},
     {"recidivist": False, **V("R-03"), "next_commutation_earliest": S(add_months(plus("2019-05-01", 180), 12))})
case("R-01 negligent earlier crime: not a recidivist", "刑法第65条",
     newj(D("2019-05-01")) | {"priors": [prior(S(REL), charges=("过失致人死亡罪",))]}, {"recidivist": False})
case("R-01 negligent and intentional charges together: intentional", "刑法第65条",
     newj(D("2019-05-01"), charges=("交通肇事罪", "故意伤害罪"), flag=True) | {"priors": [prior(S(REL))]},
     {"recidivist": True, **V()})
case("R-01 new sentence 拘役: not a recidivist", "刑法第65条",
     newj(D("2019-05-01"), penalty="criminal_detention", m=5) | {"priors": [prior(S(REL))]}, {"recidivist": False})
case("R-01 earlier sentence 拘役: not a recidivist", "刑法第65条",
     newj(D("2019-05-01")) | {"priors": [prior(S(REL), penalty="criminal_detention", m=6)]}, {"recidivist": False})
case("R-01 new crime before the earlier release: not a recidivist", "刑法第65条",
     newj(D("2015-12-01")) | {"priors": [prior(S(REL))]}, {"recidivist": False})
case("R-02 national security before and after, 10 years apart", "刑法第66条",
     newj(D("2026-05-01"), charges=("间谍罪",), flag=True) | {"priors": [prior(S(REL), charges=("煽动分裂国家罪",))]},
     {"recidivist": True, "recidivist_rule": "R-02", "strict": True, **V()})
case("R-02 terrorism before, organised crime after", "刑法第66条",
     newj(D("2030-05-01"), charges=("组织、领导、参加黑社会性质组织罪",), flag=True) | {"priors": [prior(S(REL), charges=("帮助恐怖活动罪",))]},
     {"recidivist": True, "recidivist_rule": "R-02"})
case("R-02 national security before, theft after 10 years: no", "刑法第66条",
     newj(D("2026-05-01")) | {"priors": [prior(S(REL), charges=("间谍罪",))]}, {"recidivist": False, **V()})
case("R-03 recidivist not found by the court", "刑法第65条",
     newj(D("2019-05-01"), flag=False) | {"priors": [prior(S(REL))]},
     {**V("R-03"), "violations[0].change_index": None})
case("R-03 no priors but the court found 累犯", "刑法第65条",
     newj(D("2019-05-01"), flag=True), V("R-03"))
case("R-01 recidivist is strict: start 2 years (conformance)", "减刑假释规定第7条",
     newj(D("2019-05-01"), flag=True) | {"priors": [prior(S(REL))]},
     {"next_commutation_earliest": S(add_months(plus("2019-05-01", 180), 24)), "strict": True})

# ================================================================== §10 political rights
case("PR-01 dpr after release (conformance)", "刑法第58条",
     fixed(60, charges=("抢劫罪",), detain="2019-02-10", admit="2019-09-01", eff="2019-08-01", dpr_months=24),
     {"dpr_end": "2026-02-09", "basis.dpr_end": "PR-01"})
case("PR-01 dpr from the parole date", "刑法第58条",
     with_changes(fixed(96, dpr_months=36), par(parole_earliest(DET, E96))),
     {"dpr_end": S(plus(add_months(plus(parole_earliest(DET, E96), 5), 36), -1))})
case("PR-01 管制 with dpr: runs with the surveillance", "刑法第55条第2款",
     with_events(fixed(12, penalty="surveillance", eff="2022-01-31", dpr_months=12)),
     {"dpr_end": S(term_end("2022-01-31", 12))})
case("PR-01 dpr for life: no end", "刑法第57条", life(dpr_life=True), {"dpr_end": None, "dpr_forever": True})
case("PR-01 dpr after a term ending on 2024-02-28 (leap year)", "刑法第58条",
     fixed(48, detain="2020-02-29", eff="2020-06-01", admit="2020-07-01", dpr_months=12),
     {"term_end": S(term_end("2020-02-29", 48)),
      "dpr_end": S(plus(add_months(plus(term_end("2020-02-29", 48), 1), 12), -1))})
case("PR-02 life with dpr for life commuted: 7 years assumed", "减刑假释规定第17条第2款",
     with_changes(life(dpr_life=True), lifefix("2018-05-01", 264, eff="2018-06-10")),
     {"dpr_end": S(plus(add_months(plus(term_end("2018-06-10", 264), 1), 84), -1)), "basis.dpr_end": "PR-01,PR-02"})
case("PR-02 life commuted with the dpr fixed at 10 years", "减刑假释规定第17条第2款",
     with_changes(life(dpr_life=True), lifefix("2018-05-01", 264, eff="2018-06-10", new_dpr_months=120)),
     {"dpr_end": S(plus(add_months(plus(term_end("2018-06-10", 264), 1), 120), -1))})
case("PR-02 fixed term: dpr reduced to 1 year on commutation", "减刑假释规定第17条第1款",
     with_changes(fixed(96, dpr_months=36), com("2022-03-01", 6, new_dpr_months=12)),
     {"dpr_end": S(plus(add_months(plus(commute(E96, 6), 1), 12), -1))})

case("PR-01 suspended sentence: the dpr is executed from the effective date", "刑法第72条第3款; 第58条",
     fixed(24, probation_months=36, detain=None, admit=None, eff="2021-03-31", dpr_months=12),
     {"dpr_end": "2022-03-30", "expected_release": None})
case("S-03 custody of an earlier sentence (before the offense) is ignored", "刑法第47条",
     with_events(F36, ("detain", "2012-01-05"), ("admit", "2012-03-01"), ("release", "2014-01-04"),
                 ("detain", DET), ("admit", ADMIT), keep_offense=True),
     {"term_start": S(DET), "execution_date": S(ADMIT), "credit_days": 0})

# ================================================================== §16 rule sets by date
# T-10/T-12: each limit of §16's table with a figure, on both sides, for SPC-1997 and
# SPC-2012 (SPC-2016's are the §4-§5 cases above); the last day of one set and the first of
# the next; offenses on 2011-04-30 / 2011-05-01 (T-11); the four kinds of "no figure".
def old_fixed(m, detain="2011-08-23", eff="2011-11-25", admit="2011-12-28", **kw):
    r = fixed(m, detain=detain, eff=eff, admit=admit, **kw)
    r["as_of"] = "2040-01-01"
    return r
def old_life(eff="2012-09-01", off="2011-06-01", penalty="life", charges=("故意伤害罪",), **kw):
    r = fixed(0, charges=charges, detain=S(plus(off, 5)), admit=S(plus(eff, 30)), eff=eff, off=off,
              birth="1970-01-01", penalty=penalty, **kw)
    r["judgment"]["term_months"] = None
    r["as_of"] = "2060-01-01"
    return r
def at(p, rm=0, rd=0, g="repentance", **kw):
    # decided on the proposal date + 20 days, effective + 30 (com's defaults)
    return com(p, rm, rd, g, **kw)
def G(rule, kind, article, n=0):
    return {"violations": [rule], "violations[%d].kind" % n: kind,
            "violations[%d].article" % n: article,
            "violations[%d].severity" % n: "medium" if kind.endswith("_general") else "high"}
A5, A6, A7, A9, A11, A22 = ("2012年减刑假释规定第%s条" % x for x in ("五", "六", "七", "九", "十一", "二十二"))
A97 = "1997年减刑假释规定（法释〔1997〕6号）"

# --- SPC-2012 fixed terms: 5 years, executed from 2011-12-28
O60 = old_fixed(60); X60 = D("2011-12-28"); E60 = term_end("2011-08-23", 60)
case("T-12 SPC-2012 one cut of 12 months for repentance (郑州 2015)", "2012年减刑假释规定第五条",
     with_changes(O60, at("2014-03-01", 12)), {"changes[0].rule_set": "SPC-2012", **V()})
case("T-12 SPC-2012 one cut of 12 months 1 day for repentance: general limit", "2012年减刑假释规定第五条",
     with_changes(O60, at("2014-03-01", 12, 1)), G("C-02", "amount_general", A5))
case("T-12 SPC-2012 repentance and merit: 24 months", "2012年减刑假释规定第五条",
     with_changes(O60, at("2014-03-01", 24, g="repentance_merit")), V())
case("T-12 SPC-2012 repentance and merit: 24 months 1 day", "2012年减刑假释规定第五条",
     with_changes(O60, at("2014-03-01", 24, 1, g="repentance_merit")), G("C-02", "amount_general", A5))
case("T-12 SPC-2012 major merit: 24 months", "2012年减刑假释规定第五条",
     with_changes(O60, at("2014-03-01", 24, g="major_merit")), V())
case("T-12 SPC-2012 major merit: 24 months 1 day", "2012年减刑假释规定第五条",
     with_changes(O60, at("2014-03-01", 24, 1, g="major_merit")), G("C-02", "amount_general", A5))
case("T-12 SPC-2012 start, 5 years: on the day of 18 months", "2012年减刑假释规定第六条",
     with_changes(O60, at(add_months(X60, 18), 6)), V())
case("T-12 SPC-2012 start, 5 years: a day before 18 months", "2012年减刑假释规定第六条",
     with_changes(O60, at(plus(add_months(X60, 18), -1), 6)),
     {**G("C-01", "start_time_general", A6), "violations[0].limit_date": S(add_months(X60, 18))})
O120 = old_fixed(120)
case("T-12 SPC-2012 start, 10 years: 18 months suffice (2 years from 2017)", "2012年减刑假释规定第六条",
     with_changes(O120, at(add_months(X60, 18), 12)), V())
case("T-12 SPC-2012 start, 10 years: a day before 18 months", "2012年减刑假释规定第六条",
     with_changes(O120, at(plus(add_months(X60, 18), -1), 12)), G("C-01", "start_time_general", A6))
F1 = at("2014-03-01", 6); F1EFF = plus("2014-03-01", 30)
case("T-12 SPC-2012 interval, 5 years: on the day of 1 year", "2012年减刑假释规定第六条",
     with_changes(O60, F1, at(add_months(F1EFF, 12), 6)), V())
case("T-12 SPC-2012 interval, 5 years: a day before 1 year", "2012年减刑假释规定第六条",
     with_changes(O60, F1, at(plus(add_months(F1EFF, 12), -1), 6)), G("C-03", "interval_general", A6))
F2 = at("2014-03-01", 12); F2EFF = plus("2014-03-01", 30)
case("T-12 SPC-2012 interval: not the last cut's length (a 2016 rule)", "2012年减刑假释规定第六条",
     with_changes(O120, F2, at(add_months(F2EFF, 12), 6)), V())
case("T-12 SPC-2012 major merit frees the start time", "2012年减刑假释规定第六条",
     with_changes(O60, at(plus(X60, 100), 6, g="major_merit")), V())
# no figure (1): terms under 5 years
O48 = old_fixed(48)
case("T-12 SPC-2012 start, term under 5 years: no figure, not checked", "2012年减刑假释规定第六条",
     with_changes(O48, at(plus(X60, 200), 6)),
     {"changes[0].start_earliest": None, "changes[0].rule_set": "SPC-2012", **V()})
case("T-12 SPC-2012 interval, term under 5 years: no figure", "2012年减刑假释规定第六条",
     with_changes(O48, at(plus(X60, 200), 6), at(plus(X60, 300), 6)),
     {"changes[1].interval_earliest": None, **V()})
# short remainder (第十一条): under 1 year left at the effective date frees start and interval
SR = old_fixed(60, detain="2010-01-01", eff="2014-01-02", admit="2014-01-20")
case("T-12 SPC-2012 remainder under 1 year at the effective date: start free", "2012年减刑假释规定第十一条",
     with_changes(SR, at("2014-03-01", 3)), {"changes[0].short_remainder": True, **V()})
SR1 = old_fixed(60, detain="2010-01-01", eff="2014-01-01", admit="2014-01-20")
case("T-12 SPC-2012 remainder of exactly 1 year: start checked", "2012年减刑假释规定第十一条",
     with_changes(SR1, at("2014-03-01", 3)), G("C-01", "start_time_general", A6))
# life (第七条, 第八条)
OL = old_life(); OLE = D("2012-09-01")
case("T-12 SPC-2012 life: first commutation on the day of 2 years", "2012年减刑假释规定第七条",
     with_changes(OL, lifefix(add_months(OLE, 24), 240)), V())
case("T-12 SPC-2012 life: a day before 2 years (a hard limit)", "2012年减刑假释规定第七条",
     with_changes(OL, lifefix(plus(add_months(OLE, 24), -1), 240)), G("C-06", "start_time", A7))
case("T-12 SPC-2012 life → 20 years for repentance", "2012年减刑假释规定第七条",
     with_changes(OL, lifefix(add_months(OLE, 30), 240)), V())
case("T-12 SPC-2012 life → 19 years 11 months for repentance: general limit", "2012年减刑假释规定第七条",
     with_changes(OL, lifefix(add_months(OLE, 30), 239)), G("C-06", "amount_general", A7))
case("T-12 SPC-2012 life → 15 years for major merit", "2012年减刑假释规定第七条",
     with_changes(OL, lifefix(add_months(OLE, 30), 180, g="major_merit")), V())
case("T-12 SPC-2012 life → 14 years 11 months for major merit", "2012年减刑假释规定第七条",
     with_changes(OL, lifefix(add_months(OLE, 30), 179, g="major_merit")), G("C-06", "amount", A7))
# 死缓 (第九条): effective 2010-03-01, life from 2012-03-01
ODS = old_life(eff="2010-03-01", off="2009-06-01", penalty="death_suspended"); ODSE = add_months("2010-03-01", 24)
def ods_life(): return com(plus(ODSE, -20), eff=ODSE, dec=plus(ODSE, -5), new_penalty="life", g="repentance")
case("T-12 SPC-2012 死缓 → life → fixed on the day of 2 years", "2012年减刑假释规定第九条",
     with_changes(ODS, ods_life(), lifefix(add_months(ODSE, 24), 300)), V())
case("T-12 SPC-2012 死缓 → life → fixed a day before 2 years", "2012年减刑假释规定第九条",
     with_changes(ODS, ods_life(), lifefix(plus(add_months(ODSE, 24), -1), 300)), G("C-08", "start_time", A9))
case("T-12 SPC-2012 死缓 → 25 years for repentance", "2012年减刑假释规定第九条",
     with_changes(ODS, ods_life(), lifefix(add_months(ODSE, 30), 300)), V())
case("T-12 SPC-2012 死缓 → 24 years 11 months for repentance", "2012年减刑假释规定第九条",
     with_changes(ODS, ods_life(), lifefix(add_months(ODSE, 30), 299)), G("C-08", "amount", A9))
case("T-12 SPC-2012 死缓 → 23 years for major merit", "2012年减刑假释规定第九条",
     with_changes(ODS, ods_life(), lifefix(add_months(ODSE, 30), 276, g="major_merit")), V())
case("T-12 SPC-2012 死缓 → 22 years 11 months for major merit", "2012年减刑假释规定第九条",
     with_changes(ODS, ods_life(), lifefix(add_months(ODSE, 30), 275, g="major_merit")), G("C-08", "amount", A9))
# 死缓 minimum actual term (第九条第二款): 15 years after the reprieve
DSF = lifefix(add_months(ODSE, 24), 276, g="major_merit"); DSFE = plus(add_months(ODSE, 24), 30)
DSFEND = plus(add_months(DSFE, 276), -1)
DSMIN = plus(add_months(ODSE, 180), -1)
def cut_to(end, target, extra=0):
    # months and days that take end to target (- extra days): commute(end, m, k) = target
    m = (end.year * 12 + end.month) - (target.year * 12 + target.month) - 1
    k = (commute(end, m) - target).days + extra
    assert commute(end, m, k) == plus(target, -extra)
    return m, k
DM, DK = cut_to(DSFEND, DSMIN); DM1, DK1 = cut_to(DSFEND, DSMIN, 1)
case("T-12 SPC-2012 死缓: commuted to end on the last day of 15 years", "2012年减刑假释规定第九条",
     with_changes(ODS, ods_life(), DSF, at("2016-06-01", DM, DK, g="major_merit")),
     {"changes[2].end_after": S(DSMIN), "violations": ["C-02"]})
case("T-12 SPC-2012 死缓: commuted to end a day before 15 years", "2012年减刑假释规定第九条",
     with_changes(ODS, ods_life(), DSF, at("2016-06-01", DM1, DK1, g="major_merit")),
     {"violations": ["C-02", "C-10"]})
# commutation → parole (第二十二条)
O144 = old_fixed(144, detain="2008-01-01", eff="2008-06-01", admit="2008-07-01")
PC = at("2013-03-01", 12); PCE = plus("2013-03-01", 30)
case("T-12 SPC-2012 parole on the day of 1 year after a commutation", "2012年减刑假释规定第二十二条",
     with_changes(O144, PC, par(add_months(PCE, 12))), V())
case("T-12 SPC-2012 parole a day before 1 year: general limit", "2012年减刑假释规定第二十二条",
     with_changes(O144, PC, par(plus(add_months(PCE, 12), -1))), G("P-04", "parole_term_general", A22))
PC2 = at("2013-03-01", 24, g="repentance_merit")
case("T-12 SPC-2012 parole 2 years after a cut of 2 years", "2012年减刑假释规定第二十二条",
     with_changes(O144, PC2, par(add_months(PCE, 24))), V())
case("T-12 SPC-2012 parole a day before 2 years after a cut of 2 years (hard)", "2012年减刑假释规定第二十二条",
     with_changes(O144, PC2, par(plus(add_months(PCE, 24), -1))), G("P-04", "parole_term", A22))

# --- SPC-1997 (parameters SPC1997.*)
P97 = old_fixed(60, detain="2004-01-01", eff="2004-06-01", admit="2004-07-01"); X97 = D("2004-07-01")
case("T-12 SPC-1997 one cut of 12 months for repentance", A97,
     with_changes(P97, at("2006-03-01", 12)), {"changes[0].rule_set": "SPC-1997", **V()})
case("T-12 SPC-1997 one cut of 12 months 1 day: general limit", A97,
     with_changes(P97, at("2006-03-01", 12, 1)), G("C-02", "amount_general", A97))
P97T = old_fixed(144, detain="2004-01-01", eff="2004-06-01", admit="2004-07-01")
case("T-12 SPC-1997 term of 10 years or more: 24 months for repentance", A97,
     with_changes(P97T, at("2006-03-01", 24)), V())
case("T-12 SPC-1997 term of 10 years or more: 24 months 1 day", A97,
     with_changes(P97T, at("2006-03-01", 24, 1)), G("C-02", "amount_general", A97))
case("T-12 SPC-1997 repentance and merit: 24 months", A97,
     with_changes(P97, at("2006-03-01", 24, g="repentance_merit")), V())
case("T-12 SPC-1997 repentance and merit: 24 months 1 day", A97,
     with_changes(P97, at("2006-03-01", 24, 1, g="repentance_merit")), G("C-02", "amount_general", A97))
case("T-12 SPC-1997 major merit, 10 years or more: 36 months", A97,
     with_changes(P97T, at("2006-03-01", 36, g="major_merit")), V())
case("T-12 SPC-1997 major merit, 10 years or more: 36 months 1 day", A97,
     with_changes(P97T, at("2006-03-01", 36, 1, g="major_merit")), G("C-02", "amount_general", A97))
case("T-12 SPC-1997 start: on the day of 18 months", A97,
     with_changes(P97, at(add_months(X97, 18), 6)), V())
case("T-12 SPC-1997 start: a day before 18 months", A97,
     with_changes(P97, at(plus(add_months(X97, 18), -1), 6)), G("C-01", "start_time_general", A97))
case("T-12 SPC-1997 start, 10 years or more: a day before 18 months", A97,
     with_changes(P97T, at(plus(add_months(X97, 18), -1), 6)), G("C-01", "start_time_general", A97))
Q1 = at("2006-03-01", 6); Q1E = plus("2006-03-01", 30)
case("T-12 SPC-1997 interval: on the day of 1 year", A97,
     with_changes(P97, Q1, at(add_months(Q1E, 12), 6)), V())
case("T-12 SPC-1997 interval: a day before 1 year", A97,
     with_changes(P97, Q1, at(plus(add_months(Q1E, 12), -1), 6)), G("C-03", "interval_general", A97))
L97 = old_life(eff="2003-03-01", off="2002-06-01"); L97E = D("2003-03-01")
case("T-12 SPC-1997 life: on the day of 2 years", A97,
     with_changes(L97, lifefix(add_months(L97E, 24), 216)), V())
case("T-12 SPC-1997 life: a day before 2 years", A97,
     with_changes(L97, lifefix(plus(add_months(L97E, 24), -1), 216)), G("C-06", "start_time", A97))
case("T-12 SPC-1997 life → 18 years for repentance", A97,
     with_changes(L97, lifefix(add_months(L97E, 30), 216)), V())
case("T-12 SPC-1997 life → 17 years 11 months: general limit", A97,
     with_changes(L97, lifefix(add_months(L97E, 30), 215)), G("C-06", "amount_general", A97))
case("T-12 SPC-1997 life → 13 years for major merit", A97,
     with_changes(L97, lifefix(add_months(L97E, 30), 156, g="major_merit")), V())
case("T-12 SPC-1997 life → 12 years 11 months for major merit", A97,
     with_changes(L97, lifefix(add_months(L97E, 30), 155, g="major_merit")), G("C-06", "amount", A97))
# 死缓 under SPC-1997: no figure for the start and the new term (no figure (2)); 12 years
DS97 = old_life(eff="2000-03-01", off="1999-06-01", penalty="death_suspended"); DS97E = add_months("2000-03-01", 24)
def ds97_life(): return com(plus(DS97E, -20), eff=DS97E, dec=plus(DS97E, -5), new_penalty="life", g="repentance")
case("T-12 SPC-1997 死缓 → life → fixed after 6 months: no figure, not checked", A97,
     with_changes(DS97, ds97_life(), lifefix(add_months(DS97E, 6), 200)),
     {"changes[1].start_earliest": None, **V()})
DS97F = lifefix(add_months(DS97E, 24), 200); DS97FE = plus(add_months(DS97E, 24), 30)
DS97END = plus(add_months(DS97FE, 200), -1); DS97MIN = plus(add_months(DS97E, 144), -1)
QM, QK = cut_to(DS97END, DS97MIN); QM1, QK1 = cut_to(DS97END, DS97MIN, 1)
case("T-12 SPC-1997 死缓: commuted to end on the last day of 12 years", A97,
     with_changes(DS97, ds97_life(), DS97F, at("2008-06-01", QM, QK, g="major_merit")),
     {"changes[2].end_after": S(DS97MIN), "violations": ["C-02"]})
case("T-12 SPC-1997 死缓: commuted to end a day before 12 years", A97,
     with_changes(DS97, ds97_life(), DS97F, at("2008-06-01", QM1, QK1, g="major_merit")),
     {"violations": ["C-02", "C-10"]})
Q144 = old_fixed(144, detain="2002-01-01", eff="2002-06-01", admit="2002-07-01")
QC = at("2008-03-01", 12); QCE = plus("2008-03-01", 30)
case("T-12 SPC-1997 parole on the day of 1 year after a commutation", A97,
     with_changes(Q144, QC, par(add_months(QCE, 12))), V())
case("T-12 SPC-1997 parole a day before 1 year: general limit", A97,
     with_changes(Q144, QC, par(plus(add_months(QCE, 12), -1))), G("P-04", "parole_term_general", A97))
QC2 = at("2008-03-01", 24, g="repentance_merit")
case("T-12 SPC-1997 parole a day before 2 years after a cut of 2 years", A97,
     with_changes(Q144, QC2, par(plus(add_months(QCE, 24), -1))), G("P-04", "parole_term", A97))
case("T-12 SPC-1997 parole on the day of 2 years after a cut of 2 years", A97,
     with_changes(Q144, QC2, par(add_months(QCE, 24))), V())

# --- the boundaries of the sets (decision dates)
BL = old_life(eff="2010-03-01", off="2009-06-01"); BLE = D("2010-03-01")
case("T-10 life → 19 years decided 2012-06-30: SPC-1997 allows 18", A97,
     with_changes(BL, lifefix("2012-06-01", 228, dec="2012-06-30", eff="2012-07-10")),
     {"changes[0].rule_set": "SPC-1997", **V()})
case("T-10 life → 19 years decided 2012-07-01: SPC-2012 wants 20, general", "2012年减刑假释规定第七条",
     with_changes(BL, lifefix("2012-06-01", 228, dec="2012-07-01", eff="2012-07-10")),
     {"changes[0].rule_set": "SPC-2012", **G("C-06", "amount_general", A7)})
B16 = old_fixed(60, detain="2013-08-23", eff="2013-11-25", admit="2013-12-28")
case("T-10 12 months for repentance decided 2016-12-31: SPC-2012", "2012年减刑假释规定第五条",
     with_changes(B16, at("2016-12-01", 12, dec="2016-12-31", eff="2016-12-31")),
     {"changes[0].rule_set": "SPC-2012", **V()})
case("T-10 12 months for repentance decided 2017-01-01: SPC-2016, C-02", "减刑假释规定第6条",
     with_changes(B16, at("2016-12-01", 12, dec="2017-01-01", eff="2017-01-01")),
     {"changes[0].rule_set": "SPC-2016", **G("C-02", "amount", "减刑假释规定第6条")})
# no figure (3): before 1997-11-08 no provisions are held
B97 = old_fixed(120, detain="1994-01-01", eff="1994-06-01", admit="1994-07-01")
case("T-10 decided 1997-11-07: none held, a 36-month cut after 3 months not checked", "law.md §16 T-10",
     with_changes(B97, at("1997-10-01", 36, dec="1997-11-07", eff="1997-11-10")),
     {"changes[0].rule_set": "none", "changes[0].amount_rule": None, **V()})
case("T-10 decided 1997-11-08: SPC-1997, the same cut is over its general limit", A97,
     with_changes(B97, at("1997-10-01", 36, dec="1997-11-08", eff="1997-11-10")),
     {"changes[0].rule_set": "SPC-1997", "violations": ["C-02"], "violations[0].kind": "amount_general"})
# no figure (4): special groups and the articles not held under SPC-2012
case("T-12 SPC-2012 duty crime: no special-group limits (C-04 from 2017)", "2012年减刑假释规定第五、六条",
     with_changes(old_fixed(60, charges=("受贿罪",)), at(add_months(X60, 18), 12)), V())
case("T-12 SPC-2012 new crime during execution: C-14 not held", "law.md §16 T-10",
     with_changes(old_fixed(60) | {"judgment": old_fixed(60)["judgment"] | {"new_crime": {"effective_date": "2013-01-10"}}},
                  at(add_months(X60, 18), 6)), V())

TL = lambda off: old_life(eff="2012-01-10", off=off)
# --- the 郑州 ruling (issue 11): 5 years, 12 months off for repentance after 2 years 6 months,
# decided in 2015; the same facts two years later, decided in 2017
ZZ = old_fixed(60, detain="2012-05-14", eff="2012-09-20", admit="2012-10-18")
case("T-10 5 years, 12 months for repentance decided 2015: SPC-2012, lawful", "2012年减刑假释规定第五条",
     with_changes(ZZ, at("2015-04-20", 12, dec="2015-05-12", eff="2015-05-12")),
     {"changes[0].rule_set": "SPC-2012", "term_end": S(commute(term_end("2012-05-14", 60), 12)), **V()})
case("T-10 the same facts decided 2017: SPC-2016, C-02", "减刑假释规定第6条",
     with_changes(old_fixed(60, detain="2014-05-14", eff="2014-09-20", admit="2014-10-18"),
                  at("2017-04-20", 12, dec="2017-05-12", eff="2017-05-12")),
     {"changes[0].rule_set": "SPC-2016", **G("C-02", "amount", "减刑假释规定第6条")})
# the cells not yet shown on both sides
case("T-12 SPC-1997 start, 10 years or more: on the day of 18 months", A97,
     with_changes(P97T, at(add_months(X97, 18), 6)), {"changes[0].rule_set": "SPC-1997", **V()})
case("T-12 SPC-1997 major merit frees the start time", A97,
     with_changes(P97, at(plus(X97, 100), 6, g="major_merit")), {"changes[0].major_merit": True, **V()})
case("T-12 SPC-1997 major merit frees the interval", A97,
     with_changes(P97, Q1, at(plus(Q1E, 60), 6, g="major_merit")), {"changes[1].major_merit": True, **V()})
case("T-12 SPC-2012 major merit frees the interval", "2012年减刑假释规定第六条",
     with_changes(O60, F1, at(plus(F1EFF, 60), 6, g="major_merit")), {"changes[1].major_merit": True, **V()})
# no figure (1) and (4) under SPC-1997 too
P97S = old_fixed(48, detain="2004-01-01", eff="2004-06-01", admit="2004-07-01")
case("T-12 SPC-1997 start, term under 5 years: no figure, not checked", A97,
     with_changes(P97S, at(plus(X97, 200), 6)),
     {"changes[0].start_earliest": None, "changes[0].rule_set": "SPC-1997", **V()})
case("T-12 SPC-1997 interval, term under 5 years: no figure", A97,
     with_changes(P97S, at(plus(X97, 200), 6), at(plus(X97, 300), 6)),
     {"changes[1].interval_earliest": None, **V()})
case("T-12 SPC-1997 duty crime: no special-group limits", A97,
     with_changes(old_fixed(60, detain="2004-01-01", eff="2004-06-01", admit="2004-07-01", charges=("受贿罪",)),
                  at(add_months(X97, 18), 12)), {"strict": True, **V()})
# 第二十二条第二款: under 2 years left after the commutation, parole may come sooner
PS = at("2014-03-01", 0); PSE = plus("2014-03-01", 30)
def ps_cut(extra):
    m, k = cut_to(E60, plus(add_months(PSE, 24), -1), extra)
    return at("2014-03-01", m, k)
case("T-12 SPC-2012 parole a day before 1 year, 2 years less a day left: free", "2012年减刑假释规定第二十二条",
     with_changes(O60, ps_cut(1), par(plus(add_months(PSE, 12), -1))), V())
case("T-12 SPC-2012 parole a day before 1 year, exactly 2 years left: general limit", "2012年减刑假释规定第二十二条",
     with_changes(O60, ps_cut(0), par(plus(add_months(PSE, 12), -1))), G("P-04", "parole_term_general", A22))
# minimum actual term of life (C-09): 13 years under SPC-2012, 10 for an offense before 2011-05-01
# and under SPC-1997 (T-11); one big cut for major merit (a C-02 of its own) ends the term
# on the last lawful day, or a day before
def life_min(base, eff, months, prop, min_end, extra):
    fe = plus(add_months(eff, 24), 30)
    end = term_end(fe, months)
    m, k = cut_to(end, min_end, extra)
    return with_changes(base, lifefix(add_months(eff, 24), months), at(prop, m, k, g="major_merit"))
for label, base, eff, months, prop, years, art in (
        ("SPC-2012 life, 13 years", OL, OLE, 240, "2016-10-01", 13, A7),
        ("SPC-2012 life, offense 2011-04-30: 10 years", TL("2011-04-30"), D("2012-01-10"), 240, "2016-03-01", 10, A7),
        ("SPC-1997 life: 10 years", L97, L97E, 216, "2008-03-01", 10, A97)):
    mn = plus(add_months(eff, 12 * years), -1)
    case("T-12 %s: commuted to end on the last day" % label, art,
         life_min(base, eff, months, prop, mn, 0), {"min_actual_end": S(mn), "term_end": S(mn), "violations": ["C-02"]})
    case("T-12 %s: commuted to end a day before" % label, art,
         life_min(base, eff, months, prop, mn, 1), {"violations": ["C-02", "C-09"]})

# --- T-11 statute by offense date
case("T-11 life for an offense on 2011-04-30: 10 years minimum and parole", "法释〔2011〕9号第七条",
     TL("2011-04-30"), {"min_actual_end": S(plus(add_months("2012-01-10", 120), -1)),
                        "parole_earliest": S(add_months("2012-01-10", 120))})
case("T-11 life for an offense on 2011-05-01: 13 years", "刑法第78、81条",
     TL("2011-05-01"), {"min_actual_end": S(plus(add_months("2012-01-10", 156), -1)),
                        "parole_earliest": S(add_months("2012-01-10", 156))})
OV = lambda off: with_changes(old_fixed(120, charges=("故意伤害罪",), detain=S(plus(off, 3)), eff="2011-11-25",
                                        off=off, flags=["organized_violence"]),
                              par("2020-06-01"))
# LAW TEXT: 法释〔2011〕9号第八条 keeps the old bar for 有组织的暴力性犯罪 (docs/law.md)
case("T-11 organised violence, offense 2011-04-30: barred by the old article too (P-02)", "法释〔2011〕9号第八条",
     OV("2011-04-30"), {"parole_barred": True, **V("P-02")})
case("T-11 故意伤害 12 years, offense 2011-04-30: an other violent crime, not barred", "法释〔2011〕9号第八条",
     with_changes(old_fixed(144, charges=("故意伤害罪",), detain="2011-05-03", eff="2011-11-25", off="2011-04-30"),
                  par("2020-06-01")), {"parole_barred": False, **V()})
case("T-11 organised violence, offense 2011-05-01: P-02", "刑法第81条第2款",
     OV("2011-05-01"), {"parole_barred": True, **V("P-02")})

# ================================================================== §6 T-01
def temp(pen_req, g="medical", exam="2021-02-01", desig=True, item=True, p="2021-04-01", dec="2021-04-20", diag=True):
    ch = {"kind": "temp_outside", "proposal_date": p, "decision_date": dec, "grounds": g}
    if diag:
        ch["diagnosis"] = {"exam_date": exam, "designated_hospital": desig, "severe_list_item": item}
    return with_changes(pen_req, ch)
case("T-01 medical parole on a proper diagnosis", "刑事诉讼法第265条", temp(F36), V())
case("T-01 diagnosis exactly 3 months old at proposal", "刑事诉讼法第265条", temp(F36, exam="2021-01-01", p="2021-04-01"), V())
case("T-01 diagnosis 3 months and a day old at proposal", "刑事诉讼法第265条", temp(F36, exam="2020-12-31", p="2021-04-01"), V("T-01"))
case("T-01 diagnosis dated after the decision", "刑事诉讼法第265条", temp(F36, exam="2021-04-25"), V("T-01"))
case("T-01 diagnosis not by a designated hospital", "刑事诉讼法第265条", temp(F36, desig=False), V("T-01"))
case("T-01 diagnosis names no item of the severe list", "刑事诉讼法第265条", temp(F36, item=False), V("T-01"))
case("T-01 medical parole without any diagnosis", "刑事诉讼法第265条", temp(F36, diag=False), V("T-01"))
case("T-01 life sentence on medical grounds", "刑事诉讼法第265条", temp(L), V("T-01"))
case("T-01 life sentence for pregnancy is allowed", "刑事诉讼法第265条", temp(L, g="pregnancy", diag=False), V())
case("T-01 死缓 on any ground", "刑事诉讼法第265条", temp(DS, g="self_care", diag=False), V("T-01"))
case("T-01 拘役 on medical grounds", "刑事诉讼法第265条",
     temp(fixed(6, penalty="criminal_detention", detain="2021-01-01", admit="2021-02-01", eff="2021-01-20")), V())

# ------------------------------------------------------------------ output
def cstr(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'

def render_expect(exp):
    parts = []
    for k, v in exp.items():
        if k == "violations":
            parts.append("violations=" + ",".join(v))
        else:
            if v is None: sv = "null"
            elif v is True: sv = "true"
            elif v is False: sv = "false"
            else: sv = str(v)
            parts.append("%s=%s" % (k, sv))
    return ";".join(parts)

print("/*\n * law_cases.h — golden cases of the law core, generated by gen_law_cases.py (edit there).")
print(" * One row per legal situation: name, article, `zhijian calc` request (JSON with ' for \"),")
print(" * expected figures 'key=value;…' (key: a response field, basis.<figure>, changes[i].<field>,")
print(" * violations[i].<field>; violations=<sorted rule ids>). Driven by tests/unit/test_law_golden.c.\n */")
print("struct law_golden_case {\n    const char *name;\n    const char *article;\n    const char *request;\n    const char *expect;\n};\n")
print("static const struct law_golden_case law_golden_cases[] = {")
for name, art, req, exp in CASES:
    js = json.dumps(req, ensure_ascii=False, separators=(",", ":"), default=S).replace('"', "'")
    print("    /* %s — %s */" % (name, art))
    print("    {%s, %s,\n     %s,\n     %s}," % (cstr(name), cstr(art), cstr(js), cstr(render_expect(exp))))
print("};")
import sys
print("/* %d cases */" % len(CASES))
print("%d cases" % len(CASES), file=sys.stderr)
