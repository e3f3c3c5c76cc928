/* test_person_links.c — the person-link rule (office.h office_person_link_check, migration
 * person-link-1) as a property over every path that links a person to something:
 * complaints (with a facility or derived from custody), letters, talks, meetings,
 * inspection findings, manual leads, duty occurrences, the leads raised from complaints,
 * letters and duty checks (letter → complaint → lead and occurrence → check → lead
 * included), and the cases opened on those leads. Every path is tried for every facility ×
 * person pair, in a shuffled order under several seeds, by several actors (a country
 * account among them), plus raw INSERTs that bypass the cases layer (migrations
 * person-link-1 and -2), a lead carrying another region's code included. Afterwards, for every
 * scope (country, province, city, each facility): the persons it can see (scope.h SCOPE_PERSON_SQL)
 * are exactly those it saw before any link; every person a record in its scope names is one of
 * them; every stored link satisfies the rule; and every pair the rule allows was linked on every
 * path. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/duty.h"
#include "cases/inspections.h"
#include "cases/office.h"
#include "cases/scope.h"
#include "cases/workflow.h"
#include "cases_harness.h"
#include "store/store.h"

static const zj_scope COUNTRY = {.kind = SCOPE_COUNTRY};

static const char *facilities[] = {"P1", "P2", "P3", "Q1"};
#define NFAC 4
/* a: held at P1; b: P2 then P3; c: Q1; d: no custody, a model lead at P3;
 * e: known, never held; ghost: unknown to the database */
static const char *persons[] = {"a", "b", "c", "d", "e", "ghost"};
#define NPER 6
static const char *scopes[] = {"country", "33", "3301", "3302", "32", "P1", "P2", "P3", "Q1"};
#define NSCOPE 9
static const char *actors[] = {"country_admin", "region_leader", "resident_p1", "system",
                               "leader_32"};
#define NACTOR 5

enum path {
    COMPLAINT,
    COMPLAINT_LEAD,
    LETTER,
    LETTER_LEAD,
    LETTER_COMPLAINT_LEAD,
    TALK,
    MEETING,
    FINDING,
    MANUAL_LEAD,
    P_DUTY_EVENT,
    P_DUTY_LEAD,
    P_DUTY_EVENT_LEAD,
    LEAD_CASE,
    RAW_TALK,
    RAW_LEAD,
    RAW_DUTY_EVENT,
    RAW_CASE,
    RAW_LEAD_REGION,
    NPATH
};

static int setup(void **state)
{
    (void)state;
    zj_diag d = {0};
    if (store_open(":memory:", 0, &db, &d))
        return -1;
    exec("INSERT INTO facilities(facility_id, name, kind, region_code) VALUES"
         " ('P1','一监','prison','330101'), ('P2','二监','prison','330102'),"
         " ('P3','三监','prison','330201'), ('Q1','江苏监狱','prison','320101');"
         "INSERT INTO persons(person_id, name, birth_date) VALUES ('a','甲','1980-01-01'),"
         " ('b','乙','1980-01-01'), ('c','丙','1980-01-01'), ('d','丁','1980-01-01'),"
         " ('e','戊','1980-01-01');"
         "INSERT INTO custody(event_id, person_id, facility_id, event_type, event_date) VALUES"
         " ('e1','a','P1','admit','2020-01-01'), ('e2','b','P2','admit','2020-01-01'),"
         " ('e3','b','P3','transfer_in','2022-01-01'), ('e4','c','Q1','admit','2020-01-01');"
         "INSERT INTO leads(model_id, subject, person_id, facility_id, region_code, severity,"
         " first_seen, last_seen, summary, evidence, evidence_hash, basis) VALUES"
         " ('CHG-01','d1','d','P3','330201','high','2025-01-01','2025-01-01','s','{}','h','b');");
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    store_close(db);
    return 0;
}

