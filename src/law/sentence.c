/*
 * sentence.c — the law core's computation (law.md §§1-2, 4-5, 9-10; T-01 of §6):
 *   S-01..S-08 term start/end, custody credit, commutation effects, escapes, release;
 *   C-01..C-16 commutation start time, interval, amount, minimum actually executed,
 *              strict/violent categories, major merit, relaxations, bars;
 *   P-01..P-06 parole threshold, bars, parole after commutation, parole period;
 *   R-01..R-03 recidivism; PR-01/PR-02 political rights; T-01 temporary execution outside.
 * Articles: see law.h and the comments at each rule. Where law.md and the law text differ,
 * the code follows the text and says so in a comment marked "LAW TEXT".
 */
#include "law/law.h"

#include <stdint.h>

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define NONE ZJ_DATE_NONE

static zj_date dmax(zj_date a, zj_date b)
{
    if (a == NONE)
        return b;
    if (b == NONE)
        return a;
    return a > b ? a : b;
}

/* ------------------------------------------------------------------ §1 pieces */

zj_date law_term_end(zj_date start, int months, int days)
{
    if (start == NONE)
        return NONE;
    return date_add_months(start, months) + days - 1;
}

int32_t law_term_days(zj_date start, zj_date end)
{
    if (start == NONE || end == NONE)
        return 0;
    return end - start + 1;
}

zj_date law_period_end(zj_date start, int months)
{
    if (start == NONE)
        return NONE;
    return date_add_months(start, months) - 1;
}

bool law_age_under(zj_date birth, zj_date d, int years)
{
    if (birth == NONE || d == NONE)
        return false;
    /* law.md §1: N years old from the day after the N-th birthday */
    return d <= date_add_months(birth, 12 * years);
}

zj_date law_commute_end(zj_date old_end, int months, int days)
{
    if (old_end == NONE)
        return NONE;
    return date_sub_months(old_end, months) - days;
}

/* ceil(T/2) days of the term [start, end] */
static int32_t half_days(zj_date start, zj_date end)
{
    int32_t t = law_term_days(start, end);
    return t / 2 + t % 2;
}

zj_date law_parole_earliest(zj_date term_start, zj_date term_end)
{
    if (term_start == NONE || term_end == NONE)
        return NONE;
    return term_start + half_days(term_start, term_end);
}

zj_date law_min_actual_end(zj_date term_start, zj_date term_end)
{
    if (term_start == NONE || term_end == NONE)
        return NONE;
    return term_start + half_days(term_start, term_end) - 1;
}

zj_date law_dpr_end(zj_date term_end, int dpr_months, zj_date parole_date)
{
    /* PR-01 (刑法第58条): from the day the main sentence is completed, or from parole */
    if (parole_date != NONE)
        return date_add_months(parole_date, dpr_months) - 1;
    if (term_end == NONE)
        return NONE;
    return date_add_months(term_end + 1, dpr_months) - 1;
}

/* ------------------------------------------------------------------ events */

/* Copy the events dated on or before as_of into buf (cap LAW_MAX_EVENTS), stably sorted
 * by date. Returns the count; *truncated when some were dropped. */
static size_t sort_events(const struct law_custody_event *ev, size_t n, zj_date as_of,
                          struct law_custody_event *buf, bool *truncated)
{
    size_t m = 0;
    for (size_t i = 0; ev && i < n; i++) {
        if (ev[i].date == NONE || (as_of != NONE && ev[i].date > as_of))
            continue;
        if (m == LAW_MAX_EVENTS) {
            if (truncated)
                *truncated = true;
            break;
        }
        size_t j = m++;
        while (j > 0 && buf[j - 1].date > ev[i].date) {
            buf[j] = buf[j - 1];
            j--;
        }
        buf[j] = ev[i];
    }
    return m;
}

struct custody_scan {
    zj_date start;        /* E */
    int32_t custody_days; /* closed custody before E */
    int32_t rs_days;      /* closed designated residence before E */
};

/* End the period open since *since (NONE: none is open) on day d: its days d - *since are
 * added to *days and *since becomes NONE. Returns whether a period was open. */
static bool close_period(zj_date *since, zj_date d, int32_t *days)
{
    if (*since == NONE)
        return false;
    *days += d - *since;
    *since = NONE;
    return true;
}

/* S-01/S-03: periods run from detain (rs_start) to the next bail/rs_end, exclusive; the
 * period open at admission (or, without admit, open at the end for imprisonment) is the
 * one in which execution began. 管制: execution begins on the effective date. */
static struct custody_scan scan_custody(enum law_penalty penalty, zj_date eff,
                                        const struct law_custody_event *e, size_t m)
{
    struct custody_scan r = {NONE, 0, 0};
    zj_date cust = NONE, rs = NONE;
    bool surveillance = penalty == LAW_SURVEILLANCE;
    for (size_t i = 0; i < m; i++) {
        zj_date d = e[i].date;
        if (surveillance && eff != NONE && d >= eff)
            break;
        switch (e[i].type) {
        case LAW_EV_ADMIT:
            if (surveillance)
                break;
            close_period(&rs, d, &r.rs_days);
            r.start = cust != NONE ? cust : d;
            return r;
        case LAW_EV_DETAIN:
        case LAW_EV_RETURN:
            close_period(&rs, d, &r.rs_days);
            if (cust == NONE)
                cust = d;
            break;
        case LAW_EV_RS_START:
            close_period(&cust, d, &r.custody_days);
            if (rs == NONE)
                rs = d;
            break;
        case LAW_EV_BAIL:
        case LAW_EV_RELEASE:
        case LAW_EV_RELEASE_OTHER:
            if (!close_period(&cust, d, &r.custody_days))
                close_period(&rs, d, &r.rs_days);
            break;
        case LAW_EV_RS_END:
            if (!close_period(&rs, d, &r.rs_days))
                close_period(&cust, d, &r.custody_days);
            break;
        default:
            break;
        }
    }
    if (!surveillance && cust != NONE) {
        r.start = cust; /* continuous custody into execution without an admit record */
        if (rs != NONE && eff != NONE && eff > rs)
            r.rs_days += eff - rs;
        return r;
    }
    r.start = eff;
    if (eff != NONE) {
        if (cust != NONE && eff > cust)
            r.custody_days += eff - cust;
        if (rs != NONE && eff > rs)
            r.rs_days += eff - rs;
    }
    return r;
}

static int32_t credit_of(enum law_penalty p, const struct custody_scan *s)
{
    switch (p) {
    case LAW_SURVEILLANCE: /* 刑法第41条 1:2; 刑事诉讼法第76条 1:1 */
        return 2 * s->custody_days + s->rs_days;
    case LAW_CRIMINAL_DETENTION: /* 刑法第44、47条 1:1; 刑事诉讼法第76条 2:1 */
    case LAW_FIXED_TERM:
        return s->custody_days + s->rs_days / 2;
    default: /* 减刑假释规定第23条: no credit for life / 死缓 */
        return 0;
    }
}

int32_t law_custody_credit(enum law_penalty penalty, zj_date effective_date,
                           const struct law_custody_event *ev, size_t n, zj_date as_of,
                           zj_date *custody_start)
{
    struct law_custody_event buf[LAW_MAX_EVENTS];
    size_t m = sort_events(ev, n, as_of, buf, NULL);
    struct custody_scan s = scan_custody(penalty, effective_date, buf, m);
    if (custody_start)
        *custody_start = s.start;
    return credit_of(penalty, &s);
}

/* S-06 over sorted events: days at large between from and to (inclusive bounds). */
static int32_t escape_days_sorted(const struct law_custody_event *e, size_t m, zj_date from,
                                  zj_date to)
{
    int32_t days = 0;
    zj_date open = NONE;
    for (size_t i = 0; i < m; i++) {
        if (from != NONE && e[i].date < from)
            continue;
        if (to != NONE && e[i].date > to)
            break;
        switch (e[i].type) {
        case LAW_EV_ESCAPE:
            if (open == NONE)
                open = e[i].date;
            break;
        case LAW_EV_RECAPTURE:
        case LAW_EV_RETURN:
        case LAW_EV_DETAIN:
        case LAW_EV_ADMIT:
            if (open != NONE) {
                days += e[i].date - open; /* escape day at large, recapture day in custody */
                open = NONE;
            }
            break;
        default:
            break;
        }
    }
    if (open != NONE && to != NONE && to >= open)
        days += to - open + 1;
    return days;
}

