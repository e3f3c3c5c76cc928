/* embedded.c — lookup in the table that cmake/embed.cmake generates. */
#include "util/embedded.h"

#include <string.h>

const struct zj_embedded *zj_embedded_find(const char *path)
{
    for (const struct zj_embedded *e = zj_embedded_files; e->path; e++)
        if (strcmp(e->path, path) == 0)
            return e;
    return NULL;
}
