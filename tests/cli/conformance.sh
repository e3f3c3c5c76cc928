#!/usr/bin/env bash
# The shared conformance examples (../shared/conformance) against this build.
set -eu
: "${ZJ:?path to zhijian}" "${ZJ_SHARED:?path to shared/}"
cd "$(mktemp -d)"
python3 "$ZJ_SHARED/conformance/check.py" "$ZJ"
