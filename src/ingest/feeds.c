/*
 * feeds.c — the column tables of spec/feeds.md (see feeds.h), one per feed, in load order.
 * Where the law core has the same enum, its values, Chinese labels and the short labels
 * feeds.md itself uses (e.g. 确有悔改, 死缓) come from the LAW_*_NAMES lists of law.h.
 */
#include "ingest/feeds.h"

#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "law/law.h"
#include "ingest/ingest.h"
#include "store/store.h"
#include "util/hash.h"
#include "util/xalloc.h"

#include <sqlite3.h>

#define NOMAX LLONG_MAX
#define LIST(...) ((const char *const[]){__VA_ARGS__, NULL})

/* ---- enum values ---- */
/* The enums the law core also has come from law.h's LAW_*_NAMES lists (its rows and the
 * short labels of feeds.md), so the ids stored here are the ones the law core parses. */
#define FEED_ROW(v, id, label) {id, label},
static const struct ingest_enum_value facility_kinds[] = {{"prison", "监狱"},
                                                          {"juvenile_prison", "未成年犯管教所"},
                                                          {"detention_center", "看守所"},
                                                          {"community_corrections", "社区矫正机构"},
                                                          {"court", "法院"},
                                                          {"police", "公安机关"},
                                                          {"prison_admin", "监狱管理局"},
                                                          {"hospital", "医院"},
                                                          {"procuratorate", "检察院"},
                                                          {NULL, NULL}};
static const struct ingest_enum_value genders[] = {{"M", "男"}, {"F", "女"}, {NULL, NULL}};
static const struct ingest_enum_value penalties[] = {
    LAW_PENALTY_NAMES(FEED_ROW, FEED_ROW){NULL, NULL}};
static const struct ingest_enum_value judgment_flags[] = {
    LAW_FLAG_NAMES(FEED_ROW, FEED_ROW){NULL, NULL}};
static const struct ingest_enum_value custody_events[] = {
    LAW_EVENT_TYPE_NAMES(FEED_ROW, FEED_ROW){NULL, NULL}};
static const struct ingest_enum_value exam_kinds[] = {
    {"diagnosis", "诊断"}, {"review", "复查"}, {NULL, NULL}};
static const struct ingest_enum_value change_kinds[] = {
    LAW_CHANGE_KIND_NAMES(FEED_ROW, FEED_ROW){NULL, NULL}};
static const struct ingest_enum_value grounds[] = {
    LAW_GROUNDS_NAMES(FEED_ROW, FEED_ROW){NULL, NULL}};
/* Some values of a law.h list: PICK puts the row of value v at slot 0, 1 or 2 when v is
 * a, b or c (in that order), the {NULL, NULL} that ends the list at slot 3 (unset), and the
 * other rows past it, where no reader goes. A table of PICK rows has PICKED(count) slots. */
#define PICK(v, a, b, c) ((v) == (a) ? 0 : (v) == (b) ? 1 : (v) == (c) ? 2 : 4 + (v))
#define PICKED(count) (4 + (count))
#define FEED_SKIP(v, id, label)
/* what a commutation of a 死缓 or a life sentence gives */
#define NEW_PENALTY_ROW(v, id, label) [PICK(v, LAW_LIFE, LAW_FIXED_TERM, -1)] = {id, label},
static const struct ingest_enum_value new_penalties[PICKED(LAW_PENALTY_COUNT)] = {
    LAW_PENALTY_NAMES(NEW_PENALTY_ROW, FEED_SKIP)};
static const struct ingest_enum_value leniencies[] = {
    LAW_LENIENCY_NAMES(FEED_ROW, FEED_ROW){NULL, NULL}};
static const struct ingest_enum_value merit_kinds[] = {
    {"merit", "立功"}, {"major_merit", "重大立功"}, {NULL, NULL}};
static const struct ingest_enum_value merit_categories[] = {{"report_crime", "检举揭发"},
                                                            {"stop_crime", "阻止他人犯罪"},
                                                            {"capture", "协助抓捕"},
                                                            {"rescue", "抢险救灾"},
                                                            {"invention", "发明创造"},
                                                            {"other", "其他"},
                                                            {NULL, NULL}};
static const struct ingest_enum_value cc_bases[] = {{"surveillance", "管制"},
                                                    {"probation", "缓刑"},
                                                    {"parole", "假释"},
                                                    {"temp_outside", "暂予监外执行"},
                                                    {NULL, NULL}};
static const struct ingest_enum_value cc_statuses[] = {{"active", "在矫"},
                                                       {"ended", "解除矫正"},
                                                       {"revoked", "撤销"},
                                                       {"absconded", "脱管"},
                                                       {NULL, NULL}};
static const struct ingest_enum_value cc_event_kinds[] = {{"checkin", "报到/汇报"},
                                                          {"location", "定位"},
                                                          {"warning", "警告"},
                                                          {"violation", "违规"},
                                                          {"leave_start", "经批准外出"},
                                                          {"leave_end", "外出返回"},
                                                          {"review", "病情复查提交"},
                                                          {"absconded", "失联"},
                                                          {"revocation_proposed", "提请撤销/收监"},
                                                          {NULL, NULL}};
static const struct ingest_enum_value property_kinds[] = {{"fine", "罚金"},
                                                          {"confiscation", "没收财产"},
                                                          {"restitution", "追缴/责令退赔"},
                                                          {"compensation", "附带民事赔偿"},
                                                          {NULL, NULL}};
static const struct ingest_enum_value property_statuses[] = {{"ongoing", "执行中"},
                                                             {"paid", "执行完毕"},
                                                             {"terminated_round", "终结本次执行"},
                                                             {"terminated", "终结执行"},
                                                             {NULL, NULL}};
static const struct ingest_enum_value payers[] = {
    {"self", "本人"}, {"family", "近亲属"}, {"third_party", "第三人"}, {NULL, NULL}};
