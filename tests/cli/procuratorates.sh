#!/usr/bin/env bash
# procuratorates.sh — `zhijian procuratorate`: seed from the facilities feed (full names,
# levels, parents), add, set (short name, reply period), assign an account, list; usage
# errors exit 2, unknown ids exit 1; every change is in the audit log.
. "$(dirname "$0")/web_lib.bash"
"$ZJ" user list --db "$DB" >/dev/null
sqlite3 "$DB" <<'SQL'
INSERT INTO facilities(facility_id, name, kind, region_code) VALUES
 ('Y320000', '江苏省人民检察院', 'procuratorate', '320000'),
 ('Y320100', '南京市人民检察院', 'procuratorate', '320100'),
 ('Y320102', '南京市玄武区人民检察院', 'procuratorate', '320102'),
 ('P3201', '江苏省南京监狱', 'prison', '320100');
SQL
"$ZJ" procuratorate seed --db "$DB" > "$T/out" || fail "seed"
grep -q '^3 procuratorates created$' "$T/out" || fail "seed count: $(cat "$T/out")"
"$ZJ" procuratorate seed --db "$DB" > "$T/out" || fail "seed again"
grep -q '^0 procuratorates created$' "$T/out" || fail "seed twice: $(cat "$T/out")"
"$ZJ" procuratorate list --db "$DB" > "$T/list"
grep -q $'^Y320102\t江苏省南京市玄武区人民检察院\t南玄检\t基层\t320102\tY320100\t15天\t0个账户$' "$T/list" \
  || fail "list row: $(cat "$T/list")"
"$ZJ" procuratorate set Y320102 --short-name 宁玄检 --reply-days 10 --db "$DB" >/dev/null || fail "set"
"$ZJ" procuratorate add Y320500 --name 江苏省苏州市人民检察院 --short-name 苏州检 --level municipal \
  --region 320500 --parent Y320000 --db "$DB" >/dev/null || fail "add"
echo 'respass123' | "$ZJ" user add res1 --role resident --scope P3201 --password-stdin --db "$DB" >/dev/null
"$ZJ" procuratorate assign res1 --to Y320102 --db "$DB" >/dev/null || fail "assign"
"$ZJ" procuratorate list --format json --db "$DB" > "$T/json"
python3 - "$T/json" <<'PY' || fail "json list"
import json, sys
a = {p['procuratorate_id']: p for p in json.load(open(sys.argv[1]))}
assert a['Y320102']['short_name'] == '宁玄检' and a['Y320102']['reply_days'] == 10, a['Y320102']
assert a['Y320102']['accounts'] == 1
assert a['Y320500']['level'] == 'municipal' and a['Y320500']['parent_id'] == 'Y320000'
assert a['Y320000']['level_label'] == '省级' and a['Y320000'].get('parent_id') is None
PY
set +e
"$ZJ" procuratorate add Y1 --name x --db "$DB" >/dev/null 2>&1; [ $? = 2 ] || fail "add without fields: exit"
"$ZJ" procuratorate add Y1 --name x --short-name y --level county --region 320102 --db "$DB" >/dev/null 2>&1
[ $? = 2 ] || fail "unknown level: exit"
"$ZJ" procuratorate add Y1 --name x --short-name y --level basic --region 3201 --db "$DB" >/dev/null 2>&1
[ $? = 1 ] || fail "bad region: exit"
"$ZJ" procuratorate add Y320500 --name x --short-name y --level basic --region 320505 --db "$DB" >/dev/null 2>&1
[ $? = 1 ] || fail "duplicate: exit"
"$ZJ" procuratorate set Y999 --short-name y --db "$DB" >/dev/null 2>"$T/err"; [ $? = 1 ] || fail "set unknown: exit"
grep -q "no procuratorate 'Y999'" "$T/err" || fail "set unknown: $(cat "$T/err")"
"$ZJ" procuratorate assign res1 --db "$DB" >/dev/null 2>&1; [ $? = 2 ] || fail "assign without --to: exit"
"$ZJ" procuratorate assign ghost --to Y320102 --db "$DB" >/dev/null 2>&1; [ $? = 1 ] || fail "assign ghost: exit"
"$ZJ" procuratorate frob --db "$DB" >/dev/null 2>&1; [ $? = 2 ] || fail "unknown action: exit"
set -e
[ "$(sqlite3 "$DB" "SELECT count(*) FROM audit_log WHERE object IN ('procuratorates', 'res1')")" -ge 5 ] \
  || fail "audited"
"$ZJ" procuratorate assign res1 --none --db "$DB" >/dev/null || fail "assign --none"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM accounts WHERE procuratorate_id IS NOT NULL")" = 0 ] || fail "--none"
echo "procuratorates: all checks passed"
