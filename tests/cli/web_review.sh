#!/usr/bin/env bash
# web_review.sh — court documents over HTTP (api_review.c) and in the browser
# (tests/browser/review.test.mjs): only clerk (数据管理员) and admin may upload and review;
# a clerk sees the documents of their scope and those they uploaded; an upload is the raw
# file (several MB accepted, the JSON cap does not apply; it needs the CSRF header and
# application/octet-stream); an unreadable file is refused with a Chinese reason; the same
# file twice is one document; confirm with corrections and person choices writes the rows;
# a confirmed document cannot be confirmed again. Then the browser: upload two documents,
# review them side by side, choose a new person, correct a field, confirm.
. "$(dirname "$0")/web_lib.bash"
FIX="$ZJ_SOURCE_DIR/tests/fixtures/docs"
seed_db
mkdir "$T/f"; cp "$FIX/facilities.csv" "$T/f/"
"$ZJ" import --db "$DB" --as-of 2025-06-30 "$T/f" >/dev/null 2>&1 || fail "facilities"
echo 'clerkpass1' | "$ZJ" user add clerk --role clerk --scope 21 --password-stdin --db "$DB" >/dev/null
echo 'clerkpass2' | "$ZJ" user add clerk51 --role clerk --scope 51 --password-stdin --db "$DB" >/dev/null
start_server --quiet
login clerk clerkpass1
login clerk51 clerkpass2
login res1 respass123
login admin adminpass1

# upload USER FILE [NAME] [CONTENT-TYPE]: HTTP status, body in $T/body
upload() {
  curl -sS -o "$T/body" -w '%{http_code}' -b "$T/$1.jar" -H "X-CSRF-Token: $(cat "$T/$1.csrf")" \
    -H "Content-Type: ${4:-application/octet-stream}" --data-binary "@$2" \
    "$BASE/api/docs/upload?name=$(python3 -c 'import sys,urllib.parse;print(urllib.parse.quote(sys.argv[1]))' "${3:-$(basename "$2")}")"
}

[ "$(upload clerk "$FIX/01_judgment_theft.docx")" = 201 ] || fail "upload: $(cat "$T/body")"
[ "$(body_get "j['doc_id']")" = 1 ] || fail "doc id"
[ "$(upload clerk "$FIX/01_judgment_theft.docx" copy.docx)" = 200 ] || fail "second upload"
[ "$(body_get "j['existed']")" = True ] || fail "same file twice"
[ "$(upload res1 "$FIX/01_judgment_theft.docx")" = 403 ] || fail "a resident may not upload"
[ "$(upload clerk "$FIX/13_parole_dalian.docx" x.docx text/plain)" = 400 ] || fail "upload content type"
[ "$(http_code -b "$T/clerk.jar" -H 'Content-Type: application/octet-stream' --data-binary "@$FIX/13_parole_dalian.docx" "$BASE/api/docs/upload?name=x.docx")" = 403 ] \
  || fail "upload without CSRF"
printf 'PK\003\004broken' >"$T/broken.docx"
[ "$(upload clerk "$T/broken.docx")" = 400 ] || fail "broken docx"
[ "$(body_get "'docx' in j['message']")" = True ] || fail "Chinese reason: $(cat "$T/body")"
# several MB: the ruling followed by 3 MB of further paragraphs, as a scanned appendix's OCR would be
python3 - "$FIX/src/12_commutation_oneline.txt" "$T/big.txt" <<'PY'
import sys
t = open(sys.argv[1], encoding="utf-8").read()
pad = "\n附：罪犯改造表现材料（略）。" * 120000
open(sys.argv[2], "w", encoding="utf-8").write(t + pad)
PY
[ "$(stat -c %s "$T/big.txt")" -gt 3000000 ] || fail "big file"
[ "$(upload clerk51 "$T/big.txt")" = 201 ] || fail "a 4 MB upload: $(head -c 200 "$T/body")"
BIG=$(body_get "j['doc_id']")
python3 -c "import json; print(json.dumps({'reason': 'x' * 300000}))" >"$T/big.json"
[ "$(http_code -b "$T/clerk.jar" -H "X-CSRF-Token: $(cat "$T/clerk.csrf")" -H 'Content-Type: application/json' \
  --data-binary "@$T/big.json" "$BASE/api/docs/1/discard")" = 413 ] || fail "the JSON routes keep their cap"

