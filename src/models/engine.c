/*
 * engine.c — the screening engine (see engine.h): cursors over the feed tables merged by
 * person_id into one timeline per person, the per-person models of the catalog on it,
 * the set-based models once, and the leads written by the calling thread.
 */
#include "models/engine.h"
#include "models/intervals.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "law/law.h"
#include "models/act_dates.h"
#include "models/catalog.h"
#include "models/models2.h"
#include "models/set_runs.h"
#include "models/user_models.h"
#include "models/sqlmodel.h"
#include "store/presence.h"
#include "store/score_hist.h"
#include "store/stmt.h"
#include "store/store.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* ZJ_TIMING=1 in the environment: phase times on stderr (for bench/screen.sh), each line
 * "timing PHASE cpu C W s": the process's CPU seconds since it started (all threads) and
 * the wall seconds since the screening started, the last two fields. */
static void timing(const char *what)
{
    static int on = -1;
    static struct timespec t0;
    if (on < 0) {
        const char *e = getenv("ZJ_TIMING");
        on = e && *e == '1';
        clock_gettime(CLOCK_MONOTONIC, &t0);
    }
    if (!on)
        return;
    struct timespec t, c;
    clock_gettime(CLOCK_MONOTONIC, &t);
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c);
    fprintf(stderr, "timing %-28s cpu %6.3f %8.3f s\n", what,
            (double)c.tv_sec + (double)c.tv_nsec / 1e9,
            (double)(t.tv_sec - t0.tv_sec) + (double)(t.tv_nsec - t0.tv_nsec) / 1e9);
}

