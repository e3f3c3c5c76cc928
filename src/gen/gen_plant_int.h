/*
 * gen_plant_int.h — the scenario table of the planted cases and the helpers its families
 * share (gen_plant.c). One file per model family, as src/models/m_<family>.c:
 * gen_plant_delivery.c (DEL, EXE, PAP), gen_plant_changes.c (CHG), gen_plant_community.c
 * (CC), gen_plant_political.c (PR), gen_plant_property.c (PROP), gen_plant_recidivism.c
 * (REC), gen_plant_conditions.c (CUS-01 … CUS-04), gen_plant_second_order.c (DUTY),
 * gen_plant_juvenile.c (JUV), and gen_safety.c (CUS-05 … CUS-09, REL-01). Each defines
 * `const struct gen_plant_scenario plants_<family>[]`, one row per model, ended by a zero
 * row; gen_plant.c reads them as one table.
 */
#ifndef ZJ_GEN_PLANT_INT_H
#define ZJ_GEN_PLANT_INT_H
#include "gen/gen_plant.h"

/* One planted person: its slot, its place in the slot's case, its background and its
 * random stream (NULL while configuring). */
struct plant {
    struct gen_ctx *g;
    const struct gen_slot *s;
    int member;
    struct gp *p;
    struct gen_rng *r;
};

/* One row per model. The steps run in this order for every person of a slot:
 *   config   set the overrides of the background (cfg preset to the plant defaults);
 *   prior    the release date of the prior judgment (only when config asked for a prior;
 *            NULL: the background's);
 *   changes  before the background changes, replacing them: plant changes, deaths,
 *            property;
 *   records  after the derived records: bend them, and write the answer key rows.
 * The custody-safety models have no slot: their one step, lay, bends a background person's
 * records (gen_plant_lay). Any step may be NULL. */
struct gen_plant_scenario {
    int model; /* M_…, gen_plant.h */
    const char *id;
    unsigned char width[2][2]; /* persons of the slot by [near][k % 2]; 0 reads 1 */
    /* the near misses with k % open_every == open_at sit on the opening end of their
     * window (near_miss_ends.csv `open`); 0: all on the closing end */
    unsigned char open_every, open_at;
    unsigned char codefendants; /* the slot's persons share one case */
    void (*config)(const struct plant *x, struct gs_cfg *cfg);
    zj_date (*prior)(const struct plant *x);
    void (*changes)(const struct plant *x);
    void (*records)(const struct plant *x);
    int (*lay)(struct safety_plant *x, int model, int k, int near);
};

extern const struct gen_plant_scenario plants_delivery[];
extern const struct gen_plant_scenario plants_changes[];
extern const struct gen_plant_scenario plants_community[];
extern const struct gen_plant_scenario plants_political[];
extern const struct gen_plant_scenario plants_property[];
extern const struct gen_plant_scenario plants_recidivism[];
extern const struct gen_plant_scenario plants_conditions[];
extern const struct gen_plant_scenario plants_second_order[];
extern const struct gen_plant_scenario plants_juvenile[];
extern const struct gen_plant_scenario plants_safety[];

/* ---- answer key ---------------------------------------------------------------------- */

/* A plant (near 0) or a near miss of `model` on the last lawful day (or amount) of its
 * limit, or the day after a period ended: near_miss_ends.csv tags it `close`. */
void plant_answer(struct gen_ctx *g, int near, int model, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* A near miss of `model` on the opening end of its window (a fact the day before the
 * window opens). */
void plant_near_open(struct gen_ctx *g, int model, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Whether the slot is a near miss on the opening end (its row's open_every, open_at). */
int plant_opens(const struct gen_slot *s);
/* The answer of the slot's own model: plant, near miss on the closing end, or near miss
 * on the opening end as plant_opens says. */
void plant_answer_slot(struct gen_ctx *g, const struct gen_slot *s, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* ---- dates --------------------------------------------------------------------------- */

/* Admission is 117 days after detention in the anchored timeline (judgment +90,
 * effective +12, notice +5, admit +10). */
#define PLANT_ADMIT_AFTER 117
/* Anchor the timeline on the admission date A. */
void plant_anchor_admit(struct gs_cfg *cfg, zj_date A);
/* The detention date D whose fixed term of m months ends on `end` (S-03, no credit). */
zj_date plant_detain_for_end(int m, zj_date end);
/* The smallest date x with add_months(x, n) >= target: a limit "as-of > add_months(x, n)"
 * is then not yet passed at target (exactly on it whenever month ends allow). */
zj_date plant_months_before(zj_date target, int n);
/* Probation: 12 months suspended for 24, the judgment effective on eff. */
void plant_probation(struct gs_cfg *cfg, zj_date eff);

/* ---- records ------------------------------------------------------------------------- */

/* A commutation of rm months rd days proposed on prop, decided 20 days later. */
struct gp_chg *plant_comm(struct gen_ctx *g, struct gp *p, struct gen_rng *r, zj_date prop, int rm,
                          int rd, int grounds);
/* A diagnosis at the province's designated hospital 30 days before `prop` (disease
 * k % gen_n_diseases, its list item); the caller may bend it. */
struct gp_med *plant_diagnosis(struct gen_ctx *g, struct gp *p, int k, zj_date prop);
/* A temporary execution outside prison proposed on prop, decided 20 days later, on
 * `grounds` (examined when medical). */
void plant_temp_outside(struct gen_ctx *g, struct gp *p, struct gen_rng *r, zj_date prop,
                        int grounds);
/* Append a restraint (NULL when full); solitary clears the bonus of the months it
 * touches. */
struct gp_restr *plant_restraint(struct gp *p, int fac, int kind, zj_date s, zj_date e,
                                 const char *why);
/* Regenerate the weekly checkins of correction ci from its start to `to` (inclusive). */
void plant_checkins_until(struct gen_ctx *g, struct gp *p, int ci, zj_date to);
/* Append an event of correction ci (ignored when full). */
void plant_ccev(struct gp *p, int ci, zj_date d, int kind, const char *region, const char *detail);

#endif
