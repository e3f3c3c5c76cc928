/*
 * m_safety.c — custody safety, labour and release (监管安全, spec/models.md "Version 2
 * models"; law.md §13): CUS-05 牢头狱霸未处置 (H-05), CUS-06 违禁品经监管人员流入 (H-06),
 * CUS-07 狱内犯罪未立案、未移送 (H-06), CUS-08 体罚虐待被监管人线索 (H-06, 刑法第248条),
 * CUS-09 劳动超时、剥夺休息 (H-07), REL-01 出监教育、衔接缺失 (H-08). All set-based SQL
 * over the feeds incidents, incident_persons, cells, labour, release_prep and custody; the
 * (cfg) limits are law parameters (H-05.*, H-06.*, H-07.*, H-08.*), bound by name.
 *
 * Dates (law.md §1): "within N days of X" is on or before X + N; "within N months of X" on
 * or before add_months(X, N). A cell assignment covers start_date … end_date (an empty end,
 * or one after the as-of date, is measured to the as-of date). Under 18 on day d means
 * d <= add_months(birth_date, 216). Records dated after the as-of date are ignored.
 */
#include "models/models2.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "law/law.h"
#include "models/sqlmodel.h"
#include "util/error.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#define END_EFF(t)                                                                                 \
    "CASE WHEN " t ".end_date IS NOT NULL AND " t ".end_date < :as_of THEN " t ".end_date"         \
    " ELSE :as_of END"

/* The Chinese labels of feeds.md for the enums the summaries name. */
#define KIND_CN(x)                                                                                      \
    "CASE " x " WHEN 'fight' THEN '打架斗殴' WHEN 'bullying' THEN '欺压他犯'"                   \
    " WHEN 'contraband' THEN '违禁品' WHEN 'drugs' THEN '涉毒' WHEN 'gambling' THEN '赌博'"      \
    " WHEN 'escape' THEN '脱逃' WHEN 'escape_attempt' THEN '脱逃未遂'"                            \
    " WHEN 'self_harm' THEN '自伤自残' WHEN 'staff_violence' THEN '监管人员殴打体罚虐待'" \
    " WHEN 'other' THEN '其他' ELSE " x " END"
#define INJURY_CN(x)                                                                               \
    "CASE COALESCE(" x ", 'none') WHEN 'none' THEN '无' WHEN 'slight' THEN '轻微伤'"           \
    " WHEN 'light' THEN '轻伤' WHEN 'serious' THEN '重伤' WHEN 'death' THEN '死亡'"          \
    " ELSE " x " END"
#define ITEM_CN(x)                                                                                  \
    "CASE " x " WHEN 'phone' THEN '手机' WHEN 'cigarettes' THEN '香烟' WHEN 'alcohol'"          \
    " THEN '酒' WHEN 'drugs' THEN '毒品' WHEN 'money' THEN '现金' WHEN 'weapon' THEN '凶器'" \
    " WHEN 'other' THEN '其他物品' ELSE '物品不明' END"

/* The person a lead about an incident names: an aggressor, else a carrier, else a victim,
 * else any person of the incident (the smallest record_id of the first kind present). */
#define INCIDENT_PERSON(i)                                                                         \
    "(SELECT x.person_id FROM incident_persons x WHERE x.incident_id = " i ".incident_id"          \
    " ORDER BY CASE x.role WHEN 'aggressor' THEN 0 WHEN 'carrier' THEN 1 WHEN 'victim'"            \
    " THEN 2 ELSE 3 END, x.record_id LIMIT 1)"
/* The persons of an incident as a JSON array of {person_id, role}. */
#define INCIDENT_PERSONS(i)                                                                        \
    "(SELECT json_group_array(json_object('person_id', x.person_id, 'role', x.role))"              \
    " FROM (SELECT * FROM incident_persons x WHERE x.incident_id = " i ".incident_id"              \
    " ORDER BY x.record_id) x)"

/* ---- CUS-05: subject = the aggressor. A bullying or fight incident b in which the person
 * is an aggressor makes them a repeat aggressor when they were an aggressor in at least
 * H-05.incidents such incidents dated b - H-05.window_days … b (b counted). Their victims
 * in those incidents must not share their cell for more than H-05.separation_days days
 * after b: the days from b + 1 to the end of the overlap of the two cell assignments.
 * The victim's assignments are read by their person (`+o.facility_id`: not the cell's
 * history through cells_cell_cover). An incremental run filters the aggressors by the scope
 * (`+x.person_id`): as an index constraint, the scope's IN list was searched once per
 * bullying or fight incident (0.8 s at 100,000 persons and a scope of 1,000, against 6 ms
 * for the filter). */
