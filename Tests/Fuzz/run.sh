#!/usr/bin/env bash
# Builds and runs one libFuzzer target: Tests/Fuzz/run.sh NAME [RUNS] [extra libFuzzer flags...]
# A target is Tests/Fuzz/NAME.swift; its first line "// fuzz-sources: DIR [DIR...]" names the source
# folders (searched recursively) compiled into one module with it. Imports of those folders' own
# modules are dropped from the copies, so a target can reach code that spans several targets.
# Example: Tests/Fuzz/run.sh YAMLReaderFuzz 2000000
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
name=${1:?usage: Tests/Fuzz/run.sh NAME [RUNS] [libFuzzer flags...]}
runs=${2:-1000000}
shift $(( $# >= 2 ? 2 : 1 ))
target="$here/$name.swift"
[ -f "$target" ] || { echo "no fuzz target $target" >&2; exit 2; }
dirs=$(sed -n '1s|^// fuzz-sources:||p' "$target")
work="$here/out/$name-src"
rm -rf "$work"; mkdir -p "$work"
modules=""
for d in $dirs; do modules="$modules|$(basename "$d")"; done
modules=${modules#|}
i=0
for d in $dirs; do
  while IFS= read -r file; do
    i=$((i + 1))
    sed -E "/^import ($modules)\$/d" "$file" > "$work/$i-$(basename "$file")"
  done < <(find "$d" -name '*.swift' | sort)
done
mkdir -p "$here/out" "$here/corpus-$name"
swiftc -O -sanitize=fuzzer,address -parse-as-library -module-name FuzzTarget \
  "$target" "$work"/*.swift -o "$here/out/$name"
corpora=("$here/corpus-$name")
[ -d "$here/seeds/$name" ] && corpora+=("$here/seeds/$name")
"$here/out/$name" -runs="$runs" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
  -artifact_prefix="$here/out/$name-" "$@" "${corpora[@]}"
