#!/usr/bin/env python3
"""Reference values for ParetoOptimizers' gradient weightings, from independent implementations.

Writes three JSON files under Tests/ParetoOptimizersTests/Fixtures/weightings/ (read by
WeightingFixtureTests). Run once from the repository root:

    pip install "torchjd[quadprog-projector,cagrad,nash-mtl]==0.18.0" libmtl==1.1.5
    python3 Experiments/reference/weighting_fixtures.py

Inputs: for each (K, n, seed) in CASES a Jacobian J (K x n) drawn with numpy's default_rng(seed) —
standard normal rows, each scaled by a factor in [0.3, 3] so the objectives differ in scale —
its Gram matrix G = J J^T and losses uniform in [0.2, 2].

1. torchjd.json   — torchjd 0.18's Weighting classes called on G (UPGrad, DualProj, IMTL-G,
                    AlignedMTL, CAGrad(c=0.5), PCGrad) and NashMTL's weighting called on J. PCGrad's
                    random permutations are replayed from the same torch seed and stored.
2. libmtl.json    — LibMTL 1.1.5's weighting classes (IMTL, PCGrad, CAGrad, UW, DWA) driven through a
                    mock model whose one shared parameter theta gives losses L_k = J_k.theta + l_k, so
                    the shared gradients are exactly the rows of J; the combined direction is
                    theta.grad after the class's backward. PCGrad's random.shuffle orders are
                    replayed and stored. LibMTL 1.1.5's CAGrad only runs for K = 3 (it reshapes to 3).
3. formulas.json  — methods neither library has in this form, re-typed here from the authors' code
                    or paper (clearly not the Swift code): EPO (Mahapatra & Rajan's EPO_LP, the same
                    LPs in cvxpy, solved by CLARABEL instead of GLPK), FAMO (Liu et al.'s update:
                    autograd through softmax + torch.optim.Adam with weight decay), GradNorm (Chen et
                    al.'s rule with torch autograd on L_grad, SGD on the weights, renormalized to K).
"""
import json
import os
import random
import sys
from importlib.metadata import version

import numpy as np
import torch
import torch.nn.functional as F
import cvxpy as cp

torch.set_default_dtype(torch.float64)

from torchjd.aggregation import (AlignedMTLWeighting, CAGradWeighting, DualProjWeighting,  # noqa: E402
                                 IMTLGWeighting, NashMTL, PCGradWeighting, UPGradWeighting)
# LibMTL 1.1.5's package __init__ imports torchvision.models.utils, which newer torchvision removed;
# give it the function it wants from torch.hub (only the model zoo uses it, not the weightings).
import types  # noqa: E402
_shim = types.ModuleType("torchvision.models.utils")
_shim.load_state_dict_from_url = torch.hub.load_state_dict_from_url
sys.modules.setdefault("torchvision.models.utils", _shim)
from LibMTL.weighting import CAGrad as LibCAGrad, DWA as LibDWA, IMTL as LibIMTL  # noqa: E402
from LibMTL.weighting import PCGrad as LibPCGrad, UW as LibUW  # noqa: E402

OUT = os.path.join("Tests", "ParetoOptimizersTests", "Fixtures", "weightings")
CASES = [(2, 10, 11), (2, 14, 12), (2, 20, 13), (2, 12, 14),
         (3, 10, 21), (3, 15, 22), (3, 20, 23), (3, 12, 24),
         (5, 12, 51), (5, 16, 52), (5, 20, 53), (5, 18, 54)]


def draw(k, n, seed):
    rng = np.random.default_rng(seed)
    scale = rng.uniform(0.3, 3.0, size=(k, 1))
    J = rng.standard_normal((k, n)) * scale
    losses = rng.uniform(0.2, 2.0, size=k)
    return J, J @ J.T, losses


def flat(a):
    return [float(x) for x in np.asarray(a, dtype=np.float64).ravel()]


def base(k, n, seed, J, G, losses):
    return {"objectives": k, "n": n, "seed": seed, "jacobian": flat(J), "gram": flat(G), "losses": flat(losses)}


# ---------------------------------------------------------------- 1. torchjd
def torchjd_cases():
    out = []
    for k, n, seed in CASES:
        J, G, losses = draw(k, n, seed)
        Gt = torch.tensor(G)
        c = base(k, n, seed, J, G, losses)
        c["upgrad"] = flat(UPGradWeighting()(Gt))
        c["dualproj"] = flat(DualProjWeighting()(Gt))
        c["imtl-g"] = flat(IMTLGWeighting()(Gt))
        c["aligned-mtl"] = flat(AlignedMTLWeighting()(Gt))
        c["cagrad"] = flat(CAGradWeighting(c=0.5)(Gt))
        torch.manual_seed(seed)
        c["pcgrad"] = flat(PCGradWeighting()(Gt))
        torch.manual_seed(seed)
        c["pcgrad-orders"] = [torch.randperm(k).tolist() for _ in range(k)]
        nash = NashMTL(n_tasks=k)
        c["nash-mtl"] = flat(nash.weighting(torch.tensor(J)))
        out.append(c)
    return out