static const struct ingest_enum_value restraint_kinds[] = {{"solitary", "禁闭"},
                                                           {"handcuffs", "手铐"},
                                                           {"leg_irons", "脚镣"},
                                                           {"restraint_chair", "约束椅"},
                                                           {NULL, NULL}};
static const struct ingest_enum_value death_causes[] = {{"illness", "疾病"},  {"suicide", "自杀"},
                                                        {"accident", "意外"}, {"violence", "暴力"},
                                                        {"unknown", "不明"},  {NULL, NULL}};
static const struct ingest_enum_value activity_kinds[] = {
    {"lodging", "住宿登记"},         {"travel", "出行"},
    {"medical_visit", "就医"},       {"purchase", "消费"},
    {"social_security", "社保缴纳"}, {"business", "工商登记"},
    {"vehicle", "车辆通行"},         {NULL, NULL}};

static const struct ingest_enum_value incident_kinds[] = {
    {"fight", "打架斗殴"},
    {"bullying", "欺压他犯（牢头狱霸）"},
    {"contraband", "违禁品"},
    {"drugs", "涉毒"},
    {"gambling", "赌博"},
    {"escape", "脱逃"},
    {"escape_attempt", "脱逃未遂"},
    {"self_harm", "自伤自残"},
    {"staff_violence", "监管人员殴打体罚虐待"},
    {"other", "其他"},
    {NULL, NULL}};
static const struct ingest_enum_value injuries[] = {{"none", "无"},    {"slight", "轻微伤"},
                                                    {"light", "轻伤"}, {"serious", "重伤"},
                                                    {"death", "死亡"}, {NULL, NULL}};
static const struct ingest_enum_value incident_items[] = {
    {"phone", "手机"}, {"cigarettes", "香烟"}, {"alcohol", "酒"}, {"drugs", "毒品"},
    {"money", "现金"}, {"weapon", "凶器"},     {"other", "其他"}, {NULL, NULL}};
static const struct ingest_enum_value incident_sources[] = {
    {"visitor", "会见人员"}, {"staff", "监管人员"}, {"outside_worker", "外来务工人员"},
    {"mail", "邮寄"},        {"unknown", "不明"},   {NULL, NULL}};
static const struct ingest_enum_value incident_roles[] = {{"aggressor", "施害方"},
                                                          {"victim", "受害方"},
                                                          {"participant", "参与者"},
                                                          {"carrier", "携带者"},
                                                          {NULL, NULL}};
static const struct ingest_enum_value release_prep_kinds[] = {
    {"pre_release_education", "出监教育"},
    {"resettlement_notice", "安置帮教衔接通知"},
    {NULL, NULL}};
static const struct ingest_enum_value requester_kinds[] = {{"judicial", "司法机关办案"},
                                                           {"police_case", "公安机关办案"},
                                                           {"employer", "用人单位"},
                                                           {"school", "学校"},
                                                           {"other_unit", "其他单位"},
                                                           {"individual", "个人"},
                                                           {NULL, NULL}};
static const struct ingest_enum_value seizure_measures[] = {
    {"seal", "查封"}, {"seize", "扣押"}, {"freeze", "冻结"}, {NULL, NULL}};
static const struct ingest_enum_value owner_kinds[] = {
    {"enterprise", "企业"}, {"person", "个人"}, {NULL, NULL}};

/* ---- references ---- */
static const struct ingest_ref ref_facility = {"facilities", "facility_id", NULL, NULL, NULL};
static const struct ingest_ref ref_court = {"facilities", "facility_id", "kind", LIST("court"),
                                            NULL};
static const struct ingest_ref ref_hospital = {"facilities", "facility_id", "kind",
                                               LIST("hospital"), NULL};
static const struct ingest_ref ref_agency = {"facilities", "facility_id", "kind",
                                             LIST("community_corrections"), NULL};
static const struct ingest_ref ref_decider = {"facilities", "facility_id", "kind",
                                              LIST("court", "prison_admin", "police"), NULL};
static const struct ingest_ref ref_answerer = {"facilities", "facility_id", "kind",
                                               LIST("police", "court"), NULL};
static const struct ingest_ref ref_seizing = {"facilities", "facility_id", "kind",
                                              LIST("police", "procuratorate", "court"), NULL};
static const struct ingest_ref ref_person = {"persons", "person_id", NULL, NULL, NULL};
static const struct ingest_ref ref_judgment = {"judgments", "judgment_id", "person_id", NULL,
                                               "person_id"};
static const struct ingest_ref ref_exam = {"medical", "exam_id", "person_id", NULL, "person_id"};
static const struct ingest_ref ref_change = {"sentence_changes", "change_id", "person_id", NULL,
                                             "person_id"};
static const struct ingest_ref ref_staff = {"staff", "officer_id", NULL, NULL, NULL};
static const struct ingest_ref ref_cc = {"corrections", "cc_id", NULL, NULL, NULL};
static const struct ingest_ref ref_holding = {"facilities", "facility_id", "kind",
                                              LIST("prison", "juvenile_prison", "detention_center"),
                                              NULL};
static const struct ingest_ref ref_incident = {"incidents", "incident_id", NULL, NULL, NULL};
static const struct ingest_ref ref_enforcement = {"property", "enforcement_id", NULL, NULL, NULL};

/* ---- column shorthands ---- */
#define K(n)                                                                                       \
    {                                                                                              \
        .name = n, .type = IT_TEXT, .flags = COL_KEY | COL_REQUIRED                                \
    }
#define KREF(n, r)                                                                                 \
    {                                                                                              \
        .name = n, .type = IT_TEXT, .flags = COL_KEY | COL_REQUIRED, .ref = &r                     \
    }
#define TEXT(n, f)                                                                                 \
    {                                                                                              \
        .name = n, .type = IT_TEXT, .flags = f                                                     \
    }
