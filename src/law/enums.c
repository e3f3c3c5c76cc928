/*
 * enums.c — the law core's names: rule ids with their articles (law.md), the enums of
 * feeds.md (English ids and Chinese labels, parsed from either), judgment flags, figure
 * keys of the `zhijian calc` response (cli.md), and violation kinds.
 */
#include "law/law.h"

#include <string.h>

static const struct {
    const char *id, *article;
} rules[] = {
#define XX(e, id, art) {id, art},
    LAW_RULES(XX)
#undef XX
};

const char *law_rule_id(enum law_rule r)
{
    return (int)r >= 0 && r < LAW_RULE_COUNT ? rules[r].id : "";
}

const char *law_rule_article(enum law_rule r)
{
    return (int)r >= 0 && r < LAW_RULE_COUNT ? rules[r].article : "";
}

enum law_rule law_rule_from_id(const char *id)
{
    if (!id)
        return LAW_RULE_NONE;
    for (int i = 0; i < LAW_RULE_COUNT; i++)
        if (!strcmp(rules[i].id, id))
            return (enum law_rule)i;
    return LAW_RULE_NONE;
}

struct name_row {
    const char *id, *label;
};

static int lookup(const struct name_row *rows, int n, const char *s)
{
    if (!s || !*s)
        return -1;
    for (int i = 1; i < n; i++)
        if (!strcmp(rows[i].id, s) || !strcmp(rows[i].label, s))
            return i;
    return -1;
}

static const char *row_id(const struct name_row *rows, int n, int v)
{
    return v >= 0 && v < n ? rows[v].id : "";
}

static const char *row_label(const struct name_row *rows, int n, int v)
{
    return v >= 0 && v < n ? rows[v].label : "";
}

/* law.h's LAW_*_NAMES lists, rows only: the feeds' short labels are the importer's */
#define NAME_ROW(v, id, label) [v] = {id, label},
#define NAME_SKIP(v, id, label)

#define ENUM_FUNCS(prefix, type, table, count)                                                     \
    int prefix##_from_str(const char *s)                                                           \
    {                                                                                              \
        return lookup(table, count, s);                                                            \
    }                                                                                              \
    const char *prefix##_id(type v)                                                                \
    {                                                                                              \
        return row_id(table, count, (int)v);                                                       \
    }                                                                                              \
    const char *prefix##_label(type v)                                                             \
    {                                                                                              \
        return row_label(table, count, (int)v);                                                    \
    }

static const struct name_row penalties[LAW_PENALTY_COUNT] = {
    [0] = {"", ""}, LAW_PENALTY_NAMES(NAME_ROW, NAME_SKIP)};
static int penalty_lookup(const char *s)
{
    /* short forms found in court documents */
    static const struct {
        const char *alias;
        enum law_penalty value;
    } aliases[] = {
        {"死缓", LAW_DEATH_SUSPENDED},
        {"死刑缓期执行", LAW_DEATH_SUSPENDED},
        {"无期", LAW_LIFE},
        {"免除刑事处罚", LAW_EXEMPT},
        {"罚金", LAW_FINE_ONLY},
    };
    int v = lookup(penalties, LAW_PENALTY_COUNT, s);
    if (v > 0 || !s)
        return v;
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
        if (!strcmp(aliases[i].alias, s))
            return (int)aliases[i].value;
    return -1;
}

int law_penalty_from_str(const char *s)
{
    return penalty_lookup(s);
}
const char *law_penalty_id(enum law_penalty v)
{
    return row_id(penalties, LAW_PENALTY_COUNT, (int)v);
}
const char *law_penalty_label(enum law_penalty v)
{
    return row_label(penalties, LAW_PENALTY_COUNT, (int)v);
}

static const struct name_row events[LAW_EV_COUNT] = {[0] = {"", ""},
                                                     LAW_EVENT_TYPE_NAMES(NAME_ROW, NAME_SKIP)};
ENUM_FUNCS(law_event_type, enum law_event_type, events, LAW_EV_COUNT)

static const struct name_row change_kinds[LAW_CHG_COUNT] = {
    [0] = {"", ""}, LAW_CHANGE_KIND_NAMES(NAME_ROW, NAME_SKIP)};
ENUM_FUNCS(law_change_kind, enum law_change_kind, change_kinds, LAW_CHG_COUNT)

static const struct name_row grounds[LAW_GROUNDS_COUNT] = {[0] = {"", ""},
                                                           LAW_GROUNDS_NAMES(NAME_ROW, NAME_SKIP)};
ENUM_FUNCS(law_grounds, enum law_grounds, grounds, LAW_GROUNDS_COUNT)

bool law_grounds_major_merit(enum law_grounds g)
{
    return g == LAW_MAJOR_MERIT || g == LAW_REPENTANCE_MAJOR_MERIT;
}

static const struct name_row leniencies[LAW_LENIENCY_COUNT] = {
    [0] = {"", ""}, LAW_LENIENCY_NAMES(NAME_ROW, NAME_SKIP)};
ENUM_FUNCS(law_leniency, enum law_leniency, leniencies, LAW_LENIENCY_COUNT)

static const struct {
    const char *id, *label;
    unsigned bit;
} flags[] = {
#define FLAG_ROW(bit, id, label) {id, label, bit},
    LAW_FLAG_NAMES(FLAG_ROW, NAME_SKIP)
#undef FLAG_ROW
};

unsigned law_flag_from_str(const char *s)
{
    if (!s)
        return 0;
    for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++)
        if (!strcmp(flags[i].id, s) || !strcmp(flags[i].label, s))
            return flags[i].bit;
    return 0;
}

unsigned law_flags_from_list(const char *list, int *unknown)
{
    unsigned bits = 0;
    char item[96];
    if (unknown)
        *unknown = 0;
    if (!list)
        return 0;
    const char *p = list;
    while (*p) {
        const char *e = strchr(p, ';');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        while (n && (*p == ' ' || *p == '\t'))
            p++, n--;
        while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
            n--;
        if (n) {
            unsigned b = 0;
            if (n < sizeof item) {
                memcpy(item, p, n);
                item[n] = '\0';
                b = law_flag_from_str(item);
            }
            if (!b && unknown)
                (*unknown)++;
            bits |= b;
        }
        if (!e)
            break;
        p = e + 1;
    }
    return bits;
}

static const char *const figure_keys[LAW_FIG_COUNT] = {
    "term_start",      "term_end_original", "term_end",
    "credit_days",     "execution_date",    "next_commutation_earliest",
    "parole_earliest", "parole_barred",     "min_actual_end",
    "recidivist",      "dpr_end",           "expected_release",
    "parole_end",      "suspension_end",
};

const char *law_figure_key(enum law_figure f)
{
    return (int)f >= 0 && f < LAW_FIG_COUNT ? figure_keys[f] : "";
}

const char *law_violation_kind_id(enum law_violation_kind k)
{
    static const char *const ids[] = {"start_time",  "interval",   "amount",
                                      "actual_term", "barred",     "parole_term",
                                      "property",    "recidivism", "temp_outside"};
    return (int)k >= 0 && (size_t)k < sizeof ids / sizeof ids[0] ? ids[k] : "";
}
