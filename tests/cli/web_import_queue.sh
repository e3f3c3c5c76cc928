#!/usr/bin/env bash
# web_import_queue.sh — the import queue over HTTP (api_import.c, schema_import_jobs.sql):
# workbooks uploaded in a row are all accepted (202) and imported one at a time in the
# order they came; the job list shows them queued, running, done or failed with the
# summary or the error, to the uploader and to the accounts whose scope holds the
# uploader's (a province's clerk sees its city clerk's jobs, not the reverse, and another
# province's clerk none); the jobs are recorded in the database, so after a restart a
# finished job's result is still read; a job the server was running when it was killed is
# failed with the reason and none of its rows are in (one transaction per file); an upload
# is in the spool (DB-spool/) before it is answered, even while an import holds the write
# lock, so a job queued behind the killed import, or left queued at a stop, runs after the
# restart. The server holds each import at its first partial count until
# $ZJ_TEST_IMPORT_HOLD exists, so no timing decides the states seen.
. "$(dirname "$0")/web_lib.bash"
seed_db
export ZJ_TEST_IMPORT_HOLD="$T/release-import"
# the server spools uploads beside the database: here, so whatever a kill -9 strands goes too
SPOOL=$DB-spool
echo 'clerkpass1' | "$ZJ" user add clerk --role clerk --scope 32 --password-stdin --db "$DB" >/dev/null
echo 'clerkpass3' | "$ZJ" user add clerk3 --role clerk --scope 3201 --password-stdin --db "$DB" >/dev/null
echo 'clerkpass2' | "$ZJ" user add clerk2 --role clerk --scope 33 --password-stdin --db "$DB" >/dev/null
logins() { login clerk clerkpass1; login clerk3 clerkpass3; login clerk2 clerkpass2; login admin adminpass1; }

# roster PREFIX N DIR: a prison roster of N prisoners PREFIX00000… as DIR/xlsx/prison_roster.xlsx
roster() {
  mkdir -p "$3/xlsx"
  python3 -c "
print('person_id,id_number,name,gender,birth_date')
for i in range($2): print(f'$1{i:05d},,队{i},M,1980-01-{i % 28 + 1:02d}')" >"$3/persons.csv"
  "$ZJ" profile export prison_roster "$3" "$3/xlsx" >/dev/null
}
# upload USER FILE NAME: without waiting (202 and the job); HTTP status, body in $T/body
upload() {
  curl -sS -o "$T/body" -w '%{http_code}' -b "$T/$1.jar" -H "X-CSRF-Token: $(cat "$T/$1.csrf")" \
    -H "Content-Type: application/octet-stream" --data-binary "@$2" \
    "$BASE/api/import/upload?name=$(python3 -c 'import sys,urllib.parse;print(urllib.parse.quote(sys.argv[1]))' "$3")&profile=prison_roster"
}
held() {
  for _ in $(seq 1 1200); do [ -e "$ZJ_TEST_IMPORT_HOLD.held" ] && return 0; sleep 0.1; done
  fail "the import was never held"
}
hold() { rm -f "$ZJ_TEST_IMPORT_HOLD" "$ZJ_TEST_IMPORT_HOLD.held"; }
release() { touch "$ZJ_TEST_IMPORT_HOLD"; }
# job_over USER ID: polls the job until it is over; its answer in $T/body
job_over() {
  for _ in $(seq 1 1200); do
    expect 200 "$1" GET "/api/import/jobs/$2"
    case "$(body_get "j['state']")" in done|failed) return 0 ;; esac
    sleep 0.1
  done
  fail "job $2 never ended"
}
# jobs USER: the jobs the account sees as [job, state, file] lines, newest first
jobs() {
  expect 200 "$1" GET /api/import/jobs
  body_get "[[x['job'], x['state'], x['file']] for x in j]"
}
rows() { sqlite3 "$DB" "SELECT count(*) FROM persons WHERE person_id LIKE '$1%'"; }

roster A 12000 "$T/a"
roster B 4 "$T/b"
roster C 4 "$T/c"
start_server --quiet --threads 1
logins

