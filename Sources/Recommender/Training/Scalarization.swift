#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How the per-objective losses `L` of a batch are folded into one loss under a preference `λ`
/// when training a `PreferenceConditionedModel`. Every variant is differentiable in `L` almost
/// everywhere, so the model's gradient is `Σ_k w_k ∇L_k` with `w = ∂S/∂L` (`weights(losses:preference:)`).
public enum Scalarization: Sendable, Equatable, Codable {
    /// `S = Σ_k λ_k L_k`.
    case linear
    /// Weighted Tchebycheff with the ideal point 0 (losses are non-negative):
    /// `S = max_k λ_k L_k` (Miettinen, "Nonlinear Multiobjective Optimization", Kluwer 1999,
    /// doi:10.1007/978-1-4615-5563-6); the gradient follows the largest term (the first on ties).
    case tchebycheff
    /// COSMOS: `S = Σ_k λ_k L_k − μ·cos(λ, L)`, whose cosine term pulls the loss vector onto the ray
    /// of `λ` (Ruchte & Grabocka, "Scalable Pareto Front Approximation for Deep Multi-Objective
    /// Learning", ICDM 2021, arXiv:2103.13392).
    ///
    /// Use with losses of similar scale only. The ray `L ∝ λ` asks for a *larger* loss where the
    /// preference is larger (the linear term asks the opposite), and the cosine's gradient grows as
    /// `1/|L|`: when one loss is much smaller than another (a rare label's cross-entropy beside a
    /// frequent one's), `∂S/∂L_k` of the small loss turns negative once `λ_k` is large enough, and
    /// training then ascends that loss — raising its preference makes that objective worse
    /// (`weights(losses:preference:)` shows it: `L = (0.45, 0.08)`, `λ = (½, ½)`, `μ = ½` give
    /// `w₂ ≈ −0.117`). `linear` and `tchebycheff` never give a negative weight.
    case cosmos(penalty: Double)

    /// The scalarized loss `S(L; λ)`.
    public func value(losses l: [Double], preference p: [Double]) -> Double {
        switch self {
        case .linear:
            return zip(l, p).reduce(0) { $0 + $1.0 * $1.1 }
        case .tchebycheff:
            return zip(l, p).map { $0 * $1 }.max() ?? 0
        case .cosmos(let mu):
            let linear = zip(l, p).reduce(0) { $0 + $1.0 * $1.1 }
            return linear - mu * Self.cosine(l, p)
        }
    }

    /// `∂S/∂L_k`, the weights of the per-objective gradients.
    public func weights(losses l: [Double], preference p: [Double]) -> [Double] {
        switch self {
        case .linear:
            return p
        case .tchebycheff:
            var best = 0
            for k in l.indices where l[k] * p[k] > l[best] * p[best] { best = k }
            return l.indices.map { $0 == best ? p[best] : 0 }
        case .cosmos(let mu):
            // ∂cos/∂L_k = λ_k/(|λ||L|) − (λ·L) L_k/(|λ||L|³).
            let nl = sqrt(l.reduce(0) { $0 + $1 * $1 }), np = sqrt(p.reduce(0) { $0 + $1 * $1 })
            guard nl > 0, np > 0 else { return p }
            let dot = zip(l, p).reduce(0) { $0 + $1.0 * $1.1 }
            return l.indices.map { k in p[k] - mu * (p[k] / (np * nl) - dot * l[k] / (np * nl * nl * nl)) }
        }
    }

    static func cosine(_ a: [Double], _ b: [Double]) -> Double {
        let na = sqrt(a.reduce(0) { $0 + $1 * $1 }), nb = sqrt(b.reduce(0) { $0 + $1 * $1 })
        guard na > 0, nb > 0 else { return 0 }
        return zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } / (na * nb)
    }
}
