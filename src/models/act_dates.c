/*
 * act_dates.c — the activities' dates by id_number (act_dates.h).
 */
#include "models/act_dates.h"
#include "store/store.h"
#include "util/error.h"
#include "util/hash.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

static uint64_t id_hash(const char *s)
{
    uint64_t h = zj_fnv1a(s, strlen(s));
    return h ^ (h >> 32);
}

/* Each id_number's dates come together (the rows in order of id_number): the open
 * addressing over the distinct ids. 0 or ZJ_EDB (too many). */
static int index_ids(act_dates *a)
{
    if (a->n_id >= UINT32_MAX / 4 || a->n_date >= UINT32_MAX)
        return ZJ_EDB;
    a->cap = 64;
    while (a->cap < 2 * a->n_id)
        a->cap *= 2;
    a->slot = xcalloc(a->cap, sizeof(*a->slot));
    for (size_t k = 0; k < a->n_id; k++) {
        size_t i = (size_t)id_hash(a->pool + a->id[k].off) & (a->cap - 1);
        while (a->slot[i])
            i = (i + 1) & (a->cap - 1);
        a->slot[i] = (uint32_t)k + 1;
    }
    return 0;
}

int act_dates_build(sqlite3 *db, act_dates *a)
{
    size_t a_pool = 0, a_id = 0, a_date = 0, pool_len = 0, last_len = 0;
    /* the table's primary key (id_number, activity_date, record_id): no sort */
    sqlite3_stmt *st = store_prepare(db, "SELECT id_number, activity_date FROM activities"
                                         " ORDER BY id_number, activity_date");
    if (!st)
        return ZJ_EDB;
    store_exec(db, "BEGIN", NULL);
    int step;
    bool ordered = true;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *id = (const char *)sqlite3_column_text(st, 0);
        size_t len = (size_t)sqlite3_column_bytes(st, 0);
        if (!id)
            continue; /* no look-up by id_number finds it */
        const char *prev = a->n_id ? a->pool + a->id[a->n_id - 1].off : NULL;
        int c = prev ? memcmp(prev, id, last_len < len ? last_len : len) : -1;
        if (prev && c == 0)
            c = last_len < len ? -1 : last_len > len ? 1 : 0;
        if (c > 0 || memchr(id, 0, len) || pool_len + len >= UINT32_MAX) {
            ordered = false; /* an id's dates would not all come together */
            break;
        }
        if (c != 0) {
            XGROW(a->id, a->n_id + 1, a_id);
            XGROW(a->pool, pool_len + len + 1, a_pool);
            memcpy(a->pool + pool_len, id, len);
            a->pool[pool_len + len] = '\0';
            a->id[a->n_id++] = (act_id){(uint32_t)pool_len, (uint32_t)a->n_date, 0};
            pool_len += len + 1;
            last_len = len;
        }
        const char *t = (const char *)sqlite3_column_text(st, 1);
        zj_date d;
        if (!t || date_parse(t, (unsigned)strlen(t), &d) != 0) /* as the engine's loader */
            d = ZJ_DATE_NONE;
        XGROW(a->date, a->n_date + 1, a_date);
        a->date[a->n_date++] = d;
        a->id[a->n_id - 1].n++;
    }
    sqlite3_finalize(st);
    store_exec(db, "COMMIT", NULL);
    if (!ordered || step != SQLITE_DONE || index_ids(a) != 0)
        return ZJ_EDB;
    atomic_store_explicit(&a->ready, true, memory_order_release);
    return 0;
}

bool act_dates_of(const act_dates *a, const char *id_number, const zj_date **dates, size_t *n)
{
    if (!atomic_load_explicit(&a->ready, memory_order_acquire))
        return false;
    *dates = NULL;
    *n = 0;
    if (!id_number)
        return true;
    for (size_t i = (size_t)id_hash(id_number) & (a->cap - 1); a->slot[i];
         i = (i + 1) & (a->cap - 1)) {
        const act_id *k = &a->id[a->slot[i] - 1];
        if (!strcmp(a->pool + k->off, id_number)) {
            *dates = a->date + k->first;
            *n = k->n;
            break;
        }
    }
    return true;
}

void act_dates_release(act_dates *a)
{
    free(a->pool);
    free(a->id);
    free(a->date);
    free(a->slot);
    a->pool = NULL;
    a->id = NULL;
    a->date = NULL;
    a->slot = NULL;
    a->n_id = a->n_date = a->cap = 0;
    atomic_store(&a->ready, false);
}
