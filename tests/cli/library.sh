#!/usr/bin/env bash
# library.sh — the case library (docs/case-library.md) over the demo province:
#  1. every closed case of the demo with a correction is proposed; no draft contains an
#     identifying string of its source case (names, id numbers, case numbers, the names
#     of the bodies involved; collected here from the database independently of the
#     anonymiser), nor a full date, an id number or a case number by form; cases that are
#     open or without a correction are refused;
#  2. publishing refuses a text that names the person again;
#  3. full-text search (FTS5 trigram) with words of 3+ characters, 1–2 characters (LIKE),
#     tags, several words, quotes and wildcards;
#  4. the booklet as HTML and .docx (unzip -t, every XML part well formed);
#  5. the web routes: roles, scope of drafts, published cases for everyone, audit.
. "$(dirname "$0")/web_lib.bash"
D=$T/demo
"$ZJ" demo --persons 600 --dir "$D" --as-of 2025-06-30 --no-serve >"$T/demo.out" 2>"$T/demo.err" \
  || { cat "$T/demo.err" >&2; fail "demo failed"; }
cp "$D/zhijian.db" "$DB"
L() { "$ZJ" library "$@" --db "$DB" --actor tester; }

# --- 1. propose every closed case with a correction; refuse the others ---
ELIGIBLE=$(sqlite3 "$DB" "SELECT case_id FROM cases c WHERE status = 'closed' AND EXISTS
  (SELECT 1 FROM measures m WHERE m.case_id = c.case_id AND m.corrected = 1) ORDER BY case_id")
OTHERS=$(sqlite3 "$DB" "SELECT case_id FROM cases c WHERE NOT (status = 'closed' AND EXISTS
  (SELECT 1 FROM measures m WHERE m.case_id = c.case_id AND m.corrected = 1)) ORDER BY case_id")
NE=$(echo "$ELIGIBLE" | wc -w)
[ "$NE" -ge 10 ] || fail "the demo has only $NE closed cases with a correction"
for c in $ELIGIBLE; do
  L propose "$c" >"$T/p.out" 2>"$T/p.err" || fail "propose case $c: $(cat "$T/p.err")"
done
for c in $OTHERS; do
  if L propose "$c" >"$T/p.out" 2>"$T/p.err"; then fail "case $c (open or not corrected) was proposed"; fi
  grep -q '已办结且违法情形已整改到位' "$T/p.err" || fail "refusal of case $c: $(cat "$T/p.err")"
done
c1=$(echo "$ELIGIBLE" | head -1)
if L propose "$c1" 2>"$T/p.err"; then fail "case $c1 proposed twice"; fi
grep -q '已推荐为典型案例' "$T/p.err" || fail "second proposal: $(cat "$T/p.err")"

python3 - "$DB" "$NE" <<'PY' || fail "a draft identifies its source case"
import json, re, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
rows = db.execute("SELECT tc_id, case_id, title, summary, practice, significance, articles, keywords"
                  " FROM typical_cases").fetchall()
assert len(rows) == int(sys.argv[2]), (len(rows), sys.argv[2])
checked = 0
ent_cases = set()
for tc_id, case_id, *texts in rows:
    text = "\n".join(texts)
    pid, fac, ev, cstatus = db.execute("SELECT c.person_id, c.facility_id, l.evidence, c.status FROM cases c"
                              " JOIN leads l ON l.lead_id = c.lead_id WHERE c.case_id = ?", (case_id,)).fetchone()
    assert cstatus == 'closed'
    strings = set()
    def walk(v):
        if isinstance(v, str): strings.add(v)
        elif isinstance(v, dict): [walk(x) for x in v.values()]
        elif isinstance(v, list): [walk(x) for x in v]
    walk(json.loads(ev))
    persons = {p for (p,) in db.execute("SELECT person_id FROM persons WHERE person_id IN (%s)"
                                          % ",".join("?" * len(strings | {pid or ''})), list(strings | {pid or ''}))}
    facs = set(strings) | {fac}
    ident = {}
    for p in persons:
        name, idn = db.execute("SELECT name, id_number FROM persons WHERE person_id = ?", (p,)).fetchone()
        ident[name] = "name"
        if idn: ident[idn] = "id_number"
        for (no, court) in db.execute("SELECT case_no, court_id FROM judgments WHERE person_id = ?", (p,)):
            ident[no] = "case number"; facs.add(court)
        for (f,) in db.execute("SELECT facility_id FROM custody WHERE person_id = ?1 UNION SELECT agency_id"
                               " FROM corrections WHERE person_id = ?1 UNION SELECT decider_id FROM"
                               " sentence_changes WHERE person_id = ?1", (p,)):
            facs.add(f)
    for (f,) in db.execute("SELECT recipient_id FROM measures WHERE case_id = ?", (case_id,)):
        facs.add(f)
    # a seizure (ENT-01 … ENT-03): its owner (enterprise or person), their credit code or id
    # number, the case reference and the seizing agency
    seizures = [r for x in strings for r in db.execute(
        "SELECT owner_name, owner_code, case_ref, agency_id FROM seizures WHERE seizure_id = ?", (x,))]
    for owner, code, ref, agency in seizures:
        ident[owner] = "owner name"
        if code: ident[code] = "owner code"
        ident[ref] = "case reference"
        facs.add(agency)
    if seizures: ent_cases.add(case_id)
    for f in facs:
        r = db.execute("SELECT name FROM facilities WHERE facility_id = ?", (f,)).fetchone()
        if r: ident[r[0]] = "facility name"
    # a lead on a person names them and their bodies; a seizure (ENT) its owner, code,
    # case reference and agency
    assert (persons and len(ident) >= 4) or (seizures and len(ident) >= 3), (case_id, ident)
    for s, kind in ident.items():
        assert s not in text, "typical case %d (case %d) contains the %s %r" % (tc_id, case_id, kind, s)
    assert not re.search(r"\d{17}[\dXx]", text), (tc_id, "id number by form")
    assert not re.search(r"[（(]\d{4}[）)][^，。；\s]{1,24}号", text), (tc_id, "case number by form")
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text), (tc_id, "a full date")
    assert "某" in texts[0] or not pid, (tc_id, texts[0])
    checked += 1
