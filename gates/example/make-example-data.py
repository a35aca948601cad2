#!/usr/bin/env python3
"""Writes the example's models and test sets deterministically (standard library only).

A credit-risk task: applicants with `income`, `debt_ratio` (debt payments over income) and
`late_payments` (in the last two years); `defaulted` is drawn from a true risk that the features
explain only in part (a hidden factor and a non-linear income effect), so no model is perfect.

Two logistic-regression models are fitted on a training sample of their own and written as the
text weights that gates/example/model/score.awk reads:
  model/credit-risk.weights            2.4.0, the candidate: all three features
  model/credit-risk-2.5.0-rc1.weights  2.5.0-rc1, a weaker one that lost late_payments
The test sets hold held-out applicants with each model's default probability in `score`, printed
exactly as score.awk prints it (%.6f of the same double arithmetic), so the column and the program
give identical metrics; a test checks that they agree row by row.
  data/test.csv       the candidate's scores (pipeline.yml scores the rows with score.awk)
  data/test-weak.csv  the same applicants, the rc1 model's scores (pipeline-failing.yml)
Run: python3 gates/example/make-example-data.py
"""
import math
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
FEATURES = ["income", "debt_ratio", "late_payments"]
REGIONS = ["north", "south", "east", "west"]
# score.awk keeps z within these bounds, so exp() never overflows on an extreme input.
Z_LIMIT = 35.0


def applicant(rng):
    region = rng.choice(REGIONS)
    income = int(rng.lognormvariate(10.8, 0.45))
    debt_ratio = round(min(rng.betavariate(2.0, 4.0) * 1.2, 1.2), 2)
    late_payments = sum(rng.random() < 0.12 for _ in range(12))
    hidden = rng.gauss(0, 0.6)
    z = 1.8 * (-1.0 - 1.9 * (math.log(income) - 10.8) / 0.45 + 6.5 * (debt_ratio - 0.4)
               + 1.35 * (late_payments - 1.4)) + hidden
    defaulted = 1 if rng.random() < 1 / (1 + math.exp(-z)) else 0
    return {"region": region, "income": income, "debt_ratio": debt_ratio,
            "late_payments": late_payments, "defaulted": defaulted}


def fit(rows, features):
    """Logistic regression by Newton's method on standardised features; weights on raw ones."""
    means = [sum(r[f] for r in rows) / len(rows) for f in features]
    sds = [math.sqrt(sum((r[f] - m) ** 2 for r in rows) / len(rows)) for f, m in zip(features, means)]
    xs = [[1.0] + [(r[f] - m) / s for f, m, s in zip(features, means, sds)] for r in rows]
    ys = [r["defaulted"] for r in rows]
    k = len(features) + 1
    beta = [0.0] * k
    for _ in range(25):
        grad = [0.0] * k
        hess = [[0.0] * k for _ in range(k)]
        for x, y in zip(xs, ys):
            p = 1 / (1 + math.exp(-sum(b * v for b, v in zip(beta, x))))
            for i in range(k):
                grad[i] += (y - p) * x[i]
                for j in range(k):
                    hess[i][j] += p * (1 - p) * x[i] * x[j]
        beta = [b + d for b, d in zip(beta, solve(hess, grad))]
    weights = [b / s for b, s in zip(beta[1:], sds)]
    intercept = beta[0] - sum(w * m for w, m in zip(weights, means))
    # Six significant digits, as written to the weights file; scores use the written values.
    return [("intercept", float("%.6g" % intercept))] + [(f, float("%.6g" % w)) for f, w in zip(features, weights)]


def solve(a, b):
    """Gaussian elimination with partial pivoting (a few unknowns)."""
    n = len(b)
    m = [row[:] + [v] for row, v in zip(a, b)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        for r in range(c + 1, n):
            f = m[r][c] / m[c][c]
            for j in range(c, n + 1):
                m[r][j] -= f * m[c][j]
    x = [0.0] * n
    for r in reversed(range(n)):
        x[r] = (m[r][n] - sum(m[r][j] * x[j] for j in range(r + 1, n))) / m[r][r]
    return x


def score(weights, row):
    """score.awk's arithmetic, in its order: the intercept, then each feature in file order."""
    z = weights[0][1]
    for name, weight in weights[1:]:
        z += weight * float(row[name])
    z = max(-Z_LIMIT, min(Z_LIMIT, z))
    return "%.6f" % (1 / (1 + math.exp(-z)))


def write_weights(path, title, weights):
    with open(path, "w", newline="") as f:
        f.write("# %s: logistic regression, written by gates/example/make-example-data.py\n" % title)
        f.write("# P(default) = 1 / (1 + exp(-z)), z = intercept + the sum of weight * feature\n")
        for name, weight in weights:
            f.write("%s %s\n" % (name, "%.6g" % weight))


def write_test(path, rows, weights):
    with open(path, "w", newline="") as f:
        f.write("id,region,income,debt_ratio,late_payments,defaulted,score\n")
        for i, r in enumerate(rows, 1):
            f.write("%d,%s,%d,%.2f,%d,%d,%s\n" % (i, r["region"], r["income"], r["debt_ratio"],
                                                  r["late_payments"], r["defaulted"], score(weights, r)))


if __name__ == "__main__":
    training = random.Random(1)
    train = [applicant(training) for _ in range(8000)]
    held_out = random.Random(7)
    test = [applicant(held_out) for _ in range(3000)]
    candidate = fit(train, FEATURES)
    weak = fit(train, ["income", "debt_ratio"])
    os.makedirs(os.path.join(HERE, "model"), exist_ok=True)
    os.makedirs(os.path.join(HERE, "data"), exist_ok=True)
    write_weights(os.path.join(HERE, "model", "credit-risk.weights"), "credit-risk 2.4.0", candidate)
    write_weights(os.path.join(HERE, "model", "credit-risk-2.5.0-rc1.weights"), "credit-risk 2.5.0-rc1", weak)
    write_test(os.path.join(HERE, "data", "test.csv"), test, candidate)
    write_test(os.path.join(HERE, "data", "test-weak.csv"), test, weak)
