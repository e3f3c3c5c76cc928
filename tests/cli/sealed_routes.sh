#!/usr/bin/env bash
# sealed_routes.sh — no route, export or report shows a sealed person's identity without a
# recorded purpose (law.md J-03, docs/sealing.md "In the platform"). Over the web seed plus
# a sealed juvenile (sealed_seed.sql: leads, a case, a correction notice, a complaint, a
# talk, a letter), every row of the routes table (src/web/routes.c, read here — a new route
# is covered without touching this test) is called by an admin (country, masked id
# numbers) and a resident of the person's prison (full id numbers), GET and then POST, with
# its {params} bound to the sealed person's records; no answer — JSON, CSV, .xlsx, .docx,
# HTML, SVG — may hold the name, the id number or its masked form. The routes that open the
# person's record answer 403 purpose_required. Then a purpose opens them, and is audited;
# the exports stay masked and say so; the CLI asks for --purpose (zhijian person) or masks
# (zhijian leads and zhijian rejects, unless --purpose).
. "$(dirname "$0")/web_lib.bash"
seed_db
sqlite3 "$DB" < "$ZJ_SOURCE_DIR/tests/cli/sealed_seed.sql" || fail "sealed_seed.sql"
start_server --quiet
login admin adminpass1
login res1 respass123

python3 - "$BASE" "$T" "$ZJ_SOURCE_DIR/src/web/routes.c" <<'PY' || fail "a route shows the sealed person"
import io, json, re, sys, urllib.error, urllib.parse, urllib.request, zipfile
base, T, routes_c = sys.argv[1:4]
urllib.request.install_opener(urllib.request.build_opener(urllib.request.ProxyHandler({})))
NAME, IDN, IDM = '闵晓封', '320102200801011235', '320102********1235'
routes = re.findall(r'\{"(GET|POST)",\s*"([^"]+)",\s*(\w+),\s*(AUTH_\w+)\}', open(routes_c).read())
assert len(routes) > 50, len(routes)
# the sealed person's records, one per kind of {id}
bind = {'persons': 'R900', 'leads': '900', 'cases': '900', 'measures': '900', 'complaints': '900',
        'sealed': 'R900', 'library': '1', 'docs': '1', 'inspections': '1', 'accounts': '2',
        'letters': '1', 'office': 'talks'}
query = {'/api/report': 'from=2024-07-01&to=2025-06-30', '/api/law': 'basis=D-01%20%E5%88%91%E4%BA%8B%E8%AF%89%E8%AE%BC%E6%B3%95%E7%AC%AC264%E6%9D%A1',
         '/api/leads': 'per=200', '/api/leads/export': '', '/api/complaints': '', '/api/office/journal': 'facility=P3201',
         '/api/import/rejects': 'file=roster.csv', '/api/import/rejects.xlsx': 'file=roster.csv'}
opens_record = {'/api/persons/{id}', '/api/persons/{id}/timeline.svg', '/api/leads/{id}',
                '/api/cases/{id}', '/api/measures/{id}'}
skip_post = {'/api/login', '/api/logout', '/api/me/password', '/api/accounts/{id}/disable',
             '/api/accounts/{id}/password', '/api/docs/upload', '/api/import/upload'}

def session(user):
    """The session cookie of curl's jar (web_lib.bash login) and the CSRF token."""
    cookie = ''
    for line in open(f'{T}/{user}.jar'):
        f = line.rstrip('\n').split('\t')
        if len(f) == 7 and f[5] == 'zj_session':
            cookie = f[6]
    return cookie, open(f'{T}/{user}.csrf').read().strip()

def texts(body, ctype):
    """Every text the answer carries: the body, and the XML parts of an OOXML package."""
    out = [body.decode('utf-8', 'replace')]
    if body[:2] == b'PK':
        z = zipfile.ZipFile(io.BytesIO(body))
        out += [z.read(n).decode('utf-8', 'replace') for n in z.namelist()]
    if 'json' in ctype:  # \u escapes too
        try:
            out.append(json.dumps(json.loads(body), ensure_ascii=False))
        except ValueError:
            pass
    return out

