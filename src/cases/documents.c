/*
 * documents.c — drafting and rendering the documents of measures (see documents.h).
 * Legal grounds cited in the drafts: 刑事诉讼法第276条 (人民检察院对执行机关执行刑罚的活动
 * 是否合法实行监督；发现违法情况，应当通知执行机关纠正), 刑事诉讼法第274条 (减刑、假释裁定
 * 不当，收到裁定书副本后二十日以内提出书面纠正意见), 人民检察院组织法第21条 (纠正意见、检察
 * 建议；有关单位应当书面回复).
 */
#include "cases/documents.h"
#include "cases/articles.h"
#include "cases/notice_text.h"
#include "models/catalog.h"
#include "util/lib_load.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <zip.h>

static const char *jstr(json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s ? s : "";
}

static const struct {
    const char *kind, *title, *number_kind;
} doc_kinds[] = {
    {"correction_notice", "纠正违法通知书", "纠违"},
    {"suggestion", "检察建议书", "检建"},
    {"objection", "纠正意见书", "纠意"},
    {"hearing", "检察听证通知书", "听证"},
    {"transfer", "职务犯罪案件线索移送函", "移送"},
    {"investigation", "立案决定书", "立"},
    {"oral_correction", "口头纠正记录", NULL},
};

const char *document_number_kind(const char *measure_kind)
{
    for (size_t i = 0; measure_kind && i < sizeof doc_kinds / sizeof doc_kinds[0]; i++)
        if (!strcmp(doc_kinds[i].kind, measure_kind))
            return doc_kinds[i].number_kind;
    return NULL;
}

const char *document_situation_name(enum doc_situation s)
{
    static const char *const names[] = {"general", "proposal", "ruling", "temp_decision"};
    return s <= SIT_TEMP_DECISION ? names[s] : "";
}

enum doc_situation document_situation(const char *kind, json_t *facts, const char *recipient_id)
{
    const char *ck = jstr(facts, "c.kind");
    bool to_decider = recipient_id && !strcmp(recipient_id, jstr(facts, "c.decider_id"));
    if (!strcmp(ck, "temp_outside") && (!strcmp(kind, "objection") || to_decider))
        return SIT_TEMP_DECISION;
    if ((!strcmp(ck, "commutation") || !strcmp(ck, "parole")) && !strcmp(kind, "objection"))
        return SIT_RULING;
    if ((!strcmp(ck, "commutation") || !strcmp(ck, "parole")) &&
        !strcmp(kind, "correction_notice") && !to_decider)
        return SIT_PROPOSAL;
    return SIT_GENERAL;
}

/* The article that lets the procuratorate correct a recipient of kind rkind. */
static const char *recipient_basis(const char *rkind)
{
    if (!strcmp(rkind, "community_corrections"))
        return "《中华人民共和国社区矫正法》第六十二条";
    if (!strcmp(rkind, "prison") || !strcmp(rkind, "juvenile_prison"))
        return "《中华人民共和国刑事诉讼法》第二百七十六条、《中华人民共和国监狱法》第六条";
    if (!strcmp(rkind, "detention_center"))
        return "《中华人民共和国刑事诉讼法》第二百七十六条、《看守所条例》第八条";
    return "《中华人民共和国刑事诉讼法》第二百七十六条、《中华人民共和国人民检察院组织法》第二十一"
           "条";
}

/* 你单位 / 你院 / 你所 / 你局 */
static const char *you(const char *rkind)
{
    if (!strcmp(rkind, "court"))
        return "你院";
    if (!strcmp(rkind, "detention_center"))
        return "你所";
    if (!strcmp(rkind, "prison_admin") || !strcmp(rkind, "police"))
        return "你局";
    return "你单位";
}

static const char *activity(const char *rkind)
{
    if (!strcmp(rkind, "prison") || !strcmp(rkind, "juvenile_prison"))
        return "刑罚执行和监管活动";
    if (!strcmp(rkind, "detention_center"))
        return "监管活动";
    if (!strcmp(rkind, "community_corrections"))
        return "社区矫正工作";
    if (!strcmp(rkind, "prison_admin"))
        return "暂予监外执行审批活动";
    return "刑罚执行活动";
}

