/* test_models2_other.c — PROP-01/PROP-02 (law.md §12), CUS-01, CUS-02, CUS-04 (§11; PR-01 and
 * CUS-03 run per person: test_models_windows.c):
 * each fixture fires, each near miss one day inside the limit stays silent. */
#include "models2_harness.h"

#define AS_OF "2025-06-30"

static void prop_db(sqlite3 *db)
{
    h_person(db, "F1", "1980-01-01");
    h_exec(
        db,
        "INSERT INTO judgments(judgment_id,person_id,case_no,court_id,charges,offense_date,"
        "judgment_date,effective_date,penalty,term_months) VALUES"
        " ('JF1','F1','K1','C1','诈骗罪','2022-01-01','2022-06-01','2022-06-15','fixed_term',36);");
}

/* F-01: more than 6 months without an enforcement action. */
static void test_prop01(void **state)
{
    (void)state;
    sqlite3 *db = h_open();
    prop_db(db);
    h_exec(
        db,
        "INSERT INTO property(enforcement_id,person_id,judgment_id,court_id,kind,amount_due_fen,"
        "filed_date,last_action_date,status,status_date,investigated,unable) VALUES"
        " ('E-F1','F1','JF1','C1','fine',1000000,'2024-01-01','2024-12-29','ongoing',NULL,0,0),"
        " ('E-N1','F1','JF1','C1','fine',1000000,'2024-01-01','2024-12-30','ongoing',NULL,0,0),"
        " ('E-F2','F1','JF1','C1','fine',1000000,'2024-01-01',NULL,'ongoing',NULL,0,0),"
        " ('E-N2','F1','JF1','C1','fine',1000000,'2024-01-01','2024-01-01','paid','2025-01-01',0,0)"
        ","
        " ('E-F3','F1','JF1','C1','fine',1000000,'2024-10-01','2025-07-10','ongoing',NULL,0,0),"
        " ('E-N3','F1','JF1','C1','fine',1000000,'2025-01-01',NULL,'ongoing',NULL,0,0),"
        " ('E-N4','F1','JF1','C1','fine',1000000,'2024-06-01','2025-02-28','ongoing',NULL,0,0);");
    h_expect(db, models_property, "PROP-01", AS_OF, WANT("E-F1", "E-F2", "E-F3"));
    /* month end: 2025-02-28 + 6 months = 2025-08-28, but 2025-08-30 − 6 months = 2025-02-28:
     * not more than 6 months counted backwards, no lead */
    h_expect(db, models_property, "PROP-01", "2025-08-30",
             WANT("E-F1", "E-F2", "E-N1", "E-N3")); /* E-F3 acted on 2025-07-10 */
    h_close(db);
}

/* F-02: terminated_round requires a property investigation first. */
static void test_prop02(void **state)
{
    (void)state;
    sqlite3 *db = h_open();
    prop_db(db);
    h_exec(
        db,
        "INSERT INTO property(enforcement_id,person_id,judgment_id,court_id,kind,amount_due_fen,"
        "filed_date,last_action_date,status,status_date,investigated,unable) VALUES"
        " ('T-F1','F1','JF1','C1','fine',500000,'2024-01-01',NULL,'terminated_round','2024-06-01',"
        "0,0),"
        " ('T-F2','F1','JF1','C1','fine',500000,'2024-01-01',NULL,'terminated_round','2024-06-01',"
        "NULL,0),"
        " ('T-N1','F1','JF1','C1','fine',500000,'2024-01-01',NULL,'terminated_round','2024-06-01',"
        "1,0),"
        " ('T-N2','F1','JF1','C1','fine',500000,'2025-01-01',NULL,'terminated_round','2025-07-15',"
        "0,0),"
        " ('T-N3','F1','JF1','C1','fine',500000,'2024-01-01',NULL,'terminated','2024-06-01',0,0);");
    h_expect(db, models_property, "PROP-02", AS_OF, WANT("T-F1", "T-F2"));
    h_close(db);
}

/* H-01: a juvenile (under 18 through the 18th birthday) in a cell with an adult. */
static void test_cus01(void **state)
{
    (void)state;
    sqlite3 *db = h_open();
    h_person(db, "J1", "2007-06-15"); /* under 18 through 2025-06-15 */
    h_person(db, "J3", "2007-06-10"); /* through 2025-06-10 */
    h_person(db, "J4", "2009-01-01");
    h_person(db, "J5", "2008-01-01");
    h_person(db, "J6", "2009-03-01");
    h_person(db, "AD1", "1990-01-01");
    h_person(db, "AD2", "1990-01-01");
    h_person(db, "AD3", "1990-01-01");
    h_person(db, "AD4", "2007-06-14"); /* adult from 2025-06-15 */
    h_person(db, "J7", "2009-03-01");
    h_exec(
        db,
        "INSERT INTO cells(assignment_id,person_id,facility_id,cell_id,start_date,end_date) VALUES"
        " ('A-J1','J1','D1','101','2025-06-01',NULL), ('A-AD1','AD1','D1','101','2025-06-15',NULL),"
        " ('A-J3','J3','D1','102','2025-06-01',NULL), ('A-AD2','AD2','D1','102','2025-06-11',NULL),"
        " ('A-J4','J4','D1','103','2025-01-01',NULL), ('A-J5','J5','D1','103','2025-01-01',NULL),"
        " ('A-J6','J6','D1','104','2025-06-10',NULL), "
        "('A-AD3','AD3','D1','104','2025-05-01','2025-06-09'),"
        " ('A-J7','J7','D1','105','2025-06-01',NULL), "
        "('A-AD4','AD4','D1','105','2025-06-16',NULL);");
    /* A-J7 with AD4: AD4 is 18 from 2025-06-15, joins 06-16: fires; A-J3 near miss: the
     * adult arrives the day after J3 turned 18 */
    h_expect(db, models_conditions, "CUS-01", AS_OF, WANT("A-J1", "A-J7"));
    h_close(db);
}

