#!/usr/bin/env bash
# web_audit.sh — the audit log is append-only (triggers refuse UPDATE and DELETE) and
# `zhijian audit verify` detects an altered or a removed entry (after the trigger is
# dropped with sqlite3), exiting 1 and naming the first bad entry.
. "$(dirname "$0")/web_lib.bash"
seed_db
"$ZJ" audit verify --db "$DB" > "$T/v" || fail "fresh log does not verify"
grep -q 'intact: 5 entries' "$T/v" || fail "expected 5 entries: $(cat "$T/v")"
"$ZJ" audit list --db "$DB" > "$T/list" || fail "audit list"
grep -q 'add res1 role=resident scope=P3201' "$T/list" || fail "audit list: $(cat "$T/list")"

# append-only
sqlite3 "$DB" "UPDATE audit_log SET detail = 'x' WHERE seq = 2" 2>/dev/null && fail "update allowed"
sqlite3 "$DB" "DELETE FROM audit_log WHERE seq = 2" 2>/dev/null && fail "delete allowed"
"$ZJ" audit verify --db "$DB" >/dev/null || fail "refused changes broke the log"

# verify_tampered NAME SQL: `audit verify` over a copy of the database changed by SQL; its
# exit code in $rc, its output in $T/v
verify_tampered() {
  cp "$DB" "$T/$1.db"
  sqlite3 "$T/$1.db" "$2"
  set +e
  "$ZJ" audit verify --db "$T/$1.db" > "$T/v"; rc=$?
  set -e
}

# altered entry
verify_tampered alter "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET detail = 'add res1 role=admin scope=country' WHERE seq = 3"
[ "$rc" = 1 ] || fail "altered entry: exit $rc"
grep -q 'broken at entry 3' "$T/v" || fail "altered entry not named: $(cat "$T/v")"

# altered entry with a recomputed own hash still breaks the link to the next one
# (the first two digits always changed: a hash that began with 00 was left as it was, 1 run in 256)
verify_tampered rehash "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET hash = CASE WHEN substr(hash, 1, 2) = '00' THEN 'ff' ELSE '00' END || substr(hash, 3) WHERE seq = 2"
[ "$rc" = 1 ] && grep -q 'broken at entry 2' "$T/v" || fail "changed hash not detected: $(cat "$T/v")"

# removed entry
verify_tampered remove "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = 2"
[ "$rc" = 1 ] || fail "removed entry: exit $rc"
grep -q 'broken at entry 2' "$T/v" || fail "removed entry not named: $(cat "$T/v")"

# removed and renumbered: the next entry's prev_hash no longer matches
verify_tampered renum "DROP TRIGGER audit_log_no_delete; DROP TRIGGER audit_log_no_update;
  DELETE FROM audit_log WHERE seq = 2; UPDATE audit_log SET seq = seq - 1 WHERE seq > 2"
[ "$rc" = 1 ] && grep -q 'broken at entry 2' "$T/v" || fail "renumbered removal not detected: $(cat "$T/v")"

# entries cut off the end: the chain alone is intact, the anchor (head kept outside) is not
"$ZJ" audit verify --db "$DB" > "$T/v" || fail "verify before truncation"
head=$(sed -n 's/^head: //p' "$T/v")
[ -n "$head" ] || fail "verify prints no head: $(cat "$T/v")"
"$ZJ" audit verify --anchor "$head" --db "$DB" >/dev/null || fail "anchor of an intact log refused"
cp "$DB" "$T/trunc.db"
sqlite3 "$T/trunc.db" "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)"
"$ZJ" audit verify --db "$T/trunc.db" >/dev/null || fail "truncated chain should still walk"
set +e
"$ZJ" audit verify --anchor "$head" --db "$T/trunc.db" > "$T/v"; rc=$?
set -e
[ "$rc" = 1 ] && grep -q 'anchored entry .* is gone' "$T/v" || fail "truncation not detected with the anchor: $(cat "$T/v")"

# usage
set +e
"$ZJ" audit frobnicate --db "$DB" 2>/dev/null; rc=$?
set -e
[ "$rc" = 2 ] || fail "unknown action: exit $rc"
echo "web_audit: all checks passed"