/* "本院认为，你单位的上述行为不符合……的规定，属于……情形". */
static void court_view(strbuf *b, json_t *facts, const char *subject, const char *basis)
{
    const model_def *m = catalog_find(jstr(facts, "model_id"));
    strbuf_addf(b, "\n本院认为，%s", subject);
    if (*basis)
        strbuf_addf(b, "不符合%s的规定", basis);
    else
        strbuf_adds(b, "违反法律规定");
    if (m && m->name)
        strbuf_addf(b, "，属于“%s”的情形", m->name);
}

/* The articles of a lead's basis as one list: "; " and "；" between rules become "、". */
static char *basis_as_list(const char *lead_basis)
{
    char *raw = articles_basis_for_document(lead_basis);
    strbuf sb;
    strbuf_init(&sb, strlen(raw) + 8);
    for (const char *p = raw; *p;) {
        if (!strncmp(p, "; ", 2) || !strncmp(p, "；", 3)) {
            strbuf_adds(&sb, "、");
            p += *p == ';' ? 2 : 3;
        } else {
            strbuf_addch(&sb, *p++);
        }
    }
    free(raw);
    return strbuf_detach(&sb, NULL);
}

json_t *document_draft(const doc_request *rq)
{
    json_t *facts = rq->facts;
    const char *kind = rq->kind;
    int y, m, d;
    date_to_ymd(rq->today, &y, &m, &d);
    char date[48], number[160] = "";
    snprintf(date, sizeof date, "%d年%d月%d日", y, m, d);
    const char *title = "纠正违法通知书";
    for (size_t i = 0; i < sizeof doc_kinds / sizeof doc_kinds[0]; i++)
        if (!strcmp(doc_kinds[i].kind, kind))
            title = doc_kinds[i].title;
    const char *nk = document_number_kind(kind);
    if (nk)
        proc_number_format(rq->sender, nk, y, 0, number, sizeof number);
    const char *sender = rq->sender && rq->sender->name[0] ? rq->sender->name : "人民检察院";
    const char *rkind = rq->recipient_kind ? rq->recipient_kind : "";
    const char *yu = you(rkind);
    enum doc_situation sit = rq->situation;
    int reply_days = rq->sender && rq->sender->reply_days > 0 ? rq->sender->reply_days : 15;

    strbuf body, tmp, fx, demand;
    strbuf_init(&body, 1024);
    strbuf_init(&tmp, 256);
    strbuf_init(&fx, 512);
    strbuf_init(&demand, 128);
    char *basis = basis_as_list(jstr(facts, "lead_basis"));
    notice_facts(facts, &fx);
    notice_demand(facts, &demand);
    const char *evidence = notice_evidence(facts);

    if (!strcmp(kind, "objection") && sit == SIT_RULING) {
        strbuf_addf(&body, "本院在对%s减刑、假释裁定的监督中发现：%s", yu, fx.buf);
        strbuf_addf(&body, "\n上述事实，有%s等证据证实。", evidence);
        strbuf_reset(&tmp);
        notice_expand("你院于{c.decision_date}作出的{c.kind_label}裁定||你院作出的裁定", facts,
                      &tmp);
        court_view(&body, facts, tmp.buf, basis);
        strbuf_adds(&body, "，该裁定不当。");
        strbuf_addf(&body,
                    "\n根据《中华人民共和国刑事诉讼法》第二百七十四条、《人民检察院刑事诉讼规则》"
                    "第六百三十九条至第六百四十一条的规定，本院特提出书面纠正意见，请你院在收到"
                    "本纠正意见书后一个月以内重新组成合议庭进行审理，作出最终裁定，并将结果书面"
                    "告知本院。");
    } else if (sit == SIT_TEMP_DECISION) {
        strbuf_addf(&body, "本院在对%s暂予监外执行决定（批准）活动的监督中发现：%s", yu, fx.buf);
        strbuf_addf(&body, "\n上述事实，有%s等证据证实。", evidence);
        court_view(&body, facts, "该暂予监外执行决定", basis);
        strbuf_adds(&body, "，暂予监外执行不当。");
        strbuf_addf(&body,
                    "\n根据《中华人民共和国刑事诉讼法》第二百六十七条、《人民检察院刑事诉讼规则》"
                    "第六百三十二条的规定，本院提出书面纠正意见，请%s接到本意见后立即对该决定"
                    "进行重新核查，并将核查结果书面告知本院。",
                    yu);
    } else if (!strcmp(kind, "suggestion")) {
        const char *src = jstr(facts, "source");
        strbuf_addf(&body, "本院在对%s%s的检察中，", yu, activity(rkind));
        if (!*src || !strcmp(src, "model"))
            strbuf_addf(&body, "经大数据法律监督模型（%s）筛查并调查核实，发现：",
                        jstr(facts, "model_id"));
        else
            strbuf_adds(&body, "经调查核实，发现：");
        strbuf_adds(&body, fx.buf);
        strbuf_addf(&body, "\n上述事实，有%s等证据证实。", evidence);
        court_view(&body, facts, "上述问题反映出有关工作制度和管理存在漏洞，", basis);
        strbuf_adds(&body, "，存在类似违法情形再次发生的隐患。");
        strbuf_addf(&body, "\n根据《中华人民共和国人民检察院组织法》第二十一条%s的规定，本院建议：",
                    !strcmp(rkind, "community_corrections")
                        ? "、《中华人民共和国社区矫正法》第六十二条"
                        : "");
        strbuf_reset(&tmp);
        notice_recommendations(facts, &tmp);
        strbuf_addf(&body, "\n%s", tmp.buf);
        strbuf_addf(&body,
                    "\n%s对本检察建议有异议的，可以在收到本检察建议书之日起%d日以内向本院书面"
                    "提出。请在收到本检察建议书之日起两个月以内将采纳落实情况书面回复本院%s。",
                    yu, DOCUMENT_OBJECTION_DAYS,
                    !strcmp(rkind, "community_corrections") ? "；没有采纳的，应当说明理由" : "");
    } else if (!strcmp(kind, "oral_correction")) {
        strbuf_addf(&body, "本院检察人员于%s以口头方式向%s提出纠正意见。发现的情形：%s", date,
                    rq->recipient_name && *rq->recipient_name ? rq->recipient_name : "被监督单位",
                    fx.buf);
        strbuf_addf(&body, "\n要求：%s。", demand.buf);
        strbuf_addf(&body,
                    "\n依照《人民检察院刑事诉讼规则》第五百五十二条、第六百二十四条的规定，被监督"
                    "单位应当在七日以内予以纠正；逾期未纠正的，本院将发出纠正违法通知书。");
    } else if (!strcmp(kind, "investigation")) {
        strbuf_addf(&body, "本院在刑事执行检察工作中发现：%s", fx.buf);
        strbuf_addf(&body, "\n上述事实，有%s等证据证实。", evidence);
        strbuf_reset(&tmp);
        notice_expand("{officer}||{facility}有关工作人员||有关司法工作人员", facts, &tmp);
        strbuf_addf(&body,
                    "\n本院认为，%s涉嫌%s，系司法工作人员利用职权实施的侵犯公民权利、损害司法公正"
                    "的犯罪，属于《中华人民共和国刑事诉讼法》第十九条第二款规定的由人民检察院立案"
                    "侦查的案件，有犯罪事实需要追究刑事责任。",
                    tmp.buf, rq->charge && *rq->charge ? rq->charge : "（罪名）");
        strbuf_addf(&body,
                    "\n根据《中华人民共和国刑事诉讼法》第十九条第二款、第一百零九条、第一百一十二条"
                    "的规定，本院决定对%s涉嫌%s一案立案侦查。",
                    tmp.buf, rq->charge && *rq->charge ? rq->charge : "（罪名）");
    } else if (!strcmp(kind, "transfer")) {
        strbuf_addf(&body, "本院在刑事执行检察工作中发现以下可能涉及司法工作人员职务犯罪的线索：%s",
                    fx.buf);
        strbuf_addf(&body, "\n相关证据：%s。", evidence);
        strbuf_adds(&body,
                    "\n现将上述线索及相关材料移送，请依法审查处理，并将处理结果书面告知本院。");
    } else if (!strcmp(kind, "hearing")) {
        strbuf_addf(&body, "本院在刑事执行检察工作中发现：%s", fx.buf);
        strbuf_adds(&body, "\n本院决定就上述事项举行检察听证，请你单位派员参加，并提供相关材料。");
    } else {
        const char *rb = recipient_basis(rkind);
        strbuf_addf(&body, "本院在对%s%s的检察中发现：%s", yu, activity(rkind), fx.buf);
        strbuf_addf(&body, "\n上述事实，有%s等证据证实。", evidence);
        strbuf_reset(&tmp);
        strbuf_addf(&tmp, "%s的上述行为", yu);
        court_view(&body, facts, tmp.buf, basis);
        strbuf_adds(&body, "，应当依法纠正。");
        if (sit == SIT_PROPOSAL)
            strbuf_addf(&body,
                        "\n根据《人民检察院刑事诉讼规则》第六百三十五条、%s的规定，特通知%s予以"
                        "纠正：%s。",
                        rb, yu, demand.buf);
        else
            strbuf_addf(&body, "\n根据%s的规定，特通知%s予以纠正：%s。", rb, yu, demand.buf);
        if (rq->parent_date && *rq->parent_date) {
            strbuf_reset(&tmp);
            notice_add_dates(&tmp, rq->parent_date);
            strbuf_addf(&body,
                        "\n本院已于%s以口头方式提出纠正意见，%s在七日以内未予纠正（《人民检察院"
                        "刑事诉讼规则》第六百二十四条）。",
                        tmp.buf, yu);
        }
        strbuf_addf(&body,
                    "\n请%s在收到本通知书后%d日以内将纠正情况书面回复本院%s。%s对本通知书有异议的，"
                    "可以向本院书面提出，本院将在收到书面意见后七日以内进行复查（《人民检察院"
                    "刑事诉讼规则》第五百五十四条）。",
                    yu, reply_days,
                    !strcmp(rkind, "community_corrections") ? "；没有采纳的，应当说明理由" : "",
                    yu);
    }
    const char *recipient_name = rq->recipient_name;
    json_t *doc = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "org", sender, "title",
                            title, "number", number, "recipient",
                            recipient_name && *recipient_name ? recipient_name : "（受文单位）",
                            "body", body.buf, "signer", sender, "date", date, "seal", "（院印）");
    if (rq->cc && *rq->cc)
        json_object_set_new(doc, "cc", json_string(rq->cc));
    strbuf_release(&body);
    strbuf_release(&tmp);
    strbuf_release(&fx);
    strbuf_release(&demand);
    free(basis);
    return doc;
}

