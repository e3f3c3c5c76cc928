/* test_inspect_team.c — cross-inspection team proposal (inspections.h rules T1–T5):
 * one test per rule on a small pool, a case with no valid team (a clear error, never a
 * rule-breaking team), and a property test: 200 inspectors, 50 facilities, a history of
 * past inspections; every proposal for every facility is checked against every rule by
 * independent SQL. Also the starting list and findings recorded as leads. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "cases/inspections.h"
#include "cases_harness.h"
#include "store/store.h"

static const zj_scope COUNTRY = {.kind = SCOPE_COUNTRY};

static int open_db(void **state)
{
    (void)state;
    zj_diag d = {0};
    return store_open(":memory:", 0, &db, &d);
}

static int close_db(void **state)
{
    (void)state;
    store_close(db);
    return 0;
}

static void add(const char *id, const char *home, const char *specs)
{
    zj_diag d = {0};
    if (inspect_inspector_add(db, id, id, home, specs, "test", &d) != 0)
        fail_msg("inspector_add: %s", d.message);
}

/* A past inspection of facility fac from start to end with the given members. */
static void past(long id, const char *fac, const char *start, const char *end, const char *m1,
                 const char *m2)
{
    char sql[512];
    snprintf(sql, sizeof sql,
             "INSERT INTO inspections(inspection_id, kind, facility_id, region_code, start_date,"
             " end_date, created_at, created_by) VALUES (%ld, 'routine', '%s', '320102', '%s',"
             " '%s', 'n', 't'); INSERT INTO inspection_members VALUES (%ld, '%s', 'leader');",
             id, fac, start, end, id, m1);
    exec(sql);
    if (m2) {
        snprintf(sql, sizeof sql, "INSERT INTO inspection_members VALUES (%ld, '%s', 'member');",
                 id, m2);
        exec(sql);
    }
}

static bool in_team(const inspect_team *t, const char *id)
{
    for (int i = 0; i < t->n; i++)
        if (!strcmp(t->m[i].inspector_id, id))
            return true;
    return false;
}

static void small_fixture(void)
{
    exec("INSERT INTO facilities VALUES ('P1','第一监狱','prison','320102',NULL,NULL,NULL),"
         " ('P2','第二监狱','prison','320205',NULL,NULL,NULL);");
}

static int setup_small(void **state)
{
    if (open_db(state))
        return -1;
    small_fixture();
    return 0;
}

static inspect_rules size(int n)
{
    inspect_rules r;
    inspect_rules_default(&r);
    r.team_size = n;
    return r;
}

/* T1: nobody from the facility's province on a cross inspection (the same inspector is
 * fine for a routine one). */
static void test_rule_province(void **state)
{
    (void)state;
    add("A", "320100", "changes");
    add("B", "110100", "changes");
    inspect_rules r = size(1);
    inspect_plan p = {"cross", "P1", D("2026-03-01"), D("2026-03-15"), "changes"};
    inspect_team t;
    zj_diag d = {0};
    assert_int_equal(inspect_propose_team(db, &COUNTRY, &p, 0, &r, &t, &d), 0);
    assert_int_equal(t.n, 1);
    assert_string_equal(t.m[0].inspector_id, "B");
    assert_int_equal(t.excluded_province, 1);
    p.kind = "routine";
    assert_int_equal(inspect_propose_team(db, &COUNTRY, &p, 0, &r, &t, &d), 0);
    assert_string_equal(t.m[0].inspector_id, "A"); /* tie on workload: smaller id */
}

/* T2: nobody who inspected the facility in the 24 months before the start; 25 months ago
 * is allowed; another facility does not count. */
