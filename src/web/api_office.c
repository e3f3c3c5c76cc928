/*
 * api_office.c — the report, inspection, resident-office and complaint routes (see
 * api_office.h). Handlers parse the request and call src/cases with the account's scope
 * and name — src/cases checks the scope and writes the audit entry of a change, as for
 * the CLI — or src/report (the report's region checked here), and answer JSON (the report
 * also as its self-contained HTML page or Markdown).
 */
#include "web/api_office.h"
#include "cases/inspections.h"
#include "cases/duty.h"
#include "cases/office.h"
#include "cases/scope.h"
#include "report/report.h"
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The report page's own CSP: its styles are inline, it loads nothing. */
#define REPORT_CSP                                                                                 \
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "              \
    "form-action 'none'; frame-ancestors 'none'"

static int send_json_text(struct web_req *r, int status, strbuf *sb)
{
    return web_send(r, status, "application/json; charset=utf-8", sb);
}

/* Answer 200 with the JSON text a cases function built into sb, or its error (rc). */
static int send_built(struct web_req *r, int rc, strbuf *sb, const zj_diag *d)
{
    if (rc) {
        strbuf_release(sb);
        return web_error(r, rc, "%s", d->message);
    }
    return send_json_text(r, 200, sb);
}

/* The row id of path parameter 0; else 0 with the 404 "no WHAT '…'" sent (the handler
 * returns r->status). Whether the record is in scope is src/cases' to say. */
static long record_id(struct web_req *r, const char *what)
{
    long id = web_param_id(r, 0);
    if (!id)
        web_error(r, ZJ_ENOTFOUND, "no %s '%s'", what, r->params[0]);
    return id;
}

static zj_date body_date(struct web_req *r, const char *key)
{
    const char *s = web_body_str(r, key);
    zj_date d;
    if (!s || date_parse(s, (unsigned)strlen(s), &d) != 0)
        return ZJ_DATE_NONE;
    return d;
}

static zj_date query_date(struct web_req *r, const char *key, zj_date dflt, bool *bad)
{
    const char *s = web_query(r, key);
    zj_date d;
    if (!s)
        return dflt;
    if (date_parse(s, (unsigned)strlen(s), &d) != 0) {
        *bad = true;
        return dflt;
    }
    return d;
}

/* The error of a write: the diagnostic's message, else the fallback. */
static int write_error(struct web_req *r, int rc, const zj_diag *d, const char *fallback)
{
    return web_error(r, rc, "%s", d->message[0] ? d->message : fallback);
}

/* ------------------------------------------------------------------ report */

int api_report(struct web_req *r)
{
    const zj_scope *s = &r->acct.scope;
    if (s->kind == SCOPE_FACILITY)
        return web_error(r, ZJ_EFORBIDDEN, "the work report needs a region or country scope");
    const char *region = web_query(r, "region");
    if (!region)
        region = s->kind == SCOPE_REGION ? s->value : "";
    if (s->kind == SCOPE_REGION && strncmp(region, s->value, strlen(s->value)) != 0)
        return web_error(r, ZJ_EFORBIDDEN, "region '%s' is outside your scope", region);
    bool bad = false;
    zj_date to = query_date(r, "to", r->today, &bad);
    int y, m, d;
    date_to_ymd(to, &y, &m, &d);
    zj_date from = query_date(r, "from", date_from_ymd(y, 1, 1), &bad);
    if (bad || from > to)
        return web_error(r, ZJ_EINVAL,
                         "the period needs dates YYYY-MM-DD with from on or before to");
    report_params p = {.from = from,
                       .to = to,
                       .base_from = ZJ_DATE_NONE,
                       .base_to = ZJ_DATE_NONE,
                       .region = region};
    const char *by = web_query(r, "base_year");
    if (by) {
        int base = atoi(by);
        if (base < 1900 || base > 9999)
            return web_error(r, ZJ_EINVAL, "invalid base_year '%s'", by);
        p.base_from = date_add_months(from, -(y - base) * 12);
        p.base_to = date_add_months(to, -(y - base) * 12);
    }
    const char *format = web_query(r, "format");
    if (!format)
        format = "json";
    if (strcmp(format, "json") && strcmp(format, "html") && strcmp(format, "md"))
        return web_error(r, ZJ_EINVAL, "unknown format '%s'", format);
    report rep;
    zj_diag dg = {0};
    int rc = report_compute(r->db, &p, &rep, &dg);
    if (rc) {
        report_release(&rep);
        return web_error(r, rc, "%s", dg.message);
    }
    strbuf sb = STRBUF_INIT;
    int status;
    if (!strcmp(format, "html")) {
        report_render_html(&rep, &sb);
        r->csp = REPORT_CSP;
        status = web_send(r, 200, "text/html; charset=utf-8", &sb);
    } else if (!strcmp(format, "md")) {
        report_render_md(&rep, &sb);
        status = web_send(r, 200, "text/markdown; charset=utf-8", &sb);
    } else {
        report_render_json(&rep, &sb);
        status = send_json_text(r, 200, &sb);
    }
    report_release(&rep);
    return status;
}

