/*
 * law.h — the law core: sentence computation, commutation/parole eligibility and the
 * rules a recorded sentence change breaks, exact to the day (spec/law.md §§1-2, 4-6, 8-10) and
 * whether a juvenile record is sealed (§14).
 *
 * Articles: 刑法第41、44、47、50、51、57、58、65、66、78、80、81、83、85条; 刑事诉讼法
 * 第76、265、268条; 减刑假释规定 (最高法 2016) 第6-21、23、25、27、28、30、39、40条.
 *
 * Pure: no I/O (except law_params_load in params.c, the one documented exception), no
 * clock, no global mutable state, no hidden allocation. The as-of date is always passed
 * in. All inputs are plain structs owned by the caller; arrays are (pointer, count) pairs
 * borrowed for the duration of the call. Outputs are fixed-capacity structs; when a
 * capacity is exceeded the extra items are dropped and a `truncated` flag is set.
 *
 * Dates are zj_date (law/date.h); ZJ_DATE_NONE means "unknown / not applicable".
 */
#ifndef ZJ_LAW_H
#define ZJ_LAW_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "law/date.h"
#include "util/error.h"

/* ---------------------------------------------------------------- capacities */
#define LAW_MAX_CHANGES 64        /* per-change figures kept; later changes are still applied */
#define LAW_MAX_VIOLATIONS 64     /* violations kept; more set figures.violations_truncated */
#define LAW_MESSAGE_MAX 256       /* bytes of a violation message (UTF-8, NUL-terminated) */
#define LAW_MAX_EVENTS 1024       /* custody events considered; more set input_truncated */
#define LAW_MAX_INPUT_CHANGES 256 /* changes considered; more set input_truncated */

/* ---------------------------------------------------------------- rule ids */
/* Every rule id of law.md that the core evaluates. law_rule_id() gives "C-01" etc. */
#define LAW_RULES(XX)                                                                              \
    XX(S01, "S-01", "刑法第41、44、47条")                                                          \
    XX(S02, "S-02", "刑事诉讼法第76条")                                                            \
    XX(S03, "S-03", "刑法第41、44、47条")                                                          \
    XX(S04, "S-04", "刑法第78、79条")                                                              \
    XX(S05, "S-05", "刑法第50、51、80条")                                                          \
    XX(S06, "S-06", "刑事诉讼法第268条")                                                           \
    XX(S07, "S-07", "刑法第47、85条")                                                              \
    XX(S08, "S-08", "减刑假释规定第40条")                                                          \
    XX(C01, "C-01", "减刑假释规定第6条")                                                           \
    XX(C02, "C-02", "减刑假释规定第6条")                                                           \
    XX(C03, "C-03", "减刑假释规定第6、40条")                                                       \
    XX(C04, "C-04", "减刑假释规定第7条")                                                           \
    XX(C05, "C-05", "减刑假释规定第6、7、8、9条")                                                  \
    XX(C06, "C-06", "减刑假释规定第8条")                                                           \
    XX(C07, "C-07", "减刑假释规定第9条")                                                           \
    XX(C08, "C-08", "减刑假释规定第10、11条")                                                      \
    XX(C09, "C-09", "刑法第78条第2款")                                                             \
    XX(C10, "C-10", "减刑假释规定第12条")                                                          \
    XX(C11, "C-11", "减刑假释规定第13、14条")                                                      \
    XX(C12, "C-12", "减刑假释规定第15条")                                                          \
    XX(C13, "C-13", "减刑假释规定第18条")                                                          \
    XX(C14, "C-14", "减刑假释规定第21条")                                                          \
    XX(C15, "C-15", "减刑假释规定第19、20、39条")                                                  \
    XX(C16, "C-16", "减刑假释规定第16条")                                                          \
    XX(P01, "P-01", "刑法第81条; 减刑假释规定第23条")                                              \
    XX(P02, "P-02", "刑法第81条第2款; 减刑假释规定第25条")                                         \
    XX(P03, "P-03", "减刑假释规定第27条")                                                          \
    XX(P04, "P-04", "减刑假释规定第28条")                                                          \
    XX(P05, "P-05", "刑法第83、85条")                                                              \
    XX(P06, "P-06", "减刑假释规定第30条")                                                          \
    XX(R01, "R-01", "刑法第65条")                                                                  \
    XX(R02, "R-02", "刑法第66条")                                                                  \
    XX(R03, "R-03", "刑法第65、66条")                                                              \
    XX(PR01, "PR-01", "刑法第54、55、58条")                                                        \
    XX(PR02, "PR-02", "减刑假释规定第17条; 刑法第57条")                                            \
    XX(T01, "T-01", "刑事诉讼法第265条")

enum law_rule {
#define XX(e, id, art) LAW_##e,
    LAW_RULES(XX)
#undef XX
        LAW_RULE_COUNT,
    LAW_RULE_NONE = -1
};
typedef uint64_t law_basis; /* a set of rules: bit (1 << enum law_rule) */
#define LAW_BIT(r) ((law_basis)1 << (r))

/* "C-01" for LAW_C01; "" for an out-of-range value. Static string. */
const char *law_rule_id(enum law_rule r);
/* The article(s) the rule rests on, e.g. "减刑假释规定第6条". Static string. */
const char *law_rule_article(enum law_rule r);
/* Rule from its id ("C-01"); LAW_RULE_NONE when unknown. */
enum law_rule law_rule_from_id(const char *id);

/* ---------------------------------------------------------------- enums (feeds.md) */
/* Each enum has: _from_str(s) accepting the English id of feeds.md or the Chinese label
 * (returns the value, or -1 when s is NULL/unknown), _id(v) (English id, static) and
 * _label(v) (Chinese label, static). Value 0 is always "none / not given". */
/* The names of each enum are written once, in the LAW_*_NAMES lists below: ROW(value,
 * English id, Chinese label) in enum order, and FEED(value, id, short label) right after
 * its row for a short label that feeds.md itself uses. The law core (enums.c) expands the
 * ROWs only; the importer's column tables (ingest/feeds.c) expand both, so the rejects
 * message lists "id (label、short label)". */
