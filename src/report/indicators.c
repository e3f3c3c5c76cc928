/*
 * indicators.c — the named indicator queries of the work report (spec/workflow.md
 * "Report") and their computation with bound period/region parameters (see report.h).
 *
 * Area of a correction notice (纠正违法的领域): from the model of the case's lead
 * (DEL/EXE/PAP 交付执行, CHG 变更执行, CC 监外执行, PROP 财产执行, CUS 监管活动, PR 剥夺政治
 * 权利), else the case's family (conditions counts as custody), else 'other'.
 * Region of a measure or case: the case's region_code, else its lead's. Region of a
 * sentence change: the deciding court's; of a community correction: the agency's.
 */
#include "report/report.h"
#include "ingest/feeds.h"
#include "law/law.h"
#include "models/catalog.h"
#include "store/store.h"
#include "util/office_enums.h"
#include "util/region.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define IN_REGION(expr) "substr(coalesce(" expr ", ''), 1, length(:region)) = :region"
#define DAY(expr) "substr(" expr ", 1, 10)"

#define AREA(L, C)                                                                                 \
    "(CASE WHEN " L ".model_id LIKE 'DEL-%' OR " L ".model_id LIKE 'EXE-%' OR " L                  \
    ".model_id LIKE 'PAP-%' THEN 'delivery'"                                                       \
    " WHEN " L ".model_id LIKE 'CHG-%' THEN 'changes'"                                             \
    " WHEN " L ".model_id LIKE 'CC-%' THEN 'community'"                                            \
    " WHEN " L ".model_id LIKE 'PROP-%' THEN 'property'"                                           \
    " WHEN " L ".model_id LIKE 'CUS-%' THEN 'custody'"                                             \
    " WHEN " L ".model_id LIKE 'PR-%' THEN 'political'"                                            \
    " WHEN coalesce(" C ".family, " L ".family) IN ('delivery','changes','community',"             \
    "'property','custody','political') THEN coalesce(" C ".family, " L ".family)"                  \
    " WHEN coalesce(" C ".family, " L ".family) = 'conditions' THEN 'custody'"                     \
    " ELSE 'other' END)"

#define MEASURES                                                                                   \
    " FROM measures m JOIN cases c ON c.case_id = m.case_id"                                       \
    " LEFT JOIN leads l ON l.lead_id = c.lead_id WHERE " IN_REGION(                                \
        "coalesce(c.region_code, l.region_code)") " AND " DAY("m.sent_date") " BETWEEN :from AND " \
                                                                             ":to"

#define CHANGES(FROM, TO)                                                                          \
    " FROM sentence_changes s LEFT JOIN facilities f ON f.facility_id = s.decider_id"              \
    " WHERE s.kind IN ('commutation','parole','temp_outside') AND " IN_REGION(                     \
        "f.region_code") " AND s.decision_date BETWEEN " FROM " AND " TO

#define LEADS_PERIOD                                                                               \
    " FROM leads l WHERE " IN_REGION("l.region_code") " AND l.first_seen BETWEEN :from AND :to"

/* Incidents of the region's facilities whose date column d lies in the period. */
#define INCIDENTS(d)                                                                               \
    " FROM incidents i JOIN facilities f ON f.facility_id = i.facility_id WHERE " IN_REGION(       \
        "f.region_code") " AND " d " BETWEEN :from AND :to"
#define INCIDENT_KINDS                                                                             \
    "fight;bullying;contraband;drugs;gambling;escape;escape_attempt;self_harm;"                    \
    "staff_violence;other"

#define AREAS "delivery;changes;community;property;custody;political"
#define CHANGE_KINDS "commutation;parole;temp_outside"

