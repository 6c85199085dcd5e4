"""Reference min-norm weights from quadprog (the QP solver torchjd's MGDA/UPGrad aggregators use).

Solves  min_w  wᵀ G w  s.t.  Σ w = 1, w ≥ 0  for random Gram matrices G = J Jᵀ (J: M × n Gaussian
rows scaled by 1 + k) and writes min_norm_quadprog.json. quadprog needs a positive-definite
matrix, so G + 1e-12·max(diag G)·I is passed (as torchjd regularizes); the reported value is
wᵀGw of the unregularized G. Run once:  python3 min_norm_quadprog.py
"""
import json
import numpy as np
import quadprog

rng = np.random.default_rng(20181004)
cases = []
for case in range(60):
    m = int(rng.integers(2, 7))
    n = int(rng.integers(1, 9))
    j = rng.standard_normal((m, n)) * (1 + np.arange(m))[:, None]
    if case % 10 == 9 and m >= 3:
        j[-1] = 0.7 * j[0]  # a duplicated direction (degenerate hull)
    g = j @ j.T
    reg = g + 1e-12 * max(np.max(np.diag(g)), 1e-300) * np.eye(m)
    # quadprog: min ½ xᵀPx − aᵀx  s.t.  Cᵀx ≥ b, first meq constraints equalities.
    c = np.hstack([np.ones((m, 1)), np.eye(m)])
    b = np.hstack([[1.0], np.zeros(m)])
    w = quadprog.solve_qp(2 * reg, np.zeros(m), c, b, meq=1)[0]
    w = np.maximum(w, 0)
    w /= w.sum()
    cases.append({
        "objectives": m, "variables": n,
        "gram": g.flatten().tolist(),
        "weights": w.tolist(),
        "squaredNorm": float(w @ g @ w),
        "positiveDefinite": bool(np.linalg.eigvalsh(g).min() > 1e-8 * np.max(np.diag(g))),
    })
with open("min_norm_quadprog.json", "w") as f:
    json.dump({"generator": "quadprog 0.1.14 via min_norm_quadprog.py, numpy seed 20181004", "cases": cases}, f, indent=1)
print(len(cases), "cases;", sum(c["positiveDefinite"] for c in cases), "positive definite")
