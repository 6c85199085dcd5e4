#!/usr/bin/env python3
"""Exact hypervolume: ParetoRec vs moocore, pygmo and hvwfg on the same point files.

Cases (issue 2): points uniform on the linear simplex (sum = 1; Dirichlet(1,...,1), seeded),
M=2 N=100,000; M=3 N=10,000; M=5 N=500; M=8 N=100; reference point 1.1 per objective.
Peers are timed in-process (one warm-up call, then the median of REPEATS calls); ParetoRec is
timed by `paretorec-bench hypervolume` on the same file (warm-up, median of REPEATS, file reading
excluded). Both wall time and process CPU time are recorded; on a shared, loaded machine the CPU
time is the fairer figure (wall time includes waiting for a core). Values must agree to 1e-10
relative. Prints a table with ParetoRec's ratio to the fastest peer (ratio < 1: ParetoRec is faster).

A second table times exclusive contributions (M=2 N=100,000 and M=3 N=10,000, same files):
moocore.hv_contributions and pygmo.hypervolume(...).contributions against
`paretorec-bench hypervolume FILE --contributions` (sums compared to 1e-9 relative).

Run after:  swift build -c release --product paretorec-bench
Usage:      python3 Experiments/bench/hypervolume_vs_peers.py [--repeats K] [--workdir DIR]
                [--bench PATH] [--baseline PATH] [--cases M,...] [--skip-contributions]
--bench times another paretorec-bench binary instead of the one in .build/release; --baseline
also times a second one (e.g. a copy built from an earlier commit) in the same run, right after
the peers and before ParetoRec, and prints a before/after table; --cases keeps only the cases
with those numbers of objectives.
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

import numpy as np
import moocore
import pygmo
import hvwfg

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
BENCH = os.path.join(ROOT, ".build", "release", "paretorec-bench")
CASES = [(2, 100_000), (3, 10_000), (5, 500), (8, 100)]
REF = 1.1


def simplex_points(m, n, seed):
    rng = np.random.default_rng(seed)
    return rng.dirichlet(np.ones(m), size=n)


def median_time(fn, repeats):
    """(median wall seconds, median process CPU seconds, value) after one warm-up call."""
    value = fn()  # warm-up
    wall, cpu = [], []
    for _ in range(repeats):
        start, cpu_start = time.perf_counter(), time.process_time()
        value = fn()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - cpu_start)
    return statistics.median(wall), statistics.median(cpu), value


def run_bench(binary, path, m, repeats):
    """(median wall seconds, median CPU seconds, value) from `paretorec-bench hypervolume`."""
    out = subprocess.run(
        [binary, "hypervolume", path, "--reference", ",".join([str(REF)] * m), "--repeats", str(repeats)],
        check=True, capture_output=True, text=True, env=BENCH_ENV).stdout.split("\n")
    fields = dict(line.split() for line in out if line)
    return float(fields["seconds"]), float(fields["cpu-seconds"]), float(fields["value"])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--workdir", default=None)
    parser.add_argument("--bench", default=BENCH)
    parser.add_argument("--baseline", default=None)
    parser.add_argument("--cases", default=None, help="comma-separated numbers of objectives")
    parser.add_argument("--skip-contributions", action="store_true")
    args = parser.parse_args()
    bench = args.bench
    if not os.path.exists(bench):
        sys.exit(f"missing {bench}: run swift build -c release --product paretorec-bench")
    cases = CASES
    if args.cases:
        wanted = {int(m) for m in args.cases.split(",")}
        cases = [(m, n) for m, n in CASES if m in wanted]
    workdir = args.workdir or tempfile.mkdtemp(prefix="hv-bench-")
    os.makedirs(workdir, exist_ok=True)
    rows = []
    for m, n in cases:
        pts = simplex_points(m, n, seed=1000 + m)
        path = os.path.join(workdir, f"simplex_M{m}_N{n}.txt")
        np.savetxt(path, pts, fmt="%.17g")
        pts = np.loadtxt(path)  # exactly what the Swift side reads
        ref = np.full(m, REF)
        peers = {
            "moocore": lambda: moocore.hypervolume(pts, ref=ref),
            "pygmo": lambda: pygmo.hypervolume(pts).compute(ref),
            "hvwfg": lambda: hvwfg.wfg(pts, ref),
        }
        results = {name: median_time(fn, args.repeats) for name, fn in peers.items()}
        baseline = run_bench(args.baseline, path, m, args.repeats) if args.baseline else None
        ours = run_bench(bench, path, m, args.repeats)
        reference_value = results["moocore"][2]
        checked = list(results.items()) + [("paretorec", ours)] + ([("baseline", baseline)] if baseline else [])
        for name, (_, _, value) in checked:
            if abs(value - reference_value) > 1e-10 * abs(reference_value):
                sys.exit(f"M={m}: {name} gives {value!r}, moocore {reference_value!r}")
        rows.append((m, n, results, ours, reference_value, baseline))
    for index, label in ((1, "CPU"), (0, "wall")):
        print(f"\n{label} time, median of {args.repeats} after one warm-up (ms)\n")
        print("| M | N | moocore | pygmo | hvwfg | ParetoRec | ratio to fastest peer |")
        print("|---|---|---|---|---|---|---|")
        for m, n, results, ours, value, _ in rows:
            best = min(results, key=lambda k: results[k][index])
            cells = " | ".join("%.2f" % (results[k][index] * 1e3) for k in ("moocore", "pygmo", "hvwfg"))
            print(f"| {m} | {n:,} | {cells} | {ours[index] * 1e3:.2f} | {ours[index] / results[best][index]:.2f} (vs {best}) |")
    print("\nvalues (moocore): " + ", ".join(f"M={m}: {v:.17g}" for m, n, _, _, v, _ in rows))
    if args.baseline:
        print(f"\nBefore ({args.baseline}) / after ({bench}), CPU time, median of {args.repeats} (ms)\n")
        print("| M | N | moocore | before | after | before / moocore | after / moocore |")
        print("|---|---|---|---|---|---|---|")
        for m, n, results, ours, value, baseline in rows:
            mc = results["moocore"][1]
            print(f"| {m} | {n:,} | {mc * 1e3:.2f} | {baseline[1] * 1e3:.2f} | {ours[1] * 1e3:.2f} | "
                  f"{baseline[1] / mc:.2f} | {ours[1] / mc:.2f} |")

    if args.skip_contributions:
        return
    print(f"\nExclusive contributions, CPU time, median of {args.repeats} (ms)\n")
    print("| M | N | moocore | pygmo | ParetoRec | ratio to fastest peer |")
    print("|---|---|---|---|---|---|")
    for m, n in [case for case in cases if case[0] <= 3]:
        path = os.path.join(workdir, f"simplex_M{m}_N{n}.txt")
        pts = np.loadtxt(path)
        ref = np.full(m, REF)
        peers = {
            "moocore": lambda: float(np.sum(moocore.hv_contributions(pts, ref=ref))),
            "pygmo": lambda: float(np.sum(pygmo.hypervolume(pts).contributions(ref))),
        }
        results = {name: median_time(fn, args.repeats) for name, fn in peers.items()}
        out = subprocess.run(
            [bench, "hypervolume", path, "--reference", ",".join([str(REF)] * m),
             "--repeats", str(args.repeats), "--contributions"],
            check=True, capture_output=True, text=True, env=BENCH_ENV).stdout.split("\n")
        fields = dict(line.split() for line in out if line)
        ours = (float(fields["cpu-seconds"]), float(fields["value"]))
        for name, (_, _, value) in list(results.items()) + [("paretorec", (0, 0, ours[1]))]:
            if abs(value - results["moocore"][2]) > 1e-9 * abs(results["moocore"][2]):
                sys.exit(f"contributions M={m}: {name} sums to {value!r}, moocore {results['moocore'][2]!r}")
        best = min(results, key=lambda k: results[k][1])
        cells = " | ".join("%.2f" % (results[k][1] * 1e3) for k in ("moocore", "pygmo"))
        print(f"| {m} | {n:,} | {cells} | {ours[0] * 1e3:.2f} | {ours[0] / results[best][1]:.2f} (vs {best}) |")


if __name__ == "__main__":
    main()
