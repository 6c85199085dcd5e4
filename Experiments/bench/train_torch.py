#!/usr/bin/env python3
"""PyTorch side of the recommender-training benchmark (issue 4); run by training_vs_torch.sh.

Trains the same model as `paretorec-bench training run` on the same data file (written by
`paretorec-bench training generate`, format documented in Sources/ParetoBench/TrainingBench.swift):
user and item towers Linear(64->128)+ReLU, two binary objectives with s_k = h^T W_k g + b_k,
weighted BCE (0.5, 0.5), Adam lr 1e-3, batch 1024, 3 epochs, CPU, torch.set_num_threads(2) (--threads).

Modes (same policy as ParetoRec's GradientBalancing):
  weighted  backward of 0.5*L1 + 0.5*L2
  mgda-ub   per-objective gradients w.r.t. the shared representation (h, g), two-task min-norm
            weights w, heads get grad of 0.5*L1 + 0.5*L2, towers get sum_k w_k dL_k (one tower pass)
  mgda      two per-task backward passes over all parameters; shared (tower) gradient sum_k w_k g_k,
            heads 0.5*(g_1 + g_2)
Prints one JSON line: samples/s, seconds, test AUC per objective, peak RSS (getrusage).
"""
import argparse, json, resource, struct, time

import numpy as np
import torch
import torch.nn as nn


def load(path):
    with open(path, "rb") as f:
        train, test, du, di, k = struct.unpack("<5i", f.read(20))
        def arr(rows, cols):
            return np.fromfile(f, dtype="<f4", count=rows * cols).reshape(rows, cols)
        tr = (arr(train, du), arr(train, di), arr(train, k))
        te = (arr(test, du), arr(test, di), arr(test, k))
    return tr, te


class TwoTower(nn.Module):
    def __init__(self, du, di, width, k):
        super().__init__()
        self.user = nn.Linear(du, width)
        self.item = nn.Linear(di, width)
        # Same initialisation scheme as ParetoRec: He-normal towers, zero biases,
        # W_k uniform with variance 1/(dh*dg), zero head biases.
        for layer in (self.user, self.item):
            nn.init.kaiming_normal_(layer.weight, nonlinearity="relu")
            nn.init.zeros_(layer.bias)
        a = (3.0 / (width * width)) ** 0.5
        self.W = nn.Parameter(torch.empty(width, k * width).uniform_(-a, a))  # [W_1 ... W_K]
        self.b = nn.Parameter(torch.zeros(k))
        self.k, self.width = k, width

    def towers(self, xu, xi):
        return torch.relu(self.user(xu)), torch.relu(self.item(xi))

    def head(self, h, g):
        p = (h @ self.W).view(-1, self.k, self.width)
        return (p * g.unsqueeze(1)).sum(-1) + self.b


def min_norm_two(g11, g12, g22):
    """Benchmark-only two-objective min-norm weights (Sener & Koltun 2018, Algorithm 1)."""
    den = g11 + g22 - 2 * g12
    w1 = 0.5 if den <= 0 else min(max((g22 - g12) / den, 0.0), 1.0)
    return w1, 1.0 - w1


def exact_auc(scores, labels):
    order = np.argsort(scores, kind="mergesort")
    s = scores[order]
    ranks = np.empty(len(s))
    i = 0
    while i < len(s):
        j = i
        while j + 1 < len(s) and s[j + 1] == s[i]:
            j += 1
        ranks[i:j + 1] = (i + j) / 2 + 1
        i = j + 1
    pos = labels[order] > 0.5
    npos, nneg = pos.sum(), (~pos).sum()
    return float((ranks[pos].sum() - npos * (npos + 1) / 2) / (npos * nneg))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--mode", default="weighted", choices=["weighted", "mgda-ub", "mgda"])
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--batch-size", type=int, default=1024)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    (xu, xi, y), (txu, txi, ty) = load(args.data)
    xu, xi, y = torch.from_numpy(xu), torch.from_numpy(xi), torch.from_numpy(y)
    model = TwoTower(xu.shape[1], xi.shape[1], 128, y.shape[1])
    shared = list(model.user.parameters()) + list(model.item.parameters())
    heads = [model.W, model.b]
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    bce = nn.BCEWithLogitsLoss()
    n = xu.shape[0]
    gen = torch.Generator().manual_seed(args.seed)
    cpu0 = resource.getrusage(resource.RUSAGE_SELF)
    start = time.perf_counter()
    for _ in range(args.epochs):
        perm = torch.randperm(n, generator=gen)
        for s in range(0, n, args.batch_size):
            idx = perm[s:s + args.batch_size]
            bu, bi, by = xu[idx], xi[idx], y[idx]
            opt.zero_grad(set_to_none=True)
            h, g = model.towers(bu, bi)
            scores = model.head(h, g)
            l1 = bce(scores[:, 0], by[:, 0])
            l2 = bce(scores[:, 1], by[:, 1])
            total = 0.5 * l1 + 0.5 * l2
            if args.mode == "weighted":
                total.backward()
            elif args.mode == "mgda-ub":
                d1 = torch.autograd.grad(l1, [h, g], retain_graph=True)
                d2 = torch.autograd.grad(l2, [h, g], retain_graph=True)
                z1 = torch.cat([d1[0].flatten(), d1[1].flatten()])
                z2 = torch.cat([d2[0].flatten(), d2[1].flatten()])
                w1, w2 = min_norm_two(float(z1 @ z1), float(z1 @ z2), float(z2 @ z2))
                hg = torch.autograd.grad(total, heads, retain_graph=True)
                torch.autograd.backward([h, g], [w1 * d1[0] + w2 * d2[0], w1 * d1[1] + w2 * d2[1]])
                for p, gr in zip(heads, hg):
                    p.grad = gr
            else:
                params = shared + heads
                g1 = torch.autograd.grad(l1, params, retain_graph=True)
                g2 = torch.autograd.grad(l2, params)
                ns = len(shared)
                f1 = torch.cat([t.flatten() for t in g1[:ns]])
                f2 = torch.cat([t.flatten() for t in g2[:ns]])
                w1, w2 = min_norm_two(float(f1 @ f1), float(f1 @ f2), float(f2 @ f2))
                for i, p in enumerate(params):
                    p.grad = (w1 * g1[i] + w2 * g2[i]) if i < ns else 0.5 * (g1[i] + g2[i])
            opt.step()
    seconds = time.perf_counter() - start
    cpu1 = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (cpu1.ru_utime + cpu1.ru_stime) - (cpu0.ru_utime + cpu0.ru_stime)
    with torch.no_grad():
        h, g = model.towers(torch.from_numpy(txu), torch.from_numpy(txi))
        ts = model.head(h, g).numpy()
    aucs = [exact_auc(ts[:, k], ty[:, k]) for k in range(ty.shape[1])]
    print(json.dumps({
        "implementation": "pytorch", "mode": args.mode, "torch": torch.__version__,
        "samples_per_second": n * args.epochs / seconds, "seconds": seconds, "cpu_seconds": cpu,
        "threads": args.threads, "test_auc": aucs,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }))


if __name__ == "__main__":
    main()
