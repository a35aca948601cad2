#!/usr/bin/env bash
# Release-build benchmark of the accuracy gate (issue 4): the binary metric set plus per-slice f1
# on a generated CSV, side by side with `cat file > /dev/null`, pandas + scikit-learn, and polars.
#
#   Tests/Scripts/bench-accuracy.sh [ROWS]          # default 10000000 (~240 MB of CSV)
#   RUNS=5 Tests/Scripts/bench-accuracy.sh 1000000  # runs per measurement (default 3, at least 3)
#   MODELGATE=path/to/modelgate Tests/Scripts/bench-accuracy.sh   # measure that binary, no build
#
# Needs: a Swift 6 toolchain, a C compiler (cc, or the toolchain's clang), python3 with pandas,
# scikit-learn and polars (`pip install pandas scikit-learn polars`), and GNU time for peak RSS and
# CPU time (`/usr/bin/time -v`; on Debian/Ubuntu `apt-get install -y time`). Without
# /usr/bin/time it samples VmHWM from /proc/PID/status every 10 ms, which can miss a short final
# peak, and takes CPU time from the shell's `times`.
#
# What it does:
#   1. builds modelgate in release into .build-bench/ (gitignored), leaving .build/ alone, and
#      Tests/Scripts/bench-tabular (the Tabular CSV reader on its own) into the temporary folder;
#   2. compiles Tests/Scripts/bench_accuracy_gen.c and writes ROWS rows of id,region,label,score
#      into a temporary folder (removed on exit, also on failure or Ctrl-C);
#   3. measures each of these RUNS times, after one untimed `cat` that puts the file in the page
#      cache, and reports the best and median wall time, the median CPU time (user + system, all
#      threads) and the largest peak RSS:
#        a. cat file > /dev/null, and bench-tabular read: modelgate's CSV reader alone on one
#           thread, decoding the label, score and region of every row (no metrics), the floor
#           under modelgate's time as long as one thread reads the file;
#        b. modelgate run --quiet on a pipeline with one binary accuracy gate, slice_by: region,
#           thresholds on the binary metric set and slice_thresholds {f1: ">= 0.01"}, bootstrap: 0;
#           and, on the first 1M rows, the same gate with bootstrap 0 and with the default 200
#           resamples, so the bootstrap's cost is reported on its own;
#        c. bench_accuracy_reference.py bench: pandas.read_csv + sklearn.metrics + groupby f1
#           (the wall time includes starting Python and importing pandas and scikit-learn; the
#           script's own phase timings are printed too);
#        d. bench_accuracy_polars.py bench: polars' multi-threaded read_csv and every metric from
#           per-score counts (one group-by on the score, then cumulative sums), exact;
#      e. when /proc/sys/vm/drop_caches is writable (root), a and b again with a cold cache (the
#         kernel's page cache dropped before each run), the way a CI job first reads a test set;
#      f. the sharded run: `--shard 1/2` on the full file, and `modelgate merge` of both shards;
#   4. checks modelgate's metrics against scikit-learn's and polars' (to 1e-9; roc_auc and pr_auc
#      to 1e-5, as modelgate bins scores past 2^19 distinct values), and polars' against
#      scikit-learn's (every metric to 1e-9: both are exact);
#   5. prints a Markdown table. MB are 10^6 bytes, for throughput and memory alike.
set -euo pipefail

ROWS=${1:-10000000}
RUNS=${RUNS:-3}
[[ $ROWS =~ ^[0-9]+$ && $ROWS -ge 1000 ]] || { echo "usage: $0 [ROWS >= 1000]" >&2; exit 2; }
[[ $RUNS =~ ^[0-9]+$ && $RUNS -ge 3 ]] || { echo "RUNS must be at least 3" >&2; exit 2; }
PREFIX_ROWS=$(( ROWS < 1000000 ? ROWS : 1000000 ))

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
SCRATCH=$ROOT/.build-bench

WORK=$(mktemp -d "${TMPDIR:-/tmp}/modelgate-bench.XXXXXX")
cleanup() { rm -rf "$WORK"; }
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

log() { printf '%s\n' "$*" >&2; }

python3 -c 'import pandas, sklearn, polars' 2>/dev/null ||
    { echo "needs python3 with pandas, scikit-learn and polars: pip install pandas scikit-learn polars" >&2; exit 2; }