static const report_indicator_def indicators[] = {
    {"notices_total", "纠正违法通知书发出数",
     "本期发出的纠正违法通知书（纠正意见）份数（measures.kind = correction_notice，按 "
     "sent_date 计）",
     NULL, NULL, "SELECT NULL, count(*)" MEASURES " AND m.kind = 'correction_notice'"},
    {"notices_by_area", "纠正违法通知书（按领域）",
     "本期发出的纠正违法通知书按监督领域：交付执行、变更执行、监外执行、财产执行、监管活动"
     "、剥夺政治权利执行",
     AREAS, "area",
     "SELECT " AREA("l", "c") ", count(*)" MEASURES " AND m.kind = 'correction_notice' GROUP BY 1"},
    {"notices_corrected", "纠正违法通知书已整改到位",
     "本期发出的纠正违法通知书中被监督单位已整改到位（corrected = 1）的份数", NULL, NULL,
     "SELECT NULL, count(*)" MEASURES " AND m.kind = 'correction_notice' AND m.corrected = 1"},
    {"notices_overdue", "纠正违法通知书逾期未回复",
     "本期发出的纠正违法通知书中回复期限届满（不晚于期末）仍未回复或逾期回复的份数", NULL, NULL,
     "SELECT NULL, count(*)" MEASURES " AND m.kind = 'correction_notice' AND m.reply_deadline < :to"
     " AND (m.reply_date IS NULL OR m.reply_date > m.reply_deadline)"},
    {"suggestions_sent", "检察建议发出数", "本期发出的检察建议份数（measures.kind = suggestion）",
     NULL, NULL, "SELECT NULL, count(*)" MEASURES " AND m.kind = 'suggestion'"},
    {"objections_sent", "对减刑假释裁定提出纠正意见",
     "本期对减刑、假释裁定提出的纠正意见数（measures.kind = objection）", NULL, NULL,
     "SELECT NULL, count(*)" MEASURES " AND m.kind = 'objection'"},
    {"hearings_held", "检察听证", "本期举行的检察听证数（measures.kind = hearing）", NULL, NULL,
     "SELECT NULL, count(*)" MEASURES " AND m.kind = 'hearing'"},
    {"duty_transfers", "移送职务犯罪线索",
     "本期移送检察侦查的司法工作人员职务犯罪线索数（measures.kind = transfer）", NULL, NULL,
     "SELECT NULL, count(*)" MEASURES " AND m.kind = 'transfer'"},
    {"political_corrected", "纠正剥夺政治权利期间参加选举",
     "本期因剥夺政治权利期间行使选举权被发出纠正违法通知书所涉人数（领域为剥夺政治权利执行"
     "，按人去重）",
     NULL, NULL,
     "SELECT NULL, count(DISTINCT coalesce(c.person_id, l.person_id))" MEASURES
     " AND m.kind = 'correction_notice' AND " AREA("l", "c") " = 'political'"},
    {"seizures_corrected", "纠正违法查封、扣押、冻结涉案财物（涉企）",
     "本期发出纠正违法通知书且被监督单位已整改到位（corrected = "
     "1）的违法查封、扣押、冻结件数"
     "（线索模型 ENT-01 至 ENT-03，按查封扣押冻结记录 seizure_id 去重）",
     NULL, NULL,
     "SELECT NULL, count(DISTINCT l.subject)" MEASURES
     " AND m.kind = 'correction_notice' AND m.corrected = 1 AND l.model_id LIKE 'ENT-%'"},
    {"changes_period", "减刑、假释、暂予监外执行（本期）",
     "本期裁定或决定的减刑、假释、暂予监外执行件数（sentence_changes，按 decision_date "
     "和决定机关所在地区计）",
     CHANGE_KINDS, "change", "SELECT s.kind, count(*)" CHANGES(":from", ":to") " GROUP BY 1"},
    {"changes_base", "减刑、假释、暂予监外执行（基期）",
     "基期（默认上年同期）裁定或决定的减刑、假释、暂予监外执行件数", CHANGE_KINDS, "change",
     "SELECT s.kind, count(*)" CHANGES(":bfrom", ":bto") " GROUP BY 1"},
    {"changes_per_year", "减刑、假释、暂予监外执行（逐年）",
     "近五年每年裁定或决定的减刑、假释、暂予监外执行件数（键：年份:种类）", NULL, "year_kind",
     "SELECT substr(s.decision_date, 1, 4) || ':' || s.kind, count(*)"
     " FROM sentence_changes s LEFT JOIN facilities f ON f.facility_id = s.decider_id"
     " WHERE s.kind IN ('commutation','parole','temp_outside') AND " IN_REGION(
         "f.region_code") " AND substr(s.decision_date, 1, 4) BETWEEN :y0 AND :y1 GROUP BY "
                          "1 ORDER BY 1"},
    {"leads_by_model", "监督模型发现线索",
     "本期监督模型首次发现的线索数（leads.source = model，按 first_seen 计），按模型", NULL,
     "model",
     "SELECT l.model_id, count(*)" LEADS_PERIOD
     " AND l.source = 'model' GROUP BY 1 ORDER BY 2 DESC, 1"},
    {"cases_by_model", "线索成案",
     "本期监督模型发现的线索中已成案的（status = case 或已立监督案件），按模型", NULL, "model",
     "SELECT l.model_id, count(*)" LEADS_PERIOD " AND l.source = 'model' AND (l.status = 'case'"
     " OR EXISTS (SELECT 1 FROM cases k WHERE k.lead_id = l.lead_id)) GROUP BY 1 ORDER BY "
     "2 DESC, 1"},
    {"leads_by_source", "人工发现线索",
     "本期由巡回检察、控告举报申诉、谈话、检察官信箱等人工发现的线索数，按来源",
     "inspection;complaint;talk;letter;manual", "source",
     "SELECT l.source, count(*)" LEADS_PERIOD " AND l.source <> 'model' GROUP BY 1"},
    {"cases_opened", "监督案件立案数", "本期立案的监督案件数（cases.opened_at）", NULL, NULL,
     "SELECT NULL, count(*) FROM cases c LEFT JOIN leads l ON l.lead_id = c.lead_id "
     "WHERE " IN_REGION("coalesce(c.region_code, l.region_code)") " AND " DAY(
         "c.opened_at") " BETWEEN :from AND :to"},
    {"inspections_by_kind", "巡回检察（按类型）",
     "本期开始的巡回检察次数，按常规、专门、机动、交叉", NAMES_KEYS(INSPECTION_KIND_NAMES),
     "inspection",
     "SELECT x.kind, count(*) FROM inspections x WHERE " IN_REGION(
         "x.region_code") " AND x.start_date BETWEEN :from AND :to GROUP BY 1"},
    {"inspections_by_facility_kind", "巡回检察（按场所类型）",
     "本期开始的巡回检察次数，按被检察场所类型",
     "prison;juvenile_prison;detention_center;community_corrections", "facility",
     "SELECT coalesce(f.kind, 'other'), count(*) FROM inspections x LEFT JOIN facilities f"
     " ON f.facility_id = x.facility_id WHERE " IN_REGION(
         "x.region_code") " AND x.start_date BETWEEN :from AND :to GROUP BY 1"},
    {"inspection_findings", "巡回检察发现问题", "本期开始的巡回检察记录为线索的发现问题数", NULL,
     NULL,
     "SELECT NULL, count(*) FROM inspection_findings g JOIN inspections x"
     " ON x.inspection_id = g.inspection_id WHERE " IN_REGION(
         "x.region_code") " AND x.start_date BETWEEN :from AND :to"},
    {"complaints_received", "受理控告举报申诉",
     "本期受理的控告、举报、申诉件数（按 received_date）", NAMES_KEYS(COMPLAINT_KIND_NAMES),
     "complaint",
     "SELECT k.kind, count(*) FROM complaints k WHERE " IN_REGION(
         "k.region_code") " AND k.received_date BETWEEN :from AND :to GROUP BY 1"},
    {"complaints_corrected", "控告举报申诉经办理纠正",
     "本期受理的控告、举报、申诉中经办理予以纠正（corrected = 1）的件数",
     NAMES_KEYS(COMPLAINT_KIND_NAMES), "complaint",
     "SELECT k.kind, count(*) FROM complaints k WHERE " IN_REGION(
         "k.region_code") " AND k.received_date BETWEEN :from AND :to AND k.corrected = 1 "
                          "GROUP BY 1"},
    {"complaints_late", "控告举报申诉超期未答复",
     "本期受理、答复期限（三个月）届满于期末前而未按期答复的件数", NULL, NULL,
     "SELECT NULL, count(*) FROM complaints k WHERE " IN_REGION(
         "k.region_code") " AND k.received_date BETWEEN :from AND :to AND k.deadline < :to"
                          " AND (k.outcome_date IS NULL OR k.outcome_date > k.deadline)"},
    {"reimprisoned", "社区矫正对象收监执行",
     "本期由社区矫正收监执行的人数：社区矫正撤销（corrections.status = revoked，按 "
     "status_date）"
     "、撤销假释、撤销缓刑、暂予监外执行收监的裁定决定，或曾受社区矫正者的收监（custody "
     "return）事件（按人去重）",
     NULL, NULL,
     "SELECT NULL, count(DISTINCT person_id) FROM ("
     " SELECT r.person_id FROM corrections r LEFT JOIN facilities f ON f.facility_id = "
     "r.agency_id"
     " WHERE r.status = 'revoked' AND r.status_date BETWEEN :from AND :to AND " IN_REGION(
         "f.region_code") " UNION SELECT s.person_id FROM sentence_changes s LEFT JOIN "
                          "facilities f"
                          " ON f.facility_id = s.decider_id WHERE s.kind IN "
                          "('revoke_parole','revoke_temp','revoke_probation')"
                          " AND s.decision_date BETWEEN :from AND :to AND " IN_REGION(
                              "f.region_code") " UNION SELECT c.person_id FROM custody c "
                                               "JOIN facilities f ON f.facility_id = "
                                               "c.facility_id"
                                               " WHERE c.event_type = 'return' AND "
                                               "c.event_date BETWEEN :from AND :to "
                                               "AND " IN_REGION(
                                                   "f.region_code") " AND EXISTS (SELECT 1 "
                                                                    "FROM corrections r"
                                                                    " WHERE r.person_id = "
                                                                    "c.person_id AND "
                                                                    "r.order_date <= "
                                                                    "c.event_date)) u"},
    {"office_talks", "派驻检察谈话", "本期派驻检察室与被监管人个别谈话次数", NULL, NULL,
     "SELECT NULL, count(*) FROM talks t LEFT JOIN facilities f ON f.facility_id = "
     "t.facility_id"
     " WHERE " IN_REGION("f.region_code") " AND t.talk_date BETWEEN :from AND :to"},
    {"office_meetings", "被监管人约见检察官", "本期被监管人约见检察官次数", NULL, NULL,
     "SELECT NULL, count(*) FROM meetings t LEFT JOIN facilities f ON f.facility_id = "
     "t.facility_id"
     " WHERE " IN_REGION("f.region_code") " AND t.requested_date BETWEEN :from AND :to"},
    {"office_letters", "检察官信箱来信", "本期检察官信箱收到的来信件数", NULL, NULL,
     "SELECT NULL, count(*) FROM letters t LEFT JOIN facilities f ON f.facility_id = "
     "t.facility_id"
     " WHERE " IN_REGION("f.region_code") " AND t.received_date BETWEEN :from AND :to"},
    {"incidents_by_kind", "监管安全事件（按类型）",
     "本期发生的监管安全事件数（incidents，按 incident_date 和场所所在地区计），按事件类型",
     INCIDENT_KINDS, "incident",
     "SELECT i.kind, count(*)" INCIDENTS("i.incident_date") " GROUP BY 1"},
    {"incidents_by_injury", "监管安全事件（按伤情）",
     "本期发生的监管安全事件数，按伤情（未填为无）", "none;slight;light;serious;death", "injury",
     "SELECT coalesce(i.injury, 'none'), count(*)" INCIDENTS("i.incident_date") " GROUP BY 1"},
    {"custody_crimes", "狱内犯罪立案、移送",
     "本期发生的狱内涉嫌犯罪事件（轻伤以上、脱逃、涉毒，不含监管人员殴打体罚虐待，H-06）、"
     "本期立案（case_filed_date）与移送审查起诉（transferred_"
     "date）的事件数，及本期脱逃事件数",
     "crimes;filed;transferred;escapes", "custody_crime",
     "SELECT 'crimes', count(*)" INCIDENTS(
         "i.incident_date") " AND i.kind <> 'staff_violence' AND (i.injury IN "
                            "('light','serious','death')"
                            " OR i.kind IN ('escape','drugs'))"
                            " UNION ALL SELECT 'filed', count(*)" INCIDENTS(
                                "i.case_filed_date") " UNION ALL SELECT 'transferred', "
                                                     "count(*)" INCIDENTS(
                                                         "i.transferred_"
                                                         "date") " UNION "
                                                                 "ALL "
                                                                 "SELECT "
                                                                 "'escapes"
                                                                 "', "
                                                                 "count(*"
                                                                 ")" INCIDENTS(
                                                                     "i.incident_date") " AND "
                                                                                        "i.kind = "
                                                                                        "'escape'"},
    {"staff_cases", "监管人员违法违纪线索",
     "本期发生的监管人员殴打体罚虐待被监管人事件（刑法第248条）和经监管人员流入违禁品事件"
     "数",
     "violence;contraband", "staff",
     "SELECT CASE WHEN i.kind = 'staff_violence' THEN 'violence' ELSE 'contraband' END, "
     "count(*)" INCIDENTS("i.incident_date") " AND (i.kind = 'staff_violence'"
                                             " OR (i.kind IN ('contraband','drugs') AND "
                                             "i.source = 'staff')) GROUP BY 1"},
    {"reoffending_by_year", "刑满释放人员再犯罪（按释放年份）",
     "近五年每年从本地区监狱、未成年犯管教所、看守所刑满释放（custody release）或假释期满"
     "（corrections 假释 ended，按 end_date）的人数，及其中释放后 N 年内又犯罪（其后判决的 "
     "offense_date"
     "不晚于释放之日起 N 年，N 为法律参数 H-09.years，默认 3）的人数"
     "（键：年份:released / 年份:reoffended）；近 N 年的队列观察期未满",
     NULL, "reoffend",
     "WITH q AS (SELECT c.person_id, c.event_date AS r FROM custody c"
     " JOIN facilities f ON f.facility_id = c.facility_id WHERE c.event_type = 'release'"
     " AND f.kind IN ('prison','juvenile_prison','detention_center') AND " IN_REGION(
         "f.region_code") " AND substr(c.event_date, 1, 4) BETWEEN :y0 AND :y1"
                          " UNION ALL SELECT k.person_id, k.end_date FROM corrections k"
                          " JOIN facilities f ON f.facility_id = (SELECT x.facility_id "
                          "FROM custody x"
                          " WHERE x.person_id = k.person_id AND x.event_type = "
                          "'release_parole'"
                          " AND x.event_date <= k.end_date ORDER BY x.event_date DESC "
                          "LIMIT 1)"
                          " WHERE k.basis = 'parole' AND k.status = 'ended' AND k.end_date "
                          "<= :to AND " IN_REGION(
                              "f.region_code") " AND substr(k.end_date, 1, 4) BETWEEN :y0 "
                                               "AND :y1)"
                                               " SELECT substr(q.r, 1, 4) || ':released', "
                                               "count(*) FROM q GROUP BY 1"
                                               " UNION ALL SELECT substr(q.r, 1, 4) || "
                                               "':reoffended', count(*) FROM q"
                                               " WHERE EXISTS (SELECT 1 FROM judgments j "
                                               "WHERE j.person_id = q.person_id"
                                               " AND j.offense_date > q.r"
                                               " AND j.offense_date <= (CAST(substr(q.r, "
                                               "1, 4) AS INTEGER) + :h09) || substr(q.r, "
                                               "5))"
                                               " GROUP BY 1 ORDER BY 1"},
    {"leads_by_subregion", "线索（按地区）", "本期首次发现的线索数，按下一级行政区划", NULL,
     "region",
     "SELECT substr(l.region_code, 1, :sublen), count(*)" LEADS_PERIOD
     " AND l.region_code IS NOT NULL GROUP BY 1 ORDER BY 1"},
    {"cases_by_subregion", "监督案件（按地区）", "本期立案的监督案件数，按下一级行政区划", NULL,
     "region",
     "SELECT substr(coalesce(c.region_code, l.region_code), 1, :sublen), count(*) FROM "
     "cases c"
     " LEFT JOIN leads l ON l.lead_id = c.lead_id WHERE " IN_REGION(
         "coalesce(c.region_code, l.region_code)") " AND " DAY("c.opened_at") " BETWEEN "
                                                                              ":from AND "
                                                                              ":to AND "
                                                                              "coalesce(c."
                                                                              "region_code,"
                                                                              " l.region_"
                                                                              "code) IS "
                                                                              "NOT NULL"
                                                                              " GROUP BY 1 "
                                                                              "ORDER BY 1"},
    {"notices_by_subregion", "纠正违法通知书（按地区）",
     "本期发出的纠正违法通知书，按下一级行政区划", NULL, "region",
     "SELECT substr(coalesce(c.region_code, l.region_code), 1, :sublen), count(*)" MEASURES
     " AND m.kind = 'correction_notice' AND coalesce(c.region_code, l.region_code) IS NOT "
     "NULL"
     " GROUP BY 1 ORDER BY 1"},
};

