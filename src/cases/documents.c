/*
 * documents.c — drafting and rendering the documents of measures (see documents.h).
 * Legal grounds cited in the drafts: 刑事诉讼法第276条 (人民检察院对执行机关执行刑罚的活动
 * 是否合法实行监督；发现违法情况，应当通知执行机关纠正), 刑事诉讼法第274条 (减刑、假释裁定
 * 不当，收到裁定书副本后二十日以内提出书面纠正意见), 人民检察院组织法第21条 (纠正意见、检察
 * 建议；有关单位应当书面回复).
 */
#include "cases/documents.h"
#include "cases/articles.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <zip.h>

/* Labels of the evidence keys most models use; other keys are shown as they are. */
static const struct {
    const char *key, *label;
} evidence_labels[] = {
    {"judgment_id", "判决编号"},        {"change_id", "变更执行编号"},
    {"case_no", "案号"},                {"penalty", "主刑"},
    {"term_months", "刑期（月）"},      {"offense_date", "犯罪日期"},
    {"judgment_date", "判决日期"},      {"effective_date", "生效日期"},
    {"notice_date", "执行通知书日期"},  {"admit_date", "收监日期"},
    {"term_start", "刑期起日"},         {"term_end", "刑期止日"},
    {"proposal_date", "提请日期"},      {"decision_date", "裁定（决定）日期"},
    {"reduction_months", "减刑幅度（月）"}, {"served_months", "已执行刑期（月）"},
    {"required_months", "应执行刑期（月）"}, {"eligible_date", "可提请日期"},
    {"interval_months", "间隔期（月）"}, {"order_date", "决定日期"},
    {"report_date", "报到日期"},        {"days_late", "逾期天数"},
    {"last_checkin", "最后报到日期"},   {"days_since", "间隔天数"},
    {"amount_due_fen", "应履行金额"},   {"amount_paid_fen", "已履行金额"},
    {"release_date", "释放日期"},       {"election_date", "选举日期"},
    {"as_of", "基准日"},                {"facility_id", "单位编号"},
    {"term_end_original", "原刑期止日"}, {"execution_date", "交付执行日期"},
    {"end_before", "减刑前刑期止日"},   {"end_after", "减刑后刑期止日"},
    {"start_earliest", "最早可减刑日期"}, {"proposal_earliest", "最早可提请日期"},
    {"parole_earliest", "最早可假释日期"}, {"delivery_deadline", "交付执行期限"},
    {"days_over", "超期天数"},          {"last_contact", "最后报到或定位"},
    {"days", "天数"},                   {"date", "日期"},
    {"grounds", "理由"},                {"agency_id", "社区矫正机构"},
};

static const char *label_of(const char *key)
{
    for (size_t i = 0; i < sizeof evidence_labels / sizeof evidence_labels[0]; i++)
        if (!strcmp(evidence_labels[i].key, key))
            return evidence_labels[i].label;
    return key;
}

/* Append "label：value" items of the evidence (scalars, one level of nesting). */
static void evidence_facts(json_t *ev, strbuf *sb, int depth, int *count)
{
    const char *key;
    json_t *v;
    if (!json_is_object(ev) || depth > 1)
        return;
    json_object_foreach(ev, key, v) {
        if (*count >= 12)
            return;
        if (json_is_object(v)) {
            evidence_facts(v, sb, depth + 1, count);
            continue;
        }
        if (json_is_array(v) || json_is_null(v))
            continue;
        strbuf_adds(sb, *count ? "；" : "");
        strbuf_adds(sb, label_of(key));
        strbuf_adds(sb, "：");
        size_t kl = strlen(key);
        if (json_is_integer(v) && kl > 4 && !strcmp(key + kl - 4, "_fen")) {
            json_int_t f = json_integer_value(v);
            strbuf_addf(sb, "%lld.%02lld元", (long long)(f / 100), (long long)llabs(f % 100));
        } else if (json_is_string(v)) {
            strbuf_adds(sb, json_string_value(v));
        } else if (json_is_integer(v)) {
            strbuf_addf(sb, "%lld", (long long)json_integer_value(v));
        } else if (json_is_real(v)) {
            strbuf_addf(sb, "%.2f", json_real_value(v));
        } else {
            strbuf_adds(sb, json_is_true(v) ? "是" : "否");
        }
        (*count)++;
    }
}

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
};

