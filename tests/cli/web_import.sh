#!/usr/bin/env bash
# web_import.sh — the import page over HTTP (api_import.c) and in the browser
# (tests/browser/import.test.mjs): only clerk (数据管理员) and admin may import; a workbook
# of a source system is uploaded as the raw file with its name and a profile (or auto),
# and answered with the summary per feed; its rejected rows come back with sheet, cell,
# header and a Chinese reason, as JSON and as .xlsx; each account sees the rejects of its
# own uploads; the corrected file uploaded under the same name replaces them; files that
# are not spreadsheets, or match no profile, are refused with a Chinese reason. The import
# runs as a job of its own (202, GET /api/import/jobs/{id}; ?wait=1 answers its result):
# while the server holds one (one worker thread), it answers other requests and queues a
# second import behind it (202, queued); a job is seen by its uploader and the accounts
# whose scope holds the uploader's; stopping the server waits for the running import
# (web_import_queue.sh: the queue, the job list, a restart).
. "$(dirname "$0")/web_lib.bash"
seed_db
# an import stops at its first partial count until this file exists (api_import.c)
export ZJ_TEST_IMPORT_HOLD="$T/release-import"
echo 'clerkpass1' | "$ZJ" user add clerk --role clerk --scope 32 --password-stdin --db "$DB" >/dev/null
echo 'clerkpass2' | "$ZJ" user add clerk2 --role clerk --scope 33 --password-stdin --db "$DB" >/dev/null
start_server --quiet --threads 1
login clerk clerkpass1
login res1 respass123
login admin adminpass1
login clerk2 clerkpass2

# a prison's roster as its system exports it: two good rows, a sex and a birth date that
# cannot be read; then the corrected roster
mkdir -p "$T/bad" "$T/good" "$T/bad/xlsx" "$T/good/xlsx"
printf 'person_id,id_number,name,gender,birth_date\nW1,,王一,M,1980-01-05\nW2,130102198003151239,王二,F,1980-03-15\nW3,,王三,X,1981-02-03\nW4,,王四,M,2001-02-30\n' >"$T/bad/persons.csv"
printf 'person_id,id_number,name,gender,birth_date\nW1,,王一,M,1980-01-05\nW2,130102198003151239,王二,F,1980-03-15\nW3,,王三,M,1981-02-03\nW4,,王四,M,2001-02-28\n' >"$T/good/persons.csv"
"$ZJ" profile export prison_roster "$T/bad" "$T/bad/xlsx" >/dev/null
"$ZJ" profile export prison_roster "$T/good" "$T/good/xlsx" >/dev/null

# upload USER FILE NAME [PROFILE] [CONTENT-TYPE]: HTTP status, body in $T/body ($PROGRESS:
# the progress token; $ASYNC set: without ?wait=1, answered 202 with the job)
upload() {
  local wait='&wait=1'
  [ -n "${ASYNC:-}" ] && wait=
  curl -sS -o "$T/body" -w '%{http_code}' -b "$T/$1.jar" -H "X-CSRF-Token: $(cat "$T/$1.csrf")" \
    -H "Content-Type: ${5:-application/octet-stream}" --data-binary "@$2" \
    "$BASE/api/import/upload?name=$(python3 -c 'import sys,urllib.parse;print(urllib.parse.quote(sys.argv[1]))' "$3")&profile=${4:-auto}${PROGRESS:+&progress=$PROGRESS}$wait"
}

expect 200 clerk GET /api/profiles
[ "$(body_get "sorted(p['name'] for p in j)[:2]")" = '["cc_roster", "court_judgments"]' ] || fail "profiles"
expect 403 res1 GET /api/profiles
[ "$(upload res1 "$T/bad/xlsx/prison_roster.xlsx" 花名册.xlsx)" = 403 ] || fail "a resident may not import"
[ "$(http_code -b "$T/clerk.jar" -H 'Content-Type: application/octet-stream' --data-binary "@$T/bad/xlsx/prison_roster.xlsx" "$BASE/api/import/upload?name=a.xlsx")" = 403 ] \
  || fail "upload without CSRF"

