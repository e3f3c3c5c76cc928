/*
 * sealed_web.c — sealed persons in the web application (law.md J-03, docs/sealing.md):
 * the gate of the routes that open one person's record, the purpose route, and the filter
 * that masks sealed persons in every other JSON answer (see sealed_web.h).
 */
#include "web/sealed_web.h"
#include "cases/audit.h"
#include "cases/sealed.h"
#include "store/stmt.h"
#include "cases/workflow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The purpose of this request for person_id: ?purpose= (or a body member "purpose"), else
 * one stated earlier in the session. 1 with purpose filled, 0 when none, or ZJ_EINVAL
 * (a purpose given but unacceptable; d says why). */
static int purpose_of(struct web_req *r, const char *person_id, char *purpose, size_t n, zj_diag *d)
{
    const char *p = web_query(r, "purpose");
    if (!p && r->json)
        p = json_string_value(json_object_get(r->json, "purpose"));
    if (p) {
        if (sealed_purpose_ok(p, d) != 0)
            return ZJ_EINVAL;
        snprintf(purpose, n, "%s", p);
        web_purpose_grant(r, person_id, p);
        return 1;
    }
    return web_purpose_granted(r, person_id, purpose, n) ? 1 : 0;
}

static int answer_purpose_required(struct web_req *r, const char *person_id, const char *msg)
{
    json_t *ps = json_array();
    for (const char *const *p = sealed_purposes; *p; p++)
        json_array_append_new(ps, json_string(*p));
    json_t *j = json_pack("{s:s, s:s, s:s, s:b, s:o}", "error", "purpose_required", "message", msg,
                          "person_id", person_id, "sealed", 1, "purposes", ps);
    return web_json(r, 403, j);
}

int web_sealed_gate(struct web_req *r, const char *person_id, const char *what, long id)
{
    if (!person_id || !*person_id)
        return 0;
    bool sealed = false;
    if (sealed_check(r->db, person_id, r->today, &sealed) != 0)
        return web_error(r, ZJ_EDB, "cannot check the sealing");
    if (!sealed)
        return 0;
    char purpose[WEB_PURPOSE_MAX + 1];
    zj_diag d = {0};
    int p = purpose_of(r, person_id, purpose, sizeof purpose, &d);
    if (p < 0)
        return answer_purpose_required(r, person_id, d.message);
    if (p == 0) {
        sealed_purpose_ok("", &d);
        return answer_purpose_required(r, person_id, d.message);
    }
    char detail[WEB_PURPOSE_MAX + 64];
    if (id)
        snprintf(detail, sizeof detail, "%s:%ld; 事由：%s", what, id, purpose);
    else
        snprintf(detail, sizeof detail, "%s; 事由：%s", what, purpose);
    if (audit_append(r->db, r->acct.name, "read_sealed", person_id, detail) != 0)
        return web_error(r, ZJ_EDB, "cannot record the read");
    snprintf(r->purpose_person, sizeof r->purpose_person, "%s", person_id);
    return 0;
}

int api_sealed_purpose(struct web_req *r)
{
    const char *pid = r->params[0];
    json_t *person = person_get(r->db, &r->acct.scope, pid, true);
    if (!person)
        return web_error(r, ZJ_ENOTFOUND, "no person '%s'", pid);
    json_decref(person);
    bool sealed = false;
    if (sealed_check(r->db, pid, r->today, &sealed) != 0)
        return web_error(r, ZJ_EDB, "cannot check the sealing");
    const char *p = web_body_str(r, "purpose");
    zj_diag d = {0};
    if (sealed_purpose_ok(p, &d) != 0)
        return web_error(r, ZJ_EINVAL, "%s", d.message);
    if (sealed) {
        web_purpose_grant(r, pid, p);
        char detail[WEB_PURPOSE_MAX + 16];
        snprintf(detail, sizeof detail, "事由：%s", p);
        if (audit_append(r->db, r->acct.name, "purpose", pid, detail) != 0)
            return web_error(r, ZJ_EDB, "cannot record the purpose");
    }
    return web_json(r, 200,
                    json_pack("{s:s, s:b, s:s}", "person_id", pid, "sealed", sealed, "purpose", p));
}

