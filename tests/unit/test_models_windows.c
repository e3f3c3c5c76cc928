/*
 * test_models_windows.c — the windows of every model (docs/intervals.md), as one table:
 * each row builds a fresh database whose deciding fact sits `off` days from one end of a
 * model's window, screens with that model alone and checks whether it fires. For every
 * window end there is a row inside (the first or last day in, or one day inside the limit:
 * silent for a limit, firing for a period) and a row outside (one day past the limit, or the
 * day before the start / after the end of a period). A model listed in the catalog without
 * a row fails the test (catalog_covered).
 *
 * Also here, screened through the engine since they run per person over the intervals:
 * the fixtures of PR-01, CC-01 … CC-06 and CUS-03 (each fires, each
 * near miss stays silent).
 */
#include "models_fixture.h"

#ifndef WINDOWS_PART
#define WINDOWS_PART 1 /* the first half of the rows; test_models_windows2.c the second */
#endif

#include "models/catalog.h"
#include "models/engine.h"

#define AS_OF "2025-06-30"

static const char *w_as_of = AS_OF;

/* base + off days, "YYYY-MM-DD" (16 rotating buffers). */
static const char *dd(const char *base, int off)
{
    static char buf[16][11];
    static int k;
    zj_date d;
    assert_int_equal(date_parse(base, 10, &d), 0);
    char *b = buf[k++ % 16];
    date_format(d + off, b);
    return b;
}

/* The facilities of models2_harness.h beside those of fx_open. */
static void w_facilities(fx *f)
{
    fx_exec(f, "INSERT INTO facilities(facility_id,name,kind,region_code,designated) VALUES"
               " ('A1','朝阳区社区矫正管理局','community_corrections','110105',NULL),"
               " ('C1','朝阳区人民法院','court','110105',NULL),"
               " ('P1','第一监狱','prison','110106',NULL),"
               " ('P2','第二监狱','prison','110107',NULL),"
               " ('D1','朝阳区看守所','detention_center','110105',NULL),"
               " ('H1','第一医院','hospital','110105',1)");
}

/* Person p (id_number "ID" + p) born 1980-01-01. */
static void w_person(fx *f, const char *p)
{
    char idn[32];
    snprintf(idn, sizeof idn, "ID%s", p);
    fx_person(f, p, "1980-01-01", idn);
}

/* A prisoner: J<p> 有期徒刑 of `months` (offense 2019-12-01, effective 2020-02-01),
 * detained 2020-01-01 at DC1, admitted to PR1 on `admit` (NULL: 2020-03-01). */
static void w_prisoner(fx *f, const char *p, const char *penalty, int months, const char *admit)
{
    char j[16], e1[16], e2[16];
    snprintf(j, sizeof j, "J%s", p);
    snprintf(e1, sizeof e1, "%s-E1", p);
    snprintf(e2, sizeof e2, "%s-E2", p);
    w_person(f, p);
    fx_judgment(f, j, p, penalty, months, "2019-12-01", "2020-02-01", NULL);
    fx_event(f, e1, p, "DC1", "detain", "2020-01-01", NULL);
    fx_event(f, e2, p, "PR1", "admit", admit ? admit : "2020-03-01", j);
}

static void w_change(fx *f, const char *cid, const char *p, const char *kind, const char *proposal,
                     const char *decision, int months, int days, const char *grounds)
{
    fx_exec(f,
            "INSERT INTO sentence_changes(change_id, person_id, judgment_id, kind, proposer_id,"
            " proposal_date, decider_id, decision_date, effective_date, grounds,"
            " reduction_months, reduction_days) VALUES ('%s','%s','J%s','%s','PR1','%s','CT1',"
            "'%s','%s','%s',%d,%d)",
            cid, p, p, kind, proposal, decision, decision, grounds, months, days);
}

static void w_activity(fx *f, const char *rid, const char *p, const char *date, const char *kind)
{
    fx_exec(f,
            "INSERT INTO activities(record_id, id_number, activity_date, kind, region_code)"
            " VALUES ('%s','ID%s','%s','%s','310101')",
            rid, p, date, kind);
}

/* ---- delivery and execution --------------------------------------------------------- */

/* D-02: deadline = notice + 1 month; the fact is the notice date, `off` days before
 * 2025-05-30 (deadline = the as-of date). */
static void b_del01(fx *f, int off)
{
    w_person(f, "A");
    fx_judgment(f, "JA", "A", "fixed_term", 36, "2024-11-01", "2025-05-01", dd("2025-05-30", -off));
    fx_event(f, "A1", "A", "DC1", "detain", "2024-12-01", NULL);
    fx_event(f, "A2", "A", "DC1", "bail", "2025-01-10", NULL);
}

/* Delivered (admitted) on as_of + off: an admission up to the as-of date ends DEL-01. */
static void b_del01_admit(fx *f, int off)
{
    b_del01(f, 30);
    fx_event(f, "A3", "A", "PR1", "admit", dd(AS_OF, off), "JA");
}

static void b_del02(fx *f, int off)
{
    w_person(f, "A");
    fx_judgment(f, "JA", "A", "fixed_term", 24, "2024-12-01", "2025-05-01", dd("2025-05-30", -off));
    fx_event(f, "A1", "A", "DC1", "detain", "2025-01-01", NULL);
}

/* Admitted to a prison on as_of + off: the stay at the detention centre ends. */
static void b_del02_admit(fx *f, int off)
{
    b_del02(f, 30);
    fx_event(f, "A2", "A", "PR1", "admit", dd(AS_OF, off), "JA");
}

/* D-03: 18 周岁 from the day after the 18th birthday; born `off` days before 2007-03-10,
 * admitted to an adult prison on 2025-03-10. */
static void b_del03(fx *f, int off)
{
    fx_person(f, "A", dd("2007-03-10", -off), NULL);
    fx_judgment(f, "JA", "A", "fixed_term", 36, "2024-11-01", "2025-02-01", NULL);
    fx_event(f, "A1", "A", "DC1", "detain", "2024-11-05", NULL);
    fx_event(f, "A2", "A", "PR1", "admit", "2025-03-10", "JA");
}

/* 12 months from detention on 2024-06-30 - off: the term ends 2025-06-29 - off. */
static void exe_person(fx *f, int off)
{
    w_person(f, "A");
    fx_judgment(f, "JA", "A", "fixed_term", 12, "2024-05-01", "2024-08-15", NULL);
    fx_exec(f, "UPDATE judgments SET term_start = '%s', term_end = '%s' WHERE judgment_id = 'JA'",
            dd("2024-06-30", -off), dd("2025-06-29", -off));
    fx_event(f, "A1", "A", "DC1", "detain", dd("2024-06-30", -off), NULL);
    fx_event(f, "A2", "A", "PR1", "admit", "2024-09-01", "JA");
}

static void b_exe01(fx *f, int off)
{
    exe_person(f, off);
}

/* Term ends 2025-05-31; released on 2025-05-31 + off (late release within as_of, or not
 * yet on the as-of date). */
static void b_exe01_release(fx *f, int off)
{
    exe_person(f, 29);
    fx_event(f, "A3", "A", "PR1", "release", dd("2025-05-31", off), "JA");
}

/* S-03 recorded term_end 2025-06-29 + off against the computed 2025-06-29 (tolerance 1). */
static void b_exe02(fx *f, int off)
{
    exe_person(f, 0);
    fx_exec(f, "UPDATE judgments SET term_end = '%s' WHERE judgment_id = 'JA'",
            dd("2025-06-29", off));
}

/* Released 2025-06-28 - off against the term end 2025-06-29. */
static void b_exe03(fx *f, int off)
{
    exe_person(f, 0);
    fx_event(f, "A3", "A", "PR1", "release", dd("2025-06-28", -off), "JA");
}

/* PAP-01: held from the detention on 2024-06-30 to the release on 2025-05-31; an activity
 * on 2024-06-30 + off (the first whole day held is the day after the detention). */
static void b_pap01_start(fx *f, int off)
{
    exe_person(f, 0);
    fx_event(f, "A3", "A", "PR1", "release", "2025-05-31", "JA");
    w_activity(f, "ACT", "A", dd("2024-06-30", off), "lodging");
}

static void b_pap01_end(fx *f, int off)
{
    exe_person(f, 0);
    fx_event(f, "A3", "A", "PR1", "release", "2025-05-31", "JA");
    w_activity(f, "ACT", "A", dd("2025-05-31", off), "lodging");
}

/* PAP-02: effective 2024-12-30 - off, no custody, an activity on 2025-03-01. */
static void b_pap02(fx *f, int off)
{
    w_person(f, "A");
    fx_judgment(f, "JA", "A", "fixed_term", 36, "2024-06-01", dd("2024-12-30", -off), NULL);
    w_activity(f, "ACT", "A", "2025-03-01", "travel");
}

/* The activities counted start the day after the effective date (2024-06-01). */
static void b_pap02_act(fx *f, int off)
{
    w_person(f, "A");
    fx_judgment(f, "JA", "A", "fixed_term", 36, "2024-05-01", "2024-06-01", NULL);
    w_activity(f, "ACT", "A", dd("2024-06-01", off), "travel");
}

/* The court decided 暂予监外执行 before delivery, effective 2024-06-20: an activity the day
 * before counts, one on that day does not (the sentence is executed outside prison). */
static void b_pap02_temp(fx *f, int off)
{
    w_person(f, "A");
    fx_judgment(f, "JA", "A", "fixed_term", 36, "2024-05-01", "2024-06-01", NULL);
    fx_exec(f, "INSERT INTO sentence_changes(change_id, person_id, judgment_id, kind, proposer_id,"
               " proposal_date, decider_id, decision_date, effective_date, grounds) VALUES"
               " ('TA','A','JA','temp_outside','CT1','2024-06-10','CT1','2024-06-15','2024-06-20',"
               "'medical')");
    w_activity(f, "ACT", "A", dd("2024-06-20", off), "travel");
}

/* The same decision revoked on 2025-01-10 (暂予监外执行收监) and the person never taken in:
 * an activity on the revocation day does not count, the day after it does. */
static void b_pap02_revoked(fx *f, int off)
{
    b_pap02_temp(f, -1000);
    fx_exec(f, "DELETE FROM activities");
    fx_exec(f, "INSERT INTO sentence_changes(change_id, person_id, judgment_id, kind, proposer_id,"
               " proposal_date, decider_id, decision_date, effective_date) VALUES"
               " ('RA','A','JA','revoke_temp','CT1','2025-01-05','CT1','2025-01-10','2025-01-10')");
    w_activity(f, "ACT", "A", dd("2025-01-10", off), "travel");
}

/* Never delivered, died on 2025-02-01: an activity on that day counts, the day after not. */
static void b_pap02_death(fx *f, int off)
{
    w_person(f, "A");
    fx_judgment(f, "JA", "A", "fixed_term", 36, "2024-05-01", "2024-06-01", NULL);
    fx_exec(f, "INSERT INTO deaths(person_id,facility_id,death_date,cause,reported_date,autopsy)"
               " VALUES ('A','DC1','2025-02-01','illness','2025-02-02',NULL)");
    w_activity(f, "ACT", "A", dd("2025-02-01", off), "travel");
}

/* Held (a detention) on the effective date (2024-06-01) + off: a custody event on or after
 * the effective date ends the window (the judgment was delivered), one the day before is a
 * pre-trial detention and leaves the judgment undelivered. */
static void b_pap02_held(fx *f, int off)
{
    b_pap02_act(f, 60);
    fx_event(f, "A1", "A", "DC1", "detain", dd("2024-06-01", off), NULL);
}

/* … and a death before the judgment took effect leaves nothing to deliver. */
static void b_pap02_dead_before(fx *f, int off)
{
    b_pap02_act(f, 60);
    fx_exec(f,
            "INSERT INTO deaths(person_id,facility_id,death_date,cause,reported_date,autopsy)"
            " VALUES ('A','DC1','%s','illness','%s',NULL)",
            dd("2024-06-01", off), dd("2024-06-01", off));
}

/* ---- sentence changes --------------------------------------------------------------- */

/* C-01: the first commutation from 2021-09-01 (96 months, admitted 2020-03-01). */
static void b_chg01(fx *f, int off)
{
    w_prisoner(f, "A", "fixed_term", 96, NULL);
    w_change(f, "CA", "A", "commutation", dd("2021-09-01", -off), "2021-09-30", 6, 0, "repentance");
}

/* C-03: the next commutation 1 year after the previous took effect (2021-10-01). */
static void b_chg02(fx *f, int off)
{
    w_prisoner(f, "A", "fixed_term", 96, NULL);
    w_change(f, "CA1", "A", "commutation", "2021-09-01", "2021-10-01", 6, 0, "repentance");
    w_change(f, "CA", "A", "commutation", dd("2022-10-01", -off), "2022-10-20", 6, 0, "repentance");
}

