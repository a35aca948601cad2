#!/usr/bin/env python3
"""Writes the inputs of Tests/Scripts/bench-security.sh (needs numpy, torch CPU and scikit-learn).

state.pkl     a pickled state dict of float32 NumPy arrays (protocol 4), MEGABYTES large
model.pt      torch.save of a state dict of float32 tensors (the zip checkpoint), MEGABYTES large
repo/         2,000 small files as a model repository holds them: pickled scikit-learn models and
              dicts of arrays, JSON configs, Python scripts, YAML and Markdown (1 to 30 KB each)
Usage: bench_security_generate.py OUT [MEGABYTES] [FILES]
"""
import collections
import json
import os
import pickle
import sys

import numpy as np
import torch
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler
from sklearn.pipeline import make_pipeline

out = sys.argv[1]
megabytes = int(sys.argv[2]) if len(sys.argv) > 2 else 200
files = int(sys.argv[3]) if len(sys.argv) > 3 else 2000
rng = np.random.default_rng(0)
layers = 50
per_layer = megabytes * 1_000_000 // 4 // layers

state = collections.OrderedDict(
    (f"layer{i}.weight", rng.standard_normal(per_layer, dtype=np.float32)) for i in range(layers))
with open(os.path.join(out, "state.pkl"), "wb") as f:
    pickle.dump(state, f, protocol=4)
torch.manual_seed(0)
torch.save({f"layer{i}.weight": torch.randn(per_layer) for i in range(layers)}, os.path.join(out, "model.pt"))

repo = os.path.join(out, "repo")
X = rng.random((200, 8))
y = (X[:, 0] > 0.5).astype(int)
model = make_pipeline(StandardScaler(), LogisticRegression()).fit(X, y)
words = "the model reads features scales them and predicts a label for each row of the table".split()
for n in range(files):
    folder = os.path.join(repo, f"part{n // 100:02d}")
    os.makedirs(folder, exist_ok=True)
    kind = n % 5
    size = int(rng.integers(1_000, 30_000))
    if kind == 0:
        with open(os.path.join(folder, f"model{n}.pkl"), "wb") as f:
            payload = model if n % 10 == 0 else {"weights": rng.standard_normal(size // 8), "step": n, "name": f"run{n}"}
            pickle.dump(payload, f, protocol=4)
    elif kind == 1:
        config = {"model": f"m{n}", "layers": [int(v) for v in rng.integers(8, 512, size // 40)],
                  "optimizer": {"name": "adam", "lr": 0.001}, "labels": [f"class_{i}" for i in range(size // 60)]}
        with open(os.path.join(folder, f"config{n}.json"), "w") as f:
            json.dump(config, f, indent=2)
    elif kind == 2:
        lines = [f"def step_{i}(batch):\n    loss = model(batch).mean() * {i}\n    return loss\n" for i in range(size // 70)]
        with open(os.path.join(folder, f"train{n}.py"), "w") as f:
            f.write("import torch\n\n" + "\n".join(lines))
    elif kind == 3:
        lines = [f"  param_{i}: {float(rng.random()):.6f}" for i in range(size // 24)]
        with open(os.path.join(folder, f"params{n}.yaml"), "w") as f:
            f.write("training:\n" + "\n".join(lines) + "\n")
    else:
        text = " ".join(words[int(i)] for i in rng.integers(0, len(words), size // 6))
        with open(os.path.join(folder, f"README{n}.md"), "w") as f:
            f.write(f"# Model card {n}\n\n{text}\n")
