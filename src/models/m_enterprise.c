/*
 * m_enterprise.c — property seized in cases (涉企执法; law.md §15, spec/models.md
 * "Property seized in cases"): ENT-01 超标的查封扣押冻结企业财产 (E-01), ENT-02 应解除未解除
 * (E-02), ENT-03 异地趋利执法 (E-03). Set-based over the seizures feed; subject: the
 * seizure_id. Family "enterprise" (涉企 in the leads filters).
 *
 * A seizure counts from its seized_date on or before the as-of date. Released means a
 * released_date on or before the as-of date; one after it is "not yet released" then.
 * - ENT-01: an enterprise owner, value and amount_involved both known, value above
 *   E-01.over_ratio_pct (130) % of the amount involved — compared in whole fen,
 *   value × 100 > amount × 130, so exactly 1.3× is lawful — and not released.
 * - ENT-02: unrelated_date known: the release is due within 3 days (statute, 刑诉法第145条:
 *   on or before unrelated_date + 3); the lead fires once the as-of date is past that day
 *   and the release is missing or came later. case_closed_date known and no disposition:
 *   due within E-02.closed_days (30) days, the same way. Any owner (enterprise or person).
 * - ENT-03: an enterprise owner whose owner_region is in another province (first two
 *   digits) than the seizing agency's region_code, without local_assist = 1.
 */
#include "models/models2.h"

#define MEASURE_CN(col)                                                                             \
    "CASE " col " WHEN 'seal' THEN '查封' WHEN 'seize' THEN '扣押' WHEN 'freeze' THEN '冻结'" \
    " ELSE " col " END"
#define OWNER_CN                                                                                   \
    "s.owner_name || CASE WHEN s.owner_kind = 'enterprise' THEN '（统一社会信用代码' ||"  \
    " coalesce(s.owner_code, '未登记') || '）' ELSE '' END"
#define SEIZURE_JSON                                                                               \
    "'seizure_id', s.seizure_id, 'agency_id', s.agency_id, 'case_ref', s.case_ref,"                \
    " 'measure', s.measure, 'owner_kind', s.owner_kind, 'owner_name', s.owner_name,"               \
    " 'owner_code', s.owner_code, 'owner_region', s.owner_region,"                                 \
    " 'agency_region', f.region_code, 'party', s.party, 'seized_date', s.seized_date,"             \
    " 'value_fen', s.value_fen, 'amount_involved_fen', s.amount_involved_fen,"                     \
    " 'local_assist', s.local_assist, 'unrelated_date', s.unrelated_date,"                         \
    " 'case_closed_date', s.case_closed_date, 'released_date', s.released_date,"                   \
    " 'disposition', s.disposition"

const sqlmodel m2_ent01 = {
    "ENT-01", "E-01 刑诉法第141、145条; 公安机关办理刑事案件适用查封、冻结措施有关规定", "high",
    NULL,
    "SELECT s.seizure_id AS subject, s.agency_id AS facility_id, f.region_code,"
    " printf('%s于%s%s%s的财物价值%.2f元，为涉案金额%.2f元的%.2f倍，超过%.2f倍的限度，"
    "属超标的%s，至%s尚未解除。', coalesce(f.name, s.agency_id), s.seized_date, " MEASURE_CN(
        "s.measure") ", " OWNER_CN ", s.value_fen / 100.0,"
                     "  s.amount_involved_fen / 100.0, s.value_fen * 1.0 / s.amount_involved_fen,"
                     "  :e01_over_ratio_pct / 100.0, " MEASURE_CN(
                         "s.measure") ", :as_of) AS summary,"
                                      " json_object(" SEIZURE_JSON
                                      ", 'over_ratio_pct', :e01_over_ratio_pct,"
                                      "  'limit_fen', s.amount_involved_fen * :e01_over_ratio_pct "
                                      "/ 100,"
                                      "  'over_fen', s.value_fen - s.amount_involved_fen * "
                                      ":e01_over_ratio_pct / 100) AS evidence "
                                      "FROM seizures s LEFT JOIN facilities f ON f.facility_id = "
                                      "s.agency_id "
                                      "WHERE s.owner_kind = 'enterprise' AND s.seized_date <= "
                                      ":as_of"
                                      " AND s.amount_involved_fen IS NOT NULL AND "
                                      "s.amount_involved_fen > 0"
                                      " AND s.value_fen * 100 > s.amount_involved_fen * "
                                      ":e01_over_ratio_pct"
                                      " AND (s.released_date IS NULL OR s.released_date > :as_of)"
                                      " ORDER BY s.seizure_id"};