/* C-02: repentance at most 9 months; 9 months and `off` days. */
static void b_chg03(fx *f, int off)
{
    w_prisoner(f, "A", "fixed_term", 96, NULL);
    w_change(f, "CA", "A", "commutation", "2021-09-01", "2021-10-01", 9, off, "repentance");
}

/* C-09: the end may not come before 2023-12-31; 48 months and `off` days. */
static void b_chg04(fx *f, int off)
{
    w_prisoner(f, "A", "fixed_term", 96, NULL);
    w_change(f, "CA", "A", "commutation", "2021-09-01", "2021-10-01", 48, off, "major_merit");
}

/* C-13: a probation commuted; off 1 without major merit (fires), 0 with one. */
static void b_chg05(fx *f, int off)
{
    w_person(f, "A");
    fx_judgment(f, "JA", "A", "fixed_term", 24, "2021-12-01", "2022-02-01", NULL);
    fx_exec(f, "UPDATE judgments SET probation_months = 36 WHERE judgment_id = 'JA'");
    w_change(f, "CA", "A", "commutation", "2023-03-01", "2023-04-01", 6, 0,
             off ? "repentance" : "major_merit");
}

/* P-02: 抢劫罪 of 119 + off months (10 years or more: no parole). */
static void b_chg06(fx *f, int off)
{
    w_prisoner(f, "A", "fixed_term", 119 + off, NULL);
    fx_exec(f, "UPDATE judgments SET charges = '抢劫罪' WHERE judgment_id = 'JA'");
    w_change(f, "CA", "A", "parole", "2025-02-01", "2025-03-01", 0, 0, "repentance");
}

/* P-01: half of 2020-01-01..2022-12-31 executed on 2021-07-02; parole `off` days before. */
static void b_chg07(fx *f, int off)
{
    w_prisoner(f, "A", "fixed_term", 36, NULL);
    w_change(f, "CA", "A", "parole", "2021-06-01", dd("2021-07-02", -off), 0, 0, "repentance");
}

static void w_property(fx *f, const char *eid, const char *p, long due_fen)
{
    fx_exec(f,
            "INSERT INTO property(enforcement_id, person_id, judgment_id, court_id, kind,"
            " amount_due_fen, filed_date, status, investigated, unable) VALUES ('%s','%s',"
            "'J%s','CT1','fine',%ld,'2020-03-01','ongoing',1,0)",
            eid, p, p, due_fen);
}

static void w_payment(fx *f, const char *pid, const char *eid, const char *date, long fen,
                      const char *payer)
{
    fx_exec(f,
            "INSERT INTO payments(payment_id, enforcement_id, pay_date, amount_fen, payer)"
            " VALUES ('%s','%s','%s',%ld,'%s')",
            pid, eid, date, fen, payer);
}

/* P-03: paid in full on 2021-10-01 + off against the decision of 2021-10-01. */
static void b_chg08(fx *f, int off)
{
    b_chg01(f, 0);
    fx_exec(f, "UPDATE sentence_changes SET decision_date = '2021-10-01',"
               " effective_date = '2021-10-01' WHERE change_id = 'CA'");
    w_property(f, "PA", "A", 1000000);
    w_payment(f, "YA", "PA", dd("2021-10-01", off), 1000000, "self");
}

/* F-03: half paid by the family 2021-07-03 + off (window: 60 days up to the proposal of
 * 2021-09-01, both included). */
static void b_chg09_start(fx *f, int off)
{
    b_chg01(f, 0);
    w_property(f, "PA", "A", 1000000);
    w_payment(f, "YA", "PA", dd("2021-07-03", off), 500000, "family");
}

static void b_chg09_end(fx *f, int off)
{
    b_chg01(f, 0);
    w_property(f, "PA", "A", 1000000);
    w_payment(f, "YA", "PA", dd("2021-09-01", off), 500000, "family");
}

/* CHG-10: a monthly bonus of 50 + off points (cap 50). */
static void b_chg10(fx *f, int off)
{
    w_prisoner(f, "A", "fixed_term", 96, NULL);
    fx_exec(f,
            "INSERT INTO scores(score_id, person_id, facility_id, month, base_points,"
            " bonus_points, penalty_points) VALUES ('S1','A','PR1','2021-01',80,%d,0)",
            50 + off);
}

/* CHG-11: a merit of category other confirmed 2021-08-02 - off, 30 days before the
 * proposal of 2021-09-01 using it. */
static void b_chg11(fx *f, int off)
{
    w_prisoner(f, "A", "fixed_term", 96, NULL);
    w_change(f, "CA", "A", "commutation", "2021-09-01", "2021-10-01", 6, 0, "repentance_merit");
    fx_exec(f,
            "INSERT INTO merits(merit_id, person_id, facility_id, kind, category, event_date,"
            " confirmed_date) VALUES ('MA','A','PR1','merit','other','2021-07-01','%s')",
            dd("2021-08-02", -off));
}

static void w_temp_outside(fx *f, const char *exam_date)
{
    fx_exec(f,
            "INSERT INTO medical(exam_id, person_id, hospital_id, exam_date, kind, disease,"
            " severe_list_item) VALUES ('XA','A','HS1','%s','diagnosis','肝硬化',"
            "'肝硬化失代偿期')",
            exam_date);
    fx_exec(f,
            "INSERT INTO sentence_changes(change_id, person_id, judgment_id, kind, proposer_id,"
            " proposal_date, decider_id, decision_date, grounds, exam_id) VALUES"
            " ('TA','A','JA','temp_outside','PR1','2021-09-01','CT1','2021-09-20','medical','XA')");
}

/* T-01: the diagnosis at most 3 months old at the proposal (2021-09-01): 2021-06-01 - off. */
static void b_chg12_diag(fx *f, int off)
{
    w_prisoner(f, "A", "fixed_term", 96, NULL);
    w_temp_outside(f, dd("2021-06-01", -off));
}

/* CHG-12 activities: the period starts on the decision's effective date (2021-09-20). */
static void b_chg12_start(fx *f, int off)
{
    w_prisoner(f, "A", "fixed_term", 96, NULL);
    w_temp_outside(f, "2021-08-01");
    w_activity(f, "ACT", "A", dd("2021-09-20", off), "travel");
}

/* … ends with the revocation (收监) of 2023-03-01. */
static void b_chg12_revoked(fx *f, int off)
{
    b_chg12_start(f, 300);
    fx_exec(f, "DELETE FROM activities");
    fx_exec(f, "INSERT INTO sentence_changes(change_id, person_id, judgment_id, kind, decider_id,"
               " decision_date) VALUES ('RA','A','JA','revoke_temp','CT1','2023-03-01')");
    w_activity(f, "ACT", "A", dd("2023-03-01", off), "travel");
}

/* … ends with the correction's end: `ended` with status date 2022-06-30. */
static void b_chg12_corr(fx *f, int off)
{
    b_chg12_start(f, 300);
    fx_exec(f, "DELETE FROM activities");
    fx_exec(f, "INSERT INTO corrections(cc_id, person_id, agency_id, basis, judgment_id,"
               " change_id, order_date, report_date, end_date, status, status_date) VALUES"
               " ('KA','A','CC1','temp_outside','JA','TA','2021-09-20','2021-09-22','2023-09-19',"
               "'ended','2022-06-30')");
    w_activity(f, "ACT", "A", dd("2022-06-30", off), "business");
}

/* … ends when the term expires (36 months from 2020-01-01: 2022-12-31); the case of the
 * issue: a trip years after the term is no lead. */
static void b_chg12_term(fx *f, int off)
{
    w_prisoner(f, "A", "fixed_term", 36, NULL);
    w_temp_outside(f, "2021-08-01");
    w_activity(f, "ACT", "A", dd("2022-12-31", off), "travel");
}

/* C-01 start 2021-09-01 + 6 months (CHG-13) on 2022-03-02: admitted 2020-03-02 - off. */
static void b_chg13(fx *f, int off)
{
    w_prisoner(f, "A", "fixed_term", 96, dd("2020-03-02", -off));
    for (int m = 0; m < 14; m++) {
        int y = 2021 + (m + 1) / 12, mo = (m + 1) % 12 + 1;
        fx_exec(f,
                "INSERT INTO scores(score_id, person_id, facility_id, month, base_points,"
                " bonus_points, penalty_points) VALUES ('SA%d','A','PR1','%04d-%02d',80,0,0)",
                m, y, mo);
    }
    w_as_of = "2022-03-02";
}

/* T-01: life sentence outside prison only for pregnancy: off 1 self_care, 0 pregnancy. */
static void b_chg14(fx *f, int off)
{
    w_prisoner(f, "A", "life", 0, NULL);
    fx_exec(f,
            "INSERT INTO sentence_changes(change_id, person_id, judgment_id, kind, proposer_id,"
            " proposal_date, decider_id, decision_date, grounds) VALUES"
            " ('TA','A','JA','temp_outside','PR1','2021-09-01','CT1','2021-09-20','%s')",
            off ? "self_care" : "pregnancy");
}

/* a new offense within 5 years of the release of 2018-01-01: on 2023-01-01 + off. */
static void b_rec01(fx *f, int off)
{
    w_person(f, "A");
    fx_judgment(f, "PA", "A", "fixed_term", 24, "2015-10-01", "2015-12-01", NULL);
    fx_event(f, "A1", "A", "DC1", "detain", "2016-01-02", NULL);
    fx_event(f, "A2", "A", "PR1", "admit", "2016-02-01", "PA");
    fx_event(f, "A3", "A", "PR1", "release", "2018-01-01", "PA");
    fx_judgment(f, "JA", "A", "fixed_term", 36, dd("2023-01-01", off), "2023-06-01", NULL);
}

/* … the five years begin the day after the release (刑法第65条: 刑罚执行完毕以后): the new
 * offense on 2018-01-01 (the release day) + off, the court not finding a recidivist. */
static void b_rec01_start(fx *f, int off)
{
    w_person(f, "A");
    fx_judgment(f, "PA", "A", "fixed_term", 24, "2015-10-01", "2015-12-01", NULL);
    fx_event(f, "A1", "A", "DC1", "detain", "2016-01-02", NULL);
    fx_event(f, "A2", "A", "PR1", "admit", "2016-02-01", "PA");
    fx_event(f, "A3", "A", "PR1", "release", "2018-01-01", "PA");
    fx_judgment(f, "JA", "A", "fixed_term", 36, dd("2018-01-01", off), "2018-06-01", NULL);
}

/* ---- community correction ----------------------------------------------------------- */

static void w_correction(fx *f, const char *basis, const char *report, const char *end,
                         const char *status, const char *status_date)
{
    fx_exec(f,
            "INSERT INTO corrections(cc_id,person_id,agency_id,basis,order_date,report_date,"
            "end_date,status,status_date) VALUES ('KA','A','A1','%s','2025-01-01',%s%s%s,"
            "%s%s%s,'%s',%s%s%s)",
            basis, report ? "'" : "", report ? report : "NULL", report ? "'" : "", end ? "'" : "",
            end ? end : "NULL", end ? "'" : "", status, status_date ? "'" : "",
            status_date ? status_date : "NULL", status_date ? "'" : "");
}

static void w_cc_event(fx *f, const char *id, const char *date, const char *kind,
                       const char *region)
{
    fx_exec(f,
            "INSERT INTO cc_events(event_id,cc_id,event_date,kind,region_code) VALUES"
            " ('%s','KA','%s','%s',%s%s%s)",
            id, date, kind, region ? "'" : "", region ? region : "NULL", region ? "'" : "");
}

/* K-01: reported 2025-01-11 + off after the order of 2025-01-01 (10 days). */
static void b_cc01(fx *f, int off)
{
    w_person(f, "A");
    w_correction(f, "probation", dd("2025-01-11", off), "2026-01-01", "active", NULL);
}

/* … unless a death ended the correction first: ordered 2025-01-01, never reported, died on
 * 2025-01-11 (the report deadline) + off. */
static void b_cc01_death(fx *f, int off)
{
    w_person(f, "A");
    w_correction(f, "probation", NULL, "2026-01-01", "active", NULL);
    fx_exec(f,
            "INSERT INTO deaths(person_id,facility_id,death_date,cause,reported_date,autopsy)"
            " VALUES ('A','D1','%s','illness','%s',NULL)",
            dd("2025-01-11", off), dd("2025-01-11", off));
}

/* K-02: the last check-in 2025-06-20 - off (absence more than 10 days at the as-of). */
static void b_cc02(fx *f, int off)
{
    w_person(f, "A");
    w_correction(f, "probation", "2025-01-05", "2026-01-01", "active", NULL);
    w_cc_event(f, "E1", dd("2025-06-20", -off), "checkin", "110105");
}

