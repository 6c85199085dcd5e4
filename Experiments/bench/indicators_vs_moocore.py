#!/usr/bin/env python3
"""Speed of `paretorec indicator` (the "seconds" of --json: computation only) against moocore.

Build first:  swift build -c release --product paretorec
Run:          python3 Experiments/bench/indicators_vs_moocore.py [--repeats 7]
Inputs: A = N uniform points in [0,1]^M (mostly dominated), R = N points on the unit simplex
(all non-dominated), N = 2000, M = 2, 3, 5, written with %.17g to a temporary directory.
Medians over the repeats; ratio = ours / moocore (< 1 means faster). The machine is shared, so
repeat the run and compare ratios, not absolute times. Also times reading a 100,000 x 5 front:
the whole `paretorec` process (parse + a trivial GD against one point) against numpy.loadtxt,
pandas.read_csv (if installed) and moocore.read_datasets.
"""
import argparse
import json
import os
import statistics
import subprocess
import tempfile
import time

import moocore
import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BINARY = os.path.join(ROOT, ".build", "release", "paretorec")


def ours(indicator, a_path, r_path, repeats):
    times, value = [], None
    for _ in range(repeats):
        out = subprocess.run([BINARY, "indicator", indicator, a_path, "--front", r_path, "--json"],
                             check=True, capture_output=True, text=True).stdout
        obj = json.loads(out)
        times.append(obj["seconds"])
        value = obj["value"]
    return statistics.median(times), value


def theirs(function, a, r, repeats):
    times, value = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        value = function(a, r)
        times.append(time.perf_counter() - start)
    return statistics.median(times), value


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    rng = np.random.default_rng(11)
    peers = {"igd": moocore.igd, "igd+": moocore.igd_plus, "epsilon": moocore.epsilon_additive}
    with tempfile.TemporaryDirectory() as tmp:
        print("| M | indicator | paretorec (ms) | moocore (ms) | ratio |")
        print("|---|---|---|---|---|")
        for m in (2, 3, 5):
            a = rng.uniform(size=(2000, m))
            r = rng.dirichlet(np.ones(m), size=2000)
            a_path, r_path = os.path.join(tmp, f"a{m}.txt"), os.path.join(tmp, f"r{m}.txt")
            np.savetxt(a_path, a, fmt="%.17g")
            np.savetxt(r_path, r, fmt="%.17g")
            a, r = np.loadtxt(a_path), np.loadtxt(r_path)
            for name, function in peers.items():
                t_ours, v_ours = ours(name, a_path, r_path, args.repeats)
                t_peer, v_peer = theirs(function, a, r, args.repeats)
                assert abs(v_ours - v_peer) <= 1e-12 * max(1.0, abs(v_peer)), (m, name, v_ours, v_peer)
                print(f"| {m} | {name} | {t_ours * 1e3:.3f} | {t_peer * 1e3:.3f} | {t_ours / t_peer:.2f} |")

        big = rng.uniform(size=(100_000, 5))
        big_path, one_path = os.path.join(tmp, "big.txt"), os.path.join(tmp, "one.txt")
        np.savetxt(big_path, big, fmt="%.17g")
        np.savetxt(one_path, big[:1], fmt="%.17g")
        csv_path = os.path.join(tmp, "big.csv")
        with open(csv_path, "w") as f:
            f.write("f1,f2,f3,f4,f5\n")
            for row in big:
                f.write(",".join("%.17g" % v for v in row) + "\n")

        def process():
            subprocess.run([BINARY, "indicator", "gd", big_path, "--front", one_path],
                           check=True, capture_output=True)
        readers = {"paretorec process (read + GD vs 1 point)": process,
                   "numpy.loadtxt": lambda: np.loadtxt(big_path),
                   "moocore.read_datasets": lambda: moocore.read_datasets(big_path)}
        try:
            import pandas as pd
            readers["pandas.read_csv"] = lambda: pd.read_csv(csv_path)
        except ImportError:
            pass
        print()
        print("| reading 100,000 x 5 (%.17g, 10 MB) | median (ms) |")
        print("|---|---|")
        for label, fn in readers.items():
            times = []
            for _ in range(args.repeats):
                start = time.perf_counter()
                fn()
                times.append(time.perf_counter() - start)
            print(f"| {label} | {statistics.median(times) * 1e3:.1f} |")


if __name__ == "__main__":
    main()
