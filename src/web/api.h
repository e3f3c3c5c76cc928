/*
 * api.h — the handlers of the JSON API under /api/ (api.c), one per route of
 * web_routes[] (routes.c). See docs/api.md for each route's request and answer.
 */
#ifndef ZJ_WEB_API_H
#define ZJ_WEB_API_H
#include "web/web.h"

int api_login(struct web_req *r);
int api_logout(struct web_req *r);
int api_me(struct web_req *r);
int api_enums(struct web_req *r);
int api_overview(struct web_req *r);
int api_facilities(struct web_req *r);
int api_models(struct web_req *r);
/* GET /api/regions: the region table as [[code, name], ...] in code order (util/region.h). */
int api_regions(struct web_req *r);
int api_leads_list(struct web_req *r);
int api_leads_export(struct web_req *r);
int api_leads_export_xlsx(struct web_req *r);
int api_lead_get(struct web_req *r);
int api_lead_assign(struct web_req *r);
int api_lead_verify(struct web_req *r);
int api_lead_dismiss(struct web_req *r);
int api_lead_case(struct web_req *r);
int api_law(struct web_req *r);
int api_person_get(struct web_req *r);
/* The person at a glance (report/person_picture.h) as image/svg+xml; leads link to
 * #/leads/{id}. Same scope and audit as api_person_get. */
int api_person_timeline_svg(struct web_req *r);
int api_cases_list(struct web_req *r);
int api_case_get(struct web_req *r);
int api_case_close(struct web_req *r);
int api_measure_create(struct web_req *r);
int api_measures_due(struct web_req *r);
int api_measure_get(struct web_req *r);
int api_measure_update(struct web_req *r);
int api_measure_escalate(struct web_req *r);
int api_measure_html(struct web_req *r);
int api_measure_docx(struct web_req *r);
int api_accounts_list(struct web_req *r);
int api_accounts_add(struct web_req *r);
int api_account_disable(struct web_req *r);
int api_account_enable(struct web_req *r);
int api_account_password(struct web_req *r);
int api_account_unlock(struct web_req *r);
int api_me_password(struct web_req *r);
int api_audit_list(struct web_req *r);

#endif