/* … only while the correction runs: its end_date on the as-of date + off. */
static void b_cc02_end(fx *f, int off)
{
    w_person(f, "A");
    w_correction(f, "probation", "2025-01-05", dd(AS_OF, off), "active", NULL);
    w_cc_event(f, "E1", "2025-05-01", "checkin", "110105");
}

/* … and an absconding counts from the correction's start (the report, 2025-01-05): one
 * recorded the day before is not its event (a check-in on 2025-06-25: no absence). */
static void b_cc02_start(fx *f, int off)
{
    w_person(f, "A");
    w_correction(f, "probation", "2025-01-05", "2026-01-01", "active", NULL);
    w_cc_event(f, "E0", "2025-06-25", "checkin", "110105");
    w_cc_event(f, "E1", dd("2025-01-05", off), "absconded", NULL);
}

/* K-03: the second warning on 2025-05-31 - off: proposal due 30 days later. */
static void b_cc03(fx *f, int off)
{
    w_person(f, "A");
    w_correction(f, "probation", "2025-01-05", "2026-01-01", "active", NULL);
    w_cc_event(f, "W1", "2025-03-01", "warning", NULL);
    w_cc_event(f, "W2", dd("2025-05-31", -off), "warning", NULL);
}

/* … a warning recorded after the correction ended (2025-04-30) is not a ground. */
static void b_cc03_end(fx *f, int off)
{
    w_person(f, "A");
    w_correction(f, "probation", "2025-01-05", "2026-01-01", "ended", "2025-04-30");
    w_cc_event(f, "W1", "2025-03-01", "warning", NULL);
    w_cc_event(f, "W2", dd("2025-04-30", off), "warning", NULL);
}

/* … and from its start (2025-01-05): a first warning the day before is not its warning. */
static void b_cc03_start(fx *f, int off)
{
    w_person(f, "A");
    w_correction(f, "probation", "2025-01-05", "2026-01-01", "active", NULL);
    w_cc_event(f, "W1", dd("2025-01-05", off), "warning", NULL);
    w_cc_event(f, "W2", "2025-03-01", "warning", NULL);
}

/* T-02: started 2025-02-15 - off with no review: the ground arises after 3 months and 15
 * days, the deadline 30 days later (= the as-of date for off 0). */
static void b_cc04(fx *f, int off)
{
    w_person(f, "A");
    fx_exec(f,
            "INSERT INTO corrections(cc_id,person_id,agency_id,basis,order_date,report_date,"
            "status) VALUES ('KA','A','A1','temp_outside','%s','%s','active')",
            dd("2025-02-15", -off), dd("2025-02-15", -off));
}

/* The same ground with its deadline on 2025-06-29 (started 2025-02-14): a death on the
 * deadline ends the period outside in time (no lead), a death the day after does not. */
static void b_cc04_death(fx *f, int off)
{
    b_cc04(f, 1);
    fx_exec(f,
            "INSERT INTO deaths(person_id,facility_id,death_date,cause,reported_date,autopsy)"
            " VALUES ('A','A1','%s','illness','%s',NULL)",
            dd("2025-06-29", off), dd("2025-06-29", off));
}

/* … and the correction's end (the term served outside, medical ground) on the deadline or
 * the day after. */
static void b_cc04_end(fx *f, int off)
{
    b_cc04(f, 1);
    fx_exec(f, "UPDATE corrections SET end_date = '%s' WHERE cc_id = 'KA'", dd("2025-06-29", off));
}

/* A temp_outside decision TA of 2025-02-10 (`grounds`) for a 10-year prisoner, released
 * 2025-02-12, its correction KA reported 2025-02-14 (medical: no review, ground 2025-05-30,
 * deadline 2025-06-29), back in custody (`return`) on `ret` when not NULL. */
static void w_cc04_temp(fx *f, const char *grounds, const char *end, const char *ret)
{
    w_prisoner(f, "A", "fixed_term", 120, NULL);
    fx_exec(f,
            "INSERT INTO sentence_changes(change_id, person_id, judgment_id, kind, proposer_id,"
            " proposal_date, decider_id, decision_date, grounds) VALUES"
            " ('TA','A','JA','temp_outside','PR1','2025-01-10','CT1','2025-02-10','%s')",
            grounds);
    fx_event(f, "A3", "A", "PR1", "release_temp", "2025-02-12", "JA");
    fx_exec(f,
            "INSERT INTO corrections(cc_id, person_id, agency_id, basis, judgment_id,"
            " change_id, order_date, report_date, end_date, status) VALUES"
            " ('KA','A','A1','temp_outside','JA','TA','2025-02-10','2025-02-14',%s%s%s,'active')",
            end ? "'" : "", end ? end : "NULL", end ? "'" : "");
    if (ret)
        fx_event(f, "A4", "A", "PR1", "return", ret, "JA");
}

/* The return to custody ends the period outside: on the deadline (2025-06-29) in time. */
static void b_cc04_return(fx *f, int off)
{
    w_cc04_temp(f, "medical", NULL, dd("2025-06-29", off));
}

/* T-03 pregnancy: the decision's period ends on 2025-05-31 - off (deadline 30 days on). */
static void b_cc04_preg(fx *f, int off)
{
    w_cc04_temp(f, "pregnancy", dd("2025-05-31", -off), NULL);
}

/* … the end of the decision's period is the ground, not the window's end: the person is
 * outside until the return, on the deadline (2025-06-29) or the day after. */
static void b_cc04_preg_return(fx *f, int off)
{
    w_cc04_temp(f, "pregnancy", "2025-05-30", dd("2025-06-29", off));
}

/* K-04: out of the county on 2025-05-02 + off; a leave 2025-04-28 .. 2025-05-02. */
static void b_cc05_leave(fx *f, int off)
{
    w_person(f, "A");
    w_correction(f, "probation", "2025-01-05", "2026-01-01", "active", NULL);
    w_cc_event(f, "L1", "2025-04-28", "leave_start", NULL);
    w_cc_event(f, "L2", "2025-05-02", "leave_end", NULL);
    w_cc_event(f, "L3", dd("2025-05-02", off), "location", "310101");
}

/* … inside the correction: from the report (2025-01-05) … */
static void b_cc05_start(fx *f, int off)
{
    w_person(f, "A");
    w_correction(f, "probation", "2025-01-05", "2026-01-01", "active", NULL);
    w_cc_event(f, "L3", dd("2025-01-05", off), "location", "310101");
}

/* … to its end (released on 2025-05-31). */
static void b_cc05_end(fx *f, int off)
{
    w_person(f, "A");
    w_correction(f, "probation", "2025-01-05", "2026-01-01", "ended", "2025-05-31");
    w_cc_event(f, "L3", dd("2025-05-31", off), "location", "310101");
}

/* 社区矫正法第44条: still active, end_date 2025-06-29 - off (1 day to release). */
static void b_cc06(fx *f, int off)
{
    w_person(f, "A");
    w_correction(f, "probation", "2024-01-05", dd("2025-06-29", -off), "active", NULL);
}

/* … unless a death ended the correction first: end_date 2025-03-01, still active, died on
 * 2025-03-02 (the day the release was due) + off. */
static void b_cc06_death(fx *f, int off)
{
    w_person(f, "A");
    w_correction(f, "probation", "2024-01-05", "2025-03-01", "active", NULL);
    fx_exec(f,
            "INSERT INTO deaths(person_id,facility_id,death_date,cause,reported_date,autopsy)"
            " VALUES ('A','D1','%s','illness','%s',NULL)",
            dd("2025-03-02", off), dd("2025-03-02", off));
}

/* ---- political rights, property, custody conditions ---------------------------------- */

/* PR-01: 抢劫罪 24 months with 24 months dpr, admitted 2021-01-01, released 2022-12-31:
 * the dpr runs 2021-01-01 .. 2024-12-31. A vote on `date`. */
static void pr01_person(fx *f, const char *date)
{
    w_person(f, "A");
    fx_exec(f, "INSERT INTO judgments(judgment_id,person_id,case_no,court_id,charges,offense_date,"
               "judgment_date,effective_date,penalty,term_months,dpr_months,dpr_life,term_start,"
               "term_end) VALUES ('JA','A','K1','CT1','抢劫罪','2020-10-01','2020-12-01',"
               "'2020-12-15','fixed_term',24,24,0,'2021-01-01','2022-12-31')");
    fx_event(f, "A1", "A", "PR1", "admit", "2021-01-01", "JA");
    fx_event(f, "A2", "A", "PR1", "release", "2022-12-31", "JA");
    fx_exec(f,
            "INSERT INTO voters(record_id,id_number,region_code,election_date,registered,"
            "voted,candidate,elected) VALUES ('V1','IDA','110105','%s',1,1,0,0)",
            date);
}

static void b_pr01_start(fx *f, int off)
{
    pr01_person(f, dd("2021-01-01", off));
}
static void b_pr01_end(fx *f, int off)
{
    pr01_person(f, dd("2024-12-31", off));
}

/* … after a parole (2023-06-01, 12 months dpr): to 2024-05-31. */
static void b_pr01_parole(fx *f, int off)
{
    pr01_person(f, dd("2024-05-31", off));
    fx_exec(f, "UPDATE judgments SET dpr_months = 12, term_months = 60,"
               " term_end = '2025-12-31' WHERE judgment_id = 'JA'");
    fx_exec(f, "UPDATE custody SET event_type = 'release_parole', event_date = '2023-06-01'"
               " WHERE event_id = 'A2'");
}

static void w_prop_person(fx *f)
{
    w_person(f, "A");
    fx_judgment(f, "JA", "A", "fixed_term", 36, "2022-01-01", "2022-06-15", NULL);
}

/* F-01: the last enforcement action on 2024-12-30 - off (6 months to the as-of date). */
static void b_prop01(fx *f, int off)
{
    w_prop_person(f);
    fx_exec(f,
            "INSERT INTO property(enforcement_id,person_id,judgment_id,court_id,kind,"
            "amount_due_fen,filed_date,last_action_date,status,investigated,unable) VALUES"
            " ('EA','A','JA','CT1','fine',1000000,'2024-01-01','%s','ongoing',0,0)",
            dd("2024-12-30", -off));
}

/* F-02: terminated_round without an investigation on the as-of date + off. */
static void b_prop02(fx *f, int off)
{
    w_prop_person(f);
    fx_exec(f,
            "INSERT INTO property(enforcement_id,person_id,judgment_id,court_id,kind,"
            "amount_due_fen,filed_date,status,status_date,investigated,unable) VALUES"
            " ('EA','A','JA','CT1','fine',500000,'2024-01-01','terminated_round','%s',0,0)",
            dd(AS_OF, off));
}

/* H-01: J under 18 through 2025-06-10 in cell 102 from 2025-06-01; an adult in cell 102
 * from ad_start to ad_end ("": still there). */
static void cus01_cell(fx *f, const char *ad_start, const char *ad_end)
{
    fx_person(f, "J", "2007-06-10", NULL);
    fx_person(f, "AD", "1990-01-01", NULL);
    fx_exec(f,
            "INSERT INTO cells(assignment_id,person_id,facility_id,cell_id,start_date,end_date)"
            " VALUES ('A-J','J','D1','102','2025-06-01',NULL),"
            " ('A-AD','AD','D1','102','%s',NULLIF('%s',''))",
            ad_start, ad_end);
}

/* … the adult joins on 2025-06-10 + off. */
static void b_cus01(fx *f, int off)
{
    cus01_cell(f, dd("2025-06-10", off), "");
}

/* … from the day both are in the cell: the adult leaves cell 102 on 2025-06-01 + off, the
 * day J (under 18 until 2025-06-10) enters it. */
static void b_cus01_start(fx *f, int off)
{
    cus01_cell(f, "2025-01-01", dd("2025-06-01", off));
}

/* H-01: co-defendants X1 and X2 effective 2025-03-01, in cell 201: X1 from 2025-01-01 to
 * x1_end ("": still there), X2 from x2_start. */
static void cus02_cell(fx *f, const char *x1_end, const char *x2_start)
{
    fx_person(f, "X1", "1980-01-01", NULL);
    fx_person(f, "X2", "1980-01-01", NULL);
    fx_exec(
        f,
        "INSERT INTO judgments(judgment_id,person_id,case_no,court_id,charges,offense_date,"
        "judgment_date,effective_date,penalty,term_months) VALUES"
        " ('JX1','X1','K1','C1','盗窃罪','2024-12-01','2025-02-15','2025-03-01','fixed_term',24),"
        " ('JX2','X2','K1','C1','盗窃罪','2024-12-01','2025-02-15','2025-03-01','fixed_term',24);"
        "INSERT INTO cells(assignment_id,person_id,facility_id,cell_id,start_date,end_date) VALUES"
        " ('C-X1','X1','D1','201','2025-01-01',NULLIF('%s','')),"
        " ('C-X2','X2','D1','201','%s',NULL)",
        x1_end, x2_start);
}

