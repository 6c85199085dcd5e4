#!/usr/bin/env python3
"""Expensive black-box MOO side by side: ParetoRec's ParEGO, EHVI, NEHVI, NSGA-II and random search vs
Optuna's TPESampler, GPSampler and NSGAIISampler, in one run.

Problems: ZDT1, ZDT2, ZDT3 with 6 variables (reference 1.1, 1.1) and DTLZ2 with 3 objectives and
6 variables (reference 1.1 each); 50 evaluations; seeds 1..S (default 10). Hypervolume (moocore) of
the non-dominated set of all evaluations after 20 and after 50 evaluations: median and IQR.
Proposal time per evaluation: process CPU time of the whole run divided by 50 (ours: children's
rusage of `paretorec optimize`, process start-up included, OpenBLAS limited to one thread; Optuna:
`time.process_time()` around `study.optimize`, torch limited to one thread). The test problems cost
microseconds, so CPU time is proposal time.

Ours: `paretorec optimize --problem P --variables 6 --algorithm A --evaluations 50 --history H
--reference 1.1,…` (release binary); NSGA-II and random search with population / batch 10, ParEGO
EHVI and NEHVI with batch 1 and their default Sobol design of 10 points. Optuna 5.0 samplers with their
defaults except NSGAIISampler(population_size=10) (its default 50 would be random search here).

Usage (from the repository root, after `swift build -c release --product paretorec`):
    python3 Experiments/bench/bayes_vs_optuna.py [--seeds 10] [--problems zdt1,zdt2,zdt3,dtlz2] [--methods ...] [--json OUT]
Parts can run as separate processes (e.g. one per problem, or ours and Optuna apart) and be merged:
    python3 Experiments/bench/bayes_vs_optuna.py --table OUT1.json OUT2.json ...
"""
import argparse, json, os, resource, statistics, subprocess, sys, tempfile, time
import numpy as np
import moocore
import optuna
import torch

BIN = os.path.join(".build", "release", "paretorec")
PROBLEMS = {"zdt1": 2, "zdt2": 2, "zdt3": 2, "dtlz2": 3}
N = 6
BUDGET = 50
CHECKPOINTS = (20, 50)


def zdt(name, x):
    x = np.asarray(x, float)
    f1 = x[0]
    g = 1 + 9 * x[1:].sum() / (len(x) - 1)
    if name == "zdt1": h = 1 - np.sqrt(f1 / g)
    elif name == "zdt2": h = 1 - (f1 / g) ** 2
    else: h = 1 - np.sqrt(f1 / g) - (f1 / g) * np.sin(10 * np.pi * f1)
    return [f1, g * h]


def dtlz2(x, m=3):
    x = np.asarray(x, float)
    g = ((x[m - 1:] - 0.5) ** 2).sum()
    f = []
    for i in range(m):
        v = 1 + g
        for j in range(m - 1 - i): v *= np.cos(x[j] * np.pi / 2)
        if i > 0: v *= np.sin(x[m - 1 - i] * np.pi / 2)
        f.append(v)
    return f


def evaluate(name, x):
    return dtlz2(x) if name == "dtlz2" else zdt(name, x)


def hv(F, m):
    ref = np.full(m, 1.1)
    F = np.asarray(F, float).reshape(-1, m)
    inside = F[np.all(F < ref, axis=1)]
    return float(moocore.hypervolume(inside, ref=ref)) if len(inside) else 0.0


def run_ours(name, m, algorithm, seed):
    with tempfile.TemporaryDirectory() as d:
        out, hist = os.path.join(d, "front.csv"), os.path.join(d, "history.csv")
        args = [BIN, "optimize", "--problem", name, "--variables", str(N), "--algorithm", algorithm,
                "--evaluations", str(BUDGET), "--seed", str(seed), "--output", out, "--history", hist,
                "--reference", ",".join(["1.1"] * m)]
        if algorithm in ("nsga2", "random-search"): args += ["--population", "10"]
        if name == "dtlz2": args += ["--objectives", str(m)]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(args, check=True, stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                       env=dict(os.environ, OPENBLAS_NUM_THREADS="1"))
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        rows = np.loadtxt(hist, delimiter=",", skiprows=1, ndmin=2)
    values = {}
    for c in CHECKPOINTS:
        hit = rows[rows[:, 1] >= c]
        values[c] = float(hit[0, 3])
        if int(hit[0, 1]) != c: raise RuntimeError(f"{algorithm}: no history row at {c} evaluations")
    return values, cpu / BUDGET


