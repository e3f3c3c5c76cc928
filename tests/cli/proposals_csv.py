#!/usr/bin/env python3
"""proposals_csv.py DIR — write DIR/proposals.csv (the feed `proposals`, zhijian's own beside
the feeds of spec/feeds.md; docs/duty-calendar.md) from a generated DIR/sentence_changes.csv:
every commutation, parole or temporary execution outside prison that names its proposer
becomes the roster row the proposing prison sent before the ruling (one roster per prison
and month of proposal). `zhijian gen` writes only the feeds of feeds.md; the roundtrip test
and bench/sources.sh use this to have rows for the profile proposals_roster."""
import csv
import sys

COLS = ["proposal_id", "person_id", "judgment_id", "kind", "proposer_id", "proposal_date",
        "roster_no", "grounds", "reduction_months", "reduction_days", "new_penalty",
        "new_term_months", "exam_id", "points", "leniency", "officer_id", "note"]

d = sys.argv[1]
n = 0
with open(f"{d}/sentence_changes.csv", newline="", encoding="utf-8") as f, \
        open(f"{d}/proposals.csv", "w", newline="", encoding="utf-8") as out:
    w = csv.writer(out, lineterminator="\n")
    w.writerow(COLS)
    for r in csv.DictReader(f):
        if r["kind"] not in ("commutation", "parole", "temp_outside"):
            continue
        if not r.get("proposer_id") or not r.get("proposal_date"):
            continue
        row = {c: r.get(c, "") for c in COLS}
        row["proposal_id"] = "PR-" + r["change_id"]
        row["roster_no"] = f"{r['proposer_id']}-{r['proposal_date'][:7]}"
        w.writerow([row[c] for c in COLS])
        n += 1
print(f"{d}/proposals.csv: {n} rows")
