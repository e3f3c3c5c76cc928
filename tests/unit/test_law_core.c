/*
 * test_law_core.c — the law core's pieces (law.h): law.md §1 date conventions at month
 * ends and 29 February, custody credit, the charge table (§8), enums, (cfg) parameters
 * and their loader, T-01 with a configured diagnosis age, request parsing errors that
 * name the field, and the capacity/truncation behaviour of law_compute.
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

#include "date_assert.h"

/* law.md §1 rows: start, months, days, expected end */
static const struct {
    const char *start;
    int months, days;
    const char *end;
} term_rows[] = {
    {"2020-03-15", 36, 0, "2023-03-14"},  /* 3 years from 2020-03-15 (law.md §1) */
    {"2020-01-31", 1, 0, "2020-02-28"},   /* add_months clamps to 2020-02-29 */
    {"2019-01-31", 1, 0, "2019-02-27"},   /* common year */
    {"2020-02-29", 12, 0, "2021-02-27"},  /* 29 Feb + 1 year = 2021-02-28, − 1 */
    {"2020-02-29", 48, 0, "2024-02-28"},  /* to a leap year again */
    {"2021-03-10", 6, 15, "2021-09-24"},  /* months and days */
    {"2015-01-01", 120, 0, "2024-12-31"}, /* exactly 10 years */
    {"2019-03-01", 60, 0, "2024-02-29"},  /* exactly 5 years, ends on 29 Feb */
    {"2021-12-31", 2, 0, "2022-02-27"},   {"2023-08-31", 6, 0, "2024-02-28"},
};

static void test_term_end_rows(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof term_rows / sizeof term_rows[0]; i++)
        assert_date(law_term_end(D(term_rows[i].start), term_rows[i].months, term_rows[i].days),
                    term_rows[i].end);
    assert_int_equal(law_term_end(ZJ_DATE_NONE, 3, 0), ZJ_DATE_NONE);
}

static void test_date_pieces(void **state)
{
    (void)state;
    assert_date(date_add_months(D("2020-01-31"), 1), "2020-02-29");
    assert_date(date_sub_months(D("2020-03-31"), 1), "2020-02-29");
    assert_date(law_commute_end(D("2023-03-31"), 1, 0), "2023-02-28");
    assert_date(law_commute_end(D("2023-03-14"), 6, 10), "2022-09-04");
    assert_int_equal(law_term_days(D("2020-03-15"), D("2023-03-14")), 1095);
    /* P-01: half of 1095 days = 548 → 2021-09-14 (cli.md example) */
    assert_date(law_parole_earliest(D("2020-03-15"), D("2023-03-14")), "2021-09-14");
    assert_date(law_min_actual_end(D("2020-03-15"), D("2023-03-14")), "2021-09-13");
    /* odd and even T */
    assert_date(law_parole_earliest(D("2021-01-01"), D("2021-01-03")), "2021-01-03");
    assert_date(law_parole_earliest(D("2021-01-01"), D("2021-01-04")), "2021-01-03");
    assert_date(law_period_end(D("2022-01-31"), 1), "2022-02-27");
    /* PR-01 */
    assert_date(law_dpr_end(D("2024-02-09"), 24, ZJ_DATE_NONE), "2026-02-09");
    assert_date(law_dpr_end(D("2024-02-09"), 24, D("2022-05-10")), "2024-05-09");
    /* §1 age: 18 from the day after the 18th birthday */
    assert_true(law_age_under(D("2002-07-01"), D("2020-07-01"), 18));
    assert_false(law_age_under(D("2002-07-01"), D("2020-07-02"), 18));
    assert_true(law_age_under(D("2004-02-29"), D("2022-02-28"), 18));
    assert_false(law_age_under(ZJ_DATE_NONE, D("2020-01-01"), 18));
}