const report_indicator_def *report_indicators(size_t *n)
{
    *n = sizeof indicators / sizeof indicators[0];
    return indicators;
}

/* The report's own keys; the values of the feeds' enums are labelled from their one list
 * (feed_labels below), the inspection and complaint kinds from theirs (util/office_enums.h),
 * these rows only where the report words a value its own way. */
#define INSPECTION_ROW(id, label) {"inspection", id, label},
#define COMPLAINT_ROW(id, label) {"complaint", id, label},
static const char *const label_table[][3] = {
    {"area", "delivery", "交付执行"},
    {"area", "changes", "变更执行"},
    {"area", "community", "监外执行"},
    {"area", "property", "财产执行"},
    {"area", "custody", "监管活动"},
    {"area", "political", "剥夺政治权利执行"},
    {"area", "other", "其他"},
    INSPECTION_KIND_NAMES(INSPECTION_ROW){"facility", "other", "其他"},
    COMPLAINT_KIND_NAMES(COMPLAINT_ROW){"source", "inspection", "巡回检察"},
    {"source", "complaint", "控告举报申诉"},
    {"source", "talk", "谈话"},
    {"source", "letter", "检察官信箱"},
    {"source", "manual", "人工录入"},
    {"source", "resident", "派驻检察日常检察"},
    {"injury", "none", "无伤"},
    {"custody_crime", "crimes", "狱内涉嫌犯罪事件"},
    {"custody_crime", "filed", "立案"},
    {"custody_crime", "transferred", "移送审查起诉"},
    {"custody_crime", "escapes", "脱逃"},
    {"staff", "violence", "殴打体罚虐待被监管人"},
    {"staff", "contraband", "经监管人员流入违禁品"},
};

