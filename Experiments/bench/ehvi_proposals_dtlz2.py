#!/usr/bin/env python3
"""Where EHVI's proposals land on DTLZ2 (3 objectives, 6 variables, 50 evaluations): one seed.

Runs `paretorec optimize --algorithm ehvi` with a checkpoint after every iteration, reads every
evaluated point from the final checkpoint and reports, for the 40 proposals after the 10-point
design: how many lie inside the benchmark's hypervolume box (1.1 per objective), how many have one
or two objectives ≈ 0 (position variables at a bound), how far they are from the front (g), and the
reference point EHVI infers (worst observation + 10 % of the observed range) after 10, 20 and 50.

Usage: python3 Experiments/bench/ehvi_proposals_dtlz2.py --bin BIN [--seed 3]
"""
import argparse, base64, json, os, subprocess, tempfile
import numpy as np

ap = argparse.ArgumentParser()
ap.add_argument("--bin", default=os.path.join(".build", "release", "paretorec"))
ap.add_argument("--seed", type=int, default=3)
a = ap.parse_args()
with tempfile.TemporaryDirectory() as d:
    subprocess.run([a.bin, "optimize", "--problem", "dtlz2", "--objectives", "3", "--variables", "6", "--algorithm", "ehvi",
                    "--evaluations", "50", "--seed", str(a.seed), "--output", os.path.join(d, "front.csv"),
                    "--checkpoint", os.path.join(d, "ck"), "--checkpoint-every", "1"],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=dict(os.environ, OPENBLAS_NUM_THREADS="1"))
    run = json.load(open(os.path.join(d, "ck", "checkpoint.json")))["state"]["run"]["evaluated"]
X = np.frombuffer(base64.b64decode(run["decisions"]), dtype="<f8").reshape(-1, 6)
F = np.frombuffer(base64.b64decode(run["objectives"]), dtype="<f8").reshape(-1, 3)
g = ((X[:, 2:] - 0.5) ** 2).sum(axis=1)
P, t = F[10:], 1e-3
for upto in (10, 20, 50):
    G = F[:upto]
    print(f"inferred reference after {upto}: {np.round(G.max(0) + 0.1 * (G.max(0) - G.min(0)), 3).tolist()}")
print(f"proposals inside the 1.1 box: {int((P < 1.1).all(1).sum())} of {len(P)}")
print(f"proposals with ≥ 1 objective < {t}: {int((P < t).any(1).sum())}; with 2: {int(((P < t).sum(1) >= 2).sum())}")
print(f"distance variables within {t} of a bound (mean of 4): {((X[10:, 2:] < t) | (X[10:, 2:] > 1 - t)).sum(1).mean():.2f}")
print(f"median g: design {np.median(g[:10]):.3f}, proposals {np.median(g[10:]):.3f} (0 on the front)")