# ---------------------------------------------------------------- 2. LibMTL
def libmtl_model(cls, J):
    k, n = J.shape

    class Mock(cls):
        def __init__(self):
            super().__init__()
            self.task_num = k
            self.device = torch.device("cpu")
            self.rep_grad = False
            self.theta = torch.nn.Parameter(torch.zeros(n))

        def get_share_params(self):
            return [self.theta]

        def zero_grad_share_params(self):
            if self.theta.grad is not None:
                self.theta.grad.zero_()

    m = Mock()
    m.init_param()
    return m


def libmtl_losses(m, J, losses):
    return torch.tensor(J) @ m.theta + torch.tensor(losses)


def libmtl_cases():
    out = []
    for k, n, seed in CASES:
        J, G, losses = draw(k, n, seed)
        c = base(k, n, seed, J, G, losses)
        m = libmtl_model(LibIMTL, J)
        w = m.backward(libmtl_losses(m, J, losses))
        c["imtl"] = {"weights": flat(w), "direction": flat(m.theta.grad)}
        m = libmtl_model(LibPCGrad, J)
        random.seed(seed)
        w = m.backward(libmtl_losses(m, J, losses))
        random.seed(seed)
        orders = []
        for _ in range(k):
            index = list(range(k))
            random.shuffle(index)
            orders.append(index)
        c["pcgrad"] = {"weights": flat(w), "direction": flat(m.theta.grad), "orders": orders}
        if k == 3:
            m = libmtl_model(LibCAGrad, J)
            w = m.backward(libmtl_losses(m, J, losses), calpha=0.5, rescale=1)
            c["cagrad"] = {"simplexWeights": flat(w), "direction": flat(m.theta.grad)}
        out.append(c)
    return out


def libmtl_uncertainty(k=3, steps=6, lr=0.1, seed=7):
    """UW: loss_scale s starts at LibMTL's -0.5; SGD(lr) on the class's loss after each call."""
    rng = np.random.default_rng(seed)
    J = rng.standard_normal((k, 4))
    m = libmtl_model(LibUW, J)
    opt = torch.optim.SGD([m.loss_scale], lr=lr)
    calls = []
    for _ in range(steps):
        losses = rng.uniform(0.2, 3.0, size=k)
        opt.zero_grad()
        w = m.backward(libmtl_losses(m, J, losses))
        opt.step()
        calls.append({"losses": flat(losses), "weights": flat(w)})
    return {"learningRate": lr, "initialLogVariance": -0.5, "calls": calls}


def libmtl_dwa(k=3, epochs=5, batches=3, temperature=2.0, seed=8):
    """DWA: the trainer's epoch-average loss buffer (numpy) fed to LibMTL's DWA per batch."""
    rng = np.random.default_rng(seed)
    J = rng.standard_normal((k, 4))
    m = libmtl_model(LibDWA, J)
    buffer = np.zeros((k, epochs))
    calls = []
    for e in range(epochs):
        m.epoch = e
        m.train_loss_buffer = buffer
        seen = []
        for _ in range(batches):
            losses = rng.uniform(0.2, 3.0, size=k) / (1 + e)
            w = m.backward(libmtl_losses(m, J, losses), T=temperature)
            seen.append(losses)
            calls.append({"epoch": e + 1, "losses": flat(losses), "weights": flat(w)})
        buffer[:, e] = np.mean(seen, axis=0)
    return {"temperature": temperature, "calls": calls}


# ---------------------------------------------------------------- 3. re-typed formulas
def epo_alpha(l, C, r, eps=1e-4, relax=False):
    """Mahapatra & Rajan's EPO_LP.get_alpha(l, G=C, r, C=True), same LPs, CLARABEL instead of GLPK."""
    m = len(l)
    rl = r * l
    l_hat = rl / rl.sum()
    kept = l_hat[l_hat > np.finfo(float).eps]
    mu_rl = float(np.sum(kept * np.log(kept * m)))
    a = r * (np.log(l_hat * m) - mu_rl)
    Ca = C @ a
    alpha = cp.Variable(m)
    if mu_rl > eps:
        constraints = [alpha >= 0, cp.sum(alpha) == 1]
        J = Ca > 0
        if J.any():
            star = rl == rl.max()
            for j in range(m):
                if star[j]:
                    constraints.append(C[j] @ alpha >= 0)
                elif not J[j]:
                    constraints.append(C[j] @ alpha >= Ca[j])
        else:
            constraints.append(C @ alpha >= 0)
        cp.Problem(cp.Maximize(alpha @ Ca), constraints).solve(solver=cp.CLARABEL)
        mode = "balance"
    else:
        constraints = [alpha >= 0, cp.sum(alpha) == 1, C @ alpha >= 0]
        if not relax:
            constraints.append(alpha @ Ca >= min(Ca.max(), 0.0))  # the authors' -cp.neg(cp.max(Ca))
        cp.Problem(cp.Maximize(cp.sum(alpha @ C)), constraints).solve(solver=cp.CLARABEL)
        mode = "descent"
    return alpha.value, mode, mu_rl


