#!/usr/bin/env bash
# web_api.sh — the JSON API of `zhijian serve`, route by route, over a seeded database:
# login and sessions, scope (a user of one facility gets nothing of another through the
# list, detail, export, person, cases, measures and documents), the lead workflow up to a
# correction notice and its .docx, deadlines, CSRF rejection, bad JSON (400), oversize
# bodies (413), wrong methods (405), roles (403), login throttling (429), masking of
# id_numbers, security headers and the static UI.
. "$(dirname "$0")/web_lib.bash"
seed_db
start_server
login res1 respass123
login res2 respass234
login lead leadpass12
login admin adminpass1
login ana anapass123

# --- static UI and headers ---
curl -sS -D "$T/h" -o "$T/index" "$BASE/" >/dev/null
grep -q '智检' "$T/index" || fail "index.html not served"
grep -qi '^content-security-policy:.*default-src' "$T/h" || fail "no CSP header"
grep -qi '^x-content-type-options: nosniff' "$T/h" || fail "no nosniff"
grep -qi '^x-frame-options: deny' "$T/h" || fail "no frame denial"
expect 200 - GET /js/app.js
expect 200 - GET /style.css
expect 404 - GET /nothing.html
expect 404 - GET /api/nothing

# --- sessions ---
expect 401 - GET /api/leads
expect 401 - GET /api/me
expect 401 - POST /api/login '{"name":"res1","password":"wrong-password"}'
expect 200 res1 GET /api/me
[ "$(body_get "j['scope']")" = facility:P3201 ] || fail "me scope"
# the enum labels come from the law core (law.h), one list for the program and the UI
expect 401 - GET /api/enums
expect 200 res1 GET /api/enums
[ "$(body_get "j['penalty']['fixed_term'] + j['change_kind']['temp_outside'] + j['event_type']['admit'] + j['grounds']['repentance']")" = 有期徒刑暂予监外执行交付执行收监确有悔改表现 ] \
  || fail "enum labels"
[ "$(body_get "len(j['penalty'])")" = 8 ] || fail "penalty labels"
# those of the office, complaints and inspections from theirs (util/office_enums.h), in
# order, and the open states of a lead (store/leads.h LEAD_OPEN_STATUSES)
[ "$(body_get "','.join(j['complaint_kind']) + '|' + ','.join(j['inspection_kind']) + '|' + j['inspection_kind']['cross'] + j['complaint_kind']['petition']")" = \
  'accusation,report,petition|routine,special,mobile,cross|交叉巡回检察申诉' ] || fail "office enums"
[ "$(body_get "(len(j['complaint_topic']), len(j['complaint_channel']), len(j['talk_kind']), len(j['speciality']))")" = "(9, 6, 6, 10)" ] \
  || fail "office enum sizes"
[ "$(body_get "j['lead_open_status']")" = '["open", "assigned", "verifying"]' ] || fail "open lead statuses"
curl -sS -D "$T/login.h" -o /dev/null -H 'Content-Type: application/json' \
  -d '{"name":"res1","password":"respass123"}' "$BASE/api/login"
grep -qi '^set-cookie: zj_session=[0-9a-f]\{64\}; Path=/; HttpOnly; SameSite=Strict; Max-Age=' "$T/login.h" \
  || fail "session cookie is not HttpOnly SameSite=Strict: $(cat "$T/login.h")"
# one session per account: that login ended the earlier one
expect 401 res1 GET /api/me
login res1 respass123

# --- bad requests ---
expect 400 res1 POST /api/leads/1/verify '{not json'
expect 400 res1 POST /api/leads/1/verify '[1,2]'
expect 405 res1 DELETE /api/leads/1
expect 405 res1 PUT /api/leads
expect 405 - GET /api/login
python3 -c "print('{\"note\":\"' + 'a' * 300000 + '\"}')" > "$T/big.json"
code=$(curl -sS -o "$T/body" -w '%{http_code}' -b "$T/res1.jar" -H "X-CSRF-Token: $(cat "$T/res1.csrf")" \
  -H 'Content-Type: application/json' --data-binary @"$T/big.json" "$BASE/api/leads/1/verify")
[ "$code" = 413 ] || fail "oversize body -> $code, expected 413"
expect 400 res1 GET '/api/leads?page=x'
expect 400 res1 GET '/api/leads?from=2025-13-01'