def run_optuna(name, m, sampler_name, seed):
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    if sampler_name == "TPESampler": sampler = optuna.samplers.TPESampler(seed=seed)
    elif sampler_name == "GPSampler": sampler = optuna.samplers.GPSampler(seed=seed)
    else: sampler = optuna.samplers.NSGAIISampler(seed=seed, population_size=10)
    study = optuna.create_study(directions=["minimize"] * m, sampler=sampler)

    def objective(trial):
        x = [trial.suggest_float(f"x{i}", 0.0, 1.0) for i in range(N)]
        return tuple(evaluate(name, x))

    start = time.process_time()
    study.optimize(objective, n_trials=BUDGET)
    cpu = time.process_time() - start
    F = np.array([t.values for t in study.trials])
    return {c: hv(F[:c], m) for c in CHECKPOINTS}, cpu / BUDGET


def summary(xs):
    q = np.percentile(xs, [25, 50, 75])
    return {"median": float(q[1]), "iqr": float(q[2] - q[0]), "values": list(map(float, xs))}


def main():
    global BIN
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", type=int, default=10)
    ap.add_argument("--bin", default=BIN, help="the paretorec binary (hypervolumes do not depend on the build mode, CPU times do)")
    ap.add_argument("--problems", default="zdt1,zdt2,zdt3,dtlz2")
    ap.add_argument("--methods", default="ours:parego,ours:ehvi,ours:nehvi,ours:nsga2,ours:random-search,optuna:TPESampler,optuna:GPSampler,optuna:NSGAIISampler")
    ap.add_argument("--json", default=os.path.join("Experiments", "bench", "results", "bayes_vs_optuna.json"))
    ap.add_argument("--table", nargs="*", help="merge these result files and print the table")
    a = ap.parse_args()
    if a.table:
        merged = {}
        for f in a.table:
            for name, per in json.load(open(f))["results"].items(): merged.setdefault(name, {}).update(per)
        return print_table(merged)
    BIN = a.bin
    torch.set_num_threads(1)
    seeds = list(range(1, a.seeds + 1))
    results = {}
    os.makedirs(os.path.dirname(a.json) or ".", exist_ok=True)
    for name in a.problems.split(","):
        m = PROBLEMS[name]
        results[name] = {}
        for method in a.methods.split(","):
            side, algo = method.split(":")
            runs = []
            for s in seeds:
                runs.append((run_ours if side == "ours" else run_optuna)(name, m, algo, s))
                # Written after every seed, so a stopped run leaves its finished seeds (count in "seeds").
                results[name][method] = {f"hv{c}": summary([r[0][c] for r in runs]) for c in CHECKPOINTS}
                results[name][method]["seconds_per_evaluation"] = summary([r[1] for r in runs])
                results[name][method]["seeds"] = len(runs)
                write_json(a.json, {"optuna": optuna.__version__, "torch": torch.__version__, "moocore": moocore.__version__,
                                    "binary": BIN, "seeds": seeds, "results": results})
            r = results[name][method]
            print(f"{name} {method}: HV20 {r['hv20']['median']:.4f} HV50 {r['hv50']['median']:.4f} "
                  f"({r['seconds_per_evaluation']['median'] * 1e3:.1f} ms/eval)", file=sys.stderr, flush=True)
    print_table(results)


def write_json(path, value):
    """Writes `value` to `path` through a temporary file and a rename (a reader never sees half a file)."""
    tmp = path + ".tmp"
    with open(tmp, "w") as f: json.dump(value, f, indent=1)
    os.replace(tmp, path)


def print_table(results):
    print(f"\n| problem | method | seeds | HV@20 median (IQR) | HV@50 median (IQR) | CPU s / evaluation (median) |")
    print("| --- | --- | --- | --- | --- | --- |")
    order = ["ours:ehvi", "ours:nehvi", "ours:parego", "ours:nsga2", "ours:random-search",
             "optuna:GPSampler", "optuna:TPESampler", "optuna:NSGAIISampler"]
    for name in sorted(results, key=lambda n: list(PROBLEMS).index(n) if n in PROBLEMS else 99):
        per = results[name]
        for method in sorted(per, key=lambda k: order.index(k) if k in order else 99):
            r = per[method]
            seeds = r.get("seeds", len(r["hv50"]["values"]))
            print(f"| {name} | {method} | {seeds} | {r['hv20']['median']:.4f} ({r['hv20']['iqr']:.4f}) | "
                  f"{r['hv50']['median']:.4f} ({r['hv50']['iqr']:.4f}) | {r['seconds_per_evaluation']['median']:.4f} |")


if __name__ == "__main__":
    main()
