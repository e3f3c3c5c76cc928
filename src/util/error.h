/*
 * error.h — the one error table (after libuv's uv-errno XX list): each row gives the
 * enum, the message, the HTTP status a web handler answers with, and the CLI exit code.
 * Functions return 0 or a negative ZJ_E* value; details (file, line, field) travel in
 * an optional zj_diag out-parameter.
 */
#ifndef ZJ_ERROR_H
#define ZJ_ERROR_H

#define ZJ_ERRORS(XX)                                                                              \
    XX(EINVAL, "invalid input", 400, 1)                                                            \
    XX(EUSAGE, "usage error", 400, 2)                                                              \
    XX(ENOTFOUND, "not found", 404, 1)                                                             \
    XX(EEXIST, "already exists", 409, 1)                                                           \
    XX(EDB, "database error", 500, 1)                                                              \
    XX(EIO, "input/output error", 500, 1)                                                          \
    XX(EAUTH, "not authenticated", 401, 1)                                                         \
    XX(EFORBIDDEN, "outside your scope or role", 403, 1)                                           \
    XX(ECSRF, "missing or wrong CSRF token", 403, 1)                                               \
    XX(ETOOBIG, "request too large", 413, 1)                                                       \
    XX(EMETHOD, "method not allowed", 405, 1)                                                      \
    XX(ECONFLICT, "state does not allow this change", 409, 1)                                      \
    XX(ESTRICT, "rejected rows under --strict", 422, 1)                                            \
    XX(ETAMPER, "audit chain broken", 500, 1)                                                      \
    XX(ETHROTTLE, "too many failed logins, try again later", 429, 1)                               \
    XX(EURI, "request target too long", 414, 1)

enum zj_err_index {
#define XX(name, msg, http, exitc) ZJ_##name##_ID,
    ZJ_ERRORS(XX)
#undef XX
        ZJ_ERR_COUNT_
};

/* Negative error codes: ZJ_EINVAL == -(ZJ_EINVAL_ID + 1), and so on. */
enum zj_err {
    ZJ_OK = 0,
#define XX(name, msg, http, exitc) ZJ_##name = -(ZJ_##name##_ID + 1),
    ZJ_ERRORS(XX)
#undef XX
};

const char *zj_strerror(int err);
int zj_err_http_status(int err);
int zj_err_exit_code(int err);

/* Where and why an input was refused: filled by parsers and validators when non-NULL. */
typedef struct zj_diag {
    char file[256];
    long line;
    char field[64];
    char message[512];
} zj_diag;

void zj_diag_set(zj_diag *d, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
