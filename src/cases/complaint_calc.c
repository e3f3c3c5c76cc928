/*
 * complaint_calc.c — a complaint about the sentence length (刑期计算) or recidivism (累犯
 * 认定) runs the law core for the person (workflow.md: EXE-02, REC-01): the person's
 * latest judgment, its custody events, its sentence changes and the person's earlier
 * judgments are assembled into the `zhijian calc` request of cli.md (law_json.h), computed
 * with law_compute, and shown beside the figures recorded in the judgment
 * (term_start, term_end, recidivist).
 *
 * Assembly: custody events are those linked to the judgment, or unlinked ones dated on
 * or after its offense date; a prior's release_date is its last release event (parole
 * periods of priors are not in the feeds and are left null); property_unpaid is an
 * enforcement of the judgment not paid in full and not found unable (F-03).
 */
#include "cases/office.h"
#include "law/law.h"
#include "law/law_json.h"
#include "store/store.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static json_t *col_str(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t && *t ? json_string((const char *)t) : json_null();
}

static json_t *col_int(sqlite3_stmt *st, int i)
{
    return sqlite3_column_type(st, i) == SQLITE_NULL ? json_null()
                                                     : json_integer(sqlite3_column_int64(st, i));
}

static json_t *col_bool(sqlite3_stmt *st, int i)
{
    return json_boolean(sqlite3_column_type(st, i) != SQLITE_NULL && sqlite3_column_int(st, i));
}

/* One member of a request object: its key, the column it comes from and its type
 * ('s' text, 'i' integer, 'b' bool; a negative column is null). */
struct col_member {
    const char *key;
    int col;
    char type;
};

/* A new object with the members cols[0..n) of the current row of st. */
static json_t *row_members(sqlite3_stmt *st, const struct col_member *cols, size_t n)
{
    json_t *o = json_object();
    for (size_t k = 0; k < n; k++) {
        const struct col_member *c = &cols[k];
        json_t *v = c->col < 0 ? json_null()
                    : c->type == 'i' ? col_int(st, c->col)
                    : c->type == 'b' ? col_bool(st, c->col)
                                     : col_str(st, c->col);
        json_object_set_new(o, c->key, v);
    }
    return o;
}

/* The remaining rows of st, each as row_members. */
static json_t *rows_members(sqlite3_stmt *st, const struct col_member *cols, size_t n)
{
    json_t *a = json_array();
    while (sqlite3_step(st) == SQLITE_ROW)
        json_array_append_new(a, row_members(st, cols, n));
    return a;
}

static const struct col_member judgment_members[] = {
    {"penalty", 1, 's'}, {"term_months", 2, 'i'}, {"term_days", 3, 'i'},
    {"offense_date", 4, 's'}, {"effective_date", 5, 's'}, {"notice_date", 6, 's'},
    {"charges", 7, 's'}, {"recidivist", 8, 'b'}, {"flags", 9, 's'},
    {"probation_months", 10, 'i'}, {"dpr_months", 11, 'i'}, {"dpr_life", 12, 'b'},
    {"limited_commutation", 13, 'b'},
};
static const struct col_member event_members[] = {
    {"event_type", 0, 's'}, {"event_date", 1, 's'},
};
static const struct col_member change_members[] = {
    {"kind", 0, 's'}, {"proposal_date", 1, 's'}, {"decision_date", 2, 's'},
    {"effective_date", 3, 's'}, {"reduction_months", 4, 'i'}, {"reduction_days", 5, 'i'},
    {"grounds", 6, 's'}, {"new_penalty", 7, 's'}, {"new_term_months", 8, 'i'},
    {"leniency", 9, 's'},
};
static const struct col_member prior_members[] = {
    {"penalty", 0, 's'}, {"term_months", 1, 'i'}, {"term_days", 2, 'i'},
    {"probation_months", 3, 'i'}, {"charges", 4, 's'}, {"offense_date", 5, 's'},
    {"release_date", 6, 's'}, {"parole_end", -1, 's'},
};
#define NMEMBERS(a) (sizeof(a) / sizeof((a)[0]))

