/*
 * sealing.c — juvenile records (law.md §14): whether a person's criminal record is sealed
 * on a date, from their judgments (J-01, 刑诉法第286条第1款; 刑诉法解释第581条).
 *
 * A judgment is sealable when the offense was committed under 18 (law.md §1: under 18 on
 * the offense_date, so the 18th birthday itself still counts) and the penalty is at most
 * five years of 有期徒刑: 管制, 拘役, 单处罚金, 免予刑事处罚, or a fixed term of at most 60
 * months (60 months and 0 days; suspended sentences included). The record is sealed on d
 * when at least one judgment is effective by d and every judgment effective by d is
 * sealable. An unsealable judgment (adult offense, or above five years) ends the sealing
 * from its effective date, and for good: it stays effective on every later date.
 */
#include "law/law.h"

#define NONE ZJ_DATE_NONE

bool law_judgment_sealable(const struct law_judgment *j, zj_date birth)
{
    if (!j || j->offense_date == NONE || !law_age_under(birth, j->offense_date, 18))
        return false;
    switch (j->penalty) {
    case LAW_SURVEILLANCE:
    case LAW_CRIMINAL_DETENTION:
    case LAW_FINE_ONLY:
    case LAW_EXEMPT:
        return true;
    case LAW_FIXED_TERM:
        return j->term_months > 0 &&
               (j->term_months < 60 || (j->term_months == 60 && j->term_days <= 0));
    default:
        return false;
    }
}

enum law_seal_end law_judgment_seal_end(const struct law_judgment *j, zj_date birth)
{
    if (law_judgment_sealable(j, birth))
        return LAW_SEAL_END_NONE;
    if (!j || j->offense_date == NONE || !law_age_under(birth, j->offense_date, 18))
        return LAW_SEAL_END_ADULT;
    return LAW_SEAL_END_PENALTY;
}

void law_record_sealing(const struct law_judgment *j, size_t n, zj_date birth,
                        struct law_sealing *out)
{
    zj_date first_ok = NONE, first_bad = NONE;
    int bad = -1;
    for (size_t i = 0; i < n; i++) {
        zj_date eff = j[i].effective_date;
        if (eff == NONE)
            continue;
        if (law_judgment_sealable(&j[i], birth)) {
            if (first_ok == NONE || eff < first_ok)
                first_ok = eff;
        } else if (first_bad == NONE || eff < first_bad) {
            first_bad = eff;
            bad = (int)i;
        }
    }
    out->sealed_from = NONE;
    out->sealed_until = NONE;
    out->ended_by = -1;
    out->end = LAW_SEAL_END_NONE;
    if (bad >= 0) {
        out->ended_by = bad;
        out->end = law_judgment_seal_end(&j[bad], birth);
    }
    if (first_ok == NONE)
        return;
    if (first_bad != NONE && first_bad <= first_ok)
        return; /* an unsealable judgment was effective first: never sealed */
    out->sealed_from = first_ok;
    out->sealed_until = first_bad;
}

bool law_sealing_on(const struct law_sealing *s, zj_date d)
{
    return s->sealed_from != NONE && d != NONE && d >= s->sealed_from &&
           (s->sealed_until == NONE || d < s->sealed_until);
}

bool law_record_sealed_on(const struct law_judgment *j, size_t n, zj_date birth, zj_date d)
{
    struct law_sealing s;
    law_record_sealing(j, n, birth, &s);
    return law_sealing_on(&s, d);
}
