#!/usr/bin/env bash
# Throughput of the pickle scanner (ModelFiles, release build) on large benign pickles, next to
# `cat file > /dev/null`. The files come from bench_pickle_generate.py (numpy and scikit-learn).
# Usage: Tests/Scripts/bench-pickle.sh [MEGABYTES]   (size of the array pickle; default 200)
set -euo pipefail
cd "$(dirname "$0")/../.."
megabytes=${1:-200}
work=$(mktemp -d "${TMPDIR:-/tmp}/bench-pickle.XXXXXX")
trap 'rm -rf "$work"' EXIT

echo "building (release)..."
swiftc -O -wmo -parse-as-library -module-name ModelFiles -emit-module -emit-module-path "$work/ModelFiles.swiftmodule" \
  -emit-library -static -o "$work/libModelFiles.a" Sources/ModelFiles/*.swift
swiftc -O -parse-as-library -I "$work" -L "$work" -lModelFiles Tests/Scripts/bench-pickle/BenchPickle.swift -o "$work/bench-pickle"

echo "generating..."
python3 Tests/Scripts/bench_pickle_generate.py "$work" "$megabytes"
for file in "$work"/*.pkl; do
  cat "$file" > /dev/null
  start=$(date +%s.%N); cat "$file" > /dev/null; end=$(date +%s.%N)
  echo "$(basename "$file"): cat $(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f", e - s }') s"
done
"$work/bench-pickle" "$work"/*.pkl
