/*
 * server.c — libmicrohttpd in thread-pool mode (epoll), the routes table dispatch,
 * sessions, CSRF, Host check, limits (connections per address, idle time, target and body
 * size, body member types), security headers and static files of the UI (see web.h,
 * docs/security.md).
 */
#include "web/web.h"
#include "web/sealed_web.h"
#include "web/api_import.h"
#include "web/mhd_load.h"
#include "cases/audit.h"
#include "store/stmt.h"
#include "ingest/ingest.h"
#include "store/store.h"
#include "util/embedded.h"
#include "util/text.h"
#include "util/xalloc.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <pthread.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#define COOKIE_NAME "zj_session"
#define WEB_MAX_DISCARD (16u * 1024 * 1024)
#define DEFAULT_CSP                                                                                \
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "              \
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "                 \
    "frame-ancestors 'none'"

struct web_server {
    struct MHD_Daemon *d;
    struct web_config cfg;
    char db_path[1024];
    char as_of[11];
    char law_dir[1024];
    char listen_host[128];
    int port;
    pthread_mutex_t lock;
    sqlite3 **conns; /* one per worker thread, closed at stop */
    size_t nconns, aconns;
    pthread_key_t key;
    /* reads to audit, appended by one writer thread in batches (web_audit_read) */
    pthread_mutex_t alock;
    pthread_cond_t acond;
    pthread_t athread;
    bool athread_started, astop;
    struct audit_item *aq;
    size_t naq, aaq;
    /* purposes stated for sealed persons (web_purpose_grant), per session */
    pthread_mutex_t glock;
    struct purpose_grant *grants;
    size_t ngrants, agrants;
};

struct purpose_grant {
    char token[65], person[64], purpose[WEB_PURPOSE_MAX + 1];
    time_t until;
};

struct audit_item {
    char actor[64], action[24], object[96], detail[128];
};

/* Per-connection request state while the body arrives. */
struct conn_ctx {
    strbuf body;
    size_t max; /* the body limit of the route */
    bool too_big;
    bool too_long;    /* the request target is over WEB_MAX_URI */
    size_t discarded; /* bytes of a too big body read and dropped */
    bool answered;    /* a response was queued before the body ended (413) */
};

static sqlite3 *thread_db(struct web_server *s)
{
    sqlite3 *db = pthread_getspecific(s->key);
    if (db)
        return db;
    zj_diag d = {0};
    if (store_open(s->db_path, STORE_NO_MIGRATE, &db, &d) != 0) {
        fprintf(stderr, "zhijian serve: %s\n", d.message);
        return NULL;
    }
    pthread_setspecific(s->key, db);
    pthread_mutex_lock(&s->lock);
    XGROW(s->conns, s->nconns + 1, s->aconns);
    s->conns[s->nconns++] = db;
    pthread_mutex_unlock(&s->lock);
    return db;
}

/* The audit writer: takes the queued reads and appends them in one transaction per batch,
 * so that many readers never queue on SQLite's write lock (whose busy handler sleeps
 * 1–100 ms) nor each pay a commit. */
static void *audit_writer(void *arg)
{
    struct web_server *s = arg;
    sqlite3 *db = NULL;
    zj_diag d = {0};
    if (store_open(s->db_path, STORE_NO_MIGRATE, &db, &d) != 0)
        fprintf(stderr, "zhijian serve: audit writer: %s\n", d.message);
    pthread_mutex_lock(&s->alock);
    for (;;) {
        while (!s->naq && !s->astop)
            pthread_cond_wait(&s->acond, &s->alock);
        if (!s->naq && s->astop)
            break;
        struct audit_item *items = s->aq;
        size_t n = s->naq;
        s->aq = NULL;
        s->naq = s->aaq = 0;
        pthread_mutex_unlock(&s->alock);
        if (db && store_begin(db) == 0) {
            int rc = 0;
            for (size_t i = 0; i < n && rc == 0; i++)
                rc = audit_append(db, items[i].actor, items[i].action, items[i].object,
                                  items[i].detail);
            if (rc == 0 && store_commit(db) == 0)
                rc = 0;
            else {
                store_rollback(db);
                fprintf(stderr, "zhijian serve: cannot append %zu audit entries\n", n);
            }
        }
        free(items);
        pthread_mutex_lock(&s->alock);
    }
    pthread_mutex_unlock(&s->alock);
    store_close(db);
    return NULL;
}

