#!/usr/bin/env python3
"""Hypervolume and hypervolume-contribution fixtures for ParetoCore, computed once with moocore.

Writes, for every case NAME, under Tests/ParetoCoreTests/Fixtures/hypervolume/:
  NAME.txt       the points, one per line, whitespace-separated (%.10g: the file *is* the input;
                 moocore is run on the values as parsed back from it)
  NAME.expected  "reference r1 ... rM", "hypervolume V" (moocore.hypervolume, %.17g), then
                 "contributions SOURCE" and one value per point in row order (%.17g). SOURCE is
                 moocore.hv_contributions (default ignore_dominated=True) for M <= 3, and for
                 M >= 4 moocore.hypervolume-difference: HV(U) - HV(U without p) over the distinct
                 nondominated points U (same semantics), because moocore 0.3.2's hv_contributions
                 returns 0 for some nondominated points in M >= 4 (pygmo agrees with the difference).

Kinds: uniform in [0,1]^M; linear simplex (Dirichlet(1,...,1), sum 1); positive orthant of the
unit sphere; an integer grid {0..9}^M (many ties). Every case mixes in copies of existing rows
(duplicates), dominated rows (a row plus positive noise), and rows outside the reference point
(one coordinate >= the reference, one exactly equal), then shuffles. Reference point: 1.1 per
objective (10.5 for the grid). Seeded: rerunning reproduces the files bit for bit.

Usage: python3 Experiments/reference/make_hv_fixtures.py
"""
import os
import numpy as np
import moocore

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "Tests", "ParetoCoreTests", "Fixtures", "hypervolume")

# (M, N base points) per kind; contributions are written for every case.
SIZES = {2: 1000, 3: 1000, 4: 200, 5: 200, 6: 60, 8: 30}
GRID_SIZES = {2: 60, 3: 120, 4: 80, 5: 60}


def base_points(kind, m, n, rng):
    if kind == "uniform":
        return rng.random((n, m))
    if kind == "simplex":
        return rng.dirichlet(np.ones(m), size=n)
    if kind == "sphere":
        x = np.abs(rng.standard_normal((n, m)))
        return x / np.linalg.norm(x, axis=1, keepdims=True)
    if kind == "grid":
        return rng.integers(0, 10, size=(n, m)).astype(float)
    raise ValueError(kind)


def make_case(kind, m, n, rng):
    ref_value = 10.5 if kind == "grid" else 1.1
    pts = base_points(kind, m, n, rng)
    extra = max(2, n // 20)
    dups = pts[rng.integers(0, n, size=extra)]
    if kind == "grid":
        dominated = pts[rng.integers(0, n, size=extra)] + rng.integers(0, 2, size=(extra, m))
    else:
        dominated = pts[rng.integers(0, n, size=extra)] + rng.random((extra, m)) * 0.05
    outside = pts[rng.integers(0, n, size=2)].copy()
    outside[0, rng.integers(0, m)] = ref_value          # exactly on the reference: excluded
    outside[1, rng.integers(0, m)] = ref_value + 0.3    # beyond it
    allpts = np.vstack([pts, dups, dominated, outside])
    allpts = allpts[rng.permutation(len(allpts))]
    # Round-trip through the text format so moocore sees exactly what the Swift tests parse.
    text = "\n".join(" ".join("%.10g" % v for v in row) for row in allpts) + "\n"
    parsed = np.array([[float(v) for v in line.split()] for line in text.strip().split("\n")])
    ref = np.full(m, ref_value)
    hv = moocore.hypervolume(parsed, ref=ref)
    if m <= 3:
        contrib = moocore.hv_contributions(parsed, ref=ref)
        source = "moocore.hv_contributions"
    else:
        contrib = contributions_by_difference(parsed, ref)
        source = "moocore.hypervolume-difference"
        theirs = moocore.hv_contributions(parsed, ref=ref)
        wrong = np.sum(np.abs(theirs - contrib) > 1e-12 * np.abs(contrib) + 1e-14)
        print(f"  moocore.hv_contributions differs from HV(U) - HV(U - p) on {wrong} rows")
    return text, ref, hv, contrib, source


def contributions_by_difference(points, ref):
    """HV(U) - HV(U without p) for each p of U, the distinct nondominated points dominating ref
    (moocore.hypervolume); 0 for dominated rows, copies and rows outside the reference.

    Used for M >= 4 because moocore 0.3.2's hv_contributions returns 0 for some nondominated,
    distinct points there (e.g. 11 of 64 in uniform_M5), which pygmo and the difference disagree with.
    """
    inside = np.all(points < ref, axis=1)
    nondominated = moocore.is_nondominated(points, keep_weakly=True) & inside
    rows = np.where(nondominated)[0]
    unique, first, counts = np.unique(points[rows], axis=0, return_index=True, return_counts=True)
    total = moocore.hypervolume(unique, ref=ref)
    contrib = np.zeros(len(points))
    for k in range(len(unique)):
        if counts[k] > 1:
            continue
        others = np.delete(unique, k, axis=0)
        rest = moocore.hypervolume(others, ref=ref) if len(others) else 0.0
        contrib[rows[first[k]]] = total - rest
    return contrib


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(20261129)
    total = 0
    for kind in ["uniform", "simplex", "sphere", "grid"]:
        sizes = GRID_SIZES if kind == "grid" else SIZES
        for m, n in sizes.items():
            name = f"{kind}_M{m}_N{n}"
            text, ref, hv, contrib, source = make_case(kind, m, n, rng)
            with open(os.path.join(OUT, name + ".txt"), "w") as f:
                f.write(text)
            lines = ["reference " + " ".join("%.17g" % r for r in ref),
                     "hypervolume %.17g" % hv, "contributions " + source]
            lines += ["%.17g" % c for c in contrib]
            with open(os.path.join(OUT, name + ".expected"), "w") as f:
                f.write("\n".join(lines) + "\n")
            total += len(text) + sum(len(x) + 1 for x in lines)
            print(f"{name}: rows={len(contrib)} hv={hv:.17g}")
    print(f"total bytes: {total}")


if __name__ == "__main__":
    main()