def epo_cases():
    out = []
    for k, n, seed in CASES:
        J, G, losses = draw(k, n, seed)
        rng = np.random.default_rng(seed + 1000)
        r = rng.uniform(0.2, 1.0, size=k)
        for label, l in (("balance", losses), ("descent", 0.7 / r)):
            alpha, mode, mu = epo_alpha(l, G, r)
            c = base(k, n, seed, J, G, l)
            c.update({"preference": flat(r), "mode": mode, "nonUniformity": mu, "weights": flat(k * alpha)})
            assert mode == label
            out.append(c)
    return out


def famo_sequence(k=3, steps=8, lr=0.025, gamma=0.01, seed=9):
    """Liu et al.'s FAMO: logits w, Adam(lr, weight_decay=gamma); update from log-loss change."""
    rng = np.random.default_rng(seed)
    w = torch.zeros(k, requires_grad=True)
    opt = torch.optim.Adam([w], lr=lr, weight_decay=gamma)
    previous = None
    calls = []
    for _ in range(steps):
        losses = torch.tensor(rng.uniform(0.2, 3.0, size=k))
        if previous is not None:
            delta = (previous + 1e-8).log() - (losses + 1e-8).log()
            with torch.enable_grad():
                d = torch.autograd.grad(F.softmax(w, -1), w, grad_outputs=delta.detach())[0]
            opt.zero_grad()
            w.grad = d
            opt.step()
        previous = losses
        z = F.softmax(w, -1).detach()
        D = losses + 1e-8
        cz = (z / D).sum()
        calls.append({"losses": flat(losses), "weights": flat(z / (cz * D)), "logits": flat(w.detach())})
    return {"learningRate": lr, "decay": gamma, "calls": calls}


def gradnorm_sequence(k=3, n=6, steps=8, alpha=1.5, lr=0.05, seed=10):
    """Chen et al.'s GradNorm: weights w (start 1), L0 = first losses; L_grad = sum |w_i n_i - target_i|,
    target = mean(w n) * r^alpha held constant; one SGD step, then w renormalized to sum K."""
    rng = np.random.default_rng(seed)
    w = torch.ones(k, requires_grad=True)
    L0 = None
    calls = []
    for _ in range(steps):
        J = rng.standard_normal((k, n)) * rng.uniform(0.3, 3.0, size=(k, 1))
        losses = rng.uniform(0.2, 3.0, size=k)
        if L0 is None:
            L0 = losses.copy()
        used = w.detach().clone()
        norms = torch.tensor(np.linalg.norm(J, axis=1))
        G = w * norms
        ratio = torch.tensor(losses / L0)
        r = ratio / ratio.mean()
        target = (G.mean() * r ** alpha).detach()
        L_grad = (G - target).abs().sum()
        (grad,) = torch.autograd.grad(L_grad, w)
        with torch.no_grad():
            w -= lr * grad
            w.clamp_(min=1e-8)
            w *= k / w.sum()
        calls.append({"gram": flat(J @ J.T), "losses": flat(losses), "weights": flat(used)})
    return {"alpha": alpha, "learningRate": lr, "calls": calls}


def write(name, payload):
    os.makedirs(OUT, exist_ok=True)
    path = os.path.join(OUT, name)
    with open(path, "w") as f:
        json.dump(payload, f, indent=1)
        f.write("\n")
    print("wrote", path)


if __name__ == "__main__":
    py = sys.version.split()[0]
    write("torchjd.json", {
        "generator": f"torchjd {version('torchjd')}, torch {torch.__version__}, qpsolvers {version('qpsolvers')} "
                     f"(quadprog {version('quadprog')}), cvxpy {cp.__version__} (CLARABEL, ECOS), numpy {np.__version__}, Python {py}",
        "cases": torchjd_cases()})
    write("libmtl.json", {
        "generator": f"LibMTL {version('LibMTL')}, torch {torch.__version__}, scipy {version('scipy')}, numpy {np.__version__}, Python {py}",
        "cases": libmtl_cases(), "uncertainty": libmtl_uncertainty(), "dwa": libmtl_dwa()})
    write("formulas.json", {
        "generator": f"re-typed from the authors' code: EPO_LP in cvxpy {cp.__version__} (CLARABEL), FAMO and GradNorm "
                     f"with torch {torch.__version__} autograd/optimizers, numpy {np.__version__}, Python {py}",
        "epo": epo_cases(), "famo": famo_sequence(), "gradnorm": gradnorm_sequence()})
