#!/usr/bin/env bash
# models2_user.sh — a user model added as a file, without rebuilding, appears in
# `zhijian models` and raises its leads in the next `zhijian screen`; a broken model file is
# reported with its name and line and skipped; `zhijian models --stats` counts the leads.
set -eu
: "${ZJ:?path to zhijian}" "${ZJ_SOURCE_DIR:?source dir}"
fx="$ZJ_SOURCE_DIR/tests/fixtures/models2/user"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
mkdir models
export ZJ_MODELS_DIR="$work/models"
fail() { echo "FAIL: $*" >&2; exit 1; }

"$ZJ" import "$fx" --db t.db --as-of 2025-06-30 >import.out 2>&1 || { cat import.out; fail "import"; }

# before: no user model in the catalog
"$ZJ" models >models0.out 2>models0.err
grep -q 'U-DRIVE-01' models0.out && fail "U-DRIVE-01 listed before its file was added"

# add the shipped example and a broken file (bad SQL on line 4)
cp "$ZJ_SOURCE_DIR/models/drive_after_revocation.sql" models/
printf -- '-- id: U-BROKEN-01\n-- name: 坏模型\n-- basis: 测试\nSELECT subject FROM no_such_table;\n' >models/broken.sql

"$ZJ" models >models1.out 2>models1.err || fail "models exit status"
grep -q 'U-DRIVE-01' models1.out || fail "U-DRIVE-01 not listed"
grep -q 'drive_after_revocation.sql' models1.out || fail "source file not shown"
grep -q 'U-BROKEN-01' models1.out && fail "broken model listed"
grep -q 'broken.sql:4: ' models1.err || { cat models1.err; fail "broken file not reported with line"; }
"$ZJ" models --format json | grep -q '"source": *"[^"]*drive_after_revocation.sql"' || fail "json source"

# a file reusing a built-in id is skipped; one that fails only when it runs (malformed
# JSON built from the data) is reported during the screening, which still succeeds
printf -- '-- id: CC-01\n-- name: 冒名\n-- basis: 测试\nSELECT cc_id AS subject, cc_id AS summary, json_object() AS evidence FROM corrections;\n' >models/clash.sql
printf -- '-- id: U-RUNTIME-01\n-- name: 运行出错\n-- basis: 测试\nSELECT cc_id AS subject, cc_id AS summary, json(cc_id) AS evidence FROM corrections;\n' >models/runtime.sql
"$ZJ" models >models2.out 2>models2.err || fail "models with a clash"
grep -q "clash.sql:1: model id 'CC-01' is a built-in model" models2.err || { cat models2.err; fail "clash not reported"; }
[ "$(grep -c '^CC-01 ' models2.out)" = 1 ] || fail "CC-01 listed twice"

"$ZJ" screen --db t.db --as-of 2025-06-30 >screen.out 2>screen.err || { cat screen.err; fail "screen"; }
grep -q 'broken.sql:4: ' screen.err || fail "screen did not report the broken file"
grep -q "model 'U-RUNTIME-01'" screen.err || { cat screen.err; fail "runtime error not reported"; }
grep -q '^U-RUNTIME-01 *0 ' screen.out || { cat screen.out; fail "runtime-failing model raised leads"; }
grep -q '^U-DRIVE-01 *1 ' screen.out || { cat screen.out; fail "U-DRIVE-01 not in the screening summary"; }
rm models/clash.sql models/runtime.sql
# the index U-DRIVE-01 declares (`-- index:`): created by the screening, and by an import
# into a new database before its rows
user_index() { sqlite3 "$1" "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name LIKE 'zj_user_%' AND tbl_name = 'cc_events' AND sql LIKE '%WHERE detail LIKE%'"; }
[ "$(user_index t.db)" = 1 ] || fail "the screening did not create U-DRIVE-01's index"
"$ZJ" import "$fx" --db u.db --as-of 2025-06-30 >/dev/null 2>&1 || fail "import into a new database"
[ "$(user_index u.db)" = 1 ] || fail "the import did not create U-DRIVE-01's index"
# models check: the declared index present, read instead of the table; a model without
# one reads its table whole
"$ZJ" models check --db t.db --as-of 2025-06-30 >check.out 2>/dev/null || fail "models check"
grep -q '声明的索引 zj_user_[0-9a-f]*：cc_events(.*（已建立）' check.out || { cat check.out; fail "check: index"; }
grep -q '整体读取：索引 zj_user_[0-9a-f]*（表 cc_events' check.out || { cat check.out; fail "check: plan"; }
grep -q '整体读取：表 cc_events' check.out && { cat check.out; fail "check: U-DRIVE-01 reads cc_events whole"; }
printf -- '-- id: U-WHOLE-01\n-- name: 全表\n-- basis: 测试\nSELECT cc_id AS subject, cc_id AS summary, json_object() AS evidence FROM corrections WHERE basis = %sparole%s;\n' "'" "'" >models/whole.sql
"$ZJ" models check --db t.db --as-of 2025-06-30 >check2.out 2>/dev/null || fail "models check"
sed -n '/^U-WHOLE-01 /,/^U-[A-Z]/p' check2.out | grep -q '整体读取：.*corrections' || { cat check2.out; fail "check: U-WHOLE-01 reads corrections whole"; }
rm models/whole.sql
"$ZJ" leads --db t.db --model U-DRIVE-01 --format csv >leads.csv || fail "leads"
grep -q '^U-DRIVE-01,CCV1,V1,A1,' leads.csv || { cat leads.csv; fail "no U-DRIVE-01 lead on CCV1"; }
grep -q ',CCV2,' leads.csv && fail "near miss CCV2 (vehicle on the revocation day) fired"
grep -q ',CCV3,' leads.csv && fail "CCV3 (no revocation) fired"

