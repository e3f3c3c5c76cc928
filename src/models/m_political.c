/*
 * m_political.c — PR-01 剥夺政治权利期间行使选举权 (spec/models.md; law.md §10 PR-01,
 * 刑法第54、55、58条). Per person; subject: the voters record.
 *
 * The window is the judgment's dpr interval (intervals.h, IV_DPR): from the execution date
 * (the first `admit` for the judgment, else its effective date) to
 *   - forever for dpr_life,
 *   - term_end for 管制 (the dpr runs with the surveillance term),
 *   - add_months(parole_date, dpr_months) − 1 after a `release_parole`,
 *   - add_months(release + 1, dpr_months) − 1 after a `release` (the release day is the
 *     last day of the main sentence, S-07), else the same from the judgment's term_end.
 * A voter record (registered, voted, candidate or elected) whose election date falls in a
 * window, on or before the as-of date, is a lead (the earliest window containing it).
 * Persons are matched by id_number.
 */
#include <string.h>

#include "models/intervals.h"
#include "models/model_util.h"

static const char *act_cn(const tl_voter *v)
{
    return v->elected == 1     ? "当选"
           : v->candidate == 1 ? "被列为候选人"
           : v->voted == 1     ? "参加投票"
                               : "被登记为选民";
}

static int pr01(const zj_timeline *tl, const struct law_figures *f, lead_sink *sink)
{
    (void)f;
    bool dpr = false;
    for (size_t k = 0; k < tl->n_iv && !dpr; k++)
        dpr = tl->iv[k].kind == IV_DPR;
    if (!dpr)
        return 0; /* no window: the voters are not read */
    if (timeline_part(tl, TL_VOTERS, ZJ_DATE_NONE) != 0)
        return ZJ_EDB;
    strbuf ev = STRBUF_INIT, sm = STRBUF_INIT;
    int rc = 0;
    for (size_t i = 0; i < tl->n_vot && rc == 0; i++) {
        const tl_voter *v = &tl->vot[i];
        if (v->election_date == ZJ_DATE_NONE || v->election_date > tl->as_of ||
            !(v->registered == 1 || v->voted == 1 || v->candidate == 1 || v->elected == 1))
            continue;
        const tl_interval *w = NULL;
        for (size_t k = 0; k < tl->n_iv; k++) {
            const tl_interval *iv = &tl->iv[k];
            if (iv->kind != IV_DPR || v->election_date < iv->start ||
                (iv->end != ZJ_DATE_NONE && v->election_date > iv->end))
                continue;
            if (!w || iv->start < w->start)
                w = iv;
        }
        if (!w)
            continue;
        const tl_judgment *j = &tl->jud[w->src];
        bool life = j->dpr_life == 1;
        ev_begin(&ev, tl);
        ev_str(&ev, "record_id", v->record_id);
        ev_str(&ev, "judgment_id", j->judgment_id);
        ev_date(&ev, "election_date", v->election_date);
        ev_int(&ev, "registered", v->registered == 1);
        ev_int(&ev, "voted", v->voted == 1);
        ev_int(&ev, "candidate", v->candidate == 1);
        ev_int(&ev, "elected", v->elected == 1);
        ev_date(&ev, "window_start", w->start);
        ev_date(&ev, "dpr_end", w->end);
        ev_int(&ev, "dpr_life", life);
        if (j->dpr_months > 0)
            ev_int(&ev, "dpr_months", j->dpr_months);
        ev_interval(&ev, "period", w);
        ev_end(&ev);
        strbuf_reset(&sm);
        strbuf_addf(&sm, "%s被剥夺政治权利", tl->name ? tl->name : "");
        if (life)
            strbuf_adds(&sm, "终身");
        else
            strbuf_addf(&sm, "%d个月", j->dpr_months);
        strbuf_addf(&sm, "，剥夺期间自%s起", dtxt(w->start));
        if (w->end == ZJ_DATE_NONE)
            strbuf_adds(&sm, "（终身）");
        else
            strbuf_addf(&sm, "至%s止", dtxt(w->end));
        strbuf_addf(&sm, "，却于%s的选举中%s。", dtxt(v->election_date), act_cn(v));
        zj_lead l = {
            .subject = v->record_id,
            .person_id = tl->person_id,
            .facility_id = j->court_id,
            .region_code = v->region_code,
            .severity = v->elected == 1 || v->candidate == 1 ? "high" : "medium",
            .summary = sm.buf,
            .evidence = ev.buf,
            .basis = "PR-01 刑法第54、55、58条",
        };
        rc = lead_sink_emit(sink, &l);
    }
    strbuf_release(&ev);
    strbuf_release(&sm);
    return rc;
}

const model_def models_political[] = {
    {"PR-01", "剥夺政治权利期间行使选举权", "political", "medium", "PR-01 刑法第54、55、58条",
     "record_id", "{}", pr01, NULL, TL_BASE | TL_BIT(TL_VOTERS) | TL_BIT(TL_DEATHS), MODEL_ASKS},
    {0},
};