int web_audit_read(struct web_req *r, const char *action, const char *object, const char *detail)
{
    struct web_server *s = r->srv;
    pthread_mutex_lock(&s->alock);
    XGROW(s->aq, s->naq + 1, s->aaq);
    struct audit_item *it = &s->aq[s->naq++];
    snprintf(it->actor, sizeof it->actor, "%s", r->acct.name);
    snprintf(it->action, sizeof it->action, "%s", action);
    snprintf(it->object, sizeof it->object, "%s", object ? object : "");
    snprintf(it->detail, sizeof it->detail, "%s", detail ? detail : "");
    pthread_cond_signal(&s->acond);
    pthread_mutex_unlock(&s->alock);
    return 0;
}

int web_json(struct web_req *r, int status, json_t *j)
{
    char *txt = j ? json_dumps(j, JSON_COMPACT) : NULL;
    strbuf_reset(&r->body);
    if (!txt && status < 400) /* a value jansson could not build (invalid UTF-8) */
        status = 500;
    strbuf_adds(&r->body,
                txt ? txt
                    : "{\"error\":\"internal error\",\"message\":\"cannot encode the answer\"}");
    free(txt);
    json_decref(j);
    r->status = status;
    r->ctype = "application/json; charset=utf-8";
    return status;
}

int web_error(struct web_req *r, int err, const char *fmt, ...)
{
    char msg[512] = "";
    if (fmt) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(msg, sizeof msg, fmt, ap);
        va_end(ap);
    }
    /* the message may echo input: valid UTF-8 without controls, or jansson gives up */
    strbuf clean = STRBUF_INIT;
    text_clean(&clean, msg, strlen(msg), 0, "\xEF\xBF\xBD");
    int status = zj_err_http_status(err);
    int rc = web_json(r, status,
                      json_pack("{s:s, s:s}", "error", zj_strerror(err), "message",
                                clean.len ? clean.buf : zj_strerror(err)));
    strbuf_release(&clean);
    return rc;
}

int web_send(struct web_req *r, int status, const char *ctype, strbuf *body_taken)
{
    strbuf_release(&r->body);
    r->body = *body_taken;
    strbuf_init(body_taken, 0);
    r->status = status;
    r->ctype = ctype;
    return status;
}

int web_send_raw(struct web_req *r, const char *ctype, unsigned char *data_taken, size_t len)
{
    free(r->raw);
    r->raw = data_taken;
    r->raw_len = len;
    r->status = 200;
    r->ctype = ctype;
    return 200;
}

const char *web_query(struct web_req *r, const char *name)
{
    const char *v = MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
    return v && *v ? v : NULL;
}

long web_param_id(struct web_req *r, int i)
{
    if (i < 0 || i >= r->nparams)
        return 0;
    char *end;
    long v = strtol(r->params[i], &end, 10);
    return *end || v <= 0 ? 0 : v;
}

const char *web_body_str(struct web_req *r, const char *key)
{
    return json_string_value(json_object_get(r->json, key));
}

const char *web_law_dir(struct web_req *r)
{
    return r->srv->law_dir[0] ? r->srv->law_dir : NULL;
}

const char *web_db_path(struct web_req *r)
{
    return r->srv->db_path;
}

const char *web_cookie_secure(struct web_req *r)
{
    return r->srv->cfg.secure_cookie ? "; Secure" : "";
}

void web_purpose_grant(struct web_req *r, const char *person_id, const char *purpose)
{
    struct web_server *s = r->srv;
    time_t now = time(NULL);
    pthread_mutex_lock(&s->glock);
    size_t k = 0;
    for (size_t i = 0; i < s->ngrants; i++) /* drop the expired and the one replaced */
        if (s->grants[i].until > now &&
            (strcmp(s->grants[i].token, r->token) || strcmp(s->grants[i].person, person_id)))
            s->grants[k++] = s->grants[i];
    s->ngrants = k;
    XGROW(s->grants, s->ngrants + 1, s->agrants);
    struct purpose_grant *g = &s->grants[s->ngrants++];
    snprintf(g->token, sizeof g->token, "%s", r->token);
    snprintf(g->person, sizeof g->person, "%s", person_id);
    snprintf(g->purpose, sizeof g->purpose, "%s", purpose);
    g->until = now + WEB_PURPOSE_SECONDS;
    pthread_mutex_unlock(&s->glock);
}

