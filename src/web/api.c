/*
 * api.c — the handlers of the JSON API (api.h). Each one reads the request, calls the
 * cases layer with r->acct.scope and answers; reads of a person, exports and changes go
 * to the audit log (cases/audit.h).
 */
#include "web/api.h"
#include "law/law.h"
#include "web/sealed_web.h"
#include "cases/sealed.h"
#include "cases/articles.h"
#include "cases/audit.h"
#include "cases/documents.h"
#include "store/stmt.h"
#include "cases/workflow.h"
#include "docs_intake/doc_intake.h"
#include "models/engine.h"
#include "report/person_picture.h"
#include "sources/xlsx_out.h"
#include "store/leads.h"
#include "store/store.h"
#include "util/office_enums.h"
#include "util/region.h"

#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static json_t *me_json(struct web_req *r)
{
    char scope[96];
    scope_format(&r->acct.scope, scope, sizeof scope);
    return json_pack("{s:s, s:s, s:s, s:s, s:s, s:b, s:b, s:b}", "name", r->acct.name, "role",
                     r->acct.role, "role_label", account_role_label(r->acct.role), "scope", scope,
                     "csrf", r->csrf, "can_write", account_can_write(&r->acct), "sees_ids",
                     account_sees_id_numbers(&r->acct), "must_change", r->acct.must_change);
}

int api_login(struct web_req *r)
{
    const char *name = web_body_str(r, "name"), *pw = web_body_str(r, "password");
    if (!name || !pw)
        return web_error(r, ZJ_EINVAL, "name and password are required");
    zj_account a;
    long now = (long)time(NULL);
    int rc = account_login(r->db, name, pw, now, &a);
    if (rc != 0) {
        /* the name is unauthenticated input: audit_append stores at most 64 printable
         * characters of it; an account's own name whatever the case it was given in */
        char known[64];
        if (account_canonical(r->db, name, known, sizeof known) == 0)
            name = known;
        audit_append(r->db, name, rc == ZJ_ETHROTTLE ? "login_locked" : "login_failed", "account",
                     "");
        if (rc == ZJ_ETHROTTLE)
            return web_error(r, rc, "the account is locked for a while after repeated failures");
        return web_error(r, rc == ZJ_EAUTH ? ZJ_EAUTH : rc, "wrong name or password");
    }
    if (r->token[0])
        session_delete(r->db, r->token);
    char token[65], csrf[65];
    if (session_create(r->db, a.id, now, token, csrf) != 0)
        return web_error(r, ZJ_EDB, "cannot start a session");
    audit_append(r->db, a.name, "login", "account", "");
    r->acct = a;
    r->authed = true;
    memcpy(r->csrf, csrf, sizeof csrf);
    snprintf(r->cookie, sizeof r->cookie,
             "zj_session=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%d%s", token,
             SESSION_TTL_SECONDS, web_cookie_secure(r));
    return web_json(r, 200, me_json(r));
}