const sqlmodel m2_cus05 = {
    "CUS-05", "H-05 监狱法第7条、第58条; 看守所条例第14条", "high", NULL,
    "WITH ag AS MATERIALIZED ("
    " SELECT DISTINCT x.person_id, i.incident_id, i.incident_date, i.facility_id, i.kind"
    " FROM incidents i JOIN incident_persons x ON x.incident_id = i.incident_id"
    " WHERE x.role = 'aggressor' AND i.kind IN ('bullying', 'fight')"
    "  AND i.incident_date <= :as_of /*scope +x.person_id*/),"
    /* b, and every incident a of the same aggressor in b's window, when they are at least
     * H-05.incidents (of an aggressor with that many incidents at all) */
    " win AS MATERIALIZED (SELECT * FROM ("
    " SELECT b.person_id, b.incident_id AS second_id, b.incident_date AS second_date,"
    "  a.incident_id, a.incident_date,"
    "  count(*) OVER (PARTITION BY b.person_id, b.incident_id) AS n"
    " FROM ag b JOIN ag a ON a.person_id = b.person_id AND b.person_id IN"
    "  (SELECT g.person_id FROM ag g GROUP BY g.person_id HAVING count(*) >= :h05_incidents)"
    "  AND a.incident_date >= date(b.incident_date, '-' || :h05_window_days || ' days')"
    "  AND (a.incident_date < b.incident_date"
    "   OR (a.incident_date = b.incident_date AND a.incident_id <= b.incident_id)))"
    " WHERE n >= :h05_incidents),"
    " vic AS ("
    " SELECT w.person_id, w.second_id, w.second_date, w.n, w.incident_id AS victim_incident,"
    "  v.person_id AS victim"
    " FROM win w JOIN incident_persons v ON v.incident_id = w.incident_id"
    "  AND v.role = 'victim' AND v.person_id <> w.person_id"
    " WHERE w.n >= :h05_incidents),"
    " pairs AS ("
    " SELECT vic.*, c.assignment_id, c.facility_id, c.cell_id, o.assignment_id AS "
    "victim_assignment,"
    "  max(c.start_date, o.start_date, date(vic.second_date, '+1 day')) AS lo,"
    "  min(" END_EFF("c") ", " END_EFF(
        "o") ") AS hi"
             " FROM vic JOIN cells c ON c.person_id = vic.person_id"
             "  JOIN cells o ON o.person_id = vic.victim AND +o.facility_id = c.facility_id"
             "  AND +o.cell_id = c.cell_id"
             " WHERE c.start_date <= :as_of AND o.start_date <= :as_of),"
             " hit AS (SELECT pairs.*, CAST(julianday(hi) - julianday(lo) AS INTEGER) + 1 AS days,"
             "  row_number() OVER (PARTITION BY person_id ORDER BY second_date, second_id, lo,"
             "   victim, assignment_id, victim_assignment) AS rn"
             " FROM pairs WHERE CAST(julianday(hi) - julianday(lo) AS INTEGER) + 1 > "
             ":h05_separation_days) "
             "SELECT h.person_id AS subject, h.person_id, h.facility_id, f.region_code,"
             " printf('%s至%s在%d日内%d次作为施害方参与打架斗殴、欺压他犯事件，系牢头狱霸；"
             "%s事件后仍与被害人%s同押于%s监室%d日（%s至%s），超过%d日未予分押。',"
             "  (SELECT min(w.incident_date) FROM win w WHERE w.person_id = h.person_id"
             "   AND w.second_id = h.second_id), h.second_date, :h05_window_days, h.n, "
             "h.second_date,"
             "  COALESCE(q.name, h.victim), h.cell_id, h.days, h.lo, h.hi, :h05_separation_days) "
             "AS summary,"
             " json_object('person_id', h.person_id, 'second_incident_id', h.second_id,"
             "  'second_incident_date', h.second_date,"
             "  'incidents', (SELECT json_group_array(w.incident_id) FROM (SELECT w.incident_id "
             "FROM win w"
             "   WHERE w.person_id = h.person_id AND w.second_id = h.second_id"
             "   ORDER BY w.incident_date, w.incident_id) w),"
             "  'window_days', :h05_window_days, 'victim_person_id', h.victim,"
             "  'victim_incident_id', h.victim_incident, 'assignment_id', h.assignment_id,"
             "  'victim_assignment_id', h.victim_assignment, 'facility_id', h.facility_id,"
             "  'cell_id', h.cell_id, 'first_day', h.lo, 'last_day', h.hi, 'days', h.days,"
             "  'max_days', :h05_separation_days) AS evidence "
             "FROM hit h LEFT JOIN persons q ON q.person_id = h.victim"
             " LEFT JOIN facilities f ON f.facility_id = h.facility_id WHERE h.rn = 1"
             " ORDER BY h.person_id"};