bool web_purpose_granted(struct web_req *r, const char *person_id, char *purpose, size_t n)
{
    struct web_server *s = r->srv;
    time_t now = time(NULL);
    bool found = false;
    pthread_mutex_lock(&s->glock);
    for (size_t i = 0; i < s->ngrants && !found; i++)
        if (s->grants[i].until > now && !strcmp(s->grants[i].token, r->token) &&
            !strcmp(s->grants[i].person, person_id)) {
            snprintf(purpose, n, "%s", s->grants[i].purpose);
            found = true;
        }
    pthread_mutex_unlock(&s->glock);
    return found;
}

void web_purpose_revoke_session(struct web_req *r)
{
    struct web_server *s = r->srv;
    pthread_mutex_lock(&s->glock);
    size_t k = 0;
    for (size_t i = 0; i < s->ngrants; i++)
        if (strcmp(s->grants[i].token, r->token))
            s->grants[k++] = s->grants[i];
    s->ngrants = k;
    pthread_mutex_unlock(&s->glock);
}

bool web_mask_ids(struct web_req *r)
{
    return !account_sees_id_numbers(&r->acct);
}

/* Match path against pattern; fills params. */
static bool match(const char *pattern, const char *path, struct web_req *r)
{
    int np = 0;
    const char *p = pattern, *q = path;
    while (*p && *q) {
        if (*p == '{') {
            const char *pe = strchr(p, '}');
            const char *qe = strchr(q, '/');
            size_t n = qe ? (size_t)(qe - q) : strlen(q);
            if (!pe || n == 0 || n >= sizeof r->params[0] || np >= WEB_MAX_PARAMS)
                return false;
            memcpy(r->params[np], q, n);
            r->params[np][n] = 0;
            np++;
            p = pe + 1;
            q += n;
        } else if (*p == *q) {
            p++;
            q++;
        } else {
            return false;
        }
    }
    if (*p || *q)
        return false;
    r->nparams = np;
    return true;
}

static bool is_upload(const char *method, const char *pattern)
{
    if (strcmp(method, "POST") != 0)
        return false;
    for (size_t i = 0; web_upload_routes[i]; i++)
        if (!strcmp(web_upload_routes[i], pattern))
            return true;
    return false;
}

