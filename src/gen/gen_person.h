/*
 * gen_person.h — one generated person: identity, judgments, custody events, sentence
 * changes and every derived record (scores, cells, corrections, …), held in fixed
 * arrays of one reused struct so that generation streams person by person.
 */
#ifndef ZJ_GEN_PERSON_H
#define ZJ_GEN_PERSON_H
#include "gen/gen.h"
#include "gen/gen_int.h"
#include "gen/gen_out.h"
#include "gen/gen_world.h"
#include "law/law.h"

/* Penalties, custody events, sentence-change kinds and grounds are law.h's enums
 * (LAW_FIXED_TERM, LAW_EV_RELEASE, LAW_CHG_PAROLE, LAW_MERIT …) and are written with
 * law_penalty_id and the like. The enums below are the generator's own for feeds whose
 * values the law core does not know (their ids are the feed tables' of ingest/feeds.c). */

enum { CB_SURV, CB_PROB, CB_PAROLE, CB_TEMP };
enum { CS_ACTIVE, CS_ENDED, CS_REVOKED, CS_ABSCONDED };
enum { RK_SOLITARY, RK_HANDCUFFS, RK_LEGIRONS, RK_CHAIR };
enum { PS_ONGOING, PS_PAID, PS_TROUND, PS_TERM };
enum { PK_FINE, PK_CONFISC, PK_RESTIT, PK_COMP };
enum { PY_SELF, PY_FAMILY, PY_THIRD };

#define GP_MAXEV 24
#define GP_MAXCH 24
#define GP_MAXSC 480
#define GP_MAXCC 4
#define GP_MAXCCEV 1400
#define GP_MAXMISC 32

struct gp_judg {
    char id[24];
    char case_no[96];
    int court;
    int charge;
    char charges[256];
    int cat;
    zj_date off, jd, eff, notice;
    int pen, tm, td, prob, dpr, dpr_life, recid, limited;
    int lifelong, orgv, druglead, comb10;
    zj_date ts_w, te_w;
};
struct gp_ev {
    zj_date d;
    int type;
    int fac;
    int jref; /* 0 none, 1 main, 2 prior */
    char note[48];
};
struct gp_chg {
    int kind;
    zj_date prop, dec, eff;
    int grounds, rm, rd, newpen, newterm, exam, leniency;
    int proposer, decider, points;
    int officer_fac, officer_n; /* officer_fac -1: none */
    char note[48];
};
struct gp_score {
    zj_date month;
    int fac, base, bonus, penalty, officer;
};
struct gp_corr {
    int agency, basis, chg;
    zj_date order, report, start, end;
    int status;
    zj_date status_date;
};
struct gp_ccev {
    int cc;
    zj_date d;
    int kind;
    char region[8];
    char detail[96];
};
struct gp_cell {
    int fac;
    char cell[48];
    zj_date start, end;
};
struct gp_restr {
    int fac, kind;
    zj_date start, end;
    int officer;
    char reason[64];
};
struct gp_merit {
    int fac, kind, cat;
    zj_date ev, conf;
    char related[96];
    int officer;
};
struct gp_prop {
    int kind, court;
    long long due;
    zj_date filed, last;
    int status;
    zj_date sdate;
    int inv, unable;
    int npay;
    zj_date pay_d[4];
    long long pay_a[4];
    int pay_by[4];
};
struct gp_act {
    zj_date d;
    int kind;
    char region[8];
};
struct gp_vote {
    zj_date d;
    char region[8];
    int reg, voted, cand, elected;
};
struct gp_med {
    int hosp;
    zj_date d;
    int kind;
    int disease;
    int item; /* -1 none */
};

struct gen_ctx;

struct gp {
    long idx;
    char pid[24];
    char idn[20];
    char name[24];
    int male;
    zj_date birth;
    int county; /* world county index */
    long case_key;
    int member; /* co-defendants: same case_key, member 0.. */
    struct gp_judg j, pj;
    int has_prior;
    /* execution */
    zj_date RS, D1, B, D2, A, release;
    int bailed, exec_fac, dc, released_kind;
    zj_date xfer;
    int fac2;           /* transfer to another prison on xfer (ZJ_DATE_NONE: none) */
    zj_date esc, recap; /* escape and recapture (S-06), ZJ_DATE_NONE: none */
    zj_date ts, te0, tcur;
    int credit;
    zj_date death;
    int death_cause;
    zj_date death_reported;
    int autopsy;
    zj_date parole_date;
    struct gp_ev ev[GP_MAXEV];
    int nev;
    struct gp_chg ch[GP_MAXCH];
    int nch;
    struct gp_score sc[GP_MAXSC];
    int nsc;
    struct gp_corr cc[GP_MAXCC];
    int ncc;
    struct gp_ccev *cev;
    int ncev;
    struct gp_cell cell[GP_MAXMISC];
    int ncell;
    struct gp_restr rs[GP_MAXMISC];
    int nrs;
    struct gp_merit mr[GP_MAXMISC];
    int nmr;
    struct gp_prop pr[4];
    int npr;
    struct gp_act act[GP_MAXMISC];
    int nact;
    struct gp_vote vt[GP_MAXMISC];
    int nvt;
    struct gp_med md[GP_MAXSC / 4];
    int nmd;
    int bonus_const;
    int plant;       /* planted or near-miss person: no officer ids, no self-check */
    int keep_scores; /* CHG-13 plants: no discipline added */
    int no_release;  /* EXE-01 plants */
};

#endif