int32_t law_escape_days(const struct law_custody_event *ev, size_t n, zj_date as_of)
{
    struct law_custody_event buf[LAW_MAX_EVENTS];
    size_t m = sort_events(ev, n, as_of, buf, NULL);
    return escape_days_sorted(buf, m, NONE, as_of);
}

zj_date law_execution_date(const struct law_custody_event *ev, size_t n, zj_date as_of)
{
    zj_date best = NONE;
    for (size_t i = 0; ev && i < n; i++)
        if (ev[i].type == LAW_EV_ADMIT && ev[i].date != NONE &&
            (as_of == NONE || ev[i].date <= as_of) && (best == NONE || ev[i].date < best))
            best = ev[i].date;
    return best;
}

/* ------------------------------------------------------------------ categories */

bool law_judgment_is_violent(const struct law_judgment *j)
{
    return (j->charge_cats & LAW_CAT_VIOLENT) || (j->flags & LAW_JF_ORGANIZED_VIOLENCE);
}

bool law_judgment_is_strict(const struct law_judgment *j, const struct law_prior *priors,
                            size_t n_priors, bool recidivist, bool property_unpaid)
{
    const unsigned strict_cats = LAW_CAT_DUTY | LAW_CAT_FINANCIAL | LAW_CAT_ORGANISED |
                                 LAW_CAT_NATIONAL_SECURITY | LAW_CAT_TERRORISM;
    if ((j->charge_cats & strict_cats) || (j->flags & LAW_JF_DRUG_GROUP_LEADER) || recidivist ||
        property_unpaid)
        return true;
    /* 毒品再犯 (刑法第356条): a drug charge after an earlier drug conviction, any interval */
    if (j->charge_cats & LAW_CAT_DRUG)
        for (size_t i = 0; priors && i < n_priors; i++)
            if ((priors[i].charge_cats & LAW_CAT_DRUG) &&
                (priors[i].offense_date == NONE || j->offense_date == NONE ||
                 priors[i].offense_date < j->offense_date))
                return true;
    return false;
}

static bool at_least_fixed(enum law_penalty p)
{
    return p == LAW_FIXED_TERM || p == LAW_LIFE || p == LAW_DEATH_SUSPENDED || p == LAW_DEATH;
}

enum law_rule law_recidivism(const struct law_judgment *j, zj_date birth,
                             const struct law_prior *priors, size_t n_priors)
{
    const unsigned special = LAW_CAT_NATIONAL_SECURITY | LAW_CAT_TERRORISM | LAW_CAT_ORGANISED;
    zj_date off = j->offense_date;
    if (off == NONE)
        return LAW_RULE_NONE;
    bool r02 = false;
    for (size_t i = 0; priors && i < n_priors; i++) {
        const struct law_prior *p = &priors[i];
        /* completed: release date, or the end of the parole period (刑法第65条第2款);
         * a suspended sentence is never "executed" (null release_date) */
        zj_date done = p->parole_end != NONE ? p->parole_end : p->release_date;
        if (p->release_date == NONE || p->probation_months > 0 || done == NONE || done >= off)
            continue;
        /* R-02 (刑法第66条): special categories before and after, at any interval */
        if ((p->charge_cats & special) && (j->charge_cats & special))
            r02 = true;
        /* R-01 (刑法第65条) */
        if (!at_least_fixed(p->penalty) || !at_least_fixed(j->penalty))
            continue;
        /* LAW TEXT: "过失犯罪…除外" excludes a negligent crime on either side; law.md
         * names only the new crime. Both must be intentional. */
        if ((j->charge_cats & LAW_CAT_NEGLIGENT) || (p->charge_cats & LAW_CAT_NEGLIGENT))
            continue;
        if (law_age_under(birth, off, 18) ||
            (p->offense_date != NONE && law_age_under(birth, p->offense_date, 18)))
            continue;
        /* within five years: a period of 60 months starting the day after completion */
        if (off <= date_add_months(done + 1, 60) - 1)
            return LAW_R01;
    }
    return r02 ? LAW_R02 : LAW_RULE_NONE;
}

/* ------------------------------------------------------------------ violations */

static void add_violation(struct law_figures *out, enum law_rule rule, enum law_violation_kind kind,
                          int idx, zj_date limit, int32_t days, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));

static void add_violation(struct law_figures *out, enum law_rule rule, enum law_violation_kind kind,
                          int idx, zj_date limit, int32_t days, const char *fmt, ...)
{
    if (out->n_violations >= LAW_MAX_VIOLATIONS) {
        out->violations_truncated = true;
        return;
    }
    struct law_violation *v = &out->violations[out->n_violations++];
    v->rule = rule;
    v->kind = kind;
    v->change_index = idx;
    v->limit_date = limit;
    v->days = days;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(v->message, sizeof v->message, fmt, ap);
    va_end(ap);
    if (n >= (int)sizeof v->message) {
        /* do not leave a cut UTF-8 sequence at the end */
        size_t k = sizeof v->message - 1;
        while (k > 0 && ((unsigned char)v->message[k - 1] & 0xC0) == 0x80)
            k--;
        if (k > 0 && ((unsigned char)v->message[k - 1] & 0x80))
            k--;
        v->message[k] = '\0';
    }
}

#define D(x) date_format((x), (char[11]){0})

size_t law_check_temp_outside(const struct law_params *params, enum law_penalty penalty,
                              const struct law_change *ch, int idx, struct law_violation *out,
                              size_t cap)
{
    struct law_params def;
    params = law_params_or_default(params, &def);
    struct law_violation found[4];
    size_t n = 0;
    char msg[LAW_MESSAGE_MAX];
    zj_date decision = ch->decision_date != NONE ? ch->decision_date : ch->effective_date;
    zj_date proposal = ch->proposal_date != NONE ? ch->proposal_date : decision;
#define PUSH(lim, dd, ...)                                                                         \
    do {                                                                                           \
        snprintf(msg, sizeof msg, __VA_ARGS__);                                                    \
        found[n].rule = LAW_T01;                                                                   \
        found[n].kind = LAW_VK_TEMP_OUTSIDE;                                                       \
        found[n].change_index = idx;                                                               \
        found[n].limit_date = (lim);                                                               \
        found[n].days = (dd);                                                                      \
        memcpy(found[n].message, msg, sizeof msg);                                                 \
        n++;                                                                                       \
    } while (0)
    /* 刑事诉讼法第265条: 有期徒刑/拘役; 无期徒刑 only for pregnancy or nursing */
    bool allowed = penalty == LAW_FIXED_TERM || penalty == LAW_CRIMINAL_DETENTION ||
                   (penalty == LAW_LIFE && ch->grounds == LAW_PREGNANCY);
    if (!allowed)
        PUSH(NONE, 0, "暂予监外执行适用对象不符：%s不得以%s暂予监外执行（刑事诉讼法第265条）",
             law_penalty_label(penalty), ch->grounds ? law_grounds_label(ch->grounds) : "该理由");
    if (ch->grounds == LAW_MEDICAL) {
        const struct law_diagnosis *dg = &ch->diagnosis;
        if (!dg->present) {
            PUSH(NONE, 0, "保外就医缺少病情诊断（刑事诉讼法第265条）");
        } else {
            if (!dg->designated_hospital)
                PUSH(NONE, 0, "保外就医诊断非指定医院出具（刑事诉讼法第265条）");
            if (!dg->severe_list_item && n < 4)
                PUSH(NONE, 0, "保外就医诊断未列明严重疾病范围项目（刑事诉讼法第265条）");
            if (dg->exam_date != NONE && decision != NONE && dg->exam_date > decision && n < 4)
                PUSH(decision, dg->exam_date - decision,
                     "保外就医诊断日期%s晚于决定日期%s（刑事诉讼法第265条）", D(dg->exam_date),
                     D(decision));
            else if (dg->exam_date != NONE && proposal != NONE && n < 4) {
                zj_date lim = date_add_months(dg->exam_date, params->t01_diagnosis_max_months);
                if (proposal > lim)
                    PUSH(lim, proposal - lim,
                         "保外就医诊断%s至提请%s已超过%d个月（刑事诉讼法第265条）",
                         D(dg->exam_date), D(proposal), params->t01_diagnosis_max_months);
            }
        }
    }
#undef PUSH
    for (size_t i = 0; i < n && i < cap; i++)
        out[i] = found[i];
    return n;
}

/* ------------------------------------------------------------------ the computation */

/* C-08 (第11条) strict or limited 死缓 → life → fixed: 一般减为二十五年; with merit or major
 * merit 23-25 years. The other lowest terms are the rule set's (rulesets.c). */
