/*
 * cmd_person.c — `zhijian person ID [--as-of D] [--format text|svg|html]` (cli.md): one
 * person's timeline in readable text: judgments with the computed dates and their rule
 * ids, custody events, sentence changes, custody safety (incidents, labour, release
 * preparation), and the person's leads; or the person at a glance
 * (report/person_picture.h) as SVG, or as an HTML page with the records behind it.
 * A sealed person (law.md J-01) needs --purpose, recorded in the audit log (read_sealed).
 * The resident ID number is masked (workflow.md) unless --show-id, recorded as read_id_number.
 */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/feeds.h"
#include "cases/audit.h"
#include "cases/workflow.h"
#include "cases/sealed.h"
#include "store/stmt.h"
#include "law/law.h"
#include "models/engine.h"
#include "models/model_util.h"
#include "report/person_picture.h"
#include "store/leads.h"
#include "store/store.h"
#include "util/xalloc.h"

/* " (C-01, C-03)" for a figure's basis bits, into buf. */
static const char *rules(const struct law_figures *f, enum law_figure k, char *buf, size_t n)
{
    size_t len = 0;
    buf[0] = 0;
    for (int r = 0; r < LAW_RULE_COUNT && len + 8 < n; r++)
        if (f->basis[k] & LAW_BIT(r))
            len += (size_t)snprintf(buf + len, n - len, "%s%s", len ? "、" : " (", law_rule_id(r));
    if (len && len + 2 < n)
        snprintf(buf + len, n - len, ")");
    return buf;
}

static int print_lead(sqlite3_stmt *st, void *arg)
{
    (void)arg;
    const char *c[9];
    for (int i = 0; i < 9; i++)
        c[i] = sqlite3_column_text(st, i) ? (const char *)sqlite3_column_text(st, i) : "";
    printf("  [%s] %s %s (%s, since %s)\n      %s\n      依据: %s\n", c[0], c[1], c[5], c[6], c[7],
           c[8], sqlite3_column_text(st, 9) ? (const char *)sqlite3_column_text(st, 9) : "");
    return 0;
}

typedef struct {
    pp_lead *v;
    size_t n, cap;
} lead_vec;

static const char *col(sqlite3_stmt *st, int i)
{
    const unsigned char *s = sqlite3_column_text(st, i);
    return s ? xstrdup((const char *)s) : NULL;
}

/* leads_list callback: collect the person's leads for the picture. */
static int collect_lead(sqlite3_stmt *st, void *arg)
{
    lead_vec *lv = arg;
    XGROW(lv->v, lv->n + 1, lv->cap);
    pp_lead *l = &lv->v[lv->n++];
    l->model_id = col(st, 0);
    l->subject = col(st, 1);
    l->status = col(st, 6);
    const char *fs = (const char *)sqlite3_column_text(st, 7);
    if (!fs || date_parse(fs, 10, &l->first_seen) != 0)
        l->first_seen = ZJ_DATE_NONE;
    l->summary = col(st, 8);
    l->lead_id = (long)sqlite3_column_int64(st, 14);
    return 0;
}

static int picture(sqlite3 *db, const zj_timeline *tl, const char *pid, bool html)
{
    lead_vec lv = {0};
    leads_filter f = {.person_id = pid};
    int rc = leads_list(db, &f, collect_lead, &lv);
    strbuf out = STRBUF_INIT;
    json_t *safety = person_picture_safety_load(db, pid);
    if (!safety)
        rc = ZJ_EDB;
    if (html)
        person_picture_html_safety(&out, tl, lv.v, lv.n, safety);
    else
        person_picture_svg_safety(&out, tl, lv.v, lv.n, safety, NULL, NULL);
    json_decref(safety);
    if (!html)
        strbuf_addch(&out, '\n');
    fwrite(out.buf, 1, out.len, stdout);
    strbuf_release(&out);
    for (size_t i = 0; i < lv.n; i++) {
        free((char *)lv.v[i].model_id);
        free((char *)lv.v[i].subject);
        free((char *)lv.v[i].status);
        free((char *)lv.v[i].summary);
    }
    free(lv.v);
    if (rc) {
        fprintf(stderr, "zhijian person: cannot read the leads of '%s'\n", pid);
        return EXIT_FAIL;
    }
    return EXIT_OK;
}

/* Print the rows of sql (bound ?1 = person_id) as "  " + the first column's text, or
 * "  （无）" when there are none. */
