/*
 * simulate.c — a year of casework on a screened database (see simulate.h). Leads are
 * taken up through the states of workflow.md (open → assigned → verifying → case, or
 * dismissed) with their history rows written directly, so the dates fall inside the
 * simulated year (the workflow functions stamp the wall clock). Random choices come from
 * one splitmix64 stream seeded by `seed`; rows are visited in key order, so the result is
 * deterministic.
 */
#include "cases/simulate.h"
#include "cases/inspections.h"
#include "cases/office.h"
#include "store/store.h"
#include "util/office_enums.h"
#include "util/text.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct rng {
    uint64_t s;
} rng;

static uint64_t rng_next(rng *r)
{
    uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* Uniform in [0, n). */
static int rng_int(rng *r, int n)
{
    return n > 0 ? (int)(rng_next(r) % (uint64_t)n) : 0;
}

static bool rng_pct(rng *r, int pct)
{
    return rng_int(r, 100) < pct;
}

static zj_date clamp(zj_date d, zj_date lo, zj_date hi)
{
    return d < lo ? lo : d > hi ? hi : d;
}

/* The simulation acts for the country; each record is audited, actor 'simulation'. */
static const zj_scope COUNTRY = {.kind = SCOPE_COUNTRY};

static const char *const surnames[] = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴",
                                       "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗"};
static const char *const given[] = {"伟", "芳", "娜", "敏", "静", "丽", "强",   "磊", "军", "洋",
                                    "勇", "艳", "杰", "涛", "明", "超", "秀英", "华", "平", "刚"};
#define SPEC_ID(id, label) id,
static const char *const specs[] = {INSPECTION_SPECIALITY_NAMES(SPEC_ID)};
#define N_SPECS ((int)(sizeof specs / sizeof specs[0]))

/* Create 60 inspectors from the facilities' provinces and a few others, unless a pool
 * exists. Returns records created or <0. */
static int make_pool(sqlite3 *db, rng *r)
{
    sqlite3_int64 have;
    if (store_query_int64(db, "SELECT count(*) FROM inspectors", &have) != SQLITE_OK)
        return ZJ_EDB;
    if (have > 0)
        return 0;
    char provs[40][3];
    int np = 0;
    sqlite3_stmt *st = store_prepare(db, "SELECT DISTINCT substr(region_code, 1, 2) FROM facilities"
                                         " WHERE length(region_code) >= 2 ORDER BY 1 LIMIT 20");
    if (!st)
        return ZJ_EDB;
    while (sqlite3_step(st) == SQLITE_ROW && np < 20)
        snprintf(provs[np++], 3, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    static const char *const others[] = {"11", "31", "32", "33", "37",
                                         "42", "44", "51", "61", "65"};
    for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
        bool dup = false;
        for (int k = 0; k < np; k++)
            dup = dup || !strcmp(provs[k], others[i]);
        if (!dup)
            snprintf(provs[np++], 3, "%s", others[i]);
    }
    int made = 0;
    for (int i = 0; i < 60; i++) {
        char id[16], name[32], home[8], sp[96] = "";
        snprintf(id, sizeof id, "INS%03d", i + 1);
        snprintf(name, sizeof name, "%s%s", surnames[rng_int(r, 20)], given[rng_int(r, 20)]);
        snprintf(home, sizeof home, "%s0100", provs[i % np]);
        int k = 1 + rng_int(r, 3);
        int first = rng_int(r, N_SPECS);
        for (int j = 0; j < k; j++) {
            size_t len = strlen(sp);
            snprintf(sp + len, sizeof sp - len, "%s%s", j ? ";" : "",
                     specs[(first + j * 3) % N_SPECS]);
        }
        if (inspect_inspector_add(db, id, name, home, sp, "simulation", NULL) != 0)
            return ZJ_EDB;
        made++;
    }
    return made;
}

static int step_done(sqlite3 *db, sqlite3_stmt *st)
{
    int s = sqlite3_step(st);
    sqlite3_reset(st);
    if (s != SQLITE_DONE && s != SQLITE_ROW) {
        fprintf(stderr, "zhijian: simulation: %s\n", sqlite3_errmsg(db));
        return ZJ_EDB;
    }
    return 0;
}

struct lead_row {
    long id;
    char model[16], person[64], facility[64], region[16], family[24], summary[256];
    zj_date first_seen;
};

