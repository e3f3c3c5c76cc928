/* test_report_indicators.c — every indicator of the work report (report.h) on a fixture
 * with known counts (rows inserted by SQL), the Chinese phrasing of changes, and the
 * three renderers: JSON lists every indicator with its count, Markdown has the tables,
 * HTML is self-contained (no external URL) with one inline SVG per chart. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "law/law.h"
#include "models/models2.h"
#include "report/report.h"
#include "store/store.h"

static sqlite3 *db;

static void exec(const char *sql)
{
    char *err = NULL;
    int rc = sqlite3_exec(db, sql, NULL, NULL, &err);
    if (rc != SQLITE_OK)
        fail_msg("sql failed: %s\n%s", err ? err : "", sql);
}

static zj_date D(const char *s)
{
    zj_date d;
    assert_int_equal(date_parse(s, (unsigned)strlen(s), &d), 0);
    return d;
}

#define LEAD(id, model, subj, person, fac, region, first, status, source)                          \
    "INSERT INTO leads(lead_id, model_id, subject, person_id, facility_id, region_code,"           \
    " severity, status, first_seen, last_seen, summary, evidence, evidence_hash, basis, source)"   \
    " VALUES (" id ", '" model "', '" subj "', " person ", " fac ", '" region                      \
    "', 'high', '" status "', '" first "', '" first "', 's', '{}', 'h', 'b', '" source "');"

static const char *fixture =
    "INSERT INTO facilities VALUES"
    " ('P1','第一监狱','prison','320102',NULL,NULL,NULL),"
    " ('P2','看守所','detention_center','320205',NULL,NULL,NULL),"
    " ('X1','外省监狱','prison','110101',NULL,NULL,NULL),"
    " ('C1','中级法院','court','320100',NULL,NULL,NULL),"
    " ('C2','外省法院','court','110100',NULL,NULL,NULL),"
    " ('A1','矫正机构','community_corrections','320102',NULL,NULL,NULL);"
    "INSERT INTO persons(person_id, name, birth_date) VALUES ('p1','甲','1980-01-01'),"
    " ('p2','乙','1980-01-01'),('p3','丙','1980-01-01'),('p4','丁','1980-01-01'),"
    " ('p5','戊','1980-01-01'),('p6','己','1980-01-01');"
    "INSERT INTO judgments(judgment_id, person_id, case_no, court_id, charges, offense_date,"
    " judgment_date, effective_date, penalty, term_months) VALUES"
    " ('j2','p2','n2','C1','盗窃罪','2019-01-01','2019-06-01','2019-06-10','fixed_term',60),"
    " ('j5','p5','n5','C1','盗窃罪','2019-01-01','2019-06-01','2019-06-10','fixed_term',36),"
    " ('j6','p6','n6','C1','盗窃罪','2019-01-01','2019-06-01','2019-06-10','fixed_term',36);"
    /* leads */
    LEAD("1", "CHG-01", "c1", "'p1'", "'P1'", "320102", "2025-03-01", "case",
         "model") LEAD("2", "CHG-02", "c2", "'p2'", "'P1'", "320102", "2025-04-01", "open", "model")
        LEAD("3", "PR-01", "v3", "'p3'", "NULL", "320102", "2025-05-01", "case", "model")
            LEAD("4", "DEL-01", "j4", "'p4'", "'P2'", "320205", "2025-06-01", "case", "model") LEAD(
                "5", "CC-02", "cc5", "'p5'", "'P2'", "320205", "2025-02-01", "dismissed", "model")
                LEAD("6", "CHG-01", "c6", "'p6'", "'X1'", "110101", "2025-03-01", "case", "model")
                    LEAD("7", "CUS-03", "r7", "'p1'", "'P1'", "320102", "2024-12-31", "case",
                         "model") LEAD("8", "INSPECT", "INS-2-1", "NULL", "'P1'", "320102",
                                       "2025-07-01", "open", "inspection")
                        LEAD("9", "COMPLAINT", "CMP-1", "'p4'", "'P2'", "320205", "2025-08-01",
                             "open", "complaint") LEAD("10", "DUTY-01", "o10", "NULL", "'P1'",
                                                       "320102", "2025-09-01", "case", "model")
    /* cases; case 7 has no lead: its person is linked to P2 by a custody event (person-link-2) */
    "INSERT INTO custody(event_id, person_id, facility_id, event_type, event_date) VALUES"
    " ('d7','p2','P2','detain','2018-01-01');"
    "INSERT INTO cases(case_id, lead_id, title, person_id, facility_id, region_code, family,"
    " opened_at, opened_by) VALUES"
    " (1, 1, 't', 'p1', 'P1', '320102', 'changes', '2025-03-10T09:00:00Z', 'x'),"
    " (2, 3, 't', 'p3', NULL, '320102', 'political', '2025-05-10T09:00:00Z', 'x'),"
    " (3, 4, 't', 'p4', 'P2', '320205', 'delivery', '2025-06-10T09:00:00Z', 'x'),"
    " (4, 6, 't', 'p6', 'X1', '110101', 'changes', '2025-03-10T09:00:00Z', 'x'),"
    " (5, 7, 't', 'p1', 'P1', '320102', 'custody', '2025-01-05T09:00:00Z', 'x'),"
    " (6, 10, 't', NULL, 'P1', '320102', 'second_order', '2025-09-05T09:00:00Z', 'x'),"
    " (7, NULL, 't', 'p5', 'P2', '320205', 'property', '2024-11-01T09:00:00Z', 'x');"
    "INSERT INTO measures(measure_id, case_id, kind, sent_date, reply_deadline, reply_date,"
    " corrected, created_at, created_by) VALUES"
    " (1, 1, 'correction_notice', '2025-03-20', '2025-04-04', '2025-04-01', 1, 'n', 'x'),"
    " (2, 1, 'suggestion', '2025-03-25', NULL, NULL, NULL, 'n', 'x'),"
    " (3, 2, 'correction_notice', '2025-05-20', '2025-06-04', NULL, NULL, 'n', 'x'),"
    " (4, 3, 'correction_notice', '2025-06-20', '2025-07-05', '2025-07-10', 0, 'n', 'x'),"
    " (5, 4, 'correction_notice', '2025-03-20', '2025-04-04', NULL, NULL, 'n', 'x'),"
    " (6, 5, 'correction_notice', '2025-01-10', '2025-01-25', '2025-01-20', 1, 'n', 'x'),"
    " (7, 6, 'transfer', '2025-09-10', NULL, NULL, NULL, 'n', 'x'),"
    " (8, 7, 'correction_notice', '2024-12-01', '2024-12-16', NULL, NULL, 'n', 'x'),"
    " (9, 7, 'correction_notice', '2025-02-01', '2025-02-16', '2025-02-10', 1, 'n', 'x'),"
    " (10, 1, 'objection', '2025-03-28', NULL, NULL, NULL, 'n', 'x'),"
    " (11, 3, 'hearing', '2025-06-25', NULL, NULL, NULL, 'n', 'x'),"
    " (12, 2, 'correction_notice', '2025-12-20', '2026-01-04', NULL, NULL, 'n', 'x'),"
    " (13, 1, 'correction_notice', NULL, NULL, NULL, NULL, 'n', 'x');"
    /* sentence changes: decider C1 in region, C2 outside */
    "INSERT INTO sentence_changes(change_id, person_id, judgment_id, kind, decider_id,"
    " decision_date) VALUES"
    " ('s1','p2','j2','commutation','C1','2025-02-01'),"
    " ('s2','p2','j2','commutation','C1','2025-06-01'),"
    " ('s3','p2','j2','commutation','C1','2025-11-30'),"
    " ('s4','p2','j2','commutation','C2','2025-05-01'),"
    " ('s5','p2','j2','parole','C1','2025-07-01'),"
    " ('s6','p2','j2','commutation','C1','2024-03-01'),"
    " ('s7','p2','j2','commutation','C1','2024-12-31'),"
    " ('s8','p2','j2','parole','C1','2024-05-05'),"
    " ('s9','p2','j2','temp_outside','C1','2024-08-08'),"
    " ('s10','p2','j2','commutation','C1','2021-06-01'),"
    " ('s11','p2','j2','commutation','C1','2020-06-01'),"
    " ('s12','p2','j2','revoke_parole','C1','2025-04-04'),"
    " ('s13','p2','j2','revoke_probation','C1','2025-10-10'),"
    " ('s14','p6','j6','revoke_parole','C2','2025-04-04');"
    "INSERT INTO corrections(cc_id, person_id, agency_id, basis, order_date, status, status_date)"
    " VALUES ('cc1','p5','A1','parole','2024-01-01','revoked','2025-03-03'),"
    " ('cc2','p2','A1','parole','2024-01-01','revoked','2025-04-05'),"
    " ('cc3','p6','A1','parole','2024-01-01','revoked','2024-12-30'),"
    " ('cc4','p4','A1','parole','2024-01-01','active','2025-04-05');"
    /* p4, under community correction, returned to prison (收监); p3 returns without one */
    "INSERT INTO custody(event_id, person_id, facility_id, event_type, event_date) VALUES"
    " ('r1','p4','P1','return','2025-05-05'), ('r2','p3','P1','return','2025-05-05'),"
    " ('r3','p4','P1','return','2024-05-05');"
    /* inspections */
    "INSERT INTO inspections(inspection_id, kind, facility_id, region_code, start_date,"
    " end_date, created_at, created_by) VALUES"
    " (1,'routine','P1','320102','2025-03-01','2025-03-15','n','x'),"
    " (2,'cross','P1','320102','2025-06-01','2025-06-15','n','x'),"
    " (3,'special','P2','320205','2025-09-01','2025-09-15','n','x'),"
    " (4,'routine','X1','110101','2025-04-01','2025-04-15','n','x'),"
    " (5,'mobile','P2','320205','2024-11-01','2024-11-15','n','x');"
    "INSERT INTO inspection_findings VALUES (2, 8), (5, 2);"
    /* complaints */
    "INSERT INTO complaints(complaint_id, kind, channel, region_code, content, received_date,"
    " ack_due, deadline, status, outcome_date, corrected, created_at, created_by) VALUES"
    " (1,'accusation','letter','320102','c','2025-02-01','2025-02-08','2025-05-01','closed','2025-"
    "03-01',1,'n','x'),"
    " (2,'petition','visit','320102','c','2025-03-01','2025-03-08','2025-06-01','closed','2025-04-"
    "01',0,'n','x'),"
    " (3,'petition','phone','320205','c','2025-07-01','2025-07-08','2025-10-01','routed',NULL,NULL,"
    "'n','x'),"
    " (4,'report','phone','110101','c','2025-05-01','2025-05-08','2025-08-01','received',NULL,NULL,"
    "'n','x'),"
    " (5,'report','phone','320205','c','2024-12-01','2024-12-08','2025-03-01','received',NULL,NULL,"
    "'n','x'),"
    " (6,'petition','letter','320205','c','2025-11-01','2025-11-08','2026-02-01','closed','2025-12-"
    "01',1,'n','x');"
    /* resident office */
    "INSERT INTO talks(facility_id, person_id, talk_date, procurator, content, created_at) VALUES"
    " ('P1','p1','2025-01-05','x','c','n'), ('P2','p4','2025-06-06','x','c','n'),"
    " ('X1','p6','2025-03-03','x','c','n'), ('P1','p1','2024-12-31','x','c','n');"
    "INSERT INTO meetings(facility_id, person_id, requested_date, content, created_at) VALUES"
    " ('P1','p1','2025-02-02','c','n');"
    "INSERT INTO letters(facility_id, person_id, received_date, content, created_at) VALUES"
    " ('P2','p4','2025-03-03','c','n'), ('P2','p4','2025-04-04','c','n'), "
    "('P1','p1','2025-05-05','c','n');"
    /* custody safety: incidents of 2025 in region 32 (i1 i2 i3 i4 i7), one outside (i5),
     * one of 2024 filed and transferred in 2025 (i6) */
    "INSERT INTO incidents(incident_id, facility_id, incident_date, kind, injury, source,"
    " case_filed_date, transferred_date) VALUES"
    " ('i1','P1','2025-02-01','fight','light',NULL,'2025-02-10','2025-06-01'),"
    " ('i2','P1','2025-03-01','contraband',NULL,'staff',NULL,NULL),"
    " ('i3','P2','2025-04-01','staff_violence','slight',NULL,NULL,NULL),"
    " ('i4','P2','2025-05-01','escape',NULL,NULL,'2025-05-03',NULL),"
    " ('i5','X1','2025-05-01','fight','serious',NULL,'2025-05-10',NULL),"
    " ('i6','P1','2024-12-20','drugs',NULL,'visitor','2025-01-05','2025-03-01'),"
    " ('i7','P1','2025-07-01','bullying','none',NULL,NULL,NULL);"
    /* H-09: p5 released from P1 in 2021, offends again in 2023 (within 3 years); p6
     * released from P2 in 2022, no new offense; p1 released outside the region; p6's
     * parole from P1 ends in 2023 and the next offense is more than 3 years later */
    "INSERT INTO custody(event_id, person_id, facility_id, event_type, event_date) VALUES"
    " ('rl1','p5','P1','release','2021-03-01'), ('rl2','p6','P2','release','2022-06-01'),"
    " ('rl3','p1','X1','release','2022-01-01'), ('rp1','p6','P1','release_parole','2022-05-01');"
    "INSERT INTO corrections(cc_id, person_id, agency_id, basis, order_date, end_date, status,"
    " status_date) VALUES "
    "('cc5','p6','A1','parole','2022-05-01','2023-05-01','ended','2023-05-01');"
    "INSERT INTO judgments(judgment_id, person_id, case_no, court_id, charges, offense_date,"
    " judgment_date, effective_date, penalty, term_months) VALUES"
    " ('j5b','p5','n5b','C1','盗窃罪','2023-01-01','2023-06-01','2023-06-10','fixed_term',12),"
    " ('j6b','p6','n6b','C1','盗窃罪','2026-06-01','2026-06-10','2026-06-20','fixed_term',12);";

