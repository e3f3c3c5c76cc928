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

/* What a draft is made from. */
typedef struct doc_request {
    json_t *c;                         /* case_get: summary, basis, evidence, person_name … */
    const char *kind;                  /* measure kind */
    const zj_procuratorate *sender;    /* the sending procuratorate (head and foot) */
    const char *recipient_name;        /* NULL or "": （受文单位） */
    const char *recipient_kind;        /* facilities.kind of the recipient, NULL unknown */
    zj_date today;                     /* the draft's date */
} doc_request;

/* Draft the document of a measure: the sending procuratorate at the head and the foot, the
 * number with its places left blank until the document is issued, the recipient, the body
 * and the date. Caller owns the result. */
json_t *document_draft(const doc_request *rq);

/* The kind of number of a measure kind (纠违 for correction_notice …), NULL for a measure
 * that has no written number (oral_correction). */
const char *document_number_kind(const char *measure_kind);

/* Check an edited document: the members are strings, the body at most 64 KiB. */
int document_validate(json_t *doc, zj_diag *d);

/* Append the complete HTML page of doc to out. */
void document_html(json_t *doc, strbuf *out);

/* Build the .docx of doc into *data (caller frees) and *len. Returns 0 or ZJ_EIO. */
int document_docx(json_t *doc, unsigned char **data, size_t *len);

/* The pieces of document_docx, for other documents (the case library's booklet):
 * paragraphs of word/document.xml in the official layout (text escaped), a page break,
 * and the package of the paragraphs as a .docx (A4, official margins). */
enum docx_style {
    DOCX_ORG,     /* issuing body: centred, 黑体 22 pt */
    DOCX_TITLE,   /* centred, 小标宋 22 pt */
    DOCX_NUMBER,  /* right */
    DOCX_LEFT,
    DOCX_BODY,    /* justified, first line indented two characters, 仿宋 16 pt */
    DOCX_RIGHT,
    DOCX_HEADING, /* centred, 黑体 16 pt */
};
void docx_paragraph(strbuf *x, enum docx_style style, const char *text, size_t n);
void docx_page_break(strbuf *x);
int docx_package(const char *paragraphs, size_t n, unsigned char **data, size_t *len);

#endif
