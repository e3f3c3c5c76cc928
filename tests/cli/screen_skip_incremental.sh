#!/bin/bash
# screen_skip_incremental.sh — an incremental screening leaves out the set-based models
# none of whose inputs changed (src/models/set_runs.c, table model_runs; for DUTY-01 the
# leads it reads are one of them) and scopes CUS-05
# to the changed persons and the aggressors of their incidents; either way it must leave
# exactly the leads a full screening of the same data leaves. On a generated county, with
# the example user models of models/:
#   day 1 touches custody only: CUS-01 … CUS-08, ENT-01 … ENT-03 and U-SCORE-01 are left
#         out (their model_runs rows keep the batch they read; CUS-01, the first model of
#         the full run to use json_each, records its tables too), REL-01 (custody) runs;
#   day 2 touches their inputs: an incident's filing (CUS-07), the cell of a CUS-05 lead's
#         victim only (the widening), a seizure's release (ENT-01), twelve months of scores
#         approved by one officer; the models run, resolve those leads, raise U-SCORE-01's;
#   then the leads behind a DUTY-01 lead dismissed, a law parameter (H-06.filing_days) and
#         another as-of date: the models left out before run again, and the leads are those
#         of a full screening.
# The set-based models that read no leads and do not widen the scope run beside the person
# pass on a copy of the scope (src/models/engine.c): on day 1 REL-01 runs there and its run
# counts; on day 2 CUS-05 (on the writer) widens the scope before U-SCORE-01's turn, so
# U-SCORE-01's run beside the pass, on the scope before the widening, does not count and
# the writer runs it again (ZJ_TIMING lines).
set -u
ZJ=${ZJ:?path to zhijian}
SRC=${ZJ_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
HERE=$(cd "$(dirname "$0")" && pwd) # same_leads.py
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
export ZJ_MODELS_DIR="$SRC/models"
AS_OF=2025-06-30

"$ZJ" gen --out "$W/feeds" --persons 3000 --seed 5 --as-of $AS_OF >/dev/null 2>&1 || fail "gen"
"$ZJ" import --db "$W/a.db" --as-of $AS_OF "$W/feeds" >/dev/null 2>&1
"$ZJ" screen --db "$W/a.db" --as-of $AS_OF --full --jobs 2 >/dev/null || fail "full screening"

# the leads of a.db and of a full screening of a copy (extra screen arguments after $1)
same_as_full() {
    local tag=$1
    shift
    cp "$W/a.db" "$W/b.db"
    rm -f "$W/b.db-wal" "$W/b.db-shm"
    ZJ_TIMING=1 "$ZJ" screen --db "$W/a.db" --as-of "$@" --jobs 2 >"$W/inc.$tag" \
        2>"$W/timing.$tag" || fail "$tag: incremental"
    grep -q incremental "$W/inc.$tag" || fail "$tag: the screening was not incremental"
    "$ZJ" screen --db "$W/b.db" --as-of "$@" --full >/dev/null || fail "$tag: full screening"
    for x in a b; do
        "$ZJ" leads --db "$W/$x.db" --format json >"$W/$x.json" || fail "leads json"
    done
    python3 "$HERE/same_leads.py" "$W/a.json" "$W/b.json" ||
        fail "$tag: the incremental and the full screening differ"
}

# model_runs before a day: model -> batch
python3 - "$W" <<'PY' || fail "model_runs after the full screening"
import json, sqlite3, sys
w = sys.argv[1]
db = sqlite3.connect(f"{w}/a.db")
runs = {m: (b, r) for m, b, r in db.execute("SELECT model_id, batch_id, reads FROM model_runs")}
digest = dict(db.execute("SELECT model_id, leads_digest FROM model_runs"))
for m in ("CUS-01", "CUS-02", "CUS-05", "CUS-06", "CUS-07", "CUS-08", "ENT-01", "ENT-02",
          "ENT-03", "REL-01", "U-SCORE-01", "U-DRIVE-01"):
    assert m in runs and runs[m][1], f"{m}: no tables recorded: {runs.get(m)}"
assert "incidents" in runs["CUS-05"][1].split() and "cells" in runs["CUS-05"][1].split(), runs["CUS-05"]
# DUTY-01 reads the leads: a digest of those it read, beside its feed tables
assert "sentence_changes" in runs["DUTY-01"][1].split() and len(digest["DUTY-01"] or "") == 64, \
    (runs.get("DUTY-01"), digest.get("DUTY-01"))
assert all(digest[m] is None for m in runs if m != "DUTY-01"), digest
json.dump({m: b for m, (b, r) in runs.items()}, open(f"{w}/runs0.json", "w"))
PY

# day 1: a custody event for every 50th person
python3 - "$W" <<'PY' || fail "writing day 1"
import csv, os, sys
w = sys.argv[1]
with open(f"{w}/feeds/persons.csv", encoding="utf-8") as f:
    persons = sorted(r["person_id"] for r in csv.DictReader(f))
with open(f"{w}/feeds/custody.csv", encoding="utf-8") as f:
    r = csv.DictReader(f)
    hdr, rows = r.fieldnames, list(r)
fac = {}
for x in rows:
    fac.setdefault(x["person_id"], x["facility_id"])
os.makedirs(f"{w}/day1")
with open(f"{w}/day1/custody.csv", "w", encoding="utf-8", newline="") as f:
    out = csv.DictWriter(f, hdr)
    out.writeheader()
    for i, p in enumerate(p for p in persons[::50] if p in fac):
        out.writerow({k: "" for k in hdr} | dict(event_id=f"DAY1C{i:05d}", person_id=p,
                     facility_id=fac[p], event_type="transfer_out", event_date="2025-06-29"))
PY
"$ZJ" import --db "$W/a.db" --as-of $AS_OF "$W/day1" >/dev/null 2>&1 || fail "import day 1"
same_as_full day1 $AS_OF
python3 - "$W" <<'PY' || fail "day 1: the models left out"
import json, sqlite3, sys
w = sys.argv[1]
before = json.load(open(f"{w}/runs0.json"))
db = sqlite3.connect(f"{w}/a.db")
now = dict(db.execute("SELECT model_id, batch_id FROM model_runs"))
for m in ("CUS-01", "CUS-02", "CUS-05", "CUS-06", "CUS-07", "CUS-08", "ENT-01", "ENT-02",
          "ENT-03", "U-SCORE-01", "DUTY-01"):
    assert now[m] == before[m], f"{m} ran, though it reads no custody: {before[m]} -> {now[m]}"
assert now["REL-01"] > before["REL-01"], "REL-01 reads custody and did not run"
PY
grep -q '^timing early REL-01 ' "$W/timing.day1" || fail "day 1: REL-01 did not run beside the pass"
grep -q 'again' "$W/timing.day1" && fail "day 1: a model ran again: $(grep again "$W/timing.day1")"

# day 2: the inputs of the models left out on day 1
python3 - "$W" <<'PY' || fail "writing day 2"
import csv, json, os, sqlite3, sys
w = sys.argv[1]
db = sqlite3.connect(f"{w}/a.db")
def rows(feed):
    with open(f"{w}/feeds/{feed}.csv", encoding="utf-8") as f:
        r = csv.DictReader(f)
        return r.fieldnames, list(r)
def write(feed, hdr, out):
    assert out, f"nothing to change in {feed}"
    with open(f"{w}/day2/{feed}.csv", "w", encoding="utf-8", newline="") as f:
        wr = csv.DictWriter(f, hdr)
        wr.writeheader()
        wr.writerows(out)
def leads(model, n):
    return [(s, json.loads(e)) for s, e in db.execute(
        "SELECT subject, evidence FROM leads WHERE model_id = ? AND status = 'open'"
        " ORDER BY subject LIMIT ?", (model, n))]
os.makedirs(f"{w}/day2")
# CUS-07: a late filing filed and transferred in time
hdr, rs = rows("incidents")
s = {e["incident_id"] for _, e in leads("CUS-07", 2)}
write("incidents", hdr, [dict(r, case_filed_date=r["incident_date"], transferred_date=r["incident_date"])
                         for r in rs if r["incident_id"] in s])
# CUS-05: the victim's cell assignment ends the day before the separation was due
hdr, rs = rows("cells")
s = {e["victim_assignment_id"]: e["second_incident_date"] for _, e in leads("CUS-05", 2)}
write("cells", hdr, [dict(r, end_date=s[r["assignment_id"]]) for r in rs if r["assignment_id"] in s])
# ENT-01: the seizure released
hdr, rs = rows("seizures")
s = {x for x, _ in leads("ENT-01", 2)}
write("seizures", hdr, [dict(r, released_date="2025-06-01") for r in rs if r["seizure_id"] in s])
# U-SCORE-01: twelve months of bonus points approved by one officer (new score rows)
hdr, rs = rows("scores")
p, fac = rs[0]["person_id"], rs[0]["facility_id"]
write("scores", hdr, [{k: "" for k in hdr} | dict(score_id=f"DAY2S{m:02d}", person_id=p,
      facility_id=fac, month=f"2023-{m:02d}", base_points="80", bonus_points="10",
      penalty_points="0", officer_id=rs[0]["officer_id"]) for m in range(1, 13)])
PY
"$ZJ" import --db "$W/a.db" --as-of $AS_OF "$W/day2" >/dev/null 2>&1 || fail "import day 2"
same_as_full day2 $AS_OF
grep -q '^timing early CUS-05 ' "$W/timing.day2" && fail "day 2: CUS-05 widens, ran beside the pass"
grep -q '^timing early U-SCORE-01 ' "$W/timing.day2" || fail "day 2: U-SCORE-01 not beside the pass"
grep -q '^timing U-SCORE-01: the scope widened, again ' "$W/timing.day2" ||
    fail "day 2: U-SCORE-01's run beside the pass counted, though CUS-05 widened the scope"
python3 - "$W" <<'PY' || fail "day 2: the leads the day resolves"
import sqlite3, sys
w = sys.argv[1]
db = sqlite3.connect(f"{w}/a.db")
resolved = {m for (m,) in db.execute("SELECT DISTINCT model_id FROM leads WHERE status = 'resolved'")}
need = {"CUS-05", "CUS-07", "ENT-01"}
assert need <= resolved, f"not resolved by day 2: {sorted(need - resolved)}"
assert db.execute("SELECT count(*) FROM leads WHERE model_id = 'U-SCORE-01' AND status = 'open'"
                  " AND evidence LIKE '%DAY2S%'").fetchone()[0] == 1, "no U-SCORE-01 lead"
PY

# day 3: a CHG-12 lead resolved through a table DUTY-01 does not read (medical: the
# diagnosis made at the hospital of the person's later reviews). The screening changes
# the leads DUTY-01 reads: the digest made beside the pass no longer holds, the writer
# makes it again, and DUTY-01 runs. (Days 1 and 2 change none of them: the digest made
# beside the pass is taken, and on day 1 DUTY-01 is left out.)
python3 - "$W" <<'PY' || fail "writing day 3"
import csv, json, os, sqlite3, sys
w = sys.argv[1]
db = sqlite3.connect(f"{w}/a.db")
with open(f"{w}/feeds/medical.csv", encoding="utf-8") as f:
    r = csv.DictReader(f)
    hdr, rows = r.fieldnames, list(r)
out = None
for subject, ev in db.execute("SELECT subject, evidence FROM leads WHERE model_id = 'CHG-12'"
                              " AND status = 'open' AND summary LIKE '%非指定医院%' ORDER BY subject"):
    p = json.loads(ev)["person_id"]
    mine = [x for x in rows if x["person_id"] == p]
    diag = [x for x in mine if x["kind"] == "diagnosis"]
    review = [x for x in mine if x["kind"] == "review" and x["hospital_id"] != diag[0]["hospital_id"]] if diag else []
    if len(diag) == 1 and review:
        out = dict(diag[0], hospital_id=review[0]["hospital_id"])
        open(f"{w}/chg12", "w").write(subject)
        break
assert out, "no CHG-12 lead of a diagnosis at a hospital other than the reviews'"
os.makedirs(f"{w}/day3")
with open(f"{w}/day3/medical.csv", "w", encoding="utf-8", newline="") as f:
    wr = csv.DictWriter(f, hdr)
    wr.writeheader()
    wr.writerow(out)
PY
duty_runs() { sqlite3 "$W/a.db" "SELECT batch_id || ' ' || leads_digest FROM model_runs WHERE model_id = 'DUTY-01'"; }
duty_runs >"$W/duty.before"
"$ZJ" import --db "$W/a.db" --as-of $AS_OF "$W/day3" >/dev/null 2>&1 || fail "import day 3"
same_as_full day3 $AS_OF
[ "$(sqlite3 "$W/a.db" "SELECT status FROM leads WHERE model_id = 'CHG-12' AND subject = '$(cat "$W/chg12")'")" = resolved ] ||
    fail "day 3: the CHG-12 lead was not resolved"
grep -q '^timing DUTY-01: the digest again ' "$W/timing.day3" ||
    fail "day 3: DUTY-01 took the digest made beside the pass, though a CHG-12 lead was resolved"
duty_runs | cmp -s - "$W/duty.before" && fail "day 3: DUTY-01 did not run, though the leads it reads changed"
for d in day1 day2; do
    grep -q '^timing DUTY-01: the digest beside the pass ' "$W/timing.$d" ||
        fail "$d: DUTY-01 did not take the digest made beside the pass"
done

# the leads behind a DUTY-01 lead dismissed (no import): its digest changes, it runs again
python3 - "$W" <<'PY' || fail "dismissing the leads behind a DUTY-01 lead"
import json, sqlite3, sys
db = sqlite3.connect(f"{sys.argv[1]}/a.db")
row = db.execute("SELECT subject, evidence FROM leads WHERE model_id = 'DUTY-01' AND status = 'open'"
                 " ORDER BY subject LIMIT 1").fetchone()
assert row, "no DUTY-01 lead"
ids = [l["lead_id"] for l in json.loads(row[1])["leads"]]
db.executemany("UPDATE leads SET status = 'dismissed', dismiss_reason = 'test' WHERE lead_id = ?",
               [(i,) for i in ids])
db.commit()
open(f"{sys.argv[1]}/duty", "w").write(row[0])
PY
same_as_full dismissed $AS_OF
[ "$(sqlite3 "$W/a.db" "SELECT status FROM leads WHERE model_id = 'DUTY-01' AND subject = '$(cat "$W/duty")'")" = resolved ] ||
    fail "DUTY-01 did not run again after the leads it read were dismissed"

# a law parameter of CUS-07, then another as-of date: nothing imported, the models rerun
cus07() { "$ZJ" leads --db "$W/a.db" --model CUS-07 --status open --format csv | sort; }
cus07 >"$W/cus07.before"
printf 'H-06.filing_days = 10\n' >"$W/h06.cfg"
same_as_full h06 $AS_OF --config "$W/h06.cfg"
cus07 | cmp -s - "$W/cus07.before" && fail "H-06.filing_days = 10 changed no CUS-07 lead"
same_as_full later 2025-09-30 --model CUS-06 --model CUS-07 --model CUS-08 --model ENT-01 \
    --model ENT-02 --model ENT-03
echo "ok"