enum law_penalty {
    LAW_PENALTY_NONE = 0,
    LAW_SURVEILLANCE,       /* 管制 */
    LAW_CRIMINAL_DETENTION, /* 拘役 */
    LAW_FIXED_TERM,         /* 有期徒刑 */
    LAW_LIFE,               /* 无期徒刑 */
    LAW_DEATH_SUSPENDED,    /* 死刑缓期二年执行 */
    LAW_DEATH,              /* 死刑 */
    LAW_FINE_ONLY,          /* 单处罚金 */
    LAW_EXEMPT,             /* 免予刑事处罚 */
    LAW_PENALTY_COUNT
};
#define LAW_PENALTY_NAMES(ROW, FEED)                                                               \
    ROW(LAW_SURVEILLANCE, "surveillance", "管制")                                                  \
    ROW(LAW_CRIMINAL_DETENTION, "criminal_detention", "拘役")                                      \
    ROW(LAW_FIXED_TERM, "fixed_term", "有期徒刑")                                                  \
    ROW(LAW_LIFE, "life", "无期徒刑")                                                              \
    ROW(LAW_DEATH_SUSPENDED, "death_suspended", "死刑缓期二年执行")                                \
    FEED(LAW_DEATH_SUSPENDED, "death_suspended", "死缓")                                           \
    ROW(LAW_DEATH, "death", "死刑")                                                                \
    ROW(LAW_FINE_ONLY, "fine_only", "单处罚金")                                                    \
    ROW(LAW_EXEMPT, "exempt", "免予刑事处罚")
int law_penalty_from_str(const char *s);
const char *law_penalty_id(enum law_penalty p);
const char *law_penalty_label(enum law_penalty p);

enum law_event_type {
    LAW_EV_NONE = 0,
    LAW_EV_DETAIN,
    LAW_EV_ADMIT,
    LAW_EV_TRANSFER_OUT,
    LAW_EV_TRANSFER_IN,
    LAW_EV_BAIL,
    LAW_EV_RS_START,
    LAW_EV_RS_END,
    LAW_EV_RELEASE,
    LAW_EV_RELEASE_PAROLE,
    LAW_EV_RELEASE_TEMP,
    LAW_EV_RELEASE_OTHER,
    LAW_EV_RETURN,
    LAW_EV_ESCAPE,
    LAW_EV_RECAPTURE,
    LAW_EV_LEAVE_START,
    LAW_EV_LEAVE_END,
    LAW_EV_DEATH,
    LAW_EV_COUNT
};
#define LAW_EVENT_TYPE_NAMES(ROW, FEED)                                                            \
    ROW(LAW_EV_DETAIN, "detain", "刑事拘留/逮捕入所")                                              \
    ROW(LAW_EV_ADMIT, "admit", "交付执行收监")                                                     \
    ROW(LAW_EV_TRANSFER_OUT, "transfer_out", "调出")                                               \
    ROW(LAW_EV_TRANSFER_IN, "transfer_in", "调入")                                                 \
    ROW(LAW_EV_BAIL, "bail", "取保候审/监视居住出所")                                              \
    ROW(LAW_EV_RS_START, "rs_start", "指定居所监视居住开始")                                       \
    ROW(LAW_EV_RS_END, "rs_end", "指定居所监视居住结束")                                           \
    ROW(LAW_EV_RELEASE, "release", "刑满释放")                                                     \
    ROW(LAW_EV_RELEASE_PAROLE, "release_parole", "假释出监")                                       \
    ROW(LAW_EV_RELEASE_TEMP, "release_temp", "暂予监外执行出监")                                   \
    ROW(LAW_EV_RELEASE_OTHER, "release_other", "其他释放")                                         \
    ROW(LAW_EV_RETURN, "return", "收监/回监")                                                      \
    ROW(LAW_EV_ESCAPE, "escape", "脱逃")                                                           \
    ROW(LAW_EV_RECAPTURE, "recapture", "抓获")                                                     \
    ROW(LAW_EV_LEAVE_START, "leave_start", "离监探亲或经批准外出")                                 \
    ROW(LAW_EV_LEAVE_END, "leave_end", "离监探亲或外出返回")                                       \
    ROW(LAW_EV_DEATH, "death", "死亡")
int law_event_type_from_str(const char *s);
const char *law_event_type_id(enum law_event_type t);
const char *law_event_type_label(enum law_event_type t);

enum law_change_kind {
    LAW_CHG_NONE = 0,
    LAW_CHG_COMMUTATION,      /* 减刑 */
    LAW_CHG_PAROLE,           /* 假释 */
    LAW_CHG_TEMP_OUTSIDE,     /* 暂予监外执行 */
    LAW_CHG_REVOKE_PAROLE,    /* 撤销假释 */
    LAW_CHG_REVOKE_TEMP,      /* 暂予监外执行收监 */
    LAW_CHG_REVOKE_PROBATION, /* 撤销缓刑 */
    LAW_CHG_COUNT
};
#define LAW_CHANGE_KIND_NAMES(ROW, FEED)                                                           \
    ROW(LAW_CHG_COMMUTATION, "commutation", "减刑")                                                \
    ROW(LAW_CHG_PAROLE, "parole", "假释")                                                          \
    ROW(LAW_CHG_TEMP_OUTSIDE, "temp_outside", "暂予监外执行")                                      \
    ROW(LAW_CHG_REVOKE_PAROLE, "revoke_parole", "撤销假释")                                        \
    ROW(LAW_CHG_REVOKE_TEMP, "revoke_temp", "暂予监外执行收监")                                    \
    ROW(LAW_CHG_REVOKE_PROBATION, "revoke_probation", "撤销缓刑")
int law_change_kind_from_str(const char *s);
const char *law_change_kind_id(enum law_change_kind k);
const char *law_change_kind_label(enum law_change_kind k);