static int c08_strict_lowest(enum law_grounds g)
{
    return g == LAW_REPENTANCE ? 300 : 276;
}

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

/* the article a violation of rule cites under the limit lim (the set's, else the rule's) */
static const char *art_of(enum law_rule rule, const char *article)
{
    return article ? article : law_rule_article(rule);
}

/* mark the violations added since n0 as general / citing article */
static void tag_since(struct state *s, size_t n0, bool general, const char *article)
{
    for (size_t i = n0; i < s->out->n_violations; i++) {
        s->out->violations[i].general = general;
        if (article)
            s->out->violations[i].article = article;
    }
}

/* grounds as the index of the limit tables (others: not given, the widest) */
static int gi(enum law_grounds g)
{
    return g >= LAW_REPENTANCE && g <= LAW_REPENTANCE_MAJOR_MERIT ? (int)g : 0;
}

static const char *general_text(bool general)
{
    return general ? "，超过一般标准，请核查裁定所述理由" : "";
}

/* PR-02 (第17条第2款): when a penalty with lifelong deprivation of political rights becomes
 * a fixed term, the deprivation becomes 7-10 years (the change's months, else 84). */
static void dpr_life_to_term(struct state *s, const struct law_change *ch)
{
    if (!s->dpr_life)
        return;
    s->dpr_life = false;
    s->dpr_months = ch->new_dpr_months > 0 ? ch->new_dpr_months : 84;
    s->dpr_pr02 = true;
}

static bool relaxed_for(const struct state *s, const struct law_change *ch, zj_date p)
{
    /* C-15 (第19、20、39条). LAW TEXT: 第19条 speaks of offenders under 18 "在报请减刑前的
     * 服刑期间" (at any time while serving before the proposal, i.e. on the execution date),
     * and excludes 刑法第81条第2款 cases; law.md says "under 18 at proposal". */
    if (s->juvenile_ok && law_age_under(s->c->birth_date, s->exec, 18))
        return true;
    if (s->c->birth_date != NONE && p != NONE && !law_age_under(s->c->birth_date, p, 65))
        return true;
    return ch->leniency == LAW_LENIENCY_ILL || ch->leniency == LAW_LENIENCY_DISABLED;
}

static int32_t shorten(const struct state *s, int32_t days, bool relaxed)
{
    if (!relaxed)
        return days;
    int num = s->pr->c15_relax_num, den = s->pr->c15_relax_den > 0 ? s->pr->c15_relax_den : 3;
    return (int32_t)((int64_t)days * (den - num) / den);
}

static int32_t widen(const struct state *s, int32_t days, bool relaxed)
{
    if (!relaxed)
        return days;
    int num = s->pr->c15_relax_num, den = s->pr->c15_relax_den > 0 ? s->pr->c15_relax_den : 3;
    return (int32_t)((int64_t)days * (den + num) / den);
}

/* Start-time rule for the next commutation in the current state: origin and months. */
static int band_of(int term_months)
{
    return term_months < 60 ? LAW_BAND_UNDER5 : term_months < 120 ? LAW_BAND_5TO10 : LAW_BAND_10UP;
}

/* Start-time rule for the next commutation in the current state: origin, months (< 0: the
 * rule set gives no figure), rule, and the limit's generality and article. */
static void start_limit(const struct state *s, zj_date *origin, int *months, enum law_rule *rule,
                        bool *mm_lifts, struct law_limit *lim)
{
    const struct law_rule_set_limits *L = &s->L;
    *mm_lifts = true;
    if (s->cur == LAW_LIFE) {
        if (s->orig == LAW_DEATH_SUSPENDED) {
            *origin = s->life_start;
            *lim = L->ds_start;
            *rule = LAW_C08;
            if (s->limited && L->special_groups) {
                lim->months = 60; /* C-11 第13条 */
                *rule = LAW_C11;
            }
            *mm_lifts = false;
        } else {
            *origin = s->j->effective_date; /* C-06: counted from the effective date */
            *lim = L->life_start;
            *rule = LAW_C06;
            if (s->c07 && L->special_groups) {
                lim->months = 36; /* C-07 第9条 */
                *rule = LAW_C07;
            }
        }
        *months = lim->months;
        return;
    }
    *origin = s->start_origin;
    *lim = L->start[band_of(s->j->term_months)]; /* C-01 (第6条) */
    *rule = LAW_C01;
    if (s->c04 && L->special_groups) {
        *lim = (struct law_limit){24, false, NULL}; /* C-04 (第7条) */
        *rule = LAW_C04;
    }
    *months = lim->months;
    if (s->start_origin_rule == LAW_P06) {
        *rule = LAW_P06; /* 第30条: counted from the return to prison */
        *mm_lifts = true;
    }
}

/* The start-time limit of a change: start_limit's origin, months, rule and whether major
 * merit lifts it, and the earliest proposal date lim (shortened under C-15 when relaxed). */
struct start_lim {
    zj_date origin, lim;
    int months;
    enum law_rule rule;
    bool lifts;
    struct law_limit limit;
};

/* Fill l and record its rule, days and earliest date in cf; false (nothing recorded) when
 * the state has no origin to count from. */
static bool record_start_limit(const struct state *s, bool relaxed, struct law_change_figures *cf,
                               struct start_lim *l)
{
    start_limit(s, &l->origin, &l->months, &l->rule, &l->lifts, &l->limit);
    if (l->origin == NONE)
        return false;
    if (l->months < 0) { /* T-10: no figure in the rule set */
        cf->unchecked |=
            s->cur == LAW_LIFE && s->orig == LAW_DEATH_SUSPENDED ? LAW_UC_DS : LAW_UC_START;
        return false;
    }
    cf->start_general = l->limit.general;
    cf->start_article = l->limit.article;
    int32_t days = shorten(s, date_add_months(l->origin, l->months) - l->origin, relaxed);
    l->lim = l->origin + days;
    cf->start_rule = l->rule;
    cf->start_days = days;
    cf->start_earliest = dmax(cf->start_earliest, l->lim);
    return true;
}

/* Interval rule after a previous commutation: months and rule. */
static void interval_limit(const struct state *s, int *months, enum law_rule *rule,
                           struct law_limit *lim)
{
    const struct law_rule_set_limits *L = &s->L;
    if (!L->special_groups) {
        /* before 2017: 有期徒刑 by its term; a term a life/死缓 became is >= 10 years */
        *lim = L->interval[s->came_from ? LAW_BAND_10UP : band_of(s->j->term_months)];
        *months = lim->months;
        *rule = LAW_C03;
        return;
    }
    *lim = (struct law_limit){0, false, NULL};
    if (s->came_from == LAW_LIFE) {
        *months = 24;
        *rule = s->c07 ? LAW_C07 : LAW_C06;
    } else if (s->came_from == LAW_DEATH_SUSPENDED) {
        *months = 24;
        *rule = s->limited ? LAW_C11 : LAW_C08;
    } else if (s->c04) {
        *months = s->second_clause ? 18 : 12;
        *rule = LAW_C04;
    } else {
        *lim = L->interval[band_of(s->j->term_months)];
        *rule = LAW_C03;
    }
    lim->months = *months = *rule == LAW_C03 ? lim->months : *months;
}

/* Amount rule for a fixed term: months and rule. */
static void amount_limit(const struct state *s, enum law_grounds g, int *months,
                         enum law_rule *rule, struct law_limit *lim)
{
    const struct law_rule_set_limits *L = &s->L;
    *lim = L->amount[s->came_from || s->j->term_months >= 120][gi(g)];
    int m = lim->months;
    *rule = LAW_C02;
    if (!L->special_groups) {
        *months = m;
        return;
    }
    if (s->came_from == LAW_DEATH_SUSPENDED && s->limited) {
        *months = law_grounds_major_merit(g) ? 12 : 6; /* C-11 第14条 */
        *rule = LAW_C11;
        return;
    }
    bool strict12 = s->came_from == LAW_LIFE              ? s->c07
                    : s->came_from == LAW_DEATH_SUSPENDED ? s->ds_strict
                                                          : s->c04;
    if (strict12 && m > 12) {
        m = 12;
        *rule = s->came_from == LAW_LIFE              ? LAW_C07
                : s->came_from == LAW_DEATH_SUSPENDED ? LAW_C08
                                                      : LAW_C04;
    } else if (strict12) {
        *rule = s->came_from == LAW_LIFE              ? LAW_C07
                : s->came_from == LAW_DEATH_SUSPENDED ? LAW_C08
                                                      : LAW_C04;
    }
    *months = m;
}

