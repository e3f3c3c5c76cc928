/*
 * workflow_leads.c — leads under an account's scope: the list page (the hot path), the
 * exports, one lead with its history, and the lead state machine (lead_transitions).
 */
#include "cases/workflow.h"
#include "cases/workflow_int.h"
#include "cases/accounts.h"
#include "cases/audit.h"
#include "cases/sealed.h"
#include "store/leads.h"
#include "store/stmt.h"
#include "store/store.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LEAD_FILTERS                                                                               \
    " AND (?3 IS NULL OR l.model_id = ?3) AND (?4 IS NULL OR l.family = ?4)"                       \
    " AND (?5 IS NULL OR l.facility_id = ?5) AND (?6 IS NULL OR l.region_code LIKE ?6 || '%')"     \
    " AND (?7 IS NULL OR l.status = ?7 OR (?7 = 'active' AND l.status IN " LEAD_OPEN_STATUSES "))" \
    " AND (?8 IS NULL OR l.severity = ?8) AND (?9 IS NULL OR l.first_seen >= ?9)"                  \
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
#define PAGE_IDS(SCOPE)                                                                            \
    "SELECT l.lead_id FROM leads l WHERE " SCOPE LEAD_FILTERS                                      \
    " ORDER BY l.lead_id DESC LIMIT ?11 OFFSET ?12"
#define PAGE_SQL(SCOPE)                                                                            \
    "SELECT l.lead_id, l.model_id, l.subject, l.person_id, p.name AS person_name,"                 \
    " l.facility_id, fa.name AS facility_name, l.region_code, l.family, l.severity,"               \
    " l.status, l.first_seen, l.last_seen, l.summary, l.basis, l.assignee"                         \
    " FROM leads l LEFT JOIN persons p ON p.person_id = l.person_id"                               \
    " LEFT JOIN facilities fa ON fa.facility_id = l.facility_id"                                   \
    " WHERE l.lead_id IN (" PAGE_IDS(SCOPE) ") ORDER BY l.lead_id DESC"
#define COUNT_SQL(SCOPE)                                                                           \
    "SELECT count(*) FROM (SELECT 1 FROM leads l WHERE " SCOPE LEAD_FILTERS                        \
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

