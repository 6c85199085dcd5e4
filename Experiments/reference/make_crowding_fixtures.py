#!/usr/bin/env python3
"""Reference crowding distances for ParetoCore's `crowdingDistances(of:)`, computed once with pymoo.

pymoo's crowding distance is Deb's divided by M, and pymoo 0.6.1.5 only drops duplicates when the
metric is wrapped with `filter_out_duplicates=True` (later copies get 0, first occurrences are
computed among the distinct rows), which is the convention ParetoCore documents. So the expected
values here are `FunctionalDiversity(calc_crowding_distance, filter_out_duplicates=True).do(F)`, and
the test compares them with ParetoCore's distances divided by M. Every case has N > 2 (pymoo returns
infinity for all rows of sets with N <= 2, duplicates included).

Writes Tests/ParetoCoreTests/Fixtures/crowding/NAME.points (one point per line) and NAME.expected
(one value per line, `inf` for infinity) plus README.md. Rerun from the repository root:
  python3 Experiments/reference/make_crowding_fixtures.py
"""
import os

import numpy as np
import pymoo
from pymoo.operators.survival.rank_and_crowding.metrics import FunctionalDiversity, calc_crowding_distance

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "Tests", "ParetoCoreTests", "Fixtures", "crowding")


def cases():
    rng = np.random.default_rng(20261130)
    for m in (2, 3, 5):
        yield f"uniform_m{m}_n60", np.round(rng.random((60, m)), 6)
    for m in (2, 3):
        x = rng.integers(0, 6, size=(80, m)).astype(float)  # many ties and duplicates
        yield f"grid_dup_m{m}", x
    x = np.round(rng.random((40, 3)), 3)
    x[:, 1] = 2.5  # one objective with zero range
    yield "zero_range_m3", x
    t = np.sort(rng.random(30))
    front = np.column_stack([t, 1 - t])
    front = np.vstack([front, front[:5]])  # a front with repeated points
    yield "front_dup_m2", np.round(front[rng.permutation(len(front))], 6)
    yield "one_objective_n20", rng.integers(0, 8, size=(20, 1)).astype(float)


def main():
    os.makedirs(OUT, exist_ok=True)
    crowding = FunctionalDiversity(calc_crowding_distance, filter_out_duplicates=True)
    lines = []
    for name, points in cases():
        path = os.path.join(OUT, name + ".points")
        with open(path, "w") as f:
            for row in points:
                f.write(" ".join(repr(float(v)) for v in row) + "\n")
        parsed = np.loadtxt(path, ndmin=2)
        d = crowding.do(parsed)
        with open(os.path.join(OUT, name + ".expected"), "w") as f:
            f.write("\n".join("inf" if np.isinf(v) else repr(float(v)) for v in d) + "\n")
        lines.append(f"| `{name}` | {parsed.shape[1]} | {parsed.shape[0]} | {len(np.unique(parsed, axis=0))} |")
    with open(os.path.join(OUT, "README.md"), "w") as f:
        f.write(f"""# Crowding distance fixtures

Made by `Experiments/reference/make_crowding_fixtures.py` (numpy seed 20261130) with pymoo
{pymoo.__version__}: `NAME.points` holds one point per line; `NAME.expected` holds, one per line,
`FunctionalDiversity(calc_crowding_distance, filter_out_duplicates=True).do(points)` (`inf` for
infinity). pymoo divides Deb's crowding distance by M, so the tests compare these with ParetoCore's
`crowdingDistances(of:)` divided by M (relative tolerance 1e-12; pymoo sums the two neighbour gaps
separately, so the last bits can differ).

| case | M | N | distinct points |
|---|---|---|---|
""" + "\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
