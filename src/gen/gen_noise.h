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

#endif