static int setup(void **state)
{
    (void)state;
    zj_diag d = {0};
    if (store_open(":memory:", 0, &db, &d) != 0) {
        fprintf(stderr, "store_open: %s\n", d.message);
        return -1;
    }
    exec(fixture);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    store_close(db);
    return 0;
}

static void compute(report *r, const char *region)
{
    report_params p = {.from = D("2025-01-01"),
                       .to = D("2025-12-31"),
                       .base_from = ZJ_DATE_NONE,
                       .base_to = ZJ_DATE_NONE,
                       .region = region};
    zj_diag d = {0};
    int rc = report_compute(db, &p, r, &d);
    if (rc)
        fail_msg("report_compute: %s", d.message);
}

/* Expected totals of every indicator on the fixture, region 32, year 2025. */
static const struct {
    const char *name;
    long total;
} expected[] = {
    {"notices_total", 6}, /* M1 M3 M4 M6 M9 M12 (M5 other province, M8 2024, M13 unsent) */
    {"notices_by_area", 6},
    {"notices_corrected", 3}, /* M1 M6 M9 */
    {"notices_overdue", 2},   /* M3 no reply, M4 replied late; M12 not yet due */
    {"suggestions_sent", 1},
    {"objections_sent", 1},
    {"hearings_held", 1},
    {"duty_transfers", 1},
    {"political_corrected", 1}, /* p3, two notices */
    {"seizures_corrected", 0},  /* no ENT lead in the fixture: test_seizures_corrected */
    {"changes_period", 4},      /* 3 commutations + 1 parole at C1; C2 outside */
    {"changes_base", 4},        /* 2024: 2 commutations, 1 parole, 1 temp_outside */
    {"changes_per_year", 9},    /* 2021..2025; 2020 outside the 5 years, C2 outside */
    {"leads_by_model", 6},      /* L1 L2 L3 L4 L5 L10 */
    {"cases_by_model", 4},      /* L1 L3 L4 L10 */
    {"leads_by_source", 2},     /* L8 inspection, L9 complaint */
    {"cases_opened", 5},        /* K1 K2 K3 K5 K6 */
    {"inspections_by_kind", 3},
    {"inspections_by_facility_kind", 3},
    {"inspection_findings", 1},
    {"complaints_received", 4},
    {"complaints_corrected", 2},
    {"complaints_late", 1}, /* Q3 */
    {"reimprisoned", 3},    /* p2 (twice revoked), p5, p4 returned to prison */
    {"office_talks", 2},
    {"office_meetings", 1},
    {"office_letters", 3},
    {"leads_by_subregion", 8},
    {"cases_by_subregion", 5},
    {"notices_by_subregion", 6},
    {"incidents_by_kind", 5}, /* i1 i2 i3 i4 i7 */
    {"incidents_by_injury", 5},
    {"custody_crimes", 8},      /* crimes i1 i4; filed i1 i4 i6; transferred i1 i6; escape i4 */
    {"staff_cases", 2},         /* i3 violence, i2 contraband from staff */
    {"reoffending_by_year", 4}, /* 2021 p5 released and re-offended; 2022 p6; 2023 p6's parole */
};