static const char *ctype_of(const char *path)
{
    const char *dot = strrchr(path, '.');
    if (!dot)
        return "application/octet-stream";
    static const struct {
        const char *ext, *ct;
    } types[] = {
        {".html", "text/html; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".ico", "image/x-icon"},
        {".json", "application/json"},
    };
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (!strcmp(dot, types[i].ext))
            return types[i].ct;
    return "application/octet-stream";
}

static int serve_static(struct web_req *r)
{
    if (strcmp(r->method, "GET") && strcmp(r->method, "HEAD"))
        return web_error(r, ZJ_EMETHOD, "method '%s' not allowed on '%s'", r->method, r->path);
    char path[512];
    if (strstr(r->path, ".."))
        return web_error(r, ZJ_ENOTFOUND, "no page '%s'", r->path);
    snprintf(path, sizeof path, "web%s", !strcmp(r->path, "/") ? "/index.html" : r->path);
    const struct zj_embedded *e = zj_embedded_find(path);
    if (!e)
        return web_error(r, ZJ_ENOTFOUND, "no page '%s'", r->path);
    strbuf_reset(&r->body);
    strbuf_add(&r->body, e->data, e->len);
    r->status = 200;
    r->ctype = ctype_of(path);
    return 200;
}

/* JSON body members that are not strings. Every other member of a request body must be a
 * string (or null, read as absent): a handler reads members with web_body_str, which would
 * silently ignore a number or an object where text is expected. A new route that takes a
 * number, a boolean or an object declares it here. */
enum { BT_INT = 1, BT_BOOL = 2, BT_OBJECT = 4 };
static const struct body_type {
    const char *method, *pattern, *member;
    int types;
} body_types[] = {
    {"POST", "/api/inspections", "size", BT_INT},
    {"POST", "/api/inspections", "team", BT_BOOL},
    {"POST", "/api/inspections/propose", "size", BT_INT},
    {"POST", "/api/inspections/propose", "team", BT_BOOL},
    {"POST", "/api/complaints/{id}/close", "corrected", BT_BOOL},
    {"POST", "/api/duty/records", "lead", BT_BOOL},
    {"POST", "/api/duty/records", "event_id", BT_INT},
    {"POST", "/api/duty/records", "roster_batch", BT_INT},
    {"POST", "/api/measures/{id}", "corrected", BT_BOOL},
    {"POST", "/api/measures/{id}", "document", BT_OBJECT},
    {"POST", "/api/docs/{id}/confirm", "fields", BT_OBJECT},
    {"POST", "/api/docs/{id}/confirm", "persons", BT_OBJECT},
};

/* 0 when every member of the body has a type its route accepts; else the 400 sent. */
static int check_body_types(struct web_req *r, const struct web_route *route)
{
    const char *key;
    json_t *v;
    json_object_foreach(r->json, key, v)
    {
        if (json_is_string(v) || json_is_null(v))
            continue;
        int want = 0;
        for (size_t i = 0; i < sizeof body_types / sizeof body_types[0]; i++)
            if (!strcmp(body_types[i].method, route->method) &&
                !strcmp(body_types[i].pattern, route->pattern) &&
                !strcmp(body_types[i].member, key))
                want |= body_types[i].types;
        bool ok = (json_is_integer(v) && (want & BT_INT)) ||
                  (json_is_boolean(v) && (want & BT_BOOL)) ||
                  (json_is_object(v) && (want & BT_OBJECT));
        if (!ok)
            return web_error(r, ZJ_EINVAL, "member '%.64s' must be %s", key,
                             want & BT_INT      ? "an integer"
                             : want & BT_BOOL   ? "true or false"
                             : want & BT_OBJECT ? "an object"
                                                : "a string");
    }
    return 0;
}

/* Whether host (a Host header: name or [v6], with an optional :port) names this server:
 * an IP literal, localhost, the listen address or a name given with --allow-host. Other
 * names are refused so that a page of another site cannot reach the server through its
 * own DNS name (DNS rebinding). */
static bool host_allowed(const struct web_server *s, const char *host)
{
    if (!host)
        return true; /* HTTP/1.0 without Host: nothing to rebind */
    char name[256];
    size_t n = strlen(host);
    if (n == 0 || n >= sizeof name)
        return false;
    if (host[0] == '[') {
        const char *e = strchr(host, ']');
        return e && (e[1] == 0 || e[1] == ':');
    }
    const char *colon = strrchr(host, ':');
    n = colon ? (size_t)(colon - host) : n;
    memcpy(name, host, n);
    name[n] = 0;
    struct in_addr a;
    if (inet_pton(AF_INET, name, &a) == 1 || !strcasecmp(name, "localhost") ||
        !strcasecmp(name, s->listen_host))
        return true;
    for (int i = 0; i < s->cfg.nallow_hosts; i++)
        if (!strcasecmp(name, s->cfg.allow_hosts[i]))
            return true;
    return false;
}

static bool is_write_method(const char *m)
{
    return !strcmp(m, "POST") || !strcmp(m, "PUT") || !strcmp(m, "PATCH") || !strcmp(m, "DELETE");
}

static void today_of(struct web_server *s, struct web_req *r)
{
    if (s->as_of[0] && date_parse(s->as_of, 10, &r->today) == 0)
        return;
    time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    r->today = date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

static void dispatch(struct web_req *r, const char *body, size_t body_len, bool too_big)
{
    struct web_server *s = r->srv;
    if (!host_allowed(s, MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "Host"))) {
        web_error(r, ZJ_EINVAL, "unknown Host (serve --allow-host NAME to accept it)");
        return;
    }
    if (strncmp(r->path, "/api/", 5) != 0) {
        serve_static(r);
        return;
    }
    const struct web_route *route = NULL;
    char allow[64] = "";
    for (size_t i = 0; i < web_routes_count; i++) {
        if (!match(web_routes[i].pattern, r->path, r))
            continue;
        if (!strcmp(web_routes[i].method, r->method)) {
            route = &web_routes[i];
            break;
        }
        if (!strstr(allow, web_routes[i].method) &&
            strlen(allow) + strlen(web_routes[i].method) + 3 < sizeof allow)
            snprintf(allow + strlen(allow), sizeof allow - strlen(allow), "%s%s",
                     allow[0] ? ", " : "", web_routes[i].method);
    }
    if (!route) {
        if (allow[0]) {
            snprintf(r->allow, sizeof r->allow, "%s", allow);
            web_error(r, ZJ_EMETHOD, "method '%s' not allowed on '%s' (allowed: %s)", r->method,
                      r->path, allow);
        } else
            web_error(r, ZJ_ENOTFOUND, "no route '%s'", r->path);
        return;
    }
    bool upload = is_upload(route->method, route->pattern);
    if (too_big) {
        web_error(r, ZJ_ETOOBIG, "request body over %d bytes",
                  upload ? WEB_MAX_UPLOAD : WEB_MAX_BODY);
        return;
    }
    r->db = thread_db(s);
    if (!r->db) {
        web_error(r, ZJ_EDB, "database unavailable");
        return;
    }
    today_of(s, r);
    if (route->auth != AUTH_NONE || !strcmp(route->pattern, "/api/logout")) {
        const char *tok = MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, COOKIE_NAME);
        if (tok && strlen(tok) == 64 &&
            session_lookup(r->db, tok, (long)time(NULL), &r->acct, r->csrf) == 0) {
            r->authed = true;
            snprintf(r->token, sizeof r->token, "%s", tok);
            /* only an authenticated connection may idle longer than WEB_IDLE_TIMEOUT */
            MHD_set_connection_option(r->conn, MHD_CONNECTION_OPTION_TIMEOUT,
                                      (unsigned)WEB_AUTHED_TIMEOUT);
        }
    }
    if (route->auth != AUTH_NONE) {
        if (!r->authed) {
            web_error(r, ZJ_EAUTH, "please log in");
            return;
        }
        if (route->auth == AUTH_WRITE && !account_can_write(&r->acct)) {
            web_error(r, ZJ_EFORBIDDEN, "role '%s' may not change records", r->acct.role);
            return;
        }
        if (route->auth == AUTH_DATA && !account_manages_data(&r->acct)) {
            web_error(r, ZJ_EFORBIDDEN, "role '%s' does not load source data", r->acct.role);
            return;
        }
        if (route->auth == AUTH_ADMIN && strcmp(r->acct.role, "admin") != 0) {
            web_error(r, ZJ_EFORBIDDEN, "only an admin may do this");
            return;
        }
        if (r->acct.must_change && strcmp(route->pattern, "/api/me") != 0 &&
            strcmp(route->pattern, "/api/me/password") != 0) {
            web_error(r, ZJ_EFORBIDDEN,
                      "your password was reset: change it first (POST /api/me/password)");
            return;
        }
        if (is_write_method(r->method)) {
            const char *h = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "X-CSRF-Token");
            if (!h || strlen(h) != 64 || sodium_memcmp(h, r->csrf, 64) != 0) {
                web_error(r, ZJ_ECSRF, "missing or wrong X-CSRF-Token header");
                return;
            }
        }
    }
    if (is_write_method(r->method)) {
        /* Only JSON bodies: a cross-site HTML form cannot send application/json without a
         * CORS preflight, so no form can log a user in or post on their behalf; and a
         * browser's Origin, when sent, must be this server. */
        const char *ct = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "Content-Type");
        if (upload) {
            /* a file: only with the session's CSRF header, which no form can send */
            if (!ct || strncasecmp(ct, "application/octet-stream", 24) != 0) {
                web_error(r, ZJ_EINVAL, "an upload must be application/octet-stream");
                return;
            }
        } else if (body_len > 0 && (!ct || strncasecmp(ct, "application/json", 16) != 0)) {
            web_error(r, ZJ_EINVAL, "request body must be application/json");
            return;
        }
        const char *origin = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "Origin");
        const char *host = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "Host");
        if (origin) { /* "null" (a sandboxed frame, a file: page) is no origin of ours */
            const char *o = strstr(origin, "://");
            if (!host || !o || strcmp(o + 3, host) != 0) {
                web_error(r, ZJ_EFORBIDDEN, "cross-origin request refused");
                return;
            }
        }
        if (upload) {
            r->upload = (const unsigned char *)body;
            r->upload_len = body_len;
        } else if (body_len == 0) {
            r->json = json_object();
        } else {
            json_error_t je;
            r->json = json_loadb(body, body_len, 0, &je);
            if (!r->json || !json_is_object(r->json)) {
                web_error(r, ZJ_EINVAL, "request body is not a JSON object: %s",
                          r->json ? "not an object" : je.text);
                return;
            }
        }
        if (r->json && check_body_types(r, route))
            return;
    }
    route->fn(r);
    if (r->authed)
        web_sealed_filter(r);
}

