#!/usr/bin/env python3
"""Compares experiment results directories (e.g. the same experiment with `item-tower: id` and
`item-tower: conv`) from their `summary.csv`: per directory and method, the median over seeds of the
test hypervolume and of each objective's best test metric, and the median wall seconds per run.

Usage: python3 Experiments/bench/item_tower_summary.py RESULTS_DIR [RESULTS_DIR ...]
"""
import csv
import os
import statistics
import sys

print("| results | method | seeds | median HV | " + "median best per objective | median s/run |")
print("|---|---|---|---|---|---|")
for d in sys.argv[1:]:
    with open(os.path.join(d, "summary.csv"), newline="") as f:
        rows = list(csv.DictReader(f))
    for method in dict.fromkeys(r["method"] for r in rows):
        rs = [r for r in rows if r["method"] == method]
        best = [k for k in rs[0] if k.startswith("best_")]
        bests = ", ".join(f"{k[5:]} {statistics.median(float(r[k]) for r in rs):.4f}" for k in best)
        print(f"| {os.path.basename(d.rstrip('/'))} | {method} | {len(rs)} | "
              f"{statistics.median(float(r['hypervolume']) for r in rs):.5f} | {bests} | "
              f"{statistics.median(float(r['seconds']) for r in rs):.1f} |")