int document_validate(json_t *doc, zj_diag *d)
{
    static const char *keys[] = {"org",    "title", "number", "recipient", "body",
                                 "signer", "date",  "seal",   "cc"};
    const char *key;
    json_t *v;
    json_object_foreach(doc, key, v)
    {
        bool known = false;
        for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
            known |= !strcmp(keys[i], key);
        if (!known) {
            zj_diag_set(d, "document", "unknown document field '%s'", key);
            return ZJ_EINVAL;
        }
        if (!json_is_string(v) || json_string_length(v) > 65536) {
            zj_diag_set(d, "document", "document field '%s' must be a text of at most 64 KiB", key);
            return ZJ_EINVAL;
        }
    }
    return 0;
}

static const char *doc_get(json_t *doc, const char *k)
{
    return jstr(doc, k);
}

void document_html_paras(strbuf *out, const char *text)
{
    while (*text) {
        const char *e = strchr(text, '\n');
        size_t n = e ? (size_t)(e - text) : strlen(text);
        if (n) {
            char *para = xstrndup(text, n);
            strbuf_adds(out, "<p class=\"b\">");
            strbuf_add_html(out, para);
            strbuf_adds(out, "</p>\n");
            free(para);
        }
        text += n + (e ? 1 : 0);
    }
}

