#!/usr/bin/env python3
"""Non-dominated sorting speed: ParetoRec `nondominatedRanks` against `moocore.pareto_rank`.

Generates N = 20,000 uniform random points in [0, 1)^M for M = 2, 3, 5 (numpy seed 20261129 + M),
writes them as whitespace-separated text, times `moocore.pareto_rank` in-process (median of
--repeats calls after one warm-up), runs `.build/release/paretorec-bench sorting FILE` on the same file
(same repeats; the binary prints its own median), checks that the ranks are identical, and prints a
Markdown table with the ratio ParetoRec / moocore (< 1 means ParetoRec is faster).

Build first:  swift build -c release --product paretorec-bench
Run:          python3 Experiments/bench/sorting_vs_moocore.py [--repeats 9] [--n 20000]
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

import moocore
import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BENCH = os.path.join(ROOT, ".build", "release", "paretorec-bench")


def time_moocore(points, repeats):
    moocore.pareto_rank(points)  # warm-up
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        ranks = moocore.pareto_rank(points)
        times.append(time.perf_counter() - start)
    return statistics.median(times), ranks


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=9)
    parser.add_argument("--n", type=int, default=20000)
    parser.add_argument("--objectives", type=int, nargs="+", default=[2, 3, 5])
    args = parser.parse_args()
    if not os.path.exists(BENCH):
        sys.exit(f"{BENCH} missing: run `swift build -c release --product paretorec-bench` first")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for m in args.objectives:
            rng = np.random.default_rng(20261129 + m)
            points = rng.random((args.n, m))
            path = os.path.join(tmp, f"uniform_n{args.n}_m{m}.txt")
            np.savetxt(path, points, fmt="%.17g")
            points = np.loadtxt(path, ndmin=2)  # time moocore on exactly the parsed values
            peer_seconds, peer_ranks = time_moocore(points, args.repeats)
            ranks_path = os.path.join(tmp, f"ranks_m{m}.txt")
            out = subprocess.run(
                [BENCH, "sorting", path, "--repeats", str(args.repeats), "--ranks-output", ranks_path],
                check=True, capture_output=True, text=True)
            ours_seconds = float(out.stdout.strip().splitlines()[-1])
            ours_ranks = np.loadtxt(ranks_path, dtype=int, ndmin=1)
            identical = bool(np.array_equal(ours_ranks, np.asarray(peer_ranks)))
            fronts = int(np.max(peer_ranks)) + 1
            rows.append((m, args.n, fronts, ours_seconds, peer_seconds, identical))
    print(f"| M | N | fronts | ParetoRec (ms) | moocore.pareto_rank (ms) | ratio | ranks identical |")
    print(f"|---|---|---|---|---|---|---|")
    for m, n, fronts, ours, peer, identical in rows:
        print(f"| {m} | {n} | {fronts} | {ours * 1e3:.2f} | {peer * 1e3:.2f} | {ours / peer:.2f} | {identical} |")
    if not all(r[5] for r in rows):
        sys.exit("ranks differ from moocore")


if __name__ == "__main__":
    main()
