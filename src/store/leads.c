/*
 * leads.c — the leads store (see leads.h): upsert by (model_id, subject), resolution by
 * data, reopening of dismissed leads whose evidence changed, lead_history, screenings.
 */
#include "store/leads.h"

#include <jansson.h>
#include <pthread.h>
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

void leads_rec_release(lead_rec *r)
{
    free(r->model_id);
    free(r->subject);
    free(r->person_id);
    free(r->facility_id);
    free(r->region_code);
    free(r->family);
    free(r->severity);
    free(r->summary);
    free(r->evidence);
    free(r->basis);
    memset(r, 0, sizeof(*r));
}

static pthread_once_t sodium_once = PTHREAD_ONCE_INIT;

static void sodium_start(void)
{
    if (sodium_init() < 0)
        abort();
}

/* ---- the evidence's canonical text, without a JSON library ---------------------------
 *
 * The canonical text is what jansson writes (JSON_COMPACT | JSON_SORT_KEYS) for the parsed
 * evidence without its top-level "as_of". canon_value writes it straight from the text for
 * the evidence the models write: objects, arrays, strings whose escapes are among \" \\ \b
 * \f \n \r \t (jansson writes those back alike), well-formed UTF-8, integers as jansson
 * writes them, true, false, null, keys without escapes and no key twice in an object.
 * Anything else (a real number, a \u or \/ escape, a duplicate key, text jansson refuses)
 * makes it give up, and leads_evidence_hash asks jansson itself. fuzz/fuzz_evidence_hash.c
 * compares both ways on every input. */

enum { CANON_MAX_DEPTH = 32, CANON_STACK = 64 };

typedef struct canon_member {
    const char *key; /* in the input, after the quote */
    size_t klen;
    size_t start, end; /* the member "key":value in out, written in input order */
} canon_member;

typedef struct canon {
    char *out, *tmp; /* each as long as the input: the canonical text is never longer */
    size_t len;
    canon_member *m; /* the members of the objects open, innermost last */
    size_t nm, am;
    canon_member stack[CANON_STACK];
} canon;

static const char *canon_ws(const char *p)
{
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
        p++;
    return p;
}

/* The end of the string literal at p (on its quote), or NULL. */
static const char *canon_string(const char *p)
{
    const unsigned char *s = (const unsigned char *)p + 1;
    for (;;) {
        unsigned c = *s;
        if (c == '"')
            return (const char *)s + 1;
        if (c < 0x20)
            return NULL; /* a control character, or the end of the text */
        if (c == '\\') {
            c = s[1];
            if (c != '"' && c != '\\' && c != 'b' && c != 'f' && c != 'n' && c != 'r' && c != 't')
                return NULL;
            s += 2;
            continue;
        }
        if (c < 0x80) {
            s++;
            continue;
        }
        size_t n;
        uint32_t cp;
        if (c >= 0xC2 && c <= 0xDF) {
            n = 2;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 3;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 4;
            cp = c & 0x07;
        } else {
            return NULL;
        }
        for (size_t i = 1; i < n; i++) {
            if ((s[i] & 0xC0) != 0x80)
                return NULL;
            cp = (cp << 6) | (s[i] & 0x3F);
        }
        if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || (n == 3 && cp < 0x800) ||
            (n == 4 && cp < 0x10000))
            return NULL;
        s += n;
    }
}

/* The end of the integer at p when jansson writes it back as it is, or NULL. */
static const char *canon_integer(const char *p)
{
    const char *s = p;
    if (*s == '-')
        s++;
    if (*s == '0') {
        s++;
        if (s - p == 2)
            return NULL; /* -0 is written 0 */
    } else if (*s >= '1' && *s <= '9') {
        while (*s >= '0' && *s <= '9')
            s++;
    } else {
        return NULL;
    }
    if (*s == '.' || *s == 'e' || *s == 'E' || (*s >= '0' && *s <= '9') || s - p > 18)
        return NULL; /* a real, a leading zero, or maybe beyond json_int_t */
    return s;
}

static int canon_key_cmp(const canon_member *a, const canon_member *b)
{
    int c = memcmp(a->key, b->key, a->klen < b->klen ? a->klen : b->klen);
    return c ? c : (a->klen > b->klen) - (a->klen < b->klen);
}

static int canon_member_cmp(const void *a, const void *b)
{
    return canon_key_cmp(a, b);
}

static void canon_put(canon *c, const char *s, size_t n)
{
    memcpy(c->out + c->len, s, n);
    c->len += n;
}

/* Write the canonical text of the value at p (no blank before it); its end in the input,
 * or NULL to give up. */
