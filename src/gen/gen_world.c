/*
 * gen_world.c — the fixed world of a generated data set: facilities of one or more
 * provinces (courts of three levels, detention centres, police, community-corrections
 * agencies, procuratorates, hospitals, prisons, the juvenile and women's prisons, the
 * prison administration) and their staff, written to facilities.csv and staff.csv.
 */
#include "gen/gen_world.h"

#include <stdio.h>
#include <string.h>

#include "util/xalloc.h"

static const char *const kind_ids[] = {
    "prison", "juvenile_prison", "detention_center", "community_corrections", "court",
    "police", "prison_admin",    "hospital",         "procuratorate",
};

static int add_fac(struct gen_world *w, const char *id, const char *name, int kind,
                   const char *region, int designated, int n_off)
{
    if (w->nfac == w->capfac) {
        w->capfac = w->capfac ? w->capfac * 2 : 256;
        w->fac = xrealloc(w->fac, (size_t)w->capfac * sizeof *w->fac);
    }
    struct gen_fac *f = &w->fac[w->nfac];
    memset(f, 0, sizeof *f);
    snprintf(f->id, sizeof f->id, "%s", id);
    snprintf(f->name, sizeof f->name, "%s", name);
    f->kind = kind;
    snprintf(f->region, sizeof f->region, "%s", region);
    f->designated = designated;
    f->n_off = n_off;
    return w->nfac++;
}

static const char *const roles_prison[] = {"监区长", "管教民警", "刑罚执行科科长", "狱政科民警",
                                           "教导员"};
static const char *const roles_dc[] = {"管教民警", "所长", "监管民警"};
static const char *const roles_court[] = {"审判员", "审判长", "执行法官"};
static const char *const roles_cc[] = {"矫正工作人员", "司法所所长"};
static const char *const roles_other[] = {"工作人员", "科长"};

/* The facilities of province p as the pi-th province of w. */
static void build_province(struct gen_world *w, int pi, const struct gen_province *p)
{
    char id[32], name[128], reg[8];
    {
        struct gen_wprov *wp = &w->prov[pi];
        wp->p = p;
        snprintf(reg, sizeof reg, "%s0000", p->code2);
        snprintf(id, sizeof id, "C%s0000", p->code2);
        snprintf(name, sizeof name, "%s高级人民法院", p->name);
        wp->high = add_fac(w, id, name, GK_COURT, reg, 0, 4);
        snprintf(id, sizeof id, "A%s0000", p->code2);
        snprintf(name, sizeof name, "%s监狱管理局", p->name);
        wp->admin = add_fac(w, id, name, GK_ADMIN, reg, 0, 4);
        snprintf(id, sizeof id, "Y%s0000", p->code2);
        snprintf(name, sizeof name, "%s人民检察院", p->name);
        wp->proc = add_fac(w, id, name, GK_PROC, reg, 0, 3);
        snprintf(id, sizeof id, "H%s0000", p->code2);
        snprintf(name, sizeof name, "%s监狱中心医院", p->name);
        wp->chosp = add_fac(w, id, name, GK_HOSP, reg, 1, 3);
        snprintf(id, sizeof id, "H%s9901", p->code2);
        snprintf(name, sizeof name, "%s仁康民营医院", p->name);
        wp->private_hosp = add_fac(w, id, name, GK_HOSP, reg, 0, 2);
        wp->nprisons = p->n_prisons < GEN_MAX_PRISONS ? p->n_prisons : GEN_MAX_PRISONS;
        for (int i = 0; i < wp->nprisons; i++) {
            snprintf(id, sizeof id, "P%s%02d", p->code2, i + 1);
            const struct gen_city *c = &p->cities[i % p->n_cities];
            snprintf(reg, sizeof reg, "%s00", c->code4);
            wp->prisons[i] = add_fac(w, id, p->prisons[i], GK_PRISON, reg, 0, 12);
            w->fac[wp->prisons[i]].city = i % p->n_cities;
        }
        snprintf(reg, sizeof reg, "%s00", p->cities[0].code4);
        snprintf(id, sizeof id, "P%sW1", p->code2);
        snprintf(name, sizeof name, "%s女子监狱", p->name);
        wp->women = add_fac(w, id, name, GK_PRISON, reg, 0, 8);
        snprintf(id, sizeof id, "P%sJ1", p->code2);
        snprintf(name, sizeof name, "%s未成年犯管教所", p->name);
        wp->juvenile = add_fac(w, id, name, GK_JUV, reg, 0, 6);
        for (int ci = 0; ci < p->n_cities && ci < GEN_MAX_CITIES; ci++) {
            const struct gen_city *c = &p->cities[ci];
            struct gen_wcity *wc = &wp->city[ci];
            snprintf(reg, sizeof reg, "%s00", c->code4);
            snprintf(id, sizeof id, "C%s00", c->code4);
            snprintf(name, sizeof name, "%s中级人民法院", c->name);
            wc->icourt = add_fac(w, id, name, GK_COURT, reg, 0, 6);
            snprintf(id, sizeof id, "H%s00", c->code4);
            snprintf(name, sizeof name, "%s第一人民医院", c->name);
            wc->hosp = add_fac(w, id, name, GK_HOSP, reg, 1, 3);
            snprintf(id, sizeof id, "Y%s00", c->code4);
            snprintf(name, sizeof name, "%s人民检察院", c->name);
            wc->proc = add_fac(w, id, name, GK_PROC, reg, 0, 3);
        }
        for (int ki = 0; ki < p->n_counties; ki++) {
            const struct gen_county *k = &p->counties[ki];
            if (w->ncounty == GEN_MAX_COUNTIES)
                break;
            struct gen_wcounty *wk = &w->county[w->ncounty++];
            wk->prov = pi;
            wk->c = k;
            wk->city = k->city;
            const char *cn = p->cities[k->city].name;
            snprintf(id, sizeof id, "C%s", k->code);
            snprintf(name, sizeof name, "%s%s人民法院", cn, k->name);
            wk->court = add_fac(w, id, name, GK_COURT, k->code, 0, 6);
            snprintf(id, sizeof id, "K%s", k->code);
            snprintf(name, sizeof name, "%s%s看守所", cn, k->name);
            wk->dc = add_fac(w, id, name, GK_DC, k->code, 0, 6);
            snprintf(id, sizeof id, "G%s", k->code);
            snprintf(name, sizeof name, "%s公安局%s分局", cn, k->name);
            wk->police = add_fac(w, id, name, GK_POLICE, k->code, 0, 2);
            snprintf(id, sizeof id, "J%s", k->code);
            snprintf(name, sizeof name, "%s%s社区矫正管理局", cn, k->name);
            wk->cc = add_fac(w, id, name, GK_CC, k->code, 0, 4);
            snprintf(id, sizeof id, "Y%s", k->code);
            snprintf(name, sizeof name, "%s%s人民检察院", cn, k->name);
            wk->proc = add_fac(w, id, name, GK_PROC, k->code, 0, 3);
            snprintf(id, sizeof id, "H%s", k->code);
            snprintf(name, sizeof name, "%s%s人民医院", cn, k->name);
            wk->hosp = add_fac(w, id, name, GK_HOSP, k->code, 0, 2);
        }
    }
}