/* The persons scope s sees, as a ';'-joined sorted list. */
static void visible(const char *scope_text, char *out, size_t n)
{
    zj_scope s;
    assert_int_equal(scope_parse(scope_text, &s), 0);
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "SELECT p.person_id FROM persons p WHERE " SCOPE_PERSON_SQL(
                                            "p.person_id") " ORDER BY 1",
                                        -1, &st, NULL),
                     SQLITE_OK);
    scope_bind(st, &s);
    out[0] = 0;
    while (sqlite3_step(st) == SQLITE_ROW)
        snprintf(out + strlen(out), n - strlen(out), "%s;",
                 (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
}

/* Whether the rule allows naming person at facility (the ground truth of the fixture). */
static bool allowed(const char *fac, const char *person)
{
    static const char *pairs[] = {"P1:a", "P2:b", "P3:b", "Q1:c", "P3:d"};
    char key[32];
    snprintf(key, sizeof key, "%s:%s", fac, person);
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
        if (!strcmp(pairs[i], key))
            return true;
    return false;
}

static long inspection_at(const char *fac)
{
    inspect_plan p = {
        .kind = "routine", .facility_id = fac, .start = D("2025-07-01"), .end = D("2025-07-10")};
    long id = 0;
    zj_diag d = {0};
    if (inspect_plan_create(db, &COUNTRY, &p, NULL, "admin", &id, &d))
        fail_msg("inspection: %s", d.message);
    return id;
}

static int raw_exec(const char *sql)
{
    return sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : ZJ_EFORBIDDEN;
}

/* Try one path; returns 0 when the link was stored, else the refusal. Each step of a
 * chained path must succeed or be refused by the rule, never fail otherwise. */
static int try_path(enum path p, const char *fac, const char *person, const char *actor, int serial,
                    long *case_lead)
{
    zj_diag d = {0};
    long id = 0, id2 = 0, lead = 0;
    int rc = 0;
    zj_date day = D("2025-07-01");
    office_complaint c = {.kind = "petition",
                          .channel = "visit",
                          .topic = "sentence_length",
                          .person_id = person,
                          .complainant = "家属",
                          .facility_id = fac,
                          .content = "反映",
                          .received = day};
    char subject[32], sql[640];
    switch (p) {
    case COMPLAINT:
        return office_complaint_add(db, &COUNTRY, &c, actor, &id, &d);
    case COMPLAINT_LEAD:
        if ((rc = office_complaint_add(db, &COUNTRY, &c, actor, &id, &d)) != 0)
            return rc;
        return office_complaint_to_lead(db, &COUNTRY, id, actor, day, &lead, &d);
    case LETTER:
        return office_letter_add(db, &COUNTRY, fac, person, day, "来信", "resident1", &id, &d);
    case LETTER_LEAD:
        if ((rc = office_letter_add(db, &COUNTRY, fac, person, day, "来信", "resident1", &id,
                                    &d)) != 0)
            return rc;
        return office_letter_to_lead(db, &COUNTRY, id, actor, day, &lead, &d);
    case LETTER_COMPLAINT_LEAD:
        if ((rc = office_letter_add(db, &COUNTRY, fac, person, day, "来信", "resident1", &id,
                                    &d)) != 0)
            return rc;
        if ((rc = office_letter_to_complaint(db, &COUNTRY, id, "petition", "change", actor, &id2,
                                             &d)) != 0)
            return rc;
        return office_complaint_to_lead(db, &COUNTRY, id2, actor, day, &lead, &d);
    case TALK:
        return office_talk_add(db, &COUNTRY, fac, person, day, "routine", actor, "谈话", &id, &d);
    case MEETING:
        return office_meeting_add(db, &COUNTRY, fac, person, day, day, actor, "约见", &id, &d);
    case FINDING: {
        inspect_finding f = {
            .summary = "发现", .person_id = person, .family = "custody", .severity = "high"};
        return inspect_finding_add(db, &COUNTRY, inspection_at(fac), &f, actor, day, &lead, &d);
    }
    case P_DUTY_EVENT:
        return duty_event_add(db, &COUNTRY, "escape", fac, day, "脱逃", person, actor, &id, &d);
    case P_DUTY_LEAD: {
        duty_record_spec r = {.item_id = "video",
                              .facility_id = fac,
                              .day = day,
                              .findings = "录像缺失",
                              .make_lead = true,
                              .person_id = person};
        return duty_record_add(db, &COUNTRY, &r, actor, &id, &lead, &d);
    }
    case P_DUTY_EVENT_LEAD: {
        if ((rc = duty_event_add(db, &COUNTRY, "death", fac, day, "死亡", person, actor, &id,
                                 &d)) != 0)
            return rc;
        duty_record_spec r = {.item_id = "death",
                              .facility_id = fac,
                              .day = day,
                              .event_id = id,
                              .findings = "未通知家属",
                              .make_lead = true,
                              .person_id = person,
                              .severity = "high"};
        return duty_record_add(db, &COUNTRY, &r, actor, &id2, &lead, &d);
    }
    case LEAD_CASE: /* the lead here; its case after the savepoint (lead_change's transaction) */
    case MANUAL_LEAD: {
        snprintf(subject, sizeof subject, "M-%d", serial);
        office_lead_spec s = {.model_id = "MANUAL",
                              .subject = subject,
                              .source = "manual",
                              .person_id = person,
                              .facility_id = fac,
                              .summary = "人工"};
        rc = office_lead_add(db, &s, actor, day, &lead, &d);
        if (rc == 0 && case_lead)
            *case_lead = lead;
        return rc;
    }
    case RAW_TALK:
        snprintf(sql, sizeof sql,
                 "INSERT INTO talks(facility_id, person_id, talk_date, procurator,"
                 " content, created_at) VALUES ('%s','%s','2025-07-01','%s','x','x')",
                 fac, person, actor);
        return raw_exec(sql);
    case RAW_LEAD:
        snprintf(sql, sizeof sql,
                 "INSERT INTO leads(model_id, subject, person_id, facility_id,"
                 " region_code, severity, first_seen, last_seen, summary, evidence, evidence_hash,"
                 " basis, source) SELECT 'TALK','R-%d','%s',facility_id,region_code,'low',"
                 "'2025-07-01','2025-07-01','x','{}','h','b','talk' FROM facilities"
                 " WHERE facility_id = '%s'",
                 serial, person, fac);
        return raw_exec(sql);
    case RAW_DUTY_EVENT:
        snprintf(sql, sizeof sql,
                 "INSERT INTO duty_events(item_id, facility_id, event_date,"
                 " description, person_id, reported_by, created_at) VALUES ('self_harm','%s',"
                 "'2025-07-01','x','%s','%s','x')",
                 fac, person, actor);
        return raw_exec(sql);
    case RAW_CASE:
        snprintf(sql, sizeof sql,
                 "INSERT INTO cases(title, person_id, facility_id, region_code,"
                 " opened_at, opened_by) SELECT 'x','%s',facility_id,region_code,'x','%s'"
                 " FROM facilities WHERE facility_id = '%s'",
                 person, actor, fac);
        return raw_exec(sql);
    case RAW_LEAD_REGION: /* a lawful pair, but another province's region code */
        snprintf(sql, sizeof sql,
                 "INSERT INTO leads(model_id, subject, person_id, facility_id,"
                 " region_code, severity, first_seen, last_seen, summary, evidence, evidence_hash,"
                 " basis, source) VALUES ('MANUAL','G-%d','%s','%s','%s','low','2025-07-01',"
                 "'2025-07-01','x','{}','h','b','manual')",
                 serial, person, fac, fac[0] == 'Q' ? "330101" : "320101");
        return raw_exec(sql);
    case NPATH:
        break;
    }
    return ZJ_EINVAL;
}

/* Every stored record naming a person at a facility satisfies the rule. */
static void assert_links_lawful(void)
{
    static const char *tables[] = {"complaints", "talks",       "meetings", "letters",
                                   "leads",      "duty_events", "cases"};
    char sql[640];
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
        bool is_case = !strcmp(tables[i], "cases");
        snprintf(sql, sizeof sql,
                 "SELECT count(*) FROM %s r WHERE r.person_id <> ''"
                 " AND r.facility_id IS NOT NULL %s AND NOT EXISTS (SELECT 1 FROM custody c"
                 " WHERE c.person_id = r.person_id AND c.facility_id = r.facility_id)"
                 " AND NOT EXISTS (SELECT 1 FROM leads m WHERE m.person_id = r.person_id"
                 " AND m.facility_id = r.facility_id %s)",
                 tables[i], !strcmp(tables[i], "leads") ? "AND r.source <> 'model'" : "",
                 is_case ? "" : "AND m.source = 'model'");
        if (query_long(sql) != 0)
            fail_msg("%s holds a link the rule forbids", tables[i]);
    }
    if (query_long(
            "SELECT count(*) FROM leads l LEFT JOIN facilities f ON f.facility_id ="
            " l.facility_id WHERE l.source <> 'model' AND l.region_code IS NOT f.region_code") != 0)
        fail_msg("a lead carries a region that is not its facility's");
}

