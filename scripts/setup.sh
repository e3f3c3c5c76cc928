#!/usr/bin/env bash
# Installs what zhijian needs on a fresh Debian 12 machine, only when missing.
# Used by `make demo`, `make test` and .ci/run. Safe to run repeatedly.
set -eu
# A package written PKG:CMD counts as present when the command CMD is on the PATH, so a
# machine whose Node.js (with its npm) or Python comes from elsewhere is left as it is
# (Debian's npm cannot be installed beside a non-Debian nodejs).
PKGS="build-essential cmake:cmake pkg-config clang:clang clang-format:clang-format libclang-rt-14-dev sqlite3:sqlite3
      libsqlite3-dev libjansson-dev libsodium-dev libmicrohttpd-dev libmicrohttpd12 libcmocka-dev libzip-dev
      libssl-dev libpq-dev libpq5 postgresql-15 libexpat1-dev libpoppler-glib-dev libpoppler-glib8 libfreexl-dev
      libxlsxwriter-dev python3:python3"
# libpoppler-glib8, libpq5 and libmicrohttpd12 are named for themselves: the program loads
# libpoppler-glib.so.8 at the first PDF, libpq.so.5 at the first PostgreSQL connection and
# libmicrohttpd.so.12 when `serve` starts (dlopen; docs/documents-intake.md,
# docs/national.md, docs/web.md); the -dev packages give the headers.
# Browser tests and benchmarks (only when asked: ZJ_BROWSER=1 / ZJ_BENCH=1).
[ "${ZJ_BROWSER:-0}" = 1 ] && PKGS="$PKGS chromium:chromium nodejs:node npm:npm fonts-wqy-microhei curl:curl"
# postgresql-15 is in the list above (the national tier's tests); bench/pg.sh runs it too.
[ "${ZJ_BENCH:-0}" = 1 ] && PKGS="$PKGS wrk:wrk hyperfine:hyperfine time postgresql-15"
missing=""
for item in $PKGS; do
  p=${item%%:*}
  cmd=${item#*:}
  if [ "$cmd" != "$item" ] && command -v "$cmd" >/dev/null 2>&1; then continue; fi
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "setup: installing:$missing" >&2
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >&2
fi
exit 0
