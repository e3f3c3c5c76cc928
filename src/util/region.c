/*
 * region.c — region names from the embedded table (region.h, docs/regions.md).
 */
#include "util/region.h"
#include "util/region_table.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmp_code(const void *key, const void *row)
{
    return strcmp((const char *)key, ((const struct region_row *)row)->code);
}

/* The six-digit form of code into key (a 2/4/6-digit string of digits). False otherwise. */
static bool normalise(const char *code, char key[7])
{
    if (!code)
        return false;
    size_t len = strlen(code);
    if ((len != 2 && len != 4 && len != 6) || strspn(code, "0123456789") != len)
        return false;
    memcpy(key, code, len);
    memset(key + len, '0', 6 - len);
    key[6] = 0;
    return true;
}

static const struct region_row *find(const char *code)
{
    char key[7];
    if (!normalise(code, key))
        return NULL;
    return bsearch(key, region_rows, region_n_rows, sizeof region_rows[0], cmp_code);
}

const char *region_own_name(const char *code)
{
    const struct region_row *r = find(code);
    return r ? r->name : NULL;
}

enum region_level region_level_of(const char *code)
{
    const struct region_row *r = find(code);
    if (!r)
        return REGION_NONE;
    return r->level == 'p' ? REGION_PROVINCE : r->level == 'f' ? REGION_PREFECTURE : REGION_COUNTY;
}

/* The note for a code the table lacks. */
static char *unknown(const char *code, char *buf, size_t n)
{
    char key[7];
    if (!code || !*code)
        snprintf(buf, n, "%s", "");
    else if (!normalise(code, key))
        snprintf(buf, n, "%s", code);
    else if (strlen(code) == 4 && region_own_name((char[]){code[0], code[1], 0}))
        snprintf(buf, n, "%s（%s）", region_own_name((char[]){code[0], code[1], 0}), code);
    else
        snprintf(buf, n, "%s（旧代码）", code);
    return buf;
}

char *region_label(const char *code, char *buf, size_t n)
{
    const struct region_row *r = find(code);
    if (!r)
        return unknown(code, buf, n);
    char prov[3] = {r->code[0], r->code[1], 0};
    char pref[5] = {r->code[0], r->code[1], r->code[2], r->code[3], 0};
    const char *p = r->level == 'p' ? NULL : region_own_name(prov);
    const char *f = r->level == 'c' ? region_own_name(pref) : NULL;
    snprintf(buf, n, "%s%s%s", p ? p : "", f ? f : "", r->name);
    return buf;
}

char *region_short_label(const char *code, char *buf, size_t n)
{
    const struct region_row *r = find(code);
    if (!r)
        return unknown(code, buf, n);
    snprintf(buf, n, "%s", r->name);
    return buf;
}

bool region_at(size_t i, const char **code, const char **name, enum region_level *level)
{
    if (i >= region_n_rows)
        return false;
    const struct region_row *r = &region_rows[i];
    *code = r->code;
    *name = r->name;
    *level = r->level == 'p'   ? REGION_PROVINCE
             : r->level == 'f' ? REGION_PREFECTURE
                               : REGION_COUNTY;
    return true;
}
