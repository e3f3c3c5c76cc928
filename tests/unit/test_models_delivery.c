/*
 * test_models_delivery.c — DEL-01..03, EXE-01..03, PAP-01..02 (models.md "Delivery and
 * custody"): each fixture holds a person that fires the model and a near miss one day
 * inside the limit that must not. As-of 2025-06-30 unless said otherwise.
 */
#include "models_fixture.h"

/* D-02: deadline = notice + 1 month; fires after it, not on it. */
static void del01(void **state)
{
    (void)state;
    fx f;
    fx_open(&f);
    fx_person(&f, "A", "1980-01-01", NULL);
    fx_judgment(&f, "JA", "A", "fixed_term", 36, "2024-11-01", "2025-05-01", "2025-05-05");
    fx_event(&f, "A1", "A", "DC1", "detain", "2024-12-01", NULL);
    fx_event(&f, "A2", "A", "DC1", "bail", "2025-01-10", NULL);
    fx_person(&f, "B", "1980-01-01", NULL);
    fx_judgment(&f, "JB", "B", "fixed_term", 36, "2024-11-01", "2025-05-20", "2025-05-30");
    fx_event(&f, "B1", "B", "DC1", "detain", "2024-12-01", NULL);
    fx_event(&f, "B2", "B", "DC1", "bail", "2025-01-10", NULL);
    /* C: delivered (admit) — never a lead */
    fx_person(&f, "C", "1980-01-01", NULL);
    fx_judgment(&f, "JC", "C", "fixed_term", 36, "2024-11-01", "2025-04-01", NULL);
    fx_event(&f, "C1", "C", "DC1", "detain", "2024-12-01", NULL);
    fx_event(&f, "C2", "C", "PR1", "admit", "2025-04-20", "JC");
    fx_screen(&f, "2025-06-30", "DEL-01");
    FX_FIRES_ONLY(&f, "DEL-01", "JA");
    fx_close(&f);
}

/* D-02: long remainder still in the detention centre past the deadline. */
static void del02(void **state)
{
    (void)state;
    fx f;
    fx_open(&f);
    fx_person(&f, "A", "1980-01-01", NULL);
    fx_judgment(&f, "JA", "A", "fixed_term", 24, "2024-12-01", "2025-04-01", "2025-04-05");
    fx_event(&f, "A1", "A", "DC1", "detain", "2025-01-01", NULL);
    fx_person(&f, "B", "1980-01-01", NULL);
    fx_judgment(&f, "JB", "B", "fixed_term", 24, "2024-12-01", "2025-05-20", "2025-05-30");
    fx_event(&f, "B1", "B", "DC1", "detain", "2025-01-01", NULL);
    /* C: remainder at the deadline 3 months or less: the centre executes it */
    fx_person(&f, "C", "1980-01-01", NULL);
    fx_judgment(&f, "JC", "C", "fixed_term", 6, "2024-12-01", "2025-03-01", "2025-03-05");
    fx_event(&f, "C1", "C", "DC1", "detain", "2024-12-05", NULL);
    fx_screen(&f, "2025-06-30", "DEL-02");
    FX_FIRES_ONLY(&f, "DEL-02", "JA");
    fx_screen(&f, "2025-06-30", "DEL-01");
    assert_int_equal(fx_count(&f, "DEL-01"), 0);
    fx_close(&f);
}

/* D-03: 18 周岁 from the day after the 18th birthday. */
static void del03(void **state)
{
    (void)state;
    fx f;
    fx_open(&f);
    fx_person(&f, "A", "2007-03-10", NULL);
    fx_judgment(&f, "JA", "A", "fixed_term", 36, "2024-11-01", "2025-02-01", NULL);
    fx_event(&f, "A1", "A", "DC1", "detain", "2024-11-05", NULL);
    fx_event(&f, "A2", "A", "PR1", "admit", "2025-03-10", "JA");
    fx_person(&f, "B", "2007-03-09", NULL);
    fx_judgment(&f, "JB", "B", "fixed_term", 36, "2024-11-01", "2025-02-01", NULL);
    fx_event(&f, "B1", "B", "DC1", "detain", "2024-11-05", NULL);
    fx_event(&f, "B2", "B", "PR1", "admit", "2025-03-10", "JB");
    fx_person(&f, "C", "2008-01-01", NULL); /* juvenile, to the juvenile prison */
    fx_judgment(&f, "JC", "C", "fixed_term", 36, "2024-11-01", "2025-02-01", NULL);
    fx_event(&f, "C1", "C", "JV1", "admit", "2025-03-10", "JC");
    fx_screen(&f, "2025-06-30", "DEL-03");
    FX_FIRES_ONLY(&f, "DEL-03", "JA");
    fx_close(&f);
}