enum law_grounds {
    LAW_GROUNDS_NONE = 0,
    LAW_REPENTANCE,             /* 确有悔改表现 */
    LAW_MERIT,                  /* 立功表现 */
    LAW_REPENTANCE_MERIT,       /* 悔改并立功 */
    LAW_MAJOR_MERIT,            /* 重大立功表现 */
    LAW_REPENTANCE_MAJOR_MERIT, /* 悔改并重大立功 */
    LAW_MEDICAL,                /* 保外就医 (temp_outside) */
    LAW_PREGNANCY,              /* 怀孕或哺乳 (temp_outside) */
    LAW_SELF_CARE,              /* 生活不能自理 (temp_outside) */
    LAW_GROUNDS_COUNT
};
#define LAW_GROUNDS_NAMES(ROW, FEED)                                                               \
    ROW(LAW_REPENTANCE, "repentance", "确有悔改表现")                                              \
    FEED(LAW_REPENTANCE, "repentance", "确有悔改")                                                 \
    ROW(LAW_MERIT, "merit", "立功表现")                                                            \
    FEED(LAW_MERIT, "merit", "立功")                                                               \
    ROW(LAW_REPENTANCE_MERIT, "repentance_merit", "确有悔改表现并有立功表现")                      \
    FEED(LAW_REPENTANCE_MERIT, "repentance_merit", "悔改并立功")                                   \
    ROW(LAW_MAJOR_MERIT, "major_merit", "重大立功表现")                                            \
    FEED(LAW_MAJOR_MERIT, "major_merit", "重大立功")                                               \
    ROW(LAW_REPENTANCE_MAJOR_MERIT, "repentance_major_merit", "确有悔改表现并有重大立功表现")      \
    FEED(LAW_REPENTANCE_MAJOR_MERIT, "repentance_major_merit", "悔改并重大立功")                   \
    ROW(LAW_MEDICAL, "medical", "保外就医")                                                        \
    ROW(LAW_PREGNANCY, "pregnancy", "怀孕或者正在哺乳自己婴儿")                                    \
    FEED(LAW_PREGNANCY, "pregnancy", "怀孕或哺乳")                                                 \
    ROW(LAW_SELF_CARE, "self_care", "生活不能自理")
int law_grounds_from_str(const char *s);
const char *law_grounds_id(enum law_grounds g);
const char *law_grounds_label(enum law_grounds g);
/* True for major_merit and repentance_major_merit (C-05). */
bool law_grounds_major_merit(enum law_grounds g);

enum law_leniency {
    LAW_LENIENCY_NONE = 0,
    LAW_LENIENCY_ILL,      /* 患严重疾病 */
    LAW_LENIENCY_DISABLED, /* 身体残疾 */
    LAW_LENIENCY_COUNT
};
#define LAW_LENIENCY_NAMES(ROW, FEED)                                                              \
    ROW(LAW_LENIENCY_ILL, "ill", "患严重疾病")                                                     \
    ROW(LAW_LENIENCY_DISABLED, "disabled", "身体残疾")
int law_leniency_from_str(const char *s);
const char *law_leniency_id(enum law_leniency l);
const char *law_leniency_label(enum law_leniency l);

/* Judgment flags (feeds.md judgments.flags). law_flag_from_str gives the bit or 0. */
enum law_judgment_flag {
    LAW_JF_LIFELONG = 1u << 0,           /* 终身监禁 */
    LAW_JF_ORGANIZED_VIOLENCE = 1u << 1, /* 有组织的暴力性犯罪 */
    LAW_JF_DRUG_GROUP_LEADER = 1u << 2,  /* 毒品犯罪集团首要分子 */
    LAW_JF_COMBINED_10Y = 1u << 3,       /* 数罪并罚且两罪以上判十年以上 */
};
#define LAW_FLAG_NAMES(ROW, FEED)                                                                  \
    ROW(LAW_JF_LIFELONG, "lifelong", "终身监禁")                                                   \
    ROW(LAW_JF_ORGANIZED_VIOLENCE, "organized_violence", "有组织的暴力性犯罪")                     \
    ROW(LAW_JF_DRUG_GROUP_LEADER, "drug_group_leader", "毒品犯罪集团首要分子")                     \
    ROW(LAW_JF_COMBINED_10Y, "combined_10y", "数罪并罚且两罪以上判十年以上")
unsigned law_flag_from_str(const char *s);
/* Bits of a ';'-separated list ("lifelong;combined_10y"); unknown items are ignored and
 * counted in *unknown when non-NULL. */
unsigned law_flags_from_list(const char *list, int *unknown);

/* ---------------------------------------------------------------- charges (§8) */
/* The charge table is generated at build time (cmake/gen_charge_table.c) from
 * ../shared/law/charges-official.tsv (the 483 names in force, with chapter, section and
 * article of 刑法) and charge-aliases.tsv (the old names found in older judgments);
 * categories by chapter/section/article or by the names the law lists (docs/law.md). */
enum law_charge_cat {
    LAW_CAT_VIOLENT = 1u << 0, /* 刑法第81条第2款 */
    LAW_CAT_DUTY = 1u << 1,    /* 职务犯罪: 第八、九章; 第247、248、254条 */
    LAW_CAT_FINANCIAL = 1u << 2, /* 第三章第四、五节 破坏金融管理秩序、金融诈骗 */
    LAW_CAT_ORGANISED = 1u << 3,         /* 黑社会性质组织犯罪 第294条 */
    LAW_CAT_NATIONAL_SECURITY = 1u << 4, /* 危害国家安全 第一章 */
    LAW_CAT_TERRORISM = 1u << 5,         /* 恐怖活动犯罪 第120条至第120条之六 */
    LAW_CAT_DRUG = 1u << 6,              /* 毒品犯罪 第六章第七节 */
    LAW_CAT_NEGLIGENT = 1u << 7, /* 过失犯罪 (刑法第15条; 不构成累犯, 第65条) */
    LAW_CAT_CUSTODY = 1u << 8,   /* 破坏监管秩序、脱逃、越狱、劫狱 第315-317条 */
    LAW_CAT_MILITARY = 1u << 9,  /* 军人违反职责罪 第十章 */
};
#define LAW_CAT_COUNT 10 /* bits 0 .. LAW_CAT_COUNT-1 */