static void test_custody_pieces(void **state)
{
    (void)state;
    const struct law_custody_event ev[] = {
        {LAW_EV_ADMIT, D("2021-05-10")}, /* unordered on purpose */
        {LAW_EV_DETAIN, D("2020-10-01")},    {LAW_EV_BAIL, D("2020-10-31")},
        {LAW_EV_DETAIN, D("2021-03-01")},    {LAW_EV_ESCAPE, D("2021-08-01")},
        {LAW_EV_RECAPTURE, D("2021-08-04")},
    };
    zj_date e;
    assert_int_equal(law_custody_credit(LAW_FIXED_TERM, D("2021-04-20"), ev, 6, ZJ_DATE_NONE, &e),
                     30);
    assert_date(e, "2021-03-01");
    assert_int_equal(law_custody_credit(LAW_SURVEILLANCE, D("2021-04-20"), ev, 6, ZJ_DATE_NONE, &e),
                     60 + 2 * 50);
    assert_date(e, "2021-04-20");
    assert_int_equal(law_custody_credit(LAW_LIFE, D("2021-04-20"), ev, 6, ZJ_DATE_NONE, &e), 0);
    assert_int_equal(law_escape_days(ev, 6, ZJ_DATE_NONE), 3);
    assert_int_equal(law_escape_days(ev, 6, D("2021-08-02")), 2); /* still at large */
    assert_date(law_execution_date(ev, 6, ZJ_DATE_NONE), "2021-05-10");
    assert_int_equal(law_execution_date(ev, 6, D("2021-05-09")), ZJ_DATE_NONE);
}

static void test_charge_table(void **state)
{
    (void)state;
    bool known;
    assert_int_equal(law_charge_category("故意杀人罪", &known), LAW_CAT_VIOLENT);
    assert_true(known);
    assert_int_equal(law_charge_category(" 受贿罪 ", &known), LAW_CAT_DUTY);
    assert_int_equal(law_charge_category("盗窃罪", &known), 0);
    assert_true(known);
    assert_int_equal(law_charge_category("不存在罪", &known), 0);
    assert_false(known);
    assert_true(law_charge_category("集资诈骗罪", NULL) & LAW_CAT_FINANCIAL);
    assert_true(law_charge_category("分裂国家罪", NULL) & LAW_CAT_NATIONAL_SECURITY);
    assert_true(law_charge_category("组织、领导、参加恐怖组织罪", NULL) & LAW_CAT_TERRORISM);
    assert_true(law_charge_category("包庇、纵容黑社会性质组织罪", NULL) & LAW_CAT_ORGANISED);
    assert_true(law_charge_category("走私、贩卖、运输、制造毒品罪", NULL) & LAW_CAT_DRUG);
    assert_true(law_charge_category("交通肇事罪", NULL) & LAW_CAT_NEGLIGENT);
    assert_true(law_charge_category("徇私舞弊减刑、假释、暂予监外执行罪", NULL) & LAW_CAT_DUTY);
    int unknown;
    /* negligent only when every charge is negligent */
    assert_int_equal(law_charges_category("交通肇事罪;过失致人死亡罪", &unknown),
                     LAW_CAT_NEGLIGENT);
    assert_int_equal(law_charges_category("交通肇事罪;故意伤害罪", &unknown), 0);
    assert_int_equal(law_charges_category("玩忽职守罪;受贿罪", &unknown), LAW_CAT_DUTY);
    assert_int_equal(law_charges_category("抢劫罪;某某罪", &unknown), LAW_CAT_VIOLENT);
    assert_int_equal(unknown, 1);
    assert_true(law_charge_table_size() > 150);
    unsigned cats;
    for (size_t i = 0; i < law_charge_table_size(); i++) {
        const char *n = law_charge_table_name(i, &cats);
        assert_non_null(n);
        assert_int_equal(law_charge_category(n, NULL), cats); /* no duplicate names */
    }
    assert_string_equal(law_charge_cat_id(LAW_CAT_DUTY), "duty");
}