static const char *canon_value(canon *c, const char *p, int depth, bool top)
{
    const char *e;
    switch (*p) {
    case '"':
        if (!(e = canon_string(p)))
            return NULL;
        canon_put(c, p, (size_t)(e - p));
        return e;
    case 't':
    case 'f':
    case 'n': {
        size_t n = *p == 'f' ? 5 : 4;
        if (strncmp(p, *p == 't' ? "true" : *p == 'f' ? "false" : "null", n))
            return NULL;
        canon_put(c, p, n);
        return p + n;
    }
    case '[':
        if (depth >= CANON_MAX_DEPTH)
            return NULL;
        c->out[c->len++] = '[';
        p = canon_ws(p + 1);
        if (*p != ']')
            for (;;) {
                if (!(p = canon_value(c, p, depth + 1, false)))
                    return NULL;
                p = canon_ws(p);
                if (*p == ']')
                    break;
                if (*p != ',')
                    return NULL;
                c->out[c->len++] = ',';
                p = canon_ws(p + 1);
            }
        c->out[c->len++] = ']';
        return p + 1;
    case '{':
        break;
    default:
        if (!(e = canon_integer(p)))
            return NULL;
        canon_put(c, p, (size_t)(e - p));
        return e;
    }
    if (depth >= CANON_MAX_DEPTH)
        return NULL;
    /* the members written in input order, then again in key order when they are not */
    size_t base = c->nm, o0 = c->len;
    c->out[c->len++] = '{';
    p = canon_ws(p + 1);
    if (*p != '}')
        for (;;) {
            if (*p != '"' || !(e = canon_string(p)) || memchr(p, '\\', (size_t)(e - p)))
                return NULL;
            if (c->nm == c->am) {
                size_t na = c->am * 2;
                canon_member *m = xmalloc(na * sizeof(*m));
                memcpy(m, c->m, c->nm * sizeof(*m));
                if (c->m != c->stack)
                    free(c->m);
                c->m = m;
                c->am = na;
            }
            if (c->nm > base)
                c->out[c->len++] = ',';
            canon_member *m = &c->m[c->nm++];
            m->key = p + 1;
            m->klen = (size_t)(e - p) - 2;
            m->start = c->len;
            canon_put(c, p, (size_t)(e - p));
            p = canon_ws(e);
            if (*p != ':')
                return NULL;
            c->out[c->len++] = ':';
            if (!(p = canon_value(c, canon_ws(p + 1), depth + 1, false)))
                return NULL;
            c->m[c->nm - 1].end = c->len;
            p = canon_ws(p);
            if (*p == '}')
                break;
            if (*p != ',')
                return NULL;
            p = canon_ws(p + 1);
        }
    canon_member *m = c->m + base;
    size_t n = c->nm - base;
    bool sorted = true;
    for (size_t i = 1; i < n && sorted; i++)
        sorted = canon_key_cmp(&m[i - 1], &m[i]) < 0;
    if (!sorted) {
        qsort(m, n, sizeof(*m), canon_member_cmp);
        for (size_t i = 1; i < n; i++)
            if (!canon_key_cmp(&m[i - 1], &m[i]))
                return NULL; /* jansson keeps the last one */
    }
    bool drop = false;
    for (size_t i = 0; top && i < n && !drop; i++)
        drop = m[i].klen == 5 && !memcmp(m[i].key, "as_of", 5);
    if (!sorted || drop) {
        size_t from = o0 + 1, k = 0;
        memcpy(c->tmp, c->out + from, c->len - from);
        c->len = from;
        for (size_t i = 0; i < n; i++) {
            if (top && m[i].klen == 5 && !memcmp(m[i].key, "as_of", 5))
                continue;
            if (k++)
                c->out[c->len++] = ',';
            canon_put(c, c->tmp + (m[i].start - from), m[i].end - m[i].start);
        }
    }
    c->out[c->len++] = '}';
    c->nm = base;
    return p + 1;
}

/* The canonical text of an evidence object into c->out (c->len bytes); 0, or -1 to give up. */
static int canon_text(canon *c, const char *text)
{
    const char *p = canon_ws(text);
    if (*p != '{' || !(p = canon_value(c, p, 0, true)))
        return -1;
    return *canon_ws(p) ? -1 : 0;
}

void leads_evidence_hash(const char *text, char out[65])
{
    unsigned char h[32];
    size_t len = strlen(text);
    char small[2 * 1024];
    canon c = {.am = CANON_STACK};
    c.m = c.stack;
    c.out = len < sizeof small / 2 ? small : xmalloc(2 * (len + 1));
    c.tmp = c.out + len + 1;
    const char *canon_text_or = canon_text(&c, text) == 0 ? c.out : NULL;
    json_t *o = NULL;
    char *dumped = NULL;
    size_t n = c.len;
    if (!canon_text_or) {
        /* the "as_of" member (figures that move with the as-of date, e.g. days over a
         * limit) is not part of the evidence's identity: hash the rest, keys sorted */
        o = json_loads(text, 0, NULL);
        if (o && json_is_object(o)) {
            json_object_del(o, "as_of");
            dumped = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
        }
        canon_text_or = dumped ? dumped : text;
        n = strlen(canon_text_or);
    }
    pthread_once(&sodium_once, sodium_start); /* called from the screening threads */
    crypto_generichash(h, sizeof(h), (const unsigned char *)canon_text_or, n, NULL, 0);
    sodium_bin2hex(out, 65, h, sizeof(h));
    free(dumped);
    json_decref(o);
    if (c.out != small)
        free(c.out);
    if (c.m != c.stack)
        free(c.m);
}

