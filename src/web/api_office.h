/*
 * api_office.h — JSON API handlers for the work report, circuit inspections, the resident
 * office and complaints (api_office.c), registered as rows of web_routes[] (routes.c):
 *
 *   GET  /api/report?from&to&region&base_year&format=json|html|md
 *   GET  /api/inspections[?facility=F]          POST /api/inspections (plan with proposed team)
 *   POST /api/inspections/propose               GET  /api/inspectors, POST (admin)
 *   GET  /api/inspections/{id}/start            POST /api/inspections/{id}/findings
 *   GET  /api/office/journal?facility=F         POST /api/office/{log|talks|meetings|letters}
 *   POST /api/office/letters/{id}/complaint     POST /api/office/letters/{id}/lead
 *   GET  /api/complaints                        POST /api/complaints
 *   GET  /api/complaints/{id}                   GET  /api/complaints/{id}/calc
 *   POST /api/complaints/{id}/route|close|lead
 *
 * Scope: every read and write is limited to the account's scope (a facility must be in
 * it); the report needs a region or country scope and its region must lie inside it.
 * Every write is recorded in the audit log in the same transaction.
 */
#ifndef ZJ_WEB_API_OFFICE_H
#define ZJ_WEB_API_OFFICE_H
#include "web/web.h"

int api_report(struct web_req *r);
int api_inspections_list(struct web_req *r);
int api_inspection_create(struct web_req *r);
int api_inspection_propose(struct web_req *r);
int api_inspectors_list(struct web_req *r);
int api_inspector_add(struct web_req *r);
int api_inspection_start(struct web_req *r);
int api_inspection_finding(struct web_req *r);
int api_office_journal(struct web_req *r);
int api_office_record(struct web_req *r);
int api_letter_complaint(struct web_req *r);
int api_letter_lead(struct web_req *r);
/* The duty calendar (cases/duty.h): GET /api/duty?facility&as_of, POST /api/duty/records,
 * POST /api/duty/events, GET /api/duty/roster?facility, POST /api/duty/roster/screen. The
 * facility defaults to a facility account's own and must be in scope; a named person must
 * be in the account's view. */
int api_duty_today(struct web_req *r);
int api_duty_record(struct web_req *r);
int api_duty_event(struct web_req *r);
int api_duty_roster(struct web_req *r);
int api_duty_roster_screen(struct web_req *r);
int api_complaints_list(struct web_req *r);
int api_complaint_add(struct web_req *r);
int api_complaint_get(struct web_req *r);
int api_complaint_calc(struct web_req *r);
int api_complaint_route(struct web_req *r);
int api_complaint_close(struct web_req *r);
int api_complaint_lead(struct web_req *r);

#endif