static const char *penalty_text(const struct state *s)
{
    return law_penalty_label(s->orig);
}

static void check_min_end(struct state *s, int idx, struct law_change_figures *cf)
{
    zj_date min_end = s->min_end;
    const char *article = NULL;
    if (s->min_rule == LAW_C10) { /* 死缓: the rule set's minimum, the reprieve not counted */
        if (s->L.ds_min.months < 0) {
            cf->unchecked |= LAW_UC_DS;
            return;
        }
        min_end = date_add_months(s->ds_end1, s->L.ds_min.months) - 1 +
                  (s->min_end - (date_add_months(s->ds_end1, 180) - 1));
        article = s->L.ds_min.article;
    }
    if (min_end == NONE || s->end == NONE || s->end >= min_end)
        return;
    size_t n0 = s->out->n_violations;
    add_violation(s->out, s->min_rule, LAW_VK_ACTUAL_TERM, idx, min_end, min_end - s->end,
                  "减刑后实际执行刑期不足：刑期止日%s早于最低应执行至%s，相差%d日（%s）", D(s->end),
                  D(min_end), (int)(min_end - s->end), art_of(s->min_rule, article));
    tag_since(s, n0, false, article);
}

/* C-16 (第16条) / 2012 第十一条: 管制/拘役, or a remaining term at the effective date under
 * the rule set's figure: the start time (before 2017 also the interval) may be shorter */
static bool short_remainder(const struct state *s)
{
    if (s->L.short_remainder.months < 0)
        return false;
    return s->orig == LAW_SURVEILLANCE || s->orig == LAW_CRIMINAL_DETENTION ||
           (s->orig_end != NONE && s->j->effective_date != NONE &&
            s->orig_end + 1 < date_add_months(s->j->effective_date, s->L.short_remainder.months));
}

static void do_commutation(struct state *s, const struct law_change *ch, int idx, zj_date eff,
                           struct law_change_figures *cf)
{
    struct law_figures *out = s->out;
    zj_date p = ch->proposal_date != NONE ? ch->proposal_date : ch->decision_date;
    bool mm = law_grounds_major_merit(ch->grounds);
    bool relaxed = relaxed_for(s, ch, p);
    cf->relaxed = relaxed;
    cf->major_merit = mm;
    cf->end_before = s->end;

    /* C-12 (第15条): 终身监禁 — no commutation after the mandatory 死缓 → life */
    if ((s->j->flags & LAW_JF_LIFELONG) &&
        !(s->cur == LAW_DEATH_SUSPENDED && ch->new_penalty == LAW_LIFE))
        add_violation(out, LAW_C12, LAW_VK_BARRED, idx, NONE, 0,
                      "终身监禁罪犯不得减刑，却于%s裁定减刑（减刑假释规定第15条）",
                      D(ch->decision_date));
    /* C-13 (第18条): probation, only with major merit; C-14 (第21条): new intentional crime
     * during execution. Articles of SPC-2016 only (T-10: the 2012 ones are not held). */
    bool later = s->L.later_articles;
    if (!later && (s->probation || s->c->new_crime_effective != NONE))
        cf->unchecked |= LAW_UC_LATER;
    if (later && s->probation && !mm)
        add_violation(out, LAW_C13, LAW_VK_BARRED, idx, NONE, 0,
                      "宣告缓刑罪犯无重大立功表现不得减刑，却于%s裁定减刑（减刑假释规定第18条）",
                      D(ch->decision_date));
    /* C-14 (第21条): new intentional crime during execution */
    zj_date nce = s->c->new_crime_effective;
    if (later && nce != NONE && p != NONE && p >= nce) {
        zj_date lim = date_add_months(nce, s->c->new_crime_life ? 48 : 36);
        if (p < lim)
            add_violation(out, LAW_C14, LAW_VK_START_TIME, idx, lim, lim - p,
                          "执行期间又故意犯罪，新罪判决%s确定后%d年内不得减刑，%s报请，提前%"
                          "d日（减刑假释规定第21条）",
                          D(nce), s->c->new_crime_life ? 4 : 3, D(p), (int)(lim - p));
        cf->start_earliest = dmax(cf->start_earliest, lim);
    }

    if (s->cur == LAW_DEATH_SUSPENDED) {
        /* S-05 (刑法第50、51条): at the end of the 2-year period, to life or 25 years */
        if (ch->new_penalty == LAW_FIXED_TERM && ch->new_term_months > 0) {
            s->cur = LAW_FIXED_TERM;
            s->came_from = LAW_DEATH_SUSPENDED;
            s->end = date_add_months(s->ds_end1, ch->new_term_months) - 1;
            s->out->term_start = s->ds_end1;
            if (s->limited) { /* C-09 刑法第78条: ≥ 20 years when to 25 years */
                s->min_end = dmax(s->min_end, date_add_months(s->ds_end1, 240) - 1);
                if (s->min_end == date_add_months(s->ds_end1, 240) - 1)
                    s->min_rule = LAW_C09;
            }
            s->term_end_basis |= LAW_BIT(LAW_S05);
            s->need_start = false;
            s->last_eff = eff;
            s->last_rm = s->last_rd = 0;
            s->last_big = true;
            s->last_conv = true;
        } else {
            s->cur = LAW_LIFE;
            s->life_start = eff;
            s->need_start = true;
            if (s->limited) { /* C-09: ≥ 25 years when to life */
                zj_date m25 = date_add_months(s->ds_end1, 300) - 1;
                if (m25 > s->min_end) {
                    s->min_end = m25;
                    s->min_rule = LAW_C09;
                }
            }
        }
        if (ch->new_penalty == LAW_FIXED_TERM)
            dpr_life_to_term(s, ch);
        cf->end_after = s->end;
        return;
    }

    if (s->cur == LAW_LIFE) {
        struct start_lim l;
        if (record_start_limit(s, relaxed, cf, &l)) {
            if (p != NONE && p < l.lim && !(mm && l.lifts)) {
                size_t n0 = out->n_violations;
                cf->days_early = l.lim - p;
                add_violation(out, l.rule, LAW_VK_START_TIME, idx, l.lim, l.lim - p,
                              "减刑起始时间不足：%s自%s起应执行%d年%s后方可减刑（%s），即%"
                              "s起，实际%s报请，提前%d日（%s）",
                              law_penalty_label(LAW_LIFE), D(l.origin), l.months / 12,
                              relaxed ? "（已按三分之一放宽）" : "", law_rule_id(l.rule), D(l.lim),
                              D(p), (int)(l.lim - p), art_of(l.rule, l.limit.article));
                tag_since(s, n0, l.limit.general, l.limit.article);
            }
        }
        if (ch->new_penalty == LAW_FIXED_TERM && ch->new_term_months > 0) {
            int lowest;
            enum law_rule arule;
            struct law_limit lim;
            bool special = s->L.special_groups;
            if (s->orig == LAW_DEATH_SUSPENDED) {
                lim = s->L.ds_low[gi(ch->grounds)];
                lowest = lim.months;
                if (special && (s->ds_strict || s->limited))
                    lowest = c08_strict_lowest(ch->grounds);
                arule = special && s->limited ? LAW_C11 : LAW_C08;
                if (!special && s->limited)
                    cf->unchecked |= LAW_UC_SPECIAL; /* 2012 第十条: 从严掌握, no figure */
            } else {
                lim = s->L.life_low[gi(ch->grounds)];
                lowest = lim.months;
                arule = LAW_C06;
                if (special && s->c07 && lowest < 240) {
                    lowest = 240; /* C-07 第9条: not below 20 years */
                    arule = LAW_C07;
                } else if (special && s->c07) {
                    arule = LAW_C07;
                }
            }
            if (lowest < 0) {
                cf->unchecked |= s->orig == LAW_DEATH_SUSPENDED ? LAW_UC_DS : LAW_UC_START;
            } else {
                cf->amount_rule = arule;
                cf->amount_general = lim.general;
                cf->amount_article = lim.article;
            }
            if (lowest >= 0 && ch->new_term_months < lowest) {
                size_t n0 = out->n_violations;
                add_violation(out, arule, LAW_VK_AMOUNT, idx, NONE, lowest - ch->new_term_months,
                              "减刑幅度超限：%s减为有期徒刑%d个月，低于%s所许最低%d个月%s（%s）",
                              law_penalty_label(s->orig), ch->new_term_months,
                              ch->grounds ? law_grounds_label(ch->grounds) : "所列理由", lowest,
                              general_text(lim.general), art_of(arule, lim.article));
                tag_since(s, n0, lim.general, lim.article);
            }
            /* S-05 (刑法第80条): the fixed term runs from the commutation */
            s->cur = LAW_FIXED_TERM;
            s->came_from = s->orig == LAW_DEATH_SUSPENDED ? LAW_DEATH_SUSPENDED : LAW_LIFE;
            s->end = date_add_months(eff, ch->new_term_months) - 1 +
                     escape_days_sorted(s->ev, s->n_ev, eff, s->c->as_of);
            s->out->term_start = eff;
            s->term_end_basis |= LAW_BIT(LAW_S05);
            s->need_start = false;
            s->last_eff = eff;
            s->last_rm = s->last_rd = 0;
            s->last_big = true;
            s->last_conv = true;
            dpr_life_to_term(s, ch);
            cf->end_after = s->end;
            check_min_end(s, idx, cf);
        }
        cf->proposal_earliest = cf->start_earliest;
        return;
    }

