/* test_models2_duty.c — the second-order models: DUTY-01 (officer linked to leads of ≥ 3
 * distinct persons within 2 years and ≥ 3× the facility median) and the FAC-01 ranking. */
#include "models2_harness.h"
#include "models/stats.h"

#define AS_OF "2025-06-30"

static void duty_fixture(sqlite3 *db)
{
    for (int i = 1; i <= 16; i++) {
        char id[16];
        snprintf(id, sizeof id, "U%02d", i);
        h_person(db, id, "1980-01-01");
    }
    h_exec(db,
           "INSERT INTO staff(officer_id,name,facility_id) VALUES"
           " ('O1','王一','P1'),('O2','王二','P1'),('O3','王三','P1'),('O4','王四','P1'),"
           " ('O5','王五','P1'),('O6','王六','P1'),('O7','王七','P1'),('O8','甲','P1'),('O9','乙','"
           "P1'),"
           " ('O10','丙','P1'),('O11','丁','P1'),('O12','戊','P1'),('O13','己','P1'),('O14','庚','"
           "P1'),"
           " ('Q1','李一','P2'),('Q2','李二','P2'),('Q3','李三','P2'),"
           " ('R1','赵一','D1'),('R2','赵二','D1'),('R3','赵三','D1');"
           "INSERT INTO judgments(judgment_id,person_id,case_no,court_id,charges,offense_date,"
           "judgment_date,effective_date,penalty,term_months)"
           " SELECT 'J' || person_id, person_id, 'K' || person_id, 'C1', '盗窃罪', '2018-01-01',"
           " '2018-06-01', '2018-06-15', 'fixed_term', 120 FROM persons;"
           "INSERT INTO sentence_changes(change_id,person_id,judgment_id,kind,proposer_id,"
           "proposal_date,decider_id,decision_date,officer_id) VALUES"
           " ('SC1','U01','JU01','commutation','P1','2024-01-10','C1','2024-02-01','O1'),"
           " ('SC2','U02','JU02','commutation','P1','2024-06-01','C1','2024-07-01','O1'),"
           " ('SC3','U03','JU03','commutation','P1','2025-01-01','C1','2025-02-01','O1'),"
           " ('SC4','U04','JU04','commutation','P1','2024-01-10','C1','2024-02-01','O2'),"
           " ('SC5','U05','JU05','commutation','P1','2024-06-01','C1','2024-07-01','O2'),"
           " ('SC6','U04','JU04','parole','P1','2025-01-01','C1','2025-02-01','O2'),"
           " ('SC7','U06','JU06','commutation','P1','2022-01-01','C1','2022-02-01','O3'),"
           " ('SC8','U07','JU07','commutation','P1','2023-01-01','C1','2023-02-01','O3'),"
           " ('SC9','U08','JU08','commutation','P1','2024-01-02','C1','2024-02-01','O3'),"
           " ('SC10','U09','JU09','commutation','P1','2024-01-10','C1','2024-02-01','O5'),"
           " ('SC11','U10','JU10','commutation','P1','2024-06-01','C1','2024-07-01','O5'),"
           " ('SC12','U11','JU11','commutation','P1','2025-01-01','C1','2025-02-01','O5');"
           "INSERT INTO "
           "scores(score_id,person_id,facility_id,month,base_points,bonus_points,officer_id) VALUES"
           " ('S1','U01','P2','2025-01',80,60,'Q2'),('S2','U02','P2','2025-01',80,60,'Q2'),"
           " ('S3','U03','P2','2025-01',80,60,'Q2'),('S4','U04','P2','2025-01',80,60,'Q3'),"
           " ('S5','U05','P2','2025-01',80,60,'Q3'),('S6','U06','P2','2025-01',80,60,'Q3');"
           "INSERT INTO "
           "restraints(record_id,person_id,facility_id,kind,start_date,end_date,officer_id) VALUES"
           " ('RQ1','U07','P2','solitary','2025-01-01','2025-01-20','Q1'),"
           " ('RQ2','U08','P2','solitary','2025-01-01','2025-01-20','Q1'),"
           " ('RQ3','U09','P2','solitary','2025-01-01','2025-01-20','Q1'),"
           " ('RR1','U12','D1','restraint_chair','2025-01-01','2025-01-03','R1'),"
           " ('RR2','U13','D1','restraint_chair','2025-02-01','2025-02-03','R1'),"
           " ('RR3','U14','D1','restraint_chair','2025-03-01','2025-03-03','R1');"
           "INSERT INTO merits(merit_id,person_id,facility_id,kind,category,event_date,officer_id) "
           "VALUES"
           " ('ME1','U15','P1','merit','other','2025-01-01','O6');");
    h_exec(db, "INSERT INTO leads(model_id,subject,person_id,facility_id,family,severity,status,"
               "first_seen,last_seen,summary,evidence,evidence_hash,basis)"
               " SELECT 'CHG-01', change_id, person_id, proposer_id, 'changes', 'high',"
               "  CASE WHEN change_id = 'SC12' THEN 'resolved' ELSE 'open' END,"
               "  '2025-06-01', '2025-06-01', 's', '{}', 'h', 'C-01' FROM sentence_changes;"
               "INSERT INTO leads(model_id,subject,person_id,facility_id,family,severity,status,"
               "first_seen,last_seen,summary,evidence,evidence_hash,basis)"
               " SELECT 'CHG-10', score_id, person_id, facility_id, 'changes', 'medium', 'open',"
               "  '2025-06-01', '2025-06-01', 's', '{}', 'h', 'CHG-10' FROM scores;"
               "INSERT INTO leads(model_id,subject,person_id,facility_id,family,severity,status,"
               "first_seen,last_seen,summary,evidence,evidence_hash,basis)"
               " SELECT 'CUS-03', record_id, person_id, facility_id, 'conditions', 'high', 'open',"
               "  '2025-06-01', '2025-06-01', 's', '{}', 'h', 'H-02' FROM restraints;"
               "INSERT INTO leads(model_id,subject,person_id,facility_id,family,severity,status,"
               "first_seen,last_seen,summary,evidence,evidence_hash,basis) VALUES"
               " ('CHG-11','ME1','U15','P1','changes','high','open','2025-06-01','2025-06-01','s','"
               "{}','h','CHG-11'),"
               " ('DEL-01','JU16','U16','P1','delivery','high','open','2025-06-01','2025-06-01','s'"
               ",'{}','h','D-02');");
}