static const char *measure_kind_for(rng *r, const char *model)
{
    if (!strncmp(model, "DUTY-", 5))
        return "transfer";
    if (!strncmp(model, "CHG-", 4) && rng_pct(r, 10))
        return "objection";
    if (rng_pct(r, 6))
        return "hearing";
    return rng_pct(r, 78) ? "correction_notice" : "suggestion";
}

/* Leads → cases, measures and replies. */
static int simulate_cases(sqlite3 *db, rng *r, zj_date ys, zj_date as_of)
{
    int made = 0, rc = ZJ_EDB;
    size_t n = 0, cap = 0;
    struct lead_row *L = NULL;
    char b1[11], b2[11], b3[11], ts[32];
    sqlite3_stmt *sel = store_prepare(
        db, "SELECT lead_id, model_id, coalesce(person_id,''), coalesce(facility_id,''),"
            " coalesce(region_code,''), coalesce(family,''), summary, first_seen FROM leads"
            " WHERE status = 'open' AND source = 'model' AND first_seen <= ? ORDER BY lead_id");
    sqlite3_stmt *hist = store_prepare(
        db, "INSERT INTO lead_history(lead_id, at, actor, from_status, to_status, note)"
            " VALUES (?, ?, 'simulation', ?, ?, ?)");
    sqlite3_stmt *upd = store_prepare(
        db, "UPDATE leads SET status = ?, assignee = 'simulation', dismiss_reason = ?,"
            " first_seen = min(first_seen, ?) WHERE lead_id = ?");
    sqlite3_stmt *cas = store_prepare(
        db, "INSERT INTO cases(lead_id, title, person_id, facility_id, region_code, family, status,"
            " opened_at, opened_by, closed_at, note) VALUES (?, ?, nullif(?, ''), nullif(?, ''),"
            " nullif(?, ''), nullif(?, ''), ?, ?, 'simulation', ?, NULL)");
    sqlite3_stmt *chist = store_prepare(db, "INSERT INTO case_history(case_id, at, actor, action, "
                                            "note) VALUES (?, ?, 'simulation', ?, ?)");
    sqlite3_stmt *mea = store_prepare(
        db, "INSERT INTO measures(case_id, kind, recipient_id, received_date, due_date, sent_date,"
            " reply_deadline, reply_date, reply, corrected, created_at, created_by)"
            " VALUES (?, ?, nullif(?, ''), ?, ?, ?, ?, ?, ?, ?, ?, 'simulation')");
    if (!sel || !hist || !upd || !cas || !chist || !mea)
        goto cleanup;
    sqlite3_bind_text(sel, 1, date_format(as_of, b1), -1, SQLITE_TRANSIENT);
    while (sqlite3_step(sel) == SQLITE_ROW) {
        if (n == cap) {
            cap = cap ? cap * 2 : 256;
            L = xrealloc(L, cap * sizeof *L);
        }
        struct lead_row *x = &L[n++];
        x->id = (long)sqlite3_column_int64(sel, 0);
        snprintf(x->model, sizeof x->model, "%s", (const char *)sqlite3_column_text(sel, 1));
        snprintf(x->person, sizeof x->person, "%s", (const char *)sqlite3_column_text(sel, 2));
        snprintf(x->facility, sizeof x->facility, "%s", (const char *)sqlite3_column_text(sel, 3));
        snprintf(x->region, sizeof x->region, "%s", (const char *)sqlite3_column_text(sel, 4));
        snprintf(x->family, sizeof x->family, "%s", (const char *)sqlite3_column_text(sel, 5));
        /* the case title: the summary, cut on a character boundary when it is too long */
        snprintf(x->summary, sizeof x->summary, "%s", (const char *)sqlite3_column_text(sel, 6));
        x->summary[utf8_valid_prefix((const unsigned char *)x->summary, strlen(x->summary))] = 0;
        const char *fs = (const char *)sqlite3_column_text(sel, 7);
        if (date_parse(fs, (unsigned)strlen(fs), &x->first_seen) != 0)
            x->first_seen = ys;
    }
    for (size_t i = 0; i < n; i++) {
        struct lead_row *x = &L[i];
        int roll = rng_int(r, 100);
        if (roll >= 55)
            continue; /* still open */
        /* a lead found by the backlog screening at as_of is taken as found during the
         * year (as a daily screening would have): its first_seen moves back to d0 */
        zj_date d0 = x->first_seen >= ys && x->first_seen <= as_of - 60 ? x->first_seen
                                                                        : ys + rng_int(r, 300);
        zj_date d_assign = clamp(d0 + rng_int(r, 5), ys, as_of);
        zj_date d_verify = clamp(d_assign + 1 + rng_int(r, 10), ys, as_of);
        static const char *const steps[][2] = {{"open", "assigned"}, {"assigned", "verifying"}};
        zj_date sd[2] = {d_assign, d_verify};
        for (int s = 0; s < 2; s++) {
            snprintf(ts, sizeof ts, "%sT09:00:00Z", date_format(sd[s], b1));
            sqlite3_bind_int64(hist, 1, x->id);
            sqlite3_bind_text(hist, 2, ts, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(hist, 3, steps[s][0], -1, SQLITE_STATIC);
            sqlite3_bind_text(hist, 4, steps[s][1], -1, SQLITE_STATIC);
            sqlite3_bind_text(hist, 5, s ? "调取相关材料核实" : "分派承办检察官", -1,
                              SQLITE_STATIC);
            if (step_done(db, hist))
                goto cleanup;
        }
        zj_date d_case = clamp(d_verify + 3 + rng_int(r, 20), ys, as_of);
        snprintf(ts, sizeof ts, "%sT10:00:00Z", date_format(d_case, b1));
        bool dismiss = roll >= 45;
        sqlite3_bind_int64(hist, 1, x->id);
        sqlite3_bind_text(hist, 2, ts, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(hist, 3, "verifying", -1, SQLITE_STATIC);
        sqlite3_bind_text(hist, 4, dismiss ? "dismissed" : "case", -1, SQLITE_STATIC);
        sqlite3_bind_text(hist, 5,
                          dismiss ? "经核实，系数据录入错误，不构成违法" : "经核实，予以成案", -1,
                          SQLITE_STATIC);
        if (step_done(db, hist))
            goto cleanup;
        sqlite3_bind_text(upd, 1, dismiss ? "dismissed" : "case", -1, SQLITE_STATIC);
        if (dismiss)
            sqlite3_bind_text(upd, 2, "经核实，系数据录入错误，不构成违法", -1, SQLITE_STATIC);
        else
            sqlite3_bind_null(upd, 2);
        sqlite3_bind_text(upd, 3, date_format(d0, b2), -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(upd, 4, x->id);
        if (step_done(db, upd))
            goto cleanup;
        made += 3;
        if (dismiss)
            continue;

        const char *kind = measure_kind_for(r, x->model);
        zj_date sent = d_case + 2 + rng_int(r, 15);
        zj_date deadline = sent + 15;
        bool replied = sent <= as_of && deadline <= as_of + 10 && rng_pct(r, 85);
        zj_date reply = sent + 3 + rng_int(r, rng_pct(r, 90) ? 12 : 25);
        if (reply > as_of)
            replied = false;
        bool corrected = replied && rng_pct(r, 82);
        bool closed = corrected && reply + 5 <= as_of;
        char closed_ts[32] = "";
        if (closed)
            snprintf(closed_ts, sizeof closed_ts, "%sT16:00:00Z", date_format(reply + 5, b1));
        sqlite3_bind_int64(cas, 1, x->id);
        sqlite3_bind_text(cas, 2, x->summary, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(cas, 3, x->person, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(cas, 4, x->facility, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(cas, 5, x->region, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(cas, 6, x->family, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(cas, 7, closed ? "closed" : "open", -1, SQLITE_STATIC);
        sqlite3_bind_text(cas, 8, ts, -1, SQLITE_TRANSIENT);
        store_bind_text_or_null(cas, 9, closed ? closed_ts : NULL);
        if (step_done(db, cas))
            goto cleanup;
        long case_id = (long)sqlite3_last_insert_rowid(db);
        sqlite3_bind_int64(chist, 1, case_id);
        sqlite3_bind_text(chist, 2, ts, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(chist, 3, "open", -1, SQLITE_STATIC);
        sqlite3_bind_text(chist, 4, "由线索成案", -1, SQLITE_STATIC);
        if (step_done(db, chist))
            goto cleanup;
        made += 2;
        if (sent > as_of)
            continue; /* measure still being drafted */
        bool objection = !strcmp(kind, "objection");
        bool notice = !strcmp(kind, "correction_notice") || !strcmp(kind, "suggestion");
        sqlite3_bind_int64(mea, 1, case_id);
        sqlite3_bind_text(mea, 2, kind, -1, SQLITE_STATIC);
        sqlite3_bind_text(mea, 3, x->facility, -1, SQLITE_TRANSIENT);
        if (objection) {
            sqlite3_bind_text(mea, 4, date_format(sent - 10, b1), -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(mea, 5, date_format(sent + 10, b2), -1, SQLITE_TRANSIENT);
        } else {
            sqlite3_bind_null(mea, 4);
            sqlite3_bind_null(mea, 5);
        }
        sqlite3_bind_text(mea, 6, date_format(sent, b3), -1, SQLITE_TRANSIENT);
        if (notice)
            sqlite3_bind_text(mea, 7, date_format(deadline, b1), -1, SQLITE_TRANSIENT);
        else
            sqlite3_bind_null(mea, 7);
        if (notice && replied) {
            sqlite3_bind_text(mea, 8, date_format(reply, b2), -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(mea, 9,
                              corrected ? "已按通知要求整改，相关责任人已处理" : "正在研究整改方案",
                              -1, SQLITE_STATIC);
            sqlite3_bind_int(mea, 10, corrected ? 1 : 0);
        } else {
            sqlite3_bind_null(mea, 8);
            sqlite3_bind_null(mea, 9);
            sqlite3_bind_null(mea, 10);
        }
        sqlite3_bind_text(mea, 11, ts, -1, SQLITE_TRANSIENT);
        if (step_done(db, mea))
            goto cleanup;
        made++;
        if (closed) {
            sqlite3_bind_int64(chist, 1, case_id);
            sqlite3_bind_text(chist, 2, closed_ts, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(chist, 3, "close", -1, SQLITE_STATIC);
            sqlite3_bind_text(chist, 4, "整改到位，结案", -1, SQLITE_STATIC);
            if (step_done(db, chist))
                goto cleanup;
        }
    }
    rc = made;
cleanup:
    free(L);
    sqlite3_finalize(sel);
    sqlite3_finalize(hist);
    sqlite3_finalize(upd);
    sqlite3_finalize(cas);
    sqlite3_finalize(chist);
    sqlite3_finalize(mea);
    return rc;
}

struct fac {
    char id[64], kind[32];
};

static const char *const findings[][2] = {
    {"监区夜间巡查记录缺失，值班制度落实不到位", "custody"},
    {"计分考核台账与系统记录不一致，存在事后补记", "changes"},
    {"禁闭审批手续不全，未经检察室备案", "custody"},
    {"罪犯财产性判项履行情况未纳入减刑审查", "changes"},
    {"暂予监外执行病情复查材料未按期提交", "community"},
    {"新收押人员健康检查记录不全", "delivery"},
    {"戒具使用登记与监控记录不符", "custody"},
};
static const char *const talk_kinds[][2] = {
    {"admission", "入监谈话：告知权利义务和约见检察官的方式，了解身体状况"},
    {"routine", "日常谈话：反映伙食、劳动强度和通信会见情况"},
    {"release", "出监谈话：了解刑满释放衔接和安置帮教情况"},
    {"discipline", "禁闭期间谈话：核实禁闭原因、审批手续和期限"},
    {"change", "减刑假释前谈话：核实计分考核和立功材料"},
};
static const char *const letter_texts[][3] = {
    {"反映本人刑期计算有误，羁押期间未折抵，要求核查", "petition", "sentence_length"},
    {"反映本人不应认定为累犯，要求复核前罪释放日期", "petition", "recidivism"},
    {"反映同监区人员计分不实、违规获得减刑", "report", "change"},
    {"控告监区民警体罚、辱骂", "accusation", "custody"},
    {"反映罚金已缴纳但未计入财产性判项履行", "petition", "property"},
    {"要求约见检察官了解假释条件", "petition", "change"},
};

static int simulate_facilities(sqlite3 *db, rng *r, zj_date ys, zj_date as_of)
{
    int made = 0, rc = ZJ_EDB;
    struct fac *F = NULL;
    size_t nf = 0, cap = 0;
    char(*persons)[64] = xcalloc(200, sizeof *persons);
    sqlite3_stmt *fs = store_prepare(
        db, "SELECT facility_id, kind FROM facilities WHERE kind IN ('prison','juvenile_prison',"
            "'detention_center') ORDER BY facility_id");
    sqlite3_stmt *ps = store_prepare(db, "SELECT DISTINCT person_id FROM custody WHERE facility_id "
                                         "= ? ORDER BY person_id LIMIT 200");
    if (!fs || !ps)
        goto cleanup;
    while (sqlite3_step(fs) == SQLITE_ROW) {
        if (nf == cap) {
            cap = cap ? cap * 2 : 64;
            F = xrealloc(F, cap * sizeof *F);
        }
        snprintf(F[nf].id, sizeof F[nf].id, "%s", (const char *)sqlite3_column_text(fs, 0));
        snprintf(F[nf].kind, sizeof F[nf].kind, "%s", (const char *)sqlite3_column_text(fs, 1));
        nf++;
    }
    for (size_t i = 0; i < nf; i++) {
        int np = 0;
        sqlite3_reset(ps);
        sqlite3_bind_text(ps, 1, F[i].id, -1, SQLITE_TRANSIENT);
        while (np < 200 && sqlite3_step(ps) == SQLITE_ROW)
            snprintf(persons[np++], 64, "%s", (const char *)sqlite3_column_text(ps, 0));
#define PERSON() (np ? persons[rng_int(r, np)] : NULL)

        /* inspections: a routine one for every facility, some of the other kinds */
        static const char *const kinds[] = {"routine", "cross", "special", "mobile"};
        static const int share[] = {100, 30, 15, 10};
        for (int k = 0; k < 4; k++) {
            if (!rng_pct(r, share[k]))
                continue;
            zj_date start = ys + rng_int(r, 330);
            inspect_plan plan = {.kind = kinds[k],
                                 .facility_id = F[i].id,
                                 .start = start,
                                 .end = start + 14 + rng_int(r, 16),
                                 .focus = k == 1   ? "changes;custody"
                                          : k == 2 ? "changes"
                                                   : "custody"};
            inspect_team team;
            inspect_rules rules;
            inspect_rules_default(&rules);
            rules.team_size = k == 3 ? 3 : 5;
            bool has_team = inspect_propose_team(db, &COUNTRY, &plan, 0, &rules, &team, NULL) == 0;
            long id;
            office_stamp_override(clamp(start - 20, ys, as_of));
            if (inspect_plan_create(db, &COUNTRY, &plan, has_team ? &team : NULL, "simulation", &id,
                                    NULL))
                goto cleanup;
            made++;
            sqlite3_stmt *up =
                store_prepare(db, "UPDATE inspections SET status = ? WHERE inspection_id = ?");
            if (!up)
                goto cleanup;
            sqlite3_bind_text(up, 1,
                              plan.end < as_of      ? "done"
                              : plan.start <= as_of ? "ongoing"
                                                    : "planned",
                              -1, SQLITE_STATIC);
            sqlite3_bind_int64(up, 2, id);
            int s = step_done(db, up);
            sqlite3_finalize(up);
            if (s)
                goto cleanup;
            int nfind = plan.start <= as_of ? rng_int(r, 4) : 0;
            for (int f = 0; f < nfind; f++) {
                int t = rng_int(r, (int)(sizeof findings / sizeof findings[0]));
                inspect_finding fd = {.summary = findings[t][0],
                                      .family = findings[t][1],
                                      .person_id = rng_pct(r, 40) ? PERSON() : NULL,
                                      .severity = rng_pct(r, 30) ? "high" : "medium"};
                long lead;
                office_stamp_override(clamp(plan.end, ys, as_of));
                if (inspect_finding_add(db, &COUNTRY, id, &fd, "simulation",
                                        clamp(plan.end, ys, as_of), &lead, NULL))
                    goto cleanup;
                made++;
            }
        }
        /* resident office: a monthly log, talks, meetings, letters */
        for (int m = 0; m < 12; m++) {
            long id;
            zj_date day = ys + m * 30 + rng_int(r, 25);
            if (day > as_of)
                break;
            office_stamp_override(day);
            if (office_log_add(db, &COUNTRY, F[i].id, day, "simulation",
                               "检察室日常检察：查看监控、巡视监区、检查禁闭和戒具使用台账", &id,
                               NULL))
                goto cleanup;
            made++;
        }
        int ntalk = 10 + rng_int(r, 15);
        for (int t = 0; t < ntalk; t++) {
            int k = rng_int(r, 5);
            long id;
            zj_date day = ys + rng_int(r, 365);
            office_stamp_override(day);
            if (office_talk_add(db, &COUNTRY, F[i].id, PERSON(), day, talk_kinds[k][0],
                                "simulation", talk_kinds[k][1], &id, NULL))
                goto cleanup;
            made++;
        }
        int nmeet = 2 + rng_int(r, 6);
        for (int t = 0; t < nmeet; t++) {
            zj_date req = ys + rng_int(r, 360);
            long id;
            office_stamp_override(req);
            if (office_meeting_add(db, &COUNTRY, F[i].id, PERSON(), req,
                                   clamp(req + 1 + rng_int(r, 3), ys, as_of), "simulation",
                                   "约见检察官，反映减刑材料和计分问题", &id, NULL))
                goto cleanup;
            made++;
        }
        int nlet = 3 + rng_int(r, 8);
        for (int t = 0; t < nlet; t++) {
            int k = rng_int(r, (int)(sizeof letter_texts / sizeof letter_texts[0]));
            zj_date day = ys + rng_int(r, 360);
            long letter, cid, lead;
            const char *person = PERSON();
            office_stamp_override(day);
            if (office_letter_add(db, &COUNTRY, F[i].id, person, day, letter_texts[k][0],
                                  "simulation", &letter, NULL))
                goto cleanup;
            made++;
            int roll = rng_int(r, 100);
            if (roll < 45) {
                if (office_letter_to_complaint(db, &COUNTRY, letter, letter_texts[k][1],
                                               letter_texts[k][2], "simulation", &cid, NULL))
                    goto cleanup;
                made++;
                office_stamp_override(clamp(day + 2, ys, as_of));
                if (rng_pct(r, 80) &&
                    office_complaint_route(db, &COUNTRY, cid, "simulation", "simulation", NULL))
                    goto cleanup;
                zj_date out = day + 10 + rng_int(r, 100);
                if (out <= as_of && rng_pct(r, 75)) {
                    bool corr = rng_pct(r, 30);
                    office_stamp_override(out);
                    if (office_complaint_close(db, &COUNTRY, cid,
                                               corr ? "经审查，反映问题属实，已督促纠正"
                                                    : "经审查，反映问题不属实，已书面答复",
                                               corr, out, "simulation", NULL))
                        goto cleanup;
                }
            } else if (roll < 60 && person) {
                if (office_letter_to_lead(db, &COUNTRY, letter, "simulation", day, &lead, NULL))
                    goto cleanup;
                made++;
            }
        }
        /* complaints by visit or phone */
        int ncomp = 1 + rng_int(r, 4);
        for (int t = 0; t < ncomp; t++) {
            int k = rng_int(r, (int)(sizeof letter_texts / sizeof letter_texts[0]));
            zj_date day = ys + rng_int(r, 360);
            office_complaint c = {.kind = letter_texts[k][1],
                                  .channel = rng_pct(r, 50) ? "visit" : "phone",
                                  .topic = letter_texts[k][2],
                                  .person_id = PERSON(),
                                  .complainant = "近亲属",
                                  .facility_id = F[i].id,
                                  .content = letter_texts[k][0],
                                  .received = day};
            long cid;
            office_stamp_override(day);
            if (office_complaint_add(db, &COUNTRY, &c, "simulation", &cid, NULL))
                goto cleanup;
            made++;
            zj_date out = day + 20 + rng_int(r, 80);
            office_stamp_override(clamp(out, ys, as_of));
            if (out <= as_of && rng_pct(r, 70) &&
                office_complaint_close(db, &COUNTRY, cid, "经审查办理，已答复", rng_pct(r, 35), out,
                                       "simulation", NULL))
                goto cleanup;
        }
#undef PERSON
    }
    rc = made;
cleanup:
    office_stamp_override(ZJ_DATE_NONE);
    free(F);
    free(persons);
    sqlite3_finalize(fs);
    sqlite3_finalize(ps);
    return rc;
}

int office_simulate_year(sqlite3 *db, zj_date as_of, uint64_t seed)
{
    rng r = {seed ^ 0x5a4a31ULL};
    zj_date ys = as_of - 364;
    /* once per database: a second run would take up more leads and double the records */
    sqlite3_stmt *done = store_prepare(
        db, "SELECT EXISTS (SELECT 1 FROM inspections WHERE created_by = 'simulation')"
            " OR EXISTS (SELECT 1 FROM office_log WHERE author = 'simulation')");
    if (!done)
        return ZJ_EDB;
    bool already = sqlite3_step(done) == SQLITE_ROW && sqlite3_column_int(done, 0);
    sqlite3_finalize(done);
    if (already)
        return 0;
    if (store_begin(db) != 0)
        return ZJ_EDB;
    int total = 0, n;
    if ((n = make_pool(db, &r)) < 0)
        goto fail;
    total += n;
    if ((n = simulate_cases(db, &r, ys, as_of)) < 0)
        goto fail;
    total += n;
    if ((n = simulate_facilities(db, &r, ys, as_of)) < 0)
        goto fail;
    total += n;
    if (store_commit(db) != 0) {
        n = ZJ_EDB;
        goto fail;
    }
    return total;
fail:
    store_rollback(db);
    return n;
}