static void add_security_headers(struct MHD_Response *resp, const char *csp)
{
    MHD_add_response_header(resp, "Content-Security-Policy", csp ? csp : DEFAULT_CSP);
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "X-Frame-Options", "DENY");
    MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(resp, "Cross-Origin-Opener-Policy", "same-origin");
    MHD_add_response_header(resp, "Cross-Origin-Resource-Policy", "same-origin");
    MHD_add_response_header(resp, "Permissions-Policy", "camera=(), microphone=(), geolocation=()");
}

static enum MHD_Result queue(struct MHD_Connection *c, struct web_req *r)
{
    struct MHD_Response *resp;
    if (r->raw) {
        resp = MHD_create_response_from_buffer(r->raw_len, r->raw, MHD_RESPMEM_MUST_FREE);
        r->raw = NULL;
    } else {
        size_t len;
        char *b = strbuf_detach(&r->body, &len);
        resp = MHD_create_response_from_buffer(len, b, MHD_RESPMEM_MUST_FREE);
    }
    if (!resp)
        return MHD_NO;
    add_security_headers(resp, r->csp);
    MHD_add_response_header(resp, "Content-Type", r->ctype ? r->ctype : "text/plain");
    MHD_add_response_header(resp, "Cache-Control", "no-store");
    if (r->disposition[0])
        MHD_add_response_header(resp, "Content-Disposition", r->disposition);
    if (r->cookie[0])
        MHD_add_response_header(resp, "Set-Cookie", r->cookie);
    if (r->allow[0])
        MHD_add_response_header(resp, "Allow", r->allow);
    enum MHD_Result ret = MHD_queue_response(c, (unsigned)r->status, resp);
    MHD_destroy_response(resp);
    return ret;
}

