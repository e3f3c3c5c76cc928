#!/bin/bash
# national_screen.sh — three generated provinces (zhijian gen --province P --cross K)
# published to a national PostgreSQL: every planted cross-province case is found by the
# national models (NAT-01…05) and by no province alone, nothing else is raised, and the
# leads go back to the province concerned on its next publish. The same with the
# federated layout: each province publishes to its own database and the national one
# reaches it through postgres_fdw. The ported law functions agree with the program's.
# Skipped (77) when PostgreSQL 15 is not installed.
set -u
source "$(dirname "$0")/pg_lib.bash"
pg_test_begin
ASOF=2025-06-30 N=800 K=20
PROVS="33 32 51"

for p in $PROVS; do
    "$ZJ" gen --out "$T/g$p" --province $p --cross $K --persons $N --seed 6 --as-of $ASOF >/dev/null \
        || fail "gen --province $p"
done
"$ZJ" gen --out "$T/again" --province 32 --cross $K --persons $N --seed 6 --as-of $ASOF >/dev/null
[ "$(cat "$T/g32"/*.csv | sha256sum)" = "$(cat "$T/again"/*.csv | sha256sum)" ] || fail "gen --cross not deterministic"
"$ZJ" gen --out "$T/x" --cross 3 >/dev/null 2>&1 && fail "--cross without --province accepted"
grep -q '^C330000,' "$T/g33/facilities.csv" && ! grep -q '^C320000,' "$T/g33/facilities.csv" \
    || fail "province 33 has other provinces' facilities"
cat "$T"/g*/national_answers.csv | grep -v '^model_id' | sort >"$T/answers"
[ "$(wc -l <"$T/answers")" = $K ] || fail "expected $K national answers, got $(wc -l <"$T/answers")"