/* … the second joins the cell on 2025-02-28 + off. */
static void b_cus02(fx *f, int off)
{
    cus02_cell(f, "", dd("2025-02-28", off));
}

/* … from the day both are in it: X1 leaves cell 201 on 2025-02-01 + off, the day X2
 * enters it. */
static void b_cus02_start(fx *f, int off)
{
    cus02_cell(f, dd("2025-02-01", off), "2025-02-01");
}

/* H-02: solitary from 2025-05-01 to 2025-05-15 + off (15 days). */
static void b_cus03(fx *f, int off)
{
    w_person(f, "A");
    fx_exec(f,
            "INSERT INTO restraints(record_id,person_id,facility_id,kind,start_date,end_date)"
            " VALUES ('RA','A','P1','solitary','2025-05-01','%s')",
            dd("2025-05-15", off));
}

/* … a record left open ends with the release from custody (2025-05-15 + off). */
static void b_cus03_release(fx *f, int off)
{
    w_person(f, "A");
    fx_event(f, "A1", "A", "P1", "admit", "2024-01-01", NULL);
    fx_event(f, "A2", "A", "P1", "release", dd("2025-05-15", off), NULL);
    fx_exec(f, "INSERT INTO restraints(record_id,person_id,facility_id,kind,start_date)"
               " VALUES ('RA','A','P1','solitary','2025-05-01')");
}

/* H-04: a death on 2025-06-01 reported 2025-06-02 + off (1 day). */
static void b_cus04(fx *f, int off)
{
    w_person(f, "A");
    fx_exec(f,
            "INSERT INTO deaths(person_id,facility_id,death_date,cause,reported_date,autopsy)"
            " VALUES ('A','D1','2025-06-01','illness','%s',NULL)",
            dd("2025-06-02", off));
}

/* DUTY-01: officer O1 behind CHG-01 leads of three persons, the records dated 2023-07-01,
 * 2024-01-01 and 2025-06-30 + off: all in 24 months (d .. add_months(d, 24) - 1) for off
 * <= 0. The leads are stored as a screening would have. */
static void b_duty01(fx *f, int off)
{
    const char *dates[3] = {"2023-07-01", "2024-01-01", dd("2025-06-30", off)};
    fx_exec(f, "INSERT INTO staff(officer_id,name,facility_id) VALUES ('O1','王一','PR1'),"
               " ('O2','王二','PR1'), ('O3','王三','PR1')");
    for (int i = 0; i < 3; i++) {
        char p[16];
        snprintf(p, sizeof p, "U%d", i);
        w_prisoner(f, p, "fixed_term", 120, NULL);
        fx_exec(f,
                "INSERT INTO sentence_changes(change_id,person_id,judgment_id,kind,proposer_id,"
                "proposal_date,decider_id,decision_date,officer_id) VALUES"
                " ('SC%d','%s','J%s','commutation','PR1','%s','CT1','%s','O1')",
                i, p, p, dates[i], dates[i]);
    }
    fx_exec(f, "INSERT INTO leads(model_id,subject,person_id,facility_id,family,severity,status,"
               "first_seen,last_seen,summary,evidence,evidence_hash,basis)"
               " SELECT 'CHG-01', change_id, person_id, proposer_id, 'changes', 'high', 'open',"
               "  '2025-06-01', '2025-06-01', 's', '{}', 'h', 'C-01' FROM sentence_changes");
    w_as_of = "2025-07-31";
}

/* U-DRIVE-01: the licence revoked on 2025-03-01; a vehicle record on 2025-03-01 + off. */
static void drive_person(fx *f, const char *vehicle, const char *status, const char *status_date)
{
    w_person(f, "A");
    w_correction(f, "probation", "2024-01-05", "2026-01-01", status, status_date);
    fx_exec(f, "INSERT INTO cc_events(event_id,cc_id,event_date,kind,detail) VALUES"
               " ('EV1','KA','2025-03-01','violation','醉酒驾驶，机动车驾驶证被吊销')");
    w_activity(f, "AC1", "A", vehicle, "vehicle");
}

static void b_udrive(fx *f, int off)
{
    drive_person(f, dd("2025-03-01", off), "active", NULL);
}

/* … while the correction runs: released on 2025-05-31. */
static void b_udrive_end(fx *f, int off)
{
    drive_person(f, dd("2025-05-31", off), "ended", "2025-05-31");
}

/* … from the correction's start: reported on 2025-04-01, after a revocation recorded on
 * 2025-03-01 (a stale record dated before the correction began). */
static void b_udrive_start(fx *f, int off)
{
    w_person(f, "A");
    w_correction(f, "probation", "2025-04-01", "2026-01-01", "active", NULL);
    fx_exec(f, "INSERT INTO cc_events(event_id,cc_id,event_date,kind,detail) VALUES"
               " ('EV1','KA','2025-03-01','violation','醉酒驾驶，机动车驾驶证被吊销')");
    w_activity(f, "AC1", "A", dd("2025-04-01", off), "vehicle");
}

/* … to the death (社区矫正法第45条: the correction ends): died on 2025-05-31. */
static void b_udrive_death(fx *f, int off)
{
    drive_person(f, dd("2025-05-31", off), "active", NULL);
    fx_exec(f, "INSERT INTO deaths(person_id,facility_id,death_date,cause,reported_date,autopsy)"
               " VALUES ('A','D1','2025-05-31','illness','2025-05-31',NULL)");
}

/* U-SCORE-01: 11 + off consecutive months of bonus approved by one officer (12 needed). */
static void b_uscore(fx *f, int off)
{
    w_prisoner(f, "A", "fixed_term", 96, NULL);
    for (int m = 0; m < 11 + off; m++)
        fx_exec(f,
                "INSERT INTO scores(score_id,person_id,facility_id,month,base_points,"
                "bonus_points,officer_id) VALUES ('S%d','A','PR1','%04d-%02d',80,5,'O1')",
                m, 2024 + m / 12, m % 12 + 1);
}

/* H-05: A the aggressor of fights on 2025-03-01 and 2025-03-01 + 90 + off (V the victim of
 * the first), both in cell 301 until the separation 8 days after the second. */
static void b_cus05_window(fx *f, int off)
{
    w_person(f, "A");
    w_person(f, "V");
    const char *second = dd("2025-05-30", off);
    fx_exec(f,
            "INSERT INTO incidents(incident_id,facility_id,incident_date,kind,injury) VALUES"
            " ('I1','P1','2025-03-01','fight','slight'), ('I2','P1','%s','bullying',NULL);"
            "INSERT INTO incident_persons(record_id,incident_id,person_id,role) VALUES"
            " ('X1','I1','A','aggressor'), ('X2','I1','V','victim'), ('X3','I2','A','aggressor');"
            "INSERT INTO cells(assignment_id,person_id,facility_id,cell_id,start_date,end_date)"
            " VALUES ('CA','A','P1','301','2025-01-01',NULL),"
            " ('CV','V','P1','301','2025-01-01','%s')",
            second, dd(second, 8));
}

/* … the second fight on 2025-05-01; V leaves the cell on 2025-05-08 + off (7 days after). */
static void b_cus05_separation(fx *f, int off)
{
    w_person(f, "A");
    w_person(f, "V");
    fx_exec(f,
            "INSERT INTO incidents(incident_id,facility_id,incident_date,kind) VALUES"
            " ('I1','P1','2025-04-01','bullying'), ('I2','P1','2025-05-01','fight');"
            "INSERT INTO incident_persons(record_id,incident_id,person_id,role) VALUES"
            " ('X1','I1','A','aggressor'), ('X2','I2','V','victim'), ('X3','I2','A','aggressor');"
            "INSERT INTO cells(assignment_id,person_id,facility_id,cell_id,start_date,end_date)"
            " VALUES ('CA','A','P1','301','2025-01-01',NULL),"
            " ('CV','V','P1','301','2025-01-01','%s')",
            dd("2025-05-08", off));
}

/* H-06: a contraband incident brought in by staff, on the as-of date + off. */
static void b_cus06(fx *f, int off)
{
    w_person(f, "A");
    fx_exec(f,
            "INSERT INTO incidents(incident_id,facility_id,incident_date,kind,item,source)"
            " VALUES ('I1','P1','%s','contraband','phone','staff'),"
            " ('I2','P1','2025-01-01','contraband','phone','visitor');"
            "INSERT INTO incident_persons(record_id,incident_id,person_id,role) VALUES"
            " ('X1','I1','A','carrier')",
            dd(AS_OF, off));
}

/* H-06: a fight with a light injury on 2025-05-31; as-of 2025-06-30 + off (30 days). */
static void b_cus07_filing(fx *f, int off)
{
    w_person(f, "A");
    fx_exec(f,
            "INSERT INTO incidents(incident_id,facility_id,incident_date,kind,injury) VALUES"
            " ('I1','P1','2025-05-31','fight','light'), ('I2','P1','2025-01-01','fight','slight');"
            "INSERT INTO incident_persons(record_id,incident_id,person_id,role) VALUES"
            " ('X1','I1','A','aggressor')");
    w_as_of = dd(AS_OF, off);
}

/* … an escape filed 2025-01-10, transferred 2025-08-10 + off (7 months). */
static void b_cus07_transfer(fx *f, int off)
{
    w_person(f, "A");
    fx_exec(f,
            "INSERT INTO incidents(incident_id,facility_id,incident_date,kind,case_filed_date,"
            "transferred_date) VALUES ('I1','P1','2025-01-05','escape','2025-01-10','%s')",
            dd("2025-08-10", off));
    w_as_of = "2025-12-31";
}

/* H-06: staff violence on the as-of date + off. */
static void b_cus08(fx *f, int off)
{
    w_person(f, "A");
    fx_exec(f,
            "INSERT INTO staff(officer_id,name,facility_id) VALUES ('O1','王一','P1');"
            "INSERT INTO incidents(incident_id,facility_id,incident_date,kind,injury,officer_id)"
            " VALUES ('I1','P1','%s','staff_violence','slight','O1');"
            "INSERT INTO incident_persons(record_id,incident_id,person_id,role) VALUES"
            " ('X1','I1','A','victim')",
            dd(AS_OF, off));
}

/* H-07: an adult's month of 210 + off hours. */
static void b_cus09_hours(fx *f, int off)
{
    w_person(f, "A");
    fx_exec(f,
            "INSERT INTO labour(record_id,person_id,facility_id,month,hours,rest_days) VALUES"
            " ('L1','A','P1','2025-05',%d,4)",
            210 + off);
}

/* … 4 - off rest days. */
static void b_cus09_rest(fx *f, int off)
{
    w_person(f, "A");
    fx_exec(f,
            "INSERT INTO labour(record_id,person_id,facility_id,month,hours,rest_days) VALUES"
            " ('L1','A','P1','2025-05',150,%d)",
            4 - off);
}

/* … 150 hours in 2025-07 for a person born 2007-07-01 + off: under 18 on 2025-07-01 (the
 * juvenile cap of 104) for off >= 0. */
static void b_cus09_juvenile(fx *f, int off)
{
    fx_person(f, "J", dd("2007-07-01", off), NULL);
    fx_exec(f, "INSERT INTO labour(record_id,person_id,facility_id,month,hours,rest_days) VALUES"
               " ('L1','J','JV1','2025-07',150,8)");
    w_as_of = "2025-07-31";
}

/* H-08: released from P1 on 2025-06-01 (term expiry); pre-release education from
 * 2025-03-01 + off (3 months before: 2025-03-01), a notice on 2025-04-01. */
static void rel01_person(fx *f, const char *edu, const char *notice)
{
    w_person(f, "A");
    fx_event(f, "E1", "A", "P1", "admit", "2020-01-01", NULL);
    fx_event(f, "E2", "A", "P1", "release", "2025-06-01", NULL);
    fx_exec(f,
            "INSERT INTO release_prep(record_id,person_id,facility_id,kind,event_date,"
            "receiver_region) VALUES ('R1','A','P1','pre_release_education','%s',NULL),"
            " ('R2','A','P1','resettlement_notice','%s','110105')",
            edu, notice);
}
static void b_rel01_education(fx *f, int off)
{
    rel01_person(f, dd("2025-03-01", off), "2025-04-01");
}
/* … the notice at least 30 days before: 2025-05-02 + off */
static void b_rel01_notice_late(fx *f, int off)
{
    rel01_person(f, "2025-04-01", dd("2025-05-02", off));
}
/* … a record on or before an earlier release does not count: a release on parole on
 * 2025-03-01 (then a return to prison), education on 2025-03-01 + off */