[ "$(upload clerk "$T/bad/xlsx/prison_roster.xlsx" 花名册.xlsx)" = 200 ] || fail "upload: $(cat "$T/body")"
[ "$(body_get "j['profile']")" = prison_roster ] || fail "auto profile"
[ "$(body_get "[(f['feed'], f['read'], f['loaded'], f['rejected']) for f in j['feeds']]")" = '[["persons", 4, 2, 2]]' ] \
  || fail "summary: $(cat "$T/body")"
expect 200 clerk GET "/api/import/rejects?file=%E8%8A%B1%E5%90%8D%E5%86%8C.xlsx"
[ "$(body_get "[(x['cell'], x['source_column'], x['reason_zh']) for x in j]")" = \
  '[["C5", "性别", "无法识别的性别（应为男或女）“X”"], ["D6", "出生日期", "日期不存在“20010230”"]]' ] \
  || fail "rejects: $(cat "$T/body")"
[ "$(body_get "j[0]['where']")" = "文件 花名册.xlsx，工作表 监狱罪犯花名册，第 5 行，C 列（性别）" ] || fail "where"
code=$(curl -sS -o "$T/rej.xlsx" -w '%{http_code}' -b "$T/clerk.jar" "$BASE/api/import/rejects.xlsx?file=%E8%8A%B1%E5%90%8D%E5%86%8C.xlsx")
[ "$code" = 200 ] || fail "rejects.xlsx: HTTP $code"
python3 - "$T/rej.xlsx" <<'PY' || fail "rejects.xlsx content"
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
text = z.read("xl/worksheets/sheet1.xml").decode() + (z.read("xl/sharedStrings.xml").decode() if "xl/sharedStrings.xml" in z.namelist() else "")
for want in ("花名册.xlsx 导入退回的数据", "无法识别的性别", "第 6 行，D 列（出生日期）"):
    assert want in text, want
PY
# another account's rejects of a file with the same name are its own: none
expect 200 admin GET "/api/import/rejects?file=%E8%8A%B1%E5%90%8D%E5%86%8C.xlsx"
[ "$(body_get "len(j)")" = 0 ] || fail "admin sees the clerk's upload rejects"

# refused files
[ "$(upload clerk "$T/bad/persons.csv" notes.txt)" = 400 ] || fail "a .txt"
[ "$(body_get "j['message']")" = "只能导入 .xlsx、.xls 或 .csv 文件" ] || fail "the reason of a .txt"
printf 'PK\003\004broken' >"$T/broken.xlsx"
[ "$(upload clerk "$T/broken.xlsx" broken.xlsx prison_roster)" = 400 ] || fail "a broken workbook: $(cat "$T/body")"
[ "$(body_get "'无法读取' in j['message']")" = True ] || fail "the reason of a broken workbook"
printf '姓名,年龄\n张三,30\n' >"$T/other.csv"
[ "$(upload clerk "$T/other.csv" other.csv)" = 400 ] || fail "no profile fits"
[ "$(body_get "'没有与该文件表头相符的模板' in j['message']")" = True ] || fail "the reason when no profile fits"

# the corrected roster under the same name: its rejects replace the earlier ones; the
# import's progress under the token the page sent, for that account only
tok=0123456789abcdef-0123
[ "$(PROGRESS=$tok upload clerk "$T/good/xlsx/prison_roster.xlsx" 花名册.xlsx prison_roster)" = 200 ] || fail "corrected upload"
[ "$(body_get "[(f['loaded'], f['unchanged'], f['rejected']) for f in j['feeds']]")" = '[[2, 2, 0]]' ] || fail "corrected summary: $(cat "$T/body")"
expect 200 clerk GET "/api/import/progress?token=$tok"
[ "$(body_get "[j['what'], j['done'], j['total'], j['finished']]")" = '["花名册.xlsx → persons", 4, 4, true]' ] \
  || fail "progress: $(cat "$T/body")"
expect 404 admin GET "/api/import/progress?token=$tok"
expect 404 clerk GET "/api/import/progress?token=0123456789abcdef-9999"
expect 400 clerk GET "/api/import/progress?token=x%27"
expect 200 clerk GET "/api/import/rejects?file=%E8%8A%B1%E5%90%8D%E5%86%8C.xlsx"
[ "$(body_get "len(j)")" = 0 ] || fail "rejects not replaced"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM persons WHERE person_id LIKE 'W%'")" = 4 ] || fail "persons"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM audit_log WHERE action = 'import_upload' AND actor = 'clerk'")" = 2 ] || fail "audit"

