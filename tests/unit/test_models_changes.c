/*
 * test_models_changes.c — CHG-01..CHG-14 and REC-01 (models.md "Sentence changes", law.md
 * §4-§6, §9): for each model a person that fires it and a near miss one day inside the
 * limit that must not.
 *
 * Base case (law.md C-01, 5 to < 10 years): 有期徒刑 96 months, detained 2020-01-01,
 * admitted 2020-03-01: first commutation from 2021-09-01 (18 months after admission).
 */
#include "models_fixture.h"

/* Person p born 1980-01-01 with judgment J<p> (盗窃罪, offense 2019-12-01, effective
 * 2020-02-01) of penalty for months, detained 2020-01-01 and admitted to PR1 on admit
 * (NULL: 2020-03-01). */
static void prisoner(fx *f, const char *p, const char *penalty, int months, const char *admit)
{
    char j[16], e1[16], e2[16];
    snprintf(j, sizeof(j), "J%s", p);
    snprintf(e1, sizeof(e1), "%s-E1", p);
    snprintf(e2, sizeof(e2), "%s-E2", p);
    fx_person(f, p, "1980-01-01", NULL);
    fx_judgment(f, j, p, penalty, months, "2019-12-01", "2020-02-01", NULL);
    fx_event(f, e1, p, "DC1", "detain", "2020-01-01", NULL);
    fx_event(f, e2, p, "PR1", "admit", admit ? admit : "2020-03-01", j);
}

/* The base case: 有期徒刑 96 months. */
static void base(fx *f, const char *p, const char *admit)
{
    prisoner(f, p, "fixed_term", 96, admit);
}

static void change(fx *f, const char *cid, const char *p, const char *kind, const char *proposal,
                   const char *decision, int months, int days, const char *grounds)
{
    fx_exec(f,
            "INSERT INTO sentence_changes(change_id, person_id, judgment_id, kind, proposer_id,"
            " proposal_date, decider_id, decision_date, effective_date, grounds,"
            " reduction_months, reduction_days) VALUES ('%s','%s','J%s','%s','PR1','%s','CT1',"
            "'%s','%s','%s',%d,%d)",
            cid, p, p, kind, proposal, decision, decision, grounds, months, days);
}

/* A pair fixture: persons A and B with the same judgment (prisoner()), one change each
 * (CA, CB) of the same kind; screened on 2025-06-30, the model fires on CA only. */
typedef struct {
    const char *proposal, *decision;
    int months, days;
    const char *grounds;
} pair_change;

typedef struct {
    const char *model, *penalty;
    int months;
    const char *kind;
    pair_change a, b;
} pair_case;

static void run_pair(const pair_case *c)
{
    fx f;
    fx_open(&f);
    prisoner(&f, "A", c->penalty, c->months, NULL);
    prisoner(&f, "B", c->penalty, c->months, NULL);
    change(&f, "CA", "A", c->kind, c->a.proposal, c->a.decision, c->a.months, c->a.days,
           c->a.grounds);
    change(&f, "CB", "B", c->kind, c->b.proposal, c->b.decision, c->b.months, c->b.days,
           c->b.grounds);
    fx_screen(&f, "2025-06-30", c->model);
    FX_FIRES_ONLY(&f, c->model, "CA");
    fx_close(&f);
}

/* C-01: the first commutation from 2021-09-01. */
static void chg01(void **state)
{
    (void)state;
    run_pair(&(const pair_case){"CHG-01",
                                "fixed_term",
                                96,
                                "commutation",
                                {"2021-08-31", "2021-09-30", 6, 0, "repentance"},
                                {"2021-09-01", "2021-09-30", 6, 0, "repentance"}});
}

/* C-03: interval ≥ 1 year from the previous commutation's effective date (2021-10-01). */
static void chg02(void **state)
{
    (void)state;
    fx f;
    fx_open(&f);
    base(&f, "A", NULL);
    base(&f, "B", NULL);
    change(&f, "CA1", "A", "commutation", "2021-09-01", "2021-10-01", 6, 0, "repentance");
    change(&f, "CA2", "A", "commutation", "2022-09-30", "2022-10-20", 6, 0, "repentance");
    change(&f, "CB1", "B", "commutation", "2021-09-01", "2021-10-01", 6, 0, "repentance");
    change(&f, "CB2", "B", "commutation", "2022-10-01", "2022-10-20", 6, 0, "repentance");
    fx_screen(&f, "2025-06-30", "CHG-02");
    FX_FIRES_ONLY(&f, "CHG-02", "CA2");
    fx_close(&f);
}

