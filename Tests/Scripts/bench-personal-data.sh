#!/usr/bin/env bash
# Throughput of the PersonalData scanner (with validation) next to ripgrep with a pattern set
# that approximates the detectors (no validation: Tests/Scripts/bench-personal-data.rg), on
# generated log lines (100 MB by default; one line in eight carries a personal value, and most
# words are numbers: timestamps, counters, versions, durations). The whole-process numbers of
# modelgate include reading the file into memory, as ripgrep's include its reading.
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
# Best of three wall times, the file in the page cache.
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

# CPU seconds (user + system) are the fair comparison on a machine shared with other work.
cpu_of() { /usr/bin/time -f "%U %S" -o "$work/time" "$@" > "$work/out" || { echo "failed: $*" >&2; exit 1; }; awk '{ print $1 + $2 }' "$work/time"; }
best_cpu() {
  local best_cpu=
  for _ in 1 2 3; do
    local c
    c=$(cpu_of "$@")
    best_cpu=$(awk -v c="$c" -v b="$best_cpu" 'BEGIN { print (b == "" || c < b) ? c : b }')
  done
  echo "$best_cpu"
}

one=$(best "$work/bench" scan "$data" 1); cp "$work/out" "$work/one"
two=$(best "$work/bench" scan "$data" 2); cp "$work/out" "$work/two"
rg_wall=$(best rg --count-matches -j1 -f Tests/Scripts/bench-personal-data.rg "$data")
rg_cpu=$(best_cpu rg --count-matches -j1 -f Tests/Scripts/bench-personal-data.rg "$data")
rg_matches=$(cat "$work/out")
scan_cpu=$(best_cpu "$work/bench" scan "$data" 1)
field() { tail -1 "$1" | awk -v k="$2" '{ for (i = 1; i < NF; i++) if ($i == k) print $(i + 1) }'; }
echo "file: $((bytes / 1000000)) MB, $(nproc) cores, load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "matches per detector: $(grep -v '^matches' "$work/one" | awk '$2 > 0 { printf "%s %s, ", $1, $2 }')"
echo "modelgate scanner, 1 thread:  scan $(field "$work/one" MB/s) MB/s wall, $(field "$work/one" cpu_MB/s) MB/s of CPU; whole process $(mbps "$one") MB/s wall, $(mbps "$scan_cpu") MB/s of CPU"
echo "modelgate scanner, 2 threads: scan $(field "$work/two" MB/s) MB/s wall; whole process $(mbps "$two") MB/s wall"
echo "ripgrep $(rg --version | head -1 | cut -d' ' -f2) -j1, the pattern set, no validation: $(mbps "$rg_wall") MB/s wall, $(mbps "$rg_cpu") MB/s of CPU ($rg_matches matches)"
awk -v a="$scan_cpu" -v b="$rg_cpu" 'BEGIN { printf "modelgate / ripgrep, CPU time of the whole process: %.2fx\n", b / a }'
awk -v a="$one" -v b="$rg_wall" 'BEGIN { printf "modelgate / ripgrep, wall time, one thread each: %.2fx\n", b / a }'