/* How a name was found. */
enum law_charge_match {
    LAW_CHARGE_UNKNOWN = 0,
    LAW_CHARGE_OFFICIAL, /* a name in force (罪名补充规定（八）) */
    LAW_CHARGE_OLD_NAME, /* an abolished or renamed name (charge-aliases.tsv) */
    LAW_CHARGE_PART, /* part of a selective charge (选择性罪名, "贩卖毒品罪"), or a short
                        form courts use ("掩饰、隐瞒犯罪所得罪") */
};

struct law_charge_info {
    enum law_charge_match match;
    const char *official;    /* the name in force (static); NULL when unknown */
    const char *alternative; /* old names renamed into two ("A罪/B罪"): the other; else NULL */
    unsigned cats;           /* LAW_CAT_* (an old name: those of the name it became, or its
                                own where the fault changed, e.g. 重大环境污染事故罪) */
    const char *chapter, *section, *article; /* of 刑法 (static; "" when unknown) */
    int renamed_year; /* old names: the year renamed or abolished; 0 otherwise */
};

/* Look up a charge name: official, old, or a part/short form of a selective charge.
 * Surrounding blanks (ASCII and full-width) are ignored, ASCII parentheses match full-width
 * ones, a missing final 罪 is supplied. Fills *out (when non-NULL) and returns out->match.
 * Thread-safe, no allocation; a binary search, except for names not found exactly. */
enum law_charge_match law_charge_lookup(const char *name, struct law_charge_info *out);
/* Up to cap official names closest to name (edit distance in characters), nearest first,
 * for the "unknown charge" warning. Returns how many were written (static strings). */
size_t law_charge_suggest(const char *name, const char **out, size_t cap);

/* Categories of one charge name (law_charge_lookup's cats); *known (when non-NULL) tells
 * whether the name was found (a known name may have no category, e.g. "盗窃罪"). */
unsigned law_charge_category(const char *name, bool *known);
/* Same for a ';'-separated list: the union, except LAW_CAT_NEGLIGENT, which is set only
 * when EVERY listed charge is negligent (a judgment is "negligent" for R-01 only then);
 * *unknown counts names not found. */
unsigned law_charges_category(const char *list, int *unknown);
/* A category's English id ("duty") and Chinese label; bit must be a single LAW_CAT_*. */
const char *law_charge_cat_id(unsigned bit);
const char *law_charge_cat_label(unsigned bit);
/* Number of names in the built-in table (official and old), and the i-th row, sorted by
 * name, with its categories and whether it is a name in force. */
size_t law_charge_table_size(void);
const char *law_charge_table_name(size_t i, unsigned *cats);
bool law_charge_table_official(size_t i);

/* ---------------------------------------------------------------- parameters (cfg) */
/* Every (cfg) number of law.md, with its default. Keys in config files are
 * "<rule>.<name>", e.g. "T-01.diagnosis_max_months = 3" (see params.c's table). */
struct law_params {
    int t01_diagnosis_max_months;     /* T-01: diagnosis not older than this at proposal (3) */
    int t02_review_months;            /* T-02: a review every N months (3) */
    int t02_review_grace_days;        /* T-02: grace after a missed review (15) */
    int t03_nursing_months;           /* T-03: nursing ends N months after birth (12) */
    int t03_decision_days;            /* T-03: re-imprisonment decision within N days (30) */
    int k02_absence_days;             /* K-02: no checkin/location for more than N days (10) */
    int k03_proposal_days;            /* K-03: revocation proposal within N days (30) */
    int h03_restraint_max_days;       /* H-03: handcuffs/leg irons (15) */
    int h03_restraint_chair_days;     /* H-03: restraint chair (1) */
    int h04_death_report_days;        /* H-04: death reported within N days (1) */
    int h05_incidents;                /* H-05: repeat aggressor from the Nth incident (2) */
    int h05_window_days;              /* H-05: … within N days (90) */
    int h05_separation_days;          /* H-05: victim still in the same cell > N days (7) */
    int h06_filing_days;              /* H-06: crime in custody filed within N days (30) */
    int h06_transfer_months;          /* H-06: … transferred within N months of filing (7) */
    int h07_adult_hours;              /* H-07: labour hours a month, adults (210) */
    int h07_juvenile_hours;           /* H-07: … under 18 on any day of the month (104) */
    int h07_rest_days;                /* H-07: rest days a month at least (4) */
    int h08_education_months;         /* H-08: pre-release education in the N months before (3) */
    int h08_notice_min_days;          /* H-08: resettlement notice at least N days before (30) */
    int h08_notice_max_months;        /* H-08: … and at most N months before (6) */
    int h09_years;                    /* H-09: re-offending counted within N years of release (3) */
    int f01_passive_months;           /* F-01: enforcement idle more than N months (6) */
    int f03_payment_share_pct;        /* F-03: third-party payment share of due (50) */
    int f03_payment_window_days;      /* F-03: … within N days before a proposal (60) */
    int f03_after_payment_months;     /* F-03: within N months of paying after concealment (6) */
    int e01_over_ratio_pct;           /* E-01: enterprise property seized above N% of the amount
                                         involved is over-seizure (130) */
    int e02_closed_days;              /* E-02: held more than N days after the case closed
                                         without a disposition (30) */
    int c15_relax_num, c15_relax_den; /* C-15: limits relaxed by at most num/den (1/3) */
    /* (cfg) thresholds of models.md read by the models (defaults = models.md) */
    int pap02_months;              /* PAP-02: judgment effective more than N months ago (6) */
    int chg10_bonus_cap;           /* CHG-10: monthly bonus points cap (50) */
    int chg10_window_months;       /* CHG-10: months before a proposal compared (6) */
    int chg10_ratio_pct;           /* CHG-10: recent average above N% of the earlier (150) */
    int chg10_facility_percentile; /* CHG-10: … and above the facility's Nth percentile (95) */
    int chg11_persons;             /* CHG-11: one related case credited to >= N persons (2) */
    int chg11_confirm_days;        /* CHG-11: "other" merit confirmed <= N days before (30) */
    int chg13_commutation_months;  /* CHG-13: past commutation start/interval by > N months (6) */
    int chg13_parole_months;       /* CHG-13: past the parole threshold by > N months (12) */
    int duty01_min_persons;        /* DUTY-01: leads of >= N distinct persons (3) */
    int duty01_window_months;      /* DUTY-01: … within any window of N months (24) */
    int duty01_median_factor;      /* DUTY-01: … and >= N x the facility's median (3) */
    /* law.md §16 T-12: the SPC-1997 figures (法释〔1997〕6号, from reproductions) */
    int spc1997_start_months;            /* first commutation, terms >= 5 years, general (18) */
    int spc1997_interval_months;         /* interval, terms >= 5 years, general (12) */
    int spc1997_amount_months;           /* one cut, repentance or merit, general (12) */
    int spc1997_amount_10y_months;       /* … for terms >= 10 years (24) */
    int spc1997_amount_merit_months;     /* repentance + merit or major merit, general (24) */
    int spc1997_amount_merit_10y_months; /* … for terms >= 10 years (36) */
    int spc1997_life_start_months;       /* life: first commutation after (24) */
    int spc1997_life_low_months; /* life → fixed, repentance or merit: lowest, general (216) */
    int spc1997_life_low_major_months; /* life → fixed, major merit: lowest (156) */
    int spc1997_ds_min_months;         /* 死缓: minimum actual term, reprieve not counted (144) */
    int spc1997_parole_months;         /* commutation → parole interval, general (12) */
    int spc1997_parole_big_months;     /* … after a cut of 2 years or more (24) */
};
/* Fill p with the defaults of law.md. */
void law_params_default(struct law_params *p);
/* p itself, or, when p is NULL, def filled with the defaults. */
const struct law_params *law_params_or_default(const struct law_params *p, struct law_params *def);
/* Set one parameter by key ("T-01.diagnosis_max_months"). Returns 0, or ZJ_EINVAL for an
 * unknown key or a value out of range (0..100000; a percentile 1..100, a count of persons
 * >= 1, a window of months >= 1). */
