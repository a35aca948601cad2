#!/usr/bin/env python3
"""Writes the example pipeline's test set (gates/example/data/*.csv) deterministically.

A credit-risk style binary task: `defaulted` is the label, `score` a calibrated-looking
probability from a candidate model, `region` a slice column. `test.csv` is the candidate's
predictions; `test-weak.csv` a weaker model's, which the failing example pipeline gates.
Run: python3 gates/example/make-example-data.py   (standard library only)
"""
import math
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))


def write(path, rows):
    with open(path, "w", newline="") as f:
        f.write("id,region,income,defaulted,score\n")
        for r in rows:
            f.write("%d,%s,%d,%d,%.4f\n" % r)


def make(seed, skill):
    rng = random.Random(seed)
    rows = []
    for i in range(1, 3001):
        region = rng.choice(["north", "south", "east", "west"])
        income = int(rng.lognormvariate(10.5, 0.5))
        risk = -1.2 + rng.gauss(0, 1.3)
        label = 1 if rng.random() < 1 / (1 + math.exp(-risk * 2.2)) else 0
        noise = rng.gauss(0, 1)
        logit = skill * (risk * 2.2) + (1 - skill) * noise * 2.0
        score = 1 / (1 + math.exp(-logit))
        rows.append((i, region, income, label, score))
    return rows


if __name__ == "__main__":
    os.makedirs(os.path.join(HERE, "data"), exist_ok=True)
    write(os.path.join(HERE, "data", "test.csv"), make(7, 0.85))
    write(os.path.join(HERE, "data", "test-weak.csv"), make(7, 0.35))
