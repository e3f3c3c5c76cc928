/*
 * gen_world.h — the facilities and staff of a generated data set (gen_world.c).
 */
#ifndef ZJ_GEN_WORLD_H
#define ZJ_GEN_WORLD_H
#include <stdint.h>
#include <stdlib.h>

#include "gen/gen_int.h"
#include "gen/gen_out.h"

enum { GK_PRISON, GK_JUV, GK_DC, GK_CC, GK_COURT, GK_POLICE, GK_ADMIN, GK_HOSP, GK_PROC };
#define GEN_MAX_PRISONS 12
#define GEN_MAX_CITIES 16
#define GEN_MAX_COUNTIES 160

struct gen_fac {
    char id[16];
    char name[96];
    int kind;
    char region[8];
    int designated;
    int city;
    int n_off; /* officers <id>-01 … */
};
struct gen_wcity {
    int icourt, hosp, proc;
};
struct gen_wprov {
    const struct gen_province *p;
    int high, admin, proc, chosp, private_hosp, women, juvenile;
    int prisons[GEN_MAX_PRISONS], nprisons;
    struct gen_wcity city[GEN_MAX_CITIES];
};
struct gen_wcounty {
    int prov, city;
    const struct gen_county *c;
    int court, dc, police, cc, proc, hosp;
};
struct gen_world {
    struct gen_fac *fac;
    int nfac, capfac;
    struct gen_wprov prov[4];
    int nprov;
    struct gen_wcounty county[GEN_MAX_COUNTIES];
    int ncounty;
};

/* Build the facilities of the first `provinces` provinces (1..3). */
void gen_world_build(struct gen_world *w, int provinces);
/* Build the facilities of the one province of that code ("33", "32", "51"); -1 when the
 * generator has no such province. */
int gen_world_build_province(struct gen_world *w, const char *code);
void gen_world_release(struct gen_world *w);
/* Write facilities.csv and staff.csv rows (deterministic for seed). */
void gen_world_write(const struct gen_world *w, struct gen_out *o, uint64_t seed);
/* The officer id of the n-th officer (0-based) of facility fac. */
void gen_officer_id(const struct gen_world *w, int fac, int n, char out[32]);

#endif
