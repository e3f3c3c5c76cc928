/*
 * notice_text.c — the facts of a lead as the sentences of a document (see notice_text.h,
 * docs/documents.md). One row per built-in model: the pattern of what it found, the
 * evidence that proves it and what the recipient must do; a background sentence per model
 * family (the judgment, the sentence change, the community correction).
 */
#include "cases/notice_text.h"
#include "store/stmt.h"
#include "law/law.h"
#include "util/region.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void notice_cn_number(int n, char *buf, size_t size)
{
    static const char *const d[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    if (n < 0 || n > 99) {
        snprintf(buf, size, "%d", n);
    } else if (n < 10) {
        snprintf(buf, size, "%s", d[n]);
    } else {
        snprintf(buf, size, "%s十%s", n / 10 == 1 ? "" : d[n / 10], n % 10 ? d[n % 10] : "");
    }
}

static bool is_date_at(const char *s)
{
    for (int i = 0; i < 10; i++) {
        bool dash = i == 4 || i == 7;
        if (dash ? s[i] != '-' : !isdigit((unsigned char)s[i]))
            return false;
    }
    return !isdigit((unsigned char)s[10]);
}

void notice_add_dates(strbuf *out, const char *s)
{
    while (*s) {
        if (isdigit((unsigned char)*s) && strlen(s) >= 10 && is_date_at(s)) {
            strbuf_addf(out, "%d年%d月%d日", atoi(s), atoi(s + 5), atoi(s + 8));
            s += 10;
        } else {
            strbuf_addch(out, *s++);
        }
    }
}

/* A value of the facts as text; false when it has none (missing, null, ""). */
static bool format_value(const char *key, json_t *v, strbuf *out)
{
    if (!v || json_is_null(v))
        return false;
    size_t kl = strlen(key);
    if (json_is_string(v)) {
        const char *s = json_string_value(v);
        if (!*s)
            return false;
        /* a region code (…region, …region_code) as its name: 浙江省宁波市江北区 */
        if ((kl >= 6 && !strcmp(key + kl - 6, "region")) ||
            (kl >= 11 && !strcmp(key + kl - 11, "region_code"))) {
            char name[160];
            strbuf_adds(out, region_label(s, name, sizeof name));
            return true;
        }
        size_t n = strlen(s);
        if (n == 7 && isdigit((unsigned char)s[0]) && s[4] == '-')
            strbuf_addf(out, "%d年%d月", atoi(s), atoi(s + 5));
        else
            notice_add_dates(out, s);
        return true;
    }
    if (json_is_integer(v)) {
        json_int_t i = json_integer_value(v);
        if (kl > 4 && !strcmp(key + kl - 4, "_fen")) {
            if (i % 100 == 0)
                strbuf_addf(out, "%lld元", (long long)(i / 100));
            else
                strbuf_addf(out, "%lld.%02lld元", (long long)(i / 100), (long long)llabs(i % 100));
        } else {
            strbuf_addf(out, "%lld", (long long)i);
        }
        return true;
    }
    if (json_is_real(v)) {
        strbuf_addf(out, "%.1f", json_real_value(v));
        return true;
    }
    return false;
}

/* Expand one alternative [s, e); returns false when a required value is missing. */
static bool expand_part(const char *s, const char *e, json_t *facts, strbuf *out, bool optional)
{
    size_t start = out->len;
    while (s < e) {
        if (*s == '[') {
            int depth = 1;
            const char *q = s + 1;
            while (q < e && depth) {
                depth += *q == '[' ? 1 : *q == ']' ? -1 : 0;
                q++;
            }
            size_t mark = out->len;
            if (!expand_part(s + 1, q - 1, facts, out, true) && out->buf) {
                out->len = mark;
                out->buf[mark] = 0;
            }
            s = q;
        } else if (*s == '{') {
            const char *q = memchr(s, '}', (size_t)(e - s));
            if (!q)
                break;
            char key[96];
            snprintf(key, sizeof key, "%.*s", (int)(q - s - 1), s + 1);
            if (!format_value(key, json_object_get(facts, key), out)) {
                out->len = start;
                if (out->buf)
                    out->buf[start] = 0;
                return false;
            }
            s = q + 1;
        } else {
            strbuf_addch(out, *s++);
        }
    }
    (void)optional;
    return true;
}

int notice_expand(const char *pattern, json_t *facts, strbuf *out)
{
    const char *s = pattern;
    for (;;) {
        const char *bar = strstr(s, "||");
        const char *e = bar ? bar : s + strlen(s);
        if (expand_part(s, e, facts, out, false))
            return 0;
        if (!bar)
            return -1;
        s = bar + 2;
    }
}

/* ---- the patterns ---- */

static const char EV_JUDGMENT[] = "刑事判决书、执行通知书、羁押及收监登记记录";
static const char EV_CHANGE[] =
    "刑事判决书、提请减刑（假释）建议书、减刑（假释）裁定书、计分考核材料";
static const char EV_TEMP[] = "暂予监外执行决定书、病情诊断证明、指定医院资质材料";
static const char EV_CC[] = "社区矫正档案、报到及电子定位记录";
static const char EV_CUSTODY[] = "在押人员登记记录、监室分配记录、监控录像";

static const struct {
    const char *model, *facts, *evidence, *demand;
} patterns[] = {
    {"DEL-01",
     "该判决[的执行通知书于{notice_date}送达，]依法应当于{delivery_deadline}前将罪犯交付执行。截至"
     "{as_of.date}，该犯既无收监记录，也未在监狱、看守所等执行场所羁押，已超过交付执行期限"
     "{as_of.days_over}日。",
     EV_JUDGMENT, "立即将罪犯{person}依法交付执行，并查明未交付执行的原因"},
    {"DEL-02",
     "交付执行期限于{delivery_deadline}届满，届时该犯剩余刑期在三个月以上（刑期至{term_end}止），"
     "依法应当送交监狱执行，但截至{as_of.date}该犯仍羁押于{facility}，超过交付执行期限"
     "{as_of.days_over}日未送监狱执行。",
     "刑事判决书、执行通知书、看守所在押人员登记记录", "立即将罪犯{person}送交监狱执行刑罚"},
    {"DEL-03",
     "该犯于{birth_date}出生，{admit_date}被收押于{facility}时未满十八周岁（至{eighteen_from}方年满"
     "十八周岁），依法应当在未成年犯管教所执行刑罚，却被收押于成年犯监狱。",
     "刑事判决书、户籍信息、收监登记记录", "立即将罪犯{person}转送未成年犯管教所执行刑罚"},
    {"EXE-01",
     "经计算，该犯刑期至{term_end}止，应当于{release_expected}释放。截至{as_of.date}，该犯仍在押，"
     "超期{as_of.days_over}日未予释放。",
     "刑事判决书、减刑裁定书、羁押登记记录", "立即依法释放{person}，并查明超期未释放的原因"},
    {"EXE-02",
     "该判决载明刑期自{judgment_term_start}起至{judgment_term_end}止。该犯于{custody_start}被羁押，"
     "判决执行以前先行羁押的期间应当折抵刑期，依法计算，刑期应当自{computed_term_start}起至"
     "{computed_term_end}止，判决载明的刑期止日与之相差{end_diff_days}日。",
     "刑事判决书、拘留证、逮捕证及羁押记录", "依法核对并更正罪犯{person}的刑期起止日期"},
    {"EXE-03",
     "该犯刑期至{term_end}止，应当于{release_expected}刑满释放，却于{release_date}被释放，提前"
     "{days_early}日，且无假释、暂予监外执行等合法依据。",
     "刑事判决书、释放证明书、出监登记记录",
     "立即查明提前释放的原因，依法将{person}收监执行剩余刑期"},
    {"PAP-01",
     "该犯自{held_since}起羁押于{facility}，但{activity_date}却有{activity_kind_label}记录[（地点："
     "{activity_region}）]，与其在押状态不符，存在纸面服刑嫌疑。",
     "收监登记记录、社会活动信息记录", "立即核查罪犯{person}的实际在押情况，依法予以纠正"},
    {"PAP-02",
     "该判决生效后超过六个月（至{limit_date}）仍无任何羁押或者收监记录，此后却有社会活动记录"
     "{activities_after}条（首条为{first_activity_date}），存在有判无押嫌疑。",
     "刑事判决书、羁押及收监登记记录、社会活动信息记录",
     "立即查明罪犯{person}的下落及未收押执行的原因，依法将其收押执行"},
    {"REC-01",
     "该犯本次犯罪发生于{offense_date}[，前罪刑罚应当于{priors.0.release_expected}执行完毕]。依照"
     "《中华人民共和国刑法》第六十五条、第六十六条重新计算，该犯应当认定为累犯，但该判决未予认定。",
     "本案及前案刑事判决书、前罪释放证明书",
     "依照审判监督程序对该判决累犯认定问题进行审查并依法纠正"},
    {"CHG-08",
     "该犯于{decision_date}被裁定{c.kind_label}时，其财产性判项（{property_kind_label}）应当履行"
     "{amount_due_fen}，实际仅履行{paid_by_decision_fen}，且未经人民法院认定确无履行能力。",
     "刑事判决书、减刑（假释）裁定书、财产性判项执行及缴款记录",
     "依法对罪犯{person}的{c.kind_label}重新审查并予以纠正"},
    {"CHG-09",
     "该犯提请{c.kind_label}前六十日内（{window_from}至{window_to}），其近亲属或者第三人代为缴纳"
     "财产性判项共计{third_party_paid_fen}，占应当履行金额{amount_due_fen}的{share}，存在以代缴钱款"
     "换取减刑、假释的嫌疑。",
     "提请减刑（假释）建议书、财产性判项缴款记录及缴款人信息",
     "对罪犯{person}提请{c.kind_label}的依据重新审查，查明代缴钱款的来源"},
    {"CHG-10",
     "该犯{month}计分考核在禁闭期间（禁闭记录{solitary_record}）仍获得加分{bonus_points}分。||"
     "该犯{month}计分考核获得加分{bonus_points}分，超过每月加分上限{bonus_cap}分[，审批人为"
     "{officer}]。||"
     "该犯提请{c.kind_label}前六个月（{window_from}至{window_to}）计分考核共得{recent_total}分，"
     "明显高于其此前{earlier_months}个月共得{earlier_total}分的水平，并超过本单位第95百分位数"
     "（{facility_p95}分）。",
     "计分考核审批材料、禁闭及奖惩记录", "依法核查罪犯{person}的计分考核，撤销违规加分"},
    {"CHG-11",
     "该犯以检举揭发{related_case_no}案件被认定立功（{event_date}检举，{confirmed_date}确认），而"
     "同一案件同时被{persons_credited}名罪犯作为检举揭发立功予以认定，存在虚假立功嫌疑。||"
     "该犯被认定的立功事实发生于{event_date}，其时该犯正在禁闭（禁闭记录{solitary_record}），"
     "存在虚假立功嫌疑。||"
     "该犯的立功于{confirmed_date}确认，距使用该立功提请减刑（{proposal_date}）不足三十日，存在突击"
     "认定立功的嫌疑。",
     "立功审查认定材料、所检举案件的刑事判决书",
     "对罪犯{person}的立功认定重新审查，查明立功材料的来源"},
    {"CHG-13",
     "该犯现羁押于{facility}，刑期自{term_start}起至{term_end}止，近十二个月计分考核无扣分、无禁闭"
     "[，{next_commutation_earliest}已达到减刑起始时间或者间隔时间][，{parole_earliest}已达到假释的"
     "执行刑期]，但截至{screened}执行机关未依法提请{overdue_text}。",
     "刑事判决书、计分考核材料、历次减刑裁定书",
     "依法审查罪犯{person}是否符合{overdue_text}条件，符合条件的及时提请"},
    {"CC-01",
     "该对象的{k.order_doc}于{order_date}生效，依法应当于{deadline}前到社区矫正机构报到，实际于"
     "{report_date}才报到，超过期限{days_over}日。||"
     "该对象的{k.order_doc}于{order_date}生效，依法应当于{deadline}前到社区矫正机构报到，截至"
     "{screened}仍未报到，已超过期限{days_over}日。",
     EV_CC, "依法对社区矫正对象{person}未按时报到的情况进行核查，并按规定予以处置"},
    {"CC-02",
     "该对象于{absconded_date}失去联系，依法应当于{proposal_deadline}前提请撤销{k.revoke_text}，"
     "截至{screened}仍未提请。||"
     "该对象最后一次报到或者定位的时间为{last_contact}，截至{screened}已连续{days}日无报到、定位"
     "记录，处于脱管状态。",
     EV_CC, "立即组织查找社区矫正对象{person}，依法采取监督管理措施，符合撤销条件的依法提请撤销"},
    {"CC-03",
     "该对象于{ground_date}出现应当提请撤销的情形（{ground_label}），依法应当于{proposal_deadline}"
     "前提请撤销{k.revoke_text}，截至{screened}仍未提请，超过期限{days_over}日。",
     "社区矫正档案、警告决定书、报到及电子定位记录",
     "依法向人民法院提请撤销社区矫正对象{person}的{k.revoke_text}"},
    {"CC-04",
     "该暂予监外执行罪犯于{ground_date}出现应当收监执行的情形（{ground_label}），依法应当于"
     "{deadline}前收监执行，截至{screened}仍在监外执行，超过期限{days_over}日。",
     "暂予监外执行决定书、病情复查记录、社区矫正档案",
     "依法提出收监执行建议，将罪犯{person}收监执行"},
    {"CC-05",
     "该对象于{first_date}在{region_code}被定位，已离开执行地{agency_region}"
     "所在的市、县，且无经批准外出"
     "的记录，此类情形共{count}次。",
     EV_CC, "依法对社区矫正对象{person}违规外出的情况进行核查处理，加强对其行踪的监督管理"},
    {"CC-06",
     "该对象的社区矫正期限于{end_date}届满，依法应当按期解除社区矫正，截至{screened}仍处于在矫"
     "状态，超过期限{days_over}日。",
     EV_CC, "依法为社区矫正对象{person}办理解除社区矫正手续，发放解除社区矫正证明书"},
    {"CUS-01",
     "未成年在押人员{person}（{birth_date}出生）于{first_day}至{last_day}期间，与成年在押人员"
     "{adult_person}（{adult_birth_date}出生）同在{cell_id}关押[，共与{adult_count}名成年人混押]。",
     EV_CUSTODY, "立即将未成年在押人员与成年在押人员分别关押、分别管理"},
    {"CUS-02",
     "同案犯罪嫌疑人、被告人{person}与{other_person}（案号{case_no}）在判决生效前，于{first_day}"
     "至{last_day}期间同押于{cell_id}。",
     EV_CUSTODY, "立即将同案犯罪嫌疑人、被告人分别关押"},
    {"CUS-03",
     "{person}自{start_date}起被使用{kind_label}，至{measured_to}共{days}日，超过{max_days}日的最长"
     "期限{over_days}日[，审批人为{officer}]。",
     "禁闭（戒具使用）审批表、使用登记记录、监控录像",
     "立即停止违规使用{kind_label}，对相关责任人员依法处理"},
    {"CUS-04",
     "被监管人{person}于{death_date}在{facility}死亡（{cause_label}），依法应当于{report_deadline}"
     "前"
     "报告人民检察院，实际于{reported_date}才报告。[{autopsy_text}]||"
     "被监管人{person}于{death_date}在{facility}死亡（{cause_label}），依法应当于{report_deadline}"
     "前"
     "报告人民检察院，截至{screened}仍未报告。[{autopsy_text}]||"
     "被监管人{person}于{death_date}在{facility}死亡（{cause_label}）。{autopsy_text}",
     "死亡报告、医疗记录、监控录像",
     "严格执行被监管人死亡报告制度，依法配合人民检察院调查死亡原因"},
    {"CUS-06",
     "{facility}于{incident_date}[在{cell_id}]查获违禁品，来源为监管人员{officer}（编号{officer_id}"
     "），"
     "涉嫌监管人员违规带入违禁品。||"
     "{facility}于{incident_date}查获违禁品，来源为监管人员（编号{officer_id}"
     "），涉嫌监管人员违规带入"
     "违禁品。",
     "事件登记记录、查获物品清单、监控录像", "依法查明违禁品的来源，对涉案监管人员依法处理"},
    {"CUS-07",
     "{facility}于{incident_date}发生在押人员涉嫌犯罪的事件，依法应当于{filing_deadline}"
     "前立案侦查，"
     "截至{screened}仍未立案。||"
     "{facility}于{incident_date}发生在押人员涉嫌犯罪的事件，于{case_filed_date}立案，依法应当于"
     "{transfer_deadline}前侦查终结并移送审查起诉，截至{screened}仍未移送。",
     "事件登记记录、伤情鉴定、立案材料", "对狱内涉嫌犯罪案件依法立案侦查，并及时移送审查起诉"},
    {"CUS-08",
     "{facility}于{incident_date}[在{cell_id}]发生监管人员{officer}（编号{officer_id}"
     "）殴打、体罚虐待"
     "被监管人{person}的事件，涉嫌虐待被监管人罪。||"
     "{facility}于{incident_date}发生监管人员（编号{officer_id}）殴打、体罚虐待被监管人{person}"
     "的事件，"
     "涉嫌虐待被监管人罪。",
     "事件登记记录、伤情鉴定、监控录像、被监管人陈述",
     "对涉案监管人员依法处理，保障被监管人的人身安全"},
    {"CUS-09",
     "{person}（{birth_date}出生）于{month}在{facility}劳动{hours}小时、休息{rest_days}日，超过每月"
     "{max_hours}小时的劳动时间上限（每月休息日不少于{min_rest_days}日）。",
     "劳动考勤记录、劳动报酬记录", "依法安排罪犯劳动时间和休息日，纠正超时劳动"},
    {"PR-01",
     "{person}被判处剥夺政治权利[{dpr_text}]，剥夺期间自{window_start}起至{dpr_end}止，却于"
     "{election_date}的选举中{vote_text}。",
     "刑事判决书、选民登记及投票记录",
     "依法纠正{person}在剥夺政治权利期间行使选举权利的情形，并加强对剥夺政治权利罪犯的监督管理"},
    {"PROP-01",
     "{court_e}于{filed_date}立案执行{person}的{property_kind_label}判项（应当执行{amount_due_fen}"
     "），"
     "自{last_action_date}起未采取任何执行措施，截至{screened}已超过六个月（期限于{limit_date}"
     "届满[，超过{days_over}日]）。",
     "执行案件卷宗、执行措施记录", "依法恢复执行，及时采取财产调查、查封、扣押、冻结等执行措施"},
    {"PROP-02",
     "{court_e}执行{person}的{property_kind_label}判项（应当执行{amount_due_fen}），于{status_date}"
     "裁定终结本次执行程序，但此前未依法进行财产调查。",
     "执行案件卷宗、终结本次执行程序裁定书", "依法进行财产调查，符合条件的及时恢复执行"},
    {"DUTY-01",
     "{facility}工作人员{officer}（编号{officer_id}）在{window_start}至{window_end}"
     "期间经手的事项中，"
     "涉及{persons}名不同人员的减刑、假释、暂予监外执行或者使用戒具、禁闭的违法线索，明显高于本单位"
     "工作人员的一般水平，可能涉嫌职务犯罪。",
     "相关减刑、假释、暂予监外执行案卷及线索材料", "依法审查处理"},
};

/* The row of model m, NULL when it has none. */
static int pattern_of(const char *model)
{
    for (size_t i = 0; model && i < sizeof patterns / sizeof patterns[0]; i++)
        if (!strcmp(patterns[i].model, model))
            return (int)i;
    return -1;
}

static const char *fstr(json_t *facts, const char *k)
{
    const char *s = json_string_value(json_object_get(facts, k));
    return s ? s : "";
}

static bool is_change_model(const char *model)
{
    return !strncmp(model, "CHG-", 4);
}

/* The background: the judgment (and the sentence change, or the correction). */
static void background(json_t *facts, strbuf *out)
{
    const char *family = fstr(facts, "family");
    const char *model = fstr(facts, "model_id");
    if (!strcmp(family, "community") && json_object_get(facts, "k.basis_text")) {
        notice_expand("社区矫正对象{person}因被{k.basis_text}，[于{k.order_date}]交由{k.agency}执行"
                      "社区矫正[，矫正期限自{k.start_date}起至{k.end_date}止]。",
                      facts, out);
        return;
    }
    if (!strcmp(family, "conditions") || !strcmp(family, "second_order") ||
        !strcmp(model, "PR-01") || !strncmp(model, "PROP-", 5))
        return;
    notice_expand(
        "罪犯{person}[，{gender_label}，{person_birth_date}出生，]因犯{j.charges}，[于"
        "{j.judgment_date}]被{j.court}[以{j.case_no}刑事判决]判处{j.penalty_text}[，刑期自"
        "{j.term_start}起至{j.term_end}止]，该判决于{j.effective_date}发生法律效力。",
        facts, out);
    if (!out->len && strcmp(family, "community"))
        notice_expand("罪犯{person}现在{lead_facility}服刑。", facts, out);
    if (is_change_model(model))
        notice_expand("[{c.proposer}于{c.proposal_date}提请对该犯{c.kind_label}，]{c.decider}于"
                      "{c.decision_date}{c.decision_text}。",
                      facts, out);
}

/* Labels of the evidence keys a sentence may name when a model has no pattern. */
static const struct {
    const char *key, *label;
} labels[] = {
    {"judgment_id", "判决编号"},
    {"change_id", "变更执行编号"},
    {"case_no", "案号"},
    {"term_months", "刑期月数"},
    {"offense_date", "犯罪日期"},
    {"judgment_date", "判决日期"},
    {"effective_date", "生效日期"},
    {"notice_date", "执行通知书送达日期"},
    {"admit_date", "收监日期"},
    {"term_start", "刑期起日"},
    {"term_end", "刑期止日"},
    {"proposal_date", "提请日期"},
    {"decision_date", "裁定（决定）日期"},
    {"reduction_months", "减刑月数"},
    {"order_date", "决定生效日期"},
    {"report_date", "报到日期"},
    {"days_late", "逾期天数"},
    {"days_over", "超期天数"},
    {"days", "天数"},
    {"amount_due_fen", "应履行金额"},
    {"amount_paid_fen", "已履行金额"},
    {"release_date", "释放日期"},
    {"election_date", "选举日期"},
    {"date", "日期"},
    {"start_date", "开始日期"},
    {"end_date", "结束日期"},
};

/* "判决日期为2024年3月5日，超期天数为12" from the figures of the evidence. */
static void generic_figures(json_t *facts, strbuf *out)
{
    int n = 0;
    for (size_t i = 0; i < sizeof labels / sizeof labels[0] && n < 8; i++) {
        json_t *v = json_object_get(facts, labels[i].key);
        strbuf val = STRBUF_INIT;
        if (format_value(labels[i].key, v, &val)) {
            strbuf_addf(out, "%s%s为%s", n++ ? "，" : "经核查，", labels[i].label, val.buf);
        }
        strbuf_release(&val);
    }
    if (n)
        strbuf_adds(out, "。");
}

/* End text as a sentence. */
static void end_sentence(strbuf *out)
{
    static const char *const ends[] = {"。", "；", "！"};
    for (size_t i = 0; i < 3; i++)
        if (out->len >= 3 && !strcmp(out->buf + out->len - 3, ends[i])) {
            if (i == 1)
                memcpy(out->buf + out->len - 3, "。", 3);
            return;
        }
    if (out->len)
        strbuf_adds(out, "。");
}

void notice_facts(json_t *facts, strbuf *out)
{
    const char *model = fstr(facts, "model_id");
    background(facts, out);
    int p = pattern_of(model);
    if (p >= 0 && notice_expand(patterns[p].facts, facts, out) == 0)
        return;
    if (is_change_model(model) && json_object_get(facts, "violations.0.message")) {
        strbuf_adds(out, "经审查，");
        notice_add_dates(out, fstr(facts, "violations.0.message"));
        end_sentence(out);
        return;
    }
    /* a model without a pattern (user models): its summary, then its figures */
    notice_add_dates(out, fstr(facts, "summary"));
    end_sentence(out);
    generic_figures(facts, out);
}

const char *notice_evidence(json_t *facts)
{
    const char *model = fstr(facts, "model_id");
    int p = pattern_of(model);
    if (p >= 0)
        return patterns[p].evidence;
    if (is_change_model(model))
        return !strcmp(fstr(facts, "c.kind"), "temp_outside") ? EV_TEMP : EV_CHANGE;
    const char *family = fstr(facts, "family");
    if (!strcmp(family, "community"))
        return EV_CC;
    if (!strcmp(family, "conditions"))
        return EV_CUSTODY;
    return "相关执法档案及数据记录";
}

void notice_demand(json_t *facts, strbuf *out)
{
    const char *model = fstr(facts, "model_id");
    int p = pattern_of(model);
    if (p >= 0 && notice_expand(patterns[p].demand, facts, out) == 0)
        return;
    if (is_change_model(model) &&
        notice_expand("依法对罪犯{person}的{c.kind_label}重新审查并予以纠正", facts, out) == 0)
        return;
    strbuf_adds(out, "依法纠正上述违法情形，并对相关责任人员依法处理");
}

static const struct {
    const char *family, *rec;
} family_recs[] = {
    {"delivery",
     "建立判决生效后交付执行的跟踪核对机制，对判决生效、执行通知书送达和收押执行情况逐人核对"},
    {"changes",
     "严格减刑、假释、暂予监外执行的提请和审核程序，对起始时间、间隔时间、减刑幅度、计分考核"
     "和财产性判项履行情况逐项审查"},
    {"community", "健全社区矫正对象报到、定位、请销假和奖惩的日常监督管理制度，对脱管、漏管风险及时"
                  "预警处置"},
    {"conditions", "规范监室调整、戒具和禁闭使用、死亡报告等监管活动，落实分押分管和审批制度"},
    {"property", "建立财产性判项执行的定期督办机制，依法及时采取执行措施"},
    {"political",
     "与选举机构建立剥夺政治权利罪犯信息通报机制，防止被剥夺政治权利的人员行使选举权利"},
    {"second_order", "加强对执法司法人员的监督管理，落实执法办案责任制"},
};

void notice_recommendations(json_t *facts, strbuf *out)
{
    const char *family = fstr(facts, "family");
    strbuf_adds(out, "一、");
    notice_demand(facts, out);
    strbuf_adds(out, "；");
    const char *rec = "健全相关工作制度，堵塞管理漏洞，防止类似问题再次发生";
    for (size_t i = 0; i < sizeof family_recs / sizeof family_recs[0]; i++)
        if (!strcmp(family_recs[i].family, family))
            rec = family_recs[i].rec;
    strbuf_addf(out, "二、%s；三、对相关工作人员加强教育管理，对失职失责的依法依纪追究责任。", rec);
}

/* ---- the facts object ---- */

static void flatten(json_t *into, const char *prefix, json_t *v, int depth)
{
    if (depth > 3)
        return;
    char key[128];
    if (json_is_object(v)) {
        const char *k;
        json_t *x;
        json_object_foreach(v, k, x)
        {
            snprintf(key, sizeof key, "%s%s%s", prefix, *prefix ? "." : "", k);
            flatten(into, key, x, depth + 1);
        }
    } else if (json_is_array(v)) {
        size_t i;
        json_t *x;
        json_array_foreach(v, i, x)
        {
            if (i >= 4)
                break;
            snprintf(key, sizeof key, "%s.%zu", prefix, i);
            flatten(into, key, x, depth + 1);
        }
    } else if (*prefix && !json_object_get(into, prefix)) {
        json_object_set(into, prefix, v);
    }
}

static void set_s(json_t *o, const char *k, const char *v)
{
    if (v && *v)
        json_object_set_new(o, k, json_string(v));
}

/* One row of sql bound to the text arg; calls fill with the statement. */
static void one_row(sqlite3 *db, const char *sql, const char *arg, json_t *facts,
                    void (*fill)(sqlite3_stmt *, json_t *))
{
    if (!arg || !*arg)
        return;
    sqlite3_stmt *st = store_stmt(db, sql);
    if (!st)
        return;
    sqlite3_bind_text(st, 1, arg, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(st) == SQLITE_ROW)
        fill(st, facts);
    store_stmt_done(st);
}

static const char *label_in(const char *const (*table)[2], size_t n, const char *key)
{
    for (size_t i = 0; key && i < n; i++)
        if (!strcmp(table[i][0], key))
            return table[i][1];
    return NULL;
}
#define LABEL(t, k) label_in(t, sizeof t / sizeof t[0], k)

/* The law core's labels of change kinds and grounds (law.h), NULL for an unknown id. */
static const char *change_label(const char *id)
{
    int k = id && *id ? law_change_kind_from_str(id) : 0;
    return k > 0 ? law_change_kind_label((enum law_change_kind)k) : NULL;
}

static const char *grounds_label(const char *id)
{
    int g = id && *id ? law_grounds_from_str(id) : 0;
    return g > 0 ? law_grounds_label((enum law_grounds)g) : NULL;
}

static const char *const property_kinds[][2] = {
    {"fine", "罚金"},
    {"confiscation", "没收财产"},
    {"restitution", "追缴、责令退赔"},
    {"compensation", "附带民事赔偿"},
};
static const char *const restraint_kinds[][2] = {
    {"solitary", "禁闭"},
    {"handcuffs", "手铐"},
    {"leg_irons", "脚镣"},
    {"restraint_chair", "约束椅"},
};
static const char *const activity_kinds[][2] = {
    {"lodging", "住宿登记"},         {"travel", "出行"},
    {"medical_visit", "就医"},       {"purchase", "消费"},
    {"social_security", "社保缴纳"}, {"business", "工商登记"},
    {"vehicle", "车辆通行"},
};
static const char *const causes[][2] = {
    {"illness", "疾病"},  {"suicide", "自杀"},     {"accident", "意外事故"},
    {"violence", "暴力"}, {"unknown", "原因不明"},
};
static const char *const cc_grounds[][2] = {
    {"warnings", "受到两次以上警告"},
    {"absconded", "失去联系超过一个月"},
    {"missed_reviews", "未按期提交病情复查情况"},
    {"condition_ended", "暂予监外执行的情形消失"},
    {"absence", "脱离监管"},
};

/* 有期徒刑八年六个月 */
static void term_text(int months, strbuf *out)
{
    char a[16], b[16];
    notice_cn_number(months / 12, a, sizeof a);
    notice_cn_number(months % 12, b, sizeof b);
    if (months / 12 && months % 12)
        strbuf_addf(out, "%s年%s个月", a, b);
    else if (months / 12)
        strbuf_addf(out, "%s年", a);
    else
        strbuf_addf(out, "%s个月", b);
}

static void fill_person(sqlite3_stmt *st, json_t *f)
{
    set_s(f, "person", store_col(st, 0));
    const char *g = store_col(st, 1);
    set_s(f, "gender_label", !strcmp(g, "M") ? "男" : !strcmp(g, "F") ? "女" : NULL);
    set_s(f, "person_birth_date", store_col(st, 2));
}

static void fill_judgment(sqlite3_stmt *st, json_t *f)
{
    set_s(f, "j.case_no", store_col(st, 0));
    set_s(f, "j.court", store_col(st, 1));
    strbuf ch = STRBUF_INIT;
    for (const char *s = store_col(st, 2); *s; s++) {
        if (*s == ';')
            strbuf_adds(&ch, "、");
        else
            strbuf_addch(&ch, *s);
    }
    set_s(f, "j.charges", ch.buf);
    strbuf_release(&ch);
    set_s(f, "j.judgment_date", store_col(st, 3));
    set_s(f, "j.effective_date", store_col(st, 4));
    const char *pen = store_col(st, 5);
    int months = sqlite3_column_int(st, 6), probation = sqlite3_column_int(st, 7);
    strbuf p = STRBUF_INIT;
    if (!strcmp(pen, "fixed_term") || !strcmp(pen, "criminal_detention") ||
        !strcmp(pen, "surveillance")) {
        strbuf_adds(&p, !strcmp(pen, "fixed_term")     ? "有期徒刑"
                        : !strcmp(pen, "surveillance") ? "管制"
                                                       : "拘役");
        term_text(months, &p);
        if (probation > 0) {
            strbuf_adds(&p, "，缓刑");
            term_text(probation, &p);
        }
    } else {
        strbuf_adds(&p, !strcmp(pen, "life")              ? "无期徒刑"
                        : !strcmp(pen, "death_suspended") ? "死刑，缓期二年执行"
                        : !strcmp(pen, "death")           ? "死刑"
                        : !strcmp(pen, "fine_only")       ? "罚金"
                                                          : "免予刑事处罚");
    }
    set_s(f, "j.penalty_text", p.buf);
    strbuf_release(&p);
    set_s(f, "j.term_start", store_col(st, 8));
    set_s(f, "j.term_end", store_col(st, 9));
}

static void fill_change(sqlite3_stmt *st, json_t *f)
{
    const char *kind = store_col(st, 0);
    set_s(f, "c.kind", kind);
    set_s(f, "c.kind_label", change_label(kind));
    set_s(f, "c.proposer", store_col(st, 1));
    set_s(f, "c.proposal_date", store_col(st, 2));
    set_s(f, "c.decider_id", store_col(st, 3));
    set_s(f, "c.decider", store_col(st, 4));
    set_s(f, "c.decider_kind", store_col(st, 5));
    set_s(f, "c.decider_region", store_col(st, 6));
    set_s(f, "c.decision_date", store_col(st, 7));
    set_s(f, "c.proposer_id", store_col(st, 10));
    const char *g = grounds_label(store_col(st, 9));
    strbuf d = STRBUF_INIT;
    if (!strcmp(kind, "commutation") && sqlite3_column_int(st, 8) > 0) {
        strbuf_adds(&d, "裁定减去有期徒刑");
        term_text(sqlite3_column_int(st, 8), &d);
    } else if (!strcmp(kind, "temp_outside")) {
        strbuf_addf(&d, "%s对该犯暂予监外执行%s%s%s",
                    !strcmp(store_col(st, 5), "court") ? "决定" : "批准", g ? "（" : "", g ? g : "",
                    g ? "）" : "");
    } else {
        strbuf_addf(&d, "裁定对该犯%s", change_label(kind) ? change_label(kind) : kind);
    }
    set_s(f, "c.decision_text", d.buf);
    strbuf_release(&d);
}

static void fill_correction(sqlite3_stmt *st, json_t *f)
{
    const char *basis = store_col(st, 0);
    static const char *const texts[][4] = {
        {"surveillance", "判处管制", "判决", "管制"},
        {"probation", "宣告缓刑", "判决", "缓刑"},
        {"parole", "裁定假释", "裁定", "假释"},
        {"temp_outside", "决定暂予监外执行", "决定", "暂予监外执行"},
    };
    for (size_t i = 0; i < 4; i++)
        if (!strcmp(texts[i][0], basis)) {
            set_s(f, "k.basis_text", texts[i][1]);
            set_s(f, "k.order_doc", texts[i][2]);
            set_s(f, "k.revoke_text", texts[i][3]);
        }
    set_s(f, "k.agency", store_col(st, 1));
    set_s(f, "k.order_date", store_col(st, 2));
    set_s(f, "k.start_date", store_col(st, 3));
    set_s(f, "k.end_date", store_col(st, 4));
}

static void fill_enforcement(sqlite3_stmt *st, json_t *f)
{
    set_s(f, "court_e", store_col(st, 0));
    if (!json_object_get(f, "property_kind_label"))
        set_s(f, "property_kind_label", LABEL(property_kinds, store_col(st, 1)));
}

static void fill_name(sqlite3_stmt *st, json_t *f)
{
    set_s(f, "_name", store_col(st, 0));
}

/* The name of id by sql into key of f. */
static void name_into(sqlite3 *db, const char *sql, const char *id, json_t *f, const char *key)
{
    one_row(db, sql, id, f, fill_name);
    json_t *v = json_object_get(f, "_name");
    if (v) {
        json_object_set(f, key, v);
        json_object_del(f, "_name");
    }
}

json_t *notice_facts_load(sqlite3 *db, json_t *c)
{
    json_t *f = json_object();
    flatten(f, "", json_object_get(c, "evidence"), 0);
    static const char *const keep[] = {"model_id",    "family",      "summary", "person_id",
                                       "facility_id", "region_code", "source"};
    for (size_t i = 0; i < sizeof keep / sizeof keep[0]; i++) {
        json_t *v = json_object_get(c, keep[i]);
        if (json_is_string(v) && !json_object_get(f, keep[i]))
            json_object_set(f, keep[i], v);
    }
    set_s(f, "lead_facility", json_string_value(json_object_get(c, "facility_name")));
    set_s(f, "lead_basis", json_string_value(json_object_get(c, "basis")));
    one_row(db, "SELECT name, gender, birth_date FROM persons WHERE person_id = ?",
            json_string_value(json_object_get(c, "person_id")), f, fill_person);
    one_row(db,
            "SELECT j.case_no, ct.name, j.charges, j.judgment_date, j.effective_date, j.penalty,"
            " j.term_months, j.probation_months, j.term_start, j.term_end FROM judgments j"
            " LEFT JOIN facilities ct ON ct.facility_id = j.court_id WHERE j.judgment_id = ?",
            fstr(f, "judgment_id"), f, fill_judgment);
    one_row(db,
            "SELECT s.kind, pf.name, s.proposal_date, s.decider_id, df.name, df.kind,"
            " df.region_code, s.decision_date, s.reduction_months, s.grounds, s.proposer_id"
            " FROM sentence_changes s LEFT JOIN facilities pf ON pf.facility_id = s.proposer_id"
            " LEFT JOIN facilities df ON df.facility_id = s.decider_id WHERE s.change_id = ?",
            fstr(f, "change_id"), f, fill_change);
    one_row(db,
            "SELECT k.basis, a.name, k.order_date, k.start_date, k.end_date FROM corrections k"
            " LEFT JOIN facilities a ON a.facility_id = k.agency_id WHERE k.cc_id = ?",
            fstr(f, "cc_id"), f, fill_correction);
    one_row(db,
            "SELECT ct.name, e.kind FROM property e LEFT JOIN facilities ct"
            " ON ct.facility_id = e.court_id WHERE e.enforcement_id = ?",
            fstr(f, "enforcement_id"), f, fill_enforcement);
    static const char fac_sql[] = "SELECT name FROM facilities WHERE facility_id = ?";
    static const char person_sql[] = "SELECT name FROM persons WHERE person_id = ?";
    const char *fid = *fstr(f, "facility_id")
                          ? fstr(f, "facility_id")
                          : json_string_value(json_object_get(c, "facility_id"));
    name_into(db, fac_sql, fid, f, "facility");
    name_into(db, fac_sql, fstr(f, "agency_id"), f, "agency");
    name_into(db, "SELECT name FROM staff WHERE officer_id = ?", fstr(f, "officer_id"), f,
              "officer");
    name_into(db, person_sql, fstr(f, "adult_person_id"), f, "adult_person");
    name_into(db, person_sql, fstr(f, "other_person_id"), f, "other_person");
    if (!json_object_get(f, "person"))
        set_s(f, "person", "（姓名不详）");
    /* labels of enumerations and figures computed from the evidence */
    set_s(f, "activity_kind_label", LABEL(activity_kinds, fstr(f, "activity_kind")));
    set_s(f, "cause_label", LABEL(causes, fstr(f, "cause")));
    set_s(f, "ground_label", LABEL(cc_grounds, fstr(f, "ground")));
    const char *pk = *fstr(f, "property_kind") ? fstr(f, "property_kind") : NULL;
    if (pk)
        set_s(f, "property_kind_label", LABEL(property_kinds, pk));
    const char *kind = fstr(f, "kind");
    if (LABEL(restraint_kinds, kind))
        set_s(f, "kind_label", LABEL(restraint_kinds, kind));
    else if (!json_object_get(f, "property_kind_label") && LABEL(property_kinds, kind))
        set_s(f, "property_kind_label", LABEL(property_kinds, kind));
    json_t *days = json_object_get(f, "days"), *max = json_object_get(f, "max_days");
    if (json_is_integer(days) && json_is_integer(max))
        json_object_set_new(f, "over_days",
                            json_integer(json_integer_value(days) - json_integer_value(max)));
    json_t *due = json_object_get(f, "amount_due_fen"),
           *tp = json_object_get(f, "third_party_paid_fen");
    if (json_is_integer(due) && json_is_integer(tp) && json_integer_value(due) > 0) {
        char pct[16];
        snprintf(pct, sizeof pct, "%lld%%",
                 (long long)(json_integer_value(tp) * 100 / json_integer_value(due)));
        set_s(f, "share", pct);
    }
    const char *overdue = fstr(f, "overdue");
    set_s(f, "overdue_text",
          !strcmp(overdue, "commutation;parole") ? "减刑、假释"
          : !strcmp(overdue, "parole")           ? "假释"
          : *overdue                             ? "减刑"
                                                 : NULL);
    if (json_integer_value(json_object_get(f, "autopsy_missing")) == 1)
        set_s(f, "autopsy_text", "该死亡原因依法应当进行尸体检验，但未进行尸体检验。");
    json_t *ac = json_object_get(c, "evidence");
    json_t *aa = json_object_get(ac, "adult_assignments");
    if (json_is_array(aa))
        json_object_set_new(f, "adult_count", json_integer((json_int_t)json_array_size(aa)));
    if (json_is_true(json_object_get(f, "dpr_life")) ||
        json_integer_value(json_object_get(f, "dpr_life")) == 1)
        set_s(f, "dpr_text", "终身");
    else if (json_integer_value(json_object_get(f, "dpr_months")) > 0) {
        strbuf t = STRBUF_INIT;
        term_text((int)json_integer_value(json_object_get(f, "dpr_months")), &t);
        set_s(f, "dpr_text", t.buf);
        strbuf_release(&t);
    }
    strbuf vote = STRBUF_INIT;
    static const char *const votes[][2] = {{"elected", "当选"},
                                           {"candidate", "被提名为候选人"},
                                           {"voted", "参加投票"},
                                           {"registered", "被登记为选民"}};
    for (size_t i = 0; i < 4; i++)
        if (json_integer_value(json_object_get(f, votes[i][0])) == 1 && !vote.len)
            strbuf_adds(&vote, votes[i][1]);
    set_s(f, "vote_text", vote.buf);
    strbuf_release(&vote);
    set_s(f, "screened", json_string_value(json_object_get(c, "last_seen")));
    if (!json_object_get(f, "screened"))
        set_s(f, "screened", fstr(f, "as_of.date"));
    return f;
}