CC=${CC:-$(command -v cc || command -v gcc || command -v clang || true)}
[[ -n $CC ]] || { echo "needs a C compiler (cc, gcc or clang)" >&2; exit 2; }
TIME_BIN=""
[[ -x /usr/bin/time ]] && /usr/bin/time -v true 2>/dev/null && TIME_BIN=/usr/bin/time

LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)

# --- 1. build ---------------------------------------------------------------------------------
if [[ -n ${MODELGATE:-} ]]; then
    log "using MODELGATE=$MODELGATE (no build)"
else
    log "building modelgate (release, --scratch-path $SCRATCH)…"
    build() { (cd "$ROOT" && swift build -c release --scratch-path "$SCRATCH" --product modelgate) >"$WORK/build.log" 2>&1; }
    if ! build; then
        # Another session editing sources mid-build makes swift-build stop ("modified during the
        # build"); one retry covers that, a real compile error fails twice.
        log "build failed; retrying once"
        build || { tail -30 "$WORK/build.log" >&2; exit 1; }
    fi
    MODELGATE=$(cd "$ROOT" && swift build -c release --scratch-path "$SCRATCH" --show-bin-path)/modelgate
fi
[[ -x $MODELGATE ]] || { echo "not an executable: $MODELGATE" >&2; exit 2; }
log "building bench-tabular (release)…"
swiftc -O -wmo -parse-as-library -module-name Tabular -emit-module -emit-module-path "$WORK/Tabular.swiftmodule" \
    -emit-library -static -o "$WORK/libTabular.a" "$ROOT"/Sources/Tabular/*.swift >"$WORK/build-tabular.log" 2>&1 &&
    swiftc -O -parse-as-library -I "$WORK" -L "$WORK" -lTabular "$HERE/bench-tabular/BenchTabular.swift" \
        -o "$WORK/bench-tabular" >>"$WORK/build-tabular.log" 2>&1 ||
    { tail -30 "$WORK/build-tabular.log" >&2; exit 1; }

# --- 2. data ----------------------------------------------------------------------------------
log "generating $ROWS rows…"
"$CC" -O2 -o "$WORK/gen" "$HERE/bench_accuracy_gen.c" -lm
CSV=$WORK/test.csv
"$WORK/gen" "$ROWS" >"$CSV"
head -n $((PREFIX_ROWS + 1)) "$CSV" >"$WORK/test-prefix.csv"
BYTES=$(stat -c %s "$CSV")
PREFIX_BYTES=$(stat -c %s "$WORK/test-prefix.csv")

pipeline() {  # pipeline FILE DATA BOOTSTRAP
    cat >"$1" <<EOF
version: 1
candidate: {name: bench, version: "1"}
gates:
  - id: quality
    type: accuracy
    data: $2
    task: binary
    label: label
    score: score
    slice_by: region
    bootstrap: $3
    timeout: 2h
    thresholds:
      accuracy: ">= 0.5"
      precision: ">= 0.1"
      recall: ">= 0.1"
      f1: ">= 0.1"
      roc_auc: ">= 0.6"
      pr_auc: ">= 0.1"
      log_loss: "<= 1"
      brier: "<= 0.5"
      mcc: ">= 0"
    slice_thresholds: {f1: ">= 0.01"}
EOF
}
pipeline "$WORK/full.yml" test.csv 0
pipeline "$WORK/prefix-b0.yml" test-prefix.csv 0
pipeline "$WORK/prefix-b200.yml" test-prefix.csv 200

# --- 3. measurements --------------------------------------------------------------------------
# measure NAME STDOUT COMMAND...: RUNS timed runs; one "seconds peak_rss_kb cpu_seconds" line per
# run in $WORK/NAME.runs
# With COLD=1 the page cache is dropped before each run.
measure() {
    local name=$1 out=$2 i t0 t1 rss cpu
    shift 2
    : >"$WORK/$name.runs"
    for ((i = 1; i <= RUNS; i++)); do
        log "  $name: run $i of $RUNS"
        if [[ ${COLD:-0} == 1 ]]; then sync; echo 1 >/proc/sys/vm/drop_caches; fi
        if [[ -n $TIME_BIN ]]; then
            t0=$(date +%s%N)
            "$TIME_BIN" -v -o "$WORK/time.txt" "$@" >"$out" ||
                { echo "$name failed: $*" >&2; cat "$WORK/time.txt" >&2; exit 1; }
            t1=$(date +%s%N)
            rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/time.txt")
            cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {printf "%.3f", s}' "$WORK/time.txt")
        else
            local pid hwm status=0 before
            before=$(children_cpu)
            t0=$(date +%s%N)
            "$@" >"$out" &
            pid=$!
            rss=0
            while kill -0 "$pid" 2>/dev/null; do
                hwm=$(awk '/^VmHWM:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
                [[ -n $hwm && $hwm -gt $rss ]] && rss=$hwm
                sleep 0.01
            done
            wait "$pid" || status=$?
            t1=$(date +%s%N)
            ((status == 0)) || { echo "$name failed ($status): $*" >&2; exit 1; }
            cpu=$(awk -v a="$before" -v b="$(children_cpu)" 'BEGIN {printf "%.3f", b - a}')
        fi
        echo "$(( (t1 - t0) / 1000 )) $rss $cpu" | awk '{printf "%.6f %d %s\n", $1 / 1e6, $2, $3}' >>"$WORK/$name.runs"
    done
}
# User + system seconds of this shell's finished children (bash's `times`, second line).
children_cpu() {
    times >"$WORK/times.txt"
    awk 'NR == 2 {for (i = 1; i <= 2; i++) {split($i, p, /[ms]/); s += p[1] * 60 + p[2]}; printf "%.3f", s}' "$WORK/times.txt"
}
best()   { sort -n "$WORK/$1.runs" | awk 'NR == 1 {print $1}'; }
median() { sort -n "$WORK/$1.runs" | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
cpu()    { awk '{print $3}' "$WORK/$1.runs" | sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
peak()   { awk '$2 > m {m = $2} END {printf "%.1f", m * 1024 / 1e6}' "$WORK/$1.runs"; }
div()    { awk -v a="$1" -v b="$2" -v f="${3:-%.2f}" 'BEGIN {printf f, a / b}'; }

log "warming the page cache"
cat "$CSV" >/dev/null
cat "$WORK/test-prefix.csv" >/dev/null

log "measuring ($RUNS runs each)"
measure cat /dev/null cat "$CSV"
measure reader "$WORK/reader.out" "$WORK/bench-tabular" read "$CSV" region
measure modelgate "$WORK/modelgate.out" \
    "$MODELGATE" run --config "$WORK/full.yml" --quiet --no-color --report "json:$WORK/modelgate.json"
measure sklearn "$WORK/sklearn.out" \
    python3 "$HERE/bench_accuracy_reference.py" bench "$CSV" "$WORK/sklearn.json"
measure polars "$WORK/polars.out" \
    python3 "$HERE/bench_accuracy_polars.py" bench "$CSV" "$WORK/polars.json"
measure prefix_b0 "$WORK/prefix-b0.out" \
    "$MODELGATE" run --config "$WORK/prefix-b0.yml" --quiet --no-color --report "json:$WORK/prefix-b0.json"
measure prefix_b200 "$WORK/prefix-b200.out" \
    "$MODELGATE" run --config "$WORK/prefix-b200.yml" --quiet --no-color --report "json:$WORK/prefix-b200.json"
COLD_CACHE=0
if [[ -w /proc/sys/vm/drop_caches ]] && (sync; echo 1 >/proc/sys/vm/drop_caches) 2>/dev/null; then
    COLD_CACHE=1
    COLD=1 measure cat_cold /dev/null cat "$CSV"
    COLD=1 measure modelgate_cold "$WORK/modelgate-cold.out" \
        "$MODELGATE" run --config "$WORK/full.yml" --quiet --no-color --report "json:$WORK/modelgate-cold.json"
    cat "$CSV" >/dev/null
else
    log "cannot drop the page cache (needs root): no cold-cache measurements"
fi
measure shard "$WORK/shard.out" \
    "$MODELGATE" run --config "$WORK/full.yml" --shard 1/2 --quiet --no-color --report "json:$WORK/shard-1.json"
"$MODELGATE" run --config "$WORK/full.yml" --shard 2/2 --quiet --no-color --report "json:$WORK/shard-2.json" >/dev/null
measure merge "$WORK/merge.out" \
    "$MODELGATE" merge --config "$WORK/full.yml" --quiet --no-color --report "json:$WORK/merged.json" \
    "$WORK/shard-1.json" "$WORK/shard-2.json"
SHARD_STATE_MB=$(div "$(stat -c %s "$WORK/shard-1.json")" 1e6 %.1f)
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

# --- 4. agreement -----------------------------------------------------------------------------
log "comparing metrics"
COMPARE_STATUS=0
python3 "$HERE/bench_accuracy_reference.py" compare "$WORK/sklearn.json" "$WORK/modelgate.json" \
    >"$WORK/compare.txt" || COMPARE_STATUS=$?
POLARS_STATUS=0
python3 "$HERE/bench_accuracy_reference.py" compare "$WORK/polars.json" "$WORK/modelgate.json" \
    >"$WORK/compare-polars.txt" || POLARS_STATUS=$?
python3 "$HERE/bench_accuracy_reference.py" agree "$WORK/sklearn.json" "$WORK/polars.json" \
    >"$WORK/agree-polars.txt" || POLARS_STATUS=$?
# The merge of two shards must report the one-run metrics exactly.
MERGE_STATUS=0
python3 - "$WORK/modelgate.json" "$WORK/merged.json" <<'PYEOF' || MERGE_STATUS=$?
import json, sys
one, merged = (json.load(open(p))["gates"][0] for p in sys.argv[1:])
sys.exit(0 if one["metrics"] == merged["metrics"] else 1)
PYEOF

# --- 5. report --------------------------------------------------------------------------------
MB=$(div "$BYTES" 1e6 %.1f)
PREFIX_MB=$(div "$PREFIX_BYTES" 1e6 %.1f)
ratio() { awk -v a="$1" -v r="$2" 'BEGIN {x = a / r; printf (x < 0.1 ? "%.3f" : "%.2f"), x}'; }
row() {  # row LABEL NAME BYTES REFERENCE_NAME: wall and CPU also as multiples of the reference's
    local b
    b=$(best "$2")
    printf '| %s | %.3f | %.3f | %.2f | %s | %s | %s× | %s× |\n' "$1" "$b" "$(median "$2")" "$(cpu "$2")" \
        "$(awk -v n="$3" -v s="$b" 'BEGIN {r = n / s / 1e6; printf (r < 100 ? "%.1f" : "%.0f"), r}')" \
        "$(peak "$2")" "$(ratio "$b" "$(best "$4")")" "$(ratio "$(cpu "$2")" "$(cpu "$4")")"
}
TABLE_HEAD='| tool | wall s (best) | wall s (median) | CPU s (median) | MB/s | peak RSS MB | wall × | CPU × |
|---|---:|---:|---:|---:|---:|---:|---:|'
MG=$(best modelgate)
SK=$(best sklearn)
PL=$(best polars)
CAT=$(best cat)
SPEEDUP=$(div "$SK" "$MG" %.1f)
POLARS_SPEEDUP=$(div "$PL" "$MG" %.1f)
POLARS_MEDIAN_SPEEDUP=$(div "$(median polars)" "$(median modelgate)" %.1f)
OVER_CAT=$(div "$MG" "$CAT" %.1f)
MG_RSS=$(awk -v a="$(peak modelgate)" -v b="$(peak prefix_b0)" -v c="$(peak prefix_b200)" \
    'BEGIN {m = a; if (b > m) m = b; if (c > m) m = c; printf "%.1f", m}')
verdict() { awk -v v="$1" -v op="$2" -v t="$3" 'BEGIN {
    ok = (op == ">=") ? v >= t : (op == "<=") ? v <= t : v < t; print ok ? "**met**" : "**not met**" }'; }

cat <<EOF

## Accuracy gate benchmark

- rows: $ROWS ($MB MB of CSV: id,region,label,score; 8 regions; scores with 6 decimals)
- machine: $(nproc) cores, $(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo), $(awk '/^MemTotal/ {printf "%.0f GB", $2 * 1024 / 1e9}' /proc/meminfo) RAM; $(uname -sr)
- load average (1, 5, 15 min) at start: $LOAD_START; at end: $LOAD_END
- $(swift --version 2>/dev/null | head -1); $(python3 -c 'import sys, pandas, sklearn, numpy, polars; print(f"Python {sys.version.split()[0]}, pandas {pandas.__version__}, scikit-learn {sklearn.__version__}, numpy {numpy.__version__}, polars {polars.__version__}")')
- $RUNS runs each, file in the page cache; wall = best of $RUNS (median beside it); peak RSS = largest of the runs$( [[ -n $TIME_BIN ]] && echo " (/usr/bin/time -v)" || echo " (sampled from /proc/PID/status VmHWM)")
- modelgate: \`modelgate run --quiet\`, one \`type: accuracy\` gate, task binary, slice_by region,
  thresholds on accuracy, precision, recall, f1, roc_auc, pr_auc, log_loss, brier, mcc and
  slice_thresholds {f1: ">= 0.01"}; **bootstrap off** (\`bootstrap: 0\`) for the full file
- pandas + scikit-learn: \`pd.read_csv\`, the same nine sklearn.metrics and groupby("region") f1;
  its wall time includes starting Python and importing pandas and scikit-learn
- polars: \`pl.read_csv\` (multi-threaded, three columns, types given), the nine metrics exactly
  from one group_by("score") and cumulative sums, group_by("region") for f1; Python start-up
  and imports included
- wall × and CPU × are multiples of modelgate's (best wall; median CPU, user + system of all threads)

$TABLE_HEAD
$(row 'cat file > /dev/null' cat "$BYTES" modelgate)
$(row 'modelgate'"'"'s CSV reader alone, one thread' reader "$BYTES" modelgate)
$(row 'modelgate (bootstrap 0)' modelgate "$BYTES" modelgate)
$(row 'polars' polars "$BYTES" modelgate)
$(row 'pandas + scikit-learn' sklearn "$BYTES" modelgate)
$( ((COLD_CACHE)) && row 'cat file > /dev/null, cold cache' cat_cold "$BYTES" modelgate)
$( ((COLD_CACHE)) && row 'modelgate (bootstrap 0), cold cache' modelgate_cold "$BYTES" modelgate)
$(row 'modelgate --shard 1/2' shard "$BYTES" modelgate)
$(row 'modelgate merge (2 shard reports)' merge "$BYTES" modelgate)

Shard reports: $SHARD_STATE_MB MB each (mostly the score ranking, up to 2^19 entries); the merged metrics
$( ((MERGE_STATUS == 0)) && echo "equal the one-run metrics exactly" || echo "DIFFER from the one-run metrics").

The bootstrap's cost, on the first $PREFIX_ROWS rows ($PREFIX_MB MB):

$TABLE_HEAD
$(row 'modelgate, bootstrap 0' prefix_b0 "$PREFIX_BYTES" prefix_b0)
$(row 'modelgate, bootstrap 200 (default)' prefix_b200 "$PREFIX_BYTES" prefix_b0)

pandas + scikit-learn phases (last run, seconds): $(python3 -c '
import json, sys
s = json.load(open(sys.argv[1]))["seconds"]
print(", ".join(f"{k} {v:.2f}" for k, v in s.items()))' "$WORK/sklearn.json")

polars phases (last run, seconds): $(python3 -c '
import json, sys
s = json.load(open(sys.argv[1]))["seconds"]
print(", ".join(f"{k} {v:.2f}" for k, v in s.items()))' "$WORK/polars.json")

Targets (issues 4 and 8):
- pandas + scikit-learn / modelgate = ${SPEEDUP}× (target ≥ 10×): $(verdict "$SPEEDUP" '>=' 10)
- polars / modelgate = ${POLARS_SPEEDUP}× best, ${POLARS_MEDIAN_SPEEDUP}× median (target ≥ 3×, issue 8): $(verdict "$POLARS_SPEEDUP" '>=' 3);
  polars / (modelgate's reader alone) = $(div "$PL" "$(best reader)" %.1f)× best
- modelgate / cat = ${OVER_CAT}× (target ≤ 3×): $(verdict "$OVER_CAT" '<=' 3)
$( ((COLD_CACHE)) && { OC=$(div "$(best modelgate_cold)" "$(best cat_cold)" %.1f); echo "- with a cold cache, modelgate / cat = ${OC}×: $(verdict "$OC" '<=' 3)"; })
- modelgate peak RSS = $MG_RSS MB, largest of all its runs (target < 100 MB): $(verdict "$MG_RSS" '<' 100)

modelgate vs scikit-learn on the full file:
\`\`\`text
$(cat "$WORK/compare.txt")
\`\`\`

modelgate vs polars, and polars vs scikit-learn:
\`\`\`text
$(cat "$WORK/compare-polars.txt")
$(cat "$WORK/agree-polars.txt")
\`\`\`
EOF
if ((COMPARE_STATUS != 0)); then
    echo "error: modelgate's metrics differ from scikit-learn's" >&2
    exit 1
fi
if ((POLARS_STATUS != 0)); then
    echo "error: polars' metrics differ from modelgate's or scikit-learn's" >&2
    exit 1
fi
if ((MERGE_STATUS != 0)); then
    echo "error: the merge of two shards differs from one run" >&2
    exit 1
fi
