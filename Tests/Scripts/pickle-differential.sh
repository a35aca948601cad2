#!/usr/bin/env bash
# The pickle scanner against CPython's unpickler (see pickle_differential.py) on the test corpus
# and on the fuzzer's corpus, when there is one. Needs Python 3 only (no packages).
# Usage: Tests/Scripts/pickle-differential.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
work=$(mktemp -d "${TMPDIR:-/tmp}/pickle-differential.XXXXXX")
trap 'rm -rf "$work"' EXIT
swiftc -O -wmo -parse-as-library -module-name ModelFiles -emit-module -emit-module-path "$work/ModelFiles.swiftmodule" \
  -emit-library -static -o "$work/libModelFiles.a" Sources/ModelFiles/*.swift
swiftc -O -parse-as-library -I "$work" -L "$work" -lModelFiles \
  Tests/Scripts/pickle-differential/PickleDifferential.swift -o "$work/pickle-differential"
python3 -W ignore Tests/Scripts/pickle_differential.py "$work/pickle-differential" Tests/ModelFilesTests/Fixtures/corpus
if [ -d Tests/Fuzz/corpus-PickleScannerFuzz ]; then
  python3 -W ignore Tests/Scripts/pickle_differential.py "$work/pickle-differential" Tests/Fuzz/corpus-PickleScannerFuzz --fuzz-input
fi
