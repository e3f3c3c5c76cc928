/* test_ingest_rules.c — every validation rule of feeds.md through the loader
 * (src/ingest/ingest.h): one row per case, imported on top of the good fixture
 * (tests/fixtures/import/good, as-of 2025-06-30). Each case names the column the reject
 * must name and a fragment of its reason, or NULL when the row must load (the near miss
 * beside each limit). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sys/stat.h>

#include "ingest/feeds.h"
#include "ingest/ingest.h"
#include "store/store.h"

#define JH                                                                                         \
    "judgment_id,person_id,case_no,court_id,charges,offense_date,judgment_date,effective_date,"    \
    "notice_date,penalty,term_months,term_days,probation_months,dpr_months,dpr_life,recidivist,"   \
    "limited_commutation,flags,term_start,term_end"
#define JROW(pen, term, prob, extra)                                                               \
    "X1,P1,（2024）京0105刑初1号,CT1,盗窃罪,2024-01-01,2024-03-01,2024-03-12,," pen "," term       \
    ",," prob extra ","
#define CH                                                                                         \
    "change_id,person_id,judgment_id,kind,proposer_id,proposal_date,decider_id,decision_date,"     \
    "effective_date,grounds,reduction_months,reduction_days,new_penalty,new_term_months,exam_id,"  \
    "points,leniency,officer_id,note"
#define PH "person_id,id_number,name,gender,birth_date"
#define SH "score_id,person_id,facility_id,month,base_points,bonus_points,penalty_points,officer_id"
#define RQH                                                                                        \
    "query_id,id_number,requester_kind,requester,query_date,provided,legal_basis,answered_by"
#define SZH                                                                                        \
    "seizure_id,agency_id,case_ref,measure,owner_kind,owner_name,owner_code,owner_region,party,"   \
    "seized_date,value,amount_involved,local_assist,unrelated_date,case_closed_date,released_"     \
    "date,disposition"
#define SZROW(kind, code, rest)                                                                    \
    "X1,CT1,（2025）京0105刑初1号,freeze," kind ",某科技有限公司," code ",350100," rest
#define EH                                                                                         \
    "enforcement_id,person_id,judgment_id,court_id,kind,amount_due,filed_date,last_action_date,"   \
    "status,status_date,investigated,unable"

static const struct rule_case {
    const char *feed, *header, *rows;
    const char *column; /* expected reject column ("" = none), NULL = the row loads */
    const char *reason; /* fragment of the reason */
    int pending;        /* 1 = unknown reference */
    long line;          /* line of the reject (0 = 2) */
} cases[] = {
    /* persons: birth dates from 1900-01-01, real dates, required fields, id_number, enums */
    {"persons", PH, "X1,,某,M,1900-01-01", NULL, NULL, 0, 0},
    {"persons", PH, "X1,,某,M,1899-12-31", "birth_date", "is before 1900-01-01", 0, 0},
    {"persons", PH, "X1,,某,M,2025-07-01", "birth_date", "after the as-of date 2025-06-30", 0, 0},
    {"persons", PH, "X1,,某,M,1980-02-30", "birth_date", "not a real date '1980-02-30'", 0, 0},
    {"persons", PH, "X1,,,M,1980-01-01", "name", "required field 'name' is empty", 0, 0},
    {"persons", PH, ",,某,M,1980-01-01", "person_id", "required field 'person_id' is empty", 0, 0},
    {"persons", PH, "X1,110105198005011234,某,M,1980-01-01", "id_number", "wrong check digit", 0,
     0},
    {"persons", PH, "X1,1101051980,某,M,1980-01-01", "id_number", "has 10 characters", 0, 0},
    {"persons", PH, "X1,,某,男性,1980-01-01", "gender", "unknown gender '男性'", 0, 0},
    {"persons", PH, "X1,,某,女,1980-01-01", NULL, NULL, 0, 0},
    /* row shape */
    {"persons", PH, "X1,,某,M", "", "row has 4 fields but the header has 5", 0, 0},
    {"persons", PH, "X1,,\"某,M,1980-01-01\nX2,,b,M,1980-01-01", "", "never closed", 0, 0},
    /* keys unique within a file: the first loads, the later one is rejected */
    {"persons", PH, "X1,,某,M,1980-01-01\nX2,,乙,F,1981-01-01\nX1,,丙,M,1982-01-01", "person_id",
     "duplicate key person_id 'X1'", 0, 4},
    /* facilities: enum, region code, bool */
    {"facilities", "facility_id,name,kind,region_code,designated", "X1,某,jail,110105,", "kind",
     "unknown kind 'jail'", 0, 0},
    {"facilities", "facility_id,name,kind,region_code,designated", "X1,某,监狱,11010,",
     "region_code", "expected 6 digits", 0, 0},
    {"facilities", "facility_id,name,kind,region_code,designated", "X1,某,hospital,110105,yes",
     "designated", "expected 0 or 1", 0, 0},
    /* judgments: terms per penalty (criminal law art. 38, 42, 45, 69), probation (art. 73) */
    {"judgments", JH, JROW("fixed_term", "6", "", ",,,,,,"), NULL, NULL, 0, 0},
    {"judgments", JH, JROW("fixed_term", "5", "", ",,,,,,"), "term_months", "out of range 6–300", 0,
     0},
    {"judgments", JH, JROW("fixed_term", "301", "", ",,,,,,"), "term_months", "out of range 6–300",
     0, 0},
    {"judgments", JH, JROW("fixed_term", "180", "", ",,,,,,"), NULL, NULL, 0, 0},
    {"judgments", JH, JROW("fixed_term", "181", "", ",,,,,,"), "term_months", "only one charge", 0,
     0},
    {"judgments", JH, JROW("fixed_term", "", "", ",,,,,,"), "term_months", "is required", 0, 0},
    {"judgments", JH, JROW("surveillance", "37", "", ",,,,,,"), "term_months", "out of range 3–36",
     0, 0},
    {"judgments", JH, JROW("criminal_detention", "13", "", ",,,,,,"), "term_months",
     "out of range 1–12", 0, 0},
    {"judgments", JH, JROW("life", "12", "", ",,,,,,"), "term_months", "must be empty", 0, 0},
    {"judgments", JH, JROW("fixed_term", "36", "36", ",,,,,,"), NULL, NULL, 0, 0},
    {"judgments", JH, JROW("fixed_term", "36", "24", ",,,,,,"), "probation_months",
     "shorter than the term", 0, 0},
    {"judgments", JH, JROW("fixed_term", "24", "61", ",,,,,,"), "probation_months",
     "out of range 12–60", 0, 0},
    {"judgments", JH, JROW("fixed_term", "37", "48", ",,,,,,"), "probation_months",
     "up to 36 months", 0, 0},
    {"judgments", JH, JROW("surveillance", "6", "12", ",,,,,,"), "probation_months",
     "must be empty", 0, 0},
    {"judgments", JH, JROW("criminal_detention", "3", "1", ",,,,,,"), "probation_months",
     "out of range 2–12", 0, 0},
    {"judgments", JH, JROW("fixed_term", "36", "", ",61,,,,,"), "dpr_months", "out of range 12–60",
     0, 0},
    {"judgments", JH, JROW("surveillance", "6", "", ",6,,,,,"), NULL, NULL, 0, 0},
    {"judgments",
     "judgment_id,person_id,case_no,court_id,charges,offense_date,judgment_date,effective_date,"
     "penalty,term_months,term_days",
     "X1,P1,c,CT1,盗窃罪,2024-01-01,2024-03-01,2024-03-12,fixed_term,12,31", "term_days",
     "out of range 0–30", 0, 0},
    {"judgments", JH, JROW("life", "", "", ",,,,1,,"), "limited_commutation",
     "death_suspended only", 0, 0},
    {"judgments", JH, JROW("死缓", "", "", ",,1,,1,lifelong;终身监禁,"), NULL, NULL, 0, 0},
    {"judgments", JH, JROW("fixed_term", "12", "", ",,,,,lifelong;forever,"), "flags",
     "unknown flags item 'forever'", 0, 0},
    {"judgments", JH, JROW("有期", "12", "", ",,,,,,"), "penalty", "unknown penalty '有期'", 0, 0},
    /* date order and bounds */
    {"judgments", JH, "X1,P1,c,CT1,盗窃罪,2024-01-01,2024-03-12,2024-03-11,,fixed_term,12,,,,,,,,,",
     "effective_date", "is before judgment_date", 0, 0},
    {"judgments", JH, "X1,P1,c,CT1,盗窃罪,2024-03-13,2024-03-12,2024-03-12,,fixed_term,12,,,,,,,,,",
     "judgment_date", "is before offense_date", 0, 0},
    {"judgments", JH, "X1,P1,c,CT1,盗窃罪,1949-09-30,2024-03-12,2024-03-12,,fixed_term,12,,,,,,,,,",
     "offense_date", "before 1949-10-01", 0, 0},
    {"judgments", JH,
     "X1,P1,c,CT1,盗窃罪,2024-01-01,2024-03-12,2024-03-12,,fixed_term,300,,,,,,,,combined,2024-01-"
     "01,2049-01-01",
     "", "", 0, -1},
    {"judgments", JH,
     "X1,P1,c,CT1,盗窃罪;抢劫罪,2024-01-01,2024-03-12,2024-03-12,,fixed_term,300,,,,,,,,2024-01-01,"
     "2049-01-01",
     NULL, NULL, 0, 0},
    {"judgments", JH,
     "X1,P1,c,CT1,盗窃罪,2024-01-01,2024-03-12,2024-03-12,,fixed_term,12,,,,,,,,2024-01-01,2200-01-"
     "01",
     "term_end", "after 2199-12-31", 0, 0},
    {"judgments", JH,
     "X1,P1,c,CT1,盗窃罪,2024-01-01,2024-03-12,2024-03-12,,fixed_term,12,,,,,,,,2024-01-01,2023-12-"
     "31",
     "term_end", "is before term_start", 0, 0},
    /* references: unknown → pending; wrong kind or another person's record → plain reject */
    {"judgments", JH,
     "X1,NOBODY,c,CT1,盗窃罪,2024-01-01,2024-03-12,2024-03-12,,fixed_term,12,,,,,,,,,", "person_id",
     "unknown reference", 1, 0},
    {"judgments", JH, "X1,P1,c,PR1,盗窃罪,2024-01-01,2024-03-12,2024-03-12,,fixed_term,12,,,,,,,,,",
     "court_id", "kind 'prison', expected court", 0, 0},
    {"custody", "event_id,person_id,facility_id,event_type,event_date,judgment_id,note",
     "X1,P1,PR1,admit,2021-01-01,J2,", "judgment_id", "belongs to person_id 'P2'", 0, 0},
    {"custody", "event_id,person_id,facility_id,event_type,event_date,judgment_id,note",
     "X1,P2,PR1,leave_end,2025-07-05,J2,", NULL, NULL, 0, 0},
    {"custody", "event_id,person_id,facility_id,event_type,event_date,judgment_id,note",
     "X1,P2,PR1,leave_start,2025-07-05,J2,", "event_date", "after the as-of date", 0, 0},
    {"custody", "event_id,person_id,facility_id,event_type,event_date,judgment_id,note",
     "X1,P2,PR1,moved,2025-01-05,J2,", "event_type", "unknown event_type 'moved'", 0, 0},
    {"custody", "event_id,person_id,facility_id,event_type,event_date,judgment_id,note",
     "X1,P2,NOWHERE,admit,2025-01-05,J2,", "facility_id", "unknown reference", 1, 0},
    /* sentence changes */
    {"sentence_changes", CH,
     "X1,P1,J1,commutation,PR1,2021-08-01,CT2,2021-08-25,,medical,6,,,,,,,,", "grounds",
     "not allowed for a commutation or parole", 0, 0},
    {"sentence_changes", CH,
     "X1,P1,J1,commutation,PR1,2021-08-26,CT2,2021-08-25,,repentance,6,,,,,,,,", "decision_date",
     "is before proposal_date", 0, 0},
    {"sentence_changes", CH,
     "X1,P4,J4,commutation,PR1,2021-08-01,CT2,2021-08-25,,repentance,,,fixed_term,,,,,,",
     "new_term_months", "is required when new_penalty is fixed_term", 0, 0},
    {"sentence_changes", CH,
     "X1,P1,J1,temp_outside,PR1,2021-08-01,PA1,2021-08-25,,medical,,,,,M1,,,,", "exam_id",
     "belongs to person_id 'P2'", 0, 0},
    {"sentence_changes", CH, "X1,P1,J1,parole,PR1,2021-08-01,PR1,2021-08-25,,repentance,,,,,,,,,",
     "decider_id", "expected court or prison_admin or police", 0, 0},
    {"sentence_changes", CH,
     "X1,P1,J1,commutation,PR1,2021-08-01,CT2,2021-08-25,,repentance,6,31,,,,,,,", "reduction_days",
     "out of range 0–30", 0, 0},
    /* scores */
    {"scores", SH, "X1,P1,PR1,2025-06,100,,,", NULL, NULL, 0, 0},
    {"scores", SH, "X1,P1,PR1,2025-06,100,,,O1", NULL, NULL, 0, 0},
    {"scores", SH, "X1,P1,PR1,2025-06,100,,,O9", "officer_id",
     "unknown reference: officer_id 'O9' is not in staff", 1, 0},
    {"scores", SH, "X1,P1,PR1,2025-06,101,,,", "base_points", "out of range 0–100", 0, 0},
    {"scores", SH, "X1,P1,PR1,2025-07,90,,,", "month", "after the month of the as-of date", 0, 0},
    {"scores", SH, "X1,P1,PR1,2025-6,90,,,", "month", "not a real month", 0, 0},
    {"scores", SH, "X1,P1,PR1,2025-05,90,,-1,", "penalty_points", "at least 0", 0, 0},
    {"scores", SH, "X1,P1,PR1,2025-05,九十,,,", "base_points", "not a whole number '九十'", 0, 0},
    /* money */
    {"property", EH, "X1,P1,J1,CT1,fine,0.01,2020-07-01,,ongoing,,,", NULL, NULL, 0, 0},
    {"property", EH, "X1,P1,J1,CT1,fine,0,2020-07-01,,ongoing,,,", "amount_due",
     "must be more than 0", 0, 0},
    {"property", EH, "X1,P1,J1,CT1,fine,12.345,2020-07-01,,ongoing,,,", "amount_due",
     "not an amount in yuan '12.345'", 0, 0},
    {"property", EH, "X1,P1,J1,CT1,fine,100,2020-07-01,2020-06-30,ongoing,,,", "last_action_date",
     "is before filed_date", 0, 0},
    {"payments", "payment_id,enforcement_id,pay_date,amount,payer", "X1,F1,2021-01-01,-5,self",
     "amount", "not an amount in yuan", 0, 0},
    {"payments", "payment_id,enforcement_id,pay_date,amount,payer", "X1,F9,2021-01-01,5,self",
     "enforcement_id", "unknown reference", 1, 0},
    {"payments", "payment_id,enforcement_id,pay_date,amount,payer", "X1,F1,2021-01-01,5,friend",
     "payer", "unknown payer 'friend'", 0, 0},
    /* record_queries (version 2) */
    {"record_queries", RQH, "X1,110105198005011235,employer,某公司,2025-01-02,1,,CT1", NULL, NULL,
     0, 0},
    {"record_queries", RQH, "X1,110105198005011235,用人单位,某公司,2025-01-02,0,,CT1", NULL, NULL,
     0, 0},
    {"record_queries", RQH, "X1,110105198005011235,boss,某公司,2025-01-02,1,,CT1", "requester_kind",
     "unknown requester_kind 'boss'", 0, 0},
    {"record_queries", RQH, "X1,110105198005011235,employer,某公司,2025-01-02,,,CT1", "provided",
     "required field 'provided' is empty", 0, 0},
    {"record_queries", RQH, "X1,110105198005011235,employer,某公司,2025-01-02,1,,PR1",
     "answered_by", "expected police or court", 0, 0},
    {"record_queries", RQH, "X1,110105198005011234,employer,某公司,2025-01-02,1,,CT1", "id_number",
     "wrong check digit", 0, 0},
    {"record_queries", RQH, "X1,110105198005011235,school,某校,2025-07-01,1,,CT1", "query_date",
     "after the as-of date 2025-06-30", 0, 0},
    /* seizures (version 2): owner_code by owner_kind (GB 32100 / GB 11643) */
    {"seizures", SZH,
     SZROW("enterprise", "91350100M000100Y43", "0,2025-01-10,1000000.00,800000,0,,,,"), NULL, NULL,
     0, 0},
    {"seizures", SZH, SZROW("企业", "", "1,2025-01-10,1000000.00,,,,,,"), NULL, NULL, 0, 0},
    {"seizures", SZH,
     SZROW("enterprise", "91350100M000100Y44", "0,2025-01-10,1000000.00,800000,0,,,,"),
     "owner_code", "wrong check character (GB 32100 gives '3')", 0, 0},
    {"seizures", SZH,
     SZROW("enterprise", "110105198005011235", "0,2025-01-10,1000000.00,800000,0,,,,"),
     "owner_code", "owner_code of an enterprise", 0, 0},
    {"seizures", SZH, SZROW("person", "110105198005011235", "1,2025-01-10,5000,,,,,,"), NULL, NULL,
     0, 0},
    {"seizures", SZH, SZROW("个人", "110105198005011234", "1,2025-01-10,5000,,,,,,"), "owner_code",
     "wrong check digit", 0, 0},
    {"seizures", SZH,
     SZROW("enterprise", "91350100M000100Y43", "0,2025-01-10,5000,,,,,2025-01-09,"),
     "released_date", "is before seized_date", 0, 0},
    {"seizures", SZH, SZROW("enterprise", "91350100M000100Y43", "0,2025-01-10,0,,,,,,"), "value",
     "must be more than 0", 0, 0},
    {"seizures", SZH, SZROW("enterprise", "91350100M000100Y43", ",2025-01-10,5000,,,,,,"), "party",
     "required field 'party' is empty", 0, 0},
    {"seizures", SZH, "X1,PR1,K1,seal,enterprise,某公司,,,0,2025-01-10,5000,,,,,,", "agency_id",
     "expected police or procuratorate or court", 0, 0},
    {"seizures", SZH, "X1,CT1,K1,拍卖,enterprise,某公司,,,0,2025-01-10,5000,,,,,,", "measure",
     "unknown measure '拍卖'", 0, 0},
    /* other feeds */
    {"voters", "record_id,id_number,region_code,election_date,registered,voted,candidate,elected",
     "X1,,110105,2021-11-05,1,1,0,0", "id_number", "required field 'id_number' is empty", 0, 0},
    {"activities", "record_id,id_number,activity_date,kind,region_code,source",
     "X1,110105198005011235,2024-01-01,flying,,", "kind", "unknown kind 'flying'", 0, 0},
    {"cc_events", "event_id,cc_id,event_date,kind,region_code,detail",
     "X1,CC9,2024-01-01,checkin,,", "cc_id", "unknown reference", 1, 0},
    {"cc_events", "event_id,cc_id,event_date,kind,region_code,detail",
     "X1,CC2,2025-07-09,leave_end,,", NULL, NULL, 0, 0},
    {"deaths", "person_id,facility_id,death_date,cause,reported_date,autopsy",
     "P3,PR1,2024-12-01,illness,2024-11-30,", "reported_date", "is before death_date", 0, 0},
    {"cells", "assignment_id,person_id,facility_id,cell_id,start_date,end_date",
     "X1,P1,PR1,1-1,2024-01-02,2024-01-01", "end_date", "is before start_date", 0, 0},
    {"restraints", "record_id,person_id,facility_id,kind,start_date,end_date,officer_id,reason",
     "X1,P1,PR1,约束椅,2024-01-02,2024-01-02,,", NULL, NULL, 0, 0},
    {"merits",
     "merit_id,person_id,facility_id,kind,category,event_date,confirmed_date,related_case_no,"
     "officer_id",
     "X1,P1,PR1,merit,gossip,2024-01-02,,,", "category", "unknown category 'gossip'", 0, 0},
    {"corrections",
     "cc_id,person_id,agency_id,basis,judgment_id,change_id,order_date,report_date,start_date,end_"
     "date,status,status_date",
     "X1,P3,PR1,probation,J3,,2022-03-12,,,,active,", "agency_id", "expected community_corrections",
     0, 0},
    {"staff", "officer_id,name,facility_id,role", "X1,某,NOWHERE,", "facility_id",
     "unknown reference", 1, 0},
};