def call(user, method, path, body=None):
    cookie, csrf = session(user)
    req = urllib.request.Request(base + path, method=method,
                                 data=json.dumps(body).encode() if method == 'POST' else None)
    req.add_header('Cookie', 'zj_session=' + cookie)
    if method == 'POST':
        req.add_header('Content-Type', 'application/json')
        req.add_header('X-CSRF-Token', csrf)
    try:
        with urllib.request.urlopen(req) as r:
            return r.status, r.headers.get('Content-Type', ''), r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get('Content-Type', ''), e.read()

def path_of(pattern):
    parts = pattern.split('/')
    for i, p in enumerate(parts):
        if p.startswith('{'):
            parts[i] = urllib.parse.quote(bind.get(parts[i - 1], '1'))
    path = '/'.join(parts)
    q = query.get(pattern)
    return path + ('?' + q if q else '')

checked = ok = 0
for method in ('GET', 'POST'):
    for (m, pattern, handler, auth) in routes:
        if m != method or pattern in skip_post:
            continue
        for user in ('admin', 'res1'):
            path = path_of(pattern)
            st, ct, body = call(user, method, path, {} if method == 'POST' else None)
            for t in texts(body, ct):
                for s in (NAME, IDN, IDM):
                    assert s not in t, f'{user} {method} {path} -> {st} shows {s!r}: {t[:300]!r}'
            if method == 'GET' and pattern in opens_record:
                assert st == 403 and json.loads(body)['error'] == 'purpose_required', (user, path, st, body[:200])
                assert '封存' in json.loads(body)['message'], body
            checked += 1
            ok += 200 <= st < 300
assert ok >= 60, ok
print(f'sealed_routes: {checked} calls over {len(routes)} routes ({ok} answered 2xx) show no identity')
PY

# a court document in the review queue that names the sealed person: its JSON is masked,
# its file (which cannot be masked) opens only after a purpose, audited
echo 'clerkpass1' | "$ZJ" user add clerk1 --role clerk --scope 32 --password-stdin --db "$DB" >/dev/null
login clerk1 clerkpass1
expect 200 clerk1 GET /api/docs/900
grep -Eq '闵晓封|320102200801011235' "$T/body" && fail "the document's JSON shows the sealed person"
expect 200 clerk1 GET /api/docs
[ "$(body_get "next(d.get('person_id') for d in j if d['doc_id'] == 900)")" = R900 ] \
  || fail "document list: document 900 does not carry its sealed person: $(cat "$T/body")"
grep -Eq '闵晓封|320102200801011235' "$T/body" && fail "the document list shows the sealed person"
expect 403 clerk1 GET /api/docs/900/file
[ "$(body_get "j['error']")" = purpose_required ] || fail "document file: $(cat "$T/body")"
expect 200 clerk1 GET '/api/docs/900/file?purpose=%E5%8A%9E%E6%A1%88%E9%9C%80%E8%A6%81'
[ "$(sqlite3 "$DB" "SELECT count(*) FROM audit_log WHERE action = 'read_sealed' AND actor = 'clerk1' AND object = 'R900'")" -ge 1 ] \
  || fail "document file: the read with its purpose is not audited"

# the clerk's reject screen: the refused roster row names the sealed person, masked
expect 200 admin GET '/api/import/rejects?file=roster.csv'
[ "$(body_get "j[0].get('sealed')")" = True ] || fail "rejects: the row is not marked 已封存"
[ "$(body_get "j[0]['raw']")" = "已封存,（已封存）,×××,M,2008-13-01" ] || fail "rejects: $(body_get "j[0]['raw']")"