int leads_screening_begin(sqlite3 *db, const char *started_at, zj_date as_of, bool full,
                          const char *models, long *id)
{
    char now[21], d[11];
    sqlite3_stmt *st =
        store_prepare(db, "INSERT INTO screenings(started_at, as_of, full_run, models)"
                          " VALUES (?1, ?2, ?3, ?4)");
    if (!st)
        return ZJ_EDB;
    sqlite3_bind_text(st, 1, started_at ? started_at : store_now(now), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, date_format(as_of, d), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 3, full ? 1 : 0);
    store_bind_text_or_null(st, 4, models);
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : ZJ_EDB;
    if (rc)
        fprintf(stderr, "zhijian: %s\n", sqlite3_errmsg(db));
    sqlite3_finalize(st);
    *id = (long)sqlite3_last_insert_rowid(db);
    return rc;
}

int leads_screening_finish(sqlite3 *db, long id, long persons, long n_new, long n_open,
                           long n_resolved)
{
    char now[21];
    sqlite3_stmt *st = store_prepare(db, "UPDATE screenings SET finished_at = ?1, persons = ?2,"
                                         " leads_new = ?3, leads_open = ?4, leads_resolved = ?5"
                                         " WHERE screening_id = ?6");
    if (!st)
        return ZJ_EDB;
    sqlite3_bind_text(st, 1, store_now(now), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, persons);
    sqlite3_bind_int64(st, 3, n_new);
    sqlite3_bind_int64(st, 4, n_open);
    sqlite3_bind_int64(st, 5, n_resolved);
    sqlite3_bind_int64(st, 6, id);
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : ZJ_EDB;
    sqlite3_finalize(st);
    return rc;
}

zj_date leads_last_screening(sqlite3 *db)
{
    zj_date out = ZJ_DATE_NONE;
    sqlite3_stmt *st =
        store_prepare(db, "SELECT as_of FROM screenings WHERE finished_at IS NOT NULL"
                          " ORDER BY screening_id DESC LIMIT 1");
    if (!st)
        return out;
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0)) {
        const char *s = (const char *)sqlite3_column_text(st, 0);
        if (date_parse(s, (unsigned)strlen(s), &out) != 0)
            out = ZJ_DATE_NONE;
    }
    sqlite3_finalize(st);
    return out;
}

static int cmp_rec(const void *a, const void *b)
{
    const lead_rec *x = a, *y = b;
    int c = strcmp(x->model_id, y->model_id);
    return c ? c : strcmp(x->subject, y->subject);
}

static leads_model_stat *find_stat(leads_model_stat *stats, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(stats[i].model_id, id))
            return &stats[i];
    return NULL;
}

bool lead_status_open(const char *status)
{
    char quoted[24];
    int n = snprintf(quoted, sizeof quoted, "'%s'", status);
    return n > 2 && (size_t)n < sizeof quoted && strstr(LEAD_OPEN_STATUSES, quoted);
}

static bool is_active(const char *status)
{
    return lead_status_open(status) || !strcmp(status, "case");
}

/* Bind a lead's fields to ins and upd of leads_apply, which number them alike: ?1 model_id,
 * ?2 subject, ?3 person_id, ?4 facility_id, ?5 region_code, ?6 family, ?7 severity,
 * ?8 the as-of date (first/last seen), ?9 summary, ?10 evidence, ?11 evidence hash,
 * ?12 basis, ?13 screening id (upd adds ?14 lead_id and ?15 the new status). The texts
 * are bound SQLITE_STATIC: they must outlive the statement's next step. */
static void bind_lead(sqlite3_stmt *st, const lead_rec *l, const char *asof, const char *hash,
                      long screening_id)
{
    sqlite3_bind_text(st, 1, l->model_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, l->subject, -1, SQLITE_STATIC);
    store_bind_text_or_null(st, 3, l->person_id);
    store_bind_text_or_null(st, 4, l->facility_id);
    store_bind_text_or_null(st, 5, l->region_code);
    store_bind_text_or_null(st, 6, l->family);
    sqlite3_bind_text(st, 7, l->severity, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 8, asof, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 9, l->summary, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 10, l->evidence, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 11, hash, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 12, l->basis, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 13, screening_id);
}

/* Whether column i of st holds v as bind_lead stores it (empty text as NULL when or_null). */
static bool col_is(sqlite3_stmt *st, int i, const char *v, bool or_null)
{
    const char *c = (const char *)sqlite3_column_text(st, i);
    if (or_null && (!v || !*v))
        return c == NULL;
    return c && v && !strcmp(c, v);
}

/* Whether the lead sel found (leads_apply's columns 3..11) is stored as l would be written:
 * the same fields and no resolved_date. */
static bool stored_same(sqlite3_stmt *sel, const lead_rec *l)
{
    return col_is(sel, 3, l->person_id, true) && col_is(sel, 4, l->facility_id, true) &&
           col_is(sel, 5, l->region_code, true) && col_is(sel, 6, l->family, true) &&
           col_is(sel, 7, l->severity, false) && col_is(sel, 8, l->summary, false) &&
           col_is(sel, 9, l->evidence, false) && col_is(sel, 10, l->basis, false) &&
           sqlite3_column_int(sel, 11) == 1;
}

/* The nat_outbox rows of leads_apply's writes when the triggers on leads are the known ones
 * (leads_triggers_known): the triggers are off, each write notes its lead id, and the ids
 * go to nat_outbox in one statement, in the order of the writes, before any write made
 * with the triggers on and at the end: the rows nat_leads_i / nat_leads_u would write. */
typedef struct outbox_defer {
    bool on;
    int trig; /* the trigger setting to restore */
    sqlite3_int64 *ids;
    size_t n, alloc;
} outbox_defer;