static void test_every_indicator_total(void **state)
{
    (void)state;
    size_t n;
    report_indicators(&n);
    assert_int_equal(n, sizeof expected / sizeof expected[0]); /* the table covers them all */
    report r;
    compute(&r, "32");
    for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++) {
        const report_value *v = report_get(&r, expected[i].name);
        if (!v)
            fail_msg("indicator '%s' missing", expected[i].name);
        if (v->total != expected[i].total)
            fail_msg("indicator '%s': %ld, expected %ld", expected[i].name, v->total,
                     expected[i].total);
    }
    report_release(&r);
}

static void test_indicator_rows(void **state)
{
    (void)state;
    report r;
    compute(&r, "32");
    assert_int_equal(report_count(&r, "notices_by_area", "changes"), 1);
    assert_int_equal(report_count(&r, "notices_by_area", "political"), 2);
    assert_int_equal(report_count(&r, "notices_by_area", "delivery"), 1);
    assert_int_equal(report_count(&r, "notices_by_area", "custody"), 1);
    assert_int_equal(report_count(&r, "notices_by_area", "property"), 1);
    assert_int_equal(report_count(&r, "notices_by_area", "community"), 0);
    const report_value *area = report_get(&r, "notices_by_area");
    assert_int_equal(area->n_rows, 6); /* the six areas are always listed */
    assert_string_equal(area->rows[1].label, "变更执行");
    assert_int_equal(report_count(&r, "changes_period", "commutation"), 3);
    assert_int_equal(report_count(&r, "changes_period", "parole"), 1);
    assert_int_equal(report_count(&r, "changes_period", "temp_outside"), 0);
    assert_int_equal(report_count(&r, "changes_base", "temp_outside"), 1);
    assert_int_equal(report_count(&r, "changes_per_year", "2025:commutation"), 3);
    assert_int_equal(report_count(&r, "changes_per_year", "2021:commutation"), 1);
    assert_int_equal(report_count(&r, "changes_per_year", "2020:commutation"), 0);
    assert_int_equal(report_count(&r, "cases_by_model", "CHG-01"), 1);
    assert_int_equal(report_count(&r, "cases_by_model", "CHG-02"), 0);
    assert_int_equal(report_count(&r, "leads_by_source", "inspection"), 1);
    assert_int_equal(report_count(&r, "inspections_by_kind", "cross"), 1);
    assert_int_equal(report_count(&r, "inspections_by_kind", "mobile"), 0);
    assert_int_equal(report_count(&r, "inspections_by_facility_kind", "prison"), 2);
    assert_int_equal(report_count(&r, "complaints_received", "petition"), 3);
    assert_int_equal(report_count(&r, "complaints_corrected", "accusation"), 1);
    assert_int_equal(report_count(&r, "leads_by_subregion", "3201"), 5);
    assert_int_equal(report_count(&r, "leads_by_subregion", "3202"), 3);
    assert_int_equal(report_count(&r, "cases_by_subregion", "3201"), 4);
    assert_int_equal(report_count(&r, "notices_by_subregion", "3202"), 2);
    assert_int_equal(report_count(&r, "incidents_by_kind", "fight"), 1);  /* i5 outside */
    assert_int_equal(report_count(&r, "incidents_by_kind", "drugs"), 0);  /* i6 in 2024 */
    assert_int_equal(report_count(&r, "incidents_by_injury", "none"), 3); /* i2 i4 empty, i7 */
    assert_int_equal(report_count(&r, "custody_crimes", "crimes"), 2);
    assert_int_equal(report_count(&r, "custody_crimes", "filed"), 3);
    assert_int_equal(report_count(&r, "custody_crimes", "transferred"), 2);
    assert_int_equal(report_count(&r, "custody_crimes", "escapes"), 1);
    assert_int_equal(report_count(&r, "staff_cases", "contraband"), 1);
    assert_int_equal(report_count(&r, "reoffending_by_year", "2021:reoffended"), 1);
    assert_int_equal(report_count(&r, "reoffending_by_year", "2023:released"), 1);
    assert_int_equal(report_count(&r, "reoffending_by_year", "2023:reoffended"), 0);
    report_release(&r);
}