# three uploads in a row: the first runs (held), the other two wait their turn
hold
[ "$(upload clerk "$T/a/xlsx/prison_roster.xlsx" 甲.xlsx)" = 202 ] || fail "first upload: $(cat "$T/body")"
ja=$(body_get "j['job']")
[ "$(body_get "j['state']")" = running ] || fail "the first upload does not run: $(cat "$T/body")"
held
[ "$(upload clerk "$T/b/xlsx/prison_roster.xlsx" 乙.xlsx)" = 202 ] || fail "second upload: $(cat "$T/body")"
jb=$(body_get "j['job']")
[ "$(body_get "[j['state'], j['ahead'], j['file'], j['account']]")" = '["queued", 1, "乙.xlsx", "clerk"]' ] || fail "second: $(cat "$T/body")"
[ "$(upload clerk3 "$T/c/xlsx/prison_roster.xlsx" 丙.xlsx)" = 202 ] || fail "third upload: $(cat "$T/body")"
jc=$(body_get "j['job']")
[ "$(body_get "[j['state'], j['ahead']]")" = '["queued", 2]' ] || fail "third: $(cat "$T/body")"
[ "$jb" -gt "$ja" ] && [ "$jc" -gt "$jb" ] || fail "job ids $ja $jb $jc"

# who sees which: the province's clerk and the admin all three, the city's clerk its own,
# another province's clerk none
[ "$(jobs clerk)" = "[[$jc, \"queued\", \"丙.xlsx\"], [$jb, \"queued\", \"乙.xlsx\"], [$ja, \"running\", \"甲.xlsx\"]]" ] || fail "clerk's list: $(cat "$T/body")"
[ "$(jobs admin)" = "$(jobs clerk)" ] || fail "admin's list: $(cat "$T/body")"
[ "$(jobs clerk3)" = "[[$jc, \"queued\", \"丙.xlsx\"]]" ] || fail "clerk3's list: $(cat "$T/body")"
[ "$(jobs clerk2)" = "[]" ] || fail "clerk2's list: $(cat "$T/body")"
expect 200 clerk GET "/api/import/jobs/$jc"
expect 404 clerk3 GET "/api/import/jobs/$ja"
expect 404 clerk2 GET "/api/import/jobs/$jb"
expect 200 clerk GET "/api/import/jobs/$ja"
python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); assert j["state"] == "running" and 0 < j["done"] < j["total"] and "result" not in j, j' "$T/body" \
  || fail "the running job: $(cat "$T/body")"
# recorded: the running job (when it started); the two queued behind it once it ends,
# since the import holds the database's write lock
[ "$(sqlite3 "$DB" "SELECT group_concat(job_id || ':' || state) FROM import_jobs")" = "$ja:running" ] \
  || fail "recorded while the first runs: $(sqlite3 "$DB" 'SELECT * FROM import_jobs')"

# released: one after the other, in the order they came
release
job_over clerk3 "$jc"
[ "$(body_get "[j['state'], j['result']['file'], [(f['feed'], f['read'], f['loaded']) for f in j['result']['feeds']]]")" = '["done", "丙.xlsx", [["persons", 4, 4]]]' ] \
  || fail "third's result: $(cat "$T/body")"
expect 200 clerk GET /api/import/jobs
python3 - "$T/body" "$ja" "$jb" "$jc" <<'PY' || fail "the list once over: $(cat "$T/body")"
import json, sys
j = {x["job"]: x for x in json.load(open(sys.argv[1]))}
a, b, c = (j[int(i)] for i in sys.argv[2:5])
assert [x["state"] for x in (a, b, c)] == ["done"] * 3, j
assert a["finished"] <= b["started"] and b["finished"] <= c["started"], (a, b, c)
assert [(f["read"], f["loaded"]) for f in a["result"]["feeds"]] == [(12000, 12000)], a
assert a["done"] == 12000 and a["result"]["file"] == "甲.xlsx" and b["result"]["rejected"] == 0, j
PY
[ "$(rows A)/$(rows B)/$(rows C)" = 12000/4/4 ] || fail "rows: $(rows A)/$(rows B)/$(rows C)"
[ "$(sqlite3 "$DB" "SELECT group_concat(job_id || ':' || state || ':' || status || ':' || (upload IS NULL), ' ') FROM (SELECT * FROM import_jobs ORDER BY job_id)")" = \
  "$ja:done:200:1 $jb:done:200:1 $jc:done:200:1" ] || fail "recorded once over: $(sqlite3 "$DB" 'SELECT job_id, state, status, upload FROM import_jobs')"
