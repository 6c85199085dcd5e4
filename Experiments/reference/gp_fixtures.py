"""Reference values for ParetoRec's Gaussian process (Tests/ParetoOptimizersTests/Fixtures/gp_sklearn.json).

scikit-learn's GaussianProcessRegressor with a fixed kernel ConstantKernel(s2) * Matern(l, nu=2.5),
normalize_y=True, no hyper-parameter optimization:
  - predictions (mean, variance) with the noise as `alpha` (latent variance, noise excluded);
  - the log marginal likelihood and its gradient in (log s2, log l_1..l_n, log noise) with the noise
    as a WhiteKernel (alpha=0), which is the parameterization ParetoRec's fit uses.
Inputs are drawn in [0, 1]^n so the unit-cube scaling is the identity.
Run: python3 Experiments/reference/gp_fixtures.py > Tests/ParetoOptimizersTests/Fixtures/gp_sklearn.json
"""
import json
import numpy as np
import sklearn
from sklearn.gaussian_process import GaussianProcessRegressor
from sklearn.gaussian_process.kernels import ConstantKernel, Matern, WhiteKernel


def case(seed, n, count, lengthscales, s2, noise, tests):
    rng = np.random.RandomState(seed)
    x = rng.uniform(size=(count, n))
    y = np.sin(3 * x[:, 0]) + x[:, -1] ** 2 - 0.5 * x.sum(axis=1) + 0.1 * rng.normal(size=count)
    xt = rng.uniform(size=(tests, n))
    k = ConstantKernel(s2, "fixed") * Matern(lengthscales, "fixed", nu=2.5)
    gp = GaussianProcessRegressor(kernel=k, alpha=noise, normalize_y=True, optimizer=None).fit(x, y)
    mean, std = gp.predict(xt, return_std=True)
    kw = ConstantKernel(s2) * Matern(lengthscales, nu=2.5) + WhiteKernel(noise)
    gw = GaussianProcessRegressor(kernel=kw, alpha=0.0, normalize_y=True, optimizer=None).fit(x, y)
    lml, grad = gw.log_marginal_likelihood(gw.kernel_.theta, eval_gradient=True)
    return {
        "lengthscales": list(lengthscales), "signalVariance": s2, "noiseVariance": noise,
        "x": x.tolist(), "y": y.tolist(), "testX": xt.tolist(),
        "mean": mean.tolist(), "variance": (std ** 2).tolist(),
        "logMarginalLikelihood": float(lml),
        # theta order: log s2, log l_1..l_n, log noise
        "gradient": grad.tolist(),
    }


print(json.dumps({
    "generator": f"scikit-learn {sklearn.__version__}, Experiments/reference/gp_fixtures.py",
    "cases": [
        case(0, 2, 8, [0.3, 0.7], 1.3, 1e-4, 5),
        case(1, 3, 12, [0.5, 0.2, 1.5], 0.8, 1e-2, 6),
        case(2, 1, 5, [0.25], 2.0, 1e-6, 4),
    ],
}, indent=1))