/* ---- CUS-06: subject = the incident. Contraband or drugs brought in by staff: a duty-crime
 * lead on the officer at once (DUTY-01 counts it). */
const sqlmodel m2_cus06 = {
    "CUS-06", "H-06 监狱法第14条; 刑法第397条", "high", NULL,
    "SELECT i.incident_id AS subject, " INCIDENT_PERSON(
        "i") " AS person_id, i.facility_id,"
             " f.region_code,"
             " printf('%s于%s查获%s（%s），来源为监管人员%"
             "s，涉嫌监管人员违规带入违禁品，应作为职务犯罪线索审查。',"
             "  COALESCE(f.name, i.facility_id), i.incident_date, " KIND_CN(
                 "i.kind") ","
                           "  " ITEM_CN(
                               "i.item") ","
                                         "  COALESCE(s.name || '（' || i.officer_id || '）', "
                                         "i.officer_id, '（未载明）')) AS summary,"
                                         " json_object('incident_id', i.incident_id, "
                                         "'facility_id', i.facility_id,"
                                         "  'incident_date', i.incident_date, 'kind', i.kind, "
                                         "'item', i.item, 'source', i.source,"
                                         "  'officer_id', i.officer_id, 'cell_id', i.cell_id,"
                                         "  'persons', json(" INCIDENT_PERSONS(
                                             "i") ")) AS evidence "
                                                  "FROM incidents i LEFT JOIN facilities f ON "
                                                  "f.facility_id = i.facility_id"
                                                  " LEFT JOIN staff s ON s.officer_id = "
                                                  "i.officer_id"
                                                  " WHERE i.kind IN ('contraband', 'drugs') AND "
                                                  "i.source = 'staff'"
                                                  "  AND i.incident_date <= :as_of ORDER BY "
                                                  "i.incident_id"};

/* ---- CUS-07: subject = the incident. A crime on its face (injury light or worse, an
 * escape, drugs), not staff_violence (CUS-08): filed within H-06.filing_days days of the
 * incident, transferred for prosecution within H-06.transfer_months months of the filing. */
const sqlmodel m2_cus07 = {
    "CUS-07", "H-06 监狱法第60条; 刑法第316条", "high", NULL,
    "WITH c AS ("
    " SELECT i.*, date(i.incident_date, '+' || :h06_filing_days || ' days') AS file_deadline,"
    "  CASE WHEN i.case_filed_date <= :as_of THEN i.case_filed_date END AS filed,"
    "  CASE WHEN i.transferred_date <= :as_of THEN i.transferred_date END AS transferred"
    " FROM incidents i WHERE i.incident_date <= :as_of AND i.kind <> 'staff_violence'"
    "  AND (i.injury IN ('light', 'serious', 'death') OR i.kind IN ('escape', 'drugs'))),"
    " d AS (SELECT c.*, zj_add_months(c.filed, :h06_transfer_months) AS transfer_deadline"
    " FROM c),"
    " h AS (SELECT d.*, CASE"
    "  WHEN d.filed IS NULL AND :as_of > d.file_deadline THEN 'not_filed'"
    "  WHEN d.filed > d.file_deadline THEN 'filed_late'"
    "  WHEN d.filed IS NOT NULL AND d.transferred IS NULL AND :as_of > d.transfer_deadline"
    "   THEN 'not_transferred'"
    "  WHEN d.transferred > d.transfer_deadline THEN 'transferred_late' END AS issue FROM d) "
    "SELECT h.incident_id AS subject, " INCIDENT_PERSON(
        "h") " AS person_id, h.facility_id,"
             " f.region_code,"
             " printf('%s于%s发生%s事件（伤情：%s），属狱内涉嫌犯罪案件，%s。',"
             "  COALESCE(f.name, h.facility_id), h.incident_date, " KIND_CN(
                 "h.kind") ","
                           "  " INJURY_CN(
                               "h.injury") ","
                                           "  CASE h.issue"
                                           "   WHEN 'not_filed' THEN '截至' || :as_of || "
                                           "'未立案，超过事发后' || :h06_filing_days"
                                           "    || '日的期限（' || h.file_deadline || '）'"
                                           "   WHEN 'filed_late' THEN '至' || h.filed || "
                                           "'才立案，超过事发后' || :h06_filing_days"
                                           "    || '日的期限' || CAST(julianday(h.filed) - "
                                           "julianday(h.file_deadline) AS INTEGER) || '日'"
                                           "   WHEN 'not_transferred' THEN h.filed || '立案后截至' "
                                           "|| :as_of || '未移送审查起诉，超过'"
                                           "    || :h06_transfer_months || '个月的期限（' || "
                                           "h.transfer_deadline || '）'"
                                           "   ELSE h.filed || '立案，至' || h.transferred || "
                                           "'才移送审查起诉，超过' || :h06_transfer_months"
                                           "    || '个月的期限（' || h.transfer_deadline || '）' "
                                           "END) AS summary,"
                                           " json_object('incident_id', h.incident_id, "
                                           "'facility_id', h.facility_id,"
                                           "  'incident_date', h.incident_date, 'kind', h.kind, "
                                           "'injury', h.injury,"
                                           "  'case_filed_date', h.case_filed_date, "
                                           "'transferred_date', h.transferred_date,"
                                           "  'filing_deadline', h.file_deadline, "
                                           "'transfer_deadline', h.transfer_deadline,"
                                           "  'issue', h.issue, 'persons', json(" INCIDENT_PERSONS(
                                               "h") ")) AS evidence,"
                                                    " CASE WHEN h.kind = 'escape' THEN 'H-06 "
                                                    "监狱法第60条; 刑法第316条'"
                                                    "  ELSE 'H-06 监狱法第60条' END AS basis "
                                                    "FROM h LEFT JOIN facilities f ON "
                                                    "f.facility_id = h.facility_id"
                                                    " WHERE h.issue IS NOT NULL ORDER BY "
                                                    "h.incident_id"};

