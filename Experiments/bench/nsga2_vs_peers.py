#!/usr/bin/env python3
"""NSGA-II quality and speed: ParetoRec vs pymoo and pygmo, in one run.

Quality (issue 3): population 100, 25,000 evaluations, seeds 1..10, hypervolume w.r.t. 1.1 per
objective (moocore) and IGD+ (moocore) against a dense sample of the true front, on ZDT1, ZDT2,
ZDT3 (n = 30), ZDT4, ZDT6 (n = 10) and DTLZ2 (M = 3, n = 12). Peers with their default NSGA-II
settings: pymoo `NSGA2(pop_size=100)` with termination ('n_eval', 25000); pygmo
`nsga2(gen=249)` on a population of 100 (100 + 249·100 = 25,000 evaluations). Ours:
`paretorec optimize --algorithm nsga2 --population 100 --evaluations 25000` (release binary), and
SMPSO (swarm 100) on ZDT4 at the same budget.

Speed: one whole NSGA-II run on ZDT1 (population 100, 250 generations): ours as a process
(wall time of `paretorec optimize`, startup and CSV writing included), pygmo and pymoo timed
in-process around evolve / minimize (interpreter start-up and imports excluded). Wall and CPU
time (children's rusage for ours, process_time for the peers), 7 repetitions (`--repeats`), medians,
ratios. `--binary` times another `paretorec` build (e.g. an older one, for a before/after figure
under the same load).

Usage (from the repository root, after `make build`, i.e.
`swift build -c release --product paretorec --static-swift-stdlib`):
    python3 Experiments/bench/nsga2_vs_peers.py [--skip-quality] [--skip-speed] [--rerun-peers]
                                                [--repeats R] [--binary PATH]
Writes Tests/ParetoOptimizersAcceptanceTests/Fixtures/peer_medians.json (the peers' medians, used
as the acceptance bars) and prints a Markdown table. Peer quality results are cached in
Experiments/bench/results/nsga2_peers.json (delete it or pass --rerun-peers to redo them).
"""
import argparse, json, os, resource, statistics, subprocess, sys, tempfile, time
import numpy as np
import moocore
import pygmo as pg
import pymoo
from pymoo.algorithms.moo.nsga2 import NSGA2
from pymoo.optimize import minimize
from pymoo.problems import get_problem

BIN = os.path.join(".build", "release", "paretorec")
SEEDS = list(range(1, 11))
PROBLEMS = [  # name, M, n, pygmo constructor
    ("zdt1", 2, 30, lambda: pg.zdt(prob_id=1, param=30)),
    ("zdt2", 2, 30, lambda: pg.zdt(prob_id=2, param=30)),
    ("zdt3", 2, 30, lambda: pg.zdt(prob_id=3, param=30)),
    ("zdt4", 2, 10, lambda: pg.zdt(prob_id=4, param=10)),
    ("zdt6", 2, 10, lambda: pg.zdt(prob_id=6, param=10)),
    ("dtlz2", 3, 12, lambda: pg.dtlz(prob_id=2, dim=12, fdim=3)),
]


def true_front(name, m):
    """Dense closed-form samples of the Pareto fronts (independent of the Swift samplers)."""
    if name in ("zdt1", "zdt4"):
        f1 = np.linspace(0, 1, 2001); return np.column_stack([f1, 1 - np.sqrt(f1)])
    if name == "zdt2":
        f1 = np.linspace(0, 1, 2001); return np.column_stack([f1, 1 - f1 ** 2])
    if name == "zdt6":
        f1 = np.linspace(0.2807753191, 1, 2001); return np.column_stack([f1, 1 - f1 ** 2])
    if name == "zdt3":
        f1 = np.linspace(0, 1, 20001); F = np.column_stack([f1, 1 - np.sqrt(f1) - f1 * np.sin(10 * np.pi * f1)])
        return F[moocore.is_nondominated(F)]
    if name == "dtlz2":
        # Uniform lattice on the simplex (h = 40, 861 points) projected onto the unit sphere.
        h = 40
        W = np.array([[i, j, h - i - j] for i in range(h + 1) for j in range(h + 1 - i)], float) / h
        return W / np.linalg.norm(W, axis=1, keepdims=True)
    raise ValueError(name)


