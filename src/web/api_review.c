/*
 * api_review.c — the review of court documents (see api_review.h).
 */
#include "web/api_review.h"
#include "cases/audit.h"
#include "docs_intake/doc_intake.h"
#include "store/store.h"
#include "util/xalloc.h"
#include "web/sealed_web.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct doc_actor actor(struct web_req *r)
{
    return (struct doc_actor){
        .name = r->acct.name, .scope = &r->acct.scope, .mask_ids = web_mask_ids(r)};
}

int api_docs_list(struct web_req *r)
{
    struct doc_actor a = actor(r);
    const char *status = web_query(r, "status");
    if (status && strcmp(status, "pending") && strcmp(status, "confirmed") &&
        strcmp(status, "discarded"))
        return web_error(r, ZJ_EINVAL, "unknown status '%s'", status);
    web_audit_read(r, "doc_list", status ? status : "all", NULL);
    json_t *list = doc_intake_list(r->db, &a, status);
    /* a document that may name a sealed person carries that person_id, so that
     * web_sealed_filter masks the name in its file name and persons */
    size_t i;
    json_t *d;
    json_array_foreach(list, i, d)
    {
        char pid[64];
        json_int_t id = json_integer_value(json_object_get(d, "doc_id"));
        if (id > 0 && doc_intake_sealed_person(r->db, (long)id, &a, r->today, pid) != 0) {
            json_decref(list);
            return web_error(r, ZJ_EDB, "cannot check the documents' persons");
        }
        if (id > 0 && pid[0])
            json_object_set_new(d, "person_id", json_string(pid));
    }
    return web_json(r, 200, list);
}

int api_docs_upload(struct web_req *r)
{
    struct doc_actor a = actor(r);
    const char *name = web_query(r, "name");
    if (!name)
        return web_error(r, ZJ_EINVAL, "the file's name is missing (?name=)");
    const char *slash = strrchr(name, '/');
    name = slash ? slash + 1 : name;
    if (!*name || strlen(name) > 200)
        return web_error(r, ZJ_EINVAL, "invalid file name");
    if (!r->upload_len)
        return web_error(r, ZJ_EINVAL, "empty file");
    long id;
    int existed;
    struct doc_err e;
    int rc = doc_intake_add(r->db, r->upload, r->upload_len, name, &a, &id, &existed, &e);
    if (rc == ZJ_EINVAL)
        return web_json(r, 400,
                        json_pack("{s:s, s:s, s:s}", "error", "invalid input", "message", e.zh,
                                  "reason", e.en));
    if (rc != 0)
        return web_error(r, rc, "cannot queue the document");
    if (!existed) {
        char obj[32], detail[128];
        snprintf(obj, sizeof obj, "doc:%ld", id);
        snprintf(detail, sizeof detail, "%.100s (%zu bytes)", name, r->upload_len);
        if (store_begin(r->db) == 0) {
            if (audit_append(r->db, r->acct.name, "doc_upload", obj, detail) == 0)
                store_commit(r->db);
            else
                store_rollback(r->db);
        }
    }
    return web_json(r, existed ? 200 : 201,
                    json_pack("{s:I, s:b}", "doc_id", (json_int_t)id, "existed", existed));
}

int api_doc_get(struct web_req *r)
{
    struct doc_actor a = actor(r);
    long id = web_param_id(r, 0);
    json_t *d = id ? doc_intake_get(r->db, id, &a) : NULL;
    if (!d)
        return web_error(r, ZJ_ENOTFOUND, "no document %s", r->params[0]);
    char obj[32];
    snprintf(obj, sizeof obj, "doc:%ld", id);
    web_audit_read(r, "doc_read", obj, NULL);
    return web_json(r, 200, d);
}

int api_doc_file(struct web_req *r)
{
    struct doc_actor a = actor(r);
    long id = web_param_id(r, 0);
    unsigned char *data = NULL;
    size_t len = 0;
    char file[256], format[8], pid[64] = "";
    if (a.mask_ids)
        return web_error(r, ZJ_EFORBIDDEN, "the document shows id numbers your role does not see");
    if (id && doc_intake_sealed_person(r->db, id, &a, r->today, pid) != 0)
        return web_error(r, ZJ_EDB, "cannot check the document's persons");
    if (pid[0]) {
        int st = web_sealed_gate(r, pid, "doc_file", id);
        if (st != 0)
            return st;
    }
    int rc = id ? doc_intake_content(r->db, id, &a, &data, &len, file, format) : ZJ_ENOTFOUND;
    if (rc != 0)
        return web_error(r, rc, "no document %s", r->params[0]);
    char obj[32];
    snprintf(obj, sizeof obj, "doc:%ld", id);
    web_audit_read(r, "doc_download", obj, NULL);
    /* attachment, never shown inline; the name as RFC 5987 percent-encoded UTF-8 */
    char enc[160] = "";
    size_t o = 0;
    for (const unsigned char *p = (const unsigned char *)file; *p && o + 4 < sizeof enc; p++) {
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
            *p == '.' || *p == '-' || *p == '_')
            enc[o++] = (char)*p;
        else
            o += (size_t)snprintf(enc + o, sizeof enc - o, "%%%02X", *p);
    }
    snprintf(r->disposition, sizeof r->disposition,
             "attachment; filename=\"doc-%ld.%s\"; filename*=UTF-8''%.160s", id, format, enc);
    const char *ct = !strcmp(format, "pdf") ? "application/pdf"
                     : !strcmp(format, "docx")
                         ? "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                         : "text/plain";
    return web_send_raw(r, ct, data, len);
}

int api_doc_confirm(struct web_req *r)
{
    struct doc_actor a = actor(r);
    long id = web_param_id(r, 0);
    if (!id)
        return web_error(r, ZJ_ENOTFOUND, "no document %s", r->params[0]);
    json_t *fields = json_object_get(r->json, "fields");
    json_t *persons = json_object_get(r->json, "persons");
    if ((fields && !json_is_object(fields)) || (persons && !json_is_object(persons)))
        return web_error(r, ZJ_EINVAL, "fields and persons must be objects");
    json_t *res = NULL;
    zj_diag d = {0};
    int rc = doc_intake_confirm(r->db, id, &a, fields, persons, r->today, &res, &d);
    if (rc != 0)
        return web_json(r, zj_err_http_status(rc),
                        json_pack("{s:s, s:s, s:s}", "error", zj_strerror(rc), "message", d.message,
                                  "field", d.field));
    return web_json(r, 200, res);
}

int api_doc_discard(struct web_req *r)
{
    struct doc_actor a = actor(r);
    long id = web_param_id(r, 0);
    if (!id)
        return web_error(r, ZJ_ENOTFOUND, "no document %s", r->params[0]);
    zj_diag d = {0};
    int rc = doc_intake_discard(r->db, id, &a, web_body_str(r, "reason"), &d);
    if (rc != 0)
        return web_json(r, zj_err_http_status(rc),
                        json_pack("{s:s, s:s}", "error", zj_strerror(rc), "message", d.message));
    return web_json(r, 200,
                    json_pack("{s:I, s:s}", "doc_id", (json_int_t)id, "status", "discarded"));
}