/* The body limit of the route method+url answers: WEB_MAX_UPLOAD for upload routes. */
static size_t body_limit(const char *method, const char *url)
{
    struct web_req probe = {0};
    for (size_t i = 0; web_upload_routes[i]; i++)
        if (!strcmp(method, "POST") && match(web_upload_routes[i], url, &probe))
            return WEB_MAX_UPLOAD;
    return WEB_MAX_BODY;
}

static int hex_value(char ch)
{
    return ch >= '0' && ch <= '9'   ? ch - '0'
           : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10
           : ch >= 'A' && ch <= 'F' ? ch - 'A' + 10
                                    : -1;
}

/* Percent-decoding of the request target and its arguments in place, except %00: a NUL
 * would cut the C string the handlers see (/api/persons/R001%00x read as R001, a filter
 * ?model=%00… dropped), so it stays the three characters %00 and names nothing. */
static size_t unescape(void *cls, struct MHD_Connection *c, char *str)
{
    (void)cls, (void)c;
    char *w = str;
    for (const char *p = str; *p; p++) {
        int hi, lo;
        if (p[0] == '%' && (hi = hex_value(p[1])) >= 0 && (lo = hex_value(p[2])) >= 0 &&
            (hi | lo) != 0) {
            *w++ = (char)(hi * 16 + lo);
            p += 2;
        } else {
            *w++ = *p;
        }
    }
    *w = '\0';
    return (size_t)(w - str);
}