static void print_rows(sqlite3 *db, const char *sql, const char *pid)
{
    sqlite3_stmt *st = store_prepare(db, sql);
    int n = 0;
    if (st) {
        sqlite3_bind_text(st, 1, pid, -1, SQLITE_STATIC);
        while (sqlite3_step(st) == SQLITE_ROW) {
            const unsigned char *t = sqlite3_column_text(st, 0);
            printf("  %s\n", t ? (const char *)t : "");
            n++;
        }
        sqlite3_finalize(st);
    }
    if (!n)
        printf("  （无）\n");
}

/* The custody-safety section: incidents with role and injury, labour months, release
 * preparation (feeds.md "Feeds of version 2"). */
static void print_custody_safety(sqlite3 *db, const char *pid)
{
    if (ingest_sql_functions(db) != 0)
        return;
    printf("\n监管安全事件\n");
    print_rows(db,
               "SELECT i.incident_date || ' ' || i.incident_id || ' '"
               " || zj_feed_label('incidents', 'kind', i.kind)"
               " || ' ' || zj_feed_label('incident_persons', 'role', x.role)"
               " || ' 伤情 ' || zj_feed_label('incidents', 'injury', coalesce(i.injury, 'none'))"
               " || ' ' || coalesce(f.name, i.facility_id)"
               " || coalesce(' 监室 ' || i.cell_id, '')"
               " || coalesce(' 物品 ' || zj_feed_label('incidents', 'item', i.item), '')"
               " || coalesce(' 来源 ' || zj_feed_label('incidents', 'source', i.source), '')"
               " || coalesce(' 立案 ' || i.case_filed_date, '')"
               " || coalesce(' 移送起诉 ' || i.transferred_date, '')"
               " FROM incident_persons x JOIN incidents i ON i.incident_id = x.incident_id"
               " LEFT JOIN facilities f ON f.facility_id = i.facility_id"
               " WHERE x.person_id = ?1 ORDER BY i.incident_date, i.incident_id",
               pid);
    printf("\n劳动（月）\n");
    print_rows(db,
               "SELECT l.month || ' ' || l.facility_id || ' ' || l.hours || '小时 休息'"
               " || l.rest_days || '日' FROM labour l WHERE l.person_id = ?1"
               " ORDER BY l.month, l.record_id",
               pid);
    printf("\n出监教育与安置帮教衔接\n");
    print_rows(db,
               "SELECT r.event_date || ' ' || r.record_id || ' '"
               " || zj_feed_label('release_prep', 'kind', r.kind) || ' ' || r.facility_id"
               " || coalesce(' 接收地 ' || r.receiver_region, '')"
               " FROM release_prep r WHERE r.person_id = ?1 ORDER BY r.event_date, r.record_id",
               pid);
}

