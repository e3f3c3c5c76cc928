/* test_gen_plant.c — the table of planted scenarios (src/gen/gen_plant.c): one row per
 * planted model (the plant schedule's and the custody-safety ones of gen_safety.c), each a
 * model of the catalog, with the widths and near-miss ends docs/gen.md describes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "gen/gen_plant_int.h"
#include "models/catalog.h"

static void test_every_model_a_catalog_row(void **state)
{
    (void)state;
    for (int m = 0; m < M_NMODELS; m++) {
        const char *id = gen_plant_id(m);
        assert_non_null(id);
        assert_non_null(catalog_find(id));
        for (int n = 0; n < m; n++)
            assert_string_not_equal(id, gen_plant_id(n));
    }
    assert_string_equal(gen_plant_id(M_DEL01), "DEL-01");
    assert_string_equal(gen_plant_id(M_CHG14), "CHG-14");
    assert_string_equal(gen_plant_id(M_JUV01), "JUV-01");
    assert_string_equal(gen_plant_id(M_CUS05), "CUS-05");
    assert_string_equal(gen_plant_id(M_REL01), "REL-01");
}

static int model_of(const char *id)
{
    for (int m = 0; m < M_NMODELS; m++)
        if (!strcmp(gen_plant_id(m), id))
            return m;
    fail_msg("no planted model %s", id);
    return -1;
}

static void test_widths(void **state)
{
    (void)state;
    for (int m = 0; m < M_NMODELS; m++)
        for (int near = 0; near < 2; near++)
            for (int k = 0; k < 4; k++) {
                int w = gen_plant_width(m, near, k);
                const char *id = gen_plant_id(m);
                if (!strcmp(id, "CUS-01") || !strcmp(id, "CUS-02"))
                    assert_int_equal(w, 2);
                else if (!strcmp(id, "DUTY-01"))
                    assert_int_equal(w, near ? 2 : 3);
                else if (!strcmp(id, "CHG-11"))
                    assert_int_equal(w, !near && k % 2 == 0 ? 3 : 1);
                else
                    assert_int_equal(w, 1);
            }
    for (int m = 0; m < M_NMODELS; m++)
        assert_int_equal(gen_plant_codefendants(m), m == model_of("CUS-02"));
}

/* The near misses on the opening end of their window by the slot's k (CHG-12 adds its
 * opening end in its records step, beside the closing one). */
static void test_opening_ends(void **state)
{
    (void)state;
    static const struct {
        const char *id;
        int every, at;
    } open[] = {{"PAP-01", 1, 0}, {"PAP-02", 2, 1}, {"REC-01", 3, 1},
                {"JUV-01", 4, 0}, {"CUS-01", 2, 1}, {"CUS-02", 2, 1}};
    for (int m = 0; m < M_NMODELS; m++)
        for (int k = 0; k < 12; k++) {
            struct gen_slot plant = {m, 0, k, 1, 0}, near = {m, 1, k, 1, 0};
            int want = 0;
            for (size_t i = 0; i < sizeof open / sizeof *open; i++)
                if (!strcmp(gen_plant_id(m), open[i].id))
                    want = k % open[i].every == open[i].at;
            assert_int_equal(plant_opens(&plant), 0);
            assert_int_equal(plant_opens(&near), want);
        }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_model_a_catalog_row),
        cmocka_unit_test(test_widths),
        cmocka_unit_test(test_opening_ends),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