const sqlmodel m2_ent02 = {
    "ENT-02", "E-02 刑诉法第141、145条", "high", NULL,
    "WITH x AS (SELECT s.*, zj_add_days(s.unrelated_date, 3) AS due_unrelated,"
    "  CASE WHEN coalesce(s.disposition, '') = '' THEN"
    "   zj_add_days(s.case_closed_date, :e02_closed_days) END AS due_closed,"
    "  CASE WHEN s.released_date <= :as_of THEN s.released_date END AS rel"
    "  FROM seizures s WHERE s.seized_date <= :as_of),"
    " y AS (SELECT x.*, CASE"
    "  WHEN x.unrelated_date <= :as_of AND :as_of > x.due_unrelated"
    "   AND (x.rel IS NULL OR x.rel > x.due_unrelated) THEN 'unrelated'"
    "  WHEN x.case_closed_date <= :as_of AND x.due_closed IS NOT NULL AND :as_of > x.due_closed"
    "   AND (x.rel IS NULL OR x.rel > x.due_closed) THEN 'closed' END AS why FROM x) "
    "SELECT s.seizure_id AS subject, s.agency_id AS facility_id, f.region_code,"
    " printf('%s于%s%s%s的财物（价值%.2f元），%s，应至迟于%s解除%s并退还，%s。',"
    "  coalesce(f.name, s.agency_id), s.seized_date, " MEASURE_CN(
        "s.measure") ", " OWNER_CN ","
                     "  s.value_fen / 100.0,"
                     "  CASE s.why WHEN 'unrelated' THEN s.unrelated_date || '已查明与案件无关'"
                     "   ELSE '案件已于' || s.case_closed_date || "
                     "'终结（不起诉、撤销案件或判决生效）且未作处理' END,"
                     "  CASE s.why WHEN 'unrelated' THEN s.due_unrelated ELSE s.due_closed END,"
                     "  " MEASURE_CN(
                         "s.measure") ","
                                      "  CASE WHEN s.rel IS NULL THEN '至' || :as_of || '仍未解除'"
                                      "   ELSE '至' || s.rel || '才解除' END) AS summary,"
                                      " json_object(" SEIZURE_JSON ", 'reason', s.why,"
                                      "  'due_date', CASE s.why WHEN 'unrelated' THEN "
                                      "s.due_unrelated ELSE s.due_closed END,"
                                      "  'limit_days', CASE s.why WHEN 'unrelated' THEN 3 ELSE "
                                      ":e02_closed_days END,"
                                      "  'as_of', json_object('date', :as_of, 'days_over', "
                                      "CAST(julianday(coalesce(s.rel, :as_of))"
                                      "   - julianday(CASE s.why WHEN 'unrelated' THEN "
                                      "s.due_unrelated ELSE s.due_closed END)"
                                      "   AS INTEGER))) AS evidence "
                                      "FROM y s LEFT JOIN facilities f ON f.facility_id = "
                                      "s.agency_id "
                                      "WHERE s.why IS NOT NULL ORDER BY s.seizure_id"};

const sqlmodel m2_ent03 = {
    "ENT-03", "E-03 规范涉企异地执法（须经企业所在地机关协作）", "medium", NULL,
    "SELECT s.seizure_id AS subject, s.agency_id AS facility_id, f.region_code,"
    " printf('%s（区划%s）于%s%s注册地在外省（区划%s）的企业%s的财物（价值%.2f元），"
    "未经企业所在地机关协作，有异地趋利执法之嫌。', f.name, f.region_code, "
    "s.seized_date, " MEASURE_CN(
        "s.measure") ", s.owner_region, " OWNER_CN ", s.value_fen / 100.0) AS summary,"
                     " json_object(" SEIZURE_JSON
                     ", 'agency_province', substr(f.region_code, 1, 2),"
                     "  'owner_province', substr(s.owner_region, 1, 2)) AS evidence "
                     "FROM seizures s JOIN facilities f ON f.facility_id = s.agency_id "
                     "WHERE s.owner_kind = 'enterprise' AND s.seized_date <= :as_of"
                     " AND s.owner_region IS NOT NULL AND f.region_code IS NOT NULL"
                     " AND substr(s.owner_region, 1, 2) <> substr(f.region_code, 1, 2)"
                     " AND coalesce(s.local_assist, 0) = 0"
                     " ORDER BY s.seizure_id"};

static int ent01_run(const model_ctx *c, lead_sink *s)
{
    return sqlmodel_run_set(c, s, &m2_ent01);
}
static int ent02_run(const model_ctx *c, lead_sink *s)
{
    return sqlmodel_run_set(c, s, &m2_ent02);
}
static int ent03_run(const model_ctx *c, lead_sink *s)
{
    return sqlmodel_run_set(c, s, &m2_ent03);
}

const model_def models_enterprise[] = {
    {"ENT-01", "超标的查封扣押冻结企业财产", "enterprise", "high",
     "E-01 刑诉法第141、145条; 公安机关办理刑事案件适用查封、冻结措施有关规定", "seizure_id",
     "{\"E-01.over_ratio_pct\":130}", NULL, ent01_run, 0, 0},
    {"ENT-02", "应解除未解除", "enterprise", "high", "E-02 刑诉法第141、145条", "seizure_id",
     "{\"E-02.closed_days\":30}", NULL, ent02_run, 0, 0},
    {"ENT-03", "异地趋利执法", "enterprise", "medium",
     "E-03 规范涉企异地执法（须经企业所在地机关协作）", "seizure_id", "{}", NULL, ent03_run, 0, 0},
    {0},
};