/* ---- CUS-08: subject = the incident. Staff beating or abusing a held person: a duty crime
 * investigated by the procuratorate (刑法第248条; 刑诉法第19条第2款), a lead at once. */
const sqlmodel m2_cus08 = {
    "CUS-08", "H-06 刑法第248条; 刑事诉讼法第19条第2款; 监狱法第14条", "high", NULL,
    "SELECT i.incident_id AS subject,"
    " (SELECT x.person_id FROM incident_persons x WHERE x.incident_id = i.incident_id"
    "  ORDER BY x.role <> 'victim', x.record_id LIMIT 1) AS person_id, i.facility_id,"
    " f.region_code,"
    " printf('%s于%s发生监管人员%s殴打、体罚虐待被监管人%s事件（伤情：%s），涉嫌虐待被监管人罪，"
    "属检察机关直接受理侦查的案件线索。',"
    "  COALESCE(f.name, i.facility_id), i.incident_date,"
    "  COALESCE(s.name || '（' || i.officer_id || '）', i.officer_id, '（未载明）'),"
    "  COALESCE((SELECT group_concat(COALESCE(p.name, x.person_id), '、') FROM incident_persons x"
    "   LEFT JOIN persons p ON p.person_id = x.person_id"
    "   WHERE x.incident_id = i.incident_id AND x.role = 'victim'), ''),"
    "  " INJURY_CN(
        "i.injury") ") AS summary,"
                    " json_object('incident_id', i.incident_id, 'facility_id', i.facility_id,"
                    "  'incident_date', i.incident_date, 'kind', i.kind, 'injury', i.injury,"
                    "  'officer_id', i.officer_id, 'cell_id', i.cell_id,"
                    "  'persons', json(" INCIDENT_PERSONS(
                        "i") ")) AS evidence "
                             "FROM incidents i LEFT JOIN facilities f ON f.facility_id = "
                             "i.facility_id"
                             " LEFT JOIN staff s ON s.officer_id = i.officer_id"
                             " WHERE i.kind = 'staff_violence' AND i.incident_date <= :as_of ORDER "
                             "BY i.incident_id"};

/* ---- CUS-09: subject = the labour record. Hours above H-07.adult_hours, or above
 * H-07.juvenile_hours when the person is under 18 on any day of the month (its first day),
 * or fewer rest days than H-07.rest_days. Months after the as-of month are ignored.
 * The months read are those over the adult limits (a scan of labour without a join) and
 * the juvenile months (persons born at most 18 years before the first labour month, their
 * months up to the 18th birthday's): a person's months never go through persons
 * otherwise. */
