import Foundation
import NumericCore

/// Nash-MTL: the objectives bargain over the update; the Nash bargaining solution is the
/// combination `d = Σ α_k g_k` with `α_i·(Gα)_i = 1` for every `i`, i.e. each objective's share of the
/// improvement `⟨g_i, d⟩ = 1/α_i` (proportional fairness).
///
/// Navon, Shamsian, Achituve, Maron, Kawaguchi, Chechik & Fetaya, "Multi-Task Learning as a
/// Bargaining Game", ICML 2022, arXiv:2202.01017. The authors' code approaches `α` by 20 convex-
/// concave steps with a conic solver; here `α` is the unique minimizer of the strictly convex
/// `½αᵀĜα − Σ log α_i` (whose stationarity condition is exactly `Ĝα = 1/α`), found by damped Newton
/// steps to machine precision on `Ĝ = G/‖G‖_F` and mapped back by `α = α̂/√‖G‖_F`. Objectives with a
/// zero gradient get weight 0. As in the authors' code and TorchJD, the weights are recomputed every
/// `updateEvery` calls (reused in between) and the direction's norm `√(αᵀGα)` is clipped to
/// `maxNorm` (0 disables clipping).
///
/// Scaling: the bargaining solution itself (`‖d‖ = √K`), then clipped — with the default
/// `maxNorm = 1` the direction has unit norm, as TorchJD's `NashMTL`.
/// - Complexity: O(K³) per Newton step; typically under 20 steps.
public struct NashMTLWeighting: GradientWeighting {
    /// Clipping and update period.
    public struct Configuration: Codable, Sendable, Equatable {
        /// Largest norm of the combined direction (0: no clipping).
        public var maxNorm: Double
        /// Recompute the weights every this many calls.
        public var updateEvery: Int
        /// - Throws: `OptimizerError.invalidConfiguration` for a negative `maxNorm` or `updateEvery < 1`.
        public init(maxNorm: Double = 1, updateEvery: Int = 1) throws {
            guard maxNorm >= 0, maxNorm.isFinite else { throw OptimizerError.invalidConfiguration("Nash-MTL needs maxNorm ≥ 0, got \(maxNorm)") }
            guard updateEvery >= 1 else { throw OptimizerError.invalidConfiguration("Nash-MTL needs updateEvery ≥ 1, got \(updateEvery)") }
            self.maxNorm = maxNorm
            self.updateEvery = updateEvery
        }
    }

    /// The last bargaining solution and the call counter.
    public struct State: Codable, Sendable, Equatable {
        /// `α` of the last update (before clipping), or `nil` before the first call.
        public var alpha: [Double]?
        /// Calls so far.
        public var calls: Int
    }

    public static let name = "nash-mtl"
    public let configuration: Configuration

    /// Nash-MTL with `configuration`.
    public init(configuration: Configuration) { self.configuration = configuration }

    public func initialState(objectives: Int) throws -> State { State(alpha: nil, calls: 0) }

    public func weights(_ input: WeightingInput, state: inout State, rng: inout SeededGenerator) throws -> [Double] {
        let k = input.objectiveCount
        var alpha: [Double]
        if let previous = state.alpha, previous.count == k, state.calls % configuration.updateEvery != 0 {
            alpha = previous
        } else {
            alpha = Self.bargainingSolution(gram: input.gram)
            state.alpha = alpha
        }
        state.calls += 1
        if configuration.maxNorm > 0 {
            let norm = max(0, quadraticForm(input.gram.storage, alpha, k)).squareRoot()
            if norm > configuration.maxNorm { alpha = alpha.map { $0 / norm * configuration.maxNorm } }
        }
        return alpha
    }

    /// The `α > 0` with `α ⊙ (Gα) = 1` on the objectives with a non-zero gradient (0 for the others).
    static func bargainingSolution(gram: Matrix<Double>) -> [Double] {
        let k = gram.rows
        var frobenius = 0.0
        for v in gram.storage { frobenius += v * v }
        frobenius = frobenius.squareRoot()
        let largestDiagonal = (0..<k).map { gram[$0, $0] }.max() ?? 0
        guard frobenius > 0, largestDiagonal > 0 else { return [Double](repeating: 0, count: k) }
        let kept = (0..<k).filter { gram[$0, $0] > 1e-14 * largestDiagonal }
        let m = kept.count
        var g = [Double](repeating: 0, count: m * m)
        for (r, i) in kept.enumerated() { for (s, j) in kept.enumerated() { g[r * m + s] = gram[i, j] / frobenius } }
        // Start from the solution for orthogonal gradients, 1/√Ĝ_ii.
        var beta = (0..<m).map { 1 / g[$0 * m + $0].squareRoot() }
        func objective(_ b: [Double]) -> Double {
            var s = 0.5 * quadraticForm(g, b, m)
            for v in b { s -= log(v) }
            return s
        }
        var value = objective(beta)
        for _ in 0..<100 {
            var gradient = [Double](repeating: 0, count: m)
            var hessian = g
            for i in 0..<m {
                var row = 0.0
                for j in 0..<m { row += g[i * m + j] * beta[j] }
                gradient[i] = row - 1 / beta[i]
                hessian[i * m + i] += 1 / (beta[i] * beta[i])
            }
            var rhs = gradient.map { -$0 }
            guard let step = solveLinearSystem(&hessian, &rhs, size: m) else { break }
            var decrement = 0.0
            for i in 0..<m { decrement -= gradient[i] * step[i] }
            if !(decrement > 1e-30) { break }
            // Stay inside α > 0, then backtrack (Armijo); near the solution (quadratic convergence) the
            // full step is taken, as rounding would hide the decrease the test looks for.
            var t = 1.0
            for i in 0..<m where step[i] < 0 { t = min(t, -0.99 * beta[i] / step[i]) }
            if decrement < 1e-8 && t == 1 {
                beta = (0..<m).map { beta[$0] + step[$0] }
                value = objective(beta)
                continue
            }
            var accepted = false
            for _ in 0..<60 {
                let candidate = (0..<m).map { beta[$0] + t * step[$0] }
                let v = objective(candidate)
                if v <= value - 0.25 * t * decrement {
                    beta = candidate; value = v; accepted = true
                    break
                }
                t *= 0.5
            }
            if !accepted || !beta.allSatisfy({ $0.isFinite && $0 < 1e150 }) { break }
        }
        var alpha = [Double](repeating: 0, count: k)
        let back = 1 / frobenius.squareRoot()
        for (r, i) in kept.enumerated() where beta[r].isFinite { alpha[i] = beta[r] * back }
        return alpha
    }

    /// Registry entry `nash-mtl` (direction norm clipped to 1, weights recomputed every call).
    public static let registration = RegisteredWeighting(
        NashMTLWeighting.self, aliases: ["nashmtl"],
        summary: "Nash bargaining solution α ⊙ Gα = 1 (proportionally fair improvement), norm clipped to 1",
        paper: "Navon et al., Multi-Task Learning as a Bargaining Game, ICML 2022, arXiv:2202.01017"
    ) { _ in try NashMTLWeighting(configuration: Configuration()) }
}