assert len(ent_cases) >= 2, ("closed ENT cases with a correction in the demo", ent_cases)
print("drafts checked:", checked, "of them ENT:", len(ent_cases))
PY

# --- 2. publishing re-checks the texts ---
TC=$(sqlite3 "$DB" "SELECT tc_id FROM typical_cases WHERE case_id = $c1")
NAME=$(sqlite3 "$DB" "SELECT p.name FROM cases c JOIN persons p ON p.person_id = c.person_id WHERE c.case_id = $c1")
L edit "$TC" --summary "罪犯${NAME}于2024年报请减刑。" || fail "edit"
if L publish "$TC" 2>"$T/p.err"; then fail "published a summary naming $NAME"; fi
grep -q "基本案情.*姓名“${NAME}”" "$T/p.err" || fail "refusal names the field and the name: $(cat "$T/p.err")"
L edit "$TC" --summary "罪犯某某于2024年报请减刑，（2019）浙0102刑初1076号判决。" || fail "edit 2"
if L publish "$TC" 2>"$T/p.err"; then fail "published a case number"; fi
grep -q '案号' "$T/p.err" || fail "case number refusal: $(cat "$T/p.err")"
L edit "$TC" --summary "罪犯某某减刑起始时间不足，检察机关依法监督纠正。" --keywords "示范案例；C-01" || fail "edit 3"
L publish "$TC" || fail "publish a clean text"
if L edit "$TC" --title x 2>"$T/p.err"; then fail "edited a published case"; fi
grep -q '先撤回' "$T/p.err" || fail "edit of a published case: $(cat "$T/p.err")"
# publish the rest
for t in $(sqlite3 "$DB" "SELECT tc_id FROM typical_cases WHERE status = 'draft'"); do
  L publish "$t" 2>"$T/p.err" || fail "publish $t: $(cat "$T/p.err")"
done
[ "$(sqlite3 "$DB" "SELECT count(*) FROM typical_cases WHERE status = 'published'")" = "$NE" ] || fail "not all published"
sqlite3 "$DB" "SELECT count(*) FROM audit_log WHERE action = 'change' AND object LIKE 'typical_case:%'" >"$T/n"
[ "$(cat "$T/n")" -ge $((NE * 2)) ] || fail "changes of typical cases are not audited: $(cat "$T/n")"
"$ZJ" audit verify --db "$DB" >/dev/null || fail "audit chain broken"

# --- 3. search ---
count() { L list --format json "$@" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])'; }
N_CHG=$(sqlite3 "$DB" "SELECT count(*) FROM typical_cases WHERE model_id = 'CHG-01'")
[ "$N_CHG" -gt 0 ] || fail "no CHG-01 case in the demo"
[ "$(count)" = "$NE" ] || fail "list all"
[ "$(count --q 减刑起始时间)" = "$(sqlite3 "$DB" "SELECT count(*) FROM typical_cases WHERE title LIKE '%减刑起始时间%' OR summary LIKE '%减刑起始时间%'")" ] \
  || fail "search 减刑起始时间"
