#!/usr/bin/env python3
"""Is the DTLZ2 (M = 3, n = 12) hypervolume gap between pygmo and pymoo/ours an operator effect?

Same budget as nsga2_vs_peers.py (population 100, 25,000 evaluations, seeds 1..10, HV reference
1.1 per objective by moocore, same problem n = 12 / k = 10). Runs each peer with its own defaults
and with the other's operator parameters:
  pygmo defaults: SBX cr = 0.95, eta_c = 10; polynomial mutation m = 1/n, eta_m = 50
  pymoo defaults: SBX prob = 0.9, eta = 15 (per-variable 0.5); PM eta = 20, prob_var = 1/n
Prints the median HV of each variant. Usage: python3 Experiments/bench/dtlz2_operator_check.py
"""
import statistics
import numpy as np
import moocore
import pygmo as pg
from pymoo.algorithms.moo.nsga2 import NSGA2
from pymoo.operators.crossover.sbx import SBX
from pymoo.operators.mutation.pm import PM
from pymoo.optimize import minimize
from pymoo.problems import get_problem

SEEDS = range(1, 11)
REF = np.full(3, 1.1)


def hv(F):
    F = np.asarray(F, float)
    inside = F[np.all(F < REF, axis=1)]
    return float(moocore.hypervolume(inside, ref=REF)) if len(inside) else 0.0


def pygmo_run(seed, **kw):
    pop = pg.population(pg.problem(pg.dtlz(prob_id=2, dim=12, fdim=3)), size=100, seed=seed)
    pop = pg.algorithm(pg.nsga2(gen=249, seed=seed, **kw)).evolve(pop)
    F = pop.get_f()
    return hv(F[moocore.is_nondominated(F)])


def pymoo_run(seed, crossover=None, mutation=None):
    kw = {}
    if crossover: kw["crossover"] = crossover
    if mutation: kw["mutation"] = mutation
    res = minimize(get_problem("dtlz2", n_var=12, n_obj=3), NSGA2(pop_size=100, **kw), ("n_eval", 25000), seed=seed, verbose=False)
    return hv(res.F)


variants = {
    "pygmo defaults (cr .95, eta_c 10, eta_m 50)": lambda s: pygmo_run(s),
    "pygmo with pymoo-like params (cr .9, eta_c 15, eta_m 20)": lambda s: pygmo_run(s, cr=0.9, eta_c=15, m=1 / 12, eta_m=20),
    "pymoo defaults (SBX .9/15, PM 20)": lambda s: pymoo_run(s),
    "pymoo with pygmo-like params (SBX .95/10, PM 50)": lambda s: pymoo_run(s, SBX(prob=0.95, eta=10), PM(eta=50)),
}
for name, run in variants.items():
    values = [run(s) for s in SEEDS]
    print(f"{name}: median HV {statistics.median(values):.4f}  ({' '.join(f'{v:.4f}' for v in values)})", flush=True)
