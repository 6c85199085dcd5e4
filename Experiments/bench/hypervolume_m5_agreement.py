#!/usr/bin/env python3
"""Five-objective exact hypervolume: ParetoRec against moocore on random point sets.

Sets (seeded; several sizes N): points on the linear simplex, uniform points in [0, 1.2)^5 (some
outside the reference), grid points {0, 1/4, ..., 1} (ties in every coordinate), simplex points
rounded to 1/8 (ties), and simplex points with a third of them copied and a quarter of the rows
given one coordinate 1.3 (outside the reference 1.1). Each set is written with %.17g, read back,
and given to `paretorec-bench hypervolume` and to moocore.hypervolume. Prints the
largest relative difference and exits non-zero if one exceeds 1e-12.

Run after:  swift build -c release --product paretorec-bench
Usage:      python3 Experiments/bench/hypervolume_m5_agreement.py [--sets K] [--bench PATH]
"""
import argparse
import os
import subprocess
import sys
import tempfile

import numpy as np
import moocore

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
BENCH = os.path.join(ROOT, ".build", "release", "paretorec-bench")
SIZES = [1, 2, 3, 5, 13, 40, 100, 300, 600, 1000]
REF = 1.1


def point_set(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.choice(SIZES))
    kind = seed % 5
    if kind == 0:
        points = rng.dirichlet(np.ones(5), size=n)
    elif kind == 1:
        points = rng.random((n, 5)) * 1.2
    elif kind == 2:
        points = rng.integers(0, 5, size=(n, 5)) / 4.0
    elif kind == 3:
        points = np.round(rng.dirichlet(np.ones(5), size=n) * 8) / 8
    else:
        points = rng.dirichlet(np.ones(5), size=n)
        points = np.vstack([points, points[rng.integers(0, n, size=n // 3)]])
        rows = rng.integers(0, len(points), size=len(points) // 4)
        points[rows, rng.integers(0, 5, size=len(rows))] = 1.3
    rng.shuffle(points)
    return ["simplex", "uniform", "grid", "rounded", "copies+outside"][kind], points


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sets", type=int, default=100)
    parser.add_argument("--bench", default=BENCH)
    args = parser.parse_args()
    if not os.path.exists(args.bench):
        sys.exit(f"missing {args.bench}: run swift build -c release --product paretorec-bench")
    workdir = tempfile.mkdtemp(prefix="hv-m5-")
    path = os.path.join(workdir, "points.txt")
    worst, worst_case = 0.0, None
    for seed in range(args.sets):
        kind, points = point_set(seed)
        np.savetxt(path, points, fmt="%.17g")
        points = np.loadtxt(path, ndmin=2)
        expected = moocore.hypervolume(points, ref=np.full(5, REF))
        out = subprocess.run(
            [args.bench, "hypervolume", path, "--reference", ",".join([str(REF)] * 5), "--repeats", "5"],
            check=True, capture_output=True, text=True).stdout.split("\n")
        value = float(dict(line.split() for line in out if line)["value"])
        difference = abs(value - expected) / max(abs(expected), 1e-300) if expected != value else 0.0
        if difference > worst:
            worst, worst_case = difference, (seed, kind, len(points), value, expected)
        if difference > 1e-12:
            print(f"seed {seed} ({kind}, N={len(points)}): ParetoRec {value!r}, moocore {expected!r}")
    print(f"{args.sets} sets, largest relative difference {worst:.3g}"
          + (f" (seed {worst_case[0]}, {worst_case[1]}, N={worst_case[2]})" if worst_case else ""))
    sys.exit(1 if worst > 1e-12 else 0)


if __name__ == "__main__":
    main()
