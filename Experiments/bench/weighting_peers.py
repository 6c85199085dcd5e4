#!/usr/bin/env python3
"""Per-call time of torchjd 0.18's weightings, for the ratio beside `paretorec-bench weighting`.

Same input shape as the Swift bench: the Gram matrix of a K x 64 standard normal Jacobian (float64),
K = 2, 3, 5. Each weighting is called on C seeded inputs per round; the median over R rounds of the
per-call thread CPU time (time.thread_time_ns) and wall time is printed in nanoseconds. NashMTL is a
matrix weighting in torchjd, so it gets the Jacobian; a fresh NashMTL per round (it is stateful).

    python3 Experiments/bench/weighting_peers.py [--repeats R] [--calls C]
"""
import argparse
import statistics
import time

import numpy as np
import torch

torch.set_default_dtype(torch.float64)
torch.set_num_threads(1)
from torchjd.aggregation import (AlignedMTLWeighting, CAGradWeighting, DualProjWeighting,  # noqa: E402
                                 IMTLGWeighting, MeanWeighting, MGDAWeighting, NashMTL, PCGradWeighting,
                                 RandomWeighting, UPGradWeighting)

METHODS = {
    "equal (Mean)": lambda k: MeanWeighting(),
    "mgda": lambda k: MGDAWeighting(),
    "pcgrad": lambda k: PCGradWeighting(),
    "cagrad": lambda k: CAGradWeighting(c=0.5),
    "nash-mtl": None,
    "imtl-g": lambda k: IMTLGWeighting(),
    "aligned-mtl": lambda k: AlignedMTLWeighting(),
    "upgrad": lambda k: UPGradWeighting(),
    "dualproj": lambda k: DualProjWeighting(),
    "rlw (Random)": None,
}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--calls", type=int, default=40)
    a = p.parse_args()
    print(f"torchjd per-call time, median over {a.repeats} rounds of {a.calls} calls (thread CPU ns / wall ns)")
    print("method         K=2 cpu   K=2 wall   K=3 cpu   K=3 wall   K=5 cpu   K=5 wall")
    for name, make in METHODS.items():
        line = f"{name:13s}"
        for k in (2, 3, 5):
            rng = np.random.default_rng(100 + k)
            jacobians = [torch.tensor(rng.standard_normal((k, 64))) for _ in range(a.calls)]
            grams = [j @ j.T for j in jacobians]
            cpu, wall = [], []
            for _ in range(a.repeats):
                if name == "nash-mtl":
                    w, inputs = NashMTL(n_tasks=k).weighting, jacobians
                elif name.startswith("rlw"):
                    w, inputs = RandomWeighting(), jacobians
                else:
                    w, inputs = make(k), grams
                c0, w0 = time.thread_time_ns(), time.perf_counter_ns()
                for x in inputs:
                    w(x)
                c1, w1 = time.thread_time_ns(), time.perf_counter_ns()
                cpu.append((c1 - c0) / a.calls)
                wall.append((w1 - w0) / a.calls)
            line += f" {statistics.median(cpu):9.0f}  {statistics.median(wall):9.0f}"
        print(line, flush=True)


if __name__ == "__main__":
    main()
