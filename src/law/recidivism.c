/*
 * recidivism.c — what the person is for the commutation and parole rules: violent (刑法第81条
 * 第2款), strict (减刑假释规定第7条: duty, financial, organised crime, national security,
 * terrorism, drug group leaders, 毒品再犯 of 刑法第356条, recidivists, property unpaid), and
 * recidivism R-01 (刑法第65条) / R-02 (刑法第66条).
 */
#include "law/sentence_int.h"

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
