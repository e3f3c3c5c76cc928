/*
 * m_juvenile.c — JUV-01 违规提供封存犯罪记录 (spec/models.md "Juvenile records"; law.md §14
 * J-01, J-02; 刑诉法第286条). Per person; subject: the record_queries query_id.
 *
 * The person's sealing is the law core's J-01 interval over their judgments effective by
 * the as-of date (timeline_sealing → law_record_sealing): sealed from the effective date of
 * the first sealable judgment until (excluded) the effective date of an unsealable one. A
 * query of the person's id_number on or before the as-of date that
 *   - was answered with the record (`provided` = 1),
 *   - on a day the record was sealed,
 *   - by a requester other than judicial / police_case (司法机关为办案需要),
 *   - without a legal_basis (有关单位根据国家规定进行查询)
 * is a lead. The summary does not name the person: the lead is about a sealed record, and
 * its text travels in lists and exports (J-03); the person_id stays on the lead.
 */
#include <string.h>

#include "law/law.h"
#include "models/model_util.h"

static const char *requester_cn(const char *kind)
{
    static const struct {
        const char *id, *cn;
    } k[] = {{"judicial", "司法机关"}, {"police_case", "公安机关"}, {"employer", "用人单位"},
             {"school", "学校"},       {"other_unit", "其他单位"},  {"individual", "个人"}};
    for (size_t i = 0; kind && i < sizeof k / sizeof k[0]; i++)
        if (!strcmp(k[i].id, kind))
            return k[i].cn;
    return kind ? kind : "";
}

static bool lawful_requester(const tl_record_query *q)
{
    if (q->requester_kind &&
        (!strcmp(q->requester_kind, "judicial") || !strcmp(q->requester_kind, "police_case")))
        return true;
    return q->legal_basis && q->legal_basis[0];
}

static int juv01(const zj_timeline *tl, const struct law_figures *f, lead_sink *sink)
{
    (void)f;
    /* a sealable judgment is one for an offense committed under 18 (J-01) */
    bool juvenile = false;
    for (size_t k = 0; k < tl->n_jud && !juvenile; k++)
        juvenile = tl->jud[k].offense_date != ZJ_DATE_NONE &&
                   law_age_under(tl->birth_date, tl->jud[k].offense_date, 18);
    if (!juvenile)
        return 0;
    struct law_sealing s;
    timeline_sealing(tl, &s);
    if (s.sealed_from == ZJ_DATE_NONE)
        return 0;
    if (timeline_part(tl, TL_RECORD_QUERIES, s.sealed_from) != 0)
        return ZJ_EDB;
    strbuf ev = STRBUF_INIT, sm = STRBUF_INIT;
    int rc = 0;
    for (size_t i = 0; i < tl->n_rq && rc == 0; i++) {
        const tl_record_query *q = &tl->rq[i];
        if (q->provided != 1 || q->query_date == ZJ_DATE_NONE || q->query_date > tl->as_of ||
            lawful_requester(q) || !law_sealing_on(&s, q->query_date))
            continue;
        const tl_facility *fac = timeline_facility(tl, q->answered_by);
        ev_begin(&ev, tl);
        ev_str(&ev, "query_id", q->query_id);
        ev_date(&ev, "query_date", q->query_date);
        ev_str(&ev, "requester_kind", q->requester_kind);
        ev_str(&ev, "requester", q->requester);
        ev_int(&ev, "provided", 1);
        ev_str(&ev, "legal_basis", q->legal_basis);
        ev_str(&ev, "answered_by", q->answered_by);
        ev_date(&ev, "sealed_from", s.sealed_from);
        ev_date(&ev, "sealed_until", s.sealed_until);
        strbuf_adds(&ev, ",\"judgments\":[");
        for (size_t k = 0, n = 0; k < tl->n_jud; k++) {
            if (tl->jud[k].effective_date == ZJ_DATE_NONE ||
                tl->jud[k].effective_date > q->query_date)
                continue;
            if (n++)
                strbuf_addch(&ev, ',');
            strbuf_add_json_str(&ev, tl->jud[k].judgment_id);
        }
        strbuf_addch(&ev, ']');
        ev_end(&ev);
        strbuf_reset(&sm);
        strbuf_addf(&sm,
                    "%s于%s向%s%s%s%s提供了一名未成年时犯罪人员的犯罪记录，"
                    "该记录自%s起依法封存（刑诉法第286条），查询方不属于司法机关办案，"
                    "也未说明依据的国家规定。",
                    fac && fac->name ? fac->name : (q->answered_by ? q->answered_by : ""),
                    dtxt(q->query_date), requester_cn(q->requester_kind),
                    q->requester && q->requester[0] ? "“" : "", q->requester ? q->requester : "",
                    q->requester && q->requester[0] ? "”" : "", dtxt(s.sealed_from));
        rc = emit(sink, tl, q->query_id, q->answered_by, NULL, sm.buf, ev.buf,
                  "J-01 刑诉法第286条第1款; J-02 刑诉法第286条第2款");
    }
    strbuf_release(&ev);
    strbuf_release(&sm);
    return rc;
}

const model_def models_juvenile[] = {
    {"JUV-01", "违规提供封存犯罪记录", "juvenile", "high",
     "J-01 刑诉法第286条第1款; J-02 刑诉法第286条第2款", "query_id", "{}", juv01, NULL,
     TL_BASE | TL_BIT(TL_RECORD_QUERIES), MODEL_ASKS},
    {0},
};
