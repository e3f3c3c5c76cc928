/*
 * m_conditions.c — custody conditions (监管活动): CUS-01 未成年人与成年人混押, CUS-02 同案犯
 * 同监室, CUS-03 禁闭、戒具超期, CUS-04 被监管人死亡报告不及时 (spec/models.md; law.md §11:
 * H-01 监狱法第39条、看守所条例第14条; H-02 监狱法第58条; H-03 看守所条例实施办法 (cfg);
 * H-04 看守所条例第27条 (cfg 1 day)).
 *
 * Dates: a cell assignment covers start_date … end_date, both days included (an empty
 * end_date, or one after the as-of date, is measured to the as-of date). Under 18 on d
 * means d <= add_months(birth_date, 216) (law.md §1 周岁). A restraint lasts
 * days(start, end) + 1 days (both days counted, law.md §1 term length); an ongoing one is
 * measured to the as-of date.
 */
#include "models/models2.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "law/law.h"
#include "models/intervals.h"
#include "models/model_util.h"
#include "store/store.h"
#include "util/error.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#define END_EFF(t)                                                                                 \
    "CASE WHEN " t ".end_date IS NOT NULL AND " t ".end_date < :as_of THEN " t ".end_date"         \
    " ELSE :as_of END"

/* ---- CUS-01: subject = the juvenile's assignment; one lead per juvenile assignment.
 * j: the juvenile assignments, as the incremental run reads them (m2_cus01); a full run
 * reads those of the JSON array :juvenile instead (m2_cus01_full, cus01_full_run). */
#define CUS01_ADULT_YEARS 18
#define STR_(x) #x
#define STR(x) STR_(x)
#define CUS01_PARAMS "{\"adult_years\":" STR(CUS01_ADULT_YEARS) "}"
/* clang-format off */
#define CUS01_J_FROM_CELLS                                                                         \
    " FROM cells c JOIN persons p ON p.person_id = c.person_id"                                    \
    " WHERE c.start_date <= :as_of /*scope c.person_id*/"
#define CUS01_J_FROM_LIST                                                                          \
    " FROM json_each(:juvenile) x CROSS JOIN cells c CROSS JOIN persons p"                         \
    " WHERE c.assignment_id = x.value AND p.person_id = c.person_id AND c.start_date <= :as_of"
#define CUS01_SQL(j_from)                                                                          \
    "WITH j AS ("                                                                                  \
    " SELECT c.assignment_id, c.person_id, c.facility_id, c.cell_id, c.start_date,"                \
    "  " END_EFF("c") " AS end_eff, zj_add_months(p.birth_date, 12 * :adult_years) AS juv_last,"   \
    "  p.name, p.birth_date" j_from                                                                \
    "  AND c.start_date <= zj_add_months(p.birth_date, 12 * :adult_years)),"                       \
    " pairs AS ("                                                                                  \
    " SELECT j.*, o.assignment_id AS other_id, o.person_id AS other_person, q.name AS other_name," \
    "  q.birth_date AS other_birth,"                                                               \
    "  max(j.start_date, o.start_date,"                                                            \
    "   date(zj_add_months(q.birth_date, 12 * :adult_years), '+1 day')) AS lo,"                    \
    "  min(j.end_eff, " END_EFF("o") ", j.juv_last) AS hi"                                         \
    " FROM j JOIN cells o ON o.facility_id = j.facility_id AND o.cell_id = j.cell_id"              \
    "  AND o.person_id <> j.person_id AND o.start_date <= j.end_eff"                               \
    "  AND (o.end_date IS NULL OR o.end_date >= j.start_date)"                                     \
    " JOIN persons q ON q.person_id = o.person_id),"                                               \
    " hit AS (SELECT pairs.*,"                                                                     \
    "  row_number() OVER (PARTITION BY assignment_id ORDER BY lo, other_id) AS rn,"                \
    "  count(*) OVER (PARTITION BY assignment_id) AS n,"                                           \
    "  json_group_array(other_id) OVER (PARTITION BY assignment_id) AS others"                     \
    " FROM pairs WHERE lo <= hi) "                                                                 \
    "SELECT h.assignment_id AS subject, h.person_id, h.facility_id, f.region_code,"                \
    " printf('未成年人%s（%s出生）于%s在%s监室与成年人%s（%s出生）同室关押，共与%d名成年人混押。'," \
    "  h.name, h.birth_date, h.lo, h.cell_id, h.other_name, h.other_birth, h.n) AS summary,"       \
    " json_object('assignment_id', h.assignment_id, 'person_id', h.person_id,"                     \
    "  'facility_id', h.facility_id, 'cell_id', h.cell_id, 'birth_date', h.birth_date,"            \
    "  'juvenile_until', h.juv_last, 'adult_assignment_id', h.other_id,"                           \
    "  'adult_person_id', h.other_person, 'adult_birth_date', h.other_birth,"                      \
    "  'first_day', h.lo, 'last_day', h.hi, 'adult_assignments', json(h.others)) AS evidence "     \
    "FROM hit h LEFT JOIN facilities f ON f.facility_id = h.facility_id WHERE h.rn = 1"            \
    " ORDER BY h.assignment_id"