/* C-02: repentance at most 9 months. */
static void chg03(void **state)
{
    (void)state;
    run_pair(&(const pair_case){"CHG-03",
                                "fixed_term",
                                96,
                                "commutation",
                                {"2021-09-01", "2021-10-01", 9, 1, "repentance"},
                                {"2021-09-01", "2021-10-01", 9, 0, "repentance"}});
}

/* C-09: term 2020-01-01..2027-12-31 (T = 2922): the end may not come before 2023-12-31. */
static void chg04(void **state)
{
    (void)state;
    run_pair(&(const pair_case){"CHG-04",
                                "fixed_term",
                                96,
                                "commutation",
                                {"2021-09-01", "2021-10-01", 48, 1, "major_merit"},
                                {"2021-09-01", "2021-10-01", 48, 0, "major_merit"}});
}

/* C-13: probation commuted without major merit. */
static void chg05(void **state)
{
    (void)state;
    fx f;
    fx_open(&f);
    fx_person(&f, "A", "1980-01-01", NULL);
    fx_judgment(&f, "JA", "A", "fixed_term", 24, "2021-12-01", "2022-02-01", NULL);
    fx_exec(&f, "UPDATE judgments SET probation_months = 36 WHERE judgment_id = 'JA'");
    fx_person(&f, "B", "1980-01-01", NULL);
    fx_judgment(&f, "JB", "B", "fixed_term", 24, "2021-12-01", "2022-02-01", NULL);
    fx_exec(&f, "UPDATE judgments SET probation_months = 36 WHERE judgment_id = 'JB'");
    change(&f, "CA", "A", "commutation", "2023-03-01", "2023-04-01", 6, 0, "repentance");
    change(&f, "CB", "B", "commutation", "2023-03-01", "2023-04-01", 6, 0, "major_merit");
    fx_screen(&f, "2025-06-30", "CHG-05");
    FX_FIRES_ONLY(&f, "CHG-05", "CA");
    fx_close(&f);
}

/* P-02: no parole for violent charges sentenced to 10 years or more (抢劫罪 120 months);
 * the same term for 盗窃罪 is not barred. Half of 2020-01-01..2029-12-31 on 2025-01-02. */
static void chg06(void **state)
{
    (void)state;
    fx f;
    fx_open(&f);
    const char *who[2] = {"A", "B"};
    const char *charge[2] = {"抢劫罪", "盗窃罪"};
    for (int i = 0; i < 2; i++) {
        prisoner(&f, who[i], "fixed_term", 120, NULL);
        fx_exec(&f, "UPDATE judgments SET charges = '%s' WHERE judgment_id = 'J%s'", charge[i],
                who[i]);
    }
    change(&f, "CA", "A", "parole", "2025-02-01", "2025-03-01", 0, 0, "repentance");
    change(&f, "CB", "B", "parole", "2025-02-01", "2025-03-01", 0, 0, "repentance");
    fx_screen(&f, "2025-06-30", "CHG-06");
    FX_FIRES_ONLY(&f, "CHG-06", "CA");
    fx_close(&f);
}

/* P-01: half of 2020-01-01..2022-12-31 (T = 1096) executed on 2021-07-02. */
static void chg07(void **state)
{
    (void)state;
    run_pair(&(const pair_case){"CHG-07",
                                "fixed_term",
                                36,
                                "parole",
                                {"2021-06-01", "2021-07-01", 0, 0, "repentance"},
                                {"2021-06-01", "2021-07-02", 0, 0, "repentance"}});
}

static void property(fx *f, const char *eid, const char *p, long due_fen, int unable)
{
    fx_exec(f,
            "INSERT INTO property(enforcement_id, person_id, judgment_id, court_id, kind,"
            " amount_due_fen, filed_date, status, investigated, unable) VALUES ('%s','%s',"
            "'J%s','CT1','fine',%ld,'2020-03-01','ongoing',1,%d)",
            eid, p, p, due_fen, unable);
}

static void payment(fx *f, const char *pid, const char *eid, const char *date, long fen,
                    const char *payer)
{
    fx_exec(f,
            "INSERT INTO payments(payment_id, enforcement_id, pay_date, amount_fen, payer)"
            " VALUES ('%s','%s','%s',%ld,'%s')",
            pid, eid, date, fen, payer);
}

