/*
 * model_util.h — small helpers the built-in models share to build a lead: evidence JSON
 * (source keys and computed dates), Chinese date text, the facility's region, and emit.
 */
#ifndef ZJ_MODEL_UTIL_H
#define ZJ_MODEL_UTIL_H
#include <stdbool.h>

#include "models/model.h"
#include "models/timeline.h"
#include "util/strbuf.h"

/* Evidence JSON object under construction: ev_begin, ev_* fields, ev_end. */
void ev_begin(strbuf *sb, const zj_timeline *tl);          /* {"person_id":"…" */
void ev_str(strbuf *sb, const char *key, const char *val); /* ,"key":"val" (null when NULL) */
void ev_date(strbuf *sb, const char *key, zj_date d);      /* ,"key":"YYYY-MM-DD" or null */
void ev_int(strbuf *sb, const char *key, long v);
void ev_raw(strbuf *sb, const char *key, const char *json); /* ,"key":<json> */
void ev_end(strbuf *sb);
/* ,"as_of":{"date":"…","days_over":n}: figures that move with the as-of date, left out of
 * the evidence hash (store/leads.h) so a dismissed lead does not reopen every day. */
void ev_asof(strbuf *sb, zj_date as_of, const char *key, long days);

/* "YYYY-MM-DD" in a static-per-call rotating buffer (8 slots; for building one sentence). */
const char *dtxt(zj_date d);

/* Chinese name of a penalty (enum law_penalty: law_penalty_label, "刑罚" for none). */
const char *penalty_cn(int penalty);

/* The CHG model a law-core violation of a change belongs to (parole: the change is a
 * parole), or NULL: property (CHG-08) and recidivism (REC-01) are found elsewhere. Used by
 * m_changes.c and by the screening of proposals (cases/duty.c). */
struct law_violation;
const char *chg_violation_model(bool parole, const struct law_violation *v);

/* Emit a lead of the running model: region_code from the facility (NULL facility: none). */
int emit(lead_sink *sink, const zj_timeline *tl, const char *subject, const char *facility_id,
         const char *severity, const char *summary, const char *evidence, const char *basis);

#endif
