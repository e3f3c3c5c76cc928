#!/bin/bash
# national_inspect.sh — 跨省交叉巡回检察 over the national pool of inspectors (national
# inspect): 20 prisons in 20 provinces, each team of 5 with no member from the prison's
# province, nobody in two teams, the focus covered, one leader; province 33's inspectors
# come from its own database through publish. A saved round rotates the next one (the
# province and prison left out come first, nobody inspects the same prison again within
# 24 months, the busiest inspectors last); an overlapping round and too many prisons fail.
# Skipped (77) when PostgreSQL 15 is not installed.
set -u
source "$(dirname "$0")/pg_lib.bash"
pg_test_begin
createdb nat || fail createdb
NAT=$(pg_url nat)
PROVS="11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46"
"$ZJ" national init --pg "$NAT" --provinces "$(echo $PROVS | tr ' ' ,)" >/dev/null || fail "national init"

# province 33: its own database with two prisons and four inspectors, published
"$ZJ" gen --out "$T/g" --persons 200 --seed 3 --as-of 2025-06-30 >/dev/null || fail gen
"$ZJ" import --db "$T/p.db" --as-of 2025-06-30 "$T/g" >/dev/null 2>&1 || fail import
for i in 1 2 3 4; do
    "$ZJ" inspect inspector-add "ZJ$i" --name "浙检$i" --home 330100 --spec "changes;custody" \
        --db "$T/p.db" >/dev/null || fail "inspector-add ZJ$i"
done
"$ZJ" publish --quiet --pg "$NAT" --province 33 --db "$T/p.db" >/dev/null || fail "publish 33"
[ "$("${PSQL[@]}" -d nat -c "SELECT count(*) FROM nat.inspectors_p33")" = 4 ] || fail "33's inspectors not published"

# the other provinces: one prison each (two in 11), six inspectors each, one of them
# holding 'changes'; 11's first inspector is busy with a provincial inspection
sql="BEGIN;"
for p in $PROVS; do
    [ $p = 33 ] && continue
    sql+="INSERT INTO nat.facilities_p$p(province, facility_id, name, kind, region_code) VALUES
          ('$p', 'P${p}A', '${p}省第一监狱', 'prison', '${p}0100'), ('$p', 'K$p', '${p}看守所', 'detention_center', '${p}0100');"
    for i in 1 2 3 4 5 6; do
        sql+="INSERT INTO nat.inspectors_p$p(province, inspector_id, name, home_region, active)
              VALUES ('$p', 'I$p$i', '检察官$p-$i', '${p}0000', 1);
              INSERT INTO nat.inspector_specialities_p$p VALUES ('$p', 'I$p$i', '$([ $i = 1 ] && echo changes || echo custody)');"
    done
done
sql+="INSERT INTO nat.facilities_p11(province, facility_id, name, kind, region_code) VALUES ('11', 'P11B', '11省第二监狱', 'prison', '110100');
      INSERT INTO nat.inspections_p11(province, inspection_id, kind, facility_id, start_date, end_date, status, created_at, created_by)
        VALUES ('11', 1, 'routine', 'P11B', '2025-08-20', '2025-09-10', 'planned', '2025-06-01', 't');
      INSERT INTO nat.inspection_members_p11(province, inspection_id, inspector_id, role) VALUES ('11', 1, 'I111', 'leader');
      COMMIT;"
"${PSQL[@]}" -d nat -c "$sql" || fail "national pool"

check() {  # check FILE N: the round's rules
    jq -e --argjson n "$2" '
      (.teams | length) == $n
      and ([.teams[].province] | unique | length) == $n
      and all(.teams[]; (.members | length) == 5)
      and ([.teams[] | .province as $p | .members[] | .home_province == $p] | any | not)
      and ([.teams[].members[] | .province + ":" + .inspector_id] | (unique | length) == length)
      and all(.teams[]; ([.members[] | select(.specialities | split(";") | index("changes"))] | length) >= 1)
      and all(.teams[]; ([.members[] | select(.leader)] | length) == 1)' "$1" >/dev/null
}
A=(national inspect --pg "$NAT" --prisons 20 --team 5 --focus changes)
"$ZJ" "${A[@]}" --start 2025-09-01 --end 2025-10-31 >"$T/r1.json" || fail "round 1: $(cat "$T/r1.json")"
check "$T/r1.json" 20 || fail "round 1 breaks a rule: $(jq -c '.teams[] | [.province, [.members[] | .home_province]]' "$T/r1.json")"
jq -e '[.teams[].members[] | select(.inspector_id == "I111")] | length == 0' "$T/r1.json" >/dev/null \
    || fail "a busy inspector in round 1"