/* Adds the length of one query argument (name=value&) to *cls. */
static enum MHD_Result add_arg_len(void *cls, enum MHD_ValueKind kind, const char *key,
                                   const char *value)
{
    (void)kind;
    *(size_t *)cls += strlen(key) + (value ? strlen(value) : 0) + 2;
    return MHD_YES;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **con_cls)
{
    (void)version;
    struct web_server *s = cls;
    struct conn_ctx *ctx = *con_cls;
    if (ctx && ctx->answered) {
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (!ctx) {
        ctx = xcalloc(1, sizeof *ctx);
        *con_cls = ctx;
        ctx->max = body_limit(method, url);
        const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
        if (cl && strtoull(cl, NULL, 10) > ctx->max)
            ctx->too_big = true;
        size_t target = strlen(url);
        MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, add_arg_len, &target);
        ctx->too_long = target > WEB_MAX_URI;
        if (!ctx->too_big && !ctx->too_long)
            return MHD_YES;
    } else if (*upload_data_size) {
        /* A body that grows past the limit (chunked, or longer than its Content-Length
         * said) is read to its end and dropped, then answered 413 (an answer queued in
         * the middle of a chunked upload never reaches the client); past
         * WEB_MAX_DISCARD the connection is closed. */
        if (ctx->too_big) {
            ctx->discarded += *upload_data_size;
            *upload_data_size = 0;
            return ctx->discarded > WEB_MAX_DISCARD ? MHD_NO : MHD_YES;
        }
        if (ctx->body.len + *upload_data_size > ctx->max) {
            ctx->too_big = true;
            strbuf_release(&ctx->body);
        } else
            strbuf_add(&ctx->body, upload_data, *upload_data_size);
        *upload_data_size = 0;
        return MHD_YES;
    }
    struct web_req r = {.srv = s, .conn = c, .method = method, .path = url};
    strbuf_init(&r.body, 0);
    if (ctx->too_long)
        web_error(&r, ZJ_EURI, "request target over %d bytes", WEB_MAX_URI);
    else
        dispatch(&r, ctx->body.buf, ctx->body.len, ctx->too_big);
    if (!r.status)
        web_error(&r, ZJ_EIO, "handler gave no answer");
    if (!s->cfg.quiet) { /* the target may hold any byte: escaped for the terminal */
        strbuf line = STRBUF_INIT;
        text_escape(&line, url);
        fprintf(stderr, "%s %s %d\n", method, line.buf ? line.buf : "", r.status);
        strbuf_release(&line);
    }
    enum MHD_Result ret = queue(c, &r);
    ctx->answered = true;
    json_decref(r.json);
    strbuf_release(&r.body);
    free(r.raw);
    return ret;
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)cls, (void)c, (void)toe;
    struct conn_ctx *ctx = *con_cls;
    if (ctx) {
        strbuf_release(&ctx->body);
        free(ctx);
        *con_cls = NULL;
    }
}