/* H-01 in a full run, which finds the juveniles by one pass over persons and cells in
 * person_id order: persons stored out of that order (the juvenile after an adult whose id
 * sorts after theirs, at the end) are found all the same, and every adult is named in the
 * order they came into the cell. */
static void test_cus01_person_order(void **state)
{
    (void)state;
    sqlite3 *db = h_open();
    h_person(db, "Z2", "1980-01-01");
    h_person(db, "Z1", "1981-01-01");
    h_person(db, "J2", "2009-05-01");
    h_exec(
        db,
        "INSERT INTO cells(assignment_id,person_id,facility_id,cell_id,start_date,end_date) VALUES"
        " ('A-J2','J2','D1','201','2024-12-01',NULL), ('A-Z2','Z2','D1','201','2025-02-01',NULL),"
        " ('A-Z1','Z1','D1','201','2025-03-01','2025-05-01');");
    h_expect(db, models_conditions, "CUS-01", AS_OF, WANT("A-J2"));
    model_ctx ctx = {.db = db, .params = NULL};
    assert_int_equal(date_parse(AS_OF, 10, &ctx.as_of), 0);
    lead_sink s = {0};
    assert_true(h_find(models_conditions, "CUS-01")->run_set(&ctx, &s) >= 0);
    assert_int_equal(s.n, 1);
    assert_non_null(strstr(s.evidence[0], "\"adult_assignments\":[\"A-Z2\",\"A-Z1\"]"));
    h_sink_release(&s);
    h_close(db);
}

/* H-01: co-defendants in one cell before the judgment is effective. */
static void test_cus02(void **state)
{
    (void)state;
    sqlite3 *db = h_open();
    const char *ids[] = {"X1", "X2", "Y1", "Y2", "Z1", "Z2"};
    for (size_t i = 0; i < 6; i++)
        h_person(db, ids[i], "1980-01-01");
    h_exec(
        db,
        "INSERT INTO judgments(judgment_id,person_id,case_no,court_id,charges,offense_date,"
        "judgment_date,effective_date,penalty,term_months) VALUES"
        " ('JX1','X1','K1','C1','盗窃罪','2024-12-01','2025-02-15','2025-03-01','fixed_term',24),"
        " ('JX2','X2','K1','C1','盗窃罪','2024-12-01','2025-02-15','2025-03-01','fixed_term',24),"
        " ('JY1','Y1','K2','C1','盗窃罪','2024-12-01','2025-02-15','2025-03-01','fixed_term',24),"
        " ('JY2','Y2','K2','C1','盗窃罪','2024-12-01','2025-02-15','2025-03-01','fixed_term',24),"
        " ('JZ1','Z1','K3','C1','盗窃罪','2024-12-01','2025-02-15','2025-03-01','fixed_term',24),"
        " ('JZ2','Z2','K3','C1','盗窃罪','2024-12-01','2025-02-15','2025-03-01','fixed_term',24);"
        "INSERT INTO cells(assignment_id,person_id,facility_id,cell_id,start_date,end_date) VALUES"
        " ('C-X1','X1','D1','201','2025-01-01',NULL), ('C-X2','X2','D1','201','2025-02-28',NULL),"
        " ('C-Y1','Y1','D1','202','2025-01-01',NULL), ('C-Y2','Y2','D1','202','2025-03-01',NULL),"
        " ('C-Z1','Z1','D1','203','2025-01-01',NULL), ('C-Z2','Z2','D1','204','2025-01-01',NULL);");
    h_expect(db, models_conditions, "CUS-02", AS_OF, WANT("C-X1"));
    h_close(db);
}

/* H-04: a death reported within 1 day; violence/unknown cause needs an autopsy. */
static void test_cus04(void **state)
{
    (void)state;
    sqlite3 *db = h_open();
    const char *ids[] = {"DF1", "DN1", "DF2", "DN2", "DF3", "DN3"};
    for (size_t i = 0; i < 6; i++)
        h_person(db, ids[i], "1980-01-01");
    h_exec(db,
           "INSERT INTO deaths(person_id,facility_id,death_date,cause,reported_date,autopsy) VALUES"
           " ('DF1','D1','2025-06-01','illness','2025-06-03',NULL),"
           " ('DN1','D1','2025-06-01','illness','2025-06-02',NULL),"
           " ('DF2','D1','2025-06-28','illness',NULL,NULL),"
           " ('DN2','D1','2025-06-29','illness',NULL,NULL),"
           " ('DF3','D1','2025-05-01','violence','2025-05-01',0),"
           " ('DN3','D1','2025-05-01','unknown','2025-05-02',1);");
    h_expect(db, models_conditions, "CUS-04", AS_OF, WANT("DF1", "DF2", "DF3"));
    h_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_prop01), cmocka_unit_test(test_prop02),
        cmocka_unit_test(test_cus01),  cmocka_unit_test(test_cus01_person_order),
        cmocka_unit_test(test_cus02),  cmocka_unit_test(test_cus04),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