#define REF(n, f, r)                                                                               \
    {                                                                                              \
        .name = n, .type = IT_TEXT, .flags = f, .ref = &r                                          \
    }
#define DATE(n, f, c)                                                                              \
    {                                                                                              \
        .name = n, .type = IT_DATE, .flags = f, .dclass = c                                        \
    }
#define DATE_SCHED_IF(n, f, col, val)                                                              \
    {                                                                                              \
        .name = n, .type = IT_DATE, .flags = f, .dclass = DC_EVENT, .sched_col = col,              \
        .sched_if = val                                                                            \
    }
#define MONTH(n, f)                                                                                \
    {                                                                                              \
        .name = n, .type = IT_MONTH, .flags = f                                                    \
    }
#define INT(n, f)                                                                                  \
    {                                                                                              \
        .name = n, .type = IT_INT, .flags = f                                                      \
    }
#define INTR(n, f, lo, hi)                                                                         \
    {                                                                                              \
        .name = n, .type = IT_INT, .flags = (f) | COL_RANGE, .min = lo, .max = hi                  \
    }
#define BOOL(n)                                                                                    \
    {                                                                                              \
        .name = n, .type = IT_BOOL                                                                 \
    }
#define BOOLR(n)                                                                                   \
    {                                                                                              \
        .name = n, .type = IT_BOOL, .flags = COL_REQUIRED                                          \
    }
#define ENUM(n, f, v)                                                                              \
    {                                                                                              \
        .name = n, .type = IT_ENUM, .flags = f, .values = v                                        \
    }
#define FLAGS(n, v)                                                                                \
    {                                                                                              \
        .name = n, .type = IT_FLAGS, .values = v                                                   \
    }
#define MONEY(n, dbn, f)                                                                           \
    {                                                                                              \
        .name = n, .db = dbn, .type = IT_MONEY, .flags = (f) | COL_RANGE, .min = 1, .max = NOMAX   \
    }
#define IDNUM(n, f)                                                                                \
    {                                                                                              \
        .name = n, .type = IT_IDNUM, .flags = f                                                    \
    }
#define REGION(n, f)                                                                               \
    {                                                                                              \
        .name = n, .type = IT_REGION, .flags = f                                                   \
    }
#define R COL_REQUIRED

#define RULE_WHEN(k, c, wc, wi, lo, hi, w)                                                         \
    {                                                                                              \
        .kind = k, .col = c, .when_col = wc, .when_in = wi, .min = lo, .max = hi, .why = w         \
    }
#define ORDER(later, earlier)                                                                      \
    {                                                                                              \
        .kind = RULE_DATE_ORDER, .col = later, .other = earlier                                    \
    }
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const struct ingest_column facilities_cols[] = {
    K("facility_id"),         TEXT("name", R),    ENUM("kind", R, facility_kinds),
    REGION("region_code", R), BOOL("designated"),
};

static const struct ingest_column staff_cols[] = {
    K("officer_id"),
    TEXT("name", 0),
    REF("facility_id", R, ref_facility),
    TEXT("role", 0),
};

static const struct ingest_column persons_cols[] = {
    K("person_id"),
    IDNUM("id_number", 0),
    TEXT("name", R),
    ENUM("gender", 0, genders),
    DATE("birth_date", R, DC_BIRTH),
};

static const struct ingest_column judgments_cols[] = {
    K("judgment_id"),
    REF("person_id", R | COL_GROUP, ref_person),
    TEXT("case_no", R),
    REF("court_id", R, ref_court),
    TEXT("charges", R),
    DATE("offense_date", R, DC_EVENT),
    DATE("judgment_date", R, DC_EVENT),
    DATE("effective_date", R | COL_ORDER, DC_EVENT),
    DATE("notice_date", 0, DC_EVENT),
    ENUM("penalty", R, penalties),
    INTR("term_months", 0, 0, NOMAX),
    INTR("term_days", 0, 0, 30),
    INTR("probation_months", 0, 0, NOMAX),
    INTR("dpr_months", 0, 0, NOMAX),
    BOOL("dpr_life"),
    BOOL("recidivist"),
    BOOL("limited_commutation"),
    FLAGS("flags", judgment_flags),
    DATE("term_start", 0, DC_EVENT),
    DATE("term_end", 0, DC_SCHEDULED),
};
#define TERM_PENALTIES LIST("surveillance", "criminal_detention", "fixed_term")
static const struct ingest_rule judgments_rules[] = {
    RULE_WHEN(RULE_REQUIRED, "term_months", "penalty", TERM_PENALTIES, 0, 0,
              "is required for surveillance, criminal_detention and fixed_term"),
    RULE_WHEN(RULE_RANGE, "term_months", "penalty", LIST("surveillance"), 3, 36,
              "for surveillance (管制)"),
    RULE_WHEN(RULE_RANGE, "term_months", "penalty", LIST("criminal_detention"), 1, 12,
              "for criminal_detention (拘役)"),
    RULE_WHEN(RULE_RANGE, "term_months", "penalty", LIST("fixed_term"), 6, 300,
              "for fixed_term (有期徒刑)"),
    RULE_WHEN(RULE_EMPTY, "term_months", "penalty",
              LIST("life", "death_suspended", "death", "fine_only", "exempt"), 0, 0,
              "must be empty for this penalty"),
    RULE_WHEN(RULE_EMPTY, "probation_months", "penalty",
              LIST("surveillance", "life", "death_suspended", "death", "fine_only", "exempt"), 0, 0,
              "must be empty: probation only with criminal_detention or fixed_term"),
    RULE_WHEN(RULE_RANGE, "probation_months", "penalty", LIST("criminal_detention"), 2, 12,
              "for criminal_detention probation"),
    RULE_WHEN(RULE_RANGE, "probation_months", "penalty", LIST("fixed_term"), 12, 60,
              "for fixed_term probation"),
    RULE_WHEN(RULE_RANGE, "limited_commutation", "penalty",
              LIST("surveillance", "criminal_detention", "fixed_term", "life", "death", "fine_only",
                   "exempt"),
              0, 0,
              "must be 0 or empty: limited commutation (限制减刑) is for death_suspended only"),
    ORDER("effective_date", "judgment_date"),
    ORDER("judgment_date", "offense_date"),
    ORDER("term_end", "term_start"),
};