const sqlmodel m2_cus09 = {
    "CUS-09", "H-07 监狱法第71条、第75条; 劳动法第36条、第41条", "medium", NULL,
    "WITH l AS ("
    " SELECT * FROM (SELECT l.*, p.name, p.birth_date,"
    "  CASE WHEN l.month || '-01' <= zj_add_months(p.birth_date, 216) THEN 1 ELSE 0 END AS juv"
    " FROM labour l JOIN persons p ON p.person_id = l.person_id"
    " WHERE l.month <= substr(:as_of, 1, 7) /*scope l.person_id*/"
    "  AND (l.hours > :h07_adult_hours OR l.rest_days < :h07_rest_days)) WHERE juv = 0"
    " UNION ALL"
    " SELECT l.*, p.name, p.birth_date, 1 AS juv"
    " FROM (SELECT p.*, zj_add_months(p.birth_date, 216) AS juv_last FROM persons p"
    "  WHERE p.birth_date >= date((SELECT min(m.month) FROM labour m"
    "   WHERE m.month IS NOT NULL /*scope m.person_id*/) || '-01', '-18 years')"
    "  /*scope p.person_id*/) p CROSS JOIN labour l"
    " WHERE l.person_id = p.person_id AND l.month <= substr(:as_of, 1, 7)"
    "  AND l.month <= substr(p.juv_last, 1, 7) AND l.month || '-01' <= p.juv_last),"
    " h AS (SELECT l.*, CASE WHEN l.juv THEN :h07_juvenile_hours ELSE :h07_adult_hours END AS cap"
    " FROM l) "
    "SELECT h.record_id AS subject, h.person_id, h.facility_id, f.region_code,"
    " printf('%s%s%s在%s劳动%d小时、休息%d日，%s。', COALESCE(h.name, h.person_id),"
    "  CASE WHEN h.juv THEN '（未成年犯）' ELSE '' END, h.month, COALESCE(f.name, h.facility_id),"
    "  h.hours, h.rest_days,"
    "  CASE WHEN h.hours > h.cap AND h.rest_days < :h07_rest_days"
    "    THEN '超过每月' || h.cap || '小时的上限，且少于每月' || :h07_rest_days || '日的休息'"
    "   WHEN h.hours > h.cap THEN '超过每月' || h.cap || '小时的上限' || (h.hours - h.cap) || "
    "'小时'"
    "   ELSE '少于每月至少' || :h07_rest_days || '日的休息' END) AS summary,"
    " json_object('record_id', h.record_id, 'person_id', h.person_id,"
    "  'facility_id', h.facility_id, 'month', h.month, 'hours', h.hours,"
    "  'rest_days', h.rest_days, 'birth_date', h.birth_date, 'juvenile', h.juv,"
    "  'max_hours', h.cap, 'min_rest_days', :h07_rest_days) AS evidence "
    "FROM h LEFT JOIN facilities f ON f.facility_id = h.facility_id"
    " WHERE h.hours > h.cap OR h.rest_days < :h07_rest_days ORDER BY h.record_id"};

/* ---- REL-01: subject = the release event. A release on term expiry (custody `release`)
 * from a prison or juvenile prison needs pre-release education starting in the
 * H-08.education_months months before the release day (add_months(R, -m) … R - 1) and a
 * resettlement notice sent add_months(R, -H-08.notice_max_months) … R - H-08.notice_min_days;
 * a record dated on or before an earlier release of the person does not count.
 * r and h are materialized so that each release's earlier release and records are looked up
 * once (inlined, every use repeated the correlated subquery); `+c.facility_id` keeps the
 * scan on custody's primary key (not a seek per event of the prisons' index). */