/* P-03/F-03: unpaid at the decision (2021-10-01). */
static void chg08(void **state)
{
    (void)state;
    fx f;
    fx_open(&f);
    base(&f, "A", NULL);
    base(&f, "B", NULL);
    base(&f, "C", NULL);
    change(&f, "CA", "A", "commutation", "2021-09-01", "2021-10-01", 6, 0, "repentance");
    change(&f, "CB", "B", "commutation", "2021-09-01", "2021-10-01", 6, 0, "repentance");
    change(&f, "CC", "C", "commutation", "2021-09-01", "2021-10-01", 6, 0, "repentance");
    property(&f, "PA", "A", 1000000, 0);
    property(&f, "PB", "B", 1000000, 0);
    property(&f, "PC", "C", 1000000, 1); /* found unable to pay */
    payment(&f, "YA", "PA", "2021-10-02", 1000000, "self");
    payment(&f, "YB", "PB", "2021-10-01", 1000000, "self");
    fx_screen(&f, "2025-06-30", "CHG-08");
    FX_FIRES_ONLY(&f, "CHG-08", "CA");
    fx_close(&f);
}

/* F-03: family paid 50% within 60 days before the proposal (2021-09-01 - 60 = 2021-07-03). */
static void chg09(void **state)
{
    (void)state;
    fx f;
    fx_open(&f);
    base(&f, "A", NULL);
    base(&f, "B", NULL);
    change(&f, "CA", "A", "commutation", "2021-09-01", "2021-10-01", 6, 0, "repentance");
    change(&f, "CB", "B", "commutation", "2021-09-01", "2021-10-01", 6, 0, "repentance");
    property(&f, "PA", "A", 1000000, 0);
    property(&f, "PB", "B", 1000000, 0);
    payment(&f, "YA", "PA", "2021-07-03", 500000, "family");
    payment(&f, "YB", "PB", "2021-07-02", 500000, "family");
    payment(&f, "YB2", "PB", "2021-08-01", 499900, "third_party");
    fx_screen(&f, "2025-06-30", "CHG-09");
    FX_FIRES_ONLY(&f, "CHG-09", "CA");
    fx_close(&f);
}

/* Monthly bonus cap 50; bonus in a month with solitary confinement. */
static void chg10(void **state)
{
    (void)state;
    fx f;
    fx_open(&f);
    base(&f, "A", NULL);
    fx_exec(&f, "INSERT INTO scores(score_id, person_id, facility_id, month, base_points,"
                " bonus_points, penalty_points) VALUES"
                " ('S1','A','PR1','2021-01',80,51,0), ('S2','A','PR1','2021-02',80,50,0),"
                " ('S3','A','PR1','2021-03',80,10,0), ('S4','A','PR1','2021-04',80,10,0)");
    /* solitary 2021-03-31 .. 2021-04-05 touches March and April; S4 has bonus too */
    fx_exec(&f,
            "INSERT INTO restraints(record_id, person_id, facility_id, kind, start_date, end_date)"
            " VALUES ('R1','A','PR1','solitary','2021-05-01','2021-05-07')");
    fx_exec(&f, "INSERT INTO scores(score_id, person_id, facility_id, month, base_points,"
                " bonus_points, penalty_points) VALUES ('S5','A','PR1','2021-05',80,5,0),"
                " ('S6','A','PR1','2021-06',80,0,0)");
    /* C: the six months before the proposal of 2021-09-01 average 135 points against 70
     * before (> 1.5x, above the facility's 95th percentile); D: 105 against 70 (= 1.5x) */
    base(&f, "C", NULL);
    base(&f, "D", NULL);
    change(&f, "CC", "C", "commutation", "2021-09-01", "2021-10-01", 6, 0, "repentance");
    change(&f, "CD", "D", "commutation", "2021-09-01", "2021-10-01", 6, 0, "repentance");
    for (int m = 0; m < 17; m++) { /* 2020-04 .. 2021-08 */
        int y = 2020 + (m + 3) / 12, mo = (m + 3) % 12 + 1;
        bool recent = m >= 11;
        fx_exec(&f,
                "INSERT INTO scores(score_id, person_id, facility_id, month, base_points,"
                " bonus_points, penalty_points) VALUES ('SC%02d','C','PR1','%04d-%02d',%d,%d,0),"
                " ('SD%02d','D','PR1','%04d-%02d',%d,%d,0)",
                m, y, mo, recent ? 90 : 70, recent ? 45 : 0, m, y, mo, recent ? 90 : 70,
                recent ? 15 : 0);
    }
    /* the rest of the facility: 200 ordinary months of 80 points */
    base(&f, "E", NULL);
    for (int m = 0; m < 200; m++)
        fx_exec(&f,
                "INSERT INTO scores(score_id, person_id, facility_id, month, base_points,"
                " bonus_points, penalty_points) VALUES ('SE%03d','E','PR1','%04d-%02d',80,0,0)",
                m, 2000 + m / 12, m % 12 + 1);
    fx_screen(&f, "2025-06-30", "CHG-10");
    if (fx_count(&f, "CHG-10") != 3)
        fx_dump(&f);
    assert_true(fx_lead(&f, "CHG-10", "S1"));
    assert_true(fx_lead(&f, "CHG-10", "S5"));
    assert_true(fx_lead(&f, "CHG-10", "CC"));
    assert_int_equal(fx_count(&f, "CHG-10"), 3);
    fx_close(&f);
}

