/*
 * test_params_models.c — the models' (cfg) thresholds in the law core's parameter table
 * (law.h struct law_params, params.c): every rule-prefixed key ("CHG-10.bonus_cap") that a
 * built-in model lists in its catalog parameters (`zhijian models`) is a law parameter
 * with that default; the keys of models.md's (cfg) numbers exist with their defaults; a
 * config text setting them is parsed, and bad lines name the line and the key.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "law/law.h"
#include "models/catalog.h"

static long param_default(const char *key, int *found)
{
    *found = 0;
    for (size_t i = 0; i < law_params_count(); i++) {
        long v = 0;
        const char *k = law_params_key(i, NULL, &v);
        if (!strcmp(k, key)) {
            *found = 1;
            return v;
        }
    }
    return -1;
}

/* catalog parameters named by a law key carry its default value */
static void test_catalog_keys_are_params(void **state)
{
    (void)state;
    size_t n, checked = 0;
    const model_def *m = catalog_models(&n);
    for (size_t i = 0; i < n; i++) {
        if (!m[i].params || !*m[i].params)
            continue;
        json_t *o = json_loads(m[i].params, 0, NULL);
        assert_non_null(o);
        const char *key;
        json_t *v;
        json_object_foreach(o, key, v)
        {
            if (!strchr(key, '.'))
                continue; /* a statutory number of the model, not a (cfg) key */
            int found;
            long def = param_default(key, &found);
            if (!found)
                fail_msg("model %s lists unknown parameter '%s'", m[i].id, key);
            assert_true(json_is_integer(v));
            if (json_integer_value(v) != def)
                fail_msg("model %s lists %s = %lld, default %ld", m[i].id, key,
                         (long long)json_integer_value(v), def);
            checked++;
        }
        json_decref(o);
    }
    assert_true(checked >= 20);
}

/* models.md's (cfg) numbers with their defaults */
static void test_models_md_defaults(void **state)
{
    (void)state;
    static const struct {
        const char *key;
        long def;
    } want[] = {
        {"PAP-02.months", 6},
        {"CHG-10.bonus_cap", 50},
        {"CHG-10.window_months", 6},
        {"CHG-10.ratio_pct", 150},
        {"CHG-10.facility_percentile", 95},
        {"CHG-11.persons", 2},
        {"CHG-11.confirm_days", 30},
        {"CHG-13.commutation_months", 6},
        {"CHG-13.parole_months", 12},
        {"DUTY-01.min_persons", 3},
        {"DUTY-01.window_months", 24},
        {"DUTY-01.median_factor", 3},
        {"F-03.payment_share_pct", 50},
        {"F-03.payment_window_days", 60},
        {"F-01.passive_months", 6},
    };
    struct law_params p;
    law_params_default(&p);
    assert_int_equal(p.chg10_bonus_cap, 50);
    assert_int_equal(p.chg13_parole_months, 12);
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        int found;
        long def = param_default(want[i].key, &found);
        if (!found || def != want[i].def)
            fail_msg("%s: found %d default %ld, want %ld", want[i].key, found, def, want[i].def);
    }
}

static void test_parse(void **state)
{
    (void)state;
    struct law_params p;
    law_params_default(&p);
    zj_diag d = {0};
    const char *ok =
        "# lower\nCHG-10.bonus_cap = 40\n CHG-11.persons=3 # more\nPAP-02.months = 9\n";
    assert_int_equal(law_params_parse(ok, strlen(ok), &p, &d), 0);
    assert_int_equal(p.chg10_bonus_cap, 40);
    assert_int_equal(p.chg11_persons, 3);
    assert_int_equal(p.pap02_months, 9);
    assert_int_equal(p.chg10_facility_percentile, 95); /* untouched */

    const char *unknown = "CHG-10.bonus_cap = 40\n\nCHG-10.nope = 1\n";
    memset(&d, 0, sizeof d);
    assert_int_equal(law_params_parse(unknown, strlen(unknown), &p, &d), ZJ_EINVAL);
    assert_int_equal(d.line, 3);
    assert_string_equal(d.field, "CHG-10.nope");
    assert_non_null(strstr(d.message, "unknown parameter 'CHG-10.nope'"));

    const char *range = "CHG-10.facility_percentile = 0\n";
    memset(&d, 0, sizeof d);
    assert_int_equal(law_params_parse(range, strlen(range), &p, &d), ZJ_EINVAL);
    assert_int_equal(d.line, 1);
    assert_non_null(strstr(d.message, "out of range for 'CHG-10.facility_percentile'"));
    assert_int_equal(law_params_set(&p, "CHG-10.facility_percentile", 100), 0);
    assert_int_equal(law_params_set(&p, "CHG-10.facility_percentile", 101), ZJ_EINVAL);
    assert_int_equal(law_params_set(&p, "DUTY-01.min_persons", 0), ZJ_EINVAL);
    assert_int_equal(law_params_set(&p, "CHG-10.bonus_cap", 0), 0);
    assert_int_equal(p.chg10_bonus_cap, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_catalog_keys_are_params),
        cmocka_unit_test(test_models_md_defaults),
        cmocka_unit_test(test_parse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