const char *document_number_kind(const char *measure_kind)
{
    for (size_t i = 0; measure_kind && i < sizeof doc_kinds / sizeof doc_kinds[0]; i++)
        if (!strcmp(doc_kinds[i].kind, measure_kind))
            return doc_kinds[i].number_kind;
    return NULL;
}

json_t *document_draft(const doc_request *rq)
{
    json_t *c = rq->c;
    const char *kind = rq->kind;
    int y, m, d;
    date_to_ymd(rq->today, &y, &m, &d);
    char date[48], number[160];
    snprintf(date, sizeof date, "%d年%d月%d日", y, m, d);
    const char *title = "纠正违法通知书";
    for (size_t i = 0; i < sizeof doc_kinds / sizeof doc_kinds[0]; i++)
        if (!strcmp(doc_kinds[i].kind, kind))
            title = doc_kinds[i].title;
    const char *nk = document_number_kind(kind);
    proc_number_format(rq->sender, nk ? nk : "纠违", y, 0, number, sizeof number);
    const char *sender = rq->sender && rq->sender->name[0] ? rq->sender->name : "人民检察院";
    const char *recipient_name = rq->recipient_name;
    strbuf body = STRBUF_INIT, facts = STRBUF_INIT;
    int n = 0;
    evidence_facts(json_object_get(c, "evidence"), &facts, 0, &n);
    const char *person = jstr(c, "person_name");
    char *basis = articles_basis_for_document(jstr(c, "basis"));
    strbuf sum = STRBUF_INIT;
    strbuf_adds(&sum, jstr(c, "summary"));
    /* end the summary as a sentence */
    if (sum.len >= 3 && strcmp(sum.buf + sum.len - 3, "。") != 0 &&
        strcmp(sum.buf + sum.len - 3, "；") != 0)
        strbuf_adds(&sum, "。");
    const char *summary = sum.buf;
    if (!strcmp(kind, "objection")) {
        strbuf_addf(&body, "本院在对罪犯%s减刑、假释案件的监督中发现，该裁定存在以下不当情形：%s",
                    *person ? person : "", summary);
    } else if (!strcmp(kind, "transfer")) {
        strbuf_addf(&body, "本院在刑事执行检察工作中发现以下可能涉及司法工作人员职务犯罪的线索：%s",
                    summary);
    } else {
        strbuf_addf(&body, "本院在刑事执行检察工作中发现，你单位存在以下情形：%s", summary);
    }
    if (facts.len)
        strbuf_addf(&body, "\n经核查，相关事实如下：%s。", facts.buf);
    if (*basis)
        strbuf_addf(&body, "\n上述情形不符合%s的规定。", basis);
    if (!strcmp(kind, "correction_notice"))
        strbuf_adds(&body, "\n根据《中华人民共和国刑事诉讼法》第二百七十六条、《中华人民共和国人民"
                           "检察院组织法》第二十一条的规定，特通知你单位予以纠正，并请在收到本通知书"
                           "后十五日以内将纠正情况书面回复本院。");
    else if (!strcmp(kind, "suggestion"))
        strbuf_adds(&body, "\n为规范刑罚执行活动，根据《中华人民共和国人民检察院组织法》第二十一条的"
                           "规定，建议你单位：一、对上述问题认真核查并依法整改；二、健全相关工作"
                           "制度，防止类似问题再次发生。请在收到本检察建议书后两个月以内将办理情况"
                           "书面回复本院。");
    else if (!strcmp(kind, "objection"))
        strbuf_adds(&body, "\n根据《中华人民共和国刑事诉讼法》第二百七十四条的规定，本院认为该裁定不当，"
                           "特提出书面纠正意见，请你院在收到本纠正意见后一个月以内重新组成合议庭进行"
                           "审理，作出最终裁定。");
    else if (!strcmp(kind, "hearing"))
        strbuf_adds(&body, "\n本院决定就上述事项举行检察听证，请你单位派员参加，并提供相关材料。");
    else
        strbuf_adds(&body, "\n现将上述线索及相关材料移送，请依法审查处理。");
    json_t *doc = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "org", sender, "title",
                            title, "number", number, "recipient",
                            recipient_name && *recipient_name ? recipient_name : "（受文单位）",
                            "body", body.buf, "signer", sender, "date", date, "seal", "（院印）");
    strbuf_release(&body);
    strbuf_release(&facts);
    strbuf_release(&sum);
    free(basis);
    return doc;
}

