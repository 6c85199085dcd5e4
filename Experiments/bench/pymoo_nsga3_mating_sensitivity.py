"""pymoo's own NSGA3 on DTLZ1 (M = 3, 7 variables, 400 generations, 91 Das-Dennis directions,
population 92) with one mating setting changed: how far a 10-seed IGD median moves with it.

    python3 Experiments/bench/pymoo_nsga3_mating_sensitivity.py --mutation-prob 1.0
    python3 Experiments/bench/pymoo_nsga3_mating_sensitivity.py --keep-duplicates --seeds 6
"""
import argparse

import numpy as np
from pymoo.algorithms.moo.nsga3 import NSGA3
from pymoo.indicators.igd import IGD
from pymoo.operators.mutation.pm import PM
from pymoo.optimize import minimize
from pymoo.problems import get_problem
from pymoo.util.ref_dirs import get_reference_directions

parser = argparse.ArgumentParser()
parser.add_argument("--mutation-prob", type=float, default=0.9, help="probability that an offspring is mutated (pymoo: 0.9)")
parser.add_argument("--keep-duplicates", action="store_true", help="eliminate_duplicates=False")
parser.add_argument("--seeds", type=int, default=10)
args = parser.parse_args()
problem = get_problem("dtlz1", n_var=7, n_obj=3)
directions = get_reference_directions("das-dennis", 3, n_partitions=12)
igd = IGD(problem.pareto_front(directions))
values = []
for seed in range(1, args.seeds + 1):
    algorithm = NSGA3(pop_size=92, ref_dirs=directions, mutation=PM(prob=args.mutation_prob, eta=20),
                      eliminate_duplicates=not args.keep_duplicates)
    values.append(igd(minimize(problem, algorithm, ("n_gen", 400), seed=seed, verbose=False).F))
print(f"mutation prob {args.mutation_prob}, duplicates {'kept' if args.keep_duplicates else 'eliminated'}: "
      f"IGD median {np.median(values):.5f} over {len(values)} seeds, runs {[round(v, 5) for v in values]}")
