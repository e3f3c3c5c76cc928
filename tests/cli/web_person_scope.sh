#!/usr/bin/env bash
# web_person_scope.sh — a write that names a person (a complaint, a resident-office record, an
# inspection finding) must name one in the account's scope: otherwise a facility account could
# attach someone held elsewhere to its own facility and then read them (the complaint's
# sentence calculation, or the person page through the lead the finding raises).
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
expect 201 res1 POST "/api/inspections/$ins/findings" '{"summary":"x","family":"custody","severity":"high","person_id":"R001"}'

# a country account may still name anyone
expect 201 admin POST /api/complaints '{"facility_id":"P3201","kind":"petition","channel":"visit","person_id":"R002","content":"x"}'
echo ok
