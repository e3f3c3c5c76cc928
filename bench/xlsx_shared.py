#!/usr/bin/env python3
"""xlsx_shared.py DIR ROWS — a prison roster workbook written the way Excel writes one:
every text in xl/sharedStrings.xml (the names, id numbers, ids and dates of a million
prisoners are nearly all distinct, so the table is a large part of the file), cells as
indexes into it. Writes DIR/roster.xlsx (profile prison_roster: persons and admissions) and
DIR/fac/facilities.csv (the prisons it names). For bench/sources.sh's memory figure: the
reader must stream the sheet and keep the shared strings compact whatever the file's size.
Deterministic (seeded)."""
import os
import random
import sys
import zipfile

d, rows = sys.argv[1], int(sys.argv[2])
os.makedirs(f"{d}/fac", exist_ok=True)
rnd = random.Random(19)
PRISONS = [(f"PB{i:02d}", f"浙江省第{n}监狱") for i, n in enumerate("一二三四五六七八九十", 1)]
with open(f"{d}/fac/facilities.csv", "w", encoding="utf-8") as f:
    f.write("facility_id,name,kind,region_code\n")
    for fid, name in PRISONS:
        f.write(f"{fid},{name},prison,330000\n")

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建国志海波宁斌宇浩凯健俊帆帅旭晨雪琳晶欣雨婷倩颖佳怡"
W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHECK = "10X98765432"
CHARGES = ["盗窃罪", "诈骗罪", "故意伤害罪", "抢劫罪", "贩卖毒品罪", "寻衅滋事罪", "强奸罪", "故意杀人罪",
           "危险驾驶罪", "组织、领导、参加黑社会性质组织罪"]
NATIONS = ["汉族", "汉族", "汉族", "回族", "满族", "壮族"]
HEADERS = ["序号", "罪犯编号", "罪犯姓名", "性别", "出生日期", "身份证号", "民族", "罪名", "刑种", "原判刑期",
           "入监日期", "所属监狱", "监区", "入监编号", "备注"]

sst, sst_n = {}, [0]
sst_order = []


def s(text):
    i = sst.get(text)
    if i is None:
        i = sst[text] = len(sst_order)
        sst_order.append(text)
    sst_n[0] += 1
    return i


def esc(t):
    return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def date_form(y, m, dd, k):
    return [f"{y}.{m}.{dd}", f"{y}年{m}月{dd}日", f"{y:04d}{m:02d}{dd:02d}", f"{y}-{m:02d}-{dd:02d}"][k % 4]


def col(i):
    return chr(65 + i)


z = zipfile.ZipFile(f"{d}/roster.xlsx", "w", zipfile.ZIP_DEFLATED, compresslevel=6)
z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
           '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
           '<Default Extension="xml" ContentType="application/xml"/>'
           '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
           '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
           '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
           '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
           '</Types>')
z.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
           '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
z.writestr("xl/workbook.xml", '<?xml version="1.0" encoding="UTF-8"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
           'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
           '<sheet name="罪犯名单" sheetId="1" r:id="rId1"/></sheets></workbook>')
z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
           '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
           '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
           '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>')
z.writestr("xl/styles.xml", '<?xml version="1.0" encoding="UTF-8"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           '<cellXfs count="1"><xf numFmtId="0"/></cellXfs></styleSheet>')

with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
    out = []
    out.append('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
    out.append(f'<row r="1"><c r="A1" t="s"><v>{s("浙江省监狱管理局罪犯花名册（2026年6月）")}</v></c></row>')
    out.append('<row r="2">' + "".join(f'<c r="{col(i)}2" t="s"><v>{s(h)}</v></c>' for i, h in enumerate(HEADERS)) + "</row>")
    for n in range(1, rows + 1):
        r = n + 2
        y, m, dd = rnd.randint(1950, 2004), rnd.randint(1, 12), rnd.randint(1, 28)
        base = f"330{rnd.randint(100, 999)}{y:04d}{m:02d}{dd:02d}{n % 1000:03d}"
        idn = base + CHECK[sum(int(c) * w for c, w in zip(base, W)) % 11]
        ay, am, ad = rnd.randint(2005, 2026), rnd.randint(1, 12), rnd.randint(1, 28)
        if ay == 2026 and am > 5:
            am = 5
        fid, pname = PRISONS[n % len(PRISONS)]
        months = rnd.randint(6, 240)
        cells = [None, f"R{n:08d}", rnd.choice(SURNAMES) + "".join(rnd.choice(GIVEN) for _ in range(rnd.randint(1, 2))),
                 "男" if n % 9 else "女", date_form(y, m, dd, n), idn, rnd.choice(NATIONS),
                 "、".join(rnd.sample(CHARGES, rnd.randint(1, 2))), "有期徒刑",
                 f"{months // 12:02d}_{months % 12:02d}_00", date_form(ay, am, ad, n + 1), pname,
                 f"{rnd.randint(1, 12)}监区", f"RA{n:08d}", ""]
        parts = [f'<row r="{r}"><c r="A{r}"><v>{n}</v></c>']
        for i, v in enumerate(cells[1:], 1):
            if v:
                parts.append(f'<c r="{col(i)}{r}" t="s"><v>{s(v)}</v></c>')
        parts.append("</row>")
        out.append("".join(parts))
        if len(out) > 2000:
            f.write("".join(out).encode())
            out = []
    out.append("</sheetData></worksheet>")
    f.write("".join(out).encode())

with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as f:
    f.write(f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{sst_n[0]}" uniqueCount="{len(sst_order)}">'.encode())
    buf = []
    for t in sst_order:
        buf.append(f"<si><t>{esc(t)}</t></si>")
        if len(buf) > 5000:
            f.write("".join(buf).encode())
            buf = []
    f.write(("".join(buf) + "</sst>").encode())
z.close()
print(f"{d}/roster.xlsx: {rows} rows, {len(sst_order)} shared strings, {os.path.getsize(f'{d}/roster.xlsx') / 1e6:.1f} MB")