static const struct ingest_column custody_cols[] = {
    K("event_id"),
    REF("person_id", R | COL_GROUP, ref_person),
    REF("facility_id", R, ref_facility),
    ENUM("event_type", R, custody_events),
    DATE_SCHED_IF("event_date", R | COL_ORDER, "event_type", "leave_end"),
    REF("judgment_id", 0, ref_judgment),
    TEXT("note", 0),
};

static const struct ingest_column medical_cols[] = {
    K("exam_id"),
    REF("person_id", R | COL_GROUP, ref_person),
    REF("hospital_id", R, ref_hospital),
    DATE("exam_date", R | COL_ORDER, DC_EVENT),
    ENUM("kind", R, exam_kinds),
    TEXT("disease", R),
    TEXT("severe_list_item", 0),
    TEXT("physician", 0),
};

static const struct ingest_column sentence_changes_cols[] = {
    K("change_id"),
    REF("person_id", R | COL_GROUP, ref_person),
    REF("judgment_id", R, ref_judgment),
    ENUM("kind", R, change_kinds),
    REF("proposer_id", 0, ref_facility),
    DATE("proposal_date", 0, DC_EVENT),
    REF("decider_id", R, ref_decider),
    DATE("decision_date", R | COL_ORDER, DC_EVENT),
    DATE("effective_date", 0, DC_EVENT),
    ENUM("grounds", 0, grounds),
    INTR("reduction_months", 0, 0, 300),
    INTR("reduction_days", 0, 0, 30),
    ENUM("new_penalty", 0, new_penalties),
    INTR("new_term_months", 0, 1, 300),
    REF("exam_id", 0, ref_exam),
    INT("points", 0),
    ENUM("leniency", 0, leniencies),
    REF("officer_id", 0, ref_staff),
    TEXT("note", 0),
};
/* The grounds and the new term of a sentence change, decided (sentence_changes) or
 * proposed (proposals): the same rules for both. */
#define CHANGE_TERMS_RULES                                                                         \
    {.kind = RULE_IN,                                                                              \
     .col = "grounds",                                                                             \
     .when_col = "kind",                                                                           \
     .when_in = LIST("commutation", "parole"),                                                     \
     .in =                                                                                         \
         LIST("repentance", "merit", "repentance_merit", "major_merit", "repentance_major_merit"), \
     .why = "for a commutation or parole"},                                                        \
        {.kind = RULE_IN,                                                                          \
         .col = "grounds",                                                                         \
         .when_col = "kind",                                                                       \
         .when_in = LIST("temp_outside"),                                                          \
         .in = LIST("medical", "pregnancy", "self_care"),                                          \
         .why = "for temp_outside"},                                                               \
        RULE_WHEN(RULE_REQUIRED, "new_term_months", "new_penalty", LIST("fixed_term"), 0, 0,       \
                  "is required when new_penalty is fixed_term")
static const struct ingest_rule sentence_changes_rules[] = {
    CHANGE_TERMS_RULES,
    ORDER("decision_date", "proposal_date"),
    ORDER("effective_date", "decision_date"),
};

/* A roster's proposals (提请减刑假释暂予监外执行花名册, docs/duty-calendar.md): a feed of
 * zhijian's own beside the 18 of feeds.md, the request before the ruling. */
#define PROPOSAL_KIND_ROW(v, id, label)                                                            \
    [PICK(v, LAW_CHG_COMMUTATION, LAW_CHG_PAROLE, LAW_CHG_TEMP_OUTSIDE)] = {id, label},
static const struct ingest_enum_value proposal_kinds[PICKED(LAW_CHG_COUNT)] = {
    LAW_CHANGE_KIND_NAMES(PROPOSAL_KIND_ROW, FEED_SKIP)};
static const struct ingest_column proposals_cols[] = {
    K("proposal_id"),
    REF("person_id", R, ref_person),
    REF("judgment_id", R, ref_judgment),
    ENUM("kind", R, proposal_kinds),
    REF("proposer_id", R, ref_facility),
    DATE("proposal_date", R, DC_EVENT),
    TEXT("roster_no", 0),
    ENUM("grounds", 0, grounds),
    INTR("reduction_months", 0, 0, 300),
    INTR("reduction_days", 0, 0, 30),
    ENUM("new_penalty", 0, new_penalties),
    INTR("new_term_months", 0, 1, 300),
    REF("exam_id", 0, ref_exam),
    INT("points", 0),
    ENUM("leniency", 0, leniencies),
    REF("officer_id", 0, ref_staff),
    TEXT("note", 0),
};
static const struct ingest_rule proposals_rules[] = {
    CHANGE_TERMS_RULES,
};

static const struct ingest_column scores_cols[] = {
    K("score_id"),
    REF("person_id", R | COL_GROUP, ref_person),
    REF("facility_id", R, ref_facility),
    MONTH("month", R | COL_ORDER),
    INTR("base_points", R, 0, 100),
    INTR("bonus_points", 0, 0, NOMAX),
    INTR("penalty_points", 0, 0, NOMAX),
    REF("officer_id", 0, ref_staff),
};

static const struct ingest_column merits_cols[] = {
    K("merit_id"),
    REF("person_id", R | COL_GROUP, ref_person),
    REF("facility_id", R, ref_facility),
    ENUM("kind", R, merit_kinds),
    ENUM("category", R, merit_categories),
    DATE("event_date", R | COL_ORDER, DC_EVENT),
    DATE("confirmed_date", 0, DC_EVENT),
    TEXT("related_case_no", 0),
    REF("officer_id", 0, ref_staff),
};
static const struct ingest_rule merits_rules[] = {ORDER("confirmed_date", "event_date")};