static void b_rel01_previous(fx *f, int off)
{
    rel01_person(f, dd("2025-03-01", off), "2025-04-01");
    fx_event(f, "E0", "A", "P1", "release_parole", "2025-03-01", NULL);
    fx_event(f, "E0b", "A", "P1", "admit", "2025-03-01", NULL);
}
/* … and at most 6 months before: 2024-12-01 + off */
static void b_rel01_notice_early(fx *f, int off)
{
    rel01_person(f, "2025-04-01", dd("2024-12-01", off));
}
/* JUV-01 (J-01, J-02): a person born 2004-06-15 (18th birthday 2022-06-15) with a juvenile
 * judgment (3 years, offense 2020-03-01, effective 2020-09-10) whose record an employer
 * received. `adult`: a later adult judgment effective 2024-10-20 ends the sealing. */
static void juv_person_eff(fx *f, const char *offense, const char *effective, int months,
                           bool adult)
{
    fx_exec(f, "INSERT INTO facilities(facility_id,name,kind,region_code) VALUES"
               " ('PS1','朝阳分局','police','110105')");
    fx_person(f, "Y", "2004-06-15", "IDY");
    fx_judgment(f, "JY1", "Y", "fixed_term", months, offense, effective, NULL);
    if (adult)
        fx_judgment(f, "JY2", "Y", "fixed_term", 12, "2024-03-01", "2024-10-20", NULL);
}

static void juv_person(fx *f, const char *offense, int months, bool adult)
{
    juv_person_eff(f, offense, "2020-09-10", months, adult);
}

static void juv_query(fx *f, const char *date, const char *kind, const char *basis)
{
    fx_exec(
        f,
        "INSERT INTO record_queries(query_id,id_number,requester_kind,requester,query_date,"
        "provided,legal_basis,answered_by) VALUES ('Q1','IDY','%s','某公司','%s',1,%s%s%s,'PS1')",
        kind, date, basis ? "'" : "", basis ? basis : "NULL", basis ? "'" : "");
}

/* sealed from the juvenile judgment's effective date */
static void b_juv01_start(fx *f, int off)
{
    juv_person(f, "2020-03-01", 36, false);
    juv_query(f, dd("2020-09-10", off), "employer", NULL);
}

/* the adult judgment's effective date ends the sealing */
static void b_juv01_end(fx *f, int off)
{
    juv_person(f, "2020-03-01", 36, true);
    juv_query(f, dd("2024-10-19", off), "employer", NULL);
}

/* an offense on the 18th birthday is still under 18 (law.md §1) */
static void b_juv01_age(fx *f, int off)
{
    juv_person_eff(f, dd("2022-06-15", off), "2023-01-10", 36, false);
    juv_query(f, "2025-01-06", "school", NULL);
}

/* at most five years: 60 months is sealable, 61 is not */
static void b_juv01_term(fx *f, int off)
{
    juv_person(f, "2020-03-01", 60 + off, false);
    juv_query(f, "2025-01-06", "individual", NULL);
}

/* a query after the as-of date is not seen yet */
static void b_juv01_asof(fx *f, int off)
{
    juv_person(f, "2020-03-01", 36, false);
    juv_query(f, dd(AS_OF, off), "other_unit", NULL);
}

/* J-02: a unit querying under national rules (legal_basis given) may receive it */
static void b_juv01_basis(fx *f, int off)
{
    juv_person(f, "2020-03-01", 36, false);
    juv_query(f, "2025-01-06", "other_unit", off ? NULL : "《教师法》第14条");
}

/* J-02: judicial organs for their cases may receive it */
static void b_juv01_judicial(fx *f, int off)
{
    juv_person(f, "2020-03-01", 36, false);
    juv_query(f, "2025-01-06", off ? "employer" : "police_case", NULL);
}

/* ENT: a seizure by PS1 (北京) of 某科技有限公司's property; columns not given are NULL. */
static void ent_seizure(fx *f, const char *cols, const char *vals)
{
    fx_exec(f, "INSERT INTO facilities(facility_id,name,kind,region_code) VALUES"
               " ('PS1','朝阳分局','police','110105')");
    fx_exec(f,
            "INSERT INTO seizures(seizure_id,agency_id,case_ref,measure,owner_kind,owner_name,"
            "owner_code,owner_region,party,seized_date,value_fen%s) VALUES ('S1','PS1',"
            "'京公（经）立字〔2025〕1号','freeze','enterprise','某科技有限公司',"
            "'91350100M000100Y43','110105',0,'2025-01-10',%s)",
            cols, vals);
}

/* E-01: value above 1.3 × the amount involved (130,000,000 fen for 100,000,000) */
static void b_ent01(fx *f, int off)
{
    char v[80];
    snprintf(v, sizeof v, "%lld, 100000000", 130000000LL + off);
    ent_seizure(f, ", amount_involved_fen", v);
}

/* E-01: a release on or before the as-of date ends it */
static void b_ent01_release(fx *f, int off)
{
    char v[80];
    snprintf(v, sizeof v, "200000000, 100000000, '%s'", dd(AS_OF, off));
    ent_seizure(f, ", amount_involved_fen, released_date", v);
}

/* E-02: released within 3 days of the finding that it is unrelated */
static void b_ent02_unrelated(fx *f, int off)
{
    char v[80];
    snprintf(v, sizeof v, "5000000, '2025-03-01', '%s'", dd("2025-03-04", off));
    ent_seizure(f, ", unrelated_date, released_date", v);
}

/* E-02: not released at all: the as-of date is 3 days after the finding, then 4 */
static void b_ent02_unrelated_open(fx *f, int off)
{
    char v[80];
    snprintf(v, sizeof v, "5000000, '%s'", dd(AS_OF, -3 - off));
    ent_seizure(f, ", unrelated_date", v);
}

/* E-02: released within 30 days of the case's close, without a disposition */
static void b_ent02_closed(fx *f, int off)
{
    char v[80];
    snprintf(v, sizeof v, "5000000, '2025-03-01', '%s'", dd("2025-03-31", off));
    ent_seizure(f, ", case_closed_date, released_date", v);
}

/* E-02: a disposition (confiscated) settles the closed case's property */
static void b_ent02_disposition(fx *f, int off)
{
    char v[80];
    snprintf(v, sizeof v, "5000000, '2025-03-01', %s", off ? "NULL" : "'没收上缴国库'");
    ent_seizure(f, ", case_closed_date, disposition", v);
}

/* E-03: an enterprise registered in another province (31 上海), without local assistance */
static void b_ent03(fx *f, int off)
{
    ent_seizure(f, ", local_assist", "5000000, 0");
    fx_exec(f, "UPDATE seizures SET owner_region = '%s'", off ? "310101" : "110229");
}

static void b_ent03_assist(fx *f, int off)
{
    ent_seizure(f, ", local_assist", off ? "5000000, NULL" : "5000000, 1");
    fx_exec(f, "UPDATE seizures SET owner_region = '310101'");
}

typedef struct wrow {
    const char *model, *window;
    void (*build)(fx *f, int off);
    int off;
    bool fires;
} wrow;