static const char *judgment_sql =
    "SELECT j.judgment_id, j.penalty, j.term_months, j.term_days, j.offense_date,"
    " j.effective_date, j.notice_date, j.charges, j.recidivist, j.flags, j.probation_months,"
    " j.dpr_months, j.dpr_life, j.limited_commutation, j.term_start, j.term_end, p.birth_date,"
    " EXISTS (SELECT 1 FROM property e WHERE e.judgment_id = j.judgment_id AND coalesce(e.unable, 0) = 0"
    "  AND e.amount_due_fen > coalesce((SELECT sum(amount_fen) FROM payments y"
    "  WHERE y.enforcement_id = e.enforcement_id AND y.pay_date <= ?2), 0))"
    " FROM judgments j JOIN persons p ON p.person_id = j.person_id WHERE j.person_id = ?1"
    " AND j.effective_date <= ?2 ORDER BY j.effective_date DESC, j.judgment_id DESC LIMIT 1";

static const char *events_sql =
    "SELECT event_type, event_date FROM custody WHERE person_id = ?1 AND (judgment_id = ?2"
    " OR (judgment_id IS NULL AND event_date >= ?3)) ORDER BY event_date, event_id";

static const char *changes_sql =
    "SELECT kind, proposal_date, decision_date, effective_date, reduction_months, reduction_days,"
    " grounds, new_penalty, new_term_months, leniency FROM sentence_changes WHERE judgment_id = ?1"
    " AND decision_date <= ?2 ORDER BY decision_date, change_id";

static const char *priors_sql =
    "SELECT j.penalty, j.term_months, j.term_days, j.probation_months, j.charges, j.offense_date,"
    " (SELECT max(c.event_date) FROM custody c WHERE c.judgment_id = j.judgment_id"
    "  AND c.event_type IN ('release', 'release_parole'))"
    " FROM judgments j WHERE j.person_id = ?1 AND j.effective_date < ?2 AND j.judgment_id <> ?3"
    " ORDER BY j.effective_date";

/* Add one difference {field, recorded, computed, days} when the texts differ. */
static void diff_date(json_t *diffs, const char *field, const char *recorded,
                      const char *computed)
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