/* FAC-01 beside its ranking: incidents of the 12 months and the H-09 cohorts of 6 to 3
 * years before the as-of date (P1: p5 re-offended, p6's parole ended there, not). */
static void test_fac01_safety(void **state)
{
    (void)state;
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    assert_non_null(mem);
    assert_int_equal(models_facility_rank(db, D("2026-06-30"), NULL, "json", mem), 0);
    fclose(mem);
    json_t *root = json_loadb(text, len, 0, NULL);
    assert_non_null(root);
    json_t *arr = json_object_get(root, "facilities"), *p1 = NULL;
    for (size_t i = 0; i < json_array_size(arr); i++)
        if (!strcmp(json_string_value(json_object_get(json_array_get(arr, i), "facility_id")),
                    "P1"))
            p1 = json_array_get(arr, i);
    assert_non_null(p1);
    assert_int_equal(json_integer_value(json_object_get(p1, "incidents_12m")), 1); /* i7 */
    assert_int_equal(json_integer_value(json_object_get(p1, "released")), 2);
    assert_int_equal(json_integer_value(json_object_get(p1, "reoffended")), 1);
    assert_true(json_real_value(json_object_get(p1, "reoffend_pct")) == 50.0);
    json_decref(root);
    free(text);
}

/* FAC-01's released and reoffended of facility id at 2026-06-30 with H-09.years = years. */
static void fac_h09(int years, const char *id, long *rel, long *again)
{
    struct law_params lp;
    law_params_default(&lp);
    lp.h09_years = years;
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    assert_non_null(mem);
    assert_int_equal(models_facility_rank(db, D("2026-06-30"), &lp, "json", mem), 0);
    fclose(mem);
    json_t *root = json_loadb(text, len, 0, NULL);
    json_t *arr = json_object_get(root, "facilities");
    *rel = *again = -1;
    for (size_t i = 0; i < json_array_size(arr); i++) {
        json_t *f = json_array_get(arr, i);
        if (!strcmp(json_string_value(json_object_get(f, "facility_id")), id)) {
            *rel = (long)json_integer_value(json_object_get(f, "released"));
            *again = (long)json_integer_value(json_object_get(f, "reoffended"));
        }
    }
    json_decref(root);
    free(text);
}

