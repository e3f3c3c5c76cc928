# web_lib.bash — helpers sourced by the web tests (tests/cli/web_*.sh; not a test itself). Starts `zhijian serve` on an ephemeral loopback port over a seeded database.
# Needs: ZJ (the program), ZJ_SOURCE_DIR; curl and python3.
set -euo pipefail
: "${ZJ:?ZJ must point at the zhijian program}"
: "${ZJ_SOURCE_DIR:?}"
T=$(mktemp -d "${TMPDIR:-/tmp}/zjweb.XXXXXX")
DB=$T/zj.db
SERVER_PID=
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$T"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; [ -f "$T/server.err" ] && tail -20 "$T/server.err" >&2; exit 1; }

# seed_db: migrations, the seed data and the accounts of the tests.
seed_db() {
  echo 'adminpass1' | "$ZJ" user add admin --role admin --scope country --password-stdin --db "$DB" >/dev/null
  sqlite3 "$DB" < "$ZJ_SOURCE_DIR/tests/cli/web_seed.sql"
  echo 'respass123' | "$ZJ" user add res1 --role resident --scope P3201 --password-stdin --db "$DB" >/dev/null
  echo 'respass234' | "$ZJ" user add res2 --role resident --scope facility:P3205 --password-stdin --db "$DB" >/dev/null
  echo 'leadpass12' | "$ZJ" user add lead --role leader --scope 32 --password-stdin --db "$DB" >/dev/null
  echo 'anapass123' | "$ZJ" user add ana --role analyst --scope country --password-stdin --db "$DB" >/dev/null
}

# browser_ready: true when node and Debian's chromium are there; installs playwright-core
# (never a browser) with `npm ci` once, under a lock, so browser tests that CTest runs in
# parallel do not install over each other. Sets BROWSER_DIR.
BROWSER_DIR="$ZJ_SOURCE_DIR/tests/browser"
browser_ready() {
  command -v node >/dev/null && [ -x /usr/bin/chromium ] || return 1
  mkdir -p "${ZJ_BUILD:-$T}"
  flock "${ZJ_BUILD:-$T}/npm.lock" bash -c '
    [ -d "$1/node_modules/playwright-core" ] ||
      PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --prefix "$1" --no-audit --no-fund --prefer-offline >&2' _ "$BROWSER_DIR" \
    || fail "npm ci failed"
}

# start_server [extra args]: sets BASE.
start_server() {
  # emptied here, not only by the child's redirection: after a restart the old server's
  # "serving on" must not be read before the new server's shell has truncated the files
  : >"$T/server.out"
  : >"$T/server.err"
  "$ZJ" serve --db "$DB" --listen 127.0.0.1:0 --as-of 2025-07-01 --threads 4 "$@" >"$T/server.out" 2>"$T/server.err" &
  SERVER_PID=$!
  for _ in $(seq 1 600); do  # a loaded machine may take a while: bounded at 60 s
    grep -q 'serving on' "$T/server.out" 2>/dev/null && break
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
  done
  PORT=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$T/server.out")
  if [ -z "$PORT" ]; then  # say how: exited (its status; 143 = SIGTERM, 137 = SIGKILL) or silent
    local how=running st=0
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      wait "$SERVER_PID" || st=$?
      how="exited with status $st"
      SERVER_PID=
    fi
    fail "server did not start ($how; stdout: $(head -c 300 "$T/server.out"))"
  fi
  BASE=http://127.0.0.1:$PORT
}

# login NAME PASSWORD: cookie jar $T/NAME.jar, CSRF token in $T/NAME.csrf
login() {
  curl -sS -c "$T/$1.jar" -o "$T/$1.login" -w '%{http_code}' -H 'Content-Type: application/json' \
    -d "{\"name\":\"$1\",\"password\":\"$2\"}" "$BASE/api/login" > "$T/$1.code"
  [ "$(cat "$T/$1.code")" = 200 ] || fail "login $1: HTTP $(cat "$T/$1.code")"
  jget "j['csrf']" < "$T/$1.login" > "$T/$1.csrf"
}

# req USER METHOD PATH [BODY]: prints the HTTP status; the body goes to $T/body
req() {
  local user=$1 method=$2 path=$3 body=${4:-}
  local args=(-sS -o "$T/body" -w '%{http_code}' -X "$method")
  [ "$user" != - ] && args+=(-b "$T/$user.jar")
  if [ "$method" != GET ]; then
    args+=(-H 'Content-Type: application/json' --data-binary "$body")
    [ "$user" != - ] && args+=(-H "X-CSRF-Token: $(cat "$T/$user.csrf")")
  fi
  curl "${args[@]}" "$BASE$path"
}

# http_code CURL_ARGS...: prints the HTTP status of a hand-made request (the body is dropped)
http_code() { curl -sS -o /dev/null -w '%{http_code}' "$@"; }

# expect STATUS USER METHOD PATH [BODY]
expect() {
  local want=$1; shift
  local got
  got=$(req "$@")
  [ "$got" = "$want" ] || fail "$* -> HTTP $got, expected $want: $(head -c 300 "$T/body")"
}

# jget EXPR: evaluate a Python expression over the JSON on stdin bound to j.
jget() { python3 -c "import json,sys; j=json.load(sys.stdin); v=$1; print(v if not isinstance(v,(dict,list)) else json.dumps(v, ensure_ascii=False))"; }
body_get() { jget "$1" < "$T/body"; }
