/*
 * office_enums.h — the enums of the resident office, complaints and circuit inspections
 * (spec/workflow.md): one list each, the English id stored and its Chinese label. The
 * checks and labels of src/cases (office.c, inspections.c), the report's keys and labels
 * (src/report/indicators.c) and GET /api/enums (src/web/api.c, read by the web pages) all
 * expand these lists, so a kind is added or worded in one place.
 *
 * X-macros: NAMES(X) expands X(id, label) once per value, in display order.
 */
#ifndef ZJ_OFFICE_ENUMS_H
#define ZJ_OFFICE_ENUMS_H

/* complaints.kind: 控告, 举报, 申诉 */
#define COMPLAINT_KIND_NAMES(X)                                                                    \
    X("accusation", "控告")                                                                        \
    X("report", "举报")                                                                            \
    X("petition", "申诉")

/* complaints.topic */
#define COMPLAINT_TOPIC_NAMES(X)                                                                   \
    X("sentence_length", "刑期计算")                                                               \
    X("recidivism", "累犯认定")                                                                    \
    X("change", "减刑假释暂予监外执行")                                                            \
    X("custody", "监管活动")                                                                       \
    X("community", "社区矫正")                                                                     \
    X("property", "财产刑执行")                                                                    \
    X("political", "剥夺政治权利")                                                                 \
    X("delivery", "交付执行")                                                                      \
    X("other", "其他")

/* complaints.channel */
#define COMPLAINT_CHANNEL_NAMES(X)                                                                 \
    X("visit", "来访")                                                                             \
    X("letter", "来信")                                                                            \
    X("phone", "电话")                                                                             \
    X("online", "网络")                                                                            \
    X("talk", "谈话")                                                                              \
    X("meeting", "约见")

/* talks.kind */
#define TALK_KIND_NAMES(X)                                                                         \
    X("admission", "入监谈话")                                                                     \
    X("release", "出监谈话")                                                                       \
    X("routine", "日常谈话")                                                                       \
    X("discipline", "禁闭期间谈话")                                                                \
    X("change", "减假暂前谈话")                                                                    \
    X("other", "其他")

/* inspections.kind: 常规, 专门, 机动, 交叉 */
#define INSPECTION_KIND_NAMES(X)                                                                   \
    X("routine", "常规巡回检察")                                                                   \
    X("special", "专门巡回检察")                                                                   \
    X("mobile", "机动巡回检察")                                                                    \
    X("cross", "交叉巡回检察")

/* inspector_specialities.speciality and a plan's focus */
#define INSPECTION_SPECIALITY_NAMES(X)                                                             \
    X("delivery", "交付执行")                                                                      \
    X("changes", "减刑假释暂予监外执行")                                                           \
    X("community", "社区矫正")                                                                     \
    X("property", "财产刑执行")                                                                    \
    X("custody", "监管活动")                                                                       \
    X("political", "剥夺政治权利执行")                                                             \
    X("medical", "医学鉴定")                                                                       \
    X("finance", "财务审计")                                                                       \
    X("duty", "职务犯罪侦查")                                                                      \
    X("data", "数据分析")

/* The ids of a list as one string literal: NAMES_KEYS(COMPLAINT_KIND_NAMES) is
 * "accusation;report;petition;" (the report's fixed keys), NAMES_WORDS(…) is
 * " accusation report petition" (messages and usage texts). */
#define OFFICE_ENUM_KEY(id, label) id ";"
#define OFFICE_ENUM_WORD(id, label) " " id
#define NAMES_KEYS(NAMES) NAMES(OFFICE_ENUM_KEY)
#define NAMES_WORDS(NAMES) NAMES(OFFICE_ENUM_WORD)

#endif