static const wrow rows[] = {
    {"DEL-01", "delivery deadline (notice + 1 month)", b_del01, 0, false},
    {"DEL-01", "delivery deadline (notice + 1 month)", b_del01, 1, true},
    {"DEL-01", "ends with the admission", b_del01_admit, 0, false},
    {"DEL-01", "ends with the admission", b_del01_admit, 1, true},
    {"DEL-02", "delivery deadline", b_del02, 0, false},
    {"DEL-02", "delivery deadline", b_del02, 1, true},
    {"DEL-02", "ends with the admission to a prison", b_del02_admit, 0, false},
    {"DEL-02", "ends with the admission to a prison", b_del02_admit, 1, true},
    {"DEL-03", "last day under 18 at admission", b_del03, 0, true},
    {"DEL-03", "last day under 18 at admission", b_del03, 1, false},
    {"EXE-01", "expected release + 1 day", b_exe01, 0, false},
    {"EXE-01", "expected release + 1 day", b_exe01, 1, true},
    {"EXE-01", "ends with the release", b_exe01_release, 30, false},
    {"EXE-01", "ends with the release", b_exe01_release, 31, true},
    {"EXE-02", "recorded end after the computed one", b_exe02, 1, false},
    {"EXE-02", "recorded end after the computed one", b_exe02, 2, true},
    {"EXE-02", "recorded end before the computed one", b_exe02, -1, false},
    {"EXE-02", "recorded end before the computed one", b_exe02, -2, true},
    {"EXE-03", "release before the expected day - 1", b_exe03, 0, false},
    {"EXE-03", "release before the expected day - 1", b_exe03, 1, true},
    {"PAP-01", "custody start (first whole day)", b_pap01_start, -1, false},
    {"PAP-01", "custody start (first whole day)", b_pap01_start, 0, false},
    {"PAP-01", "custody start (first whole day)", b_pap01_start, 1, true},
    {"PAP-01", "custody end (release)", b_pap01_end, -1, true},
    {"PAP-01", "custody end (release)", b_pap01_end, 0, false},
    {"PAP-01", "custody end (release)", b_pap01_end, 1, false},
    {"PAP-02", "effective + 6 months", b_pap02, 0, false},
    {"PAP-02", "effective + 6 months", b_pap02, 1, true},
    {"PAP-02", "activities after the effective date", b_pap02_act, 0, false},
    {"PAP-02", "activities after the effective date", b_pap02_act, 1, true},
    {"PAP-02", "court's temp_outside from its effective date", b_pap02_temp, -1, true},
    {"PAP-02", "court's temp_outside from its effective date", b_pap02_temp, 0, false},
    {"PAP-02", "revoked temp_outside: the day after the revocation", b_pap02_revoked, 0, false},
    {"PAP-02", "revoked temp_outside: the day after the revocation", b_pap02_revoked, 1, true},
    {"PAP-02", "activities up to the death", b_pap02_death, 0, true},
    {"PAP-02", "activities up to the death", b_pap02_death, 1, false},
    {"PAP-02", "held on or after the effective date", b_pap02_held, -1, true},
    {"PAP-02", "held on or after the effective date", b_pap02_held, 0, false},
    {"PAP-02", "dead before the judgment took effect", b_pap02_dead_before, -1, false},
    {"PAP-02", "dead before the judgment took effect", b_pap02_dead_before, 60, true},
    {"CHG-01", "C-01 earliest proposal", b_chg01, 0, false},
    {"CHG-01", "C-01 earliest proposal", b_chg01, 1, true},
    {"CHG-02", "C-03 interval", b_chg02, 0, false},
    {"CHG-02", "C-03 interval", b_chg02, 1, true},
    {"CHG-03", "C-02 amount", b_chg03, 0, false},
    {"CHG-03", "C-02 amount", b_chg03, 1, true},
    {"CHG-04", "C-09 actual term", b_chg04, 0, false},
    {"CHG-04", "C-09 actual term", b_chg04, 1, true},
    {"CHG-05", "C-13 probation without major merit", b_chg05, 0, false},
    {"CHG-05", "C-13 probation without major merit", b_chg05, 1, true},
    {"CHG-06", "P-02 ten years", b_chg06, 0, false},
    {"CHG-06", "P-02 ten years", b_chg06, 1, true},
    {"CHG-07", "P-01 half executed", b_chg07, 0, false},
    {"CHG-07", "P-01 half executed", b_chg07, 1, true},
    {"CHG-08", "P-03 paid by the decision", b_chg08, 0, false},
    {"CHG-08", "P-03 paid by the decision", b_chg08, 1, true},
    {"CHG-09", "F-03 window start (proposal - 60 days)", b_chg09_start, -1, false},
    {"CHG-09", "F-03 window start (proposal - 60 days)", b_chg09_start, 0, true},
    {"CHG-09", "F-03 window end (the proposal)", b_chg09_end, 0, true},
    {"CHG-09", "F-03 window end (the proposal)", b_chg09_end, 1, false},
    {"CHG-10", "monthly bonus cap", b_chg10, 0, false},
    {"CHG-10", "monthly bonus cap", b_chg10, 1, true},
    {"CHG-11", "confirmed 30 days before the proposal", b_chg11, 0, true},
    {"CHG-11", "confirmed 30 days before the proposal", b_chg11, 1, false},
    {"CHG-12", "T-01 diagnosis age", b_chg12_diag, 0, false},
    {"CHG-12", "T-01 diagnosis age", b_chg12_diag, 1, true},
    {"CHG-12", "temp_outside start", b_chg12_start, -1, false},
    {"CHG-12", "temp_outside start", b_chg12_start, 0, true},
    {"CHG-12", "temp_outside end: revocation", b_chg12_revoked, 0, true},
    {"CHG-12", "temp_outside end: revocation", b_chg12_revoked, 1, false},
    {"CHG-12", "temp_outside end: correction ended", b_chg12_corr, 0, true},
    {"CHG-12", "temp_outside end: correction ended", b_chg12_corr, 1, false},
    {"CHG-12", "temp_outside end: term expired", b_chg12_term, 0, true},
    {"CHG-12", "temp_outside end: term expired", b_chg12_term, 1, false},
    {"CHG-12", "temp_outside end: term expired", b_chg12_term, 900, false}, /* 2025-06-18 */
    {"CHG-13", "C-01 start + 6 months", b_chg13, 0, false},
    {"CHG-13", "C-01 start + 6 months", b_chg13, 1, true},
    {"CHG-14", "T-01 life only for pregnancy", b_chg14, 0, false},
    {"CHG-14", "T-01 life only for pregnancy", b_chg14, 1, true},
    {"REC-01", "R-01 five years after release", b_rec01, 0, true},
    {"REC-01", "R-01 five years after release", b_rec01, 1, false},
    {"REC-01", "R-01 the day after the release", b_rec01_start, 0, false},
    {"REC-01", "R-01 the day after the release", b_rec01_start, 1, true},
    {"CC-01", "K-01 report within 10 days", b_cc01, 0, false},
    {"CC-01", "K-01 report within 10 days", b_cc01, 1, true},
    {"CC-01", "death before the report deadline", b_cc01_death, 0, false},
    {"CC-01", "death before the report deadline", b_cc01_death, 1, true},
    {"CC-02", "K-02 absence 10 days", b_cc02, 0, false},
    {"CC-02", "K-02 absence 10 days", b_cc02, 1, true},
    {"CC-02", "correction end", b_cc02_end, -1, false},
    {"CC-02", "correction end", b_cc02_end, 0, true},
    {"CC-02", "correction start", b_cc02_start, -1, false},
    {"CC-02", "correction start", b_cc02_start, 0, true},
    {"CC-03", "K-03 proposal within 30 days", b_cc03, 0, false},
    {"CC-03", "K-03 proposal within 30 days", b_cc03, 1, true},
    {"CC-03", "correction end", b_cc03_end, 0, true},
    {"CC-03", "correction end", b_cc03_end, 1, false},
    {"CC-03", "correction start", b_cc03_start, -1, false},
    {"CC-03", "correction start", b_cc03_start, 0, true},
    {"CC-04", "T-02 review + 30 days", b_cc04, 0, false},
    {"CC-04", "T-02 review + 30 days", b_cc04, 1, true},
    {"CC-04", "death ends the period outside", b_cc04_death, 0, false},
    {"CC-04", "death ends the period outside", b_cc04_death, 1, true},
    {"CC-04", "the correction's end (medical)", b_cc04_end, 0, false},
    {"CC-04", "the correction's end (medical)", b_cc04_end, 1, true},
    {"CC-04", "return to custody ends the period outside", b_cc04_return, 0, false},
    {"CC-04", "return to custody ends the period outside", b_cc04_return, 1, true},
    {"CC-04", "T-03 pregnancy: condition end + 30 days", b_cc04_preg, 0, false},
    {"CC-04", "T-03 pregnancy: condition end + 30 days", b_cc04_preg, 1, true},
    {"CC-04", "pregnancy: outside until the return", b_cc04_preg_return, 0, false},
    {"CC-04", "pregnancy: outside until the return", b_cc04_preg_return, 1, true},
    {"CC-05", "approved leave end", b_cc05_leave, 0, false},
    {"CC-05", "approved leave end", b_cc05_leave, 1, true},
    {"CC-05", "correction start", b_cc05_start, -1, false},
    {"CC-05", "correction start", b_cc05_start, 0, true},
    {"CC-05", "correction end", b_cc05_end, 0, true},
    {"CC-05", "correction end", b_cc05_end, 1, false},
    {"CC-06", "release 1 day after the end", b_cc06, 0, false},
    {"CC-06", "release 1 day after the end", b_cc06, 1, true},
    {"CC-06", "death before the release was due", b_cc06_death, 0, false},
    {"CC-06", "death before the release was due", b_cc06_death, 1, true},
    {"PR-01", "dpr start (execution)", b_pr01_start, -1, false},
    {"PR-01", "dpr start (execution)", b_pr01_start, 0, true},
    {"PR-01", "dpr end after release", b_pr01_end, 0, true},
    {"PR-01", "dpr end after release", b_pr01_end, 1, false},
    {"PR-01", "dpr end after parole", b_pr01_parole, 0, true},
    {"PR-01", "dpr end after parole", b_pr01_parole, 1, false},
    {"PROP-01", "F-01 six months", b_prop01, 0, false},
    {"PROP-01", "F-01 six months", b_prop01, 1, true},
    {"PROP-02", "termination on or before the as-of", b_prop02, 0, true},
    {"PROP-02", "termination on or before the as-of", b_prop02, 1, false},
    {"CUS-01", "juvenile until the 18th birthday", b_cus01, 0, true},
    {"CUS-01", "juvenile until the 18th birthday", b_cus01, 1, false},
    {"CUS-01", "from the day both are in the cell", b_cus01_start, -1, false},
    {"CUS-01", "from the day both are in the cell", b_cus01_start, 0, true},
    {"CUS-02", "before the judgment is effective", b_cus02, 0, true},
    {"CUS-02", "before the judgment is effective", b_cus02, 1, false},
    {"CUS-02", "from the day both are in the cell", b_cus02_start, -1, false},
    {"CUS-02", "from the day both are in the cell", b_cus02_start, 0, true},
    {"CUS-03", "H-02 15 days (end_date)", b_cus03, 0, false},
    {"CUS-03", "H-02 15 days (end_date)", b_cus03, 1, true},
    {"CUS-03", "open record ends with the release", b_cus03_release, 0, false},
    {"CUS-03", "open record ends with the release", b_cus03_release, 1, true},
    {"CUS-04", "H-04 report within 1 day", b_cus04, 0, false},
    {"CUS-04", "H-04 report within 1 day", b_cus04, 1, true},
    {"CUS-05", "H-05 second incident within 90 days", b_cus05_window, 0, true},
    {"CUS-05", "H-05 second incident within 90 days", b_cus05_window, 1, false},
    {"CUS-05", "H-05 separated within 7 days", b_cus05_separation, 0, false},
    {"CUS-05", "H-05 separated within 7 days", b_cus05_separation, 1, true},
    {"CUS-06", "incident on or before the as-of", b_cus06, 0, true},
    {"CUS-06", "incident on or before the as-of", b_cus06, 1, false},
    {"CUS-07", "H-06 filed within 30 days", b_cus07_filing, 0, false},
    {"CUS-07", "H-06 filed within 30 days", b_cus07_filing, 1, true},
    {"CUS-07", "H-06 transferred within 7 months", b_cus07_transfer, 0, false},
    {"CUS-07", "H-06 transferred within 7 months", b_cus07_transfer, 1, true},
    {"CUS-08", "incident on or before the as-of", b_cus08, 0, true},
    {"CUS-08", "incident on or before the as-of", b_cus08, 1, false},
    {"CUS-09", "H-07 210 hours", b_cus09_hours, 0, false},
    {"CUS-09", "H-07 210 hours", b_cus09_hours, 1, true},
    {"CUS-09", "H-07 4 rest days", b_cus09_rest, 0, false},
    {"CUS-09", "H-07 4 rest days", b_cus09_rest, 1, true},
    {"CUS-09", "H-07 under 18 on a day of the month", b_cus09_juvenile, 0, true},
    {"CUS-09", "H-07 under 18 on a day of the month", b_cus09_juvenile, -1, false},
    {"REL-01", "H-08 education in the 3 months before", b_rel01_education, 0, false},
    {"REL-01", "H-08 education in the 3 months before", b_rel01_education, -1, true},
    {"REL-01", "H-08 notice at least 30 days before", b_rel01_notice_late, 0, false},
    {"REL-01", "H-08 notice at least 30 days before", b_rel01_notice_late, 1, true},
    {"REL-01", "H-08 notice at most 6 months before", b_rel01_notice_early, 0, false},
    {"REL-01", "H-08 notice at most 6 months before", b_rel01_notice_early, -1, true},
    {"REL-01", "H-08 records after an earlier release", b_rel01_previous, 0, true},
    {"REL-01", "H-08 records after an earlier release", b_rel01_previous, 1, false},
    {"DUTY-01", "24 months window", b_duty01, 0, true},
    {"DUTY-01", "24 months window", b_duty01, 1, false},
    {"JUV-01", "sealed from the juvenile judgment's effective date", b_juv01_start, -1, false},
    {"JUV-01", "sealed from the juvenile judgment's effective date", b_juv01_start, 0, true},
    {"JUV-01", "sealed from the juvenile judgment's effective date", b_juv01_start, 1, true},
    {"JUV-01", "sealing ends with an adult judgment", b_juv01_end, -1, true},
    {"JUV-01", "sealing ends with an adult judgment", b_juv01_end, 0, true},
    {"JUV-01", "sealing ends with an adult judgment", b_juv01_end, 1, false},
    {"JUV-01", "offense on the 18th birthday", b_juv01_age, -1, true},
    {"JUV-01", "offense on the 18th birthday", b_juv01_age, 0, true},
    {"JUV-01", "offense on the 18th birthday", b_juv01_age, 1, false},
    {"JUV-01", "at most 5 years (60 months)", b_juv01_term, -1, true},
    {"JUV-01", "at most 5 years (60 months)", b_juv01_term, 0, true},
    {"JUV-01", "at most 5 years (60 months)", b_juv01_term, 1, false},
    {"JUV-01", "query on or before the as-of", b_juv01_asof, 0, true},
    {"JUV-01", "query on or before the as-of", b_juv01_asof, 1, false},
    {"JUV-01", "J-02 legal basis", b_juv01_basis, 0, false},
    {"JUV-01", "J-02 legal basis", b_juv01_basis, 1, true},
    {"JUV-01", "J-02 judicial organs", b_juv01_judicial, 0, false},
    {"JUV-01", "J-02 judicial organs", b_juv01_judicial, 1, true},
    {"ENT-01", "E-01 1.3 x amount involved", b_ent01, -1, false},
    {"ENT-01", "E-01 1.3 x amount involved", b_ent01, 0, false},
    {"ENT-01", "E-01 1.3 x amount involved", b_ent01, 1, true},
    {"ENT-01", "released on or before the as-of", b_ent01_release, 0, false},
    {"ENT-01", "released on or before the as-of", b_ent01_release, 1, true},
    {"ENT-02", "E-02 3 days after found unrelated", b_ent02_unrelated, -1, false},
    {"ENT-02", "E-02 3 days after found unrelated", b_ent02_unrelated, 0, false},
    {"ENT-02", "E-02 3 days after found unrelated", b_ent02_unrelated, 1, true},
    {"ENT-02", "E-02 3 days, not released", b_ent02_unrelated_open, -1, false},
    {"ENT-02", "E-02 3 days, not released", b_ent02_unrelated_open, 0, false},
    {"ENT-02", "E-02 3 days, not released", b_ent02_unrelated_open, 1, true},
    {"ENT-02", "E-02 30 days after the case closed", b_ent02_closed, -1, false},
    {"ENT-02", "E-02 30 days after the case closed", b_ent02_closed, 0, false},
    {"ENT-02", "E-02 30 days after the case closed", b_ent02_closed, 1, true},
    {"ENT-02", "closed case with a disposition", b_ent02_disposition, 0, false},
    {"ENT-02", "closed case with a disposition", b_ent02_disposition, 1, true},
    {"ENT-03", "E-03 owner in another province", b_ent03, 0, false},
    {"ENT-03", "E-03 owner in another province", b_ent03, 1, true},
    {"ENT-03", "E-03 local assistance", b_ent03_assist, 0, false},
    {"ENT-03", "E-03 local assistance", b_ent03_assist, 1, true},
    {"U-DRIVE-01", "after the revocation", b_udrive, 0, false},
    {"U-DRIVE-01", "after the revocation", b_udrive, 1, true},
    {"U-DRIVE-01", "correction end", b_udrive_end, 0, true},
    {"U-DRIVE-01", "correction end", b_udrive_end, 1, false},
    {"U-DRIVE-01", "correction start", b_udrive_start, -1, false},
    {"U-DRIVE-01", "correction start", b_udrive_start, 0, true},
    {"U-DRIVE-01", "death ends the correction", b_udrive_death, 0, true},
    {"U-DRIVE-01", "death ends the correction", b_udrive_death, 1, false},
    {"U-SCORE-01", "12 consecutive months", b_uscore, 0, false},
    {"U-SCORE-01", "12 consecutive months", b_uscore, 1, true},
};