/* O1: 3 persons within 2 years, median of P1 (14 staff, 9 unlinked) is 0: fires. O2: 2 persons. O3:
 * 3 persons spread over more than 2 years. O5: one of its 3 leads resolved. Q1 (restraints) has 3,
 * but P2's median is 3 (Q2 3, Q3 3): not 3×. R1 at D1 (median 0): fires. */
static void test_duty01(void **state)
{
    (void)state;
    sqlite3 *db = h_open();
    duty_fixture(db);
    h_expect(db, models_second_order, "DUTY-01", AS_OF, WANT("O1", "R1"));
    /* before the third lead's record the officer is linked to 2 persons only */
    h_expect(db, models_second_order, "DUTY-01", "2024-12-31", NONE);
    h_close(db);
}

/* The leads DUTY-01 reads, by model: models_duty01_reads_model (the engine's test of whether
 * a screening's writes can change the digest of them, set_runs.h) agrees with the SQL. */
static void test_duty01_reads_model(void **state)
{
    (void)state;
    static const char *const ids[] = {
        "CHG-01", "CHG-05",  "CHG-09",  "CHG-10",  "CHG-11",  "CHG-14", "CHG-15",
        "CHG-1",  "CHG-0",   "CHG-00",  "CHG-01a", "CHG-14a", "CHG",    "CG-01",
        "CUS-01", "CUS-02",  "CUS-03",  "CUS-04",  "CUS-05",  "CUS-06", "CUS-07",
        "CUS-08", "CUS-09",  "CUS-03a", "DEL-01",  "DUTY-01", "CC-01",  "U-CHG-01",
        "chg-01", "PROP-01", "REL-01",  "ZZZ",     "A"};
    sqlite3 *db = h_open();
    sqlite3_stmt *ins = NULL, *sel = NULL;
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "INSERT INTO leads(model_id,subject,person_id,severity,"
                                        "status,first_seen,last_seen,summary,evidence,"
                                        "evidence_hash,basis) VALUES (?1,'S',NULL,'high','open',"
                                        "'2025-01-01','2025-01-01','s','{}','h','b')",
                                        -1, &ins, NULL),
                     SQLITE_OK);
    for (size_t i = 0; i < sizeof ids / sizeof *ids; i++) {
        sqlite3_reset(ins);
        sqlite3_bind_text(ins, 1, ids[i], -1, SQLITE_STATIC);
        assert_int_equal(sqlite3_step(ins), SQLITE_DONE);
    }
    sqlite3_finalize(ins);
    assert_int_equal(sqlite3_prepare_v2(db, models_duty01_leads_sql, -1, &sel, NULL), SQLITE_OK);
    sqlite3_bind_text(sel, 1, AS_OF, -1, SQLITE_STATIC);
    bool read[sizeof ids / sizeof *ids] = {false};
    while (sqlite3_step(sel) == SQLITE_ROW)
        for (size_t i = 0; i < sizeof ids / sizeof *ids; i++)
            read[i] |= !strcmp((const char *)sqlite3_column_text(sel, 1), ids[i]);
    sqlite3_finalize(sel);
    size_t n = 0;
    for (size_t i = 0; i < sizeof ids / sizeof *ids; i++) {
        if (read[i] != models_duty01_reads_model(ids[i]))
            fail_msg("%s: the SQL %s it, models_duty01_reads_model %s", ids[i],
                     read[i] ? "reads" : "does not read",
                     models_duty01_reads_model(ids[i]) ? "says yes" : "says no");
        n += read[i];
    }
    assert_int_equal(n, 11); /* CHG-01, 05, 09, 10, 11, 14, 1, 01a; CUS-03, 06, 08 */
    h_close(db);
}

