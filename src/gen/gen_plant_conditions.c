/*
 * gen_plant_conditions.c — the planted cases of the conditions family
 * (src/models/m_conditions.c): CUS-01 and CUS-02 (who shares a cell), CUS-03 (restraints
 * too long), CUS-04 (a death reported late). CUS-05 … CUS-09 are planted over background
 * persons by gen_safety.c. The readings are listed in README.md.
 */
#include "gen/gen_plant_int.h"

#include <stdio.h>
#include <string.h>

static void cus01_config(const struct plant *x, struct gs_cfg *cfg)
{
    zj_date D = x->g->as_of - 400;
    cfg->detain = D;
    cfg->admit = D + PLANT_ADMIT_AFTER;
    cfg->tm = 36;
    if (x->member == 0) {
        if (x->s->near && !plant_opens(x->s)) {
            /* turns 18 thirty days after detention: the shared cell starts the day after */
            cfg->birth = date_add_months(D + 30, -216);
        } else {
            cfg->birth = date_add_months(D, -12 * 16) - 60;
        }
    }
}

static void cus02_config(const struct plant *x, struct gs_cfg *cfg)
{
    cfg->detain = x->g->as_of - 400;
    cfg->admit = cfg->detain + PLANT_ADMIT_AFTER + x->member;
    cfg->tm = 36 + 12 * x->member;
}

/* Split cell assignment `target` on day X: [start, X] and [X + 1, end]. Returns 0 when the
 * person has no room for one more assignment. */
static int split_cell(struct gp *p, int target, zj_date X)
{
    if (p->ncell >= GP_MAXMISC)
        return 0;
    struct gp_cell *c = &p->cell[target];
    memmove(c + 2, c + 1, (size_t)(p->ncell - target - 1) * sizeof *c);
    p->ncell++;
    c[1] = c[0];
    c[0].end = X;
    c[1].start = X + 1;
    return 1;
}

/* The first assignment of the detention centre, -1 when none. */
static int first_dc_cell(const struct gp *p)
{
    for (int i = 0; i < p->ncell; i++)
        if (p->cell[i].fac == p->dc)
            return i;
    return -1;
}

/* CUS-01 (a juvenile, member 0, and an adult) and CUS-02 (co-defendants): the two share
 * the cell 过渡监室<slot>; member 0's assignment is the answer. */
static void shared_cell_records(const struct plant *x)
{
    struct gen_ctx *g = x->g;
    struct gp *p = x->p;
    int near = x->s->near, m = x->s->model, member = x->member;
    char shared[48];
    snprintf(shared, sizeof shared, "过渡监室%ld", x->s->pos + 1);
    int target = -1;
    if (plant_opens(x->s)) {
        /* the opening end: the detention centre's cell split on day X (10 days after the
         * detention both share); member 1 (the adult, the co-defendant) is in the shared
         * cell up to X, member 0 from X + 1: the two never share it */
        zj_date X = g->as_of - 400 + 10;
        for (int i = 0; i < p->ncell; i++)
            if (p->cell[i].fac == p->dc && p->cell[i].start <= X &&
                (p->cell[i].end == ZJ_DATE_NONE || p->cell[i].end > X)) {
                target = i;
                break;
            }
        if (target >= 0 && split_cell(p, target, X)) {
            if (member == 0 && m == M_CUS01) /* the juvenile alone before X */
                snprintf(p->cell[target].cell, sizeof p->cell[target].cell, "单独监室%s-%d",
                         p->pid + 1, target);
            if (member == 0)
                target++;
            snprintf(p->cell[target].cell, sizeof p->cell[target].cell, "%s", shared);
            if (member == 0)
                plant_answer_slot(g, x->s, "A%08ld%02d", p->idx + 1, target);
        }
        return;
    }
    if (m == M_CUS01) {
        if (member == 0 && near) {
            /* the adult part of the split assignment */
            for (int i = 0; i < p->ncell; i++)
                if (p->cell[i].fac == p->dc && p->cell[i].start > p->D1)
                    target = i;
        } else {
            target = first_dc_cell(p);
        }
    } else {
        /* co-defendants: own cells before, shared from (near) the effective date */
        target = first_dc_cell(p);
        if (target >= 0 && near && split_cell(p, target, p->j.eff - 1))
            target++;
    }
    if (target >= 0)
        snprintf(p->cell[target].cell, sizeof p->cell[target].cell, "%s", shared);
    if (member == 0 && target >= 0)
        plant_answer_slot(g, x->s, "A%08ld%02d", p->idx + 1, target);
}

static void prisoner_config(const struct plant *x, struct gs_cfg *cfg)
{
    cfg->tm = 60;
    plant_anchor_admit(cfg, x->g->as_of - 500);
}

static void cus03_records(const struct plant *x)
{
    struct gp *p = x->p;
    int near = x->s->near, v = x->s->k % 4;
    zj_date st = x->g->as_of - 60;
    if (v == 3)
        plant_restraint(p, p->exec_fac, RK_LEGIRONS, st, st + (near ? 14 : 15), "有脱逃危险");
    else if (v == 0)
        plant_restraint(p, p->exec_fac, RK_SOLITARY, st, st + (near ? 14 : 16), "违反监规");
    else if (v == 1)
        plant_restraint(p, p->exec_fac, RK_HANDCUFFS, st, st + (near ? 14 : 19), "有行凶危险");
    else
        plant_restraint(p, p->exec_fac, RK_CHAIR, st, st + (near ? 0 : 2), "自伤自残");
    plant_answer_slot(x->g, x->s, "B%08ld%02d", p->idx + 1, p->nrs - 1);
}

static void cus04_changes(const struct plant *x)
{
    struct gp *p = x->p;
    int near = x->s->near, k = x->s->k;
    p->death = x->g->as_of - 100;
    p->death_cause = near ? 0 : (k % 2 ? 4 : 0);
    p->death_reported = near ? p->death + 1 : (k % 2 ? p->death : p->death + 3);
    p->autopsy = 0;
}

static void person_answer(const struct plant *x)
{
    plant_answer_slot(x->g, x->s, "%s", x->p->pid);
}

/* clang-format off */
const struct gen_plant_scenario plants_conditions[] = {
    /* a juvenile and an adult; every 2nd near miss: one leaves the cell the day before
     * the other enters it */
    {.model = M_CUS01, .id = "CUS-01", .width = {{2, 2}, {2, 2}}, .open_every = 2, .open_at = 1,
     .config = cus01_config, .records = shared_cell_records},
    {.model = M_CUS02, .id = "CUS-02", .width = {{2, 2}, {2, 2}}, .open_every = 2, .open_at = 1,
     .codefendants = 1, .config = cus02_config, .records = shared_cell_records},
    {.model = M_CUS03, .id = "CUS-03", .config = prisoner_config, .records = cus03_records},
    {.model = M_CUS04, .id = "CUS-04", .config = prisoner_config, .changes = cus04_changes,
     .records = person_answer},
    {0},
};
/* clang-format on */
