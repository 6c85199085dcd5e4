"""Time ParetoRec's metrics against scikit-learn on the same arrays, in one run (release build).

    swift build -c release --product paretorec-bench
    python3 Experiments/bench/metrics_bench.py [--n 1000000] [--candidates 100] [--repeat 5]

Writes the arrays to a temporary directory as raw float64, times scikit-learn (roc_auc_score,
log_loss, ndcg_score on the users × candidates matrix) and a GAUC loop in torch-rechub's style
(group rows by user, roc_auc_score per user with both classes, weight by impressions), then runs
`.build/release/paretorec-bench metrics DIR` and prints medians and ratios (peer / ours).
"""
import argparse
import json
import pathlib
import subprocess
import tempfile
import time

import numpy as np
from sklearn.metrics import log_loss, ndcg_score, roc_auc_score


def median_time(fn, repeats):
    times, value = [], None
    for _ in range(repeats):
        t = time.perf_counter()
        value = fn()
        times.append(time.perf_counter() - t)
    return float(np.median(times)), value


def gauc_grouped(y, s, users):
    order = np.argsort(users, kind="stable")
    u, y, s = users[order], y[order], s[order]
    bounds = np.flatnonzero(np.diff(u)) + 1
    num = den = 0.0
    for ys, ss in zip(np.split(y, bounds), np.split(s, bounds)):
        if ys.min() != ys.max():
            num += len(ys) * roc_auc_score(ys, ss)
            den += len(ys)
    return num / den


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--candidates", type=int, default=100)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--k", type=int, default=10)
    a = ap.parse_args()
    rng = np.random.default_rng(7)
    users_count = a.n // a.candidates
    users = np.repeat(np.arange(users_count), a.candidates).astype(float)
    labels = (rng.random(a.n) < 0.2).astype(float)
    scores = rng.normal(size=a.n) + labels  # continuous: no ties, so NDCG tie handling agrees
    probabilities = 1 / (1 + np.exp(-scores))
    relevance = labels * rng.integers(1, 4, size=a.n)
    peer = {
        "auc": median_time(lambda: roc_auc_score(labels, scores), a.repeat),
        "logloss": median_time(lambda: log_loss(labels, probabilities), a.repeat),
        "ndcg": median_time(lambda: ndcg_score(relevance.reshape(users_count, a.candidates),
                                               scores.reshape(users_count, a.candidates), k=a.k), a.repeat),
        "gauc": median_time(lambda: gauc_grouped(labels, scores, users), 1),  # slow: one run
    }
    with tempfile.TemporaryDirectory() as d:
        for name, arr in [("scores", scores), ("labels", labels), ("probabilities", probabilities),
                          ("users", users), ("relevance", relevance)]:
            arr.astype("<f8").tofile(pathlib.Path(d) / f"{name}.f64")
        out = subprocess.run([".build/release/paretorec-bench", "metrics", d, "--repeat", str(a.repeat),
                              "--k", str(a.k)], check=True, capture_output=True, text=True).stdout
    ours = json.loads(out)
    print(f"n = {a.n}, {users_count} users × {a.candidates} candidates, median of {a.repeat}")
    for key in ["auc", "gauc", "logloss", "ndcg"]:
        pt, pv = peer[key]
        ot, ov = ours[key]["seconds"], ours[key]["value"]
        print(f"{key:8s} peer {pt:.4f} s  ours {ot:.4f} s  ratio peer/ours {pt / ot:6.2f}  "
              f"|Δvalue| {abs(pv - ov):.2e}")


if __name__ == "__main__":
    main()
