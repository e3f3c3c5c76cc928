#!/bin/bash
# national_publish.sh — publish a province to a throwaway national PostgreSQL: the
# national rows equal the province's, publishing twice changes nothing, an import or a
# workflow change is sent incrementally, a province's role cannot write another
# province's partition, sealed persons' identities stay home, and a publish killed with
# SIGKILL in the middle of a table leaves the national side as before and the next one
# completes it (same national rows as a publish from scratch).
# Skipped (77) when PostgreSQL 15 is not installed.
set -u
source "$(dirname "$0")/pg_lib.bash"
pg_test_begin
ASOF=2025-06-30
createdb nat && createdb ref || fail createdb
NAT=$(pg_url nat)
"$ZJ" national init --pg "$NAT" --provinces 33,32 >/dev/null || fail "national init"
"$ZJ" national init --pg "$NAT" --provinces 33,32 >/dev/null || fail "national init twice"
"$ZJ" national init --pg "$(pg_url ref)" --provinces 33 >/dev/null || fail "national init ref"
# libpq is loaded at the first connection (dlopen): when it cannot be, the command fails
# naming it (here a broken one found first through LD_LIBRARY_PATH)
mkdir "$T/nolib"; : >"$T/nolib/libpq.so.5"
LD_LIBRARY_PATH="$T/nolib" "$ZJ" national init --pg "$NAT" --provinces 33 >/dev/null 2>"$T/nolib.err" \
    && fail "national init without libpq"
grep -q "zhijian: postgresql: cannot load libpq.so.5 (package libpq5)" "$T/nolib.err" \
    || fail "without libpq: $(cat "$T/nolib.err")"

"$ZJ" gen --out "$T/g" --persons 1500 --seed 4 --as-of $ASOF >/dev/null || fail gen
"$ZJ" import --db "$T/p.db" --as-of $ASOF "$T/g" >/dev/null 2>&1 || fail import
"$ZJ" screen --db "$T/p.db" --as-of $ASOF >/dev/null 2>&1 || fail screen
pub() { "$ZJ" publish --quiet --pg "$NAT" --province 33 --db "$T/p.db" "$@"; }
indexes() {  # the indexes of province 33's partitions, and the definitions set aside
    "${PSQL[@]}" -d "$1" -c "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'nat'
        AND tablename LIKE '%_p33' ORDER BY 1; SELECT count(*) FROM nat.set_aside_indexes"
}
ix0=$(indexes nat)
[ "$(echo "$ix0" | grep -c '_p33_i0\|_p33_pkey')" -gt 30 ] || fail "partitions without indexes: $ix0"
pub >"$T/out1" || fail "first publish"
# the first publish sets the partitions' indexes aside and builds them again
[ "$(indexes nat)" = "$ix0" ] || fail "indexes after the first publish: $(diff <(echo "$ix0") <(indexes nat))"