static const struct ingest_column corrections_cols[] = {
    K("cc_id"),
    REF("person_id", R | COL_GROUP, ref_person),
    REF("agency_id", R, ref_agency),
    ENUM("basis", R, cc_bases),
    REF("judgment_id", 0, ref_judgment),
    REF("change_id", 0, ref_change),
    DATE("order_date", R, DC_EVENT),
    DATE("report_date", 0, DC_EVENT),
    DATE("start_date", 0, DC_EVENT),
    DATE("end_date", 0, DC_SCHEDULED),
    ENUM("status", R, cc_statuses),
    DATE("status_date", 0, DC_EVENT),
};
static const struct ingest_rule corrections_rules[] = {ORDER("end_date", "start_date")};

static const struct ingest_column cc_events_cols[] = {
    K("event_id"),
    REF("cc_id", R | COL_GROUP, ref_cc),
    DATE_SCHED_IF("event_date", R | COL_ORDER, "kind", "leave_end"),
    ENUM("kind", R, cc_event_kinds),
    REGION("region_code", 0),
    TEXT("detail", 0),
};

static const struct ingest_column voters_cols[] = {
    K("record_id"),           IDNUM("id_number", R | COL_GROUP),
    REGION("region_code", R), DATE("election_date", R | COL_ORDER, DC_EVENT),
    BOOL("registered"),       BOOL("voted"),
    BOOL("candidate"),        BOOL("elected"),
};

static const struct ingest_column property_cols[] = {
    K("enforcement_id"),
    REF("person_id", R | COL_GROUP, ref_person),
    REF("judgment_id", R, ref_judgment),
    REF("court_id", R, ref_court),
    ENUM("kind", R, property_kinds),
    MONEY("amount_due", "amount_due_fen", R),
    DATE("filed_date", R, DC_EVENT),
    DATE("last_action_date", 0, DC_EVENT),
    ENUM("status", R, property_statuses),
    DATE("status_date", 0, DC_EVENT),
    BOOL("investigated"),
    BOOL("unable"),
};
static const struct ingest_rule property_rules[] = {
    ORDER("last_action_date", "filed_date"),
    ORDER("status_date", "filed_date"),
};

static const struct ingest_column payments_cols[] = {
    K("payment_id"),
    REF("enforcement_id", R | COL_GROUP, ref_enforcement),
    DATE("pay_date", R | COL_ORDER, DC_EVENT),
    MONEY("amount", "amount_fen", R),
    ENUM("payer", R, payers),
};

static const struct ingest_column cells_cols[] = {
    K("assignment_id"),
    REF("person_id", R | COL_GROUP, ref_person),
    REF("facility_id", R, ref_facility),
    TEXT("cell_id", R),
    DATE("start_date", R | COL_ORDER, DC_EVENT),
    DATE("end_date", 0, DC_EVENT),
};
static const struct ingest_rule span_rules[] = {ORDER("end_date", "start_date")};

static const struct ingest_column restraints_cols[] = {
    K("record_id"),
    REF("person_id", R | COL_GROUP, ref_person),
    REF("facility_id", R, ref_facility),
    ENUM("kind", R, restraint_kinds),
    DATE("start_date", R | COL_ORDER, DC_EVENT),
    DATE("end_date", 0, DC_EVENT),
    REF("officer_id", 0, ref_staff),
    TEXT("reason", 0),
};

static const struct ingest_column deaths_cols[] = {
    KREF("person_id", ref_person),      REF("facility_id", R, ref_facility),
    DATE("death_date", R, DC_EVENT),    ENUM("cause", R, death_causes),
    DATE("reported_date", 0, DC_EVENT), BOOL("autopsy"),
};
static const struct ingest_rule deaths_rules[] = {ORDER("reported_date", "death_date")};

static const struct ingest_column activities_cols[] = {
    K("record_id"),
    IDNUM("id_number", R | COL_GROUP),
    DATE("activity_date", R | COL_ORDER, DC_EVENT),
    ENUM("kind", R, activity_kinds),
    REGION("region_code", 0),
    TEXT("source", 0),
};

/* Version 2: custody safety, labour and release (spec/feeds.md "Feeds of version 2"). */
static const struct ingest_column incidents_cols[] = {
    K("incident_id"),
    REF("facility_id", R, ref_holding),
    DATE("incident_date", R, DC_EVENT),
    ENUM("kind", R, incident_kinds),
    ENUM("injury", 0, injuries),
    ENUM("item", 0, incident_items),
    ENUM("source", 0, incident_sources),
    TEXT("cell_id", 0),
    REF("officer_id", 0, ref_staff),
    DATE("case_filed_date", 0, DC_EVENT),
    DATE("transferred_date", 0, DC_EVENT),
    TEXT("summary", 0),
};
static const struct ingest_rule incidents_rules[] = {
    ORDER("case_filed_date", "incident_date"),
    ORDER("transferred_date", "case_filed_date"),
    ORDER("transferred_date", "incident_date"),
};

static const struct ingest_column incident_persons_cols[] = {
    K("record_id"),
    REF("incident_id", R, ref_incident),
    REF("person_id", R, ref_person),
    ENUM("role", R, incident_roles),
};

static const struct ingest_column labour_cols[] = {
    K("record_id"),    REF("person_id", R, ref_person), REF("facility_id", R, ref_holding),
    MONTH("month", R), INTR("hours", R, 0, 400),        INTR("rest_days", R, 0, 31),
};

static const struct ingest_column release_prep_cols[] = {
    K("record_id"),
    REF("person_id", R, ref_person),
    REF("facility_id", R, ref_holding),
    ENUM("kind", R, release_prep_kinds),
    DATE("event_date", R, DC_EVENT),
    REGION("receiver_region", 0),
};