int document_validate(json_t *doc, zj_diag *d)
{
    static const char *keys[] = {"org",    "title", "number", "recipient", "body",
                                 "signer", "date",  "seal",   "cc"};
    const char *key;
    json_t *v;
    json_object_foreach(doc, key, v) {
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

void document_html(json_t *doc, strbuf *out)
{
    strbuf_adds(out, "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>");
    strbuf_add_html(out, doc_get(doc, "title"));
    strbuf_adds(out,
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
    const char *b = doc_get(doc, "body");
    while (*b) {
        const char *e = strchr(b, '\n');
        size_t n = e ? (size_t)(e - b) : strlen(b);
        if (n) {
            char *para = xstrndup(b, n);
            strbuf_adds(out, "<p class=\"b\">");
            strbuf_add_html(out, para);
            strbuf_adds(out, "</p>\n");
            free(para);
        }
        b += n + (e ? 1 : 0);
    }
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
                     : style == DOCX_NUMBER || style == DOCX_RIGHT ? "right"
                                                              : "both";
    const char *font = style == DOCX_TITLE ? "方正小标宋简体"
                       : style == DOCX_ORG || style == DOCX_HEADING ? "黑体"
                                                             : "仿宋_GB2312";
    int size = style == DOCX_TITLE || style == DOCX_ORG ? 44 : 32;
    strbuf_addf(sb, "<w:p><w:pPr><w:jc w:val=\"%s\"/><w:spacing w:line=\"560\" w:lineRule=\"exact\"/>",
                jc);
    if (style == DOCX_BODY)
        strbuf_adds(sb, "<w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/>");
    strbuf_addf(sb, "</w:pPr><w:r><w:rPr><w:rFonts w:ascii=\"%s\" w:eastAsia=\"%s\" w:hAnsi=\"%s\"/>"
                    "<w:sz w:val=\"%d\"/><w:szCs w:val=\"%d\"/></w:rPr><w:t xml:space=\"preserve\">",
                font, font, font, size, size);
    add_xml(sb, text, n);
    strbuf_adds(sb, "</w:t></w:r></w:p>");
}

void docx_page_break(strbuf *sb)
{
    strbuf_adds(sb, "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>");
}

static void add_para_s(strbuf *sb, enum docx_style style, const char *text)
{
    docx_paragraph(sb, style, text, strlen(text));
}

int document_docx(json_t *doc, unsigned char **data, size_t *len)
{
    strbuf x = STRBUF_INIT;
    add_para_s(&x, DOCX_ORG, doc_get(doc, "org"));
    add_para_s(&x, DOCX_TITLE, doc_get(doc, "title"));
    add_para_s(&x, DOCX_NUMBER, doc_get(doc, "number"));
    strbuf to = STRBUF_INIT;
    strbuf_adds(&to, doc_get(doc, "recipient"));
    strbuf_adds(&to, "：");
    add_para_s(&x, DOCX_LEFT, to.buf);
    strbuf_release(&to);
    const char *b = doc_get(doc, "body");
    while (*b) {
        const char *e = strchr(b, '\n');
        size_t n = e ? (size_t)(e - b) : strlen(b);
        if (n)
            docx_paragraph(&x, DOCX_BODY, b, n);
        b += n + (e ? 1 : 0);
    }
    add_para_s(&x, DOCX_LEFT, "");
    if (*doc_get(doc, "signer"))
        add_para_s(&x, DOCX_RIGHT, doc_get(doc, "signer"));
    add_para_s(&x, DOCX_RIGHT, doc_get(doc, "date"));
    add_para_s(&x, DOCX_RIGHT, doc_get(doc, "seal"));
    if (*doc_get(doc, "cc")) {
        strbuf cc = STRBUF_INIT;
        strbuf_adds(&cc, "抄送：");
        strbuf_adds(&cc, doc_get(doc, "cc"));
        add_para_s(&x, DOCX_LEFT, "");
        add_para_s(&x, DOCX_LEFT, cc.buf);
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