/* The calling thread's CPU seconds (for the timing lines of the set thread). */
static double thread_cpu(void)
{
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* SQLite keeps global memory statistics under one mutex that every allocation of every
 * connection takes; the workers allocate constantly, so turn the statistics off before
 * SQLite initialises (nothing in zhijian reads sqlite3_memory_used). */
__attribute__((constructor)) static void engine_sqlite_config(void)
{
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

/* ---- the lead sink ---------------------------------------------------------------- */

struct lead_sink {
    const model_def *model; /* the model running */
    lead_rec *recs;
    size_t n, alloc;
    pthread_mutex_t *lock; /* NULL: one thread owns the sink */
};

static char *dup_or_null(const char *s)
{
    return s && *s ? xstrdup(s) : NULL;
}

int lead_sink_emit(lead_sink *sink, const zj_lead *l)
{
    if (!l || !l->subject || !*l->subject)
        return ZJ_EINVAL;
    if (sink->lock)
        pthread_mutex_lock(sink->lock);
    XGROW(sink->recs, sink->n + 1, sink->alloc);
    lead_rec *r = &sink->recs[sink->n++];
    const model_def *m = sink->model;
    r->model_id = xstrdup(l->model_id ? l->model_id : m->id);
    r->subject = xstrdup(l->subject);
    r->person_id = dup_or_null(l->person_id);
    r->facility_id = dup_or_null(l->facility_id);
    r->region_code = dup_or_null(l->region_code);
    r->family = dup_or_null(m ? m->family : NULL);
    r->severity = xstrdup(l->severity ? l->severity : (m && m->severity ? m->severity : "medium"));
    r->summary = xstrdup(l->summary ? l->summary : (m ? m->name : ""));
    r->evidence = xstrdup(l->evidence ? l->evidence : "{}");
    r->basis = xstrdup(l->basis ? l->basis : (m && m->basis ? m->basis : ""));
    /* hashed here, in the thread that found the lead, not by the single writer */
    leads_evidence_hash(r->evidence, r->hash);
    if (sink->lock)
        pthread_mutex_unlock(sink->lock);
    return 0;
}

static void sink_release(lead_sink *s)
{
    for (size_t i = 0; i < s->n; i++)
        leads_rec_release(&s->recs[i]);
    free(s->recs);
    s->recs = NULL;
    s->n = s->alloc = 0;
}

/* ---- facilities -------------------------------------------------------------------- */

typedef struct fac_table {
    tl_facility *rows;
    size_t n;
} fac_table;

static int fac_load(sqlite3 *db, fac_table *ft)
{
    size_t alloc = 0;
    ft->rows = NULL;
    ft->n = 0;
    sqlite3_stmt *st = store_prepare(db, "SELECT facility_id, name, kind, region_code, designated"
                                         " FROM facilities ORDER BY facility_id");
    if (!st)
        return ZJ_EDB;
    while (sqlite3_step(st) == SQLITE_ROW) {
        XGROW(ft->rows, ft->n + 1, alloc);
        tl_facility *f = &ft->rows[ft->n++];
        f->facility_id = xstrdup((const char *)sqlite3_column_text(st, 0));
        f->name =
            xstrdup(sqlite3_column_text(st, 1) ? (const char *)sqlite3_column_text(st, 1) : "");
        f->kind =
            xstrdup(sqlite3_column_text(st, 2) ? (const char *)sqlite3_column_text(st, 2) : "");
        f->region_code =
            xstrdup(sqlite3_column_text(st, 3) ? (const char *)sqlite3_column_text(st, 3) : "");
        f->designated = sqlite3_column_type(st, 4) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 4);
        f->score_p95 = -1;
    }
    sqlite3_finalize(st);
    return 0;
}

/* tl_facility.score_p95 for every facility: the percentile of the scores up to as_of per
 * facility (store/score_hist.h, for CHG-10's comparison with the facility), CHG-10.
 * facility_percentile of lp (NULL = the default, 95). */
static int fac_score_p95(sqlite3 *db, fac_table *ft, zj_date as_of, const struct law_params *lp,
                         bool full, score_hist_marks *marks)
{
    struct law_params defp;
    lp = law_params_or_default(lp, &defp);
    char mon[11];
    date_format(as_of, mon);
    mon[7] = 0;
    score_hist_pcts pc;
    if (score_hist_percentiles(db, !full, mon, lp->chg10_facility_percentile, &pc, marks) != 0)
        return ZJ_EDB;
    for (size_t k = 0; k < pc.n; k++) {
        size_t lo = 0, hi = ft->n;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            int c = strcmp(ft->rows[mid].facility_id, pc.v[k].facility_id);
            if (!c) {
                ft->rows[mid].score_p95 = pc.v[k].points;
                break;
            }
            if (c < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
    }
    score_hist_pcts_release(&pc);
    return 0;
}

static void fac_release(fac_table *ft)
{
    for (size_t i = 0; i < ft->n; i++) {
        free((char *)ft->rows[i].facility_id);
        free((char *)ft->rows[i].name);
        free((char *)ft->rows[i].kind);
        free((char *)ft->rows[i].region_code);
    }
    free(ft->rows);
    ft->rows = NULL;
    ft->n = 0;
}

/* ---- cursors: one statement per table, ordered by person_id ------------------------ */

static const char *cs(zj_timeline *tl, sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    if (!t || !*t)
        return NULL;
    return timeline_strdup(tl, (const char *)t);
}

static zj_date cd(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    zj_date d;
    if (!t || date_parse((const char *)t, (unsigned)strlen((const char *)t), &d) != 0)
        return ZJ_DATE_NONE;
    return d;
}

static int ci(sqlite3_stmt *st, int i)
{
    return sqlite3_column_type(st, i) == SQLITE_NULL ? -1 : sqlite3_column_int(st, i);
}

static bool after(const zj_timeline *tl, zj_date d)
{
    return d != ZJ_DATE_NONE && d > tl->as_of;
}

static void load_person(zj_timeline *tl, sqlite3_stmt *st)
{
    tl->person_id = cs(tl, st, 0);
    tl->id_number = cs(tl, st, 1);
    tl->name = cs(tl, st, 2);
    tl->gender = cs(tl, st, 3);
    tl->birth_date = cd(st, 4);
}

static void load_judgment(zj_timeline *tl, sqlite3_stmt *st)
{
    zj_date eff = cd(st, 9);
    if (after(tl, eff))
        return;
    XGROW(tl->jud, tl->n_jud + 1, tl->a_jud);
    tl_judgment *j = &tl->jud[tl->n_jud++];
    j->judgment_id = cs(tl, st, 1);
    j->case_no = cs(tl, st, 2);
    j->court_id = cs(tl, st, 3);
    j->charges = cs(tl, st, 4);
    j->flags = cs(tl, st, 5);
    j->penalty_s = cs(tl, st, 6);
    j->penalty = tl_penalty_parse(j->penalty_s);
    j->offense_date = cd(st, 7);
    j->judgment_date = cd(st, 8);
    j->effective_date = eff;
    j->notice_date = cd(st, 10);
    if (after(tl, j->notice_date))
        j->notice_date = ZJ_DATE_NONE;
    j->term_start = cd(st, 11);
    j->term_end = cd(st, 12);
    j->term_months = ci(st, 13);
    j->term_days = ci(st, 14);
    j->probation_months = ci(st, 15);
    j->dpr_months = ci(st, 16);
    j->dpr_life = ci(st, 17);
    j->recidivist = ci(st, 18);
    j->limited_commutation = ci(st, 19);
}

static void load_custody(zj_timeline *tl, sqlite3_stmt *st)
{
    zj_date d = cd(st, 4);
    if (after(tl, d))
        return;
    XGROW(tl->cus, tl->n_cus + 1, tl->a_cus);
    tl_custody *c = &tl->cus[tl->n_cus++];
    c->event_id = cs(tl, st, 1);
    c->facility_id = cs(tl, st, 2);
    c->fac = timeline_facility(tl, c->facility_id);
    c->event_type_s = cs(tl, st, 3);
    c->type = tl_event_parse(c->event_type_s);
    c->date = d;
    c->judgment_id = cs(tl, st, 5);
}

static void load_change(zj_timeline *tl, sqlite3_stmt *st)
{
    zj_date dec = cd(st, 8);
    if (after(tl, dec))
        return;
    XGROW(tl->chg, tl->n_chg + 1, tl->a_chg);
    tl_change *c = &tl->chg[tl->n_chg++];
    c->change_id = cs(tl, st, 1);
    c->judgment_id = cs(tl, st, 2);
    c->kind_s = cs(tl, st, 3);
    c->kind = tl_change_kind_parse(c->kind_s);
    c->proposer_id = cs(tl, st, 4);
    c->proposal_date = cd(st, 5);
    c->decider_id = cs(tl, st, 6);
    c->decision_date = dec;
    c->effective_date = cd(st, 7);
    if (c->effective_date == ZJ_DATE_NONE)
        c->effective_date = dec;
    c->grounds = cs(tl, st, 9);
    c->reduction_months = ci(st, 10);
    c->reduction_days = ci(st, 11);
    c->new_penalty = cs(tl, st, 12);
    c->new_term_months = ci(st, 13);
    c->exam_id = cs(tl, st, 14);
    c->points = ci(st, 15);
    c->leniency = cs(tl, st, 16);
    c->officer_id = cs(tl, st, 17);
}

static void load_medical(zj_timeline *tl, sqlite3_stmt *st)
{
    zj_date d = cd(st, 3);
    if (after(tl, d))
        return;
    XGROW(tl->med, tl->n_med + 1, tl->a_med);
    tl_medical *m = &tl->med[tl->n_med++];
    m->exam_id = cs(tl, st, 1);
    m->hospital_id = cs(tl, st, 2);
    m->hospital = timeline_facility(tl, m->hospital_id);
    m->exam_date = d;
    m->kind = cs(tl, st, 4);
    m->disease = cs(tl, st, 5);
    m->severe_list_item = cs(tl, st, 6);
}

/* A score row into *rows (n, alloc), unless its month is unreadable or after the as-of. */
static void load_score_into(zj_timeline *tl, sqlite3_stmt *st, tl_score **rows, size_t *n,
                            size_t *alloc)
{
    const unsigned char *mt = sqlite3_column_text(st, 3);
    int y = 0, mo = 0;
    if (!mt || month_parse((const char *)mt, 7, &y, &mo) != 0)
        return;
    if (date_from_ymd(y, mo, 1) > tl->as_of)
        return;
    XGROW(*rows, *n + 1, *alloc);
    tl_score *s = &(*rows)[(*n)++];
    s->score_id = cs(tl, st, 1);
    s->facility_id = cs(tl, st, 2);
    s->year = y;
    s->month = mo;
    s->base_points = ci(st, 4);
    s->bonus_points = ci(st, 5) > 0 ? ci(st, 5) : 0;
    s->penalty_points = ci(st, 6) > 0 ? ci(st, 6) : 0;
    s->officer_id = cs(tl, st, 7);
}

static void load_score(zj_timeline *tl, sqlite3_stmt *st)
{
    load_score_into(tl, st, &tl->sco, &tl->n_sco, &tl->a_sco);
}

static void load_score_notable(zj_timeline *tl, sqlite3_stmt *st)
{
    load_score_into(tl, st, &tl->sco_n, &tl->n_sco_n, &tl->a_sco_n);
}

static void load_merit(zj_timeline *tl, sqlite3_stmt *st)
{
    zj_date d = cd(st, 5);
    if (after(tl, d))
        return;
    XGROW(tl->mer, tl->n_mer + 1, tl->a_mer);
    tl_merit *m = &tl->mer[tl->n_mer++];
    m->merit_id = cs(tl, st, 1);
    m->facility_id = cs(tl, st, 2);
    m->kind = cs(tl, st, 3);
    m->category = cs(tl, st, 4);
    m->event_date = d;
    m->confirmed_date = cd(st, 6);
    if (after(tl, m->confirmed_date))
        m->confirmed_date = ZJ_DATE_NONE;
    m->related_case_no = cs(tl, st, 7);
    m->officer_id = cs(tl, st, 8);
}

static void load_correction(zj_timeline *tl, sqlite3_stmt *st)
{
    zj_date d = cd(st, 6);
    if (after(tl, d))
        return;
    XGROW(tl->cc, tl->n_cc + 1, tl->a_cc);
    tl_correction *c = &tl->cc[tl->n_cc++];
    c->cc_id = cs(tl, st, 1);
    c->agency_id = cs(tl, st, 2);
    c->basis = cs(tl, st, 3);
    c->judgment_id = cs(tl, st, 4);
    c->change_id = cs(tl, st, 5);
    c->order_date = d;
    c->report_date = cd(st, 7);
    if (after(tl, c->report_date))
        c->report_date = ZJ_DATE_NONE;
    c->start_date = cd(st, 8);
    c->end_date = cd(st, 9);
    c->status = cs(tl, st, 10);
    c->status_date = cd(st, 11);
    c->last_checkin = sqlite3_column_count(st) > 12 ? cd(st, 12) : ZJ_DATE_NONE;
    c->ev_first = c->ev_count = 0;
}

static void load_cc_event(zj_timeline *tl, sqlite3_stmt *st)
{
    zj_date d = cd(st, 3);
    if (after(tl, d))
        return;
    XGROW(tl->cc_ev, tl->n_cc_ev + 1, tl->a_cc_ev);
    tl_cc_event *e = &tl->cc_ev[tl->n_cc_ev++];
    e->event_id = cs(tl, st, 1);
    e->cc_id = cs(tl, st, 2);
    e->date = d;
    e->kind = cs(tl, st, 4);
    e->region_code = cs(tl, st, 5);
    e->next_checkin = sqlite3_column_count(st) > 6 ? cd(st, 6) : ZJ_DATE_NONE;
}

static void load_property(zj_timeline *tl, sqlite3_stmt *st)
{
    zj_date d = cd(st, 6);
    if (after(tl, d))
        return;
    XGROW(tl->prop, tl->n_prop + 1, tl->a_prop);
    tl_property *p = &tl->prop[tl->n_prop++];
    p->enforcement_id = cs(tl, st, 1);
    p->judgment_id = cs(tl, st, 2);
    p->court_id = cs(tl, st, 3);
    p->kind = cs(tl, st, 4);
    p->amount_due_fen = sqlite3_column_int64(st, 5);
    p->filed_date = d;
    p->last_action_date = cd(st, 7);
    p->status = cs(tl, st, 8);
    p->status_date = cd(st, 9);
    p->investigated = ci(st, 10);
    p->unable = ci(st, 11);
    p->pay_first = p->pay_count = 0;
}

static void load_payment(zj_timeline *tl, sqlite3_stmt *st)
{
    zj_date d = cd(st, 3);
    if (after(tl, d))
        return;
    XGROW(tl->pay, tl->n_pay + 1, tl->a_pay);
    tl_payment *p = &tl->pay[tl->n_pay++];
    p->payment_id = cs(tl, st, 1);
    p->enforcement_id = cs(tl, st, 2);
    p->pay_date = d;
    p->amount_fen = sqlite3_column_int64(st, 4);
    p->payer = cs(tl, st, 5);
}

static void load_cell(zj_timeline *tl, sqlite3_stmt *st)
{
    zj_date d = cd(st, 4);
    if (after(tl, d))
        return;
    XGROW(tl->cell, tl->n_cell + 1, tl->a_cell);
    tl_cell *c = &tl->cell[tl->n_cell++];
    c->assignment_id = cs(tl, st, 1);
    c->facility_id = cs(tl, st, 2);
    c->cell_id = cs(tl, st, 3);
    c->start_date = d;
    c->end_date = cd(st, 5);
}

static void load_restraint(zj_timeline *tl, sqlite3_stmt *st)
{
    zj_date d = cd(st, 4);
    if (after(tl, d))
        return;
    XGROW(tl->res, tl->n_res + 1, tl->a_res);
    tl_restraint *r = &tl->res[tl->n_res++];
    r->record_id = cs(tl, st, 1);
    r->facility_id = cs(tl, st, 2);
    r->kind = cs(tl, st, 3);
    r->start_date = d;
    r->end_date = cd(st, 5);
    r->officer_id = cs(tl, st, 6);
}

static void load_death(zj_timeline *tl, sqlite3_stmt *st)
{
    zj_date d = cd(st, 2);
    if (after(tl, d))
        return;
    tl->death.present = true;
    tl->death.facility_id = cs(tl, st, 1);
    tl->death.death_date = d;
    tl->death.cause = cs(tl, st, 3);
    tl->death.reported_date = cd(st, 4);
    if (after(tl, tl->death.reported_date))
        tl->death.reported_date = ZJ_DATE_NONE;
    tl->death.autopsy = ci(st, 5);
}

static void load_activity(zj_timeline *tl, sqlite3_stmt *st)
{
    zj_date d = cd(st, 2);
    if (after(tl, d))
        return;
    XGROW(tl->act, tl->n_act + 1, tl->a_act);
    tl_activity *a = &tl->act[tl->n_act++];
    a->record_id = cs(tl, st, 1);
    a->date = d;
    a->kind = cs(tl, st, 3);
    a->region_code = cs(tl, st, 4);
}

static void load_voter(zj_timeline *tl, sqlite3_stmt *st)
{
    zj_date d = cd(st, 3);
    if (after(tl, d))
        return;
    XGROW(tl->vot, tl->n_vot + 1, tl->a_vot);
    tl_voter *v = &tl->vot[tl->n_vot++];
    v->record_id = cs(tl, st, 1);
    v->region_code = cs(tl, st, 2);
    v->election_date = d;
    v->registered = ci(st, 4);
    v->voted = ci(st, 5);
    v->candidate = ci(st, 6);
    v->elected = ci(st, 7);
}

static void load_record_query(zj_timeline *tl, sqlite3_stmt *st)
{
    zj_date d = cd(st, 2);
    if (after(tl, d))
        return;
    XGROW(tl->rq, tl->n_rq + 1, tl->a_rq);
    tl_record_query *q = &tl->rq[tl->n_rq++];
    q->query_id = cs(tl, st, 1);
    q->query_date = d;
    q->requester_kind = cs(tl, st, 3);
    q->requester = cs(tl, st, 4);
    q->provided = ci(st, 5);
    q->legal_basis = cs(tl, st, 6);
    q->answered_by = cs(tl, st, 7);
}

/* Each statement's first column is the person_id; "%s" is the person filter on alias.
 * persons is a rowid table, whose TEXT primary key SQLite does not take as unique (it may
 * hold NULLs): ordered by person_id alone, a join with it sorts each person's rows again.
 * `p.rowid` after `p.person_id` makes the order total, so the joined table's primary key
 * (id_number, date, key) gives the rest in order, unsorted. */
typedef struct cursor_def {
    const char *alias;
    const char *sql;
    void (*load)(zj_timeline *tl, sqlite3_stmt *st);
    const char *presence; /* person_parts' table whose rows a person must have for any here
                             (presence.h; NULL: none) */
} cursor_def;

static const cursor_def cursors[] = {
    {"persons",
     "SELECT person_id, id_number, name, gender, birth_date FROM persons WHERE %s"
     " ORDER BY person_id",
     load_person, NULL},
    {"judgments",
     "SELECT person_id, judgment_id, case_no, court_id, charges, flags, penalty,"
     " offense_date, judgment_date, effective_date, notice_date, term_start,"
     " term_end, term_months, term_days, probation_months, dpr_months, dpr_life,"
     " recidivist, limited_commutation FROM judgments WHERE %s"
     " ORDER BY person_id, effective_date, judgment_id",
     load_judgment, NULL},
    {"custody",
     "SELECT person_id, event_id, facility_id, event_type, event_date, judgment_id"
     " FROM custody WHERE %s ORDER BY person_id, event_date, event_id",
     load_custody, NULL},
    {"sentence_changes",
     "SELECT person_id, change_id, judgment_id, kind, proposer_id,"
     " proposal_date, decider_id, effective_date, decision_date, grounds,"
     " reduction_months, reduction_days, new_penalty, new_term_months,"
     " exam_id, points, leniency, officer_id FROM sentence_changes"
     " WHERE %s ORDER BY person_id, decision_date, change_id",
     load_change, "sentence_changes"},
    {"medical",
     "SELECT person_id, exam_id, hospital_id, exam_date, kind, disease,"
     " severe_list_item FROM medical WHERE %s ORDER BY person_id, exam_date, exam_id",
     load_medical, "medical"},
    {"scores",
     "SELECT person_id, score_id, facility_id, month, base_points, bonus_points,"
     " penalty_points, officer_id FROM scores WHERE %s ORDER BY person_id, month, score_id",
     load_score, NULL},
    {"merits",
     "SELECT person_id, merit_id, facility_id, kind, category, event_date,"
     " confirmed_date, related_case_no, officer_id FROM merits WHERE %s"
     " ORDER BY person_id, event_date, merit_id",
     load_merit, "merits"},
    {"corrections",
     "SELECT person_id, cc_id, agency_id, basis, judgment_id, change_id,"
     " order_date, report_date, start_date, end_date, status, status_date"
     " FROM corrections WHERE %s ORDER BY person_id, cc_id",
     load_correction, "corrections"},
    {"c",
     "SELECT c.person_id, e.event_id, e.cc_id, e.event_date, e.kind, e.region_code"
     " FROM corrections c JOIN cc_events e ON e.cc_id = c.cc_id WHERE %s"
     " ORDER BY c.person_id, c.cc_id, e.event_date, e.event_id",
     load_cc_event, "corrections"},
    {"property",
     "SELECT person_id, enforcement_id, judgment_id, court_id, kind,"
     " amount_due_fen, filed_date, last_action_date, status, status_date,"
     " investigated, unable FROM property WHERE %s ORDER BY person_id, enforcement_id",
     load_property, "property"},
    {"p",
     "SELECT p.person_id, y.payment_id, y.enforcement_id, y.pay_date, y.amount_fen, y.payer"
     " FROM property p JOIN payments y ON y.enforcement_id = p.enforcement_id WHERE %s"
     " ORDER BY p.person_id, p.enforcement_id, y.pay_date, y.payment_id",
     load_payment, "property"},
    {"cells",
     "SELECT person_id, assignment_id, facility_id, cell_id, start_date, end_date"
     " FROM cells WHERE %s ORDER BY person_id, start_date, assignment_id",
     load_cell, NULL},
    {"restraints",
     "SELECT person_id, record_id, facility_id, kind, start_date, end_date,"
     " officer_id FROM restraints WHERE %s ORDER BY person_id, start_date, record_id",
     load_restraint, "restraints"},
    {"deaths",
     "SELECT person_id, facility_id, death_date, cause, reported_date, autopsy"
     " FROM deaths WHERE %s ORDER BY person_id",
     load_death, "deaths"},
    {"p",
     "SELECT p.person_id, a.record_id, a.activity_date, a.kind, a.region_code"
     " FROM persons p JOIN activities a ON a.id_number = p.id_number WHERE %s"
     " ORDER BY p.person_id, p.rowid, a.activity_date, a.record_id",
     load_activity, NULL},
    {"p",
     "SELECT p.person_id, v.record_id, v.region_code, v.election_date, v.registered,"
     " v.voted, v.candidate, v.elected FROM persons p JOIN voters v"
     " ON v.id_number = p.id_number WHERE %s"
     " ORDER BY p.person_id, p.rowid, v.election_date, v.record_id",
     load_voter, NULL},
    {"p",
     "SELECT p.person_id, q.query_id, q.query_date, q.requester_kind, q.requester,"
     " q.provided, q.legal_basis, q.answered_by FROM persons p JOIN record_queries q"
     " ON q.id_number = p.id_number WHERE %s ORDER BY p.person_id, q.query_date, q.query_id",
     load_record_query, NULL},
    {"scores",
     "SELECT person_id, score_id, facility_id, month, base_points, bonus_points,"
     " penalty_points, officer_id FROM scores WHERE %s AND (penalty_points > 0 OR bonus_points > "
     "50)"
     " ORDER BY person_id, month, score_id",
     load_score_notable, NULL},
};
/* the WHERE of the scores_notable index (schema_scores_notable.sql), word for word */
_Static_assert(TL_NOTABLE_BONUS == 50, "the scores cursor's notable bonus");
#define N_CURSORS (sizeof(cursors) / sizeof(*cursors))
_Static_assert(N_CURSORS == TL_PART_COUNT, "one cursor per timeline part, in enum tl_part order");

enum scope_mode { SCOPE_RANGE, SCOPE_CHANGED, SCOPE_ONE };

/* The parts loaded on demand (TL_ON_DEMAND): the person's rows by person_id or id_number
 * (?1), dated from ?2 on ('' for all) where the part has dates to choose by, in the
 * cursor's order; columns as the cursor's. */
/* The statements when the checkin events are left out (cursor_set.lean): cc_events through
 * the partial index cc_events_notable, and from the primary key (cc_id, event_date) instead
 * each correction's latest checkin up to the as-of date (?3) and each absconded event's
 * first checkin after it up to the as-of date. */
static const char *const lean_sql[N_CURSORS] = {
    [TL_CORRECTIONS] = "SELECT person_id, cc_id, agency_id, basis, judgment_id, change_id,"
                       " order_date, report_date, start_date, end_date, status, status_date,"
                       " (SELECT max(e.event_date) FROM cc_events e"
                       " WHERE e.cc_id = corrections.cc_id AND e.kind = 'checkin'"
                       " AND e.event_date <= ?3)"
                       " FROM corrections WHERE %s ORDER BY person_id, cc_id",
    [TL_CC_EVENTS] = "SELECT c.person_id, e.event_id, e.cc_id, e.event_date, e.kind, e.region_code,"
                     " CASE WHEN e.kind = 'absconded' THEN (SELECT x.event_date FROM cc_events x"
                     " WHERE x.cc_id = e.cc_id AND x.event_date > e.event_date"
                     " AND x.event_date <= ?3 AND x.kind = 'checkin'"
                     " ORDER BY x.event_date LIMIT 1) END"
                     " FROM corrections c JOIN cc_events e ON e.cc_id = c.cc_id"
                     " AND e.kind <> 'checkin' WHERE %s"
                     " ORDER BY c.person_id, c.cc_id, e.event_date, e.event_id",
};

typedef struct on_demand_def {
    const char *sql;
    bool by_id_number; /* ?1 is the person's id_number, else the person_id */
    bool by_month;     /* ?2 is a month 'YYYY-MM' */
    bool by_date;      /* ?2 is a date 'YYYY-MM-DD' */
} on_demand_def;

static const on_demand_def on_demand_defs[N_CURSORS] = {
    [TL_SCORES] = {"SELECT person_id, score_id, facility_id, month, base_points, bonus_points,"
                   " penalty_points, officer_id FROM scores WHERE person_id = ?1 AND month >= ?2"
                   " AND month < ?3 ORDER BY month, score_id",
                   false, true, false},
    [TL_ACTIVITIES] = {"SELECT id_number, record_id, activity_date, kind, region_code"
                       " FROM activities WHERE id_number = ?1 AND activity_date >= ?2"
                       " ORDER BY activity_date, record_id",
                       true, false, true},
    [TL_RECORD_QUERIES] = {"SELECT id_number, query_id, query_date, requester_kind, requester,"
                           " provided, legal_basis, answered_by FROM record_queries"
                           " WHERE id_number = ?1 AND query_date >= ?2"
                           " ORDER BY query_date, query_id",
                           true, false, true},
    [TL_VOTERS] = {"SELECT id_number, record_id, region_code, election_date, registered, voted,"
                   " candidate, elected FROM voters WHERE id_number = ?1"
                   " ORDER BY election_date, record_id",
                   true, false, false},
};

typedef struct cursor_set {
    sqlite3_stmt *st[N_CURSORS];
    sqlite3_stmt *scope_fill; /* temp.pass_scope for a range (changed_sql), NULL: none */
    bool has_row[N_CURSORS];
    unsigned on_demand;          /* parts loaded by timeline_part, not by a cursor */
    sqlite3_stmt *od[N_CURSORS]; /* their statements */
    char *id_number;             /* the current person's, as stored (NULL when none) */
    size_t a_id_number;
    bool lean;            /* the checkin events left out (cursor_def.lean) */
    char as_of[11];       /* ?3 of the lean statements */
    const act_dates *act; /* the activities' dates, once ready (NULL: none) */
} cursor_set;

static void cursor_set_close(cursor_set *cs_)
{
    for (size_t i = 0; i < N_CURSORS; i++) {
        sqlite3_finalize(cs_->st[i]);
        sqlite3_finalize(cs_->od[i]);
    }
    if (cs_->scope_fill) {
        sqlite3 *db = sqlite3_db_handle(cs_->scope_fill);
        sqlite3_finalize(cs_->scope_fill);
        store_exec(db, "DROP TABLE IF EXISTS temp.pass_scope", NULL);
    }
    free(cs_->id_number);
    memset(cs_, 0, sizeof(*cs_));
}

/* timeline_part's loader: the rows of part p of the current person from `from` on (the
 * scores: before the month of `before`, ZJ_DATE_NONE: no bound), in place of those loaded
 * before. */
static int load_on_demand(zj_timeline *tl, enum tl_part p, zj_date from, zj_date before)
{
    cursor_set *set = tl->loader;
    sqlite3_stmt *st = set->od[p];
    const char *key = on_demand_defs[p].by_id_number ? set->id_number : tl->person_id;
    if (p == TL_SCORES)
        tl->n_sco = 0;
    else if (p == TL_VOTERS)
        tl->n_vot = 0;
    else if (p == TL_ACTIVITIES)
        tl->n_act = 0;
    else if (p == TL_RECORD_QUERIES)
        tl->n_rq = 0;
    if (!st || !key)
        return 0;
    char since[11] = "";
    if (from != ZJ_DATE_NONE && (on_demand_defs[p].by_month || on_demand_defs[p].by_date))
        date_format(from, since);
    if (on_demand_defs[p].by_month)
        since[7] = 0;
    sqlite3_reset(st);
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    if (on_demand_defs[p].by_month || on_demand_defs[p].by_date)
        sqlite3_bind_text(st, 2, since, -1, SQLITE_TRANSIENT);
    if (p == TL_SCORES) {
        /* month < ?3: a BLOB sorts after every text, so an empty one bounds nothing */
        char upto[11];
        if (before != ZJ_DATE_NONE) {
            date_format(before, upto);
            upto[7] = 0;
            sqlite3_bind_text(st, 3, upto, -1, SQLITE_TRANSIENT);
        } else {
            sqlite3_bind_zeroblob(st, 3, 0);
        }
    }
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW)
        cursors[p].load(tl, st);
    sqlite3_reset(st);
    return step == SQLITE_DONE ? 0 : ZJ_EDB;
}

/* timeline_activity_dates: the screening's act_dates, while the activities are left for
 * later and not loaded yet */
static bool activity_dates_on_hand(const zj_timeline *tl, const zj_date **dates, size_t *n)
{
    const cursor_set *set = tl->loader;
    if (!set->act || !(tl->pending & TL_BIT(TL_ACTIVITIES)) || (tl->loaded & TL_BIT(TL_ACTIVITIES)))
        return false;
    return act_dates_of(set->act, set->id_number, dates, n);
}

/* A cursor's statement over the changed persons between ?1 and ?2: the scope's persons
 * (changed_persons, in person_id order) first, CROSS JOIN, the table sought for each, and
 * the ORDER BY's first term (the table's person_id) taken from the scope, so that no sort
 * is needed. The filter `IN (SELECT … FROM changed_persons …)` built the subquery's rows
 * into a temporary index at each cursor's first step. The rows and their order are the
 * same: the ORDER BY keys are unique in every cursor. tmpl is a cursor's SQL: "%s" the
 * filter on the table of the FROM before it, an ORDER BY after it. bit (person_parts,
 * presence.h; 0: none): the scope's persons are those of temp.pass_scope (the range's
 * changed persons with their person_parts bits, cursor_set_bind) whose bit is set or
 * unknown — a person left out has no row in the table, so the rows are the same. */
static int changed_sql(const char *tmpl, const char *alias, int bit, char *out, size_t size)
{
    char scope[256];
    if (bit)
        snprintf(scope, sizeof scope,
                 "(SELECT person_id AS scope_id FROM temp.pass_scope"
                 " WHERE person_id BETWEEN ?1 AND ?2 AND parts & %d) AS scope_ CROSS JOIN ",
                 bit);
    else
        snprintf(scope, sizeof scope,
                 "(SELECT person_id AS scope_id FROM changed_persons"
                 " WHERE person_id BETWEEN ?1 AND ?2) AS scope_ CROSS JOIN ");
    const char *at = strstr(tmpl, "%s"), *from = NULL, *order = NULL;
    for (const char *q = tmpl; at && (q = strstr(q, " FROM ")) && q < at; q++)
        from = q;
    for (const char *q = at; at && (q = strstr(q, " ORDER BY ")); q++)
        order = q;
    if (!at || !from || !order)
        return ZJ_EINVAL;
    from += strlen(" FROM ");
    order += strlen(" ORDER BY ");
    const char *rest = strchr(order, ','); /* after the first ORDER BY term */
    if (!rest)
        rest = order + strlen(order);
    int n = snprintf(out, size, "%.*s%s%.*s%s.person_id = scope_.scope_id%.*sscope_.scope_id%s",
                     (int)(from - tmpl), tmpl, scope, (int)(at - from), from, alias,
                     (int)(order - at - 2), at + 2, rest);
    return n > 0 && (size_t)n < size ? 0 : ZJ_EINVAL;
}

/* Prepare every cursor of the parts in the given mode (no range bound yet); the parts of
 * on_demand (TL_ON_DEMAND) get a statement by id_number instead of a cursor. */
static int cursor_set_prepare(sqlite3 *db, cursor_set *set, enum scope_mode mode, unsigned parts,
                              unsigned on_demand, bool lean, zj_date as_of)
{
    memset(set, 0, sizeof(*set));
    set->on_demand = parts & on_demand & TL_ON_DEMAND;
    set->lean = lean;
    date_format(as_of, set->as_of);
    /* an incremental run's persons with their person_parts bits, when the tables are there
     * and every import batch kept the bits (person_parts_state, migration person-parts-2;
     * ZJ_SCREEN_SEEK_ALL=1: every person sought in every table, tests/cli/person_parts.sh) */
    const char *all = getenv("ZJ_SCREEN_SEEK_ALL");
    sqlite3_int64 has_parts = 0, kept = 0;
    if (mode == SCOPE_CHANGED && !(all && *all == '1') &&
        store_query_int64(db,
                          "SELECT count(*) FROM sqlite_schema WHERE type = 'table'"
                          " AND name IN ('person_parts', 'person_parts_state')",
                          &has_parts) == SQLITE_OK &&
        has_parts == 2 &&
        store_query_int64(db,
                          "SELECT (SELECT batch_id FROM person_parts_state)"
                          " >= (SELECT ifnull(max(batch_id), 0) FROM import_batches)",
                          &kept) == SQLITE_OK &&
        kept == 1 &&
        store_exec(db,
                   "CREATE TEMP TABLE IF NOT EXISTS pass_scope(person_id TEXT PRIMARY KEY,"
                   " parts INTEGER NOT NULL) WITHOUT ROWID",
                   NULL) == 0) {
        /* a person without a person_parts row: every bit (-1) */
        set->scope_fill = store_prepare(db, "INSERT INTO temp.pass_scope"
                                            " SELECT c.person_id, ifnull(pp.parts, -1)"
                                            " FROM changed_persons c LEFT JOIN person_parts pp"
                                            " ON pp.person_id = c.person_id"
                                            " WHERE c.person_id BETWEEN ?1 AND ?2");
        if (!set->scope_fill)
            store_exec(db, "DROP TABLE IF EXISTS temp.pass_scope", NULL);
    }
    for (size_t i = 0; i < N_CURSORS; i++) {
        if (i > 0 && !(parts & (1u << i)))
            continue; /* no running model reads this table */
        if (set->on_demand & (1u << i)) {
            if (!(set->od[i] = store_prepare(db, on_demand_defs[i].sql))) {
                cursor_set_close(set);
                return ZJ_EDB;
            }
            continue;
        }
        char where[256], sql[1024];
        const char *a = cursors[i].alias;
        const char *tmpl = lean && lean_sql[i] ? lean_sql[i] : cursors[i].sql;
        /* alias and SQL are constants of this file; values are bound */
        if (mode == SCOPE_CHANGED) {
            int bit = set->scope_fill ? presence_bit(cursors[i].presence) : 0;
            if (changed_sql(tmpl, a, bit, sql, sizeof(sql)) != 0) {
                cursor_set_close(set);
                return ZJ_EDB;
            }
        } else {
            if (mode == SCOPE_ONE)
                snprintf(where, sizeof(where), "%s.person_id = ?1 AND ?2 IS NOT NULL", a);
            else
                snprintf(where, sizeof(where), "%s.person_id >= ?1 AND %s.person_id <= ?2", a, a);
            snprintf(sql, sizeof(sql), tmpl, where);
        }
        set->st[i] = store_prepare(db, sql);
        if (!set->st[i]) {
            cursor_set_close(set);
            return ZJ_EDB;
        }
    }
    return 0;
}

/* Bind the persons lo..hi (inclusive) to every prepared cursor and step to its first row
 * (an incremental run: temp.pass_scope filled with the range's persons first). */
static int cursor_set_bind(cursor_set *set, const char *lo, const char *hi)
{
    for (size_t i = 0; i < N_CURSORS; i++)
        if (set->st[i])
            sqlite3_reset(set->st[i]);
    if (set->scope_fill) {
        sqlite3_stmt *f = set->scope_fill;
        if (store_exec(sqlite3_db_handle(f), "DELETE FROM temp.pass_scope", NULL) != 0)
            return ZJ_EDB;
        sqlite3_reset(f);
        sqlite3_bind_text(f, 1, lo, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(f, 2, hi, -1, SQLITE_TRANSIENT);
        int step = sqlite3_step(f);
        sqlite3_reset(f);
        if (step != SQLITE_DONE)
            return ZJ_EDB;
    }
    for (size_t i = 0; i < N_CURSORS; i++) {
        sqlite3_stmt *st = set->st[i];
        set->has_row[i] = false;
        if (!st)
            continue;
        sqlite3_bind_text(st, 1, lo, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 2, hi, -1, SQLITE_TRANSIENT);
        if (sqlite3_bind_parameter_count(st) >= 3)
            sqlite3_bind_text(st, 3, set->as_of, -1, SQLITE_STATIC);
        int step = sqlite3_step(st);
        set->has_row[i] = step == SQLITE_ROW;
        if (step != SQLITE_ROW && step != SQLITE_DONE)
            return ZJ_EDB;
    }
    return 0;
}

/* Prepare and bind every cursor for persons lo..hi (inclusive) in the given mode. */
static int cursor_set_open(sqlite3 *db, cursor_set *set, enum scope_mode mode, const char *lo,
                           const char *hi, unsigned parts)
{
    int rc = cursor_set_prepare(db, set, mode, parts, 0, false, ZJ_DATE_NONE);
    if (rc == 0 && (rc = cursor_set_bind(set, lo, hi)) != 0)
        cursor_set_close(set);
    return rc;
}

/* Attach each correction's events and each enforcement's payments (both sorted by key);
 * with the checkin events loaded (not lean), each correction's latest checkin and each
 * absconded event's next one (the lean statements bring both). */
static bool is_checkin(const zj_timeline *tl, const tl_cc_event *x)
{
    return x->kind && !strcmp(x->kind, "checkin") && x->date != ZJ_DATE_NONE &&
           x->date <= tl->as_of;
}

static void link_children(zj_timeline *tl, bool lean)
{
    size_t k = 0;
    for (size_t i = 0; i < tl->n_cc; i++) {
        tl_correction *c = &tl->cc[i];
        while (k < tl->n_cc_ev && strcmp(tl->cc_ev[k].cc_id, c->cc_id) < 0)
            k++;
        c->ev_first = k;
        while (k < tl->n_cc_ev && !strcmp(tl->cc_ev[k].cc_id, c->cc_id))
            k++;
        c->ev_count = k - c->ev_first;
        if (lean)
            continue;
        c->last_checkin = ZJ_DATE_NONE;
        for (size_t e = c->ev_first; e < k; e++) {
            tl_cc_event *x = &tl->cc_ev[e];
            if (is_checkin(tl, x) && (c->last_checkin == ZJ_DATE_NONE || x->date > c->last_checkin))
                c->last_checkin = x->date;
            x->next_checkin = ZJ_DATE_NONE;
            if (!x->kind || strcmp(x->kind, "absconded") || x->date == ZJ_DATE_NONE)
                continue;
            for (size_t n = e + 1; n < k; n++)
                if (is_checkin(tl, &tl->cc_ev[n]) && tl->cc_ev[n].date > x->date &&
                    (x->next_checkin == ZJ_DATE_NONE || tl->cc_ev[n].date < x->next_checkin))
                    x->next_checkin = tl->cc_ev[n].date;
        }
    }
    k = 0;
    for (size_t i = 0; i < tl->n_prop; i++) {
        tl_property *p = &tl->prop[i];
        while (k < tl->n_pay && strcmp(tl->pay[k].enforcement_id, p->enforcement_id) < 0)
            k++;
        p->pay_first = k;
        while (k < tl->n_pay && !strcmp(tl->pay[k].enforcement_id, p->enforcement_id))
            k++;
        p->pay_count = k - p->pay_first;
    }
}

/* Fill tl with the next person of the set. Returns 1 when a person was loaded, 0 at the
 * end, <0 on error. */
static int cursor_set_next(cursor_set *set, zj_timeline *tl)
{
    if (!set->has_row[0])
        return 0;
    timeline_reset(tl);
    cursors[0].load(tl, set->st[0]);
    const char *pid = tl->person_id;
    tl->pending = set->on_demand;
    tl->loaded = 0;
    tl->load_part = load_on_demand;
    tl->activity_dates = activity_dates_on_hand;
    tl->loader = set;
    if (set->on_demand) {
        const char *idn = (const char *)sqlite3_column_text(set->st[0], 1);
        if (idn) {
            size_t n = strlen(idn) + 1;
            XGROW(set->id_number, n, set->a_id_number);
            memcpy(set->id_number, idn, n);
        } else {
            free(set->id_number);
            set->id_number = NULL;
            set->a_id_number = 0;
        }
    }
    int step = sqlite3_step(set->st[0]);
    set->has_row[0] = step == SQLITE_ROW;
    if (step != SQLITE_ROW && step != SQLITE_DONE)
        return ZJ_EDB;
    for (size_t i = 1; i < N_CURSORS; i++) {
        sqlite3_stmt *st = set->st[i];
        while (set->has_row[i]) {
            const char *p = (const char *)sqlite3_column_text(st, 0);
            int c = p ? strcmp(p, pid) : -1;
            if (c > 0)
                break;
            if (c == 0)
                cursors[i].load(tl, st);
            step = sqlite3_step(st);
            set->has_row[i] = step == SQLITE_ROW;
            if (step != SQLITE_ROW && step != SQLITE_DONE)
                return ZJ_EDB;
        }
    }
    link_children(tl, set->lean);
    timeline_compute(tl);
    timeline_law(tl);
    intervals_compute(tl);
    return 1;
}

/* ---- workers ------------------------------------------------------------------------ */

/* A range of persons, screened by whichever worker takes it next: the ranges are cut finer
 * than the workers, so a worker whose ranges held less work takes more of them. Each range
 * keeps its own leads, gathered in range order — person_id order, as one worker finds them. */
typedef struct person_range {
    char *lo, *hi; /* person_id bounds, both included */
    lead_sink sink;
} person_range;

typedef struct range_queue {
    person_range *r;
    size_t n;
    atomic_size_t next;   /* the next range to take */
    atomic_long screened; /* persons screened so far (progress) */
} range_queue;

typedef struct worker {
    pthread_t thread;
    sqlite3 *db; /* its own connection, or the writer's when jobs == 1 */
    bool own_db;
    const char *path;
    range_queue *q;
    enum scope_mode mode;
    unsigned parts;     /* timeline parts to load (catalog_timeline_parts) */
    unsigned on_demand; /* of them, those left for the models to ask for */
    bool lean;          /* the checkin events left out (cursor_def.lean) */
    const model_def **models;
    size_t n_models;
    const fac_table *fac;
    const act_dates *act; /* the activities' dates (NULL: none) */
    zj_date as_of;
    const struct law_params *params;
    long persons;
    double cpu;    /* CPU seconds of its pass (ZJ_TIMING) */
    bool report;   /* this worker reports progress */
    int cache_kib; /* its connection's page cache */
    int rc;
    const engine_opts *opts;
    long total;
} worker;

/* The persons of one range through the per-person models, leads into the range's sink. */
static int worker_range(worker *w, cursor_set *set, zj_timeline *tl, person_range *pr)
{
    int r = cursor_set_bind(set, pr->lo, pr->hi);
    if (r != 0)
        return r;
    lead_sink *sink = &pr->sink;
    while ((r = cursor_set_next(set, tl)) > 0) {
        tl->as_of = w->as_of;
        for (size_t m = 0; m < w->n_models; m++) {
            if (!w->models[m]->run_person)
                continue;
            sink->model = w->models[m];
            if (w->models[m]->run_person(tl, tl->figs, sink) < 0) {
                w->rc = ZJ_EDB;
                break;
            }
        }
        w->persons++;
        long done = atomic_fetch_add(&w->q->screened, 1) + 1;
        if (w->report && w->opts->on_progress && (w->persons & 1023) == 0)
            w->opts->on_progress(done, w->total);
    }
    return r;
}

static void *worker_run(void *arg)
{
    worker *w = arg;
    zj_timeline tl;
    cursor_set set;
    double c0 = thread_cpu();
    timeline_init(&tl);
    w->rc = 0;
    if (w->own_db) {
        zj_diag d = {0};
        if (store_open(w->path, STORE_READONLY | STORE_NO_MIGRATE, &w->db, &d) != 0) {
            fprintf(stderr, "zhijian: %s\n", d.message);
            w->rc = ZJ_EDB;
            return NULL;
        }
    }
    /* the cursors walk their tables forward, reading each page once: a small page cache
     * holds the B-trees' upper pages and the seeks' leaves (64 MB per worker gave the same
     * CPU at 100,000 persons and 115 MB more peak memory; engine.h). The writer's
     * connection, when it screens alone, keeps its own. */
    if (w->own_db) {
        char sql[64];
        snprintf(sql, sizeof sql, "PRAGMA cache_size = -%d", w->cache_kib);
        store_exec(w->db, sql, NULL);
    }
    store_exec(w->db, "BEGIN", NULL); /* one read snapshot */
    if (cursor_set_prepare(w->db, &set, w->mode, w->parts, w->on_demand, w->lean, w->as_of) != 0) {
        w->rc = ZJ_EDB;
        goto out;
    }
    set.act = w->act;
    tl.as_of = w->as_of;
    tl.params = w->params;
    tl.fac = w->fac->rows;
    tl.n_fac = w->fac->n;
    for (;;) {
        size_t k = atomic_fetch_add(&w->q->next, 1);
        if (k >= w->q->n)
            break;
        int r = worker_range(w, &set, &tl, &w->q->r[k]);
        if (r < 0) {
            w->rc = r;
            break;
        }
    }
    cursor_set_close(&set);
out:
    store_exec(w->db, "COMMIT", NULL);
    timeline_release(&tl);
    if (w->own_db) {
        store_close(w->db);
        w->db = NULL;
    }
    w->cpu = thread_cpu() - c0;
    return NULL;
}

/* ---- the set-based models, early ------------------------------------------------------ */

/* The set-based models that read only feed tables (not the leads) run in a thread of their
 * own, on their own read-only connection, while the per-person pass runs; their leads wait
 * in one sink per model and are applied by the writer afterwards in catalog order, as if
 * the models ran then. In a full screening every such model; in an incremental one those
 * that will run (not left out, set_runs.h) and do not widen the scope (MODEL_WIDENS), on a
 * copy of the writer's temp.screen_scope. A scoped model's run reads the scope as the
 * models before it left it: a run here counts only when the scope was the same here and
 * on the writer, at its turn, as when the screening started (scope_state); else the
 * writer runs the model again at its turn. */
typedef struct set_worker {
    pthread_t thread;
    const char *path;
    const model_def **models; /* the running models (engine's run[]) */
    size_t n_models;
    const bool *early; /* early[m]: run here */
    lead_sink *sinks;  /* one per model, filled here */
    set_reads *reads;  /* one per model: the tables it read */
    long long mark;    /* the last import batch of the snapshot */
    zj_date as_of;
    const struct law_params *params;
    int cache_kib;          /* its page cache */
    const char *scope_json; /* an incremental run: the writer's scope, a JSON array */
    long long scope_state0; /* the writer's scope_state when it made the scope */
    bool *same_scope;       /* same_scope[m]: the scope here was scope_state0 around m */
    bool *digest_want;      /* digest_want[m]: digest the leads rows m reads (set_runs.h) */
    char (*digest)[65];     /* those digests, of this thread's snapshot ("": none) */
    int rc;
    const char *failed; /* the model that failed */
} set_worker;

/* The state of temp.screen_scope on db, which the scoped set-based models read: the
 * scope only grows (the widening inserts), so its count, and whether it was widened to
 * every person (temp.screen_scope_all), tell two states apart. -1: not read. */
static long long scope_state(sqlite3 *db)
{
    sqlite3_int64 v = 0;
    return store_query_int64(db,
                             "SELECT (SELECT count(*) FROM temp.screen_scope) * 2"
                             " + EXISTS (SELECT 1 FROM temp.sqlite_master"
                             "  WHERE name = 'screen_scope_all')",
                             &v) == SQLITE_OK
               ? v
               : -1;
}

/* Whether m may run before the per-person models' leads are stored: a set-based model
 * that does not read the leads (model.h MODEL_READS_LEADS). */
static bool set_model_early(const model_def *m)
{
    return m->run_set && !(m->flags & MODEL_READS_LEADS);
}

static void *set_worker_run(void *arg)
{
    set_worker *sw = arg;
    sqlite3 *db = NULL;
    zj_diag d = {0};
    sw->rc = 0;
    if (store_open(sw->path, STORE_READONLY | STORE_NO_MIGRATE, &db, &d) != 0) {
        fprintf(stderr, "zhijian: %s\n", d.message);
        sw->rc = ZJ_EDB;
        return NULL;
    }
    /* as the workers': the models' scans read each page once (store_open's 64 MB filled
     * with pages read once made a quarter of the peak memory, for no less CPU) */
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA cache_size = -%d", sw->cache_kib);
    store_exec(db, sql, NULL);
    /* the writer's scope (an incremental run), in a temporary table as the writer's */
    if (sw->scope_json) {
        sqlite3_stmt *st = NULL;
        if (store_exec(db,
                       "CREATE TEMP TABLE screen_scope(person_id TEXT PRIMARY KEY) WITHOUT ROWID",
                       NULL) != 0 ||
            !(st = store_prepare(db, "INSERT INTO temp.screen_scope SELECT value"
                                     " FROM json_each(?1)")))
            sw->rc = ZJ_EDB;
        if (st) {
            sqlite3_bind_text(st, 1, sw->scope_json, -1, SQLITE_STATIC);
            if (sqlite3_step(st) != SQLITE_DONE)
                sw->rc = ZJ_EDB;
            sqlite3_finalize(st);
        }
        if (sw->rc) { /* none runs here: the writer runs them at their turns */
            fprintf(stderr, "zhijian: copying the scope: %s\n", sqlite3_errmsg(db));
            sw->rc = 0;
            store_close(db);
            return NULL;
        }
    }
    store_exec(db, "BEGIN", NULL); /* one read snapshot, from the first read on */
    sw->mark = set_runs_mark(db);
    long long state = sw->scope_json ? scope_state(db) : 0;
    model_ctx ctx = {.db = db, .as_of = sw->as_of, .params = sw->params};
    for (size_t m = 0; m < sw->n_models && sw->rc == 0; m++) {
        if (!sw->early[m])
            continue;
        sw->sinks[m].model = sw->models[m];
        double c0 = thread_cpu();
        set_reads_begin(db, &sw->reads[m]);
        int rc = sw->models[m]->run_set(&ctx, &sw->sinks[m]);
        set_reads_end(db);
        if (sw->scope_json) {
            long long after = scope_state(db);
            sw->same_scope[m] = state == sw->scope_state0 && after == sw->scope_state0;
            state = after;
        } else {
            sw->same_scope[m] = true;
        }
        char what[64];
        snprintf(what, sizeof what, "early %s (%.3f s CPU)", sw->models[m]->id, thread_cpu() - c0);
        timing(what);
        if (rc < 0) {
            sw->rc = ZJ_EDB;
            sw->failed = sw->models[m]->id;
        }
    }
    /* the leads rows a model that reads the leads names, as the snapshot holds them: the
     * writer takes the digest when nothing changed them since (screen_apply) */
    for (size_t m = 0; sw->digest_want && m < sw->n_models && sw->rc == 0; m++) {
        if (!sw->digest_want[m])
            continue;
        double c0 = thread_cpu();
        set_runs_leads_digest(db, sw->models[m]->id, sw->as_of, sw->digest[m]);
        char what[64];
        snprintf(what, sizeof what, "early digest %s (%.3f s CPU)", sw->models[m]->id,
                 thread_cpu() - c0);
        timing(what);
    }
    store_exec(db, "COMMIT", NULL);
    store_close(db);
    return NULL;
}

static char *query_text(sqlite3 *db, const char *sql, const char *arg, long n)
{
    sqlite3_stmt *st = store_prepare(db, sql);
    char *out = NULL;
    if (!st)
        return NULL;
    if (arg)
        sqlite3_bind_text(st, 1, arg, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_int64(st, 1, n);
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
        out = xstrdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return out;
}

void engine_result_release(engine_result *r)
{
    free(r->stats);
    memset(r, 0, sizeof(*r));
}

/* ---- the screening: plan, partition, person pass, apply, finish --------------------- */

/* What engine_screen decided and holds between its phases; screen_release frees it. */
typedef struct screen_plan {
    const engine_opts *o;
    const model_def **run; /* the models to run */
    size_t n_run;
    strbuf ids;         /* --model ids, ";"-separated, for the screening row */
    bool full;          /* every person, else temp.screen_scope */
    unsigned parts;     /* timeline parts the per-person models read */
    unsigned on_demand; /* of them, those every model reading them asks for (MODEL_ASKS) */
    bool lean;          /* no model reads a checkin event (MODEL_LAST_CHECKIN) */
    bool *early;        /* early[m]: run[m] runs in the set thread */
    set_worker sw;      /* the set thread */
    bool set_started;
    fac_table fac;
    worker *ws; /* one per job */
    int jobs;
    range_queue q; /* the ranges of persons the workers take in turn */
    act_dates act; /* PAP-01's activity dates of a full screening (act_dates.h) */
    const char *act_path;
    pthread_t act_thread; /* reading them */
    bool act_started;
    lead_rec *all; /* phase-1 leads (models without run_set) */
    size_t n_all;
    lead_sink held; /* person-part leads of models with run_set, applied in phase 2 */
    bool in_txn;
    /* the set thread's digests (set_worker) hold while no other connection committed
     * (PRAGMA data_version, read before it started) and this screening wrote no lead they
     * cover beyond its dates (the models of such leads listed in changed) */
    sqlite3_int64 data_version0;
    bool data_version_ok;
    const char **changed; /* model ids, borrowed */
    size_t n_changed, changed_alloc;
    bool changed_unknown;       /* a lead of a model not counted was written */
    char *scope_json;           /* an incremental run's scope for the set thread (set_worker) */
    long long scope_state0;     /* scope_state of the writer when it made the scope */
    bool small;                 /* an incremental screening of a small scope (engine.h) */
    sqlite3_int64 writer_cache; /* the writer's PRAGMA cache_size to put back, when small */
    /* the screenings row (started_at, the text of its start) and the score histogram's
     * marks, written together while the workers read (screen_record_start) */
    char started_at[21];
    score_hist_marks hist_marks;
    bool recorded;
    /* each model's set_runs_fingerprint, made once (fp_made), and model_runs read once */
    char (*fp)[65];
    bool *fp_made;
    set_runs_snap *runs_snap;
} screen_plan;

/* set_runs_fingerprint of run[m], made at the first call. */
static const char *plan_fp(screen_plan *p, size_t m)
{
    if (!p->fp) {
        p->fp = xcalloc(p->n_run + 1, sizeof(*p->fp));
        p->fp_made = xcalloc(p->n_run + 1, sizeof(*p->fp_made));
    }
    if (!p->fp_made[m]) {
        set_runs_fingerprint(p->run[m], p->o->params, p->fp[m]);
        p->fp_made[m] = true;
    }
    return p->fp[m];
}

/* set_runs_unchanged of run[m], from p->runs_snap when it could be read. */
static bool plan_unchanged(sqlite3 *db, screen_plan *p, size_t m, const char *digest)
{
    const model_def *md = p->run[m];
    const char *fp = plan_fp(p, m);
    return p->runs_snap ? set_runs_snap_unchanged(p->runs_snap, md->id, p->o->as_of, fp, digest)
                        : set_runs_unchanged(db, md->id, p->o->as_of, fp, digest);
}

/* A full screening's activity dates for PAP-01 (act_dates.h), read by a thread of their
 * own on a connection of its own from the screening's start; the workers look the
 * activities up one by one until they are ready (or when they fail). */
static void *act_dates_run(void *arg)
{
    screen_plan *p = arg;
    double c0 = thread_cpu();
    sqlite3 *db = NULL;
    zj_diag d = {0};
    if (store_open(p->act_path, STORE_READONLY | STORE_NO_MIGRATE, &db, &d) != 0)
        return NULL;
    store_exec(db, "PRAGMA cache_size = -2048", NULL); /* one scan */
    act_dates_build(db, &p->act);
    store_close(db);
    char what[64];
    snprintf(what, sizeof what, "activity dates (%.3f s CPU)", thread_cpu() - c0);
    timing(what);
    return NULL;
}

/* Whether an incremental screening runs m, a set-based model that reads no leads, beside
 * the person pass: it does not widen the scope, and it will run (a mixed model always; a
 * set-based one when set_runs_unchanged does not leave it out, as screen_apply decides
 * again at its turn). */
static bool set_model_early_incremental(sqlite3 *db, screen_plan *p, size_t k)
{
    const model_def *m = p->run[k];
    if (m->flags & MODEL_WIDENS)
        return false;
    if (m->run_person)
        return true;
    char digest[65];
    set_runs_leads_digest(db, m->id, p->o->as_of, digest);
    if (!p->runs_snap)
        p->runs_snap = set_runs_snap_read(db); /* as model_runs is now, before the pass */
    return !plan_unchanged(db, p, k, digest);
}

/* The models to run, the timeline parts they read, the incremental scope, the set thread
 * started for the early set-based models, the facilities and the screening row. */
static int screen_plan_make(sqlite3 *db, screen_plan *p, engine_result *r, zj_diag *d)
{
    const engine_opts *o = p->o;
    size_t n_cat;
    user_models_init_with(db); /* the model files checked against this database's schema */
    const model_def *cat = catalog_models(&n_cat);
    p->run = xcalloc(n_cat + 1, sizeof(*p->run));
    if (o->n_models) {
        for (size_t i = 0; i < o->n_models; i++) {
            const model_def *m = catalog_find(o->models[i]);
            if (!m) {
                zj_diag_set(d, "--model", "unknown model '%s'", o->models[i]);
                return ZJ_EINVAL;
            }
            bool dup = false;
            for (size_t k = 0; k < p->n_run; k++)
                dup |= p->run[k] == m;
            if (!dup)
                p->run[p->n_run++] = m;
            strbuf_addf(&p->ids, "%s%s", p->ids.len ? ";" : "", m->id);
        }
    } else {
        for (size_t i = 0; i < n_cat; i++)
            p->run[p->n_run++] = &cat[i];
    }

    p->full = o->full || leads_last_screening(db) == ZJ_DATE_NONE;
    r->full = p->full;
    timing("start");
    p->parts = TL_BIT(TL_PERSONS);
    p->on_demand = TL_ON_DEMAND;
    p->lean = true;
    for (size_t m = 0; m < p->n_run; m++)
        if (p->run[m]->run_person) {
            unsigned parts = catalog_timeline_parts(p->run[m]->id);
            p->parts |= parts;
            if (!(p->run[m]->flags & MODEL_ASKS))
                p->on_demand &= ~parts;
            if ((parts & TL_BIT(TL_CC_EVENTS)) && !(p->run[m]->flags & MODEL_LAST_CHECKIN))
                p->lean = false;
        }
    /* ZJ_SCREEN_WHOLE=1 (tests/cli/screen_lean.sh): every part through its cursor, the
     * checkins too, as `zhijian person` loads them; the leads must be the same */
    const char *whole = getenv("ZJ_SCREEN_WHOLE");
    if (whole && *whole == '1') {
        p->on_demand = 0;
        p->lean = false;
    }
    /* the scope of an incremental run, fixed now so we clear exactly what we screened */
    if (!p->full) {
        if (store_exec(db,
                       "DROP TABLE IF EXISTS temp.screen_scope;"
                       "DROP TABLE IF EXISTS temp.screen_scope_seed;"
                       "DROP TABLE IF EXISTS temp.screen_scope_all;"
                       "DROP TABLE IF EXISTS temp.screen_scope_widened;"
                       "CREATE TEMP TABLE screen_scope(person_id TEXT PRIMARY KEY) WITHOUT ROWID;"
                       "INSERT INTO temp.screen_scope SELECT person_id FROM changed_persons;",
                       d) != 0)
            return ZJ_EDB;
    }
    /* runs of a database file: the early set-based models in a thread of their own, from
     * now on (while the facilities' score percentiles and the per-person pass run) */
    p->early = xcalloc(p->n_run + 1, sizeof(*p->early));
    const char *dbfile = sqlite3_db_filename(db, "main");
    if (dbfile && *dbfile) {
        size_t n_early = 0, n_digest = 0;
        bool *digest_want = xcalloc(p->n_run + 1, sizeof(*digest_want));
        for (size_t m = 0; m < p->n_run; m++) {
            n_early += p->early[m] =
                set_model_early(p->run[m]) && (p->full || set_model_early_incremental(db, p, m));
            /* an incremental run digests beside the pass the leads rows a model reads */
            n_digest += digest_want[m] =
                !p->full && p->run[m]->run_set && set_runs_reads_lead_rows(p->run[m]->id);
        }
        if (n_early && !p->full) {
            p->scope_json = query_text(db,
                                       "SELECT json_group_array(person_id)"
                                       " FROM temp.screen_scope WHERE ?1 IS NOT NULL",
                                       "x", 0);
            p->scope_state0 = scope_state(db);
            if (!p->scope_json || p->scope_state0 < 0) {
                memset(p->early, 0, (p->n_run + 1) * sizeof(*p->early));
                n_early = 0;
            }
        }
        if (n_early || n_digest) {
            set_worker *sw = &p->sw;
            sw->digest_want = digest_want;
            digest_want = NULL;
            sw->digest = xcalloc(p->n_run + 1, sizeof(*sw->digest));
            p->data_version0 = store_data_version(db);
            p->data_version_ok = p->data_version0 >= 0;
            sw->path = dbfile;
            sw->models = p->run;
            sw->n_models = p->n_run;
            sw->early = p->early;
            sw->sinks = xcalloc(p->n_run + 1, sizeof(*sw->sinks));
            sw->reads = xcalloc(p->n_run + 1, sizeof(*sw->reads));
            sw->as_of = o->as_of;
            sw->params = o->params;
            sw->scope_json = p->scope_json;
            sw->scope_state0 = p->scope_state0;
            /* a small scope's seeks: a small cache, as the workers' (screen_partition) */
            sqlite3_int64 persons = 0;
            sw->cache_kib = ENGINE_WORKER_CACHE_KIB;
            if (!p->full &&
                store_query_int64(db, "SELECT max(rowid) FROM persons", &persons) == SQLITE_OK &&
                engine_small_scope(p->scope_state0 / 2, (long)persons))
                sw->cache_kib = ENGINE_SMALL_WORKER_CACHE_KIB;
            sw->same_scope = xcalloc(p->n_run + 1, sizeof(*sw->same_scope));
            p->set_started = pthread_create(&sw->thread, NULL, set_worker_run, sw) == 0;
            if (!p->set_started)
                memset(p->early, 0, (p->n_run + 1) * sizeof(*p->early));
        }
        free(digest_want);
        bool pap01 = false;
        for (size_t m = 0; m < p->n_run; m++)
            pap01 |= !strcmp(p->run[m]->id, "PAP-01");
        if (p->full && pap01 && (p->parts & p->on_demand & TL_BIT(TL_ACTIVITIES))) {
            p->act_path = dbfile;
            p->act_started = pthread_create(&p->act_thread, NULL, act_dates_run, p) == 0;
        }
    }
    int rc;
    if ((rc = fac_load(db, &p->fac)) != 0)
        return rc;
    /* the facilities' score percentiles (a scan of every score) only when CHG-10, their
     * one reader, runs */
    bool p95 = false;
    for (size_t m = 0; m < p->n_run; m++)
        p95 |= !strcmp(p->run[m]->id, "CHG-10");
    if (p95 && (rc = fac_score_p95(db, &p->fac, o->as_of, o->params, p->full, &p->hist_marks)) != 0)
        return rc;
    timing("facilities and score p95");
    store_now(p->started_at);
    return 0;
}

/* The screening's first write: its screenings row (r->screening_id) and the score
 * histogram's marks its read left to move on, in one transaction. The first write into a
 * fresh WAL syncs its header: screen_person_pass makes it while the workers read. A
 * failure of the marks' write leaves them where they were (the next read checks more
 * batches). */
static int screen_record_start(sqlite3 *db, screen_plan *p, engine_result *r)
{
    const engine_opts *o = p->o;
    p->recorded = true;
    if (store_begin(db) != 0)
        return ZJ_EDB;
    int rc = leads_screening_begin(db, p->started_at, o->as_of, p->full,
                                   o->n_models ? p->ids.buf : NULL, &r->screening_id);
    if (rc == 0)
        (void)score_hist_marks_write(db, &p->hist_marks);
    if (rc == 0 && store_commit(db) != 0)
        rc = ZJ_EDB;
    if (rc)
        store_rollback(db);
    return rc;
}

bool engine_small_scope(long scope, long persons)
{
    return scope >= 0 && persons > 0 && scope <= persons / ENGINE_SMALL_SCOPE_SHARE;
}

/* Ranges per worker in a full screening: enough that the workers end together. */
enum { RANGES_PER_JOB = 8 };

/* The persons (a full screening) or the changed persons cut into contiguous person_id
 * ranges of as many persons each, p->jobs workers to take them (one range on the writer
 * connection when there are few persons or no database file). */
static int screen_partition(sqlite3 *db, screen_plan *p, zj_diag *d)
{
    const engine_opts *o = p->o;
    sqlite3_int64 count = 0, persons = 0;
    if (store_query_int64(
            db, p->full ? "SELECT count(*) FROM persons" : "SELECT count(*) FROM temp.screen_scope",
            &count) != SQLITE_OK) {
        zj_diag_set(d, "", "counting the persons to screen: %s", sqlite3_errmsg(db));
        return ZJ_EDB;
    }
    long total = (long)count;
    /* a small scope: small page caches, the writer's for the rest of the screening (not
     * small when the persons cannot be counted; the writer's cache kept when its setting
     * cannot be read) */
    p->small = !p->full &&
               store_query_int64(db, "SELECT max(rowid) FROM persons", &persons) == SQLITE_OK &&
               engine_small_scope(total, (long)persons);
    if (p->small && store_query_int64(db, "PRAGMA cache_size", &p->writer_cache) == SQLITE_OK &&
        p->writer_cache != 0) {
        char sql[64];
        snprintf(sql, sizeof sql, "PRAGMA cache_size = -%d", ENGINE_SMALL_WRITER_CACHE_KIB);
        store_exec(db, sql, NULL);
    }
    int jobs = o->jobs > 0 ? o->jobs : 1;
    if (total < jobs * 64L)
        jobs = 1;
    char *path = NULL;
    const char *fn = sqlite3_db_filename(db, "main");
    if (!fn || !*fn)
        jobs = 1;
    else
        path = (char *)fn;
    p->jobs = jobs;
    p->ws = xcalloc((size_t)jobs, sizeof(*p->ws));
    for (int i = 0; i < jobs; i++) {
        worker *w = &p->ws[i];
        w->mode = p->full ? SCOPE_RANGE : SCOPE_CHANGED;
        w->parts = p->parts;
        w->on_demand = p->on_demand;
        w->lean = p->lean;
        w->models = p->run;
        w->n_models = p->n_run;
        w->fac = &p->fac;
        w->as_of = o->as_of;
        w->params = o->params;
        w->opts = o;
        w->total = total;
        w->path = path;
        w->own_db = jobs > 1;
        w->report = i == 0;
        w->cache_kib = p->small ? ENGINE_SMALL_WORKER_CACHE_KIB : ENGINE_WORKER_CACHE_KIB;
        w->db = db;
        w->q = &p->q;
    }
    size_t n = jobs == 1 ? 1 : (size_t)jobs * (p->full ? RANGES_PER_JOB : 1);
    person_range *r = p->q.r = xcalloc(n, sizeof(*r));
    /* range i starts at the (i * total / n)-th person of the scope in person_id order */
    size_t k = 1;
    if (n > 1) {
        sqlite3_stmt *st =
            store_prepare(db, p->full ? "SELECT person_id FROM persons WHERE person_id >= ''"
                                        " ORDER BY person_id"
                                      : "SELECT person_id FROM temp.screen_scope"
                                        " WHERE person_id >= '' ORDER BY person_id");
        char *prev = NULL;
        long at = 0;
        while (st && k < n && sqlite3_step(st) == SQLITE_ROW) {
            const char *id = (const char *)sqlite3_column_text(st, 0);
            if (at == (long)((double)k * (double)total / (double)n) && prev && id) {
                r[k - 1].hi = prev;
                r[k].lo = xstrdup(id);
                prev = NULL;
                k++;
            }
            free(prev);
            prev = id ? xstrdup(id) : NULL;
            at++;
        }
        free(prev);
        sqlite3_finalize(st);
    }
    p->q.n = k;
    r[0].lo = xstrdup("");
    r[k - 1].hi = query_text(db, "SELECT max(person_id) FROM persons WHERE ?1 IS NOT NULL", "x", 0);
    if (!r[k - 1].hi)
        r[k - 1].hi = xstrdup("");
    return 0;
}

/* The per-person models over every range: the calling thread for one range, else one
 * thread per range. */
static int screen_person_pass(sqlite3 *db, screen_plan *p, engine_result *r, zj_diag *d)
{
    int rc = 0, rec = 0;
    for (int i = 0; i < p->jobs; i++)
        p->ws[i].act = &p->act;
    if (p->jobs == 1) {
        /* the worker reads on the writer's connection: the row first */
        if ((rec = screen_record_start(db, p, r)) == 0)
            worker_run(&p->ws[0]);
    } else {
        for (int i = 0; i < p->jobs; i++)
            pthread_create(&p->ws[i].thread, NULL, worker_run, &p->ws[i]);
        rec = screen_record_start(db, p, r);
        for (int i = 0; i < p->jobs; i++)
            pthread_join(p->ws[i].thread, NULL);
    }
    if (rec) {
        zj_diag_set(d, NULL, "recording the screening: %s", sqlite3_errmsg(db));
        rc = rec;
    }
    if (p->act_started)
        pthread_join(p->act_thread, NULL);
    p->act_started = false;
    act_dates_release(&p->act);
    char what[64];
    double cpu = 0;
    for (int i = 0; i < p->jobs; i++)
        cpu += p->ws[i].cpu;
    snprintf(what, sizeof what, "per-person pass (%.3f s CPU)", cpu);
    timing(what);
    for (int i = 0; i < p->jobs; i++) {
        r->persons += p->ws[i].persons;
        if (p->ws[i].rc && !rc) {
            rc = p->ws[i].rc;
            zj_diag_set(d, NULL, "screening failed reading the database");
        }
    }
    return rc;
}

/* The workers' leads gathered into p->all, the leads of models without run_set first
 * (phase 1, p->n_all of them); the person-part leads of models with run_set move to
 * p->held for phase 2. */
static void screen_gather(screen_plan *p)
{
    size_t n_all = 0, k = 0;
    for (size_t i = 0; i < p->q.n; i++)
        n_all += p->q.r[i].sink.n;
    lead_rec *all = p->all = xcalloc(n_all + 1, sizeof(*all));
    for (size_t i = 0; i < p->q.n; i++) {
        lead_sink *s = &p->q.r[i].sink;
        if (s->n)
            memcpy(all + k, s->recs, s->n * sizeof(*all));
        k += s->n;
        free(s->recs);
        s->recs = NULL;
        s->n = 0;
    }
    size_t n1 = 0;
    for (size_t i = 0; i < n_all; i++) {
        const model_def *m = NULL;
        for (size_t q = 0; q < p->n_run && !m; q++)
            if (!strcmp(p->run[q]->id, all[i].model_id))
                m = p->run[q];
        if (!m || !m->run_set) {
            lead_rec t = all[n1];
            all[n1] = all[i];
            all[i] = t;
            n1++;
        }
    }
    for (size_t i = n1; i < n_all; i++) {
        XGROW(p->held.recs, p->held.n + 1, p->held.alloc);
        p->held.recs[p->held.n++] = all[i];
        memset(&all[i], 0, sizeof(all[i]));
    }
    p->n_all = n1;
}

/* After a leads_apply of recs[0..n) with stats st[0..ns): the models whose leads it wrote
 * beyond their dates (a lead of a model not in st: any). */
static void note_changed(screen_plan *p, const lead_rec *recs, size_t n, const leads_model_stat *st,
                         size_t ns)
{
    for (size_t i = 0; i < n && !p->changed_unknown; i++) {
        bool known = false;
        for (size_t q = 0; q < ns && !known && recs[i].model_id; q++)
            known = !strcmp(recs[i].model_id, st[q].model_id);
        p->changed_unknown = !known;
    }
    for (size_t q = 0; q < ns; q++)
        if (st[q].changed) {
            XGROW(p->changed, p->n_changed + 1, p->changed_alloc);
            p->changed[p->n_changed++] = st[q].model_id;
        }
}

/* The digest of the leads rows run[m] reads (set_runs_leads_digest) as the set thread made
 * it, when it holds on db now: no other connection committed since before that thread
 * started (and none can until this transaction ends), and no lead this screening wrote
 * beyond its dates is among those rows. */
static bool digest_kept(sqlite3 *db, const screen_plan *p, size_t m, char out[65])
{
    const set_worker *sw = &p->sw;
    if (p->full || !sw->digest || !sw->digest_want[m] || !sw->digest[m][0] || !p->data_version_ok ||
        p->changed_unknown)
        return false;
    for (size_t i = 0; i < p->n_changed; i++)
        if (set_runs_reads_leads_of(p->run[m]->id, p->changed[i]))
            return false;
    if (store_data_version(db) != p->data_version0)
        return false;
    memcpy(out, sw->digest[m], 65);
    return true;
}

/* Phase 1: leads of the models without a set-based part. Phase 2, in the same
 * transaction: the set-based models run on the writer connection (so second-order
 * models read this screening's phase-1 leads) and their leads, with the person-part
 * leads of mixed models held back from phase 1, are applied. r->stats in run order. */
static int screen_apply(sqlite3 *db, screen_plan *p, engine_result *r, zj_diag *d)
{
    const engine_opts *o = p->o;
    const model_def **run = p->run;
    size_t n_run = p->n_run;
    int rc = 0;
    screen_gather(p);

    r->stats = xcalloc(n_run + 1, sizeof(*r->stats));
    r->n_stats = n_run;
    leads_model_stat *st1 = xcalloc(n_run + 1, sizeof(*st1)),
                     *st2 = xcalloc(n_run + 1, sizeof(*st2));
    bool *pp1 = xcalloc(n_run + 1, sizeof(*pp1)), *pp2 = xcalloc(n_run + 1, sizeof(*pp2));
    size_t ns1 = 0, ns2 = 0;
    for (size_t m = 0; m < n_run; m++) {
        r->stats[m].model_id = run[m]->id;
        bool per_person = run[m]->run_person != NULL || catalog_set_scoped(run[m]->id);
        if (run[m]->run_set) {
            st2[ns2].model_id = run[m]->id;
            pp2[ns2++] = per_person;
        } else {
            st1[ns1].model_id = run[m]->id;
            pp1[ns1++] = per_person;
        }
    }
    const char *scope = p->full ? NULL : "temp.screen_scope";
    /* the scope's open leads looked up once while none is found (leads_apply_memo) */
    leads_scope_memo memo = {0};
    if (store_begin(db) != 0) {
        rc = ZJ_EDB;
    } else {
        p->in_txn = true;
        rc = leads_apply_memo(db, r->screening_id, o->as_of, p->all, p->n_all, st1, pp1, ns1, scope,
                              &memo);
        note_changed(p, p->all, p->n_all, st1, ns1);
    }
    timing("leads of per-person models");
    set_worker *sw = &p->sw;
    if (p->set_started) {
        pthread_join(sw->thread, NULL);
        p->set_started = false;
        timing("early set-based models");
        if (sw->rc && !rc) {
            zj_diag_set(d, sw->failed, "model '%s' failed", sw->failed ? sw->failed : "?");
            rc = sw->rc;
        }
    }
    /* phase 2: each set-based model in catalog order, applied before the next runs; in an
     * incremental run a model none of whose inputs changed since it last ran is left out
     * (set_runs.h): its leads stay as they are */
    model_ctx ctx = {.db = db, .as_of = o->as_of, .params = o->params};
    long long mark = rc == 0 ? set_runs_mark(db) : -1;
    /* model_runs as this transaction holds it: a model's row changes only at its own turn
     * below (set_runs_record), after its test, and no other writer commits meanwhile */
    set_runs_snap_free(p->runs_snap);
    p->runs_snap = rc == 0 && !p->full ? set_runs_snap_read(db) : NULL;
    for (size_t m = 0, q2 = 0; rc == 0 && m < n_run; m++) {
        if (!run[m]->run_set)
            continue;
        const char *fp = plan_fp(p, m);
        char digest[65];
        bool kept = digest_kept(db, p, m, digest);
        if (!kept)
            set_runs_leads_digest(db, run[m]->id, o->as_of, digest);
        if (p->sw.digest && p->sw.digest_want[m]) {
            char what[64];
            snprintf(what, sizeof what, "%s: %s", run[m]->id,
                     kept ? "the digest beside the pass" : "the digest again");
            timing(what);
        }
        if (!p->full && !run[m]->run_person && plan_unchanged(db, p, m, digest)) {
            q2++;
            timing(run[m]->id);
            continue;
        }
        /* a run in the set thread counts when it read the scope the writer holds now */
        bool early =
            p->early[m] && sw->same_scope[m] && (p->full || scope_state(db) == p->scope_state0);
        if (p->early[m] && !early) {
            sink_release(&sw->sinks[m]);
            set_reads_release(&sw->reads[m]);
            char what[64];
            snprintf(what, sizeof what, "%s: the scope widened, again", run[m]->id);
            timing(what);
        }
        set_reads reads = {0};
        long long run_mark = mark;
        lead_sink one = {.model = run[m]};
        for (size_t i = 0; i < p->held.n; i++) {
            lead_rec *h = &p->held.recs[i];
            if (!h->model_id || strcmp(h->model_id, run[m]->id))
                continue;
            XGROW(one.recs, one.n + 1, one.alloc);
            one.recs[one.n++] = *h;
            memset(h, 0, sizeof(*h));
        }
        if (early) {
            /* ran in the set thread: its leads join the held person-part leads */
            for (size_t i = 0; i < sw->sinks[m].n; i++) {
                XGROW(one.recs, one.n + 1, one.alloc);
                one.recs[one.n++] = sw->sinks[m].recs[i];
            }
            free(sw->sinks[m].recs);
            memset(&sw->sinks[m], 0, sizeof(sw->sinks[m]));
            reads = sw->reads[m];
            memset(&sw->reads[m], 0, sizeof(sw->reads[m]));
            run_mark = sw->mark;
            rc = leads_apply_memo(db, r->screening_id, o->as_of, one.recs, one.n, &st2[q2],
                                  &pp2[q2], 1, scope, &memo);
            note_changed(p, one.recs, one.n, &st2[q2], 1);
        } else {
            set_reads_begin(db, &reads);
            int mrc = run[m]->run_set(&ctx, &one);
            set_reads_end(db);
            if (mrc < 0) {
                zj_diag_set(d, run[m]->id, "model '%s' failed", run[m]->id);
                rc = ZJ_EDB;
            } else {
                rc = leads_apply_memo(db, r->screening_id, o->as_of, one.recs, one.n, &st2[q2],
                                      &pp2[q2], 1, scope, &memo);
                note_changed(p, one.recs, one.n, &st2[q2], 1);
            }
        }
        /* a scoped run (sqlmodel_run_is_scoped) brings the model up to date only from the
         * state the last run left */
        if (rc == 0)
            rc = set_runs_record(db, run[m]->id, o->as_of, fp, run_mark, &reads, digest,
                                 !p->full && sqlmodel_run_is_scoped(db, run[m]->id));
        set_reads_release(&reads);
        q2++;
        sink_release(&one);
        timing(run[m]->id);
    }
    for (size_t m = 0; m < n_run; m++) {
        for (size_t q = 0; q < ns1; q++)
            if (!strcmp(st1[q].model_id, run[m]->id))
                r->stats[m] = st1[q];
        for (size_t q = 0; q < ns2; q++)
            if (!strcmp(st2[q].model_id, run[m]->id))
                r->stats[m] = st2[q];
    }
    free(st1);
    free(st2);
    free(pp1);
    free(pp2);
    return rc;
}

/* changed_persons cleared of what was screened, the screening row's totals, the commit. */
static int screen_finish(sqlite3 *db, screen_plan *p, engine_result *r, zj_diag *d)
{
    const engine_opts *o = p->o;
    int rc;
    /* a run of some models only leaves the persons to screen for the others */
    if (!p->full && !o->n_models &&
        store_exec(db,
                   "DELETE FROM changed_persons WHERE person_id IN"
                   " (SELECT person_id FROM temp.screen_scope)",
                   d) != 0)
        return ZJ_EDB;
    if (p->full && !o->n_models && store_exec(db, "DELETE FROM changed_persons", d) != 0)
        return ZJ_EDB;
    long nn = 0, no = 0, nr = 0;
    for (size_t m = 0; m < p->n_run; m++) {
        nn += r->stats[m].new_leads;
        no += r->stats[m].still_open;
        nr += r->stats[m].resolved;
    }
    if ((rc = leads_screening_finish(db, r->screening_id, r->persons, nn, no, nr)) != 0)
        return rc;
    if (store_commit(db) != 0)
        return ZJ_EDB;
    p->in_txn = false;
    timing("commit");
    return 0;
}

/* Everything the plan holds; a failed screening (rc) rolls back and leaves no stats. */
static void screen_release(sqlite3 *db, screen_plan *p, engine_result *r, int rc)
{
    set_worker *sw = &p->sw;
    if (p->set_started)
        pthread_join(sw->thread, NULL);
    for (size_t m = 0; sw->sinks && m < p->n_run; m++)
        sink_release(&sw->sinks[m]);
    free(sw->sinks);
    for (size_t m = 0; sw->reads && m < p->n_run; m++)
        set_reads_release(&sw->reads[m]);
    free(sw->reads);
    free(sw->same_scope);
    free(sw->digest_want);
    free(sw->digest);
    free(p->changed);
    free(p->fp);
    free(p->fp_made);
    set_runs_snap_free(p->runs_snap);
    free(p->scope_json);
    free(p->early);
    if (p->in_txn)
        store_rollback(db);
    for (size_t i = 0; i < p->n_all; i++)
        leads_rec_release(&p->all[i]);
    free(p->all);
    for (size_t i = 0; p->q.r && i < p->q.n; i++) {
        free(p->q.r[i].lo);
        free(p->q.r[i].hi);
        sink_release(&p->q.r[i].sink);
    }
    free(p->q.r);
    free(p->ws);
    if (p->act_started)
        pthread_join(p->act_thread, NULL);
    act_dates_release(&p->act);
    sink_release(&p->held);
    fac_release(&p->fac);
    score_hist_marks_release(&p->hist_marks);
    free(p->run);
    strbuf_release(&p->ids);
    if (p->small && p->writer_cache != 0) {
        char sql[64];
        snprintf(sql, sizeof sql, "PRAGMA cache_size = %lld", p->writer_cache);
        store_exec(db, sql, NULL);
    }
    if (!p->full)
        store_exec(db,
                   "DROP TABLE IF EXISTS temp.screen_scope;"
                   "DROP TABLE IF EXISTS temp.screen_scope_seed;"
                   "DROP TABLE IF EXISTS temp.screen_scope_all;"
                   "DROP TABLE IF EXISTS temp.screen_scope_widened",
                   NULL);
    if (rc && r->stats) {
        free(r->stats);
        r->stats = NULL;
        r->n_stats = 0;
    }
}

int engine_screen(sqlite3 *db, const engine_opts *o, engine_result *r, zj_diag *d)
{
    screen_plan p = {.o = o, .ids = STRBUF_INIT, .full = true};
    memset(r, 0, sizeof(*r));
    int rc = screen_plan_make(db, &p, r, d);
    bool planned = rc == 0;
    if (rc == 0)
        rc = screen_partition(db, &p, d);
    if (rc == 0)
        rc = screen_person_pass(db, &p, r, d);
    /* a screening that failed before its pass keeps its row (unfinished), as it did when
     * the row was written at the end of its plan */
    if (planned && !p.recorded)
        screen_record_start(db, &p, r);
    if (rc == 0)
        rc = screen_apply(db, &p, r, d);
    if (rc == 0)
        rc = screen_finish(db, &p, r, d);
    screen_release(db, &p, r, rc);
    return rc;
}

/* ---- one person --------------------------------------------------------------------- */

static fac_table *person_fac(zj_timeline *tl)
{
    return (fac_table *)tl->model_data;
}

int engine_person_load(sqlite3 *db, const char *person_id, zj_date as_of, zj_timeline *tl)
{
    cursor_set set;
    fac_table *ft = xcalloc(1, sizeof(*ft));
    /* no score_p95 (-1): only CHG-10 reads it, and it costs a scan of every score */
    int rc = fac_load(db, ft);
    tl->model_data = ft;
    tl->fac = ft->rows;
    tl->n_fac = ft->n;
    tl->as_of = as_of;
    if (rc)
        return rc;
    if (cursor_set_open(db, &set, SCOPE_ONE, person_id, "1", TL_ALL) != 0)
        return ZJ_EDB;
    rc = cursor_set_next(&set, tl);
    tl->as_of = as_of;
    cursor_set_close(&set);
    return rc == 1 ? 0 : rc == 0 ? ZJ_ENOTFOUND : rc;
}

int engine_walk(sqlite3 *db, zj_date as_of, int (*fn)(const zj_timeline *tl, void *arg), void *arg)
{
    fac_table ft = {0};
    int rc = fac_load(db, &ft);
    if (rc) {
        fac_release(&ft);
        return rc;
    }
    cursor_set set;
    zj_timeline tl;
    timeline_init(&tl);
    char *maxid = query_text(db, "SELECT max(person_id) FROM persons WHERE ?1 IS NOT NULL", "x", 0);
    if (cursor_set_open(db, &set, SCOPE_RANGE, "", maxid ? maxid : "", TL_ALL) != 0) {
        free(maxid);
        fac_release(&ft);
        return ZJ_EDB;
    }
    tl.as_of = as_of;
    tl.fac = ft.rows;
    tl.n_fac = ft.n;
    int r;
    rc = 0;
    while ((r = cursor_set_next(&set, &tl)) > 0) {
        tl.as_of = as_of;
        if ((rc = fn(&tl, arg)) != 0)
            break;
    }
    if (r < 0)
        rc = r;
    cursor_set_close(&set);
    timeline_release(&tl);
    free(maxid);
    fac_release(&ft);
    return rc;
}

void engine_person_release(zj_timeline *tl)
{
    fac_table *ft = person_fac(tl);
    if (ft) {
        fac_release(ft);
        free(ft);
    }
    tl->model_data = NULL;
    timeline_release(tl);
}
