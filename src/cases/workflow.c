/*
 * workflow.c — leads, persons, cases and measures under an account's scope (see
 * workflow.h). Every statement that returns persons, leads, cases or measures binds the
 * scope to ?1/?2 (scope.h).
 */
#include "cases/workflow.h"
#include "cases/sealed.h"
#include "cases/audit.h"
#include "cases/documents.h"
#include "cases/notice_text.h"
#include "cases/procuratorates.h"
#include "store/stmt.h"
#include "law/law.h"
#include "store/leads.h"
#include "store/store.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ACTIVE LEAD_OPEN_STATUSES

/* Every column of the current row as a member named after the column. */
static json_t *row_object(sqlite3_stmt *st)
{
    json_t *o = json_object();
    int n = sqlite3_column_count(st);
    for (int i = 0; i < n; i++) {
        const char *name = sqlite3_column_name(st, i);
        json_t *v;
        switch (sqlite3_column_type(st, i)) {
        case SQLITE_INTEGER:
            v = json_integer(sqlite3_column_int64(st, i));
            break;
        case SQLITE_FLOAT:
            v = json_real(sqlite3_column_double(st, i));
            break;
        case SQLITE_NULL:
            v = json_null();
            break;
        default:
            v = json_string(store_col(st, i));
            if (!v) /* not valid UTF-8 */
                v = json_string("");
        }
        json_object_set_new(o, name, v);
    }
    return o;
}

/* All remaining rows of st as an array; resets st. */
static json_t *rows_array(sqlite3_stmt *st)
{
    json_t *a = json_array();
    while (sqlite3_step(st) == SQLITE_ROW)
        json_array_append_new(a, row_object(st));
    store_stmt_done(st);
    return a;
}

void workflow_mask_id(const char *id, char *out, size_t n)
{
    size_t len = id ? strlen(id) : 0;
    if (len < 10) {
        snprintf(out, n, "%s", len ? "********" : "");
        return;
    }
    snprintf(out, n, "%.6s%.*s%s", id, (int)(len - 10), "********************", id + len - 4);
}

static void mask_member(json_t *o, const char *key, bool mask)
{
    json_t *v = json_object_get(o, key);
    if (!mask || !json_is_string(v))
        return;
    char buf[40];
    workflow_mask_id(json_string_value(v), buf, sizeof buf);
    json_object_set_new(o, key, json_string(buf));
}

/* ---- leads ---- */

#define LEAD_FILTERS                                                                       \
    " AND (?3 IS NULL OR l.model_id = ?3) AND (?4 IS NULL OR l.family = ?4)"               \
    " AND (?5 IS NULL OR l.facility_id = ?5) AND (?6 IS NULL OR l.region_code LIKE ?6 || '%')" \
    " AND (?7 IS NULL OR l.status = ?7 OR (?7 = 'active' AND l.status IN " ACTIVE "))"     \
    " AND (?8 IS NULL OR l.severity = ?8) AND (?9 IS NULL OR l.first_seen >= ?9)"           \
    " AND (?10 IS NULL OR l.first_seen <= ?10)"
#define LEAD_WHERE " WHERE " SCOPE_SQL("l.facility_id", "l.region_code") LEAD_FILTERS

static void bind_filter(sqlite3_stmt *st, const zj_scope *sc, const lead_filter *f)
{
    scope_bind(st, sc);
    store_bind_text_or_null(st, 3, f->model);
    store_bind_text_or_null(st, 4, f->family);
    store_bind_text_or_null(st, 5, f->facility);
    store_bind_text_or_null(st, 6, f->region);
    store_bind_text_or_null(st, 7, f->status);
    store_bind_text_or_null(st, 8, f->severity);
    store_bind_text_or_null(st, 9, f->from);
    store_bind_text_or_null(st, 10, f->to);
}

/* The list is the hot path (bench/web.sh). The page walks the table backwards by lead_id
 * and stops at the page's end (unary + keeps SQLite from choosing an index and then
 * sorting every match: 40k leads scan in ~1 ms, a sort of a province's matches costs 7);
 * the count uses the covering indexes leads_list_* (schema_web.sql) with the scope in
 * the form its index can seek, and stops at LEADS_COUNT_CAP. */
#define PAGE_IDS(SCOPE)                                                                    \
    "SELECT l.lead_id FROM leads l WHERE " SCOPE LEAD_FILTERS                              \
    " ORDER BY l.lead_id DESC LIMIT ?11 OFFSET ?12"
#define PAGE_SQL(SCOPE)                                                                    \
    "SELECT l.lead_id, l.model_id, l.subject, l.person_id, p.name AS person_name,"         \
    " l.facility_id, fa.name AS facility_name, l.region_code, l.family, l.severity,"       \
    " l.status, l.first_seen, l.last_seen, l.summary, l.basis, l.assignee"                 \
    " FROM leads l LEFT JOIN persons p ON p.person_id = l.person_id"                       \
    " LEFT JOIN facilities fa ON fa.facility_id = l.facility_id"                           \
    " WHERE l.lead_id IN (" PAGE_IDS(SCOPE) ") ORDER BY l.lead_id DESC"
#define COUNT_SQL(SCOPE)                                                                   \
    "SELECT count(*) FROM (SELECT 1 FROM leads l WHERE " SCOPE LEAD_FILTERS                \
    " LIMIT " LEADS_COUNT_CAP_S ")"
#define LEADS_COUNT_CAP 5000
#define LEADS_COUNT_CAP_S "5000"

/* Totals of recent lists, per thread, valid while the database is unchanged: by another
 * connection (PRAGMA data_version) or by this one (sqlite3_total_changes64). Paging
 * through a list then counts its matches once. */
#define COUNT_CACHE 32
static _Thread_local struct count_entry {
    sqlite3 *db;
    sqlite3_int64 version, changes;
    long total;
    char key[600];
} count_cache[COUNT_CACHE];
static _Thread_local unsigned count_next;

static sqlite3_int64 data_version(sqlite3 *db)
{
    sqlite3_stmt *st = store_stmt(db, "PRAGMA data_version");
    sqlite3_int64 v = st && sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    store_stmt_done(st);
    return v;
}

static void count_key(const zj_scope *sc, const lead_filter *f, char *key, size_t n)
{
#define F_(x) ((x) ? (x) : "")
    snprintf(key, n, "%d\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s", (int)sc->kind,
             sc->value, F_(f->model), F_(f->family), F_(f->facility), F_(f->region),
             F_(f->status), F_(f->severity), F_(f->from), F_(f->to));
#undef F_
}

/* s as a JSON string literal, copying runs of plain bytes at once. */
static void json_str(strbuf *sb, const char *s)
{
    strbuf_addch(sb, '"');
    const char *run = s;
    for (const char *p = s;; p++) {
        unsigned char c = (unsigned char)*p;
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        strbuf_add(sb, run, (size_t)(p - run));
        if (!c)
            break;
        if (c == '"' || c == '\\') {
            strbuf_addch(sb, '\\');
            strbuf_addch(sb, (char)c);
        } else if (c == '\n') {
            strbuf_adds(sb, "\\n");
        } else {
            strbuf_addf(sb, "\\u%04x", c);
        }
        run = p + 1;
    }
    strbuf_addch(sb, '"');
}

/* Write the current row of st as a JSON object (column names as keys). Faster than
 * building jansson objects: the list is the hot path. */
static void row_write(sqlite3_stmt *st, strbuf *sb)
{
    int n = sqlite3_column_count(st);
    strbuf_addch(sb, '{');
    for (int i = 0; i < n; i++) {
        if (i)
            strbuf_addch(sb, ',');
        json_str(sb, sqlite3_column_name(st, i));
        strbuf_addch(sb, ':');
        switch (sqlite3_column_type(st, i)) {
        case SQLITE_INTEGER:
            strbuf_addf(sb, "%lld", (long long)sqlite3_column_int64(st, i));
            break;
        case SQLITE_FLOAT:
            strbuf_addf(sb, "%.17g", sqlite3_column_double(st, i));
            break;
        case SQLITE_NULL:
            strbuf_adds(sb, "null");
            break;
        default:
            json_str(sb, store_col(st, i));
        }
    }
    strbuf_addch(sb, '}');
}