int law_params_set(struct law_params *p, const char *key, long value);
/* Parse "key = value" lines (# comments, blank lines) from text[0..n) into p (initialised
 * with law_params_default; it keeps the values not mentioned). Returns 0 or ZJ_EINVAL with
 * d->line/field/message set. */
int law_params_parse(const char *text, size_t n, struct law_params *p, zj_diag *d);
/* Read the file at path and parse it as above. THE ONE I/O EXCEPTION of src/law/ (stdio),
 * for `--config FILE`. Returns 0, ZJ_EIO (unreadable; d->file set) or ZJ_EINVAL. */
int law_params_load(const char *path, struct law_params *p, zj_diag *d);
/* Number of keys, and the i-th key with its current value in p (for `models`/docs). */
size_t law_params_count(void);
const char *law_params_key(size_t i, const struct law_params *p, long *value);

/* ---------------------------------------------------------------- rule sets (§16) */
/* T-10: the SPC provisions on commutation and parole in force on a decision date. */
enum law_rule_set {
    LAW_RS_NONE = 0, /* before 1997-11-08: none held */
    LAW_RS_SPC1997,  /* 法释〔1997〕6号, 1997-11-08 … 2012-06-30 (figures are parameters) */
    LAW_RS_SPC2012,  /* 法释〔2012〕2号, 2012-07-01 … 2016-12-31 */
    LAW_RS_SPC2016,  /* 法释〔2016〕23号 from 2017-01-01 (+ the 2019 supplement) */
    LAW_RS_COUNT
};
/* The set in force on d (NONE date: SPC-2016, today's). */
enum law_rule_set law_rule_set_at(zj_date d);
/* "none", "SPC-1997", "SPC-2012", "SPC-2016" / "2012年减刑假释规定" …; static strings. */
const char *law_rule_set_id(enum law_rule_set s);
const char *law_rule_set_name(enum law_rule_set s);
enum law_rule_set law_rule_set_from_id(const char *id); /* LAW_RS_COUNT when unknown */
/* What a decision of the set was judged by, for a reader: "2012年减刑假释规定", or
 * "刑法（裁定时尚无减刑假释司法解释）" for none. Static string. */
const char *law_rule_set_applied(enum law_rule_set s);

/* One limit of a rule set: months (< 0: the set gives no figure, not checked), whether it
 * is a general standard ("一般": exceeding it is a `_general` violation of medium severity),
 * and the article it rests on (static). */
struct law_limit {
    int months;
    bool general;
    const char *article;
};
/* Term bands of the fixed-term limits: original term < 5 years, 5 to < 10, >= 10. */
enum { LAW_BAND_UNDER5, LAW_BAND_5TO10, LAW_BAND_10UP, LAW_BAND_COUNT };
/* T-12: the limits of one rule set, a row of law.md §16's table. Grounds index by
 * enum law_grounds (0 = not given: the widest limit). */
struct law_rule_set_limits {
    enum law_rule_set set;
    struct law_limit start[LAW_BAND_COUNT];          /* fixed term: first commutation after */
    struct law_limit interval[LAW_BAND_COUNT];       /* fixed term: between two commutations */
    bool interval_last_cut;                          /* … and not shorter than the last cut */
    struct law_limit amount[2][LAW_MAJOR_MERIT + 2]; /* [term >= 10 years][grounds]: one cut */
    struct law_limit life_start;                     /* life: first commutation after */
    struct law_limit life_low[LAW_MAJOR_MERIT + 2];  /* life → fixed: lowest new term */
    struct law_limit ds_start;                       /* 死缓 reduced to life: next after */
    struct law_limit ds_low[LAW_MAJOR_MERIT + 2]; /* 死缓 → life → fixed: lowest new term */
    struct law_limit ds_min;                      /* 死缓: minimum actual, reprieve not counted */
    struct law_limit short_remainder;             /* remaining term below which start (and,
                                                     before 2017, interval) are free */
    struct law_limit parole_gap, parole_gap_big;  /* commutation → parole interval */
    int parole_big_cut_months;                    /* … the big one after a cut of this much */
    bool parole_short_free;                       /* … shorter when < 2 years remain */
    bool special_groups;                          /* C-04, C-07, strict 死缓, C-11 */
    bool later_articles;                          /* C-13, C-14, P-03, P-06, 死缓 P-01 held */
};
/* Fill out with the limits of set s (the SPC-1997 figures from params; NULL: defaults). */
void law_rule_set_limits(const struct law_params *params, enum law_rule_set s,
                         struct law_rule_set_limits *out);

