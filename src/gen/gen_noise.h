/*
 * gen_noise.h — lawful background noise outside the models' windows and near misses on
 * both ends of them (`zhijian gen --noise L`, gen_noise.c).
 */
#ifndef ZJ_GEN_NOISE_H
#define ZJ_GEN_NOISE_H
#include "gen/gen_plant.h"

/* Add level L of noise to background person p (planted persons are left alone), before
 * its rows are written. Level 0 adds nothing and draws no random numbers. */
void gen_noise(struct gen_ctx *g, struct gp *p, int level);

/* With noise: list planted person p of slot in planted_persons.csv. */
void gen_noise_planted(struct gen_ctx *g, const struct gp *p, const struct gen_slot *slot);

/* With noise: list a near miss of `model` about `subject` in near_miss_ends.csv with the
 * end of the window it sits on: "open" (the day before the window opens, or a record dated
 * before it) or "close" (the last lawful day of a limit, the day after a period ended). */
void gen_near_end(struct gen_ctx *g, const char *model, const char *subject, const char *end);

#endif