[ "$(sqlite3 "$DB" "SELECT json_extract(result, '\$.feeds[0].loaded') FROM import_jobs WHERE job_id = $ja")" = 12000 ] || fail "the recorded result"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM audit_log WHERE action = 'import_upload' AND detail LIKE '% job $jc' AND actor = 'clerk3'")" = 1 ] || fail "the import's audit entry"

# a restart: the finished jobs and their results are read from the database
kill -TERM "$SERVER_PID"; wait "$SERVER_PID" || fail "exit status after SIGTERM"; SERVER_PID=
start_server --quiet --threads 1
logins
[ "$(jobs clerk)" = "[[$jc, \"done\", \"丙.xlsx\"], [$jb, \"done\", \"乙.xlsx\"], [$ja, \"done\", \"甲.xlsx\"]]" ] || fail "the list after a restart: $(cat "$T/body")"
job_over clerk "$ja"
[ "$(body_get "[j['status'], j['result']['file'], j['result']['feeds'][0]['loaded'], j['done']]")" = '[200, "甲.xlsx", 12000, 12000]' ] || fail "a job after a restart: $(cat "$T/body")"
expect 404 clerk2 GET "/api/import/jobs/$ja"
expect 404 clerk3 GET "/api/import/jobs/$ja"
[ "$(jobs clerk3)" = "[[$jc, \"done\", \"丙.xlsx\"]]" ] || fail "clerk3's list after a restart: $(cat "$T/body")"
for _ in $(seq 1 100); do  # the audit writer appends reads in batches
  [ "$(sqlite3 "$DB" "SELECT count(*) FROM audit_log WHERE action = 'import_job' AND object = 'job:$ja'")" -ge 1 ] && break; sleep 0.1
done
[ "$(sqlite3 "$DB" "SELECT count(*) FROM audit_log WHERE action = 'import_job' AND object = 'job:$ja'")" -ge 1 ] || fail "the read of a recorded result is not audited"

# killed while an import runs (kill -9): the job is failed with the reason, its file is not
# in (rolled back with its transaction); the job queued behind it, answered 202 while the
# import held the write lock (so not recorded yet), was spooled: it runs after the restart;
# no id is given twice
roster D 12000 "$T/d"
hold
[ "$(upload clerk "$T/d/xlsx/prison_roster.xlsx" 丁.xlsx)" = 202 ] || fail "upload before the kill: $(cat "$T/body")"
jd=$(body_get "j['job']")
held
[ "$(upload clerk "$T/b/xlsx/prison_roster.xlsx" 戊.xlsx)" = 202 ] || fail "queued before the kill"
je=$(body_get "j['job']")
[ "$(sqlite3 "$DB" "SELECT state FROM import_jobs WHERE job_id = $jd")" = running ] || fail "the running job is not recorded"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM import_jobs WHERE job_id = $je")" = 0 ] || fail "a job queued behind the running import was recorded"
[ -s "$SPOOL/job-$je.job" ] && [ -s "$SPOOL/job-$je.xlsx" ] || fail "the queued job is not spooled: $(ls -l "$SPOOL")"
[ "$(stat -c %a "$SPOOL")" = 700 ] || fail "spool mode $(stat -c %a "$SPOOL")"
kill -KILL "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=
[ "$(rows D)" = 0 ] || fail "rows of the killed import: $(rows D)"
release
start_server --quiet --threads 1
logins
job_over clerk "$jd"
[ "$(body_get "[j['state'], j['status'], j['result']['message'], j['file']]")" = \
  '["failed", 500, "服务器在导入进行中停止运行，该文件未导入（导入在一个事务中进行，已整体撤销），请重新上传", "丁.xlsx"]' ] \
  || fail "the killed job: $(cat "$T/body")"
