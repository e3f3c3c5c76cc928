/*
 * commutation.c — the checks of one commutation (law.md §§4-5, 9-10): C-01..C-16 start time,
 * interval, amount, minimum actually executed (刑法第78条), 终身监禁 C-12, probation C-13,
 * a new crime C-14, the relaxations of C-15, a short remainder C-16, the change of penalty
 * of a life sentence or 死缓 (S-05), and PR-02. The limits are those of the rule set in force
 * at the decision (rulesets.c); sentence.c calls sent_commutation for each commutation.
 */
#include "law/sentence_int.h"

#include <stdint.h>

/* C-08 (第11条) strict or limited 死缓 → life → fixed: 一般减为二十五年; with merit or major
 * merit 23-25 years. The other lowest terms are the rule set's (rulesets.c). */
static int c08_strict_lowest(enum law_grounds g)
{
    return g == LAW_REPENTANCE ? 300 : 276;
}

/* grounds as the index of the limit tables (others: not given, the widest) */
static int gi(enum law_grounds g)
{
    return g >= LAW_REPENTANCE && g <= LAW_REPENTANCE_MAJOR_MERIT ? (int)g : 0;
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

/* S-05: the commutation effective on eff made the life or 死缓 `from` the fixed term
 * start … end. The next commutation is not a first one (no start time); its interval counts
 * from eff, as after a commutation of a year or more (last_big) that made a life/死缓 a
 * fixed term (last_conv). */
static void to_fixed_term(struct state *s, enum law_penalty from, zj_date start, zj_date end,
                          zj_date eff)
{
    s->cur = LAW_FIXED_TERM;
    s->came_from = from;
    s->end = end;
    s->out->term_start = start;
    s->term_end_basis |= LAW_BIT(LAW_S05);
    s->need_start = false;
    s->last_eff = eff;
    s->last_rm = s->last_rd = 0;
    s->last_big = true;
    s->last_conv = true;
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

/* The band of a fixed term in the start-time and interval tables (C-01, C-03). */
static int band_of(int term_months)
{
    return term_months < 60 ? LAW_BAND_UNDER5 : term_months < 120 ? LAW_BAND_5TO10 : LAW_BAND_10UP;
}

/* Start-time rule for the next commutation in the current state: origin, months (< 0: the
 * rule set gives no figure), rule, and the limit's generality and article. */
void sent_start_limit(const struct state *s, zj_date *origin, int *months, enum law_rule *rule,
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

/* The start-time limit of a change: sent_start_limit's origin, months, rule and whether major
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
    sent_start_limit(s, &l->origin, &l->months, &l->rule, &l->lifts, &l->limit);
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
void sent_interval_limit(const struct state *s, int *months, enum law_rule *rule,
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
    sent_add_violation(s->out, s->min_rule, LAW_VK_ACTUAL_TERM, idx, min_end, min_end - s->end,
                       "减刑后实际执行刑期不足：刑期止日%s早于最低应执行至%s，相差%d日（%s）",
                       D(s->end), D(min_end), (int)(min_end - s->end),
                       sent_art_of(s->min_rule, article));
    sent_tag_since(s, n0, false, article);
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

void sent_commutation(struct state *s, const struct law_change *ch, int idx, zj_date eff,
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
        sent_add_violation(out, LAW_C12, LAW_VK_BARRED, idx, NONE, 0,
                           "终身监禁罪犯不得减刑，却于%s裁定减刑（减刑假释规定第15条）",
                           D(ch->decision_date));
    /* C-13 (第18条): probation, only with major merit; C-14 (第21条): new intentional crime
     * during execution. Articles of SPC-2016 only (T-10: the 2012 ones are not held). */
    bool later = s->L.later_articles;
    if (!later && (s->probation || s->c->new_crime_effective != NONE))
        cf->unchecked |= LAW_UC_LATER;
    if (later && s->probation && !mm)
        sent_add_violation(
            out, LAW_C13, LAW_VK_BARRED, idx, NONE, 0,
            "宣告缓刑罪犯无重大立功表现不得减刑，却于%s裁定减刑（减刑假释规定第18条）",
            D(ch->decision_date));
    /* C-14 (第21条): new intentional crime during execution */
    zj_date nce = s->c->new_crime_effective;
    if (later && nce != NONE && p != NONE && p >= nce) {
        zj_date lim = date_add_months(nce, s->c->new_crime_life ? 48 : 36);
        if (p < lim)
            sent_add_violation(out, LAW_C14, LAW_VK_START_TIME, idx, lim, lim - p,
                               "执行期间又故意犯罪，新罪判决%s确定后%d年内不得减刑，%s报请，提前%"
                               "d日（减刑假释规定第21条）",
                               D(nce), s->c->new_crime_life ? 4 : 3, D(p), (int)(lim - p));
        cf->start_earliest = dmax(cf->start_earliest, lim);
    }

    if (s->cur == LAW_DEATH_SUSPENDED) {
        /* S-05 (刑法第50、51条): at the end of the 2-year period, to life or 25 years */
        if (ch->new_penalty == LAW_FIXED_TERM && ch->new_term_months > 0) {
            to_fixed_term(s, LAW_DEATH_SUSPENDED, s->ds_end1,
                          date_add_months(s->ds_end1, ch->new_term_months) - 1, eff);
            if (s->limited) { /* C-09 刑法第78条: ≥ 20 years when to 25 years */
                s->min_end = dmax(s->min_end, date_add_months(s->ds_end1, 240) - 1);
                if (s->min_end == date_add_months(s->ds_end1, 240) - 1)
                    s->min_rule = LAW_C09;
            }
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
                sent_add_violation(out, l.rule, LAW_VK_START_TIME, idx, l.lim, l.lim - p,
                                   "减刑起始时间不足：%s自%s起应执行%d年%s后方可减刑（%s），即%"
                                   "s起，实际%s报请，提前%d日（%s）",
                                   law_penalty_label(LAW_LIFE), D(l.origin), l.months / 12,
                                   relaxed ? "（已按三分之一放宽）" : "", law_rule_id(l.rule),
                                   D(l.lim), D(p), (int)(l.lim - p),
                                   sent_art_of(l.rule, l.limit.article));
                sent_tag_since(s, n0, l.limit.general, l.limit.article);
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
                sent_add_violation(
                    out, arule, LAW_VK_AMOUNT, idx, NONE, lowest - ch->new_term_months,
                    "减刑幅度超限：%s减为有期徒刑%d个月，低于%s所许最低%d个月%s（%s）",
                    law_penalty_label(s->orig), ch->new_term_months,
                    ch->grounds ? law_grounds_label(ch->grounds) : "所列理由", lowest,
                    sent_general_text(lim.general), sent_art_of(arule, lim.article));
                sent_tag_since(s, n0, lim.general, lim.article);
            }
            /* S-05 (刑法第80条): the fixed term runs from the commutation */
            to_fixed_term(s, s->orig == LAW_DEATH_SUSPENDED ? LAW_DEATH_SUSPENDED : LAW_LIFE, eff,
                          date_add_months(eff, ch->new_term_months) - 1 +
                              sent_escape_days(s->ev, s->n_ev, eff, s->c->as_of),
                          eff);
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
                sent_add_violation(
                    out, l.rule, LAW_VK_START_TIME, idx, l.lim, l.lim - p,
                    "减刑起始时间不足：原判%s%d个月，自%s起应执行%d个月%s方可减刑，即%"
                    "s起，实际%s报请，提前%d日%s（%s）",
                    penalty_text(s), s->j->term_months, D(l.origin), l.months,
                    relaxed ? "（已按三分之一放宽）" : "", D(l.lim), D(p), (int)(l.lim - p),
                    sent_general_text(l.limit.general), sent_art_of(l.rule, l.limit.article));
                sent_tag_since(s, n0, l.limit.general, l.limit.article);
            }
        }
    } else if (s->last_eff != NONE) {
        int months;
        enum law_rule rule;
        struct law_limit ilim;
        sent_interval_limit(s, &months, &rule, &ilim);
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
            sent_add_violation(out, rule, LAW_VK_INTERVAL, idx, lim, lim - p,
                               "减刑间隔不足：上次减刑%s生效，应间隔%d个月%s即%s后方可报请，实际%"
                               "s报请，提前%d日%s（%s）",
                               D(s->last_eff),
                               lim0 == b && b > a ? (s->last_rm + (s->last_rd > 0)) : months,
                               relaxed ? "（已按三分之一放宽）" : "", D(lim), D(p), (int)(lim - p),
                               sent_general_text(ilim.general), sent_art_of(rule, ilim.article));
            sent_tag_since(s, n0, ilim.general, ilim.article);
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
        sent_add_violation(
            out, arule, LAW_VK_AMOUNT, idx, NONE, (s->end - new_end) - max_days,
            "减刑幅度超限：一次减去%d个月%d日，超过%s所许最多%d个月%s（多%d日）%s（%s）", rm, rd,
            ch->grounds ? law_grounds_label(ch->grounds) : "所列理由", max_m,
            relaxed ? "（已按三分之一放宽）" : "", (int)((s->end - new_end) - max_days),
            sent_general_text(cf->amount_general), sent_art_of(arule, cf->amount_article));
        sent_tag_since(s, n0, cf->amount_general, cf->amount_article);
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
