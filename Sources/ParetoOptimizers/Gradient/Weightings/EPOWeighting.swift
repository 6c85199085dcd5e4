import Foundation
import NumericCore

/// Exact Pareto Optimal search (EPO): per batch, a linear program over the simplex picks the
/// combination that either moves the losses toward the preference ray (balancing) or, once there,
/// descends all objectives while staying on it.
///
/// Mahapatra & Rajan, "Multi-Task Learning with User Preferences: Gradient Descent with Controlled
/// Ascent in Pareto Optimization", ICML 2020, PMLR vol. 119 (proceedings.mlr.press/v119/mahapatra20a.html).
/// The preference `r` asks for `r₁L₁ = r₂L₂ = … = r_KL_K`, i.e. losses proportional to `1/r`. With
/// `l̂ = r⊙L / Σ r⊙L`, the non-uniformity `μ = Σ l̂_i log(K l̂_i)` and the adjustment
/// `a = r ⊙ (log(K l̂) − μ)`, the authors' `EPO_LP` solves (`C` the Gram matrix, `Ca = C·a`):
/// - balance (`μ > ε`): maximize `αᵀCa` over the simplex with `(Cα)_j ≥ 0` for the objectives with
///   the largest `r_jL_j` and `(Cα)_j ≥ (Ca)_j` for the other `j` with `(Ca)_j ≤ 0`;
/// - descent (`μ ≤ ε`): maximize `1ᵀCα` over the simplex with `Cα ≥ 0` and
///   `αᵀCa ≥ min(max_j (Ca)_j, 0)` (the latter dropped when `relaxed`).
/// Each LP is solved by ``SmallLinearProgram``; an infeasible LP falls back to `α = r/Σr`, as the
/// authors' training script does.
///
/// Scaling: `K·α` (sum `K`), as the authors' training script multiplies the LP's simplex weights.
/// - Complexity: one simplex-method LP with `K` variables and at most `K + 2` rows.
public struct EPOWeighting: GradientWeighting {
    /// The preference and the tolerance of the balancing phase.
    public struct Configuration: Codable, Sendable, Equatable {
        /// The preference `r` (positive, length `K`); the target is `r ⊙ L` uniform.
        public var preference: [Double]
        /// Non-uniformity below which the descent LP runs (`eps` of the authors' code).
        public var tolerance: Double
        /// Drop the descent LP's constraint that keeps the balance.
        public var relaxed: Bool
        /// - Throws: `OptimizerError.invalidConfiguration` for a non-positive or non-finite preference
        ///   or a negative tolerance.
        public init(preference: [Double], tolerance: Double = 1e-4, relaxed: Bool = false) throws {
            guard !preference.isEmpty, preference.allSatisfy({ $0 > 0 && $0.isFinite }) else {
                throw OptimizerError.invalidConfiguration("EPO needs a positive finite preference, got \(preference)")
            }
            guard tolerance >= 0, tolerance.isFinite else {
                throw OptimizerError.invalidConfiguration("EPO needs a tolerance ≥ 0, got \(tolerance)")
            }
            self.preference = preference
            self.tolerance = tolerance
            self.relaxed = relaxed
        }
    }
    public typealias State = NoWeightingState

    public static let name = "epo"
    public let configuration: Configuration

    /// EPO with `configuration`.
    public init(configuration: Configuration) { self.configuration = configuration }

    public func initialState(objectives: Int) throws -> State {
        guard configuration.preference.count == objectives else {
            throw OptimizerError.invalidConfiguration("EPO preference has \(configuration.preference.count) entries for \(objectives) objectives")
        }
        return State()
    }

    public func weights(_ input: WeightingInput, state: inout State, rng: inout SeededGenerator) throws -> [Double] {
        let k = input.objectiveCount
        let r = configuration.preference
        guard r.count == k else { throw WeightingError.invalidInput("EPO preference has \(r.count) entries for \(k) objectives") }
        guard input.losses.allSatisfy({ $0 >= 0 }) else {
            throw WeightingError.invalidInput("EPO needs non-negative losses, got \(input.losses)")
        }
        let step = Self.step(gram: input.gram, losses: input.losses, preference: r,
                             tolerance: configuration.tolerance, relaxed: configuration.relaxed)
        let alpha = step.alpha ?? r.map { $0 / r.reduce(0, +) }
        return alpha.map { $0 * Double(k) }
    }

    /// Which LP ran and its simplex weights (`nil` when it was infeasible).
    struct Step {
        var balancing: Bool
        var nonUniformity: Double
        var alpha: [Double]?
    }

    /// One EPO step on the Gram matrix `C` (the authors' `get_alpha(l, G, r, C=True)`).
    /// `C` is scaled to unit largest entry first, which changes no LP's solution but keeps the
    /// simplex method's tolerances meaningful for gradients of any scale.
    static func step(gram: Matrix<Double>, losses: [Double], preference r: [Double], tolerance: Double, relaxed: Bool) -> Step {
        let k = losses.count
        var c = gram
        let largest = gram.storage.map(abs).max() ?? 0
        if largest > 0 { c.storage = gram.storage.map { $0 / largest } }
        let rl = (0..<k).map { r[$0] * losses[$0] }
        let total = rl.reduce(0, +)
        let hat = total > 0 ? rl.map { $0 / total } : [Double](repeating: 1 / Double(k), count: k)
        var mu = 0.0
        for v in hat where v > Double.ulpOfOne { mu += v * log(v * Double(k)) }
        let a = (0..<k).map { r[$0] * (log(max(hat[$0], Double.leastNormalMagnitude) * Double(k)) - mu) }
        var ca = [Double](repeating: 0, count: k)
        for i in 0..<k { for j in 0..<k { ca[i] += c[i, j] * a[j] } }
        let simplex = SmallLinearProgram.Row(coefficients: [Double](repeating: 1, count: k), relation: .equal, bound: 1)
        var rows = [simplex]
        let objective: [Double]
        let balancing = mu > tolerance
        if balancing {
            objective = ca
            let largest = rl.max() ?? 0
            let anyAscent = ca.contains { $0 > 0 }
            for j in 0..<k {
                let bound: Double?
                if !anyAscent || rl[j] == largest { bound = 0 } else if ca[j] > 0 { bound = nil } else { bound = ca[j] }
                if let bound { rows.append(.init(coefficients: c.row(j), relation: .greaterOrEqual, bound: bound)) }
            }
        } else {
            objective = (0..<k).map { j in (0..<k).reduce(0.0) { $0 + c[$1, j] } }
            for j in 0..<k { rows.append(.init(coefficients: c.row(j), relation: .greaterOrEqual, bound: 0)) }
            if !relaxed { rows.append(.init(coefficients: ca, relation: .greaterOrEqual, bound: min(ca.max() ?? 0, 0))) }
        }
        let alpha = SmallLinearProgram(objective: objective, rows: rows).maximize()
        return Step(balancing: balancing, nonUniformity: mu, alpha: alpha)
    }

    /// Registry entry `epo`; one preference per training.
    public static let registration = RegisteredWeighting(
        EPOWeighting.self, aliases: ["exact-pareto-optimal"],
        summary: "LP steps that reach the preference ray r⊙L = const, then descend along it",
        paper: "Mahapatra & Rajan, Multi-Task Learning with User Preferences, ICML 2020, PMLR vol. 119",
        usesPreferences: true
    ) { settings in
        try EPOWeighting(configuration: Configuration(
            preference: settings.preference ?? [Double](repeating: 1, count: settings.objectives)))
    }
}
