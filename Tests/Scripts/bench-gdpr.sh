#!/usr/bin/env bash
# Release-build benchmark of the GDPR gate (issue 12, item 7): one `type: gdpr` gate over a
# generated customer table, next to ripgrep with an equivalent pattern set and to Presidio's
# pattern recognizers.
#
#   Tests/Scripts/bench-gdpr.sh [MEGABYTES [SLICE_MEGABYTES]]   # default 1000 and 1
#   RUNS=5 Tests/Scripts/bench-gdpr.sh 200                      # runs per measurement (default 3)
#   PARTS=log Tests/Scripts/bench-gdpr.sh                        # only the log part (default "csv log")
#   MODELGATE=path/to/modelgate Tests/Scripts/bench-gdpr.sh     # measure that binary, no build
#   BENCH_DIR=/tmp/gdpr-bench Tests/Scripts/bench-gdpr.sh       # keep (and reuse) the data there
#
# Needs: a Swift 6 toolchain, python3 (the generator is standard library), ripgrep
# (`apt-get install -y ripgrep`), Presidio (`pip install presidio-analyzer`; no spaCy model:
# only its pattern recognizers run) and GNU time (`apt-get install -y time`) for peak RSS.
#
# What it does:
#   1. builds modelgate in release (`swift build -c release`), unless MODELGATE is set;
#   2. writes MEGABYTES of CSV with Tests/Scripts/bench_gdpr_gen.py (ids, e-mails, phones,
#      IBANs, card numbers, IPs, names, dates of birth, dates, a segment, free-text comments
#      with occasional personal data, numeric features), and its first SLICE_MEGABYTES as a slice;
#   3. times, best of RUNS with the file in the page cache, and reports MB/s (10^6 bytes) and
#      peak RSS:
#        a. modelgate run --quiet, a pipeline with one gdpr gate over the file (every detector
#           validates: Luhn, mod-97, calendars, number plans), on every core;
#        b. rg --count-matches -f Tests/Scripts/bench-personal-data.rg (the detectors' shapes as
#           regular expressions, no validation; ripgrep reads one file on one thread);
#        c. Presidio's pattern recognizers (Tests/Scripts/bench_gdpr_presidio.py) on the slice,
#           once (it is slow), and modelgate on the same slice;
#   4. prints a Markdown table with the ratios;
#   5. the log part: writes MEGABYTES of log-like text (Tests/Scripts/bench_gdpr_log_gen.py: the
#      scanner benchmark's kind of lines, one in eight with a personal value) and times a gdpr
#      gate over it (every line scanned by the validating scanner, on every core) against
#      ripgrep with the same pattern set, with CPU time beside wall time and the load average.
set -euo pipefail

MEGABYTES=${1:-1000}
SLICE=${2:-1}
RUNS=${RUNS:-3}
PARTS=${PARTS:-csv log}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
log() { printf '%s\n' "$*" >&2; }

if [[ -n ${BENCH_DIR:-} ]]; then
  WORK=$BENCH_DIR
  mkdir -p "$WORK"
else
  WORK=$(mktemp -d "${TMPDIR:-/tmp}/modelgate-bench-gdpr.XXXXXX")
  trap 'rm -rf "$WORK"' EXIT
fi

if [[ -z ${MODELGATE:-} ]]; then
  log "building modelgate (release)…"
  (cd "$ROOT" && swift build -c release --product modelgate) >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log" >&2; exit 1; }
  MODELGATE=$(cd "$ROOT" && swift build -c release --show-bin-path)/modelgate
fi
command -v rg >/dev/null || { log "ripgrep is missing: apt-get install -y ripgrep"; exit 1; }
[[ -x /usr/bin/time ]] || { log "GNU time is missing: apt-get install -y time"; exit 1; }

