/*
 * api_library.c — the case library routes (see api_library.h and docs/api.md).
 */
#include "web/api_library.h"
#include "cases/audit.h"
#include "cases/library.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int int_query(struct web_req *r, const char *name, int dflt, int max)
{
    const char *v = web_query(r, name);
    if (!v)
        return dflt;
    char *end;
    long n = strtol(v, &end, 10);
    return *end || n < 1 || n > max ? -1 : (int)n;
}

static int read_filter(struct web_req *r, library_filter *f, int max_per)
{
    memset(f, 0, sizeof *f);
    f->q = web_query(r, "q");
    f->model = web_query(r, "model");
    f->area = web_query(r, "area");
    f->status = web_query(r, "status");
    f->page = int_query(r, "page", 1, 1000000);
    f->per = int_query(r, "per", max_per == 1000 ? 1000 : 50, max_per);
    if (f->page < 0 || f->per < 0)
        return web_error(r, ZJ_EINVAL, "page 应为正整数，per 应为 1 至 %d", max_per);
    if (f->status && strcmp(f->status, "published") && strcmp(f->status, "draft") &&
        strcmp(f->status, "all"))
        return web_error(r, ZJ_EINVAL, "status 应为 published、draft 或 all");
    return 0;
}

int api_library_search(struct web_req *r)
{
    library_filter f;
    if (read_filter(r, &f, 200))
        return r->status;
    json_t *j = library_search(r->db, &r->acct.scope, &f, false);
    return j ? web_json(r, 200, j) : web_error(r, ZJ_EDB, "cannot search the library");
}

/* The published typical cases matching the filter, in full, for a booklet; audited as an
 * export. NULL when an error was answered. */
static json_t *booklet_items(struct web_req *r, const char *what)
{
    library_filter f;
    if (read_filter(r, &f, 1000))
        return NULL;
    f.status = "published";
    f.per = 1000;
    json_t *j = library_search(r->db, &r->acct.scope, &f, true);
    if (!j) {
        web_error(r, ZJ_EDB, "cannot search the library");
        return NULL;
    }
    json_t *items = json_incref(json_object_get(j, "items"));
    json_decref(j);
    char detail[96];
    snprintf(detail, sizeof detail, "%s %zu cases", what, json_array_size(items));
    if (audit_append(r->db, r->acct.name, "export", "library", detail) != 0) {
        json_decref(items);
        web_error(r, ZJ_EDB, "cannot record the export");
        return NULL;
    }
    return items;
}

int api_library_booklet_html(struct web_req *r)
{
    json_t *items = booklet_items(r, "library.html");
    if (!items)
        return r->status;
    strbuf sb = STRBUF_INIT;
    library_booklet_html(items, NULL, &sb);
    json_decref(items);
    r->csp = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";
    const char *inl = web_query(r, "inline");
    if (!inl || strcmp(inl, "1"))
        snprintf(r->disposition, sizeof r->disposition, "attachment; filename=\"library.html\"");
    return web_send(r, 200, "text/html; charset=utf-8", &sb);
}

int api_library_booklet_docx(struct web_req *r)
{
    json_t *items = booklet_items(r, "library.docx");
    if (!items)
        return r->status;
    unsigned char *data = NULL;
    size_t len = 0;
    int rc = library_booklet_docx(items, NULL, &data, &len);
    json_decref(items);
    if (rc)
        return web_error(r, rc, "cannot build the .docx");
    snprintf(r->disposition, sizeof r->disposition, "attachment; filename=\"library.docx\"");
    return web_send_raw(
        r, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", data, len);
}

int api_library_get(struct web_req *r)
{
    long id = web_param_id(r, 0);
    json_t *j = id ? library_get(r->db, &r->acct.scope, id) : NULL;
    if (!j)
        return web_error(r, ZJ_ENOTFOUND, "没有编号为 %s 的典型案例，或不在您的权限范围内",
                         r->params[0]);
    return web_json(r, 200, j);
}

static int answer(struct web_req *r, int rc, long id, const zj_diag *d, int ok_status)
{
    if (rc == ZJ_ENOTFOUND)
        return web_error(r, rc, "没有编号为 %ld 的典型案例，或不在您的权限范围内", id);
    if (rc)
        return web_error(r, rc, "%s", d->message[0] ? d->message : "无法完成该操作");
    return web_json(r, ok_status, library_get(r->db, &r->acct.scope, id));
}

int api_library_update(struct web_req *r)
{
    long id = web_param_id(r, 0);
    zj_diag d = {0};
    int rc = id ? library_update(r->db, &r->acct, id, r->json, &d) : ZJ_ENOTFOUND;
    return answer(r, rc, id, &d, 200);
}

int api_library_publish(struct web_req *r)
{
    long id = web_param_id(r, 0);
    zj_diag d = {0};
    int rc = id ? library_publish(r->db, &r->acct, id, &d) : ZJ_ENOTFOUND;
    return answer(r, rc, id, &d, 200);
}

int api_library_withdraw(struct web_req *r)
{
    long id = web_param_id(r, 0);
    zj_diag d = {0};
    int rc = id ? library_withdraw(r->db, &r->acct, id, &d) : ZJ_ENOTFOUND;
    return answer(r, rc, id, &d, 200);
}

int api_case_propose_typical(struct web_req *r)
{
    long cid = web_param_id(r, 0), id = 0;
    zj_diag d = {0};
    int rc = cid ? library_propose(r->db, &r->acct, cid, &id, &d) : ZJ_ENOTFOUND;
    if (rc == ZJ_ENOTFOUND)
        return web_error(r, rc, "no case '%s'", r->params[0]);
    if (rc == ZJ_EEXIST) {
        json_t *j = json_pack("{s:s, s:s, s:I}", "error", zj_strerror(rc), "message", d.message,
                              "tc_id", (json_int_t)id);
        return web_json(r, 409, j);
    }
    return answer(r, rc, id, &d, 201);
}
