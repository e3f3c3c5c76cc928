/*
 * web.h — the HTTP server of `zhijian serve` (libmicrohttpd, thread pool) and what a
 * route handler gets. Routes are rows of web_routes[] (routes.c):
 *
 *     { "GET", "/api/leads/{id}", api_lead_get, AUTH_READ },
 *
 * The server matches the method and pattern ({name} matches one path segment, captured
 * in order into r->params), answers 405 when only the method differs, checks the session
 * (AUTH_READ: any account; AUTH_WRITE: a role that may change things; AUTH_ADMIN: admin),
 * checks the X-CSRF-Token header on every POST/PUT/PATCH/DELETE of an authenticated route,
 * refuses bodies over WEB_MAX_BODY (413) and bodies that are not JSON (400) or whose
 * members are not strings unless the route declares them (body_types[] in server.c) —
 * except on upload routes, which take one file as the raw body up to WEB_MAX_UPLOAD — then
 * calls the handler with a per-thread database connection. The handler reads r->acct.scope and
 * passes it to every storage query (cases/scope.h), and answers with web_json(),
 * web_error() or web_send().
 * Every response carries the security headers (CSP, nosniff, frame denial, no referrer).
 */
#ifndef ZJ_WEB_H
#define ZJ_WEB_H
#include <jansson.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

#include "cases/accounts.h"
#include "law/date.h"
#include "util/strbuf.h"

#define WEB_MAX_BODY (256 * 1024)
#define WEB_MAX_UPLOAD (64 * 1024 * 1024) /* a file sent to an upload route */
#define WEB_MAX_URI 8192                  /* longer request targets: 414 */
#define WEB_MAX_PER_IP 64                 /* default connections from one address (--max-per-ip) */
#define WEB_MAX_CONNECTIONS 1000          /* connections in all */
#define WEB_IDLE_TIMEOUT 10   /* seconds a connection may idle before it authenticates */
#define WEB_AUTHED_TIMEOUT 60 /* … and after an authenticated request */
#define WEB_MAX_ALLOW_HOSTS 16
#define WEB_MAX_PARAMS 4

/* AUTH_DATA: the roles that load and correct source data (account_manages_data). */
enum web_auth { AUTH_NONE, AUTH_READ, AUTH_WRITE, AUTH_ADMIN, AUTH_DATA };

struct web_server;

struct web_req {
    struct web_server *srv;
    void *conn; /* struct MHD_Connection * */
    const char *method, *path;
    char params[WEB_MAX_PARAMS][128];
    int nparams;
    json_t *json;                /* the request body of a POST/PUT (an object), else NULL */
    const unsigned char *upload; /* an upload route: the raw body (up to WEB_MAX_UPLOAD) */
    size_t upload_len;
    sqlite3 *db; /* this thread's connection */
    bool authed;
    zj_account acct;
    char csrf[65], token[65];
    char purpose_person[64]; /* the sealed person this request opened with a purpose */
    zj_date today;
    /* the response */
    int status;
    strbuf body;
    const char *ctype;
    const char *csp;       /* overrides the default Content-Security-Policy */
    char disposition[256]; /* Content-Disposition, when a download */
    char cookie[256];      /* Set-Cookie */
    char allow[64];        /* Allow, on a 405 */
    unsigned char *raw;    /* binary body (web_send_raw), freed by the server */
    size_t raw_len;
};

typedef int (*web_handler)(struct web_req *r);

struct web_route {
    const char *method;
    const char *pattern;
    web_handler fn;
    enum web_auth auth;
};

extern const struct web_route web_routes[];
extern const size_t web_routes_count;
/* The POST routes (patterns) whose body is a file — application/octet-stream up to
 * WEB_MAX_UPLOAD, its name in ?name= — not JSON; NULL-terminated. */
extern const char *const web_upload_routes[];

struct web_config {
    const char *db_path;
    const char *listen;  /* "ADDR:PORT", default 127.0.0.1:8080; port 0 = ephemeral */
    int threads;         /* thread pool size; 0 = one per core (2..16) */
    const char *as_of;   /* fixed "today" for deadlines (tests), NULL = the clock */
    bool secure_cookie;  /* add Secure to the session cookie (behind HTTPS) */
    const char *law_dir; /* law texts (shared/law) for the article texts, NULL = default */
    bool quiet;
    int max_per_ip; /* connections from one address; 0 = WEB_MAX_PER_IP */
    /* Host header names accepted besides the listen address, localhost and IP literals
     * (--allow-host; a DNS name pointing at this server) */
    const char *allow_hosts[WEB_MAX_ALLOW_HOSTS];
    int nallow_hosts;
};

/* Start serving; returns NULL with a message on stderr on failure. The port actually
 * bound is web_server_port(). */
struct web_server *web_server_start(const struct web_config *cfg);
int web_server_port(const struct web_server *s);
/* Stop, join the threads and close the database connections. */
void web_server_stop(struct web_server *s);

/* Responses (return the status for the handler to return). web_json steals j. */
int web_json(struct web_req *r, int status, json_t *j);
int web_error(struct web_req *r, int err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int web_send(struct web_req *r, int status, const char *ctype, strbuf *body_taken);
int web_send_raw(struct web_req *r, const char *ctype, unsigned char *data_taken, size_t len);

/* Request parts: a query argument (NULL when absent or empty), the path parameter i as a
 * positive integer (0 when not one), a body member as text (NULL when absent). */
const char *web_query(struct web_req *r, const char *name);
long web_param_id(struct web_req *r, int i);
const char *web_body_str(struct web_req *r, const char *key);

/* The directory of the law texts, or NULL when there is none. */
const char *web_law_dir(struct web_req *r);
/* The path of the database the server serves. */
const char *web_db_path(struct web_req *r);
/* "; Secure" when the server runs with --secure-cookie, else "". */
const char *web_cookie_secure(struct web_req *r);

/* Record a read in the audit log without waiting: the entry is queued and appended by
 * the server's audit writer thread within milliseconds, in order, on the same hash chain
 * (flushed at shutdown). Changes are audited in their own transaction instead. */
int web_audit_read(struct web_req *r, const char *action, const char *object, const char *detail);

/* Purposes stated for reading sealed persons (law.md J-03, docs/sealing.md): a purpose given
 * for a person is remembered for the session for WEB_PURPOSE_SECONDS (or until logout), so
 * that the person's page, its picture, leads, cases and documents open without asking
 * again; every read is still audited with the purpose. */
#define WEB_PURPOSE_MAX 120
#define WEB_PURPOSE_SECONDS (2 * 3600)
void web_purpose_grant(struct web_req *r, const char *person_id, const char *purpose);
/* Whether this session stated a purpose for person_id; the purpose into purpose[n]. */
bool web_purpose_granted(struct web_req *r, const char *person_id, char *purpose, size_t n);
/* Forget the purposes of this session (logout). */
void web_purpose_revoke_session(struct web_req *r);

/* Whether the account sees full id_numbers (role), for the mask argument. */
bool web_mask_ids(struct web_req *r);

#endif
