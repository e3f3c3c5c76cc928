/*
 * test_law_golden.c — runs the golden table of the law core (tests/golden/law_cases.h):
 * each row's request goes through the `zhijian calc` parser (law_request_parse), the
 * computation (law_compute) and the response writer (law_figures_to_json); every expected
 * 'key=value' must match. Also checks that every rule id of law.md §§1, 2, 4, 5, 9, 10
 * (and T-01) is exercised by some row, as expected violation or basis.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "law/law.h"
#include "law/law_json.h"

#include "../golden/law_cases.h"

#define N_CASES (sizeof law_golden_cases / sizeof law_golden_cases[0])

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* sort a comma-separated list in place (for set comparison) */
static void sort_list(char *s)
{
    char *items[64];
    int n = 0;
    char buf[512];
    snprintf(buf, sizeof buf, "%s", s);
    for (char *tok = strtok(buf, ","); tok && n < 64; tok = strtok(NULL, ","))
        items[n++] = tok;
    qsort(items, (size_t)n, sizeof items[0], cmp_str);
    s[0] = '\0';
    for (int i = 0; i < n; i++) {
        if (i)
            strcat(s, ",");
        strcat(s, items[i]);
    }
}

static void render(json_t *v, char *out, size_t n)
{
    if (!v)
        snprintf(out, n, "<missing>");
    else if (json_is_null(v))
        snprintf(out, n, "null");
    else if (json_is_true(v))
        snprintf(out, n, "true");
    else if (json_is_false(v))
        snprintf(out, n, "false");
    else if (json_is_integer(v))
        snprintf(out, n, "%lld", (long long)json_integer_value(v));
    else if (json_is_string(v))
        snprintf(out, n, "%s", json_string_value(v));
    else if (json_is_array(v)) {
        out[0] = '\0';
        size_t i;
        json_t *x;
        json_array_foreach(v, i, x)
        {
            if (i)
                strncat(out, ",", n - strlen(out) - 1);
            strncat(out, json_is_string(x) ? json_string_value(x) : "?", n - strlen(out) - 1);
        }
    } else
        snprintf(out, n, "<object>");
}

/* key: name | basis.name | changes[i].name | violations[i].name */
static json_t *lookup(json_t *o, const char *key)
{
    if (!strncmp(key, "basis.", 6))
        return json_object_get(json_object_get(o, "basis"), key + 6);
    const char *br = strchr(key, '[');
    if (br) {
        char arr[32];
        size_t l = (size_t)(br - key);
        if (l >= sizeof arr)
            return NULL;
        memcpy(arr, key, l);
        arr[l] = '\0';
        int idx = atoi(br + 1);
        const char *dot = strchr(br, '.');
        json_t *el = json_array_get(json_object_get(o, arr), (size_t)idx);
        return dot && el ? json_object_get(el, dot + 1) : NULL;
    }
    return json_object_get(o, key);
}

static law_basis seen_rules;