/* clang-format off */
#define REL01_SQL(from)                                                                            \
    "WITH r AS MATERIALIZED ("                                                                     \
    " SELECT c.event_id, c.person_id, c.facility_id, c.event_date,"                                \
    "  COALESCE((SELECT max(o.event_date) FROM custody o WHERE o.person_id = c.person_id"          \
    "   AND o.event_type IN ('release', 'release_parole', 'release_temp', 'release_other')"        \
    "   AND o.event_date < c.event_date), '0000-00-00') AS prev_release,"                          \
    "  zj_add_months(c.event_date, - :h08_education_months) AS edu_from,"                          \
    "  zj_add_months(c.event_date, - :h08_notice_max_months) AS notice_from,"                      \
    "  date(c.event_date, '-' || :h08_notice_min_days || ' days') AS notice_to"                    \
    from " AND +c.facility_id IN"                                                                  \
    "  (SELECT f.facility_id FROM facilities f WHERE f.kind IN ('prison', 'juvenile_prison'))"     \
    "  AND c.event_date <= :as_of /*scope c.person_id*/),"                                         \
    " h AS MATERIALIZED (SELECT r.*,"                                                              \
    "  (SELECT min(e.event_date) FROM release_prep e WHERE e.person_id = r.person_id"              \
    "   AND e.kind = 'pre_release_education' AND e.event_date >= r.edu_from"                       \
    "   AND e.event_date < r.event_date AND e.event_date > r.prev_release) AS education,"          \
    "  (SELECT min(e.event_date) FROM release_prep e WHERE e.person_id = r.person_id"              \
    "   AND e.kind = 'resettlement_notice' AND e.event_date >= r.notice_from"                      \
    "   AND e.event_date <= r.notice_to AND e.event_date > r.prev_release) AS notice"              \
    " FROM r) "                                                                                    \
    "SELECT h.event_id AS subject, h.person_id, h.facility_id, f.region_code,"                     \
    " printf('%s于%s从%s刑满释放，%s。', COALESCE(p.name, h.person_id), h.event_date,"                     \
    "  COALESCE(f.name, h.facility_id),"                                                           \
    "  CASE WHEN h.education IS NULL AND h.notice IS NULL"                                         \
    "    THEN '释放前' || :h08_education_months || '个月内未开展出监教育，且未在释放前'"                               \
    "     || :h08_notice_max_months || '个月至' || :h08_notice_min_days || "                          \
    "'日之间向居住地发出安置帮教衔接通知'"                                                                          \
    "   WHEN h.education IS NULL THEN '释放前' || :h08_education_months || '个月内未开展出监教育'"              \
    "   ELSE '未在释放前' || :h08_notice_max_months || '个月至' || :h08_notice_min_days"                   \
    "    || '日之间（' || h.notice_from || '至' || h.notice_to || '）向居住地发出安置帮教衔接通知' "                   \
    "END)"                                                                                         \
    "  AS summary,"                                                                                \
    " json_object('event_id', h.event_id, 'person_id', h.person_id,"                               \
    "  'facility_id', h.facility_id, 'release_date', h.event_date,"                                \
    "  'education_from', h.edu_from, 'education_date', h.education,"                               \
    "  'notice_from', h.notice_from, 'notice_to', h.notice_to, 'notice_date', h.notice,"           \
    "  'previous_release', NULLIF(h.prev_release, '0000-00-00'),"                                  \
    "  'records', (SELECT json_group_array(json_object('record_id', e.record_id, 'kind', e.kind,"  \
    "   'event_date', e.event_date)) FROM (SELECT * FROM release_prep e"                           \
    "   WHERE e.person_id = h.person_id AND e.event_date <= h.event_date"                          \
    "   AND e.event_date > h.prev_release ORDER BY e.event_date, e.record_id) e)) AS evidence "    \
    "FROM h JOIN persons p ON p.person_id = h.person_id"                                           \
    " LEFT JOIN facilities f ON f.facility_id = h.facility_id"                                     \
    " WHERE h.education IS NULL OR h.notice IS NULL ORDER BY h.event_id"
/* clang-format on */
const sqlmodel m2_rel01 = {"REL-01", "H-08 监狱法第35条、第37条; 出监教育与安置帮教衔接规定",
                           "medium", NULL,
                           REL01_SQL(" FROM custody c WHERE c.event_type = 'release'")};
static const sqlmodel m2_rel01_full = {
    "REL-01", "H-08 监狱法第35条、第37条; 出监教育与安置帮教衔接规定", "medium", NULL,
    REL01_SQL(" FROM json_each(:releases) x CROSS JOIN custody c"
              " WHERE c.event_id = x.value AND c.event_type = 'release'")};

/* Incremental runs of CUS-05 (scoped to the aggressors of temp.screen_scope): an
 * aggressor's lead reads, besides their own incidents and cells, their victims' cells,
 * names and places in the incidents. An import that changes the aggressor's rows (their
 * incident_persons, cells) or an incident's own row (the import marks every person of the
 * incident) puts the aggressor among the changed persons; one that changes only a victim's
 * rows marks the victim. So before the scoped SQL runs, the scope gets every aggressor of
 * an incident in which a changed person takes part (in any role), and the person of every
 * CUS-05 lead naming a changed person as the victim (a victim since taken out of the
 * incident). Other persons' leads read no changed row. */
static const char cus05_widen_sql[] =
    "INSERT OR IGNORE INTO temp.screen_scope(person_id)"
    " SELECT a.person_id FROM temp.screen_scope_seed s CROSS JOIN incident_persons v"
    "  CROSS JOIN incident_persons a" /* in this order, from the few changed persons */
    " WHERE v.person_id = s.person_id AND a.incident_id = v.incident_id"
    "  AND a.role = 'aggressor'"
    " UNION SELECT l.person_id FROM leads l"
    "  WHERE l.model_id = 'CUS-05' AND l.person_id IS NOT NULL"
    "  AND json_extract(l.evidence, '$.victim_person_id') IN"
    "   (SELECT person_id FROM temp.screen_scope_seed)";

