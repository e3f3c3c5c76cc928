/*
 * rulesets.c — the law in force at the time (law.md §16): which SPC provisions on
 * commutation and parole held on a decision date (T-10), and the limits of each as data,
 * one row of §16's table per set (T-12), each value with its article. commutation.c and
 * parole.c read the limits of the set in force at each change's decision date instead of
 * fixed numbers.
 *
 * SPC-2016 articles are NULL here: its rules keep their own rule ids and articles (C-01 …,
 * 减刑假释规定第6条 …, law.h). SPC-2012's figures are from the partial text of
 * ../shared/law/spc-2012-commutation-parole-partial.md (articles 1–11 and 22); SPC-1997's
 * from reproductions, as parameters (SPC1997.*).
 */
#include "law/law.h"

#include <string.h>

#define NONE ZJ_DATE_NONE

static const char *const set_ids[LAW_RS_COUNT] = {"none", "SPC-1997", "SPC-2012", "SPC-2016"};
static const char *const set_names[LAW_RS_COUNT] = {
    "（该日期无减刑假释司法解释）", "1997年减刑假释规定", "2012年减刑假释规定", "减刑假释规定"};

enum law_rule_set law_rule_set_at(zj_date d)
{
    if (d == NONE || d >= date_from_ymd(2017, 1, 1))
        return LAW_RS_SPC2016;
    if (d >= date_from_ymd(2012, 7, 1))
        return LAW_RS_SPC2012;
    if (d >= date_from_ymd(1997, 11, 8))
        return LAW_RS_SPC1997;
    return LAW_RS_NONE;
}

const char *law_rule_set_id(enum law_rule_set s)
{
    return (unsigned)s < LAW_RS_COUNT ? set_ids[s] : "";
}

const char *law_rule_set_name(enum law_rule_set s)
{
    return (unsigned)s < LAW_RS_COUNT ? set_names[s] : "";
}

const char *law_rule_set_applied(enum law_rule_set s)
{
    return s == LAW_RS_NONE ? "刑法（裁定时尚无减刑假释司法解释）" : law_rule_set_name(s);
}

enum law_rule_set law_rule_set_from_id(const char *id)
{
    for (int s = 0; id && s < LAW_RS_COUNT; s++)
        if (!strcmp(id, set_ids[s]))
            return (enum law_rule_set)s;
    return LAW_RS_COUNT;
}

#define NO                                                                                         \
    {                                                                                              \
        -1, false, NULL                                                                            \
    }
#define HARD(m)                                                                                    \
    {                                                                                              \
        m, false, NULL                                                                             \
    }

/* 2012年减刑假释规定 (法释〔2012〕2号) */
#define A5 "2012年减刑假释规定第五条"
#define A6 "2012年减刑假释规定第六条"
#define A7 "2012年减刑假释规定第七条"
#define A8 "2012年减刑假释规定第八条"
#define A9 "2012年减刑假释规定第九条"
#define A11 "2012年减刑假释规定第十一条"
#define A22 "2012年减刑假释规定第二十二条"
/* 1997年减刑假释规定 (法释〔1997〕6号): no text held, so no article numbers */
#define A97 "1997年减刑假释规定（法释〔1997〕6号）"

/* grounds order: none (widest), repentance, merit, repentance_merit, major_merit,
 * repentance_major_merit */
