#!/bin/bash
# documents_demo.sh — issue 18 "Must show" on a generated province: for one lead of every
# built-in model (so every model family) the drafted 纠正违法通知书 reads as prose (no
# "key：value" text, no ISO date, no evidence key), states the figures of its evidence,
# names the sending procuratorate at the head and the foot, cites the article for its
# recipient kind (社区矫正法第62条, 监狱法第6条, 看守所条例第8条), is numbered per
# procuratorate, year and kind on issue (two procuratorates and a new year), and is a valid
# .docx (unzip -t, XML well formed); a correction of a commutation ruling from a
# procuratorate not at the court's level is refused with the reason; an oral correction
# turns into a notice that names it; a duty-crime lead opens an investigation.
set -u
ZJ=${ZJ:?path to zhijian}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
DB=$T/d.db
"$ZJ" gen --out "$T/feeds" --persons 400 --as-of 2026-06-30 > /dev/null || fail "gen"
"$ZJ" import --db "$DB" --as-of 2026-06-30 "$T/feeds" > /dev/null 2>&1 || fail "import"
"$ZJ" screen --db "$DB" --as-of 2026-06-30 > /dev/null 2>&1 || fail "screen"
"$ZJ" procuratorate seed --db "$DB" > /dev/null || fail "seed"
sqlite3 "$DB" "SELECT min(lead_id) FROM leads GROUP BY model_id" > "$T/leads"
[ "$(wc -l < "$T/leads")" -ge 30 ] || fail "expected a lead of every model: $(wc -l < "$T/leads")"
FAMILIES=$(sqlite3 "$DB" "SELECT count(DISTINCT family) FROM leads")
[ "$FAMILIES" -ge 7 ] || fail "families: $FAMILIES"
while read -r L; do
  "$ZJ" measure add --db "$DB" --lead "$L" --kind correction_notice --actor nobody \
    --as-of 2026-07-01 > "$T/m$L.json" || fail "draft lead $L"
done < "$T/leads"
python3 - "$T" "$DB" <<'PY' || fail "notices"
import json, re, sqlite3, sys
T, DB = sys.argv[1], sys.argv[2]
db = sqlite3.connect(DB)
basis = {'community_corrections': '《中华人民共和国社区矫正法》第六十二条',
         'prison': '《中华人民共和国监狱法》第六条', 'juvenile_prison': '《中华人民共和国监狱法》第六条',
         'detention_center': '《看守所条例》第八条'}
def cn(d):
    y, m, dd = d.split('-')
    return f'{int(y)}年{int(m)}月{int(dd)}日'
bad = []
families = set()
for line in open(T + '/leads'):
    lead = int(line)
    m = json.load(open(f'{T}/m{lead}.json'))
    doc = m['document']
    model, family, ev, rkind = db.execute(
        "SELECT l.model_id, l.family, l.evidence, f.kind FROM leads l JOIN measures x ON x.measure_id = ?"
        " LEFT JOIN facilities f ON f.facility_id = x.recipient_id WHERE l.lead_id = ?",
        (m['measure_id'], lead)).fetchone()
    ev = json.loads(ev)
    body = doc['body']
    families.add(family)
    where = f'{model} (lead {lead})'
    if re.search(r'\d{4}-\d{2}-\d{2}', body): bad.append(f'{where}: ISO date in the body')
    if re.search(r'[a-z]+_[a-z_]+', body): bad.append(f'{where}: an evidence key in the body')
    if re.search(r'[\u4e00-\u9fff（）]{2,12}：[^，。；\n]{1,24}；[\u4e00-\u9fff（）]{2,12}：', body):
        bad.append(f'{where}: key：value text')
    if doc['org'] != doc['signer'] or not doc['org'].endswith('人民检察院') or doc['org'] == '人民检察院':
        bad.append(f'{where}: sending procuratorate {doc["org"]!r} / {doc.get("signer")!r}')
    if '本院认为' not in body: bad.append(f'{where}: no 本院认为')
    if not re.match(r'^.+检刑执纠违〔2026〕　号$', doc['number']): bad.append(f'{where}: number {doc["number"]}')
    if rkind in basis and basis[rkind] not in body: bad.append(f'{where}: {rkind} without {basis[rkind]}')
    # the figures: a date of the evidence and its day count, as written in documents
    flat = {}
    def walk(p, v):
        if isinstance(v, dict):
            for k, x in v.items(): walk(k, x)
        elif p: flat.setdefault(p, v)
    walk('', ev)
    dates = [v for k, v in flat.items() if isinstance(v, str) and re.fullmatch(r'\d{4}-\d{2}-\d{2}', v)]
    if dates and not any(cn(x) in body for x in dates): bad.append(f'{where}: none of the dates {dates}')
    for k in ('days_over', 'days', 'days_early', 'bonus_points', 'persons'):
        if isinstance(flat.get(k), int) and flat[k] > 0 and str(flat[k]) not in body:
            bad.append(f'{where}: {k}={flat[k]} not stated')
