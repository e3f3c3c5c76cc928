/* test_models2_community.c — CC-01 … CC-04, CC-06 (spec/models.md; law.md §6-7; CC-02 and
 * CC-03 run per person over the correction's interval, CC-05 in test_models_windows.c): each fixture
 * fires, each near miss (one day inside the limit, or a lawful variant) stays silent. */
#include "models2_harness.h"

#define AS_OF "2025-06-30"

static sqlite3 *cc_db(void)
{
    sqlite3 *db = h_open();
    for (int i = 1; i <= 24; i++) {
        char id[16];
        snprintf(id, sizeof id, "P%02d", i);
        h_person(db, id, "1980-01-01");
    }
    return db;
}

/* T-02/T-03: a review gap > 3 months + 15 days, or the condition ended, and still outside
 * 30 days later. N2: started 2025-02-15, review due by 2025-05-30, ground 05-31, deadline
 * 06-30 = the as-of date; F2 one day earlier. */
static void test_cc04(void **state)
{
    (void)state;
    sqlite3 *db = cc_db();
    h_exec(db,
           "INSERT INTO judgments(judgment_id,person_id,case_no,court_id,charges,offense_date,"
           "judgment_date,effective_date,penalty,term_months) VALUES"
           " ('J05','P05','K5','C1','盗窃罪','2023-01-01','2023-06-01','2023-06-11','fixed_term',48),"
           " ('J06','P06','K6','C1','盗窃罪','2023-01-01','2023-06-01','2023-06-11','fixed_term',48);"
           "INSERT INTO sentence_changes(change_id,person_id,judgment_id,kind,decider_id,"
           "decision_date,grounds) VALUES"
           " ('T05','P05','J05','temp_outside','C1','2024-06-01','pregnancy'),"
           " ('T06','P06','J06','temp_outside','C1','2024-06-01','pregnancy');"
           "INSERT INTO corrections(cc_id,person_id,agency_id,basis,change_id,order_date,"
           "report_date,end_date,status,status_date) VALUES"
           " ('CC04-F1','P01','A1','temp_outside',NULL,'2024-06-01','2024-06-01',NULL,'active',NULL),"
           " ('CC04-N1','P02','A1','temp_outside',NULL,'2024-06-01','2024-06-01',NULL,'active',NULL),"
           " ('CC04-N2','P03','A1','temp_outside',NULL,'2025-02-15','2025-02-15',NULL,'active',NULL),"
           " ('CC04-F2','P04','A1','temp_outside',NULL,'2025-02-14','2025-02-14',NULL,'active',NULL),"
           " ('CC04-F3','P05','A1','temp_outside','T05','2024-06-01','2024-06-05','2025-05-01','active',NULL),"
           " ('CC04-N3','P06','A1','temp_outside','T06','2024-06-01','2024-06-05','2025-05-01','revoked','2025-05-20'),"
           " ('CC04-F4','P07','A1','temp_outside',NULL,'2025-03-01','2025-03-01',NULL,'active',NULL),"
           " ('CC04-N4','P08','A1','probation',NULL,'2024-01-01','2024-01-01',NULL,'active',NULL);"
           "INSERT INTO cc_events(event_id,cc_id,event_date,kind) VALUES"
           " ('R1','CC04-N1','2024-09-10','review'), ('R2','CC04-N1','2024-12-10','review'),"
           " ('R3','CC04-N1','2025-03-10','review'), ('R4','CC04-N1','2025-06-10','review');"
           "INSERT INTO medical(exam_id,person_id,hospital_id,exam_date,kind,disease,"
           "severe_list_item) VALUES"
           " ('M1','P07','H1','2025-04-01','review','肺结核',NULL),"
           " ('M2','P02','H1','2025-06-01','review','肺结核','第三条');");
    h_expect(db, models_community, "CC-04", AS_OF, WANT("CC04-F1", "CC04-F2", "CC04-F3", "CC04-F4"));
    h_expect(db, models_community, "CC-04", "2025-07-01",
             WANT("CC04-F1", "CC04-F2", "CC04-F3", "CC04-F4", "CC04-N2"));
    h_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cc04),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
