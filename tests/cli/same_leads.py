#!/usr/bin/env python3
"""same_leads.py A.json B.json — shared by screen_skip_incremental.sh and
screen_sets_incremental.sh: the leads of two `zhijian leads --format json` outputs (an
incremental and a full screening of the same data) must be the same, lead by lead (model,
subject) in status, resolved date, summary and evidence. Prints up to five differing leads
and exits 1 when any differs. load() is imported by the tests' own python3 blocks through
PYTHONPATH set to this folder."""
import json
import sys


def load(path):
    """The leads of a `leads --format json` file: (model, subject) -> (status,
    resolved date, summary, evidence as canonical JSON)."""
    with open(path, encoding="utf-8") as f:
        return {(l["model_id"], l["subject"]): (l["status"], l.get("resolved_date"), l["summary"],
                json.dumps(l["evidence"], sort_keys=True)) for l in json.load(f)}


def main(a_path, b_path):
    a, b = load(a_path), load(b_path)
    bad = [k for k in sorted(set(a) | set(b)) if a.get(k) != b.get(k)]
    for k in bad[:5]:
        print(k, a.get(k), b.get(k))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