/* clang-format on */
const sqlmodel m2_cus01 = {"CUS-01", "H-01 监狱法第39条; 看守所条例第14条", "high", CUS01_PARAMS,
                           CUS01_SQL(CUS01_J_FROM_CELLS)};
static const sqlmodel m2_cus01_full = {"CUS-01", "H-01 监狱法第39条; 看守所条例第14条", "high",
                                       CUS01_PARAMS, CUS01_SQL(CUS01_J_FROM_LIST)};

/* ---- CUS-02: subject = the smaller assignment_id of the pair (either co-defendant's).
 * Driven from the case numbers with more than one judgment (a pair needs two persons of one
 * case_no; a pair of one person's assignments is excluded below), so the cell assignments
 * read are only those of co-defendants. An incremental run reads the case numbers of the
 * persons in scope (m2_cus02); a full one every case number (m2_cus02_full), without the
 * list of every case number that the scope's IN builds. */
/* clang-format off */
#define CUS02_SQL(scope)                                                                           \
    "WITH mc AS (SELECT case_no FROM judgments WHERE case_no IS NOT NULL" scope                    \
    "  GROUP BY case_no HAVING count(*) > 1),"                                                     \
    " a AS MATERIALIZED ("                                                                         \
    " SELECT c.assignment_id, c.person_id, c.facility_id, c.cell_id, c.start_date,"                \
    "  " END_EFF("c") " AS end_eff, j.case_no, j.effective_date, j.judgment_id"                    \
    " FROM mc JOIN judgments j ON j.case_no = mc.case_no"                                          \
    "  JOIN cells c ON c.person_id = j.person_id"                                                  \
    " WHERE c.start_date <= :as_of AND c.start_date < j.effective_date),"                          \
    " pairs AS ("                                                                                  \
    " SELECT a.*, b.assignment_id AS other_id, b.person_id AS other_person,"                       \
    "  b.judgment_id AS other_judgment, b.effective_date AS other_effective,"                      \
    "  max(a.start_date, b.start_date) AS lo,"                                                     \
    "  min(a.end_eff, b.end_eff, date(min(a.effective_date, b.effective_date), '-1 day')) AS hi"   \
    " FROM a JOIN a b ON b.case_no = a.case_no AND b.facility_id = a.facility_id"                  \
    "  AND b.cell_id = a.cell_id AND b.person_id <> a.person_id"                                   \
    "  AND a.assignment_id < b.assignment_id /*scope a.person_id*/),"                              \
    " hit AS (SELECT pairs.*,"                                                                     \
    "  row_number() OVER (PARTITION BY assignment_id ORDER BY lo, other_id) AS rn"                 \
    " FROM pairs WHERE lo <= hi) "                                                                 \
    "SELECT h.assignment_id AS subject, h.person_id, h.facility_id, f.region_code,"                \
    " printf('同案犯%s与%s（案号%s）在判决生效前于%s至%s同押于%s监室。', p.name, q.name,"          \
    "  h.case_no, h.lo, h.hi, h.cell_id) AS summary,"                                              \
    " json_object('assignment_id', h.assignment_id, 'other_assignment_id', h.other_id,"            \
    "  'person_id', h.person_id, 'other_person_id', h.other_person, 'case_no', h.case_no,"         \
    "  'judgment_id', h.judgment_id, 'other_judgment_id', h.other_judgment,"                       \
    "  'effective_date', h.effective_date, 'other_effective_date', h.other_effective,"             \
    "  'facility_id', h.facility_id, 'cell_id', h.cell_id, 'first_day', h.lo,"                     \
    "  'last_day', h.hi) AS evidence "                                                             \
    "FROM hit h JOIN persons p ON p.person_id = h.person_id"                                       \
    " JOIN persons q ON q.person_id = h.other_person"                                              \
    " LEFT JOIN facilities f ON f.facility_id = h.facility_id WHERE h.rn = 1"                      \
    " ORDER BY h.assignment_id"