# --- cross-site requests ---
code=$(http_code -H 'Content-Type: text/plain' \
  -d '{"name":"res1","password":"respass123"}' "$BASE/api/login")
[ "$code" = 400 ] || fail "login with a text/plain body (cross-site form) -> $code"
code=$(http_code -H 'Content-Type: application/json' -H 'Origin: http://evil.example' \
  -d '{"name":"res1","password":"respass123"}' "$BASE/api/login")
[ "$code" = 403 ] || fail "login from another origin -> $code"
code=$(http_code -H 'Content-Type: application/json' -H "Origin: $BASE" \
  -d '{"name":"res1","password":"respass123"}' "$BASE/api/login")
[ "$code" = 200 ] || fail "login from this origin -> $code"
code=$(http_code -H 'Content-Type: application/json' -H 'Origin: null' \
  -d '{"name":"res1","password":"respass123"}' "$BASE/api/login")
[ "$code" = 403 ] || fail "login from Origin: null (a sandboxed frame) -> $code"
login res1 respass123   # those logins ended the jar's session

# --- CSRF ---
code=$(http_code -b "$T/res1.jar" -H 'Content-Type: application/json' \
  -d '{}' "$BASE/api/leads/1/assign")
[ "$code" = 403 ] || fail "write without CSRF token -> $code"
code=$(http_code -b "$T/res1.jar" -H 'Content-Type: application/json' \
  -H "X-CSRF-Token: $(cat "$T/res2.csrf")" -d '{}' "$BASE/api/leads/1/assign")
[ "$code" = 403 ] || fail "write with another session's CSRF token -> $code"

# --- lists, filters and paging ---
expect 200 res1 GET '/api/leads?per=50'
[ "$(body_get "j['total']")" = 121 ] || fail "res1 sees $(body_get "j['total']") leads, expected 121"
[ "$(body_get "all(i['facility_id']=='P3201' for i in j['items'])")" = True ] || fail "res1 list leaks"
[ "$(body_get "j['more']")" = True ] || fail "paging: more"
expect 200 res1 GET '/api/leads?per=50&page=3'
[ "$(body_get "len(j['items'])")" = 21 ] || fail "page 3 size"
expect 200 res2 GET '/api/leads?per=200'
[ "$(body_get "j['total']")" = 61 ] || fail "res2 total"
[ "$(body_get "all(i['facility_id']=='P3205' for i in j['items'])")" = True ] || fail "res2 list leaks"
expect 200 lead GET '/api/leads?per=1'
[ "$(body_get "j['total']")" = 182 ] || fail "leader (region 32) total $(body_get "j['total']")"
expect 200 admin GET '/api/leads?per=1'
[ "$(body_get "j['total']")" = 183 ] || fail "admin total"
expect 200 res1 GET '/api/leads?severity=high&model=CHG-03'
[ "$(body_get "j['total']")" = 1 ] || fail "filter severity+model"
expect 200 res1 GET '/api/leads?status=dismissed'
[ "$(body_get "j['total']")" = 12 ] || fail "filter status"
expect 200 res1 GET '/api/leads?family=delivery&from=2024-07-01&to=2024-08-31'
[ "$(body_get "all(i['family']=='delivery' and '2024-07-01'<=i['first_seen']<='2024-08-31' for i in j['items'])")" = True ] || fail "filter family/date"
expect 200 lead GET '/api/leads?region=3205&per=1'
[ "$(body_get "j['total']")" = 61 ] || fail "filter region"
expect 200 res1 GET '/api/leads?facility=P3205'
[ "$(body_get "j['total']")" = 0 ] || fail "res1 filtering on another facility gets rows"
expect 200 res1 GET /api/facilities
[ "$(body_get "[f['facility_id'] for f in j]")" = '["P3201"]' ] || fail "facilities scope: $(cat "$T/body")"
expect 200 res1 GET /api/regions
[ "$(body_get "(len(j), j[0], dict(j)['320205'])")" = "(3213, ['110000', '北京市'], '锡山区')" ] || fail "regions"
expect 200 res1 GET /api/models
[ "$(body_get "sum(m['n'] for m in j)")" = 121 ] || fail "models scope"
expect 200 res1 GET /api/overview
[ "$(body_get "j['totals']['open_leads']")" = 109 ] || fail "overview open leads $(body_get "j['totals']")"
[ "$(body_get "all(f['facility_id']=='P3201' for f in j['by_facility'])")" = True ] || fail "overview scope"
[ "$(body_get "len(j['trend'])>0")" = True ] || fail "overview trend"