int leads_page_write(sqlite3 *db, const zj_scope *sc, const lead_filter *f, strbuf *out)
{
    int per = f->per < 1 ? 50 : f->per > 200 ? 200 : f->per;
    int page = f->page < 1 ? 1 : f->page;
    sqlite3_stmt *st = store_stmt(db, SCOPE_PICK(sc, PAGE_SQL(SCOPE_COUNTRY_SQL),
                                                 PAGE_SQL(SCOPE_REGION_SQL("+l.region_code")),
                                                 PAGE_SQL(SCOPE_FACILITY_SQL("+l.facility_id"))));
    sqlite3_stmt *cnt = store_stmt(db, SCOPE_PICK(sc, COUNT_SQL(SCOPE_COUNTRY_SQL),
                                                  COUNT_SQL(SCOPE_REGION_SQL("l.region_code")),
                                                  COUNT_SQL(SCOPE_FACILITY_SQL("l.facility_id"))));
    if (!st || !cnt) {
        store_stmt_done(st);
        return ZJ_EDB;
    }
    bind_filter(st, sc, f);
    sqlite3_bind_int(st, 11, per + 1);
    sqlite3_bind_int64(st, 12, (sqlite3_int64)(page - 1) * per);
    strbuf_grow(out, 32768);
    strbuf_adds(out, "{\"items\":[");
    int rows = 0, r;
    bool more = false;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        if (rows == per) {
            more = true;
            break;
        }
        if (rows++)
            strbuf_addch(out, ',');
        row_write(st, out);
    }
    store_stmt_done(st);
    if (r != SQLITE_ROW && r != SQLITE_DONE) {
        store_stmt_done(cnt);
        return ZJ_EDB;
    }
    char key[600];
    count_key(sc, f, key, sizeof key);
    sqlite3_int64 version = data_version(db), changes = sqlite3_total_changes64(db);
    long total = -1;
    for (int i = 0; i < COUNT_CACHE; i++) {
        struct count_entry *e = &count_cache[i];
        if (e->db == db && e->version == version && e->changes == changes && version >= 0 &&
            !strcmp(e->key, key)) {
            total = e->total;
            break;
        }
    }
    if (total < 0) {
        bind_filter(cnt, sc, f);
        total = sqlite3_step(cnt) == SQLITE_ROW ? (long)sqlite3_column_int64(cnt, 0) : 0;
        struct count_entry *e = &count_cache[count_next++ % COUNT_CACHE];
        e->db = db;
        e->version = version;
        e->changes = changes;
        e->total = total;
        snprintf(e->key, sizeof e->key, "%s", key);
    }
    store_stmt_done(cnt);
    strbuf_addf(out, "],\"page\":%d,\"per\":%d,\"total\":%ld,\"capped\":%s,\"more\":%s}", page,
                per, total, total >= LEADS_COUNT_CAP ? "true" : "false", more ? "true" : "false");
    return 0;
}

json_t *leads_page(sqlite3 *db, const zj_scope *sc, const lead_filter *f)
{
    strbuf sb = STRBUF_INIT;
    json_t *j = NULL;
    if (leads_page_write(db, sc, f, &sb) == 0)
        j = json_loadb(sb.buf, sb.len, 0, NULL);
    strbuf_release(&sb);
    return j;
}

long leads_export_each(sqlite3 *db, const zj_scope *sc, const lead_filter *f,
                       void (*row)(void *ctx, const char *const cells[11]), void *ctx)
{
    sqlite3_stmt *st = store_stmt(db,
        "SELECT l.model_id, l.subject, l.person_id, l.facility_id, l.region_code, l.severity,"
        " l.status, l.first_seen, l.summary, l.basis, l.evidence FROM leads l" LEAD_WHERE
        " ORDER BY l.lead_id");
    if (!st)
        return -1;
    bind_filter(st, sc, f);
    long n = 0;
    zj_date on = f->sealed_on ? f->sealed_on : sealed_today();
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *cells[11];
        char *masked[11] = {0};
        for (int i = 0; i < 11; i++)
            cells[i] = store_col(st, i);
        if (sealed_mask_lead_row(db, on, cells, 11, masked)) {
            row(ctx, (const char *const *)masked);
            sealed_row_free(masked, 11);
        } else {
            row(ctx, cells);
        }
        n++;
    }
    store_stmt_done(st);
    return n;
}

static void csv_row(void *ctx, const char *const cells[LEADS_CSV_COLUMNS])
{
    leads_csv_row(ctx, cells);
}

long leads_export_csv(sqlite3 *db, const zj_scope *sc, const lead_filter *f, strbuf *out)
{
    strbuf_adds(out, LEADS_CSV_HEADER);
    return leads_export_each(db, sc, f, csv_row, out);
}

/* Parse a JSON text member into a value (string kept when it is not JSON). */
static void parse_member(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    if (!json_is_string(v))
        return;
    json_t *p = json_loads(json_string_value(v), JSON_DECODE_ANY, NULL);
    if (p)
        json_object_set_new(o, key, p);
}

/* The row of a scoped statement whose ?3 is the id (NULL when none is in scope). */
static json_t *scoped_row(sqlite3 *db, const char *sql, const zj_scope *sc, long id)
{
    sqlite3_stmt *st = store_stmt(db, sql);
    if (!st)
        return NULL;
    scope_bind(st, sc);
    sqlite3_bind_int64(st, 3, id);
    json_t *o = NULL;
    if (sqlite3_step(st) == SQLITE_ROW)
        o = row_object(st);
    store_stmt_done(st);
    return o;
}

/* The rows of a statement whose ?1 is the id, as member key of o. */
static void id_rows_member(sqlite3 *db, json_t *o, const char *key, const char *sql, long id)
{
    sqlite3_stmt *st = store_stmt(db, sql);
    if (st) {
        sqlite3_bind_int64(st, 1, id);
        json_object_set_new(o, key, rows_array(st));
    }
}

json_t *lead_get(sqlite3 *db, const zj_scope *sc, long id, bool mask)
{
    json_t *o = scoped_row(db,
        "SELECT l.lead_id, l.model_id, l.subject, l.person_id, l.facility_id,"
        " fa.name AS facility_name, l.region_code, l.family, l.severity, l.status,"
        " l.first_seen, l.last_seen, l.resolved_date, l.summary, l.evidence, l.basis, l.source,"
        " l.assignee, l.dismiss_reason, l.verify_note,"
        " p.name AS person_name, p.id_number, p.gender, p.birth_date,"
        " (SELECT case_id FROM cases c WHERE c.lead_id = l.lead_id ORDER BY case_id LIMIT 1)"
        " AS case_id FROM leads l LEFT JOIN persons p ON p.person_id = l.person_id"
        " LEFT JOIN facilities fa ON fa.facility_id = l.facility_id"
        " WHERE l.lead_id = ?3 AND " SCOPE_SQL("l.facility_id", "l.region_code"), sc, id);
    if (!o)
        return NULL;
    parse_member(o, "evidence");
    mask_member(o, "id_number", mask);
    id_rows_member(db, o, "history", "SELECT at, actor, from_status, to_status, note FROM lead_history"
                                     " WHERE lead_id = ? ORDER BY id", id);
    return o;
}

static int step_done(sqlite3_stmt *st)
{
    int r = sqlite3_step(st);
    store_stmt_done(st);
    return r == SQLITE_DONE ? 0 : ZJ_EDB;
}

/* Append a history row: ?1 the lead or case id, ?2 now, then the texts from ?3 on (the
 * last one, the note, NULL when empty). */
static int history_insert(sqlite3 *db, const char *sql, long id, const char *const *texts, int n)
{
    char now[21];
    sqlite3_stmt *st = store_stmt(db, sql);
    if (!st)
        return ZJ_EDB;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_text(st, 2, store_now(now), -1, SQLITE_TRANSIENT);
    for (int i = 0; i < n - 1; i++)
        sqlite3_bind_text(st, 3 + i, texts[i], -1, SQLITE_TRANSIENT);
    store_bind_text_or_null(st, 2 + n, texts[n - 1]);
    return step_done(st);
}

static int history_add(sqlite3 *db, long lead_id, const char *actor, const char *from,
                       const char *to, const char *note)
{
    const char *v[] = {actor, from, to, note};
    return history_insert(db, "INSERT INTO lead_history(lead_id, at, actor, from_status,"
                              " to_status, note) VALUES (?,?,?,?,?,?)", lead_id, v, 4);
}