/* ------------------------------------------------------------------ inspections */

int api_inspections_list(struct web_req *r)
{
    strbuf sb = STRBUF_INIT;
    zj_diag d = {0};
    int rc = inspect_list_json(r->db, &r->acct.scope, NULL, web_query(r, "facility"), &sb, &d);
    return send_built(r, rc, &sb, &d);
}

int api_inspectors_list(struct web_req *r)
{
    json_t *arr = inspect_inspectors_json(r->db);
    if (!arr)
        return web_error(r, ZJ_EDB, "cannot list inspectors");
    return web_json(r, 200, arr);
}

int api_inspector_add(struct web_req *r)
{
    const char *id = web_body_str(r, "inspector_id");
    zj_diag d = {0};
    int rc =
        inspect_inspector_add(r->db, id, web_body_str(r, "name"), web_body_str(r, "home_region"),
                              web_body_str(r, "specialities"), r->acct.name, &d);
    if (rc)
        return write_error(r, rc, &d, "cannot add the inspector");
    return web_json(r, 201, json_pack("{s:s}", "inspector_id", id));
}

/* The plan of a POST body (src/cases checks its facility's scope, its kind and period). */
static void body_plan(struct web_req *r, inspect_plan *p, inspect_rules *rules)
{
    p->kind = web_body_str(r, "kind");
    p->facility_id = web_body_str(r, "facility_id");
    p->start = body_date(r, "from");
    p->end = body_date(r, "to");
    p->focus = web_body_str(r, "focus");
    inspect_rules_default(rules);
    json_t *size = json_object_get(r->json, "size");
    if (json_is_integer(size))
        rules->team_size = (int)json_integer_value(size);
}

int api_inspection_propose(struct web_req *r)
{
    inspect_plan p;
    inspect_rules rules;
    body_plan(r, &p, &rules);
    inspect_team t;
    zj_diag d = {0};
    int rc = inspect_propose_team(r->db, &r->acct.scope, &p, 0, &rules, &t, &d);
    if (rc)
        return web_error(r, rc, "%s", d.message);
    strbuf sb = STRBUF_INIT;
    inspect_team_json(&t, &sb);
    return send_json_text(r, 200, &sb);
}

int api_inspection_create(struct web_req *r)
{
    inspect_plan p;
    inspect_rules rules;
    body_plan(r, &p, &rules);
    inspect_team t;
    zj_diag d = {0};
    bool no_team = json_is_false(json_object_get(r->json, "team"));
    int rc = no_team ? 0 : inspect_propose_team(r->db, &r->acct.scope, &p, 0, &rules, &t, &d);
    if (rc)
        return web_error(r, rc, "%s", d.message);
    long id = 0;
    rc = inspect_plan_create(r->db, &r->acct.scope, &p, no_team ? NULL : &t, r->acct.name, &id, &d);
    if (rc)
        return write_error(r, rc, &d, "cannot store the plan");
    strbuf sb = STRBUF_INIT;
    strbuf_addf(&sb, "{\"inspection_id\":%ld,\"team\":", id);
    if (no_team)
        strbuf_adds(&sb, "null");
    else
        inspect_team_json(&t, &sb);
    strbuf_addch(&sb, '}');
    return send_json_text(r, 201, &sb);
}