# measure NAME COMMAND...: best wall time and largest peak RSS over RUNS runs -> "$WORK/NAME.time"
measure() {
  local name=$1; shift
  local best= rss=0 cpu=
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -v -o "$WORK/time.txt" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" || {
      local status=$?
      # modelgate exits 1 when the gate fails (it finds personal data: expected); ripgrep 1 when nothing matches.
      [[ $status -eq 1 ]] || { log "failed ($status): $*"; cat "$WORK/$name.err" >&2; exit 1; }
    }
    local wall peak used
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$WORK/time.txt")
    peak=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$WORK/time.txt")
    used=$(awk -F': ' '/User time|System time/ { s += $2 } END { print s }' "$WORK/time.txt")
    [[ -z $best ]] || awk -v a="$wall" -v b="$best" 'BEGIN { exit !(a < b) }' && cpu=$used
    best=$(awk -v a="$wall" -v b="$best" 'BEGIN { print (b == "" || a < b) ? a : b }')
    (( peak > rss )) && rss=$peak
  done
  echo "$best $rss $cpu" >"$WORK/$name.time"
}
mbps() { awk -v b="$1" -v t="$2" 'BEGIN { printf "%.1f", b / 1e6 / t }'; }

# The CSV part (not indented: its here-documents end at the start of a line).
if [[ " $PARTS " == *" csv "* ]]; then
CSV=$WORK/customers.csv
SLICE_CSV=$WORK/slice.csv
if [[ ! -s $CSV || $(stat -L -c %s "$CSV") -lt $((MEGABYTES * 1000000)) ]]; then
  log "generating $MEGABYTES MB…"
  python3 "$HERE/bench_gdpr_gen.py" "$CSV" "$MEGABYTES"
fi
python3 - "$CSV" "$SLICE_CSV" "$SLICE" <<'PY'
import sys
source, target, megabytes = sys.argv[1], sys.argv[2], float(sys.argv[3])
with open(source, "rb") as f, open(target, "wb") as out:
    written = 0
    for line in f:
        out.write(line)
        written += len(line)
        if written >= megabytes * 1e6:
            break
PY
BYTES=$(stat -L -c %s "$CSV")
SLICE_BYTES=$(stat -L -c %s "$SLICE_CSV")
for data in customers slice; do
  cat >"$WORK/$data.yml" <<YML
version: 1
candidate: {name: bench, version: "1"}
gates:
  - id: privacy
    type: gdpr
    data: [$data.csv]
    timeout: 2h
YML
done
cat "$CSV" >/dev/null


log "modelgate on $((BYTES / 1000000)) MB…"
(cd "$WORK" && measure modelgate "$MODELGATE" run --config customers.yml --quiet --report json:modelgate.json)
log "ripgrep…"
measure ripgrep rg --count-matches -f "$HERE/bench-personal-data.rg" "$CSV"
log "modelgate on the $((SLICE_BYTES / 1000000)) MB slice…"
(cd "$WORK" && measure modelgate-slice "$MODELGATE" run --config slice.yml --quiet)
log "Presidio on the slice (once)…"
python3 "$HERE/bench_gdpr_presidio.py" "$SLICE_CSV" >"$WORK/presidio.out" 2>"$WORK/presidio.err" || { cat "$WORK/presidio.err" >&2; exit 1; }

read -r mg_time mg_rss mg_cpu <"$WORK/modelgate.time"
read -r rg_time rg_rss rg_cpu <"$WORK/ripgrep.time"
read -r mgs_time mgs_rss mgs_cpu <"$WORK/modelgate-slice.time"
read -r pr_bytes pr_time pr_matches <"$WORK/presidio.out"
mg=$(mbps "$BYTES" "$mg_time"); rgm=$(mbps "$BYTES" "$rg_time")
mgs=$(mbps "$SLICE_BYTES" "$mgs_time"); pr=$(awk -v b="$pr_bytes" -v t="$pr_time" 'BEGIN { printf "%.3f", b / 1e6 / t }')
summary=$(python3 -c "import json,sys; g=json.load(open(sys.argv[1]))['gates'][0]; print(g['summary'])" "$WORK/modelgate.json")

