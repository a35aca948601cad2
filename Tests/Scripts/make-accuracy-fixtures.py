#!/usr/bin/env python3
"""Writes the accuracy gate's metric fixtures: rows plus the values scikit-learn computes for them.

The fixtures are committed, so CI needs no Python; rerun this after upgrading scikit-learn and
review the diff. Usage (from the repository root):

    pip install scikit-learn numpy
    python3 Tests/Scripts/make-accuracy-fixtures.py

Each case is one JSON file in Tests/AccuracyGateTests/Fixtures/:
    task        "binary" | "multiclass" | "regression"
    classes     label values; for multiclass with scores, the score columns' order
    positive    the positive label (binary)
    threshold   when rows have no prediction: predicted positive iff score > threshold
    rows        label, prediction (optional), score (binary), scores (multiclass), target/prediction
    expected    metric -> value; null where scikit-learn returns NaN or refuses the input
                (the engine must report the metric as undefined); a metric that is missing
                does not apply to the case
    per_class   multiclass: precision/recall/f1/support for every class present
    confusion_matrix   rows = true class, columns = predicted, in `classes` order

Slice cases (slices_*.json; SliceFixtureTests runs them through the gate with `slice_by: group`):
    rows           also `group`, the slice of each row
    slice_by, min_slice_rows   the gate's options; smaller groups are reported but not judged
    slices         name, rows, judged, and metrics (as `expected` above) of every group
    expected       the metrics on all rows; `<metric>_gap` (max - min over the judged groups where the
                   metric is defined); binary: demographic_parity_difference and
                   equal_opportunity_difference by Fairlearn's definitions over the judged groups
                   (see binary_fairness; with fairlearn installed they are cross-checked against it)
"""

import json
import math
import pathlib
import warnings

import numpy as np
import sklearn
from sklearn import metrics as m
from sklearn.linear_model import LogisticRegression

OUT = pathlib.Path(__file__).resolve().parent.parent / "AccuracyGateTests" / "Fixtures"
SEED = 20240501


def sk(function, *args, **kwargs):
    """scikit-learn's value, or None where it gives NaN or raises (undefined)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            value = float(function(*args, **kwargs))
        except ValueError:
            return None
    return None if math.isnan(value) else value


def plain(values):
    """JSON-ready Python scalars (numpy types and strings kept as they are)."""
    return [v.item() if hasattr(v, "item") else v for v in values]


def write(case, description, task, rows, expected, **extra):
    document = {
        "case": case,
        "description": description,
        "generator": "Tests/Scripts/make-accuracy-fixtures.py",
        "sklearn_version": sklearn.__version__,
        "numpy_version": np.__version__,
        "seed": SEED,
        "task": task,
        **extra,
        "rows": rows,
        "expected": expected,
    }
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"{case}.json"
    path.write_text(json.dumps(document, indent=1, allow_nan=False) + "\n")
    print(f"wrote {path.relative_to(OUT.parent.parent.parent)} ({len(next(iter(rows.values())))} rows)")


def binary_case(case, description, y, score, positive, negative, prediction=None, threshold=0.5):
    """Expected binary metrics; without `prediction`, rows are predicted positive iff score > threshold."""
    y = np.asarray(y)
    given = prediction is not None
    if not given:
        prediction = np.where(np.asarray(score) > threshold, positive, negative)
    expected = binary_expected(y, np.asarray(prediction), score, positive, negative)
    rows = {"label": plain(y)}
    if given:
        rows["prediction"] = plain(prediction)
    if score is not None:
        rows["score"] = plain(np.asarray(score, dtype=float))
    extra = {"classes": plain([negative, positive]), "positive": plain([positive])[0]}
    if not given:
        extra["threshold"] = threshold
    write(case, description, "binary", rows, expected, **extra)


def binary_expected(y, prediction, score, positive, negative):
    """scikit-learn's binary metrics of these rows (prediction given; score may be None)."""
    truth = (y == positive).astype(int)
    labels = [negative, positive]
    tn, fp, fn, tp = m.confusion_matrix(y, prediction, labels=labels).ravel()
    expected = {
        "accuracy": sk(m.accuracy_score, y, prediction),
        "balanced_accuracy": sk(m.balanced_accuracy_score, y, prediction),
        "precision": sk(m.precision_score, y, prediction, pos_label=positive, zero_division=0),
        "recall": sk(m.recall_score, y, prediction, pos_label=positive, zero_division=0),
        "f1": sk(m.f1_score, y, prediction, pos_label=positive, zero_division=0),
        "mcc": sk(m.matthews_corrcoef, y, prediction),
        "cohen_kappa": sk(m.cohen_kappa_score, y, prediction),
        "tn": int(tn), "fp": int(fp), "fn": int(fn), "tp": int(tp),
    }
    if score is not None:
        score = np.asarray(score, dtype=float)
        expected.update({
            "roc_auc": sk(m.roc_auc_score, truth, score),
            "pr_auc": sk(m.average_precision_score, y, score, pos_label=positive),
            "log_loss": sk(m.log_loss, truth, score, labels=[0, 1]),
            "brier": sk(m.brier_score_loss, truth, score, pos_label=1),
        })
    return expected