job_over clerk "$je"
[ "$(body_get "[j['state'], j['file'], j['account'], [(f['feed'], f['read'], f['unchanged']) for f in j['result']['feeds']]]")" = \
  '["done", "戊.xlsx", "clerk", [["persons", 4, 4]]]' ] || fail "the job queued behind the killed one: $(cat "$T/body")"
[ "$(rows D)" = 0 ] || fail "rows of the killed import after the restart"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM import_batches WHERE file LIKE '%丁.xlsx'")" = 0 ] || fail "a batch of the killed import"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM import_batches WHERE file = 'upload:clerk/戊.xlsx'")" = 1 ] || fail "the batch of the resumed job"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM import_jobs WHERE upload IS NOT NULL")" = 0 ] || fail "uploads left recorded"
[ -z "$(ls -A "$SPOOL")" ] || fail "files left in the spool: $(ls -A "$SPOOL")"
[ "$(upload clerk "$T/b/xlsx/prison_roster.xlsx" 己.xlsx)" = 202 ] || fail "upload after the restart"
jf=$(body_get "j['job']")
[ "$jf" -gt "$je" ] || fail "job id $jf given again (before the kill: $je)"
job_over clerk "$jf"
[ "$(body_get "j['state']")" = done ] || fail "the job after the restart: $(cat "$T/body")"

# killed after an import committed, before the job's end was recorded: at the restart the
# job is done, its result read back from the batches it wrote (its rows are in), audited
kill -TERM "$SERVER_PID"; wait "$SERVER_PID" || fail "exit status after SIGTERM"; SERVER_PID=
roster G 3 "$T/g"
export ZJ_TEST_IMPORT_DONE_HOLD="$T/release-done"
start_server --quiet --threads 1
logins
[ "$(upload clerk "$T/g/xlsx/prison_roster.xlsx" 庚.xlsx)" = 202 ] || fail "upload before the kill after the commit"
jg=$(body_get "j['job']")
for _ in $(seq 1 1200); do [ -e "$T/release-done.held" ] && break; sleep 0.1; done
[ -e "$T/release-done.held" ] || fail "the job never reached its end"
[ "$(rows G)" = 3 ] || fail "the import did not commit: $(rows G)"
[ "$(sqlite3 "$DB" "SELECT state FROM import_jobs WHERE job_id = $jg")" = running ] || fail "the job is not recorded as running"
kill -KILL "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=
unset ZJ_TEST_IMPORT_DONE_HOLD
start_server --quiet --threads 1
logins
job_over clerk "$jg"
[ "$(body_get "[j['state'], j['status'], j['result']['recovered'], j['result']['rejected'], [(f['feed'], f['read'], f['loaded']) for f in j['result']['feeds']]]")" = \
  '["done", 200, true, 0, [["persons", 3, 3]]]' ] || fail "the job killed after its commit: $(cat "$T/body")"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM audit_log WHERE action = 'import_upload' AND detail LIKE '%job $jg (recorded at restart)'")" = 1 ] \
  || fail "the recovered import is not audited"
[ "$(rows G)" = 3 ] || fail "rows of the recovered import: $(rows G)"
[ -z "$(ls -A "$SPOOL")" ] || fail "files left in the spool after the recovery: $(ls -A "$SPOOL")"