/* ---- the filter ---- */

#define FILTER_MAX_PERSONS 1000

typedef struct pidset {
    char **v;
    size_t n;
} pidset;

static void collect(json_t *j, pidset *s)
{
    if (s->n >= FILTER_MAX_PERSONS)
        return;
    if (json_is_object(j)) {
        const char *k;
        json_t *v;
        json_object_foreach(j, k, v)
        {
            if (!strcmp(k, "person_id") && json_is_string(v)) {
                const char *pid = json_string_value(v);
                bool seen = !*pid;
                for (size_t i = 0; i < s->n && !seen; i++)
                    seen = !strcmp(s->v[i], pid);
                if (!seen && s->n < FILTER_MAX_PERSONS) {
                    s->v = realloc(s->v, (s->n + 1) * sizeof *s->v);
                    s->v[s->n++] = strdup(pid);
                }
            } else {
                collect(v, s);
            }
        }
    } else if (json_is_array(j)) {
        size_t i;
        json_t *v;
        json_array_foreach(j, i, v) collect(v, s);
    }
}

/* "sealed": true on the objects of j that carry person_id pid (shown after a purpose). */
static void mark(json_t *j, const char *pid)
{
    if (json_is_object(j)) {
        const char *k;
        json_t *v;
        const char *p = json_string_value(json_object_get(j, "person_id"));
        json_object_foreach(j, k, v) mark(v, pid);
        if (p && !strcmp(p, pid))
            json_object_set_new(j, "sealed", json_true());
    } else if (json_is_array(j)) {
        size_t i;
        json_t *v;
        json_array_foreach(j, i, v) mark(v, pid);
    }
}

void web_sealed_filter(struct web_req *r)
{
    if (r->status < 200 || r->status >= 300 || r->raw || !r->ctype ||
        strncmp(r->ctype, "application/json", 16) || !r->body.buf ||
        !strstr(r->body.buf, "\"person_id\""))
        return;
    /* no sealed record at all (most small databases): nothing to parse */
    sqlite3_stmt *any = store_stmt(r->db, "SELECT EXISTS (SELECT 1 FROM person_sealing)");
    bool some = !any || (sqlite3_step(any) == SQLITE_ROW && sqlite3_column_int(any, 0));
    store_stmt_done(any);
    if (!some)
        return;
    json_t *j = json_loadb(r->body.buf, r->body.len, JSON_DECODE_ANY, NULL);
    if (!j) { /* never an answer that could not be checked */
        strbuf_reset(&r->body);
        strbuf_adds(&r->body,
                    "{\"error\":\"internal error\",\"message\":\"cannot check the answer\"}");
        r->status = 500;
        return;
    }
    pidset s = {0};
    collect(j, &s);
    bool changed = false;
    for (size_t i = 0; i < s.n; i++) {
        bool sealed = false;
        if (r->purpose_person[0] && !strcmp(r->purpose_person, s.v[i])) {
            mark(j, s.v[i]); /* the record the route opened, after its purpose */
            changed = true;
            continue;
        }
        if (sealed_check(r->db, s.v[i], r->today, &sealed) != 0 || !sealed)
            continue;
        sealed_ident id;
        if (sealed_ident_load(r->db, s.v[i], &id) != 0)
            continue;
        sealed_mask_json(j, &id);
        changed = true;
    }
    for (size_t i = 0; i < s.n; i++)
        free(s.v[i]);
    free(s.v);
    if (changed) {
        char *txt = json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY);
        strbuf_reset(&r->body);
        if (txt) {
            strbuf_adds(&r->body, txt);
            free(txt);
        } else { /* never the unmasked answer */
            strbuf_adds(&r->body,
                        "{\"error\":\"internal error\",\"message\":\"cannot mask the answer\"}");
            r->status = 500;
        }
    }
    json_decref(j);
}