def multiclass_case(case, description, y, prediction, classes, scores=None):
    """Expected multiclass metrics; `classes` is the score columns' order (sorted, as scikit-learn's)."""
    y, prediction = np.asarray(y), np.asarray(prediction)
    rows = {"label": plain(y), "prediction": plain(prediction)}
    if scores is not None:
        scores = np.round(np.asarray(scores, dtype=float), 12)  # shorter files; scikit-learn sees the same
        rows["scores"] = [plain(row) for row in scores]
    expected = multiclass_expected(y, prediction, classes, scores)
    present = sorted(set(y.tolist()) | set(prediction.tolist()))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        precision, recall, f1, support = m.precision_recall_fscore_support(
            y, prediction, labels=present, zero_division=0)
    per_class = [
        {"class": plain([label])[0], "precision": float(p), "recall": float(r), "f1": float(f), "support": int(s)}
        for label, p, r, f, s in zip(present, precision, recall, f1, support)
    ]
    matrix = m.confusion_matrix(y, prediction, labels=classes).tolist()
    write(case, description, "multiclass", rows, expected,
          classes=plain(classes), per_class=per_class, confusion_matrix=matrix)


def multiclass_expected(y, prediction, classes, scores=None):
    """scikit-learn's multiclass metrics of these rows; `scores` columns in `classes` order, or None."""
    expected = {
        "accuracy": sk(m.accuracy_score, y, prediction),
        "balanced_accuracy": sk(m.balanced_accuracy_score, y, prediction),
        "mcc": sk(m.matthews_corrcoef, y, prediction),
        "cohen_kappa": sk(m.cohen_kappa_score, y, prediction),
    }
    for average in ("macro", "micro", "weighted"):
        for name, function in (("precision", m.precision_score), ("recall", m.recall_score), ("f1", m.f1_score)):
            expected[f"{name}_{average}"] = sk(function, y, prediction, average=average, zero_division=0)
    if scores is not None:
        expected["roc_auc"] = sk(m.roc_auc_score, y, scores, multi_class="ovr", average="macro", labels=classes)
        expected["log_loss"] = sk(m.log_loss, y, scores, labels=classes)
    return expected


def regression_case(case, description, target, prediction):
    target, prediction = np.asarray(target, dtype=float), np.asarray(prediction, dtype=float)
    expected = {
        "mae": sk(m.mean_absolute_error, target, prediction),
        "mse": sk(m.mean_squared_error, target, prediction),
        "rmse": sk(m.root_mean_squared_error, target, prediction),
        "r2": sk(m.r2_score, target, prediction),
        "mape": sk(m.mean_absolute_percentage_error, target, prediction),
        "max_error": sk(m.max_error, target, prediction),
    }
    write(case, description, "regression", {"target": plain(target), "prediction": plain(prediction)}, expected)


def softmax(logits):
    exp = np.exp(logits - logits.max(axis=1, keepdims=True))
    return exp / exp.sum(axis=1, keepdims=True)


def noisy_scores(rng, truth, spread=1.5):
    """Probabilities of the positive class that a decent, imperfect model might give."""
    return 1 / (1 + np.exp(-(spread * (2 * truth - 1) + rng.normal(0, 1.6, truth.size))))


def class_scores(rng, y, classes, strength=1.8):
    logits = rng.normal(0, 1.2, (y.size, classes))
    logits[np.arange(y.size), y] += strength
    return softmax(logits)


def spread(values):
    """max - min of the defined values, or None (undefined) with fewer than two."""
    values = [v for v in values if v is not None]
    return max(values) - min(values) if len(values) >= 2 else None