int api_inspection_start(struct web_req *r)
{
    long id = record_id(r, "inspection");
    if (!id)
        return r->status;
    strbuf sb = STRBUF_INIT;
    zj_diag d = {0};
    int rc = inspect_starting_list_json(r->db, &r->acct.scope, id, &sb, &d);
    return send_built(r, rc, &sb, &d);
}

int api_inspection_finding(struct web_req *r)
{
    long id = record_id(r, "inspection");
    if (!id)
        return r->status;
    long lead = 0;
    inspect_finding f = {web_body_str(r, "summary"), web_body_str(r, "person_id"),
                         web_body_str(r, "family"), web_body_str(r, "severity"),
                         web_body_str(r, "basis")};
    zj_diag d = {0};
    int rc = inspect_finding_add(r->db, &r->acct.scope, id, &f, r->acct.name, r->today, &lead, &d);
    if (rc)
        return write_error(r, rc, &d, "cannot record the finding");
    return web_json(r, 201, json_pack("{s:I}", "lead_id", (json_int_t)lead));
}

/* ------------------------------------------------------------------ resident office */

int api_office_journal(struct web_req *r)
{
    const char *fac = web_query(r, "facility");
    if (!fac && r->acct.scope.kind == SCOPE_FACILITY)
        fac = r->acct.scope.value;
    strbuf sb = STRBUF_INIT;
    zj_diag d = {0};
    int rc = office_journal_json(r->db, &r->acct.scope, fac, &sb, &d);
    return send_built(r, rc, &sb, &d);
}

int api_office_record(struct web_req *r)
{
    const zj_scope *sc = &r->acct.scope;
    const char *kind = r->params[0];
    const char *fac = web_body_str(r, "facility_id"), *person = web_body_str(r, "person_id"),
               *content = web_body_str(r, "content");
    zj_date day = body_date(r, "date");
    if (day == ZJ_DATE_NONE)
        day = r->today;
    long id = 0;
    zj_diag d = {0};
    int rc;
    if (!strcmp(kind, "log"))
        rc = office_log_add(r->db, sc, fac, day, r->acct.name, content, &id, &d);
    else if (!strcmp(kind, "talks"))
        rc = office_talk_add(r->db, sc, fac, person, day, web_body_str(r, "kind"), r->acct.name,
                             content, &id, &d);
    else if (!strcmp(kind, "meetings"))
        rc = office_meeting_add(r->db, sc, fac, person, day, body_date(r, "held_date"),
                                r->acct.name, content, &id, &d);
    else if (!strcmp(kind, "letters"))
        rc = office_letter_add(r->db, sc, fac, person, day, content, r->acct.name, &id, &d);
    else
        return web_error(r, ZJ_ENOTFOUND, "no office record kind '%s'", kind);
    if (rc)
        return write_error(r, rc, &d, "cannot store the record");
    return web_json(r, 201, json_pack("{s:s, s:I}", "kind", kind, "id", (json_int_t)id));
}

int api_letter_complaint(struct web_req *r)
{
    long id = record_id(r, "letter");
    if (!id)
        return r->status;
    long cid = 0;
    zj_diag d = {0};
    int rc = office_letter_to_complaint(r->db, &r->acct.scope, id, web_body_str(r, "kind"),
                                        web_body_str(r, "topic"), r->acct.name, &cid, &d);
    if (rc)
        return write_error(r, rc, &d, "cannot convert the letter");
    return web_json(r, 201, json_pack("{s:I}", "complaint_id", (json_int_t)cid));
}