int cmd_person(int argc, char **argv)
{
    const char *db_path = NULL, *pid = NULL, *format = "text", *purpose = NULL;
    const char *actor = cli_default_actor();
    bool show_id = false;
    zj_date as_of = cli_today();
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            printf(
                "usage: zhijian person [--db PATH] [--as-of YYYY-MM-DD] [--format text|svg|html]\n"
                "                      [--show-id] [--actor NAME] [--purpose TEXT] PERSON_ID\n\n"
                "One person's timeline: judgments with computed dates (rule ids), custody\n"
                "events, sentence changes, and the person's leads (text); or the whole\n"
                "history as one picture (svg), or the picture with its records (html):\n"
                "custody by facility, temporary execution, parole, correction, dpr,\n"
                "leaves and restraints as bands, commutations as steps, activities,\n"
                "incidents and leads as marks.\n\n"
                "A person whose record is sealed on the as-of date (law.md J-01, 已封存)\n"
                "is shown only with --purpose TEXT (办案需要 …), recorded in the audit log\n"
                "under --actor NAME (default $USER).\n\n"
                "The resident ID number (身份证) is shown masked (110105********1234);\n"
                "--show-id prints it in full and records the read in the audit log\n"
                "(action read_id_number, under --actor NAME).\n");
            return EXIT_OK;
        } else if (!strcmp(a, "--format") && i + 1 < argc) {
            format = argv[++i];
            if (strcmp(format, "text") && strcmp(format, "svg") && strcmp(format, "html"))
                return cli_usage_error("person", "unknown format '%s' (text, svg, html)", format);
        } else if (!strcmp(a, "--db") && i + 1 < argc) {
            db_path = argv[++i];
        } else if (!strcmp(a, "--show-id")) {
            show_id = true;
        } else if (!strcmp(a, "--purpose") && i + 1 < argc) {
            purpose = argv[++i];
        } else if (!strcmp(a, "--actor") && i + 1 < argc) {
            actor = argv[++i];
        } else if (!strcmp(a, "--as-of") && i + 1 < argc) {
            if (cli_parse_as_of(argv[++i], &as_of) != 0)
                return EXIT_USAGE;
        } else if (a[0] == '-' && a[1]) {
            return cli_usage_error("person", "unknown option '%s'", a);
        } else if (!pid) {
            pid = a;
        } else {
            return cli_usage_error("person", "unexpected argument '%s'", a);
        }
    }
    if (!pid)
        return cli_usage_error("person", "missing PERSON_ID");
    sqlite3 *db = cli_open_db(db_path, 0);
    if (!db)
        return EXIT_FAIL;
    bool sealed = false;
    if (sealed_check(db, pid, as_of, &sealed) != 0) {
        fprintf(stderr, "zhijian person: cannot check the sealing of '%s'\n", pid);
        store_close(db);
        return EXIT_FAIL;
    }
    if (sealed) {
        zj_diag d = {0};
        char detail[SEALED_PURPOSE_MAX + 32];
        if (sealed_purpose_ok(purpose, &d) != 0) {
            fprintf(stderr, "zhijian person: %s: %s（--purpose）\n", pid, d.message);
            store_close(db);
            return EXIT_FAIL;
        }
        snprintf(detail, sizeof detail, "cli; 事由：%s", purpose);
        if (audit_append(db, actor, "read_sealed", pid, detail) != 0) {
            fprintf(stderr, "zhijian person: cannot record the read in the audit log\n");
            store_close(db);
            return EXIT_FAIL;
        }
    }
    zj_timeline tl;
    timeline_init(&tl);
    int rc = engine_person_load(db, pid, as_of, &tl);
    if (rc == ZJ_ENOTFOUND) {
        fprintf(stderr, "zhijian person: unknown person '%s'\n", pid);
        engine_person_release(&tl);
        store_close(db);
        return EXIT_FAIL;
    }
    if (rc) {
        fprintf(stderr, "zhijian person: cannot read person '%s'\n", pid);
        engine_person_release(&tl);
        store_close(db);
        return EXIT_FAIL;
    }
    if (strcmp(format, "text")) {
        rc = picture(db, &tl, pid, !strcmp(format, "html"));
        engine_person_release(&tl);
        store_close(db);
        return rc;
    }
    char id_shown[64];
    if (show_id) {
        if (audit_append(db, actor, "read_id_number", pid, "cli; zhijian person --show-id") != 0) {
            fprintf(stderr, "zhijian person: cannot record the read in the audit log\n");
            engine_person_release(&tl);
            store_close(db);
            return EXIT_FAIL;
        }
        snprintf(id_shown, sizeof id_shown, "%s", tl.id_number ? tl.id_number : "");
    } else {
        workflow_mask_id(tl.id_number, id_shown, sizeof id_shown);
    }
    printf("人员 %s  %s  %s  出生 %s  身份证 %s  （截至 %s）%s\n", tl.person_id,
           tl.name ? tl.name : "", tl.gender ? tl.gender : "", dtxt(tl.birth_date), id_shown,
           dtxt(as_of), sealed ? "  【已封存】" : "");
    printf("\n判决\n");
    for (size_t i = 0; i < tl.n_jud; i++) {
        const tl_judgment *j = &tl.jud[i];
        const tl_calc *c = &tl.calc[i];
        printf("  %s %s %s %s", j->judgment_id, j->case_no ? j->case_no : "",
               penalty_cn(j->penalty), j->charges ? j->charges : "");
        if (j->term_months >= 0)
            printf(" %d个月%s", j->term_months, j->term_days > 0 ? "又若干日" : "");
        if (j->probation_months > 0)
            printf(" 缓刑%d个月", j->probation_months);
        printf("\n    生效 %s  通知 %s  判决载明刑期 %s 至 %s\n", dtxt(j->effective_date),
               dtxt(j->notice_date), dtxt(j->term_start), dtxt(j->term_end));
        printf("    计算: 羁押起算 %s 折抵 %d 日 → 刑期 %s 至 %s (S-01..S-03)；减刑后止日 %s "
               "(S-04..S-06)\n",
               dtxt(c->custody_start), c->credit_days, dtxt(c->term_start), dtxt(c->term_end_orig),
               dtxt(c->term_end));
        printf("    交付期限 %s (D-02)  执行日 %s (S-08)  假释 %s  预计释放 %s (S-07)\n",
               dtxt(c->deadline_delivery), dtxt(c->execution_date), dtxt(c->parole_date),
               dtxt(c->release_expected));
        if (tl.figs_ok && tl.figs_ok[i]) {
            const struct law_figures *f = &tl.figs[i];
            char b[6][128];
            printf(
                "    法律核心: 下次减刑最早提请 %s%s；假释最早 %s%s%s；减刑后刑期不得早于 %s%s\n",
                dtxt(f->next_commutation_earliest), rules(f, LAW_FIG_NEXT_COMMUTATION, b[0], 128),
                dtxt(f->parole_earliest), rules(f, LAW_FIG_PAROLE_EARLIEST, b[1], 128),
                f->parole_barred ? "（不得假释）" : "", dtxt(f->min_actual_end),
                rules(f, LAW_FIG_MIN_ACTUAL_END, b[2], 128));
            printf("              累犯（重新计算）%s%s；剥夺政治权利至 %s%s；预计释放 %s%s%s\n",
                   f->recidivist ? "是" : "否", rules(f, LAW_FIG_RECIDIVIST, b[3], 128),
                   f->dpr_forever ? "终身" : dtxt(f->dpr_end), rules(f, LAW_FIG_DPR_END, b[4], 128),
                   dtxt(f->expected_release), rules(f, LAW_FIG_EXPECTED_RELEASE, b[5], 128),
                   f->strict ? "；从严类（减刑假释规定第7条）" : "");
            for (size_t v = 0; v < f->n_violations; v++) {
                const tl_change *ch =
                    f->violations[v].change_index >= 0
                        ? timeline_change_of(&tl, i, f->violations[v].change_index)
                        : NULL;
                printf("    违反 %s %s%s%s\n", law_rule_id(f->violations[v].rule),
                       ch ? ch->change_id : "", ch ? " " : "", f->violations[v].message);
            }
        }
    }
    printf("\n羁押期间\n");
    {
        zj_date from = ZJ_DATE_NONE;
        const char *fac = NULL;
        for (size_t i = 0; i < tl.n_cus; i++) {
            bool held = timeline_held_on(&tl, tl.cus[i].date, NULL);
            if (held && from == ZJ_DATE_NONE) {
                from = tl.cus[i].date;
                fac = tl.cus[i].facility_id;
            } else if (!held && from != ZJ_DATE_NONE) {
                printf("  %s 至 %s（%s 出所，%d日）%s\n", dtxt(from), dtxt(tl.cus[i].date),
                       tl.cus[i].event_type_s ? tl.cus[i].event_type_s : "", tl.cus[i].date - from,
                       fac ? fac : "");
                from = ZJ_DATE_NONE;
            }
        }
        if (from != ZJ_DATE_NONE)
            printf("  %s 至今（截至 %s 在押，%d日）%s\n", dtxt(from), dtxt(as_of), as_of - from + 1,
                   fac ? fac : "");
    }
    printf("\n羁押与在押变动\n");
    for (size_t i = 0; i < tl.n_cus; i++)
        printf("  %s %-14s %s%s%s\n", dtxt(tl.cus[i].date), tl.cus[i].event_type_s,
               tl.cus[i].facility_id ? tl.cus[i].facility_id : "",
               tl.cus[i].judgment_id ? " 判决 " : "",
               tl.cus[i].judgment_id ? tl.cus[i].judgment_id : "");
    printf("\n减刑、假释、暂予监外执行\n");
    for (size_t i = 0; i < tl.n_chg; i++) {
        const tl_change *c = &tl.chg[i];
        printf("  %s %s 提请 %s 裁定 %s 生效 %s 理由 %s", c->change_id, c->kind_s,
               dtxt(c->proposal_date), dtxt(c->decision_date), dtxt(c->effective_date),
               c->grounds ? c->grounds : "");
        if (c->reduction_months >= 0 || c->reduction_days > 0)
            printf(" 减%d个月%d日", c->reduction_months > 0 ? c->reduction_months : 0,
                   c->reduction_days > 0 ? c->reduction_days : 0);
        if (c->new_penalty)
            printf(" 改判 %s %d个月", c->new_penalty, c->new_term_months);
        /* law.md §16 T-10: the SPC provisions in force on the decision date */
        if (c->kind == LAW_CHG_COMMUTATION || c->kind == LAW_CHG_PAROLE) {
            enum law_rule_set rs = law_rule_set_at(
                c->decision_date != ZJ_DATE_NONE ? c->decision_date : c->proposal_date);
            printf(" 适用%s", law_rule_set_applied(rs));
        }
        printf("\n");
    }
    print_custody_safety(db, pid);
    printf("\n线索\n");
    leads_filter f = {.person_id = pid};
    leads_list(db, &f, print_lead, NULL);
    engine_person_release(&tl);
    store_close(db);
    return EXIT_OK;
}
