/*
 * gen_out.h — the generator's output side: the feed files with their feeds.md
 * headers, line counting (for bad_rows.csv), and fast date/money formatting.
 */
#ifndef ZJ_GEN_OUT_H
#define ZJ_GEN_OUT_H
#include <stdio.h>

#include "law/date.h"

enum gen_feed {
    F_FAC,
    F_STAFF,
    F_PERS,
    F_JUDG,
    F_CUST,
    F_MED,
    F_CHG,
    F_SCORE,
    F_MERIT,
    F_CORR,
    F_CCEV,
    F_VOTE,
    F_PROP,
    F_PAY,
    F_CELL,
    F_RESTR,
    F_DEATH,
    F_ACT,
    F_INC,
    F_INCP,
    F_LAB,
    F_REL, /* version 2: custody safety (gen_safety.c) */
    F_RQ,
    F_SEIZ, /* version 2: record_queries, seizures (gen_records.c) */
    F_NFEEDS
};
extern const char *const gen_feed_names[F_NFEEDS];
extern const char *const gen_feed_headers[F_NFEEDS];

struct gen_out {
    FILE *f[F_NFEEDS];
    long lines[F_NFEEDS]; /* lines written so far, header included */
    long long rows;       /* data rows written, all feeds */
    FILE *answers, *near;
    FILE *planted; /* planted_persons.csv (with noise), else NULL */
    FILE *ends;    /* near_miss_ends.csv (with noise), else NULL */
};

/* Open DIR/<feed>.csv for every feed plus answers.csv and near_misses.csv (and
 * planted_persons.csv and near_miss_ends.csv when `planted`), writing the headers. Returns 0 or -1
 * (errno set). */
int gen_out_open(struct gen_out *o, const char *dir, int planted);
/* Flush and close everything. Returns 0 or -1 when a write failed. */
int gen_out_close(struct gen_out *o);
/* One data row (fmt without the line end). */
void gen_row(struct gen_out *o, enum gen_feed f, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Format a date ("" for ZJ_DATE_NONE) into one of 16 rotating static buffers. */
const char *gen_d(zj_date d);
/* Format a month "YYYY-MM" (rotating buffers). */
const char *gen_m(zj_date d);
/* Money in fen as yuan with 2 decimals (rotating buffers). */
const char *gen_money(long long fen);

#endif