static void test_rule_recent(void **state)
{
    (void)state;
    add("C", "110100", "custody");
    add("D", "110100", "custody");
    add("E", "110100", "custody");
    past(1, "P1", "2024-03-02", "2024-03-10", "C", NULL); /* ends within 24 months of 2026-03-01 */
    past(2, "P1", "2023-01-01", "2024-01-10", "D", NULL); /* ended 25+ months before */
    past(3, "P2", "2025-06-01", "2025-06-10", "E", NULL); /* another facility */
    inspect_rules r = size(2);
    inspect_plan p = {"cross", "P1", D("2026-03-01"), D("2026-03-15"), "custody"};
    inspect_team t;
    zj_diag d = {0};
    assert_int_equal(inspect_propose_team(db, &COUNTRY, &p, 0, &r, &t, &d), 0);
    assert_false(in_team(&t, "C"));
    assert_true(in_team(&t, "D"));
    assert_true(in_team(&t, "E"));
    assert_int_equal(t.excluded_recent, 1);
    /* one day later C's inspection (ended 2024-03-10) is still within 24 months; move the
     * plan to 2026-03-11: now it is not */
    p.start = D("2026-03-11");
    p.end = D("2026-03-20");
    r = size(3);
    assert_int_equal(inspect_propose_team(db, &COUNTRY, &p, 0, &r, &t, &d), 0);
    assert_true(in_team(&t, "C"));
}

/* T3: nobody already on an inspection overlapping the period. */
static void test_rule_busy(void **state)
{
    (void)state;
    add("F", "110100", "property");
    add("G", "110100", "property");
    past(1, "P2", "2026-03-10", "2026-03-20", "F", NULL);
    inspect_rules r = size(1);
    inspect_plan p = {"cross", "P1", D("2026-03-01"), D("2026-03-10"), "property"};
    inspect_team t;
    zj_diag d = {0};
    assert_int_equal(inspect_propose_team(db, &COUNTRY, &p, 0, &r, &t, &d), 0);
    assert_string_equal(t.m[0].inspector_id, "G");
    assert_int_equal(t.excluded_busy, 1);
    p.end = D("2026-03-09"); /* the day before F's inspection: F is free (its coming
                                inspection still counts as workload) */
    r = size(2);
    assert_int_equal(inspect_propose_team(db, &COUNTRY, &p, 0, &r, &t, &d), 0);
    assert_int_equal(t.excluded_busy, 0);
    assert_true(in_team(&t, "F"));
    assert_string_equal(t.m[0].inspector_id, "G");
    assert_int_equal(t.m[1].workload, 1);
}

/* T4: the specialities of the focus are covered, even by a more loaded inspector. */
static void test_rule_specialities(void **state)
{
    (void)state;
    add("H", "110100", "custody");
    add("I", "110100", "custody");
    add("J", "110100", "medical;changes");
    add("K", "110100", "changes");
    past(1, "P2", "2025-09-01", "2025-09-10", "J", "K"); /* J and K have workload 1 */
    inspect_rules r = size(2);
    inspect_plan p = {"cross", "P1", D("2026-03-01"), D("2026-03-15"), "medical, changes"};
    inspect_team t;
    zj_diag d = {0};
    assert_int_equal(inspect_propose_team(db, &COUNTRY, &p, 0, &r, &t, &d), 0);
    assert_true(in_team(&t, "J")); /* the only medical one, also covers changes */
    assert_true(in_team(&t, "H")); /* the second place goes to the least loaded */
    assert_true(strstr(t.m[0].reason, "speciality:") != NULL);
}

/* T5: the least loaded are chosen; workload counts the last 12 months. */
static void test_rule_workload(void **state)
{
    (void)state;
    add("L", "110100", "custody");
    add("M", "110100", "custody");
    add("N", "110100", "custody");
    past(1, "P2", "2025-05-01", "2025-05-10", "L", "M");
    past(2, "P2", "2025-07-01", "2025-07-10", "L", NULL);
    past(3, "P2", "2024-05-01", "2024-05-10", "N", NULL); /* older than 12 months */
    inspect_rules r = size(2);
    inspect_plan p = {"routine", "P1", D("2026-03-01"), D("2026-03-15"), NULL};
    inspect_team t;
    zj_diag d = {0};
    assert_int_equal(inspect_propose_team(db, &COUNTRY, &p, 0, &r, &t, &d), 0);
    assert_true(in_team(&t, "N") && in_team(&t, "M"));
    assert_false(in_team(&t, "L"));
    for (int i = 0; i < t.n; i++)
        if (!strcmp(t.m[i].inspector_id, "M"))
            assert_int_equal(t.m[i].workload, 1);
}

