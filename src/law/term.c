/*
 * term.c — §1 of law.md: the arithmetic of terms and periods — a term's end and length, a
 * period's end, ages, the end after a commutation, half a term (the parole threshold and the
 * minimum actually executed), and the end of a deprivation of political rights (PR-01).
 */
#include "law/sentence_int.h"

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
