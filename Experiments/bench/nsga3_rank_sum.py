"""NSGA-III against pymoo seed by seed: two-sided Mann–Whitney rank-sum tests of IGD and HV.

Reads the per-seed values the many-objective benchmark writes (`many_objective_vs_pymoo.py --json`)
and prints one row per (problem, M, our variant): medians, seeds and p-values. A 10-seed median of
NSGA-III's IGD on DTLZ1 swings by 2x between seed sets (single runs span 0.0003-0.0045), so a
difference of medians is only read as a gap where the test says so.

    python3 Experiments/bench/nsga3_rank_sum.py --ours round2=R/many_objective_round2_ours.json \
        --ours dedup=R/many_objective_round5_ours_nsga3_dedup.json \
        --pymoo R/many_objective_round4_pymoo_nsga3.json R/many_objective_round5_pymoo_nsga3_dtlz1_3.json
"""
import argparse
import json

import numpy as np
from scipy.stats import mannwhitneyu


def load(paths, side):
    best = {}
    for path in paths:
        for r in json.load(open(path))["results"]:
            if r["algorithm"] != "nsga3" or side not in r:
                continue
            key = (r["problem"], r["objectives"])
            if len(r[side]["igd_values"]) > len(best.get(key, {}).get("igd_values", [])):
                best[key] = r[side]
    return best


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--ours", action="append", required=True, help="LABEL=FILE, one per variant")
    parser.add_argument("--pymoo", nargs="+", required=True)
    args = parser.parse_args()
    pymoo = load(args.pymoo, "pymoo")
    print("| problem | M | ours | seeds (ours/pymoo) | IGD median ours / pymoo | p (IGD) | HV median ours / pymoo | p (HV) |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for spec in args.ours:
        label, path = spec.split("=", 1)
        ours = load([path], "ours")
        for key in sorted(set(ours) & set(pymoo)):
            a, b = ours[key], pymoo[key]
            p_igd = mannwhitneyu(a["igd_values"], b["igd_values"]).pvalue
            p_hv = mannwhitneyu(a["hv_values"], b["hv_values"]).pvalue
            print(f"| {key[0]} | {key[1]} | {label} | {len(a['igd_values'])}/{len(b['igd_values'])} | "
                  f"{np.median(a['igd_values']):.5f} / {np.median(b['igd_values']):.5f} | {p_igd:.3f} | "
                  f"{np.median(a['hv_values']):.5f} / {np.median(b['hv_values']):.5f} | {p_hv:.3f} |")


if __name__ == "__main__":
    main()
