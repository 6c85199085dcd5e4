#!/usr/bin/env python3
"""Reference Pareto ranks for ParetoCore's non-dominated sorting, computed once with moocore.

Writes, for every case, two whitespace-separated text files under
Tests/ParetoCoreTests/Fixtures/ranks/:
  NAME.points   one point per line (minimization), values printed with repr() of the rounded doubles
  NAME.ranks    one integer per line: moocore.pareto_rank(points) for the points as parsed back
and a README.md listing the cases. Rerun from the repository root:
  python3 Experiments/reference/make_rank_fixtures.py
Requires numpy and moocore (0.3.2 was used). Seeded, so reruns give identical files.
"""
import os

import moocore
import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "Tests", "ParetoCoreTests", "Fixtures", "ranks")


def uniform(rng, n, m):
    return np.round(rng.random((n, m)), 4)


def simplex_with_duplicates(rng, n, m):
    """Points near the unit simplex (coarse rounding makes ties), a fifth of them repeated."""
    x = rng.dirichlet(np.ones(m), size=n) + rng.random((n, 1)) * 0.2
    x = np.round(x, 2)
    repeat = rng.integers(0, n, size=n // 5)
    x = np.vstack([x, x[repeat]])
    return x[rng.permutation(len(x))]


def sphere_with_duplicates(rng, n, m):
    """Points on the positive unit sphere pushed outwards at random, rounded, some repeated."""
    x = np.abs(rng.normal(size=(n, m)))
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    x *= 1 + rng.random((n, 1)) * 0.5
    x = np.round(x, 3)
    repeat = rng.integers(0, n, size=n // 4)
    x = np.vstack([x, x[repeat]])
    return x[rng.permutation(len(x))]


def integer_grid(rng, n, m, levels):
    """Small integers: very many ties in every objective and many exact duplicates."""
    return rng.integers(0, levels, size=(n, m)).astype(float)


def negative_mixed(rng, n, m):
    """Values of both signs and magnitudes, including -0.0 and 0.0 (which compare equal)."""
    x = np.round(rng.normal(scale=100.0, size=(n, m)), 1)
    x[rng.random((n, m)) < 0.1] = 0.0
    x[rng.random((n, m)) < 0.05] = -0.0
    return x


def cases():
    rng = np.random.default_rng(20261129)
    sizes = {2: 2000, 3: 1500, 4: 800, 5: 600, 6: 400, 8: 300}
    for m, n in sizes.items():
        yield f"uniform_m{m}_n{n}", uniform(rng, n, m)
    for m in sizes:
        yield f"simplex_dup_m{m}", simplex_with_duplicates(rng, 160, m)
        yield f"sphere_dup_m{m}", sphere_with_duplicates(rng, 160, m)
        yield f"grid_m{m}", integer_grid(rng, 300, m, 5)
    for m in (2, 3, 5):
        yield f"grid_fine_m{m}", integer_grid(rng, 400, m, 40)
        yield f"mixed_sign_m{m}", negative_mixed(rng, 200, m)
    for m in (2, 3, 4, 6, 8):
        yield f"tiny_m{m}_n10", integer_grid(rng, 10, m, 3)
        yield f"single_m{m}", uniform(rng, 1, m)
    yield "one_objective_n50", integer_grid(rng, 50, 1, 12)


def main():
    os.makedirs(OUT, exist_ok=True)
    lines = []
    for name, points in cases():
        path = os.path.join(OUT, name + ".points")
        with open(path, "w") as f:
            for row in points:
                f.write(" ".join(repr(float(v)) for v in row) + "\n")
        parsed = np.loadtxt(path, ndmin=2)
        ranks = moocore.pareto_rank(parsed)
        with open(os.path.join(OUT, name + ".ranks"), "w") as f:
            f.write("\n".join(str(int(r)) for r in ranks) + "\n")
        unique = len(np.unique(parsed, axis=0))
        lines.append(f"| `{name}` | {parsed.shape[1]} | {parsed.shape[0]} | {unique} | {int(ranks.max()) + 1} |")
    with open(os.path.join(OUT, "README.md"), "w") as f:
        f.write(f"""# Pareto rank fixtures

Made by `Experiments/reference/make_rank_fixtures.py` (numpy seed 20261129) with
moocore {moocore.__version__}: for each case `NAME.points` holds one point per line
(whitespace-separated, all objectives minimized) and `NAME.ranks` holds
`moocore.pareto_rank(points)` for those points as parsed back from the text, one integer per line
(0 = first front; identical points share a rank).

Families: `uniform` (uniform in [0,1)^M, 4 decimals), `simplex_dup` / `sphere_dup` (points near the
simplex / positive sphere, coarsely rounded so objectives tie, about a fifth of the rows repeated),
`grid` / `grid_fine` (integers in 0..4 / 0..39: many ties and duplicates), `mixed_sign` (both
signs, 0.0 and -0.0), `tiny` and `single` (N = 10 and N = 1), `one_objective` (M = 1).

| case | M | N | distinct points | fronts |
|---|---|---|---|---|
""" + "\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