/* 12 months from detention: A ends 2025-05-31 (30 days before as-of), B ends 2025-06-29 (1 day). */
static void exe_setup(fx *f)
{
    fx_person(f, "A", "1980-01-01", NULL);
    fx_judgment(f, "JA", "A", "fixed_term", 12, "2024-05-01", "2024-07-15", NULL);
    fx_exec(f, "UPDATE judgments SET term_start = '2024-06-01', term_end = '2025-05-31' WHERE "
               "judgment_id = 'JA'");
    fx_event(f, "A1", "A", "DC1", "detain", "2024-06-01", NULL);
    fx_event(f, "A2", "A", "PR1", "admit", "2024-08-01", "JA");
    fx_person(f, "B", "1980-01-01", NULL);
    fx_judgment(f, "JB", "B", "fixed_term", 12, "2024-05-01", "2024-08-15", NULL);
    fx_exec(f, "UPDATE judgments SET term_start = '2024-06-30', term_end = '2025-06-29' WHERE "
               "judgment_id = 'JB'");
    fx_event(f, "B1", "B", "DC1", "detain", "2024-06-30", NULL);
    fx_event(f, "B2", "B", "PR1", "admit", "2024-09-01", "JB");
}

static void exe01(void **state)
{
    (void)state;
    fx f;
    fx_open(&f);
    exe_setup(&f);
    fx_screen(&f, "2025-06-30", "EXE-01");
    FX_FIRES_ONLY(&f, "EXE-01", "JA");
    /* released on time: resolved by data */
    fx_event(&f, "A3", "A", "PR1", "release", "2025-05-31", "JA");
    fx_screen(&f, "2025-06-30", "EXE-01");
    assert_int_equal(fx_count(&f, "EXE-01"), 0);
    assert_int_equal(
        fx_long(&f,
                "SELECT count(*) FROM leads WHERE model_id='EXE-01' AND status='resolved'"
                " AND resolved_date='2025-06-30'",
                NULL, NULL),
        1);
    fx_close(&f);
}

static void exe02(void **state)
{
    (void)state;
    fx f;
    fx_open(&f);
    exe_setup(&f);
    fx_exec(&f, "UPDATE judgments SET term_end = '2025-06-02' WHERE judgment_id = 'JA'");
    fx_exec(&f, "UPDATE judgments SET term_end = '2025-06-30' WHERE judgment_id = 'JB'");
    fx_screen(&f, "2025-06-30", "EXE-02");
    FX_FIRES_ONLY(&f, "EXE-02", "JA");
    fx_close(&f);
}

static void exe03(void **state)
{
    (void)state;
    fx f;
    fx_open(&f);
    exe_setup(&f);
    fx_event(&f, "A3", "A", "PR1", "release", "2025-05-29", "JA");
    fx_event(&f, "B3", "B", "PR1", "release", "2025-06-28", "JB");
    fx_screen(&f, "2025-06-30", "EXE-03");
    FX_FIRES_ONLY(&f, "EXE-03", "JA");
    fx_close(&f);
}

static void pap01(void **state)
{
    (void)state;
    fx f;
    fx_open(&f);
    exe_setup(&f);
    fx_exec(&f, "UPDATE persons SET id_number = '110101198001010011' WHERE person_id = 'A'");
    fx_exec(&f, "UPDATE persons SET id_number = '110101198001010027' WHERE person_id = 'B'");
    fx_exec(&f, "INSERT INTO activities(record_id, id_number, activity_date, kind) VALUES"
                " ('ACT1','110101198001010011','2025-01-15','lodging'),"
                " ('ACT2','110101198001010027','2024-06-30','lodging'),"  /* the detain day */
                " ('ACT3','110101198001010011','2024-05-31','lodging')"); /* before custody */
    fx_screen(&f, "2025-06-30", "PAP-01");
    FX_FIRES_ONLY(&f, "PAP-01", "ACT1");
    fx_close(&f);
}

static void pap02(void **state)
{
    (void)state;
    fx f;
    fx_open(&f);
    fx_person(&f, "A", "1980-01-01", "110101198001010011");
    fx_judgment(&f, "JA", "A", "fixed_term", 36, "2024-06-01", "2024-12-29", NULL);
    fx_person(&f, "B", "1980-01-01", "110101198001010027");
    fx_judgment(&f, "JB", "B", "fixed_term", 36, "2024-06-01", "2024-12-30", NULL);
    fx_exec(&f, "INSERT INTO activities(record_id, id_number, activity_date, kind) VALUES"
                " ('ACT1','110101198001010011','2025-03-01','travel'),"
                " ('ACT2','110101198001010027','2025-03-01','travel')");
    fx_screen(&f, "2025-06-30", "PAP-02");
    FX_FIRES_ONLY(&f, "PAP-02", "JA");
    fx_close(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(del01), cmocka_unit_test(del02), cmocka_unit_test(del03),
        cmocka_unit_test(exe01), cmocka_unit_test(exe02), cmocka_unit_test(exe03),
        cmocka_unit_test(pap01), cmocka_unit_test(pap02),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
