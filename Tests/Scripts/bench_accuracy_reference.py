#!/usr/bin/env python3
"""The pandas + scikit-learn side of Tests/Scripts/bench-accuracy.sh.

    bench_accuracy_reference.py bench   DATA.csv OUT.json   # the timed reference run
    bench_accuracy_reference.py compare OUT.json REPORT.json  # modelgate's JSON report vs OUT.json
    bench_accuracy_reference.py agree   OUT.json PEER.json    # another peer's OUT.json vs OUT.json

`bench` does what a data scientist would write: pandas.read_csv, predictions score > 0.5 (the
gate's default threshold, strict as in the gate), the binary metric set with sklearn.metrics, and
per-region f1 via groupby. It writes the values and its own phase timings to OUT.json.

`compare` checks every metric of OUT.json against the gate's metrics in modelgate's JSON report:
to 1e-9, except roc_auc and pr_auc, which modelgate computes from score bins once a test set has
more than 2^19 distinct scores (ScoreRanking.defaultCapacity); the report carries no error bound
for them, so they are compared to 1e-5 and the difference is printed. Exit 1 on any mismatch.

`agree` checks a peer that computes every metric exactly (bench_accuracy_polars.py) against
OUT.json: the same rows and metric names, every value to 1e-9, binned ones included.
"""
import json
import sys
import time

EXACT = 1e-9
BINNED = 1e-5
BINNED_METRICS = {"roc_auc", "pr_auc"}


def bench(data_path, out_path):
    started = time.perf_counter()
    import numpy as np
    import pandas as pd
    import sklearn
    from sklearn import metrics as m

    imported = time.perf_counter()
    df = pd.read_csv(data_path)
    read = time.perf_counter()

    y = df["label"]
    score = df["score"]
    pred = (score > 0.5).astype(np.int64)
    values = {
        "accuracy": m.accuracy_score(y, pred),
        "precision": m.precision_score(y, pred, zero_division=0),
        "recall": m.recall_score(y, pred, zero_division=0),
        "f1": m.f1_score(y, pred, zero_division=0),
        "roc_auc": m.roc_auc_score(y, score),
        "pr_auc": m.average_precision_score(y, score),
        "log_loss": m.log_loss(y, score),
        "brier": m.brier_score_loss(y, score),
        "mcc": m.matthews_corrcoef(y, pred),
    }
    overall = time.perf_counter()

    df["pred"] = pred
    per_region = df.groupby("region")[["label", "pred"]].apply(
        lambda g: m.f1_score(g["label"], g["pred"], zero_division=0))
    for region, f1 in per_region.items():
        values[f"f1[region={region}]"] = f1
    sliced = time.perf_counter()

    result = {
        "rows": int(len(df)),
        "metrics": {k: float(v) for k, v in values.items()},
        "seconds": {
            "import": imported - started,
            "read_csv": read - imported,
            "metrics": overall - read,
            "per_region_f1": sliced - overall,
        },
        "versions": {"python": sys.version.split()[0], "pandas": pd.__version__,
                     "numpy": np.__version__, "scikit-learn": sklearn.__version__},
    }
    with open(out_path, "w") as out:
        json.dump(result, out, indent=1)


def compare(reference_path, report_path):
    with open(reference_path) as f:
        reference = json.load(f)
    with open(report_path) as f:
        report = json.load(f)
    gates = [g for g in report["gates"] if g["type"] == "accuracy"]
    if len(gates) != 1:
        print(f"expected one accuracy gate in {report_path}, found {len(gates)}")
        return 1
    gate = gates[0]
    mine = gate.get("metrics", {})
    failures = 0
    rows = gate.get("evidence", {}).get("rows")
    if rows != reference["rows"]:
        print(f"  rows: modelgate {rows}, reference {reference['rows']}  MISMATCH")
        failures += 1
    peer = "polars" if "polars" in reference.get("versions", {}) else "scikit-learn"
    print(f"  {'metric':<24} {'modelgate':>22} {peer:>22} {'|diff|':>9}  tol")
    for name, expected in reference["metrics"].items():
        actual = mine.get(name)
        tolerance = BINNED if name in BINNED_METRICS else EXACT
        if actual is None:
            print(f"  {name:<24} {'missing':>22} {expected:>22.17g}")
            failures += 1
            continue
        diff = abs(actual - expected)
        ok = diff <= tolerance
        failures += not ok
        print(f"  {name:<24} {actual:>22.17g} {expected:>22.17g} {diff:>9.2e}  {tolerance:g}"
              + ("" if ok else "  MISMATCH"))
    print("  all metrics agree" if failures == 0 else f"  {failures} mismatches")
    return 1 if failures else 0


def agree(reference_path, peer_path):
    with open(reference_path) as f:
        reference = json.load(f)
    with open(peer_path) as f:
        peer = json.load(f)
    failures = 0
    if peer["rows"] != reference["rows"]:
        print(f"  rows: peer {peer['rows']}, scikit-learn {reference['rows']}  MISMATCH")
        failures += 1
    names = list(reference["metrics"]) + [n for n in peer["metrics"] if n not in reference["metrics"]]
    print(f"  {'metric':<24} {'polars':>22} {'scikit-learn':>22} {'|diff|':>9}  tol")
    for name in names:
        expected, actual = reference["metrics"].get(name), peer["metrics"].get(name)
        if expected is None or actual is None:
            print(f"  {name:<24} {'missing' if actual is None else actual:>22} "
                  f"{'missing' if expected is None else expected:>22}")
            failures += 1
            continue
        diff = abs(actual - expected)
        ok = diff <= EXACT
        failures += not ok
        print(f"  {name:<24} {actual:>22.17g} {expected:>22.17g} {diff:>9.2e}  {EXACT:g}"
              + ("" if ok else "  MISMATCH"))
    print("  all metrics agree" if failures == 0 else f"  {failures} mismatches")
    return 1 if failures else 0


def main(argv):
    if len(argv) == 4 and argv[1] == "bench":
        bench(argv[2], argv[3])
        return 0
    if len(argv) == 4 and argv[1] == "compare":
        return compare(argv[2], argv[3])
    if len(argv) == 4 and argv[1] == "agree":
        return agree(argv[2], argv[3])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
