#!/usr/bin/env python3
"""Evaluate pymoo's ZDT and DTLZ test problems at seeded random points and write the fixture
Tests/ParetoOptimizersTests/Fixtures/problem_values.json, used by ParetoOptimizers' known-answer
tests (ProblemFixtureTests). Run once from the repository root:

    python3 Experiments/reference/make_problem_fixtures.py

Each case: problem name, M, n, the decision vectors (numpy seed 20261129, uniform in the bounds)
and pymoo's objective vectors, all printed with repr() (17 significant digits).
"""
import json, os
import numpy as np
import pymoo
from pymoo.problems import get_problem

CASES = [
    ("zdt1", 2, 30), ("zdt2", 2, 30), ("zdt3", 2, 30), ("zdt4", 2, 10), ("zdt6", 2, 10),
    ("zdt1", 2, 5),
    ("dtlz1", 3, 7), ("dtlz2", 3, 12), ("dtlz3", 3, 12), ("dtlz4", 3, 12), ("dtlz5", 3, 12),
    ("dtlz6", 3, 12), ("dtlz7", 3, 22),
    ("dtlz1", 5, 9), ("dtlz2", 5, 14), ("dtlz5", 4, 13), ("dtlz7", 4, 23), ("dtlz2", 2, 11),
]

rng = np.random.default_rng(20261129)
out = {"generator": f"pymoo {pymoo.__version__}, numpy seed 20261129", "cases": []}
for name, m, n in CASES:
    if name.startswith("zdt"):
        p = get_problem(name, n_var=n)
    else:
        p = get_problem(name, n_var=n, n_obj=m)
    xl, xu = np.asarray(p.xl, float), np.asarray(p.xu, float)
    X = xl + (xu - xl) * rng.random((5, n))
    # One point on the Pareto set: tail at its optimum.
    X = np.vstack([X, X[0]])
    if name in ("zdt1", "zdt2", "zdt3", "zdt4", "zdt6"):
        X[-1, 1:] = 0.0
    elif name in ("dtlz1", "dtlz2", "dtlz3", "dtlz4", "dtlz5"):
        X[-1, m - 1:] = 0.5
    else:
        X[-1, m - 1:] = 0.0
    F = p.evaluate(X, return_values_of=["F"])
    out["cases"].append({"problem": name, "objectives": m, "variables": n,
                         "x": [[float(v) for v in row] for row in X],
                         "f": [[float(v) for v in row] for row in F]})

path = os.path.join("Tests", "ParetoOptimizersTests", "Fixtures", "problem_values.json")
os.makedirs(os.path.dirname(path), exist_ok=True)
with open(path, "w") as fh:
    json.dump(out, fh, indent=1)
print("wrote", path, len(out["cases"]), "cases")