static void test_enums(void **state)
{
    (void)state;
    assert_int_equal(law_penalty_from_str("fixed_term"), LAW_FIXED_TERM);
    assert_int_equal(law_penalty_from_str("有期徒刑"), LAW_FIXED_TERM);
    assert_int_equal(law_penalty_from_str("nope"), -1);
    assert_int_equal(law_penalty_from_str("死缓"), LAW_DEATH_SUSPENDED);
    assert_int_equal(law_penalty_from_str("死刑缓期二年执行"), LAW_DEATH_SUSPENDED);
    assert_int_equal(law_penalty_from_str(NULL), -1);
    assert_string_equal(law_penalty_label(LAW_LIFE), "无期徒刑");
    assert_int_equal(law_event_type_from_str("rs_start"), LAW_EV_RS_START);
    assert_int_equal(law_change_kind_from_str("假释"), LAW_CHG_PAROLE);
    assert_int_equal(law_grounds_from_str("repentance_major_merit"), LAW_REPENTANCE_MAJOR_MERIT);
    assert_true(law_grounds_major_merit(LAW_MAJOR_MERIT));
    assert_false(law_grounds_major_merit(LAW_REPENTANCE_MERIT));
    assert_int_equal(law_leniency_from_str("disabled"), LAW_LENIENCY_DISABLED);
    int unk;
    assert_int_equal(law_flags_from_list("lifelong; combined_10y;x", &unk),
                     LAW_JF_LIFELONG | LAW_JF_COMBINED_10Y);
    assert_int_equal(unk, 1);
    assert_string_equal(law_rule_id(LAW_C01), "C-01");
    assert_int_equal(law_rule_from_id("PR-02"), LAW_PR02);
    assert_int_equal(law_rule_from_id("X-99"), LAW_RULE_NONE);
    assert_string_equal(law_rule_article(LAW_C01), "减刑假释规定第6条");
    assert_string_equal(law_figure_key(LAW_FIG_NEXT_COMMUTATION), "next_commutation_earliest");
    assert_string_equal(law_violation_kind_id(LAW_VK_AMOUNT), "amount");
}

static void test_params(void **state)
{
    (void)state;
    struct law_params p;
    law_params_default(&p);
    assert_int_equal(p.t01_diagnosis_max_months, 3);
    assert_int_equal(p.t02_review_grace_days, 15);
    assert_int_equal(p.f03_payment_share_pct, 50);
    const char *text =
        "# deployment\nT-01.diagnosis_max_months = 6\n\n  K-02.absence_days=7 # comment\n";
    zj_diag dg = {0};
    assert_int_equal(law_params_parse(text, strlen(text), &p, &dg), 0);
    assert_int_equal(p.t01_diagnosis_max_months, 6);
    assert_int_equal(p.k02_absence_days, 7);
    assert_int_equal(law_params_parse("X-01.nope = 3\n", 14, &p, &dg), ZJ_EINVAL);
    assert_string_equal(dg.field, "X-01.nope");
    assert_int_equal(law_params_parse("T-01.diagnosis_max_months = abc\n", 32, &p, &dg), ZJ_EINVAL);
    assert_int_equal(law_params_parse("just words\n", 11, &p, &dg), ZJ_EINVAL);
    assert_int_equal(dg.line, 1);
    assert_int_equal(law_params_set(&p, "C-15.relax_den", 0), ZJ_EINVAL);
    assert_int_equal(law_params_set(&p, "C-15.relax_num", 3), ZJ_EINVAL); /* not below 1 */
    assert_int_equal(p.c15_relax_num, 1);
    assert_int_equal(law_params_set(&p, "C-15.relax_num", 2), 0);
    assert_int_equal(law_params_set(&p, "C-15.relax_num", 1), 0);
    assert_int_equal(law_params_load("/nonexistent/zj.conf", &p, &dg), ZJ_EIO);
    long v;
    assert_string_equal(law_params_key(0, &p, &v), "T-01.diagnosis_max_months");
    assert_int_equal(v, 6);
    assert_null(law_params_key(law_params_count(), &p, &v));
    /* the loader reads a file */
    char path[] = "/tmp/zj_params_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs("T-02.review_months = 4\n", f);
    fclose(f);
    assert_int_equal(law_params_load(path, &p, &dg), 0);
    assert_int_equal(p.t02_review_months, 4);
    remove(path);
}

