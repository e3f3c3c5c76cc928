/*
 * stats.h — model quality (`zhijian models --stats`, issue 6 "Model quality"): per model,
 * the leads raised, still open (open, assigned, verifying), dismissed, turned into cases
 * (status 'case', or a case whose lead_id is the lead), resolved by data, and the
 * conversion rate 线索 → 成案 (cases / raised), the figure the national report tracks.
 */
#ifndef ZJ_STATS_H
#define ZJ_STATS_H
#include <sqlite3.h>
#include <stddef.h>
#include <stdio.h>

#include "models/model.h"

/* Write the statistics of db's leads to out: one row per catalog model (cat[0..n), in
 * that order, also when it raised nothing), then any other model_id found in the leads,
 * then the total. format: NULL or "text" (a table), "csv" or "json". Returns 0 or ZJ_EDB. */
int models_stats_print(sqlite3 *db, const model_def *cat, size_t n, const char *format, FILE *out);

#endif
