/*
 * profile.c — reading source profiles (see profile.h): a line-oriented reader of the
 * TOML subset, then checks that every target names a feed of the profile and a column
 * of that feed, that converters exist, and that a composite converter has its targets in
 * the order it fills them.
 */
#include "sources/profile.h"
#include "sources/convert.h"
#include "util/embedded.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const conv_names[] = {
    [PC_TEXT] = "text",           [PC_DATE] = "date",       [PC_INT] = "int",
    [PC_MONEY] = "money",         [PC_BOOL] = "bool",       [PC_GENDER] = "gender",
    [PC_ID_NUMBER] = "id_number", [PC_CHARGES] = "charges", [PC_PENALTY] = "penalty",
    [PC_SENTENCE] = "sentence",   [PC_TERM] = "term",       [PC_DPR] = "dpr",
    [PC_NEW_TERM] = "new_term",   [PC_ENUM] = "enum",       [PC_FLAGS] = "flags",
    [PC_FACILITY] = "facility",   [PC_IGNORE] = "ignore",
};

/* Targets a composite converter fills, in order (a column may name fewer). */
static const char *const *conv_slots(enum profile_conv c)
{
    static const char *const sentence[] = {"penalty", "term_months", "term_days",
                                           "probation_months", NULL};
    static const char *const term[] = {"term_months", "term_days", "reduction_months",
                                       "reduction_days", NULL};
    static const char *const dpr[] = {"dpr_months", "dpr_life", NULL};
    static const char *const new_term[] = {"new_penalty", "new_term_months", NULL};
    switch (c) {
    case PC_SENTENCE:
        return sentence;
    case PC_TERM:
        return term;
    case PC_DPR:
        return dpr;
    case PC_NEW_TERM:
        return new_term;
    default:
        return NULL;
    }
}

const char *profile_conv_name(enum profile_conv c)
{
    return conv_names[c];
}

int profile_conv_find(const char *name)
{
    for (size_t i = 0; i < sizeof conv_names / sizeof conv_names[0]; i++)
        if (!strcmp(conv_names[i], name))
            return (int)i;
    return -1;
}

void profile_free(struct profile *p)
{
    if (!p)
        return;
    free(p->name);
    free(p->label);
    free(p->description);
    free(p->origin);
    for (int i = 0; i < p->ndetect; i++)
        free(p->detect[i]);
    for (int i = 0; i < p->ncols; i++)
        for (int k = 0; k < p->cols[i].nheaders; k++)
            free(p->cols[i].headers[k]);
    for (int i = 0; i < p->nconsts; i++)
        free(p->consts[i].value);
    free(p);
}

/* ---------- the TOML subset ---------- */

struct val {
    int kind; /* 's' string, 'l' list of strings, 'b' bool, 'i' integer */
    char *s;
    char *list[PROFILE_MAX_HEADERS * 2];
    int n;
    int b;
    long i;
};

static void val_free(struct val *v)
{
    free(v->s);
    for (int i = 0; i < v->n; i++)
        free(v->list[i]);
    memset(v, 0, sizeof *v);
}

/* A "string" at *pp: its value (allocated), or NULL. */
static char *read_string(const char **pp)
{
    const char *p = *pp;
    if (*p != '"')
        return NULL;
    p++;
    size_t cap = 64, n = 0;
    char *s = xmalloc(cap);
    while (*p && *p != '"' && *p != '\n') {
        char c = *p++;
        if (c == '\\') {
            c = *p++;
            if (c == 'n')
                c = '\n';
            else if (c == 't')
                c = '\t';
            else if (c != '"' && c != '\\') {
                free(s);
                return NULL;
            }
        }
        if (n + 2 > cap)
            s = xrealloc(s, cap *= 2);
        s[n++] = c;
    }
    if (*p != '"') {
        free(s);
        return NULL;
    }
    s[n] = '\0';
    *pp = p + 1;
    return s;
}

static const char *skip_ws(const char *p)
{
    while (*p == ' ' || *p == '\t')
        p++;
    return p;
}

/* The value at p (rest of the line). Returns 0 or -1. */
static int read_value(const char *p, struct val *v)
{
    memset(v, 0, sizeof *v);
    p = skip_ws(p);
    if (*p == '"') {
        v->kind = 's';
        if (!(v->s = read_string(&p)))
            return -1;
    } else if (*p == '[') {
        v->kind = 'l';
        p = skip_ws(p + 1);
        while (*p != ']') {
            if (v->n == (int)(sizeof v->list / sizeof v->list[0]))
                return -1;
            char *s = read_string(&p);
            if (!s)
                return -1;
            v->list[v->n++] = s;
            p = skip_ws(p);
            if (*p == ',')
                p = skip_ws(p + 1);
            else if (*p != ']')
                return -1;
        }
        p++;
    } else if (!strncmp(p, "true", 4) || !strncmp(p, "false", 5)) {
        v->kind = 'b';
        v->b = *p == 't';
        p += v->b ? 4 : 5;
    } else if (isdigit((unsigned char)*p)) {
        v->kind = 'i';
        char *e;
        errno = 0;
        v->i = strtol(p, &e, 10);
        if (errno)
            return -1;
        p = e;
    } else {
        return -1;
    }
    p = skip_ws(p);
    return *p == '\0' || *p == '#' || *p == '\r' ? 0 : -1;
}