static void test_temp_outside_params(void **state)
{
    (void)state;
    struct law_params p;
    law_params_default(&p);
    struct law_change ch = {0};
    ch.kind = LAW_CHG_TEMP_OUTSIDE;
    ch.grounds = LAW_MEDICAL;
    ch.proposal_date = D("2021-06-01");
    ch.decision_date = D("2021-06-10");
    ch.effective_date = ZJ_DATE_NONE;
    ch.diagnosis = (struct law_diagnosis){true, D("2021-01-15"), true, true};
    struct law_violation v[4];
    assert_int_equal(law_check_temp_outside(&p, LAW_FIXED_TERM, &ch, 2, v, 4), 1);
    assert_int_equal(v[0].rule, LAW_T01);
    assert_int_equal(v[0].change_index, 2);
    assert_date(v[0].limit_date, "2021-04-15");
    assert_int_equal(law_params_set(&p, "T-01.diagnosis_max_months", 6), 0);
    assert_int_equal(law_check_temp_outside(&p, LAW_FIXED_TERM, &ch, 2, v, 4), 0);
    /* penalty and ground together: two findings, capped by cap */
    ch.diagnosis.designated_hospital = false;
    assert_int_equal(law_check_temp_outside(&p, LAW_DEATH_SUSPENDED, &ch, 0, v, 1), 2);
}

static void test_compute_invalid(void **state)
{
    (void)state;
    struct law_case c;
    memset(&c, 0, sizeof c);
    c.birth_date = c.as_of = c.new_crime_effective = ZJ_DATE_NONE;
    c.judgment.penalty = LAW_FIXED_TERM;
    c.judgment.term_months = 36;
    c.judgment.effective_date = ZJ_DATE_NONE;
    struct law_figures *f = malloc(sizeof *f);
    assert_int_equal(law_compute(NULL, &c, f), ZJ_EINVAL);
    assert_int_equal(f->term_end, ZJ_DATE_NONE);
    c.judgment.effective_date = D("2020-01-01");
    c.judgment.term_months = 0;
    assert_int_equal(law_compute(NULL, &c, f), ZJ_EINVAL);
    /* no custody at all: the term runs from the effective date */
    c.judgment.term_months = 12;
    assert_int_equal(law_compute(NULL, &c, f), 0);
    assert_date(f->term_start, "2020-01-01");
    assert_date(f->term_end, "2020-12-31");
    free(f);
}

/* More violations than LAW_MAX_VIOLATIONS: the extra ones are dropped, flagged. */
static void test_compute_truncation(void **state)
{
    (void)state;
    enum { N = 100 };
    struct law_change *chs = calloc(N, sizeof *chs);
    for (int i = 0; i < N; i++) {
        chs[i].kind = LAW_CHG_COMMUTATION;
        chs[i].proposal_date = D("2020-02-01") + i;
        chs[i].decision_date = D("2020-02-10") + i;
        chs[i].effective_date = D("2020-02-15") + i;
        chs[i].reduction_months = 0;
        chs[i].reduction_days = 1;
        chs[i].grounds = LAW_REPENTANCE;
    }
    struct law_custody_event ev[] = {{LAW_EV_DETAIN, D("2019-01-01")},
                                     {LAW_EV_ADMIT, D("2019-06-01")}};
    struct law_case c;
    memset(&c, 0, sizeof c);
    c.birth_date = D("1980-01-01");
    c.as_of = D("2030-01-01");
    c.new_crime_effective = ZJ_DATE_NONE;
    c.judgment.penalty = LAW_FIXED_TERM;
    c.judgment.term_months = 120;
    c.judgment.effective_date = D("2019-05-01");
    c.judgment.offense_date = D("2018-12-01");
    c.events = ev;
    c.n_events = 2;
    c.changes = chs;
    c.n_changes = N;
    struct law_figures *f = malloc(sizeof *f);
    assert_int_equal(law_compute(NULL, &c, f), 0);
    assert_int_equal(f->n_changes, LAW_MAX_CHANGES);
    assert_int_equal(f->n_violations, LAW_MAX_VIOLATIONS);
    assert_true(f->violations_truncated);
    /* every change was still applied: 100 days off */
    assert_date(f->term_end, "2028-09-22"); /* 2028-12-31 − 100 days */
    free(f);
    free(chs);
}