/* labour: rest_days at most the days of the month (feeds.md). */
static int labour_check(const struct ingest_feed *f, const struct ingest_row *row, char *msg,
                        size_t msz)
{
    int c_month = ingest_feed_column(f, "month"), c_rest = ingest_feed_column(f, "rest_days");
    const struct feed_value *mo = &row->v[c_month], *rest = &row->v[c_rest];
    if (!mo->s || mo->n < 7 || !rest->s)
        return -1;
    int y = atoi(mo->s), m = atoi(mo->s + 5);
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12)
        return -1;
    int dim = mdays[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
    if (rest->i > dim) {
        snprintf(msg, msz, "rest_days '%lld' is more than the %d days of %.7s", rest->i, dim,
                 mo->s);
        return c_rest;
    }
    return -1;
}

/* ---- a warn hook's memory of one file: each name met, with its warning (NULL: none) */

struct memo_slot {
    char *name; /* NULL: empty slot */
    size_t len;
    char *warning;
};

struct ingest_warn_memo {
    int col;       /* the column the hook reads */
    size_t n, cap; /* entries, slots (a power of two) */
    struct memo_slot *slot;
};

static struct ingest_warn_memo *memo_of(struct ingest_warn_memo **memo, const struct ingest_feed *f,
                                        const char *column)
{
    if (!*memo) {
        struct ingest_warn_memo *m = xcalloc(1, sizeof(*m));
        m->col = ingest_feed_column(f, column);
        m->cap = 64;
        m->slot = xcalloc(m->cap, sizeof(*m->slot));
        *memo = m;
    }
    return *memo;
}

/* The slot of name[0..n): its entry, or the empty slot where it goes. */
static struct memo_slot *memo_slot_of(struct ingest_warn_memo *m, const char *name, size_t n)
{
    size_t mask = m->cap - 1, i = (size_t)zj_fnv1a(name, n) & mask;
    while (m->slot[i].name && (m->slot[i].len != n || memcmp(m->slot[i].name, name, n)))
        i = (i + 1) & mask;
    return &m->slot[i];
}

/* Remember name[0..n) with its warning (NULL: none; copied). */
static void memo_add(struct ingest_warn_memo *m, const char *name, size_t n, const char *warning)
{
    if ((m->n + 1) * 2 > m->cap) {
        struct memo_slot *old = m->slot;
        size_t old_cap = m->cap;
        m->cap *= 2;
        m->slot = xcalloc(m->cap, sizeof(*m->slot));
        for (size_t i = 0; i < old_cap; i++)
            if (old[i].name)
                *memo_slot_of(m, old[i].name, old[i].len) = old[i];
        free(old);
    }
    struct memo_slot *e = memo_slot_of(m, name, n);
    e->name = xstrndup(name, n);
    e->len = n;
    e->warning = warning ? xstrdup(warning) : NULL;
    m->n++;
}

void ingest_warn_memo_free(struct ingest_warn_memo *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->cap; i++) {
        free(m->slot[i].name);
        free(m->slot[i].warning);
    }
    free(m->slot);
    free(m);
}

/* A charge name the law core does not know (law.md §8; ';'-separated list): loaded as it
 * stands, but with no category the strict regimes (C-04, C-07), the parole bar (P-02) and
 * recidivism cannot see it, so the import says so with the closest official names.
 * Each distinct name is looked up once per file (memo). */
static int judgments_warn(const struct ingest_feed *f, const struct ingest_row *row,
                          struct ingest_warn_memo **memo, char *msg, size_t msz)
{
    struct ingest_warn_memo *m = memo_of(memo, f, "charges");
    const struct feed_value *v = &row->v[m->col];
    if (!v->s)
        return -1;
    const char *p = v->s, *end = v->s + v->n;
    while (p < end) {
        const char *q = memchr(p, ';', (size_t)(end - p));
        size_t n = (size_t)((q ? q : end) - p);
        char name[256];
        if (n > 0 && n < sizeof name) {
            struct memo_slot *e = memo_slot_of(m, p, n);
            if (!e->name) {
                memcpy(name, p, n);
                name[n] = 0;
                struct law_charge_info info;
                const char *warning = NULL;
                if (law_charge_lookup(name, &info) == LAW_CHARGE_UNKNOWN) {
                    const char *sug[3];
                    size_t k = law_charge_suggest(name, sug, 3);
                    int w = snprintf(msg, msz,
                                     "unknown charge name '%s', loaded without a category", name);
                    for (size_t i = 0; i < k && w > 0 && (size_t)w < msz; i++)
                        w += snprintf(msg + w, msz - (size_t)w, "%s%s",
                                      i ? "、" : " (closest: ", sug[i]);
                    if (k && w > 0 && (size_t)w < msz)
                        snprintf(msg + w, msz - (size_t)w, ")");
                    warning = msg;
                }
                memo_add(m, p, n, warning);
                if (warning)
                    return m->col;
            } else if (e->warning) {
                snprintf(msg, msz, "%s", e->warning);
                return m->col;
            }
        }
        p = q ? q + 1 : end;
    }
    return -1;
}

static const struct ingest_column record_queries_cols[] = {
    K("query_id"),
    IDNUM("id_number", R),
    ENUM("requester_kind", R, requester_kinds),
    TEXT("requester", 0),
    DATE("query_date", R, DC_EVENT),
    BOOLR("provided"),
    TEXT("legal_basis", 0),
    REF("answered_by", R, ref_answerer),
};

