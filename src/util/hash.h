/*
 * hash.h — FNV-1a over bytes, for the open-addressing tables of the import (feeds.c's
 * warning memo), the score histogram (score_hist.c) and the activities' dates
 * (act_dates.c).
 */
#ifndef ZJ_UTIL_HASH_H
#define ZJ_UTIL_HASH_H

#include <stddef.h>
#include <stdint.h>

static inline uint64_t zj_fnv1a(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    return h;
}

#endif