static void defer_start(sqlite3 *db, outbox_defer *ob, bool triggers_known)
{
    memset(ob, 0, sizeof(*ob));
    ob->on = triggers_known &&
             sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_TRIGGER, -1, &ob->trig) == SQLITE_OK &&
             sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL) == SQLITE_OK;
}

static void defer_note(outbox_defer *ob, sqlite3_int64 id)
{
    if (!ob->on)
        return;
    XGROW(ob->ids, ob->n + 1, ob->alloc);
    ob->ids[ob->n++] = id;
}

static int defer_flush(sqlite3 *db, outbox_defer *ob)
{
    if (!ob->on || ob->n == 0)
        return 0;
    strbuf sb = STRBUF_INIT;
    strbuf_init(&sb, ob->n * 8 + 2);
    strbuf_addch(&sb, '[');
    for (size_t i = 0; i < ob->n; i++)
        strbuf_addf(&sb, "%s%lld", i ? "," : "", (long long)ob->ids[i]);
    strbuf_addch(&sb, ']');
    sqlite3_stmt *st = store_prepare(db, "INSERT INTO nat_outbox(tbl, key) SELECT 'leads', value"
                                         " FROM json_each(?1) ORDER BY key");
    int rc = ZJ_EDB;
    if (st) {
        sqlite3_bind_text(st, 1, sb.buf, (int)sb.len, SQLITE_STATIC);
        rc = sqlite3_step(st) == SQLITE_DONE ? 0 : ZJ_EDB;
    }
    sqlite3_finalize(st);
    strbuf_release(&sb);
    ob->n = 0;
    return rc;
}

/* Step st (a write to leads) with the triggers on: the ids noted so far first. */
static int step_with_triggers(sqlite3 *db, outbox_defer *ob, sqlite3_stmt *st)
{
    if (!ob->on)
        return sqlite3_step(st);
    if (defer_flush(db, ob) != 0)
        return SQLITE_ERROR;
    sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 1, NULL);
    int step = sqlite3_step(st);
    sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
    return step;
}

/* The last ids noted (when rc is 0) and the triggers as they were. */
static int defer_end(sqlite3 *db, outbox_defer *ob, int rc)
{
    if (rc == 0)
        rc = defer_flush(db, ob);
    if (ob->on)
        sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_TRIGGER, ob->trig, NULL);
    free(ob->ids);
    memset(ob, 0, sizeof(*ob));
    return rc;
}

/* The open leads of the persons of a scope table that this screening did not raise, of any
 * model, for the resolution of the scoped models: one walk of leads_person from the scope's
 * persons instead of a search of each model's open leads. Sorted as the per-model query
 * (`model_id = ? AND status IN (...)` on leads_status) gave them: by model, status, id. */
typedef struct scoped_row {
    char *model_id;
    char status[16];
    sqlite3_int64 lead_id;
} scoped_row;

typedef struct scoped_open {
    scoped_row *r;
    size_t n, alloc;
} scoped_open;

static int scoped_row_cmp(const void *a, const void *b)
{
    const scoped_row *x = a, *y = b;
    int c = strcmp(x->model_id, y->model_id);
    if (!c)
        c = strcmp(x->status, y->status);
    return c ? c : (x->lead_id > y->lead_id) - (x->lead_id < y->lead_id);
}

static void scoped_open_release(scoped_open *sc)
{
    for (size_t i = 0; i < sc->n; i++)
        free(sc->r[i].model_id);
    free(sc->r);
    memset(sc, 0, sizeof(*sc));
}

static int scoped_open_load(sqlite3 *db, const char *scope_table, long screening_id,
                            scoped_open *sc)
{
    char sql[512];
    /* scope_table is a constant of the engine, never input text; CROSS JOIN: from the
     * scope's persons, whatever the planner would guess of the temporary table's size */
    snprintf(sql, sizeof(sql),
             "SELECT l.model_id, l.lead_id, l.status FROM %s s CROSS JOIN leads l"
             " ON l.person_id = s.person_id WHERE l.source = 'model'"
             " AND l.status IN " LEAD_OPEN_STATUSES " AND l.screening_id IS NOT ?1",
             scope_table);
    sqlite3_stmt *st = store_prepare(db, sql);
    if (!st)
        return ZJ_EDB;
    sqlite3_bind_int64(st, 1, screening_id);
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *m = (const char *)sqlite3_column_text(st, 0);
        const char *status = (const char *)sqlite3_column_text(st, 2);
        if (!m || !status || strlen(status) >= sizeof(sc->r[0].status))
            continue; /* not an open status (LEAD_OPEN_STATUSES): never */
        XGROW(sc->r, sc->n + 1, sc->alloc);
        scoped_row *r = &sc->r[sc->n++];
        r->model_id = xstrdup(m);
        snprintf(r->status, sizeof(r->status), "%s", status);
        r->lead_id = sqlite3_column_int64(st, 1);
    }
    sqlite3_finalize(st);
    if (sc->n > 1)
        qsort(sc->r, sc->n, sizeof(*sc->r), scoped_row_cmp);
    return step == SQLITE_DONE ? 0 : ZJ_EDB;
}