/* No valid team: the only duty specialist is from the facility's province. */
static void test_no_valid_team(void **state)
{
    (void)state;
    add("O", "320500", "duty");
    add("Q", "110100", "custody");
    add("R", "110100", "custody");
    inspect_rules r = size(2);
    inspect_plan p = {"cross", "P1", D("2026-03-01"), D("2026-03-15"), "custody;duty"};
    inspect_team t;
    zj_diag d = {0};
    assert_int_equal(inspect_propose_team(db, &COUNTRY, &p, 0, &r, &t, &d), ZJ_ECONFLICT);
    assert_int_equal(t.n, 0);
    assert_non_null(strstr(d.message, "'duty'"));
    assert_non_null(strstr(d.message, "1 same province"));
    /* too few eligible inspectors for the team size */
    r = size(4);
    p.focus = "custody";
    memset(&d, 0, sizeof d);
    assert_int_equal(inspect_propose_team(db, &COUNTRY, &p, 0, &r, &t, &d), ZJ_ECONFLICT);
    assert_int_equal(t.n, 0);
    assert_non_null(strstr(d.message, "only 2 eligible"));
    /* unknown facility (outside every scope), bad kind */
    p.facility_id = "NOPE";
    assert_int_equal(inspect_propose_team(db, &COUNTRY, &p, 0, &r, &t, &d), ZJ_EFORBIDDEN);
    p.facility_id = "P1";
    p.kind = "surprise";
    assert_int_equal(inspect_propose_team(db, &COUNTRY, &p, 0, &r, &t, &d), ZJ_EINVAL);
}

/* ------------------------------------------------------------------ property test */

static uint64_t seed = 12345;
static int rnd(int n)
{
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    return (int)((seed >> 33) % (uint64_t)n);
}

static const char *const SPECS[] = {"delivery", "changes",   "community", "property",
                                    "custody",  "political", "medical",   "duty"};
static const char *const PROVS[] = {"11", "12", "13", "14", "15", "21",
                                    "22", "23", "31", "32", "33", "34"};

static int setup_large(void **state)
{
    if (open_db(state))
        return -1;
    char sql[512];
    exec("BEGIN");
    for (int f = 0; f < 50; f++) {
        snprintf(sql, sizeof sql,
                 "INSERT INTO facilities VALUES ('F%02d','监狱%d','prison',"
                 "'%s%04d',NULL,NULL,NULL)",
                 f, f, PROVS[f % 10], 100 + f);
        exec(sql);
    }
    for (int i = 0; i < 200; i++) {
        char id[16], home[8], sp[128] = "";
        snprintf(id, sizeof id, "I%03d", i);
        snprintf(home, sizeof home, "%s0100", PROVS[rnd(12)]);
        int k = 1 + rnd(3), first = rnd(8);
        for (int j = 0; j < k; j++) {
            size_t len = strlen(sp);
            snprintf(sp + len, sizeof sp - len, "%s%s", j ? ";" : "", SPECS[(first + j * 3) % 8]);
        }
        add(id, home, sp);
    }
    /* 300 past inspections in 2023–2026 with 2–5 members each */
    for (int x = 1; x <= 300; x++) {
        int y = 2023 + rnd(3), m = 1 + rnd(12);
        snprintf(sql, sizeof sql,
                 "INSERT INTO inspections(inspection_id, kind, facility_id, region_code,"
                 " start_date, end_date, created_at, created_by) SELECT %d, 'routine',"
                 " facility_id, region_code, '%04d-%02d-01', '%04d-%02d-20', 'n', 't'"
                 " FROM facilities WHERE facility_id = 'F%02d'",
                 x, y, m, y, m, rnd(50));
        exec(sql);
        int k = 2 + rnd(4);
        for (int j = 0; j < k; j++) {
            snprintf(sql, sizeof sql,
                     "INSERT OR IGNORE INTO inspection_members VALUES (%d, 'I%03d', 'member')", x,
                     rnd(200));
            exec(sql);
        }
    }
    exec("COMMIT");
    return 0;
}

