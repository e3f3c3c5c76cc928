#!/usr/bin/env bash
# Spreadsheets as the systems write them: an .xlsx made by hand here (a notes sheet, a
# merged title row, shared strings with rich-text runs and phonetic guides, inline strings,
# cells without references, dates by the built-in and a custom 年月日 number format, a
# 15-digit id number stored as a number, a second sheet with the same header) and an .xls
# (libfreexl: a date cell, written dates, a notes sheet); every unreadable cell rejected
# with its sheet and cell. Broken workbooks (not a zip, a sheet that is not well-formed XML)
# are refused with nothing committed. A kill during a large workbook's import leaves none
# of it; importing it again loads it all.
set -eu
: "${ZJ:?path to zhijian}" "${ZJ_SOURCE_DIR:?}"
FIX="$ZJ_SOURCE_DIR/tests/fixtures/sources"
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT; cd "$T"
DB="$T/zj.db"
q() { sqlite3 "$DB" "$1"; }

python3 - <<'PY'
import zipfile
def sheet(rows):
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            + "".join(rows) + '</sheetData></worksheet>')
shared = ['××监狱罪犯花名册', '罪犯编号', '罪犯姓名', '性别', '出生日期', '身份证号', '男', '女', '监区']
sst = ('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
       + "".join(f'<si><t>{s}</t></si>' for s in shared)
       # 9: rich text runs with a phonetic guide that is not part of the text
       + '<si><r><t>张</t></r><r><rPr><b/></rPr><t>晓明</t></r><rPh sb="0" eb="1"><t>zhang</t></rPh></si>'
       + '</sst>')
styles = ('<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
          '<numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts>'
          '<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>'
          '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="176"/></cellXfs></styleSheet>')
