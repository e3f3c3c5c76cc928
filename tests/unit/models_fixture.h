/*
 * models_fixture.h — helpers for the screening-engine tests: a temporary database built
 * by SQL inserts, one screening, and questions about the stored leads.
 */
#ifndef ZJ_MODELS_FIXTURE_H
#define ZJ_MODELS_FIXTURE_H
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "models/engine.h"
#include "store/store.h"

typedef struct fx {
    sqlite3 *db;
    char path[64];
} fx;

static inline void fx_exec(fx *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static inline void fx_exec(fx *f, const char *fmt, ...)
{
    char sql[8192];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(sql, sizeof(sql), fmt, ap);
    va_end(ap);
    char *err = NULL;
    if (sqlite3_exec(f->db, sql, NULL, NULL, &err) != SQLITE_OK) {
        fprintf(stderr, "fixture sql failed: %s\n%s\n", err, sql);
        sqlite3_free(err);
        fail();
    }
}

/* A fresh database with facilities PR1 prison, JV1 juvenile prison, DC1 detention centre,
 * CT1 court, HS1 designated hospital, HS2 other hospital, CC1 community corrections. */
static inline void fx_open(fx *f)
{
    snprintf(f->path, sizeof(f->path), "/tmp/zj-models-XXXXXX");
    int fd = mkstemp(f->path);
    assert_true(fd >= 0);
    close(fd);
    unlink(f->path);
    zj_diag d = {0};
    assert_int_equal(store_open(f->path, 0, &f->db, &d), 0);
    fx_exec(f, "INSERT INTO facilities(facility_id, name, kind, region_code, designated) VALUES"
               " ('PR1','第一监狱','prison','110101',NULL),"
               " ('JV1','未成年犯管教所','juvenile_prison','110101',NULL),"
               " ('DC1','第一看守所','detention_center','110102',NULL),"
               " ('CT1','中级法院','court','110105',NULL),"
               " ('HS1','指定医院','hospital','110101',1),"
               " ('HS2','普通医院','hospital','110101',0),"
               " ('CC1','社区矫正中心','community_corrections','110101',NULL)");
}

static inline void fx_close(fx *f)
{
    store_close(f->db);
    char p[96];
    unlink(f->path);
    snprintf(p, sizeof(p), "%s-wal", f->path);
    unlink(p);
    snprintf(p, sizeof(p), "%s-shm", f->path);
    unlink(p);
}

static inline void fx_person(fx *f, const char *pid, const char *birth, const char *id_number)
{
    fx_exec(f, "INSERT INTO persons(person_id, id_number, name, gender, birth_date)"
               " VALUES ('%s', %s%s%s, '测试%s', 'M', '%s')",
            pid, id_number ? "'" : "", id_number ? id_number : "NULL", id_number ? "'" : "", pid,
            birth);
}

/* A judgment with the common fields; extra is ", col = val" SQL for an UPDATE after. */
static inline void fx_judgment(fx *f, const char *jid, const char *pid, const char *penalty, int months,
                        const char *offense, const char *effective, const char *notice)
{
    char m[16];
    snprintf(m, sizeof(m), "%d", months);
    fx_exec(f, "INSERT INTO judgments(judgment_id, person_id, case_no, court_id, charges,"
               " offense_date, judgment_date, effective_date, notice_date, penalty, term_months,"
               " term_days, recidivist) VALUES ('%s','%s','（2024）京01刑初%s号','CT1','盗窃罪',"
               "'%s','%s','%s',%s%s%s,'%s',%s,0,0)",
            jid, pid, jid, offense, effective, effective, notice ? "'" : "",
            notice ? notice : "NULL", notice ? "'" : "", penalty, months > 0 ? m : "NULL");
}

static inline void fx_event(fx *f, const char *eid, const char *pid, const char *fac, const char *type,
                     const char *date, const char *jid)
{
    fx_exec(f, "INSERT INTO custody(event_id, person_id, facility_id, event_type, event_date,"
               " judgment_id) VALUES ('%s','%s','%s','%s','%s',%s%s%s)",
            eid, pid, fac, type, date, jid ? "'" : "", jid ? jid : "NULL", jid ? "'" : "");
}

/* Screen (full) with one model, or all when model is NULL. Returns the engine's code. */
static inline int fx_screen_opts(fx *f, const char *as_of, const char *model, int jobs, bool full)
{
    engine_opts o = {0};
    const char *ids[1] = {model};
    assert_int_equal(date_parse(as_of, 10, &o.as_of), 0);
    o.models = model ? ids : NULL;
    o.n_models = model ? 1 : 0;
    o.jobs = jobs;
    o.full = full;
    engine_result r;
    zj_diag d = {0};
    int rc = engine_screen(f->db, &o, &r, &d);
    if (rc)
        fprintf(stderr, "screen failed: %s\n", d.message);
    engine_result_release(&r);
    return rc;
}

static inline void fx_screen(fx *f, const char *as_of, const char *model)
{
    assert_int_equal(fx_screen_opts(f, as_of, model, 1, true), 0);
}

static inline long fx_long(fx *f, const char *sql, const char *a, const char *b)
{
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(f->db, sql, -1, &st, NULL), SQLITE_OK);
    if (a)
        sqlite3_bind_text(st, 1, a, -1, SQLITE_TRANSIENT);
    if (b)
        sqlite3_bind_text(st, 2, b, -1, SQLITE_TRANSIENT);
    long v = -1;
    if (sqlite3_step(st) == SQLITE_ROW)
        v = (long)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* Is there an open lead of model about subject? */
static inline bool fx_lead(fx *f, const char *model, const char *subject)
{
    return fx_long(f, "SELECT count(*) FROM leads WHERE model_id = ?1 AND subject = ?2"
                      " AND status = 'open'", model, subject) == 1;
}

static inline long fx_count(fx *f, const char *model)
{
    return fx_long(f, "SELECT count(*) FROM leads WHERE model_id = ?1 AND status = 'open'",
                   model, NULL);
}

/* Print the leads (debugging a failing test). */
static inline void fx_dump(fx *f)
{
    sqlite3_stmt *st;
    sqlite3_prepare_v2(f->db, "SELECT model_id, subject, status, summary FROM leads", -1, &st, NULL);
    while (sqlite3_step(st) == SQLITE_ROW)
        fprintf(stderr, "  lead %s %s %s %s\n", sqlite3_column_text(st, 0),
                sqlite3_column_text(st, 1), sqlite3_column_text(st, 2), sqlite3_column_text(st, 3));
    sqlite3_finalize(st);
}

/* Assert: exactly one open lead of model, about subject. */
#define FX_FIRES_ONLY(f, model, subject)                                                   \
    do {                                                                                   \
        if (!fx_lead(f, model, subject) || fx_count(f, model) != 1)                        \
            fx_dump(f);                                                                    \
        assert_true(fx_lead(f, model, subject));                                           \
        assert_int_equal(fx_count(f, model), 1);                                           \
    } while (0)

#endif
