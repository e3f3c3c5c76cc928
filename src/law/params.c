/*
 * params.c — the (cfg) parameters of law.md as one table {key, field, default}, and the
 * loader of a deployment's overrides ("T-01.diagnosis_max_months = 3" lines).
 * law_params_load is the one function of src/law/ that does I/O (stdio, for --config).
 */
#include "law/law.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
    const char *key;
    size_t offset;
    int def;
} params[] = {
    {"T-01.diagnosis_max_months", offsetof(struct law_params, t01_diagnosis_max_months), 3},
    {"T-02.review_months", offsetof(struct law_params, t02_review_months), 3},
    {"T-02.review_grace_days", offsetof(struct law_params, t02_review_grace_days), 15},
    {"T-03.nursing_months", offsetof(struct law_params, t03_nursing_months), 12},
    {"T-03.decision_days", offsetof(struct law_params, t03_decision_days), 30},
    {"K-02.absence_days", offsetof(struct law_params, k02_absence_days), 10},
    {"K-03.proposal_days", offsetof(struct law_params, k03_proposal_days), 30},
    {"H-03.restraint_max_days", offsetof(struct law_params, h03_restraint_max_days), 15},
    {"H-03.restraint_chair_days", offsetof(struct law_params, h03_restraint_chair_days), 1},
    {"H-04.death_report_days", offsetof(struct law_params, h04_death_report_days), 1},
    {"H-05.incidents", offsetof(struct law_params, h05_incidents), 2},
    {"H-05.window_days", offsetof(struct law_params, h05_window_days), 90},
    {"H-05.separation_days", offsetof(struct law_params, h05_separation_days), 7},
    {"H-06.filing_days", offsetof(struct law_params, h06_filing_days), 30},
    {"H-06.transfer_months", offsetof(struct law_params, h06_transfer_months), 7},
    {"H-07.adult_hours", offsetof(struct law_params, h07_adult_hours), 210},
    {"H-07.juvenile_hours", offsetof(struct law_params, h07_juvenile_hours), 104},
    {"H-07.rest_days", offsetof(struct law_params, h07_rest_days), 4},
    {"H-08.education_months", offsetof(struct law_params, h08_education_months), 3},
    {"H-08.notice_min_days", offsetof(struct law_params, h08_notice_min_days), 30},
    {"H-08.notice_max_months", offsetof(struct law_params, h08_notice_max_months), 6},
    {"H-09.years", offsetof(struct law_params, h09_years), 3},
    {"F-01.passive_months", offsetof(struct law_params, f01_passive_months), 6},
    {"F-03.payment_share_pct", offsetof(struct law_params, f03_payment_share_pct), 50},
    {"F-03.payment_window_days", offsetof(struct law_params, f03_payment_window_days), 60},
    {"F-03.after_payment_months", offsetof(struct law_params, f03_after_payment_months), 6},
    {"E-01.over_ratio_pct", offsetof(struct law_params, e01_over_ratio_pct), 130},
    {"E-02.closed_days", offsetof(struct law_params, e02_closed_days), 30},
    {"C-15.relax_num", offsetof(struct law_params, c15_relax_num), 1},
    {"C-15.relax_den", offsetof(struct law_params, c15_relax_den), 3},
    {"PAP-02.months", offsetof(struct law_params, pap02_months), 6},
    {"CHG-10.bonus_cap", offsetof(struct law_params, chg10_bonus_cap), 50},
    {"CHG-10.window_months", offsetof(struct law_params, chg10_window_months), 6},
    {"CHG-10.ratio_pct", offsetof(struct law_params, chg10_ratio_pct), 150},
    {"CHG-10.facility_percentile", offsetof(struct law_params, chg10_facility_percentile), 95},
    {"CHG-11.persons", offsetof(struct law_params, chg11_persons), 2},
    {"CHG-11.confirm_days", offsetof(struct law_params, chg11_confirm_days), 30},
    {"CHG-13.commutation_months", offsetof(struct law_params, chg13_commutation_months), 6},
    {"CHG-13.parole_months", offsetof(struct law_params, chg13_parole_months), 12},
    {"DUTY-01.min_persons", offsetof(struct law_params, duty01_min_persons), 3},
    {"DUTY-01.window_months", offsetof(struct law_params, duty01_window_months), 24},
    {"DUTY-01.median_factor", offsetof(struct law_params, duty01_median_factor), 3},
    {"SPC1997.start_months", offsetof(struct law_params, spc1997_start_months), 18},
    {"SPC1997.interval_months", offsetof(struct law_params, spc1997_interval_months), 12},
    {"SPC1997.amount_months", offsetof(struct law_params, spc1997_amount_months), 12},
    {"SPC1997.amount_10y_months", offsetof(struct law_params, spc1997_amount_10y_months), 24},
    {"SPC1997.amount_merit_months", offsetof(struct law_params, spc1997_amount_merit_months), 24},
    {"SPC1997.amount_merit_10y_months",
     offsetof(struct law_params, spc1997_amount_merit_10y_months), 36},
    {"SPC1997.life_start_months", offsetof(struct law_params, spc1997_life_start_months), 24},
    {"SPC1997.life_low_months", offsetof(struct law_params, spc1997_life_low_months), 216},
    {"SPC1997.life_low_major_months", offsetof(struct law_params, spc1997_life_low_major_months),
     156},
    {"SPC1997.ds_min_months", offsetof(struct law_params, spc1997_ds_min_months), 144},
    {"SPC1997.parole_months", offsetof(struct law_params, spc1997_parole_months), 12},
    {"SPC1997.parole_big_months", offsetof(struct law_params, spc1997_parole_big_months), 24},
};
#define N_PARAMS (sizeof params / sizeof params[0])

