/*
 * notice_text.h — the prose of a document (docs/documents.md): the facts of a lead as
 * sentences, one pattern per model and a pattern per model family, with the figures and
 * dates written as the procuratorate's templates write them (Arabic numerals, 2024年3月5日);
 * the evidence that proves them; what the recipient must do.
 *
 * The facts object is flat: the lead's evidence (nested members as "as_of.days_over",
 * array items as "priors.0.release_expected") plus what doc_facts_load() adds from the
 * records the evidence names (person, judgment, change, correction, enforcement, names of
 * facilities and officers, the labels of enumerations).
 *
 * A pattern is text with {key} for a value of the facts and [ … ] for a part that is
 * left out when one of its keys has no value; "||" separates alternatives, the first whose
 * keys outside brackets all have values is used. Values print by their form: a date
 * YYYY-MM-DD as 2024年3月5日, a month YYYY-MM as 2024年3月, an amount in fen (key
 * ending in _fen) in yuan, numbers as they are.
 */
#ifndef ZJ_NOTICE_TEXT_H
#define ZJ_NOTICE_TEXT_H
#include <jansson.h>
#include <sqlite3.h>

#include "util/strbuf.h"

/* Expand pattern over facts into out. Returns 0, or -1 (out unchanged) when no
 * alternative has all its required values. */
int notice_expand(const char *pattern, json_t *facts, strbuf *out);

/* Append text to out with every YYYY-MM-DD date in it written as 2024年3月5日. */
void notice_add_dates(strbuf *out, const char *text);

/* The facts of the lead as sentences (the background of the person and the record, then
 * what the model found), ending with "。". Never a "key：value" list: a model without a
 * pattern gets its summary and the evidence's figures as a sentence. */
void notice_facts(json_t *facts, strbuf *out);

/* The evidence that proves the facts, e.g. "判决书、执行通知书、羁押登记记录". */
const char *notice_evidence(json_t *facts);

/* What the recipient must do about the lead, e.g. "立即将罪犯张三交付执行" (no final
 * punctuation). */
void notice_demand(json_t *facts, strbuf *out);

/* Specific recommendations of a procuratorial suggestion drawn from the case, numbered
 * 一、二、… (at least two). */
void notice_recommendations(json_t *facts, strbuf *out);

/* The facts object of case c (case_get) for drafting: evidence flattened, the records it
 * names, labels, and "screened" (the lead's last screening date). Caller owns it. */
json_t *notice_facts_load(sqlite3 *db, json_t *c);

/* Chinese numerals for 0..99 (八, 十二, 二十) into buf. */
void notice_cn_number(int n, char *buf, size_t size);

#endif
