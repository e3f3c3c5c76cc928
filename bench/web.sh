#!/usr/bin/env bash
# bench/web.sh — latency of the web API on a province database: the leads list and a lead
# detail with 50 concurrent clients (wrk), for a resident procurator (one prison) and a
# provincial leader (region scope). Target (issue 7): p99 < 50 ms.
#   bench/web.sh [BUILD_DIR]        (default build/, a Release build: make build)
# Env: PERSONS (default 300000: a province), DURATION (default 10s), CONNS (default 50),
# THREADS (server thread pool, default: one per core, as serve does).
# The province database is generated once into bench/out/province.db and reused.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
ZJ=$BUILD/zhijian
PERSONS=${PERSONS:-300000}
DURATION=${DURATION:-10s}
CONNS=${CONNS:-50}
THREADS=${THREADS:-$(nproc)}
OUT=bench/out
DB=$OUT/province.db
mkdir -p "$OUT"
command -v wrk >/dev/null || { echo "bench/web.sh: wrk is missing (ZJ_BENCH=1 scripts/setup.sh)" >&2; exit 1; }
[ -x "$ZJ" ] || { echo "bench/web.sh: build first (make build)" >&2; exit 1; }
AS_OF=2025-06-30
if [ ! -f "$DB" ]; then
  rm -rf "$OUT/feeds"
  echo "generating a province of $PERSONS persons …" >&2
  "$ZJ" gen --out "$OUT/feeds" --persons "$PERSONS" --as-of $AS_OF >/dev/null
  "$ZJ" import --db "$DB" --as-of $AS_OF "$OUT/feeds" >/dev/null
  "$ZJ" screen --db "$DB" --as-of $AS_OF >/dev/null
  rm -rf "$OUT/feeds"
fi
PRISON=$(sqlite3 "$DB" "SELECT l.facility_id FROM leads l JOIN facilities f USING (facility_id) WHERE f.kind = 'prison' GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")
PROV=$(sqlite3 "$DB" "SELECT substr(region_code, 1, 2) FROM facilities WHERE facility_id = '$PRISON'")
for u in "bres resident $PRISON" "blead leader $PROV"; do
  set -- $u
  sqlite3 "$DB" "SELECT 1 FROM accounts WHERE name = '$1'" 2>/dev/null | grep -q 1 ||
    echo 'benchpass1' | "$ZJ" user add "$1" --role "$2" --scope "$3" --password-stdin --db "$DB" >/dev/null
done
"$ZJ" serve --db "$DB" --listen 127.0.0.1:0 --threads "$THREADS" --quiet --as-of $AS_OF >"$OUT/serve.out" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do grep -q 'serving on' "$OUT/serve.out" && break; sleep 0.1; done
BASE=$(sed -n 's|.*serving on \(http://[0-9.:]*\)/.*|\1|p' "$OUT/serve.out")
LEADS=$(sqlite3 "$DB" "SELECT count(*) FROM leads")
echo "database: $PERSONS persons, $LEADS leads; prison $PRISON, province $PROV; $CONNS connections, $DURATION each"
for user in bres blead; do
  COOKIE=$(curl -s -c - -H 'Content-Type: application/json' -d "{\"name\":\"$user\",\"password\":\"benchpass1\"}" \
    "$BASE/api/login" | awk '$6 == "zj_session" { print $7 }')
  IDS=$(curl -s -b "zj_session=$COOKIE" "$BASE/api/leads?per=200" | python3 -c \
    "import json,sys; print(','.join(str(i['lead_id']) for i in json.load(sys.stdin)['items']))")
  cat > "$OUT/detail.lua" <<LUA
ids = {$IDS}
request = function()
  return wrk.format("GET", "/api/leads/" .. ids[math.random(#ids)], {["Cookie"] = "zj_session=$COOKIE"})
end
LUA
  echo "== $user: GET /api/leads?status=active (first page of 50)"
  wrk -t2 -c"$CONNS" -d"$DURATION" --latency -H "Cookie: zj_session=$COOKIE" "$BASE/api/leads?status=active" \
    | grep -E '^ +(50|99)%|Requests/sec|Non-2xx'
  echo "== $user: GET /api/leads?status=active&severity=high&page=3"
  wrk -t2 -c"$CONNS" -d"$DURATION" --latency -H "Cookie: zj_session=$COOKIE" "$BASE/api/leads?status=active&severity=high&page=3" \
    | grep -E '^ +(50|99)%|Requests/sec|Non-2xx'
  echo "== $user: GET /api/leads/{id} (random among the first 200)"
  wrk -t2 -c"$CONNS" -d"$DURATION" --latency -s "$OUT/detail.lua" "$BASE" | grep -E '^ +(50|99)%|Requests/sec|Non-2xx'
done