static int case_history_add(sqlite3 *db, long case_id, const char *actor, const char *action,
                            const char *note)
{
    const char *v[] = {actor, action, note};
    return history_insert(db, "INSERT INTO case_history(case_id, at, actor, action, note)"
                              " VALUES (?,?,?,?,?)", case_id, v, 3);
}

int lead_change(sqlite3 *db, const zj_scope *sc, long id, const char *actor,
                const char *action, const char *arg, long *case_id)
{
    const char *to;
    if (!strcmp(action, "assign"))
        to = "assigned";
    else if (!strcmp(action, "verify"))
        to = "verifying";
    else if (!strcmp(action, "dismiss"))
        to = "dismissed";
    else if (!strcmp(action, "case"))
        to = "case";
    else
        return ZJ_EINVAL;
    if (!strcmp(action, "dismiss") && (!arg || !*arg))
        return ZJ_EINVAL; /* a dismissal needs its reason */
    if (store_begin(db) != 0)
        return ZJ_EDB;
    int rc = ZJ_EDB;
    char from[16] = "", title[512] = "";
    sqlite3_stmt *st = store_stmt(db,
        "SELECT l.status, l.summary, l.person_id, l.facility_id, l.region_code, l.family,"
        " l.model_id FROM leads l WHERE l.lead_id = ?3 AND "
        SCOPE_SQL("l.facility_id", "l.region_code"));
    if (!st)
        goto out;
    scope_bind(st, sc);
    sqlite3_bind_int64(st, 3, id);
    if (sqlite3_step(st) != SQLITE_ROW) {
        store_stmt_done(st);
        rc = ZJ_ENOTFOUND;
        goto out;
    }
    snprintf(from, sizeof from, "%s", store_col(st, 0));
    if (arg && *arg && !strcmp(action, "case"))
        snprintf(title, sizeof title, "%s", arg);
    else
        snprintf(title, sizeof title, "%s：%s", store_col(st, 6), store_col(st, 1));
    char *person = xstrdup(store_col(st, 2)), *fac = xstrdup(store_col(st, 3)),
         *reg = xstrdup(store_col(st, 4)), *fam = xstrdup(store_col(st, 5));
    store_stmt_done(st);
    if (!lead_status_open(from)) {
        rc = ZJ_ECONFLICT;
        goto free_out;
    }
    sqlite3_stmt *up = store_stmt(db,
        "UPDATE leads SET status = ?2,"
        " assignee = CASE WHEN ?1 = 'assign' THEN ?3 ELSE coalesce(assignee, ?4) END,"
        " verify_note = CASE WHEN ?1 = 'verify' THEN ?3 ELSE verify_note END,"
        " dismiss_reason = CASE WHEN ?1 = 'dismiss' THEN ?3 ELSE dismiss_reason END"
        " WHERE lead_id = ?5");
    if (!up)
        goto free_out;
    sqlite3_bind_text(up, 1, action, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(up, 2, to, -1, SQLITE_STATIC);
    if (!strcmp(action, "assign"))
        sqlite3_bind_text(up, 3, arg && *arg ? arg : actor, -1, SQLITE_TRANSIENT);
    else
        store_bind_text_or_null(up, 3, arg);
    sqlite3_bind_text(up, 4, actor, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(up, 5, id);
    if ((rc = step_done(up)) != 0)
        goto free_out;
    const char *note = arg;
    char assign_note[160];
    if (!strcmp(action, "assign")) {
        snprintf(assign_note, sizeof assign_note, "承办人：%s", arg && *arg ? arg : actor);
        note = assign_note;
    }
    if ((rc = history_add(db, id, actor, from, to, note)) != 0)
        goto free_out;
    if (!strcmp(action, "case")) {
        char now[21];
        sqlite3_stmt *ins = store_stmt(db,
            "INSERT INTO cases(lead_id, title, person_id, facility_id, region_code, family,"
            " opened_at, opened_by) VALUES (?,?,?,?,?,?,?,?)");
        if (!ins) {
            rc = ZJ_EDB;
            goto free_out;
        }
        sqlite3_bind_int64(ins, 1, id);
        sqlite3_bind_text(ins, 2, title, -1, SQLITE_TRANSIENT);
        store_bind_text_or_null(ins, 3, person);
        store_bind_text_or_null(ins, 4, fac);
        store_bind_text_or_null(ins, 5, reg);
        store_bind_text_or_null(ins, 6, fam);
        sqlite3_bind_text(ins, 7, store_now(now), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ins, 8, actor, -1, SQLITE_TRANSIENT);
        if ((rc = step_done(ins)) != 0)
            goto free_out;
        long cid = (long)sqlite3_last_insert_rowid(db);
        if (case_id)
            *case_id = cid;
        char buf[64];
        snprintf(buf, sizeof buf, "由线索 %ld 成案", id);
        if ((rc = case_history_add(db, cid, actor, "open", buf)) != 0)
            goto free_out;
    }
    char obj[32], detail[600];
    snprintf(obj, sizeof obj, "lead:%ld", id);
    snprintf(detail, sizeof detail, "%s %s->%s%s%.400s", action, from, to, arg ? " " : "",
             arg ? arg : "");
    rc = audit_append(db, actor, "change", obj, detail);
free_out:
    free(person);
    free(fac);
    free(reg);
    free(fam);
out:
    if (rc == 0 && store_commit(db) != 0)
        rc = ZJ_EDB;
    if (rc != 0)
        store_rollback(db);
    return rc;
}

/* ---- persons ---- */

static json_t *person_rows(sqlite3 *db, const char *sql, const char *pid)
{
    sqlite3_stmt *st = store_stmt(db, sql);
    if (!st)
        return json_array();
    sqlite3_bind_text(st, 1, pid, -1, SQLITE_TRANSIENT);
    return rows_array(st);
}

/* law.md §16 T-10: each commutation and parole gets the SPC provisions in force on its
 * decision date (its proposal date when undecided): `rule_set` ("SPC-2012") and
 * `rule_set_name` ("2012年减刑假释规定"; none before 1997-11-08). */
static void add_rule_sets(json_t *changes)
{
    size_t i;
    json_t *c;
    json_array_foreach(changes, i, c) {
        const char *kind = json_string_value(json_object_get(c, "kind"));
        if (!kind || (strcmp(kind, "commutation") && strcmp(kind, "parole")))
            continue;
        const char *d = json_string_value(json_object_get(c, "decision_date"));
        if (!d)
            d = json_string_value(json_object_get(c, "proposal_date"));
        zj_date day;
        if (!d || date_parse(d, strlen(d), &day) != 0)
            continue;
        enum law_rule_set rs = law_rule_set_at(day);
        json_object_set_new(c, "rule_set", json_string(law_rule_set_id(rs)));
        json_object_set_new(c, "rule_set_name", json_string(law_rule_set_applied(rs)));
    }
}

json_t *person_get(sqlite3 *db, const zj_scope *sc, const char *pid, bool mask)
{
    sqlite3_stmt *st = store_stmt(db, "SELECT person_id, id_number, name, gender, birth_date"
                                      " FROM persons p WHERE p.person_id = ?3 AND "
                                      SCOPE_PERSON_SQL("p.person_id"));
    if (!st)
        return NULL;
    scope_bind(st, sc);
    sqlite3_bind_text(st, 3, pid, -1, SQLITE_TRANSIENT);
    json_t *o = NULL;
    if (sqlite3_step(st) == SQLITE_ROW)
        o = row_object(st);
    store_stmt_done(st);
    if (!o)
        return NULL;
    mask_member(o, "id_number", mask);
    json_object_set_new(o, "judgments", person_rows(db,
        "SELECT j.judgment_id, j.case_no, j.court_id, f.name AS court_name, j.charges,"
        " j.offense_date, j.judgment_date, j.effective_date, j.penalty, j.term_months,"
        " j.term_days, j.probation_months, j.dpr_months FROM judgments j"
        " LEFT JOIN facilities f ON f.facility_id = j.court_id WHERE j.person_id = ?1"
        " ORDER BY j.effective_date", pid));
    json_object_set_new(o, "custody", person_rows(db,
        "SELECT c.event_id, c.facility_id, f.name AS facility_name, c.event_type, c.event_date,"
        " c.note FROM custody c LEFT JOIN facilities f ON f.facility_id = c.facility_id"
        " WHERE c.person_id = ?1 ORDER BY c.event_date", pid));
    json_object_set_new(o, "changes", person_rows(db,
        "SELECT s.change_id, s.kind, s.proposal_date, s.decision_date, s.effective_date,"
        " s.grounds, s.reduction_months, s.reduction_days, s.new_penalty, s.decider_id,"
        " f.name AS decider_name FROM sentence_changes s LEFT JOIN facilities f"
        " ON f.facility_id = s.decider_id WHERE s.person_id = ?1 ORDER BY s.decision_date", pid));
    add_rule_sets(json_object_get(o, "changes"));
    json_object_set_new(o, "corrections", person_rows(db,
        "SELECT cc_id, agency_id, basis, order_date, report_date, start_date, end_date, status"
        " FROM corrections WHERE person_id = ?1 ORDER BY order_date", pid));
    json_object_set_new(o, "incidents", person_rows(db,
        "SELECT i.incident_id, i.incident_date, i.kind, i.injury, i.item, i.source, i.cell_id,"
        " i.case_filed_date, i.transferred_date, i.facility_id, f.name AS facility_name, x.role"
        " FROM incident_persons x JOIN incidents i ON i.incident_id = x.incident_id"
        " LEFT JOIN facilities f ON f.facility_id = i.facility_id WHERE x.person_id = ?1"
        " ORDER BY i.incident_date, i.incident_id", pid));
    json_object_set_new(o, "labour", person_rows(db,
        "SELECT record_id, facility_id, month, hours, rest_days FROM labour"
        " WHERE person_id = ?1 ORDER BY month, record_id", pid));
    json_object_set_new(o, "release_prep", person_rows(db,
        "SELECT record_id, facility_id, kind, event_date, receiver_region FROM release_prep"
        " WHERE person_id = ?1 ORDER BY event_date, record_id", pid));
    st = store_stmt(db, "SELECT l.lead_id, l.model_id, l.subject, l.severity, l.status,"
                        " l.first_seen, l.summary FROM leads l WHERE l.person_id = ?3 AND "
                        SCOPE_SQL("l.facility_id", "l.region_code") " ORDER BY l.first_seen");
    if (st) {
        scope_bind(st, sc);
        sqlite3_bind_text(st, 3, pid, -1, SQLITE_TRANSIENT);
        json_object_set_new(o, "leads", rows_array(st));
    }
    return o;
}

/* ---- overview and lists ---- */

static json_t *scoped_rows(sqlite3 *db, const char *sql, const zj_scope *sc, const char *p3)
{
    sqlite3_stmt *st = store_stmt(db, sql);
    if (!st)
        return json_array();
    scope_bind(st, sc);
    if (p3)
        sqlite3_bind_text(st, 3, p3, -1, SQLITE_TRANSIENT);
    return rows_array(st);
}

json_t *workflow_overview(sqlite3 *db, const zj_scope *sc, zj_date today)
{
    char from[11], td[11];
    date_format(today, td);
    /* first day of the month 11 months back: 12 months with the current one */
    int y, m, d;
    date_to_ymd(date_add_months(today, -11), &y, &m, &d);
    date_format(date_from_ymd(y, m, 1), from);
    json_t *o = json_object();
    json_object_set_new(o, "as_of", json_string(td));
    json_object_set_new(o, "by_family", scoped_rows(db,
        "SELECT coalesce(l.family, '') AS family, count(*) AS n FROM leads l WHERE l.status IN "
        ACTIVE " AND " SCOPE_SQL("l.facility_id", "l.region_code")
        " GROUP BY l.family ORDER BY n DESC", sc, NULL));
    json_object_set_new(o, "by_severity", scoped_rows(db,
        "SELECT l.severity, count(*) AS n FROM leads l WHERE l.status IN " ACTIVE " AND "
        SCOPE_SQL("l.facility_id", "l.region_code") " GROUP BY l.severity", sc, NULL));
    json_object_set_new(o, "by_facility", scoped_rows(db,
        "SELECT l.facility_id, f.name AS facility_name, count(*) AS n,"
        " sum(l.severity = 'high') AS high FROM leads l"
        " LEFT JOIN facilities f ON f.facility_id = l.facility_id WHERE l.status IN " ACTIVE
        " AND " SCOPE_SQL("l.facility_id", "l.region_code")
        " GROUP BY l.facility_id ORDER BY n DESC LIMIT 15", sc, NULL));
    json_object_set_new(o, "trend", scoped_rows(db,
        "SELECT substr(l.first_seen, 1, 7) AS month, count(*) AS raised,"
        " sum(l.status = 'case') AS cases FROM leads l WHERE l.first_seen >= ?3 AND "
        SCOPE_SQL("l.facility_id", "l.region_code") " GROUP BY month ORDER BY month", sc, from));
    json_t *tot = scoped_rows(db,
        "SELECT (SELECT count(*) FROM leads l WHERE l.status IN " ACTIVE " AND "
        SCOPE_SQL("l.facility_id", "l.region_code") ") AS open_leads,"
        " (SELECT count(*) FROM cases l WHERE l.status = 'open' AND "
        SCOPE_SQL("l.facility_id", "l.region_code") ") AS open_cases,"
        " (SELECT count(*) FROM measures m JOIN cases l ON l.case_id = m.case_id"
        " WHERE m.sent_date IS NOT NULL AND m.reply_date IS NULL AND "
        SCOPE_SQL("l.facility_id", "l.region_code") ") AS awaiting_reply", sc, NULL);
    json_object_set_new(o, "totals", json_incref(json_array_get(tot, 0)));
    json_decref(tot);
    json_object_set_new(o, "deadlines", measures_due(db, sc, today, false));
    return o;
}

json_t *facilities_list(sqlite3 *db, const zj_scope *sc)
{
    return scoped_rows(db, "SELECT f.facility_id, f.name, f.kind, f.region_code FROM facilities f"
                           " WHERE f.kind NOT IN ('hospital', 'procuratorate')"
                           " AND " SCOPE_SQL("f.facility_id", "f.region_code")
                           " ORDER BY f.region_code, f.facility_id", sc, NULL);
}

json_t *lead_models(sqlite3 *db, const zj_scope *sc)
{
    return scoped_rows(db, "SELECT l.model_id, coalesce(l.family, '') AS family, count(*) AS n"
                           " FROM leads l WHERE " SCOPE_SQL("l.facility_id", "l.region_code")
                           " GROUP BY l.model_id ORDER BY l.model_id", sc, NULL);
}

/* ---- cases ---- */

json_t *cases_list(sqlite3 *db, const zj_scope *sc, const char *status, int page, int per)
{
    per = per < 1 ? 50 : per > 200 ? 200 : per;
    page = page < 1 ? 1 : page;
    sqlite3_stmt *st = store_stmt(db,
        "SELECT l.case_id, l.lead_id, l.title, l.person_id, p.name AS person_name, l.facility_id,"
        " f.name AS facility_name, l.family, l.status, l.opened_at, l.opened_by, l.closed_at,"
        " (SELECT count(*) FROM measures m WHERE m.case_id = l.case_id) AS measures,"
        " (SELECT count(*) FROM measures m WHERE m.case_id = l.case_id AND m.sent_date IS NOT NULL"
        " AND m.reply_date IS NULL) AS awaiting_reply"
        " FROM cases l LEFT JOIN persons p ON p.person_id = l.person_id"
        " LEFT JOIN facilities f ON f.facility_id = l.facility_id"
        " WHERE " SCOPE_SQL("l.facility_id", "l.region_code") " AND (?3 IS NULL OR l.status = ?3)"
        " ORDER BY l.case_id DESC LIMIT ?4 OFFSET ?5");
    if (!st)
        return NULL;
    scope_bind(st, sc);
    store_bind_text_or_null(st, 3, status);
    sqlite3_bind_int(st, 4, per + 1);
    sqlite3_bind_int64(st, 5, (sqlite3_int64)(page - 1) * per);
    json_t *items = rows_array(st);
    bool more = json_array_size(items) > (size_t)per;
    if (more)
        json_array_remove(items, (size_t)per);
    return json_pack("{s:o, s:i, s:i, s:b}", "items", items, "page", page, "per", per, "more",
                     more);
}

json_t *case_get(sqlite3 *db, const zj_scope *sc, long id, bool mask)
{
    json_t *o = scoped_row(db,
        "SELECT l.case_id, l.lead_id, l.title, l.person_id, p.name AS person_name,"
        " p.id_number, l.facility_id, f.name AS facility_name, l.region_code, l.family,"
        " l.status, l.opened_at, l.opened_by, l.closed_at, l.note,"
        " d.model_id, d.summary, d.basis, d.evidence, d.severity, d.last_seen, d.source"
        " FROM cases l LEFT JOIN persons p ON p.person_id = l.person_id"
        " LEFT JOIN facilities f ON f.facility_id = l.facility_id"
        " LEFT JOIN leads d ON d.lead_id = l.lead_id"
        " WHERE l.case_id = ?3 AND " SCOPE_SQL("l.facility_id", "l.region_code"), sc, id);
    if (!o)
        return NULL;
    parse_member(o, "evidence");
    mask_member(o, "id_number", mask);
    id_rows_member(db, o, "history", "SELECT at, actor, action, note FROM case_history WHERE case_id = ?"
                                     " ORDER BY id", id);
    id_rows_member(db, o, "measures",
                   "SELECT m.measure_id, m.kind, m.recipient_id, f.name AS recipient_name,"
                   " m.received_date, m.due_date, m.sent_date, m.reply_deadline,"
                   " m.reply_date, m.reply, m.corrected, m.created_at, m.created_by"
                   " FROM measures m LEFT JOIN facilities f ON f.facility_id = m.recipient_id"
                   " WHERE m.case_id = ? ORDER BY m.measure_id", id);
    return o;
}

int case_close(sqlite3 *db, const zj_scope *sc, long id, const char *actor, const char *note)
{
    if (store_begin(db) != 0)
        return ZJ_EDB;
    int rc = ZJ_EDB;
    char now[21];
    sqlite3_stmt *st = store_stmt(db, "UPDATE cases AS l SET status = 'closed', closed_at = ?4,"
                                      " note = coalesce(?5, note) WHERE l.case_id = ?3"
                                      " AND l.status = 'open' AND "
                                      SCOPE_SQL("l.facility_id", "l.region_code"));
    if (!st)
        goto out;
    scope_bind(st, sc);
    sqlite3_bind_int64(st, 3, id);
    sqlite3_bind_text(st, 4, store_now(now), -1, SQLITE_TRANSIENT);
    store_bind_text_or_null(st, 5, note);
    if ((rc = step_done(st)) != 0)
        goto out;
    if (sqlite3_changes(db) == 0) {
        rc = ZJ_ENOTFOUND;
        goto out;
    }
    if ((rc = case_history_add(db, id, actor, "close", note)) != 0)
        goto out;
    char obj[32];
    snprintf(obj, sizeof obj, "case:%ld", id);
    rc = audit_append(db, actor, "change", obj, "close");
out:
    if (rc == 0 && store_commit(db) != 0)
        rc = ZJ_EDB;
    if (rc != 0)
        store_rollback(db);
    return rc;
}

/* ---- measures ---- */

static const struct {
    const char *kind, *label;
} measure_kinds[] = {
    {"correction_notice", "纠正违法通知书"}, {"suggestion", "检察建议书"},
    {"hearing", "检察听证"},                 {"transfer", "移送职务犯罪线索"},
    {"objection", "纠正意见（减刑假释裁定、暂予监外执行决定）"},
    {"oral_correction", "口头纠正"},         {"investigation", "立案侦查"},
};

const char *measure_kind_label(const char *kind)
{
    for (size_t i = 0; kind && i < sizeof measure_kinds / sizeof measure_kinds[0]; i++)
        if (!strcmp(measure_kinds[i].kind, kind))
            return measure_kinds[i].label;
    return NULL;
}

static bool date_ok(const char *s, zj_date *out)
{
    return s && date_parse(s, (unsigned)strlen(s), out) == 0;
}

/* Keep a version of a measure's document (measure_documents): the draft, each edit, the
 * issued text. */
static int document_version_add(sqlite3 *db, long measure_id, const char *actor,
                                const char *action, const char *text)
{
    char now[21];
    sqlite3_stmt *st = store_stmt(db,
        "INSERT INTO measure_documents(measure_id, version, at, actor, action, document)"
        " VALUES (?1, (SELECT coalesce(max(version), 0) + 1 FROM measure_documents"
        " WHERE measure_id = ?1), ?2, ?3, ?4, ?5)");
    if (!st)
        return ZJ_EDB;
    sqlite3_bind_int64(st, 1, measure_id);
    sqlite3_bind_text(st, 2, store_now(now), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, actor ? actor : "", -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, action, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, text, -1, SQLITE_TRANSIENT);
    return step_done(st);
}

/* 刑事诉讼法第十九条第二款: the 14 crimes of judicial staff the procuratorate investigates
 * itself (最高人民检察院《关于人民检察院立案侦查司法工作人员相关职务犯罪案件若干问题的规定》). */
static const char *const duty_crimes[] = {
    "非法拘禁罪", "非法搜查罪", "刑讯逼供罪", "暴力取证罪", "虐待被监管人罪", "滥用职权罪",
    "玩忽职守罪", "徇私枉法罪", "民事、行政枉法裁判罪", "执行判决、裁定失职罪",
    "执行判决、裁定滥用职权罪", "私放在押人员罪", "失职致使在押人员脱逃罪",
    "徇私舞弊减刑、假释、暂予监外执行罪",
};

const char *const *measure_duty_crimes(size_t *n)
{
    *n = sizeof duty_crimes / sizeof duty_crimes[0];
    return duty_crimes;
}

static bool duty_crime_ok(const char *charge)
{
    for (size_t i = 0; charge && i < sizeof duty_crimes / sizeof duty_crimes[0]; i++)
        if (!strcmp(duty_crimes[i], charge))
            return true;
    return false;
}

/* 抄送 of a suggestion: the sending procuratorate's superior and the recipient's. */
static char *copy_list(sqlite3 *db, const zj_procuratorate *sender, const char *recipient)
{
    strbuf cc = STRBUF_INIT;
    zj_procuratorate parent;
    if (sender->parent_id[0] && proc_get(db, sender->parent_id, &parent) == 0)
        strbuf_adds(&cc, parent.name);
    sqlite3_stmt *st = store_stmt(db,
        "SELECT s.name FROM facilities r JOIN facilities s ON"
        " (r.kind IN ('prison', 'juvenile_prison') AND s.kind = 'prison_admin'"
        "  AND substr(s.region_code, 1, 2) = substr(r.region_code, 1, 2))"
        " OR (r.kind = 'detention_center' AND s.kind = 'police' AND s.region_code = r.region_code)"
        " OR (r.kind = 'court' AND s.kind = 'court' AND s.facility_id <> r.facility_id"
        "  AND s.region_code = CASE WHEN substr(r.region_code, 5, 2) <> '00'"
        "   THEN substr(r.region_code, 1, 4) || '00' ELSE substr(r.region_code, 1, 2) || '0000' END"
        "  AND substr(r.region_code, 3, 4) <> '0000')"
        " WHERE r.facility_id = ? ORDER BY s.facility_id LIMIT 1");
    if (st && recipient) {
        sqlite3_bind_text(st, 1, recipient, -1, SQLITE_TRANSIENT);
        if (sqlite3_step(st) == SQLITE_ROW)
            strbuf_addf(&cc, "%s%s", cc.len ? "，" : "", store_col(st, 0));
    }
    store_stmt_done(st);
    return strbuf_detach(&cc, NULL);
}

int measure_create(sqlite3 *db, const zj_scope *sc, long case_id, const char *kind,
                   const char *recipient_id, const char *received, const char *actor,
                   zj_date today, long *measure_id, zj_diag *d)
{
    measure_input in = {.kind = kind, .recipient_id = recipient_id, .received = received};
    return measure_add(db, sc, case_id, &in, actor, today, measure_id, d);
}

int measure_add(sqlite3 *db, const zj_scope *sc, long case_id, const measure_input *in,
                const char *actor, zj_date today, long *measure_id, zj_diag *d)
{
    const char *kind = in->kind, *received = in->received, *recipient_id = in->recipient_id;
    if (!measure_kind_label(kind)) {
        zj_diag_set(d, "kind", "unknown measure kind '%s'", kind ? kind : "");
        return ZJ_EINVAL;
    }
    zj_date rd = 0;
    if (received && *received && !date_ok(received, &rd)) {
        zj_diag_set(d, "received_date", "invalid date '%s'", received);
        return ZJ_EINVAL;
    }
    if (!strcmp(kind, "objection") && !rd) {
        zj_diag_set(d, "received_date", "an objection needs the date the ruling was received");
        return ZJ_EINVAL;
    }
    if (!strcmp(kind, "investigation") && !duty_crime_ok(in->charge)) {
        zj_diag_set(d, "charge", "an investigation needs one of the 14 duty crimes of 刑事诉讼法"
                                 "第十九条第二款 (e.g. 虐待被监管人罪), not '%s'",
                    in->charge ? in->charge : "");
        return ZJ_EINVAL;
    }
    json_t *c = case_get(db, sc, case_id, false);
    if (!c)
        return ZJ_ENOTFOUND;
    json_t *facts = notice_facts_load(db, c);
    const char *decider = json_string_value(json_object_get(facts, "c.decider_id"));
    /* an objection goes to the body that ruled or decided; the rest to the lead's body */
    const char *recipient = recipient_id && *recipient_id ? recipient_id
                            : !strcmp(kind, "objection") && decider
                                ? decider
                                : json_string_value(json_object_get(c, "facility_id"));
    enum doc_situation sit = document_situation(kind, facts, recipient);
    zj_procuratorate sender;
    int rc = proc_for_document(db, actor, json_string_value(json_object_get(c, "region_code")),
                               &sender);
    if (rc == ZJ_EDB)
        goto fail;
    rc = ZJ_EINVAL;
    if (!strcmp(kind, "objection") && sit == SIT_GENERAL) {
        zj_diag_set(d, "kind", "a correction opinion (纠正意见书) is about a commutation, parole or "
                               "temporary-execution ruling; this case's lead has none");
        goto fail;
    }
    /* without procuratorates as data there is no level to compare (docs/documents.md) */
    if (sit == SIT_RULING && sender.id[0]) {
        char reason[600];
        const char *court = json_string_value(json_object_get(facts, "c.decider"));
        const char *court_region = json_string_value(json_object_get(facts, "c.decider_region"));
        if (!proc_same_level_as_court(&sender, court, court_region, reason, sizeof reason)) {
            zj_diag_set(d, "procuratorate", "%s", reason);
            rc = ZJ_EFORBIDDEN;
            goto fail;
        }
    }
    char due[11] = "";
    if (sit == SIT_RULING)
        /* 刑事诉讼法第274条: within 20 days of receiving the ruling; the day of receipt is
         * not counted (刑事诉讼法第105条), so the last day is received + 20. */
        date_format(rd + OBJECTION_DAYS, due);
    else if (sit == SIT_TEMP_DECISION && rd)
        date_format(date_add_months(rd, 1), due); /* 刑事诉讼法第267条: one month */
    else if (sit == SIT_PROPOSAL && rd)
        date_format(rd + PROPOSAL_DAYS, due); /* 规则第635条: ten days */
    else if (!strcmp(kind, "oral_correction"))
        date_format(today + ORAL_FOLLOW_UP_DAYS, due); /* 规则第624条: seven days */
    if (store_begin(db) != 0) {
        rc = ZJ_EDB;
        goto fail;
    }
    char now[21];
    long mid = 0;
    sqlite3_stmt *st = store_stmt(db,
        "INSERT INTO measures(case_id, kind, recipient_id, received_date, due_date, created_at,"
        " created_by, procuratorate_id, situation, charge, parent_measure_id)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?)");
    rc = ZJ_EDB;
    if (!st)
        goto out;
    sqlite3_bind_int64(st, 1, case_id);
    sqlite3_bind_text(st, 2, kind, -1, SQLITE_TRANSIENT);
    store_bind_text_or_null(st, 3, recipient);
    store_bind_text_or_null(st, 4, rd ? received : NULL);
    store_bind_text_or_null(st, 5, due[0] ? due : NULL);
    sqlite3_bind_text(st, 6, store_now(now), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 7, actor, -1, SQLITE_TRANSIENT);
    store_bind_text_or_null(st, 8, sender.id[0] ? sender.id : NULL);
    sqlite3_bind_text(st, 9, document_situation_name(sit), -1, SQLITE_STATIC);
    store_bind_text_or_null(st, 10, in->charge);
    if (in->parent_measure_id > 0)
        sqlite3_bind_int64(st, 11, in->parent_measure_id);
    if ((rc = step_done(st)) != 0)
        goto out;
    mid = (long)sqlite3_last_insert_rowid(db);
    /* the recipient's name and kind for the document */
    char *rname = NULL, *rkind = NULL;
    st = store_stmt(db, "SELECT name, kind FROM facilities WHERE facility_id = ?");
    if (st && recipient) {
        sqlite3_bind_text(st, 1, recipient, -1, SQLITE_TRANSIENT);
        if (sqlite3_step(st) == SQLITE_ROW) {
            rname = xstrdup(store_col(st, 0));
            rkind = xstrdup(store_col(st, 1));
        }
    }
    store_stmt_done(st);
    char *cc = !strcmp(kind, "suggestion") ? copy_list(db, &sender, recipient) : NULL;
    doc_request rq = {.facts = facts, .kind = kind, .sender = &sender,
                      .recipient_name = rname ? rname : recipient, .recipient_kind = rkind,
                      .situation = sit, .cc = cc, .charge = in->charge,
                      .parent_date = in->parent_date, .today = today};
    json_t *doc = document_draft(&rq);
    free(rname);
    free(rkind);
    free(cc);
    char *text = json_dumps(doc, JSON_COMPACT);
    json_decref(doc);
    st = store_stmt(db, "UPDATE measures SET document = ? WHERE measure_id = ?");
    if (!st) {
        free(text);
        rc = ZJ_EDB;
        goto out;
    }
    sqlite3_bind_text(st, 1, text, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, mid);
    rc = step_done(st);
    if (rc == 0)
        rc = document_version_add(db, mid, actor, "draft", text);
    free(text);
    if (rc != 0)
        goto out;
    char note[160], obj[32];
    snprintf(note, sizeof note, "新建%s（措施 %ld）", measure_kind_label(kind), mid);
    if ((rc = case_history_add(db, case_id, actor, "measure", note)) != 0)
        goto out;
    snprintf(obj, sizeof obj, "measure:%ld", mid);
    rc = audit_append(db, actor, "change", obj, kind);
out:
    if (rc == 0 && store_commit(db) != 0)
        rc = ZJ_EDB;
    if (rc != 0)
        store_rollback(db);
    else
        *measure_id = mid;
fail:
    json_decref(facts);
    json_decref(c);
    return rc;
}

int measure_escalate(sqlite3 *db, const zj_scope *sc, long id, const char *actor, zj_date today,
                     long *notice_id, zj_diag *d)
{
    json_t *m = measure_get(db, sc, id);
    if (!m)
        return ZJ_ENOTFOUND;
    int rc = ZJ_ECONFLICT;
    const char *kind = json_string_value(json_object_get(m, "kind"));
    if (strcmp(kind, "oral_correction") != 0) {
        zj_diag_set(d, "kind", "only an oral correction turns into a correction notice");
        goto done;
    }
    if (json_integer_value(json_object_get(m, "corrected")) == 1) {
        zj_diag_set(d, "corrected", "the oral correction was complied with");
        goto done;
    }
    sqlite3_stmt *st = store_stmt(db, "SELECT measure_id FROM measures WHERE parent_measure_id = ?");
    long child = 0;
    if (st) {
        sqlite3_bind_int64(st, 1, id);
        if (sqlite3_step(st) == SQLITE_ROW)
            child = (long)sqlite3_column_int64(st, 0);
        store_stmt_done(st);
    }
    if (child) {
        zj_diag_set(d, "", "measure %ld already followed it", child);
        goto done;
    }
    char oral_date[11];
    snprintf(oral_date, sizeof oral_date, "%.10s", json_string_value(json_object_get(m, "created_at")));
    measure_input in = {.kind = "correction_notice",
                        .recipient_id = json_string_value(json_object_get(m, "recipient_id")),
                        .parent_measure_id = id, .parent_date = oral_date};
    rc = measure_add(db, sc, (long)json_integer_value(json_object_get(m, "case_id")), &in, actor,
                     today, notice_id, d);
done:
    json_decref(m);
    return rc;
}

/* The deadlines of measure m that the law (or the procuratorate) sets, computed:
 * [{what, date, basis}]. */
static json_t *measure_deadlines(json_t *m)
{
    json_t *a = json_array();
    const char *sit = json_string_value(json_object_get(m, "situation"));
    const char *kind = json_string_value(json_object_get(m, "kind"));
    const char *due = json_string_value(json_object_get(m, "due_date"));
    const char *sent = json_string_value(json_object_get(m, "sent_date"));
    const char *reply = json_string_value(json_object_get(m, "reply_deadline"));
    if (!sit)
        sit = "";
    if (due && !strcmp(kind, "oral_correction"))
        json_array_append_new(a, json_pack("{s:s, s:s, s:s}", "what", "口头纠正后跟踪：逾期未纠正的发出纠正违法通知书",
                                           "date", due, "basis", "人民检察院刑事诉讼规则第624条（七日）"));
    else if (due && !strcmp(sit, "ruling"))
        json_array_append_new(a, json_pack("{s:s, s:s, s:s}", "what", "向人民法院提出书面纠正意见",
                                           "date", due, "basis", "刑事诉讼法第274条（收到裁定书副本后二十日以内）"));
    else if (due && !strcmp(sit, "temp_decision"))
        json_array_append_new(a, json_pack("{s:s, s:s, s:s}", "what", "将书面意见送交决定或者批准机关",
                                           "date", due, "basis", "刑事诉讼法第267条、规则第632条（接到通知之日起一个月以内）"));
    else if (due && !strcmp(sit, "proposal"))
        json_array_append_new(a, json_pack("{s:s, s:s, s:s}", "what", "向审理的人民法院提出书面检察意见",
                                           "date", due, "basis", "规则第635条（收到建议书副本后十日以内）"));
    zj_date sd;
    if (sent && !strcmp(sit, "ruling") && date_ok(sent, &sd)) {
        char d[11];
        date_format(date_add_months(sd, 1), d);
        json_array_append_new(a, json_pack("{s:s, s:s, s:s}", "what", "人民法院重新组成合议庭审理并作出最终裁定",
                                           "date", d, "basis", "刑事诉讼法第274条（收到纠正意见后一个月以内）"));
    }
    if (reply)
        json_array_append_new(a, json_pack("{s:s, s:s, s:s}", "what", "被监督单位书面回复",
                                           "date", reply, "basis",
                                           !strcmp(kind, "suggestion") ? "检察建议书：两个月"
                                                                       : "本院设定的回复期限（地方做法，非法定）"));
    return a;
}

json_t *measure_get(sqlite3 *db, const zj_scope *sc, long id)
{
    json_t *o = scoped_row(db,
        "SELECT m.measure_id, m.case_id, m.kind, m.recipient_id, f.name AS recipient_name,"
        " f.kind AS recipient_kind, m.received_date, m.due_date, m.sent_date, m.reply_deadline,"
        " m.reply_date, m.reply, m.corrected, m.document, m.created_at, m.created_by,"
        " m.procuratorate_id, pr.name AS procuratorate_name, m.issued_date, m.doc_year,"
        " m.doc_seq, m.parent_measure_id, m.situation, m.charge, l.title AS case_title, l.person_id,"
        " l.facility_id, l.lead_id,"
        " (SELECT n.measure_id FROM measures n WHERE n.parent_measure_id = m.measure_id"
        "  ORDER BY n.measure_id LIMIT 1) AS followed_by"
        " FROM measures m JOIN cases l ON l.case_id = m.case_id"
        " LEFT JOIN facilities f ON f.facility_id = m.recipient_id"
        " LEFT JOIN procuratorates pr ON pr.procuratorate_id = m.procuratorate_id"
        " WHERE m.measure_id = ?3 AND " SCOPE_SQL("l.facility_id", "l.region_code"), sc, id);
    if (o) {
        parse_member(o, "document");
        json_object_set_new(o, "deadlines", measure_deadlines(o));
        json_object_set_new(o, "kind_label", json_string(measure_kind_label(
                                                 json_string_value(json_object_get(o, "kind")))));
        id_rows_member(db, o, "versions", "SELECT version, at, actor, action FROM"
                                          " measure_documents WHERE measure_id = ?"
                                          " ORDER BY version", id);
    }
    return o;
}

json_t *measure_document_version(sqlite3 *db, const zj_scope *sc, long id, int version)
{
    json_t *m = measure_get(db, sc, id);
    if (!m)
        return NULL;
    json_decref(m);
    sqlite3_stmt *st = store_stmt(db, "SELECT document FROM measure_documents"
                                      " WHERE measure_id = ? AND version = ?");
    if (!st)
        return NULL;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int(st, 2, version);
    json_t *doc = NULL;
    if (sqlite3_step(st) == SQLITE_ROW)
        doc = json_loads(store_col(st, 0), 0, NULL);
    store_stmt_done(st);
    return doc;
}

static const char *opt_str(json_t *in, const char *key, bool *present)
{
    json_t *v = json_object_get(in, key);
    *present = v != NULL;
    return json_is_string(v) ? json_string_value(v) : NULL;
}

/* Give the measure its number in the year of date and write number and date into doc
 * (inside the caller's transaction). */
static int measure_issue(sqlite3 *db, json_t *m, json_t *doc, zj_date date)
{
    const char *kind = json_string_value(json_object_get(m, "kind"));
    const char *nk = document_number_kind(kind);
    const char *pid = json_string_value(json_object_get(m, "procuratorate_id"));
    int y, mo, d;
    date_to_ymd(date, &y, &mo, &d);
    long seq = 0;
    zj_procuratorate p = {0};
    if (pid && proc_get(db, pid, &p) == ZJ_EDB)
        return ZJ_EDB;
    if (nk) {
        int rc = proc_number_take(db, pid ? pid : "", y, nk, &seq);
        if (rc)
            return rc;
        char number[160];
        proc_number_format(&p, nk, y, seq, number, sizeof number);
        json_object_set_new(doc, "number", json_string(number));
    }
    char cn[48], iso[11];
    snprintf(cn, sizeof cn, "%d年%d月%d日", y, mo, d);
    json_object_set_new(doc, "date", json_string(cn));
    sqlite3_stmt *st = store_stmt(db, "UPDATE measures SET issued_date = ?2, doc_year = ?3,"
                                      " doc_seq = ?4 WHERE measure_id = ?1");
    if (!st)
        return ZJ_EDB;
    sqlite3_bind_int64(st, 1, json_integer_value(json_object_get(m, "measure_id")));
    sqlite3_bind_text(st, 2, date_format(date, iso), -1, SQLITE_TRANSIENT);
    if (nk) {
        sqlite3_bind_int(st, 3, y);
        sqlite3_bind_int64(st, 4, seq);
    }
    return step_done(st);
}

/* The reply deadline of a measure sent on sd into deadline ("" when none). */
static void reply_deadline(sqlite3 *db, json_t *m, zj_date sd, char deadline[11])
{
    const char *kind = json_string_value(json_object_get(m, "kind"));
    const char *pid = json_string_value(json_object_get(m, "procuratorate_id"));
    zj_procuratorate p = {.reply_days = MEASURE_REPLY_DAYS};
    if (pid)
        proc_get(db, pid, &p);
    deadline[0] = 0;
    if (!strcmp(kind, "correction_notice"))
        date_format(sd + (p.reply_days > 0 ? p.reply_days : MEASURE_REPLY_DAYS), deadline);
    else if (!strcmp(kind, "suggestion"))
        date_format(date_add_months(sd, SUGGESTION_REPLY_MONTHS), deadline);
}

int measure_update(sqlite3 *db, const zj_scope *sc, long id, json_t *in, const char *actor,
                   zj_diag *d)
{
    json_t *m = measure_get(db, sc, id);
    if (!m)
        return ZJ_ENOTFOUND;
    int rc = ZJ_EINVAL;
    bool has_doc, has_sent, has_rdate, has_reply, has_issue;
    json_t *doc = json_object_get(in, "document");
    has_doc = doc != NULL;
    const char *sent = opt_str(in, "sent_date", &has_sent);
    const char *rdate = opt_str(in, "reply_date", &has_rdate);
    const char *reply = opt_str(in, "reply", &has_reply);
    const char *issue = opt_str(in, "issue", &has_issue);
    json_t *corrected = json_object_get(in, "corrected");
    zj_date sd = 0, rpd = 0, isd = 0;
    char deadline[11] = "";
    char *doc_text = NULL;
    json_t *newdoc = NULL;
    bool was_sent = json_is_string(json_object_get(m, "sent_date"));
    bool was_issued = json_is_string(json_object_get(m, "issued_date"));
    if (has_doc) {
        if (!json_is_object(doc) || document_validate(doc, d) != 0)
            goto done;
        if (was_sent) {
            zj_diag_set(d, "document", "the document was sent on %s and cannot be changed",
                        json_string_value(json_object_get(m, "sent_date")));
            rc = ZJ_ECONFLICT;
            goto done;
        }
    }
    if (has_issue && !date_ok(issue, &isd)) {
        zj_diag_set(d, "issue", "invalid date '%s'", issue ? issue : "");
        goto done;
    }
    if (has_issue && was_issued) {
        zj_diag_set(d, "issue", "the document was issued on %s",
                    json_string_value(json_object_get(m, "issued_date")));
        rc = ZJ_ECONFLICT;
        goto done;
    }
    if (has_sent) {
        if (!date_ok(sent, &sd)) {
            zj_diag_set(d, "sent_date", "invalid date '%s'", sent ? sent : "");
            goto done;
        }
        reply_deadline(db, m, sd, deadline);
    }
    if (has_rdate && !date_ok(rdate, &rpd)) {
        zj_diag_set(d, "reply_date", "invalid date '%s'", rdate ? rdate : "");
        goto done;
    }
    if (corrected && !json_is_boolean(corrected) && !json_is_null(corrected)) {
        zj_diag_set(d, "corrected", "corrected must be true, false or null");
        goto done;
    }
    if (!has_doc && !has_sent && !has_rdate && !has_reply && !corrected && !has_issue) {
        zj_diag_set(d, "", "nothing to change (document, issue, sent_date, reply_date, reply,"
                           " corrected)");
        goto done;
    }
    /* sending a document that was never issued issues it on the day it is sent */
    bool issuing = !was_issued && (has_issue || (has_sent && !was_sent));
    if (issuing && !has_issue)
        isd = sd;
    if (has_doc || issuing) {
        newdoc = json_deep_copy(has_doc ? doc : json_object_get(m, "document"));
        if (!json_is_object(newdoc)) {
            json_decref(newdoc);
            newdoc = json_object();
        }
        /* the number is the register's, never typed */
        json_t *old = json_object_get(json_object_get(m, "document"), "number");
        if (json_is_string(old))
            json_object_set(newdoc, "number", old);
    }
    if (store_begin(db) != 0) {
        rc = ZJ_EDB;
        goto done;
    }
    rc = 0;
    if (issuing)
        rc = measure_issue(db, m, newdoc, isd);
    if (rc == 0 && newdoc) {
        doc_text = json_dumps(newdoc, JSON_COMPACT);
        if (has_doc)
            rc = document_version_add(db, id, actor, "edit", doc_text);
        if (rc == 0 && issuing)
            rc = document_version_add(db, id, actor, "issue", doc_text);
    }
    sqlite3_stmt *st = rc ? NULL : store_stmt(db,
        "UPDATE measures SET document = CASE WHEN ?2 THEN ?3 ELSE document END,"
        " sent_date = CASE WHEN ?4 THEN ?5 ELSE sent_date END,"
        " reply_deadline = CASE WHEN ?4 THEN ?6 ELSE reply_deadline END,"
        " reply_date = CASE WHEN ?7 THEN ?8 ELSE reply_date END,"
        " reply = CASE WHEN ?9 THEN ?10 ELSE reply END,"
        " corrected = CASE WHEN ?11 THEN ?12 ELSE corrected END WHERE measure_id = ?1");
    if (st) {
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_int(st, 2, doc_text != NULL);
        store_bind_text_or_null(st, 3, doc_text);
        sqlite3_bind_int(st, 4, has_sent);
        store_bind_text_or_null(st, 5, sent);
        store_bind_text_or_null(st, 6, deadline);
        sqlite3_bind_int(st, 7, has_rdate);
        store_bind_text_or_null(st, 8, rdate);
        sqlite3_bind_int(st, 9, has_reply);
        store_bind_text_or_null(st, 10, reply);
        sqlite3_bind_int(st, 11, corrected != NULL);
        if (json_is_boolean(corrected))
            sqlite3_bind_int(st, 12, json_is_true(corrected));
        rc = step_done(st);
    } else if (rc == 0) {
        rc = ZJ_EDB;
    }
    char note[320], obj[32];
    snprintf(note, sizeof note, "措施 %ld：%s%s%s%s%s", id, has_doc ? "修改文书 " : "",
             issuing ? "签发编号 " : "", has_sent ? "送达 " : "",
             has_rdate || has_reply ? "回复 " : "", corrected ? "整改认定 " : "");
    if (issuing && json_is_string(json_object_get(newdoc, "number")))
        snprintf(note + strlen(note), sizeof note - strlen(note), "（%s）",
                 json_string_value(json_object_get(newdoc, "number")));
    if (rc == 0)
        rc = case_history_add(db, (long)json_integer_value(json_object_get(m, "case_id")), actor,
                              "measure", note);
    snprintf(obj, sizeof obj, "measure:%ld", id);
    if (rc == 0)
        rc = audit_append(db, actor, "change", obj, note);
    if (rc == 0 && store_commit(db) != 0)
        rc = ZJ_EDB;
    if (rc != 0)
        store_rollback(db);
done:
    free(doc_text);
    json_decref(newdoc);
    json_decref(m);
    return rc;
}

json_t *measures_due(sqlite3 *db, const zj_scope *sc, zj_date today, bool overdue_only)
{
    char td[11], warn[11];
    date_format(today, td);
    date_format(today + WARN_DAYS, warn);
    sqlite3_stmt *st = store_stmt(db,
        "SELECT * FROM (SELECT m.measure_id, m.case_id, l.title AS case_title, l.person_id, m.kind,"
        " m.recipient_id, f.name AS recipient_name, m.sent_date,"
        " CASE WHEN m.kind = 'oral_correction' THEN 'follow_up'"
        " WHEN m.sent_date IS NULL AND m.due_date IS NOT NULL THEN 'send' ELSE 'reply' END"
        " AS waiting,"
        " CASE WHEN m.sent_date IS NULL AND m.due_date IS NOT NULL THEN m.due_date"
        " ELSE m.reply_deadline END AS deadline"
        " FROM measures m JOIN cases l ON l.case_id = m.case_id"
        " LEFT JOIN facilities f ON f.facility_id = m.recipient_id"
        " WHERE " SCOPE_SQL("l.facility_id", "l.region_code")
        " AND ((m.kind = 'oral_correction' AND m.corrected IS NOT 1 AND m.due_date IS NOT NULL"
        "  AND NOT EXISTS (SELECT 1 FROM measures n WHERE n.parent_measure_id = m.measure_id))"
        " OR (m.kind <> 'oral_correction' AND m.sent_date IS NULL AND m.due_date IS NOT NULL)"
        " OR (m.reply_deadline IS NOT NULL AND m.reply_date IS NULL)))"
        " WHERE (?5 = 1 AND deadline < ?3) OR (?5 = 0 AND deadline <= ?4)"
        " ORDER BY deadline LIMIT 500");
    if (!st)
        return json_array();
    scope_bind(st, sc);
    sqlite3_bind_text(st, 3, td, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, warn, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 5, overdue_only ? 1 : 0);
    json_t *a = rows_array(st);
    size_t i;
    json_t *v;
    json_array_foreach(a, i, v) {
        zj_date dl;
        const char *s = json_string_value(json_object_get(v, "deadline"));
        if (date_ok(s, &dl))
            json_object_set_new(v, "days_left", json_integer(dl - today));
        json_object_set_new(v, "kind_label", json_string(measure_kind_label(
                                                 json_string_value(json_object_get(v, "kind")))));
    }
    return a;
}
