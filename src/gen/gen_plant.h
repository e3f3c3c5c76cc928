/*
 * gen_plant.h — planted irregularities and near misses, one scenario per model of
 * spec/models.md (gen_plant.c, the table of scenarios; gen_plant_<family>.c, gen_safety.c).
 * A slot is one planted case of the plant schedule: 1–3 consecutive persons.
 */
#ifndef ZJ_GEN_PLANT_H
#define ZJ_GEN_PLANT_H
#include "gen/gen_sim.h"

/* The models with a planted scenario: those of the plant schedule (gen.c) in its order,
 * then the custody-safety models, laid over background persons (gen_safety.c). */
enum {
    M_DEL01,
    M_DEL02,
    M_DEL03,
    M_EXE01,
    M_EXE02,
    M_EXE03,
    M_PAP01,
    M_PAP02,
    M_CHG01,
    M_CHG02,
    M_CHG03,
    M_CHG04,
    M_CHG05,
    M_CHG06,
    M_CHG07,
    M_CHG08,
    M_CHG09,
    M_CHG10,
    M_CHG11,
    M_CHG12,
    M_CHG13,
    M_CHG14,
    M_CC01,
    M_CC02,
    M_CC03,
    M_CC04,
    M_CC05,
    M_CC06,
    M_PR01,
    M_PROP01,
    M_PROP02,
    M_REC01,
    M_CUS01,
    M_CUS02,
    M_CUS03,
    M_CUS04,
    M_DUTY01,
    M_JUV01,
    M_NSCHEDULED, /* the models above */
    M_CUS05 = M_NSCHEDULED,
    M_CUS06,
    M_CUS07,
    M_CUS08,
    M_CUS09,
    M_REL01,
    M_NMODELS
};

struct gen_slot {
    int model, near, k, width;
    long pos;
};

/* The model id of M_… (answers.csv, near_misses.csv). */
const char *gen_plant_id(int model);

/* The background person of gen_safety.c that may carry a custody-safety plant. */
struct safety_plant;
/* Lay plant k (near: its near miss) of custody-safety model `model` on x: 1 when laid, 0
 * when x's records leave no room for it. */
int gen_plant_lay(int model, struct safety_plant *x, int k, int near);
/* How many persons the slot's case takes. */
int gen_plant_width(int model, int near, int k);
/* Whether the persons of a slot of `model` are co-defendants of one case. */
int gen_plant_codefendants(int model);
/* Set the scenario's overrides for member `member` of the slot (cfg preset to defaults). */
void gen_plant_config(struct gen_ctx *g, const struct gen_slot *s, int member, struct gp *p,
                      struct gs_cfg *cfg);
/* When the scenario asked for a prior: the prior's release date (ZJ_DATE_NONE: the
 * background's choice); may move the offense of p. */
zj_date gen_plant_prior(struct gen_ctx *g, const struct gen_slot *s, int member, struct gp *p);
/* Instead of the background changes: plant changes, deaths, property. */
void gen_plant_changes(struct gen_ctx *g, const struct gen_slot *s, int member, struct gp *p,
                       struct gen_rng *r);
/* After the derived records: bend them, and write the answer key rows. */
void gen_plant_records(struct gen_ctx *g, const struct gen_slot *s, int member, struct gp *p,
                       struct gen_rng *r);

#endif