/* Check every rule for the stored plan `id` by SQL written independently of the
 * proposal code. */
static void check_rules(long id, const inspect_plan *p, const inspect_team *t, int team_size)
{
    char sql[2048];
    /* size, distinct members, exactly one leader */
    assert_int_equal(t->n, team_size);
    snprintf(
        sql, sizeof sql,
        "SELECT count(DISTINCT inspector_id) FROM inspection_members WHERE inspection_id = %ld",
        id);
    assert_int_equal(query_long(sql), team_size);
    snprintf(
        sql, sizeof sql,
        "SELECT count(*) FROM inspection_members WHERE inspection_id = %ld AND role = 'leader'",
        id);
    assert_int_equal(query_long(sql), 1);
    /* T1 */
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM inspection_members m JOIN inspectors i USING (inspector_id),"
             " facilities f WHERE m.inspection_id = %ld AND f.facility_id = '%s'"
             " AND substr(i.home_region, 1, 2) = substr(f.region_code, 1, 2)",
             id, p->facility_id);
    if (query_long(sql) != 0)
        fail_msg("plan %ld for %s: a member from the facility's province", id, p->facility_id);
    /* T2: nobody inspected the facility in the 2 years before the start */
    snprintf(
        sql, sizeof sql,
        "SELECT count(*) FROM inspection_members m JOIN inspection_members o"
        " ON o.inspector_id = m.inspector_id JOIN inspections x ON x.inspection_id = "
        "o.inspection_id"
        " JOIN inspections me ON me.inspection_id = m.inspection_id"
        " WHERE m.inspection_id = %ld AND x.inspection_id <> %ld AND x.facility_id = me.facility_id"
        " AND x.end_date >= date(me.start_date, '-2 years') AND x.start_date <= me.end_date",
        id, id);
    if (query_long(sql) != 0)
        fail_msg("plan %ld for %s: a member inspected it within 2 years", id, p->facility_id);
    /* T3: nobody on an overlapping inspection */
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM inspection_members m JOIN inspection_members o"
             " ON o.inspector_id = m.inspector_id JOIN inspections x ON x.inspection_id = "
             "o.inspection_id"
             " JOIN inspections me ON me.inspection_id = m.inspection_id"
             " WHERE m.inspection_id = %ld AND x.inspection_id <> %ld"
             " AND x.start_date <= me.end_date AND x.end_date >= me.start_date",
             id, id);
    if (query_long(sql) != 0)
        fail_msg("plan %ld: a member is on an overlapping inspection", id);
    /* T4: each speciality of the focus is held by a member */
    char focus[128];
    snprintf(focus, sizeof focus, "%s", p->focus);
    for (char *tok = strtok(focus, ";"); tok; tok = strtok(NULL, ";")) {
        snprintf(sql, sizeof sql,
                 "SELECT count(*) FROM inspection_members m JOIN inspector_specialities s"
                 " USING (inspector_id) WHERE m.inspection_id = %ld AND s.speciality = '%s'",
                 id, tok);
        if (query_long(sql) == 0)
            fail_msg("plan %ld: speciality '%s' not covered", id, tok);
    }
    /* T5: no eligible non-member is less loaded than a member chosen for workload */
    for (int i = 0; i < t->n; i++) {
        if (strcmp(t->m[i].reason, "workload") != 0)
            continue;
        snprintf(
            sql, sizeof sql,
            "WITH me AS (SELECT * FROM inspections WHERE inspection_id = %ld),"
            " load AS (SELECT i.inspector_id, i.home_region, (SELECT count(*) FROM"
            "  inspection_members o JOIN inspections x ON x.inspection_id = o.inspection_id"
            "  WHERE o.inspector_id = i.inspector_id AND x.inspection_id <> %ld"
            "  AND x.end_date >= date((SELECT start_date FROM me), '-12 months')) AS w"
            "  FROM inspectors i)"
            " SELECT count(*) FROM load, me, facilities f WHERE f.facility_id = me.facility_id"
            " AND load.inspector_id NOT IN (SELECT inspector_id FROM inspection_members"
            "  WHERE inspection_id = %ld)"
            " AND substr(load.home_region, 1, 2) <> substr(f.region_code, 1, 2)"
            " AND NOT EXISTS (SELECT 1 FROM inspection_members o JOIN inspections x"
            "  ON x.inspection_id = o.inspection_id WHERE o.inspector_id = load.inspector_id"
            "  AND x.inspection_id <> me.inspection_id AND ((x.facility_id = me.facility_id"
            "  AND x.end_date >= date(me.start_date, '-2 years') AND x.start_date <= me.end_date)"
            "  OR (x.start_date <= me.end_date AND x.end_date >= me.start_date)))"
            " AND load.w < %d",
            id, id, id, t->m[i].workload);
        if (query_long(sql) != 0)
            fail_msg("plan %ld: %s (workload %d) chosen over a less loaded eligible inspector", id,
                     t->m[i].inspector_id, t->m[i].workload);
    }
}

