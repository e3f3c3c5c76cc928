/* scope.c — parsing, printing and binding an account's scope (see scope.h). */
#include "cases/scope.h"
#include "util/error.h"
#include "util/text.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static int all_digits(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++)
        if (!isdigit((unsigned char)*s))
            return 0;
    return 1;
}

int scope_parse(const char *s, zj_scope *out)
{
    memset(out, 0, sizeof *out);
    if (!s || !*s)
        return ZJ_EINVAL;
    if (!strcmp(s, "country")) {
        out->kind = SCOPE_COUNTRY;
        return 0;
    }
    const char *v = s;
    int kind;
    if (!strncmp(s, "region:", 7)) {
        kind = SCOPE_REGION;
        v = s + 7;
    } else if (!strncmp(s, "facility:", 9)) {
        kind = SCOPE_FACILITY;
        v = s + 9;
    } else {
        kind = all_digits(s) ? SCOPE_REGION : SCOPE_FACILITY;
    }
    if (kind == SCOPE_REGION && (!all_digits(v) || strlen(v) < 2 || strlen(v) > 6))
        return ZJ_EINVAL;
    if (kind == SCOPE_FACILITY && !text_is_plain_name(v))
        return ZJ_EINVAL;
    out->kind = kind;
    snprintf(out->value, sizeof out->value, "%s", v);
    return 0;
}

void scope_format(const zj_scope *s, char *buf, size_t n)
{
    if (s->kind == SCOPE_COUNTRY)
        snprintf(buf, n, "country");
    else
        snprintf(buf, n, "%s:%s", s->kind == SCOPE_REGION ? "region" : "facility", s->value);
}

void scope_bind(sqlite3_stmt *st, const zj_scope *s)
{
    static const char *kinds[] = {"country", "region", "facility"};
    sqlite3_bind_text(st, 1, kinds[s->kind], -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, s->value, -1, SQLITE_TRANSIENT);
}