/* The labels sets that are a feed column's enum: law.h's lists through the importer's
 * column tables (ingest_feed_label). */
static const char *const feed_labels[][3] = {
    {"change", "sentence_changes", "kind"},
    {"facility", "facilities", "kind"},
    {"incident", "incidents", "kind"},
    {"injury", "incidents", "injury"},
};

const char *report_key_label(const char *labels, const char *key, char *buf, size_t n)
{
    if (!labels || !key || !*key) {
        snprintf(buf, n, "%s", key && *key ? key : "合计");
        return buf;
    }
    for (size_t i = 0; i < sizeof label_table / sizeof label_table[0]; i++)
        if (!strcmp(labels, label_table[i][0]) && !strcmp(key, label_table[i][1])) {
            snprintf(buf, n, "%s", label_table[i][2]);
            return buf;
        }
    for (size_t i = 0; i < sizeof feed_labels / sizeof feed_labels[0]; i++)
        if (!strcmp(labels, feed_labels[i][0])) {
            snprintf(buf, n, "%s", ingest_feed_label(feed_labels[i][1], feed_labels[i][2], key));
            return buf;
        }
    if (!strcmp(labels, "model")) {
        const model_def *m = catalog_find(key);
        if (m && m->name)
            snprintf(buf, n, "%s %s", key, m->name);
        else if (!strcmp(key, "INSPECT"))
            snprintf(buf, n, "%s 巡回检察发现", key);
        else
            snprintf(buf, n, "%s", key);
        return buf;
    }
    if (!strcmp(labels, "region")) {
        char name[96];
        if (region_own_name(key))
            snprintf(buf, n, "%s（%s）", region_short_label(key, name, sizeof name), key);
        else
            region_short_label(key, buf, n);
        return buf;
    }
    if (!strcmp(labels, "reoffend") && strlen(key) > 5 && key[4] == ':') {
        snprintf(buf, n, "%.4s年%s", key, !strcmp(key + 5, "released") ? "释放" : "三年内再犯罪");
        return buf;
    }
    if (!strcmp(labels, "year_kind") && strlen(key) > 5 && key[4] == ':') {
        char kb[64];
        snprintf(buf, n, "%.4s年%s", key, report_key_label("change", key + 5, kb, sizeof kb));
        return buf;
    }
    snprintf(buf, n, "%s", key);
    return buf;
}