static const struct ingest_column seizures_cols[] = {
    K("seizure_id"),
    REF("agency_id", R, ref_seizing),
    TEXT("case_ref", R),
    ENUM("measure", R, seizure_measures),
    ENUM("owner_kind", R, owner_kinds),
    TEXT("owner_name", R),
    TEXT("owner_code", 0),
    REGION("owner_region", 0),
    BOOLR("party"),
    DATE("seized_date", R, DC_EVENT),
    MONEY("value", "value_fen", R),
    MONEY("amount_involved", "amount_involved_fen", 0),
    BOOL("local_assist"),
    DATE("unrelated_date", 0, DC_EVENT),
    DATE("case_closed_date", 0, DC_EVENT),
    DATE("released_date", 0, DC_EVENT),
    TEXT("disposition", 0),
};
static const struct ingest_rule seizures_rules[] = {
    ORDER("unrelated_date", "seized_date"),
    ORDER("case_closed_date", "seized_date"),
    ORDER("released_date", "seized_date"),
};

/* The columns the check hooks below read, found once for the process: imports may run on
 * several threads at once (the web server's import jobs beside other readers), so they are
 * set under pthread_once, never lazily by whichever import comes first. */
static struct {
    int sz_kind, sz_code;                        /* seizures */
    int j_pen, j_term, j_prob, j_dpr, j_charges; /* judgments */
} hook_cols;
static pthread_once_t hook_cols_once = PTHREAD_ONCE_INIT;

static void hook_cols_find(void)
{
    const struct ingest_feed *s = ingest_feed_find("seizures"), *j = ingest_feed_find("judgments");
    hook_cols.sz_kind = ingest_feed_column(s, "owner_kind");
    hook_cols.sz_code = ingest_feed_column(s, "owner_code");
    hook_cols.j_pen = ingest_feed_column(j, "penalty");
    hook_cols.j_term = ingest_feed_column(j, "term_months");
    hook_cols.j_prob = ingest_feed_column(j, "probation_months");
    hook_cols.j_dpr = ingest_feed_column(j, "dpr_months");
    hook_cols.j_charges = ingest_feed_column(j, "charges");
}

/* owner_code: an enterprise's 统一社会信用代码 (GB 32100) or a person's id_number (GB 11643). */
static int seizures_check(const struct ingest_feed *f, const struct ingest_row *row, char *msg,
                          size_t msz)
{
    (void)f;
    pthread_once(&hook_cols_once, hook_cols_find);
    int c_code = hook_cols.sz_code;
    const struct feed_value *kind = &row->v[hook_cols.sz_kind], *code = &row->v[c_code];
    if (!code->s || !kind->s)
        return -1;
    char why[200];
    int bad = !strcmp(kind->s, "enterprise")
                  ? ingest_check_uscc(code->s, code->n, why, sizeof why)
                  : ingest_check_id_number(code->s, code->n, why, sizeof why);
    if (!bad)
        return -1;
    snprintf(msg, msz, "owner_code of a%s: %s",
             !strcmp(kind->s, "enterprise") ? "n enterprise" : " person", why);
    return c_code;
}

/* Judgment checks that need more than one column and arithmetic (criminal law art. 38,
 * 42, 45, 55, 69, 73 as summarised in feeds.md). */
static int judgments_check(const struct ingest_feed *f, const struct ingest_row *row, char *msg,
                           size_t msz)
{
    (void)f;
    pthread_once(&hook_cols_once, hook_cols_find);
    int c_term = hook_cols.j_term, c_prob = hook_cols.j_prob, c_dpr = hook_cols.j_dpr;
    int c_charges = hook_cols.j_charges, c_pen = hook_cols.j_pen;
    const struct feed_value *pen = &row->v[c_pen], *term = &row->v[c_term], *prob = &row->v[c_prob],
                            *dpr = &row->v[c_dpr], *charges = &row->v[c_charges];
    int fixed = pen->s && !strcmp(pen->s, "fixed_term");
    if (fixed && term->s && term->i > 180 && !(charges->s && memchr(charges->s, ';', charges->n))) {
        snprintf(msg, msz,
                 "term_months '%lld' is above 180 but only one charge is given "
                 "(more than 180 months only for combined sentences, 数罪并罚)",
                 term->i);
        return c_term;
    }
    if (prob->s && fixed && term->s && term->i > 36) {
        snprintf(msg, msz,
                 "probation_months '%lld' given for a fixed term of %lld months "
                 "(probation only for fixed terms up to 36 months)",
                 prob->i, term->i);
        return c_prob;
    }
    if (prob->s && term->s && prob->i < term->i) {
        snprintf(msg, msz, "probation_months '%lld' is shorter than the term of %lld months",
                 prob->i, term->i);
        return c_prob;
    }
    if (dpr->s && !(dpr->i >= 12 && dpr->i <= 60) &&
        !(pen->s && !strcmp(pen->s, "surveillance") && term->s && dpr->i == term->i)) {
        snprintf(msg, msz,
                 "dpr_months '%lld' is out of range 12–60 (or equal to the "
                 "surveillance term)",
                 dpr->i);
        return c_dpr;
    }
    return -1;
}

