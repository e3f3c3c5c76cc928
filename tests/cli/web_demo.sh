#!/usr/bin/env bash
# web_demo.sh — `zhijian demo`: generates, imports and screens a small province, creates
# the demo accounts with printed passwords and serves; the resident procurator logs in
# with the printed password and sees leads of the one prison of their scope only.
. "$(dirname "$0")/web_lib.bash"
D=$T/demo
"$ZJ" demo --persons 600 --dir "$D" --as-of 2025-06-30 --no-serve >"$T/demo.out" 2>"$T/demo.err" \
  || { cat "$T/demo.err" >&2; fail "demo failed"; }
grep -q '^  resident ' "$T/demo.out" || fail "no resident account printed: $(cat "$T/demo.out")"
PW=$(awk '$1 == "resident" { print $2 }' "$T/demo.out")
FAC=$(sed -n 's/^  resident .*（\(.*\)）$/\1/p' "$T/demo.out")
[ -n "$PW" ] && [ -n "$FAC" ] || fail "cannot read the resident's password and facility"
# second run: reuses the database, serves on an ephemeral port
"$ZJ" demo --dir "$D" --listen 127.0.0.1:0 >"$T/server.out" 2>"$T/server.err" &
SERVER_PID=$!
for _ in $(seq 1 600); do grep -q 'serving on' "$T/server.out" 2>/dev/null && break; kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
PORT=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$T/server.out")
[ -n "$PORT" ] || fail "demo did not serve"
BASE=http://127.0.0.1:$PORT
grep -q "$PW" "$T/server.out" || fail "second run does not print the same accounts"
login resident "$PW"
expect 200 resident GET '/api/leads?per=200'
N=$(body_get "j['total']")
[ "$N" -gt 0 ] || fail "resident sees no leads"
[ "$(body_get "all(i['facility_id']=='$FAC' for i in j['items'])")" = True ] || fail "resident sees other facilities"
echo "web_demo: resident of $FAC sees $N leads; all checks passed"
