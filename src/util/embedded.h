/*
 * embedded.h — files compiled into the program (cmake/embed.cmake): the SQL schema
 * migrations (src/store/schema_*.sql) and the web UI (files under web/). Each is
 * NUL-terminated after `len` bytes, so text can be used as a C string.
 */
#ifndef ZJ_EMBEDDED_H
#define ZJ_EMBEDDED_H
#include <stddef.h>

struct zj_embedded {
    const char *path; /* relative to the source root, e.g. "src/store/schema_feeds.sql" */
    const unsigned char *data;
    size_t len;
};

extern const struct zj_embedded zj_embedded_files[];

/* The embedded file at path, or NULL. */
const struct zj_embedded *zj_embedded_find(const char *path);

#endif