# long_roster PREFIX DIR: a prison roster of 12,000 prisoners PREFIX00000… as DIR/xlsx/prison_roster.xlsx
long_roster() {
  mkdir -p "$2/xlsx"
  python3 -c "
print('person_id,id_number,name,gender,birth_date')
for i in range(12000): print(f'$1{i:05d},,长{i},M,1980-01-{i % 28 + 1:02d}')" >"$2/persons.csv"
  "$ZJ" profile export prison_roster "$2" "$2/xlsx" >/dev/null
}
# held: waits until the server holds the running import at its first partial count
held() {
  for _ in $(seq 1 1200); do [ -e "$ZJ_TEST_IMPORT_HOLD.held" ] && return 0; sleep 0.1; done
  fail "the import was never held"
}
# job_over USER ID: polls the job until it is over; its answer in $T/body
job_over() {
  for _ in $(seq 1 1200); do
    expect 200 "$1" GET "/api/import/jobs/$2"
    [ "$(body_get "j['state']")" != running ] && return 0
    sleep 0.1
  done
  fail "job $2 never ended"
}

# an import job held at its first partial count: the server (one worker thread) answers
# other requests, reports the job's progress, queues a second import; then the results
long_roster A "$T/longa"
[ "$(ASYNC=1 upload clerk "$T/longa/xlsx/prison_roster.xlsx" 长名单.xlsx prison_roster)" = 202 ] || fail "async upload: $(cat "$T/body")"
job=$(body_get "j['job']")
[ "$(body_get "j['state']")" = running ] || fail "202 answer: $(cat "$T/body")"
held
expect 200 res1 GET /api/me
expect 200 clerk GET /api/profiles
expect 200 clerk GET "/api/import/jobs/$job"
python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); assert j["state"] == "running" and j["what"] == "长名单.xlsx → persons" and 0 < j["done"] < j["total"] and "result" not in j, j' "$T/body" \
  || fail "a running job: $(cat "$T/body")"
[ "$(ASYNC=1 upload clerk "$T/good/xlsx/prison_roster.xlsx" 花名册.xlsx prison_roster)" = 202 ] || fail "a second import while one runs: $(cat "$T/body")"
job2=$(body_get "j['job']")
[ "$(body_get "[j['job'] > $job, j['state'], j['ahead']]")" = '[true, "queued", 1]' ] || fail "the second import is not queued: $(cat "$T/body")"
expect 200 admin GET "/api/import/jobs/$job"  # the country's scope holds the clerk's
[ "$(body_get "[j['account'], j['state']]")" = '["clerk", "running"]' ] || fail "admin's view: $(cat "$T/body")"
expect 404 clerk2 GET "/api/import/jobs/$job"  # another province's clerk
expect 404 clerk GET "/api/import/jobs/99999"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM audit_log WHERE action = 'import_job'")" = 0 ] || fail "progress polls are audited"
touch "$ZJ_TEST_IMPORT_HOLD"
job_over clerk "$job"
python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); r=j["result"]; assert j["state"] == "done" and j["status"] == 200 and j["done"] == 12000 and r["file"] == "长名单.xlsx" and [(f["feed"], f["read"], f["loaded"], f["rejected"]) for f in r["feeds"]] == [("persons", 12000, 12000, 0)], j' "$T/body" \
  || fail "the job's result: $(cat "$T/body")"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM persons WHERE person_id LIKE 'A%'")" = 12000 ] || fail "the job's rows"
first_finished=$(body_get "j['finished']")
job_over clerk "$job2"  # the queued upload ran after the first
python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); r=j["result"]; assert j["state"] == "done" and j["started"] >= sys.argv[2] and r["file"] == "花名册.xlsx" and [(f["feed"], f["unchanged"]) for f in r["feeds"]] == [("persons", 4)], j' "$T/body" "$first_finished" \
  || fail "the queued job's result: $(cat "$T/body")"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM audit_log WHERE action = 'import_upload' AND actor = 'clerk' AND detail LIKE '长名单.xlsx via prison_roster: 0 rejected; job $job'")" = 1 ] || fail "the job's import is not audited"
