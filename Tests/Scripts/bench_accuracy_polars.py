#!/usr/bin/env python3
"""The polars side of Tests/Scripts/bench-accuracy.sh: the fastest peer we know how to write.

    bench_accuracy_polars.py bench DATA.csv OUT.json   # the timed run; OUT.json as the pandas side's

What a performance-minded user would write instead of pandas + scikit-learn: polars'
multi-threaded CSV reader (only the three columns needed, types given, so nothing is inferred),
then every metric from counts rather than from rows. Each binary metric the benchmark gates is a
function of how many positive and negative rows share each distinct score, so one group-by on the
score (~10^6 groups for 10M rows) gives them all exactly: the confusion matrix at score > 0.5,
ROC AUC with ties (each negative counts the positives above it, and half of those tied with it),
average precision (scikit-learn's step sum over distinct thresholds), log loss with scikit-learn's
clipping to [eps, 1 - eps] and the Brier score (each a per-score term times the counts). Per-region
f1 is a second group-by on (region, label, prediction). No metric is binned or sampled: the values
equal scikit-learn's to rounding (`bench_accuracy_reference.py agree` checks them to 1e-9).

Like the pandas side it is written for the benchmark's file: labels 0 and 1, no missing cells,
scores in [0, 1]; the gate checks those things, this script does not.

The output has the same shape as bench_accuracy_reference.py's, so `bench_accuracy_reference.py
compare OUT.json REPORT.json` checks modelgate's report against it too.
"""
import json
import sys
import time


def bench(data_path, out_path):
    started = time.perf_counter()
    import numpy as np
    import polars as pl

    imported = time.perf_counter()
    df = pl.read_csv(data_path, columns=["region", "label", "score"],
                     schema_overrides={"region": pl.String, "label": pl.Int8, "score": pl.Float64})
    read = time.perf_counter()

    positive = pl.col("label") == 1
    # One row per distinct score, highest first: how many positive and negative rows have it.
    by_score = (df.group_by("score")
                .agg(positives=positive.sum(), rows=pl.len())
                .sort("score", descending=True))
    score = by_score["score"].to_numpy()
    pos = by_score["positives"].to_numpy().astype(np.int64)
    neg = by_score["rows"].to_numpy().astype(np.int64) - pos
    counted = time.perf_counter()

    rows = int(pos.sum() + neg.sum())
    positives, negatives = int(pos.sum()), int(neg.sum())
    predicted = score > 0.5  # the gate's default threshold, strict as in the gate
    tp, fp = int(pos[predicted].sum()), int(neg[predicted].sum())
    fn, tn = positives - tp, negatives - fp
    # ROC AUC: each negative row is out-ranked by the positives above its score and ties with
    # half of those at its score. Integer sums, so the only rounding is the final division.
    tp_above = np.cumsum(pos) - pos
    auc_twice = 2 * int(np.dot(neg, tp_above)) + int(np.dot(neg, pos))
    # Average precision: precision at each distinct score, weighted by the recall it adds.
    tp_at = np.cumsum(pos)
    precision_at = tp_at / (tp_at + np.cumsum(neg))
    p = np.clip(score, np.finfo(np.float64).eps, 1 - np.finfo(np.float64).eps)
    values = {
        "accuracy": (tp + tn) / rows,
        "precision": tp / (tp + fp) if tp + fp else 0.0,
        "recall": tp / (tp + fn) if tp + fn else 0.0,
        "f1": 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0,
        "roc_auc": auc_twice / (2 * positives * negatives),
        "pr_auc": float(np.dot(pos, precision_at)) / positives,
        "log_loss": float(np.dot(pos, -np.log(p)) + np.dot(neg, -np.log(1 - p))) / rows,
        "brier": float(np.dot(pos, (1 - score) ** 2) + np.dot(neg, score ** 2)) / rows,
        "mcc": mcc(tp, fp, fn, tn),
    }
    overall = time.perf_counter()

    per_region = (df.group_by("region")
                  .agg(tp=(positive & (pl.col("score") > 0.5)).sum(),
                       fp=(~positive & (pl.col("score") > 0.5)).sum(),
                       fn=(positive & (pl.col("score") <= 0.5)).sum())
                  .sort("region"))
    for region, r_tp, r_fp, r_fn in per_region.iter_rows():
        denominator = 2 * r_tp + r_fp + r_fn
        values[f"f1[region={region}]"] = 2 * r_tp / denominator if denominator else 0.0
    sliced = time.perf_counter()

    result = {
        "rows": rows,
        "metrics": {k: float(v) for k, v in values.items()},
        "seconds": {
            "import": imported - started,
            "read_csv": read - imported,
            "score_counts": counted - read,
            "metrics": overall - counted,
            "per_region_f1": sliced - overall,
        },
        "versions": {"python": sys.version.split()[0], "polars": pl.__version__, "numpy": np.__version__},
    }
    with open(out_path, "w") as out:
        json.dump(result, out, indent=1)


def mcc(tp, fp, fn, tn):
    """Matthews correlation, 0 when a margin is empty (scikit-learn's convention)."""
    denominator = float(tp + fp) * float(tp + fn) * float(tn + fp) * float(tn + fn)
    return (tp * tn - fp * fn) / denominator ** 0.5 if denominator else 0.0


def main(argv):
    if len(argv) == 4 and argv[1] == "bench":
        bench(argv[2], argv[3])
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
