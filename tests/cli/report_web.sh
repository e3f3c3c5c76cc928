#!/usr/bin/env bash
# report_web.sh — the report, inspection, resident-office and complaint API over HTTP
# (api_office.c) on the web tests' seed plus a simulated year, with the accounts' scopes:
# a province leader gets the report (JSON and the self-contained HTML with its own CSP),
# not another province's; a facility-scoped resident gets no report, sees only their
# facility's complaints and journal; inspections are proposed and planned; letters become
# complaints and leads; the complaint calc runs the law core. Then, when node and chromium
# are there (ZJ_BROWSER=1 scripts/setup.sh), the browser opens the report page, checks its
# six charts and takes screenshots of the three pages ($ZJ_BUILD/artifacts/report).
. "$(dirname "$0")/web_lib.bash"
seed_db
"$ZJ" report --db "$DB" --simulate 3 --as-of 2025-06-30 --format json --out "$T/sim.json" \
  || fail "simulation"
start_server --quiet
login lead leadpass12
login res2 respass234
login admin adminpass1

# the report, scoped
expect 200 lead GET '/api/report?from=2025-01-01&to=2025-06-30'
[ "$(body_get "len(j['indicators'])")" -ge 29 ] || fail "indicators missing"
[ "$(body_get "j['region']")" = 32 ] || fail "the leader's report defaults to the province"
[ "$(body_get "[i['count'] for i in j['indicators'] if i['name']=='notices_total'][0] > 0")" = True ] \
  || fail "the simulated year has no correction notices"
curl -sS -D "$T/h" -o "$T/r.html" -b "$T/lead.jar" "$BASE/api/report?from=2025-01-01&to=2025-06-30&format=html"
grep -qi '^content-type: text/html' "$T/h" || fail "report html content type"
grep -qi "^content-security-policy: default-src 'none'; style-src 'unsafe-inline'" "$T/h" || fail "report csp"
[ "$(grep -o '<svg ' "$T/r.html" | wc -l)" = 8 ] || fail "report html charts"
if grep -qE 'https?:|<script|<link' "$T/r.html"; then fail "report html not self-contained"; fi
expect 200 lead GET '/api/report?from=2025-01-01&to=2025-06-30&base_year=2021'
[ "$(body_get "(j['base_year'], j['comparison'])")" = "(2021, '比2021年同期')" ] || fail "report base year"
expect 403 lead GET '/api/report?region=11'
expect 400 lead GET '/api/report?from=2025-13-01'
expect 403 res2 GET '/api/report'

# inspections
expect 201 admin POST /api/inspectors '{"inspector_id":"X1","name":"测试","home_region":"110100","specialities":"changes;duty"}'
expect 400 admin POST /api/inspectors '{"inspector_id":"X2","name":"测试","home_region":"11"}'
expect 403 lead POST /api/inspectors '{"inspector_id":"X3","name":"测试","home_region":"110100"}'
expect 200 admin GET /api/inspectors
[ "$(body_get 'len(j)')" -ge 60 ] || fail "inspector pool"
expect 200 admin POST /api/inspections/propose '{"kind":"cross","facility_id":"P3201","from":"2025-09-01","to":"2025-09-15","focus":"changes;custody"}'
[ "$(body_get "all(m['home_region'][:2] != '32' for m in j['members'])")" = True ] || fail "cross team from the facility's province"
expect 409 admin POST /api/inspections/propose '{"kind":"cross","facility_id":"P3201","from":"2025-09-01","to":"2025-09-15","focus":"astrology"}'
expect 201 admin POST /api/inspections '{"kind":"routine","facility_id":"P3205","from":"2025-09-01","to":"2025-09-10","focus":"custody","size":3}'
ins=$(body_get "j['inspection_id']")
expect 403 res2 POST /api/inspections/propose '{"kind":"routine","facility_id":"P3201","from":"2025-09-01","to":"2025-09-15"}'
expect 200 res2 GET "/api/inspections/$ins/start"
[ "$(body_get "j['facility']['facility_id']")" = P3205 ] || fail "starting list"
expect 201 res2 POST "/api/inspections/$ins/findings" '{"summary":"禁闭审批手续不全","family":"custody","severity":"high"}'
expect 200 res2 GET /api/inspections
[ "$(body_get "all(x['facility_id'] == 'P3205' for x in j)")" = True ] || fail "inspections outside the facility"

# resident office and complaints
expect 201 res2 POST /api/office/letters '{"facility_id":"P3205","person_id":"R002","date":"2025-06-20","content":"反映刑期计算有误"}'
letter=$(body_get "j['id']")
expect 403 res2 POST /api/office/talks '{"facility_id":"P3201","content":"x"}'
expect 201 res2 POST /api/office/talks '{"facility_id":"P3205","person_id":"R002","date":"2025-06-21","kind":"routine","content":"日常谈话"}'
expect 201 res2 POST "/api/office/letters/$letter/complaint" '{"kind":"petition","topic":"sentence_length"}'
cid=$(body_get "j['complaint_id']")
expect 409 res2 POST "/api/office/letters/$letter/lead" '{}'
expect 200 res2 GET "/api/complaints/$cid/calc?as_of=2025-06-30"
[ "$(body_get "j['judgment_id']")" = J002 ] || fail "calc judgment"
[ "$(body_get "j['computed']['term_start'] is not None")" = True ] || fail "calc figures"
expect 200 res2 POST "/api/complaints/$cid/route" '{"assignee":"res2"}'
expect 200 res2 POST "/api/complaints/$cid/close" '{"outcome":"已核实答复","corrected":true}'
[ "$(body_get "j['status']") $(body_get "len(j['history'])")" = "closed 3" ] || fail "complaint life"
expect 200 res2 GET /api/complaints
[ "$(body_get "all(c['facility_id'] == 'P3205' for c in j)")" = True ] || fail "complaints outside the facility"
other=$(sqlite3 "$DB" "SELECT complaint_id FROM complaints WHERE facility_id <> 'P3205' LIMIT 1")
[ -n "$other" ] || fail "no complaint elsewhere in the simulation"
expect 404 res2 GET "/api/complaints/$other"
expect 403 res2 GET '/api/office/journal?facility=P3201'
expect 200 res2 GET /api/office/journal
[ "$(body_get "len(j['talks']) >= 1 and len(j['letters']) >= 1")" = True ] || fail "journal"
expect 403 res2 POST /api/complaints '{"facility_id":"P3201","kind":"report","channel":"visit","content":"x"}'
[ "$(sqlite3 "$DB" "SELECT count(*) FROM audit_log WHERE actor = 'res2' AND action = 'change'")" -ge 6 ] \
  || fail "writes are not audited"

# the browser: report page with its charts, and screenshots of the three pages
if browser_ready; then
  ARTIFACTS="${ZJ_BUILD:-$T}/artifacts/report"
  rm -rf "$ARTIFACTS"
  mkdir -p "$ARTIFACTS"
  BASE=$BASE ARTIFACTS=$ARTIFACTS HOME=$T timeout 180 node "$ZJ_SOURCE_DIR/tests/browser/report.test.mjs" \
    || fail "browser: report pages (screenshots in $ARTIFACTS)"
else
  echo "report_web: browser step skipped (node, chromium or playwright-core missing)" >&2
fi
echo ok