/* leads_triggers_known, from memo when it was asked in this screening. */
static bool triggers_known_memo(sqlite3 *db, long screening_id, leads_scope_memo *memo)
{
    if (!memo)
        return leads_triggers_known(db);
    if (!memo->triggers_for || memo->triggers_for != screening_id) {
        memo->triggers_known = leads_triggers_known(db);
        memo->triggers_for = screening_id;
    }
    return memo->triggers_known;
}

/* leads_apply for leads some of whose models have leads stored: each lead looked up,
 * inserted, updated or only marked seen; then the resolution by data. */
static int apply_upsert(sqlite3 *db, long screening_id, zj_date as_of, lead_rec *leads, size_t n,
                        leads_model_stat *stats, const bool *per_person, size_t n_models,
                        const char *scope_table, leads_scope_memo *memo)
{
    int rc = ZJ_EDB;
    char now[21], asof[11];
    store_now(now);
    date_format(as_of, asof);
    sqlite3_stmt *sel = NULL, *ins = NULL, *upd = NULL, *hist = NULL, *res_sel = NULL,
                 *res_upd = NULL, *seen = NULL;
    scoped_open sc = {0};
    outbox_defer ob;
    defer_start(db, &ob, triggers_known_memo(db, screening_id, memo));
    sel = store_prepare(db, "SELECT lead_id, status, evidence_hash, person_id, facility_id,"
                            " region_code, family, severity, summary, evidence, basis,"
                            " resolved_date IS NULL, source = 'model' FROM leads"
                            " WHERE model_id = ?1 AND subject = ?2");
    ins =
        store_prepare(db, "INSERT INTO leads(model_id, subject, person_id, facility_id,"
                          " region_code, family, severity, status, first_seen, last_seen,"
                          " summary, evidence, evidence_hash, basis, source, screening_id)"
                          " VALUES (?1,?2,?3,?4,?5,?6,?7,'open',?8,?8,?9,?10,?11,?12,'model',?13)");
    upd = store_prepare(db, "UPDATE leads SET person_id = ?3, facility_id = ?4, region_code = ?5,"
                            " severity = ?7, status = ?15, last_seen = ?8, summary = ?9,"
                            " evidence = ?10, evidence_hash = ?11, basis = ?12, screening_id = ?13,"
                            " resolved_date = CASE WHEN ?15 = 'resolved' THEN resolved_date END,"
                            " family = ?6 WHERE lead_id = ?14");
    hist = store_prepare(db, "INSERT INTO lead_history(lead_id, at, actor, from_status, to_status,"
                             " note) VALUES (?1, ?2, 'screening', ?3, ?4, ?5)");
    res_sel = store_prepare(db, "SELECT lead_id, status FROM leads WHERE model_id = ?1"
                                " AND source = 'model' AND status IN " LEAD_OPEN_STATUSES
                                " AND screening_id IS NOT ?2");
    seen =
        store_prepare(db, "UPDATE leads SET last_seen = ?2, screening_id = ?3 WHERE lead_id = ?1");
    res_upd = store_prepare(db, "UPDATE leads SET status = 'resolved', resolved_date = ?2,"
                                " screening_id = ?3 WHERE lead_id = ?1");
    if (!sel || !ins || !upd || !hist || !res_sel || !res_upd || !seen)
        goto out;

    for (size_t i = 0; i < n; i++) {
        lead_rec *l = &leads[i];
        if (i > 0 && !cmp_rec(&leads[i - 1], l))
            continue;
        leads_model_stat *s = find_stat(stats, n_models, l->model_id);
        char hash[65];
        if (l->hash[0])
            memcpy(hash, l->hash, sizeof(hash));
        else
            leads_evidence_hash(l->evidence, hash);
        sqlite3_reset(sel);
        sqlite3_bind_text(sel, 1, l->model_id, -1, SQLITE_STATIC);
        sqlite3_bind_text(sel, 2, l->subject, -1, SQLITE_STATIC);
        int step = sqlite3_step(sel);
        if (step == SQLITE_ROW) {
            sqlite3_int64 id = sqlite3_column_int64(sel, 0);
            char status[32], old_hash[65];
            snprintf(status, sizeof(status), "%s", (const char *)sqlite3_column_text(sel, 1));
            snprintf(old_hash, sizeof(old_hash), "%s", (const char *)sqlite3_column_text(sel, 2));
            bool same = !strcmp(old_hash, hash) && stored_same(sel, l);
            /* the person_link and region triggers check an update of another source's lead */
            bool model_source = sqlite3_column_int(sel, 12) == 1;
            sqlite3_reset(sel);
            const char *to = status, *note = NULL;
            if (!strcmp(status, "resolved")) {
                to = "open";
                note = "再次筛查命中，线索重新打开";
                if (s)
                    s->new_leads++;
            } else if (!strcmp(status, "dismissed")) {
                if (strcmp(old_hash, hash)) {
                    to = "open";
                    note = "证据发生变化，已排除线索重新打开";
                    if (s)
                        s->new_leads++;
                }
            } else if (is_active(status) && s) {
                s->still_open++;
            }
            if (same && !strcmp(to, status)) {
                /* raised again as it is stored: the dates only, no index entry rewritten */
                sqlite3_reset(seen);
                sqlite3_bind_int64(seen, 1, id);
                sqlite3_bind_text(seen, 2, asof, -1, SQLITE_STATIC);
                sqlite3_bind_int64(seen, 3, screening_id);
                if (sqlite3_step(seen) != SQLITE_DONE)
                    goto dberr;
                defer_note(&ob, id);
                continue;
            }
            sqlite3_reset(upd);
            bind_lead(upd, l, asof, hash, screening_id);
            sqlite3_bind_int64(upd, 14, id);
            sqlite3_bind_text(upd, 15, to, -1, SQLITE_STATIC);
            if ((model_source ? sqlite3_step(upd) : step_with_triggers(db, &ob, upd)) !=
                SQLITE_DONE)
                goto dberr;
            if (s)
                s->changed++;
            if (model_source)
                defer_note(&ob, id);
            if (strcmp(to, status)) {
                sqlite3_reset(hist);
                sqlite3_bind_int64(hist, 1, id);
                sqlite3_bind_text(hist, 2, now, -1, SQLITE_STATIC);
                sqlite3_bind_text(hist, 3, status, -1, SQLITE_TRANSIENT);
                sqlite3_bind_text(hist, 4, to, -1, SQLITE_STATIC);
                store_bind_text_or_null(hist, 5, note);
                if (sqlite3_step(hist) != SQLITE_DONE)
                    goto dberr;
            }
        } else if (step == SQLITE_DONE) {
            sqlite3_reset(sel);
            sqlite3_reset(ins);
            bind_lead(ins, l, asof, hash, screening_id);
            if (sqlite3_step(ins) != SQLITE_DONE)
                goto dberr;
            sqlite3_int64 id = sqlite3_last_insert_rowid(db);
            defer_note(&ob, id);
            sqlite3_reset(hist);
            sqlite3_bind_int64(hist, 1, id);
            sqlite3_bind_text(hist, 2, now, -1, SQLITE_STATIC);
            sqlite3_bind_null(hist, 3);
            sqlite3_bind_text(hist, 4, "open", -1, SQLITE_STATIC);
            sqlite3_bind_text(hist, 5, "筛查新发现", -1, SQLITE_STATIC);
            if (sqlite3_step(hist) != SQLITE_DONE)
                goto dberr;
            if (s) {
                s->new_leads++;
                s->changed++;
            }
        } else {
            goto dberr;
        }
    }

    /* resolution by data; the scoped models' candidates in one query from the scope */
    bool any_scoped = false;
    for (size_t m = 0; scope_table && m < n_models; m++)
        any_scoped |= per_person[m];
    if (any_scoped) {
        /* the scope's count: scope_table is a constant of the engine, never input text */
        sqlite3_int64 rows = -1;
        if (memo) {
            char sql[128];
            snprintf(sql, sizeof(sql), "SELECT count(*) FROM %s", scope_table);
            if (store_query_int64(db, sql, &rows) != SQLITE_OK)
                rows = -1;
        }
        if (memo && rows >= 0 && memo->screening_id == screening_id && memo->rows == rows) {
            memo->skipped++; /* none then, none now */
        } else {
            if (scoped_open_load(db, scope_table, screening_id, &sc) != 0)
                goto dberr;
            if (memo) {
                memo->looked++;
                memo->screening_id = sc.n == 0 && rows >= 0 ? screening_id : 0;
                memo->rows = rows;
            }
        }
    }
    for (size_t m = 0; m < n_models; m++) {
        size_t nid = 0, aid = 0;
        sqlite3_int64 *ids = NULL;
        char(*sts)[16] = NULL;
        size_t ast = 0;
        int step = SQLITE_DONE;
        if (scope_table && per_person[m]) {
            for (size_t k = 0; k < sc.n; k++) {
                if (strcmp(sc.r[k].model_id, stats[m].model_id))
                    continue;
                XGROW(ids, nid + 1, aid);
                XGROW(sts, nid + 1, ast);
                ids[nid] = sc.r[k].lead_id;
                snprintf(sts[nid], 16, "%s", sc.r[k].status);
                nid++;
            }
        } else {
            sqlite3_reset(res_sel);
            sqlite3_bind_text(res_sel, 1, stats[m].model_id, -1, SQLITE_STATIC);
            sqlite3_bind_int64(res_sel, 2, screening_id);
            while ((step = sqlite3_step(res_sel)) == SQLITE_ROW) {
                XGROW(ids, nid + 1, aid);
                XGROW(sts, nid + 1, ast);
                ids[nid] = sqlite3_column_int64(res_sel, 0);
                snprintf(sts[nid], 16, "%s", (const char *)sqlite3_column_text(res_sel, 1));
                nid++;
            }
            sqlite3_reset(res_sel);
        }
        int bad = step != SQLITE_DONE;
        for (size_t k = 0; !bad && k < nid; k++) {
            sqlite3_reset(res_upd);
            sqlite3_bind_int64(res_upd, 1, ids[k]);
            sqlite3_bind_text(res_upd, 2, asof, -1, SQLITE_STATIC);
            sqlite3_bind_int64(res_upd, 3, screening_id);
            if (sqlite3_step(res_upd) != SQLITE_DONE) {
                bad = 1;
                break;
            }
            defer_note(&ob, ids[k]);
            sqlite3_reset(hist);
            sqlite3_bind_int64(hist, 1, ids[k]);
            sqlite3_bind_text(hist, 2, now, -1, SQLITE_STATIC);
            sqlite3_bind_text(hist, 3, sts[k], -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(hist, 4, "resolved", -1, SQLITE_STATIC);
            sqlite3_bind_text(hist, 5, "筛查未再命中，数据显示已解决", -1, SQLITE_STATIC);
            if (sqlite3_step(hist) != SQLITE_DONE)
                bad = 1;
            stats[m].resolved++;
            stats[m].changed++;
        }
        free(ids);
        free(sts);
        if (bad)
            goto dberr;
    }
    rc = 0;
    goto out;
dberr:
    fprintf(stderr, "zhijian: %s\n", sqlite3_errmsg(db));
    rc = ZJ_EDB;
out:
    sqlite3_finalize(sel);
    sqlite3_finalize(ins);
    sqlite3_finalize(upd);
    sqlite3_finalize(hist);
    sqlite3_finalize(res_sel);
    scoped_open_release(&sc);
    sqlite3_finalize(res_upd);
    sqlite3_finalize(seen);
    if (rc == 0) {
        if ((rc = defer_end(db, &ob, 0)) != 0)
            fprintf(stderr, "zhijian: %s\n", sqlite3_errmsg(db));
    } else {
        defer_end(db, &ob, rc);
    }
    return rc;
}

/* The triggers on leads (schema_person_link*.sql, schema_national.sql), name and text in
 * name order, hashed: apply_new writes what they write for a lead a screening inserts. */
#define LEADS_TRIGGERS_DIGEST "eede7d4dd66c388dbf730646bb1eb684287a6545f74aa07fe473d7311e646225"

bool leads_triggers_known(sqlite3 *db)
{
    sqlite3_stmt *st = store_prepare(
        db, "SELECT name || char(10) || sql FROM (SELECT name, sql FROM main.sqlite_schema"
            " WHERE type = 'trigger' AND tbl_name = 'leads' UNION ALL SELECT name, sql"
            " FROM temp.sqlite_schema WHERE type = 'trigger' AND tbl_name = 'leads')"
            " ORDER BY 1");
    if (!st)
        return false;
    crypto_generichash_state h;
    unsigned char d[32];
    char hex[65];
    pthread_once(&sodium_once, sodium_start);
    crypto_generichash_init(&h, NULL, 0, sizeof d);
    while (sqlite3_step(st) == SQLITE_ROW)
        crypto_generichash_update(&h, sqlite3_column_text(st, 0),
                                  (size_t)sqlite3_column_bytes(st, 0) + 1);
    sqlite3_finalize(st);
    crypto_generichash_final(&h, d, sizeof d);
    sodium_bin2hex(hex, sizeof hex, d, sizeof d);
    return !strcmp(hex, LEADS_TRIGGERS_DIGEST);
}

/* Whether the largest lead id is so large that SQLite may pick the next ones at random. */
static bool query_max_near_limit(sqlite3 *db)
{
    sqlite3_int64 near;
    return store_query_int64(db, "SELECT max(lead_id) >= 4611686018427387904 FROM leads", &near) ||
           near;
}

/* Whether no lead of the models of leads[0..n) (sorted) and stats[0..n_models) is stored,
 * and the lead ids to come follow the largest stored one. */
static bool none_stored(sqlite3 *db, const lead_rec *leads, size_t n, const leads_model_stat *stats,
                        size_t n_models)
{
    sqlite3_stmt *st = store_prepare(db, "SELECT 1 FROM leads WHERE model_id = ?1 LIMIT 1");
    bool none = st != NULL;
    for (size_t i = 0; none && i < n + n_models; i++) {
        const char *m = i < n ? leads[i].model_id : stats[i - n].model_id;
        if (i > 0 && i < n && !strcmp(m, leads[i - 1].model_id))
            continue;
        sqlite3_reset(st);
        sqlite3_bind_text(st, 1, m, -1, SQLITE_STATIC);
        none = sqlite3_step(st) == SQLITE_DONE;
    }
    sqlite3_finalize(st);
    return none && !query_max_near_limit(db);
}

/* leads_apply when none of the models has a lead stored (a first screening): every lead
 * is inserted, with the triggers off and their effects written after (one nat_outbox row
 * per lead, as nat_leads_i; the others act on leads whose source is not 'model'), as are
 * the lead_history rows, each in one statement: the same rows, ids and order as
 * apply_upsert writes. Nothing to resolve. */
static int apply_new(sqlite3 *db, long screening_id, const char *asof, const char *now,
                     lead_rec *leads, size_t n, leads_model_stat *stats, size_t n_models)
{
    int rc = ZJ_EDB, trig = 1;
    sqlite3_int64 first = 0;
    /* the int receives the setting after the call: read it first, to restore it */
    if (sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_TRIGGER, -1, &trig) != SQLITE_OK ||
        sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL) != SQLITE_OK)
        return ZJ_EDB;
    sqlite3_stmt *ins =
        store_prepare(db, "INSERT INTO leads(model_id, subject, person_id, facility_id,"
                          " region_code, family, severity, status, first_seen, last_seen,"
                          " summary, evidence, evidence_hash, basis, source, screening_id)"
                          " VALUES (?1,?2,?3,?4,?5,?6,?7,'open',?8,?8,?9,?10,?11,?12,'model',?13)");
    for (size_t i = 0; ins && i < n; i++) {
        lead_rec *l = &leads[i];
        if (i > 0 && !cmp_rec(&leads[i - 1], l))
            continue;
        char hash[65];
        if (l->hash[0])
            memcpy(hash, l->hash, sizeof(hash));
        else
            leads_evidence_hash(l->evidence, hash);
        sqlite3_reset(ins);
        bind_lead(ins, l, asof, hash, screening_id);
        if (sqlite3_step(ins) != SQLITE_DONE)
            goto out;
        if (!first)
            first = sqlite3_last_insert_rowid(db);
        leads_model_stat *s = find_stat(stats, n_models, l->model_id);
        if (s) {
            s->new_leads++;
            s->changed++;
        }
    }
    if (!ins)
        goto out;
    rc = 0;