struct web_server *web_server_start(const struct web_config *cfg)
{
    if (sodium_init() < 0) {
        fprintf(stderr, "zhijian serve: cannot initialise libsodium\n");
        return NULL;
    }
    struct web_server *s = xcalloc(1, sizeof *s);
    s->cfg = *cfg;
    snprintf(s->db_path, sizeof s->db_path, "%s", cfg->db_path ? cfg->db_path : ZJ_DEFAULT_DB);
    if (cfg->as_of)
        snprintf(s->as_of, sizeof s->as_of, "%s", cfg->as_of);
    /* law texts: --law-dir, else $ZJ_SHARED/law, else the shared/ beside the source tree */
    const char *shared = getenv("ZJ_SHARED");
    if (cfg->law_dir)
        snprintf(s->law_dir, sizeof s->law_dir, "%s", cfg->law_dir);
    else if (shared && *shared)
        snprintf(s->law_dir, sizeof s->law_dir, "%s/law", shared);
    else
        snprintf(s->law_dir, sizeof s->law_dir, "%s/../shared/law", ZJ_SOURCE_DIR);
    if (access(s->law_dir, R_OK) != 0)
        s->law_dir[0] = 0;
    pthread_mutex_init(&s->lock, NULL);
    pthread_key_create(&s->key, NULL);
    pthread_mutex_init(&s->alock, NULL);
    pthread_mutex_init(&s->glock, NULL);
    pthread_cond_init(&s->acond, NULL);
    /* parse ADDR:PORT */
    char host[128] = "127.0.0.1";
    int port = 8080;
    if (cfg->listen && *cfg->listen) {
        const char *colon = strrchr(cfg->listen, ':');
        if (!colon) {
            fprintf(stderr, "zhijian serve: invalid --listen '%s' (expected ADDR:PORT)\n",
                    cfg->listen);
            goto fail;
        }
        size_t n = (size_t)(colon - cfg->listen);
        if (n > 0 && n < sizeof host) {
            memcpy(host, cfg->listen, n);
            host[n] = 0;
        }
        char *end;
        long p = strtol(colon + 1, &end, 10);
        if (*end || p < 0 || p > 65535) {
            fprintf(stderr, "zhijian serve: invalid port in --listen '%s'\n", cfg->listen);
            goto fail;
        }
        port = (int)p;
    }
    snprintf(s->listen_host, sizeof s->listen_host, "%s", host);
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    if (!strcmp(host, "localhost"))
        snprintf(host, sizeof host, "127.0.0.1");
    if (inet_pton(AF_INET, host, &sa.sin_addr) != 1) {
        fprintf(stderr, "zhijian serve: invalid address '%s' (an IPv4 address)\n", host);
        goto fail;
    }
    /* The database must exist and be migrated before the workers open it. */
    sqlite3 *db = NULL;
    zj_diag d = {0};
    if (store_open(s->db_path, 0, &db, &d) != 0 || ingest_layout(db, &d) != 0) {
        fprintf(stderr, "zhijian serve: %s\n", d.message);
        store_close(db);
        goto fail;
    }
    store_close(db);
    const char *why = mhd_lib_error(); /* loads libmicrohttpd */
    if (why) {
        fprintf(stderr, "zhijian serve: %s\n", why);
        goto fail;
    }
    /* the import jobs: those a stopped server left running recorded as failed, the
     * spooled ones queued again, the job thread */
    if (api_import_start(s->db_path) != 0)
        goto fail;
    /* default: one worker per core; more only adds context switches (bench/web.sh) */
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    int threads = cfg->threads > 0 ? cfg->threads : ncpu < 2 ? 2 : ncpu > 16 ? 16 : (int)ncpu;
    /* epoll: select() cannot watch descriptors past FD_SETSIZE, so a flood of idle
     * sockets would starve everyone. One address holds at most max_per_ip connections;
     * a connection that has not authenticated is dropped after WEB_IDLE_TIMEOUT idle
     * seconds (dispatch raises it for a session). */
    unsigned poll =
        MHD_is_feature_supported(MHD_FEATURE_EPOLL) == MHD_YES ? MHD_USE_EPOLL : MHD_USE_POLL;
    unsigned per_ip = (unsigned)(cfg->max_per_ip > 0 ? cfg->max_per_ip : WEB_MAX_PER_IP);
    s->d = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | poll | MHD_USE_ERROR_LOG, 0, NULL, NULL, on_request, s,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa, MHD_OPTION_THREAD_POOL_SIZE,
        (unsigned)threads, MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)WEB_IDLE_TIMEOUT,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, per_ip, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
        (size_t)(64 * 1024), MHD_OPTION_CONNECTION_LIMIT, (unsigned)WEB_MAX_CONNECTIONS,
        MHD_OPTION_UNESCAPE_CALLBACK, unescape, NULL, MHD_OPTION_END);
    if (!s->d) {
        fprintf(stderr, "zhijian serve: cannot listen on %s:%d\n", host, port);
        api_import_stop();
        goto fail;
    }
    if (pthread_create(&s->athread, NULL, audit_writer, s) != 0) {
        fprintf(stderr, "zhijian serve: cannot start the audit writer\n");
        MHD_stop_daemon(s->d);
        api_import_stop();
        goto fail;
    }
    s->athread_started = true;
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT);
    s->port = info ? info->port : port;
    return s;
fail:
    pthread_key_delete(s->key);
    pthread_mutex_destroy(&s->lock);
    pthread_mutex_destroy(&s->alock);
    pthread_mutex_destroy(&s->glock);
    pthread_cond_destroy(&s->acond);
    free(s);
    return NULL;
}

int web_server_port(const struct web_server *s)
{
    return s->port;
}

void web_server_stop(struct web_server *s)
{
    if (!s)
        return;
    /* a running import finishes its file first (the workers still answer meanwhile; a
     * request waiting for a queued job is answered that it runs after the restart), the
     * queued ones stay spooled */
    api_import_stop();
    MHD_stop_daemon(s->d);
    if (s->athread_started) { /* flush the queued audit entries */
        pthread_mutex_lock(&s->alock);
        s->astop = true;
        pthread_cond_signal(&s->acond);
        pthread_mutex_unlock(&s->alock);
        pthread_join(s->athread, NULL);
    }
    free(s->aq);
    free(s->grants);
    pthread_mutex_destroy(&s->alock);
    pthread_mutex_destroy(&s->glock);
    pthread_cond_destroy(&s->acond);
    for (size_t i = 0; i < s->nconns; i++)
        store_close(s->conns[i]);
    free(s->conns);
    pthread_key_delete(s->key);
    pthread_mutex_destroy(&s->lock);
    free(s);
}
