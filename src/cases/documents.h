/*
 * documents.h — the documents of a measure (spec/workflow.md): 纠正违法通知书, 检察建议书
 * and the others, drafted from the case's lead (facts with the figures of the evidence,
 * the rule and article, the demand) in the official layout: issuing body, title, 文号,
 * recipient, body, date, seal line. A document is a JSON object
 *   {"org", "title", "number", "recipient", "body", "date", "seal"}
 * of plain text (body: paragraphs separated by "\n"); it is rendered to print-ready HTML
 * (escaped, so an edited document can never inject markup) and to a minimal .docx
 * (OOXML: [Content_Types].xml, _rels/.rels, word/document.xml) built with libzip.
 */
#ifndef ZJ_DOCUMENTS_H
#define ZJ_DOCUMENTS_H
#include <jansson.h>
#include <stddef.h>

#include "law/date.h"
#include "util/error.h"
#include "util/strbuf.h"

/* Draft the document of a measure of kind for the case object c (case_get: summary,
 * basis, evidence, person_name, facility_name), numbered measure_id, addressed to
 * recipient_name, dated today. Caller owns the result. */
json_t *document_draft(json_t *c, const char *kind, long measure_id, const char *recipient_name,
                       zj_date today);

/* Check an edited document: the members are strings, the body at most 64 KiB. */
int document_validate(json_t *doc, zj_diag *d);

/* Append the complete HTML page of doc to out. */
void document_html(json_t *doc, strbuf *out);

/* Build the .docx of doc into *data (caller frees) and *len. Returns 0 or ZJ_EIO. */
int document_docx(json_t *doc, unsigned char **data, size_t *len);

#endif