static const struct {
    const char *request, *field;
} bad_requests[] = {
    {"", ""},
    {"[]", ""},
    {"{", ""},
    {"{}", "judgment"},
    {"{\"judgment\": 3}", "judgment"},
    {"{\"judgment\": {\"penalty\": \"fixed_term\", \"term_months\": \"x\"}}",
     "judgment.term_months"},
    {"{\"judgment\": {\"penalty\": \"fixed_term\", \"effective_date\": \"2020-01-01\"}}",
     "judgment.term_months"},
    {"{\"judgment\": {\"penalty\": \"jail\", \"term_months\": 3}}", "judgment.penalty"},
    {"{\"judgment\": {\"penalty\": \"fixed_term\", \"term_months\": 3}}",
     "judgment.effective_date"},
    {"{\"judgment\": {\"penalty\": \"fixed_term\", \"term_months\": 3, \"effective_date\": "
     "\"2020-02-30\"}}",
     "judgment.effective_date"},
    {"{\"judgment\": {\"penalty\": \"fixed_term\", \"term_months\": 3, \"effective_date\": "
     "\"2020-02-03\", \"recidivist\": \"yes\"}}",
     "judgment.recidivist"},
    {"{\"judgment\": {\"penalty\": \"fixed_term\", \"term_months\": 3, \"effective_date\": "
     "\"2020-02-03\", \"charges\": [1]}}",
     "judgment.charges"},
    {"{\"judgment\": {\"penalty\": \"fixed_term\", \"term_months\": 3, \"effective_date\": "
     "\"2020-02-03\", \"flags\": [\"odd\"]}}",
     "judgment.flags"},
    {"{\"judgment\": {\"penalty\": \"fixed_term\", \"term_months\": 3, \"effective_date\": "
     "\"2020-02-03\"}, \"custody\": [{\"event_type\": \"detain\"}]}",
     "custody[0].event_date"},
    {"{\"judgment\": {\"penalty\": \"fixed_term\", \"term_months\": 3, \"effective_date\": "
     "\"2020-02-03\"}, \"custody\": {}}",
     "custody"},
    {"{\"judgment\": {\"penalty\": \"fixed_term\", \"term_months\": 3, \"effective_date\": "
     "\"2020-02-03\"}, \"changes\": [{\"kind\": \"commutation\", \"decision_date\": "
     "\"2021-01-01\", \"reduction_months\": -1}]}",
     "changes[0].reduction_months"},
    {"{\"judgment\": {\"penalty\": \"fixed_term\", \"term_months\": 3, \"effective_date\": "
     "\"2020-02-03\"}, \"changes\": [{\"kind\": \"commutation\"}]}",
     "changes[0].decision_date"},
    {"{\"judgment\": {\"penalty\": \"fixed_term\", \"term_months\": 3, \"effective_date\": "
     "\"2020-02-03\"}, \"priors\": [{\"penalty\": 1}]}",
     "priors[0].penalty"},
    {"{\"person\": {\"birth_date\": 19800101}, \"judgment\": {}}", "person.birth_date"},
    {"{\"as_of\": \"tomorrow\", \"judgment\": {}}", "as_of"},
    {"{\"judgment\": {\"penalty\": \"fixed_term\", \"term_months\": 99999999999, "
     "\"effective_date\": \"2020-02-03\"}}",
     "judgment.term_months"},
};

static void test_request_errors(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof bad_requests / sizeof bad_requests[0]; i++) {
        struct law_request r;
        zj_diag dg = {0};
        int rc =
            law_request_parse(bad_requests[i].request, strlen(bad_requests[i].request), &r, &dg);
        if (rc != ZJ_EINVAL || strcmp(dg.field, bad_requests[i].field))
            printf("request %zu: rc %d field '%s' (%s)\n", i, rc, dg.field, dg.message);
        assert_int_equal(rc, ZJ_EINVAL);
        assert_string_equal(dg.field, bad_requests[i].field);
        assert_true(dg.message[0] != '\0');
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_term_end_rows),
        cmocka_unit_test(test_date_pieces),
        cmocka_unit_test(test_custody_pieces),
        cmocka_unit_test(test_charge_table),
        cmocka_unit_test(test_enums),
        cmocka_unit_test(test_params),
        cmocka_unit_test(test_temp_outside_params),
        cmocka_unit_test(test_compute_invalid),
        cmocka_unit_test(test_compute_truncation),
        cmocka_unit_test(test_request_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