/* clang-format on */
const sqlmodel m2_cus02 = {
    "CUS-02", "H-01 看守所条例第14条", "medium", NULL,
    CUS02_SQL("  AND case_no IN (SELECT s.case_no FROM judgments s WHERE s.case_no IS NOT NULL"
              "   /*scope s.person_id*/)")};
static const sqlmodel m2_cus02_full = {"CUS-02", "H-01 看守所条例第14条", "medium", NULL,
                                       CUS02_SQL("")};

/* ---- CUS-04: subject = the person. Reported more than 1 day (cfg) after the death or not
 * at all (once the day has passed); or violence/unknown cause without an autopsy. */
const sqlmodel m2_cus04 = {
    "CUS-04", "H-04 看守所条例第27条", "high", NULL,
    "WITH d AS ("
    " SELECT x.*, date(x.death_date, '+' || :h04_death_report_days || ' days') AS deadline,"
    "  CASE WHEN x.reported_date <= :as_of THEN x.reported_date END AS rep"
    " FROM deaths x WHERE x.death_date <= :as_of /*scope x.person_id*/),"
    " h AS (SELECT d.*,"
    "  CASE WHEN d.rep IS NULL AND :as_of > d.deadline THEN 'unreported'"
    "   WHEN d.rep > d.deadline THEN 'late' END AS report_issue,"
    "  CASE WHEN d.cause IN ('violence','unknown') AND COALESCE(d.autopsy, 0) = 0 THEN 1"
    "   ELSE 0 END AS no_autopsy FROM d) "
    "SELECT h.person_id AS subject, h.person_id, h.facility_id, f.region_code,"
    " printf('被监管人%s于%s在%s死亡（%s），%s%s。', p.name, h.death_date,"
    "  COALESCE(f.name, h.facility_id), CASE h.cause WHEN 'illness' THEN '疾病'"
    "   WHEN 'suicide' THEN '自杀' WHEN 'accident' THEN '意外' WHEN 'violence' THEN '暴力'"
    "   WHEN 'unknown' THEN '原因不明' ELSE h.cause END,"
    "  CASE h.report_issue WHEN 'unreported' THEN '截至' || :as_of || '未报告检察机关'"
    "   WHEN 'late' THEN '至' || h.rep || '才报告检察机关，超期'"
    "    || CAST(julianday(h.rep) - julianday(h.deadline) AS INTEGER) || '日'"
    "   ELSE '已按时报告' END,"
    "  CASE WHEN h.no_autopsy THEN '，且未进行尸体检验' ELSE '' END) AS summary,"
    " json_object('person_id', h.person_id, 'facility_id', h.facility_id,"
    "  'death_date', h.death_date, 'cause', h.cause, 'reported_date', h.reported_date,"
    "  'report_deadline', h.deadline, 'report_issue', h.report_issue,"
    "  'autopsy', h.autopsy, 'autopsy_missing', h.no_autopsy) AS evidence "
    "FROM h JOIN persons p ON p.person_id = h.person_id"
    " LEFT JOIN facilities f ON f.facility_id = h.facility_id"
    " WHERE h.report_issue IS NOT NULL OR h.no_autopsy = 1 ORDER BY h.person_id"};

