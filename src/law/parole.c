/*
 * parole.c — the parole rules (law.md §§4-5): P-01 threshold (刑法第81条; 减刑假释规定第23条),
 * P-02 bars (刑法第81条第2款), P-03 property unpaid (第27条), P-04 the interval after a
 * commutation (第28条), P-06 a revoked parole (第30条), and the check of one parole decision.
 */
#include "law/sentence_int.h"

/* P-01 threshold in the current state (NONE when parole does not apply) */
zj_date sent_p01_threshold(const struct state *s, int32_t escape)
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
zj_date sent_p04_threshold(const struct state *s, struct law_limit *used)
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

bool sent_p02_barred(const struct state *s)
{
    if (s->out->recidivist)
        return true;
    if (!s->out->violent)
        return false;
    return (s->orig == LAW_FIXED_TERM && s->j->term_months >= 120) || s->orig == LAW_LIFE ||
           s->orig == LAW_DEATH_SUSPENDED;
}

void sent_parole(struct state *s, const struct law_change *ch, int idx, zj_date eff,
                 struct law_change_figures *cf)
{
    struct law_figures *out = s->out;
    zj_date d = ch->decision_date != NONE ? ch->decision_date : eff;
    cf->end_before = s->end;
    if (sent_p02_barred(s))
        sent_add_violation(out, LAW_P02, LAW_VK_BARRED, idx, NONE, 0,
                           out->recidivist
                               ? "累犯不得假释，却于%s裁定假释（刑法第81条第2款）"
                               : "暴力性犯罪被判处十年以上有期徒刑、无期徒刑的不得假释，却于"
                                 "%s裁定假释（刑法第81条第2款）",
                           D(d));
    if (!s->L.later_articles &&
        (s->parole_revoked || s->c->property_unpaid || s->orig == LAW_DEATH_SUSPENDED))
        cf->unchecked |= LAW_UC_LATER;
    if (s->parole_revoked && s->L.later_articles)
        sent_add_violation(
            out, LAW_P06, LAW_VK_BARRED, idx, NONE, 0,
            "被撤销假释的罪犯一般不得再假释，却于%s再次裁定假释（减刑假释规定第30条）", D(d));
    if (s->j->flags & LAW_JF_LIFELONG)
        sent_add_violation(out, LAW_C12, LAW_VK_BARRED, idx, NONE, 0,
                           "终身监禁罪犯不得假释，却于%s裁定假释（减刑假释规定第15条）", D(d));
    if (s->c->property_unpaid && s->L.later_articles)
        sent_add_violation(
            out, LAW_P03, LAW_VK_PROPERTY, idx, NONE, 0,
            "确有履行能力而未履行财产性判项，不得假释，却于%s裁定假释（减刑假释规定第27条）", D(d));
    if (s->orig == LAW_SURVEILLANCE || s->orig == LAW_CRIMINAL_DETENTION)
        /* 刑法第81条: parole only for 有期徒刑 and 无期徒刑 */
        sent_add_violation(out, LAW_P01, LAW_VK_PAROLE_TERM, idx, NONE, 0,
                           "%s不适用假释，却于%s裁定假释（刑法第81条）", law_penalty_label(s->orig),
                           D(d));
    int32_t esc = sent_escape_days(s->ev, s->n_ev, NONE, d);
    zj_date t1 = sent_p01_threshold(s, esc);
    struct law_limit plim = {0, false, NULL};
    zj_date t4 = sent_p04_threshold(s, &plim);
    cf->parole_earliest = dmax(t1, t4);
    cf->start_earliest = t1;
    cf->start_rule = t1 != NONE ? LAW_P01 : LAW_RULE_NONE;
    cf->interval_earliest = t4;
    cf->interval_rule = t4 != NONE ? LAW_P04 : LAW_RULE_NONE;
    cf->proposal_earliest = cf->parole_earliest;
    if (t1 != NONE && d < t1) {
        cf->days_early = t1 - d;
        sent_add_violation(out, LAW_P01, LAW_VK_PAROLE_TERM, idx, t1, t1 - d,
                           "假释执行刑期不足：%s应于%s后方可假释，实际%s裁定，提前%d日（%s）",
                           law_penalty_label(s->orig), D(t1), D(d), (int)(t1 - d),
                           law_rule_article(LAW_P01));
    }
    if (t4 != NONE && d < t4) {
        if (t4 - d > cf->days_early)
            cf->days_early = t4 - d;
        size_t n0 = out->n_violations;
        sent_add_violation(out, LAW_P04, LAW_VK_PAROLE_TERM, idx, t4, t4 - d,
                           "减刑后假释间隔不足：上次减刑%s生效，应间隔%d个月即%s后方可假释，实际%"
                           "s裁定，提前%d日%s（%s）",
                           D(s->last_eff), plim.months, D(t4), D(d), (int)(t4 - d),
                           sent_general_text(plim.general), sent_art_of(LAW_P04, plim.article));
        sent_tag_since(s, n0, plim.general, plim.article);
    }
    s->paroled = true;
    s->parole_date = eff;
    cf->end_after = s->end;
}
