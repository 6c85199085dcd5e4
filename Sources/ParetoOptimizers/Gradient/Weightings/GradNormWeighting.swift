import Foundation
import NumericCore

/// GradNorm: learnable loss weights trained so that every objective's weighted gradient norm tracks
/// the mean norm times its relative inverse training rate, `(L̃_i / mean L̃)^α`.
///
/// Chen, Badrinarayanan, Lee & Rabinovich, "GradNorm: Gradient Normalization for Adaptive Loss
/// Balancing in Deep Multitask Networks", ICML 2018, arXiv:1711.02257. Per call, with the weights
/// `w` of the state (all 1 at the start), `n_i = √G_ii` (the gradient norm at the shared
/// parameters, the paper's `W`), `L̃_i = L_i/L_i(0)` (`L(0)` the first call's losses) and
/// `r_i = L̃_i / mean(L̃)`:
/// the returned weights are `w`; then `L_grad = Σ_i |w_i n_i − Ḡ r_i^α|` with `Ḡ = mean_k w_k n_k`
/// held constant (as in the paper) takes one gradient step, `w_i −= η·sign(w_i n_i − Ḡ r_i^α)·n_i`,
/// the weights are kept above `1e-8` and renormalized to `Σ w = K` for the next call.
///
/// Scaling: `Σ w = K`, as in the paper (LibMTL parametrizes `w = K·softmax`, same sum).
/// - Complexity: O(K).
public struct GradNormWeighting: GradientWeighting {
    /// The asymmetry `α` and the weights' learning rate.
    public struct Configuration: Codable, Sendable, Equatable {
        /// Strength of the pull toward equal training rates (`α ≥ 0`; 1.5 by default).
        public var alpha: Double
        /// Step size `η` of the weights' gradient step (`> 0`).
        public var learningRate: Double
        /// - Throws: `OptimizerError.invalidConfiguration` for a negative `α` or a non-positive rate.
        public init(alpha: Double = 1.5, learningRate: Double = 0.025) throws {
            guard alpha >= 0, alpha.isFinite else { throw OptimizerError.invalidConfiguration("GradNorm needs α ≥ 0, got \(alpha)") }
            guard learningRate > 0, learningRate.isFinite else {
                throw OptimizerError.invalidConfiguration("GradNorm needs a positive learning rate, got \(learningRate)")
            }
            self.alpha = alpha
            self.learningRate = learningRate
        }
    }

    /// The learnable weights and the initial losses.
    public struct State: Codable, Sendable, Equatable {
        /// Current weights (sum `K`).
        public var weights: [Double]
        /// The first call's losses `L(0)`, or `nil` before it.
        public var initialLosses: [Double]?
    }

    public static let name = "gradnorm"
    public let configuration: Configuration

    /// GradNorm with `configuration`.
    public init(configuration: Configuration) { self.configuration = configuration }

    public func initialState(objectives: Int) throws -> State {
        guard objectives >= 1 else { throw OptimizerError.invalidConfiguration("GradNorm needs at least one objective") }
        return State(weights: [Double](repeating: 1, count: objectives), initialLosses: nil)
    }

    public func weights(_ input: WeightingInput, state: inout State, rng: inout SeededGenerator) throws -> [Double] {
        let k = input.objectiveCount
        guard state.weights.count == k else {
            throw WeightingError.invalidInput("GradNorm state has \(state.weights.count) weights for \(k) objectives")
        }
        if state.initialLosses == nil { state.initialLosses = input.losses }
        let l0 = state.initialLosses ?? input.losses
        let w = state.weights
        let norms = (0..<k).map { max(0, input.gram[$0, $0]).squareRoot() }
        let ratios = (0..<k).map { i -> Double in l0[i] > 0 ? max(0, input.losses[i]) / l0[i] : 1 }
        let meanRatio = ratios.reduce(0, +) / Double(k)
        let relative = ratios.map { meanRatio > 0 ? $0 / meanRatio : 1 }
        let meanNorm = (0..<k).reduce(0.0) { $0 + w[$1] * norms[$1] } / Double(k)
        var next = w
        for i in 0..<k {
            let target = meanNorm * pow(relative[i], configuration.alpha)
            let difference = w[i] * norms[i] - target
            let sign: Double = difference > 0 ? 1 : (difference < 0 ? -1 : 0)
            next[i] = max(1e-8, w[i] - configuration.learningRate * sign * norms[i])
        }
        let total = next.reduce(0, +)
        state.weights = next.map { $0 * Double(k) / total }
        return w
    }

    /// Registry entry `gradnorm` (α = 1.5).
    public static let registration = RegisteredWeighting(
        GradNormWeighting.self, aliases: ["grad-norm"],
        summary: "learned weights that equalize weighted gradient norms scaled by training rates (α = 1.5)",
        paper: "Chen, Badrinarayanan, Lee & Rabinovich, GradNorm, ICML 2018, arXiv:1711.02257"
    ) { _ in try GradNormWeighting(configuration: Configuration()) }
}