void document_html(json_t *doc, strbuf *out)
{
    strbuf_adds(out, "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>");
    strbuf_add_html(out, doc_get(doc, "title"));
    strbuf_adds(
        out,
        "</title><style>"
        "@page{size:A4;margin:37mm 26mm 35mm 28mm}"
        "body{font-family:'FangSong','仿宋_GB2312','仿宋',serif;font-size:16pt;line-height:28pt;"
        "max-width:156mm;margin:2em auto;color:#000}"
        ".org{text-align:center;font-family:'SimHei','黑体',sans-serif;font-size:22pt;"
        "letter-spacing:2pt;margin:0}"
        "h1{text-align:center;font-family:'STZhongsong','方正小标宋简体','SimSun',serif;"
        "font-size:22pt;font-weight:normal;letter-spacing:4pt;margin:10pt 0}"
        ".no{text-align:right;margin:0 0 20pt}.to{margin:0}"
        "p.b{text-indent:2em;margin:0;text-align:justify}"
        ".signer,.date,.seal{text-align:right;margin:0;padding-right:2em}"
        ".signer,.date{margin-top:40pt}.date.after{margin-top:0}"
        ".cc{margin-top:28pt;border-top:1px solid #000;border-bottom:1px solid #000;"
        "font-size:14pt;padding:0 1em}"
        "</style></head><body>\n<p class=\"org\">");
    strbuf_add_html(out, doc_get(doc, "org"));
    strbuf_adds(out, "</p>\n<h1>");
    strbuf_add_html(out, doc_get(doc, "title"));
    strbuf_adds(out, "</h1>\n<p class=\"no\">");
    strbuf_add_html(out, doc_get(doc, "number"));
    strbuf_adds(out, "</p>\n<p class=\"to\">");
    strbuf_add_html(out, doc_get(doc, "recipient"));
    strbuf_adds(out, "：</p>\n");
    document_html_paras(out, doc_get(doc, "body"));
    if (*doc_get(doc, "signer")) {
        strbuf_adds(out, "<p class=\"signer\">");
        strbuf_add_html(out, doc_get(doc, "signer"));
        strbuf_adds(out, "</p>\n");
    }
    strbuf_adds(out, *doc_get(doc, "signer") ? "<p class=\"date after\">" : "<p class=\"date\">");
    strbuf_add_html(out, doc_get(doc, "date"));
    strbuf_adds(out, "</p>\n<p class=\"seal\">");
    strbuf_add_html(out, doc_get(doc, "seal"));
    strbuf_adds(out, "</p>\n");
    if (*doc_get(doc, "cc")) {
        strbuf_adds(out, "<p class=\"cc\">抄送：");
        strbuf_add_html(out, doc_get(doc, "cc"));
        strbuf_adds(out, "</p>\n");
    }
    strbuf_adds(out, "</body></html>\n");
}

