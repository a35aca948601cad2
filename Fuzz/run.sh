#!/usr/bin/env bash
# Builds and runs one libFuzzer target: Fuzz/run.sh NAME [RUNS] [extra libFuzzer flags...]
# A target is Fuzz/NAME.swift; its first line "// fuzz-sources: DIR [DIR...]" names the source
# folders compiled into the same module with it (so the target calls them without an import).
# Example: Fuzz/run.sh YAMLReaderFuzz 2000000
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: Fuzz/run.sh NAME [RUNS] [libFuzzer flags...]}
runs=${2:-1000000}
shift $(( $# >= 2 ? 2 : 1 ))
target="Fuzz/$name.swift"
[ -f "$target" ] || { echo "no fuzz target $target" >&2; exit 2; }
dirs=$(sed -n '1s|^// fuzz-sources:||p' "$target")
sources=()
for d in $dirs; do sources+=("$d"/*.swift); done
mkdir -p Fuzz/out "Fuzz/corpus-$name"
swiftc -O -sanitize=fuzzer,address -parse-as-library -module-name FuzzTarget \
  "$target" "${sources[@]}" -o "Fuzz/out/$name"
seed="Fuzz/seeds/$name"
corpora=("Fuzz/corpus-$name")
[ -d "$seed" ] && corpora+=("$seed")
"Fuzz/out/$name" -runs="$runs" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
  -artifact_prefix="Fuzz/out/$name-" "$@" "${corpora[@]}"
