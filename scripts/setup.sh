#!/usr/bin/env bash
# Installs what zhijian needs on a fresh Debian 12 machine, only when missing.
# Used by `make demo`, `make test` and .ci/run. Safe to run repeatedly.
set -eu
PKGS="build-essential cmake pkg-config clang libclang-rt-14-dev sqlite3 libsqlite3-dev
      libjansson-dev libsodium-dev libmicrohttpd-dev libcmocka-dev libzip-dev libcsv-dev
      python3"
# Browser tests and benchmarks (only when asked: ZJ_BROWSER=1 / ZJ_BENCH=1).
[ "${ZJ_BROWSER:-0}" = 1 ] && PKGS="$PKGS chromium nodejs npm fonts-wqy-microhei curl"
[ "${ZJ_BENCH:-0}" = 1 ] && PKGS="$PKGS wrk hyperfine time"
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "setup: installing:$missing" >&2
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >&2
fi
exit 0
