import Foundation
import NumericCore

/// Uncertainty weighting: each objective has a learnable log-variance `s_k = log σ_k²`; the joint
/// loss `Σ_k ½e^{−s_k} L_k + ½s_k` weighs noisy objectives down and is minimized in `s` as well.
///
/// Kendall, Gal & Cipolla, "Multi-Task Learning Using Uncertainty to Weigh Losses for Scene
/// Geometry and Semantics", CVPR 2018, arXiv:1705.07115 (eq. 7 with `s = log σ²`). Per call the
/// returned weights are `w_k = ½e^{−s_k}` for the state's `s`; then `s` takes one gradient step
/// on the joint loss, `s_k −= η·(½ − ½e^{−s_k}L_k)` (fixed point `s_k = log L_k`), kept within
/// `[−50, 50]`.
///
/// Scaling: `½e^{−s}` as the paper and LibMTL's `UW` (weights ½ each at the start).
/// - Complexity: O(K).
public struct UncertaintyWeighting: GradientWeighting {
    /// The log-variances' learning rate and starting value.
    public struct Configuration: Codable, Sendable, Equatable {
        /// Step size `η` of the log-variance update (`> 0`).
        public var learningRate: Double
        /// `s_k` before the first call (0 by default; LibMTL 1.1.5 starts at −0.5).
        public var initialLogVariance: Double
        /// - Throws: `OptimizerError.invalidConfiguration` for a non-positive rate or a non-finite start.
        public init(learningRate: Double = 0.01, initialLogVariance: Double = 0) throws {
            guard learningRate > 0, learningRate.isFinite, initialLogVariance.isFinite, abs(initialLogVariance) <= 50 else {
                throw OptimizerError.invalidConfiguration("uncertainty weighting needs a positive learning rate and a start in [−50, 50]; got \(learningRate), \(initialLogVariance)")
            }
            self.learningRate = learningRate
            self.initialLogVariance = initialLogVariance
        }
    }

    /// The learnable log-variances.
    public struct State: Codable, Sendable, Equatable {
        /// `s_k = log σ_k²`.
        public var logVariances: [Double]
    }

    public static let name = "uncertainty"
    public static var requirement: WeightingRequirement { .losses }
    public let configuration: Configuration

    /// Uncertainty weighting with `configuration`.
    public init(configuration: Configuration) { self.configuration = configuration }

    public func initialState(objectives: Int) throws -> State {
        State(logVariances: [Double](repeating: configuration.initialLogVariance, count: objectives))
    }

    public func weights(_ input: WeightingInput, state: inout State, rng: inout SeededGenerator) throws -> [Double] {
        let k = input.objectiveCount
        guard state.logVariances.count == k else {
            throw WeightingError.invalidInput("uncertainty state has \(state.logVariances.count) objectives, input \(k)")
        }
        let w = state.logVariances.map { 0.5 * exp(-$0) }
        for i in 0..<k {
            let gradient = 0.5 - w[i] * input.losses[i]
            state.logVariances[i] = min(50, max(-50, state.logVariances[i] - configuration.learningRate * gradient))
        }
        return w
    }

    /// Registry entry `uncertainty` (alias `uw`).
    public static let registration = RegisteredWeighting(
        UncertaintyWeighting.self, aliases: ["uw", "uncertainty-weighting"],
        summary: "learned homoscedastic-uncertainty weights ½e^{−s}, s = log σ² updated by gradient steps",
        paper: "Kendall, Gal & Cipolla, Multi-Task Learning Using Uncertainty to Weigh Losses, CVPR 2018, arXiv:1705.07115"
    ) { _ in try UncertaintyWeighting(configuration: Configuration()) }
}
