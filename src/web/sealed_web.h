/*
 * sealed_web.h — sealed persons in the web application (law.md J-03, docs/sealing.md).
 *
 * A route that opens one person's record (the person page and picture, a lead, a case, a
 * measure or its document, a complaint) calls web_sealed_gate() with the person it names:
 * when that person is sealed today, the route answers 403
 *   {"error": "purpose_required", "message": "…须说明事由…", "person_id", "sealed": true,
 *    "purposes": [...]}
 * unless the request states a purpose (?purpose=… or a body member "purpose") or the session
 * stated one for that person before (POST /api/sealed/{person_id}/purpose, or an earlier
 * ?purpose=); the read is then audited as read_sealed with the purpose.
 *
 * Every other JSON answer passes web_sealed_filter(): each person_id it carries is checked
 * and a sealed person is masked (name → （已封存）, id_number and birth_date null, the name
 * inside texts → ×××, "sealed": true on the object) — lists, overviews, write answers.
 */
#ifndef ZJ_WEB_SEALED_WEB_H
#define ZJ_WEB_SEALED_WEB_H
#include "web/web.h"

/* 0 when the route may show person_id (not sealed, or a purpose: read audited, and the
 * person is remembered in r->purpose_person so that the filter leaves it); otherwise the
 * status of the answer made (403 purpose_required, 500). */
int web_sealed_gate(struct web_req *r, const char *person_id, const char *what, long id);

/* POST /api/sealed/{person_id}/purpose {"purpose"}: state a purpose for the session
 * (person in scope, 404 otherwise); audited as purpose. */
int api_sealed_purpose(struct web_req *r);

/* Mask the sealed persons of a JSON answer (server.c calls it after every handler). */
void web_sealed_filter(struct web_req *r);

#endif
