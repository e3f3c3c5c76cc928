/*
 * gen.h — the synthetic-province generator behind `zhijian gen` (issue 4).
 *
 * Writes the feeds of spec/feeds.md (version 1 and the custody-safety feeds of version 2)
 * into a directory, person by person (nothing of the population is held in memory except
 * a set of used id_numbers and the recent occupants of each cell), deterministic for
 * the options: the same options give byte-identical files. The background is lawful
 * under spec/law.md; planted irregularities and near misses for every model of
 * spec/models.md are written with their answer key (answers.csv, near_misses.csv).
 * With corrupt > 0, bad rows of every kind feeds.md rejects are appended and listed in
 * bad_rows.csv. Readings of ambiguous model definitions are documented in src/gen/README.md.
 */
#ifndef ZJ_GEN_H
#define ZJ_GEN_H
#include <stddef.h>
#include <stdint.h>

#include "law/date.h"

struct gen_options {
    const char *out_dir;  /* created if missing */
    long persons;         /* persons to write, plants included (default 10000) */
    uint64_t seed;        /* default 1 */
    zj_date as_of;        /* the screening date the data describes (default 2026-06-30) */
    int provinces;        /* 1..3: 浙江, 江苏, 四川 (default 1) */
    double plant_rate;    /* planted cases per 1,000 persons per model (default 3) */
    int corrupt;          /* bad rows of each rejected kind (default 0) */
    int long_share;       /* per mille of persons forced to long terms (bench; default 0) */
    int noise;            /* background noise level, 0 = none (default 1; gen_noise.c) */
    int progress;         /* show progress on stderr */
    const char *province; /* NULL, or one province by code ("33", "32", "51") for the
                             national tier: its own facilities and persons */
    int cross;            /* with province: K persons crossing between 33, 32 and 51,
                             planted for the national models (national_answers.csv) */
};

/* Default options (as documented in `zhijian gen --help`). */
void gen_options_default(struct gen_options *o);

/* Generate the data set. Returns 0, or -1 with a lowercase message in err. */
int gen_run(const struct gen_options *o, char *err, size_t errlen);

/* The GB 11643 check character of the first 17 digits of a resident ID ('0'..'9','X'). */
char gen_id_check(const char *first17);

#endif
