/*
 * documents.h — the documents of a measure (spec/workflow.md): 纠正违法通知书, 检察建议书
 * and the others, drafted from the case's lead (facts with the figures of the evidence,
 * the rule and article, the demand) in the official layout: issuing body, title, 文号,
 * recipient, body, date, seal line. A document is a JSON object
 *   {"org", "title", "number", "recipient", "body", "signer", "date", "seal", "cc"}
 * of plain text (body: paragraphs separated by "\n"); it is rendered to print-ready HTML
 * (escaped, so an edited document can never inject markup) and to a minimal .docx
 * (OOXML: [Content_Types].xml, _rels/.rels, word/document.xml) built with libzip.
 */
#ifndef ZJ_DOCUMENTS_H
#define ZJ_DOCUMENTS_H
#include <jansson.h>
#include <stddef.h>

#include "cases/procuratorates.h"
#include "law/date.h"
#include "util/error.h"
#include "util/strbuf.h"

/* The situation a document answers, which fixes its legal basis and deadlines. */
enum doc_situation {
    SIT_GENERAL,  /* the recipient's own activity: 刑诉法第276条 and the recipient's law */
    SIT_PROPOSAL, /* a commutation or parole proposal: 规则第635条 (10 days) */
    SIT_RULING, /* a commutation or parole ruling: 刑诉法第274条, 规则第639–641条 (20 days) */
    SIT_TEMP_DECISION, /* a temporary-execution decision: 刑诉法第267条, 规则第632条 (one month) */
};

#define DOCUMENT_OBJECTION_DAYS 7 /* a suggestion's objection period */

/* The situation of a measure of kind about the lead's facts (notice_facts_load), sent to
 * recipient_id: a ruling when an objection is about a commutation or parole, a decision
 * when it is about a temporary execution or goes to its decider, a proposal when a
 * correction notice about a commutation or parole goes to anyone but the court. */
enum doc_situation document_situation(const char *kind, json_t *facts, const char *recipient_id);
const char *document_situation_name(enum doc_situation s);

/* What a draft is made from. */
typedef struct doc_request {
    json_t *facts;                  /* notice_facts_load() */
    const char *kind;               /* measure kind */
    const zj_procuratorate *sender; /* the sending procuratorate (head, foot, reply period) */
    const char *recipient_name;     /* NULL or "": （受文单位） */
    const char *recipient_kind;     /* facilities.kind of the recipient, NULL unknown */
    enum doc_situation situation;
    const char *cc;          /* 抄送, NULL for none */
    const char *charge;      /* investigation: the charge (one of the 14) */
    const char *parent_date; /* a notice after an oral correction: its date */
    zj_date today;           /* the draft's date */
} doc_request;

/* Draft the document of a measure: the sending procuratorate at the head and the foot, the
 * number with its places left blank until the document is issued, the recipient, and the
 * body: the facts as sentences with their evidence, 本院认为 with the rule broken, the legal
 * basis for the recipient and situation, what is required, and the deadlines. Caller owns
 * the result. */
json_t *document_draft(const doc_request *rq);

/* The kind of number of a measure kind (纠违 for correction_notice …), NULL for a measure
 * that has no written number (oral_correction). */
const char *document_number_kind(const char *measure_kind);

/* Check an edited document: the members are strings, the body at most 64 KiB. */
int document_validate(json_t *doc, zj_diag *d);

/* Append the complete HTML page of doc to out. */
void document_html(json_t *doc, strbuf *out);
/* Each non-empty line of text as a body paragraph <p class="b"> (escaped), for the HTML
 * pages of documents and of the case library's booklet. */
void document_html_paras(strbuf *out, const char *text);

/* Build the .docx of doc into *data (caller frees) and *len. Returns 0 or ZJ_EIO. */
int document_docx(json_t *doc, unsigned char **data, size_t *len);

/* The pieces of document_docx, for other documents (the case library's booklet):
 * paragraphs of word/document.xml in the official layout (text escaped), a page break,
 * and the package of the paragraphs as a .docx (A4, official margins). */
enum docx_style {
    DOCX_ORG,    /* issuing body: centred, 黑体 22 pt */
    DOCX_TITLE,  /* centred, 小标宋 22 pt */
    DOCX_NUMBER, /* right */
    DOCX_LEFT,
    DOCX_BODY, /* justified, first line indented two characters, 仿宋 16 pt */
    DOCX_RIGHT,
    DOCX_HEADING, /* centred, 黑体 16 pt */
};
void docx_paragraph(strbuf *x, enum docx_style style, const char *text, size_t n);
/* docx_paragraph of the whole of text; docx_paras: one paragraph a non-empty line. */
void docx_text(strbuf *x, enum docx_style style, const char *text);
void docx_paras(strbuf *x, enum docx_style style, const char *text);
void docx_page_break(strbuf *x);
int docx_package(const char *paragraphs, size_t n, unsigned char **data, size_t *len);

#endif
