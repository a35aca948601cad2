#!/usr/bin/env python3
"""Times modelgate's security gate, picklescan and ModelScan on the inputs of
bench_security_generate.py and prints a Markdown table (called by bench-security.sh).

Each tool runs as a user runs it, one process per scan: `modelgate run --quiet` with a pipeline
holding one `type: security` gate over the input (and again with `secrets: false`, the model-file
scan alone, which is all the peers do), `picklescan --path`, `modelscan -p`. One
untimed run of each warms the page cache; then the tools take turns, RUNS rounds, so load from
elsewhere falls on all of them alike. Wall time by the clock, CPU time (user + system) and peak
RSS of each child from wait4; for modelgate also the gate's own duration from its JSON report
(the gate alone, without process start, configuration and report).
Usage: bench_security_time.py WORK MODELGATE RUNS
"""
import json
import os
import statistics
import subprocess
import sys
import time

work, modelgate, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
megabytes = os.path.getsize(os.path.join(work, "model.pt")) / 1e6
files = sum(len(names) for _, _, names in os.walk(os.path.join(work, "repo")))
inputs = [(f"{megabytes:.0f} MB pickle (state dict of NumPy arrays)", "state.pkl"),
          (f"{megabytes:.0f} MB PyTorch zip checkpoint", "model.pt"),
          (f"{files:,} small files (folder)", "repo"),
          ("one 2-byte file (start-up cost)", "tiny.txt")]
with open(os.path.join(work, "tiny.txt"), "w") as f:
    f.write("a\n")


def pipeline(path, extra=""):
    config = os.path.join(work, f"security-{os.path.basename(path)}{'-' + extra.split(':')[0] if extra else ''}.yml")
    with open(config, "w") as f:
        f.write(f'version: 1\ncandidate: {{name: bench, version: "1"}}\ngates:\n'
                f'  - id: security\n    type: security\n    paths: [{path}]\n' + (f"    {extra}\n" if extra else ""))
    return config


def measure(command):
    report = os.path.join(work, "report.json")
    if command[0] == modelgate:
        command = command + ["--report", f"json:{report}"]
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=work)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    error = child.stderr.read().decode(errors="replace")
    child.stderr.close()
    gate = None
    if command[0] == modelgate:
        with open(report) as f:
            gate = json.load(f)["gates"][0]["durationSeconds"]
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, child.returncode, error, gate


rows = []
for label, name in inputs:
    path = os.path.join(work, name)
    tools = [("modelgate", [modelgate, "run", "--quiet", "--config", pipeline(path)]),
             ("modelgate, `secrets: false`", [modelgate, "run", "--quiet", "--config", pipeline(path, "secrets: false")]),
             ("picklescan", ["picklescan", "--path", path]),
             ("modelscan", ["modelscan", "-p", path])]
    # For scale: reading the bytes and nothing else (not a peer).
    tools.append(("`cat` to /dev/null", ["sh", "-c", f"find {path} -type f -exec cat {{}} + > /dev/null"]))
    if name == "tiny.txt":
        tools = tools[:1]
    samples = {tool: [] for tool, _ in tools}
    for round in range(runs + 1):
        for tool, command in tools:
            sample = measure(command)
            if round > 0:
                samples[tool].append(sample)
            elif sample[3] not in (0, 1):
                print(f"{tool} on {name} exited {sample[3]}: {sample[4][-400:]}", file=sys.stderr)
    for tool, _ in tools:
        walls = [s[0] for s in samples[tool]]
        cpus = [s[1] for s in samples[tool]]
        gates = [s[5] for s in samples[tool] if s[5] is not None]
        rows.append((label, tool, min(walls), statistics.median(walls), statistics.median(cpus),
                     max(s[2] for s in samples[tool]), sorted({s[3] for s in samples[tool]}),
                     statistics.median(gates) if gates else None))

print("| input | tool | wall s (best) | wall s (median) | CPU s (median) | gate alone s (median) | peak RSS MB | exit | peer ÷ modelgate, wall | peer ÷ modelgate, CPU |")
print("|---|---|---:|---:|---:|---:|---:|---|---:|---:|")
for label, _ in inputs:
    mine = [r for r in rows if r[0] == label]
    gate = next(r for r in mine if r[1] == "modelgate")
    for r in mine:
        peer = r[1] in ("picklescan", "modelscan")
        wall_ratio = f"{r[3] / gate[3]:.1f}×" if peer else ""
        cpu_ratio = f"{r[4] / gate[4]:.1f}×" if peer else ""
        alone = f"{r[7]:.3f}" if r[7] is not None else ""
        print(f"| {label} | {r[1]} | {r[2]:.3f} | {r[3]:.3f} | {r[4]:.3f} | {alone} | {r[5]:.0f} | {','.join(map(str, r[6]))} | {wall_ratio} | {cpu_ratio} |")
print()
for label, _ in inputs[:3]:
    mine = [r for r in rows if r[0] == label]
    gate = next(r for r in mine if r[1] == "modelgate")
    peers = [r for r in mine if r[1] in ("picklescan", "modelscan")]
    fastest = min(peers, key=lambda r: r[3])
    print(f"- {label}: the fastest peer, {fastest[1]}, takes {fastest[3] / gate[3]:.1f}× modelgate's wall time "
          f"and {fastest[4] / gate[4]:.1f}× its CPU time (medians).")
