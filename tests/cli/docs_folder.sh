#!/usr/bin/env bash
# A folder of court documents through the review queue (issue 19, docs/documents-intake.md):
# every document of tests/fixtures/docs queued; in the queue each extracted field has the
# sentence of the text it came from; confirmed with the choices and missing facts of
# review.tsv (what a reviewer gives), they yield exactly the rows written by hand in
# rows/*.csv — compared field by field, the accuracy printed per column — each row linked
# to its document.
set -eu
: "${ZJ:?path to zhijian}" "${ZJ_SOURCE_DIR:?}"
FIX="$ZJ_SOURCE_DIR/tests/fixtures/docs"
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT; cd "$T"
DB="$T/zj.db"
mkdir f; cp "$FIX/facilities.csv" f/
"$ZJ" import --db "$DB" --as-of 2025-06-30 f >/dev/null 2>&1
n=$(grep -vc '^#' "$FIX/review.tsv")
files=()
while IFS=$'\t' read -r file _; do files+=("$FIX/$file"); done < <(grep -v '^#' "$FIX/review.tsv")
"$ZJ" doc import --db "$DB" "${files[@]}" >queued
[ "$(grep -c '	queued	' queued)" = "$n" ]

# the queue: each field with its source sentence, found in the document's text
for i in $(seq 1 "$n"); do "$ZJ" doc show --db "$DB" "$i" >"show$i.json"; done
python3 - "$n" "$FIX" <<'PY'
import json, re, sys
n = int(sys.argv[1]); fix = sys.argv[2]; fields = 0
def leaves(o, p=""):
    if isinstance(o, dict):
        for k, v in o.items():
            if k not in ("file", "sources", "confidence"):
                yield from leaves(v, f"{p}.{k}" if p else k)
    elif isinstance(o, list) and o and isinstance(o[0], dict):
        for i, v in enumerate(o):
            yield from leaves(v, f"{p}[{i}]")
    else:
        yield p
for i in range(1, n + 1):
    d = json.load(open(f"show{i}.json"))
    x = d["extracted"]
    text = open(f"{fix}/src/{d['file'].rsplit('.', 1)[0]}.txt", encoding="utf-8").read()
    flat = re.sub(r"[\s\u3000\u00a0]", "", text)
    flat = flat.translate({c: c - 0xFEE0 for c in range(0xFF10, 0xFF1A)})
    for p in leaves(x):
        src = x["sources"].get(p)
        assert src and src in flat, (d["file"], p, src)
        assert 0 < x["confidence"][p] <= 1, (d["file"], p)
        fields += 1
print(f"docs_folder: {fields} fields in {n} documents, each with its source sentence")
PY

# confirmed as review.tsv says
i=0
while IFS=$'\t' read -r file args; do
  i=$((i + 1))
  # shellcheck disable=SC2086
  "$ZJ" doc confirm --db "$DB" "$i" $args >"c$i" 2>"e$i" || { echo "confirm $i $file: $(cat "e$i")"; exit 1; }
done < <(grep -v '^#' "$FIX/review.tsv")
[ "$(sqlite3 "$DB" "SELECT count(*) FROM doc_intake WHERE status = 'confirmed'")" = "$n" ]

python3 - "$DB" "$FIX/rows" <<'PY'
import csv, sqlite3, sys
db = sqlite3.connect(sys.argv[1]); rows = sys.argv[2]
right = total = 0; bad = []
for table, key in (("persons", "person_id"), ("judgments", "judgment_id"),
                   ("sentence_changes", "change_id")):
    want = list(csv.DictReader(open(f"{rows}/{table}.csv", encoding="utf-8")))
    cols = list(want[0].keys())
    got = {r[0]: ["" if v is None else str(v) for v in r]
           for r in db.execute(f"SELECT {', '.join(cols)} FROM {table}")}
    if len(got) != len(want) or set(got) != {w[key] for w in want}:
        bad.append(f"{table}: rows {sorted(got)} expected {[w[key] for w in want]}")
    print(f"{table}: {len(want)} rows written by hand, {len(got)} from the documents")
    for c_i, c in enumerate(cols):
        r = sum(1 for w in want if got.get(w[key], [None] * len(cols))[c_i] == w[c])
        right += r; total += len(want)
        if r != len(want):
            print(f"  {c:18s} {r}/{len(want)}")
            bad += [f"{table} {w[key]} {c}: expected {w[c]!r} got {got.get(w[key], [None]*len(cols))[c_i]!r}"
                    for w in want if got.get(w[key], [None] * len(cols))[c_i] != w[c]]
print(f"docs_folder: field accuracy {right}/{total} = {100.0 * right / total:.2f} %")
for b in bad[:20]:
    print("  " + b)
# every judgment and change row names its document and is linked to it
for t, k in (("judgments", "judgment_id"), ("sentence_changes", "change_id")):
    for rk, sd in db.execute(f"SELECT {k}, json_extract(extra, '$.source_document') FROM {t}"):
        doc = int(sd.split()[0][4:])
        assert db.execute("SELECT count(*) FROM doc_rows WHERE doc_id = ? AND feed = ? AND record_key = ?",
                          (doc, t, rk)).fetchone()[0] == 1, (t, rk, sd)
sys.exit(1 if bad else 0)
PY
# a ruling of a person already there links to the judgment, writes no second one
[ "$(cat c13)" = "sentence_changes	DOC13-C0	written" ]
[ "$(sqlite3 "$DB" "SELECT written FROM doc_rows WHERE doc_id = 16 AND feed = 'sentence_changes'")" = 1 ]
"$ZJ" doc show --db "$DB" 3 | python3 -c "
import json, sys; d = json.load(sys.stdin)
assert d['status'] == 'confirmed' and [r['record_key'] for r in d['rows'] if r['feed'] == 'judgments'] == ['DOC3-J0', 'DOC3-J1', 'DOC3-J2'], d['rows']"
[ "$(sqlite3 "$DB" "PRAGMA foreign_key_check")" = "" ]
echo "docs_folder: ok"