static void test_property_all_proposals_respect_rules(void **state)
{
    (void)state;
    int ok = 0, refused = 0;
    for (int f = 0; f < 50; f++) {
        char fac[16], focus[64] = "";
        snprintf(fac, sizeof fac, "F%02d", f);
        int k = 1 + rnd(3);
        for (int j = 0; j < k; j++) {
            size_t len = strlen(focus);
            const char *s = SPECS[rnd(8)];
            if (!strstr(focus, s))
                snprintf(focus + len, sizeof focus - len, "%s%s", len ? ";" : "", s);
        }
        /* staggered periods so the plans compete for inspectors with their neighbours */
        zj_date start = D("2026-01-05") + f * 7;
        inspect_plan p = {"cross", fac, start, start + 13, focus};
        inspect_rules r = size(5);
        inspect_team t;
        zj_diag d = {0};
        int rc = inspect_propose_team(db, &COUNTRY, &p, 0, &r, &t, &d);
        if (rc != 0) {
            assert_int_equal(rc, ZJ_ECONFLICT); /* a clear refusal, never a bad team */
            assert_int_equal(t.n, 0);
            assert_true(d.message[0] != 0);
            refused++;
            continue;
        }
        long id;
        assert_int_equal(inspect_plan_create(db, &COUNTRY, &p, &t, "test", &id, &d), 0);
        check_rules(id, &p, &t, 5);
        /* deterministic: proposing again (ignoring the stored plan) gives the same team */
        inspect_team again;
        assert_int_equal(inspect_propose_team(db, &COUNTRY, &p, id, &r, &again, &d), 0);
        for (int i = 0; i < t.n; i++)
            assert_string_equal(t.m[i].inspector_id, again.m[i].inspector_id);
        ok++;
    }
    assert_int_equal(ok + refused, 50);
    assert_true(ok >= 45); /* the pool is large enough for nearly every facility */
}

/* ------------------------------------------------------------------ starting list, findings */

