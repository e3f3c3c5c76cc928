#!/usr/bin/env bash
# web_user.sh — `zhijian user add` and `user list`: generated and stdin passwords, roles,
# scopes, usage errors (exit 2), duplicates (exit 1), the warning for an unknown facility,
# and that the generated password logs in.
. "$(dirname "$0")/web_lib.bash"
"$ZJ" user add boss --role leader --scope 32 --db "$DB" > "$T/out" || fail "user add"
grep -q "account 'boss' created: role leader, scope region:32" "$T/out" || fail "summary: $(cat "$T/out")"
PW=$(sed -n 's/^password: //p' "$T/out")
[ ${#PW} -ge 12 ] || fail "generated password too short: '$PW'"
echo 'secret-pass-1' | "$ZJ" user add res --role resident --scope facility:F404 --password-stdin --db "$DB" \
  > /dev/null 2> "$T/err" || fail "user add resident"
grep -q "facility 'F404' is not in the database" "$T/err" || fail "no warning for an unknown facility"
set +e
"$ZJ" user add boss --role leader --scope 32 --db "$DB" >/dev/null 2>&1; [ $? = 1 ] || fail "duplicate: exit"
"$ZJ" user add x --role king --scope 32 --db "$DB" >/dev/null 2>&1; [ $? = 2 ] || fail "bad role: exit"
"$ZJ" user add x --role admin --db "$DB" >/dev/null 2>&1; [ $? = 2 ] || fail "missing scope: exit"
"$ZJ" user add x --role admin --scope 'a b' --db "$DB" >/dev/null 2>&1; [ $? = 2 ] || fail "bad scope: exit"
echo 'short' | "$ZJ" user add y --role admin --scope country --password-stdin --db "$DB" >/dev/null 2>&1
[ $? = 1 ] || fail "short password: exit"
"$ZJ" user frob --db "$DB" >/dev/null 2>&1; [ $? = 2 ] || fail "unknown action: exit"
set -e
"$ZJ" user list --db "$DB" > "$T/list"
[ "$(wc -l < "$T/list")" = 2 ] || fail "user list: $(cat "$T/list")"
grep -q $'^res\tresident\tfacility:F404$' "$T/list" || fail "user list row: $(cat "$T/list")"
start_server --quiet
login boss "$PW"
expect 200 boss GET /api/me
[ "$(body_get "j['role_label']")" = 领导 ] || fail "role label"
echo "web_user: all checks passed"