# the lists say 已封存
expect 200 res1 GET '/api/leads?per=200'
[ "$(body_get "[i['person_name'] for i in j['items'] if i['lead_id']==900][0]")" = "（已封存）" ] || fail "lead list: $(body_get "[i for i in j['items'] if i['lead_id']==900]")"
[ "$(body_get "[i.get('sealed') for i in j['items'] if i['lead_id']==900][0]")" = True ] || fail "lead list marks 已封存"
[ "$(body_get "[i.get('sealed') for i in j['items'] if i['lead_id']==1][0]")" = None ] || fail "a person who is not sealed is marked"
expect 200 res1 GET /api/persons/R001
[ "$(body_get "j['name']")" = 张三 ] || fail "a person who is not sealed needs no purpose"
# an unacceptable purpose
expect 403 res1 GET '/api/persons/R900?purpose=%20'
# with a purpose: the page opens, the read is audited with it, and the session remembers it
expect 200 res1 GET '/api/persons/R900?purpose=%E5%8A%9E%E6%A1%88%E9%9C%80%E8%A6%81'
[ "$(body_get "j['name']")" = 闵晓封 ] || fail "the purpose does not open the page"
[ "$(body_get "j['sealed']")" = True ] || fail "the page says 已封存"
expect 200 res1 GET /api/leads/900
[ "$(body_get "j['person_name']")" = 闵晓封 ] || fail "the session's purpose does not open the lead"
expect 200 res1 GET /api/persons/R900/timeline.svg
# another account's session has no purpose
expect 403 admin GET /api/leads/900
expect 400 admin POST /api/sealed/R900/purpose '{}'
expect 404 admin POST /api/sealed/NOPE/purpose '{"purpose":"办案需要"}'
expect 200 admin POST /api/sealed/R900/purpose '{"purpose":"法律监督需要"}'
expect 200 admin GET /api/cases/900
[ "$(body_get "j['person_name']")" = 闵晓封 ] || fail "the stated purpose does not open the case"
# exports stay masked (and say so), whatever the purpose
expect 200 res1 GET /api/leads/export
grep -q '闵晓封\|320102200801011235' "$T/body" && fail "CSV export shows the sealed person"
grep -q '已封存' "$T/body" || fail "CSV export does not say 已封存"
grep -q '×××' "$T/body" || fail "CSV export does not mask the name in the summary"
expect 200 res1 GET /api/measures/900/document.html
grep -q '闵晓封' "$T/body" && fail "the document to the prison names the sealed person"
grep -q '犯罪记录已依法封存' "$T/body" || fail "the document does not say so"
expect 200 admin GET '/api/report?from=2024-07-01&to=2025-06-30&format=html'
grep -q '闵晓封' "$T/body" && fail "the report lists the sealed person"
# the audit log has the reads with their purposes
expect 200 admin GET '/api/audit?limit=200'
body_get "[e for e in j['entries'] if e['action']=='read_sealed']" > "$T/reads"
python3 - "$T/reads" <<'PY' || fail "reads of the sealed person are not audited with the purpose: $(cat "$T/reads")"
import json, sys
e = json.load(open(sys.argv[1]))
assert any(x['actor'] == 'res1' and x['object'] == 'R900' and x['detail'] == 'person; 事由：办案需要' for x in e), e
assert any(x['actor'] == 'res1' and x['detail'] == 'lead:900; 事由：办案需要' for x in e), e
assert any(x['actor'] == 'admin' and x['detail'] == 'case:900; 事由：法律监督需要' for x in e), e
PY
# after logout the purpose is gone
expect 200 res1 POST /api/logout '{}'
login res1 respass123
expect 403 res1 GET /api/leads/900

# the command line
"$ZJ" person R900 --db "$DB" --as-of 2025-07-01 >"$T/cli.out" 2>"$T/cli.err" && fail "zhijian person without --purpose"
grep -q '封存' "$T/cli.err" || fail "CLI message: $(cat "$T/cli.err")"
grep -q '闵晓封' "$T/cli.out" && fail "CLI shows the person without a purpose"
"$ZJ" person R900 --db "$DB" --as-of 2025-07-01 --purpose 办案需要 --actor clerk1 >"$T/cli.out" || fail "zhijian person --purpose"
grep -q '闵晓封.*已封存' "$T/cli.out" || fail "CLI person with purpose: $(head -2 "$T/cli.out")"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM audit_log WHERE action = 'read_sealed' AND actor = 'clerk1' AND detail = 'cli; 事由：办案需要'")" = 1 ] \
  || fail "CLI read not audited"
