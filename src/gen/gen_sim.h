/*
 * gen_sim.h — the generator's context and the background simulation of one person
 * (gen_sim.c); planting (gen_plant.c) and output (gen.c) share it.
 */
#ifndef ZJ_GEN_SIM_H
#define ZJ_GEN_SIM_H
#include <stdio.h>

#include "gen/gen_person.h"

struct gen_ctx {
    const struct gen_options *o;
    struct gen_world w;
    struct gen_out out;
    zj_date as_of;
    uint64_t *ids;
    size_t idcap, idn;
    long answers, near;
    long n_cev_rows;
    struct gen_safety *safety; /* gen_safety.c: cell map and plant schedule of version 2 */
};

/* Overrides a planted scenario sets before the background simulation runs. */
struct gs_cfg {
    int charge;                        /* -1: random */
    int force_pen, pen, tm, prob, dpr; /* dpr -1: keep */
    int no_dpr;
    zj_date eff;           /* anchor: effective date of the judgment */
    zj_date detain;        /* anchor: detention date (judgment 90 days later, effective +12) */
    struct gen_rng *caser; /* co-defendants: the case's stream */
    zj_date admit;         /* forced admission date */
    int prison;            /* forced executing facility */
    int no_admit;
    int bail;      /* 0 random, 1 force interrupted custody, -1 never */
    int pre_days;  /* pre-trial length (0: random) */
    int age;       /* age at offense (0: random) */
    zj_date birth; /* forced birth date */
    int male;      /* -1 random */
    int prior;     /* 0 random, 1 recidivist, 2 prior outside 5 years, 3 juvenile
                      prior (JUV-01), -1 none */
    int birth18;   /* 1: the offense on the 18th birthday, 2: the day after it */
    int no_changes, no_property, no_death;
};

/* Age in 周岁 on d (law.md §1). */
int gs_age(zj_date birth, zj_date d);
/* Index of a charge of gen_charges by name (0 when unknown). */
int gs_charge_index(const char *name);
/* The name of gen_charges[idx] into out; for GEN_OTHER_CHARGE a name in force without a
 * category, drawn uniformly from the law core's table (law_charge_table_*). */
void gs_charge_name(int idx, struct gen_rng *r, char *out, size_t n);
/* charges (';'-separated) as a judgment dated jd writes them: a name renamed or replaced
 * after jd's year by the old name then in force (charge-aliases.tsv, law_charge_lookup),
 * when the old name has the same categories. */
void gs_dated_charges(const char *charges, zj_date jd, char *out, size_t n);
/* Append a custody event (ignored beyond GP_MAXEV); jref 1 = main judgment, 2 = prior. */
void gs_add_ev(struct gp *p, zj_date d, int type, int fac, int jref, const char *note);
/* Append a sentence change proposed by the executing facility, decided by the court
 * (or the prison administration for temp_outside); effective on the decision date.
 * Returns the change (borrowed), or NULL when the array is full. */
struct gp_chg *gs_add_chg(struct gen_ctx *g, struct gp *p, struct gen_rng *r, int kind,
                          zj_date prop, zj_date dec);
/* The commutation start time and interval in months that apply (C-01/C-03 or C-04). */
void gs_limits(const struct gp *p, int *start_m, int *intv_m);
/* The steps of one person, in this order (each reads what the previous ones set):
 * identity (after the timeline: it needs the birth date), sentence, timeline (offense,
 * detention, judgment dates, birth), prior (recidivism), execution (term, delivery),
 * property, changes, finish (release), custody records (cells, restraints, merits,
 * scores), corrections, society (activities, voters), guard (CHG-13). */
void gs_identity(struct gen_ctx *g, struct gp *p, struct gen_rng *r);
void gs_choose_sentence(struct gen_ctx *g, struct gp *p, struct gen_rng *r,
                        const struct gs_cfg *cfg);
void gs_timeline(struct gen_ctx *g, struct gp *p, struct gen_rng *r, const struct gs_cfg *cfg);
void gs_prior(struct gen_ctx *g, struct gp *p, struct gen_rng *r, int mode, zj_date R_at);
void gs_execution(struct gen_ctx *g, struct gp *p, struct gen_rng *r, const struct gs_cfg *cfg);
void gs_changes(struct gen_ctx *g, struct gp *p, struct gen_rng *r);
void gs_finish(struct gen_ctx *g, struct gp *p);
void gs_custody_records(struct gen_ctx *g, struct gp *p, struct gen_rng *r);
void gs_property(struct gen_ctx *g, struct gp *p, struct gen_rng *r);
void gs_corrections(struct gen_ctx *g, struct gp *p, struct gen_rng *r);
void gs_society(struct gen_ctx *g, struct gp *p, struct gen_rng *r);
void gs_guard_overdue(struct gen_ctx *g, struct gp *p, struct gen_rng *r);
/* The spans [from, to] (inclusive) in which the events say the person is held; an open
 * span ends far after as-of. Returns the count (at most 8). */
int gs_held_spans(const struct gen_ctx *g, const struct gp *p, zj_date from[8], zj_date to[8]);
/* The executing facility on day d (the second prison from the transfer day on). */
int gs_fac_at(const struct gp *p, zj_date d);
/* Maybe an escape and recapture (S-06) for a prisoner without changes (background). */
void gs_escape(struct gen_ctx *g, struct gp *p, struct gen_rng *r);
/* Maybe transfer a long-term prisoner to another prison of the province (background). */
void gs_transfer(struct gen_ctx *g, struct gp *p, struct gen_rng *r);
/* The end of the stay in the executing facility: the release date, or as-of. */
zj_date gs_stay_end(const struct gen_ctx *g, const struct gp *p);

#endif
