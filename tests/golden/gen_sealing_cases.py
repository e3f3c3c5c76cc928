#!/usr/bin/env python3
"""Writes sealing_cases.h, the golden table of J-01 (law.md §14; tests/unit/test_law_sealing.c).

Each case: a person's birth date and judgments (offense date, effective date, penalty, term
months and days), the expected sealing interval [from, until) and why it ended, and probe
dates (the day before, on and after each effective date and each limit) with the expected
answer of "sealed on that day". Expectations come from this independent reading of J-01
(add_months with month-end clamping, age per law.md §1), never from the C code.
Run: python3 tests/golden/gen_sealing_cases.py > tests/golden/sealing_cases.h
"""
import calendar
from datetime import date, timedelta

def D(s): return date.fromisoformat(s) if isinstance(s, str) else s
def S(d): return D(d).isoformat()
def add_months(d, n):
    d = D(d); y, m = divmod(d.year * 12 + d.month - 1 + n, 12); m += 1
    return date(y, m, min(d.day, calendar.monthrange(y, m)[1]))
def plus(d, k): return D(d) + timedelta(days=k)
def under_18(birth, d): return D(d) <= add_months(birth, 12 * 18)

def sealable(birth, j):
    off, eff, pen, m, k = j[:5]
    if not under_18(birth, off):
        return False, "adult"
    if pen in ("surveillance", "criminal_detention", "fine_only", "exempt"):
        return True, ""
    if pen == "fixed_term" and m > 0 and (m < 60 or (m == 60 and k == 0)):
        return True, ""
    return False, "penalty"

def interval(birth, js):
    ok = [D(j[1]) for j in js if sealable(birth, j)[0]]
    bad = sorted((D(j[1]), sealable(birth, j)[1]) for j in js if not sealable(birth, j)[0])
    end = bad[0][1] if bad else ""
    if not ok:
        return None, None, end
    first = min(ok)
    if bad and bad[0][0] <= first:
        return None, None, end
    return first, (bad[0][0] if bad else None), end

def sealed_on(birth, js, d):
    d = D(d)
    eff = [j for j in js if D(j[1]) <= d]
    return bool(eff) and all(sealable(birth, j)[0] for j in eff)

CASES = []
def case(name, article, birth, js, extra_probes=()):
    js = [(S(j[0]), S(j[1])) + tuple(j[2:5]) + ((j[5] if len(j) > 5 else 0),) for j in js]
    f, u, end = interval(birth, js)
    probes = set(D(x) for x in extra_probes)
    for j in js:
        for k in (-1, 0, 1):
            probes.add(plus(j[1], k))
    probes.add(plus(max(D(j[1]) for j in js), 3650) if js else D("2030-01-01"))
    probes = sorted(probes)
    # the interval agrees with the day-by-day reading on every probe
    for p in probes:
        inside = f is not None and p >= f and (u is None or p < u)
        assert inside == sealed_on(birth, js, p), (name, p)
    CASES.append((name, article, birth, js, f, u, end,
                  [(S(p), sealed_on(birth, js, p)) for p in probes]))

A286 = "刑诉法第286条第1款"
B = "2004-06-15"          # 18th birthday 2022-06-15: an offense that day is under 18
B18 = add_months(B, 216)  # 2022-06-15

case("one juvenile judgment, 3 years: sealed from its effective date", A286, B,
     [("2020-03-01", "2020-09-10", "fixed_term", 36, 0)])
case("offense on the 18th birthday is under 18: sealed", A286 + "; law.md §1", B,
     [(B18, "2023-01-10", "fixed_term", 24, 0)])
case("offense the day after the 18th birthday is adult: never sealed", A286 + "; law.md §1", B,
     [(plus(B18, 1), "2023-01-10", "fixed_term", 24, 0)])
case("born 29 February: 18 on 1 March (add_months clamps to 28 February)", A286 + "; law.md §1",
     "2004-02-29", [("2022-02-28", "2022-08-01", "criminal_detention", 6, 0)])
case("born 29 February: offense on 1 March at 18 is adult", A286 + "; law.md §1", "2004-02-29",
     [("2022-03-01", "2022-08-01", "criminal_detention", 6, 0)])
case("fixed term of exactly 60 months: sealed", A286, B,
     [("2019-05-01", "2020-02-01", "fixed_term", 60, 0)])
case("fixed term of 61 months: above five years, never sealed", A286, B,
     [("2019-05-01", "2020-02-01", "fixed_term", 61, 0)])