/* Every person a record in scope names (complaints, resident-office records, leads) is one
 * the scope sees. */
static void assert_named_visible(const char *scope_text)
{
    zj_scope s;
    assert_int_equal(scope_parse(scope_text, &s), 0);
    sqlite3_stmt *st = NULL;
    assert_int_equal(
        sqlite3_prepare_v2(
            db,
            "WITH named(person_id, facility_id) AS ("
            " SELECT person_id, facility_id FROM complaints UNION SELECT person_id, facility_id "
            "FROM talks"
            " UNION SELECT person_id, facility_id FROM meetings UNION SELECT person_id, "
            "facility_id FROM letters"
            " UNION SELECT person_id, facility_id FROM leads UNION SELECT person_id, facility_id "
            "FROM duty_events"
            " UNION SELECT person_id, facility_id FROM cases)"
            " SELECT n.person_id FROM named n JOIN facilities f ON f.facility_id = n.facility_id"
            " WHERE n.person_id <> '' AND " SCOPE_SQL(
                "f.facility_id", "f.region_code") " AND NOT (" SCOPE_PERSON_SQL("n.person_id") ")",
            -1, &st, NULL),
        SQLITE_OK);
    scope_bind(st, &s);
    if (sqlite3_step(st) == SQLITE_ROW)
        fail_msg("scope %s shows person %s it may not see", scope_text,
                 (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
}

static void test_every_path_keeps_every_scope(void **state)
{
    (void)state;
    char before[NSCOPE][256], after[256];
    for (int i = 0; i < NSCOPE; i++)
        visible(scopes[i], before[i], sizeof before[i]);
    /* every (path, facility, person) once per seed, shuffled; the complaint path also with
     * no facility (derived from the person's custody) */
    enum { NTRY = NPATH * (NFAC + 1) * NPER };
    int order[NTRY], stored = 0, serial = 0;
    for (unsigned seed = 1; seed <= 4; seed++) {
        srand(seed);
        for (int i = 0; i < NTRY; i++)
            order[i] = i;
        for (int i = NTRY - 1; i > 0; i--) {
            int j = rand() % (i + 1), t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        for (int k = 0; k < NTRY; k++) {
            int x = order[k];
            enum path p = (enum path)(x % NPATH);
            int fi = x / NPATH % (NFAC + 1), pi = x / NPATH / (NFAC + 1);
            const char *fac = fi < NFAC ? facilities[fi] : NULL, *person = persons[pi];
            if (!fac && p != COMPLAINT && p != COMPLAINT_LEAD)
                continue;
            exec("SAVEPOINT try");
            long case_lead = 0;
            const char *actor = actors[(seed + (unsigned)k) % NACTOR];
            int rc = try_path(p, fac, person, actor, ++serial, p == LEAD_CASE ? &case_lead : NULL);
            exec(rc ? "ROLLBACK TO try; RELEASE try" : "RELEASE try");
            if (rc == 0 && case_lead) {
                zj_scope country;
                long case_id = 0;
                assert_int_equal(scope_parse("country", &country), 0);
                assert_int_equal(
                    lead_change(db, &country, case_lead, actor, "case", NULL, &case_id), 0);
                assert_true(case_id > 0);
            }
            bool ok = p == RAW_LEAD_REGION ? false : fac ? allowed(fac, person) : true;
            if (ok && rc != 0)
                fail_msg("path %d refused lawful %s at %s: %d", p, person, fac ? fac : "-", rc);
            if (!ok && rc != ZJ_EFORBIDDEN)
                fail_msg("path %d linked %s at %s: %d", p, person, fac, rc);
            stored += rc == 0;
        }
        assert_links_lawful();
        for (int i = 0; i < NSCOPE; i++) {
            visible(scopes[i], after, sizeof after);
            if (strcmp(before[i], after))
                fail_msg("scope %s saw %s, now %s", scopes[i], before[i], after);
            assert_named_visible(scopes[i]);
        }
    }
    /* lawful pairs: 5 per facility-path but the wrong region; the two complaint paths with no
     * facility for every person */
    assert_int_equal(stored, 4 * ((NPATH - 1) * 5 + 2 * NPER));
    /* the fixture: a facility sees its own, a region its facilities', the country all */
    visible("P3", after, sizeof after);
    assert_string_equal(after, "b;d;");
    visible("33", after, sizeof after);
    assert_string_equal(after, "a;b;d;");
    visible("country", after, sizeof after);
    assert_string_equal(after, "a;b;c;d;e;");
}

/* Moving a record, a case or a lead to another facility (or a lead to another region) is a
 * link too (UPDATE triggers). */
static void test_moving_a_link(void **state)
{
    (void)state;
    long id = 0;
    zj_diag d = {0};
    assert_int_equal(
        office_talk_add(db, &COUNTRY, "P1", "a", D("2025-07-01"), "routine", "x", "谈话", &id, &d),
        0);
    char sql[160];
    snprintf(sql, sizeof sql, "UPDATE talks SET facility_id = 'P2' WHERE talk_id = %ld", id);
    assert_int_not_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    snprintf(sql, sizeof sql, "UPDATE talks SET person_id = 'c' WHERE talk_id = %ld", id);
    assert_int_not_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    /* an occurrence, a case and a manual lead's region (person-link-2) */
    assert_int_equal(
        duty_event_add(db, &COUNTRY, "escape", "P1", D("2025-07-01"), "脱逃", "a", "x", &id, &d),
        0);
    snprintf(sql, sizeof sql, "UPDATE duty_events SET facility_id = 'P2' WHERE event_id = %ld", id);
    assert_int_not_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    office_lead_spec ls = {.model_id = "MANUAL",
                           .subject = "mv-1",
                           .source = "manual",
                           .person_id = "a",
                           .facility_id = "P1",
                           .summary = "人工"};
    long lead = 0, case_id = 0;
    assert_int_equal(office_lead_add(db, &ls, "x", D("2025-07-01"), &lead, &d), 0);
    snprintf(sql, sizeof sql, "UPDATE leads SET region_code = '320101' WHERE lead_id = %ld", lead);
    assert_int_not_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    zj_scope country;
    assert_int_equal(scope_parse("country", &country), 0);
    assert_int_equal(lead_change(db, &country, lead, "x", "case", NULL, &case_id), 0);
    snprintf(sql, sizeof sql, "UPDATE cases SET facility_id = 'Q1' WHERE case_id = %ld", case_id);
    assert_int_not_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    /* a model's lead may name anyone anywhere; turning it into a manual one may not */
    exec("INSERT INTO leads(model_id, subject, person_id, facility_id, region_code, severity,"
         " first_seen, last_seen, summary, evidence, evidence_hash, basis) VALUES"
         " ('DEL-01','mv','c','P1','330101','low','2025-01-01','2025-01-01','s','{}','h','b')");
    assert_int_not_equal(sqlite3_exec(db, "UPDATE leads SET source = 'manual' WHERE subject = 'mv'",
                                      NULL, NULL, NULL),
                         SQLITE_OK);
    /* the model lead itself makes c linkable at P1 (a lead at F from a model) */
    assert_int_equal(office_person_link_check(db, "P1", "c", &d), 0);
    assert_int_equal(office_person_link_check(db, "P2", "c", &d), ZJ_EFORBIDDEN);
    assert_non_null(strstr(d.message, "never held at facility 'P2'"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_every_path_keeps_every_scope, setup, teardown),
        cmocka_unit_test_setup_teardown(test_moving_a_link, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
