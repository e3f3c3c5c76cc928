/*
 * xalloc.h — allocation that never returns NULL: out of memory aborts the program with a
 * message (as git's xmalloc and redis's zmalloc do). Bad input never aborts; only a
 * failed allocation does.
 */
#ifndef ZJ_XALLOC_H
#define ZJ_XALLOC_H
#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* printf into a fresh string; caller frees. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Grow *items (of *alloc elements of size elem) to hold at least need; doubles. */
#define XGROW(items, need, alloc)                                                                  \
    do {                                                                                           \
        if ((size_t)(need) > (alloc)) {                                                            \
            size_t n_ = (alloc) ? (alloc)*2 : 16;                                                  \
            while (n_ < (size_t)(need))                                                            \
                n_ *= 2;                                                                           \
            (items) = xrealloc((items), n_ * sizeof(*(items)));                                    \
            (alloc) = n_;                                                                          \
        }                                                                                          \
    } while (0)

#endif
