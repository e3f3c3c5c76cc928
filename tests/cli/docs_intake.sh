#!/usr/bin/env bash
# zhijian doc: extract (JSON array, one object per file; an unreadable file is reported and
# exits 1), import (queued once per content), the review queue, confirm with corrections
# and person choices (rows written through the importer, linked to the document), rulings
# matched to the person by id number and to the judgment by case number, discard, and the
# refusals (missing field, ambiguous person, already confirmed).
set -eu
: "${ZJ:?path to zhijian}" "${ZJ_SOURCE_DIR:?}"
FIX="$ZJ_SOURCE_DIR/tests/fixtures/docs"
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT; cd "$T"
DB="$T/zj.db"
q() { sqlite3 "$DB" "$1"; }

# extract: nothing stored, the documented JSON
"$ZJ" doc extract --format json "$FIX/07_commutation_dalian.docx" "$FIX/04_judgment_murder_gb.txt" >x.json
python3 - <<'PY'
import json
d = json.load(open("x.json"))
assert [x["file"] for x in d] == ["07_commutation_dalian.docx", "04_judgment_murder_gb.txt"]
c, j = d
p = c["persons"][0]
assert c["kind"] == "commutation" and c["case_no"] == "（2017）辽02刑更392号"
assert p["change"] == {"kind": "commutation", "grounds": "repentance", "reduction_months": 8,
                       "reduction_days": None, "new_penalty": None, "new_term_months": None,
                       "proposal_date": "2017-05-10", "term_end_after": "2022-09-02"}, p["change"]
