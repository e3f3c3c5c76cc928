/*
 * m_recidivism.c — REC-01 累犯认定错误 (law.md R-01..R-03, 刑法第65、66条): the law core
 * recomputes recidivism for every judgment from the person's earlier judgments (priors,
 * models/law_bridge.c) and reports an R-03 violation when the judgment's flag differs, in
 * either direction. One lead per judgment.
 */
#include <string.h>

#include "law/law.h"
#include "models/model_util.h"

static int rec01(const zj_timeline *tl, const struct law_figures *figs, lead_sink *sink)
{
    (void)figs;
    strbuf ev = STRBUF_INIT, sm = STRBUF_INIT;
    int rc = 0;
    for (size_t ji = 0; ji < tl->n_jud && rc == 0; ji++) {
        if (!tl->figs_ok[ji])
            continue;
        const struct law_figures *f = &tl->figs[ji];
        const tl_judgment *j = &tl->jud[ji];
        const struct law_violation *v = NULL;
        for (size_t i = 0; i < f->n_violations && !v; i++)
            if (f->violations[i].kind == LAW_VK_RECIDIVISM)
                v = &f->violations[i];
        if (!v)
            continue;
        ev_begin(&ev, tl);
        ev_str(&ev, "judgment_id", j->judgment_id);
        ev_str(&ev, "case_no", j->case_no);
        ev_date(&ev, "offense_date", j->offense_date);
        ev_int(&ev, "recidivist_flag", j->recidivist == 1);
        ev_int(&ev, "recidivist_computed", f->recidivist);
        ev_str(&ev, "computed_rule",
               f->recidivist_rule == LAW_RULE_NONE ? NULL : law_rule_id(f->recidivist_rule));
        strbuf_adds(&ev, ",\"priors\":[");
        int n = 0;
        for (size_t k = 0; k < ji; k++) {
            const tl_judgment *p = &tl->jud[k];
            if (p->effective_date >= j->offense_date)
                continue;
            strbuf_addf(&ev, "%s{\"judgment_id\":", n++ ? "," : "");
            strbuf_add_json_str(&ev, p->judgment_id);
            strbuf_adds(&ev, ",\"penalty\":");
            strbuf_add_json_str(&ev, p->penalty_s);
            strbuf_adds(&ev, ",\"release_expected\":");
            strbuf_add_json_str(&ev, tl->calc[k].release_expected == ZJ_DATE_NONE
                                         ? NULL
                                         : dtxt(tl->calc[k].release_expected));
            strbuf_addch(&ev, '}');
        }
        strbuf_addch(&ev, ']');
        ev_str(&ev, "message", v->message);
        ev_end(&ev);
        strbuf_reset(&sm);
        strbuf_addf(&sm, "判决%s（%s）%s累犯，依前罪刑罚执行情况重新计算%s累犯：%s。",
                    j->judgment_id, j->case_no ? j->case_no : "",
                    j->recidivist == 1 ? "认定为" : "未认定为",
                    f->recidivist ? "应认定为" : "不构成", v->message);
        rc = emit(sink, tl, j->judgment_id, j->court_id, NULL, sm.buf, ev.buf,
                  f->recidivist_rule == LAW_R02 ? "R-02 刑法第66条；R-03"
                                                : "R-01 刑法第65条；R-02 刑法第66条；R-03");
    }
    strbuf_release(&ev);
    strbuf_release(&sm);
    return rc;
}

const model_def models_recidivism[] = {
    {"REC-01", "累犯认定错误", "delivery", "medium", "R-01 刑法第65条；R-02 刑法第66条；R-03",
     "judgment_id", "{\"years\":5}", rec01, NULL, TL_BASE | TL_BIT(TL_MEDICAL), 0},
    {0},
};
