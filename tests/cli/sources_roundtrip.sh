#!/usr/bin/env bash
# A generated county exported as the workbooks of every shipped source profile
# (`zhijian gen --as-xlsx all`: dates, ids, terms, labels in people's written forms; the
# roster of proposals from the generated changes, tests/cli/proposals_csv.py, as gen writes
# only the feeds of feeds.md) and imported back through those profiles gives the same feed
# tables as the CSV import; the feeds no profile covers come from their CSV, in load order.
# The prison roster gives the admissions (custody 'admit') of the register; the detention
# centres' rosters the detentions. Every table is compared column by column (batch ids
# aside); neither import rejects anything.
set -eu
: "${ZJ:?path to zhijian}" "${ZJ_SOURCE_DIR:?}"
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT; cd "$T"
"$ZJ" gen --persons ${ZJ_ROUNDTRIP_PERSONS:-1500} --seed 5 --as-of 2026-06-30 --out feeds --as-xlsx all >gen.out
[ "$(grep -c 'rows$' gen.out)" = 8 ]
python3 "$ZJ_SOURCE_DIR/tests/cli/proposals_csv.py" feeds >/dev/null
"$ZJ" profile export proposals_roster feeds feeds/xlsx >/dev/null
[ "$(ls feeds/xlsx/*.xlsx | wc -l)" = 9 ]
[ "$(ls "$ZJ_SOURCE_DIR"/profiles/*.toml | wc -l)" = 9 ]
"$ZJ" import --db a.db --as-of 2026-06-30 feeds >/dev/null

# the profile that carries each feed
declare -A via=([persons]=court_judgments [judgments]=court_judgments [custody]=custody_register
                [sentence_changes]=sentence_changes [corrections]=cc_roster [property]=property
                [restraints]=restraints [proposals]=proposals_roster)
declare -A done=()
for f in facilities staff persons judgments custody medical sentence_changes scores merits \
         corrections cc_events voters property payments cells restraints deaths activities \
         incidents incident_persons labour release_prep proposals; do
  [ -f "feeds/$f.csv" ] || continue
  p=${via[$f]:-}
  if [ -n "$p" ]; then
    [ -n "${done[$p]:-}" ] && continue
    done[$p]=1
    "$ZJ" import --db b.db --as-of 2026-06-30 --profile "$p" "feeds/xlsx/$p.xlsx" >"imp_$p.out" 2>"imp_$p.err"
    if [ "$p" = court_judgments ]; then   # the prisons' roster: the same persons, and the admissions
      "$ZJ" import --db b.db --as-of 2026-06-30 --profile prison_roster feeds/xlsx/prison_roster.xlsx >roster.out 2>/dev/null
      awk '$1 == "persons" && ($3 != 0 || $4 != 0 || $6 != 0) { print "roster changed persons: " $0; exit 1 }' roster.out
      admits=$(awk -F, 'NR > 1 && $4 == "admit"' feeds/custody.csv | wc -l)
      [ "$admits" -gt 0 ]
      awk -v n="$admits" '$1 == "custody" && ($2 != n || $3 != n || $6 != 0) { print "roster admissions: " $0 " of " n; exit 1 }' roster.out
      grep -q '^custody ' roster.out
    fi
    if [ "$p" = custody_register ]; then  # the detention centres' rosters: the same detentions
      awk -v n="$admits" '$1 == "custody" && $5 != n { print "register: the admissions not unchanged: " $0; exit 1 }' "imp_$p.out"
      "$ZJ" import --db b.db --as-of 2026-06-30 --profile detention_roster feeds/xlsx/detention_roster.xlsx >det.out 2>/dev/null
      awk '($1 == "persons" || $1 == "custody") && ($3 != 0 || $4 != 0 || $6 != 0 || $5 == 0) { print "detention roster changed: " $0; exit 1 }' det.out
    fi
  else
    mkdir -p "one/$f" && cp "feeds/$f.csv" "one/$f/"
    "$ZJ" import --db b.db --as-of 2026-06-30 "one/$f" >/dev/null
  fi
done
[ "$(sqlite3 a.db "SELECT count(*) FROM rejects")" = 0 ]
if [ "$(sqlite3 b.db "SELECT count(*) FROM rejects")" != 0 ]; then
  sqlite3 b.db "SELECT feed, cell, reason, raw FROM rejects LIMIT 10"; exit 1
fi
python3 - <<'PY'
import sqlite3, sys
a = sqlite3.connect("a.db"); b = sqlite3.connect("b.db")
feeds = ["persons", "judgments", "custody", "sentence_changes", "corrections", "property",
         "restraints", "proposals", "facilities", "medical", "payments"]
bad = 0
for t in feeds:
    cols = [r[1] for r in a.execute(f"PRAGMA table_info({t})") if r[1] not in ("batch_id", "extra")]
    q = f"SELECT {', '.join(cols)} FROM {t} ORDER BY 1"
    ra, rb = a.execute(q).fetchall(), b.execute(q).fetchall()
    if ra != rb:
        bad = 1
        print(f"{t}: {len(ra)} rows from CSV, {len(rb)} from xlsx")
        for x, y in zip(ra, rb):
            if x != y:
                print("  csv :", x); print("  xlsx:", y); break
    elif not ra:
        bad = 1; print(f"{t}: no rows")
sys.exit(bad)
PY
echo "sources_roundtrip: ok"