/* Limits a change could not check under its rule set (law_change_figures.unchecked). */
enum law_unchecked {
    LAW_UC_ALL = 1u << 0,      /* no rule set held (before 1997-11-08) */
    LAW_UC_START = 1u << 1,    /* start time: no figure (terms under 5 years …) */
    LAW_UC_INTERVAL = 1u << 2, /* interval: no figure */
    LAW_UC_DS = 1u << 3,       /* 死缓 reduced to life: start and new term, no figure */
    LAW_UC_SPECIAL = 1u << 4, /* special groups (职务, 金融, 涉黑 …; 限制减刑): no figure */
    LAW_UC_LATER = 1u << 5, /* articles not held (2012 第十二至二十一、二十三至二十九条) */
    LAW_UC_SUPPLEMENT = 1u << 6, /* 减刑假释补充规定 (2019): 贪污贿赂 by former state
                                    functionaries, not told apart by the data */
};

/* ---------------------------------------------------------------- input */
struct law_judgment {
    enum law_penalty penalty;
    int term_months;          /* 管制/拘役/有期徒刑; 0 otherwise */
    int term_days;            /* 0-30 */
    int probation_months;     /* 缓刑考验期; 0 = not suspended */
    zj_date offense_date;     /* the (last) offense, for */
    zj_date effective_date;   /* required */
    zj_date notice_date;      /* may be NONE */
    unsigned charge_cats;     /* LAW_CAT_* of the charges (law_charges_category: union, with
                                 NEGLIGENT only when all charges are negligent) */
    unsigned flags;           /* LAW_JF_* */
    bool recidivist;          /* as the court found it (compared by R-03) */
    bool limited_commutation; /* 限制减刑 (死缓 only) */
    int dpr_months;           /* 0 = none */
    bool dpr_life;            /* 剥夺政治权利终身 */
};

struct law_custody_event {
    enum law_event_type type;
    zj_date date;
};

/* T-01 facts of the diagnosis a medical temp_outside rests on. */
struct law_diagnosis {
    bool present; /* an exam was named and found */
    zj_date exam_date;
    bool designated_hospital; /* hospital designated for medical-parole diagnosis */
    bool severe_list_item;    /* names an item of the severe-disease list */
};

struct law_change {
    enum law_change_kind kind;
    zj_date proposal_date; /* NONE: the decision_date is used for start/interval checks */
    zj_date decision_date;
    zj_date effective_date;               /* NONE: = decision_date */
    int reduction_months, reduction_days; /* commutation of a fixed term */
    enum law_grounds grounds;
    enum law_penalty new_penalty;   /* LIFE (from 死缓) or FIXED_TERM; NONE */
    int new_term_months;            /* with new_penalty FIXED_TERM */
    enum law_leniency leniency;     /* claimed C-15 ground */
    int new_dpr_months;             /* PR-02: dpr term fixed by this commutation (0: not given;
                                       life/死缓 → fixed then assumes the shortest, 84 months) */
    bool unlawful;                  /* temp_outside later found obtained unlawfully (S-06) */
    struct law_diagnosis diagnosis; /* temp_outside medical (T-01) */
};

/* An earlier judgment of the person, for R-01/R-02 (cli.md `priors`). */
struct law_prior {
    enum law_penalty penalty;
    int term_months, term_days;
    int probation_months; /* suspended sentence when > 0 */
    unsigned charge_cats;
    zj_date offense_date;
    zj_date release_date; /* the day the sentence ended; NONE for a suspended one */
    zj_date parole_end;   /* last day of the parole period; NONE if not paroled */
};

struct law_case {
    zj_date birth_date; /* may be NONE: age-based rules are then not applied */
    struct law_judgment judgment;
    const struct law_custody_event *events;
    size_t n_events; /* any order */
    const struct law_change *changes;
    size_t n_changes; /* any order; sorted by
                          effective date inside */
    const struct law_prior *priors;
    size_t n_priors;
    bool property_unpaid;        /* P-03: unpaid and not found unable (unable = 0, paid < due) */
    zj_date new_crime_effective; /* C-14: a new intentional crime during execution, the
                                    new judgment's effective date (NONE: none) */
    bool new_crime_life;         /* … and it was sentenced to life (4 years instead of 3) */
    zj_date as_of;               /* events/changes after it are ignored */
};

/* ---------------------------------------------------------------- output */
enum law_violation_kind {
    LAW_VK_START_TIME,   /* CHG-01 */
    LAW_VK_INTERVAL,     /* CHG-02 */
    LAW_VK_AMOUNT,       /* CHG-03 */
    LAW_VK_ACTUAL_TERM,  /* CHG-04 */
    LAW_VK_BARRED,       /* CHG-05 (no commutation) / CHG-06 (no parole) */
    LAW_VK_PAROLE_TERM,  /* CHG-07 */
    LAW_VK_PROPERTY,     /* CHG-08 */
    LAW_VK_RECIDIVISM,   /* REC-01 */
    LAW_VK_TEMP_OUTSIDE, /* CHG-12 (diagnosis) / CHG-14 (penalty or ground) */
};
const char *law_violation_kind_id(enum law_violation_kind k); /* "start_time" … */

struct law_violation {
    enum law_rule rule;
    enum law_violation_kind kind;
    int change_index;              /* index into law_case.changes, or -1 for the judgment itself */
    zj_date limit_date;            /* the earliest lawful date / the bound crossed; NONE if n/a */
    int32_t days;                  /* how far off: days early, days too much, … (0 if n/a) */
    char message[LAW_MESSAGE_MAX]; /* Chinese, with the figures */
    enum law_rule_set rule_set;    /* the set the change was judged by (NONE: statute only) */
    bool general;                  /* a general standard exceeded (kind "…_general", medium) */
    const char *article;           /* the set's article (static); NULL: law_rule_article(rule) */
};

