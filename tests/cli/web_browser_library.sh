#!/usr/bin/env bash
# web_browser_library.sh — the browser test of the case library (tests/browser/library.test.mjs)
# as a CTest: on the web seed, lead 1 (CHG-03 on 张三) is taken up as a case with a correction
# notice (`zhijian measure`), the reply says it was corrected and the case is closed; then a
# resident proposes, edits and publishes it in chromium and finds it in the library, on the
# lead's page and in the booklet. Afterwards the audit log has the proposal and the
# publication. Screenshots land in $ZJ_BUILD/artifacts/library.
. "$(dirname "$0")/web_lib.bash"
browser_ready || fail "node or /usr/bin/chromium is missing (run: ZJ_BROWSER=1 scripts/setup.sh)"
seed_db
N=$("$ZJ" measure add --db "$DB" --lead 1 --kind correction_notice --actor res1 --as-of 2025-07-01 \
  | python3 -c "import json,sys; print(json.load(sys.stdin)['measure_id'])") || fail "draft the notice"
"$ZJ" measure send "$N" --date 2025-07-02 --db "$DB" >/dev/null || fail "send the notice"
C=$(sqlite3 "$DB" "SELECT case_id FROM measures WHERE measure_id = $N")
sqlite3 "$DB" "UPDATE measures SET reply_date = '2025-07-10', reply = '已纠正', corrected = 1 WHERE measure_id = $N;
  UPDATE cases SET status = 'closed', closed_at = '2025-07-12T09:00:00Z' WHERE case_id = $C;" \
  || fail "close the case"
start_server --quiet
ARTIFACTS="${ZJ_BUILD:-$T}/artifacts/library"
rm -rf "$ARTIFACTS"
mkdir -p "$ARTIFACTS"
BASE=$BASE ARTIFACTS=$ARTIFACTS CASE=$C LEAD=1 HOME=$T timeout 240 \
  node "$BROWSER_DIR/library.test.mjs" || fail "browser: library (screenshots in $ARTIFACTS)"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM audit_log WHERE actor = 'res1' AND action = 'change' AND object LIKE 'typical_case:%' AND detail LIKE 'propose from case:$C%'")" = 1 ] \
  || fail "the proposal is not audited: $(sqlite3 "$DB" "SELECT actor, action, object, detail FROM audit_log WHERE object LIKE 'typical_case:%'")"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM audit_log WHERE actor = 'res1' AND object LIKE 'typical_case:%' AND detail = 'publish'")" = 1 ] \
  || fail "the publication is not audited: $(sqlite3 "$DB" "SELECT actor, action, object, detail FROM audit_log WHERE object LIKE 'typical_case:%'")"
echo "web_browser_library: all checks passed"