static int *field(struct law_params *p, size_t i)
{
    return (int *)((char *)p + params[i].offset);
}

void law_params_default(struct law_params *p)
{
    memset(p, 0, sizeof *p);
    for (size_t i = 0; i < N_PARAMS; i++)
        *field(p, i) = params[i].def;
}

const struct law_params *law_params_or_default(const struct law_params *p, struct law_params *def)
{
    if (p)
        return p;
    law_params_default(def);
    return def;
}

int law_params_set(struct law_params *p, const char *key, long value)
{
    if (!key || value < 0 || value > 100000)
        return ZJ_EINVAL;
    for (size_t i = 0; i < N_PARAMS; i++) {
        if (!strcmp(params[i].key, key)) {
            /* a percentile is 1..100; a count of persons and a window at least 1 */
            if (!strcmp(key, "CHG-10.facility_percentile") && (value < 1 || value > 100))
                return ZJ_EINVAL;
            if ((!strcmp(key, "CHG-11.persons") || !strcmp(key, "DUTY-01.min_persons") ||
                 !strcmp(key, "CHG-10.window_months") || !strcmp(key, "DUTY-01.window_months") ||
                 !strcmp(key, "H-05.incidents") || !strcmp(key, "H-09.years")) &&
                value < 1)
                return ZJ_EINVAL;
            int old = *field(p, i);
            *field(p, i) = (int)value;
            /* C-15: a relaxation is a fraction below one */
            if (!strncmp(key, "C-15.", 5) &&
                (p->c15_relax_den <= 0 || p->c15_relax_num >= p->c15_relax_den)) {
                *field(p, i) = old;
                return ZJ_EINVAL;
            }
            return 0;
        }
    }
    return ZJ_EINVAL;
}

size_t law_params_count(void)
{
    return N_PARAMS;
}

const char *law_params_key(size_t i, const struct law_params *p, long *value)
{
    if (i >= N_PARAMS)
        return NULL;
    if (value)
        *value = p ? *(const int *)((const char *)p + params[i].offset) : params[i].def;
    return params[i].key;
}

static void trim(const char **s, size_t *n)
{
    while (*n && (**s == ' ' || **s == '\t'))
        (*s)++, (*n)--;
    while (*n && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t' || (*s)[*n - 1] == '\r'))
        (*n)--;
}

int law_params_parse(const char *text, size_t n, struct law_params *p, zj_diag *d)
{
    long line = 0;
    size_t pos = 0;
    while (pos < n) {
        const char *s = text + pos;
        const char *nl = memchr(s, '\n', n - pos);
        size_t len = nl ? (size_t)(nl - s) : n - pos;
        pos += len + 1;
        line++;
        const char *hash = memchr(s, '#', len);
        if (hash)
            len = (size_t)(hash - s);
        trim(&s, &len);
        if (!len)
            continue;
        const char *eq = memchr(s, '=', len);
        if (d)
            d->line = line;
        if (!eq) {
            zj_diag_set(d, "", "expected 'key = value' on line %ld", line);
            return ZJ_EINVAL;
        }
        const char *k = s, *v = eq + 1;
        size_t kn = (size_t)(eq - s), vn = len - kn - 1;
        trim(&k, &kn);
        trim(&v, &vn);
        char key[64], val[32];
        if (kn == 0 || kn >= sizeof key || vn == 0 || vn >= sizeof val) {
            zj_diag_set(d, "", "bad parameter line %ld", line);
            return ZJ_EINVAL;
        }
        memcpy(key, k, kn);
        key[kn] = '\0';
        memcpy(val, v, vn);
        val[vn] = '\0';
        char *end;
        errno = 0;
        long value = strtol(val, &end, 10);
        if (errno || *end) {
            zj_diag_set(d, key, "invalid number '%s' for '%s'", val, key);
            return ZJ_EINVAL;
        }
        if (law_params_set(p, key, value) < 0) {
            bool known = false;
            for (size_t i = 0; i < N_PARAMS && !known; i++)
                known = !strcmp(params[i].key, key);
            if (known)
                zj_diag_set(d, key, "value %ld out of range for '%s'", value, key);
            else
                zj_diag_set(d, key, "unknown parameter '%s'", key);
            return ZJ_EINVAL;
        }
    }
    return 0;
}

int law_params_load(const char *path, struct law_params *p, zj_diag *d)
{
    int rc = ZJ_EIO;
    char *buf = NULL;
    size_t len = 0, cap = 0;
    FILE *f = fopen(path, "rb");
    if (!f) {
        if (d)
            snprintf(d->file, sizeof d->file, "%s", path);
        zj_diag_set(d, "", "cannot read '%s': %s", path, strerror(errno));
        goto done;
    }
    for (;;) {
        if (len + 4096 > cap) {
            cap = cap ? cap * 2 : 8192;
            if (cap > (1u << 20)) {
                zj_diag_set(d, "", "config file '%s' too large", path);
                rc = ZJ_EINVAL;
                goto done;
            }
            char *nb = realloc(buf, cap);
            if (!nb)
                abort();
            buf = nb;
        }
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        zj_diag_set(d, "", "cannot read '%s'", path);
        goto done;
    }
    if (d)
        snprintf(d->file, sizeof d->file, "%s", path);
    rc = law_params_parse(buf, len, p, d);
done:
    if (f)
        fclose(f);
    free(buf);
    return rc;
}