char *report_change_phrase(long cur, long base, char *buf, size_t n)
{
    if (cur == base)
        snprintf(buf, n, "持平");
    else if (base == 0)
        snprintf(buf, n, "新增%ld", cur);
    else {
        double r = (double)(cur - base) / (double)base;
        if (r >= 1.0)
            snprintf(buf, n, "上升%.1f倍", r);
        else if (r > 0)
            snprintf(buf, n, "上升%.1f%%", r * 100.0);
        else
            snprintf(buf, n, "下降%.1f%%", -r * 100.0);
    }
    return buf;
}

char *report_compare_phrase(const report *r, long cur, long base, char *buf, size_t n)
{
    char ph[48];
    report_change_phrase(cur, base, ph, sizeof ph);
    if (cur == base && !r->base_prev && !strncmp(r->compare, "比", strlen("比")))
        snprintf(buf, n, "与%s持平", r->compare + strlen("比"));
    else
        snprintf(buf, n, "%s%s", r->compare, ph);
    return buf;
}

/* r->compare, r->base_year and r->base_prev from the period and the base period: 同比 for
 * the same days one year earlier; 比YYYY年 for a whole calendar year against another whole
 * year; 比YYYY年同期 for part of a year against the same days of year YYYY; otherwise the
 * base period's dates. */