assert j["persons"][0]["change"] is None and j["effective_date"] is None
assert p["original"]["term_end"] == "2023-12-02" and p["original"]["charges"] == ["抢劫罪"]
assert "减去有期徒刑八个月" in c["sources"]["persons[0].change.reduction_months"]
assert 0 < c["confidence"]["persons[0].change.reduction_months"] <= 1
assert j["persons"][0]["original"]["penalty"] == "life" and j["persons"][0]["original"]["dpr_life"] is True
PY
# every key of the shape in every object of the folder, in order, null when unstated
"$ZJ" doc extract --format json "$FIX"/*.docx "$FIX"/*.txt "$FIX"/*.pdf >all.json
python3 - <<'PY'
import json
top = ["file", "kind", "case_no", "court", "decision_date", "effective_date", "persons", "sources", "confidence"]
person = ["name", "gender", "birth_date", "id_number", "facility", "original", "change"]
original = ["case_no", "court", "judgment_date", "offense_date", "charges", "penalty", "term_months",
            "term_days", "probation_months", "dpr_months", "dpr_life", "recidivist", "term_start", "term_end"]
change = ["kind", "grounds", "reduction_months", "reduction_days", "new_penalty", "new_term_months",
          "proposal_date", "term_end_after"]
d = json.load(open("all.json"))
assert len(d) >= 15
for x in d:
    assert list(x) == top, (x["file"], list(x))
    assert x["persons"], x["file"]
    for p in x["persons"]:
        assert list(p) == person and list(p["original"]) == original, (x["file"], p)
        if x["kind"] == "judgment":
            assert p["change"] is None, x["file"]
        else:
            assert list(p["change"]) == change, (x["file"], p["change"])
    for path in x["confidence"]:
        assert path in x["sources"], (x["file"], path)
PY
[ ! -e "$DB" ]
printf 'not a docx' >bad.docx; printf 'PK\003\004broken' >broken.docx
if "$ZJ" doc extract --format json "$FIX/05_judgment_dui_oneline.txt" broken.docx >y.json; then exit 1; fi
python3 -c "
import json; d = json.load(open('y.json'))
assert d[0]['persons'][0]['name'] == '吴鹏' and 'damaged docx' in d[1]['error'], d"
"$ZJ" doc extract "$FIX/05_judgment_dui_oneline.txt" | grep -q 'persons\[0\].original.term_end  *"2021-06-01"'

# import: each content once
mkdir f; cp "$FIX/facilities.csv" f/
"$ZJ" import --db "$DB" --as-of 2025-06-30 f >/dev/null 2>&1
"$ZJ" doc import --db "$DB" "$FIX"/0[1-7]_*.* "$FIX"/13_*.docx "$FIX"/14_*.pdf >imp1
[ "$(grep -c queued imp1)" = 9 ]
"$ZJ" doc import --db "$DB" "$FIX/01_judgment_theft.docx" | grep -q "^1	already queued"
if "$ZJ" doc import --db "$DB" broken.docx 2>err; then exit 1; fi
grep -q "docx" err
# poppler-glib is loaded at the first PDF (dlopen): a PDF is refused, naming the library,
# when it cannot be loaded (here a broken one found first through LD_LIBRARY_PATH)
mkdir nolib; : >nolib/libpoppler-glib.so.8
if LD_LIBRARY_PATH="$T/nolib" "$ZJ" doc extract "$FIX/20_judgment_gambling_two.pdf" >z 2>&1; then exit 1; fi
grep -q "libpoppler-glib.so.8 (package libpoppler-glib8) cannot be loaded" z
if LD_LIBRARY_PATH="$T/nolib" "$ZJ" doc import --db "$DB" "$FIX/20_judgment_gambling_two.pdf" 2>err; then exit 1; fi
grep -q "未能加载PDF组件libpoppler-glib.so.8" err
# libzip and expat likewise, at the first .docx
rm -f nolib/*; : >nolib/libzip.so.4
if LD_LIBRARY_PATH="$T/nolib" "$ZJ" doc extract "$FIX/01_judgment_theft.docx" >z 2>&1; then exit 1; fi
grep -q "cannot load libzip.so.4 (package libzip4)" z
rm -f nolib/*; : >nolib/libexpat.so.1
if LD_LIBRARY_PATH="$T/nolib" "$ZJ" doc extract "$FIX/01_judgment_theft.docx" >z 2>&1; then exit 1; fi
grep -q "cannot load libexpat.so.1 (package libexpat1)" z
[ "$(q "SELECT count(*) FROM doc_intake WHERE status = 'pending'")" = 9 ]
[ "$(q "SELECT count(*) FROM judgments")" = 0 ]
"$ZJ" doc list --db "$DB" --format json | python3 -c "
import json, sys; d = json.load(sys.stdin)
assert len(d) == 9 and all(x['status'] == 'pending' for x in d)"
# scope data: the judgment concerns 大连市看守所 (held), the ruling 辽宁省大连监狱
[ "$(q "SELECT facility_id FROM doc_intake WHERE doc_id = 1")" = DC-2102 ]
[ "$(q "SELECT facility_id FROM doc_intake WHERE doc_id = 7")" = PR-2102A ]

# confirm a judgment: a new person must be chosen, the effective date given
if "$ZJ" doc confirm --db "$DB" 1 2>err; then exit 1; fi
grep -q "库中没有此人" err
if "$ZJ" doc confirm --db "$DB" 1 --new-person 0 2>err; then exit 1; fi
grep -q "persons\[0\].original.effective_date" err
[ "$(q "SELECT count(*) FROM persons")" = 0 ]
"$ZJ" doc confirm --db "$DB" 1 --new-person 0 --set persons[0].original.effective_date=2019-07-27 >c1
grep -q "^judgments	DOC1-J0	written" c1
[ "$(q "SELECT person_id, case_no, court_id, charges, offense_date, judgment_date, effective_date, penalty, term_months, term_start, term_end FROM judgments")" = \
  "DOC1-0|（2019）辽0204刑初318号|CT-210204|盗窃罪|2019-02-26|2019-07-16|2019-07-27|fixed_term|42|2019-03-05|2022-09-04" ]
[ "$(q "SELECT id_number, name, gender, birth_date FROM persons")" = "210202198001020011|赵永强|M|1980-01-02" ]
[ "$(q "SELECT json_extract(extra, '$.source_document') FROM judgments")" = "doc:1 01_judgment_theft.docx" ]
[ "$(q "SELECT count(*) FROM changed_persons WHERE person_id = 'DOC1-0'")" = 1 ]
[ "$(q "SELECT status, reviewed_by IS NOT NULL, json_extract(corrections, '$.\"persons[0].original.effective_date\".to') FROM doc_intake WHERE doc_id = 1")" = "confirmed|1|2019-07-27" ]
if "$ZJ" doc confirm --db "$DB" 1 2>err; then exit 1; fi
grep -q "已确认" err

# the parole ruling of the same person: matched by id number, linked to the judgment by case number
"$ZJ" doc confirm --db "$DB" 8 >c8
[ "$(q "SELECT person_id, judgment_id, kind, proposer_id, proposal_date, decider_id, decision_date, effective_date, grounds FROM sentence_changes")" = \
  "DOC1-0|DOC1-J0|parole|PR-2102A|2021-05-08|CT-2102|2021-06-15|2021-06-15|repentance" ]

# a judgment with two defendants; a corrected field; the commutation of one of them
"$ZJ" doc confirm --db "$DB" 2 --new-person 0 --new-person 1 --set persons[0].original.effective_date=2020-07-03 \
  --set persons[1].original.effective_date=2020-07-03 --set persons[1].original.probation_months=60 >c2
[ "$(q "SELECT count(*) FROM judgments WHERE case_no = '（2020）川0107刑初562号'")" = 2 ]
[ "$(q "SELECT recidivist, term_months FROM judgments WHERE person_id = 'DOC2-0'")" = "1|72" ]
[ "$(q "SELECT probation_months FROM judgments WHERE person_id = 'DOC2-1'")" = 60 ]
[ "$(q "SELECT count(*) FROM audit_log WHERE action = 'doc_confirm'")" = 3 ]
"$ZJ" doc confirm --db "$DB" 9 | grep -q "^sentence_changes	DOC9-C0	written"
[ "$(q "SELECT judgment_id FROM sentence_changes WHERE change_id = 'DOC9-C0'")" = DOC2-J0 ]

# the same person twice under another id: the choice is the reviewer's
q "INSERT INTO persons(person_id, name, birth_date) VALUES ('P9', '王德胜', '1976-07-08'), ('P10', '王德胜', '1976-07-08')"
if "$ZJ" doc confirm --db "$DB" 7 2>err; then exit 1; fi
grep -q "有2个可能的人员" err
"$ZJ" doc show --db "$DB" 7 | python3 -c "
import json, sys; d = json.load(sys.stdin)
assert [c['person_id'] for c in d['candidates'][0]] == ['P10', 'P9'], d['candidates']
assert d['extracted']['persons'][0]['change']['reduction_months'] == 8"
# P9 has no judgment: refused by name
if "$ZJ" doc confirm --db "$DB" 7 --person 0=P9 2>err; then exit 1; fi
grep -q "judgment_id" err
# a field that is not one
if "$ZJ" doc confirm --db "$DB" 7 --set persons[3].name=x 2>err; then exit 1; fi
grep -q "没有字段" err

# discard
"$ZJ" doc discard --db "$DB" 7 --reason "重复"
[ "$(q "SELECT status, note FROM doc_intake WHERE doc_id = 7")" = "discarded|重复" ]
if "$ZJ" doc discard --db "$DB" 7 2>/dev/null; then exit 1; fi
[ "$(q "PRAGMA foreign_key_check")" = "" ]
echo ok
