/*
 * models2_harness.h — shared by the tests of the community, political, property, custody
 * and second-order models (test_models2_*.c): a temporary database built with SQL inserts,
 * a collecting lead sink (this test program's own lead_sink_emit, so the models run
 * exactly as in a screening without the engine), and assertions on the subjects raised.
 */
#ifndef MODELS2_HARNESS_H
#define MODELS2_HARNESS_H
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "models/model.h"
#include "models/models2.h"
#include "store/store.h"

#define H_MAX_LEADS 64

struct lead_sink {
    int n;
    char *model[H_MAX_LEADS], *subject[H_MAX_LEADS], *summary[H_MAX_LEADS];
    char *evidence[H_MAX_LEADS], *basis[H_MAX_LEADS], *severity[H_MAX_LEADS];
};

int lead_sink_emit(lead_sink *s, const zj_lead *l)
{
    assert_non_null(l->subject);
    assert_true(s->n < H_MAX_LEADS);
    s->model[s->n] = strdup(l->model_id ? l->model_id : "");
    s->subject[s->n] = strdup(l->subject);
    s->summary[s->n] = strdup(l->summary ? l->summary : "");
    s->evidence[s->n] = strdup(l->evidence ? l->evidence : "");
    s->basis[s->n] = strdup(l->basis ? l->basis : "");
    s->severity[s->n] = strdup(l->severity ? l->severity : "");
    s->n++;
    return 0;
}

static void h_sink_release(lead_sink *s)
{
    for (int i = 0; i < s->n; i++) {
        free(s->model[i]);
        free(s->subject[i]);
        free(s->summary[i]);
        free(s->evidence[i]);
        free(s->basis[i]);
        free(s->severity[i]);
    }
    memset(s, 0, sizeof *s);
}

static char h_path[64];

/* A fresh database with the schema and the shared facilities, persons and judgment. */
static sqlite3 *h_open(void)
{
    snprintf(h_path, sizeof h_path, "/tmp/zj_models2_XXXXXX");
    int fd = mkstemp(h_path);
    assert_true(fd >= 0);
    close(fd);
    unlink(h_path);
    sqlite3 *db = NULL;
    zj_diag d = {0};
    assert_int_equal(store_open(h_path, 0, &db, &d), 0);
    assert_int_equal(
        store_exec(db,
                   "INSERT INTO facilities(facility_id,name,kind,region_code,designated) VALUES"
                   " ('A1','朝阳区社区矫正管理局','community_corrections','110105',NULL),"
                   " ('C1','朝阳区人民法院','court','110105',NULL),"
                   " ('P1','第一监狱','prison','110106',NULL),"
                   " ('P2','第二监狱','prison','110107',NULL),"
                   " ('D1','朝阳区看守所','detention_center','110105',NULL),"
                   " ('H1','第一医院','hospital','110105',1);",
                   &d),
        0);
    return db;
}

static void h_close(sqlite3 *db)
{
    store_close(db);
    char p[80];
    unlink(h_path);
    snprintf(p, sizeof p, "%s-wal", h_path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", h_path);
    unlink(p);
}

static void h_exec(sqlite3 *db, const char *sql)
{
    zj_diag d = {0};
    int rc = store_exec(db, sql, &d);
    if (rc)
        fail_msg("fixture sql failed: %s", d.message);
}

/* Persons P<id> with the given birth date; id_number = "ID" + id. */
static void h_person(sqlite3 *db, const char *id, const char *birth)
{
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "INSERT INTO persons(person_id,id_number,name,birth_date)"
                                        " VALUES (?1, 'ID' || ?1, '张' || ?1, ?2)",
                                        -1, &st, NULL),
                     SQLITE_OK);
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, birth, -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
}

static const model_def *h_find(const model_def *family, const char *id)
{
    for (const model_def *m = family; m->id; m++)
        if (!strcmp(m->id, id))
            return m;
    fail_msg("no model '%s' in the family", id);
    return NULL;
}

/* Run model id of family on db at as_of; check the subjects raised are exactly `want`
 * (NULL-terminated list, any order), each with a summary, JSON evidence and a basis. */
static void h_expect(sqlite3 *db, const model_def *family, const char *id, const char *as_of,
                     const char *const *want)
{
    const model_def *m = h_find(family, id);
    model_ctx ctx = {.db = db, .params = NULL};
    assert_int_equal(date_parse(as_of, 10, &ctx.as_of), 0);
    lead_sink s = {0};
    assert_non_null(m->run_set);
    assert_true(m->run_set(&ctx, &s) >= 0);
    int n_want = 0;
    for (const char *const *w = want; *w; w++) {
        bool found = false;
        for (int i = 0; i < s.n; i++)
            found |= !strcmp(s.subject[i], *w);
        if (!found)
            fail_msg("%s: expected a lead on '%s' (got %d leads)", id, *w, s.n);
        n_want++;
    }
    for (int i = 0; i < s.n; i++) {
        bool wanted = false;
        for (const char *const *w = want; *w; w++)
            wanted |= !strcmp(s.subject[i], *w);
        if (!wanted)
            fail_msg("%s: unexpected lead on '%s': %s", id, s.subject[i], s.summary[i]);
        assert_string_equal(s.model[i], id);
        assert_true(strlen(s.summary[i]) > 10);
        assert_null(strstr(s.summary[i], "  "));
        assert_true(s.evidence[i][0] == '{');
        assert_true(strlen(s.basis[i]) > 3);
        assert_true(!strcmp(s.severity[i], "high") || !strcmp(s.severity[i], "medium") ||
                    !strcmp(s.severity[i], "low"));
    }
    assert_int_equal(s.n, n_want);
    h_sink_release(&s);
}

#define WANT(...) ((const char *const[]){__VA_ARGS__, NULL})
#define NONE ((const char *const[]){NULL})

#endif