# --- detail and person: scope and masking ---
expect 200 res1 GET /api/leads/1
[ "$(body_get "j['id_number']")" = 110105198001011234 ] || fail "resident sees the full id_number"
[ "$(body_get "j['evidence']['decision_date']")" = 2025-03-01 ] || fail "evidence parsed"
expect 404 res1 GET /api/leads/2
expect 404 res1 GET /api/leads/3
expect 404 res1 GET /api/leads/999999
expect 404 res1 GET /api/leads/abc
expect 200 res2 GET /api/leads/2
expect 404 res2 GET /api/leads/1
expect 200 lead GET /api/leads/1
[ "$(body_get "j['id_number']")" = '110105********1234' ] || fail "leader sees a masked id_number: $(body_get "j['id_number']")"
expect 404 lead GET /api/leads/3
expect 200 res1 GET /api/persons/R001
[ "$(body_get "len(j['judgments'])==1 and len(j['custody'])==1 and len(j['changes'])==1")" = True ] || fail "person timeline"
[ "$(body_get "(j['changes'][0]['rule_set'], j['changes'][0]['rule_set_name'])")" = "('SPC-2016', '减刑假释规定')" ] || fail "person change rule set: $(body_get "j['changes']")"
expect 404 res1 GET /api/persons/R002
expect 404 res1 GET /api/persons/R003
expect 200 lead GET /api/persons/R002
[ "$(body_get "j['id_number']")" = '320102********2345' ] || fail "leader person masked"
expect 404 lead GET /api/persons/R003

# --- article texts of a basis ---
expect 200 res1 GET '/api/law?basis=C-03%20%E5%87%8F%E5%88%91%E5%81%87%E9%87%8A%E8%A7%84%E5%AE%9A%E7%AC%AC6%E6%9D%A1'
[ "$(body_get "j[0]['ref']")" = 减刑假释规定第6条 ] || fail "law ref: $(cat "$T/body")"
if [ -d "${ZJ_SHARED:-/nonexistent}/law" ]; then
  ART=$(body_get "j[0]['text']")
  [[ "$ART" == "第六条 被判处有期徒刑的罪犯减刑起始时间为"* ]] || fail "article text: $(cat "$T/body")"
fi
expect 400 res1 GET /api/law

# --- export: scoped and audited ---
expect 200 res1 GET /api/leads/export
[ "$(head -1 "$T/body")" = 'model_id,subject,person_id,facility_id,region_code,severity,status,first_seen,summary,basis,evidence' ] || fail "csv header"
[ "$(tail -n +2 "$T/body" | wc -l)" = 121 ] || fail "export rows"
grep -q 'P3205\|P1101' "$T/body" && fail "export leaks another facility"
expect 200 res2 GET '/api/leads/export?model=CHG-03'
[ "$(tail -n +2 "$T/body" | wc -l)" = 0 ] || fail "res2 export of CHG-03 has rows"

# --- workflow: assign, verify, dismiss, take up ---
expect 200 res1 POST /api/leads/1/assign '{}'
[ "$(body_get "j['status']")" = assigned ] && [ "$(body_get "j['assignee']")" = res1 ] || fail "assign"
expect 200 res1 POST /api/leads/1/verify '{"note":"调取减刑裁定书核实"}'
[ "$(body_get "j['status']")" = verifying ] || fail "verify"
expect 404 res1 POST /api/leads/2/verify '{"note":"x"}'
expect 400 res1 POST /api/leads/4/dismiss '{}'
expect 200 res1 POST /api/leads/4/dismiss '{"reason":"数据录入错误"}'
expect 409 res1 POST /api/leads/4/case '{}'
expect 403 ana POST /api/leads/5/assign '{}'
expect 200 res1 POST /api/leads/1/case '{}'
CASE=$(body_get "j['case_id']")
[ "$(body_get "j['status']")" = case ] && [ -n "$CASE" ] || fail "take up"
[ "$(body_get "len(j['history'])")" = 3 ] || fail "lead history"
expect 200 res1 GET /api/cases
[ "$(body_get "len(j['items'])")" = 1 ] || fail "cases list"
expect 200 res2 GET /api/cases
[ "$(body_get "len(j['items'])")" = 0 ] || fail "res2 sees res1's case"
expect 404 res2 GET "/api/cases/$CASE"
expect 200 res1 GET "/api/cases/$CASE"