static void test_starting_list_and_findings(void **state)
{
    (void)state;
    exec("INSERT INTO leads(model_id, subject, person_id, facility_id, region_code, family,"
         " severity, status, first_seen, last_seen, summary, evidence, evidence_hash, basis) VALUES"
         " ('CUS-03','r1','p1','P1','320102','custody','high','open','2026-01-01','2026-01-01','"
         "禁闭超期','{}','h','H-02'),"
         " ('CHG-01','c1','p2','P1','320102','changes','medium','verifying','2026-01-01','2026-01-"
         "01','减刑起始时间不足','{}','h','C-01'),"
         " ('CHG-02','c2','p3','P1','320102','changes','low','dismissed','2026-01-01','2026-01-01',"
         "'x','{}','h','C-03'),"
         " ('CHG-02','c3','p4','P2','320205','changes','low','open','2026-01-01','2026-01-01','x','"
         "{}','h','C-03');");
    exec("INSERT INTO persons(person_id, name, birth_date) VALUES ('p1','甲','1980-01-01'),"
         " ('p2','乙','1980-01-01');"
         "INSERT INTO custody(event_id, person_id, facility_id, event_type, event_date) VALUES"
         " ('e1','p1','P1','admit','2025-01-01'), ('e2','p2','P1','admit','2025-02-01');");
    add("S", "110100", "custody");
    inspect_plan p = {"routine", "P1", D("2026-03-01"), D("2026-03-15"), "custody"};
    inspect_rules r = size(1);
    inspect_team t;
    zj_diag d = {0};
    long id, lead;
    assert_int_equal(inspect_propose_team(db, &COUNTRY, &p, 0, &r, &t, &d), 0);
    assert_int_equal(inspect_plan_create(db, &COUNTRY, &p, &t, "test", &id, &d), 0);
    strbuf sb = STRBUF_INIT;
    assert_int_equal(inspect_starting_list_json(db, &COUNTRY, id, &sb, &d), 0);
    json_t *j = json_loads(sb.buf, 0, NULL);
    assert_non_null(j);
    assert_int_equal(json_integer_value(json_object_get(j, "open_leads")), 2);
    json_t *leads = json_object_get(j, "leads");
    assert_int_equal(json_array_size(leads), 2);
    assert_string_equal(json_string_value(json_object_get(json_array_get(leads, 0), "model_id")),
                        "CUS-03");
    assert_int_equal(json_integer_value(json_object_get(j, "held")), 2);
    /* the facility's row of the FAC-01 ranking at the inspection's start */
    json_t *fac01 = json_object_get(j, "fac01");
    assert_true(json_is_object(fac01));
    assert_string_equal(json_string_value(json_object_get(fac01, "facility_id")), "P1");
    assert_int_equal(json_integer_value(json_object_get(fac01, "open_leads")), 2);
    assert_int_equal(json_integer_value(json_object_get(fac01, "rank")), 1);
    json_decref(j);
    strbuf_reset(&sb);

    inspect_finding fd = {.summary = "禁闭审批手续不全", .family = "custody", .severity = "high"};
    assert_int_equal(
        inspect_finding_add(db, &COUNTRY, id, &fd, "tester", D("2026-03-10"), &lead, &d), 0);
    assert_int_equal(
        inspect_finding_add(db, &COUNTRY, id, &fd, "tester", D("2026-03-11"), &lead, &d), 0);
    char sql[256];
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM leads WHERE source = 'inspection' AND facility_id = 'P1'"
             " AND region_code = '320102' AND subject = 'INS-%ld-2'",
             id);
    assert_int_equal(query_long(sql), 1);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM inspection_findings WHERE inspection_id = %ld",
             id);
    assert_int_equal(query_long(sql), 2);
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM lead_history WHERE lead_id = %ld AND actor = 'tester'", lead);
    assert_int_equal(query_long(sql), 1);
    fd.summary = "";
    assert_int_equal(
        inspect_finding_add(db, &COUNTRY, id, &fd, "tester", D("2026-03-11"), &lead, &d),
        ZJ_EINVAL);
    assert_int_equal(inspect_starting_list_json(db, &COUNTRY, 999, &sb, &d), ZJ_ENOTFOUND);
    assert_int_equal(inspect_list_json(db, &COUNTRY, "32", NULL, &sb, &d), 0);
    j = json_loads(sb.buf, 0, NULL);
    assert_int_equal(json_array_size(j), 1);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(j, 0), "findings")), 2);
    json_decref(j);
    strbuf_release(&sb);
}

/* Scope and audit are src/cases': an account of P2 can neither plan at P1 nor read or add to
 * P1's inspection, which it does not even see; each write is audited, a refused one not. */
