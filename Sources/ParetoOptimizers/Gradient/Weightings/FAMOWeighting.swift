import Foundation
import NumericCore

/// FAMO (fast adaptive multitask optimization): weights that equalize the objectives' *rates* of
/// loss decrease, learned from the change of the log-losses without any per-objective gradient.
///
/// Liu, Liu, Jiang, Stone & Liu, "FAMO: Fast Adaptive Multitask Optimization", NeurIPS 2023,
/// arXiv:2306.03792. The state holds logits `ξ` (0 at the start) and Adam moments. Per call with
/// losses `L`: if a previous call's losses `L⁻` exist, `δ = log L⁻ − log L` updates the logits by
/// one Adam step on the gradient `J_softmax(ξ)ᵀδ = z ⊙ (δ − zᵀδ)` plus weight decay `γξ` (the
/// authors' `update`; here the loss change between consecutive calls, i.e. consecutive batches).
/// Then `z = softmax(ξ)` and the weights are `w_i = (z_i/L_i) / Σ_j z_j/L_j` — the gradient of the
/// authors' loss `Σ z_i log L_i / c`. Losses are shifted by `1e-8` as in their code.
///
/// Scaling: `Σ w = 1`, as the authors' code.
/// - Complexity: O(K).
public struct FAMOWeighting: GradientWeighting {
    /// Adam settings of the logits.
    public struct Configuration: Codable, Sendable, Equatable {
        /// Adam step size of the logits (authors: 0.025).
        public var learningRate: Double
        /// Weight decay `γ` of the logits (authors: 0.01).
        public var decay: Double
        /// - Throws: `OptimizerError.invalidConfiguration` for a non-positive rate or a negative decay.
        public init(learningRate: Double = 0.025, decay: Double = 0.01) throws {
            guard learningRate > 0, learningRate.isFinite, decay >= 0, decay.isFinite else {
                throw OptimizerError.invalidConfiguration("FAMO needs a positive learning rate and a decay ≥ 0; got \(learningRate), \(decay)")
            }
            self.learningRate = learningRate
            self.decay = decay
        }
    }

    /// Logits, Adam moments and the previous losses.
    public struct State: Codable, Sendable, Equatable {
        /// `ξ`.
        public var logits: [Double]
        /// Adam's first and second moments.
        public var firstMoment: [Double], secondMoment: [Double]
        /// Adam steps taken.
        public var steps: Int
        /// The previous call's losses.
        public var previousLosses: [Double]?
    }

    public static let name = "famo"
    public static var requirement: WeightingRequirement { .losses }
    public let configuration: Configuration

    /// FAMO with `configuration`.
    public init(configuration: Configuration) { self.configuration = configuration }

    public func initialState(objectives: Int) throws -> State {
        let zeros = [Double](repeating: 0, count: objectives)
        return State(logits: zeros, firstMoment: zeros, secondMoment: zeros, steps: 0, previousLosses: nil)
    }

    static func softmax(_ x: [Double]) -> [Double] {
        let top = x.max() ?? 0
        let e = x.map { exp($0 - top) }
        let total = e.reduce(0, +)
        return e.map { $0 / total }
    }

    public func weights(_ input: WeightingInput, state: inout State, rng: inout SeededGenerator) throws -> [Double] {
        let k = input.objectiveCount
        guard state.logits.count == k else { throw WeightingError.invalidInput("FAMO state has \(state.logits.count) objectives, input \(k)") }
        let shifted = input.losses.map { max($0 + 1e-8, 1e-300) }
        if let previous = state.previousLosses, previous.count == k {
            let z = Self.softmax(state.logits)
            let delta = (0..<k).map { log(max(previous[$0] + 1e-8, 1e-300)) - log(shifted[$0]) }
            let mean = (0..<k).reduce(0.0) { $0 + z[$1] * delta[$1] }
            let (beta1, beta2, epsilon) = (0.9, 0.999, 1e-8)
            state.steps += 1
            let t = Double(state.steps)
            for i in 0..<k {
                let g = z[i] * (delta[i] - mean) + configuration.decay * state.logits[i]
                state.firstMoment[i] = beta1 * state.firstMoment[i] + (1 - beta1) * g
                state.secondMoment[i] = beta2 * state.secondMoment[i] + (1 - beta2) * g * g
                let mHat = state.firstMoment[i] / (1 - pow(beta1, t))
                let vHat = state.secondMoment[i] / (1 - pow(beta2, t))
                state.logits[i] -= configuration.learningRate * mHat / (vHat.squareRoot() + epsilon)
            }
        }
        state.previousLosses = input.losses
        let z = Self.softmax(state.logits)
        let c = (0..<k).reduce(0.0) { $0 + z[$1] / shifted[$1] }
        return (0..<k).map { z[$0] / shifted[$0] / c }
    }

    /// Registry entry `famo`.
    public static let registration = RegisteredWeighting(
        FAMOWeighting.self, summary: "logits learned from the change of log-losses; weights z_i/L_i normalized",
        paper: "Liu, Liu, Jiang, Stone & Liu, FAMO: Fast Adaptive Multitask Optimization, NeurIPS 2023, arXiv:2306.03792"
    ) { _ in try FAMOWeighting(configuration: Configuration()) }
}
