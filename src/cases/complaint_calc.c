/*
 * complaint_calc.c — a complaint about the sentence length (刑期计算) or recidivism (累犯
 * 认定) runs the law core for the person (workflow.md: EXE-02, REC-01) exactly as the
 * screening does: the person's timeline is loaded by the engine (engine_person_load), the
 * law case of their latest effective judgment is built by law_case_from_timeline (the one
 * assembly the screening, `zhijian person` and the web share: custody from the offense
 * date, changes with their diagnoses, priors, C-14's new crime, property judged at each
 * decision), and the law core's figures are shown beside the figures recorded in the
 * judgment (term_start, term_end, recidivist).
 */
#include "cases/office.h"
#include "law/law.h"
#include "law/law_json.h"
#include "models/engine.h"
#include "models/timeline.h"
#include "store/store.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Add one difference {field, recorded, computed, days} when the texts differ. */
static void diff_date(json_t *diffs, const char *field, const char *recorded, const char *computed)
{
    if (!recorded || !*recorded)
        return;
    if (computed && !strcmp(recorded, computed))
        return;
    json_t *o = json_object();
    json_object_set_new(o, "field", json_string(field));
    json_object_set_new(o, "recorded", json_string(recorded));
    json_object_set_new(o, "computed", computed ? json_string(computed) : json_null());
    zj_date a, b;
    if (computed && date_parse(recorded, (unsigned)strlen(recorded), &a) == 0 &&
        date_parse(computed, (unsigned)strlen(computed), &b) == 0)
        json_object_set_new(o, "days", json_integer(a - b));
    json_array_append_new(diffs, o);
}

static void date_text(zj_date d, char out[11])
{
    if (d == ZJ_DATE_NONE)
        out[0] = 0;
    else
        date_format(d, out);
}

int office_person_calc_json(sqlite3 *db, const zj_scope *sc, const char *person, zj_date as_of,
                            json_t **out, zj_diag *d)
{
    *out = NULL;
    if (!person || !scope_has_person(db, sc, person)) {
        zj_diag_set(d, "person_id", "unknown person '%s'", person ? person : "");
        return ZJ_ENOTFOUND;
    }
    zj_timeline tl;
    timeline_init(&tl);
    int rc = engine_person_load(db, person, as_of, &tl);
    if (rc) {
        if (rc == ZJ_ENOTFOUND)
            zj_diag_set(d, "person_id", "unknown person '%s'", person);
        engine_person_release(&tl);
        return rc;
    }
    /* the latest judgment in effect on the as-of date (ties: the greater id) */
    size_t ji = tl.n_jud;
    for (size_t i = 0; i < tl.n_jud; i++) {
        const tl_judgment *j = &tl.jud[i];
        if (j->effective_date == ZJ_DATE_NONE || j->effective_date > as_of)
            continue;
        if (ji == tl.n_jud || j->effective_date > tl.jud[ji].effective_date ||
            (j->effective_date == tl.jud[ji].effective_date &&
             strcmp(j->judgment_id, tl.jud[ji].judgment_id) > 0))
            ji = i;
    }
    if (ji == tl.n_jud) {
        zj_diag_set(d, "person_id", "no effective judgment for person '%s'", person);
        engine_person_release(&tl);
        return ZJ_ENOTFOUND;
    }
    const tl_judgment *j = &tl.jud[ji];
    if (!tl.figs_ok[ji]) {
        zj_diag_set(d, "judgment", "the law core cannot compute judgment '%s'", j->judgment_id);
        engine_person_release(&tl);
        return ZJ_EINVAL;
    }
    struct law_request lr;
    law_case_from_timeline(&tl, ji, &lr);
    json_t *computed = law_figures_to_json(&lr, &tl.figs[ji]);
    law_request_release(&lr);

    char asof[11], rec_start[11], rec_end[11];
    date_format(as_of, asof);
    date_text(j->term_start, rec_start);
    date_text(j->term_end, rec_end);
    json_t *result = json_object();
    json_object_set_new(result, "person_id", json_string(person));
    json_object_set_new(result, "judgment_id", json_string(j->judgment_id));
    json_object_set_new(result, "as_of", json_string(asof));
    json_t *rec = json_object();
    json_object_set_new(rec, "term_start", rec_start[0] ? json_string(rec_start) : json_null());
    json_object_set_new(rec, "term_end", rec_end[0] ? json_string(rec_end) : json_null());
    json_object_set_new(rec, "recidivist",
                        j->recidivist < 0 ? json_null() : json_boolean(j->recidivist));
    json_object_set_new(result, "recorded", rec);
    json_t *diffs = json_array();
    const char *cs = json_string_value(json_object_get(computed, "term_start"));
    const char *ce = json_string_value(json_object_get(computed, "term_end_original"));
    diff_date(diffs, "term_start", rec_start, cs);
    diff_date(diffs, "term_end", rec_end, ce);
    if (j->recidivist >= 0 && (j->recidivist != 0) != tl.figs[ji].recidivist) {
        json_t *o = json_object();
        json_object_set_new(o, "field", json_string("recidivist"));
        json_object_set_new(o, "recorded", json_boolean(j->recidivist));
        json_object_set_new(o, "computed", json_boolean(tl.figs[ji].recidivist));
        json_array_append_new(diffs, o);
    }
    json_object_set_new(result, "differences", diffs);
    json_object_set_new(result, "computed", computed);
    engine_person_release(&tl);
    *out = result;
    return 0;
}

int office_complaint_calc_json(sqlite3 *db, const zj_scope *sc, long id, zj_date as_of, strbuf *out,
                               zj_diag *d)
{
    char person[64] = "", topic[32] = "";
    int rc = scope_check_record(db, sc, SCOPE_COMPLAINT, id, d);
    if (rc)
        return rc;
    if (as_of == ZJ_DATE_NONE) {
        zj_diag_set(d, "as_of", "invalid as_of");
        return ZJ_EINVAL;
    }
    sqlite3_stmt *c = store_prepare(
        db, "SELECT coalesce(person_id, ''), topic FROM complaints WHERE complaint_id = ?");
    if (!c) {
        zj_diag_set(d, "", "%s", sqlite3_errmsg(db));
        return ZJ_EDB;
    }
    sqlite3_bind_int64(c, 1, id);
    if (sqlite3_step(c) != SQLITE_ROW) {
        sqlite3_finalize(c);
        zj_diag_set(d, "complaint_id", "unknown complaint '%ld'", id);
        return ZJ_ENOTFOUND;
    }
    snprintf(person, sizeof person, "%s", (const char *)sqlite3_column_text(c, 0));
    snprintf(topic, sizeof topic, "%s", (const char *)sqlite3_column_text(c, 1));
    sqlite3_finalize(c);
    if (!person[0]) {
        zj_diag_set(d, "person_id", "complaint '%ld' names no person", id);
        return ZJ_EINVAL;
    }
    json_t *result;
    rc = office_person_calc_json(db, sc, person, as_of, &result, d);
    if (rc)
        return rc;
    json_object_set_new(result, "complaint_id", json_integer(id));
    json_object_set_new(result, "topic", json_string(topic));
    char *s = json_dumps(result, JSON_COMPACT);
    strbuf_adds(out, s);
    free(s);
    json_decref(result);
    return 0;
}
