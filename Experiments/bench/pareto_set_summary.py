"""Summarizes `paretorec-bench pareto-set` output: per scenario and method, the median and IQR of
test hypervolume, distinct non-dominated points, extent and CPU seconds over seeds, and the
Wilcoxon signed-rank p-value (paired by seed, scipy) and the Wilcoxon rank-sum p-value (unpaired,
two-sided: scipy's Mann-Whitney U, the test of Sources/Scenarios/Statistics/WilcoxonRankSum.swift
and the HTML report) of pareto-set's hypervolume against each other method's. Prints a Markdown table.

usage: python3 Experiments/bench/pareto_set_summary.py RESULTS.csv
"""
import csv
import sys
from collections import defaultdict

import numpy as np
from scipy.stats import mannwhitneyu, wilcoxon

rows = list(csv.DictReader(open(sys.argv[1])))
runs = defaultdict(dict)
for r in rows:
    runs[(r["scenario"], r["method"], int(r["trainings"]))][int(r["seed"])] = r


def stat(values):
    q1, med, q3 = np.percentile(values, [25, 50, 75])
    return f"{med:.4g} [{q1:.4g}, {q3:.4g}]"


print("| scenario | method | trainings | test HV median [IQR] | distinct points | extent | CPU s | signed-rank p (paired) | rank-sum p |")
print("|---|---|---|---|---|---|---|---|---|")
for scenario in sorted({k[0] for k in runs}):
    base = runs[(scenario, "pareto-set", 1)]
    for key in sorted((k for k in runs if k[0] == scenario), key=lambda k: (k[1] != "pareto-set", k[1], k[2])):
        by_seed = runs[key]
        seeds = sorted(by_seed)
        hv = [float(by_seed[s]["hypervolume"]) for s in seeds]
        points = [float(by_seed[s]["points"]) for s in seeds]
        extent = [float(by_seed[s]["extent"]) for s in seeds]
        seconds = [float(by_seed[s]["seconds"]) for s in seeds]
        p = ""
        q = ""
        if key[1] != "pareto-set":
            q = f"{mannwhitneyu([float(base[s]['hypervolume']) for s in sorted(base)], hv, alternative='two-sided').pvalue:.3g}"
            common = [s for s in seeds if s in base]
            a = [float(base[s]["hypervolume"]) for s in common]
            b = [float(by_seed[s]["hypervolume"]) for s in common]
            if len(common) >= 2 and any(x != y for x, y in zip(a, b)):
                p = f"{wilcoxon(a, b).pvalue:.3g}"
        print(f"| {scenario} | {key[1]} | {key[2]} | {stat(hv)} | {stat(points)} | {stat(extent)} | {stat(seconds)} | {p} | {q} |")