int api_logout(struct web_req *r)
{
    if (r->authed) {
        session_delete(r->db, r->token);
        web_purpose_revoke_session(r);
        audit_append(r->db, r->acct.name, "logout", "account", "");
    }
    snprintf(r->cookie, sizeof r->cookie,
             "zj_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
    return web_json(r, 200, json_pack("{s:b}", "ok", 1));
}

int api_me(struct web_req *r)
{
    return web_json(r, 200, me_json(r));
}

/* The open states of a lead, in the order of LEAD_OPEN_STATUSES ("('open','assigned',…)"),
 * the one list of them (store/leads.h), as a JSON array. */
static json_t *lead_open_statuses(void)
{
    json_t *arr = json_array();
    const char *s = LEAD_OPEN_STATUSES;
    while ((s = strchr(s, '\'')) != NULL) {
        const char *end = strchr(s + 1, '\'');
        if (!end)
            break;
        json_array_append_new(arr, json_stringn(s + 1, (size_t)(end - s - 1)));
        s = end + 1;
    }
    return arr;
}

/* The labels of the feeds' enums, from the law core's one list of names (law.h
 * LAW_*_NAMES): {"penalty": {"fixed_term": "有期徒刑", …}, "event_type", "change_kind",
 * "grounds", "leniency", "flag"}; those of the office, complaints and inspections from
 * theirs (util/office_enums.h): "complaint_kind", "complaint_topic", "complaint_channel",
 * "talk_kind", "inspection_kind", "speciality"; and "lead_open_status", the open states of
 * a lead. The UI shows these, so a label is written once. */
#define ENUM_ROW(v, id, label) json_object_set_new(o, id, json_string(label));
#define ENUM_SKIP(v, id, label)
#define OFFICE_ROW(id, label) json_object_set_new(o, id, json_string(label));
int api_enums(struct web_req *r)
{
    json_t *all = json_object(), *o;
    o = json_object();
    LAW_PENALTY_NAMES(ENUM_ROW, ENUM_SKIP)
    json_object_set_new(all, "penalty", o);
    o = json_object();
    LAW_EVENT_TYPE_NAMES(ENUM_ROW, ENUM_SKIP)
    json_object_set_new(all, "event_type", o);
    o = json_object();
    LAW_CHANGE_KIND_NAMES(ENUM_ROW, ENUM_SKIP)
    json_object_set_new(all, "change_kind", o);
    o = json_object();
    LAW_GROUNDS_NAMES(ENUM_ROW, ENUM_SKIP)
    json_object_set_new(all, "grounds", o);
    o = json_object();
    LAW_LENIENCY_NAMES(ENUM_ROW, ENUM_SKIP)
    json_object_set_new(all, "leniency", o);
    o = json_object();
    LAW_FLAG_NAMES(ENUM_ROW, ENUM_SKIP)
    json_object_set_new(all, "flag", o);
    o = json_object();
    COMPLAINT_KIND_NAMES(OFFICE_ROW)
    json_object_set_new(all, "complaint_kind", o);
    o = json_object();
    COMPLAINT_TOPIC_NAMES(OFFICE_ROW)
    json_object_set_new(all, "complaint_topic", o);
    o = json_object();
    COMPLAINT_CHANNEL_NAMES(OFFICE_ROW)
    json_object_set_new(all, "complaint_channel", o);
    o = json_object();
    TALK_KIND_NAMES(OFFICE_ROW)
    json_object_set_new(all, "talk_kind", o);
    o = json_object();
    INSPECTION_KIND_NAMES(OFFICE_ROW)
    json_object_set_new(all, "inspection_kind", o);
    o = json_object();
    INSPECTION_SPECIALITY_NAMES(OFFICE_ROW)
    json_object_set_new(all, "speciality", o);
    json_object_set_new(all, "lead_open_status", lead_open_statuses());
    return web_json(r, 200, all);
}
#undef ENUM_ROW
#undef ENUM_SKIP
#undef OFFICE_ROW

/* A new session for the account after its password changed (the change ended them all). */
static int new_session(struct web_req *r)
{
    char token[65], csrf[65];
    if (session_create(r->db, r->acct.id, (long)time(NULL), token, csrf) != 0)
        return ZJ_EDB;
    memcpy(r->csrf, csrf, sizeof csrf);
    snprintf(r->cookie, sizeof r->cookie,
             "zj_session=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%d%s", token,
             SESSION_TTL_SECONDS, web_cookie_secure(r));
    return 0;
}

int api_me_password(struct web_req *r)
{
    zj_diag d = {0};
    if (store_begin(r->db) != 0)
        return web_error(r, ZJ_EDB, "database busy");
    int rc = account_change_password(r->db, r->acct.id, web_body_str(r, "old_password"),
                                     web_body_str(r, "new_password"), &d);
    if (rc == 0)
        rc = audit_append(r->db, r->acct.name, "account", r->acct.name, "password changed") ? ZJ_EDB
                                                                                            : 0;
    if (rc == 0)
        rc = new_session(r);
    if (rc == 0 && store_commit(r->db) != 0)
        rc = ZJ_EDB;
    if (rc) {
        store_rollback(r->db);
        if (rc == ZJ_EAUTH) /* a 401 would read as "logged out" */
            return web_error(r, ZJ_EFORBIDDEN, "%s", d.message);
        return web_error(r, rc, "%s", d.message[0] ? d.message : "cannot change the password");
    }
    r->acct.must_change = false;
    return web_json(r, 200, me_json(r));
}

int api_overview(struct web_req *r)
{
    return web_json(r, 200, workflow_overview(r->db, &r->acct.scope, r->today));
}

int api_facilities(struct web_req *r)
{
    return web_json(r, 200, facilities_list(r->db, &r->acct.scope));
}

int api_models(struct web_req *r)
{
    return web_json(r, 200, lead_models(r->db, &r->acct.scope));
}

int api_regions(struct web_req *r)
{
    json_t *a = json_array();
    const char *code, *name;
    enum region_level lv;
    for (size_t i = 0; region_at(i, &code, &name, &lv); i++)
        json_array_append_new(a, json_pack("[s,s]", code, name));
    return web_json(r, 200, a);
}

static int int_query(struct web_req *r, const char *name, int dflt)
{
    const char *v = web_query(r, name);
    if (!v)
        return dflt;
    char *end;
    long n = strtol(v, &end, 10);
    return *end || n < 1 || n > 1000000 ? -1 : (int)n;
}

static int read_filter(struct web_req *r, lead_filter *f)
{
    memset(f, 0, sizeof *f);
    f->model = web_query(r, "model");
    /* a family id, or an area named in Chinese (涉企 → enterprise: leads_family_id) */
    f->family =
        leads_family_id(web_query(r, "family") ? web_query(r, "family") : web_query(r, "area"));
    f->facility = web_query(r, "facility");
    f->region = web_query(r, "region");
    f->status = web_query(r, "status");
    f->severity = web_query(r, "severity");
    f->from = web_query(r, "from");
    f->to = web_query(r, "to");
    f->page = int_query(r, "page", 1);
    f->per = int_query(r, "per", 50);
    f->sealed_on = r->today;
    zj_date d;
    if (f->page < 0 || f->per < 0)
        return web_error(r, ZJ_EINVAL, "page and per must be positive integers");
    if ((f->from && date_parse(f->from, (unsigned)strlen(f->from), &d)) ||
        (f->to && date_parse(f->to, (unsigned)strlen(f->to), &d)))
        return web_error(r, ZJ_EINVAL, "from and to must be dates YYYY-MM-DD");
    return 0;
}

int api_leads_list(struct web_req *r)
{
    lead_filter f;
    if (read_filter(r, &f))
        return r->status;
    strbuf sb = STRBUF_INIT;
    if (leads_page_write(r->db, &r->acct.scope, &f, &sb) != 0) {
        strbuf_release(&sb);
        return web_error(r, ZJ_EDB, "cannot list leads");
    }
    return web_send(r, 200, "application/json; charset=utf-8", &sb);
}

int api_leads_export(struct web_req *r)
{
    lead_filter f;
    if (read_filter(r, &f))
        return r->status;
    strbuf sb = STRBUF_INIT;
    long n = leads_export_csv(r->db, &r->acct.scope, &f, &sb);
    if (n < 0) {
        strbuf_release(&sb);
        return web_error(r, ZJ_EDB, "cannot export leads");
    }
    char detail[160];
    snprintf(detail, sizeof detail, "leads.csv %ld rows", n);
    if (audit_append(r->db, r->acct.name, "export", "leads", detail) != 0) {
        strbuf_release(&sb);
        return web_error(r, ZJ_EDB, "cannot record the export");
    }
    snprintf(r->disposition, sizeof r->disposition, "attachment; filename=\"leads.csv\"");
    return web_send(r, 200, "text/csv; charset=utf-8", &sb);
}

static void xlsx_lead_row(void *ctx, const char *const cells[11])
{
    xlsx_out_row(ctx, cells);
}

int api_leads_export_xlsx(struct web_req *r)
{
    lead_filter f;
    if (read_filter(r, &f))
        return r->status;
    char path[256], err[300];
    if (xlsx_temp_path(path, sizeof path) != 0)
        return web_error(r, ZJ_EIO, "cannot export leads");
    struct xlsx_out *x =
        xlsx_out_open(path, "线索", "线索清单", xlsx_leads_headers, 11, err, sizeof err);
    if (!x) {
        unlink(path);
        return web_error(r, ZJ_EIO, "cannot export leads");
    }
    long n = leads_export_each(r->db, &r->acct.scope, &f, xlsx_lead_row, x);
    int wrc = xlsx_out_close(x, err, sizeof err);
    size_t len = 0;
    unsigned char *data = xlsx_take_file(path, &len);
    if (n < 0 || wrc != 0 || !data) {
        free(data);
        return web_error(r, n < 0 ? ZJ_EDB : ZJ_EIO, "cannot export leads");
    }
    char detail[160];
    snprintf(detail, sizeof detail, "leads.xlsx %ld rows", n);
    if (audit_append(r->db, r->acct.name, "export", "leads", detail) != 0) {
        free(data);
        return web_error(r, ZJ_EDB, "cannot record the export");
    }
    snprintf(r->disposition, sizeof r->disposition, "attachment; filename=\"leads.xlsx\"");
    return web_send_raw(r, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        data, len);
}

/* A lead or case that names a person shows that person's record (name, id_number): the
 * read is audited like the person page. */
static int audit_person_shown(struct web_req *r, json_t *j, const char *what, long id)
{
    const char *pid = json_string_value(json_object_get(j, "person_id"));
    if (!pid || !*pid)
        return 0;
    char detail[64];
    snprintf(detail, sizeof detail, "%s:%ld", what, id);
    return web_audit_read(r, "read_person", pid, detail);
}

int api_lead_get(struct web_req *r)
{
    long id = web_param_id(r, 0);
    json_t *j = id ? lead_get(r->db, &r->acct.scope, id, web_mask_ids(r)) : NULL;
    if (!j)
        return web_error(r, ZJ_ENOTFOUND, "no lead '%s'", r->params[0]);
    const char *pid = json_string_value(json_object_get(j, "person_id"));
    if (web_sealed_gate(r, pid, "lead", id) != 0) {
        json_decref(j);
        return r->status;
    }
    if (pid) /* the court documents the person's judgments and changes were confirmed from */
        json_object_set_new(j, "source_documents", doc_intake_for_person(r->db, pid));
    if (audit_person_shown(r, j, "lead", id) != 0) {
        json_decref(j);
        return web_error(r, ZJ_EDB, "cannot record the read");
    }
    return web_json(r, 200, j);
}

static int lead_change_answer(struct web_req *r, const char *action, const char *arg)
{
    long id = web_param_id(r, 0), case_id = 0;
    if (!id)
        return web_error(r, ZJ_ENOTFOUND, "no lead '%s'", r->params[0]);
    int rc = lead_change_as(r->db, &r->acct.scope, id, r->acct.name, r->acct.role, action, arg,
                            &case_id);
    if (rc == ZJ_ENOTFOUND)
        return web_error(r, rc, "no lead '%ld'", id);
    if (rc == ZJ_ECONFLICT)
        return web_error(r, rc, "lead '%ld' is no longer open", id);
    if (rc == ZJ_EINVAL)
        return web_error(r, rc, "a dismissal needs a reason");
    if (rc == ZJ_EFORBIDDEN)
        return web_error(r, rc, "role '%s' may not %s a lead", r->acct.role, action);
    if (rc)
        return web_error(r, rc, "cannot change lead '%ld'", id);
    json_t *j = lead_get(r->db, &r->acct.scope, id, web_mask_ids(r));
    if (case_id)
        json_object_set_new(j, "case_id", json_integer(case_id));
    return web_json(r, 200, j);
}

int api_lead_assign(struct web_req *r)
{
    return lead_change_answer(r, "assign", web_body_str(r, "assignee"));
}

int api_lead_verify(struct web_req *r)
{
    return lead_change_answer(r, "verify", web_body_str(r, "note"));
}

int api_lead_dismiss(struct web_req *r)
{
    return lead_change_answer(r, "dismiss", web_body_str(r, "reason"));
}

int api_lead_case(struct web_req *r)
{
    return lead_change_answer(r, "case", web_body_str(r, "title"));
}

int api_law(struct web_req *r)
{
    const char *basis = web_query(r, "basis");
    if (!basis)
        return web_error(r, ZJ_EINVAL, "basis is required, e.g. basis=减刑假释规定第6条");
    return web_json(r, 200, articles_lookup(web_law_dir(r), basis));
}

int api_person_get(struct web_req *r)
{
    json_t *j = person_get(r->db, &r->acct.scope, r->params[0], web_mask_ids(r));
    if (!j)
        return web_error(r, ZJ_ENOTFOUND, "no person '%s'", r->params[0]);
    if (web_sealed_gate(r, r->params[0], "person", 0) != 0) {
        json_decref(j);
        return r->status;
    }
    json_object_set_new(j, "source_documents", doc_intake_for_person(r->db, r->params[0]));
    if (audit_append(r->db, r->acct.name, "read_person", r->params[0], "") != 0) {
        json_decref(j);
        return web_error(r, ZJ_EDB, "cannot record the read");
    }
    return web_json(r, 200, j);
}

int api_person_timeline_svg(struct web_req *r)
{
    /* person_get is the scope check (and gives the leads in scope) */
    json_t *j = person_get(r->db, &r->acct.scope, r->params[0], true);
    if (!j)
        return web_error(r, ZJ_ENOTFOUND, "no person '%s'", r->params[0]);
    if (web_sealed_gate(r, r->params[0], "timeline.svg", 0) != 0) {
        json_decref(j);
        return r->status;
    }
    if (audit_append(r->db, r->acct.name, "read_person", r->params[0], "timeline.svg") != 0) {
        json_decref(j);
        return web_error(r, ZJ_EDB, "cannot record the read");
    }
    json_t *ls = json_object_get(j, "leads");
    size_t n = json_array_size(ls);
    pp_lead *leads = n ? calloc(n, sizeof *leads) : NULL;
    for (size_t i = 0; i < n; i++) {
        json_t *l = json_array_get(ls, i);
        leads[i].lead_id = (long)json_integer_value(json_object_get(l, "lead_id"));
        leads[i].model_id = json_string_value(json_object_get(l, "model_id"));
        leads[i].subject = json_string_value(json_object_get(l, "subject"));
        leads[i].status = json_string_value(json_object_get(l, "status"));
        leads[i].summary = json_string_value(json_object_get(l, "summary"));
        const char *fs = json_string_value(json_object_get(l, "first_seen"));
        if (!fs || date_parse(fs, 10, &leads[i].first_seen) != 0)
            leads[i].first_seen = ZJ_DATE_NONE;
    }
    zj_timeline tl;
    timeline_init(&tl);
    int rc = engine_person_load(r->db, r->params[0], r->today, &tl);
    if (rc == 0) {
        strbuf out = STRBUF_INIT;
        person_picture_svg_safety(&out, &tl, leads, n, j, NULL, "#/leads/%ld");
        web_send(r, 200, "image/svg+xml; charset=utf-8", &out);
    }
    engine_person_release(&tl);
    free(leads);
    json_decref(j);
    return rc ? web_error(r, rc, "cannot read person '%s'", r->params[0]) : 200;
}

int api_cases_list(struct web_req *r)
{
    int page = int_query(r, "page", 1), per = int_query(r, "per", 50);
    if (page < 0 || per < 0)
        return web_error(r, ZJ_EINVAL, "page and per must be positive integers");
    json_t *j = cases_list(r->db, &r->acct.scope, web_query(r, "status"), page, per);
    return j ? web_json(r, 200, j) : web_error(r, ZJ_EDB, "cannot list cases");
}

int api_case_get(struct web_req *r)
{
    long id = web_param_id(r, 0);
    json_t *j = id ? case_get(r->db, &r->acct.scope, id, web_mask_ids(r)) : NULL;
    if (!j)
        return web_error(r, ZJ_ENOTFOUND, "no case '%s'", r->params[0]);
    if (web_sealed_gate(r, json_string_value(json_object_get(j, "person_id")), "case", id) != 0) {
        json_decref(j);
        return r->status;
    }
    if (audit_person_shown(r, j, "case", id) != 0) {
        json_decref(j);
        return web_error(r, ZJ_EDB, "cannot record the read");
    }
    size_t n;
    const char *const *crimes = measure_duty_crimes(&n);
    json_t *dc = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(dc, json_string(crimes[i]));
    json_object_set_new(j, "duty_crimes", dc);
    return web_json(r, 200, j);
}

int api_case_close(struct web_req *r)
{
    long id = web_param_id(r, 0);
    int rc = id ? case_close(r->db, &r->acct.scope, id, r->acct.name, web_body_str(r, "note"))
                : ZJ_ENOTFOUND;
    if (rc)
        return web_error(r, rc, "cannot close case '%s'", r->params[0]);
    return web_json(r, 200, case_get(r->db, &r->acct.scope, id, web_mask_ids(r)));
}

int api_measure_create(struct web_req *r)
{
    long id = web_param_id(r, 0), mid = 0;
    zj_diag d = {0};
    measure_input in = {.kind = web_body_str(r, "kind"),
                        .recipient_id = web_body_str(r, "recipient_id"),
                        .received = web_body_str(r, "received_date"),
                        .charge = web_body_str(r, "charge")};
    int rc = id ? measure_add(r->db, &r->acct.scope, id, &in, r->acct.name, r->today, &mid, &d)
                : ZJ_ENOTFOUND;
    if (rc == ZJ_ENOTFOUND)
        return web_error(r, rc, "no case '%s'", r->params[0]);
    if (rc)
        return web_error(r, rc, "%s", d.message[0] ? d.message : "cannot add the measure");
    return web_json(r, 201, measure_get(r->db, &r->acct.scope, mid));
}

int api_measure_escalate(struct web_req *r)
{
    long id = web_param_id(r, 0), mid = 0;
    zj_diag d = {0};
    int rc = id ? measure_escalate(r->db, &r->acct.scope, id, r->acct.name, r->today, &mid, &d)
                : ZJ_ENOTFOUND;
    if (rc == ZJ_ENOTFOUND)
        return web_error(r, rc, "no measure '%s'", r->params[0]);
    if (rc)
        return web_error(r, rc, "%s",
                         d.message[0] ? d.message : "cannot follow the oral correction");
    return web_json(r, 201, measure_get(r->db, &r->acct.scope, mid));
}

int api_measures_due(struct web_req *r)
{
    const char *o = web_query(r, "overdue");
    return web_json(r, 200, measures_due(r->db, &r->acct.scope, r->today, o && !strcmp(o, "1")));
}

int api_measure_get(struct web_req *r)
{
    long id = web_param_id(r, 0);
    json_t *j = id ? measure_get(r->db, &r->acct.scope, id) : NULL;
    if (!j)
        return web_error(r, ZJ_ENOTFOUND, "no measure '%s'", r->params[0]);
    if (web_sealed_gate(r, json_string_value(json_object_get(j, "person_id")), "measure", id) !=
        0) {
        json_decref(j);
        return r->status;
    }
    return web_json(r, 200, j);
}

int api_measure_update(struct web_req *r)
{
    long id = web_param_id(r, 0);
    zj_diag d = {0};
    int rc =
        id ? measure_update(r->db, &r->acct.scope, id, r->json, r->acct.name, &d) : ZJ_ENOTFOUND;
    if (rc == ZJ_ENOTFOUND)
        return web_error(r, rc, "no measure '%s'", r->params[0]);
    if (rc)
        return web_error(r, rc, "%s", d.message[0] ? d.message : "cannot change the measure");
    return web_json(r, 200, measure_get(r->db, &r->acct.scope, id));
}

/* The measure's document for a download, audited as an export; NULL after answering. */
static json_t *export_document(struct web_req *r, const char *format)
{
    long id = web_param_id(r, 0);
    json_t *m = id ? measure_get(r->db, &r->acct.scope, id) : NULL;
    if (!m) {
        web_error(r, ZJ_ENOTFOUND, "no measure '%s'", r->params[0]);
        return NULL;
    }
    json_t *doc = json_incref(json_object_get(m, "document"));
    if (json_is_object(doc) &&
        sealed_document_mask(r->db, json_string_value(json_object_get(m, "person_id")), r->today,
                             doc) != 0) {
        json_decref(m);
        json_decref(doc);
        web_error(r, ZJ_EDB, "cannot check the sealing");
        return NULL;
    }
    json_decref(m);
    const char *ver = web_query(r, "version");
    if (ver) {
        /* an earlier version of the text (measure_documents) */
        json_decref(doc);
        char *end;
        long v = strtol(ver, &end, 10);
        doc = *end || v < 1 || v > 100000
                  ? NULL
                  : measure_document_version(r->db, &r->acct.scope, id, (int)v);
        if (!doc) {
            web_error(r, ZJ_ENOTFOUND, "measure '%ld' has no version '%s'", id, ver);
            return NULL;
        }
    }
    if (!json_is_object(doc)) {
        json_decref(doc);
        web_error(r, ZJ_ENOTFOUND, "measure '%ld' has no document", id);
        return NULL;
    }
    char obj[32];
    snprintf(obj, sizeof obj, "measure:%ld", id);
    if (audit_append(r->db, r->acct.name, "export", obj, format) != 0) {
        json_decref(doc);
        web_error(r, ZJ_EDB, "cannot record the export");
        return NULL;
    }
    snprintf(r->disposition, sizeof r->disposition, "%s; filename=\"measure-%ld.%s\"",
             !strcmp(format, "html") && web_query(r, "inline") ? "inline" : "attachment", id,
             format);
    return doc;
}

int api_measure_html(struct web_req *r)
{
    json_t *doc = export_document(r, "html");
    if (!doc)
        return r->status;
    strbuf sb = STRBUF_INIT;
    document_html(doc, &sb);
    json_decref(doc);
    /* the page has its own inline style and nothing else */
    r->csp = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";
    return web_send(r, 200, "text/html; charset=utf-8", &sb);
}

int api_measure_docx(struct web_req *r)
{
    json_t *doc = export_document(r, "docx");
    if (!doc)
        return r->status;
    unsigned char *data = NULL;
    size_t len = 0;
    int rc = document_docx(doc, &data, &len);
    json_decref(doc);
    if (rc)
        return web_error(r, rc, "cannot build the .docx");
    return web_send_raw(
        r, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", data, len);
}

int api_accounts_list(struct web_req *r)
{
    sqlite3_stmt *st = store_stmt(r->db, "SELECT account_id, name, role, scope_kind, scope_value,"
                                         " disabled, failed_logins, created_at, must_change,"
                                         " locked_until > ? FROM accounts ORDER BY account_id");
    if (!st)
        return web_error(r, ZJ_EDB, "cannot list accounts");
    sqlite3_bind_int64(st, 1, (sqlite3_int64)time(NULL));
    json_t *a = json_array();
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *kind = store_col(st, 3), *val = store_col(st, 4);
        char scope[96];
        snprintf(scope, sizeof scope, "%s%s%s", kind, *val ? ":" : "", val);
        json_array_append_new(
            a, json_pack("{s:I, s:s, s:s, s:s, s:s, s:b, s:i, s:s, s:b, s:b}", "account_id",
                         (json_int_t)sqlite3_column_int64(st, 0), "name", store_col(st, 1), "role",
                         store_col(st, 2), "role_label", account_role_label(store_col(st, 2)),
                         "scope", scope, "disabled", sqlite3_column_int(st, 5), "failed_logins",
                         sqlite3_column_int(st, 6), "created_at", store_col(st, 7), "must_change",
                         sqlite3_column_int(st, 8), "locked", sqlite3_column_int(st, 9)));
    }
    store_stmt_done(st);
    return web_json(r, 200, a);
}

int api_accounts_add(struct web_req *r)
{
    zj_diag d = {0};
    const char *name = web_body_str(r, "name");
    int rc = account_add(r->db, name, web_body_str(r, "role"), web_body_str(r, "scope"),
                         web_body_str(r, "password"), &d);
    if (rc)
        return web_error(r, rc, "%s", d.message);
    char detail[200];
    snprintf(detail, sizeof detail, "add %s role=%s scope=%s", name, web_body_str(r, "role"),
             web_body_str(r, "scope"));
    audit_append(r->db, r->acct.name, "account", name, detail);
    return web_json(r, 201, json_pack("{s:s}", "name", name));
}

static int account_toggle(struct web_req *r, int disabled)
{
    long id = web_param_id(r, 0);
    if (id == r->acct.id && disabled)
        return web_error(r, ZJ_ECONFLICT, "you cannot disable your own account");
    int rc = id ? account_set_disabled(r->db, id, disabled) : ZJ_ENOTFOUND;
    if (rc)
        return web_error(r, rc, "cannot change account '%s'", r->params[0]);
    char obj[32];
    snprintf(obj, sizeof obj, "account:%ld", id);
    audit_append(r->db, r->acct.name, "account", obj, disabled ? "disable" : "enable");
    return web_json(r, 200, json_pack("{s:b}", "ok", 1));
}

/* The account of path parameter 0 for an admin's change: its name into name; 0 or the
 * 404 sent. */
static long account_param(struct web_req *r, char name[64])
{
    long id = web_param_id(r, 0);
    sqlite3_stmt *st =
        id ? store_stmt(r->db, "SELECT name FROM accounts WHERE account_id = ?") : NULL;
    bool found = false;
    if (st) {
        sqlite3_bind_int64(st, 1, id);
        if ((found = sqlite3_step(st) == SQLITE_ROW))
            snprintf(name, 64, "%s", store_col(st, 0));
        store_stmt_done(st);
    }
    if (!found) {
        web_error(r, ZJ_ENOTFOUND, "no account '%s'", r->params[0]);
        return 0;
    }
    return id;
}

int api_account_password(struct web_req *r)
{
    char name[64];
    long id = account_param(r, name);
    if (!id)
        return r->status;
    zj_diag d = {0};
    if (store_begin(r->db) != 0)
        return web_error(r, ZJ_EDB, "database busy");
    /* an admin's reset: the account must choose its own password at its next login */
    int rc = account_set_password(r->db, id, web_body_str(r, "password"), true, &d);
    if (rc == 0 && audit_append(r->db, r->acct.name, "account", name,
                                "password reset (change required at next login)") != 0)
        rc = ZJ_EDB;
    if (rc == 0 && store_commit(r->db) != 0)
        rc = ZJ_EDB;
    if (rc) {
        store_rollback(r->db);
        return web_error(r, rc, "%s", d.message[0] ? d.message : "cannot reset the password");
    }
    return web_json(r, 200, json_pack("{s:s, s:b}", "name", name, "must_change", 1));
}

int api_account_unlock(struct web_req *r)
{
    char name[64];
    long id = account_param(r, name);
    if (!id)
        return r->status;
    if (store_begin(r->db) != 0)
        return web_error(r, ZJ_EDB, "database busy");
    int rc = account_unlock(r->db, id);
    if (rc == 0 && audit_append(r->db, r->acct.name, "account", name, "unlock") != 0)
        rc = ZJ_EDB;
    if (rc == 0 && store_commit(r->db) != 0)
        rc = ZJ_EDB;
    if (rc) {
        store_rollback(r->db);
        return web_error(r, rc, "cannot unlock account '%s'", name);
    }
    return web_json(r, 200, json_pack("{s:s, s:b}", "name", name, "ok", 1));
}

int api_account_disable(struct web_req *r)
{
    return account_toggle(r, 1);
}

int api_account_enable(struct web_req *r)
{
    return account_toggle(r, 0);
}

int api_audit_list(struct web_req *r)
{
    int limit = int_query(r, "limit", 100);
    if (limit < 0 || limit > 1000)
        limit = 100;
    sqlite3_stmt *st = store_stmt(r->db, "SELECT seq, at, actor, action, object, detail, hash"
                                         " FROM audit_log ORDER BY seq DESC LIMIT ?");
    if (!st)
        return web_error(r, ZJ_EDB, "cannot read the audit log");
    sqlite3_bind_int(st, 1, limit);
    json_t *a = json_array();
    while (sqlite3_step(st) == SQLITE_ROW)
        json_array_append_new(a, json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s}", "seq",
                                           (json_int_t)sqlite3_column_int64(st, 0), "at",
                                           store_col(st, 1), "actor", store_col(st, 2), "action",
                                           store_col(st, 3), "object", store_col(st, 4), "detail",
                                           store_col(st, 5), "hash", store_col(st, 6)));
    store_stmt_done(st);
    long count = 0, bad = 0;
    char why[256] = "";
    int rc = audit_verify(r->db, &count, &bad, why, sizeof why);
    return web_json(r, 200,
                    json_pack("{s:o, s:b, s:I, s:s}", "entries", a, "intact", rc == 0, "count",
                              (json_int_t)count, "problem", why));
}