s = lambda ref, i: f'<c r="{ref}" t="s"><v>{i}</v></c>'
inl = lambda ref, t: f'<c r="{ref}" t="inlineStr"><is><t>{t}</t></is></c>'
num = lambda ref, v, st=0: f'<c r="{ref}" s="{st}"><v>{v}</v></c>'
notes = sheet(['<row r="1"><c r="A1" t="inlineStr"><is><t>填表说明：每人一行</t></is></c></row>'])
main = sheet([
    '<row r="1">' + s("A1", 0) + '</row>',
    '<row r="3">' + s("A3", 1) + s("B3", 2) + s("C3", 3) + s("D3", 4) + s("E3", 5) + s("F3", 8) + '</row>',
    # references given
    '<row r="4">' + inl("A4", "Y1") + s("B4", 9) + s("C4", 6) + num("D4", 29226, 1) + num("E4", 130102800315123) + inl("F4", "一监区") + '</row>',
    # cells without references (in order from A), a custom 年月日 date format
    '<row r="5"><c t="inlineStr"><is><t>Y2</t></is></c><c t="inlineStr"><is><t>李四</t></is></c><c t="s"><v>7</v></c><c s="2"><v>31048</v></c><c t="inlineStr"><is><t>11010519491231002x</t></is></c></row>',
    # an empty row between, then a date that does not exist as text
    '<row r="7">' + inl("A7", "Y3") + inl("B7", "王五") + s("C7", 6) + inl("D7", "1999年2月29日") + '</row>',
])
second = sheet([
    '<row r="1">' + s("A1", 1) + s("B1", 2) + s("C1", 3) + s("D1", 4) + '</row>',
    '<row r="2">' + inl("A2", "Y4") + inl("B2", "赵六") + inl("C2", "女") + inl("D2", "二〇〇一年十月一日") + '</row>',
    '<row r="3">' + inl("A3", "Y5") + inl("B3", "钱七") + inl("C3", "不详") + inl("D3", "2001-10-01") + '</row>',
])
def book(path, sheets):
    z = zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED)
    z.writestr("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
    z.writestr("xl/workbook.xml", '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
               'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
               + "".join(f'<sheet name="{n}" sheetId="{i+1}" r:id="rId{i+1}"/>' for i, (n, _) in enumerate(sheets))
               + '</sheets></workbook>')
    z.writestr("xl/_rels/workbook.xml.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
               + "".join(f'<Relationship Id="rId{i+1}" Type="worksheet" Target="{"/xl/" if i == 2 else ""}worksheets/sheet{i+1}.xml"/>' for i in range(len(sheets)))
               + '</Relationships>')
    z.writestr("xl/sharedStrings.xml", sst)
    z.writestr("xl/styles.xml", styles)
    for i, (_, xml) in enumerate(sheets):
        z.writestr(f"xl/worksheets/sheet{i+1}.xml", xml)
    z.close()
book("roster.xlsx", [("填表说明", notes), ("花名册", main), ("第二批", second)])
book("broken_xml.xlsx", [("花名册", main[:-40])])
PY

"$ZJ" import --db "$DB" --as-of 2026-06-30 --profile auto roster.xlsx >x.out 2>x.err
grep -q "profile prison_roster" x.err
grep -q "\[填表说明\]: no header row of profile 'prison_roster' in the first 30 rows: sheet skipped" x.err
[ "$(q "SELECT group_concat(person_id || ':' || name || ':' || ifnull(gender, '') || ':' || birth_date || ':' || ifnull(id_number, ''), ' ') FROM (SELECT * FROM persons ORDER BY 1)")" = \
  "Y1:张晓明:M:1980-01-06:130102198003151239 Y2:李四:F:1985-01-01:11010519491231002X Y4:赵六:F:2001-10-01:" ] \
  || { q "SELECT * FROM persons"; exit 1; }
[ "$(q "SELECT group_concat(sheet || ' ' || cell || ' ' || reason_zh, '|') FROM (SELECT * FROM rejects ORDER BY sheet, line)")" = \
  "第二批 C3 无法识别的性别（应为男或女）“不详”|花名册 D7 日期不存在“1999年2月29日”" ] || { q "SELECT sheet, cell, reason_zh FROM rejects"; exit 1; }

# the .xls: a date cell, written dates, a 15-digit id; a notes sheet skipped
"$ZJ" import --db "$DB" --as-of 2026-06-30 --profile auto "$FIX/roster.xls" >s.out 2>s.err
[ "$(q "SELECT group_concat(person_id || ':' || birth_date || ':' || ifnull(id_number, ''), ' ') FROM (SELECT * FROM persons WHERE person_id LIKE 'X%' ORDER BY 1)")" = \
  "X1:1970-05-06:330302197005060019 X2:1975-03-02:130102198003151239 X3:1980-01-01:" ]
[ "$(q "SELECT sheet || ' ' || cell || ' ' || source_column FROM rejects WHERE file LIKE '%roster.xls'")" = "涉黑恶人员 C6 性别" ]

# broken workbooks: refused, nothing of them committed
n0=$(q "SELECT count(*) FROM import_batches")
set +e; "$ZJ" import --db "$DB" --as-of 2026-06-30 --profile prison_roster broken_xml.xlsx >b.out 2>b.err; rc=$?; set -e
[ $rc = 1 ]
grep -q "is not well-formed XML" b.err
printf 'PK\003\004 not a zip' > notzip.xlsx
set +e; "$ZJ" import --db "$DB" --as-of 2026-06-30 --profile prison_roster notzip.xlsx >z.out 2>z.err; rc=$?; set -e
[ $rc = 1 ]
grep -q "cannot open 'notzip.xlsx' as an .xlsx workbook" z.err
# libzip, expat, FreeXL and libxlsxwriter are loaded at their first use (dlopen): a workbook
# is refused, naming the library, when it cannot be loaded (here a broken one found first
# through LD_LIBRARY_PATH)
mkdir nolib
for lib in libzip.so.4:libzip4:roster.xlsx libexpat.so.1:libexpat1:roster.xlsx \
    libfreexl.so.1:libfreexl1:"$FIX/roster.xls"; do
    IFS=: read -r so pkg book <<<"$lib"
    rm -f nolib/*; : >"nolib/$so"
    set +e; LD_LIBRARY_PATH="$T/nolib" "$ZJ" import --db "$DB" --as-of 2026-06-30 --profile auto \
        "$book" >l.out 2>l.err; rc=$?; set -e
    [ $rc = 1 ] || { cat l.err; exit 1; }
    grep -q "cannot load $so (package $pkg)" l.err || { cat l.err; exit 1; }
done
rm -f nolib/*; : >nolib/libxlsxwriter.so.4
set +e; LD_LIBRARY_PATH="$T/nolib" "$ZJ" gen --persons 20 --seed 4 --as-of 2026-06-30 --out nl \
    --as-xlsx court_judgments >l.out 2>l.err; rc=$?; set -e
[ $rc != 0 ] || { cat l.err; exit 1; }
grep -q "cannot load libxlsxwriter.so.4 (package libxlsxwriter4)" l.err || { cat l.err; exit 1; }
[ "$(q "SELECT count(*) FROM import_batches")" = "$n0" ]

# kill -9 during a large workbook: the file is one transaction
"$ZJ" gen --persons ${ZJ_KILL_PERSONS:-12000} --seed 4 --as-of 2026-06-30 --out big --as-xlsx court_judgments >/dev/null
mkdir fac && cp big/facilities.csv fac/
"$ZJ" import --db k.db --as-of 2026-06-30 fac >/dev/null
# the import holds at its first partial count, inside the file's transaction
# (ZJ_TEST_IMPORT_HOLD, never released here) and is killed there: no race with the clock
ZJ_TEST_IMPORT_HOLD="$PWD/release" "$ZJ" import --db k.db --as-of 2026-06-30 --profile court_judgments big/xlsx/court_judgments.xlsx >/dev/null 2>&1 &
pid=$!
for _ in $(seq 6000); do [ -e release.held ] && break; kill -0 $pid 2>/dev/null || break; sleep 0.1; done
[ -e release.held ] || { echo "the import never held mid-file: raise ZJ_KILL_PERSONS"; exit 1; }
kill -9 $pid
wait $pid 2>/dev/null || true
[ "$(sqlite3 k.db "PRAGMA integrity_check")" = ok ]
[ "$(sqlite3 k.db "SELECT (SELECT count(*) FROM persons) + (SELECT count(*) FROM judgments) + (SELECT count(*) FROM import_batches WHERE profile IS NOT NULL)")" = 0 ]
"$ZJ" import --db k.db --as-of 2026-06-30 --profile court_judgments big/xlsx/court_judgments.xlsx >k.out 2>/dev/null
[ "$(sqlite3 k.db "SELECT count(*) FROM persons")" = "$(($(wc -l < big/persons.csv) - 1))" ]
[ "$(sqlite3 k.db "SELECT count(*) FROM judgments")" = "$(($(wc -l < big/judgments.csv) - 1))" ]
echo "sources_workbooks: ok"
