/*
 * models2.h — the set-based models of community correction (CC-01 … CC-06), political
 * rights (PR-01), property judgments (PROP-01, PROP-02), custody conditions (CUS-01 …
 * CUS-04; PR-01, CC-01, CC-02, CC-03, CC-05, CC-06 and CUS-03 run per person over the intervals)
 * and the second-order models (DUTY-01, FAC-01) of spec/models.md.
 *
 * Each family is a catalog array (catalog.c: models_<family>[], zero-terminated). The SQL
 * models are also exported as sqlmodel rows so tests and tools can run one directly.
 */
#ifndef ZJ_MODELS2_H
#define ZJ_MODELS2_H
#include <stdio.h>

#include "models/model.h"
#include "models/sqlmodel.h"

#include "models/families.h" /* models_community[] … models_second_order[] */

extern const sqlmodel m2_prop01, m2_prop02;
extern const sqlmodel m2_cus01, m2_cus02, m2_cus04;
extern const sqlmodel m2_cus05, m2_cus06, m2_cus07, m2_cus08, m2_cus09, m2_rel01; /* m_safety.c */
extern const sqlmodel m2_ent01, m2_ent02, m2_ent03; /* m_enterprise.c */

/* DUTY-01 (officer concentration): reads the leads table (leads of CHG-01 … CHG-14 and
 * CUS-03, CUS-06, CUS-08 first seen on or before the as-of date, neither resolved nor dismissed)
 * and the officer_id of the records behind them. It must run after every other model has stored its
 * leads (the engine applies set-based models' leads in catalog order, and the second_order family
 * is listed last). Returns 0 or a negative ZJ_E* code. */
int models_second_order_run(const model_ctx *ctx, lead_sink *sink);
/* The rows of the leads table DUTY-01 reads (lead_id, model_id, subject, person_id; ?1 the
 * as-of date), in (model_id, subject) order: set_runs.c digests them to leave it out when
 * unchanged. */
extern const char models_duty01_leads_sql[];
/* Whether the leads of model_id are among those (whatever their status and dates). */
bool models_duty01_reads_model(const char *model_id);

/* FAC-01: the facility ranking by open leads per 100 persons held at as_of, by model
 * family, with the re-offending of its release cohorts (H-09.years of params; NULL = the
 * defaults), written to out as a table (format NULL/"table"), "csv" or "json".
 * Returns 0 or a negative ZJ_E* code. */
int models_facility_rank(sqlite3 *db, zj_date as_of, const struct law_params *params,
                         const char *format, FILE *out);

#endif
