#!/usr/bin/env bash
# web_person_scope.sh — a write that names a person (a complaint, a resident-office record, an
# inspection finding) must name one in the account's scope, and — whoever files it, a country
# account included — one held at the record's facility (the person-link rule,
# docs/security.md): otherwise a record could attach someone held elsewhere to a facility and
# its accounts could then read them (the complaint's sentence calculation, or the person page
# through the lead the complaint or finding raises). The property over every path is
# tests/unit/test_person_links.c.
# Needs: ZJ, ZJ_SOURCE_DIR, curl, python3, sqlite3.
source "$(dirname "$0")/web_lib.bash"
seed_db
start_server
login res1 respass123   # facility:P3201 (R001 is held there; R002 is held at P3205)
login admin adminpass1  # country

# a complaint naming a person held elsewhere: refused, nothing stored, no calc
expect 403 res1 POST /api/complaints '{"facility_id":"P3201","kind":"petition","channel":"visit","topic":"sentence_length","person_id":"R002","content":"x"}'
[ "$(sqlite3 "$DB" "SELECT count(*) FROM complaints WHERE person_id = 'R002'")" = 0 ] || fail "complaint stored"
# nor a person the database does not know (they could be imported later)
expect 403 res1 POST /api/complaints '{"facility_id":"P3201","kind":"petition","channel":"visit","person_id":"NOBODY","content":"x"}'
# the same complaint about the facility's own prisoner is accepted and calculated
expect 201 res1 POST /api/complaints '{"facility_id":"P3201","kind":"petition","channel":"visit","topic":"sentence_length","person_id":"R001","content":"x"}'
cid=$(body_get "j['complaint_id']")
expect 200 res1 GET "/api/complaints/$cid/calc?as_of=2025-06-30"

# resident-office records naming a person held elsewhere
for kind in talks meetings letters; do
  expect 403 res1 POST "/api/office/$kind" '{"facility_id":"P3201","person_id":"R002","content":"x"}'
done
expect 201 res1 POST /api/office/letters '{"facility_id":"P3201","person_id":"R001","content":"x"}'
expect 201 res1 POST /api/office/log '{"facility_id":"P3201","content":"x"}'

# an inspection finding naming a person held elsewhere raises no lead on them
expect 201 admin POST /api/inspections '{"kind":"routine","facility_id":"P3201","from":"2025-07-01","to":"2025-07-10","team":false}'
ins=$(body_get "j['inspection_id']")
expect 403 res1 POST "/api/inspections/$ins/findings" '{"summary":"x","family":"custody","severity":"high","person_id":"R002"}'
expect 404 res1 GET /api/persons/R002
# the person picture is the same read: out of scope, not found; in scope, an audited SVG
expect 404 res1 GET /api/persons/R002/timeline.svg
expect 200 res1 GET /api/persons/R001/timeline.svg
grep -q '<svg xmlns="http://www.w3.org/2000/svg"' "$T/body" || fail "timeline.svg is not SVG"
grep -q 'class="pp-band custody" data-ref="E1"' "$T/body" || fail "timeline.svg lacks the custody band"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM audit_log WHERE action = 'read_person' AND object = 'R001'")" -ge 1 ] \
  || fail "timeline.svg read not audited"
expect 201 res1 POST "/api/inspections/$ins/findings" '{"summary":"x","family":"custody","severity":"high","person_id":"R001"}'

# a region or country account may not name, at P3201, a person only ever held elsewhere
# (issue 13: the complaint became a lead and P3201's resident read the person)
login lead leadpass12   # region 32: R002 is in its scope, but held at P3205
expect 403 lead POST /api/complaints '{"facility_id":"P3201","kind":"petition","channel":"visit","person_id":"R002","content":"x"}'
expect 403 admin POST /api/complaints '{"facility_id":"P3201","kind":"petition","channel":"visit","person_id":"R002","content":"x"}'
expect 403 admin POST /api/office/talks '{"facility_id":"P3201","person_id":"R002","content":"x"}'
expect 403 admin POST "/api/inspections/$ins/findings" '{"summary":"x","family":"custody","severity":"high","person_id":"R002"}'
grep -q 'never held at facility' "$T/body" || fail "no reason given: $(cat "$T/body")"
# nor in a duty occurrence or a duty check's lead
expect 403 admin POST /api/duty/events '{"item_id":"death","facility_id":"P3201","description":"x","date":"2025-07-01","person_id":"R002"}'
expect 403 admin POST /api/duty/records '{"item_id":"contraband","facility_id":"P3201","findings":"x","lead":true,"person_id":"R002"}'
[ "$(sqlite3 "$DB" "SELECT count(*) FROM duty_events WHERE person_id = 'R002'")" = 0 ] || fail "an occurrence naming R002 was stored"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM complaints WHERE person_id = 'R002'") $(sqlite3 "$DB" "SELECT count(*) FROM leads WHERE person_id = 'R002' AND facility_id = 'P3201'")" = "0 0" ] \
  || fail "a link to a person held elsewhere was stored"
expect 404 res1 GET /api/persons/R002
# the same account may name them at their own facility
expect 201 admin POST /api/complaints '{"facility_id":"P3205","kind":"petition","channel":"visit","person_id":"R002","content":"x"}'
# the database holds the rule for any writer (triggers of migration person-link-1)
if sqlite3 "$DB" "INSERT INTO talks(facility_id, person_id, talk_date, procurator, content, created_at) VALUES ('P3201','R002','2025-07-01','x','x','x')" 2>"$T/trig.err"; then
  fail "the database stored a talk at P3201 naming R002"
fi
grep -q person_link "$T/trig.err" || fail "unexpected refusal: $(cat "$T/trig.err")"

# the sentence calculation of a complaint shows a person: an audited read
expect 200 res1 GET "/api/complaints/$cid/calc?as_of=2025-06-30"
for _ in $(seq 1 600); do  # the audit writer appends in batches: wait for it, bounded
  [ "$(sqlite3 "$DB" "SELECT count(*) FROM audit_log WHERE actor = 'res1' AND action = 'read_person' AND object = 'R001' AND detail LIKE 'complaint:$cid%'")" -ge 1 ] && break
  sleep 0.1
done
[ "$(sqlite3 "$DB" "SELECT count(*) FROM audit_log WHERE actor = 'res1' AND action = 'read_person' AND object = 'R001' AND detail LIKE 'complaint:$cid%'")" -ge 1 ] \
  || fail "the complaint calc was not audited as a read of R001"
echo ok
