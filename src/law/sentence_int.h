/*
 * sentence_int.h — what the files of the sentence calculation share (sentence.c the driver,
 * custody.c, commutation.c, parole.c, violation.c, recidivism.c, temp_outside.c, term.c):
 * the state of one law_compute and the helpers each file lends the others; not for other
 * callers, who use law.h.
 */
#ifndef ZJ_LAW_SENTENCE_INT_H
#define ZJ_LAW_SENTENCE_INT_H
#include "law/law.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define NONE ZJ_DATE_NONE

/* A date as YYYY-MM-DD in a temporary buffer, for a message. */
#define D(x) date_format((x), (char[11]){0})

/* The later of two dates, NONE counting as no date. */
static inline zj_date dmax(zj_date a, zj_date b)
{
    if (a == NONE)
        return b;
    if (b == NONE)
        return a;
    return a > b ? a : b;
}

/* ---------- custody.c */

struct custody_scan {
    zj_date start;        /* E */
    int32_t custody_days; /* closed custody before E */
    int32_t rs_days;      /* closed designated residence before E */
};

/* Copy the events dated on or before as_of (NONE: all) into buf (cap LAW_MAX_EVENTS),
 * stably sorted by date. Returns the count; *truncated (may be NULL) when some were
 * dropped. */
size_t sent_sort_events(const struct law_custody_event *ev, size_t n, zj_date as_of,
                        struct law_custody_event *buf, bool *truncated);
/* S-01/S-03 over the m sorted events e: where execution began and the custody and
 * designated-residence days before it. */
struct custody_scan sent_scan_custody(enum law_penalty penalty, zj_date eff,
                                      const struct law_custody_event *e, size_t m);
/* S-01/S-02: the days of s credited to a term of penalty p. */
int32_t sent_credit_of(enum law_penalty p, const struct custody_scan *s);
/* S-06 over the m sorted events e: days at large between from and to (inclusive bounds,
 * NONE: open). */
int32_t sent_escape_days(const struct law_custody_event *e, size_t m, zj_date from, zj_date to);

/* ---------- the state of one law_compute (sentence.c) */

struct state {
    const struct law_params *pr;
    const struct law_case *c;
    const struct law_judgment *j;
    struct law_figures *out;
    const struct law_custody_event *ev;
    size_t n_ev;
    enum law_penalty orig, cur;
    enum law_penalty came_from; /* LIFE or DEATH_SUSPENDED when the fixed term came from it */
    bool c04, second_clause, c07, ds_strict, limited, juvenile_ok;
    zj_date exec; /* start-time origin of a fixed term (S-08) */
    zj_date orig_start, orig_end;
    zj_date end;        /* current term end (NONE while life/死缓) */
    zj_date life_start; /* C-06/C-08/C-11 start-time origin while life */
    zj_date ds_end1;    /* first day after the 2-year 死缓 period */
    zj_date min_end;
    enum law_rule min_rule;
    bool need_start; /* next commutation is a "first" one (start time) */
    zj_date start_origin;
    enum law_rule start_origin_rule; /* LAW_RULE_NONE, or P-06 after a revoked parole */
    zj_date last_eff;                /* previous commutation's effective date */
    int last_rm, last_rd;
    bool last_big; /* previous commutation took off ≥ 1 year (P-04) */
    zj_date last_end_after;
    bool paroled, parole_revoked, probation;
    zj_date parole_date;
    int dpr_months;
    bool dpr_life, dpr_pr02;
    law_basis term_end_basis, next_basis, parole_basis, barred_basis;
    /* §16: the rule set of the change being judged (T-10) and its limits (T-12) */
    enum law_rule_set rs;
    struct law_rule_set_limits L;
    bool old_statute;   /* T-11: offense on or before 2011-04-30 */
    bool last_conv;     /* previous change made a life/死缓 a fixed term */
    unsigned unchecked; /* LAW_UC_* of the change being judged */
};

/* ---------- violation.c */

/* Append a violation to out (its message printf-formatted, cut on a UTF-8 boundary); past
 * LAW_MAX_VIOLATIONS sets out->violations_truncated instead. */
void sent_add_violation(struct law_figures *out, enum law_rule rule, enum law_violation_kind kind,
                        int idx, zj_date limit, int32_t days, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));
/* The article a violation of rule cites: article (the rule set's), else the rule's own. */
const char *sent_art_of(enum law_rule rule, const char *article);
/* Mark the violations added since n0 as general / citing article (NULL: unchanged). */
void sent_tag_since(struct state *s, size_t n0, bool general, const char *article);
/* The words a message adds for a limit that is only a general standard ("" otherwise). */
const char *sent_general_text(bool general);

/* ---------- commutation.c */

/* The start-time limit of the next commutation in the current state: its origin, months
 * (< 0: the rule set gives no figure), rule, whether major merit lifts it, and the limit. */
void sent_start_limit(const struct state *s, zj_date *origin, int *months, enum law_rule *rule,
                      bool *mm_lifts, struct law_limit *lim);
/* The interval limit after a previous commutation: months, rule and the limit. */
void sent_interval_limit(const struct state *s, int *months, enum law_rule *rule,
                         struct law_limit *lim);
/* Check the commutation ch (index idx, effective eff) and apply it to s: its figures go to
 * cf, its violations to s->out. */
void sent_commutation(struct state *s, const struct law_change *ch, int idx, zj_date eff,
                      struct law_change_figures *cf);

/* ---------- parole.c */

/* P-01 threshold in the current state, escape days added (NONE when parole does not
 * apply). */
zj_date sent_p01_threshold(const struct state *s, int32_t escape);
/* P-04 threshold after the last commutation (NONE when none or a short remainder); *used
 * is the limit applied. */
zj_date sent_p04_threshold(const struct state *s, struct law_limit *used);
/* P-02: recidivist, or violent with 10 years or more, life or 死缓. */
bool sent_p02_barred(const struct state *s);
/* Check the parole ch (index idx, effective eff) and apply it to s: its figures go to cf,
 * its violations to s->out. */
void sent_parole(struct state *s, const struct law_change *ch, int idx, zj_date eff,
                 struct law_change_figures *cf);

#endif