case("fixed term of 60 months and 1 day: above five years", A286, B,
     [("2019-05-01", "2020-02-01", "fixed_term", 60, 1)])
case("fixed term of 59 months and 30 days: sealed", A286, B,
     [("2019-05-01", "2020-02-01", "fixed_term", 59, 30)])
case("suspended sentence (3 years, probation 4): sealed", A286, B,
     [("2019-05-01", "2020-02-01", "fixed_term", 36, 0, 48)])
case("拘役: sealed", A286, B, [("2019-05-01", "2020-02-01", "criminal_detention", 5, 0)])
case("管制: sealed", A286, B, [("2019-05-01", "2020-02-01", "surveillance", 12, 0)])
case("单处罚金: sealed", A286, B, [("2019-05-01", "2020-02-01", "fine_only", 0, 0)])
case("免予刑事处罚: sealed", "刑诉法解释第581条", B, [("2019-05-01", "2020-02-01", "exempt", 0, 0)])
case("无期徒刑 for a juvenile offense: never sealed", A286, B,
     [("2019-05-01", "2020-02-01", "life", 0, 0)])
case("two juvenile judgments within five years each: still sealed", A286, B,
     [("2019-05-01", "2020-02-01", "fixed_term", 24, 0),
      ("2021-09-01", "2022-03-01", "criminal_detention", 4, 0)])
case("a later adult judgment ends the sealing from its effective date", A286 + "; J-01", B,
     [("2019-05-01", "2020-02-01", "fixed_term", 24, 0),
      ("2024-03-01", "2024-10-20", "fixed_term", 12, 0)])
case("a further juvenile crime sentenced above five years ends the sealing", A286 + "; J-01", B,
     [("2019-05-01", "2020-02-01", "fixed_term", 24, 0),
      ("2021-12-01", "2022-11-15", "fixed_term", 72, 0)])
case("an adult judgment not yet effective does not end it yet", A286 + "; J-01", B,
     [("2019-05-01", "2020-02-01", "fixed_term", 24, 0),
      ("2025-01-05", "2031-12-31", "fine_only", 0, 0)])
case("adult judgment effective before the juvenile one: never sealed", A286 + "; J-01", B,
     [("2022-01-01", "2023-05-01", "fixed_term", 36, 0),
      ("2022-07-01", "2022-12-01", "fixed_term", 12, 0)])
case("juvenile and adult judgments effective the same day: never sealed", A286 + "; J-01", B,
     [("2022-01-01", "2023-05-01", "fixed_term", 36, 0),
      ("2022-07-01", "2023-05-01", "fixed_term", 12, 0)])
case("two juvenile judgments, then an adult one: sealed until the adult one", A286 + "; J-01", B,
     [("2018-05-01", "2019-01-20", "criminal_detention", 3, 0),
      ("2020-05-01", "2021-01-20", "fixed_term", 18, 0),
      ("2023-05-01", "2024-01-31", "surveillance", 6, 0)])
case("no judgment: no record to seal", A286, B, [], ("2020-01-01",))

def c(s): return "NULL" if s is None else '"%s"' % s
print("/*\n * sealing_cases.h — golden cases of J-01 (law.md §14), generated by gen_sealing_cases.py\n"
      " * (edit there). Driven by tests/unit/test_law_sealing.c.\n */")
print("struct seal_golden_judgment { const char *offense, *effective, *penalty; int months, days, probation; };")
print("struct seal_golden_probe { const char *date; int sealed; };")
print("struct seal_golden_case {\n    const char *name, *article, *birth;\n"
      "    struct seal_golden_judgment j[4];\n    int n;\n"
      "    const char *from, *until, *end; /* end: \"\", \"adult\", \"penalty\" */\n"
      "    struct seal_golden_probe p[16];\n    int np;\n};\n")
print("static const struct seal_golden_case seal_golden_cases[] = {")
for (name, art, birth, js, f, u, end, probes) in CASES:
    assert len(js) <= 4 and len(probes) <= 16, name
    jtxt = ", ".join('{"%s", "%s", "%s", %d, %d, %d}' % j for j in js) or "{NULL, NULL, NULL, 0, 0, 0}"
    ptxt = ", ".join('{"%s", %d}' % (d, 1 if s else 0) for d, s in probes)
    print('    {"%s", "%s", "%s",\n     {%s}, %d,\n     %s, %s, "%s",\n     {%s}, %d},'
          % (name, art, S(birth), jtxt, len(js), c(f and S(f)), c(u and S(u)), end, ptxt,
             len(probes)))
print("};")