    /* a fixed term (管制/拘役/有期徒刑, or the term a life/死缓 became) */
    if (s->end == NONE)
        return;
    if (s->need_start) {
        struct start_lim l;
        if (record_start_limit(s, relaxed, cf, &l)) {
            bool short_rem = short_remainder(s);
            cf->short_remainder = short_rem;
            if (p != NONE && p < l.lim && !(mm && l.lifts) && !short_rem) {
                size_t n0 = out->n_violations;
                cf->days_early = l.lim - p;
                add_violation(out, l.rule, LAW_VK_START_TIME, idx, l.lim, l.lim - p,
                              "减刑起始时间不足：原判%s%d个月，自%s起应执行%d个月%s方可减刑，即%"
                              "s起，实际%s报请，提前%d日%s（%s）",
                              penalty_text(s), s->j->term_months, D(l.origin), l.months,
                              relaxed ? "（已按三分之一放宽）" : "", D(l.lim), D(p),
                              (int)(l.lim - p), general_text(l.limit.general),
                              art_of(l.rule, l.limit.article));
                tag_since(s, n0, l.limit.general, l.limit.article);
            }
        }
    } else if (s->last_eff != NONE) {
        int months;
        enum law_rule rule;
        struct law_limit ilim;
        interval_limit(s, &months, &rule, &ilim);
        /* before 2017 the short remainder (2012 第十一条) frees the interval too */
        bool free_interval = !s->L.special_groups && short_remainder(s);
        if (months < 0 || free_interval) {
            if (months < 0)
                cf->unchecked |= LAW_UC_INTERVAL;
            cf->short_remainder = free_interval;
            goto amount;
        }
        zj_date a = date_add_months(s->last_eff, months);
        /* 第6条: the interval is not shorter than the previous reduction (SPC-2016) */
        zj_date b =
            s->L.interval_last_cut ? date_add_months(s->last_eff, s->last_rm) + s->last_rd : a;
        zj_date lim0 = a > b ? a : b;
        int32_t days = shorten(s, lim0 - s->last_eff, relaxed);
        zj_date lim = s->last_eff + days;
        cf->interval_rule = rule;
        cf->interval_days = days;
        cf->interval_earliest = lim;
        cf->interval_general = ilim.general;
        cf->interval_article = ilim.article;
        if (p != NONE && p < lim && !mm) {
            size_t n0 = out->n_violations;
            cf->days_early = lim - p > cf->days_early ? lim - p : cf->days_early;
            add_violation(out, rule, LAW_VK_INTERVAL, idx, lim, lim - p,
                          "减刑间隔不足：上次减刑%s生效，应间隔%d个月%s即%s后方可报请，实际%"
                          "s报请，提前%d日%s（%s）",
                          D(s->last_eff),
                          lim0 == b && b > a ? (s->last_rm + (s->last_rd > 0)) : months,
                          relaxed ? "（已按三分之一放宽）" : "", D(lim), D(p), (int)(lim - p),
                          general_text(ilim.general), art_of(rule, ilim.article));
            tag_since(s, n0, ilim.general, ilim.article);
        }
    }
amount:
    cf->proposal_earliest = dmax(cf->start_earliest, cf->interval_earliest);
    if (p != NONE && cf->proposal_earliest != NONE && cf->proposal_earliest > p)
        cf->days_early = cf->proposal_earliest - p;

    /* amount: C-02 / C-04 / C-07 / C-08 / C-11, relaxed by C-15 */
    int rm = ch->reduction_months > 0 ? ch->reduction_months : 0;
    int rd = ch->reduction_days > 0 ? ch->reduction_days : 0;
    zj_date new_end = law_commute_end(s->end, rm, rd);
    int max_m;
    enum law_rule arule;
    struct law_limit alim;
    amount_limit(s, ch->grounds, &max_m, &arule, &alim);
    int32_t max_days =
        max_m < 0 ? INT32_MAX : widen(s, s->end - date_sub_months(s->end, max_m), relaxed);
    cf->reduction_days = s->end - new_end;
    cf->amount_max_days = max_m < 0 ? -1 : max_days;
    cf->amount_rule = max_m < 0 ? LAW_RULE_NONE : arule;
    cf->amount_general = alim.general && arule == LAW_C02;
    cf->amount_article = arule == LAW_C02 ? alim.article : NULL;
    if (s->end - new_end > max_days) {
        size_t n0 = out->n_violations;
        add_violation(out, arule, LAW_VK_AMOUNT, idx, NONE, (s->end - new_end) - max_days,
                      "减刑幅度超限：一次减去%d个月%d日，超过%s所许最多%d个月%s（多%d日）%s（%s）",
                      rm, rd, ch->grounds ? law_grounds_label(ch->grounds) : "所列理由", max_m,
                      relaxed ? "（已按三分之一放宽）" : "", (int)((s->end - new_end) - max_days),
                      general_text(cf->amount_general), art_of(arule, cf->amount_article));
        tag_since(s, n0, cf->amount_general, cf->amount_article);
    }
    /* S-04 */
    s->end = new_end;
    s->term_end_basis |= LAW_BIT(LAW_S04);
    cf->end_after = new_end;
    check_min_end(s, idx, cf);
    s->need_start = false;
    s->start_origin_rule = LAW_RULE_NONE;
    s->last_eff = eff;
    s->last_rm = rm;
    s->last_rd = rd;
    s->last_big = rm >= 12;
    s->last_conv = false;
    s->last_end_after = new_end;
    if (ch->new_dpr_months > 0 && !s->dpr_life) { /* PR-02 第17条第1款 */
        s->dpr_months = ch->new_dpr_months;
        s->dpr_pr02 = true;
    }
}

/* P-01 threshold in the current state (NONE when parole does not apply) */
static zj_date p01_threshold(const struct state *s, int32_t escape)
{
    switch (s->orig) {
    case LAW_FIXED_TERM: /* 第23条: from the execution date with custody credited = term_start */
        return law_parole_earliest(s->orig_start, s->orig_end) + escape;
    case LAW_LIFE: /* 刑法第81条: 13 years from the effective date, no credit; T-11: 10
                      years for an offense on or before 2011-04-30 (法释〔2011〕9号第七条) */
        return date_add_months(s->j->effective_date, s->old_statute ? 120 : 156);
    case LAW_DEATH_SUSPENDED: /* 第23条第3款: 15 years from the end of the 2-year period */
        return s->L.later_articles ? date_add_months(s->ds_end1, 180) : NONE;
    default:
        return NONE;
    }
}

/* P-04 threshold after the last commutation (NONE when none or short remainder) */
static zj_date p04_threshold(const struct state *s, struct law_limit *used)
{
    const struct law_rule_set_limits *L = &s->L;
    if (s->last_eff == NONE || L->parole_gap.months < 0)
        return NONE;
    zj_date end = s->end;
    /* 第28条第2款 (2012 第二十二条第2款): remaining term under 2 years after the
     * commutation — may be shorter */
    if (L->parole_short_free && end != NONE && end + 1 < date_add_months(s->last_eff, 24))
        return NONE;
    bool big = s->last_conv || s->last_rm >= L->parole_big_cut_months;
    *used = big ? L->parole_gap_big : L->parole_gap;
    return date_add_months(s->last_eff, used->months);
}

static bool p02_barred(const struct state *s)
{
    if (s->out->recidivist)
        return true;
    if (!s->out->violent)
        return false;
    return (s->orig == LAW_FIXED_TERM && s->j->term_months >= 120) || s->orig == LAW_LIFE ||
           s->orig == LAW_DEATH_SUSPENDED;
}