void gen_world_build(struct gen_world *w, int provinces)
{
    memset(w, 0, sizeof *w);
    if (provinces < 1)
        provinces = 1;
    if (provinces > gen_n_provinces)
        provinces = gen_n_provinces;
    w->nprov = provinces;
    for (int pi = 0; pi < provinces; pi++)
        build_province(w, pi, &gen_provinces[pi]);
}

int gen_world_build_province(struct gen_world *w, const char *code)
{
    memset(w, 0, sizeof *w);
    for (int i = 0; i < gen_n_provinces; i++)
        if (!strcmp(gen_provinces[i].code2, code)) {
            w->nprov = 1;
            build_province(w, 0, &gen_provinces[i]);
            return 0;
        }
    return -1;
}

void gen_world_release(struct gen_world *w)
{
    free(w->fac);
    memset(w, 0, sizeof *w);
}

void gen_officer_id(const struct gen_world *w, int fac, int n, char out[32])
{
    snprintf(out, 32, "%s-%02d", w->fac[fac].id, n + 1);
}

void gen_world_write(const struct gen_world *w, struct gen_out *o, uint64_t seed)
{
    struct gen_rng r;
    gen_rng_seed(&r, seed, 0xFAC11171E5ULL);
    for (int i = 0; i < w->nfac; i++) {
        const struct gen_fac *f = &w->fac[i];
        gen_row(o, F_FAC, "%s,%s,%s,%s,%d", f->id, f->name, kind_ids[f->kind], f->region,
                f->kind == GK_HOSP ? f->designated : 0);
    }
    for (int i = 0; i < w->nfac; i++) {
        const struct gen_fac *f = &w->fac[i];
        const char *const *roles = roles_other;
        int nr = 2;
        if (f->kind == GK_PRISON || f->kind == GK_JUV)
            roles = roles_prison, nr = 5;
        else if (f->kind == GK_DC)
            roles = roles_dc, nr = 3;
        else if (f->kind == GK_COURT)
            roles = roles_court, nr = 3;
        else if (f->kind == GK_CC)
            roles = roles_cc, nr = 2;
        for (int k = 0; k < f->n_off; k++) {
            char oid[32];
            gen_officer_id(w, i, k, oid);
            const char *sur = gen_surnames[gen_uni(&r, 0, gen_n_surnames - 1)];
            int male = gen_pm(&r, 650);
            const char *g1 = male ? gen_given_m[gen_uni(&r, 0, gen_n_given_m - 1)]
                                  : gen_given_f[gen_uni(&r, 0, gen_n_given_f - 1)];
            const char *g2 = gen_pm(&r, 600)
                                 ? (male ? gen_given_m[gen_uni(&r, 0, gen_n_given_m - 1)]
                                         : gen_given_f[gen_uni(&r, 0, gen_n_given_f - 1)])
                                 : "";
            gen_row(o, F_STAFF, "%s,%s%s%s,%s,%s", oid, sur, g1, g2, f->id, roles[k % nr]);
        }
    }
}