"$ZJ" models --stats --db t.db >stats.out || fail "models --stats"
grep -Eq '^U-DRIVE-01 +1 +1 +0 +0 +0 +0\.0%' stats.out || { cat stats.out; fail "stats row"; }
"$ZJ" models --stats --db t.db --format json | grep -q '"model_id": "U-DRIVE-01"' || fail "stats json"

# a model with a scope marker: in an incremental run it sees the changed persons only
# (its count over the query is 1) and leaves the others' leads open and as they were
printf -- '-- id: U-SCOPE-01\n-- name: 范围\n-- basis: 测试\n-- subject: person_id\nSELECT person_id AS subject, person_id, printf(%sseen %%d%s, count(*) OVER ()) AS summary, json_object(%sn%s, 1) AS evidence FROM persons WHERE 1 /*scope person_id*/;\n' "'" "'" "'" "'" >models/scope.sql
"$ZJ" screen --db t.db --as-of 2025-06-30 --full >/dev/null 2>&1 || fail "full screen with U-SCOPE-01"
n=$(sqlite3 t.db "SELECT count(*) FROM persons")
p=$(sqlite3 t.db "SELECT min(person_id) FROM persons")
[ "$(sqlite3 t.db "SELECT count(*) FROM leads WHERE model_id = 'U-SCOPE-01' AND summary = 'seen $n' AND status = 'open'")" = "$n" ] ||
    fail "U-SCOPE-01 full run: $n leads 'seen $n' expected"
# the person's name corrected by an import: the person changed, and the table the model reads
mkdir day
{ head -1 "$fx/persons.csv"; grep "^$p," "$fx/persons.csv" | sed 's/,张/,章/'; } >day/persons.csv
"$ZJ" import day --db t.db --as-of 2025-06-30 >/dev/null 2>&1 || fail "import the corrected name"
[ "$(sqlite3 t.db "SELECT count(*) FROM changed_persons")" = 1 ] || fail "the import changed not one person"
"$ZJ" screen --db t.db --as-of 2025-06-30 >/dev/null 2>&1 || fail "incremental screen with U-SCOPE-01"
[ "$(sqlite3 t.db "SELECT summary FROM leads WHERE model_id = 'U-SCOPE-01' AND subject = '$p'")" = "seen 1" ] ||
    fail "U-SCOPE-01 incremental run was not scoped to the changed person"
[ "$(sqlite3 t.db "SELECT count(*) FROM leads WHERE model_id = 'U-SCOPE-01' AND status = 'open' AND summary = 'seen $n'")" = "$((n - 1))" ] ||
    fail "U-SCOPE-01 incremental run changed the leads of persons outside its scope"
rm models/scope.sql

# the file removed: gone from the catalog at the next run, without rebuilding
rm models/drive_after_revocation.sql
"$ZJ" models 2>/dev/null | grep -q 'U-DRIVE-01' && fail "removed model still listed"
"$ZJ" models check --db t.db 2>/dev/null | grep -q '未被任何模型文件声明的索引：zj_user_[0-9a-f]*（表 cc_events' ||
    fail "check: the index of the removed file not reported"
echo ok