/* XML text escaping for word/document.xml. */
static void add_xml(strbuf *sb, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '&')
            strbuf_adds(sb, "&amp;");
        else if (c == '<')
            strbuf_adds(sb, "&lt;");
        else if (c == '>')
            strbuf_adds(sb, "&gt;");
        else if (c == '"')
            strbuf_adds(sb, "&quot;");
        else if ((unsigned char)c < 0x20 && c != '\t')
            continue; /* not allowed in XML 1.0 */
        else
            strbuf_addch(sb, c);
    }
}

void docx_paragraph(strbuf *sb, enum docx_style style, const char *text, size_t n)
{
    const char *jc = style == DOCX_ORG || style == DOCX_TITLE || style == DOCX_HEADING ? "center"
                     : style == DOCX_NUMBER || style == DOCX_RIGHT                     ? "right"
                                                                                       : "both";
    const char *font = style == DOCX_TITLE                          ? "方正小标宋简体"
                       : style == DOCX_ORG || style == DOCX_HEADING ? "黑体"
                                                                    : "仿宋_GB2312";
    int size = style == DOCX_TITLE || style == DOCX_ORG ? 44 : 32;
    strbuf_addf(
        sb, "<w:p><w:pPr><w:jc w:val=\"%s\"/><w:spacing w:line=\"560\" w:lineRule=\"exact\"/>", jc);
    if (style == DOCX_BODY)
        strbuf_adds(sb, "<w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/>");
    strbuf_addf(sb,
                "</w:pPr><w:r><w:rPr><w:rFonts w:ascii=\"%s\" w:eastAsia=\"%s\" w:hAnsi=\"%s\"/>"
                "<w:sz w:val=\"%d\"/><w:szCs w:val=\"%d\"/></w:rPr><w:t xml:space=\"preserve\">",
                font, font, font, size, size);
    add_xml(sb, text, n);
    strbuf_adds(sb, "</w:t></w:r></w:p>");
}

void docx_page_break(strbuf *sb)
{
    strbuf_adds(sb, "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>");
}

void docx_text(strbuf *sb, enum docx_style style, const char *text)
{
    docx_paragraph(sb, style, text, strlen(text));
}

