"""Peer timing for `paretorec-bench mgda`: one min-norm solve from a Gram matrix.

Same setup as MGDABench.swift (1000 Gram matrices of M Gaussian gradients in n = 50, median of
7 rounds): quadprog (torchjd's solver) and LibMTL's MinNormSolver-style Frank–Wolfe in numpy
(closed form for M = 2; Frank–Wolfe, 250 iterations, stop at 1e-5 change for M > 2).
Usage: python3 Experiments/bench/mgda_min_norm.py
"""
import time
import numpy as np
import quadprog


def quadprog_weights(g):
    m = g.shape[0]
    reg = g + 1e-12 * max(np.max(np.diag(g)), 1e-300) * np.eye(m)
    c = np.hstack([np.ones((m, 1)), np.eye(m)])
    b = np.hstack([[1.0], np.zeros(m)])
    return quadprog.solve_qp(2 * reg, np.zeros(m), c, b, meq=1)[0]


def pair(v11, v12, v22):
    if v12 >= v11:
        return 1.0
    if v12 >= v22:
        return 0.0
    return (v22 - v12) / (v11 + v22 - 2 * v12)


def frank_wolfe(g, iters=250, stop=1e-5):
    m = g.shape[0]
    if m == 2:
        w = pair(g[0, 0], g[0, 1], g[1, 1])
        return np.array([w, 1 - w])
    w = np.ones(m) / m
    for _ in range(iters):
        gw = g @ w
        t = int(np.argmin(gw))
        v11, v12, v22 = w @ gw, gw[t], g[t, t]
        gamma = pair(v11, v12, v22)
        new = gamma * w
        new[t] += 1 - gamma
        if np.sum(np.abs(new - w)) < stop:
            return new
        w = new
    return w


for m in [2, 3, 5, 10]:
    rng = np.random.default_rng(m)
    grams = []
    for _ in range(1000):
        j = rng.standard_normal((m, 50))
        grams.append(j @ j.T)
    for name, fn in [("quadprog", quadprog_weights), ("numpy Frank-Wolfe", frank_wolfe)]:
        times = []
        for _ in range(7):
            t0 = time.perf_counter()
            for g in grams:
                fn(g)
            times.append((time.perf_counter() - t0) / 1000)
        print(f"M = {m:2d} {name}: {np.median(times) * 1e6:.3f} µs per solve")