/* H-09.years as a law parameter: p5 (released 2021-03-01) re-offends 2023-01-01, not
 * within 1 year; p6 (released 2022-06-01, parole ended 2023-05-01) offends 2026-06-01:
 * within 4 years of the release on its last day, and of the parole's end. */
static void test_h09_years(void **state)
{
    (void)state;
    report r;
    zj_diag d = {0};
    report_params p = {.from = D("2025-01-01"),
                       .to = D("2025-12-31"),
                       .base_from = ZJ_DATE_NONE,
                       .base_to = ZJ_DATE_NONE,
                       .region = "32",
                       .reoffend_years = 1};
    assert_int_equal(report_compute(db, &p, &r, &d), 0);
    assert_int_equal(r.h09, 1);
    assert_int_equal(report_count(&r, "reoffending_by_year", "2021:released"), 1);
    assert_int_equal(report_count(&r, "reoffending_by_year", "2021:reoffended"), 0);
    report_release(&r);
    p.reoffend_years = 4;
    assert_int_equal(report_compute(db, &p, &r, &d), 0);
    assert_int_equal(report_count(&r, "reoffending_by_year", "2021:reoffended"), 1);
    assert_int_equal(report_count(&r, "reoffending_by_year", "2022:reoffended"), 1);
    assert_int_equal(report_count(&r, "reoffending_by_year", "2023:reoffended"), 1);
    strbuf sb = STRBUF_INIT;
    report_render_md(&r, &sb);
    assert_non_null(strstr(sb.buf, "刑满释放人员四年内再犯罪（按释放年份）"));
    strbuf_reset(&sb);
    report_render_html(&r, &sb);
    assert_non_null(strstr(sb.buf, "近四年释放的队列观察期未满四年（H-09）"));
    strbuf_reset(&sb);
    report_render_json(&r, &sb);
    assert_non_null(strstr(sb.buf, "\"parameters\":{\"H-09.years\":4}"));
    strbuf_release(&sb);
    report_release(&r);
    p.reoffend_years = 3;
    assert_int_equal(report_compute(db, &p, &r, &d), 0);
    assert_int_equal(report_count(&r, "reoffending_by_year", "2022:reoffended"), 0);
    report_release(&r);
    p.reoffend_years = -1;
    assert_int_equal(report_compute(db, &p, &r, &d), ZJ_EINVAL);
    report_release(&r);

    /* FAC-01 at 2026-06-30: N = 4 takes the releases of (2018-06-30, 2022-06-30]: P1 p5
     * (2021) re-offended, P2 p6 (2022-06-01) on the last day of 4 years */
    long rel, again;
    fac_h09(4, "P1", &rel, &again);
    assert_true(rel == 1 && again == 1);
    fac_h09(4, "P2", &rel, &again);
    assert_true(rel == 1 && again == 1);
    /* N = 3: (2020-06-30, 2023-06-30]: P1 p5 and p6's parole end; P2 p6, not within 3 */
    fac_h09(3, "P1", &rel, &again);
    assert_true(rel == 2 && again == 1);
    fac_h09(3, "P2", &rel, &again);
    assert_true(rel == 1 && again == 0);
    /* N = 2: (2022-06-30, 2024-06-30]: p6's parole end at P1, no offense by 2025-05-01 */
    fac_h09(2, "P1", &rel, &again);
    assert_true(rel == 1 && again == 0);
    fac_h09(2, "P2", &rel, &again);
    assert_true(rel == 0 && again == 0);
}

