#!/usr/bin/env bash
# Throughput of the PersonalData scanner (with validation) next to ripgrep with a pattern set
# that approximates the detectors (no validation: Tests/Scripts/bench-personal-data.rg), on
# generated log text (100 MB by default).
# Usage: Tests/Scripts/bench-personal-data.sh [MEGABYTES]
set -euo pipefail
cd "$(dirname "$0")/../.."
megabytes=${1:-100}
work=$(mktemp -d "${TMPDIR:-/tmp}/bench-personal-data.XXXXXX")
trap 'rm -rf "$work"' EXIT

echo "building (release)..."
swiftc -O -wmo -parse-as-library -module-name PersonalData -emit-module -emit-module-path "$work/PersonalData.swiftmodule" \
  -emit-library -static -o "$work/libPersonalData.a" $(find Sources/PersonalData -name '*.swift' | sort)
swiftc -O -I "$work" -L "$work" -lPersonalData Tests/Scripts/bench-personal-data/BenchPersonalData.swift -o "$work/bench"

data="$work/log.txt"
echo "generating $megabytes MB..."
"$work/bench" generate "$data" "$megabytes"
bytes=$(wc -c < "$data")
cat "$data" > /dev/null

now() { date +%s.%N; }
# Best of three, the file in the page cache.
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
mbps() { awk -v b="$bytes" -v t="$1" 'BEGIN { printf "%.0f", b / 1e6 / t }'; }

one=$(best "$work/bench" scan "$data" 1); cp "$work/out" "$work/one"
two=$(best "$work/bench" scan "$data" 2)
rg_one=$(best sh -c "rg --count-matches -j1 -f Tests/Scripts/bench-personal-data.rg '$data' || true")
rg_matches=$(cat "$work/out")
echo "file: $((bytes / 1000000)) MB, $(nproc) cores"
grep -v '^matches' "$work/one" | awk '$2 > 0' | tr '\n' ' '; echo
echo "modelgate scanner, 1 thread (wall incl. start-up):  $(mbps "$one") MB/s  ($(tail -1 "$work/one"))"
echo "modelgate scanner, 2 threads (wall incl. start-up): $(mbps "$two") MB/s"
echo "ripgrep $(rg --version | head -1 | cut -d' ' -f2), same patterns, no validation:  $(mbps "$rg_one") MB/s  ($rg_matches matching lines' matches)"
awk -v a="$one" -v b="$rg_one" 'BEGIN { printf "ratio (1 thread vs ripgrep): %.2fx\n", b / a }'
