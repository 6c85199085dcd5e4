"""Reference values for the Recommender metrics, computed once with scikit-learn.

Writes Tests/RecommenderTests/Fixtures/metrics/metric_fixtures.json (see the README beside it).
Run from the repository root:  python3 Experiments/reference/make_metric_fixtures.py
Requires numpy and scikit-learn (pip install scikit-learn); the values were generated with the
versions recorded in the output's "generator" field.
"""
import json
import pathlib

import numpy as np
import sklearn
from sklearn.metrics import (log_loss, mean_absolute_error, mean_squared_error, ndcg_score,
                             roc_auc_score, root_mean_squared_error)

OUT = pathlib.Path("Tests/RecommenderTests/Fixtures/metrics/metric_fixtures.json")


def auc_cases(rng):
    cases = []
    # Scores rounded to few decimals so that ties (also between classes) are frequent.
    for n, decimals, rate in [(12, 1, 0.5), (60, 1, 0.3), (250, 2, 0.2), (400, 1, 0.1), (600, 3, 0.05)]:
        y = (rng.random(n) < rate).astype(float)
        y[0], y[1] = 0.0, 1.0  # both classes present
        s = np.round(rng.normal(size=n) + 0.8 * y, decimals)
        cases.append({"n": n, "scores": s.tolist(), "labels": y.tolist(),
                      "roc_auc_score": float(roc_auc_score(y, s))})
    return cases


def logloss_cases(rng):
    cases = []
    for n in [10, 100, 300]:
        y = (rng.random(n) < 0.3).astype(float)
        p = rng.uniform(0.02, 0.98, size=n)
        cases.append({"n": n, "probabilities": p.tolist(), "labels": y.tolist(),
                      "log_loss": float(log_loss(y, p, labels=[0.0, 1.0]))})
    return cases


def regression_cases(rng):
    cases = []
    for n in [5, 100, 300]:
        y = rng.normal(2.0, 3.0, size=n)
        p = y + rng.normal(0.0, 1.5, size=n)
        cases.append({"n": n, "predictions": p.tolist(), "labels": y.tolist(),
                      "mean_squared_error": float(mean_squared_error(y, p)),
                      "mean_absolute_error": float(mean_absolute_error(y, p)),
                      "root_mean_squared_error": float(root_mean_squared_error(y, p))})
    return cases


def ndcg_cases(rng):
    """sklearn's ndcg_score averages tied gains; our ranking breaks ties by position, so scores are
    continuous (distinct within a user). Relevance is graded 0..3 (linear gain, as sklearn)."""
    cases = []
    for users, candidates, grades in [(3, 6, 4), (20, 10, 2), (25, 20, 4)]:
        rel = rng.integers(0, grades, size=(users, candidates)).astype(float)
        for u in range(users):
            if rel[u].sum() == 0:
                rel[u, rng.integers(candidates)] = 1.0  # at least one relevant item per user
        score = rng.normal(size=(users, candidates)) + 0.5 * rel
        ks = sorted({1, 3, 5, candidates})
        cases.append({"users": users, "candidates": candidates,
                      "userKeys": np.repeat(np.arange(users) * 7 + 3, candidates).tolist(),
                      "scores": score.ravel().tolist(), "relevance": rel.ravel().tolist(),
                      "k": ks, "ndcg_score": [float(ndcg_score(rel, score, k=k)) for k in ks]})
    return cases


def gauc_cases(rng):
    """Impression-weighted GAUC: sum_u n_u * roc_auc_score(user u) / sum_u n_u over users having both
    classes; single-class users are skipped."""
    cases = []
    for users, rate in [(5, 0.4), (40, 0.2)]:
        sizes = rng.integers(1, 25, size=users)
        keys = np.repeat(rng.permutation(10 * users)[:users], sizes)
        n = len(keys)
        y = (rng.random(n) < rate).astype(float)
        s = np.round(rng.normal(size=n) + y, 1)
        order = rng.permutation(n)  # interleave users
        keys, y, s = keys[order], y[order], s[order]
        num, den, counted, skipped = 0.0, 0, 0, 0
        for u in np.unique(keys):
            m = keys == u
            if len(np.unique(y[m])) < 2:
                skipped += 1
                continue
            num += m.sum() * roc_auc_score(y[m], s[m])
            den += int(m.sum())
            counted += 1
        cases.append({"n": n, "userKeys": keys.tolist(), "scores": s.tolist(), "labels": y.tolist(),
                      "gauc": num / den, "usersCounted": counted, "usersSkipped": skipped,
                      "impressionsCounted": den})
    return cases


def main():
    rng = np.random.default_rng(20260429)
    out = {"generator": f"Experiments/reference/make_metric_fixtures.py, numpy {np.__version__}, "
                        f"scikit-learn {sklearn.__version__}, seed 20260429",
           "auc": auc_cases(rng), "logloss": logloss_cases(rng), "regression": regression_cases(rng),
           "ndcg": ndcg_cases(rng), "gauc": gauc_cases(rng)}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(out, indent=None, separators=(",", ":")) + "\n")
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