/* FAC-01: rank by open leads per 100 persons held, by family. */
static void test_fac01(void **state)
{
    (void)state;
    sqlite3 *db = h_open();
    duty_fixture(db);
    /* held: P1 holds U01..U04 (U04 released), P2 holds U05..U06, D1 none */
    h_exec(db, "INSERT INTO custody(event_id,person_id,facility_id,event_type,event_date) VALUES"
               " ('K1','U01','P1','admit','2020-01-01'),('K2','U02','P1','admit','2020-01-01'),"
               " ('K3','U03','P1','admit','2020-01-01'),('K4','U04','P1','admit','2020-01-01'),"
               " ('K5','U04','P1','release','2025-01-01'),('K6','U05','P2','admit','2020-01-01'),"
               " ('K7','U06','P2','admit','2020-01-01'),('K8','U07','P2','admit','2025-07-01');");
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    sqlite3_int64 as_of_ok = 0;
    zj_date as_of;
    assert_int_equal(date_parse(AS_OF, 10, &as_of), 0);
    assert_int_equal(models_facility_rank(db, as_of, NULL, "csv", f), 0);
    fclose(f);
    (void)as_of_ok;
    /* P1: 13 open leads (SC1..SC11 + ME1 + DEL-01), 3 held = 433.33; P2: 9 open, 2 held = 450 */
    assert_non_null(strstr(text, "rank,facility_id,name,kind,region_code,held,open_leads,per_100,"
                                 "incidents_12m,released,reoffended,reoffend_pct,"
                                 "changes,conditions,delivery\n"));
    assert_non_null(strstr(text, "\n1,P2,第二监狱,prison,110107,2,9,450.00,0,0,0,,6,3,0\n"));
    assert_non_null(strstr(text, "\n2,P1,第一监狱,prison,110106,3,13,433.33,0,0,0,,12,0,1\n"));
    assert_non_null(strstr(text, "\n3,D1,"));
    free(text);
    f = open_memstream(&text, &len);
    assert_int_equal(models_facility_rank(db, as_of, NULL, "text", f), 0);
    fclose(f);
    assert_non_null(strstr(text, "\t类别\t地区\t"));
    assert_non_null(strstr(text, "\n1\tP2\t第二监狱\tprison\t北京市石景山区\t2\t9\t450.00\t"));
    free(text);
    f = open_memstream(&text, &len);
    assert_int_equal(models_facility_rank(db, as_of, NULL, "json", f), 0);
    fclose(f);
    assert_non_null(strstr(text, "\"model_id\": \"FAC-01\""));
    assert_non_null(strstr(text, "\"region_name\": \"北京市丰台区\""));
    free(text);
    h_close(db);
}

/* models --stats: raised, open, dismissed, cases (status 'case' or a case naming the lead),
 * resolved, conversion = cases / raised. */
static void test_stats(void **state)
{
    (void)state;
    sqlite3 *db = h_open();
    h_exec(
        db,
        "INSERT INTO leads(lead_id,model_id,subject,severity,status,first_seen,last_seen,summary,"
        "evidence,evidence_hash,basis) VALUES"
        " (1,'CC-01','a','high','open','2025-01-01','2025-01-01','s','{}','h','b'),"
        " (2,'CC-01','b','high','case','2025-01-01','2025-01-01','s','{}','h','b'),"
        " (3,'CC-01','c','high','dismissed','2025-01-01','2025-01-01','s','{}','h','b'),"
        " (4,'CC-01','d','high','verifying','2025-01-01','2025-01-01','s','{}','h','b'),"
        " (5,'X-OLD','e','high','resolved','2025-01-01','2025-01-01','s','{}','h','b'),"
        " (6,'X-OLD','f','high','assigned','2025-01-01','2025-01-01','s','{}','h','b');"
        "INSERT INTO cases(case_id,lead_id,title,opened_at,opened_by) VALUES"
        " (1,4,'案','2025-01-02T00:00:00Z','u');");
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_int_equal(models_stats_print(db, models_community, 2, "csv", f), 0);
    fclose(f);
    assert_string_equal(text, "model_id,name,raised,open,dismissed,cases,resolved,conversion\n"
                              "CC-01,漏管（未按期报到）,4,2,1,2,0,0.5000\n"
                              "CC-02,脱管,0,0,0,0,0,\n"
                              "X-OLD,,2,1,0,0,1,0.0000\n"
                              "合计,,6,3,1,2,1,0.3333\n");
    free(text);
    h_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_duty01),
        cmocka_unit_test(test_duty01_reads_model),
        cmocka_unit_test(test_fac01),
        cmocka_unit_test(test_stats),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
