#!/usr/bin/env python3
"""Full-size census-income replica for measuring the census protocol's load and epoch cost.

Writes DIR/census-income.data (199,523 rows) and DIR/census-income.test (99,762 rows), the sizes of
the UCI KDD census-income release, by drawing rows with replacement (seeded) from the shipped
raw sample (`census/census-income.sample.csv`, 199 rows, first column an added row index) and
renumbering that index. Nothing here is new data: the replica has the release's size and format,
only the sample's distinct rows. Usage: census_replica.py SAMPLE DIR [SEED]
"""
import os
import random
import sys


def main() -> None:
    sample, out = sys.argv[1], sys.argv[2]
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    rows = [line.rstrip("\n").split(",", 1)[1] for line in open(sample, encoding="utf-8") if line.strip()]
    rng = random.Random(seed)
    os.makedirs(out, exist_ok=True)
    for name, count in (("census-income.data", 199_523), ("census-income.test", 99_762)):
        path = os.path.join(out, name)
        with open(path + ".partial", "w", encoding="utf-8") as f:
            for i in range(count):
                f.write(f"{i},{rng.choice(rows)}\n")
        os.replace(path + ".partial", path)


if __name__ == "__main__":
    main()