static void user_models_here(void)
{
    static char dir[1024];
    const char *src = getenv("ZJ_SOURCE_DIR");
    snprintf(dir, sizeof dir, "%s/models", src ? src : ZJ_SOURCE_DIR);
    setenv("ZJ_MODELS_DIR", dir, 1);
}

static void boundary_rows(void **state)
{
    (void)state;
    int bad = 0;
    /* two executables share the rows (the second is test_models_windows2.c), so that
     * neither comes near the unit-test timeout on a loaded machine */
    const size_t n_rows = sizeof rows / sizeof *rows, half = n_rows / 2;
    for (size_t i = WINDOWS_PART == 1 ? 0 : half; i < (WINDOWS_PART == 1 ? half : n_rows); i++) {
        const wrow *r = &rows[i];
        fx f;
        fx_open(&f);
        w_facilities(&f);
        w_as_of = AS_OF;
        r->build(&f, r->off);
        fx_screen(&f, w_as_of, r->model);
        bool fired = fx_count(&f, r->model) > 0;
        if (fired != r->fires) {
            fprintf(stderr, "%s [%s] off %+d: %s, expected %s\n", r->model, r->window, r->off,
                    fired ? "fires" : "silent", r->fires ? "fires" : "silent");
            fx_dump(&f);
            bad++;
        }
        fx_close(&f);
    }
    assert_int_equal(bad, 0);
}

/* Every model of the catalog has rows, and a row that fires and one that does not. */
static void catalog_covered(void **state)
{
    (void)state;
    size_t n;
    const model_def *m = catalog_models(&n);
    int missing = 0;
    for (size_t k = 0; k < n; k++) {
        bool yes = false, no = false;
        for (size_t i = 0; i < sizeof rows / sizeof *rows; i++)
            if (!strcmp(rows[i].model, m[k].id)) {
                yes |= rows[i].fires;
                no |= !rows[i].fires;
            }
        if (!yes || !no) {
            fprintf(stderr, "model %s has no boundary rows on both sides\n", m[k].id);
            missing++;
        }
    }
    assert_true(n >= 49);
    assert_int_equal(missing, 0);
}

/* ---- the fixtures of the models that moved to the per-person pass ------------------- */

/* Open leads of `model` are exactly `want` (NULL-terminated). */
static void w_expect(fx *f, const char *model, const char *const *want)
{
    long n = 0;
    for (const char *const *w = want; *w; w++, n++)
        if (!fx_lead(f, model, *w)) {
            fx_dump(f);
            fail_msg("%s: expected a lead on %s", model, *w);
        }
    if (fx_count(f, model) != n) {
        fx_dump(f);
        fail_msg("%s: %ld leads, expected %ld", model, fx_count(f, model), n);
    }
}
#define WANT(...) ((const char *const[]){__VA_ARGS__, NULL})

/* PR-01: dpr window from the execution date to add_months(release + 1, m) − 1, or
 * add_months(parole, m) − 1; dpr for life: forever. */
static void pr01_fixture(void **state)
{
    (void)state;
    fx f;
    fx_open(&f);
    w_facilities(&f);
    w_person(&f, "R1");
    w_person(&f, "R2");
    w_person(&f, "R3");
    fx_exec(
        &f,
        "INSERT INTO judgments(judgment_id,person_id,case_no,court_id,charges,offense_date,"
        "judgment_date,effective_date,penalty,term_months,dpr_months,dpr_life,term_start,term_end)"
        " VALUES"
        " ('JR1','R1','K1','C1','抢劫罪','2020-10-01','2020-12-01','2020-12-15','fixed_term',24,24,"
        "0,'2021-01-01','2022-12-31'),"
        " ('JR2','R2','K2','C1','抢劫罪','2019-01-01','2019-05-01','2019-05-15','fixed_term',60,12,"
        "0,'2019-06-01','2024-05-31'),"
        " ('JR3','R3','K3','C1','故意杀人罪','2010-01-01','2010-05-01','2010-05-15','life',NULL,"
        "NULL,1,NULL,NULL);"
        "INSERT INTO custody(event_id,person_id,facility_id,event_type,event_date,judgment_id) "
        "VALUES"
        " ('CR1','R1','P1','admit','2021-01-01','JR1'), "
        "('CR2','R1','P1','release','2022-12-31','JR1'),"
        " ('CR3','R2','P1','admit','2019-06-01','JR2'), "
        "('CR4','R2','P1','release_parole','2023-06-01','JR2'),"
        " ('CR5','R3','P1','admit','2010-06-01','JR3');"
        "INSERT INTO "
        "voters(record_id,id_number,region_code,election_date,registered,voted,candidate,elected) "
        "VALUES"
        " ('V-F1','IDR1','110105','2024-12-31',1,1,0,0),"
        " ('V-N1','IDR1','110105','2025-01-01',1,1,0,0),"
        " ('V-N2','IDR1','110105','2024-06-01',0,0,0,0),"
        " ('V-N3','IDR1','110105','2020-12-31',1,1,0,0),"
        " ('V-F2','IDR2','110105','2024-05-31',1,0,0,0),"
        " ('V-N4','IDR2','110105','2024-06-01',1,1,0,0),"
        " ('V-F3','IDR3','110105','2025-01-01',1,0,1,0),"
        " ('V-N5','IDR3','110105','2025-07-01',1,1,0,0)");
    fx_screen(&f, AS_OF, "PR-01");
    w_expect(&f, "PR-01", WANT("V-F1", "V-F2", "V-F3"));
    /* the lead names the window and what ended it */
    assert_int_equal(fx_long(&f,
                             "SELECT count(*) FROM leads WHERE subject = 'V-F1' AND"
                             " json_extract(evidence, '$.period.end') = '2024-12-31' AND"
                             " json_extract(evidence, '$.period.ended_by') = 'dpr_end'",
                             NULL, NULL),
                     1);
    assert_int_equal(fx_long(&f,
                             "SELECT count(*) FROM leads WHERE subject = 'V-F3' AND"
                             " severity = 'high' AND region_code = '110105'",
                             NULL, NULL),
                     1);
    fx_close(&f);
}

/* K-04: outside the county/city without an approved leave. */
static void cc05_fixture(void **state)
{
    (void)state;
    fx f;
    fx_open(&f);
    w_facilities(&f);
    const char *ids[] = {"P01", "P02", "P03", "P04", "P05"};
    for (size_t i = 0; i < 5; i++)
        w_person(&f, ids[i]);
    fx_exec(&f,
            "INSERT INTO corrections(cc_id,person_id,agency_id,basis,order_date,report_date,"
            "end_date,status) VALUES"
            " ('CC05-F1','P01','A1','probation','2025-01-01','2025-01-05','2026-01-01','active'),"
            " ('CC05-N1','P02','A1','probation','2025-01-01','2025-01-05','2026-01-01','active'),"
            " ('CC05-N2','P03','A1','probation','2025-01-01','2025-01-05','2026-01-01','active'),"
            " ('CC05-F2','P04','A1','probation','2025-01-01','2025-01-05','2026-01-01','active'),"
            " ('CC05-N3','P05','A1','probation','2025-01-01','2025-01-05','2026-01-01','active');"
            "INSERT INTO cc_events(event_id,cc_id,event_date,kind,region_code) VALUES"
            " ('L1','CC05-F1','2025-05-01','location','310101'),"
            " ('L2','CC05-N1','2025-05-01','location','110108'),"
            " ('L3','CC05-N2','2025-04-28','leave_start',NULL), "
            "('L4','CC05-N2','2025-05-03','leave_end',NULL),"
            " ('L5','CC05-N2','2025-05-03','location','310101'),"
            " ('L6','CC05-F2','2025-04-28','leave_start',NULL), "
            "('L7','CC05-F2','2025-05-02','leave_end',NULL),"
            " ('L8','CC05-F2','2025-05-03','location','310101'),"
            " ('L9','CC05-N3','2025-07-01','location','310101')");
    fx_screen(&f, AS_OF, "CC-05");
    w_expect(&f, "CC-05", WANT("CC05-F1", "CC05-F2"));
    fx_close(&f);
}

/* CC-04, T-02/T-03: a review gap > 3 months + 15 days, or the condition ended, and still
 * outside 30 days later. N2: started 2025-02-15, review due by 2025-05-30, ground 05-31,
 * deadline 06-30 = the as-of date; F2 one day earlier. */
static void cc04_fixture(void **state)
{
    (void)state;
    fx f;
    fx_open(&f);
    w_facilities(&f);
    for (int i = 1; i <= 8; i++) {
        char id[16];
        snprintf(id, sizeof id, "P%02d", i);
        w_person(&f, id);
    }
    fx_exec(
        &f, "%s",
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
        " ('CC04-F3','P05','A1','temp_outside','T05','2024-06-01','2024-06-05','2025-05-01','"
        "active',NULL),"
        " ('CC04-N3','P06','A1','temp_outside','T06','2024-06-01','2024-06-05','2025-05-01','"
        "revoked','2025-05-20'),"
        " ('CC04-F4','P07','A1','temp_outside',NULL,'2025-03-01','2025-03-01',NULL,'active',NULL),"
        " ('CC04-N4','P08','A1','probation',NULL,'2024-01-01','2024-01-01',NULL,'active',NULL);"
        "INSERT INTO cc_events(event_id,cc_id,event_date,kind) VALUES"
        " ('R1','CC04-N1','2024-09-10','review'), ('R2','CC04-N1','2024-12-10','review'),"
        " ('R3','CC04-N1','2025-03-10','review'), ('R4','CC04-N1','2025-06-10','review');"
        "INSERT INTO medical(exam_id,person_id,hospital_id,exam_date,kind,disease,"
        "severe_list_item) VALUES"
        " ('M1','P07','H1','2025-04-01','review','肺结核',NULL),"
        " ('M2','P02','H1','2025-06-01','review','肺结核','第三条');");
    fx_screen(&f, AS_OF, "CC-04");
    w_expect(&f, "CC-04", WANT("CC04-F1", "CC04-F2", "CC04-F3", "CC04-F4"));
    /* the evidence names the window: F3's decision T05 (pregnancy) runs on past the end of
     * its period (2025-05-01, the ground) */
    assert_int_equal(
        fx_long(&f,
                "SELECT count(*) FROM leads WHERE model_id = 'CC-04' AND"
                " subject = ?1 AND json_extract(evidence, '$.period.kind') ="
                " 'temp_outside' AND json_extract(evidence, '$.period.ref') = 'T05'"
                " AND json_extract(evidence, '$.period.start') = '2024-06-01'"
                " AND COALESCE(json_extract(evidence, '$.period.end'), '9') > '2025-06-30'"
                " AND json_extract(evidence, '$.ground_date') = '2025-05-01'",
                "CC04-F3", NULL),
        1);
    fx_screen(&f, "2025-07-01", "CC-04");
    w_expect(&f, "CC-04", WANT("CC04-F1", "CC04-F2", "CC04-F3", "CC04-F4", "CC04-N2"));
    fx_close(&f);
}

/* K-01: report within 10 days of the order (社区矫正法第21条). */
static void cc01_fixture(void **state)
{
    (void)state;
    fx f;
    fx_open(&f);
    w_facilities(&f);
    for (int i = 1; i <= 5; i++) {
        char id[16];
        snprintf(id, sizeof id, "P%02d", i);
        w_person(&f, id);
    }
    fx_exec(&f, "%s",
            "INSERT INTO corrections(cc_id,person_id,agency_id,basis,order_date,report_date,"
            "end_date,status) VALUES"
            " ('CC01-F1','P01','A1','probation','2025-06-01',NULL,'2026-06-01','active'),"
            " ('CC01-F2','P02','A1','parole','2025-01-01','2025-01-12','2026-01-01','active'),"
            " ('CC01-N1','P03','A1','probation','2025-01-01','2025-01-11','2026-01-01','active'),"
            " ('CC01-N2','P04','A1','probation','2025-06-20',NULL,'2026-06-20','active'),"
            " ('CC01-N3','P05','A1','probation','2025-06-25','2025-07-20','2026-06-25','active');");
    fx_screen(&f, AS_OF, "CC-01");
    w_expect(&f, "CC-01", WANT("CC01-F1", "CC01-F2"));
    /* the day after the near miss's deadline it fires */
    fx_screen(&f, "2025-07-01", "CC-01");
    w_expect(&f, "CC-01", WANT("CC01-F1", "CC01-F2", "CC01-N2"));
    fx_close(&f);
}