static int check_case(const struct law_golden_case *gc)
{
    char *req_text = strdup(gc->request);
    for (char *p = req_text; *p; p++)
        if (*p == '\'')
            *p = '"';
    struct law_request req;
    zj_diag d = {0};
    int failures = 0;
    if (law_request_parse(req_text, strlen(req_text), &req, &d) < 0) {
        printf("FAIL %s: request rejected: %s (%s)\n", gc->name, d.message, d.field);
        free(req_text);
        return 1;
    }
    struct law_figures *f = malloc(sizeof *f);
    if (law_compute(NULL, &req.c, f) < 0) {
        printf("FAIL %s: law_compute refused the case\n", gc->name);
        failures++;
        goto done;
    }
    for (size_t i = 0; i < f->n_violations; i++)
        seen_rules |= LAW_BIT(f->violations[i].rule);
    for (int k = 0; k < LAW_FIG_COUNT; k++)
        seen_rules |= f->basis[k];
    for (size_t i = 0; i < f->n_changes; i++) {
        if (f->changes[i].start_rule != LAW_RULE_NONE)
            seen_rules |= LAW_BIT(f->changes[i].start_rule);
        if (f->changes[i].interval_rule != LAW_RULE_NONE)
            seen_rules |= LAW_BIT(f->changes[i].interval_rule);
        if (f->changes[i].amount_rule != LAW_RULE_NONE)
            seen_rules |= LAW_BIT(f->changes[i].amount_rule);
        if (f->changes[i].major_merit)
            seen_rules |= LAW_BIT(LAW_C05);
        if (f->changes[i].relaxed)
            seen_rules |= LAW_BIT(LAW_C15);
        if (f->changes[i].short_remainder)
            seen_rules |= LAW_BIT(LAW_C16);
    }
    json_t *o = law_figures_to_json(&req, f);
    char exp[2048];
    snprintf(exp, sizeof exp, "%s", gc->expect);
    char *save = NULL;
    for (char *item = strtok_r(exp, ";", &save); item; item = strtok_r(NULL, ";", &save)) {
        char *eq = strchr(item, '=');
        if (!eq)
            continue;
        *eq = '\0';
        const char *key = item;
        char want[512], got[1024];
        snprintf(want, sizeof want, "%s", eq + 1);
        if (!strcmp(key, "violations")) {
            got[0] = '\0';
            json_t *vs = json_object_get(o, "violations");
            size_t i;
            json_t *x;
            json_array_foreach(vs, i, x)
            {
                const char *r = json_string_value(json_object_get(x, "rule"));
                char probe[16];
                snprintf(probe, sizeof probe, "%s", r ? r : "?");
                /* a set: skip duplicates of the same rule */
                char tmp[1100];
                snprintf(tmp, sizeof tmp, ",%s,", got);
                char pat[20];
                snprintf(pat, sizeof pat, ",%s,", probe);
                if (strstr(tmp, pat))
                    continue;
                if (*got)
                    strcat(got, ",");
                strcat(got, probe);
            }
            sort_list(got);
            sort_list(want);
        } else {
            render(lookup(o, key), got, sizeof got);
            if (!strncmp(key, "basis.", 6)) {
                sort_list(got);
                sort_list(want);
            }
        }
        if (strcmp(got, want)) {
            printf("FAIL %s (%s): %s = '%s', expected '%s'\n", gc->name, gc->article, key, got,
                   want);
            if (!strcmp(key, "violations")) {
                json_t *vs = json_object_get(o, "violations");
                size_t i;
                json_t *x;
                json_array_foreach(vs, i, x)
                    printf("     %s\n", json_string_value(json_object_get(x, "message")));
            }
            failures++;
        }
    }
    json_decref(o);
done:
    free(f);
    law_request_release(&req);
    free(req_text);
    return failures;
}

static void test_golden_table(void **state)
{
    (void)state;
    int failures = 0;
    assert_true(N_CASES >= 150);
    for (size_t i = 0; i < N_CASES; i++)
        failures += check_case(&law_golden_cases[i]);
    printf("golden: %zu cases, %d failed checks\n", N_CASES, failures);
    assert_int_equal(failures, 0);
}

/* Every rule id of law.md §§1-2 (S-*), 4 (C-*), 5 (P-*), 9 (R-*), 10 (PR-*) and T-01
 * must be exercised by some golden case. */
static void test_golden_covers_rules(void **state)
{
    (void)state;
    seen_rules = 0;
    for (size_t i = 0; i < N_CASES; i++)
        (void)check_case(&law_golden_cases[i]);
    int missing = 0;
    for (int r = 0; r < LAW_RULE_COUNT; r++)
        if (!(seen_rules & LAW_BIT(r))) {
            printf("rule %s is not covered by any golden case\n", law_rule_id((enum law_rule)r));
            missing++;
        }
    assert_int_equal(missing, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_golden_table),
        cmocka_unit_test(test_golden_covers_rules),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
