/*
 * routes.c — the routes table of the web application: one row per route, method,
 * pattern ({x} = one path segment), handler, and who may call it (web.h). The first row
 * whose pattern and method match wins, so a literal segment (/api/leads/export) comes
 * before the pattern that would also match it (/api/leads/{id}).
 * To add a route: declare the handler in your module's header, include it here and add
 * one row; document it in docs/api.md.
 */
#include "web/api.h"
#include "web/web.h"

const struct web_route web_routes[] = {
    {"POST", "/api/login", api_login, AUTH_NONE},
    {"POST", "/api/logout", api_logout, AUTH_NONE},
    {"GET", "/api/me", api_me, AUTH_READ},
    {"GET", "/api/overview", api_overview, AUTH_READ},
    {"GET", "/api/facilities", api_facilities, AUTH_READ},
    {"GET", "/api/models", api_models, AUTH_READ},
    {"GET", "/api/leads", api_leads_list, AUTH_READ},
    {"GET", "/api/leads/export", api_leads_export, AUTH_READ},
    {"GET", "/api/leads/{id}", api_lead_get, AUTH_READ},
    {"POST", "/api/leads/{id}/assign", api_lead_assign, AUTH_WRITE},
    {"POST", "/api/leads/{id}/verify", api_lead_verify, AUTH_WRITE},
    {"POST", "/api/leads/{id}/dismiss", api_lead_dismiss, AUTH_WRITE},
    {"POST", "/api/leads/{id}/case", api_lead_case, AUTH_WRITE},
    {"GET", "/api/persons/{id}", api_person_get, AUTH_READ},
    {"GET", "/api/cases", api_cases_list, AUTH_READ},
    {"GET", "/api/cases/{id}", api_case_get, AUTH_READ},
    {"POST", "/api/cases/{id}/close", api_case_close, AUTH_WRITE},
    {"POST", "/api/cases/{id}/measures", api_measure_create, AUTH_WRITE},
    {"GET", "/api/measures/due", api_measures_due, AUTH_READ},
    {"GET", "/api/measures/{id}", api_measure_get, AUTH_READ},
    {"POST", "/api/measures/{id}", api_measure_update, AUTH_WRITE},
    {"GET", "/api/measures/{id}/document.html", api_measure_html, AUTH_READ},
    {"GET", "/api/measures/{id}/document.docx", api_measure_docx, AUTH_READ},
    {"GET", "/api/accounts", api_accounts_list, AUTH_ADMIN},
    {"POST", "/api/accounts", api_accounts_add, AUTH_ADMIN},
    {"POST", "/api/accounts/{id}/disable", api_account_disable, AUTH_ADMIN},
    {"POST", "/api/accounts/{id}/enable", api_account_enable, AUTH_ADMIN},
    {"GET", "/api/audit", api_audit_list, AUTH_ADMIN},
};

const size_t web_routes_count = sizeof web_routes / sizeof web_routes[0];