if len(families) < 7: bad.append(f'families {families}')
if bad:
    print('\n'.join(bad)); sys.exit(1)
PY
# numbers: two procuratorates, a new year
P1=$(sqlite3 "$DB" "SELECT procuratorate_id FROM measures GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")
P2=$(sqlite3 "$DB" "SELECT procuratorate_id FROM measures WHERE procuratorate_id <> '$P1' GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")
S1=$(sqlite3 "$DB" "SELECT short_name FROM procuratorates WHERE procuratorate_id = '$P1'")
S2=$(sqlite3 "$DB" "SELECT short_name FROM procuratorates WHERE procuratorate_id = '$P2'")
mapfile -t A < <(sqlite3 "$DB" "SELECT measure_id FROM measures WHERE procuratorate_id = '$P1' ORDER BY 1 LIMIT 3")
B=$(sqlite3 "$DB" "SELECT measure_id FROM measures WHERE procuratorate_id = '$P2' ORDER BY 1 LIMIT 1")
[ ${#A[@]} = 3 ] && [ -n "$B" ] || fail "two procuratorates with measures: $P1 $P2"
num() { "$ZJ" measure "$1" "$2" --date "$3" --db "$DB" | python3 -c "import json,sys; print(json.load(sys.stdin)['document']['number'])"; }
[ "$(num send "${A[1]}" 2026-07-02)" = "${S1}刑执纠违〔2026〕1号" ] || fail "first number of $P1"
[ "$(num issue "$B" 2026-07-02)" = "${S2}刑执纠违〔2026〕1号" ] || fail "first number of $P2"
[ "$(num issue "${A[0]}" 2026-07-03)" = "${S1}刑执纠违〔2026〕2号" ] || fail "second number of $P1"
[ "$(num send "${A[2]}" 2027-01-04)" = "${S1}刑执纠违〔2027〕1号" ] || fail "new year"
"$ZJ" measure issue "${A[0]}" --date 2026-07-04 --db "$DB" > /dev/null 2>&1 && fail "issued twice"
# .docx and html of an issued notice
"$ZJ" measure show "${A[0]}" --format docx --out "$T/n.docx" --db "$DB" || fail "docx"
unzip -tq "$T/n.docx" > /dev/null || fail "unzip -t"
python3 - "$T/n.docx" "${S1}刑执纠违〔2026〕2号" <<'PY' || fail "docx content"
import sys, zipfile, xml.dom.minidom
z = zipfile.ZipFile(sys.argv[1])
for n in z.namelist():
    if n.endswith('.xml') or n.endswith('.rels'):
        xml.dom.minidom.parseString(z.read(n))
doc = z.read('word/document.xml').decode()
assert sys.argv[2] in doc and '本院认为' in doc and '人民检察院' in doc
PY
"$ZJ" measure show "${A[0]}" --format html --db "$DB" | grep -q "${S1}刑执纠违〔2026〕2号" || fail "html"
# same-level check: a commutation ruling of an intermediate court
CL=$(sqlite3 "$DB" "SELECT l.lead_id FROM leads l JOIN sentence_changes s ON s.change_id = l.subject
  JOIN facilities c ON c.facility_id = s.decider_id WHERE l.model_id = 'CHG-03' AND c.name LIKE '%中级人民法院'
  ORDER BY l.lead_id LIMIT 1")
[ -n "$CL" ] || fail "no CHG-03 lead ruled by an intermediate court"
CR=$(sqlite3 "$DB" "SELECT c.region_code FROM leads l JOIN sentence_changes s ON s.change_id = l.subject
  JOIN facilities c ON c.facility_id = s.decider_id WHERE l.lead_id = $CL")
BASIC=$(sqlite3 "$DB" "SELECT procuratorate_id FROM procuratorates WHERE level = 'basic' AND substr(region_code, 1, 4) = substr('$CR', 1, 4) LIMIT 1")
CITY=$(sqlite3 "$DB" "SELECT procuratorate_id FROM procuratorates WHERE level = 'municipal' AND region_code = '$CR'")
[ -n "$BASIC" ] && [ -n "$CITY" ] || fail "procuratorates for $CR"
echo 'respass123' | "$ZJ" user add county --role resident --scope country --password-stdin --db "$DB" > /dev/null
echo 'respass123' | "$ZJ" user add city --role resident --scope country --password-stdin --db "$DB" > /dev/null
"$ZJ" procuratorate assign county --to "$BASIC" --db "$DB" > /dev/null
"$ZJ" procuratorate assign city --to "$CITY" --db "$DB" > /dev/null
"$ZJ" measure add --db "$DB" --lead "$CL" --kind objection --received 2026-06-25 --actor county \
  > /dev/null 2> "$T/err" && fail "objection from a basic procuratorate accepted"
grep -q '同级' "$T/err" && grep -q '基层' "$T/err" && grep -q '第六百四十一条' "$T/err" || fail "reason: $(cat "$T/err")"
"$ZJ" measure add --db "$DB" --lead "$CL" --kind objection --received 2026-06-25 --actor city > "$T/obj.json" \
  || fail "objection from the court's level"
python3 - "$T/obj.json" <<'PY' || fail "objection"
import json, sys
m = json.load(open(sys.argv[1]))
b = m['document']['body']
assert m['due_date'] == '2026-07-15', m['due_date']
assert m['situation'] == 'ruling' and m['recipient_kind'] == 'court'
assert '第二百七十四条' in b and '第六百三十九条至第六百四十一条' in b and '一个月以内重新组成合议庭' in b, b
assert m['document']['title'] == '纠正意见书' and '纠意' in m['document']['number']
assert any('二十日' in d['basis'] for d in m['deadlines'])
PY
# oral correction and its follow-up
OL=$(sqlite3 "$DB" "SELECT min(lead_id) FROM leads WHERE model_id = 'CUS-03'")
"$ZJ" measure add --db "$DB" --lead "$OL" --kind suggestion --actor city --as-of 2026-07-01 > "$T/sug.json" || fail "suggestion"
"$ZJ" measure add --db "$DB" --lead "$OL" --kind oral_correction --actor city --as-of 2026-07-01 > "$T/oral.json" || fail "oral"
OM=$(python3 -c "import json; m=json.load(open('$T/oral.json')); assert m['due_date']=='2026-07-08', m; assert m['document']['number']==''; print(m['measure_id'])") || fail "oral due"
"$ZJ" measure escalate "$OM" --db "$DB" --actor city --as-of 2026-07-09 > "$T/esc.json" || fail "escalate"
"$ZJ" measure escalate "$OM" --db "$DB" --actor city --as-of 2026-07-09 > /dev/null 2>&1 && fail "escalated twice"
python3 - "$T/esc.json" "$T/sug.json" <<'PY' || fail "follow-up and suggestion"
import json, sys
m = json.load(open(sys.argv[1]))
assert m['kind'] == 'correction_notice' and m['parent_measure_id'] is not None
assert '以口头方式提出纠正意见' in m['document']['body'] and '第六百二十四条' in m['document']['body']
s = json.load(open(sys.argv[2]))
b = s['document']['body']
for part in ('经大数据法律监督模型', '等证据证实', '本院建议', '一、', '二、', '有异议的', '两个月以内'):
    assert part in b, part
assert s['document']['cc'], 'suggestion without 抄送'
PY
# a duty-crime lead opens an investigation
DL=$(sqlite3 "$DB" "SELECT min(lead_id) FROM leads WHERE model_id = 'DUTY-01'")
"$ZJ" measure add --db "$DB" --lead "$DL" --kind investigation --charge 盗窃罪 --actor city > /dev/null 2>&1 \
  && fail "investigation of a crime outside 刑诉法第19条第2款"
"$ZJ" measure add --db "$DB" --lead "$DL" --kind investigation --charge 徇私舞弊减刑、假释、暂予监外执行罪 \
  --actor city > "$T/inv.json" || fail "investigation"
python3 - "$T/inv.json" <<'PY' || fail "investigation document"
import json, sys
m = json.load(open(sys.argv[1]))
d = m['document']
assert d['title'] == '立案决定书' and '第十九条第二款' in d['body'] and '立案侦查' in d['body'], d
assert m['charge'] == '徇私舞弊减刑、假释、暂予监外执行罪'
PY
echo "documents_demo: all checks passed"
