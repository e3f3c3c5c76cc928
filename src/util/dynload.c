/* dynload.c — libraries loaded when first needed (dynload.h). */
#include "util/dynload.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

void *dynload_open(const char *soname, const char *package, char *err, size_t n)
{
    void *h = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        const char *why = dlerror();
        snprintf(err, n, "cannot load %s (package %s): %.180s", soname, package,
                 why ? why : "dlopen failed");
    }
    return h;
}

void *dynload_sym(void *h, const char *soname, const char *name, char *err, size_t n)
{
    void *p = dlsym(h, name);
    if (!p)
        snprintf(err, n, "cannot load %s: no symbol %s", soname, name);
    return p;
}

void dynload_need(const char *err, const char *who, const char *name)
{
    if (err) {
        fprintf(stderr, "%s: %s (calling %s)\n", who, err, name);
        abort();
    }
}
