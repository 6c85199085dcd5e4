#!/usr/bin/env python3
"""Non-dominated sorting speed: ParetoRec `nondominatedRanks` against `moocore.pareto_rank`.

Generates N = 20,000 uniform random points in [0, 1)^M for M = 2, 3, 5 (numpy seed 20261129 + M),
writes them as whitespace-separated text, and then, for --rounds rounds, alternately times
`moocore.pareto_rank` in-process (median of --repeats calls after one warm-up) and runs
`.build/release/paretorec-bench sorting FILE --repeats R` on the same file (the binary prints its own
medians). Both sides report wall time and the CPU time of the calling thread; the table gives the
median over rounds and the ratio ParetoRec / moocore (< 1 means ParetoRec is faster). CPU time is
the fairer figure when other processes load the machine. The ranks must be identical.

With --families, other point sets of the same size can be added (seed 20261129 + M as well):
`simplex` (Dirichlet(1) points: one front), `chain` (t·(1,…,1) plus noise 1e-3: thousands of fronts),
`grid` (integers 0..9: many ties and duplicates).

Build first:  swift build -c release --product paretorec-bench
Run:          python3 Experiments/bench/sorting_vs_moocore.py [--repeats 9] [--rounds 3] [--n 20000]
                  [--objectives 2 3 5] [--families uniform simplex chain grid]
"""
import argparse
import os
import statistics
import subprocess
import os as _os
# The bench calls no BLAS; one OpenBLAS thread keeps idle workers from spinning, which would
# inflate the process CPU time the bench reports.
BENCH_ENV = {**_os.environ, "OPENBLAS_NUM_THREADS": "1"}
import sys
import tempfile
import time

import moocore
import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BENCH = os.path.join(ROOT, ".build", "release", "paretorec-bench")


def make_points(family, rng, n, m):
    if family == "uniform":
        return rng.random((n, m))
    if family == "simplex":
        return rng.dirichlet(np.ones(m), size=n)
    if family == "chain":
        return np.column_stack([rng.random(n)] * m) + rng.random((n, m)) * 1e-3
    if family == "grid":
        return rng.integers(0, 10, size=(n, m)).astype(float)
    raise ValueError(family)


def time_moocore(points, repeats):
    moocore.pareto_rank(points)  # warm-up
    wall, cpu = [], []
    for _ in range(repeats):
        cpu_start, start = time.thread_time(), time.perf_counter()
        ranks = moocore.pareto_rank(points)
        wall.append(time.perf_counter() - start)
        cpu.append(time.thread_time() - cpu_start)
    return statistics.median(wall), statistics.median(cpu), ranks


def time_ours(path, repeats, ranks_path):
    out = subprocess.run(
        [BENCH, "sorting", path, "--repeats", str(repeats), "--ranks-output", ranks_path],
        check=True, capture_output=True, text=True, env=BENCH_ENV).stdout.split("\n")
    return float(out[0]), float(out[1].split()[1])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=9)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--n", type=int, default=20000)
    parser.add_argument("--objectives", type=int, nargs="+", default=[2, 3, 5])
    parser.add_argument("--families", nargs="+", default=["uniform"],
                        choices=["uniform", "simplex", "chain", "grid"])
    args = parser.parse_args()
    if not os.path.exists(BENCH):
        sys.exit(f"{BENCH} missing: run `swift build -c release --product paretorec-bench` first")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for family, m in [(f, m) for f in args.families for m in args.objectives]:
            rng = np.random.default_rng(20261129 + m)
            points = make_points(family, rng, args.n, m)
            path = os.path.join(tmp, f"{family}_n{args.n}_m{m}.txt")
            np.savetxt(path, points, fmt="%.17g")
            points = np.loadtxt(path, ndmin=2)  # time moocore on exactly the parsed values
            ranks_path = os.path.join(tmp, f"ranks_{family}_m{m}.txt")
            peer_wall, peer_cpu, our_wall, our_cpu = [], [], [], []
            for _ in range(args.rounds):
                wall, cpu, peer_ranks = time_moocore(points, args.repeats)
                peer_wall.append(wall); peer_cpu.append(cpu)
                wall, cpu = time_ours(path, args.repeats, ranks_path)
                our_wall.append(wall); our_cpu.append(cpu)
            ours_ranks = np.loadtxt(ranks_path, dtype=int, ndmin=1)
            identical = bool(np.array_equal(ours_ranks, np.asarray(peer_ranks)))
            fronts = int(np.max(peer_ranks)) + 1
            med = statistics.median
            rows.append((family, m, args.n, fronts, med(our_cpu), med(peer_cpu), med(our_wall), med(peer_wall), identical))
    print("| points | M | N | fronts | ParetoRec CPU (ms) | moocore CPU (ms) | ratio CPU | ParetoRec wall (ms) | moocore wall (ms) | ratio wall | ranks identical |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for family, m, n, fronts, oc, pc, ow, pw, identical in rows:
        print(f"| {family} | {m} | {n} | {fronts} | {oc * 1e3:.2f} | {pc * 1e3:.2f} | {oc / pc:.2f} | "
              f"{ow * 1e3:.2f} | {pw * 1e3:.2f} | {ow / pw:.2f} | {identical} |")
    if not all(r[-1] for r in rows):
        sys.exit("ranks differ from moocore")


if __name__ == "__main__":
    main()
