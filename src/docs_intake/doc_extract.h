/*
 * doc_extract.h — the facts of a court document (刑事判决书, 减刑/假释裁定书, 暂予监外执行
 * 决定书) read from its text by the fixed legal phrasing of such documents.
 *
 * doc_extract returns a JSON object (issue 19; docs/documents-intake.md):
 *
 *   {file, kind: judgment|commutation|parole|temp_outside, case_no, court,
 *    decision_date, effective_date,
 *    persons: [{name, gender, birth_date, id_number, facility,
 *               original: {case_no, court, judgment_date, offense_date, charges[],
 *                          penalty, term_months, term_days, probation_months,
 *                          dpr_months, dpr_life, recidivist, term_start, term_end},
 *               change: {kind, grounds, reduction_months, reduction_days, new_penalty,
 *                        new_term_months, proposal_date, term_end_after}}],
 *    sources: {field path: sentence}, confidence: {field path: 0..1}}
 *
 * Dates are YYYY-MM-DD; penalty, kinds and grounds the enums of feeds.md; charges their
 * names in force (short, old and selective forms mapped by the law core). A field is
 * present only when the text states it (doc_extract_shape gives every key); every present
 * field has its source sentence and a confidence under its path (e.g.
 * "persons[0].original.term_end"). A value the text states but that cannot be read (a
 * date that does not exist) is null with confidence 0.
 * Case numbers are written with full-width brackets: （2017）辽02刑更392号.
 *
 * Pure: no I/O; linear in the text (at most DOC_MAX_PERSONS persons).
 */
#ifndef ZJ_DOC_EXTRACT_H
#define ZJ_DOC_EXTRACT_H
#include <jansson.h>
#include <stddef.h>

#define DOC_MAX_PERSONS 32

/* The facts of text[0..len) (UTF-8); file is the name shown (may be NULL). A new
 * reference, never NULL. */
json_t *doc_extract(const char *text, size_t len, const char *file);

/* doc_extract's object in the fixed shape of `zhijian doc extract --format json`: every
 * key above present in that order, null when the text does not state it; original an
 * object for every person, change null in a judgment and an object in a ruling or
 * decision. An object {file, error} is returned as it is. A new reference. */
json_t *doc_extract_shape(json_t *doc);

/* Whitespace removed (ASCII blanks, line breaks, U+3000, U+00A0) and full-width digits and
 * letters folded to ASCII: the text the extractor reads and its sources quote. malloc'd. */
char *doc_flatten(const char *text, size_t len, size_t *out_len);

/* The official name of one charge name as written (short, old or selective forms), into
 * out (cap bytes); returns 1 when the law core knows it, 0 when out holds the name as
 * written. */
int doc_charge_official(const char *name, char *out, size_t cap);

#endif