cat <<EOF
| Tool ($(nproc) cores) | Data | Wall | CPU (user+sys) | MB/s (wall) | Peak RSS |
|---|---|---|---|---|---|
| modelgate, one gdpr gate (validated) | $((BYTES / 1000000)) MB | ${mg_time} s | ${mg_cpu} s | $mg | $((mg_rss / 1000)) MB |
| ripgrep $(rg --version | awk 'NR == 1 { print $2 }'), same shapes, no validation | $((BYTES / 1000000)) MB | ${rg_time} s | ${rg_cpu} s | $rgm | $((rg_rss / 1000)) MB |
| modelgate, one gdpr gate | $((SLICE_BYTES / 1000000)) MB slice | ${mgs_time} s | ${mgs_cpu} s | $mgs | $((mgs_rss / 1000)) MB |
| Presidio pattern recognizers (14, no NLP engine) | $((pr_bytes / 1000000)) MB slice | ${pr_time} s | (one thread) | $pr | |

modelgate / ripgrep: $(awk -v a="$mg" -v b="$rgm" 'BEGIN { printf "%.2f", a / b }')x (target 2x);
modelgate (full file) / Presidio: $(awk -v a="$mg" -v b="$pr" 'BEGIN { printf "%.0f", a / b }')x (target 100x).
modelgate's verdict: $summary. ripgrep: $(cat "$WORK/ripgrep.out") matches; Presidio: $pr_matches results on the slice.
EOF
fi

if [[ " $PARTS " == *" log "* ]]; then
  LOG=$WORK/app.log
  if [[ ! -s $LOG || $(stat -L -c %s "$LOG") -lt $((MEGABYTES * 1000000)) ]]; then
    log "generating $MEGABYTES MB of log…"
    python3 "$HERE/bench_gdpr_log_gen.py" "$LOG" "$MEGABYTES"
  fi
  cat >"$WORK/log.yml" <<YML
version: 1
candidate: {name: bench, version: "1"}
gates:
  - id: privacy
    type: gdpr
    data: [app.log]
    timeout: 2h
YML
  cat "$LOG" >/dev/null
  LOG_BYTES=$(stat -L -c %s "$LOG")
  load_before=$(cut -d' ' -f1-3 /proc/loadavg)
  log "modelgate on the $((LOG_BYTES / 1000000)) MB log…"
  (cd "$WORK" && measure modelgate-log "$MODELGATE" run --config log.yml --quiet --report json:modelgate-log.json)
  log "ripgrep on the log…"
  measure ripgrep-log rg --count-matches -f "$HERE/bench-personal-data.rg" "$LOG"
  load_after=$(cut -d' ' -f1-3 /proc/loadavg)
  read -r ml_time ml_rss ml_cpu <"$WORK/modelgate-log.time"
  read -r rl_time rl_rss rl_cpu <"$WORK/ripgrep-log.time"
  ml=$(mbps "$LOG_BYTES" "$ml_time"); rl=$(mbps "$LOG_BYTES" "$rl_time")
  log_summary=$(python3 -c "import json,sys; g=json.load(open(sys.argv[1]))['gates'][0]; print(g['summary'], g['evidence'])" "$WORK/modelgate-log.json")
  cat <<EOF

| Tool ($(nproc) cores), log text | Data | Wall | CPU (user+sys) | MB/s (wall) | MB per CPU second | Peak RSS |
|---|---|---|---|---|---|---|
| modelgate, one gdpr gate (validated) | $((LOG_BYTES / 1000000)) MB | ${ml_time} s | ${ml_cpu} s | $ml | $(mbps "$LOG_BYTES" "$ml_cpu") | $((ml_rss / 1000)) MB |
| ripgrep $(rg --version | awk 'NR == 1 { print $2 }'), same shapes, no validation | $((LOG_BYTES / 1000000)) MB | ${rl_time} s | ${rl_cpu} s | $rl | $(mbps "$LOG_BYTES" "$rl_cpu") | $((rl_rss / 1000)) MB |

modelgate / ripgrep on the log, wall: $(awk -v a="$ml" -v b="$rl" 'BEGIN { printf "%.2f", a / b }')x (target 2x); per CPU second: $(awk -v a="$ml_cpu" -v b="$rl_cpu" 'BEGIN { printf "%.2f", b / a }')x.
Load average (1, 5, 15 min) before: $load_before; after: $load_after.
modelgate's verdict: $log_summary. ripgrep: $(cat "$WORK/ripgrep-log.out") matches.
EOF
fi
