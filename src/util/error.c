/* error.c — messages, HTTP statuses and exit codes of the error table in error.h. */
#include "util/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

struct err_row {
    const char *msg;
    int http;
    int exit_code;
};

static const struct err_row rows[] = {
#define XX(name, msg, http, exitc) {msg, http, exitc},
    ZJ_ERRORS(XX)
#undef XX
};

static const struct err_row *row_of(int err)
{
    int i = -err - 1;
    if (i < 0 || i >= (int)(sizeof rows / sizeof rows[0]))
        return NULL;
    return &rows[i];
}

const char *zj_strerror(int err)
{
    if (err == 0)
        return "ok";
    const struct err_row *r = row_of(err);
    return r ? r->msg : "unknown error";
}

int zj_err_http_status(int err)
{
    if (err == 0)
        return 200;
    const struct err_row *r = row_of(err);
    return r ? r->http : 500;
}

int zj_err_exit_code(int err)
{
    if (err == 0)
        return 0;
    const struct err_row *r = row_of(err);
    return r ? r->exit_code : 1;
}

void zj_diag_set(zj_diag *d, const char *field, const char *fmt, ...)
{
    if (!d)
        return;
    snprintf(d->field, sizeof d->field, "%s", field ? field : "");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(d->message, sizeof d->message, fmt, ap);
    va_end(ap);
}
