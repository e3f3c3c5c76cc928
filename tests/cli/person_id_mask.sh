#!/usr/bin/env bash
# person_id_mask.sh — `zhijian person` shows the resident ID number masked (workflow.md
# "Accounts, scope and audit"); --show-id prints it in full and records the read in the
# audit log under --actor; a sealed person still needs --purpose, and stays masked with it
# unless --show-id.
. "$(dirname "$0")/web_lib.bash"
seed_db
sqlite3 "$DB" < "$ZJ_SOURCE_DIR/tests/cli/sealed_seed.sql" || fail "sealed_seed.sql"
reads() { sqlite3 "$DB" "SELECT count(*) FROM audit_log WHERE action = 'read_id_number' $1"; }

"$ZJ" person R001 --db "$DB" --as-of 2025-07-01 >"$T/p.out" || fail "zhijian person R001"
grep -q '^人员 R001  张三 .* 身份证 110105\*\*\*\*\*\*\*\*1234 ' "$T/p.out" || fail "not masked: $(head -1 "$T/p.out")"
grep -q '110105198001011234' "$T/p.out" && fail "the full ID number is shown without --show-id"
[ "$(reads '')" = 0 ] || fail "a masked read is audited as read_id_number"

"$ZJ" person R001 --db "$DB" --as-of 2025-07-01 --show-id --actor clerk1 >"$T/p.out" || fail "person --show-id"
grep -q '^人员 R001  张三 .* 身份证 110105198001011234 ' "$T/p.out" || fail "--show-id: $(head -1 "$T/p.out")"
[ "$(reads "AND actor = 'clerk1' AND object = 'R001'")" = 1 ] || fail "--show-id is not audited with its actor"
"$ZJ" audit verify --db "$DB" >/dev/null || fail "audit chain broken"

# the picture formats carry no ID number: --show-id there records nothing
"$ZJ" person R001 --db "$DB" --as-of 2025-07-01 --format svg --show-id >"$T/p.svg" || fail "person --format svg"
grep -q '110105198001011234' "$T/p.svg" && fail "the SVG shows the ID number"
[ "$(reads '')" = 1 ] || fail "an SVG is audited as an ID number read"

# sealed: --purpose first, whatever --show-id says; masked with the purpose alone
"$ZJ" person R900 --db "$DB" --as-of 2025-07-01 --show-id >"$T/p.out" 2>"$T/p.err" && fail "sealed person without --purpose"
grep -q '320102200801011235' "$T/p.out" && fail "sealed person's ID number shown without a purpose"
[ "$(reads '')" = 1 ] || fail "a refused read is audited"
"$ZJ" person R900 --db "$DB" --as-of 2025-07-01 --purpose 办案需要 >"$T/p.out" || fail "sealed with --purpose"
grep -q '身份证 320102\*\*\*\*\*\*\*\*1235 .*已封存' "$T/p.out" || fail "sealed, purpose: $(head -1 "$T/p.out")"
"$ZJ" person R900 --db "$DB" --as-of 2025-07-01 --purpose 办案需要 --show-id --actor clerk2 >"$T/p.out" || fail "sealed --show-id"
grep -q '身份证 320102200801011235 .*已封存' "$T/p.out" || fail "sealed, --show-id: $(head -1 "$T/p.out")"
[ "$(reads "AND actor = 'clerk2' AND object = 'R900'")" = 1 ] || fail "sealed --show-id not audited"
echo ok