static void test_country_and_narrow_region(void **state)
{
    (void)state;
    report r;
    compute(&r, "");
    assert_int_equal(report_total(&r, "notices_total"), 7);  /* + M5 in province 11 */
    assert_int_equal(report_total(&r, "changes_period"), 5); /* + C2's commutation */
    assert_int_equal(report_total(&r, "reimprisoned"), 4);   /* + p6 revoked by C2 */
    assert_int_equal(report_count(&r, "leads_by_subregion", "11"), 1);
    assert_int_equal(report_count(&r, "leads_by_subregion", "32"), 8);
    const report_value *rv = report_get(&r, "leads_by_subregion");
    for (size_t i = 0; i < rv->n_rows; i++)
        if (!strcmp(rv->rows[i].key, "32"))
            assert_string_equal(rv->rows[i].label, "江苏省（32）");
    report_release(&r);
    compute(&r, "3202");
    assert_int_equal(report_total(&r, "notices_total"), 2); /* M4, M9 */
    assert_int_equal(report_count(&r, "notices_by_subregion", "320205"), 2);
    strbuf sb = STRBUF_INIT;
    report_render_md(&r, &sb);
    assert_non_null(strstr(sb.buf, "地区：江苏省无锡市"));
    assert_non_null(strstr(sb.buf, "| 锡山区（320205） | "));
    strbuf_release(&sb);
    report_release(&r);
    report_params bad = {.from = D("2025-01-01"),
                         .to = D("2025-12-31"),
                         .base_from = ZJ_DATE_NONE,
                         .base_to = ZJ_DATE_NONE,
                         .region = "3x"};
    zj_diag d = {0};
    assert_int_equal(report_compute(db, &bad, &r, &d), ZJ_EINVAL);
    report_release(&r);
}

static void test_change_phrase(void **state)
{
    (void)state;
    char b[48];
    assert_string_equal(report_change_phrase(1051, 1000, b, sizeof b), "上升5.1%");
    assert_string_equal(report_change_phrase(970, 1000, b, sizeof b), "下降3.0%");
    assert_string_equal(report_change_phrase(220, 100, b, sizeof b), "上升1.2倍");
    assert_string_equal(report_change_phrase(200, 100, b, sizeof b), "上升1.0倍");
    assert_string_equal(report_change_phrase(199, 100, b, sizeof b), "上升99.0%");
    assert_string_equal(report_change_phrase(5, 5, b, sizeof b), "持平");
    assert_string_equal(report_change_phrase(0, 4, b, sizeof b), "下降100.0%");
    assert_string_equal(report_change_phrase(3, 0, b, sizeof b), "新增3");
    assert_string_equal(report_change_phrase(3, 2, b, sizeof b), "上升50.0%");
}

/* What the report says it compares with, for the period and base of a run. */
static void compare_of(const char *from, const char *to, const char *bfrom, const char *bto,
                       const char *want, int want_year)
{
    report_params p = {.from = D(from),
                       .to = D(to),
                       .base_from = bfrom ? D(bfrom) : ZJ_DATE_NONE,
                       .base_to = bto ? D(bto) : ZJ_DATE_NONE,
                       .region = "32"};
    report r;
    zj_diag d = {0};
    assert_int_equal(report_prepare(&p, &r, &d), 0);
    assert_string_equal(r.compare, want);
    assert_int_equal(r.base_year, want_year);
    report_release(&r);
}

static void test_compare_names_base(void **state)
{
    (void)state;
    compare_of("2024-01-01", "2024-12-31", NULL, NULL, "同比", 2023);
    compare_of("2024-01-01", "2024-12-31", "2023-01-01", "2023-12-31", "同比", 2023);
    compare_of("2024-01-01", "2024-12-31", "2021-01-01", "2021-12-31", "比2021年", 2021);
    compare_of("2024-01-01", "2024-06-30", "2021-01-01", "2021-06-30", "比2021年同期", 2021);
    compare_of("2024-03-01", "2024-12-31", "2022-03-01", "2022-12-31", "比2022年同期", 2022);
    compare_of("2024-07-01", "2025-06-30", "2021-07-01", "2022-06-30",
               "比基期（2021年7月1日至2022年6月30日）", 0);
    compare_of("2024-01-01", "2024-12-31", "2021-02-01", "2021-12-31",
               "比基期（2021年2月1日至2021年12月31日）", 0);
    /* 29 February: the base is the end of February of the earlier year */
    compare_of("2024-01-01", "2024-02-29", NULL, NULL, "同比", 2023);
    compare_of("2024-01-01", "2024-02-29", "2021-01-01", "2021-02-28", "比2021年同期", 2021);
}

/* The report against 2021 on the fixture: 2025 has 3 commutations, 1 parole, 0 temp_outside;
 * 2021 has 1 commutation. */
static void test_base_year_phrasing(void **state)
{
    (void)state;
    report_params p = {.from = D("2025-01-01"),
                       .to = D("2025-12-31"),
                       .base_from = D("2021-01-01"),
                       .base_to = D("2021-12-31"),
                       .region = "32"};
    report r;
    zj_diag d = {0};
    assert_int_equal(report_compute(db, &p, &r, &d), 0);
    char b[160];
    assert_int_equal(report_total(&r, "changes_base"), 1);
    assert_string_equal(report_compare_phrase(&r, 3, 1, b, sizeof b), "比2021年上升2.0倍");
    assert_string_equal(report_compare_phrase(&r, 1, 1, b, sizeof b), "与2021年持平");
    assert_string_equal(report_compare_phrase(&r, 0, 2, b, sizeof b), "比2021年下降100.0%");
    strbuf sb = STRBUF_INIT;
    report_render_md(&r, &sb);
    assert_non_null(strstr(sb.buf, "| 减刑 | 3 | 1 | 比2021年上升2.0倍 |"));
    assert_non_null(strstr(sb.buf, "比2021年分别上升2.0倍、新增1和持平"));
    assert_null(strstr(sb.buf, "同比"));
    strbuf_reset(&sb);
    report_render_html(&r, &sb);
    assert_non_null(strstr(sb.buf, "<span data-comparison=\"2021\">比2021年</span>"));
    assert_null(strstr(sb.buf, "同比"));
    strbuf_release(&sb);
    report_release(&r);
}