/* K-02 absence > 10 days; absconded without a revocation proposal within 30 days. */
static void cc02_fixture(void **state)
{
    (void)state;
    fx f;
    fx_open(&f);
    w_facilities(&f);
    for (int i = 1; i <= 7; i++) {
        char id[16];
        snprintf(id, sizeof id, "P%02d", i);
        w_person(&f, id);
    }
    fx_exec(
        &f, "%s",
        "INSERT INTO corrections(cc_id,person_id,agency_id,basis,order_date,report_date,"
        "end_date,status,status_date) VALUES"
        " ('CC02-F1','P01','A1','probation','2025-01-01','2025-01-05','2026-01-01','active',NULL),"
        " ('CC02-N1','P02','A1','probation','2025-01-01','2025-01-05','2026-01-01','active',NULL),"
        " ('CC02-F2','P03','A1','parole','2025-01-01','2025-01-05','2026-01-01','absconded','2025-"
        "05-01'),"
        " ('CC02-N2','P04','A1','parole','2025-01-01','2025-01-05','2026-01-01','absconded','2025-"
        "05-31'),"
        " ('CC02-N3','P05','A1','parole','2025-01-01','2025-01-05','2026-01-01','absconded','2025-"
        "04-01'),"
        " ('CC02-F3','P06','A1','probation','2025-01-01','2025-01-05','2026-01-01','active',NULL),"
        " ('CC02-N4','P07','A1','probation','2024-01-01','2024-01-05','2025-06-01','ended','2025-"
        "06-01');"
        "INSERT INTO cc_events(event_id,cc_id,event_date,kind,region_code) VALUES"
        " ('E1','CC02-F1','2025-06-19','checkin','110105'),"
        " ('E2','CC02-N1','2025-06-20','location','110105'),"
        " ('E3','CC02-F2','2025-05-01','absconded',NULL),"
        " ('E4','CC02-N2','2025-05-31','absconded',NULL),"
        " ('E5','CC02-N3','2025-04-01','absconded',NULL),"
        " ('E6','CC02-N3','2025-05-01','revocation_proposed',NULL),"
        " ('E7','CC02-F3','2025-06-10','checkin','110105'),"
        " ('E8','CC02-F3','2025-07-05','checkin','110105'),"
        " ('E9','CC02-N4','2025-03-01','checkin','110105');");
    /* F3: the check-in after the as-of date is ignored */
    fx_screen(&f, AS_OF, "CC-02");
    w_expect(&f, "CC-02", WANT("CC02-F1", "CC02-F2", "CC02-F3"));
    fx_close(&f);
}

/* K-03: second warning or absconded > 1 month; proposal within 30 days. A checkin after
 * the abscondence, up to a month after it, is contact (N5: on 04-15, the month's last
 * day); one on the day of the abscondence (F3), before it (F3) or later than a month (F4)
 * is not. */
static void cc03_fixture(void **state)
{
    (void)state;
    fx f;
    fx_open(&f);
    w_facilities(&f);
    for (int i = 1; i <= 9; i++) {
        char id[16];
        snprintf(id, sizeof id, "P%02d", i);
        w_person(&f, id);
    }
    fx_exec(
        &f, "%s",
        "INSERT INTO corrections(cc_id,person_id,agency_id,basis,order_date,report_date,"
        "end_date,status,status_date) VALUES"
        " ('CC03-F1','P01','A1','probation','2025-01-01','2025-01-05','2026-01-01','active',NULL),"
        " ('CC03-N1','P02','A1','probation','2025-01-01','2025-01-05','2026-01-01','active',NULL),"
        " ('CC03-N2','P03','A1','probation','2024-12-01','2024-12-05','2026-01-01','active',NULL),"
        " ('CC03-F2','P04','A1','parole','2025-01-01','2025-01-05','2026-01-01','absconded','2025-"
        "03-15'),"
        " ('CC03-N3','P05','A1','parole','2025-01-01','2025-01-05','2026-01-01','absconded','2025-"
        "04-30'),"
        " ('CC03-N4','P06','A1','surveillance','2024-01-01','2024-01-05','2026-01-01','active',"
        "NULL),"
        " ('CC03-N5','P07','A1','probation','2025-01-01','2025-01-05','2026-01-01','active',NULL),"
        " ('CC03-F3','P08','A1','probation','2025-01-01','2025-01-05','2026-01-01','active',NULL),"
        " ('CC03-F4','P09','A1','probation','2025-01-01','2025-01-05','2026-01-01','active',NULL);"
        "INSERT INTO cc_events(event_id,cc_id,event_date,kind) VALUES"
        " ('W1','CC03-F1','2025-03-01','warning'), ('W2','CC03-F1','2025-04-01','warning'),"
        " ('W3','CC03-N1','2025-03-01','warning'), ('W4','CC03-N1','2025-05-31','warning'),"
        " ('W5','CC03-N2','2025-01-01','warning'), ('W6','CC03-N2','2025-02-01','warning'),"
        " ('W7','CC03-N2','2025-03-03','revocation_proposed'),"
        " ('W8','CC03-F2','2025-03-15','absconded'), ('W9','CC03-N3','2025-04-30','absconded'),"
        " ('W10','CC03-N4','2024-03-01','warning'), ('W11','CC03-N4','2024-04-01','warning'),"
        " ('A5','CC03-N5','2025-03-15','absconded'), ('C5','CC03-N5','2025-04-15','checkin'),"
        " ('C6','CC03-F3','2025-03-10','checkin'), ('A6','CC03-F3','2025-03-15','absconded'),"
        " ('C7','CC03-F3','2025-03-15','checkin'),"
        " ('A7','CC03-F4','2025-03-15','absconded'), ('C8','CC03-F4','2025-04-16','checkin');");
    fx_screen(&f, AS_OF, "CC-03");
    w_expect(&f, "CC-03", WANT("CC03-F1", "CC03-F2", "CC03-F3", "CC03-F4"));
    fx_screen(&f, "2025-07-01", "CC-03");
    w_expect(&f, "CC-03", WANT("CC03-F1", "CC03-F2", "CC03-F3", "CC03-F4", "CC03-N1", "CC03-N3"));
    /* a timeline with every checkin loaded (zhijian person) dates the next checkin alike */
    const char *pid[] = {"P07", "P08", "P09"}, *want[] = {"2025-04-15", "", "2025-04-16"};
    zj_date as_of;
    assert_int_equal(date_parse(AS_OF, 10, &as_of), 0);
    for (int i = 0; i < 3; i++) {
        zj_timeline tl;
        timeline_init(&tl);
        assert_int_equal(engine_person_load(f.db, pid[i], as_of, &tl), 0);
        char got[11] = "?";
        for (size_t e = 0; e < tl.n_cc_ev; e++)
            if (!strcmp(tl.cc_ev[e].kind, "absconded"))
                date_format(tl.cc_ev[e].next_checkin, got);
        assert_string_equal(got, want[i]);
        engine_person_release(&tl);
    }
    fx_close(&f);
}

/* 社区矫正法第44条: released on time (more than 1 day late fires). */
static void cc06_fixture(void **state)
{
    (void)state;
    fx f;
    fx_open(&f);
    w_facilities(&f);
    for (int i = 1; i <= 5; i++) {
        char id[16];
        snprintf(id, sizeof id, "P%02d", i);
        w_person(&f, id);
    }
    fx_exec(
        &f, "%s",
        "INSERT INTO corrections(cc_id,person_id,agency_id,basis,order_date,report_date,"
        "end_date,status,status_date) VALUES"
        " ('CC06-F1','P01','A1','probation','2024-01-01','2024-01-05','2025-06-28','active',NULL),"
        " ('CC06-N1','P02','A1','probation','2024-01-01','2024-01-05','2025-06-29','active',NULL),"
        " ('CC06-F2','P03','A1','probation','2024-01-01','2024-01-05','2025-03-01','ended','2025-"
        "03-03'),"
        " ('CC06-N2','P04','A1','probation','2024-01-01','2024-01-05','2025-03-01','ended','2025-"
        "03-02'),"
        " ('CC06-F3','P05','A1','parole','2024-01-01','2024-01-05','2025-03-01','ended','2025-07-"
        "03');");
    /* F3 was released after the as-of date: still active on it */
    fx_screen(&f, AS_OF, "CC-06");
    w_expect(&f, "CC-06", WANT("CC06-F1", "CC06-F2", "CC06-F3"));
    fx_close(&f);
}

/* H-02/H-03: solitary > 15 days, handcuffs > 15 days (not death-sentenced), chair > 1 day. */
static void cus03_fixture(void **state)
{
    (void)state;
    fx f;
    fx_open(&f);
    w_facilities(&f);
    w_person(&f, "S1");
    w_person(&f, "S2");
    fx_exec(&f,
            "INSERT INTO judgments(judgment_id,person_id,case_no,court_id,charges,offense_date,"
            "judgment_date,effective_date,penalty) VALUES"
            " ('JS2','S2','K9','C1','故意杀人罪','2024-01-01','2024-06-01','2024-06-15','death');"
            "INSERT INTO "
            "restraints(record_id,person_id,facility_id,kind,start_date,end_date,officer_id) VALUES"
            " ('RS-F1','S1','P1','solitary','2025-05-01','2025-05-16','O1'),"
            " ('RS-N1','S1','P1','solitary','2025-05-01','2025-05-15','O1'),"
            " ('RS-F2','S1','P1','solitary','2025-06-15',NULL,'O1'),"
            " ('RS-N2','S1','P1','solitary','2025-06-16',NULL,'O1'),"
            " ('RC-F1','S1','D1','restraint_chair','2025-06-01','2025-06-02','O1'),"
            " ('RC-N1','S1','D1','restraint_chair','2025-06-01','2025-06-01','O1'),"
            " ('RH-F1','S1','D1','handcuffs','2025-04-01','2025-04-20','O1'),"
            " ('RH-N1','S2','D1','handcuffs','2025-04-01','2025-04-20','O1'),"
            " ('RH-N2','S1','D1','leg_irons','2025-04-01','2025-04-15','O1'),"
            " ('RS-N3','S1','P1','solitary','2025-07-01',NULL,'O1')");
    fx_screen(&f, AS_OF, "CUS-03");
    w_expect(&f, "CUS-03", WANT("RS-F1", "RS-F2", "RC-F1", "RH-F1"));
    fx_close(&f);
}

/* CHG-12's lead for a trip inside the period shows the period and what ended it. */
static void chg12_period_evidence(void **state)
{
    (void)state;
    fx f;
    fx_open(&f);
    w_facilities(&f);
    b_chg12_corr(&f, 0);
    fx_screen(&f, AS_OF, "CHG-12");
    assert_int_equal(
        fx_long(&f,
                "SELECT count(*) FROM leads l, json_each(l.evidence, '$.violations') v"
                " WHERE l.model_id = 'CHG-12' AND json_extract(v.value, '$.period.start') ="
                " '2021-09-20' AND json_extract(v.value, '$.period.end') = '2022-06-30' AND"
                " json_extract(v.value, '$.period.ended_by') = 'status_ended' AND"
                " json_extract(v.value, '$.period.end_ref') = 'KA' AND l.summary LIKE"
                " '%2021-09-20至2022-06-30（解除矫正）%'",
                NULL, NULL),
        1);
    fx_close(&f);
}

/* PAP-02's lead names its window: undelivered from the day after the judgment took effect,
 * ended by nothing yet. */
static void pap02_period_evidence(void **state)
{
    (void)state;
    fx f;
    fx_open(&f);
    w_facilities(&f);
    b_pap02_act(&f, 60);
    fx_screen(&f, AS_OF, "PAP-02");
    assert_int_equal(fx_long(&f,
                             "SELECT count(*) FROM leads WHERE model_id = 'PAP-02' AND"
                             " json_extract(evidence, '$.period.kind') = 'undelivered' AND"
                             " json_extract(evidence, '$.period.ref') = 'JA' AND"
                             " json_extract(evidence, '$.period.start') = '2024-06-02' AND"
                             " json_extract(evidence, '$.period.end') IS NULL",
                             NULL, NULL),
                     1);
    fx_close(&f);
}

int main(void)
{
    user_models_here();
    const struct CMUnitTest part1[] = {
        cmocka_unit_test(catalog_covered), cmocka_unit_test(boundary_rows),
        cmocka_unit_test(pr01_fixture),    cmocka_unit_test(cc05_fixture),
        cmocka_unit_test(cc04_fixture),    cmocka_unit_test(cc01_fixture),
    };
    const struct CMUnitTest part2[] = {
        cmocka_unit_test(boundary_rows),         cmocka_unit_test(cc02_fixture),
        cmocka_unit_test(cc03_fixture),          cmocka_unit_test(cc06_fixture),
        cmocka_unit_test(cus03_fixture),         cmocka_unit_test(chg12_period_evidence),
        cmocka_unit_test(pap02_period_evidence),
    };
    return WINDOWS_PART == 1 ? cmocka_run_group_tests(part1, NULL, NULL)
                             : cmocka_run_group_tests(part2, NULL, NULL);
}
