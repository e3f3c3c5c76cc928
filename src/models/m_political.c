/*
 * m_political.c — PR-01 剥夺政治权利期间行使选举权 (spec/models.md; law.md §10 PR-01,
 * 刑法第54、55、58条). Subject: the voters record.
 *
 * The window of a judgment with dpr_months or dpr_life runs from the execution date (the
 * first `admit` for the judgment, else its effective date) to
 *   - forever for dpr_life (and for a life sentence with no release),
 *   - term_end for 管制 (the dpr runs with the surveillance term),
 *   - add_months(parole_date, dpr_months) − 1 after a `release_parole`,
 *   - add_months(release + 1, dpr_months) − 1 after a `release` (the release day is the
 *     last day of the main sentence, S-07), else the same from the judgment's term_end.
 * The end dates come from the law core (zj_dpr_end = law_dpr_end).
 * A voter record (registered, voted, candidate or elected) whose election date falls in a
 * window, on or before the as-of date, is a lead. Persons are matched by id_number.
 */
#include "models/models2.h"

const sqlmodel m2_pr01 = {
    "PR-01", "PR-01 刑法第54、55、58条", "medium", NULL,
    "WITH j AS ("
    " SELECT j.judgment_id, j.person_id, j.court_id, j.penalty, j.dpr_months,"
    "  COALESCE(j.dpr_life, 0) AS dpr_life, j.term_end, j.effective_date,"
    "  COALESCE((SELECT min(c.event_date) FROM custody c WHERE c.person_id = j.person_id"
    "   AND c.event_type = 'admit' AND c.event_date >= j.effective_date"
    "   AND (c.judgment_id = j.judgment_id OR c.judgment_id IS NULL)), j.effective_date)"
    "   AS exec_start,"
    "  (SELECT min(c.event_date) FROM custody c WHERE c.person_id = j.person_id"
    "   AND c.event_type = 'release_parole' AND c.event_date >= j.effective_date"
    "   AND c.event_date <= :as_of AND (c.judgment_id = j.judgment_id OR c.judgment_id IS NULL))"
    "   AS parole_date,"
    "  (SELECT min(c.event_date) FROM custody c WHERE c.person_id = j.person_id"
    "   AND c.event_type = 'release' AND c.event_date >= j.effective_date"
    "   AND c.event_date <= :as_of AND (c.judgment_id = j.judgment_id OR c.judgment_id IS NULL))"
    "   AS release_date"
    " FROM judgments j"
    " WHERE (j.dpr_months > 0 OR j.dpr_life = 1) AND j.effective_date <= :as_of"
    " /*scope j.person_id*/),"
    " w AS (SELECT j.*, CASE"
    "  WHEN dpr_life = 1 THEN NULL"
    "  WHEN penalty = 'surveillance' THEN term_end"
    "  WHEN parole_date IS NOT NULL AND (release_date IS NULL OR parole_date < release_date)"
    "   THEN zj_dpr_end(NULL, dpr_months, parole_date)"
    "  WHEN release_date IS NOT NULL THEN zj_dpr_end(release_date, dpr_months)"
    "  WHEN term_end IS NOT NULL THEN zj_dpr_end(term_end, dpr_months)"
    "  END AS dpr_end FROM j),"
    " hit AS ("
    " SELECT v.record_id, v.region_code, v.election_date, v.registered, v.voted, v.candidate,"
    "  v.elected, p.person_id, p.name, w.judgment_id, w.court_id, w.exec_start, w.dpr_end,"
    "  w.dpr_life, w.dpr_months,"
    "  row_number() OVER (PARTITION BY v.record_id ORDER BY w.exec_start) AS rn"
    " FROM voters v JOIN persons p ON p.id_number = v.id_number"
    "  JOIN w ON w.person_id = p.person_id"
    " WHERE v.election_date <= :as_of AND v.election_date >= w.exec_start"
    "  AND (w.dpr_end IS NULL OR v.election_date <= w.dpr_end)"
    "  AND (v.registered = 1 OR v.voted = 1 OR v.candidate = 1 OR v.elected = 1)) "
    "SELECT h.record_id AS subject, h.person_id, h.court_id AS facility_id, h.region_code,"
    " CASE WHEN h.elected = 1 OR h.candidate = 1 THEN 'high' ELSE 'medium' END AS severity,"
    " printf('%s被剥夺政治权利%s，剥夺期间自%s起%s，却于%s的选举中%s。', h.name,"
    "  CASE WHEN h.dpr_life = 1 THEN '终身' ELSE h.dpr_months || '个月' END, h.exec_start,"
    "  CASE WHEN h.dpr_end IS NULL THEN '（终身）' ELSE '至' || h.dpr_end || '止' END,"
    "  h.election_date,"
    "  CASE WHEN h.elected = 1 THEN '当选' WHEN h.candidate = 1 THEN '被列为候选人'"
    "   WHEN h.voted = 1 THEN '参加投票' ELSE '被登记为选民' END) AS summary,"
    " json_object('record_id', h.record_id, 'person_id', h.person_id,"
    "  'judgment_id', h.judgment_id, 'election_date', h.election_date,"
    "  'registered', h.registered, 'voted', h.voted, 'candidate', h.candidate,"
    "  'elected', h.elected, 'window_start', h.exec_start, 'dpr_end', h.dpr_end,"
    "  'dpr_life', h.dpr_life, 'dpr_months', h.dpr_months) AS evidence "
    "FROM hit h WHERE h.rn = 1 ORDER BY h.record_id"};

static int pr01_run(const model_ctx *c, lead_sink *s) { return sqlmodel_run_set(c, s, &m2_pr01); }

const model_def models_political[] = {
    {"PR-01", "剥夺政治权利期间行使选举权", "political", "medium", "PR-01 刑法第54、55、58条",
     "record_id", "{}", NULL, pr01_run},
    {0},
};