static void name_base(report *r)
{
    zj_date f = r->p.from, t = r->p.to, bf = r->p.base_from, bt = r->p.base_to;
    int fy, fm, fd, ty, tm, td, by, bm, bd, ey, em, ed;
    date_to_ymd(f, &fy, &fm, &fd);
    date_to_ymd(t, &ty, &tm, &td);
    date_to_ymd(bf, &by, &bm, &bd);
    date_to_ymd(bt, &ey, &em, &ed);
    r->base_prev = bf == date_add_months(f, -12) && bt == date_add_months(t, -12);
    int shift = ty - ey;
    bool whole_years =
        shift > 0 && bf == date_add_months(f, -12 * shift) && bt == date_add_months(t, -12 * shift);
    r->base_year = whole_years && by == ey ? ey : 0;
    if (r->base_prev)
        snprintf(r->compare, sizeof r->compare, "同比");
    else if (r->base_year && fy == ty && fm == 1 && fd == 1 && tm == 12 && td == 31)
        snprintf(r->compare, sizeof r->compare, "比%d年", r->base_year);
    else if (r->base_year)
        snprintf(r->compare, sizeof r->compare, "比%d年同期", r->base_year);
    else
        snprintf(r->compare, sizeof r->compare, "比基期（%d年%d月%d日至%d年%d月%d日）", by, bm, bd,
                 ey, em, ed);
}