def indicators(F, name, m):
    ref = np.full(m, 1.1)
    F = np.asarray(F, float)
    inside = F[np.all(F < ref, axis=1)]
    hv = float(moocore.hypervolume(inside, ref=ref)) if len(inside) else 0.0
    return hv, float(moocore.igd_plus(F, ref=true_front(name, m)))


def run_pymoo(name, m, n, seed, budget=25000, n_gen=None):
    p = get_problem(name, n_var=n) if name.startswith("zdt") else get_problem(name, n_var=n, n_obj=m)
    term = ("n_gen", n_gen) if n_gen else ("n_eval", budget)
    return minimize(p, NSGA2(pop_size=100), term, seed=seed, verbose=False).F


def run_pygmo(make, seed, gen=249):
    pop = pg.population(pg.problem(make()), size=100, seed=seed)
    pop = pg.algorithm(pg.nsga2(gen=gen, seed=seed)).evolve(pop)
    F = pop.get_f()
    return F[moocore.is_nondominated(F)]


def run_ours(name, m, n, seed, algorithm="nsga2", budget=25000):
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "front.csv")
        args = [BIN, "optimize", "--problem", name, "--variables", str(n), "--algorithm", algorithm,
                "--population", "100", "--evaluations", str(budget), "--seed", str(seed), "--output", out]
        if name.startswith("dtlz"): args += ["--objectives", str(m)]
        subprocess.run(args, check=True, stderr=subprocess.DEVNULL)
        F = np.loadtxt(out, delimiter=",", skiprows=1, ndmin=2)[:, :m]
    return F


def summarize(values):
    return {"hv_median": statistics.median(v[0] for v in values), "igdplus_median": statistics.median(v[1] for v in values),
            "hv": [v[0] for v in values], "igdplus": [v[1] for v in values]}


