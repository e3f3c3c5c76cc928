#!/usr/bin/env bash
# The C sources are as `make format` leaves them (.clang-format; issue 14: format checked in CI).
# On failure: run `make format` and commit the result.
set -eu
cd "${ZJ_SOURCE_DIR:?}"
command -v clang-format >/dev/null || { echo "format: clang-format missing (scripts/setup.sh installs it)"; exit 1; }
git rev-parse --git-dir >/dev/null 2>&1 || { echo "format: not a git checkout, skipped"; exit 77; }
mapfile -t files < <(git ls-files 'src/*.c' 'src/*.h' 'tests/*.c' 'fuzz/*.c')
if ! clang-format --dry-run --Werror "${files[@]}" 2>/tmp/zj_format.$$; then
  grep -E '^[^ ].*: (error|warning):' /tmp/zj_format.$$ | cut -d: -f1 | sort -u | sed 's/^/format: not formatted: /'
  rm -f /tmp/zj_format.$$
  echo "format: run 'make format' and commit"
  exit 1
fi
rm -f /tmp/zj_format.$$
echo "format: ${#files[@]} files formatted"
