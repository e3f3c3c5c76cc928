/*
 * routes.c — the routes table of the web application: one row per route, method,
 * pattern ({x} = one path segment), handler, and who may call it (web.h). The first row
 * whose pattern and method match wins, so a literal segment (/api/leads/export) comes
 * before the pattern that would also match it (/api/leads/{id}).
 * To add a route: declare the handler in your module's header, include it here and add
 * one row; document it in docs/api.md.
 */
#include "web/api.h"
#include "web/api_import.h"
#include "web/api_library.h"
#include "web/api_office.h"
#include "web/api_review.h"
#include "web/sealed_web.h"
#include "web/web.h"

const struct web_route web_routes[] = {
    {"POST", "/api/login", api_login, AUTH_NONE},
    {"POST", "/api/logout", api_logout, AUTH_NONE},
    {"GET", "/api/me", api_me, AUTH_READ},
    {"GET", "/api/enums", api_enums, AUTH_READ},
    {"POST", "/api/me/password", api_me_password, AUTH_READ},
    {"GET", "/api/overview", api_overview, AUTH_READ},
    {"GET", "/api/facilities", api_facilities, AUTH_READ},
    {"GET", "/api/models", api_models, AUTH_READ},
    {"GET", "/api/regions", api_regions, AUTH_READ},
    {"GET", "/api/leads", api_leads_list, AUTH_READ},
    {"GET", "/api/leads/export", api_leads_export, AUTH_READ},
    {"GET", "/api/leads/export.xlsx", api_leads_export_xlsx, AUTH_READ},
    {"GET", "/api/leads/{id}", api_lead_get, AUTH_READ},
    {"POST", "/api/leads/{id}/assign", api_lead_assign, AUTH_WRITE},
    {"POST", "/api/leads/{id}/verify", api_lead_verify, AUTH_WRITE},
    {"POST", "/api/leads/{id}/dismiss", api_lead_dismiss, AUTH_WRITE},
    {"POST", "/api/leads/{id}/case", api_lead_case, AUTH_WRITE},
    {"GET", "/api/law", api_law, AUTH_READ},
    {"GET", "/api/persons/{id}", api_person_get, AUTH_READ},
    {"GET", "/api/persons/{id}/timeline.svg", api_person_timeline_svg, AUTH_READ},
    {"POST", "/api/sealed/{id}/purpose", api_sealed_purpose, AUTH_READ},
    {"GET", "/api/cases", api_cases_list, AUTH_READ},
    {"GET", "/api/cases/{id}", api_case_get, AUTH_READ},
    {"POST", "/api/cases/{id}/close", api_case_close, AUTH_WRITE},
    {"POST", "/api/cases/{id}/measures", api_measure_create, AUTH_WRITE},
    {"POST", "/api/cases/{id}/typical", api_case_propose_typical, AUTH_WRITE},
    {"GET", "/api/measures/due", api_measures_due, AUTH_READ},
    {"GET", "/api/measures/{id}", api_measure_get, AUTH_READ},
    {"POST", "/api/measures/{id}", api_measure_update, AUTH_WRITE},
    {"POST", "/api/measures/{id}/escalate", api_measure_escalate, AUTH_WRITE},
    {"GET", "/api/measures/{id}/document.html", api_measure_html, AUTH_READ},
    {"GET", "/api/measures/{id}/document.docx", api_measure_docx, AUTH_READ},
    {"GET", "/api/accounts", api_accounts_list, AUTH_ADMIN},
    {"POST", "/api/accounts", api_accounts_add, AUTH_ADMIN},
    {"POST", "/api/accounts/{id}/disable", api_account_disable, AUTH_ADMIN},
    {"POST", "/api/accounts/{id}/enable", api_account_enable, AUTH_ADMIN},
    {"POST", "/api/accounts/{id}/password", api_account_password, AUTH_ADMIN},
    {"POST", "/api/accounts/{id}/unlock", api_account_unlock, AUTH_ADMIN},
    {"GET", "/api/audit", api_audit_list, AUTH_ADMIN},
    /* report, inspections, resident office, complaints (api_office.h) */
    {"GET", "/api/report", api_report, AUTH_READ},
    {"GET", "/api/inspectors", api_inspectors_list, AUTH_READ},
    {"POST", "/api/inspectors", api_inspector_add, AUTH_ADMIN},
    {"GET", "/api/inspections", api_inspections_list, AUTH_READ},
    {"POST", "/api/inspections", api_inspection_create, AUTH_WRITE},
    {"POST", "/api/inspections/propose", api_inspection_propose, AUTH_WRITE},
    {"GET", "/api/inspections/{id}/start", api_inspection_start, AUTH_READ},
    {"POST", "/api/inspections/{id}/findings", api_inspection_finding, AUTH_WRITE},
    {"GET", "/api/office/journal", api_office_journal, AUTH_READ},
    {"POST", "/api/office/letters/{id}/complaint", api_letter_complaint, AUTH_WRITE},
    {"POST", "/api/office/letters/{id}/lead", api_letter_lead, AUTH_WRITE},
    {"POST", "/api/office/{kind}", api_office_record, AUTH_WRITE},
    {"GET", "/api/duty", api_duty_today, AUTH_READ},
    {"POST", "/api/duty/records", api_duty_record, AUTH_WRITE},
    {"POST", "/api/duty/events", api_duty_event, AUTH_WRITE},
    {"GET", "/api/duty/roster", api_duty_roster, AUTH_READ},
    {"POST", "/api/duty/roster/screen", api_duty_roster_screen, AUTH_WRITE},
    {"GET", "/api/complaints", api_complaints_list, AUTH_READ},
    {"POST", "/api/complaints", api_complaint_add, AUTH_WRITE},
    {"GET", "/api/complaints/{id}", api_complaint_get, AUTH_READ},
    {"GET", "/api/complaints/{id}/calc", api_complaint_calc, AUTH_READ},
    {"POST", "/api/complaints/{id}/route", api_complaint_route, AUTH_WRITE},
    {"POST", "/api/complaints/{id}/close", api_complaint_close, AUTH_WRITE},
    {"POST", "/api/complaints/{id}/lead", api_complaint_lead, AUTH_WRITE},
    /* court documents: upload and review (api_review.h) */
    {"GET", "/api/docs", api_docs_list, AUTH_DATA},
    {"POST", "/api/docs/upload", api_docs_upload, AUTH_DATA},
    {"GET", "/api/docs/{id}", api_doc_get, AUTH_DATA},
    {"GET", "/api/docs/{id}/file", api_doc_file, AUTH_DATA},
    {"POST", "/api/docs/{id}/confirm", api_doc_confirm, AUTH_DATA},
    {"POST", "/api/docs/{id}/discard", api_doc_discard, AUTH_DATA},
    /* spreadsheets of source systems through profiles (api_import.h) */
    {"GET", "/api/profiles", api_profiles, AUTH_DATA},
    {"POST", "/api/import/upload", api_import_upload, AUTH_DATA},
    {"GET", "/api/import/rejects", api_import_rejects, AUTH_DATA},
    {"GET", "/api/import/rejects.xlsx", api_import_rejects_xlsx, AUTH_DATA},
    {"GET", "/api/import/progress", api_import_progress, AUTH_DATA},
    {"GET", "/api/import/jobs", api_import_jobs, AUTH_DATA},
    {"GET", "/api/import/jobs/{id}", api_import_job, AUTH_DATA},
    /* the case library (api_library.h) */
    {"GET", "/api/library", api_library_search, AUTH_READ},
    {"GET", "/api/library/booklet.html", api_library_booklet_html, AUTH_READ},
    {"GET", "/api/library/booklet.docx", api_library_booklet_docx, AUTH_READ},
    {"GET", "/api/library/{id}", api_library_get, AUTH_READ},
    {"POST", "/api/library/{id}", api_library_update, AUTH_WRITE},
    {"POST", "/api/library/{id}/publish", api_library_publish, AUTH_WRITE},
    {"POST", "/api/library/{id}/withdraw", api_library_withdraw, AUTH_WRITE},
};

const size_t web_routes_count = sizeof web_routes / sizeof web_routes[0];

const char *const web_upload_routes[] = {"/api/docs/upload", "/api/import/upload", NULL};
