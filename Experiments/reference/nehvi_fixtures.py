"""Reference values for ParetoRec's NEHVI (Tests/ParetoOptimizersTests/Fixtures/nehvi_botorch.json).

BoTorch's qNoisyExpectedHypervolumeImprovement (q = 1, exact box decompositions, no baseline pruning,
no cached root) on a ModelListGP of independent SingleTaskGPs whose kernels and noise are fixed to
ParetoRec's parameterization: inputs in the unit cube, outputs standardized by their mean and
population standard deviation s, so that BoTorch's ConstantMean = mean(y), ScaleKernel outputscale =
s^2 * signalVariance, Matern(nu=2.5, ARD) lengthscales as given, Gaussian likelihood noise =
s^2 * noiseVariance. Objectives are minimized in ParetoRec: BoTorch maximizes -f against -reference.
The values are Monte Carlo estimates with `samples` scrambled Sobol base samples (16384 for two
objectives, 4096 for three); `standardError` is the standard error of an estimate of that size,
from the spread of independent Sobol seeds with fewer samples (16 x 1024, 8 x 512), scaled by
the square root of the sample ratio (conservative: Sobol errors shrink faster than that).
Two cases: two objectives with 8 observations, three objectives with 7.
Run: python3 Experiments/reference/nehvi_fixtures.py [2,3] > Tests/ParetoOptimizersTests/Fixtures/nehvi_botorch.json
"""
import json
import sys
import warnings
import numpy as np
import torch
import botorch
from botorch.acquisition.multi_objective.monte_carlo import qNoisyExpectedHypervolumeImprovement
from botorch.acquisition.multi_objective.objective import WeightedMCMultiOutputObjective
from botorch.models import ModelListGP, SingleTaskGP
from botorch.sampling import SobolQMCNormalSampler
from gpytorch.kernels import MaternKernel, ScaleKernel
from gpytorch.means import ConstantMean

warnings.filterwarnings("ignore")
torch.set_default_dtype(torch.float64)


def gp(x, y, lengthscales, s2, noise):
    mean, scale = float(np.mean(y)), float(np.std(y))
    model = SingleTaskGP(torch.tensor(x), torch.tensor(y)[:, None], outcome_transform=None,
                         covar_module=ScaleKernel(MaternKernel(nu=2.5, ard_num_dims=x.shape[1])),
                         mean_module=ConstantMean())
    model.covar_module.base_kernel.lengthscale = torch.tensor(lengthscales)
    model.covar_module.outputscale = torch.tensor(s2 * scale ** 2)
    model.likelihood.noise = torch.tensor([noise * scale ** 2])
    model.mean_module.constant = torch.tensor(mean)
    model.eval()
    return model


def nehvi(model, x, reference, tests, samples, seed):
    m = len(reference)
    acqf = qNoisyExpectedHypervolumeImprovement(
        model=model, ref_point=[-r for r in reference], X_baseline=torch.tensor(x),
        sampler=SobolQMCNormalSampler(sample_shape=torch.Size([samples]), seed=seed),
        objective=WeightedMCMultiOutputObjective(weights=-torch.ones(m)),
        prune_baseline=False, cache_root=False, alpha=0.0)
    with torch.no_grad():
        return [float(acqf(torch.tensor(t)[None, None, :])) for t in tests]


def case(seed, count, m, hyper, reference, tests, samples, repeats, repeat_samples):
    rng = np.random.RandomState(seed)
    x = rng.uniform(size=(count, 2))
    f = [x[:, 0], (1 + x[:, 1]) * (1 - np.sqrt(x[:, 0])) , 0.6 * (x[:, 0] - 0.5) ** 2 + x[:, 1]][:m]
    y = np.stack([fj + 0.05 * rng.normal(size=count) for fj in f], axis=1)
    model = ModelListGP(*[gp(x, y[:, j], *hyper[j]) for j in range(m)])
    values = nehvi(model, x, reference, tests, samples, 0)
    print(f"M = {m}: {values}", file=sys.stderr, flush=True)
    runs = np.array([nehvi(model, x, reference, tests, repeat_samples, 100 + r) for r in range(repeats)])
    return {
        "x": x.tolist(), "y": y.tolist(), "reference": reference, "testX": tests,
        "hyperparameters": [{"lengthscales": h[0], "signalVariance": h[1], "noiseVariance": h[2]} for h in hyper],
        "samples": samples,
        "nehvi": values, "standardError": (runs.std(axis=0, ddof=1) * np.sqrt(repeat_samples / samples)).tolist(),
    }


objectives = [int(v) for v in (sys.argv[1].split(",") if len(sys.argv) > 1 else ["2", "3"])]
print(json.dumps({
    "generator": f"botorch {botorch.__version__}, torch {torch.__version__}, Experiments/reference/nehvi_fixtures.py",
    "cases": [c() for m, c in [
        (2, lambda: case(7, 8, 2, [([0.4, 0.7], 1.2, 0.05), ([0.5, 0.3], 0.9, 0.1)], [1.2, 2.2],
             [[0.3, 0.1], [0.8, 0.2], [0.05, 0.9]], 16384, 16, 1024)),
        (3, lambda: case(11, 7, 3, [([0.4, 0.7], 1.0, 0.05), ([0.6, 0.5], 1.1, 0.08), ([0.5, 0.5], 0.8, 0.03)], [1.2, 2.2, 1.3],
             [[0.3, 0.1], [0.7, 0.3], [0.1, 0.5]], 4096, 8, 512)),
    ] if m in objectives],
}, indent=1))