for _ in $(seq 1 100); do  # the audit writer appends reads in batches
  [ "$(sqlite3 "$DB" "SELECT count(*) FROM audit_log WHERE action = 'import_job' AND actor = 'clerk' AND object = 'job:$job'")" -ge 1 ] && break; sleep 0.1
done
[ "$(sqlite3 "$DB" "SELECT count(*) FROM audit_log WHERE action = 'import_job' AND actor = 'clerk' AND object = 'job:$job'")" -ge 1 ] || fail "the read of the result is not audited"
# a job that fails: an unreadable workbook read through a chosen profile
[ "$(ASYNC=1 upload clerk "$T/broken.xlsx" broken.xlsx prison_roster)" = 202 ] || fail "async broken: $(cat "$T/body")"
job_over clerk "$(body_get "j['job']")"
[ "$(body_get "[j['state'], j['status'], '无法读取' in j['result']['message']]")" = '["failed", 400, true]' ] || fail "failed job: $(cat "$T/body")"
rm -f "$ZJ_TEST_IMPORT_HOLD" "$ZJ_TEST_IMPORT_HOLD.held"

# the browser: upload, summary, rejects, corrected re-upload; the progress of a long roster
# (12,000 prisoners) seen on the page while the server holds the import at its first count
if browser_ready; then
  mkdir -p "$T/b1" "$T/b2"
  long_roster L "$T/long"
  cp "$T/bad/xlsx/prison_roster.xlsx" "$T/b1/罪犯名单.xlsx"
  cp "$T/good/xlsx/prison_roster.xlsx" "$T/b2/罪犯名单.xlsx"
  sqlite3 "$DB" "DELETE FROM persons WHERE person_id LIKE 'W%'"
  ARTIFACTS="${ZJ_BUILD:-$T}/artifacts/import"
  rm -rf "$ARTIFACTS"; mkdir -p "$ARTIFACTS"
  BASE=$BASE ARTIFACTS=$ARTIFACTS BAD="$T/b1/罪犯名单.xlsx" GOOD="$T/b2/罪犯名单.xlsx" \
    LONG="$T/long/xlsx/prison_roster.xlsx" RELEASE="$ZJ_TEST_IMPORT_HOLD" HOME=$T timeout 240 \
    node "$BROWSER_DIR/import.test.mjs" || fail "browser test failed (screenshots in $ARTIFACTS)"
  [ "$(sqlite3 "$DB" "SELECT count(*) FROM persons WHERE person_id LIKE 'W%'")" = 4 ] || fail "persons after the browser"
  [ "$(sqlite3 "$DB" "SELECT count(*) FROM persons WHERE person_id LIKE 'L%'")" = 12000 ] || fail "the long roster"
  rm -f "$ZJ_TEST_IMPORT_HOLD" "$ZJ_TEST_IMPORT_HOLD.held"
else
  echo "web_import: browser part skipped (node or chromium missing)" >&2
fi

# stopping the server while an import runs: the server waits for it, so the file is in
long_roster B "$T/longb"
login clerk clerkpass1  # the browser's login ended this session
[ "$(ASYNC=1 upload clerk "$T/longb/xlsx/prison_roster.xlsx" 停止.xlsx prison_roster)" = 202 ] || fail "async upload before stop"
held
kill -TERM "$SERVER_PID"
touch "$ZJ_TEST_IMPORT_HOLD"
wait "$SERVER_PID" || fail "the server's exit status after SIGTERM"
SERVER_PID=
[ "$(sqlite3 "$DB" "SELECT count(*) FROM persons WHERE person_id LIKE 'B%'")" = 12000 ] || fail "the import running at the stop is not complete"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM audit_log WHERE action = 'import_upload' AND detail LIKE '停止.xlsx via %'")" = 1 ] || fail "the import running at the stop is not audited"
"$ZJ" audit verify --db "$DB" >/dev/null || fail "audit chain"
echo ok