static void count_key(const zj_scope *sc, const lead_filter *f, char *key, size_t n)
{
#define F_(x) ((x) ? (x) : "")
    snprintf(key, n, "%d\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s", (int)sc->kind,
             sc->value, F_(f->model), F_(f->family), F_(f->facility), F_(f->region), F_(f->status),
             F_(f->severity), F_(f->from), F_(f->to));
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
    sqlite3_int64 version = store_data_version(db), changes = sqlite3_total_changes64(db);
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
    strbuf_addf(out, "],\"page\":%d,\"per\":%d,\"total\":%ld,\"capped\":%s,\"more\":%s}", page, per,
                total, total >= LEADS_COUNT_CAP ? "true" : "false", more ? "true" : "false");
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
    sqlite3_stmt *st = store_stmt(
        db, "SELECT l.model_id, l.subject, l.person_id, l.facility_id, l.region_code, l.severity,"
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

json_t *lead_get(sqlite3 *db, const zj_scope *sc, long id, bool mask)
{
    return wf_scoped_record(
        db,
        "SELECT l.lead_id, l.model_id, l.subject, l.person_id, l.facility_id,"
        " fa.name AS facility_name, l.region_code, l.family, l.severity, l.status,"
        " l.first_seen, l.last_seen, l.resolved_date, l.summary, l.evidence, l.basis, l.source,"
        " l.assignee, l.dismiss_reason, l.verify_note,"
        " p.name AS person_name, p.id_number, p.gender, p.birth_date,"
        " (SELECT case_id FROM cases c WHERE c.lead_id = l.lead_id ORDER BY case_id LIMIT 1)"
        " AS case_id FROM leads l LEFT JOIN persons p ON p.person_id = l.person_id"
        " LEFT JOIN facilities fa ON fa.facility_id = l.facility_id"
        " WHERE l.lead_id = ?3 AND " SCOPE_SQL("l.facility_id", "l.region_code"),
        sc, id, mask,
        "SELECT at, actor, from_status, to_status, note FROM lead_history"
        " WHERE lead_id = ? ORDER BY id");
}

static int history_add(sqlite3 *db, long lead_id, const char *actor, const char *from,
                       const char *to, const char *note)
{
    const char *v[] = {actor, from, to, note};
    return wf_history_insert(db,
                             "INSERT INTO lead_history(lead_id, at, actor, from_status,"
                             " to_status, note) VALUES (?,?,?,?,?,?)",
                             lead_id, v, 4);
}

/* The actions on a lead, and the state machine (spec/workflow.md): a state, an action
 * taken in it, the state it leads to, and the roles that may take it (accounts.h). The
 * states listed are the open ones (store/leads.h lead_status_open); a lead dismissed,
 * taken up as a case or resolved by the data takes no action. */
static const char *const lead_actions[] = {"assign", "verify", "dismiss", "case"};
enum { ACT_ASSIGN, ACT_VERIFY, ACT_DISMISS, ACT_CASE, ACT_COUNT };

static const struct lead_transition {
    const char *from;
    int action;
    const char *to;
    bool (*role_may)(const char *role);
} lead_transitions[] = {
    {"open", ACT_ASSIGN, "assigned", account_role_can_write},
    {"open", ACT_VERIFY, "verifying", account_role_can_write},
    {"open", ACT_DISMISS, "dismissed", account_role_can_write},
    {"open", ACT_CASE, "case", account_role_can_write},
    {"assigned", ACT_ASSIGN, "assigned", account_role_can_write},
    {"assigned", ACT_VERIFY, "verifying", account_role_can_write},
    {"assigned", ACT_DISMISS, "dismissed", account_role_can_write},
    {"assigned", ACT_CASE, "case", account_role_can_write},
    {"verifying", ACT_ASSIGN, "assigned", account_role_can_write},
    {"verifying", ACT_VERIFY, "verifying", account_role_can_write},
    {"verifying", ACT_DISMISS, "dismissed", account_role_can_write},
    {"verifying", ACT_CASE, "case", account_role_can_write},
};

static int action_index(const char *action)
{
    for (int i = 0; action && i < ACT_COUNT; i++)
        if (!strcmp(lead_actions[i], action))
            return i;
    return -1;
}

const char *lead_transition(const char *from, const char *action, const char *role, int *rc)
{
    int a = action_index(action);
    *rc = ZJ_EINVAL;
    if (a < 0)
        return NULL;
    *rc = ZJ_ECONFLICT;
    for (size_t i = 0; from && i < sizeof lead_transitions / sizeof lead_transitions[0]; i++) {
        const struct lead_transition *t = &lead_transitions[i];
        if (t->action != a || strcmp(t->from, from) != 0)
            continue;
        if (role && !t->role_may(role)) {
            *rc = ZJ_EFORBIDDEN;
            return NULL;
        }
        *rc = 0;
        return t->to;
    }
    return NULL;
}

int lead_change_as(sqlite3 *db, const zj_scope *sc, long id, const char *actor, const char *role,
                   const char *action, const char *arg, long *case_id)
{
    int act = action_index(action);
    if (act < 0)
        return ZJ_EINVAL;
    if (act == ACT_DISMISS && (!arg || !*arg))
        return ZJ_EINVAL; /* a dismissal needs its reason */
    if (store_begin(db) != 0)
        return ZJ_EDB;
    int rc = ZJ_EDB;
    char from[16] = "", title[512] = "";
    sqlite3_stmt *st = store_stmt(
        db, "SELECT l.status, l.summary, l.person_id, l.facility_id, l.region_code, l.family,"
            " l.model_id FROM leads l WHERE l.lead_id = ?3 AND " SCOPE_SQL("l.facility_id",
                                                                           "l.region_code"));
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
    if (arg && *arg && act == ACT_CASE)
        snprintf(title, sizeof title, "%s", arg);
    else
        snprintf(title, sizeof title, "%s：%s", store_col(st, 6), store_col(st, 1));
    char *person = xstrdup(store_col(st, 2)), *fac = xstrdup(store_col(st, 3)),
         *reg = xstrdup(store_col(st, 4)), *fam = xstrdup(store_col(st, 5));
    store_stmt_done(st);
    const char *to = lead_transition(from, action, role, &rc);
    if (!to)
        goto free_out;
    rc = ZJ_EDB;
    sqlite3_stmt *up = store_stmt(
        db, "UPDATE leads SET status = ?2,"
            " assignee = CASE WHEN ?1 = 'assign' THEN ?3 ELSE coalesce(assignee, ?4) END,"
            " verify_note = CASE WHEN ?1 = 'verify' THEN ?3 ELSE verify_note END,"
            " dismiss_reason = CASE WHEN ?1 = 'dismiss' THEN ?3 ELSE dismiss_reason END"
            " WHERE lead_id = ?5");
    if (!up)
        goto free_out;
    sqlite3_bind_text(up, 1, action, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(up, 2, to, -1, SQLITE_STATIC);
    if (act == ACT_ASSIGN)
        sqlite3_bind_text(up, 3, arg && *arg ? arg : actor, -1, SQLITE_TRANSIENT);
    else
        store_bind_text_or_null(up, 3, arg);
    sqlite3_bind_text(up, 4, actor, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(up, 5, id);
    if ((rc = wf_step_done(up)) != 0)
        goto free_out;
    const char *note = arg;
    char assign_note[160];
    if (act == ACT_ASSIGN) {
        snprintf(assign_note, sizeof assign_note, "承办人：%s", arg && *arg ? arg : actor);
        note = assign_note;
    }
    if ((rc = history_add(db, id, actor, from, to, note)) != 0)
        goto free_out;
    if (act == ACT_CASE) {
        char now[21];
        sqlite3_stmt *ins = store_stmt(
            db, "INSERT INTO cases(lead_id, title, person_id, facility_id, region_code, family,"
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
        if ((rc = wf_step_done(ins)) != 0)
            goto free_out;
        long cid = (long)sqlite3_last_insert_rowid(db);
        if (case_id)
            *case_id = cid;
        char buf[64];
        snprintf(buf, sizeof buf, "由线索 %ld 成案", id);
        if ((rc = wf_case_history_add(db, cid, actor, "open", buf)) != 0)
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
    rc = store_end(db, rc);
    return rc;
}

int lead_change(sqlite3 *db, const zj_scope *sc, long id, const char *actor, const char *action,
                const char *arg, long *case_id)
{
    return lead_change_as(db, sc, id, actor, NULL, action, arg, case_id);
}
