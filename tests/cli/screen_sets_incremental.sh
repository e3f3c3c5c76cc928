#!/bin/bash
# screen_sets_incremental.sh — incremental screening of the set-based models (issue 5,
# catalog.c scoped_set_models): on a generated county, after a full screening, one day of
# changes to the tables of every scoped model (cc_events, restraints, deaths, property,
# voters, corrections, and cells of both persons of CUS-01/CUS-02 pairs, and an adult moved
# into the cell of a juvenile's assignment that had no CUS-01 lead) is imported; the
# incremental screening must leave exactly the leads (status, resolved date, summary,
# evidence) a full screening of the same data leaves, must resolve some of them and raise
# the new pair's CUS-01 lead (on the juvenile, who did not change: found by the widening).
set -u
ZJ=${ZJ:?path to zhijian}
HERE=$(cd "$(dirname "$0")" && pwd) # same_leads.py
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
export ZJ_MODELS_DIR="$W/no-models"
mkdir -p "$ZJ_MODELS_DIR"

"$ZJ" gen --out "$W/feeds" --persons 3000 --seed 5 --as-of 2025-06-30 >/dev/null 2>&1 || fail "gen"
"$ZJ" import --db "$W/a.db" --as-of 2025-06-30 "$W/feeds" >/dev/null 2>&1
"$ZJ" screen --db "$W/a.db" --as-of 2025-06-30 --full --jobs 2 >/dev/null || fail "full screening"

python3 - "$W" <<'PY' || fail "writing the day of changes"
import csv, json, os, sqlite3, sys
w = sys.argv[1]
db = sqlite3.connect(w + "/a.db")
def leads(model, n, off=0):
    return [r for r in db.execute("SELECT subject, evidence FROM leads WHERE model_id = ?"
                                  " AND status = 'open' ORDER BY subject LIMIT ? OFFSET ?",
                                  (model, n, off))]
def subj(model, n, off=0):
    return [s for s, _ in leads(model, n, off)]
def rows(feed):
    with open(f"{w}/feeds/{feed}.csv", encoding="utf-8") as f:
        r = csv.DictReader(f)
        return r.fieldnames, list(r)
os.makedirs(w + "/day2")
def write(feed, hdr, out):
    with open(f"{w}/day2/{feed}.csv", "w", encoding="utf-8", newline="") as f:
        wr = csv.DictWriter(f, hdr)
        wr.writeheader()
        wr.writerows(out)
hdr, _ = rows("cc_events")
write("cc_events", hdr, [dict(event_id=f"DAY2E{i:05d}", cc_id=cc, event_date="2025-06-29",
                              kind="checkin", region_code="", detail="")
                         for i, cc in enumerate(subj("CC-02", 3) + subj("CC-03", 2))])
hdr, rs = rows("restraints")
s = set(subj("CUS-03", 3))
out = [dict(r, end_date=r["start_date"]) for r in rs if r["record_id"] in s]
out.append(dict(rs[3], record_id="DAY2B0001", kind="solitary", start_date="2025-05-01", end_date=""))
write("restraints", hdr, out)
hdr, ds = rows("deaths")
s = set(subj("CUS-04", 2))
write("deaths", hdr, [dict(r, reported_date=r["death_date"], autopsy="1") for r in ds if r["person_id"] in s])
hdr, ps = rows("property")
s1, s2 = set(subj("PROP-01", 3)), set(subj("PROP-02", 2))
write("property", hdr, [dict(r, last_action_date="2025-06-01") for r in ps if r["enforcement_id"] in s1] +
      [dict(r, investigated="1") for r in ps if r["enforcement_id"] in s2])
hdr, vs = rows("voters")
s = set(subj("PR-01", 3))
write("voters", hdr, [dict(r, registered="0", voted="0", candidate="0", elected="0")
                      for r in vs if r["record_id"] in s])
hdr, cs = rows("cells")
s = set(subj("CUS-01", 2) + subj("CUS-02", 2))
for model, key in (("CUS-01", "adult_assignment_id"), ("CUS-02", "other_assignment_id")):
    s |= {json.loads(ev)[key] for _, ev in leads(model, 3, 2)}  # the partner moves
out = [dict(r, cell_id="DAY2监室") for r in cs if r["assignment_id"] in s]
# a new pair: an adult's new assignment in the cell and days of a juvenile assignment (one
# started well before the 18th birthday) without a CUS-01 lead
j = db.execute("SELECT c.assignment_id, c.person_id, c.facility_id, c.cell_id, c.start_date,"
               " c.end_date FROM cells c JOIN persons p ON p.person_id = c.person_id"
               " WHERE c.start_date <= date(p.birth_date, '+17 years')"
               " AND c.start_date <= '2025-06-30' AND c.assignment_id NOT IN"
               " (SELECT subject FROM leads WHERE model_id = 'CUS-01')"
               " ORDER BY c.assignment_id LIMIT 1").fetchone()
assert j and j[0] not in s, j
adult = db.execute("SELECT person_id FROM persons WHERE birth_date <= '1980-01-01'"
                   " AND person_id <> ? ORDER BY person_id LIMIT 1", (j[1],)).fetchone()[0]
out.append({k: "" for k in hdr} | dict(assignment_id="DAY2J0001", person_id=adult,
           facility_id=j[2], cell_id=j[3], start_date=j[4], end_date=j[5] or ""))
open(w + "/new_pair", "w").write(j[0])
write("cells", hdr, out)
hdr, cr = rows("corrections")
s = set(subj("CC-06", 2))
write("corrections", hdr, [dict(r, status="ended", status_date=r["end_date"] or r["status_date"])
                           for r in cr if r["cc_id"] in s])
PY
"$ZJ" import --db "$W/a.db" --as-of 2025-06-30 "$W/day2" >/dev/null 2>&1
cp "$W/a.db" "$W/b.db"
"$ZJ" screen --db "$W/a.db" --as-of 2025-06-30 --jobs 2 >"$W/inc.out" || fail "incremental screening"
grep -q incremental "$W/inc.out" || fail "the second screening was not incremental"
"$ZJ" screen --db "$W/b.db" --as-of 2025-06-30 --full >/dev/null || fail "full screening of day 2"
for x in a b; do
    "$ZJ" leads --db "$W/$x.db" --format json >"$W/$x.json" || fail "leads json"
done
python3 "$HERE/same_leads.py" "$W/a.json" "$W/b.json" || fail "incremental and full screenings differ"
PYTHONPATH="$HERE" PYTHONDONTWRITEBYTECODE=1 python3 - "$W" <<'PY' || fail "the day of changes resolved too little"
import sys
from same_leads import load
a = load(sys.argv[1] + "/a.json")
resolved = {k[0] for k, v in a.items() if v[0] == "resolved"}
need = {"CC-02", "CUS-01", "CUS-02", "CUS-03", "CUS-04", "PROP-01", "PROP-02", "PR-01", "CC-06"}
if not need <= resolved:
    print("not resolved by the day of changes:", sorted(need - resolved))
    sys.exit(1)
if ("CUS-03", "DAY2B0001") not in a:
    print("the new restraint raised no CUS-03 lead")
    sys.exit(1)
j = open(sys.argv[1] + "/new_pair").read()
if a.get(("CUS-01", j), ("",))[0] != "open":
    print("the adult moved into the juvenile's cell raised no CUS-01 lead:", j, a.get(("CUS-01", j)))
    sys.exit(1)
PY
echo "ok"