def quality(rerun_peers):
    cache = os.path.join("Experiments", "bench", "results", "nsga2_peers.json")
    peers = {}
    if os.path.exists(cache) and not rerun_peers:
        peers = json.load(open(cache))
    else:
        for name, m, n, make in PROBLEMS:
            peers[name] = {
                "pymoo": summarize([indicators(run_pymoo(name, m, n, s), name, m) for s in SEEDS]),
                "pygmo": summarize([indicators(run_pygmo(make, s), name, m) for s in SEEDS]),
            }
            print(f"  peers done: {name}", file=sys.stderr)
        os.makedirs(os.path.dirname(cache), exist_ok=True)
        json.dump(peers, open(cache, "w"), indent=1)
    ours = {}
    if os.path.exists(BIN):
        for name, m, n, _ in PROBLEMS:
            ours[name] = {"nsga2": summarize([indicators(run_ours(name, m, n, s), name, m) for s in SEEDS])}
        ours["zdt4"]["smpso"] = summarize([indicators(run_ours("zdt4", 2, 10, s, "smpso"), "zdt4", 2) for s in SEEDS])
    fixture = {"generator": f"Experiments/bench/nsga2_vs_peers.py with pymoo {pymoo.__version__}, pygmo {pg.__version__}, "
                            f"moocore {moocore.__version__}; seeds 1..10; population 100; 25,000 evaluations; reference 1.1",
               "problems": {name: {"objectives": m, "variables": n,
                                   "pymoo_hv_median": peers[name]["pymoo"]["hv_median"],
                                   "pygmo_hv_median": peers[name]["pygmo"]["hv_median"],
                                   "pymoo_igdplus_median": peers[name]["pymoo"]["igdplus_median"],
                                   "pygmo_igdplus_median": peers[name]["pygmo"]["igdplus_median"]}
                            for name, m, n, _ in PROBLEMS}}
    path = os.path.join("Tests", "ParetoOptimizersAcceptanceTests", "Fixtures", "peer_medians.json")
    json.dump(fixture, open(path, "w"), indent=1)
    print(f"\n### NSGA-II quality (median of 10 seeds; HV ref 1.1; pymoo {pymoo.__version__}, pygmo {pg.__version__})\n")
    print("| problem | pymoo HV | pygmo HV | ours HV | pymoo IGD+ | pygmo IGD+ | ours IGD+ |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for name, m, n, _ in PROBLEMS:
        o = ours.get(name, {}).get("nsga2")
        print(f"| {name} (n={n}{', M=3' if m == 3 else ''}) | {peers[name]['pymoo']['hv_median']:.4f} | {peers[name]['pygmo']['hv_median']:.4f} | "
              f"{o['hv_median']:.4f} | " if o else f"| {name} | {peers[name]['pymoo']['hv_median']:.4f} | {peers[name]['pygmo']['hv_median']:.4f} | – | ", end="")
        print(f"{peers[name]['pymoo']['igdplus_median']:.5f} | {peers[name]['pygmo']['igdplus_median']:.5f} | " + (f"{o['igdplus_median']:.5f} |" if o else "– |"))
    if "zdt4" in ours:
        s = ours["zdt4"]["smpso"]
        print(f"\nSMPSO (ours) on ZDT4: HV median {s['hv_median']:.4f}, IGD+ median {s['igdplus_median']:.5f} "
              f"(NSGA-II ours {ours['zdt4']['nsga2']['hv_median']:.4f})")
    if ours:
        json.dump(ours, open(os.path.join("Experiments", "bench", "results", "nsga2_ours.json"), "w"), indent=1)


def child_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def speed(reps=7, binary=None):
    """Wall and CPU seconds per run; CPU time is the fairer figure on a loaded machine."""
    wall = {"ours": [], "pygmo": [], "pymoo": []}
    cpu = {"ours": [], "pygmo": [], "pymoo": []}
    make = PROBLEMS[0][3]
    exe = binary or BIN
    for r in range(reps):
        if os.path.exists(exe):
            with tempfile.TemporaryDirectory() as d:
                t, c = time.perf_counter(), child_cpu()
                subprocess.run([exe, "optimize", "--problem", "zdt1", "--algorithm", "nsga2", "--population", "100",
                                "--generations", "250", "--seed", str(r + 1), "--output", os.path.join(d, "f.csv")], check=True)
                wall["ours"].append(time.perf_counter() - t); cpu["ours"].append(child_cpu() - c)
        t, c = time.perf_counter(), time.process_time(); run_pygmo(make, r + 1, gen=250)
        wall["pygmo"].append(time.perf_counter() - t); cpu["pygmo"].append(time.process_time() - c)
        t, c = time.perf_counter(), time.process_time(); run_pymoo("zdt1", 2, 30, r + 1, n_gen=250)
        wall["pymoo"].append(time.perf_counter() - t); cpu["pymoo"].append(time.process_time() - c)
    mw = {k: statistics.median(v) for k, v in wall.items() if v}
    mc = {k: statistics.median(v) for k, v in cpu.items() if v}
    print("\n### NSGA-II runs: ZDT1, population 100, 250 generations (median of %d)\n" % reps)
    print("| implementation | median wall s | median CPU s | wall runs (s) | CPU runs (s) |")
    print("| --- | --- | --- | --- | --- |")
    for k in ("ours", "pygmo", "pymoo"):
        if k in mw:
            print(f"| {k} | {mw[k]:.4f} | {mc[k]:.4f} | {' '.join(f'{x:.3f}' for x in wall[k])} | {' '.join(f'{x:.3f}' for x in cpu[k])} |")
    if "ours" in mw:
        print(f"\nours / pygmo: wall {mw['ours'] / mw['pygmo']:.3f}, CPU {mc['ours'] / mc['pygmo']:.3f} (goal ≤ 0.333); "
              f"ours / pymoo: wall {mw['ours'] / mw['pymoo']:.4f}, CPU {mc['ours'] / mc['pymoo']:.4f}")
        print("(ours = whole process incl. start-up and CSV output; pygmo/pymoo = in-process run only)")


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--skip-quality", action="store_true")
    ap.add_argument("--skip-speed", action="store_true")
    ap.add_argument("--rerun-peers", action="store_true")
    ap.add_argument("--repeats", type=int, default=7, help="speed repetitions (median over them)")
    ap.add_argument("--binary", help="paretorec executable to time (default .build/release/paretorec)")
    a = ap.parse_args()
    if not a.skip_quality: quality(a.rerun_peers)
    if not a.skip_speed: speed(a.repeats, a.binary)