/* A merit of category other confirmed within 30 days before the proposal using it;
 * one related case reported by two persons. */
static void chg11(void **state)
{
    (void)state;
    fx f;
    fx_open(&f);
    base(&f, "A", NULL);
    base(&f, "B", NULL);
    base(&f, "C", NULL);
    base(&f, "D", NULL);
    change(&f, "CA", "A", "commutation", "2021-09-01", "2021-10-01", 6, 0, "repentance_merit");
    change(&f, "CB", "B", "commutation", "2021-09-01", "2021-10-01", 6, 0, "repentance_merit");
    fx_exec(
        &f,
        "INSERT INTO merits(merit_id, person_id, facility_id, kind, category, event_date,"
        " confirmed_date, related_case_no) VALUES"
        " ('MA','A','PR1','merit','other','2021-07-01','2021-08-02',NULL),"
        " ('MB','B','PR1','merit','other','2021-07-01','2021-08-01',NULL),"
        " ('MC','C','PR1','merit','report_crime','2021-03-01','2021-04-01','（2021）京01刑初9号'),"
        " ('MD','D','PR1','merit','report_crime','2021-03-05','2021-04-01','（2021）京01刑初9号'),"
        " ('ME','D','PR1','merit','report_crime','2021-03-05','2021-04-01','（2021）京01刑初10号'"
        ")");
    fx_screen(&f, "2025-06-30", "CHG-11");
    if (fx_count(&f, "CHG-11") != 3)
        fx_dump(&f);
    assert_true(fx_lead(&f, "CHG-11", "MA"));
    assert_true(fx_lead(&f, "CHG-11", "MC"));
    assert_true(fx_lead(&f, "CHG-11", "MD"));
    assert_int_equal(fx_count(&f, "CHG-11"), 3);
    fx_close(&f);
}

static void temp_outside(fx *f, const char *cid, const char *p, const char *proposal,
                         const char *decision, const char *grounds, const char *exam)
{
    fx_exec(f,
            "INSERT INTO sentence_changes(change_id, person_id, judgment_id, kind, proposer_id,"
            " proposal_date, decider_id, decision_date, grounds, exam_id) VALUES"
            " ('%s','%s','J%s','temp_outside','PR1','%s','CT1','%s','%s',%s%s%s)",
            cid, p, p, proposal, decision, grounds, exam ? "'" : "", exam ? exam : "NULL",
            exam ? "'" : "");
}

/* T-01: the diagnosis not older than 3 months at the proposal (2021-09-01). */
static void chg12(void **state)
{
    (void)state;
    fx f;
    fx_open(&f);
    base(&f, "A", NULL);
    base(&f, "B", NULL);
    fx_exec(&f, "INSERT INTO medical(exam_id, person_id, hospital_id, exam_date, kind, disease,"
                " severe_list_item) VALUES "
                "('XA','A','HS1','2021-05-31','diagnosis','肝硬化','肝硬化失代偿期'),"
                " ('XB','B','HS1','2021-06-01','diagnosis','肝硬化','肝硬化失代偿期')");
    temp_outside(&f, "TA", "A", "2021-09-01", "2021-09-20", "medical", "XA");
    temp_outside(&f, "TB", "B", "2021-09-01", "2021-09-20", "medical", "XB");
    fx_screen(&f, "2025-06-30", "CHG-12");
    FX_FIRES_ONLY(&f, "CHG-12", "TA");
    fx_close(&f);
}

/* C-01 start 2021-09-01 (admission 2020-03-01); A past it by more than 6 months on
 * 2022-03-02, B (admitted a day later) exactly 6 months. */