int api_letter_lead(struct web_req *r)
{
    long id = record_id(r, "letter");
    if (!id)
        return r->status;
    long lead = 0;
    zj_diag d = {0};
    int rc = office_letter_to_lead(r->db, &r->acct.scope, id, r->acct.name, r->today, &lead, &d);
    if (rc)
        return write_error(r, rc, &d, "cannot convert the letter");
    return web_json(r, 201, json_pack("{s:I}", "lead_id", (json_int_t)lead));
}

/* ------------------------------------------------------------------ complaints */

int api_complaints_list(struct web_req *r)
{
    strbuf sb = STRBUF_INIT;
    zj_diag d = {0};
    int rc = office_complaints_json(r->db, &r->acct.scope, NULL, NULL, r->today, &sb, &d);
    return send_built(r, rc, &sb, &d);
}

int api_complaint_add(struct web_req *r)
{
    office_complaint c = {web_body_str(r, "kind"),
                          web_body_str(r, "channel"),
                          web_body_str(r, "topic"),
                          web_body_str(r, "person_id"),
                          web_body_str(r, "complainant"),
                          web_body_str(r, "facility_id"),
                          web_body_str(r, "content"),
                          body_date(r, "received_date"),
                          0};
    if (c.received == ZJ_DATE_NONE)
        c.received = r->today;
    long id = 0;
    zj_diag d = {0};
    int rc = office_complaint_add(r->db, &r->acct.scope, &c, r->acct.name, &id, &d);
    if (rc)
        return write_error(r, rc, &d, "cannot add the complaint");
    strbuf sb = STRBUF_INIT;
    office_complaint_json(r->db, &r->acct.scope, id, &sb, &d);
    return send_json_text(r, 201, &sb);
}

int api_complaint_get(struct web_req *r)
{
    long id = record_id(r, "complaint");
    if (!id)
        return r->status;
    strbuf sb = STRBUF_INIT;
    zj_diag d = {0};
    int rc = office_complaint_json(r->db, &r->acct.scope, id, &sb, &d);
    return send_built(r, rc, &sb, &d);
}

int api_complaint_calc(struct web_req *r)
{
    long id = record_id(r, "complaint");
    if (!id)
        return r->status;
    bool bad = false;
    zj_date as_of = query_date(r, "as_of", r->today, &bad);
    strbuf sb = STRBUF_INIT;
    zj_diag d = {0};
    int rc =
        office_complaint_calc_json(r->db, &r->acct.scope, id, bad ? ZJ_DATE_NONE : as_of, &sb, &d);
    char pid[64] = "", detail[48];
    if (rc == 0 && office_complaint_person(r->db, &r->acct.scope, id, pid, sizeof pid)) {
        snprintf(detail, sizeof detail, "complaint:%ld calc", id);
        web_audit_read(r, "read_person", pid, detail);
    }
    return send_built(r, rc, &sb, &d);
}

static int complaint_change(struct web_req *r, const char *what)
{
    long id = record_id(r, "complaint");
    if (!id)
        return r->status;
    const zj_scope *sc = &r->acct.scope;
    long lead = 0;
    zj_diag d = {0};
    int rc;
    if (!strcmp(what, "route")) {
        rc = office_complaint_route(r->db, sc, id, web_body_str(r, "assignee"), r->acct.name, &d);
    } else if (!strcmp(what, "close")) {
        zj_date day = body_date(r, "date");
        rc = office_complaint_close(r->db, sc, id, web_body_str(r, "outcome"),
                                    json_is_true(json_object_get(r->json, "corrected")),
                                    day == ZJ_DATE_NONE ? r->today : day, r->acct.name, &d);
    } else {
        rc = office_complaint_to_lead(r->db, sc, id, r->acct.name, r->today, &lead, &d);
    }
    if (rc)
        return write_error(r, rc, &d, "cannot change the complaint");
    strbuf sb = STRBUF_INIT;
    office_complaint_json(r->db, sc, id, &sb, &d);
    return send_json_text(r, 200, &sb);
}

int api_complaint_route(struct web_req *r)
{
    return complaint_change(r, "route");
}

int api_complaint_close(struct web_req *r)
{
    return complaint_change(r, "close");
}