static const struct law_rule_set_limits tables[LAW_RS_COUNT] =
    {
        [LAW_RS_NONE] =
            {
                .set = LAW_RS_NONE,
                .start = {NO, NO, NO},
                .interval = {NO, NO, NO},
                .amount = {{NO, NO, NO, NO, NO, NO}, {NO, NO, NO, NO, NO, NO}},
                .life_start = NO,
                .life_low = {NO, NO, NO, NO, NO, NO},
                .ds_start = NO,
                .ds_low = {NO, NO, NO, NO, NO, NO},
                .ds_min = NO,
                .short_remainder = NO,
                .parole_gap = NO,
                .parole_gap_big = NO,
            },
        /* figures of SPC-1997 filled from the parameters by law_rule_set_limits */
        [LAW_RS_SPC1997] =
            {
                .set = LAW_RS_SPC1997,
                .start = {NO, {18, true, A97}, {18, true, A97}},
                .interval = {NO, {12, true, A97}, {12, true, A97}},
                .amount = {{{24, true, A97},
                            {12, true, A97},
                            {12, true, A97},
                            {24, true, A97},
                            {24, true, A97},
                            {24, true, A97}},
                           {{36, true, A97},
                            {24, true, A97},
                            {24, true, A97},
                            {36, true, A97},
                            {36, true, A97},
                            {36, true, A97}}},
                .life_start = {24, false, A97},
                .life_low = {{156, false, A97},
                             {216, true, A97},
                             {216, true, A97},
                             {216, true, A97},
                             {156, false, A97},
                             {156, false, A97}},
                .ds_start = NO,
                .ds_low = {NO, NO, NO, NO, NO, NO},
                .ds_min = {144, false, A97},
                .short_remainder = NO,
                .parole_gap = {12, true, A97},
                .parole_gap_big = {24, false, A97},
                .parole_big_cut_months = 24,
            },
        [LAW_RS_SPC2012] =
            {
                .set = LAW_RS_SPC2012,
                /* 第六条: 五年以上 一般执行一年六个月以上, 间隔一般一年以上; 不满五年 may be
                   shorter */
                .start = {NO, {18, true, A6}, {18, true, A6}},
                .interval = {NO, {12, true, A6}, {12, true, A6}},
                /* 第五条: 一般不超过一年 / 二年 */
                .amount = {{{24, true, A5},
                            {12, true, A5},
                            {12, true, A5},
                            {24, true, A5},
                            {24, true, A5},
                            {24, true, A5}},
                           {{24, true, A5},
                            {12, true, A5},
                            {12, true, A5},
                            {24, true, A5},
                            {24, true, A5},
                            {24, true, A5}}},
                /* 第七条: 服刑二年以后; 一般可以减为二十年以上; 重大立功 十五年以上 */
                .life_start = {24, false, A7},
                .life_low = {{180, false, A7},
                             {240, true, A7},
                             {240, true, A7},
                             {240, true, A7},
                             {180, false, A7},
                             {180, false, A7}},
                /* 第九条: 减为无期徒刑后 服刑二年以后 二十五年 / 重大立功 二十三年; 十五年 */
                .ds_start = {24, false, A9},
                .ds_low = {{276, false, A9},
                           {300, false, A9},
                           {300, false, A9},
                           {300, false, A9},
                           {276, false, A9},
                           {276, false, A9}},
                .ds_min = {180, false, A9},
                /* 第十一条: 剩余刑期不满一年 (and 管制、拘役) 可以酌情减刑 */
                .short_remainder = {12, false, A11},
                /* 第二十二条: 一般为一年; 一次减去二年 … 不能少于二年; 余刑不足二年 may be shorter
                 */
                .parole_gap = {12, true, A22},
                .parole_gap_big = {24, false, A22},
                .parole_big_cut_months = 24,
                .parole_short_free = true,
            },
        [LAW_RS_SPC2016] =
            {
                .set = LAW_RS_SPC2016,
                .start = {HARD(12), HARD(18), HARD(24)},    /* C-01 第6条 */
                .interval = {HARD(12), HARD(12), HARD(18)}, /* C-03 第6条 */
                .interval_last_cut = true,
                .amount = {{HARD(24), HARD(9), HARD(9), HARD(12), HARD(18), HARD(24)}, /* C-02 */
                           {HARD(24), HARD(9), HARD(9), HARD(12), HARD(18), HARD(24)}},
                .life_start = HARD(24), /* C-06 */
                .life_low = {HARD(228), HARD(264), HARD(264), HARD(252), HARD(240), HARD(228)},
                .ds_start = HARD(36), /* C-08 */
                .ds_low = {HARD(264), HARD(300), HARD(300), HARD(288), HARD(276), HARD(264)},
                .ds_min = HARD(180),         /* C-10 */
                .short_remainder = HARD(24), /* C-16 */
                .parole_gap = HARD(12),
                .parole_gap_big = HARD(18), /* P-04 */
                .parole_big_cut_months = 12,
                .parole_short_free = true,
                .special_groups = true,
                .later_articles = true,
            },
};

void law_rule_set_limits(const struct law_params *params, enum law_rule_set s,
                         struct law_rule_set_limits *out)
{
    struct law_params def;
    if ((unsigned)s >= LAW_RS_COUNT)
        s = LAW_RS_SPC2016;
    *out = tables[s];
    if (s != LAW_RS_SPC1997)
        return;
    params = law_params_or_default(params, &def);
    const struct law_params *p = params;
    for (int b = LAW_BAND_5TO10; b < LAW_BAND_COUNT; b++) {
        out->start[b].months = p->spc1997_start_months;
        out->interval[b].months = p->spc1997_interval_months;
    }
    for (int ten = 0; ten < 2; ten++) {
        int small = ten ? p->spc1997_amount_10y_months : p->spc1997_amount_months;
        int big = ten ? p->spc1997_amount_merit_10y_months : p->spc1997_amount_merit_months;
        out->amount[ten][LAW_REPENTANCE].months = small;
        out->amount[ten][LAW_MERIT].months = small;
        out->amount[ten][LAW_REPENTANCE_MERIT].months = big;
        out->amount[ten][LAW_MAJOR_MERIT].months = big;
        out->amount[ten][LAW_REPENTANCE_MAJOR_MERIT].months = big;
        out->amount[ten][0].months = big > small ? big : small;
    }
    out->life_start.months = p->spc1997_life_start_months;
    out->life_low[LAW_REPENTANCE].months = p->spc1997_life_low_months;
    out->life_low[LAW_MERIT].months = p->spc1997_life_low_months;
    out->life_low[LAW_REPENTANCE_MERIT].months = p->spc1997_life_low_months;
    out->life_low[LAW_MAJOR_MERIT].months = p->spc1997_life_low_major_months;
    out->life_low[LAW_REPENTANCE_MAJOR_MERIT].months = p->spc1997_life_low_major_months;
    out->life_low[0].months = p->spc1997_life_low_major_months < p->spc1997_life_low_months
                                  ? p->spc1997_life_low_major_months
                                  : p->spc1997_life_low_months;
    out->ds_min.months = p->spc1997_ds_min_months;
    out->parole_gap.months = p->spc1997_parole_months;
    out->parole_gap_big.months = p->spc1997_parole_big_months;
}