# every published table has the province's rows
# (activities and voters of persons sealed now, J-01, stay home: docs/sealing.md)
for t in persons judgments custody scores activities leads import_batches; do
    a=$(sqlite3 "$T/p.db" "SELECT count(*) FROM $t")
    [ "$t" = activities ] && a=$(sqlite3 "$T/p.db" "SELECT count(*) FROM activities a WHERE NOT EXISTS
        (SELECT 1 FROM persons p JOIN person_sealing s ON s.person_id = p.person_id
         WHERE p.id_number = a.id_number AND s.sealed_until IS NULL)")
    b=$("${PSQL[@]}" -d nat -c "SELECT count(*) FROM nat.$t WHERE province = '33'")
    [ "$a" = "$b" ] || fail "$t: $a rows in the province, $b nationally"
done
[ "$(sqlite3 "$T/p.db" "SELECT count(*) FROM leads")" -gt 0 ] || fail "no leads to publish"
for t in accounts sessions audit_log office_log rejects history; do
    n=$("${PSQL[@]}" -d nat -c "SELECT count(*) FROM pg_tables WHERE schemaname = 'nat' AND tablename LIKE '${t}%'")
    [ "$n" = 0 ] || fail "$t published"
done

dump() {  # the province's national rows, in key order
    for t in persons custody leads cases import_batches judgments; do
        "${PSQL[@]}" -d "$1" -c "COPY (SELECT * FROM nat.$t WHERE province = '33' ORDER BY 2) TO STDOUT"
    done | sha256sum
}
d1=$(dump nat)
pub >"$T/out2" || fail "second publish"
grep -q "0 tables changed, 0 rows sent" "$T/out2" || fail "second publish sent: $(cat "$T/out2")"
[ "$(dump nat)" = "$d1" ] || fail "publishing twice changed the national rows"
echo "ok: publish, twice = unchanged"

# an import of one changed person and a workflow change go out incrementally
mkdir "$T/day"
{ head -n 1 "$T/g/persons.csv"; sed -n 2p "$T/g/persons.csv" | awk -F, -v OFS=, '{$3 = "改名" $3; print}'; } >"$T/day/persons.csv"
"$ZJ" import --db "$T/p.db" --as-of $ASOF "$T/day" >/dev/null 2>&1 || fail "import of a day"
sqlite3 "$T/p.db" "UPDATE leads SET status = 'dismissed', dismiss_reason = 'x' WHERE lead_id = 1;
  INSERT INTO cases(lead_id, title, opened_at, opened_by) VALUES (2, '案件', '2025-06-30T00:00:00Z', 't')" \
    || fail "workflow change"
"$ZJ" publish --pg "$NAT" --province 33 --db "$T/p.db" >"$T/out3" 2>"$T/err3" || fail "incremental publish"
grep -q "4 tables changed, 4 rows sent" "$T/out3" || fail "incremental publish: $(cat "$T/out3")"
pid=$(sed -n 2p "$T/g/persons.csv" | cut -d, -f1)
[ "$("${PSQL[@]}" -d nat -c "SELECT name LIKE '改名%' FROM nat.persons WHERE province = '33' AND person_id = '$pid'")" = t ] \
    || fail "changed person not published"
[ "$("${PSQL[@]}" -d nat -c "SELECT status FROM nat.leads WHERE province = '33' AND lead_id = 1")" = dismissed ] \
    || fail "lead status not published"
[ "$("${PSQL[@]}" -d nat -c "SELECT count(*) FROM nat.cases WHERE province = '33'")" = 1 ] || fail "case not published"
[ "$(sqlite3 "$T/p.db" "SELECT count(*) FROM nat_outbox")" = 0 ] || fail "outbox not emptied"
echo "ok: incremental publish (a changed person, a lead, a case, the batch)"

# a province's role writes its own partitions only
"${PSQL[@]}" -d nat -c "SET ROLE zj_p33; UPDATE nat.persons_p33 SET gender = gender WHERE false" \
    || fail "zj_p33 cannot write its own partition"
for sql in "INSERT INTO nat.persons_p32(province, person_id, name, birth_date) VALUES ('32', 'X', 'x', '2000-01-01')" \
           "INSERT INTO nat.persons(province, person_id, name, birth_date) VALUES ('32', 'X', 'x', '2000-01-01')" \
           "DELETE FROM nat.leads_p32" "UPDATE nat.national_leads_p33 SET status = 'x'"; do
    out=$("${PSQL[@]}" -d nat -c "SET ROLE zj_p33; $sql" 2>&1) && fail "zj_p33 could run: $sql"
    echo "$out" | grep -q "permission denied" || fail "unexpected error: $out"
done
"$ZJ" publish --quiet --pg "$NAT" --province 32 --role zj_p33 --db "$T/p.db" >/dev/null 2>&1 \
    && fail "publish as 32 with role zj_p33 succeeded"
# a login of province 33 may set its own partitions' indexes aside, not another's
"${PSQL[@]}" -d nat -c "CREATE ROLE l33 LOGIN; GRANT zj_p33 TO l33" || fail "create login l33"
"${PSQL[@]}" -d nat -U l33 -c "SET ROLE zj_p33; BEGIN; SELECT nat.indexes_off('33', 'custody');
    SELECT nat.indexes_on('33', 'custody'); ROLLBACK" >/dev/null || fail "l33 cannot set its indexes aside"
for sql in "SELECT nat.indexes_off('32', 'persons')" "SELECT nat.indexes_off('33', 'national_leads')" \
           "SELECT nat.indexes_on('32', 'persons')" "SELECT nat.own_partition('33', 'persons')" \
           "SELECT * FROM nat.set_aside_indexes"; do
    out=$("${PSQL[@]}" -d nat -U l33 -c "SET ROLE zj_p33; $sql" 2>&1) && fail "zj_p33 could run: $sql"
    echo "$out" | grep -q "may not act\|permission denied\|no partition" || fail "unexpected error: $out"
done
[ "$("${PSQL[@]}" -d nat -c "SELECT count(*) FROM pg_indexes WHERE tablename = 'persons_p32'")" -ge 2 ] \
    || fail "province 32's indexes were dropped"
echo "ok: zj_p33 cannot write province 32's partitions nor the parents"

# sealed persons: identity withheld, activities not sent
idn=$(sqlite3 "$T/p.db" "SELECT p.id_number FROM persons p JOIN activities a ON a.id_number = p.id_number LIMIT 1")
spid=$(sqlite3 "$T/p.db" "SELECT person_id FROM persons WHERE id_number = '$idn'")
sqlite3 "$T/p.db" "CREATE TABLE sealed(person_id TEXT PRIMARY KEY); INSERT INTO sealed VALUES ('$spid')"
pub >/dev/null || fail "publish after sealing"
[ "$("${PSQL[@]}" -d nat -c "SELECT coalesce(id_number, 'none') || ' ' || name FROM nat.persons WHERE province = '33' AND person_id = '$spid'")" = "none （封存）" ] \
    || fail "sealed person's identity published"
[ "$("${PSQL[@]}" -d nat -c "SELECT count(*) FROM nat.activities WHERE id_number = '$idn'")" = 0 ] \
    || fail "sealed person's activities published"
[ "$("${PSQL[@]}" -d nat -c "SELECT count(*) FROM nat.persons WHERE province = '33'")" = 1500 ] || fail "persons lost"
echo "ok: sealed person's identity and activities stay home"

# kill -9 in the middle of a table: the publish blocks on publish_state (locked by
# another session) after its DELETE and COPY of the changed rows
mkdir "$T/day2"
{ head -n 1 "$T/g/custody.csv"; sed -n '2,400p' "$T/g/custody.csv" | awk -F, -v OFS=, '{$7 = "改" $7; print}'; } >"$T/day2/custody.csv"
"$ZJ" import --db "$T/p.db" --as-of $ASOF "$T/day2" >/dev/null 2>&1 || fail "import of day 2"
before=$(dump nat)
"${PSQL[@]}" -d nat -c "BEGIN; LOCK TABLE nat.publish_state_p33 IN EXCLUSIVE MODE; SELECT pg_sleep(60)" >/dev/null 2>&1 &
locker=$!
sleep 0.5
"$ZJ" publish --quiet --pg "$NAT" --province 33 --db "$T/p.db" >/dev/null 2>&1 &
victim=$!
for _ in $(seq 1 100); do
    w=$("${PSQL[@]}" -d nat -c "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO nat.publish_state%'")
    [ "$w" = 1 ] && break
    sleep 0.1
done
[ "$w" = 1 ] || fail "publish did not reach the state row"
kill -9 $victim
wait $victim 2>/dev/null
"${PSQL[@]}" -d nat -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(60)%' AND pid <> pg_backend_pid()" >/dev/null
wait $locker 2>/dev/null
sleep 0.3
[ "$(dump nat)" = "$before" ] || fail "a killed publish changed the national rows"
pub >/dev/null || fail "publish after the kill"
# the same in a first publish, whose partitions' indexes are set aside until the state row
ixref=$(indexes ref)
"${PSQL[@]}" -d ref -c "BEGIN; LOCK TABLE nat.publish_state_p33 IN EXCLUSIVE MODE; SELECT pg_sleep(60)" >/dev/null 2>&1 &
locker=$!
sleep 0.5
"$ZJ" publish --quiet --pg "$(pg_url ref)" --province 33 --db "$T/p.db" >/dev/null 2>&1 &
victim=$!
for _ in $(seq 1 100); do
    w=$("${PSQL[@]}" -d ref -c "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO nat.publish_state%'")
    [ "$w" = 1 ] && break
    sleep 0.1
done
[ "$w" = 1 ] || fail "first publish did not reach the state row"
kill -9 $victim
wait $victim 2>/dev/null
"${PSQL[@]}" -d ref -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(60)%' AND pid <> pg_backend_pid()" >/dev/null
wait $locker 2>/dev/null
sleep 0.3
[ "$(indexes ref)" = "$ixref" ] || fail "a killed first publish left the indexes changed"
[ "$("${PSQL[@]}" -d ref -c "SELECT count(*) FROM nat.import_batches")" = 0 ] || fail "a killed first publish left rows"
"$ZJ" publish --quiet --pg "$(pg_url ref)" --province 33 --db "$T/p.db" >/dev/null || fail "publish from scratch"
[ "$(dump nat)" = "$(dump ref)" ] || fail "after kill + publish, the national rows differ from a publish from scratch"
[ "$("${PSQL[@]}" -d nat -c "SELECT count(*) FROM nat.custody WHERE province = '33' AND note LIKE '改%'")" = 399 ] \
    || fail "day 2 not published"
echo "ok: kill -9 inside a table leaves the national side as before; the next publish completes"