jq -e '[.teams[].members[] | select(.province == "33")] | length > 0' "$T/r1.json" >/dev/null \
    || fail "province 33's published inspectors not in the pool"
jq -e '.pool == 124 and ([.teams[] | select(.province == "33")] | length) == 1' "$T/r1.json" >/dev/null \
    || fail "pool or 33's prison: $(jq -c '[.pool, [.teams[].province]]' "$T/r1.json")"
"$ZJ" "${A[@]}" --start 2025-09-01 --end 2025-10-31 >"$T/r1b.json" || fail "round 1 again"
cmp -s "$T/r1.json" "$T/r1b.json" || fail "a proposal is not deterministic"
"$ZJ" "${A[@]}" --start 2025-09-01 --end 2025-10-31 --format md | grep -q '^| 北京市 | 11省第一监狱 | 无 |' \
    || fail "markdown round"
echo "ok: 20 prisons in 20 provinces, teams of 5, none from the prison's province, nobody twice"

"$ZJ" "${A[@]}" --start 2025-09-01 --end 2025-10-31 --save >"$T/s1.json" || fail "save round 1"
jq -e '.round_id == 1' "$T/s1.json" >/dev/null || fail "round not saved"
[ "$("${PSQL[@]}" -d nat -c "SELECT count(*) FROM nat.cross_members WHERE round_id = 1")" = 100 ] \
    || fail "saved members"
out=$("$ZJ" "${A[@]}" --start 2025-10-01 --end 2025-11-30 2>&1) && fail "an overlapping round was proposed"
echo "$out" | grep -q "可用检察人员" || fail "overlapping round: $out"
"$ZJ" "${A[@]}" --start 2026-09-01 --end 2026-10-31 >"$T/r2.json" || fail "round 2: $(cat "$T/r2.json")"
check "$T/r2.json" 20 || fail "round 2 breaks a rule"
left=$(comm -23 <(echo $PROVS | tr ' ' '\n' | sort) <(jq -r '.teams[].province' "$T/s1.json" | sort))
jq -e --arg p "$left" '[.teams[] | select(.province == $p)] | length == 1' "$T/r2.json" >/dev/null \
    || fail "province $left, left out of round 1, not in round 2"
jq -e '[.teams[] | select(.province == "11")][0].facility_id == "P11B"' "$T/r2.json" >/dev/null \
    || fail "11's other prison not next: $(jq -c '[.teams[] | select(.province == "11")]' "$T/r2.json")"
again=$(jq -r '.teams[] | .province + ":" + .facility_id as $f | .members[] | $f + " " + .province + ":" + .inspector_id' "$T/s1.json" "$T/r2.json" | sort | uniq -d)
[ -z "$again" ] || fail "the same inspector at the same prison within 24 months: $again"
echo "ok: a saved round rotates the next: the province left out first, 11's other prison, nobody at the same prison again"

"$ZJ" national inspect --pg "$NAT" --prisons 25 --start 2027-01-01 --end 2027-01-31 >/dev/null 2>&1 \
    && fail "25 prisons proposed with 21 provinces"
"$ZJ" national inspect --pg "$NAT" --prisons 20 --team 5 --focus political --start 2027-01-01 --end 2027-01-31 \
    >/dev/null 2>"$T/err" && fail "a focus nobody holds was proposed"
grep -q "political" "$T/err" || fail "missing speciality not named: $(cat "$T/err")"
echo "ok: too many prisons and an uncovered focus are refused"
