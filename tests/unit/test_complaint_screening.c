/* test_complaint_screening.c — the complaint page and the leads judge a person with one
 * calculation: on every person of a generated county (background noise, long terms, the
 * planted cases), the law core's figures of the latest effective judgment as the complaint
 * calculation gives them (office_person_calc_json: one person loaded alone) equal the
 * figures of the screening's own pass over all persons (engine_walk: the cursors of every
 * feed merged by person_id). Any second way from the data to a law case, or a loader that
 * reads one person differently from the pass, shows up here as a difference. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cases/office.h"
#include "gen/gen.h"
#include "ingest/ingest.h"
#include "law/law_json.h"
#include "models/engine.h"
#include "models/timeline.h"
#include "store/store.h"

static const zj_scope COUNTRY = {.kind = SCOPE_COUNTRY};

#define AS_OF "2026-06-30"

struct walk {
    sqlite3 *db;
    zj_date as_of;
    long compared, differ, with_changes, with_priors;
};

/* The latest judgment in effect on as_of (ties: the greater id), as the complaint takes it. */
static long latest_effective(const zj_timeline *tl)
{
    long ji = -1;
    for (size_t i = 0; i < tl->n_jud; i++) {
        const tl_judgment *j = &tl->jud[i];
        if (j->effective_date == ZJ_DATE_NONE || j->effective_date > tl->as_of)
            continue;
        if (ji < 0 || j->effective_date > tl->jud[ji].effective_date ||
            (j->effective_date == tl->jud[ji].effective_date &&
             strcmp(j->judgment_id, tl->jud[ji].judgment_id) > 0))
            ji = (long)i;
    }
    return ji;
}

static int compare_person(const zj_timeline *tl, void *arg)
{
    struct walk *w = arg;
    long ji = latest_effective(tl);
    if (ji < 0 || !tl->figs_ok[ji])
        return 0;
    struct law_request r;
    law_case_from_timeline(tl, (size_t)ji, &r);
    json_t *screening = law_figures_to_json(&r, &tl->figs[ji]);
    w->with_changes += r.c.n_changes > 0;
    w->with_priors += r.c.n_priors > 0;
    law_request_release(&r);

    json_t *complaint = NULL;
    zj_diag d = {0};
    int rc = office_person_calc_json(w->db, &COUNTRY, tl->person_id, w->as_of, &complaint, &d);
    if (rc != 0) {
        fprintf(stderr, "%s: complaint calc failed: %s\n", tl->person_id, d.message);
        w->differ++;
    } else {
        json_t *c = json_object_get(complaint, "computed");
        const char *cj = json_string_value(json_object_get(complaint, "judgment_id"));
        if (!cj || strcmp(cj, tl->jud[ji].judgment_id) || !json_equal(c, screening)) {
            if (w->differ < 5) {
                char *a = json_dumps(screening, JSON_COMPACT | JSON_SORT_KEYS);
                char *b = json_dumps(c, JSON_COMPACT | JSON_SORT_KEYS);
                fprintf(stderr, "%s (%s / %s):\n  screening %s\n  complaint %s\n", tl->person_id,
                        tl->jud[ji].judgment_id, cj ? cj : "-", a, b);
                free(a);
                free(b);
            }
            w->differ++;
        }
    }
    json_decref(complaint);
    json_decref(screening);
    w->compared++;
    return 0;
}

static void complaint_equals_screening(void **state)
{
    (void)state;
    char dir[] = "/tmp/zj_cmp_XXXXXX";
    assert_non_null(mkdtemp(dir));
    char gen_dir[sizeof dir + 8], db_path[sizeof dir + 8], err[256];
    snprintf(gen_dir, sizeof gen_dir, "%s/g", dir);
    snprintf(db_path, sizeof db_path, "%s/t.db", dir);

    struct gen_options go;
    gen_options_default(&go);
    go.out_dir = gen_dir;
    go.persons = 3000;
    go.seed = 11;
    go.noise = 2;
    go.long_share = 100;
    assert_int_equal(date_parse(AS_OF, 10, &go.as_of), 0);
    assert_int_equal(gen_run(&go, err, sizeof err), 0);

    sqlite3 *db;
    zj_diag d = {0};
    assert_int_equal(store_open(db_path, 0, &db, &d), 0);
    FILE *log = fopen("/dev/null", "w");
    struct ingest_options io = {.encoding = INGEST_ENC_AUTO, .as_of = go.as_of, .log = log};
    struct ingest_summary sum;
    assert_int_equal(ingest_dir(db, gen_dir, &io, &sum), 0);
    fclose(log);

    struct walk w = {.db = db, .as_of = go.as_of};
    assert_int_equal(engine_walk(db, go.as_of, compare_person, &w), 0);
    fprintf(stderr,
            "compared %ld persons (%ld with sentence changes, %ld with priors): %ld differ\n",
            w.compared, w.with_changes, w.with_priors, w.differ);
    assert_true(w.compared > 2000);
    assert_true(w.with_changes > 200);
    assert_true(w.with_priors > 50);
    assert_int_equal(w.differ, 0);
    store_close(db);
    char cmd[sizeof dir + 16];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    assert_int_equal(system(cmd), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(complaint_equals_screening),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