static int target(struct profile *P, const char *s, struct profile_target *t, char *err,
                  size_t errsz, int line)
{
    const char *dot = strchr(s, '.');
    if (!dot) {
        snprintf(err, errsz, "line %d: target '%s' is not feed.column", line, s);
        return -1;
    }
    for (int i = 0; i < P->nfeeds; i++) {
        const struct ingest_feed *f = P->feeds[i].f;
        if (strlen(f->name) == (size_t)(dot - s) && !strncmp(f->name, s, (size_t)(dot - s))) {
            int c = ingest_feed_column(f, dot + 1);
            if (c < 0) {
                snprintf(err, errsz, "line %d: feed %s has no column '%s'", line, f->name, dot + 1);
                return -1;
            }
            t->feed = i;
            t->col = c;
            return 0;
        }
    }
    snprintf(err, errsz,
             "line %d: target '%s': feed '%.*s' is not a [[feed]] of this profile "
             "(declared above)",
             line, s, (int)(dot - s), s);
    return -1;
}

int profile_parse(const char *text, size_t len, const char *origin, struct profile **out, char *err,
                  size_t errsz)
{
    struct profile *P = xcalloc(1, sizeof *P);
    P->origin = xstrdup(origin ? origin : "");
    char section = 0; /* 0 top, 'f' feed, 'c' column, 'k' constant */
    int line = 0, rc = -1;
    const char *p = text, *end = text + len;
    char buf[4096];
    struct val v = {0};
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        line++;
        if (n >= sizeof buf) {
            snprintf(err, errsz, "line %d: too long", line);
            goto done;
        }
        memcpy(buf, p, n);
        buf[n] = '\0';
        p += n + (nl ? 1 : 0);
        const char *s = skip_ws(buf);
        if (!*s || *s == '#' || *s == '\r')
            continue;
        if (*s == '[') {
            if (!strncmp(s, "[[feed]]", 8)) {
                if (P->nfeeds == PROFILE_MAX_FEEDS) {
                    snprintf(err, errsz, "line %d: more than %d feeds", line, PROFILE_MAX_FEEDS);
                    goto done;
                }
                P->nfeeds++;
                section = 'f';
            } else if (!strncmp(s, "[[column]]", 10)) {
                if (P->ncols == PROFILE_MAX_COLUMNS) {
                    snprintf(err, errsz, "line %d: more than %d columns", line,
                             PROFILE_MAX_COLUMNS);
                    goto done;
                }
                P->cols[P->ncols++].conv = PC_TEXT;
                section = 'c';
            } else if (!strncmp(s, "[[constant]]", 12)) {
                if (P->nconsts == (int)(sizeof P->consts / sizeof P->consts[0])) {
                    snprintf(err, errsz, "line %d: too many constants", line);
                    goto done;
                }
                P->consts[P->nconsts++].to.feed = -1;
                section = 'k';
            } else {
                snprintf(err, errsz,
                         "line %d: unknown table '%s' (expected [[feed]], [[column]] "
                         "or [[constant]])",
                         line, s);
                goto done;
            }
            continue;
        }
        const char *eq = strchr(s, '=');
        if (!eq) {
            snprintf(err, errsz, "line %d: expected key = value", line);
            goto done;
        }
        char key[64];
        size_t kn = (size_t)(eq - s);
        while (kn && (s[kn - 1] == ' ' || s[kn - 1] == '\t'))
            kn--;
        if (kn == 0 || kn >= sizeof key) {
            snprintf(err, errsz, "line %d: bad key", line);
            goto done;
        }
        memcpy(key, s, kn);
        key[kn] = '\0';
        val_free(&v);
        if (read_value(eq + 1, &v) != 0) {
            snprintf(err, errsz, "line %d: cannot read the value of '%s'", line, key);
            goto done;
        }
#define WANT(k)                                                                                    \
    if (v.kind != (k)) {                                                                           \
        snprintf(err, errsz, "line %d: '%s' needs a %s", line, key,                                \
                 (k) == 's'   ? "string"                                                           \
                 : (k) == 'l' ? "list of strings"                                                  \
                              : "true or false");                                                  \
        goto done;                                                                                 \
    }
        if (section == 0) {
            char **dst = !strcmp(key, "name")          ? &P->name
                         : !strcmp(key, "label")       ? &P->label
                         : !strcmp(key, "description") ? &P->description
                                                       : NULL;
            if (dst) {
                WANT('s');
                free(*dst);
                *dst = v.s;
                v.s = NULL;
            } else if (!strcmp(key, "detect")) {
                WANT('l');
                for (int i = 0; i < v.n && P->ndetect < 16; i++) {
                    P->detect[P->ndetect++] = v.list[i];
                    v.list[i] = NULL;
                }
            } else {
                snprintf(err, errsz, "line %d: unknown key '%s'", line, key);
                goto done;
            }
        } else if (section == 'f') {
            if (!strcmp(key, "feed")) {
                WANT('s');
                const struct ingest_feed *f = ingest_feed_find(v.s);
                if (!f) {
                    snprintf(err, errsz, "line %d: unknown feed '%s'", line, v.s);
                    goto done;
                }
                P->feeds[P->nfeeds - 1].f = f;
            } else if (!strcmp(key, "repeats")) {
                WANT('b');
                P->feeds[P->nfeeds - 1].repeats = v.b;
            } else {
                snprintf(err, errsz, "line %d: unknown key '%s' in [[feed]]", line, key);
                goto done;
            }
        } else if (section == 'c') {
            struct profile_column *c = &P->cols[P->ncols - 1];
            if (!strcmp(key, "header")) {
                if (v.kind == 's') {
                    v.list[v.n++] = v.s;
                    v.s = NULL;
                    v.kind = 'l';
                }
                WANT('l');
                for (int i = 0; i < v.n && c->nheaders < PROFILE_MAX_HEADERS; i++) {
                    char f[256];
                    cv_fold(v.list[i], strlen(v.list[i]), f, sizeof f);
                    c->headers[c->nheaders++] = xstrdup(f);
                }
            } else if (!strcmp(key, "convert")) {
                WANT('s');
                int k = profile_conv_find(v.s);
                if (k < 0) {
                    snprintf(err, errsz, "line %d: unknown converter '%s'", line, v.s);
                    goto done;
                }
                c->conv = (enum profile_conv)k;
            } else if (!strcmp(key, "to")) {
                if (v.kind == 's') {
                    v.list[v.n++] = v.s;
                    v.s = NULL;
                    v.kind = 'l';
                }
                WANT('l');
                for (int i = 0; i < v.n; i++) {
                    if (c->nto == PROFILE_MAX_TO) {
                        snprintf(err, errsz, "line %d: more than %d targets", line, PROFILE_MAX_TO);
                        goto done;
                    }
                    if (target(P, v.list[i], &c->to[c->nto++], err, errsz, line))
                        goto done;
                }
            } else if (!strcmp(key, "required")) {
                WANT('b');
                c->required = v.b;
            } else {
                snprintf(err, errsz, "line %d: unknown key '%s' in [[column]]", line, key);
                goto done;
            }
        } else {
            struct profile_constant *k = &P->consts[P->nconsts - 1];
            if (!strcmp(key, "to")) {
                WANT('s');
                if (target(P, v.s, &k->to, err, errsz, line))
                    goto done;
            } else if (!strcmp(key, "value")) {
                WANT('s');
                free(k->value);
                k->value = v.s;
                v.s = NULL;
            } else {
                snprintf(err, errsz, "line %d: unknown key '%s' in [[constant]]", line, key);
                goto done;
            }
        }
#undef WANT
    }
    /* whole-profile checks */
    if (!P->name || !P->label) {
        snprintf(err, errsz, "the profile needs a name and a label");
        goto done;
    }
    if (!P->nfeeds) {
        snprintf(err, errsz, "the profile names no [[feed]]");
        goto done;
    }
    for (int i = 0; i < P->nfeeds; i++) {
        if (!P->feeds[i].f) {
            snprintf(err, errsz, "[[feed]] %d has no 'feed ='", i + 1);
            goto done;
        }
        for (int j = 0; j < i; j++)
            if (P->feeds[j].f >= P->feeds[i].f) {
                snprintf(err, errsz,
                         "feeds must be listed in the load order of feeds.md "
                         "(%s before %s)",
                         P->feeds[i].f->name, P->feeds[j].f->name);
                goto done;
            }
    }
    for (int i = 0; i < P->ncols; i++) {
        struct profile_column *c = &P->cols[i];
        if (!c->nheaders) {
            snprintf(err, errsz, "[[column]] %d has no header", i + 1);
            goto done;
        }
        if (!c->nto && c->conv != PC_IGNORE) {
            snprintf(err, errsz, "column '%s' has no target ('to'; or convert = \"ignore\")",
                     c->headers[0]);
            goto done;
        }
        const char *const *slots = conv_slots(c->conv);
        for (int t = 0; slots && t < c->nto; t++) {
            const char *cn = P->feeds[c->to[t].feed].f->cols[c->to[t].col].name;
            int ok = 0;
            for (int k = 0; slots[k]; k++)
                if (!strcmp(slots[k], cn))
                    ok = 1;
            if (!ok) {
                snprintf(err, errsz, "column '%s': converter %s cannot fill %s", c->headers[0],
                         conv_names[c->conv], cn);
                goto done;
            }
        }
    }
    for (int i = 0; i < P->nconsts; i++) {
        if (P->consts[i].to.feed < 0 || !P->consts[i].value) {
            snprintf(err, errsz, "[[constant]] %d needs 'to' and 'value'", i + 1);
            goto done;
        }
        /* a template's parts: columns of the same feed */
        for (const char *q = strchr(P->consts[i].value, '{'); q; q = strchr(q + 1, '{')) {
            const char *e = strchr(q, '}');
            char ref[96];
            struct profile_target t;
            if (!e || (size_t)(e - q) >= sizeof ref) {
                snprintf(err, errsz, "[[constant]] %d: '{' without '}'", i + 1);
                goto done;
            }
            snprintf(ref, sizeof ref, "%.*s", (int)(e - q - 1), q + 1);
            if (target(P, ref, &t, err, errsz, 0))
                goto done;
            if (t.feed != P->consts[i].to.feed) {
                snprintf(err, errsz, "[[constant]] %d: {%s} is not a column of the feed it fills",
                         i + 1, ref);
                goto done;
            }
        }
    }
    rc = 0;
