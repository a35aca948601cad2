#!/usr/bin/env bash
# Throughput of the Tabular CSV reader next to `cat file > /dev/null`, on a generated numeric
# CSV (id,label,score,group + 7 features; about 1 GB at the default 10 million rows).
# The reader extracts label (int), score (double) and group (label id) from every row and sums.
# Usage: Tests/Scripts/bench-tabular.sh [ROWS]
set -euo pipefail
cd "$(dirname "$0")/../.."
rows=${1:-10000000}
work=$(mktemp -d "${TMPDIR:-/tmp}/bench-tabular.XXXXXX")
trap 'rm -rf "$work"' EXIT

# Tabular built as its own module, and the bench as a client of it, as a gate uses it.
echo "building (release)..."
swiftc -O -wmo -parse-as-library -module-name Tabular -emit-module -emit-module-path "$work/Tabular.swiftmodule" \
  -emit-library -static -o "$work/libTabular.a" Sources/Tabular/*.swift
swiftc -O -parse-as-library -I "$work" -L "$work" -lTabular Tests/Scripts/bench-tabular/BenchTabular.swift -o "$work/bench-tabular"

data="$work/data.csv"
echo "generating $rows rows..."
"$work/bench-tabular" generate "$data" "$rows"
bytes=$(wc -c < "$data")
echo "file: $((bytes / 1000000)) MB"

now() { date +%s.%N; }
# Best of three runs each, with the file in the page cache, so both sides read from memory.
best() {
  local best_time=
  for _ in 1 2 3; do
    local start end
    start=$(now)
    "$@" > "$work/out" || { echo "failed: $*" >&2; exit 1; }
    end=$(now)
    best_time=$(awk -v s="$start" -v e="$end" -v b="$best_time" 'BEGIN { t = e - s; print (b == "" || t < b) ? t : b }')
  done
  echo "$best_time"
}
cat "$data" > /dev/null
cat_time=$(best sh -c "cat '$data' > /dev/null")
read_time=$(best "$work/bench-tabular" read "$data")
cp "$work/out" "$work/reader-out"
# cat from the page cache is a memory copy; a test set of many GB comes from disk. Reading it
# past the cache (O_DIRECT) shows that bound, where the file system allows it.
disk_time=$(best sh -c "dd if='$data' of=/dev/null bs=4M iflag=direct 2>/dev/null" 2>/dev/null || echo "")
awk -v b="$bytes" -v c="$cat_time" -v r="$read_time" -v d="$disk_time" 'BEGIN {
  printf "cat > /dev/null (page cache) : %7.3f s  %8.0f MB/s\n", c, b / c / 1e6
  if (d != "") printf "dd iflag=direct (disk)      : %7.3f s  %8.0f MB/s\n", d, b / d / 1e6
  printf "Tabular reader, 3 columns    : %7.3f s  %8.0f MB/s\n", r, b / r / 1e6
  printf "ratio reader / cat: %.2f", r / c
  if (d != "") printf "   reader / disk: %.2f", r / d
  printf "\n"
}'
echo "reader output: $(cat "$work/reader-out")"