def slice_case(case, description, task, groups, min_slice_rows, rows, metrics_of, fairness=None, **extra):
    """A case with a `group` column: the gate's metrics per group, gaps and fairness differences.

    `metrics_of(indices)` gives scikit-learn's metrics of those rows. Groups with fewer than
    `min_slice_rows` rows are reported but not judged: they enter no gap and no fairness difference.
    `expected` holds the metrics on all rows, `<metric>_gap` for every per-group metric (max - min over
    the judged groups where it is defined), and whatever `fairness(judged)` returns.
    """
    groups = np.asarray(groups)
    slices = []
    for name in sorted(set(groups.tolist())):
        indices = np.flatnonzero(groups == name)
        slices.append({"name": name, "rows": int(indices.size), "judged": bool(indices.size >= min_slice_rows),
                       "metrics": metrics_of(indices)})
    judged = [s for s in slices if s["judged"]]
    expected = metrics_of(np.arange(groups.size))
    for metric in slices[0]["metrics"]:
        expected[f"{metric}_gap"] = spread([s["metrics"][metric] for s in judged])
    if fairness is not None:
        expected.update(fairness([np.flatnonzero(groups == s["name"]) for s in judged]))
    write(case, description, task, {"group": plain(groups), **rows}, expected,
          slice_by="group", min_slice_rows=min_slice_rows, slices=slices, **extra)
    return slices, expected


def binary_fairness(truth, predicted):
    """Fairlearn's definitions, by hand, over the judged groups only (as the gate computes them):
    demographic_parity_difference = max - min of the selection rate (share predicted positive);
    equal_opportunity_difference = max - min of the true-positive rate (recall) over the judged
    groups that have positives (a group without positives has no true-positive rate; Fairlearn
    would count it as 0). fairlearn.metrics.*_difference use every group, the small ones too."""
    def differences(judged):
        selection = [float(np.mean(predicted[i])) for i in judged]
        tpr = [float(np.mean(predicted[i][truth[i] == 1])) for i in judged if truth[i].any()]
        return {"demographic_parity_difference": spread(selection), "equal_opportunity_difference": spread(tpr)}
    return differences


def slice_cases(rng):
    # Binary, predictions = score > 0.5. Group d (judged) has no positives: no roc_auc, and recall 0
    # enters recall_gap but not equal_opportunity_difference. Group e is below min_slice_rows and
    # always wrong: judged, it would widen accuracy_gap, mcc_gap and both fairness differences.
    sizes = {"a": 110, "b": 75, "c": 50, "d": 35, "e": 12}
    prevalence = {"a": 0.5, "b": 0.3, "c": 0.6, "d": 0.0, "e": 0.25}  # e's labels are then set below
    separation = {"a": 1.5, "b": 1.0, "c": 2.0, "d": 1.2}
    parts = []
    for name, size in sizes.items():
        truth = (rng.uniform(0, 1, size) < prevalence[name]).astype(int)
        if name == "e":
            truth[:3], truth[3:] = 1, 0  # selection rate 3/4, above every judged group's
            score = np.where(truth == 1, rng.uniform(0.05, 0.45, size), rng.uniform(0.55, 0.95, size))
        else:
            score = noisy_scores(rng, truth, separation[name])
        parts.append((np.full(size, name), truth, score))
    order = rng.permutation(sum(sizes.values()))
    groups, y, score = (np.concatenate(column)[order] for column in zip(*parts))
    assert not np.any(score == 0.5)
    predicted = (score > 0.5).astype(int)
    slices, expected = slice_case(
        "slices_binary", "five groups of different sizes; e is below min_slice_rows, d has no positives",
        "binary", groups, 30, {"label": plain(y), "score": plain(score)},
        lambda i: binary_expected(y[i], predicted[i], score[i], 1, 0),
        fairness=binary_fairness(y, predicted), classes=[0, 1], positive=1, threshold=0.5)
    by_name = {s["name"]: s for s in slices}
    assert by_name["d"]["metrics"]["roc_auc"] is None and by_name["e"]["metrics"]["accuracy"] == 0
    assert all(v is not None for s in slices if s["judged"] for k, v in s["metrics"].items() if k != "roc_auc")
    for metric in ("accuracy", "mcc"):  # e, judged, would change these
        assert spread([s["metrics"][metric] for s in slices]) != expected[f"{metric}_gap"], metric
    for name, value in binary_fairness(y, predicted)([np.flatnonzero(groups == g) for g in sizes]).items():
        assert value != expected[name], name
    assert expected["recall_gap"] != expected["equal_opportunity_difference"]
    cross_check_fairlearn(y, predicted, groups, [s["name"] for s in slices if s["judged"]], expected)

    # Multiclass with per-class scores and predictions that are mostly their argmax. "east" is below
    # min_slice_rows, has no "dog" label (its roc_auc is undefined) and would widen the gaps if judged.
    classes = ["bird", "cat", "dog"]
    sizes = {"north": 120, "south": 80, "west": 40, "east": 14}
    strength = {"north": 2.2, "south": 1.4, "west": 0.9, "east": -1.5}  # east: mostly wrong
    parts = []
    for name, size in sizes.items():
        y = rng.integers(0, 2 if name == "east" else 3, size)
        parts.append((np.full(size, name), y, class_scores(rng, y, 3, strength[name])))
    order = rng.permutation(sum(sizes.values()))
    groups, y, scores = (np.concatenate(column)[order] for column in zip(*parts))
    scores = np.round(scores, 12)
    prediction = scores.argmax(axis=1)
    noise = rng.choice(prediction.size, 20, replace=False)
    prediction[noise] = rng.integers(0, 3, 20)
    labels, predicted = np.asarray(classes)[y], np.asarray(classes)[prediction]
    slices, expected = slice_case(
        "slices_multiclass", "four groups; east is below min_slice_rows, has no 'dog' label and is mostly wrong",
        "multiclass", groups, 25,
        {"label": plain(labels), "prediction": plain(predicted), "scores": [plain(row) for row in scores]},
        lambda i: multiclass_expected(labels[i], predicted[i], classes, scores[i]), classes=classes)
    assert [s["metrics"]["roc_auc"] is None for s in slices] == [True, False, False, False]
    for metric in ("accuracy", "f1_macro", "log_loss"):  # east, judged, would change these
        assert spread([s["metrics"][metric] for s in slices]) != expected[f"{metric}_gap"], metric