int api_complaint_lead(struct web_req *r)
{
    return complaint_change(r, "lead");
}

/* ------------------------------------------------------------------ duty calendar */

/* The facility of a duty request: the query's or body's, else a facility account's own. */
static const char *duty_facility(struct web_req *r, const char *given)
{
    if (given && *given)
        return given;
    return r->acct.scope.kind == SCOPE_FACILITY ? r->acct.scope.value : NULL;
}

int api_duty_today(struct web_req *r)
{
    const char *fac = duty_facility(r, web_query(r, "facility"));
    bool bad = false;
    zj_date day = query_date(r, "as_of", r->today, &bad);
    strbuf sb = STRBUF_INIT;
    zj_diag d = {0};
    int rc = duty_today_json(r->db, &r->acct.scope, fac, bad ? ZJ_DATE_NONE : day, &sb, &d);
    return send_built(r, rc, &sb, &d);
}

int api_duty_record(struct web_req *r)
{
    const char *fac = duty_facility(r, web_body_str(r, "facility_id"));
    const char *person = web_body_str(r, "person_id");
    zj_date day = body_date(r, "date");
    duty_record_spec s = {
        .item_id = web_body_str(r, "item_id"),
        .facility_id = fac,
        .day = day == ZJ_DATE_NONE ? r->today : day,
        .findings = web_body_str(r, "findings"),
        .event_id = (long)json_integer_value(json_object_get(r->json, "event_id")),
        .roster_batch = (long)json_integer_value(json_object_get(r->json, "roster_batch")),
        .make_lead = json_is_true(json_object_get(r->json, "lead")),
        .person_id = person,
        .severity = web_body_str(r, "severity"),
    };
    long rid = 0, lid = 0;
    zj_diag d = {0};
    int rc = duty_record_add(r->db, &r->acct.scope, &s, r->acct.name, &rid, &lid, &d);
    if (rc)
        return write_error(r, rc, &d, "cannot record the check");
    json_t *j = json_pack("{s:I}", "record_id", (json_int_t)rid);
    if (lid)
        json_object_set_new(j, "lead_id", json_integer(lid));
    return web_json(r, 201, j);
}

int api_duty_event(struct web_req *r)
{
    const char *fac = duty_facility(r, web_body_str(r, "facility_id"));
    zj_date day = body_date(r, "date");
    long id = 0;
    zj_diag d = {0};
    int rc = duty_event_add(r->db, &r->acct.scope, web_body_str(r, "item_id"), fac,
                            day == ZJ_DATE_NONE ? r->today : day, web_body_str(r, "description"),
                            web_body_str(r, "person_id"), r->acct.name, &id, &d);
    if (rc)
        return write_error(r, rc, &d, "cannot record the occurrence");
    return web_json(r, 201, json_pack("{s:I}", "event_id", (json_int_t)id));
}

int api_duty_roster(struct web_req *r)
{
    const char *fac = duty_facility(r, web_query(r, "facility"));
    if (!fac) /* the web lists one facility's roster, a country account's too */
        return web_error(r, ZJ_EINVAL, "name the facility (facility=…)");
    strbuf sb = STRBUF_INIT;
    zj_diag d = {0};
    int rc = duty_roster_json(r->db, &r->acct.scope, 0, fac, &sb, &d);
    return send_built(r, rc, &sb, &d);
}

int api_duty_roster_screen(struct web_req *r)
{
    const char *fac = duty_facility(r, web_body_str(r, "facility_id"));
    if (!fac) /* the web screens one facility's roster, a country account's too */
        return web_error(r, ZJ_EFORBIDDEN, "facility '' is outside your scope");
    long checked = 0, flagged = 0;
    zj_diag d = {0};
    int rc =
        duty_roster_screen(r->db, &r->acct.scope, 0, fac, r->acct.name, &checked, &flagged, &d);
    if (rc)
        return write_error(r, rc, &d, "cannot screen the roster");
    return web_json(
        r, 200,
        json_pack("{s:I, s:I}", "checked", (json_int_t)checked, "flagged", (json_int_t)flagged));
}