/* Incremental runs of CUS-01/CUS-02 (pairs of persons): a pair's lead belongs to one of the
 * two persons, and changes when either person's data changes. So before the scoped SQL
 * runs, temp.screen_scope (the changed persons) is widened, once per screening (the
 * original scope is kept in temp.screen_scope_seed, which the engine drops; see also
 * cus_all_sql), by
 *   - CUS-01: every person with a juvenile cell assignment (as m2_cus01's j: started on or
 *     before add_months(birth_date, 12 * adult_years), adult_years 18) overlapping in time,
 *     in the same facility and cell, an assignment of a changed person;
 *   - CUS-02: every co-defendant (a judgment with the same case_no) of a changed person;
 *   - both: the person of every CUS-01/CUS-02 lead (any status) whose evidence names a
 *     changed person or one of their assignments (the pairs as they were when the lead
 *     was raised: an assignment since moved to another cell, a case number corrected).
 * Leads of persons outside the widened scope involve no changed person. The later scoped
 * models and the resolution of leads (leads_apply) see the widened scope: a superset of
 * the changed persons, re-screened in full by those models, which gives the same leads. */
/* ---- CUS-03: solitary > 15 days (H-02 监狱法第58条: 7 to 15 days), handcuffs/leg irons
 * > 15 days unless sentenced to death, restraint chair > 1 day (H-03, cfg). Per person over
 * the restraint intervals (intervals.h): a span lasts from its start to its end_date; one
 * without an end_date ends when the person leaves custody (release, bail) or dies, else it
 * is measured to the as-of date (ongoing). Both days counted (law.md §1). */
#define CUS03_SOLITARY_MAX_DAYS 15

static const char *restraint_cn(const char *kind)
{
    return !strcmp(kind, "solitary")          ? "禁闭"
           : !strcmp(kind, "handcuffs")       ? "手铐"
           : !strcmp(kind, "leg_irons")       ? "脚镣"
           : !strcmp(kind, "restraint_chair") ? "约束椅"
                                              : kind;
}