# stopped (SIGTERM) with jobs queued: the running one finishes; the queued ones stay
# spooled and recorded as queued (a request waiting for one is answered 503 with its job),
# and run after the next start, in the order they came; one whose upload went while the
# server was down fails as not started, and an upload never answered is removed
hold
[ "$(upload clerk "$T/d/xlsx/prison_roster.xlsx" 庚.xlsx)" = 202 ] || fail "upload before the stop"
jg=$(body_get "j['job']")
held
[ "$(upload clerk "$T/c/xlsx/prison_roster.xlsx" 辛.xlsx)" = 202 ] || fail "queued before the stop"
jh=$(body_get "j['job']")
[ "$(upload clerk "$T/b/xlsx/prison_roster.xlsx" 壬.xlsx)" = 202 ] || fail "queued before the stop"
ji=$(body_get "j['job']")
curl -sS -o "$T/waited" -w '%{http_code}' -b "$T/clerk.jar" -H "X-CSRF-Token: $(cat "$T/clerk.csrf")" \
  -H "Content-Type: application/octet-stream" --data-binary "@$T/c/xlsx/prison_roster.xlsx" \
  "$BASE/api/import/upload?name=%E7%99%B8.xlsx&profile=prison_roster&wait=1" >"$T/waited.code" &
waiter=$!
for _ in $(seq 1 300); do [ "$(ls "$SPOOL"/*.job | wc -l)" = 4 ] && break; sleep 0.1; done
[ "$(ls "$SPOOL"/*.job | wc -l)" = 4 ] || fail "the waiting upload is not spooled: $(ls "$SPOOL")"
kill -TERM "$SERVER_PID"
release
wait "$SERVER_PID" || fail "exit status after SIGTERM with a queue"; SERVER_PID=
wait "$waiter" || fail "the waiting upload's request"
[ "$(cat "$T/waited.code")" = 503 ] || fail "the waiting upload: $(cat "$T/waited.code") $(cat "$T/waited")"
jk=$(python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); assert j["message"] == "服务器正在停止，该文件已保存在导入队列中，服务器重新启动后自动导入", j; print(j["job"])' "$T/waited") \
  || fail "the waiting upload's answer: $(cat "$T/waited")"
[ "$(rows D)" = 12000 ] || fail "the import running at the stop is not complete"
[ "$(sqlite3 "$DB" "SELECT group_concat(job_id || ':' || state, ' ') FROM (SELECT * FROM import_jobs WHERE job_id > $jg ORDER BY job_id)")" = \
  "$jh:queued $ji:queued $jk:queued" ] || fail "recorded at the stop: $(sqlite3 "$DB" "SELECT job_id, state FROM import_jobs WHERE job_id >= $jg")"
rm "$SPOOL/job-$ji.xlsx"
: >"$SPOOL/upload-x1y2z3.xlsx"
start_server --quiet --threads 1
logins
job_over clerk "$jg"
[ "$(body_get "[j['state'], j['result']['file']]")" = '["done", "庚.xlsx"]' ] || fail "the job running at the stop: $(cat "$T/body")"
job_over clerk "$jh"
[ "$(body_get "[j['state'], j['status'], j['result']['file'], j['result']['feeds'][0]['read']]")" = '["done", 200, "辛.xlsx", 4]' ] \
  || fail "the job queued at the stop: $(cat "$T/body")"
job_over clerk "$ji"
[ "$(body_get "[j['state'], j['status'], j['result']['message']]")" = '["failed", 503, "服务器停止时该文件仍在排队，未导入，请重新上传"]' ] \
  || fail "the job whose upload went: $(cat "$T/body")"
job_over clerk "$jk"
[ "$(body_get "[j['state'], j['file']]")" = '["done", "癸.xlsx"]' ] || fail "the job waited for at the stop: $(cat "$T/body")"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM import_batches WHERE file = 'upload:clerk/辛.xlsx'")" = 1 ] || fail "the batch of the resumed job"
[ -z "$(ls -A "$SPOOL")" ] || fail "files left in the spool: $(ls -A "$SPOOL")"
[ "$(upload clerk "$T/b/xlsx/prison_roster.xlsx" 子.xlsx)" = 202 ] || fail "upload after the second restart"
[ "$(body_get "j['job']")" -gt "$jk" ] || fail "job id given again after the stop: $(cat "$T/body")"
"$ZJ" audit verify --db "$DB" >/dev/null || fail "audit chain"
echo ok