done:
    val_free(&v);
    if (rc) {
        profile_free(P);
        P = NULL;
    }
    *out = P;
    return rc;
}

/* The built-in profiles' names, listed once for the process (pthread_once: the web
 * server's import jobs and requests ask on several threads). */
static const char *builtin_names[32];
static char builtin_store[32][64];
static pthread_once_t builtin_once = PTHREAD_ONCE_INIT;

static void builtin_names_list(void)
{
    int n = 0;
    for (const struct zj_embedded *e = zj_embedded_files; e->path && n < 31; e++) {
        if (strncmp(e->path, "profiles/", 9))
            continue;
        const char *b = e->path + 9;
        size_t l = strlen(b);
        if (l > 5 && l < 64 + 5 && !strcmp(b + l - 5, ".toml")) {
            snprintf(builtin_store[n], sizeof builtin_store[n], "%.*s", (int)(l - 5), b);
            builtin_names[n] = builtin_store[n];
            n++;
        }
    }
    builtin_names[n] = NULL;
}

const char *const *profile_builtin_names(void)
{
    pthread_once(&builtin_once, builtin_names_list);
    return builtin_names;
}

int profile_load(const char *name, struct profile **out, char *err, size_t errsz)
{
    size_t l = strlen(name);
    *out = NULL;
    if (strchr(name, '/') || (l > 5 && !strcmp(name + l - 5, ".toml"))) {
        FILE *f = fopen(name, "rb");
        if (!f) {
            snprintf(err, errsz, "cannot open profile '%s': %s", name, strerror(errno));
            return -1;
        }
        char *buf = xmalloc(1 << 20);
        size_t n = fread(buf, 1, (1 << 20) - 1, f);
        fclose(f);
        buf[n] = '\0';
        char e2[300];
        int rc = profile_parse(buf, n, name, out, e2, sizeof e2);
        free(buf);
        if (rc)
            snprintf(err, errsz, "%s: %s", name, e2);
        return rc;
    }
    char path[128];
    snprintf(path, sizeof path, "profiles/%s.toml", name);
    const struct zj_embedded *e = zj_embedded_find(path);
    if (!e) {
        snprintf(err, errsz, "unknown profile '%s' (see 'zhijian profile list')", name);
        return -1;
    }
    char e2[300];
    int rc = profile_parse((const char *)e->data, e->len, path, out, e2, sizeof e2);
    if (rc)
        snprintf(err, errsz, "%s: %s", path, e2);
    return rc;
}

int profile_column_for_header(const struct profile *p, const char *h, size_t n)
{
    char f[256];
    size_t k = cv_fold(h, n, f, sizeof f);
    /* headers are compared without blanks and line breaks inside (出生 日期) */
    size_t o = 0;
    for (size_t i = 0; i < k; i++)
        if (f[i] != ' ')
            f[o++] = f[i];
    f[o] = '\0';
    if (!o)
        return -1;
    for (int i = 0; i < p->ncols; i++)
        for (int j = 0; j < p->cols[i].nheaders; j++)
            if (!strcmp(p->cols[i].headers[j], f))
                return i;
    return -1;
}
