/*
 * intervals.h — the legal periods of one person, computed once per timeline so that every
 * model reads the same window with two ends (docs/intervals.md).
 *
 * A tl_interval is one period: custody at a facility, temporary execution outside prison
 * (暂予监外执行), parole, probation, surveillance (管制), a community correction, the
 * deprivation of political rights, a leave (from custody or during a correction), a
 * restraint or solitary span, the days an imprisonment judgment is in force before the
 * person is held. It runs from `start` to `end`, both days included; `ended_by`
 * names the fact that ended it and `end_ref` that fact's record (change_id, event_id,
 * cc_id, judgment_id). An interval no fact has ended yet has end = ZJ_DATE_NONE (it runs
 * to the as-of date; `closed` false); an end dated after the as-of date (a scheduled end)
 * is kept with `closed` false.
 *
 * intervals_compute() fills tl->iv after timeline_compute() and timeline_law() (it reads
 * the law core's term ends); the engine calls it for every person.
 */
#ifndef ZJ_INTERVALS_H
#define ZJ_INTERVALS_H
#include <stdbool.h>
#include <stddef.h>

#include "law/date.h"
#include "util/strbuf.h"

struct zj_timeline;

enum tl_interval_kind {
    IV_CUSTODY = 0,  /* held at facility_id (ref: the event that began it) */
    IV_TEMP_OUTSIDE, /* 暂予监外执行 (ref: the temp_outside change) */
    IV_PAROLE,       /* 假释考验期 (ref: the parole change) */
    IV_PROBATION,    /* 缓刑考验期 (ref: the judgment) */
    IV_SURVEILLANCE, /* 管制 (ref: the judgment) */
    IV_CORRECTION,   /* 社区矫正 (ref: the cc_id) */
    IV_DPR,          /* 剥夺政治权利 (ref: the judgment) */
    IV_LEAVE,        /* 离监探亲/经批准外出 from custody (ref: the leave_start event) */
    IV_CC_LEAVE,     /* 社区矫正经批准外出 (ref: the cc_id; end_ref the leave_end event) */
    IV_RESTRAINT,    /* 禁闭、戒具 (ref: the restraints record; kind_s its kind) */
    IV_UNDELIVERED,  /* 判决生效后未羁押: an imprisonment judgment in force, the person not
                        yet held (ref: the judgment) */
    IV_KIND_COUNT
};

typedef struct tl_interval {
    int kind;                /* enum tl_interval_kind */
    const char *ref;         /* the record that opened it */
    const char *judgment_id; /* the judgment it executes, when known */
    const char *facility_id; /* custody/restraint: the facility; correction: the agency */
    const char *kind_s;      /* restraint kind, correction basis, temp_outside grounds */
    zj_date start, end;      /* both included; end NONE = not ended */
    const char *ended_by;    /* what ended it (see intervals.c), NULL while open */
    const char *end_ref;     /* the record of that fact (may be NULL) */
    bool closed;             /* ended on or before the as-of date */
    zj_date due;             /* temp_outside on pregnancy grounds: the end of the decision's
                                period (the correction's end_date), the day re-imprisonment
                                fell due (T-03); NONE otherwise */
    size_t src;              /* index of the opening row in its timeline array */
} tl_interval;

/* Compute tl->iv from the timeline's rows and figures (replaces the previous person's). */
void intervals_compute(struct zj_timeline *tl);

/* The first interval of `kind` opened by record `ref`, or NULL. */
const tl_interval *interval_find(const struct zj_timeline *tl, int kind, const char *ref);

/* The last day counted inside: the end, or as_of while not ended (and for a later end). */
zj_date interval_last(const tl_interval *iv, zj_date as_of);

/* Is day d inside [start, interval_last]? */
bool interval_contains(const tl_interval *iv, zj_date d, zj_date as_of);

/* English name of a kind ("temp_outside", …) and its Chinese label ("暂予监外执行", …). */
const char *interval_kind_name(int kind);
const char *interval_kind_cn(int kind);
/* Chinese label of an ended_by value ("撤销暂予监外执行", "刑期届满", …). */
const char *interval_end_cn(const char *ended_by);

/* ,"key":{"kind":…,"ref":…,"start":…,"end":…,"ended_by":…,"end_ref":…} (evidence). */
void ev_interval(strbuf *sb, const char *key, const tl_interval *iv);
/* "2014-03-01至2014-09-30（矫正期满）" or "2014-03-01起（至今未结束）" into buf. */
const char *interval_text(const tl_interval *iv, char *buf, size_t n);

#endif