static int count_of(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = hay; (p = strstr(p, needle)) != NULL; p += strlen(needle))
        n++;
    return n;
}

static void test_json_traceable(void **state)
{
    (void)state;
    report r;
    compute(&r, "32");
    strbuf sb = STRBUF_INIT;
    report_render_json(&r, &sb);
    json_error_t err;
    json_t *root = json_loads(sb.buf, 0, &err);
    if (!root)
        fail_msg("json: %s (line %d)", err.text, err.line);
    json_t *ind = json_object_get(root, "indicators");
    assert_int_equal(json_array_size(ind), sizeof expected / sizeof expected[0]);
    for (size_t i = 0; i < json_array_size(ind); i++) {
        json_t *o = json_array_get(ind, i);
        const char *name = json_string_value(json_object_get(o, "name"));
        assert_non_null(name);
        assert_non_null(json_string_value(json_object_get(o, "sql")));
        assert_int_equal(json_integer_value(json_object_get(o, "count")), report_total(&r, name));
    }
    json_t *ch = json_array_get(json_object_get(root, "changes"), 0);
    assert_string_equal(json_string_value(json_object_get(ch, "kind")), "commutation");
    assert_string_equal(json_string_value(json_object_get(ch, "change")), "上升50.0%");
    ch = json_array_get(json_object_get(root, "changes"), 2);
    assert_string_equal(json_string_value(json_object_get(ch, "change")), "下降100.0%");
    assert_string_equal(json_string_value(json_object_get(ch, "phrase")), "同比下降100.0%");
    assert_int_equal(json_integer_value(json_object_get(root, "base_year")), 2024);
    assert_string_equal(json_string_value(json_object_get(root, "comparison")), "同比");
    assert_string_equal(json_string_value(json_object_get(root, "region")), "32");
    json_decref(root);
    strbuf_release(&sb);
    report_release(&r);
}

static void test_html_self_contained(void **state)
{
    (void)state;
    report r;
    compute(&r, "32");
    strbuf sb = STRBUF_INIT;
    report_render_html(&r, &sb);
    const char *h = sb.buf;
    assert_true(strncmp(h, "<!DOCTYPE html>", 15) == 0);
    /* nothing fetched from elsewhere */
    assert_null(strstr(h, "http:"));
    assert_null(strstr(h, "https:"));
    assert_null(strstr(h, "//"));
    assert_null(strstr(h, " src="));
    assert_null(strstr(h, "<link"));
    assert_null(strstr(h, "@import"));
    assert_int_equal(count_of(h, "url("), count_of(h, "url(#")); /* only in-page patterns */
    /* one inline SVG per chart, each with a title, hatching for bars */
    static const char *const charts[] = {"c-notices",  "c-changes",    "c-models",    "c-insp-kind",
                                         "c-insp-fac", "c-complaints", "c-incidents", "c-reoffend"};
    assert_int_equal(count_of(h, "<svg "), 8);
    assert_int_equal(count_of(h, "</svg>"), 8);
    for (size_t i = 0; i < 8; i++) {
        char needle[64];
        snprintf(needle, sizeof needle, "<svg class=\"rpt-chart\" id=\"%s\"", charts[i]);
        assert_non_null(strstr(h, needle));
    }
    assert_true(count_of(h, "<title id=") == 8);
    assert_non_null(strstr(h, "fill=\"url(#c-notices-hatch)\""));
    assert_non_null(strstr(h, "stroke-dasharray=\"8 4\"")); /* second line is dashed */
    /* figures are traceable and the Chinese phrasing is there */
    assert_non_null(strstr(h, "data-indicator=\"notices_total\">6</span>"));
    assert_non_null(strstr(h, "上升50.0%"));
    assert_non_null(strstr(h, "变更执行"));
    assert_non_null(strstr(h, "id=\"ind-duty_transfers\""));
    /* custody safety: the figures and the re-offending table by release year */
    assert_non_null(strstr(h, "data-indicator=\"custody_crimes\" data-key=\"filed\">3</span>"));
    assert_non_null(strstr(h, "data-indicator=\"staff_cases\" data-key=\"violence\">1</span>"));
    assert_non_null(strstr(h, "<tr><td>2021年</td><td class=\"n\">1</td><td class=\"n\">1</td>"
                              "<td class=\"n\">100.0%</td></tr>"));
    assert_non_null(strstr(h, "<tr><td>2024年</td><td class=\"n\">0</td><td class=\"n\">0</td>"
                              "<td class=\"n\">-</td></tr>"));
    strbuf_release(&sb);
    report_render_md(&r, &sb);
    assert_non_null(strstr(sb.buf, "# 刑事执行检察工作报告"));
    assert_non_null(strstr(sb.buf, "| 变更执行 | 1 |"));
    assert_non_null(strstr(sb.buf, "| 减刑 | 3 | 2 | 同比上升50.0% |"));
    assert_non_null(strstr(sb.buf, "| 假释 | 1 | 1 | 同比持平 |"));
    assert_non_null(strstr(sb.buf, "同比分别上升50.0%、持平和下降100.0%"));
    assert_non_null(strstr(sb.buf, "| `notices_total` |"));
    assert_non_null(strstr(sb.buf, "| 2022 | 1 | 0 | 0.0% |"));
    assert_non_null(strstr(sb.buf, "| 欺压他犯（牢头狱霸） | 1 |"));
    strbuf_release(&sb);
    report_release(&r);
}