static void do_parole(struct state *s, const struct law_change *ch, int idx, zj_date eff,
                      struct law_change_figures *cf)
{
    struct law_figures *out = s->out;
    zj_date d = ch->decision_date != NONE ? ch->decision_date : eff;
    cf->end_before = s->end;
    if (p02_barred(s))
        add_violation(out, LAW_P02, LAW_VK_BARRED, idx, NONE, 0,
                      out->recidivist ? "累犯不得假释，却于%s裁定假释（刑法第81条第2款）"
                                      : "暴力性犯罪被判处十年以上有期徒刑、无期徒刑的不得假释，却于"
                                        "%s裁定假释（刑法第81条第2款）",
                      D(d));
    if (!s->L.later_articles &&
        (s->parole_revoked || s->c->property_unpaid || s->orig == LAW_DEATH_SUSPENDED))
        cf->unchecked |= LAW_UC_LATER;
    if (s->parole_revoked && s->L.later_articles)
        add_violation(out, LAW_P06, LAW_VK_BARRED, idx, NONE, 0,
                      "被撤销假释的罪犯一般不得再假释，却于%s再次裁定假释（减刑假释规定第30条）",
                      D(d));
    if (s->j->flags & LAW_JF_LIFELONG)
        add_violation(out, LAW_C12, LAW_VK_BARRED, idx, NONE, 0,
                      "终身监禁罪犯不得假释，却于%s裁定假释（减刑假释规定第15条）", D(d));
    if (s->c->property_unpaid && s->L.later_articles)
        add_violation(
            out, LAW_P03, LAW_VK_PROPERTY, idx, NONE, 0,
            "确有履行能力而未履行财产性判项，不得假释，却于%s裁定假释（减刑假释规定第27条）", D(d));
    if (s->orig == LAW_SURVEILLANCE || s->orig == LAW_CRIMINAL_DETENTION)
        /* 刑法第81条: parole only for 有期徒刑 and 无期徒刑 */
        add_violation(out, LAW_P01, LAW_VK_PAROLE_TERM, idx, NONE, 0,
                      "%s不适用假释，却于%s裁定假释（刑法第81条）", law_penalty_label(s->orig),
                      D(d));
    int32_t esc = escape_days_sorted(s->ev, s->n_ev, NONE, d);
    zj_date t1 = p01_threshold(s, esc);
    struct law_limit plim = {0, false, NULL};
    zj_date t4 = p04_threshold(s, &plim);
    cf->parole_earliest = dmax(t1, t4);
    cf->start_earliest = t1;
    cf->start_rule = t1 != NONE ? LAW_P01 : LAW_RULE_NONE;
    cf->interval_earliest = t4;
    cf->interval_rule = t4 != NONE ? LAW_P04 : LAW_RULE_NONE;
    cf->proposal_earliest = cf->parole_earliest;
    if (t1 != NONE && d < t1) {
        cf->days_early = t1 - d;
        add_violation(out, LAW_P01, LAW_VK_PAROLE_TERM, idx, t1, t1 - d,
                      "假释执行刑期不足：%s应于%s后方可假释，实际%s裁定，提前%d日（%s）",
                      law_penalty_label(s->orig), D(t1), D(d), (int)(t1 - d),
                      law_rule_article(LAW_P01));
    }
    if (t4 != NONE && d < t4) {
        if (t4 - d > cf->days_early)
            cf->days_early = t4 - d;
        size_t n0 = out->n_violations;
        add_violation(out, LAW_P04, LAW_VK_PAROLE_TERM, idx, t4, t4 - d,
                      "减刑后假释间隔不足：上次减刑%s生效，应间隔%d个月即%s后方可假释，实际%"
                      "s裁定，提前%d日%s（%s）",
                      D(s->last_eff), plim.months, D(t4), D(d), (int)(t4 - d),
                      general_text(plim.general), art_of(LAW_P04, plim.article));
        tag_since(s, n0, plim.general, plim.article);
    }
    s->paroled = true;
    s->parole_date = eff;
    cf->end_after = s->end;
}

