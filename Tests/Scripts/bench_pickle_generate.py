#!/usr/bin/env python3
"""Writes the large benign pickles that Tests/Scripts/bench-pickle.sh scans (needs numpy, scikit-learn).

arrays.pkl   an OrderedDict of float32 arrays, protocol 4: mostly BINBYTES8 payloads (a state dict)
objects.pkl  a list of small dicts, protocol 4: millions of opcodes, memo entries and frames
forest.pkl   a scikit-learn random forest, protocol 5: a real model with many trees
"""
import collections
import pickle
import sys

import numpy as np

out, megabytes = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 200
rng = np.random.default_rng(0)
arrays = collections.OrderedDict(
    (f"layer{i}.weight", rng.standard_normal(megabytes * 250_000 // 50, dtype=np.float32)) for i in range(50))
with open(f"{out}/arrays.pkl", "wb") as f:
    pickle.dump(arrays, f, protocol=4)
rows = [{"id": i, "name": f"row{i}", "score": i * 0.5, "tags": ["a", "b"]} for i in range(megabytes * 10_000)]
with open(f"{out}/objects.pkl", "wb") as f:
    pickle.dump(rows, f, protocol=4)
from sklearn.ensemble import RandomForestClassifier
X = rng.random((20_000, 10))
y = (X[:, 0] + X[:, 1] > 1).astype(int)
forest = RandomForestClassifier(n_estimators=40, random_state=0, n_jobs=2).fit(X, y)
with open(f"{out}/forest.pkl", "wb") as f:
    pickle.dump(forest, f, protocol=5)
