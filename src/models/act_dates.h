/*
 * act_dates.h — the dates of every activity (the `activities` feed) by id_number, read in
 * one scan of the table, for a full screening's PAP-01: a person none of whose activity
 * dates falls on a day held whole needs no look-up of the activities' rows (a seek into
 * the 45 MB table for each of 86 % of the persons at 100,000; issue 15).
 */
#ifndef ZJ_ACT_DATES_H
#define ZJ_ACT_DATES_H
#include <sqlite3.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "law/date.h"

typedef struct act_id {
    uint32_t off;   /* the id_number in act_dates.pool */
    uint32_t first; /* its dates: act_dates.date[first .. first + n) */
    uint32_t n;
} act_id;

typedef struct act_dates {
    char *pool;    /* the distinct id_numbers, NUL-terminated, in ascending (bytewise) order */
    act_id *id;    /* n_id of them, in the same order */
    zj_date *date; /* as the engine parses activity_date (ZJ_DATE_NONE: not a date) */
    size_t n_id, n_date;
    uint32_t *slot;    /* open addressing by a hash of the id_number: k + 1, 0 = free */
    size_t cap;        /* a power of two, at least twice n_id */
    atomic_bool ready; /* set (release) once built; until then, and after a failure, unused */
} act_dates;

/* Read every activity's id_number and date from db (a connection of the caller's thread,
 * in a read transaction of its own) into a, then mark it ready. 0 or ZJ_EDB (a stays not
 * ready). */
int act_dates_build(sqlite3 *db, act_dates *a);
/* The dates of the activities of id_number (NULL: none) in a ready a: true, else false. */
bool act_dates_of(const act_dates *a, const char *id_number, const zj_date **dates, size_t *n);
void act_dates_release(act_dates *a);

#endif
