import Foundation
import NumericCore

/// Which scalarizing function turns an objective vector into one number to minimize.
public enum ScalarizationKind: String, Sendable, Codable, CaseIterable {
    /// `s(f) = Σ_k w_k f_k`. Finds only supported (convex-hull) Pareto points: on a non-convex front
    /// it jumps to the extremes (Das & Dennis 1997, Structural Optimization 14:63–69,
    /// doi:10.1007/BF01197559).
    case weightedSum = "weighted-sum"
    /// `s(f) = max_k w_k |f_k − z*_k|` with `z*` the ideal point. Every Pareto-optimal point is the
    /// minimum for some weight vector (Bowman 1976, in *Multiple Criteria Decision Making*,
    /// LNEMS 130, doi:10.1007/978-3-642-87563-2_5; Miettinen 1999, *Nonlinear Multiobjective
    /// Optimization*, Kluwer, §3.4). Minima may be only weakly Pareto optimal.
    case tchebycheff
    /// `s(f) = max_k w_k (f_k − z_k) + ρ Σ_k (f_k − z_k)`, Wierzbicki's augmented achievement
    /// function with reference point `z` (Wierzbicki 1980, "The use of reference objectives in
    /// multiobjective optimization", LNEMS 177:468–486, doi:10.1007/978-3-642-48782-8_32). The small
    /// unweighted `ρ > 0` term makes every minimum properly Pareto optimal, also for zero weights.
    case augmentedAchievement = "augmented-achievement"
}

/// A scalarizing function: kind, weights, reference (ideal) point and augmentation `ρ`.
///
/// Value and (sub)gradient with respect to the decision vector are both O(M·n) given the objective
/// vector and the Jacobian. NaN objectives give `+∞`, so inner solvers treat them as infeasible.
public struct Scalarization: Sendable, Codable, Equatable {
    /// The function.
    public var kind: ScalarizationKind
    /// Non-negative weights, one per objective.
    public var weights: [Double]
    /// The ideal / reference point `z` (ignored by the weighted sum).
    public var reference: [Double]
    /// Augmentation coefficient of `augmentedAchievement` (ignored otherwise).
    public var rho: Double

    /// - Throws: `OptimizerError.invalidConfiguration` for negative, all-zero or non-finite weights,
    ///   a reference point of another length, or a negative `ρ`.
    public init(kind: ScalarizationKind, weights: [Double], reference: [Double]? = nil, rho: Double = 1e-4) throws {
        guard !weights.isEmpty, weights.allSatisfy({ $0 >= 0 && $0.isFinite }), weights.contains(where: { $0 > 0 }) else {
            throw OptimizerError.invalidConfiguration("weights must be finite, ≥ 0 and not all 0: \(weights)")
        }
        let z = reference ?? [Double](repeating: 0, count: weights.count)
        guard z.count == weights.count, z.allSatisfy(\.isFinite) else {
            throw OptimizerError.invalidConfiguration("reference point needs \(weights.count) finite values, got \(z)")
        }
        guard rho >= 0, rho.isFinite else { throw OptimizerError.invalidConfiguration("rho must be ≥ 0, got \(rho)") }
        self.kind = kind; self.weights = weights; self.reference = z; self.rho = rho
    }

    /// `s(f)`. - Complexity: O(M).
    public func value(_ f: [Double]) -> Double {
        if f.count != weights.count || f.contains(where: \.isNaN) { return .infinity }
        switch kind {
        case .weightedSum:
            var s = 0.0
            for k in 0..<f.count { s += weights[k] * f[k] }
            return s
        case .tchebycheff:
            var s = -Double.infinity
            for k in 0..<f.count { s = max(s, weights[k] * abs(f[k] - reference[k])) }
            return s
        case .augmentedAchievement:
            var s = -Double.infinity, sum = 0.0
            for k in 0..<f.count {
                s = max(s, weights[k] * (f[k] - reference[k])); sum += f[k] - reference[k]
            }
            return s + rho * sum
        }
    }

    /// A (sub)gradient of `x ↦ s(f(x))` from the objectives and the `M × n` Jacobian: `Jᵀc` with
    /// `c = w` (weighted sum), `c = w_k·sign(f_k − z_k)·e_k` at the first maximizing `k`
    /// (Tchebycheff), `c = w_k e_k + ρ·1` (augmented achievement). - Complexity: O(M·n).
    public func gradient(objectives f: [Double], jacobian: Matrix<Double>) -> [Double] {
        let m = weights.count, n = jacobian.columns
        var c = [Double](repeating: 0, count: m)
        switch kind {
        case .weightedSum:
            c = weights
        case .tchebycheff:
            var best = 0, bestValue = -Double.infinity
            for k in 0..<m {
                let t = weights[k] * abs(f[k] - reference[k])
                if t > bestValue { bestValue = t; best = k }
            }
            c[best] = weights[best] * (f[best] >= reference[best] ? 1 : -1)
        case .augmentedAchievement:
            var best = 0, bestValue = -Double.infinity
            for k in 0..<m {
                let t = weights[k] * (f[k] - reference[k])
                if t > bestValue { bestValue = t; best = k }
                c[k] = rho
            }
            c[best] += weights[best]
        }
        var g = [Double](repeating: 0, count: n)
        for k in 0..<min(m, jacobian.rows) where c[k] != 0 {
            for j in 0..<n { g[j] += c[k] * jacobian[k, j] }
        }
        return g
    }

    /// Whether `s ∘ f` is smooth wherever `f` is (only the weighted sum), i.e. whether BFGS suits it.
    public var isSmooth: Bool { kind == .weightedSum }

    /// A smooth approximation for gradient solvers: the max over `t_k = w_k (f_k − z_k)` replaced by
    /// `μ·log Σ_k exp(t_k/μ)` (within `μ·log M` above the max), plus the weighted sum's / achievement's
    /// smooth terms unchanged. For Tchebycheff the signed difference is used, which equals
    /// `w_k |f_k − z_k|` whenever `f ≥ z` (true for an ideal point). Returns the value and `Jᵀc` with
    /// `c_k = w_k·softmax_k(t/μ)` (+ `ρ` for achievement). - Complexity: O(M·n).
    public func smoothed(objectives f: [Double], jacobian: Matrix<Double>, mu: Double) -> (value: Double, gradient: [Double]) {
        let m = weights.count, n = jacobian.columns
        if kind == .weightedSum || f.count != m || f.contains(where: \.isNaN) {
            return (value(f), gradient(objectives: f, jacobian: jacobian))
        }
        let t = (0..<m).map { weights[$0] * (f[$0] - reference[$0]) }
        let top = t.max() ?? 0
        var p = t.map { exp(($0 - top) / mu) }
        let total = p.reduce(0, +)
        for k in 0..<m { p[k] /= total }
        var v = top + mu * log(total)
        var c = (0..<m).map { weights[$0] * p[$0] }
        if kind == .augmentedAchievement {
            for k in 0..<m { v += rho * (f[k] - reference[k]); c[k] += rho }
        }
        var g = [Double](repeating: 0, count: n)
        for k in 0..<min(m, jacobian.rows) where c[k] != 0 {
            for j in 0..<n { g[j] += c[k] * jacobian[k, j] }
        }
        return (v, g)
    }
}