out:
    sqlite3_finalize(ins);
    sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_TRIGGER, trig, NULL);
    if (rc == 0 && first) {
        sqlite3_stmt *hist = store_prepare(
            db, "INSERT INTO lead_history(lead_id, at, actor, from_status, to_status, note)"
                " SELECT lead_id, ?1, 'screening', NULL, 'open', '筛查新发现' FROM leads"
                " WHERE lead_id >= ?2 ORDER BY lead_id");
        sqlite3_stmt *box = store_prepare(db, "INSERT INTO nat_outbox(tbl, key) SELECT 'leads',"
                                              " lead_id FROM leads WHERE lead_id >= ?1"
                                              " ORDER BY lead_id");
        if (hist && box) {
            sqlite3_bind_text(hist, 1, now, -1, SQLITE_STATIC);
            sqlite3_bind_int64(hist, 2, first);
            sqlite3_bind_int64(box, 1, first);
        }
        if (!hist || !box || sqlite3_step(hist) != SQLITE_DONE || sqlite3_step(box) != SQLITE_DONE)
            rc = ZJ_EDB;
        sqlite3_finalize(hist);
        sqlite3_finalize(box);
    }
    if (rc)
        fprintf(stderr, "zhijian: %s\n", sqlite3_errmsg(db));
    return rc;
}

