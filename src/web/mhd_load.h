/*
 * mhd_load.h — libmicrohttpd loaded when `serve` starts, not linked (mhd_load.c).
 *
 * Linked, libmicrohttpd and what it pulls in (gnutls, nettle, gmp, p11-kit, idn2…: 10
 * shared objects) cost every command ≈ 1.2 ms of CPU at start. The web layer calls the
 * MHD_… functions of <microhttpd.h> as usual once mhd_lib_error() has returned NULL.
 */
#ifndef ZJ_WEB_MHD_LOAD_H
#define ZJ_WEB_MHD_LOAD_H

/* NULL once libmicrohttpd is loaded (the first call loads it), else why it cannot be. */
const char *mhd_lib_error(void);

#endif