static int cus03(const zj_timeline *tl, const struct law_figures *f, lead_sink *sink)
{
    (void)f;
    struct law_params def;
    const struct law_params *lp = law_params_or_default(tl->params, &def);
    bool death = false;
    for (size_t j = 0; j < tl->n_jud; j++)
        death |= tl->jud[j].penalty == LAW_DEATH && tl->jud[j].effective_date <= tl->as_of;
    strbuf ev = STRBUF_INIT, sm = STRBUF_INIT;
    int rc = 0;
    for (size_t i = 0; i < tl->n_iv && rc == 0; i++) {
        const tl_interval *iv = &tl->iv[i];
        if (iv->kind != IV_RESTRAINT || iv->start > tl->as_of || !iv->kind_s)
            continue;
        const tl_restraint *r = &tl->res[iv->src];
        bool cuffs = !strcmp(r->kind, "handcuffs") || !strcmp(r->kind, "leg_irons");
        if (cuffs && death)
            continue;
        int max = !strcmp(r->kind, "solitary")          ? CUS03_SOLITARY_MAX_DAYS
                  : !strcmp(r->kind, "restraint_chair") ? lp->h03_restraint_chair_days
                                                        : lp->h03_restraint_max_days;
        zj_date to = interval_last(iv, tl->as_of);
        int days = (int)(to - iv->start) + 1;
        if (days <= max)
            continue;
        bool ongoing = !iv->closed;
        ev_begin(&ev, tl);
        ev_str(&ev, "record_id", r->record_id);
        ev_str(&ev, "kind", r->kind);
        ev_date(&ev, "start_date", r->start_date);
        ev_date(&ev, "end_date", r->end_date);
        ev_date(&ev, "measured_to", to);
        ev_int(&ev, "ongoing", ongoing);
        ev_int(&ev, "days", days);
        ev_int(&ev, "max_days", max);
        ev_str(&ev, "officer_id", r->officer_id);
        ev_interval(&ev, "period", iv);
        ev_end(&ev);
        strbuf_reset(&sm);
        strbuf_addf(&sm, "%s自%s起被使用%s，", tl->name ? tl->name : "", dtxt(iv->start),
                    restraint_cn(r->kind));
        if (ongoing)
            strbuf_addf(&sm, "截至%s已持续", dtxt(tl->as_of));
        else if (r->end_date != ZJ_DATE_NONE)
            strbuf_addf(&sm, "至%s共", dtxt(to));
        else
            strbuf_addf(&sm, "至%s（%s）共", dtxt(to), interval_end_cn(iv->ended_by));
        strbuf_addf(&sm, "%d日，超过%d日的期限%d日。", days, max, days - max);
        rc = emit(sink, tl, r->record_id, r->facility_id, NULL, sm.buf, ev.buf,
                  !strcmp(r->kind, "solitary") ? "H-02 监狱法第58条" : "H-03 看守所条例实施办法");
    }
    strbuf_release(&ev);
    strbuf_release(&sm);
    return rc;
}

/* The assignments overlapping (same facility and cell, in time) one of the changed
 * persons', at most ?1 of them (each one read is a change of the statement), gathered in
 * temp.cus_mates: each person once, with the earliest start among their overlapping
 * assignments (one of them is a juvenile one when that one is). The cellmates are read
 * once, and looked up in persons once per person, in person_id order. */
static const char cus_mates_sql[] =
    "INSERT INTO temp.cus_mates(person_id, start_date)"
    " SELECT o.person_id, o.start_date FROM temp.screen_scope_seed s CROSS JOIN cells c"
    "  CROSS JOIN cells o" /* CROSS JOIN: in this order, from the few changed persons */
    " WHERE c.person_id = s.person_id AND o.facility_id = c.facility_id"
    "  AND o.cell_id = c.cell_id AND o.start_date <= COALESCE(c.end_date, '9999-12-31')"
    "  AND COALESCE(o.end_date, '9999-12-31') >= c.start_date LIMIT ?1"
    " ON CONFLICT(person_id) DO UPDATE SET start_date = min(start_date, excluded.start_date)";
/* When the changed persons share cells with a large part of all assignments (a day of
 * changes for 1 % of the country's persons touches two thirds of them), widening costs
 * more than screening every pair: the scope becomes every person, and temp.screen_scope_all
 * tells sqlmodel_scoped_sql to run the scoped models' SQL unscoped (the same leads, and
 * resolved among every person). */
static const char cus_all_sql[] =
    "INSERT OR IGNORE INTO temp.screen_scope(person_id) SELECT person_id FROM persons;"
    "CREATE TEMP TABLE screen_scope_all(x);";
static const char cus_widen_sql[] =
    "INSERT OR IGNORE INTO temp.screen_scope(person_id)"
    " SELECT m.person_id FROM temp.cus_mates m CROSS JOIN persons q"
    "  WHERE q.person_id = m.person_id AND m.start_date <= zj_add_months(q.birth_date, 12 * 18)"
    " UNION SELECT k.person_id FROM temp.screen_scope_seed s CROSS JOIN judgments j"
    "  CROSS JOIN judgments k WHERE j.person_id = s.person_id AND k.case_no = j.case_no"
    " UNION SELECT l.person_id FROM leads l"
    "  WHERE l.model_id IN ('CUS-01', 'CUS-02') AND l.person_id IS NOT NULL"
    "   AND (json_extract(l.evidence, '$.other_person_id') IN"
    "     (SELECT person_id FROM temp.screen_scope_seed)"
    "    OR json_extract(l.evidence, '$.adult_person_id') IN"
    "     (SELECT person_id FROM temp.screen_scope_seed)"
    "    OR EXISTS (SELECT 1 FROM json_each(l.evidence, '$.adult_assignments') a"
    "     WHERE a.value IN (SELECT x.assignment_id FROM temp.screen_scope_seed s2"
    "      CROSS JOIN cells x WHERE x.person_id = s2.person_id)));";

