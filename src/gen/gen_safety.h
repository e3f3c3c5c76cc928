/*
 * gen_safety.h — the custody-safety feeds of version 2 (incidents, incident_persons,
 * labour, release_prep) for every generated person, with the plants and near misses of
 * CUS-05 … CUS-09 and REL-01 (gen_safety.c).
 *
 * Everything here draws from a stream of its own per person, seeded with
 * (seed, 0x5AFE0000… + index), and the plants of these models are laid over background
 * persons (no person of the version-1 plant schedule moves): the version-1 feeds and their
 * answer rows stay byte-identical to a generator without this file.
 */
#ifndef ZJ_GEN_SAFETY_H
#define ZJ_GEN_SAFETY_H
#include "gen/gen_person.h"

struct gen_safety;

/* Plan `per` plants and as many near misses of each model over N persons. */
struct gen_safety *gen_safety_new(long N, long per);
void gen_safety_free(struct gen_safety *s);

/* Write the person's rows of the four feeds (after the custody events are sorted, so that
 * event i of p->ev is custody event_id E<id><i>). `background`: a person of no plant (the
 * version-1 plants and the --cross persons are not), who may carry a plant of these
 * models. */
void gen_safety_person(struct gen_ctx *g, struct gp *p, int background);

/* Plants and near misses laid (for the summary and tests). */
void gen_safety_counts(const struct gen_safety *s, long *plants, long *near, long *wanted);

#endif