static void chg13(void **state)
{
    (void)state;
    fx f;
    fx_open(&f);
    base(&f, "A", "2020-03-01");
    base(&f, "B", "2020-03-02");
    for (int m = 0; m < 14; m++) {
        int y = 2021 + (m + 1) / 12, mo = (m + 1) % 12 + 1; /* 2021-02 .. 2022-03 */
        fx_exec(&f,
                "INSERT INTO scores(score_id, person_id, facility_id, month, base_points,"
                " bonus_points, penalty_points) VALUES ('SA%d','A','PR1','%04d-%02d',80,0,0),"
                " ('SB%d','B','PR1','%04d-%02d',80,0,0)",
                m, y, mo, m, y, mo);
    }
    fx_screen(&f, "2022-03-02", "CHG-13");
    FX_FIRES_ONLY(&f, "CHG-13", "A");
    fx_close(&f);
}

/* T-01: life only for pregnancy. */
static void chg14(void **state)
{
    (void)state;
    fx f;
    fx_open(&f);
    prisoner(&f, "A", "life", 0, NULL);
    prisoner(&f, "B", "life", 0, NULL);
    temp_outside(&f, "TA", "A", "2021-09-01", "2021-09-20", "self_care", NULL);
    temp_outside(&f, "TB", "B", "2021-09-01", "2021-09-20", "pregnancy", NULL);
    fx_screen(&f, "2025-06-30", "CHG-14");
    FX_FIRES_ONLY(&f, "CHG-14", "TA");
    fx_close(&f);
}

/* C-14 (减刑假释规定第21条第1款): a new intentional crime committed during execution
 * (offense 2021-06-01) and sentenced to 有期徒刑 (effective 2022-01-01) bars commutation
 * until 2025-01-01 (3 years). A proposes on 2024-12-31 and fires; C proposes on the limit
 * and does not; B's new crime was sentenced to 拘役, which 第21条 does not name: silent. */
static void chg01_new_crime(void **state)
{
    (void)state;
    fx f;
    fx_open(&f);
    const char *who[3] = {"A", "B", "C"};
    const char *pen[3] = {"fixed_term", "criminal_detention", "fixed_term"};
    const int months[3] = {12, 3, 12};
    const char *proposal[3] = {"2024-12-31", "2024-12-31", "2025-01-01"};
    for (int i = 0; i < 3; i++) {
        char n[8], c[8];
        snprintf(n, sizeof(n), "N%s", who[i]);
        snprintf(c, sizeof(c), "C%s", who[i]);
        base(&f, who[i], NULL);
        fx_judgment(&f, n, who[i], pen[i], months[i], "2021-06-01", "2022-01-01", NULL);
        change(&f, c, who[i], "commutation", proposal[i], "2025-01-20", 6, 0, "repentance");
    }
    fx_screen(&f, "2025-06-30", "CHG-01");
    FX_FIRES_ONLY(&f, "CHG-01", "CA");
    fx_close(&f);
}

/* within 5 years after release (2018-01-01): offense up to 2023-01-01. */
static void rec01(void **state)
{
    (void)state;
    fx f;
    fx_open(&f);
    const char *who[2] = {"A", "B"};
    const char *offense[2] = {"2023-01-01", "2023-01-02"};
    for (int i = 0; i < 2; i++) {
        char j0[8], j1[8], e[8];
        snprintf(j0, sizeof(j0), "P%s", who[i]);
        snprintf(j1, sizeof(j1), "J%s", who[i]);
        fx_person(&f, who[i], "1980-01-01", NULL);
        fx_judgment(&f, j0, who[i], "fixed_term", 24, "2015-10-01", "2015-12-01", NULL);
        snprintf(e, sizeof(e), "%s1", who[i]);
        fx_event(&f, e, who[i], "DC1", "detain", "2016-01-02", NULL);
        snprintf(e, sizeof(e), "%s2", who[i]);
        fx_event(&f, e, who[i], "PR1", "admit", "2016-02-01", j0);
        snprintf(e, sizeof(e), "%s3", who[i]);
        fx_event(&f, e, who[i], "PR1", "release", "2018-01-01", j0);
        fx_judgment(&f, j1, who[i], "fixed_term", 36, offense[i], "2023-06-01", NULL);
    }
    fx_screen(&f, "2025-06-30", "REC-01");
    FX_FIRES_ONLY(&f, "REC-01", "JA");
    fx_close(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(chg01),           cmocka_unit_test(chg02), cmocka_unit_test(chg03),
        cmocka_unit_test(chg04),           cmocka_unit_test(chg05), cmocka_unit_test(chg06),
        cmocka_unit_test(chg07),           cmocka_unit_test(chg08), cmocka_unit_test(chg09),
        cmocka_unit_test(chg10),           cmocka_unit_test(chg11), cmocka_unit_test(chg12),
        cmocka_unit_test(chg13),           cmocka_unit_test(chg14), cmocka_unit_test(rec01),
        cmocka_unit_test(chg01_new_crime),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
