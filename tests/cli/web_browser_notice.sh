#!/usr/bin/env bash
# web_browser_notice.sh — the browser test of a notice (tests/browser/notice.test.mjs) as a
# CTest: drafts and issues a 纠正违法通知书 and a 检察建议书 with `zhijian measure` on the web
# seed, serves it, and has Debian's chromium open the measure page and the print view;
# screenshots land in $ZJ_BUILD/artifacts/notice.
. "$(dirname "$0")/web_lib.bash"
browser_ready || fail "node or /usr/bin/chromium is missing (run: ZJ_BROWSER=1 scripts/setup.sh)"
seed_db
N=$("$ZJ" measure add --db "$DB" --lead 1 --kind correction_notice --actor res1 --as-of 2025-07-01 \
  | python3 -c "import json,sys; print(json.load(sys.stdin)['measure_id'])") || fail "draft the notice"
"$ZJ" measure issue "$N" --date 2025-07-02 --db "$DB" > /dev/null || fail "issue the notice"
S=$("$ZJ" measure add --db "$DB" --lead 1 --kind suggestion --actor res1 --as-of 2025-07-01 \
  | python3 -c "import json,sys; print(json.load(sys.stdin)['measure_id'])") || fail "draft the suggestion"
start_server --quiet
ARTIFACTS="${ZJ_BUILD:-$T}/artifacts/notice"
rm -rf "$ARTIFACTS"
mkdir -p "$ARTIFACTS"
BASE=$BASE ARTIFACTS=$ARTIFACTS NOTICE=$N SUGGESTION=$S HOME=$T timeout 180 \
  node "$BROWSER_DIR/notice.test.mjs" || fail "browser: notice (screenshots in $ARTIFACTS)"
echo "web_browser_notice: all checks passed"