/* Direct labels of lines ending on the same value do not overlap; bars carry values. */
static void test_chart_labels(void **state)
{
    (void)state;
    const char *x[] = {"2024", "2025"};
    long a[] = {1, 5}, b[] = {2, 5}, c[] = {3, 5};
    report_series ser[] = {{"减刑", a}, {"假释", b}, {"暂予监外执行", c}};
    strbuf sb = STRBUF_INIT;
    svg_line_chart(&sb, "t", "标题", x, 2, ser, 3);
    int ys[3], n = 0;
    for (const char *p = sb.buf; n < 3 && (p = strstr(p, "<text x=\"")) != NULL; p++) {
        int tx, ty;
        char rest[64];
        if (sscanf(p, "<text x=\"%d\" y=\"%d\" font-size=\"12\">%63[^<]", &tx, &ty, rest) == 3 &&
            strstr(rest, " 5"))
            ys[n++] = ty;
    }
    assert_int_equal(n, 3);
    for (int i = 0; i < 3; i++)
        for (int j = i + 1; j < 3; j++)
            assert_true(abs(ys[i] - ys[j]) >= 14);
    strbuf_reset(&sb);
    report_bar bars[] = {{"交付执行", 9, -1}, {"变更执行", 0, -1}};
    svg_bar_chart(&sb, "b", "纠正", bars, 2, NULL, NULL);
    assert_non_null(strstr(sb.buf, ">9</text>"));
    assert_non_null(strstr(sb.buf, ">0</text>"));
    assert_non_null(strstr(sb.buf, "url(#b-hatch)"));
    strbuf_reset(&sb);
    svg_bar_chart(&sb, "e", "空", NULL, 0, NULL, NULL);
    assert_non_null(strstr(sb.buf, "本期无数据"));
    strbuf_release(&sb);
}

/* seizures_corrected: the distinct seizures (ENT leads) whose correction notice of the
 * period was rectified — S1 corrected once then again (counted once), S2 not corrected,
 * S3 corrected in 2024 (outside the period), CHG-01's corrected notice not a seizure. */
static void test_seizures_corrected(void **state)
{
    (void)state;
    assert_int_equal(
        sqlite3_exec(db,
                     "BEGIN;" LEAD("41", "ENT-01", "S1", "NULL", "'P1'", "320102", "2025-02-01",
                                   "case", "model") LEAD("42", "ENT-02", "S2", "NULL", "'P1'",
                                                         "320102", "2025-02-01", "case", "model")
                         LEAD("43", "ENT-03", "S3", "NULL", "'P1'", "320102", "2024-02-01", "case",
                              "model") "INSERT INTO cases(case_id, lead_id, title, facility_id, "
                                       "region_code, family, opened_at,"
                                       " opened_by) VALUES (41, 41, 't', 'P1', '320102', "
                                       "'enterprise', '2025-02-05T09:00:00Z', 'x'),"
                                       " (42, 42, 't', 'P1', '320102', 'enterprise', "
                                       "'2025-02-05T09:00:00Z', 'x'),"
                                       " (43, 43, 't', 'P1', '320102', 'enterprise', "
                                       "'2024-02-05T09:00:00Z', 'x');"
                                       "INSERT INTO measures(measure_id, case_id, kind, sent_date, "
                                       "reply_deadline, reply_date,"
                                       " corrected, created_at, created_by) VALUES"
                                       " (41, 41, 'correction_notice', '2025-02-10', '2025-02-25', "
                                       "'2025-02-20', 1, 'n', 'x'),"
                                       " (42, 41, 'correction_notice', '2025-03-10', '2025-03-25', "
                                       "'2025-03-20', 1, 'n', 'x'),"
                                       " (43, 42, 'correction_notice', '2025-02-10', '2025-02-25', "
                                       "NULL, NULL, 'n', 'x'),"
                                       " (44, 43, 'correction_notice', '2024-02-10', '2024-02-25', "
                                       "'2024-02-20', 1, 'n', 'x');",
                     NULL, NULL, NULL),
        SQLITE_OK);
    report r;
    compute(&r, "32");
    assert_int_equal(report_total(&r, "seizures_corrected"), 1);
    assert_int_equal(report_total(&r, "notices_total"), 6 + 3);
    strbuf sb = STRBUF_INIT;
    report_render_md(&r, &sb);
    assert_non_null(strstr(sb.buf, "纠正违法查封、扣押、冻结涉案财物（涉企）：1 件"));
    strbuf_release(&sb);
    report_release(&r);
    assert_int_equal(sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL), SQLITE_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_indicator_total),
        cmocka_unit_test(test_indicator_rows),
        cmocka_unit_test(test_fac01_safety),
        cmocka_unit_test(test_h09_years),
        cmocka_unit_test(test_country_and_narrow_region),
        cmocka_unit_test(test_change_phrase),
        cmocka_unit_test(test_compare_names_base),
        cmocka_unit_test(test_base_year_phrasing),
        cmocka_unit_test(test_json_traceable),
        cmocka_unit_test(test_html_self_contained),
        cmocka_unit_test(test_chart_labels),
        cmocka_unit_test(test_seizures_corrected),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
