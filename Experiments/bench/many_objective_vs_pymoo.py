#!/usr/bin/env python3
"""NSGA-III and MOEA/D: ParetoRec vs pymoo, in one run.

DTLZ1 (n = M + 4) and DTLZ2 (n = M + 9) with M = 3 and 5 at the budgets of Deb & Jain (2014) that
pymoo's examples use: population 92 / 212 (Das–Dennis H = 12 / 6; NSGA-III rounds up to a multiple
of 4, MOEA/D has one subproblem per direction: 91 / 210), generations DTLZ1 400 / 600, DTLZ2
250 / 350 (initialization counted as generation 1 on both sides). IGD (mean distance from each
point of the true front sampled at the same reference directions — pymoo's `pareto_front(ref_dirs)` —
to the nearest found point) and hypervolume (moocore; reference 1 per objective for DTLZ1 whose
front lies on Σf = 0.5, 1.1 for DTLZ2). CPU time: children's rusage for ours (release binary,
OpenBLAS one thread), `time.process_time()` for pymoo. Medians over the seeds.

pymoo: NSGA3(ref_dirs, pop_size) and MOEAD(ref_dirs, n_neighbors=20, prob_neighbor_mating=0.9,
decomposition=Tchebicheff()) (ours: `nsga3`, `moead`).

Usage (from the repository root, after `swift build -c release --product paretorec`):
    python3 Experiments/bench/many_objective_vs_pymoo.py [--seeds 10] [--json OUT]
"""
import argparse, json, os, resource, statistics, subprocess, sys, tempfile, time
import numpy as np
import moocore
import pymoo
from pymoo.algorithms.moo.moead import MOEAD
from pymoo.algorithms.moo.nsga3 import NSGA3
from pymoo.decomposition.tchebicheff import Tchebicheff
from pymoo.optimize import minimize
from pymoo.problems import get_problem
from pymoo.util.ref_dirs import get_reference_directions

BIN = os.path.join(".build", "release", "paretorec")
CASES = [("dtlz1", 3, 400), ("dtlz1", 5, 600), ("dtlz2", 3, 250), ("dtlz2", 5, 350)]
DIVISIONS = {3: 12, 5: 6}


def variables(name, m):
    return m + 4 if name == "dtlz1" else m + 9


def igd(F, front):
    return float(np.sqrt(((front[:, None, :] - F[None, :, :]) ** 2).sum(axis=2)).min(axis=1).mean())


def tchebycheff_optima(name, m):
    """The Tchebycheff subproblems' optima for the interior Das–Dennis weights (every w_k > 0), by hand:
    max_k w_k f_k with ideal point 0 is smallest on the front where all w_k f_k are equal, so f ∝ 1/w,
    scaled onto Σf = 0.5 (DTLZ1) or ‖f‖ = 1 (DTLZ2)."""
    w = get_reference_directions("das-dennis", m, n_partitions=DIVISIONS[m])
    v = 1 / w[np.all(w > 0, axis=1)]
    return 0.5 * v / v.sum(axis=1, keepdims=True) if name == "dtlz1" else v / np.linalg.norm(v, axis=1, keepdims=True)


def indicators(F, name, m, front, optima):
    F = np.asarray(F, float)
    F = F[moocore.is_nondominated(F)]
    ref = np.full(m, 1.0 if name == "dtlz1" else 1.1)
    inside = F[np.all(F < ref, axis=1)]
    hv = float(moocore.hypervolume(inside, ref=ref)) if len(inside) else 0.0
    distinct = len(np.unique(F, axis=0))
    return igd(F, front), hv, igd(F, optima), distinct


def run_ours(name, m, gens, algorithm, seed):
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "front.csv")
        args = [BIN, "optimize", "--problem", name, "--objectives", str(m), "--variables", str(variables(name, m)),
                "--algorithm", algorithm, "--generations", str(gens), "--seed", str(seed), "--output", out]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=dict(os.environ, OPENBLAS_NUM_THREADS="1"))
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        F = np.loadtxt(out, delimiter=",", skiprows=1, ndmin=2)[:, :m]
    return F, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def run_pymoo(name, m, gens, algorithm, seed):
    problem = get_problem(name, n_var=variables(name, m), n_obj=m)
    ref_dirs = get_reference_directions("das-dennis", m, n_partitions=DIVISIONS[m])
    if algorithm == "nsga3":
        algo = NSGA3(ref_dirs=ref_dirs, pop_size=int(np.ceil(len(ref_dirs) / 4) * 4))
    else:
        algo = MOEAD(ref_dirs=ref_dirs, n_neighbors=20, prob_neighbor_mating=0.9, decomposition=Tchebicheff())
    start = time.process_time()
    res = minimize(problem, algo, ("n_gen", gens), seed=seed, verbose=False)
    return res.F, time.process_time() - start