struct law_change_figures {
    int change_index;              /* index into law_case.changes */
    zj_date end_before, end_after; /* term end before/after this change (NONE: not fixed) */
    zj_date start_earliest;        /* start-time limit: earliest lawful proposal (NONE: none) */
    zj_date interval_earliest;     /* interval limit: earliest lawful proposal (NONE: none) */
    zj_date proposal_earliest;     /* max of the two (NONE: no limit applies) */
    int32_t start_days;            /* start-time limit applied, days from its origin */
    int32_t interval_days;         /* interval limit applied, days from the previous change */
    int32_t reduction_days;        /* days taken off by this commutation */
    int32_t amount_max_days;       /* amount limit applied in days (-1: no limit) */
    int32_t days_early;            /* proposal_earliest - proposal date, when > 0; else 0 */
    enum law_rule start_rule, interval_rule, amount_rule; /* LAW_RULE_NONE if none */
    zj_date parole_earliest;    /* parole changes: P-01/P-04 threshold (NONE otherwise) */
    bool relaxed;               /* C-15 relaxation applied */
    bool major_merit;           /* C-05: start/interval limits lifted */
    bool short_remainder;       /* C-16: start time not flagged */
    enum law_rule_set rule_set; /* T-10: the set in force at the decision date */
    bool start_general, interval_general, amount_general;          /* the limits are "一般" */
    const char *start_article, *interval_article, *amount_article; /* static; NULL: rule's */
    unsigned unchecked; /* LAW_UC_* limits not checked under the set */
};

/* Figures of law_figures that carry a basis. */
enum law_figure {
    LAW_FIG_TERM_START,
    LAW_FIG_TERM_END_ORIGINAL,
    LAW_FIG_TERM_END,
    LAW_FIG_CREDIT_DAYS,
    LAW_FIG_EXECUTION_DATE,
    LAW_FIG_NEXT_COMMUTATION,
    LAW_FIG_PAROLE_EARLIEST,
    LAW_FIG_PAROLE_BARRED,
    LAW_FIG_MIN_ACTUAL_END,
    LAW_FIG_RECIDIVIST,
    LAW_FIG_DPR_END,
    LAW_FIG_EXPECTED_RELEASE,
    LAW_FIG_PAROLE_END,
    LAW_FIG_SUSPENSION_END,
    LAW_FIG_COUNT
};
/* The JSON key of a figure ("term_start", "next_commutation_earliest", …). */
const char *law_figure_key(enum law_figure f);

struct law_figures {
    enum law_penalty penalty;          /* the penalty now being executed (after changes) */
    zj_date term_start;                /* S-03 (fixed term: of the current fixed term) */
    zj_date term_end_original;         /* S-03, before changes and escapes (NONE for life/死缓) */
    zj_date term_end;                  /* after S-06 and all commutations (NONE while life) */
    int32_t credit_days;               /* S-01 + S-02 credit C */
    zj_date custody_start;             /* E of S-03: first day of the custody period in which
                                          execution began (NONE if none) */
    zj_date execution_date;            /* S-08: first admit event (NONE if none) */
    zj_date suspension_end;            /* S-05: last day of the 2-year 死缓 period */
    zj_date next_commutation_earliest; /* earliest proposal date of the next commutation
                                          (start time or interval; NONE: none possible) */
    zj_date parole_earliest;           /* P-01 threshold, later of P-04 after the last
                                          commutation (computed even when barred) */
    bool parole_barred;
    enum law_rule parole_barred_rule; /* first bar found (P-02, P-03, P-06, C-12) */
    zj_date min_actual_end;           /* C-09/C-10: commutations may not bring the end before */
    bool recidivist;                  /* recomputed */
    enum law_rule recidivist_rule;    /* or NONE */
    zj_date dpr_end;                  /* PR-01 last day (NONE: none or for life) */
    bool dpr_forever;                 /* dpr_life and not commuted to a fixed term */
    zj_date parole_date;              /* effective parole, not revoked (NONE otherwise) */
    zj_date parole_end;               /* P-05 last day of the parole period */
    zj_date expected_release;         /* S-07 */
    bool strict;                      /* C-04 category (减刑假释规定第7条) */
    bool violent;                     /* 刑法第81条第2款 charges or organized_violence */
    int32_t escape_days;              /* S-06 days not counted */
    bool input_truncated;             /* more than LAW_MAX_EVENTS / LAW_MAX_INPUT_CHANGES */
    law_basis basis[LAW_FIG_COUNT];   /* rule ids that produced each figure */
    size_t n_changes;                 /* per-change figures kept (≤ LAW_MAX_CHANGES) */
    struct law_change_figures changes[LAW_MAX_CHANGES];
    size_t n_violations;
    bool violations_truncated;
    struct law_violation violations[LAW_MAX_VIOLATIONS];
};

/* ---------------------------------------------------------------- the computation */
/* Compute every figure of c as of c->as_of, and check each recorded change (commutation,
 * parole, temp_outside) and the judgment's recidivist flag. params may be NULL (defaults).
 * Custody events dated after as_of, or before judgment.offense_date (another case's
 * custody), are ignored; changes decided after as_of likewise. Thread-safe (no state);
 * uses about 12 KB of stack. About 3 µs per judgment (-O2).
 * Returns 0, or ZJ_EINVAL when the case cannot be computed (no effective_date, a term
 * missing for a penalty that needs one); out is then zeroed with dates NONE. */
int law_compute(const struct law_params *params, const struct law_case *c, struct law_figures *out);

/* ---------------------------------------------------------------- the pieces */
/* law.md §1: end of a term of m months and k days starting on start:
 * add_months(start, m) + k - 1. */
zj_date law_term_end(zj_date start, int months, int days);
/* law.md §1: length T in days of the term [start, end] = days(start, end) + 1. */
int32_t law_term_days(zj_date start, zj_date end);
/* law.md §1: end of a period of m months starting on start = add_months(start, m) - 1. */
zj_date law_period_end(zj_date start, int months);
/* True iff on d the person is under `years` 周岁 (law.md §1); false if birth is NONE. */
bool law_age_under(zj_date birth, zj_date d, int years);