/* temp.cus_mates (cus_mates_sql) with at most limit assignments read: their number. */
static int cus_mates(sqlite3 *db, sqlite3_int64 limit, sqlite3_int64 *n)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_exec(db, "DELETE FROM temp.cus_mates", NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, cus_mates_sql, -1, &st, NULL) != SQLITE_OK)
        return ZJ_EDB;
    sqlite3_bind_int64(st, 1, limit);
    int step = sqlite3_step(st);
    sqlite3_finalize(st);
    *n = sqlite3_changes64(db);
    return step == SQLITE_DONE ? 0 : ZJ_EDB;
}

/* Widen temp.screen_scope for CUS-01/CUS-02 (above), the first time in this screening:
 * every person when more than a quarter of the cells table's rows overlap the changed
 * persons' assignments (cus_all_sql), else as above. The overlap is read once, up to a
 * bound in proportion to the changed persons, and the size of the cells table counted only
 * as far as it decides (a count of every row is the larger part of a small day's widening).
 * Returns 0 or ZJ_EDB. */
static int cus_widen(sqlite3 *db)
{
    int rc = ZJ_EDB;
    bool done = false;
    if (sqlmodel_scope_seed(db, "CUS-01/CUS-02", &done) != 0)
        return ZJ_EDB;
    if (done)
        return 0;
    sqlite3_int64 seed = 0, n = 0, k = 0;
    bool all;
    if (sqlite3_exec(db,
                     "CREATE TEMP TABLE IF NOT EXISTS cus_mates(person_id TEXT PRIMARY KEY,"
                     " start_date TEXT) WITHOUT ROWID",
                     NULL, NULL, NULL) != SQLITE_OK ||
        store_query_int64(db, "SELECT count(*) FROM temp.screen_scope_seed", &seed))
        goto out;
    sqlite3_int64 bound = 32 * seed + 1024;
    if (cus_mates(db, bound, &n) != 0)
        goto out;
    if (n < bound) {
        /* n is the whole overlap: more than a quarter of the rows when there are fewer
         * than 4 n of them */
        if (store_query_int64_arg(db, "SELECT count(*) FROM (SELECT 1 FROM cells LIMIT ?1)", 4 * n,
                                  &k))
            goto out;
        all = k < 4 * n;
    } else {
        if (store_query_int64(db, "SELECT count(*) FROM cells", &k))
            goto out;
        sqlite3_int64 limit = k / 4 + 1;
        all = bound >= limit;
        if (!all && cus_mates(db, limit, &n) != 0)
            goto out;
        all = all || n >= limit;
    }
    if (sqlite3_exec(db, all ? cus_all_sql : cus_widen_sql, NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_exec(db, "DROP TABLE temp.cus_mates", NULL, NULL, NULL) != SQLITE_OK)
        goto out;
    rc = 0;
out:
    if (rc)
        fprintf(stderr, "zhijian: widening the scope of CUS-01/CUS-02: %s\n", sqlite3_errmsg(db));
    return rc;
}

/* Run m (scoped) or full (a full run). */
static int cus_pairs_run(const model_ctx *c, lead_sink *s, const sqlmodel *m, const sqlmodel *full)
{
    char *probe = sqlmodel_scoped_sql(c->db, m->model_id, "/*scope x*/");
    bool scoped = strcmp(probe, "/*scope x*/") != 0;
    free(probe);
    if (scoped && cus_widen(c->db) != 0)
        return ZJ_EDB;
    return sqlmodel_run_set(c, s, scoped ? m : full);
}

/* ---- CUS-01 of a full run: the juvenile assignments found by one pass over persons and
 * cells, both in person_id order, instead of a seek into persons per assignment. The pass
 * keeps an assignment started on or before add_months(birth_date, 12 * adult_years) (law.md
 * §1, as zj_add_months), or whose person's birth date it cannot read: m2_cus01_full's j
 * applies the condition again. Persons are read in rowid order, person_id order after an
 * import in key order; when they come out of person_id order the pass starts again with
 * persons read by their key. */
static const char cus01_cells_sql[] = "SELECT person_id, start_date, assignment_id FROM cells"
                                      " WHERE start_date <= :as_of ORDER BY person_id";

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

typedef struct idlist {
    char **v;
    size_t n, cap;
} idlist;

static void idlist_clear(idlist *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    l->n = 0;
}

/* The persons cursor of cus01_merge: the current person, and their last day under
 * adult_years when their birth date could be read. */
typedef struct cus01_person {
    sqlite3_stmt *ps; /* (person_id, birth_date) */
    strbuf pid;
    bool have;  /* pid holds a person */
    bool known; /* until holds their last day under adult_years */
    bool ended; /* ps returned SQLITE_DONE (stepped again, it would start over) */
    char until[11];
} cus01_person;

/* Step p to its next person with a person_id. Returns SQLITE_ROW, SQLITE_DONE, -1 when that
 * person does not come after the current one in person_id order, or an SQLite error code. */
static int cus01_next_person(cus01_person *p)
{
    int r = SQLITE_DONE;
    while (!p->ended && (r = sqlite3_step(p->ps)) == SQLITE_ROW) {
        const char *np = (const char *)sqlite3_column_text(p->ps, 0);
        if (!np)
            continue;
        if (p->have && strcmp(np, p->pid.buf) <= 0)
            return -1;
        strbuf_reset(&p->pid);
        strbuf_adds(&p->pid, np);
        const char *birth = (const char *)sqlite3_column_text(p->ps, 1);
        zj_date b;
        p->known = birth && strlen(birth) >= 10 && date_parse(birth, 10, &b) == 0;
        if (p->known)
            date_format(date_add_months(b, 12 * CUS01_ADULT_YEARS), p->until);
        p->have = true;
        return SQLITE_ROW;
    }
    p->ended |= r == SQLITE_DONE;
    return r;
}

/* One merge pass; persons_sql returns (person_id, birth_date). Returns 0, 1 when the persons
 * came out of person_id order, or ZJ_EDB. */
static int cus01_merge(sqlite3 *db, const char *persons_sql, zj_date as_of, idlist *out)
{
    cus01_person p = {.ps = sqlmodel_prepare(db, persons_sql), .pid = STRBUF_INIT};
    sqlite3_stmt *cs = sqlmodel_prepare(db, cus01_cells_sql);
    char why[128];
    int rc = ZJ_EDB, step = SQLITE_DONE;
    if (!p.ps || !cs || sqlmodel_bind(cs, as_of, NULL, why, sizeof why) != 0)
        goto out;
    while ((step = sqlite3_step(cs)) == SQLITE_ROW) {
        const char *cp = (const char *)sqlite3_column_text(cs, 0);
        const char *start = (const char *)sqlite3_column_text(cs, 1);
        const char *aid = (const char *)sqlite3_column_text(cs, 2);
        if (!cp || !start || !aid)
            continue;
        while (!p.have || strcmp(p.pid.buf, cp) < 0) {
            int r = cus01_next_person(&p);
            if (r == SQLITE_DONE)
                break;
            if (r != SQLITE_ROW) {
                rc = r == -1 ? 1 : ZJ_EDB;
                goto out;
            }
        }
        if (!p.have || strcmp(p.pid.buf, cp) != 0 || (p.known && strcmp(start, p.until) > 0))
            continue;
        if (out->n == out->cap) {
            out->cap = out->cap ? 2 * out->cap : 256;
            out->v = xrealloc(out->v, out->cap * sizeof(*out->v));
        }
        out->v[out->n++] = xstrdup(aid);
    }
    if (step != SQLITE_DONE)
        goto out;
    /* the persons after the last cell: a skip above is right only when every person came in
     * order */
    while ((step = cus01_next_person(&p)) == SQLITE_ROW)
        ;
    rc = step == SQLITE_DONE ? 0 : step == -1 ? 1 : ZJ_EDB;
out:
    if (rc == ZJ_EDB)
        fprintf(stderr, "zhijian: CUS-01: %s\n", sqlite3_errmsg(db));
    sqlite3_finalize(p.ps);
    sqlite3_finalize(cs);
    strbuf_release(&p.pid);
    return rc;
}

static int cus01_full_run(const model_ctx *c, lead_sink *s)
{
    static const char *const persons_sql[] = {
        "SELECT person_id, birth_date FROM persons",
        "SELECT person_id, birth_date FROM persons ORDER BY person_id",
    };
    const sqlmodel *m = &m2_cus01_full;
    idlist ids = {0};
    strbuf json = STRBUF_INIT;
    int rc = 1;
    for (size_t i = 0; i < 2 && rc == 1; i++) {
        idlist_clear(&ids);
        rc = cus01_merge(c->db, persons_sql[i], c->as_of, &ids);
    }
    if (rc != 0)
        goto out;
    /* in assignment_id order, the order in which the cells read them before */
    if (ids.n)
        qsort(ids.v, ids.n, sizeof(*ids.v), cmp_str);
    strbuf_addch(&json, '[');
    for (size_t i = 0; i < ids.n; i++) {
        if (i)
            strbuf_addch(&json, ',');
        strbuf_add_json_str(&json, ids.v[i]);
    }
    strbuf_addch(&json, ']');
    rc = sqlmodel_run_set_list(c, s, m, ":juvenile", &json);
out:
    idlist_clear(&ids);
    free(ids.v);
    strbuf_release(&json);
    return rc < 0 ? rc : 0;
}

static int cus01_run(const model_ctx *c, lead_sink *s)
{
    if (!sqlmodel_run_is_scoped(c->db, "CUS-01"))
        return cus01_full_run(c, s);
    return cus_pairs_run(c, s, &m2_cus01, &m2_cus01);
}
static int cus02_run(const model_ctx *c, lead_sink *s)
{
    return cus_pairs_run(c, s, &m2_cus02, &m2_cus02_full);
}
static int cus04_run(const model_ctx *c, lead_sink *s)
{
    return sqlmodel_run_set(c, s, &m2_cus04);
}

const model_def models_conditions[] = {
    {"CUS-01", "未成年人与成年人混押", "conditions", "high", "H-01 监狱法第39条; 看守所条例第14条",
     "assignment_id", CUS01_PARAMS, NULL, cus01_run, 0, MODEL_SCOPED | MODEL_WIDENS},
    {"CUS-02", "同案犯同监室", "conditions", "medium", "H-01 看守所条例第14条", "assignment_id",
     "{}", NULL, cus02_run, 0, MODEL_SCOPED | MODEL_WIDENS},
    {"CUS-03", "禁闭、戒具超期", "conditions", "high", "H-02 监狱法第58条; H-03 看守所条例实施办法",
     "record_id",
     "{\"solitary_max_days\":15,\"H-03.restraint_max_days\":15,"
     "\"H-03.restraint_chair_days\":1}",
     cus03, NULL, TL_BASE | TL_BIT(TL_RESTRAINTS) | TL_BIT(TL_DEATHS), 0},
    {"CUS-04", "被监管人死亡报告不及时", "conditions", "high", "H-04 看守所条例第27条", "person_id",
     "{\"H-04.death_report_days\":1}", NULL, cus04_run, 0, MODEL_SCOPED},
    {0},
};