int leads_apply(sqlite3 *db, long screening_id, zj_date as_of, lead_rec *leads, size_t n,
                leads_model_stat *stats, const bool *per_person, size_t n_models,
                const char *scope_table)
{
    return leads_apply_memo(db, screening_id, as_of, leads, n, stats, per_person, n_models,
                            scope_table, NULL);
}

int leads_apply_memo(sqlite3 *db, long screening_id, zj_date as_of, lead_rec *leads, size_t n,
                     leads_model_stat *stats, const bool *per_person, size_t n_models,
                     const char *scope_table, leads_scope_memo *memo)
{
    if (n > 1)
        qsort(leads, n, sizeof(*leads), cmp_rec);
    if (none_stored(db, leads, n, stats, n_models) && triggers_known_memo(db, screening_id, memo)) {
        char now[21], asof[11];
        store_now(now);
        date_format(as_of, asof);
        return apply_new(db, screening_id, asof, now, leads, n, stats, n_models);
    }
    return apply_upsert(db, screening_id, as_of, leads, n, stats, per_person, n_models, scope_table,
                        memo);
}

const char *leads_family_id(const char *area)
{
    static const struct {
        const char *name, *family;
    } areas[] = {{"涉企", "enterprise"},
                 {"涉企执法", "enterprise"},
                 {"犯罪记录封存", "juvenile"},
                 {"封存", "juvenile"}};
    for (size_t i = 0; area && i < sizeof areas / sizeof areas[0]; i++)
        if (!strcmp(areas[i].name, area))
            return areas[i].family;
    return area;
}

