/*
 * lib_load.h — libraries a few commands need, loaded with dlopen at their first call instead
 * of linked (src/util/{crypto,zip,expat,freexl,xlsxw}_load.c, on util/dynload.h).
 *
 * Linked, libcrypto, libzip, expat, FreeXL and libxlsxwriter (and libbz2, libz, minizip
 * behind them) cost every command ≈ 1 ms of CPU at start, a screening too
 * (docs/benchmarks.md). Their users call the functions of the libraries' headers as usual;
 * the first call loads the library. A user that can report an error asks first: each
 * function below loads its library and returns NULL, or why it cannot be loaded ("cannot
 * load SONAME (package PACKAGE): …"); a call into a library that cannot be loaded prints
 * that reason and aborts.
 */
#ifndef ZJ_UTIL_LIB_LOAD_H
#define ZJ_UTIL_LIB_LOAD_H

/* libcrypto.so.3 (EVP digests: the import's SHA-256) */
const char *crypto_lib_error(void);
/* libzip.so.4 (the .xlsx and .docx files) */
const char *zip_lib_error(void);
/* libexpat.so.1 (their XML) */
const char *expat_lib_error(void);
/* libfreexl.so.1 (the .xls files) */
const char *freexl_lib_error(void);
/* libxlsxwriter.so.4 (the .xlsx files written) */
const char *xlsxw_lib_error(void);

#endif