# --- measures and documents ---
expect 400 res1 POST "/api/cases/$CASE/measures" '{"kind":"nonsense"}'
expect 400 res1 POST "/api/cases/$CASE/measures" '{"kind":"objection"}'
expect 404 res2 POST "/api/cases/$CASE/measures" '{"kind":"correction_notice"}'
expect 201 res1 POST "/api/cases/$CASE/measures" '{"kind":"correction_notice"}'
M=$(body_get "j['measure_id']")
[ "$(body_get "j['document']['title']")" = 纠正违法通知书 ] || fail "draft title"
DRAFT=$(body_get "j['document']['body']")
grep -q '《最高人民法院关于办理减刑、假释案件具体应用法律的规定》第六条的规定' <<<"$DRAFT" || fail "draft cites the rule"
grep -q '2025年3月1日' <<<"$DRAFT" || fail "draft has the figures: $DRAFT"
grep -q '2025-03-01' <<<"$DRAFT" && fail "ISO date in the draft: $DRAFT"
grep -q '《中华人民共和国监狱法》第六条' <<<"$DRAFT" || fail "a prison's notice cites 监狱法第6条: $DRAFT"
[ "$(body_get "j['document']['recipient']")" = 江苏省南京监狱 ] || fail "recipient"
[ "$(body_get "j['document']['org']")" = 江苏省南京市人民检察院 ] || fail "sending procuratorate at the head"
[ "$(body_get "j['document']['number']")" = "宁检刑执纠违〔2025〕　号" ] || fail "draft number: $(body_get "j['document']['number']")"
expect 200 res1 POST "/api/measures/$M" '{"document":{"title":"纠正违法通知书","body":"第一段<script>alert(1)</script>\n第二段","recipient":"江苏省南京监狱","number":"宁检纠违〔2025〕1号","org":"南京市人民检察院","date":"2025年7月1日","seal":"（院印）"}}'
expect 400 res1 POST "/api/measures/$M" '{"document":{"title":5}}'
expect 400 res1 POST "/api/measures/$M" '{"sent_date":"2025-02-30"}'
expect 200 res1 POST "/api/measures/$M" '{"sent_date":"2025-06-01"}'
[ "$(body_get "j['reply_deadline']")" = 2025-06-16 ] || fail "reply deadline sent+15: $(body_get "j['reply_deadline']")"
[ "$(body_get "j['document']['number']")" = "宁检刑执纠违〔2025〕1号" ] || fail "number on sending, typed one ignored"
[ "$(body_get "','.join(v['action'] for v in j['versions'])")" = draft,edit,issue ] || fail "versions"
expect 409 res1 POST "/api/measures/$M" '{"document":{"body":"送达后改"}}'
expect 200 res1 GET "/api/measures/$M/document.html?version=1"
grep -q '宁检刑执纠违〔2025〕　号' "$T/body" || fail "the draft as it was"
expect 404 res1 GET "/api/measures/$M/document.html?version=9"
expect 200 res1 GET /api/measures/due
[ "$(body_get "[[d['measure_id'], d['days_left']] for d in j]")" = "[[$M, -15]]" ] || fail "overdue reply: $(cat "$T/body")"
expect 200 res1 GET '/api/measures/due?overdue=1'
[ "$(body_get "len(j)")" = 1 ] || fail "overdue list"
expect 200 res2 GET /api/measures/due
[ "$(body_get "len(j)")" = 0 ] || fail "res2 sees res1's deadlines"
expect 201 res1 POST "/api/cases/$CASE/measures" '{"kind":"objection","received_date":"2025-06-20"}'
OBJ=$(body_get "j['measure_id']")
[ "$(body_get "j['due_date']")" = 2025-07-10 ] || fail "objection due received+20: $(body_get "j['due_date']")"
expect 200 res1 GET /api/measures/due
[ "$(body_get "[d['days_left'] for d in j if d['measure_id']==$OBJ]")" = "[]" ] || fail "objection 9 days ahead is not due within 5"
expect 201 res1 POST "/api/cases/$CASE/measures" '{"kind":"suggestion"}'
SUG=$(body_get "j['measure_id']")
expect 200 res1 POST "/api/measures/$SUG" '{"sent_date":"2025-01-31"}'
[ "$(body_get "j['reply_deadline']")" = 2025-03-31 ] || fail "suggestion reply deadline 2 months, month end: $(body_get "j['reply_deadline']")"
expect 200 res1 POST "/api/measures/$M" '{"reply_date":"2025-06-20","reply":"已整改","corrected":true}'
[ "$(body_get "j['corrected']")" = 1 ] || fail "reply recorded"
expect 200 res1 GET "/api/measures/$M/document.html"
grep -q '宁检刑执纠违〔2025〕1号' "$T/body" || fail "html document number"
grep -q '<script>' "$T/body" && fail "html document not escaped"
grep -q '&lt;script&gt;' "$T/body" || fail "html escaping"
curl -sS -b "$T/res1.jar" -o "$T/doc.docx" "$BASE/api/measures/$M/document.docx"
python3 - "$T/doc.docx" <<'PY' || fail "docx is not a valid OOXML package"
import sys, zipfile, xml.dom.minidom
z = zipfile.ZipFile(sys.argv[1])
names = set(z.namelist())
assert {'[Content_Types].xml', '_rels/.rels', 'word/document.xml'} <= names, names
doc = z.read('word/document.xml').decode()
xml.dom.minidom.parseString(doc)
assert '宁检刑执纠违〔2025〕1号' in doc and '第二段' in doc and '&lt;script&gt;' in doc
PY
expect 404 res2 GET "/api/measures/$M"
expect 404 res2 GET "/api/measures/$M/document.html"
expect 404 res2 GET "/api/measures/$M/document.docx"
expect 404 res2 POST "/api/measures/$M" '{"reply":"x"}'
expect 200 res1 POST "/api/cases/$CASE/close" '{"note":"整改到位"}'
expect 404 res1 POST "/api/cases/$CASE/close" '{}'