# the queue and scope: clerk (21) sees doc 1 (大连市看守所, 210202) and not the 承德 ruling
# that clerk51 uploaded; clerk51 sees the document it uploaded though out of its scope
expect 200 clerk GET /api/docs
[ "$(body_get "[d['doc_id'] for d in j]")" = "[1]" ] || fail "clerk queue: $(cat "$T/body")"
expect 200 clerk51 GET /api/docs
[ "$(body_get "[d['doc_id'] for d in j]")" = "[$BIG]" ] || fail "clerk51 queue"
expect 404 clerk GET "/api/docs/$BIG"
expect 404 clerk51 GET /api/docs/1
expect 403 res1 GET /api/docs
expect 200 admin GET /api/docs
[ "$(body_get "len(j)")" = 2 ] || fail "admin queue"
expect 200 clerk GET /api/docs/1
[ "$(body_get "j['extracted']['persons'][0]['original']['term_end']")" = 2022-09-04 ] || fail "extracted"
[ "$(body_get "'即自2019年3月5日起至2022年9月4日止' in j['extracted']['sources']['persons[0].original.term_end']")" = True ] \
  || fail "source sentence"
[ "$(body_get "j['candidates']")" = "[[]]" ] || fail "no candidate yet"
[ "$(http_code -b "$T/clerk.jar" "$BASE/api/docs/1/file")" = 200 ] || fail "download"
curl -sS -b "$T/clerk.jar" -o "$T/dl.docx" "$BASE/api/docs/1/file"
cmp -s "$T/dl.docx" "$FIX/01_judgment_theft.docx" || fail "the document as received"

# confirm: the refusals name the field, in Chinese
expect 400 clerk POST /api/docs/1/confirm '{"persons":{"0":"new"}}'
[ "$(body_get "'effective_date' in j['message'] and '缺少' in j['message']")" = True ] || fail "missing field: $(cat "$T/body")"
expect 200 clerk POST /api/docs/1/confirm '{"persons":{"0":"new"},"fields":{"persons[0].original.effective_date":"2019-07-27","persons[0].original.term_months":"42"}}'
[ "$(body_get "[r['feed'] for r in j['rows']]")" = '["persons", "judgments"]' ] || fail "rows: $(cat "$T/body")"
[ "$(sqlite3 "$DB" "SELECT effective_date, court_id FROM judgments WHERE judgment_id = 'DOC1-J0'")" = "2019-07-27|CT-210204" ] || fail "judgment row"
expect 409 clerk POST /api/docs/1/confirm '{}'
# the person's page names the document the judgment came from
expect 200 admin GET /api/persons/DOC1-0
[ "$(body_get "[(d['doc_id'], d['feed'], d['record_key']) for d in j['source_documents']]")" = '[[1, "judgments", "DOC1-J0"]]' ] \
  || fail "source documents: $(head -c 300 "$T/body")"
expect 409 clerk POST /api/docs/1/discard '{}'
[ "$(sqlite3 "$DB" "SELECT count(*) FROM audit_log WHERE action IN ('doc_upload', 'doc_confirm')")" = 3 ] || fail "audit"

# the browser
if browser_ready; then
  ARTIFACTS="${ZJ_BUILD:-$T}/artifacts/review"
  rm -rf "$ARTIFACTS"; mkdir -p "$ARTIFACTS"
  BASE=$BASE ARTIFACTS=$ARTIFACTS FIX=$FIX HOME=$T timeout 240 node "$BROWSER_DIR/review.test.mjs" \
    || fail "browser test failed (screenshots in $ARTIFACTS)"
  [ "$(sqlite3 "$DB" "SELECT person_id, judgment_id, kind, proposal_date FROM sentence_changes WHERE change_id LIKE 'DOC%' AND kind = 'parole'")" = \
    "DOC1-0|DOC1-J0|parole|2021-05-08" ] || fail "the parole confirmed in the browser"
  [ "$(sqlite3 "$DB" "SELECT j.offense_date || ' ' || j.effective_date || ' ' || j.court_id || ' ' || j.term_months || ' ' || c.reduction_months FROM judgments j JOIN sentence_changes c USING (judgment_id) WHERE j.case_no = '（2015）杭西刑初字第612号'")" = \
    "2015-04-08 2015-10-10 CT-330106 102 7" ] || fail "the commutation and its original judgment confirmed in the browser"
  [ "$(sqlite3 "$DB" "SELECT count(*) FROM judgments WHERE case_no = '（2019）豫0105刑初733号'")" = 3 ] || fail "the three defendants"
  [ "$(sqlite3 "$DB" "SELECT term_months FROM judgments WHERE case_no = '（2019）豫0105刑初733号' AND person_id = 'DOC$((BIG + 2))-2'")" = 6 ] \
    || fail "the corrected term"
else
  echo "web_review: browser part skipped (node or chromium missing)" >&2
fi
echo ok
