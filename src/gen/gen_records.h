/*
 * gen_records.h — the version-2 feeds of issue 17 in a generated province (gen_records.c):
 * record_queries (犯罪记录查询) of the background persons, lawful under J-01/J-02, and the
 * seizures (查封、扣押、冻结) of the province with the ENT-01 … ENT-03 plants and near
 * misses. The JUV-01 plants are persons of the plant schedule (gen_plant.c).
 */
#ifndef ZJ_GEN_RECORDS_H
#define ZJ_GEN_RECORDS_H
#include "gen/gen_sim.h"

/* Lawful record queries of one background person (its own random stream): sealed on the
 * query day (J-01, computed here from the person's judgments) → not provided, or provided
 * to a judicial requester or one with a legal basis; not sealed → anything. With noise, a
 * sealed person's record provided to an employer the day before the sealing began is a
 * near miss of JUV-01. */
void gen_record_queries(struct gen_ctx *g, const struct gp *p);

/* The seizures: about one per 40 persons of lawful background, and `per` plants and near
 * misses of each of ENT-01, ENT-02, ENT-03 (answers.csv / near_misses.csv, subject the
 * seizure_id). */
void gen_seizures(struct gen_ctx *g, long per);

#endif
