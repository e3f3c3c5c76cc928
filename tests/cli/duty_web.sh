#!/usr/bin/env bash
# duty_web.sh — the duty calendar over HTTP (api_office.c: /api/duty…) with the accounts'
# scopes on the web tests' seed (server day 2025-07-01, a Tuesday): the resident of P3201
# sees today's and overdue items of the own prison, records a check whose finding becomes a
# lead, reports an occurrence; another prison's resident is refused; a person held
# elsewhere cannot be named. Then, when node and chromium are there, the resident's home
# page in the browser (tests/browser/duty.test.mjs) with a screenshot of the day
# ($ZJ_BUILD/artifacts/duty).
. "$(dirname "$0")/web_lib.bash"
seed_db
# the calendar began in June: video last checked on Sunday 06-29 (06-30 missed), the
# week's solitary check done on Monday 06-30, a self-harm on 06-30 not yet checked
"$ZJ" duty record video --db "$DB" --facility P3201 --date 2025-06-29 --actor res1 >/dev/null
"$ZJ" duty record solitary --db "$DB" --facility P3201 --date 2025-06-30 --actor res1 >/dev/null
"$ZJ" duty event self_harm --db "$DB" --facility P3201 --date 2025-06-30 --description '罪犯张三用刀片划伤手臂' --person R001 --actor res1 >/dev/null
start_server --quiet
login res1 respass123
login res2 respass234
login lead leadpass12

expect 200 res1 GET /api/duty
[ "$(body_get "(j['facility_id'], j['as_of'], j['overdue'])")" = "('P3201', '2025-07-01', 2)" ] || fail "duty today: $(head -c 400 "$T/body")"
[ "$(body_get "{i['item_id']: i['state'] for i in j['items']}['video']")" = overdue ] || fail "video overdue"
[ "$(body_get "{i['item_id']: i['state'] for i in j['items']}['solitary']")" = done ] || fail "solitary done"
[ "$(body_get "{i['item_id']: i['state'] for i in j['items']}['visits']")" = due ] || fail "visits due"
[ "$(body_get "j['once'][0]['item_id'], j['once'][0]['state']")" = "('self_harm', 'overdue')" ] || fail "occurrence"
expect 200 res1 GET '/api/duty?as_of=2025-06-30'
[ "$(body_get "{i['item_id']: i['state'] for i in j['items']}['video']")" = due ] || fail "as_of"
expect 403 res2 GET '/api/duty?facility=P3201'
expect 200 lead GET '/api/duty?facility=P3201'
expect 400 lead GET '/api/duty'
expect 201 res1 POST /api/duty/records '{"item_id":"contraband","findings":"监区查获手机一部，来源不明","lead":true,"person_id":"R001","severity":"high"}'
lead=$(body_get "j['lead_id']")
expect 200 res1 GET "/api/leads/$lead"
[ "$(body_get "(j['model_id'], j['source'], j['family'], j['facility_id'])")" = "('DUTY-CHECK', 'resident', 'custody', 'P3201')" ] || fail "lead of a finding"
expect 403 res1 POST /api/duty/records '{"item_id":"contraband","findings":"x","lead":true,"person_id":"R002"}'
expect 403 res2 POST /api/duty/records '{"item_id":"video","facility_id":"P3201"}'
expect 404 res1 POST /api/duty/records '{"item_id":"astrology"}'
expect 201 res1 POST /api/duty/events '{"item_id":"death","description":"罪犯猝死","date":"2025-07-01"}'
expect 400 res1 POST /api/duty/events '{"item_id":"video","description":"x"}'
expect 200 res1 GET /api/duty
[ "$(body_get "sorted(o['item_id'] for o in j['once'])")" = '["death", "self_harm"]' ] || fail "occurrences"
[ "$(body_get "{i['item_id']: i['state'] for i in j['items']}['contraband']")" = done ] || fail "contraband done"
expect 200 res1 GET /api/duty/roster
[ "$(body_get "len(j)")" = 0 ] || fail "no roster"

if browser_ready; then
  ARTIFACTS="${ZJ_BUILD:-$T}/artifacts/duty"
  rm -rf "$ARTIFACTS"
  mkdir -p "$ARTIFACTS"
  BASE=$BASE ARTIFACTS=$ARTIFACTS HOME=$T timeout 180 node "$ZJ_SOURCE_DIR/tests/browser/duty.test.mjs" \
    || fail "browser: the resident's day (screenshots in $ARTIFACTS)"
else
  echo "duty_web: browser step skipped (node, chromium or playwright-core missing)" >&2
fi
echo ok