[ "$(count --q 减刑起始时间)" -ge 1 ] || fail "search 减刑起始时间 finds nothing"
# two characters: LIKE over title, summary and tags
[ "$(count --q 减刑)" = "$(sqlite3 "$DB" "SELECT count(*) FROM typical_cases WHERE title LIKE '%减刑%' OR summary LIKE '%减刑%' OR articles LIKE '%减刑%' OR keywords LIKE '%减刑%'")" ] \
  || fail "search 减刑 (two characters)"
[ "$(count --q 减刑)" -ge "$N_CHG" ] || fail "search 减刑 misses CHG-01 cases"
# tags: model id, area, article, keyword
[ "$(count --q CHG-01)" = "$N_CHG" ] || fail "search by model tag"
[ "$(count --q chg-01)" = "$N_CHG" ] || fail "search is case-insensitive for ASCII"
[ "$(count --q 示范案例)" = 1 ] || fail "search by keyword"
N_CC=$(sqlite3 "$DB" "SELECT count(*) FROM typical_cases WHERE area = '社区矫正'")
[ "$(count --q 社区矫正)" -ge "$N_CC" ] || fail "search by area"
[ "$(count --area 社区矫正)" = "$N_CC" ] || fail "filter by area"
[ "$(count --model CHG-01)" = "$N_CHG" ] || fail "filter by model"
[ "$(count --q '减刑 规定第6条')" -ge 1 ] || fail "two words"
[ "$(count --q '减刑 社区矫正对象报到')" = 0 ] || fail "all words must match"
[ "$(count --q 不存在的词语)" = 0 ] || fail "a word not there"
[ "$(count --q '"减刑')" = 0 ] || fail "a quote"
[ "$(count --q '%')" = "$(sqlite3 "$DB" "SELECT count(*) FROM typical_cases WHERE instr(title || summary || coalesce(articles, '') || coalesce(keywords, ''), '%') > 0")" ] \
  || fail "LIKE wildcard taken literally"
L list --q 'OR AND NOT *' --format json >/dev/null || fail "FTS5 operators as words"
[ "$(count --q 减刑 --status draft)" = 0 ] || fail "status draft"

# --- 4. the booklet ---
L export --format html --out "$T/lib.html" >/dev/null || fail "export html"
L export --format docx --out "$T/lib.docx" >/dev/null || fail "export docx"
grep -q '典型案例汇编' "$T/lib.html" || fail "booklet title"
[ "$(grep -c '<section class="case"' "$T/lib.html")" = "$NE" ] || fail "one section per case"
unzip -tq "$T/lib.docx" >/dev/null || fail "unzip -t of the docx"
python3 - "$T/lib.docx" "$T/lib.html" "$NE" <<'PY' || fail "the booklet .docx is not well formed"
import sys, zipfile, xml.dom.minidom, html.parser
z = zipfile.ZipFile(sys.argv[1])
names = set(z.namelist())
assert {'[Content_Types].xml', '_rels/.rels', 'word/document.xml'} <= names, names
for n in names:
    xml.dom.minidom.parseString(z.read(n))
doc = z.read('word/document.xml').decode()
assert doc.count('w:type="page"') == int(sys.argv[3]), doc.count('w:type="page"')
assert '【典型意义】' in doc and '示范案例' in doc
class P(html.parser.HTMLParser):
    def __init__(s): super().__init__(); s.stack = []
    def handle_starttag(s, t, a):
        if t not in ('meta', 'br', 'link'): s.stack.append(t)
    def handle_endtag(s, t):
        assert s.stack and s.stack[-1] == t, (t, s.stack[-3:]); s.stack.pop()
p = P(); p.feed(open(sys.argv[2], encoding='utf-8').read()); assert not p.stack, p.stack
PY
L export --format docx --q 示范案例 --out "$T/one.docx" | grep -q ': 1 typical cases' || fail "export filtered"

# --- 5. web ---
FAC=$(sqlite3 "$DB" "SELECT facility_id FROM cases WHERE status = 'closed' GROUP BY facility_id ORDER BY count(*) DESC LIMIT 1")
OTHER=$(sqlite3 "$DB" "SELECT facility_id FROM facilities WHERE kind = 'prison' AND facility_id <> '$FAC' LIMIT 1")
echo 'adminpass1' | "$ZJ" user add boss --role admin --scope country --password-stdin --db "$DB" >/dev/null
echo 'respass123' | "$ZJ" user add res1 --role resident --scope "facility:$FAC" --password-stdin --db "$DB" >/dev/null
echo 'respass234' | "$ZJ" user add res2 --role resident --scope "facility:$OTHER" --password-stdin --db "$DB" >/dev/null
echo 'leadpass12' | "$ZJ" user add lead1 --role leader --scope country --password-stdin --db "$DB" >/dev/null
echo 'anapass123' | "$ZJ" user add ana --role analyst --scope country --password-stdin --db "$DB" >/dev/null
start_server
login boss adminpass1; login res1 respass123; login res2 respass234; login lead1 leadpass12; login ana anapass123
# a draft of res1's facility, withdrawn so that it is a draft again
TCW=$(sqlite3 "$DB" "SELECT tc_id FROM typical_cases WHERE facility_id = '$FAC' LIMIT 1")
CW=$(sqlite3 "$DB" "SELECT case_id FROM typical_cases WHERE tc_id = $TCW")
expect 403 res1 POST "/api/library/$TCW/withdraw" '{}'
expect 200 lead1 POST "/api/library/$TCW/withdraw" '{}'
[ "$(body_get "j['status']")" = draft ] || fail "withdrawn"
expect 200 res1 GET "/api/library/$TCW"
[ "$(body_get "j['case_id']")" = "$CW" ] || fail "case_id for the source's scope"
expect 404 res2 GET "/api/library/$TCW"
expect 404 res2 POST "/api/library/$TCW" '{"title":"x"}'
expect 200 res2 GET "/api/library?status=draft"
[ "$(body_get "[i['tc_id'] for i in j['items'] if i['tc_id']==$TCW]")" = "[]" ] || fail "res2 sees a draft of another facility"
expect 403 ana POST "/api/library/$TCW" '{"title":"x"}'
expect 403 res1 POST "/api/library/$TCW" '{"title":"x"}'   # not the author, not a leader
expect 400 lead1 POST "/api/library/$TCW" '{"colour":"x"}'
expect 200 lead1 POST "/api/library/$TCW" '{"title":"示范标题：减刑监督案"}'
expect 200 lead1 POST "/api/library/$TCW/publish" '{}'
[ "$(body_get "j['status']")" = published ] || fail "published by the leader"
expect 200 res2 GET "/api/library/$TCW"
[ "$(body_get "j.get('case_id')")" = None ] || fail "case_id shown outside the source's scope"
expect 200 res2 GET "/api/library?q=示范标题"
[ "$(body_get "j['total']")" = 1 ] || fail "web search"
expect 200 res2 GET "/api/library?q=%E5%87%8F&model=CHG-01"
expect 400 res2 GET "/api/library?status=secret"
expect 400 res2 GET "/api/library?per=0"
# proposing through the web: already proposed (409 with its id), a case outside the scope (404)
expect 409 res1 POST "/api/cases/$CW/typical" '{}'
[ "$(body_get "j['tc_id']")" = "$TCW" ] || fail "409 names the existing typical case"
expect 404 res2 POST "/api/cases/$CW/typical" '{}'
expect 403 ana POST "/api/cases/$CW/typical" '{}'
OPEN=$(sqlite3 "$DB" "SELECT case_id FROM cases WHERE status = 'open' AND facility_id = '$FAC' LIMIT 1")
if [ -n "$OPEN" ]; then
  expect 409 res1 POST "/api/cases/$OPEN/typical" '{}'
fi
# the booklet through the web, audited
curl -sS -b "$T/res2.jar" -o "$T/w.docx" -w '%{http_code}' "$BASE/api/library/booklet.docx" >"$T/code"
[ "$(cat "$T/code")" = 200 ] || fail "booklet.docx: $(cat "$T/code")"
unzip -tq "$T/w.docx" >/dev/null || fail "web docx"
expect 200 res2 GET "/api/library/booklet.html?q=示范标题"
[ "$(grep -c '<section class="case"' "$T/body")" = 1 ] || fail "web booklet filtered"
expect 200 boss GET '/api/audit?limit=50'
[ "$(body_get "sum(1 for e in j['entries'] if e['action']=='export' and e['object']=='library' and e['actor']=='res2')")" = 2 ] \
  || fail "booklet exports audited"
echo "library: $NE typical cases drafted, none identifies its source; search, booklet and web checks passed"