int office_complaint_calc_json(sqlite3 *db, long id, zj_date as_of, strbuf *out, zj_diag *d)
{
    int rc = ZJ_EDB;
    char asof[11], person[64] = "", topic[32] = "", jid[64] = "", offense[11] = "";
    char rec_start[11] = "", rec_end[11] = "";
    int rec_recid = -1;
    json_t *req = json_object(), *result = NULL;
    struct law_request lr;
    bool parsed = false;
    date_format(as_of, asof);
    sqlite3_stmt *c = store_prepare(db, "SELECT coalesce(person_id, ''), topic FROM complaints WHERE complaint_id = ?");
    sqlite3_stmt *j = store_prepare(db, judgment_sql);
    sqlite3_stmt *e = store_prepare(db, events_sql);
    sqlite3_stmt *ch = store_prepare(db, changes_sql);
    sqlite3_stmt *pr = store_prepare(db, priors_sql);
    if (!c || !j || !e || !ch || !pr)
        goto cleanup;
    sqlite3_bind_int64(c, 1, id);
    if (sqlite3_step(c) != SQLITE_ROW) {
        zj_diag_set(d, "complaint_id", "unknown complaint '%ld'", id);
        rc = ZJ_ENOTFOUND;
        goto cleanup;
    }
    snprintf(person, sizeof person, "%s", (const char *)sqlite3_column_text(c, 0));
    snprintf(topic, sizeof topic, "%s", (const char *)sqlite3_column_text(c, 1));
    if (!person[0]) {
        zj_diag_set(d, "person_id", "complaint '%ld' names no person", id);
        rc = ZJ_EINVAL;
        goto cleanup;
    }
    sqlite3_bind_text(j, 1, person, -1, SQLITE_STATIC);
    sqlite3_bind_text(j, 2, asof, -1, SQLITE_STATIC);
    if (sqlite3_step(j) != SQLITE_ROW) {
        zj_diag_set(d, "person_id", "no effective judgment for person '%s'", person);
        rc = ZJ_ENOTFOUND;
        goto cleanup;
    }
    snprintf(jid, sizeof jid, "%s", (const char *)sqlite3_column_text(j, 0));
    if (sqlite3_column_text(j, 4))
        snprintf(offense, sizeof offense, "%s", (const char *)sqlite3_column_text(j, 4));
    if (sqlite3_column_text(j, 14))
        snprintf(rec_start, sizeof rec_start, "%s", (const char *)sqlite3_column_text(j, 14));
    if (sqlite3_column_text(j, 15))
        snprintf(rec_end, sizeof rec_end, "%s", (const char *)sqlite3_column_text(j, 15));
    if (sqlite3_column_type(j, 8) != SQLITE_NULL)
        rec_recid = sqlite3_column_int(j, 8);

    json_object_set_new(req, "as_of", json_string(asof));
    json_t *p = json_object();
    json_object_set_new(p, "birth_date", col_str(j, 16));
    json_object_set_new(req, "person", p);
    json_object_set_new(req, "judgment",
                        row_members(j, judgment_members, NMEMBERS(judgment_members)));
    json_object_set_new(req, "property_unpaid", col_bool(j, 17));

    sqlite3_bind_text(e, 1, person, -1, SQLITE_STATIC);
    sqlite3_bind_text(e, 2, jid, -1, SQLITE_STATIC);
    sqlite3_bind_text(e, 3, offense, -1, SQLITE_STATIC);
    json_object_set_new(req, "custody", rows_members(e, event_members, NMEMBERS(event_members)));

    sqlite3_bind_text(ch, 1, jid, -1, SQLITE_STATIC);
    sqlite3_bind_text(ch, 2, asof, -1, SQLITE_STATIC);
    json_object_set_new(req, "changes", rows_members(ch, change_members, NMEMBERS(change_members)));

    sqlite3_bind_text(pr, 1, person, -1, SQLITE_STATIC);
    sqlite3_bind_text(pr, 2, (const char *)sqlite3_column_text(j, 5), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(pr, 3, jid, -1, SQLITE_STATIC);
    json_object_set_new(req, "priors", rows_members(pr, prior_members, NMEMBERS(prior_members)));

    char *text = json_dumps(req, JSON_COMPACT);
    int prc = law_request_parse(text, strlen(text), &lr, d);
    free(text);
    if (prc != 0) {
        rc = prc;
        goto cleanup;
    }
    parsed = true;
    struct law_figures fig;
    if (law_compute(NULL, &lr.c, &fig) != 0) {
        zj_diag_set(d, "judgment", "the law core cannot compute judgment '%s'", jid);
        rc = ZJ_EINVAL;
        goto cleanup;
    }
    json_t *computed = law_figures_to_json(&lr, &fig);
    result = json_object();
    json_object_set_new(result, "complaint_id", json_integer(id));
    json_object_set_new(result, "person_id", json_string(person));
    json_object_set_new(result, "topic", json_string(topic));
    json_object_set_new(result, "judgment_id", json_string(jid));
    json_object_set_new(result, "as_of", json_string(asof));
    json_t *rec = json_object();
    json_object_set_new(rec, "term_start", rec_start[0] ? json_string(rec_start) : json_null());
    json_object_set_new(rec, "term_end", rec_end[0] ? json_string(rec_end) : json_null());
    json_object_set_new(rec, "recidivist", rec_recid < 0 ? json_null() : json_boolean(rec_recid));
    json_object_set_new(result, "recorded", rec);
    json_t *diffs = json_array();
    const char *cs = json_string_value(json_object_get(computed, "term_start"));
    const char *ce = json_string_value(json_object_get(computed, "term_end_original"));
    diff_date(diffs, "term_start", rec_start, cs);
    diff_date(diffs, "term_end", rec_end, ce);
    if (rec_recid >= 0 && (rec_recid != 0) != fig.recidivist) {
        json_t *o = json_object();
        json_object_set_new(o, "field", json_string("recidivist"));
        json_object_set_new(o, "recorded", json_boolean(rec_recid));
        json_object_set_new(o, "computed", json_boolean(fig.recidivist));
        json_array_append_new(diffs, o);
    }
    json_object_set_new(result, "differences", diffs);
    json_object_set_new(result, "request", json_incref(req));
    json_object_set_new(result, "computed", computed);
    char *s = json_dumps(result, JSON_COMPACT);
    strbuf_adds(out, s);
    free(s);
    rc = 0;
cleanup:
    if (rc == ZJ_EDB && d && !d->message[0])
        zj_diag_set(d, "", "%s", sqlite3_errmsg(db));
    if (parsed)
        law_request_release(&lr);
    json_decref(req);
    json_decref(result);
    sqlite3_finalize(c);
    sqlite3_finalize(j);
    sqlite3_finalize(e);
    sqlite3_finalize(ch);
    sqlite3_finalize(pr);
    return rc;
}