int law_compute(const struct law_params *params, const struct law_case *c, struct law_figures *out)
{
    struct law_params def;
    struct law_custody_event ev[LAW_MAX_EVENTS];
    size_t order[LAW_MAX_INPUT_CHANGES];
    struct state s;

    memset(out, 0, sizeof *out);
    out->term_start = out->term_end_original = out->term_end = NONE;
    out->custody_start = out->execution_date = out->suspension_end = NONE;
    out->next_commutation_earliest = out->parole_earliest = out->min_actual_end = NONE;
    out->dpr_end = out->parole_date = out->parole_end = out->expected_release = NONE;
    out->parole_barred_rule = out->recidivist_rule = LAW_RULE_NONE;
    params = law_params_or_default(params, &def);
    const struct law_judgment *j = &c->judgment;
    out->penalty = j->penalty;
    if (j->effective_date == NONE)
        return ZJ_EINVAL;
    bool termed = j->penalty == LAW_SURVEILLANCE || j->penalty == LAW_CRIMINAL_DETENTION ||
                  j->penalty == LAW_FIXED_TERM;
    if (termed && (j->term_months < 0 || j->term_days < 0 || j->term_months > 1200 ||
                   j->term_days > 1000 || (j->term_months == 0 && j->term_days == 0)))
        return ZJ_EINVAL;
    zj_date as_of = c->as_of;

    memset(&s, 0, sizeof s);
    s.pr = params;
    s.c = c;
    s.j = j;
    s.out = out;
    size_t n_ev = sort_events(c->events, c->n_events, as_of, ev, &out->input_truncated);
    if (j->offense_date != NONE) {
        /* custody before the offense belongs to another case (an earlier sentence) */
        size_t k = 0;
        while (k < n_ev && ev[k].date < j->offense_date)
            k++;
        if (k > 0) {
            memmove(ev, ev + k, (n_ev - k) * sizeof ev[0]);
            n_ev -= k;
        }
    }
    s.ev = ev;
    s.n_ev = n_ev;
    s.orig = s.cur = j->penalty;
    s.came_from = LAW_PENALTY_NONE;
    s.probation = j->probation_months > 0;
    /* T-11 (刑法第12条; 法释〔2011〕9号): an offense on or before 2011-04-30 is judged by 刑法
     * before 修正案（八）: life 10 years (C-09, P-01), the old parole bar, no 限制减刑 */
    s.old_statute = j->offense_date != NONE && j->offense_date <= date_from_ymd(2011, 4, 30);
    s.limited = j->limited_commutation && j->penalty == LAW_DEATH_SUSPENDED && !s.old_statute;
    law_rule_set_limits(params, LAW_RS_SPC2016, &s.L);
    s.dpr_months = j->dpr_months;
    s.dpr_life = j->dpr_life;
    s.start_origin_rule = LAW_RULE_NONE;
    s.min_rule = LAW_RULE_NONE;
    s.orig_start = s.orig_end = s.end = s.life_start = s.ds_end1 = NONE;
    s.min_end = s.last_eff = s.last_end_after = s.parole_date = NONE;

    /* first: recidivism makes a person strict (C-04) and bars parole (P-02) */
    out->recidivist_rule = law_recidivism(j, c->birth_date, c->priors, c->n_priors);
    out->recidivist = out->recidivist_rule != LAW_RULE_NONE;
    out->basis[LAW_FIG_RECIDIVIST] =
        out->recidivist ? LAW_BIT(out->recidivist_rule) : LAW_BIT(LAW_R01) | LAW_BIT(LAW_R02);
    if (out->recidivist != j->recidivist)
        add_violation(out, LAW_R03, LAW_VK_RECIDIVISM, -1, NONE, 0,
                      out->recidivist
                          ? "累犯认定错误：依%s应认定为累犯，判决未认定（刑法第65、66条）"
                          : "累犯认定错误：判决认定为累犯，但不符合刑法第65、66条的条件（%s）",
                      out->recidivist ? law_rule_id(out->recidivist_rule) : "R-01、R-02");
    out->violent = law_judgment_is_violent(j);
    /* P-02 reads out->violent whatever the offense date (T-11). LAW TEXT: 法释〔2011〕9号
     * 第八条 applies 修正前刑法第81条第2款 ("杀人、爆炸、抢劫、强奸、绑架等暴力性犯罪") to 累犯
     * and to 故意杀人、强奸、抢劫、绑架、放火、爆炸、投放危险物质 "或者有组织的暴力性犯罪" of 10
     * years or more — barred under the old wording too — and the amended article (no bar)
     * to "其他暴力性犯罪": the bar is the amended list, organised violence included. law.md
     * T-11's "old list" read without it would let such a parole pass unflagged. */
    out->strict =
        law_judgment_is_strict(j, c->priors, c->n_priors, out->recidivist, c->property_unpaid);
    /* C-04 (第7条): strict; second clause also violent ≥ 10 years and combined_10y;
     * exactly 10 years strict falls under the first clause (law.md) */
    bool fixed10 = j->term_months >= 120;
    s.second_clause = (out->strict && j->term_months > 120) || (out->violent && fixed10) ||
                      (j->flags & LAW_JF_COMBINED_10Y);
    s.c04 = out->strict || s.second_clause;
    /* C-07 (第9条): life, strict or violent or combined */
    s.c07 = out->strict || out->violent || (j->flags & LAW_JF_COMBINED_10Y);
    s.ds_strict = s.c07; /* 第11条: the same list for 死缓 */
    /* 第19条: juvenile relaxation not for 刑法第81条第2款 cases */
    s.juvenile_ok =
        !out->recidivist &&
        !(out->violent && (fixed10 || j->penalty == LAW_LIFE || j->penalty == LAW_DEATH_SUSPENDED));

    /* S-08 */
    out->execution_date = law_execution_date(ev, n_ev, NONE);
    if (out->execution_date != NONE)
        out->basis[LAW_FIG_EXECUTION_DATE] = LAW_BIT(LAW_S08);
    s.exec = out->execution_date != NONE ? out->execution_date : j->effective_date;
    s.start_origin = s.exec;
    s.need_start = true;

    /* S-01..S-03 */
    struct custody_scan cs = scan_custody(j->penalty, j->effective_date, ev, n_ev);
    out->custody_start = cs.start;
    out->credit_days = credit_of(j->penalty, &cs);
    law_basis credit_basis = 0;
    if (cs.custody_days > 0)
        credit_basis |= LAW_BIT(LAW_S01);
    if (cs.rs_days > 0)
        credit_basis |= LAW_BIT(LAW_S02);
    if (termed) {
        out->basis[LAW_FIG_CREDIT_DAYS] = credit_basis ? credit_basis : LAW_BIT(LAW_S01);
        zj_date e = cs.start != NONE ? cs.start : j->effective_date;
        s.orig_start = e - out->credit_days;
        s.orig_end = law_term_end(e, j->term_months, j->term_days) - out->credit_days;
        out->term_start = s.orig_start;
        out->term_end_original = s.orig_end;
        out->basis[LAW_FIG_TERM_START] = LAW_BIT(LAW_S03) | credit_basis;
        out->basis[LAW_FIG_TERM_END_ORIGINAL] = LAW_BIT(LAW_S03) | credit_basis;
        s.term_end_basis = LAW_BIT(LAW_S03) | credit_basis;
        /* S-06 before S-04: days at large, and unlawful temp_outside, extend the end */
        out->escape_days = escape_days_sorted(ev, n_ev, NONE, as_of);
        s.end = s.orig_end;
        /* C-09 (刑法第78条第2款): at least half of the original term */
        s.min_end = law_min_actual_end(s.orig_start, s.orig_end);
        s.min_rule = LAW_C09;
    } else if (j->penalty == LAW_LIFE) {
        s.life_start = j->effective_date;
        /* C-09: 13 years; T-11: 10 for an offense on or before 2011-04-30 (第七条) */
        s.min_end = date_add_months(j->effective_date, s.old_statute ? 120 : 156) - 1;
        s.min_rule = LAW_C09;
    } else if (j->penalty == LAW_DEATH_SUSPENDED) {
        /* S-05 (刑法第51条): the 2 years run from the effective date */
        s.ds_end1 = date_add_months(j->effective_date, 24);
        out->suspension_end = s.ds_end1 - 1;
        out->basis[LAW_FIG_SUSPENSION_END] = LAW_BIT(LAW_S05);
        /* C-10 (第12条): 15 years actually executed, the 2-year period not counted */
        s.min_end = date_add_months(s.ds_end1, 180) - 1;
        s.min_rule = LAW_C10;
    }

    /* the changes, in order of effect */
    size_t n_ord = 0;
    for (size_t i = 0; c->changes && i < c->n_changes; i++) {
        const struct law_change *ch = &c->changes[i];
        zj_date eff = ch->effective_date != NONE ? ch->effective_date : ch->decision_date;
        zj_date dec = ch->decision_date != NONE ? ch->decision_date : eff;
        if (eff == NONE || (as_of != NONE && dec > as_of))
            continue;
        if (n_ord == LAW_MAX_INPUT_CHANGES) {
            out->input_truncated = true;
            break;
        }
        size_t k = n_ord++;
        while (k > 0) {
            const struct law_change *pc = &c->changes[order[k - 1]];
            zj_date pe = pc->effective_date != NONE ? pc->effective_date : pc->decision_date;
            if (pe <= eff)
                break;
            order[k] = order[k - 1];
            k--;
        }
        order[k] = i;
    }
    /* S-06: unlawful temp_outside periods are not counted */
    for (size_t k = 0; k < n_ord; k++) {
        const struct law_change *ch = &c->changes[order[k]];
        if (ch->kind != LAW_CHG_TEMP_OUTSIDE || !ch->unlawful)
            continue;
        zj_date from = ch->effective_date != NONE ? ch->effective_date : ch->decision_date;
        zj_date to = NONE;
        for (size_t m = k + 1; m < n_ord && to == NONE; m++) {
            const struct law_change *nx = &c->changes[order[m]];
            if (nx->kind == LAW_CHG_REVOKE_TEMP)
                to = nx->effective_date != NONE ? nx->effective_date : nx->decision_date;
        }
        for (size_t m = 0; m < n_ev && to == NONE; m++)
            if (ev[m].type == LAW_EV_RETURN && ev[m].date >= from)
                to = ev[m].date;
        int32_t days = to != NONE ? to - from : (as_of != NONE ? as_of - from + 1 : 0);
        if (days > 0)
            out->escape_days += days;
    }
    if (termed && out->escape_days > 0) {
        s.end += out->escape_days;
        s.min_end += out->escape_days;
        s.term_end_basis |= LAW_BIT(LAW_S06);
    }

    for (size_t k = 0; k < n_ord; k++) {
        int idx = (int)order[k];
        const struct law_change *ch = &c->changes[idx];
        zj_date eff = ch->effective_date != NONE ? ch->effective_date : ch->decision_date;
        struct law_change_figures scratch, *cf = &scratch;
        if (out->n_changes < LAW_MAX_CHANGES)
            cf = &out->changes[out->n_changes++];
        memset(cf, 0, sizeof *cf);
        cf->change_index = idx;
        cf->end_before = cf->end_after = s.end;
        cf->start_earliest = cf->interval_earliest = cf->proposal_earliest = NONE;
        cf->parole_earliest = NONE;
        cf->start_rule = cf->interval_rule = cf->amount_rule = LAW_RULE_NONE;
        cf->amount_max_days = -1;
        /* T-10: the rule set in force at the decision (a proposal: at its date) */
        zj_date when = ch->decision_date != NONE   ? ch->decision_date
                       : ch->proposal_date != NONE ? ch->proposal_date
                                                   : eff;
        s.rs = law_rule_set_at(when);
        law_rule_set_limits(params, s.rs, &s.L);
        cf->rule_set = s.rs;
        if (s.rs == LAW_RS_NONE && (ch->kind == LAW_CHG_COMMUTATION || ch->kind == LAW_CHG_PAROLE))
            cf->unchecked |= LAW_UC_ALL;
        /* 减刑假释补充规定 (from 2019-06-01, with SPC-2016): stricter limits for 贪污贿赂
         * convicts who were state functionaries, sentenced after 修正案（九） (2015-11-01).
         * The categories do not tell 贪污贿赂 (chapter 8) from 渎职, nor a former office:
         * not checked, and the response says so. */
        if (s.rs == LAW_RS_SPC2016 && when >= date_from_ymd(2019, 6, 1) &&
            (s.j->charge_cats & LAW_CAT_DUTY) &&
            s.j->effective_date >= date_from_ymd(2015, 11, 1) &&
            (ch->kind == LAW_CHG_COMMUTATION || ch->kind == LAW_CHG_PAROLE))
            cf->unchecked |= LAW_UC_SUPPLEMENT;
        size_t n0 = out->n_violations;
        switch (ch->kind) {
        case LAW_CHG_COMMUTATION:
            do_commutation(&s, ch, idx, eff, cf);
            break;
        case LAW_CHG_PAROLE:
            do_parole(&s, ch, idx, eff, cf);
            break;
        case LAW_CHG_REVOKE_PAROLE:
            if (s.paroled) {
                /* 刑法第86条第3款: the unexecuted remainder is executed after the return;
                 * the time on parole is not counted (first return event, or the ruling) */
                zj_date ret = eff;
                for (size_t m = 0; m < n_ev; m++)
                    if (ev[m].type == LAW_EV_RETURN && ev[m].date >= eff) {
                        ret = ev[m].date;
                        break;
                    }
                if (s.end != NONE && ret > s.parole_date) {
                    s.end += ret - s.parole_date;
                    s.term_end_basis |= LAW_BIT(LAW_P05);
                }
                s.paroled = false;
                s.parole_revoked = true;
                s.parole_date = NONE;
                /* P-06 (第30条): the commutation start time counts from the return */
                s.need_start = true;
                s.start_origin = ret;
                s.start_origin_rule = LAW_P06;
                cf->end_after = s.end;
            }
            break;
        case LAW_CHG_TEMP_OUTSIDE: {
            struct law_violation vs[4];
            size_t nv = law_check_temp_outside(params, s.cur, ch, idx, vs, 4);
            for (size_t m = 0; m < nv && m < 4; m++)
                add_violation(out, vs[m].rule, vs[m].kind, idx, vs[m].limit_date, vs[m].days, "%s",
                              vs[m].message);
            break;
        }
        case LAW_CHG_REVOKE_PROBATION:
            s.probation = false;
            break;
        default:
            break;
        }
        for (size_t m = n0; m < out->n_violations; m++)
            out->violations[m].rule_set = s.rs;
    }
    /* the figures for the future: the rule set in force on the as-of date */
    law_rule_set_limits(params, law_rule_set_at(as_of), &s.L);

    /* S-07 / figures */
    out->penalty = s.cur;
    if (s.cur == LAW_FIXED_TERM || termed) {
        out->term_end = s.end;
        out->basis[LAW_FIG_TERM_END] = s.term_end_basis;
    }
    if (!termed && s.cur == LAW_FIXED_TERM)
        out->basis[LAW_FIG_TERM_START] = LAW_BIT(LAW_S05);
    if (s.min_end != NONE) {
        out->min_actual_end = s.min_end;
        out->basis[LAW_FIG_MIN_ACTUAL_END] = LAW_BIT(s.min_rule);
    }

    /* next commutation: the standard limits (no C-15 relaxation, no C-05) */
    if (!(j->flags & LAW_JF_LIFELONG) && !s.probation &&
        (termed || s.cur == LAW_LIFE || s.cur == LAW_FIXED_TERM)) {
        zj_date next = NONE;
        law_basis nb = 0;
        if (s.need_start || s.cur == LAW_LIFE) {
            zj_date origin;
            int months;
            enum law_rule rule;
            bool lifts;
            struct law_limit lim;
            start_limit(&s, &origin, &months, &rule, &lifts, &lim);
            if (origin != NONE && months >= 0) {
                next = date_add_months(origin, months);
                nb |= LAW_BIT(rule);
                if (rule == LAW_P06)
                    nb |= LAW_BIT(s.c04 ? LAW_C04 : LAW_C01);
                else if (termed)
                    nb |= LAW_BIT(LAW_S08);
            }
        } else if (s.last_eff != NONE) {
            int months;
            enum law_rule rule;
            struct law_limit lim;
            interval_limit(&s, &months, &rule, &lim);
            if (months >= 0) {
                zj_date a = date_add_months(s.last_eff, months);
                zj_date b =
                    s.L.interval_last_cut ? date_add_months(s.last_eff, s.last_rm) + s.last_rd : a;
                next = a > b ? a : b;
                nb |= LAW_BIT(rule);
            }
        }
        zj_date nce = c->new_crime_effective;
        if (next != NONE && nce != NONE) {
            zj_date lim = date_add_months(nce, c->new_crime_life ? 48 : 36);
            if (lim > next) {
                next = lim;
                nb |= LAW_BIT(LAW_C14);
            }
        }
        out->next_commutation_earliest = next;
        out->basis[LAW_FIG_NEXT_COMMUTATION] = nb;
    } else if (s.cur == LAW_DEATH_SUSPENDED && !(j->flags & LAW_JF_LIFELONG)) {
        out->next_commutation_earliest = s.ds_end1;
        out->basis[LAW_FIG_NEXT_COMMUTATION] = LAW_BIT(LAW_S05);
    } else if (j->flags & LAW_JF_LIFELONG) {
        out->basis[LAW_FIG_NEXT_COMMUTATION] = LAW_BIT(LAW_C12);
    } else if (s.probation) {
        out->basis[LAW_FIG_NEXT_COMMUTATION] = LAW_BIT(LAW_C13);
    }

    /* parole */
    if (!s.probation &&
        (s.orig == LAW_FIXED_TERM || s.orig == LAW_LIFE || s.orig == LAW_DEATH_SUSPENDED)) {
        zj_date t1 = p01_threshold(&s, out->escape_days);
        struct law_limit plim;
        zj_date t4 = p04_threshold(&s, &plim);
        out->parole_earliest = dmax(t1, t4);
        out->basis[LAW_FIG_PAROLE_EARLIEST] =
            LAW_BIT(LAW_P01) | (t4 != NONE && t4 > t1 ? LAW_BIT(LAW_P04) : 0);
        law_basis bb = 0;
        if (p02_barred(&s))
            bb |= LAW_BIT(LAW_P02);
        if (c->property_unpaid)
            bb |= LAW_BIT(LAW_P03);
        if (s.parole_revoked)
            bb |= LAW_BIT(LAW_P06);
        if (j->flags & LAW_JF_LIFELONG)
            bb |= LAW_BIT(LAW_C12);
        out->parole_barred = bb != 0;
        for (int r = 0; r < LAW_RULE_COUNT; r++)
            if (bb & LAW_BIT(r)) {
                out->parole_barred_rule = (enum law_rule)r;
                break;
            }
        out->basis[LAW_FIG_PAROLE_BARRED] =
            bb ? bb : LAW_BIT(LAW_P02) | LAW_BIT(LAW_P03) | LAW_BIT(LAW_P06);
    }

    /* P-05: parole period */
    if (s.paroled) {
        out->parole_date = s.parole_date;
        if (s.cur == LAW_FIXED_TERM || termed)
            out->parole_end = s.end; /* the remaining term */
        else if (s.cur == LAW_LIFE)
            out->parole_end = date_add_months(s.parole_date, 120) - 1;
        out->basis[LAW_FIG_PAROLE_END] = LAW_BIT(LAW_P05);
        out->expected_release = s.parole_date;
        out->basis[LAW_FIG_EXPECTED_RELEASE] = LAW_BIT(LAW_S07) | LAW_BIT(LAW_P05);
    } else if (!s.probation && out->term_end != NONE) {
        out->expected_release = out->term_end;
        out->basis[LAW_FIG_EXPECTED_RELEASE] = LAW_BIT(LAW_S07);
    }

    /* PR-01 / PR-02 */
    if (s.probation && s.dpr_months > 0) {
        /* 刑法第72条第3款: with a suspended sentence the dpr is executed at once */
        out->dpr_end = date_add_months(j->effective_date, s.dpr_months) - 1;
        out->basis[LAW_FIG_DPR_END] = LAW_BIT(LAW_PR01);
    } else if (j->penalty == LAW_SURVEILLANCE && (s.dpr_months > 0 || s.dpr_life)) {
        out->dpr_end = out->term_end; /* 刑法第55条第2款: runs with the surveillance */
        out->basis[LAW_FIG_DPR_END] = LAW_BIT(LAW_PR01);
    } else if (s.dpr_life) {
        out->dpr_forever = true;
        out->basis[LAW_FIG_DPR_END] = LAW_BIT(LAW_PR01);
    } else if (s.dpr_months > 0 && (out->term_end != NONE || s.paroled)) {
        out->dpr_end = law_dpr_end(out->term_end, s.dpr_months, s.paroled ? s.parole_date : NONE);
        out->basis[LAW_FIG_DPR_END] = LAW_BIT(LAW_PR01) | (s.dpr_pr02 ? LAW_BIT(LAW_PR02) : 0);
    }
    return 0;
}
