#!/bin/bash
# person_picture.sh — `zhijian person --format svg|html` (docs/person_picture.md) on a
# generated county: the SVG is well-formed XML with a band per interval kind the person
# has and a mark per lead; every link of the HTML page points at a row of its record
# table; an unknown format is a usage error.
set -u
ZJ=${ZJ:?path to zhijian}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
"$ZJ" gen --out "$T/g" --persons 400 --seed 7 --as-of 2026-06-30 > /dev/null || fail gen
"$ZJ" import --db "$T/g.db" --as-of 2026-06-30 "$T/g" > /dev/null 2>&1 || fail import
"$ZJ" screen --db "$T/g.db" --as-of 2026-06-30 > /dev/null 2>&1 || fail screen
# a person with a correction and a lead
pid=$(sqlite3 "$T/g.db" "SELECT c.person_id FROM corrections c JOIN leads l ON l.person_id = c.person_id
    ORDER BY c.person_id LIMIT 1")
[ -n "$pid" ] || fail "no person with a correction and a lead"
"$ZJ" person --db "$T/g.db" --as-of 2026-06-30 --format svg "$pid" > "$T/p.svg" || fail "svg"
"$ZJ" person --db "$T/g.db" --as-of 2026-06-30 --format html "$pid" > "$T/p.html" || fail "html"
python3 - "$T/p.svg" "$T/p.html" "$(sqlite3 "$T/g.db" "SELECT count(*) FROM leads WHERE person_id = '$pid'")" <<'PY' || fail "picture checks"
import re, sys, xml.etree.ElementTree as ET
svg, html, nleads = open(sys.argv[1]).read(), open(sys.argv[2]).read(), int(sys.argv[3])
root = ET.fromstring(svg)
ns = {"s": "http://www.w3.org/2000/svg"}
classes = [g.get("class") for g in root.iter("{http://www.w3.org/2000/svg}g")]
assert any(c == "pp-band correction" for c in classes), "no correction band"
assert sum(c == "pp-mark lead" for c in classes) == nleads, "one mark per lead"
assert root.get("viewBox", "").startswith("0 0 1200 "), root.get("viewBox")
ids = set(re.findall(r'<tr id="r-([^"]+)"', html))
hrefs = set(re.findall(r'href="#r-([^"]+)"', html))
assert hrefs and hrefs <= ids, "links without a row: %s" % sorted(hrefs - ids)[:5]
print("ok: %d bands and marks, %d links" % (len(classes), len(hrefs)))
PY
"$ZJ" person --db "$T/g.db" --format pdf "$pid" > /dev/null 2>&1; [ $? -eq 2 ] || fail "--format pdf must exit 2"
echo ok