static int cus05_run(const model_ctx *c, lead_sink *s)
{
    bool done = false;
    if (sqlmodel_run_is_scoped(c->db, "CUS-05")) {
        if (sqlmodel_scope_seed(c->db, "CUS-05", &done) != 0)
            return ZJ_EDB;
        if (!done && sqlite3_exec(c->db, cus05_widen_sql, NULL, NULL, NULL) != SQLITE_OK) {
            fprintf(stderr, "zhijian: widening the scope of CUS-05: %s\n", sqlite3_errmsg(c->db));
            return ZJ_EDB;
        }
    }
    return sqlmodel_run_set(c, s, &m2_cus05);
}
static int cus06_run(const model_ctx *c, lead_sink *s)
{
    return sqlmodel_run_set(c, s, &m2_cus06);
}
static int cus07_run(const model_ctx *c, lead_sink *s)
{
    return sqlmodel_run_set(c, s, &m2_cus07);
}
static int cus08_run(const model_ctx *c, lead_sink *s)
{
    return sqlmodel_run_set(c, s, &m2_cus08);
}
static int cus09_run(const model_ctx *c, lead_sink *s)
{
    return sqlmodel_run_set(c, s, &m2_cus09);
}
/* ---- REL-01 of a full run: the releases that may lack a record, found by one pass over
 * custody and release_prep, both in person_id order; m2_rel01_full then evaluates only
 * those (its SQL decides). The pass drops a release only when it finds, after the latest
 * release-type event read before it, both an education record dated add_months(R,
 * -education_months) … R - 1 and a notice dated add_months(R, -notice_max_months) … R -
 * notice_min_days; anything it cannot read keeps the release. */
static const char rel01_custody_sql[] =
    "SELECT person_id, event_date, event_type, event_id,"
    " CASE WHEN event_type = 'release' AND event_date <= :as_of THEN facility_id IN"
    "  (SELECT facility_id FROM facilities WHERE kind IN ('prison', 'juvenile_prison')) END"
    " FROM custody ORDER BY person_id, event_date, event_id";
static const char rel01_prep_sql[] =
    "SELECT person_id, kind = 'pre_release_education', event_date FROM release_prep"
    " WHERE kind IN ('pre_release_education', 'resettlement_notice') ORDER BY person_id";

typedef struct rel01_rec {
    char date[11];
    bool education;
} rel01_rec;

/* Whether recs prove both records of the release on date r (text) after prev (text). */
static bool rel01_complete(const rel01_rec *recs, size_t n, const char *r, const char *prev,
                           const struct law_params *lp)
{
    zj_date d;
    if (strlen(r) != 10 || strcmp(r, "0002-01-01") < 0 || date_parse(r, 10, &d) != 0)
        return false;
    char edu_from[11], notice_from[11], notice_to[11];
    date_format(date_add_months(d, -lp->h08_education_months), edu_from);
    date_format(date_add_months(d, -lp->h08_notice_max_months), notice_from);
    date_format(d - lp->h08_notice_min_days, notice_to);
    bool edu = false, notice = false;
    for (size_t i = 0; i < n; i++) {
        const char *e = recs[i].date;
        if (strcmp(e, prev) <= 0)
            continue;
        if (recs[i].education)
            edu |= strcmp(e, edu_from) >= 0 && strcmp(e, r) < 0;
        else
            notice |= strcmp(e, notice_from) >= 0 && strcmp(e, notice_to) <= 0;
    }
    return edu && notice;
}

static bool rel01_release_type(const char *t)
{
    return !strcmp(t, "release") || !strcmp(t, "release_parole") || !strcmp(t, "release_temp") ||
           !strcmp(t, "release_other");
}

