#!/usr/bin/env bash
# web_browser_sealed.sh — the browser test of sealed records (tests/browser/sealed.test.mjs)
# as a CTest over the web seed plus a sealed juvenile (sealed_seed.sql); afterwards the audit
# log must hold the resident's read of the person with the purpose stated in the browser.
. "$(dirname "$0")/web_lib.bash"
browser_ready || fail "node or /usr/bin/chromium is missing (run: ZJ_BROWSER=1 scripts/setup.sh)"
seed_db
sqlite3 "$DB" < "$ZJ_SOURCE_DIR/tests/cli/sealed_seed.sql" || fail "sealed_seed.sql"
start_server --quiet
ARTIFACTS="${ZJ_BUILD:-$T}/artifacts/browser-sealed"
rm -rf "$ARTIFACTS"
mkdir -p "$ARTIFACTS"
BASE=$BASE ARTIFACTS=$ARTIFACTS HOME=$T timeout 240 node "$BROWSER_DIR/sealed.test.mjs" \
  || fail "sealed browser test failed (screenshots in $ARTIFACTS)"
login admin adminpass1
expect 200 admin GET '/api/audit?limit=500'
[ "$(body_get "sum(1 for e in j['entries'] if e['actor']=='res1' and e['action']=='read_sealed' and e['object']=='R900' and e['detail']=='person; 事由：办案需要')")" -ge 1 ] \
  || fail "the audit log has no read of R900 with the purpose: $(body_get "[e for e in j['entries'] if e['object']=='R900']")"
[ "$(body_get "sum(1 for e in j['entries'] if e['actor']=='res1' and e['action']=='purpose' and e['object']=='R900' and e['detail']=='事由：办案需要')")" = 1 ] \
  || fail "the stated purpose is not audited"
echo "web_browser_sealed: all checks passed"
