/*
 * law_json.h — the `zhijian calc` request and response (spec/cli.md) as JSON, over the law
 * core (law.h): parse a request into a law_case, and write law_figures as the response.
 * Used by src/cli/cmd_calc.c, the fuzz target fuzz/fuzz_calc.c and any JSON API that
 * wants the same contract. Uses jansson; no I/O.
 */
#ifndef ZJ_LAW_JSON_H
#define ZJ_LAW_JSON_H
#include <jansson.h>

#include "law/law.h"

/* A parsed request: the case plus the arrays it points into (owned). */
struct law_request {
    struct law_case c; /* c.as_of is NONE when the request has no as_of */
    struct law_custody_event *events;
    struct law_change *changes;
    struct law_prior *priors;
    int unknown_charges;      /* charge names not in the §8 table (a warning) */
    char unknown_charge[128]; /* the first of them */
};

/* Parse the request text[0..n). Returns 0, or ZJ_EINVAL with d->field naming the field
 * ("judgment.term_months", "custody[1].event_date", "" for the document) and d->message
 * saying why. On success the caller releases req with law_request_release; on failure
 * nothing is left to release. */
int law_request_parse(const char *text, size_t n, struct law_request *req, zj_diag *d);
void law_request_release(struct law_request *req);

/* The response object of cli.md for the figures f computed from request r (new
 * reference; caller json_decref's it). */
json_t *law_figures_to_json(const struct law_request *r, const struct law_figures *f);

#endif
