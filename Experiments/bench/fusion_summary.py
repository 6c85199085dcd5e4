#!/usr/bin/env python3
"""Summarises the fused models of experiment results directories (the `fusion:` key).

For every results directory given, reads `runs/<method>/seed-<s>/ensembles.csv` (fusions of a
method's Pareto set) and `fusion/seed-<s>/ensembles.csv` (bagging and boosting trained at the fusion
preference), and prints one Markdown row per fused-model kind: seeds, members, trainings the fusion
spent, and per objective the median over seeds of the fused test metric, of its best member's, of
the paired difference, and in how many seeds the fused model beat its best member.

Usage: python3 Experiments/bench/fusion_summary.py RESULTS_DIR [RESULTS_DIR ...]
"""
import csv
import glob
import os
import statistics
import sys


def rows(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def summarise(directory):
    groups = {}
    names = None
    for path in sorted(glob.glob(os.path.join(directory, "runs", "*", "seed-*", "ensembles.csv"))):
        method = path.split(os.sep)[-3]
        for r in rows(path):
            groups.setdefault((method + " " + r["fusion"]), []).append(r)
    for path in sorted(glob.glob(os.path.join(directory, "fusion", "seed-*", "ensembles.csv"))):
        for r in rows(path):
            groups.setdefault(r["fusion"] + " (trained)", []).append(r)
    if not groups:
        print(f"{directory}: no ensembles.csv files")
        return
    first = next(iter(groups.values()))[0]
    names = [k for k in first if k not in ("fusion", "members", "trainings") and not k.startswith("best_member_")]
    header = "| fused | seeds | members | trainings | " + " | ".join(
        f"{n} | best member | Δ median | wins" for n in names) + " |"
    print(f"\n{directory}\n")
    print(header)
    print("|" + "---|" * (4 + 4 * len(names)))
    for key, rs in groups.items():
        cells = [key, str(len(rs)), f"{statistics.median(float(r['members']) for r in rs):g}",
                 f"{statistics.median(float(r['trainings']) for r in rs):g}"]
        for n in names:
            fused = [float(r[n]) for r in rs]
            best = [float(r["best_member_" + n]) for r in rs]
            delta = [a - b for a, b in zip(fused, best)]
            wins = sum(d > 0 for d in delta)
            cells += [f"{statistics.median(fused):.4f}", f"{statistics.median(best):.4f}",
                      f"{statistics.median(delta):+.4f}", f"{wins}/{len(rs)}"]
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    for d in sys.argv[1:]:
        summarise(d)
