#!/usr/bin/env bash
# Release-build benchmark of the security gate (issue 11, Done when): a 200 MB pickle, a 200 MB
# PyTorch zip checkpoint and a folder of 2,000 small files, each scanned by modelgate (`modelgate
# run` with one `type: security` gate over it), picklescan and ModelScan.
#
#   Tests/Scripts/bench-security.sh [MEGABYTES [FILES]]     # default 200 and 2000
#   RUNS=5 Tests/Scripts/bench-security.sh                  # timed rounds (default 3), tools alternating
#   MODELGATE=path/to/modelgate Tests/Scripts/bench-security.sh   # measure that binary, no build
#   BENCH_DIR=/tmp/security-bench Tests/Scripts/bench-security.sh # keep (and reuse) the inputs there
#
# Needs: a Swift 6 toolchain; python3 with numpy, torch (CPU) and scikit-learn for the inputs; and
# picklescan and modelscan on PATH, e.g. in a virtual environment that sees the system packages:
#   python3 -m venv --system-site-packages /tmp/scanners && /tmp/scanners/bin/pip install picklescan modelscan
#   PATH=/tmp/scanners/bin:$PATH Tests/Scripts/bench-security.sh
set -euo pipefail

MEGABYTES=${1:-200}
FILES=${2:-2000}
RUNS=${RUNS:-3}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
log() { printf '%s\n' "$*" >&2; }

for tool in picklescan modelscan; do
  command -v "$tool" >/dev/null || { log "$tool is missing: pip install picklescan modelscan (see the top of this script)"; exit 1; }
done
if [[ -n ${BENCH_DIR:-} ]]; then
  WORK=$BENCH_DIR
  mkdir -p "$WORK"
else
  WORK=$(mktemp -d "${TMPDIR:-/tmp}/modelgate-bench-security.XXXXXX")
  trap 'rm -rf "$WORK"' EXIT
fi
if [[ -z ${MODELGATE:-} ]]; then
  log "building modelgate (release)…"
  (cd "$ROOT" && swift build -c release --product modelgate) >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log" >&2; exit 1; }
  MODELGATE=$(cd "$ROOT" && swift build -c release --show-bin-path)/modelgate
fi
if [[ ! -s $WORK/model.pt || ! -d $WORK/repo ]]; then
  log "generating the inputs ($MEGABYTES MB each, $FILES small files)…"
  python3 "$HERE/bench_security_generate.py" "$WORK" "$MEGABYTES" "$FILES"
fi

scanner_python=$(head -1 "$(command -v picklescan)" | sed 's/^#!//')
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) cores; $(uptime | sed 's/.*load/load/')"
echo "modelgate: $("$MODELGATE" version); $("$scanner_python" -c 'import importlib.metadata as m, sys; print("picklescan", m.version("picklescan") + ", modelscan", m.version("modelscan") + ", Python", sys.version.split()[0])')"
echo "inputs: $(du -sh --apparent-size "$WORK/state.pkl" "$WORK/model.pt" "$WORK/repo" | awk '{printf "%s %s; ", $2, $1}' | sed "s#$WORK/##g")$(find "$WORK/repo" -type f | wc -l) files in repo/"
echo
python3 "$HERE/bench_security_time.py" "$WORK" "$MODELGATE" "$RUNS"
echo
echo "after: $(uptime | sed 's/.*load/load/')"