# --- accounts (admin) ---
expect 403 res1 GET /api/accounts
expect 403 lead POST /api/accounts '{"name":"x","role":"admin","scope":"country","password":"12345678"}'
expect 200 admin GET /api/accounts
[ "$(body_get "len(j)")" = 5 ] || fail "accounts list"
expect 400 admin POST /api/accounts '{"name":"bad name","role":"resident","scope":"P3201","password":"12345678"}'
expect 400 admin POST /api/accounts '{"name":"x1","role":"king","scope":"P3201","password":"12345678"}'
expect 400 admin POST /api/accounts '{"name":"x1","role":"resident","scope":"P3201","password":"short"}'
expect 201 admin POST /api/accounts '{"name":"res3","role":"resident","scope":"P1101","password":"respass345"}'
expect 409 admin POST /api/accounts '{"name":"res3","role":"resident","scope":"P1101","password":"respass345"}'
login res3 respass345
expect 200 res3 GET /api/leads
[ "$(body_get "j['total']")" = 1 ] || fail "res3 scope"
RES3=$(req admin GET /api/accounts >/dev/null; body_get "[a['account_id'] for a in j if a['name']=='res3'][0]")
expect 200 admin POST "/api/accounts/$RES3/disable" '{}'
expect 401 res3 GET /api/leads

# --- throttling: 5 wrong passwords lock the account ---
for _ in 1 2 3 4 5; do expect 401 - POST /api/login '{"name":"res2","password":"wrong-password"}'; done
expect 429 - POST /api/login '{"name":"res2","password":"respass234"}'

# --- logout ---
expect 200 lead POST /api/logout '{}'
expect 401 lead GET /api/me

# --- audit: logins, person reads, exports, changes; the chain is intact ---
expect 200 admin GET /api/audit?limit=1000
[ "$(body_get "j['intact']")" = True ] || fail "audit chain"
for a in login login_failed login_locked read_person export change account logout; do
  [ "$(body_get "any(e['action']=='$a' for e in j['entries'])")" = True ] || fail "no audit entry '$a'"
done
[ "$(body_get "any(e['action']=='read_person' and e['object']=='R001' and e['detail']=='lead:1' and e['actor']=='res1' for e in j['entries'])")" = True ] \
  || fail "reading a lead that names a person is not audited"
[ "$(body_get "any(e['detail']=='case:$CASE' for e in j['entries'])")" = True ] || fail "case read not audited"
expect 403 res1 GET /api/audit
kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=
"$ZJ" audit verify --db "$DB" > "$T/verify" || fail "audit verify"
grep -q 'intact' "$T/verify" || fail "audit verify: $(cat "$T/verify")"
echo "web_api: all checks passed"
