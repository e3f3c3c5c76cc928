#!/usr/bin/env bash
# web_browser.sh — the browser test (tests/browser/web.test.mjs) as a CTest: seeds a
# small database, starts `zhijian serve`, installs playwright-core (browser_ready in
# web_lib.bash) (never a browser: it drives Debian's
# /usr/bin/chromium), runs the test; screenshots land in $ZJ_BUILD/artifacts/browser.
. "$(dirname "$0")/web_lib.bash"
browser_ready || fail "node or /usr/bin/chromium is missing (run: ZJ_BROWSER=1 scripts/setup.sh)"
seed_db
sqlite3 "$DB" < "$BROWSER_DIR/long_prisoner.sql" || fail "long_prisoner.sql"
start_server --quiet
ARTIFACTS="${ZJ_BUILD:-$T}/artifacts/browser"
rm -rf "$ARTIFACTS"
mkdir -p "$ARTIFACTS"
BASE=$BASE ARTIFACTS=$ARTIFACTS HOME=$T timeout 240 node "$BROWSER_DIR/web.test.mjs" || fail "browser test failed (screenshots in $ARTIFACTS)"