"$ZJ" person R001 --db "$DB" --as-of 2025-07-01 >/dev/null || fail "CLI: a person who is not sealed needs no purpose"
# zhijian leads (csv, json, xlsx) masks the sealed person's leads and says so; --purpose
# exports them in full and records one read of the person
nleads=$(sqlite3 "$DB" "SELECT count(*) FROM leads WHERE person_id = 'R900'")
[ "$nleads" -ge 2 ] || fail "the seed has $nleads leads of R900"
for fmt in csv json; do
  "$ZJ" leads --db "$DB" --as-of 2025-07-01 --format $fmt >"$T/leads.$fmt" 2>"$T/leads.err" || fail "zhijian leads --format $fmt"
  grep -Eq '闵晓封|R900|320102200801011235|320102\*+1235' "$T/leads.$fmt" && fail "zhijian leads --format $fmt shows the sealed person"
  grep -q "$nleads 条线索的人员犯罪记录已依法封存" "$T/leads.err" || fail "leads $fmt: no notice on stderr: $(cat "$T/leads.err")"
  grep -q '张三' "$T/leads.$fmt" || grep -q 'R001' "$T/leads.$fmt" || fail "leads $fmt: persons who are not sealed are masked too"
done
[ "$(grep -c '^[^,]*,[^,]*,已封存,' "$T/leads.csv")" = "$nleads" ] || fail "leads csv: the sealed rows do not say 已封存"
python3 -c '
import json, sys
rows = json.load(open(sys.argv[1]))
s = [r for r in rows if r.get("sealed")]
assert len(s) == int(sys.argv[2]) and all(r["person_id"] == "已封存" for r in s), s
assert "×××与成年罪犯混押" in [r["summary"] for r in s], [r["summary"] for r in s]
' "$T/leads.json" "$nleads" || fail "leads json: sealed rows"
"$ZJ" leads --db "$DB" --as-of 2025-07-01 --format xlsx --out "$T/leads.xlsx" 2>/dev/null || fail "leads xlsx"
unzip -p "$T/leads.xlsx" | grep -Eq '闵晓封|R900|320102200801011235' && fail "zhijian leads xlsx shows the sealed person"
# before the sealing (the judgment effective 2024-09-01) nothing is masked
"$ZJ" leads --db "$DB" --as-of 2024-08-31 --format csv >"$T/leads.csv" 2>"$T/leads.err" || fail "leads 2024-08-31"
grep -q ',R900,' "$T/leads.csv" || fail "leads masked before the sealing"
[ ! -s "$T/leads.err" ] || fail "leads before the sealing: $(cat "$T/leads.err")"
"$ZJ" leads --db "$DB" --as-of 2025-07-01 --purpose ' ' >/dev/null 2>"$T/leads.err" && fail "leads with a blank purpose"
grep -q '封存' "$T/leads.err" || fail "blank purpose message: $(cat "$T/leads.err")"
"$ZJ" leads --db "$DB" --as-of 2025-07-01 --purpose 办案需要 --actor clerk2 >"$T/leads.csv" 2>"$T/leads.err" || fail "leads --purpose"
[ "$(grep -c ',R900,' "$T/leads.csv")" = "$nleads" ] || fail "leads --purpose does not show the person"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM audit_log WHERE action = 'read_sealed' AND actor = 'clerk2' AND object = 'R900' AND detail = 'cli leads; 事由：办案需要'")" = 1 ] \
  || fail "leads --purpose: the read is not audited once"
# zhijian rejects masks the refused roster row too, unless --purpose (audited)
"$ZJ" rejects --db "$DB" --format csv >"$T/rej.csv" 2>"$T/rej.err" || fail "zhijian rejects"
grep -Eq '闵晓封|R900|320102200801011235' "$T/rej.csv" && fail "zhijian rejects shows the sealed person"
grep -q '已封存,（已封存）,×××,M,2008-13-01' "$T/rej.csv" || fail "zhijian rejects: $(cat "$T/rej.csv")"
grep -q '已封存' "$T/rej.err" || fail "zhijian rejects does not say it masked"
"$ZJ" rejects --db "$DB" --format json --purpose 复查核实 --actor clerk3 >"$T/rej.json" || fail "rejects --purpose"
grep -q 'R900,320102200801011235,闵晓封' "$T/rej.json" || fail "rejects --purpose does not show the row"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM audit_log WHERE action = 'read_sealed' AND actor = 'clerk3' AND object = 'R900' AND detail = 'cli rejects; 事由：复查核实'")" = 1 ] \
  || fail "rejects --purpose: the read is not audited"
"$ZJ" audit verify --db "$DB" >/dev/null || fail "audit chain"
echo "sealed_routes: all checks passed"