# each province alone: imports cleanly, and no local lead concerns a crossing person
for p in $PROVS; do
    "$ZJ" import --db "$T/p$p.db" --as-of $ASOF "$T/g$p" >/dev/null 2>&1 || fail "import $p"
    [ "$(sqlite3 "$T/p$p.db" "SELECT count(*) FROM rejects")" = 0 ] || fail "province $p has rejects"
    "$ZJ" screen --db "$T/p$p.db" --as-of $ASOF >/dev/null 2>&1 || fail "screen $p"
    # the screening's leads (the simulated casework below draws inspections and letters
    # about any person, crossing ones included)
    n=$(sqlite3 "$T/p$p.db" "SELECT count(*) FROM leads WHERE CAST(substr(person_id, 2) AS INTEGER) > $N
        OR subject LIKE 'WX%' OR subject LIKE 'TX%' OR (model_id IN ('PAP-01', 'PR-01') AND
        subject IN (SELECT record_id FROM activities WHERE record_id LIKE 'WX%' UNION SELECT record_id FROM voters WHERE record_id LIKE 'TX%'))")
    [ "$n" = 0 ] || fail "province $p alone raises $n leads on crossing persons"
    "$ZJ" report --db "$T/p$p.db" --simulate $p --as-of $ASOF --from 2025-01-01 --to $ASOF \
        --format json >/dev/null || fail "simulate casework $p"
    cp "$T/p$p.db" "$T/f$p.db"
done
echo "ok: $K crossing persons, lawful in each province alone"

# local layout
createdb nat || fail createdb
NAT=$(pg_url nat)
"$ZJ" national init --pg "$NAT" --provinces 33,32,51 >/dev/null || fail "national init"
"$ZJ" national check-functions --pg "$NAT" --n 500 >"$T/check" || { cat "$T/check"; fail "law functions differ"; }
for p in $PROVS; do
    "$ZJ" publish --quiet --pg "$NAT" --province $p --db "$T/p$p.db" >/dev/null || fail "publish $p"
done
"$ZJ" national screen --quiet --pg "$NAT" --as-of $ASOF >"$T/screen" || fail "national screen"
national_leads() {
    "${PSQL[@]}" -d "$1" -c "SELECT model_id || ',' || province || ',' || subject FROM nat.national_leads
                             WHERE status = 'open' ORDER BY 1" | sort
}
national_leads nat >"$T/got"
diff "$T/answers" "$T/got" >"$T/diff" || { cat "$T/diff"; fail "national leads differ from the planted cases"; }
"$ZJ" national screen --quiet --pg "$NAT" --as-of $ASOF | grep -q "0 new leads, $K raised again, 0 resolved" \
    || fail "second national screening changed the leads"
for p in $PROVS; do
    "$ZJ" publish --quiet --pg "$NAT" --province $p --db "$T/p$p.db" >/dev/null || fail "publish $p again"
    sqlite3 "$T/p$p.db" "SELECT model_id || ',$p,' || subject FROM leads WHERE model_id LIKE 'NAT-%' AND status = 'open'" | sort >"$T/back$p"
    grep ",$p," "$T/answers" | diff - "$T/back$p" || fail "province $p did not receive its national leads"
done
echo "ok: local layout: $K of $K planted cross-province cases found nationally, no other lead; leads back home"

# the national report: per province equal to the province's own report, the country the sum
REPORT=(--from 2025-01-01 --to $ASOF --format json)
for p in $PROVS; do
    "$ZJ" publish --quiet --pg "$NAT" --province $p --db "$T/p$p.db" >/dev/null || fail "publish $p (leads)"
    # the leads at home are not sent back and forth
    "$ZJ" publish --quiet --pg "$NAT" --province $p --db "$T/p$p.db" >"$T/pub$p" || fail "publish $p, nothing new"
    grep -q "0 tables changed, 0 rows sent" "$T/pub$p" || fail "publish $p after its leads came home: $(cat "$T/pub$p")"
    "$ZJ" report --db "$T/p$p.db" "${REPORT[@]}" >"$T/local$p.json" || fail "report $p"
done
"$ZJ" report --pg "$NAT" "${REPORT[@]}" >"$T/nat.json" || fail "report --pg"
python3 - "$T" $PROVS <<'PY' || fail "national report differs from the provinces' reports"
import json, sys
T, provs = sys.argv[1], sys.argv[2:]
def figures(rep):
    return {i["name"]: ({r["key"]: r["count"] for r in i["rows"]}, i["count"]) for i in rep["indicators"]}
nat = json.load(open(f"{T}/nat.json"))
byp = {p["province"]: figures(p["report"]) for p in nat["provinces"]}
country = figures(nat["country"])
assert sorted(byp) == sorted(provs), sorted(byp)
total = {}
for p in provs:
    local = figures(json.load(open(f"{T}/local{p}.json")))
    assert local == byp[p], [(k, local[k], byp[p][k]) for k in local if local[k] != byp[p].get(k)][:3]
    for name, (rows, n) in local.items():
        t = total.setdefault(name, ({}, 0))
        for k, v in rows.items():
            t[0][k] = t[0].get(k, 0) + v
        total[name] = (t[0], t[1] + n)
assert total == country, [k for k in total if total[k] != country[k]][:3]
nonzero = sum(1 for n in country if country[n][1] > 0)
assert nonzero >= 20, nonzero
print(f"ok: national report: {len(country)} indicators ({nonzero} non-zero) by province = the provinces' reports, country = their sum")
PY

# federated layout: every province on its own database, attached with postgres_fdw
createdb fed || fail createdb
FED=$(pg_url fed)
"$ZJ" national init --pg "$FED" --provinces 33,32,51 >/dev/null || fail "national init fed"
for p in $PROVS; do
    createdb "prov$p" || fail createdb
    "$ZJ" national init --pg "$(pg_url prov$p)" --provinces $p >/dev/null || fail "init prov$p"
    "$ZJ" publish --quiet --pg "$(pg_url prov$p)" --province $p --db "$T/f$p.db" >/dev/null || fail "publish prov$p"
    "$ZJ" national attach --pg "$FED" --province $p --server "$(pg_url prov$p)" >/dev/null || fail "attach $p"
done
"$ZJ" publish --quiet --pg "$FED" --province 33 --db "$T/f33.db" >/dev/null 2>&1 && fail "publish to the national side of an attached province"
[ "$("${PSQL[@]}" -d fed -c "SELECT count(*) FROM nat.persons")" = "$("${PSQL[@]}" -d nat -c "SELECT count(*) FROM nat.persons")" ] \
    || fail "federated persons differ"
"$ZJ" national screen --quiet --pg "$FED" --as-of $ASOF >/dev/null || fail "national screen fed"
national_leads fed | diff "$T/answers" - || fail "federated national leads differ"
for p in $PROVS; do
    "$ZJ" publish --quiet --pg "$(pg_url prov$p)" --province $p --db "$T/f$p.db" >/dev/null || fail "publish prov$p again"
    [ "$(sqlite3 "$T/f$p.db" "SELECT count(*) FROM leads WHERE model_id LIKE 'NAT-%' AND status = 'open'")" = "$(wc -l <"$T/back$p")" ] \
        || fail "province $p did not receive its leads through its own server"
done
for p in $PROVS; do
    "$ZJ" publish --quiet --pg "$(pg_url prov$p)" --province $p --db "$T/f$p.db" >/dev/null || fail "publish prov$p (leads)"
done
"$ZJ" report --pg "$FED" "${REPORT[@]}" >"$T/fed.json" || fail "report --pg fed"
cmp -s "$T/nat.json" "$T/fed.json" || fail "the federated layout gives another national report"
echo "ok: federated layout: the same national leads and the identical national report; leads back through the provinces' servers"