def main():
    global BIN
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", type=int, default=10)
    ap.add_argument("--bin", default=BIN, help="the paretorec release binary")
    ap.add_argument("--algorithms", default="nsga3,moead")
    ap.add_argument("--cases", default="all")
    ap.add_argument("--sides", default="ours,pymoo", help="run only these sides (merge the files with --table)")
    ap.add_argument("--json", default=os.path.join("Experiments", "bench", "results", "many_objective_vs_pymoo.json"))
    ap.add_argument("--table", nargs="*", help="merge these result files and print the table")
    a = ap.parse_args()
    if a.table:
        # Later files override earlier ones. A file from a debug binary gives indicators only (the bits do not
        # depend on the build mode, the time does): its rows keep the CPU time of an earlier release file,
        # marked † in the table.
        merged = {}
        for f in a.table:
            data = json.load(open(f))
            debug = "/debug/" in data.get("binary", "")
            for r in data["results"]:
                key = (r["problem"], r["objectives"], r["generations"], r["algorithm"])
                row = merged.setdefault(key, {k: r[k] for k in ("problem", "objectives", "generations", "algorithm")})
                for side in ("ours", "pymoo"):
                    if side not in r: continue
                    new = dict(r[side])
                    if debug:
                        old = row.get(side) or {}
                        new["cpu"] = old.get("cpu")
                        new["cpu_values"] = old.get("cpu_values")
                        new["cpu_from_earlier_release"] = True
                    row[side] = new
        return print_table(sorted(merged.values(), key=lambda r: (r["problem"], r["objectives"], r["algorithm"] != "nsga3")))
    BIN = a.bin
    seeds = list(range(1, a.seeds + 1))
    runners = {"ours": run_ours, "pymoo": run_pymoo}
    results = []
    for name, m, gens in CASES:
        if a.cases != "all" and f"{name}-{m}" not in a.cases.split(","): continue
        front = get_problem(name, n_var=variables(name, m), n_obj=m).pareto_front(get_reference_directions("das-dennis", m, n_partitions=DIVISIONS[m]))
        optima = tchebycheff_optima(name, m)
        for algorithm in a.algorithms.split(","):
            row = {"problem": name, "objectives": m, "generations": gens, "algorithm": algorithm}
            results.append(row)
            for side in a.sides.split(","):
                ind, cpus = [], []
                for s in seeds:
                    F, t = runners[side](name, m, gens, algorithm, s)
                    ind.append(indicators(F, name, m, front, optima)); cpus.append(t)
                    # Written after every seed, so a stopped run leaves its finished seeds.
                    row[side] = {"igd": statistics.median(i[0] for i in ind), "hv": statistics.median(i[1] for i in ind),
                                 "igd_tchebycheff_optima": statistics.median(i[2] for i in ind),
                                 "distinct_front_points": statistics.median(i[3] for i in ind),
                                 "cpu": statistics.median(cpus), "seeds": len(ind),
                                 "igd_values": [i[0] for i in ind], "hv_values": [i[1] for i in ind],
                                 "igd_tchebycheff_optima_values": [i[2] for i in ind], "cpu_values": cpus}
                    write_json(a.json, {"pymoo": pymoo.__version__, "binary": BIN, "seeds": seeds, "results": results})
                print(f"{name} M={m} {algorithm} {side}: IGD {row[side]['igd']:.5f} HV {row[side]['hv']:.5f} "
                      f"IGD(Tchebycheff optima) {row[side]['igd_tchebycheff_optima']:.5f} {row[side]['cpu']:.2f}s",
                      file=sys.stderr, flush=True)
    print_table(results)


def write_json(path, value):
    """Writes `value` to `path` through a temporary file and a rename (a reader never sees half a file)."""
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    tmp = path + ".tmp"
    with open(tmp, "w") as f: json.dump(value, f, indent=1)
    os.replace(tmp, path)


def print_table(results):
    """IGD* = IGD against the Tchebycheff optima of the interior weights (meaningful for `moead` only)."""
    print("\n| problem | M | gens | algorithm | ours IGD | pymoo IGD | ours IGD* | pymoo IGD* | ours HV | pymoo HV | ours CPU s | pymoo CPU s | CPU ratio | seeds (ours/pymoo) |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for r in results:
        o, p = r.get("ours"), r.get("pymoo")
        cell = lambda d, k, f: format(d[k], f) + ("†" if k == "cpu" and d.get("cpu_from_earlier_release") else "") \
            if d and d.get(k) is not None else "n/a"
        ratio = f"{o['cpu'] / p['cpu']:.3f}" if o and p and o.get("cpu") and p.get("cpu") else "n/a"
        print(f"| {r['problem']} | {r['objectives']} | {r['generations']} | {r['algorithm']} | {cell(o, 'igd', '.5f')} | {cell(p, 'igd', '.5f')} | "
              f"{cell(o, 'igd_tchebycheff_optima', '.5f')} | {cell(p, 'igd_tchebycheff_optima', '.5f')} | "
              f"{cell(o, 'hv', '.5f')} | {cell(p, 'hv', '.5f')} | {cell(o, 'cpu', '.2f')} | {cell(p, 'cpu', '.2f')} | {ratio} | "
              f"{o.get('seeds', '?') if o else 0}/{p.get('seeds', '?') if p else 0} |")

if __name__ == "__main__":
    main()
