/*
 * crypto_load.c — libcrypto (OpenSSL) loaded when first called, not linked (lib_load.h).
 *
 * Its users: src/ingest/encoding.c: the SHA-256 of an imported file. Each function they call is
 * defined here with the name and the prototype of <openssl/evp.h> (the compiler checks the
 * definition against the header's declaration) and calls the library's function through a pointer
 * found with dlsym; the first call loads the library. The program does not export these
 * definitions, so the loaded library binds to its own functions.
 */
#include "util/lib_load.h"

#include "util/dynload.h"

#include <openssl/evp.h>
#include <pthread.h>

#define CRYPTO_SONAME "libcrypto.so.3"
#define CRYPTO_PACKAGE "libssl3"

/* F(return type, name, parameters, arguments), V(…) for void ones. */
#define CRYPTO_FUNCS(F, V)                                                                         \
    F(EVP_MD_CTX *, EVP_MD_CTX_new, (void), ())                                                    \
    V(EVP_MD_CTX_free, (EVP_MD_CTX * ctx), (ctx))                                                  \
    F(int, EVP_DigestInit_ex, (EVP_MD_CTX * ctx, const EVP_MD *type, ENGINE *impl),                \
      (ctx, type, impl))                                                                           \
    F(const EVP_MD *, EVP_sha256, (void), ())                                                      \
    F(int, EVP_DigestUpdate, (EVP_MD_CTX * ctx, const void *d, size_t cnt), (ctx, d, cnt))         \
    F(int, EVP_DigestFinal_ex, (EVP_MD_CTX * ctx, unsigned char *md, unsigned int *s), (ctx, md, s))

CRYPTO_FUNCS(DYNLOAD_PTR_F, DYNLOAD_PTR_V)

#define DL_SONAME CRYPTO_SONAME
static char dl_error[240]; /* why the library could not be loaded; "" once loaded */
static pthread_once_t crypto_once = PTHREAD_ONCE_INIT;

static void crypto_load(void)
{
    void *dl_h = dynload_open(CRYPTO_SONAME, CRYPTO_PACKAGE, dl_error, sizeof dl_error);
    if (!dl_h)
        return;
    CRYPTO_FUNCS(DYNLOAD_SYM_F, DYNLOAD_SYM_V)
}

const char *crypto_lib_error(void)
{
    pthread_once(&crypto_once, crypto_load);
    return dl_error[0] ? dl_error : NULL;
}

/* A caller that did not ask crypto_lib_error() first learns here that the library is
 * missing: the reason, then abort. */
static void need(const char *name)
{
    dynload_need(crypto_lib_error(), "zhijian", name);
}

CRYPTO_FUNCS(DYNLOAD_DEF_F, DYNLOAD_DEF_V)