static void test_scope_and_audit(void **state)
{
    (void)state;
    exec("INSERT INTO persons(person_id, name, birth_date) VALUES ('p1','甲','1980-01-01'),"
         " ('p2','乙','1980-01-01');"
         "INSERT INTO custody(event_id, person_id, facility_id, event_type, event_date) VALUES"
         " ('e1','p1','P1','admit','2025-01-01'), ('e2','p2','P2','admit','2025-01-01');");
    add("S", "110100", "custody");
    assert_int_equal(audited("test", "inspector:S"), 1);
    const zj_scope p2 = {.kind = SCOPE_FACILITY, .value = "P2"};
    inspect_plan p = {"routine", "P1", D("2026-03-01"), D("2026-03-15"), "custody"};
    inspect_rules r = size(1);
    inspect_team t;
    zj_diag d = {0};
    long id = 0, lead = 0, other = 0;
    assert_int_equal(inspect_propose_team(db, &p2, &p, 0, &r, &t, &d), ZJ_EFORBIDDEN);
    assert_string_equal(d.message, "facility 'P1' is outside your scope");
    assert_int_equal(inspect_plan_create(db, &p2, &p, NULL, "res2", &other, &d), ZJ_EFORBIDDEN);
    assert_int_equal(other, 0);
    assert_int_equal(query_long("SELECT count(*) FROM inspections"), 0);
    assert_int_equal(inspect_propose_team(db, &COUNTRY, &p, 0, &r, &t, &d), 0);
    assert_int_equal(inspect_plan_create(db, &COUNTRY, &p, &t, "lead1", &id, &d), 0);
    char obj[48];
    snprintf(obj, sizeof obj, "inspection:%ld", id);
    assert_int_equal(audited("lead1", obj), 1);

    strbuf sb = STRBUF_INIT;
    memset(&d, 0, sizeof d);
    assert_int_equal(inspect_starting_list_json(db, &p2, id, &sb, &d), ZJ_ENOTFOUND);
    snprintf(obj, sizeof obj, "no inspection '%ld'", id);
    assert_string_equal(d.message, obj);
    inspect_finding fd = {.summary = "禁闭审批手续不全", .family = "custody"};
    assert_int_equal(inspect_finding_add(db, &p2, id, &fd, "res2", D("2026-03-10"), &lead, &d),
                     ZJ_ENOTFOUND);
    assert_int_equal(lead, 0);
    assert_int_equal(inspect_list_json(db, &p2, NULL, "P1", &sb, &d), ZJ_EFORBIDDEN);
    assert_int_equal(sb.len, 0);
    assert_int_equal(inspect_list_json(db, &p2, NULL, NULL, &sb, &d), 0);
    assert_string_equal(sb.buf, "[]");
    strbuf_reset(&sb);
    assert_int_equal(query_long("SELECT count(*) FROM leads"), 0);
    assert_int_equal(query_long("SELECT count(*) FROM audit_log WHERE actor = 'res2'"), 0);

    /* P1's own account: its inspection, a finding naming a person held there, audited */
    const zj_scope p1 = {.kind = SCOPE_FACILITY, .value = "P1"};
    fd.person_id = "p2"; /* held at P2 */
    assert_int_equal(inspect_finding_add(db, &p1, id, &fd, "res1", D("2026-03-10"), &lead, &d),
                     ZJ_EFORBIDDEN);
    assert_string_equal(d.message, "person 'p2' is outside your scope");
    fd.person_id = "p1";
    assert_int_equal(inspect_finding_add(db, &p1, id, &fd, "res1", D("2026-03-10"), &lead, &d), 0);
    snprintf(obj, sizeof obj, "lead:%ld", lead);
    assert_int_equal(audited("res1", obj), 1);
    assert_int_equal(inspect_list_json(db, &p1, NULL, NULL, &sb, &d), 0);
    json_t *j = json_loads(sb.buf, 0, NULL);
    assert_int_equal(json_array_size(j), 1);
    json_decref(j);
    strbuf_release(&sb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_rule_province, setup_small, close_db),
        cmocka_unit_test_setup_teardown(test_rule_recent, setup_small, close_db),
        cmocka_unit_test_setup_teardown(test_rule_busy, setup_small, close_db),
        cmocka_unit_test_setup_teardown(test_rule_specialities, setup_small, close_db),
        cmocka_unit_test_setup_teardown(test_rule_workload, setup_small, close_db),
        cmocka_unit_test_setup_teardown(test_no_valid_team, setup_small, close_db),
        cmocka_unit_test_setup_teardown(test_property_all_proposals_respect_rules, setup_large,
                                        close_db),
        cmocka_unit_test_setup_teardown(test_starting_list_and_findings, setup_small, close_db),
        cmocka_unit_test_setup_teardown(test_scope_and_audit, setup_small, close_db),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