/* S-01/S-02/S-03: from the custody events (any order; those after as_of ignored), for a
 * judgment of penalty with effective_date, find E (custody_start) and the credit C.
 * Custody periods: detain/rs_start … bail/rs_end (exclusive), or open into execution.
 * Credit per day: 管制 2 (custody) / 1 (designated residence); 拘役/有期徒刑 1 / ½ (floor of
 * the total residence days / 2). When the person is not in custody at execution (管制, or
 * no open period), E = effective_date. Returns the credit in days; *custody_start gets E. */
int32_t law_custody_credit(enum law_penalty penalty, zj_date effective_date,
                           const struct law_custody_event *ev, size_t n, zj_date as_of,
                           zj_date *custody_start);
/* S-06: days at large (escape day counted, recapture day not), from escape/recapture
 * pairs dated on or before as_of; an escape without recapture counts up to as_of. */
int32_t law_escape_days(const struct law_custody_event *ev, size_t n, zj_date as_of);
/* S-08: the first admit event on or before as_of, or NONE. */
zj_date law_execution_date(const struct law_custody_event *ev, size_t n, zj_date as_of);
/* S-04: end after taking m months and k days off old_end: sub_months(old_end, m) - k. */
zj_date law_commute_end(zj_date old_end, int months, int days);
/* P-01 (fixed term): earliest day on which half of the term [term_start, term_end] is
 * executed: term_start + ceil(T/2). */
zj_date law_parole_earliest(zj_date term_start, zj_date term_end);
/* C-09 (fixed term): the earliest end a commutation may bring the term [start, end] to:
 * start + ceil(T/2) - 1. */
zj_date law_min_actual_end(zj_date term_start, zj_date term_end);
/* PR-01: last day of deprivation of political rights: with parole_date (not NONE):
 * add_months(parole_date, months) - 1; otherwise add_months(term_end + 1, months) - 1.
 * For 管制 pass months = 0 to get term_end (dpr runs with the surveillance term). */
zj_date law_dpr_end(zj_date term_end, int dpr_months, zj_date parole_date);
/* is the judgment (with the person's birth date and priors) a recidivism?
 * Returns LAW_R01, LAW_R02 or LAW_RULE_NONE. */
enum law_rule law_recidivism(const struct law_judgment *j, zj_date birth,
                             const struct law_prior *priors, size_t n_priors);
static inline bool law_is_recidivist(const struct law_judgment *j, zj_date birth,
                                     const struct law_prior *priors, size_t n_priors)
{
    return law_recidivism(j, birth, priors, n_priors) != LAW_RULE_NONE;
}
/* 刑法第81条第2款: violent charge or organized_violence flag (regardless of the term). */
bool law_judgment_is_violent(const struct law_judgment *j);
/* 减刑假释规定第7条 (C-04 `strict`): duty, financial, organised, national security or
 * terrorism charges, drug_group_leader, a drug charge with an earlier drug conviction in
 * priors, recidivist (pass the recomputed value), or property_unpaid. */
bool law_judgment_is_strict(const struct law_judgment *j, const struct law_prior *priors,
                            size_t n_priors, bool recidivist, bool property_unpaid);
/* T-01: check a temp_outside decision ch for a judgment of penalty. Appends up to cap
 * violations to out (change_index = idx) and returns how many it found. */
size_t law_check_temp_outside(const struct law_params *params, enum law_penalty penalty,
                              const struct law_change *ch, int idx, struct law_violation *out,
                              size_t cap);

/* ---------------------------------------------------------------- juvenile records (§14) */
/* J-01 (刑诉法第286条第1款; 刑诉法解释第581条): a person's criminal record is sealed on a
 * date d when at least one of their judgments is effective by d (effective_date <= d) and
 * every judgment effective by d is sealable: an offense committed under 18 (law.md §1 age
 * on the offense_date; the 18th birthday is still under 18) with a penalty of at most five
 * years — 管制, 拘役, 单处罚金, 免予刑事处罚, or 有期徒刑 of at most 60 months and 0 days,
 * suspended or not. A judgment that is not sealable (an offense at 18 or older, or a
 * penalty above five years: 61 months, 60 months and some days, life, death) ends the
 * sealing from its own effective date and for good; if it was effective on or before the
 * first sealable judgment, the record was never sealed. So a person's sealing is one
 * interval [sealed_from, sealed_until) — which is what person_sealing stores
 * (docs/sealing.md). Judgments with effective_date NONE are ignored; a birth date of NONE
 * makes every judgment an adult one (not sealable). Only offense_date, effective_date,
 * penalty, term_months and term_days of struct law_judgment are read. */
enum law_seal_end {
    LAW_SEAL_END_NONE = 0, /* not ended (or: this judgment is sealable) */
    LAW_SEAL_END_ADULT,    /* an offense committed at 18 or older (成年后犯罪) */
    LAW_SEAL_END_PENALTY,  /* an offense under 18 sentenced above five years */
};
struct law_sealing {
    zj_date sealed_from;   /* first day sealed; NONE: never sealed */
    zj_date sealed_until;  /* first day no longer sealed; NONE: sealed ever after */
    int ended_by;          /* index of the earliest effective unsealable judgment, or -1 */
    enum law_seal_end end; /* why that judgment is unsealable (also set when it came first
                              and the record was never sealed) */
};
/* J-01: is judgment j (of a person born on birth) sealable? */
bool law_judgment_sealable(const struct law_judgment *j, zj_date birth);
/* Why j is not sealable: LAW_SEAL_END_ADULT or _PENALTY; LAW_SEAL_END_NONE if it is. */
enum law_seal_end law_judgment_seal_end(const struct law_judgment *j, zj_date birth);
/* J-01 over all n judgments of a person (any order): the sealing interval into *out. */
void law_record_sealing(const struct law_judgment *j, size_t n, zj_date birth,
                        struct law_sealing *out);
/* True iff d is inside the interval s (sealed_from <= d < sealed_until). */
bool law_sealing_on(const struct law_sealing *s, zj_date d);
/* J-01: is the record of a person with these judgments sealed on d? */
bool law_record_sealed_on(const struct law_judgment *j, size_t n, zj_date birth, zj_date d);

#endif