void docx_paras(strbuf *sb, enum docx_style style, const char *text)
{
    while (*text) {
        const char *e = strchr(text, '\n');
        size_t n = e ? (size_t)(e - text) : strlen(text);
        if (n)
            docx_paragraph(sb, style, text, n);
        text += n + (e ? 1 : 0);
    }
}

int document_docx(json_t *doc, unsigned char **data, size_t *len)
{
    strbuf x = STRBUF_INIT;
    docx_text(&x, DOCX_ORG, doc_get(doc, "org"));
    docx_text(&x, DOCX_TITLE, doc_get(doc, "title"));
    docx_text(&x, DOCX_NUMBER, doc_get(doc, "number"));
    strbuf to = STRBUF_INIT;
    strbuf_adds(&to, doc_get(doc, "recipient"));
    strbuf_adds(&to, "：");
    docx_text(&x, DOCX_LEFT, to.buf);
    strbuf_release(&to);
    docx_paras(&x, DOCX_BODY, doc_get(doc, "body"));
    docx_text(&x, DOCX_LEFT, "");
    if (*doc_get(doc, "signer"))
        docx_text(&x, DOCX_RIGHT, doc_get(doc, "signer"));
    docx_text(&x, DOCX_RIGHT, doc_get(doc, "date"));
    docx_text(&x, DOCX_RIGHT, doc_get(doc, "seal"));
    if (*doc_get(doc, "cc")) {
        strbuf cc = STRBUF_INIT;
        strbuf_adds(&cc, "抄送：");
        strbuf_adds(&cc, doc_get(doc, "cc"));
        docx_text(&x, DOCX_LEFT, "");
        docx_text(&x, DOCX_LEFT, cc.buf);
        strbuf_release(&cc);
    }
    int rc = docx_package(x.buf ? x.buf : "", x.len, data, len);
    strbuf_release(&x);
    return rc;
}

int docx_package(const char *paragraphs, size_t plen, unsigned char **data, size_t *len)
{
    static const char content_types[] =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package."
        "relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd."
        "openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";
    static const char rels[] =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
        "relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>";
    strbuf x = STRBUF_INIT;
    strbuf_adds(&x, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                    "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/"
                    "2006/main\"><w:body>");
    strbuf_add(&x, paragraphs, plen);
    strbuf_adds(&x, "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"2098\" "
                    "w:right=\"1474\" w:bottom=\"1984\" w:left=\"1588\" w:header=\"851\" "
                    "w:footer=\"992\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>");

    int rc = ZJ_EIO;
    const char *why = zip_lib_error(); /* loads libzip */
    if (why) {
        fprintf(stderr, "zhijian: cannot write the .docx: %s\n", why);
        strbuf_release(&x);
        return rc;
    }
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
    zip_t *za = src ? zip_open_from_source(src, ZIP_TRUNCATE, &ze) : NULL;
    if (!za) {
        if (src)
            zip_source_free(src);
        goto out;
    }
    zip_source_keep(src);
    struct {
        const char *name;
        const void *data;
        size_t len;
    } parts[] = {
        {"[Content_Types].xml", content_types, sizeof content_types - 1},
        {"_rels/.rels", rels, sizeof rels - 1},
        {"word/document.xml", x.buf, x.len},
    };
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        zip_source_t *s = zip_source_buffer(za, parts[i].data, parts[i].len, 0);
        if (!s || zip_file_add(za, parts[i].name, s, ZIP_FL_ENC_UTF_8) < 0) {
            zip_source_free(s);
            zip_discard(za);
            zip_source_free(src);
            goto out;
        }
    }
    if (zip_close(za) != 0) {
        zip_discard(za);
        zip_source_free(src);
        goto out;
    }
    if (zip_source_open(src) == 0) {
        zip_source_seek(src, 0, SEEK_END);
        zip_int64_t n = zip_source_tell(src);
        zip_source_seek(src, 0, SEEK_SET);
        if (n > 0) {
            *data = xmalloc((size_t)n);
            if (zip_source_read(src, *data, (zip_uint64_t)n) == n) {
                *len = (size_t)n;
                rc = 0;
            } else {
                free(*data);
                *data = NULL;
            }
        }
        zip_source_close(src);
    }
    zip_source_free(src);
out:
    strbuf_release(&x);
    zip_error_fini(&ze);
    return rc;
}