def cross_check_fairlearn(y, predicted, groups, judged, expected):
    """With fairlearn installed, its differences on the judged groups' rows (for equal opportunity,
    the judged groups with positives) must be ours."""
    try:
        from fairlearn.metrics import demographic_parity_difference, equal_opportunity_difference
    except ImportError:
        print("fairlearn not installed: fairness differences not cross-checked")
        return
    rows = np.isin(groups, judged)
    with_positives = np.isin(groups, [g for g in judged if y[groups == g].any()])
    dp = demographic_parity_difference(y[rows], predicted[rows], sensitive_features=groups[rows])
    eo = equal_opportunity_difference(y[with_positives], predicted[with_positives],
                                      sensitive_features=groups[with_positives])
    assert abs(dp - expected["demographic_parity_difference"]) < 1e-12, (dp, expected)
    assert abs(eo - expected["equal_opportunity_difference"]) < 1e-12, (eo, expected)
    print("fairness differences agree with fairlearn")


def main():
    rng = np.random.default_rng(SEED)

    y = rng.integers(0, 2, 300)
    score = noisy_scores(rng, y)
    prediction = (score > 0.5).astype(int)
    flips = rng.choice(300, 15, replace=False)
    prediction[flips] = 1 - prediction[flips]  # a model whose labels and scores disagree a little
    binary_case("binary_numeric", "labels 0/1, scores, and predictions that are not always score > 0.5",
                y, score, 1, 0, prediction)

    features = rng.normal(0, 1, (240, 3))
    y = (features @ [1.2, -0.7, 0.4] + rng.normal(0, 1, 240) > 0).astype(int)
    model = LogisticRegression().fit(features[:120], y[:120])
    binary_case("binary_logistic", "a LogisticRegression's predict_proba only; predictions must match its predict",
                y[120:], model.predict_proba(features[120:])[:, 1], 1, 0, model.predict(features[120:]))

    truth = rng.integers(0, 2, 200)
    score = noisy_scores(rng, truth, 1.0)
    names = np.where(truth == 1, "fraud", "legit")
    predicted = np.where(score > 0.45, "fraud", "legit")
    binary_case("binary_strings", "string labels; the positive class 'fraud' sorts first",
                names, score, "fraud", "legit", predicted)

    y = rng.integers(0, 2, 250)
    binary_case("binary_ties", "scores rounded to one decimal (ties, and some exactly 0.5); predictions from scores",
                y, np.round(noisy_scores(rng, y), 1), 1, 0)

    y = rng.integers(0, 2, 120)
    score = np.where(y == 1, rng.uniform(0.55, 1, 120), rng.uniform(0, 0.45, 120))
    binary_case("binary_perfect", "a perfect model", y, score, 1, 0, y.copy())
    binary_case("binary_all_wrong", "a model that is always wrong", y, 1 - score, 1, 0, 1 - y)

    y = np.zeros(80, dtype=int)
    binary_case("binary_one_class", "only negative labels: roc_auc undefined, pr_auc 0 as scikit-learn",
                y, rng.uniform(0, 1, 80), 1, 0)

    y = rng.integers(0, 2, 150)
    margin = (2 * y - 1) * 0.8 + rng.normal(0, 1.5, 150)
    binary_case("binary_margins", "decision-function margins, not probabilities: no log_loss or brier",
                y, margin, 1, 0, threshold=0.0)

    y = rng.integers(0, 3, 300)
    scores = class_scores(rng, y, 3)
    multiclass_case("multiclass_3", "three classes with softmax scores; predictions are the argmax",
                    y, scores.argmax(axis=1), [0, 1, 2], scores)

    y = rng.integers(0, 10, 400)
    scores = class_scores(rng, y, 10, 2.5)
    prediction = scores.argmax(axis=1)
    noise = rng.choice(400, 30, replace=False)
    prediction[noise] = rng.integers(0, 10, 30)
    multiclass_case("multiclass_10", "ten classes; predictions mostly the argmax", y, prediction, list(range(10)), scores)

    y = rng.integers(0, 3, 180)
    palette = np.array([[0.6, 0.3, 0.1], [0.3, 0.6, 0.1], [0.1, 0.3, 0.6], [0.2, 0.2, 0.6], [0.5, 0.25, 0.25]])
    scores = palette[(y + rng.integers(0, 3, 180)) % 5]
    multiclass_case("multiclass_ties", "score vectors from a small palette: many tied scores per class",
                    y, scores.argmax(axis=1), [0, 1, 2], scores)

    y = rng.integers(0, 4, 200)
    scores = class_scores(rng, y, 4)
    prediction = scores[:, :3].argmax(axis=1)  # class 3 is never predicted
    multiclass_case("multiclass_never_predicted", "class 3 has labels but is never predicted (precision 0)",
                    y, prediction, [0, 1, 2, 3], scores)

    y = rng.integers(0, 3, 160)
    scores = class_scores(rng, y, 4)
    prediction = scores.argmax(axis=1)  # sometimes 3, which is never a label
    multiclass_case("multiclass_prediction_only_class", "class 3 is predicted but never a label: roc_auc undefined",
                    y, prediction, [0, 1, 2, 3], scores)

    y = rng.integers(0, 3, 150)
    scores = class_scores(rng, y, 3) * rng.uniform(0.995, 1.001, (150, 1))
    scores = np.clip(scores, 0, 1)
    multiclass_case("multiclass_unnormalized", "rows sum to 1 +- 0.5%: log_loss not renormalised, roc_auc refused",
                    y, scores.argmax(axis=1), [0, 1, 2], scores)

    species = np.array(["setosa", "versicolor", "virginica", "unknown"])
    y = species[rng.integers(0, 3, 140)]
    prediction = np.where(rng.uniform(0, 1, 140) < 0.7, y, species[rng.integers(0, 4, 140)])
    multiclass_case("multiclass_strings", "string labels, predictions only; 'unknown' is only ever predicted",
                    y, prediction, sorted(set(y) | set(prediction)))

    target = rng.normal(50, 20, 250)
    regression_case("regression", "a plain regression", target, target + rng.normal(0, 6, 250))

    target = np.round(rng.normal(0, 3, 120), 1)
    target[:10] = 0.0  # mape divides by max(|y|, eps): huge but finite
    regression_case("regression_zero_targets", "targets around 0, some exactly 0", target, target + rng.normal(0, 1, 120))

    target = 1e6 + rng.normal(0, 1, 200)
    regression_case("regression_offset", "targets 1e6 +- 1: r2 must not cancel away",
                    target, target + rng.normal(0, 0.3, 200))

    target = np.full(60, 3.0)
    regression_case("regression_constant_target", "a constant target: r2 is 0 unless predicted exactly",
                    target, target + rng.normal(0, 0.5, 60))

    slice_cases(rng)  # last, so the cases above keep their random draws


if __name__ == "__main__":
    main()
