/*
 * nat_report.h — the national work report over the national PostgreSQL database: every
 * indicator of the provincial report by province and for the country (nat_report.c).
 */
#ifndef ZJ_NATIONAL_NAT_REPORT_H
#define ZJ_NATIONAL_NAT_REPORT_H
#include <libpq-fe.h>

#include "report/report.h"

struct nat_report {
    report country; /* the sum of the provinces' rows */
    size_t n;       /* provinces reported */
    char **code, **name;
    report *prov;
};

/* Compute for every province that has published (or only for province `only` when not
 * NULL). 0, ZJ_EINVAL or ZJ_EDB with d set; release nr in every case. */
int nat_report_compute(PGconn *c, const report_params *p, const char *only, struct nat_report *nr,
                       zj_diag *d);
void nat_report_release(struct nat_report *nr);
/* json: {"country": report, "provinces": [{"province", "name", "report"}…]}; md: the
 * country then each province; html: the country (or the one province). */
void nat_report_render(const struct nat_report *nr, const char *format, strbuf *out);

#endif
