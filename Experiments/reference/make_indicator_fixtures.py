#!/usr/bin/env python3
"""Reference values for ParetoCore's distance indicators and Das-Dennis directions.

Run once from the package root:  python3 Experiments/reference/make_indicator_fixtures.py
Writes Tests/ParetoCoreTests/Fixtures/indicators/ (see the README written beside the data).

Peers (versions printed into the README):
  moocore  igd, igd_plus, epsilon_additive, avg_hausdorff_dist
  pymoo    GD, GDPlus (moocore's Python API has no GD/GD+), IGD/IGDPlus for a cross-check,
           get_reference_directions("das-dennis", M, n_partitions=H)
The script asserts that the two libraries agree where both define an indicator, and that
max(GD, IGD) equals moocore's avg_hausdorff_dist(p=1), which ties pymoo's GD to moocore's definition.
"""
import os
import sys

import numpy as np
import moocore
import pymoo
from pymoo.indicators.gd import GD
from pymoo.indicators.gd_plus import GDPlus
from pymoo.indicators.igd import IGD
from pymoo.indicators.igd_plus import IGDPlus
from pymoo.util.ref_dirs import get_reference_directions

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "Tests", "ParetoCoreTests", "Fixtures", "indicators")


def write_points(path, points):
    with open(path, "w") as f:
        for row in points:
            f.write(" ".join("%.17g" % v for v in row) + "\n")


def simplex_points(rng, n, m):
    """Uniform points on the unit simplex sum(f) = 1 (linear front, DTLZ1-like up to scale)."""
    return rng.dirichlet(np.ones(m), size=n)


def sphere_points(rng, n, m):
    """Points on the positive unit sphere (concave front, DTLZ2-like)."""
    x = np.abs(rng.normal(size=(n, m)))
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def cases(rng):
    for m in (2, 3, 4, 5, 6, 8):
        # random: uniform cloud vs a linear reference front
        yield f"random_m{m}", rng.uniform(0.0, 1.0, size=(40, m)), simplex_points(rng, 70, m)
        # structured: a shifted, noisy sample of a concave front vs that front
        ref = sphere_points(rng, 80, m)
        approx = sphere_points(rng, 30, m) + rng.uniform(-0.05, 0.2, size=(30, m))
        yield f"sphere_m{m}", approx, ref
        # structured: approximation partly dominating the reference (GD+/IGD+ zero terms, epsilon < 0)
        ref = simplex_points(rng, 50, m)
        approx = simplex_points(rng, 25, m) - rng.uniform(0.0, 0.1, size=(25, m))
        yield f"dominating_m{m}", approx, ref


def brute(approx, ref):
    """Independent numpy evaluation of the documented formulas (a check on the peers' semantics)."""
    diff = approx[:, None, :] - ref[None, :, :]          # a - r, shape |A| x |R| x M
    euclid = np.sqrt((diff ** 2).sum(axis=2))
    plus = np.sqrt((np.maximum(diff, 0.0) ** 2).sum(axis=2))
    return {
        "igd": euclid.min(axis=0).mean(),
        "igd_plus": plus.min(axis=0).mean(),
        "gd": euclid.min(axis=1).mean(),
        "gd_plus": plus.min(axis=1).mean(),
        "epsilon_additive": diff.max(axis=2).min(axis=0).max(),
    }


def close(a, b):
    return abs(a - b) <= 1e-12 * max(1.0, abs(a), abs(b))


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(20261129)
    lines = ["# case igd igd_plus gd gd_plus epsilon_additive"]
    for name, approx, ref in cases(rng):
        approx = np.ascontiguousarray(approx)
        ref = np.ascontiguousarray(ref)
        write_points(os.path.join(OUT, name + ".approx.txt"), approx)
        write_points(os.path.join(OUT, name + ".ref.txt"), ref)
        # Read back exactly what the Swift tests will read.
        approx = np.loadtxt(os.path.join(OUT, name + ".approx.txt"), ndmin=2)
        ref = np.loadtxt(os.path.join(OUT, name + ".ref.txt"), ndmin=2)
        values = {
            "igd": moocore.igd(approx, ref),
            "igd_plus": moocore.igd_plus(approx, ref),
            "gd": GD(ref)(approx),
            "gd_plus": GDPlus(ref)(approx),
            "epsilon_additive": moocore.epsilon_additive(approx, ref),
        }
        assert close(values["igd"], IGD(ref)(approx)), name
        assert close(values["igd_plus"], IGDPlus(ref)(approx)), name
        assert close(max(values["gd"], values["igd"]), moocore.avg_hausdorff_dist(approx, ref, p=1)), name
        check = brute(approx, ref)
        for key, value in values.items():
            assert close(value, check[key]), (name, key, value, check[key])
        lines.append(name + " " + " ".join("%.17g" % values[k] for k in
                                           ("igd", "igd_plus", "gd", "gd_plus", "epsilon_additive")))
    with open(os.path.join(OUT, "expected.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")

    dd = [(2, 1), (2, 12), (3, 12), (4, 6), (5, 5), (8, 3)]
    for m, h in dd:
        dirs = get_reference_directions("das-dennis", m, n_partitions=h)
        write_points(os.path.join(OUT, f"das_dennis_m{m}_h{h}.txt"), dirs)

    with open(os.path.join(OUT, "README.md"), "w") as f:
        f.write(f"""# Indicator and reference-direction fixtures

Generated once by `Experiments/reference/make_indicator_fixtures.py` (numpy seed 20261129) with
moocore {moocore.__version__}, pymoo {pymoo.__version__}, numpy {np.__version__}, Python {sys.version.split()[0]}.

- `<case>.approx.txt`, `<case>.ref.txt`: approximation set and reference front, whitespace-separated,
  one point per line, `%.17g` (read back before computing, so the values match the files exactly).
  Cases for M = 2, 3, 4, 5, 6, 8: `random_m*` (uniform cloud in [0,1]^M vs 70 points on the unit
  simplex), `sphere_m*` (30 perturbed points of the positive unit sphere vs 80 points on it),
  `dominating_m*` (25 simplex points shifted down by up to 0.1 vs 50 simplex points: some GD+/IGD+
  terms are 0 and epsilon can be negative).
- `expected.txt`: one line per case: `case igd igd_plus gd gd_plus epsilon_additive` (`%.17g`).
  `igd`, `igd_plus`, `epsilon_additive` are moocore's `igd`, `igd_plus`, `epsilon_additive`;
  `gd`, `gd_plus` are pymoo's `GD`, `GDPlus` (moocore's Python API has none). The script asserts that
  pymoo's IGD/IGD+ equal moocore's within 1e-12, that max(GD, IGD) equals moocore's
  `avg_hausdorff_dist(p=1)` (so pymoo's GD is moocore's GD with p = 1: the mean of Euclidean
  distances), and that all five equal a brute-force numpy evaluation of the formulas in the Swift doc
  comments.
- `das_dennis_m<M>_h<H>.txt`: pymoo's `get_reference_directions("das-dennis", M, n_partitions=H)`;
  compared with ParetoCore's as a set (row order differs).
""")
    print("wrote", OUT)


if __name__ == "__main__":
    main()
