/*
 * temp_outside.c — T-01 of law.md §6: a decision of temporary execution outside prison
 * (暂予监外执行, 刑事诉讼法第265条) checked for its penalty, its grounds and, for medical
 * parole, the diagnosis (designated hospital, the severe-illness list, its date).
 */
#include "law/sentence_int.h"

#include <stdio.h>
#include <string.h>

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