/* The candidate releases' event_ids as a JSON array into out. Returns 0 or ZJ_EDB. */
static int rel01_candidates(const model_ctx *c, strbuf *out)
{
    struct law_params def;
    const struct law_params *lp = law_params_or_default(c->params, &def);
    sqlite3_stmt *cs = sqlmodel_prepare(c->db, rel01_custody_sql),
                 *ps = sqlmodel_prepare(c->db, rel01_prep_sql);
    char why[128], prev[11] = "0000-00-00";
    strbuf person = STRBUF_INIT, prep_person = STRBUF_INIT;
    rel01_rec *recs = NULL;
    size_t n_recs = 0, cap = 0, n_out = 0;
    int rc = ZJ_EDB, step, pstep = SQLITE_ROW;
    bool prep_have = false; /* ps is on a row of prep_person */
    if (!cs || !ps || sqlmodel_bind(cs, c->as_of, NULL, why, sizeof why) != 0)
        goto out;
    strbuf_addch(out, '[');
    while ((step = sqlite3_step(cs)) == SQLITE_ROW) {
        const char *pid = (const char *)sqlite3_column_text(cs, 0);
        const char *date = (const char *)sqlite3_column_text(cs, 1);
        const char *type = (const char *)sqlite3_column_text(cs, 2);
        const char *id = (const char *)sqlite3_column_text(cs, 3);
        if (!pid || !date || !type || !id)
            continue;
        if (person.len == 0 || strcmp(person.buf, pid) != 0) {
            strbuf_reset(&person);
            strbuf_adds(&person, pid);
            strcpy(prev, "0000-00-00");
            n_recs = 0;
            /* the person's records: the prep rows up to and including pid */
            for (;;) {
                if (!prep_have) {
                    if (pstep != SQLITE_ROW || (pstep = sqlite3_step(ps)) != SQLITE_ROW)
                        break;
                    const char *pp = (const char *)sqlite3_column_text(ps, 0);
                    strbuf_reset(&prep_person);
                    strbuf_adds(&prep_person, pp ? pp : "");
                    prep_have = true;
                }
                int k = strcmp(prep_person.buf, pid);
                if (k > 0)
                    break;
                const char *pd = (const char *)sqlite3_column_text(ps, 2);
                if (k == 0 && pd && strlen(pd) == 10) {
                    if (n_recs == cap) {
                        cap = cap ? 2 * cap : 16;
                        recs = xrealloc(recs, cap * sizeof(*recs));
                    }
                    memcpy(recs[n_recs].date, pd, 11);
                    recs[n_recs++].education = sqlite3_column_int(ps, 1) != 0;
                }
                prep_have = false;
            }
            if (pstep != SQLITE_ROW && pstep != SQLITE_DONE)
                goto out;
        }
        if (sqlite3_column_int(cs, 4) && !rel01_complete(recs, n_recs, date, prev, lp)) {
            if (n_out++)
                strbuf_addch(out, ',');
            strbuf_add_json_str(out, id);
        }
        /* the latest release-type event read so far: at least the earlier release of a later
         * event (an event of the same day makes the records count less, never more) */
        if (rel01_release_type(type) && strlen(date) == 10 && strcmp(date, prev) > 0)
            memcpy(prev, date, 11);
    }
    if (step != SQLITE_DONE)
        goto out;
    strbuf_addch(out, ']');
    rc = 0;
out:
    if (rc)
        fprintf(stderr, "zhijian: REL-01: %s\n", sqlite3_errmsg(c->db));
    sqlite3_finalize(cs);
    sqlite3_finalize(ps);
    strbuf_release(&person);
    strbuf_release(&prep_person);
    free(recs);
    return rc;
}

static int rel01_run(const model_ctx *c, lead_sink *s)
{
    if (sqlmodel_run_is_scoped(c->db, "REL-01"))
        return sqlmodel_run_set(c, s, &m2_rel01);
    strbuf ids = STRBUF_INIT;
    int rc = rel01_candidates(c, &ids);
    if (rc == 0)
        rc = sqlmodel_run_set_list(c, s, &m2_rel01_full, ":releases", &ids);
    strbuf_release(&ids);
    return rc;
}

const model_def models_safety[] = {
    {"CUS-05", "牢头狱霸未处置", "conditions", "high", "H-05 监狱法第7条、第58条; 看守所条例第14条",
     "person_id", "{\"H-05.incidents\":2,\"H-05.window_days\":90,\"H-05.separation_days\":7}", NULL,
     cus05_run, 0, MODEL_SCOPED | MODEL_WIDENS},
    {"CUS-06", "违禁品经监管人员流入", "conditions", "high", "H-06 监狱法第14条; 刑法第397条",
     "incident_id", "{}", NULL, cus06_run, 0, 0},
    {"CUS-07", "狱内犯罪未立案、未移送", "conditions", "high", "H-06 监狱法第60条; 刑法第316条",
     "incident_id", "{\"H-06.filing_days\":30,\"H-06.transfer_months\":7}", NULL, cus07_run, 0, 0},
    {"CUS-08", "体罚虐待被监管人线索", "conditions", "high",
     "H-06 刑法第248条; 刑事诉讼法第19条第2款; 监狱法第14条", "incident_id", "{}", NULL, cus08_run,
     0, 0},
    {"CUS-09", "劳动超时、剥夺休息", "conditions", "medium",
     "H-07 监狱法第71条、第75条; 劳动法第36条、第41条", "record_id",
     "{\"H-07.adult_hours\":210,\"H-07.juvenile_hours\":104,\"H-07.rest_days\":4}", NULL, cus09_run,
     0, MODEL_SCOPED},
    {"REL-01", "出监教育、衔接缺失", "conditions", "medium",
     "H-08 监狱法第35条、第37条; 出监教育与安置帮教衔接规定", "event_id",
     "{\"H-08.education_months\":3,\"H-08.notice_min_days\":30,\"H-08.notice_max_months\":6}", NULL,
     rel01_run, 0, MODEL_SCOPED},
    {0},
};