static report_row *row_for(report_value *v, const char *key, const char *labels)
{
    for (size_t i = 0; i < v->n_rows; i++)
        if (!strcmp(v->rows[i].key, key))
            return &v->rows[i];
    v->rows = xrealloc(v->rows, (v->n_rows + 1) * sizeof *v->rows);
    report_row *r = &v->rows[v->n_rows++];
    memset(r, 0, sizeof *r);
    snprintf(r->key, sizeof r->key, "%s", key);
    report_key_label(labels, key, r->label, sizeof r->label);
    return r;
}

static void bind_text(sqlite3_stmt *st, const char *name, const char *v)
{
    int i = sqlite3_bind_parameter_index(st, name);
    if (i > 0)
        sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
}

void report_add(report_value *v, const char *key, long n)
{
    report_row *row = row_for(v, key ? key : "", v->def->labels);
    row->n += n;
    v->total += n;
}

int report_prepare(const report_params *p, report *r, zj_diag *d)
{
    memset(r, 0, sizeof *r);
    r->p = *p;
    const char *region = p->region ? p->region : "";
    size_t rl = strlen(region);
    if (rl > 6 || strspn(region, "0123456789") != rl || rl % 2) {
        zj_diag_set(d, "region", "invalid region '%s' (2, 4 or 6 digits of a region code)", region);
        return ZJ_EINVAL;
    }
    if (p->from == ZJ_DATE_NONE || p->to == ZJ_DATE_NONE || p->to < p->from) {
        zj_diag_set(d, "period", "the report period needs --from on or before --to");
        return ZJ_EINVAL;
    }
    snprintf(r->region, sizeof r->region, "%s", region);
    r->p.region = r->region;
    zj_date bf = p->base_from, bt = p->base_to;
    if (bf == ZJ_DATE_NONE || bt == ZJ_DATE_NONE) {
        bf = date_add_months(p->from, -12);
        bt = date_add_months(p->to, -12);
    }
    r->p.base_from = bf;
    r->p.base_to = bt;
    date_format(p->from, r->from);
    date_format(p->to, r->to);
    date_format(bf, r->base_from);
    date_format(bt, r->base_to);
    name_base(r);
    int y, m, dd;
    date_to_ymd(p->to, &y, &m, &dd);
    r->y1 = y;
    r->y0 = y - 4;
    snprintf(r->y0s, sizeof r->y0s, "%04d", r->y0);
    snprintf(r->y1s, sizeof r->y1s, "%04d", r->y1);
    r->sublen = rl < 6 ? (int)rl + 2 : 6;
    if (p->reoffend_years < 0) {
        zj_diag_set(d, "H-09.years", "H-09.years must be at least 1");
        return ZJ_EINVAL;
    }
    if (p->reoffend_years > 0) {
        r->h09 = p->reoffend_years;
    } else {
        struct law_params def;
        law_params_default(&def);
        r->h09 = def.h09_years;
    }

    size_t n;
    const report_indicator_def *defs = report_indicators(&n);
    r->v = xcalloc(n, sizeof *r->v);
    for (size_t i = 0; i < n; i++) {
        report_value *v = &r->v[r->n++];
        v->def = &defs[i];
        for (const char *k = defs[i].keys; k && *k;) {
            size_t len = strcspn(k, ";");
            char key[48];
            snprintf(key, sizeof key, "%.*s", (int)len, k);
            row_for(v, key, defs[i].labels);
            k += len + (k[len] == ';');
        }
    }
    return 0;
}