const struct ingest_feed ingest_feeds[] = {
    {"facilities", facilities_cols, COUNT(facilities_cols), NULL, 0, FEED_PERSONS_NONE, NULL, NULL},
    {"staff", staff_cols, COUNT(staff_cols), NULL, 0, FEED_PERSONS_NONE, NULL, NULL},
    {"persons", persons_cols, COUNT(persons_cols), NULL, 0, FEED_PERSONS_ROW, NULL, NULL},
    {"judgments", judgments_cols, COUNT(judgments_cols), judgments_rules, COUNT(judgments_rules),
     FEED_PERSONS_ROW_INDEXED, judgments_check, judgments_warn},
    {"custody", custody_cols, COUNT(custody_cols), NULL, 0, FEED_PERSONS_ROW_INDEXED, NULL, NULL},
    {"medical", medical_cols, COUNT(medical_cols), NULL, 0, FEED_PERSONS_ROW_INDEXED, NULL, NULL},
    {"sentence_changes", sentence_changes_cols, COUNT(sentence_changes_cols),
     sentence_changes_rules, COUNT(sentence_changes_rules), FEED_PERSONS_ROW_INDEXED, NULL, NULL},
    {"scores", scores_cols, COUNT(scores_cols), NULL, 0, FEED_PERSONS_ROW_INDEXED, NULL, NULL},
    {"merits", merits_cols, COUNT(merits_cols), merits_rules, COUNT(merits_rules),
     FEED_PERSONS_ROW_INDEXED, NULL, NULL},
    {"corrections", corrections_cols, COUNT(corrections_cols), corrections_rules,
     COUNT(corrections_rules), FEED_PERSONS_ROW_INDEXED, NULL, NULL},
    {"cc_events", cc_events_cols, COUNT(cc_events_cols), NULL, 0, FEED_PERSONS_CORRECTION, NULL,
     NULL},
    {"voters", voters_cols, COUNT(voters_cols), NULL, 0, FEED_PERSONS_ID_NUMBER, NULL, NULL},
    {"property", property_cols, COUNT(property_cols), property_rules, COUNT(property_rules),
     FEED_PERSONS_ROW_INDEXED, NULL, NULL},
    {"payments", payments_cols, COUNT(payments_cols), NULL, 0, FEED_PERSONS_ENFORCEMENT, NULL,
     NULL},
    {"cells", cells_cols, COUNT(cells_cols), span_rules, COUNT(span_rules),
     FEED_PERSONS_ROW_INDEXED, NULL, NULL},
    {"restraints", restraints_cols, COUNT(restraints_cols), span_rules, COUNT(span_rules),
     FEED_PERSONS_ROW_INDEXED, NULL, NULL},
    {"deaths", deaths_cols, COUNT(deaths_cols), deaths_rules, COUNT(deaths_rules), FEED_PERSONS_ROW,
     NULL, NULL},
    {"activities", activities_cols, COUNT(activities_cols), NULL, 0, FEED_PERSONS_ID_NUMBER, NULL,
     NULL},
    {"incidents", incidents_cols, COUNT(incidents_cols), incidents_rules, COUNT(incidents_rules),
     FEED_PERSONS_INCIDENT, NULL, NULL},
    {"incident_persons", incident_persons_cols, COUNT(incident_persons_cols), NULL, 0,
     FEED_PERSONS_ROW_INDEXED, NULL, NULL},
    {"labour", labour_cols, COUNT(labour_cols), NULL, 0, FEED_PERSONS_ROW_INDEXED, labour_check,
     NULL},
    {"release_prep", release_prep_cols, COUNT(release_prep_cols), NULL, 0, FEED_PERSONS_ROW_INDEXED,
     NULL, NULL},
    {"proposals", proposals_cols, COUNT(proposals_cols), proposals_rules, COUNT(proposals_rules),
     FEED_PERSONS_NONE, NULL, NULL},
    {"record_queries", record_queries_cols, COUNT(record_queries_cols), NULL, 0,
     FEED_PERSONS_ID_NUMBER, NULL, NULL},
    {"seizures", seizures_cols, COUNT(seizures_cols), seizures_rules, COUNT(seizures_rules),
     FEED_PERSONS_NONE, seizures_check, NULL},
};
const size_t ingest_feed_count = COUNT(ingest_feeds);

const struct ingest_feed *ingest_feed_find(const char *name)
{
    for (size_t i = 0; i < ingest_feed_count; i++)
        if (!strcmp(ingest_feeds[i].name, name))
            return &ingest_feeds[i];
    return NULL;
}

int ingest_feed_column(const struct ingest_feed *f, const char *name)
{
    for (size_t i = 0; i < f->ncols; i++)
        if (!strcmp(f->cols[i].name, name))
            return (int)i;
    return -1;
}

const char *ingest_feed_label(const char *feed, const char *column, const char *id)
{
    const struct ingest_feed *f = feed && id ? ingest_feed_find(feed) : NULL;
    int c = f && column ? ingest_feed_column(f, column) : -1;
    if (c < 0 || !f->cols[c].values)
        return id;
    for (const struct ingest_enum_value *v = f->cols[c].values; v->id; v++)
        if (!strcmp(v->id, id))
            return v->label;
    return id;
}

static void f_feed_label(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    if (sqlite3_value_type(argv[2]) == SQLITE_NULL) {
        sqlite3_result_null(ctx);
        return;
    }
    const char *v = (const char *)sqlite3_value_text(argv[2]);
    const char *l = ingest_feed_label((const char *)sqlite3_value_text(argv[0]),
                                      (const char *)sqlite3_value_text(argv[1]), v);
    sqlite3_result_text(ctx, l, -1, l == v ? SQLITE_TRANSIENT : SQLITE_STATIC);
}

int ingest_sql_functions(sqlite3 *db)
{
    return sqlite3_create_function_v2(db, "zj_feed_label", 3, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                      NULL, f_feed_label, NULL, NULL, NULL) == SQLITE_OK
               ? 0
               : -1;
}

int ingest_layout(sqlite3 *db, zj_diag *d)
{
    struct store_layout_spec specs[sizeof ingest_feeds / sizeof ingest_feeds[0]];
    size_t n = 0;
    for (size_t i = 0; i < ingest_feed_count; i++) {
        const struct ingest_feed *f = &ingest_feeds[i];
        const char *group = NULL, *order = NULL;
        for (size_t c = 0; c < f->ncols; c++) {
            const char *name = f->cols[c].db ? f->cols[c].db : f->cols[c].name;
            if ((f->cols[c].flags & COL_GROUP) && !group)
                group = name;
            if ((f->cols[c].flags & COL_ORDER) && !order)
                order = name;
        }
        if (!group)
            continue;
        struct store_layout_spec *sp = &specs[n++];
        sp->table = f->name;
        sp->npk = 0;
        sp->pk[sp->npk++] = group;
        if (order)
            sp->pk[sp->npk++] = order;
        sp->pk[sp->npk++] = f->cols[0].db ? f->cols[0].db : f->cols[0].name;
    }
    return store_layout(db, specs, n, d);
}
