/*
 * m_property.c — property judgments (财产性判项): PROP-01 消极执行 (F-01, cfg 6 months
 * without an enforcement action) and PROP-02 违规终结本次执行 (F-02: terminated_round
 * without a property investigation). Subject: the enforcement (enforcement_id).
 *
 * A row's status is taken as holding at the as-of date when status_date is empty or not
 * after it; an enforcement whose status was set after the as-of date was ongoing then.
 * PROP-01 measures from last_action_date when it is on or before the as-of date, else from
 * filed_date, and fires when the last action is more than 6 months (cfg) before the as-of
 * date counted both ways of law.md §1: as_of > add_months(last, 6) and
 * last < sub_months(as_of, 6) (the two differ by up to 3 days around month ends, e.g. last
 * 2025-02-28 and as-of 2025-08-30; the lead is raised only when both hold).
 */
#include "models/models2.h"

const sqlmodel m2_prop01 = {
    "PROP-01", "F-01 最高人民法院关于执行案件的规定（6个月无执行行为）", "medium", NULL,
    "WITH e AS ("
    " SELECT x.*, CASE WHEN x.last_action_date <= :as_of THEN x.last_action_date"
    "  ELSE x.filed_date END AS last"
    " FROM property x WHERE x.filed_date <= :as_of /*scope x.person_id*/"
    "  AND (x.status = 'ongoing' OR x.status_date > :as_of)),"
    " h AS (SELECT e.*, zj_add_months(e.last, :f01_passive_months) AS limit_date FROM e) "
    "SELECT h.enforcement_id AS subject, h.person_id, h.court_id AS facility_id, f.region_code,"
    " printf('%s的%s执行案（应执行%.2f元）自%s起无执行行为，至%s已超过%d个月（期限%s届满）。',"
    "  p.name, CASE h.kind WHEN 'fine' THEN '罚金' WHEN 'confiscation' THEN '没收财产'"
    "   WHEN 'restitution' THEN '追缴、责令退赔' WHEN 'compensation' THEN '附带民事赔偿'"
    "   ELSE h.kind END, h.amount_due_fen / 100.0, h.last, :as_of, :f01_passive_months,"
    "  h.limit_date) AS summary,"
    " json_object('enforcement_id', h.enforcement_id, 'judgment_id', h.judgment_id,"
    "  'kind', h.kind, 'amount_due_fen', h.amount_due_fen, 'filed_date', h.filed_date,"
    "  'last_action_date', h.last_action_date, 'measured_from', h.last,"
    "  'limit_date', h.limit_date,"
    "  'days_over', CAST(julianday(:as_of) - julianday(h.limit_date) AS INTEGER)) AS evidence "
    "FROM h JOIN persons p ON p.person_id = h.person_id"
    " LEFT JOIN facilities f ON f.facility_id = h.court_id"
    " WHERE :as_of > h.limit_date AND h.last < zj_add_months(:as_of, -:f01_passive_months)"
    " ORDER BY h.enforcement_id"};

const sqlmodel m2_prop02 = {
    "PROP-02", "F-02 最高人民法院关于严格规范终结本次执行程序的规定（试行）第1条", "medium", NULL,
    "SELECT x.enforcement_id AS subject, x.person_id, x.court_id AS facility_id, f.region_code,"
    " printf('%s的财产性判项执行案（应执行%.2f元）于%s终结本次执行程序，但未进行财产调查。',"
    "  p.name, x.amount_due_fen / 100.0, COALESCE(x.status_date, '（日期不详）')) AS summary,"
    " json_object('enforcement_id', x.enforcement_id, 'judgment_id', x.judgment_id,"
    "  'kind', x.kind, 'amount_due_fen', x.amount_due_fen, 'status', x.status,"
    "  'status_date', x.status_date, 'investigated', x.investigated) AS evidence "
    "FROM property x JOIN persons p ON p.person_id = x.person_id"
    " LEFT JOIN facilities f ON f.facility_id = x.court_id "
    "WHERE x.status = 'terminated_round' /*scope x.person_id*/ AND COALESCE(x.status_date, "
    "x.filed_date) <= :as_of"
    " AND COALESCE(x.investigated, 0) = 0 ORDER BY x.enforcement_id"};

static int prop01_run(const model_ctx *c, lead_sink *s)
{
    return sqlmodel_run_set(c, s, &m2_prop01);
}
static int prop02_run(const model_ctx *c, lead_sink *s)
{
    return sqlmodel_run_set(c, s, &m2_prop02);
}

const model_def models_property[] = {
    {"PROP-01", "财产刑消极执行", "property", "medium",
     "F-01 最高人民法院关于执行案件的规定（6个月无执行行为）", "enforcement_id",
     "{\"F-01.passive_months\":6}", NULL, prop01_run, 0, MODEL_SCOPED},
    {"PROP-02", "违规终结本次执行", "property", "medium",
     "F-02 最高人民法院关于严格规范终结本次执行程序的规定（试行）第1条", "enforcement_id", "{}",
     NULL, prop02_run, 0, MODEL_SCOPED},
    {0},
};