static char *source_dir(void)
{
    const char *s = getenv("ZJ_SOURCE_DIR");
    return (char *)(s ? s : ZJ_SOURCE_DIR);
}

static void test_rules(void **state)
{
    (void)state;
    char tmp[] = "/tmp/zj_rulesXXXXXX";
    assert_non_null(mkdtemp(tmp));
    char dbpath[600], good[600];
    snprintf(dbpath, sizeof dbpath, "%s/t.db", tmp);
    snprintf(good, sizeof good, "%s/tests/fixtures/import/good", source_dir());
    sqlite3 *db;
    zj_diag d = {0};
    assert_int_equal(store_open(dbpath, 0, &db, &d), 0);
    FILE *log = tmpfile();
    struct ingest_options o = {.as_of = date_from_ymd(2025, 6, 30), .log = log};
    struct ingest_summary s;
    assert_int_equal(ingest_dir(db, good, &o, &s), 0);
    assert_int_equal(s.rejected, 0);

    sqlite3_stmt *q;
    assert_int_equal(
        sqlite3_prepare_v2(db,
                           "SELECT line, coalesce(column_name, ''), reason, pending_ref "
                           "FROM rejects WHERE feed = ?1",
                           -1, &q, NULL),
        SQLITE_OK);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct rule_case *c = &cases[i];
        char sub[700], path[800];
        snprintf(sub, sizeof sub, "%s/case%zu", tmp, i);
        assert_int_equal(mkdir(sub, 0700), 0);
        snprintf(path, sizeof path, "%s/%s.csv", sub, c->feed);
        FILE *f = fopen(path, "w");
        assert_non_null(f);
        fprintf(f, "%s\n%s\n", c->header, c->rows);
        fclose(f);
        int rc = ingest_dir(db, sub, &o, &s);
        assert_int_equal(rc, 0);
        sqlite3_reset(q);
        sqlite3_bind_text(q, 1, c->feed, -1, SQLITE_STATIC);
        int has = sqlite3_step(q) == SQLITE_ROW;
        if (c->line < 0) { /* a row with one field too many */
            assert_true(has);
            assert_non_null(
                strstr((const char *)sqlite3_column_text(q, 2), "fields but the header"));
        } else if (!c->column) {
            if (has)
                fail_msg("case %zu (%s: %s): rejected: %s", i, c->feed, c->rows,
                         sqlite3_column_text(q, 2));
        } else {
            if (!has)
                fail_msg("case %zu (%s: %s): loaded, expected a reject", i, c->feed, c->rows);
            const char *col = (const char *)sqlite3_column_text(q, 1);
            const char *reason = (const char *)sqlite3_column_text(q, 2);
            if (strcmp(col, c->column) || !strstr(reason, c->reason))
                fail_msg("case %zu (%s: %s): got column '%s' reason '%s', want '%s' '%s'", i,
                         c->feed, c->rows, col, reason, c->column, c->reason);
            assert_int_equal(sqlite3_column_int(q, 0), c->line ? c->line : 2);
            assert_int_equal(sqlite3_column_int(q, 3), c->pending);
            assert_int_equal(sqlite3_step(q), SQLITE_DONE); /* one reject per case */
        }
        /* good + rejected = read */
        for (size_t k = 0; k < 18; k++) {
            const struct ingest_counts *n = &s.feed[k];
            assert_int_equal(n->read, n->loaded + n->replaced + n->unchanged + n->rejected);
        }
        sqlite3_reset(q);
        /* undo, so that every case runs against the same database */
        for (size_t k = 0; k < ingest_feed_count; k++) {
            char *sql = sqlite3_mprintf("DELETE FROM %s WHERE %s IN ('X1', 'X2')",
                                        ingest_feeds[k].name, ingest_feeds[k].cols[0].name);
            assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
            sqlite3_free(sql);
        }
        assert_int_equal(sqlite3_exec(db, "DELETE FROM rejects", NULL, NULL, NULL), SQLITE_OK);
    }
    sqlite3_finalize(q);
    fclose(log);
    store_close(db);
    char cmd[700];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
    assert_int_equal(system(cmd), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_rules)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
