/*
 * sentence.c — the law core's computation, law_compute (law.md §§1-2, 4-5, 9-10; T-01 of
 * §6): from the judgment, the custody events and the changes, in order of effect, the term
 * start and end (S-01..S-08), the checks of each change — commutation (commutation.c),
 * parole (parole.c), revocations, temporary execution outside (temp_outside.c) — the next
 * commutation and parole dates, recidivism (recidivism.c) and political rights (PR-01/PR-02).
 * Articles: see law.h and the comments at each rule. Where law.md and the law text differ,
 * the code follows the text and says so in a comment marked "LAW TEXT".
 */
#include "law/sentence_int.h"

#include <string.h>

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
    size_t n_ev = sent_sort_events(c->events, c->n_events, as_of, ev, &out->input_truncated);
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
        sent_add_violation(out, LAW_R03, LAW_VK_RECIDIVISM, -1, NONE, 0,
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
    struct custody_scan cs = sent_scan_custody(j->penalty, j->effective_date, ev, n_ev);
    out->custody_start = cs.start;
    out->credit_days = sent_credit_of(j->penalty, &cs);
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
        out->escape_days = sent_escape_days(ev, n_ev, NONE, as_of);
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
            sent_commutation(&s, ch, idx, eff, cf);
            break;
        case LAW_CHG_PAROLE:
            sent_parole(&s, ch, idx, eff, cf);
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
                sent_add_violation(out, vs[m].rule, vs[m].kind, idx, vs[m].limit_date, vs[m].days,
                                   "%s", vs[m].message);
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
            sent_start_limit(&s, &origin, &months, &rule, &lifts, &lim);
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
            sent_interval_limit(&s, &months, &rule, &lim);
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
        zj_date t1 = sent_p01_threshold(&s, out->escape_days);
        struct law_limit plim;
        zj_date t4 = sent_p04_threshold(&s, &plim);
        out->parole_earliest = dmax(t1, t4);
        out->basis[LAW_FIG_PAROLE_EARLIEST] =
            LAW_BIT(LAW_P01) | (t4 != NONE && t4 > t1 ? LAW_BIT(LAW_P04) : 0);
        law_basis bb = 0;
        if (sent_p02_barred(&s))
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