int report_compute(sqlite3 *db, const report_params *p, report *r, zj_diag *d)
{
    int prc = report_prepare(p, r, d);
    if (prc)
        return prc;
    const char *region = r->region;
    for (size_t i = 0; i < r->n; i++) {
        report_value *v = &r->v[i];
        const report_indicator_def *def = v->def;
        sqlite3_stmt *st = store_prepare(db, def->sql);
        if (!st) {
            zj_diag_set(d, def->name, "indicator '%s': %s", def->name, sqlite3_errmsg(db));
            return ZJ_EDB;
        }
        bind_text(st, ":from", r->from);
        bind_text(st, ":to", r->to);
        bind_text(st, ":bfrom", r->base_from);
        bind_text(st, ":bto", r->base_to);
        bind_text(st, ":region", region);
        bind_text(st, ":y0", r->y0s);
        bind_text(st, ":y1", r->y1s);
        int hi = sqlite3_bind_parameter_index(st, ":h09");
        if (hi > 0)
            sqlite3_bind_int(st, hi, r->h09);
        int si = sqlite3_bind_parameter_index(st, ":sublen");
        if (si > 0)
            sqlite3_bind_int(st, si, r->sublen);
        int s;
        while ((s = sqlite3_step(st)) == SQLITE_ROW)
            report_add(v, (const char *)sqlite3_column_text(st, 0),
                       (long)sqlite3_column_int64(st, 1));
        sqlite3_finalize(st);
        if (s != SQLITE_DONE) {
            zj_diag_set(d, def->name, "indicator '%s': %s", def->name, sqlite3_errmsg(db));
            return ZJ_EDB;
        }
    }
    return 0;
}

void report_release(report *r)
{
    for (size_t i = 0; i < r->n; i++)
        free(r->v[i].rows);
    free(r->v);
    r->v = NULL;
    r->n = 0;
}

const report_value *report_get(const report *r, const char *name)
{
    for (size_t i = 0; i < r->n; i++)
        if (!strcmp(r->v[i].def->name, name))
            return &r->v[i];
    return NULL;
}

long report_total(const report *r, const char *name)
{
    const report_value *v = report_get(r, name);
    return v ? v->total : 0;
}

long report_count(const report *r, const char *name, const char *key)
{
    const report_value *v = report_get(r, name);
    for (size_t i = 0; v && i < v->n_rows; i++)
        if (!strcmp(v->rows[i].key, key))
            return v->rows[i].n;
    return 0;
}