int leads_list(sqlite3 *db, const leads_filter *f, int (*fn)(sqlite3_stmt *row, void *arg),
               void *arg)
{
    sqlite3_stmt *st = store_prepare(
        db, "SELECT model_id, subject, person_id, facility_id, region_code, severity, status,"
            " first_seen, summary, basis, evidence, last_seen, resolved_date, family, lead_id"
            " FROM leads WHERE (?1 IS NULL OR model_id = ?1) AND (?2 IS NULL OR status = ?2)"
            " AND (?3 IS NULL OR person_id = ?3) AND (?4 IS NULL OR family = ?4)"
            " ORDER BY model_id, subject");
    if (!st)
        return ZJ_EDB;
    store_bind_text_or_null(st, 1, f ? f->model_id : NULL);
    store_bind_text_or_null(st, 2, f ? f->status : NULL);
    store_bind_text_or_null(st, 3, f ? f->person_id : NULL);
    store_bind_text_or_null(st, 4, f ? leads_family_id(f->family) : NULL);
    int rc = 0, step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        rc = fn(st, arg);
        if (rc)
            break;
    }
    if (!rc && step != SQLITE_DONE)
        rc = ZJ_EDB;
    sqlite3_finalize(st);
    return rc;
}

void leads_csv_row(strbuf *sb, const char *const cells[LEADS_CSV_COLUMNS])
{
    for (int i = 0; i < LEADS_CSV_COLUMNS; i++) {
        if (i)
            strbuf_addch(sb, ',');
        strbuf_add_csv(sb, cells[i] ? cells[i] : "");
    }
    strbuf_addch(sb, '\n');
}
