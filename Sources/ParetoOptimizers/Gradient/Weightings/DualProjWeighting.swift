import NumericCore

/// DualProj: the mean gradient projected onto the dual cone of the objectives' gradients — the
/// closest direction to the mean that conflicts with no objective.
///
/// Quinton & Rey, "Jacobian Descent for Multi-Objective Optimization", 2024, arXiv:2406.16232
/// (the aggregator `A_DualProj`, implemented in TorchJD). As weights: `w = argmin_{v ≥ p} vᵀGv` on
/// the trace-normalized, ridge-regularized Gram matrix (``DualConeProjection``), `p` the
/// preference (default `1/K` each).
///
/// Scaling: TorchJD's — the mean's weights `1/K` when the mean conflicts with no gradient; larger
/// (sum above 1) otherwise.
/// - Complexity: one dual-cone QP of size `K` (O(K³) per active-set iteration).
public struct DualProjWeighting: GradientWeighting {
    /// Preference and the Gram matrix preparation of the QP (as ``UPGradWeighting/Configuration``).
    public struct Configuration: Codable, Sendable, Equatable {
        /// The combination to project (length `K`, non-negative); `nil` for the mean `1/K` each.
        public var preference: [Double]?
        /// A Gram matrix whose trace is below this counts as zero (TorchJD's `norm_eps`, there 1e-4; 0 here,
        /// so the result does not depend on the gradients' overall scale).
        public var normalizationFloor: Double
        /// Ridge added to the unit-trace Gram matrix (TorchJD's `reg_eps`).
        public var regularization: Double

        /// - Throws: `OptimizerError.invalidConfiguration` for a negative or non-finite value.
        public init(preference: [Double]?, normalizationFloor: Double = 0, regularization: Double = 1e-4) throws {
            try validateDualConeSettings(method: "DualProj", preference: preference, floor: normalizationFloor, regularization: regularization)
            self.preference = preference
            self.normalizationFloor = normalizationFloor
            self.regularization = regularization
        }

        /// Mean preference, floor 0, TorchJD's ridge `1e-4`.
        public init() { preference = nil; normalizationFloor = 0; regularization = 1e-4 }
    }
    public typealias State = NoWeightingState

    public static let name = "dualproj"
    public let configuration: Configuration

    /// DualProj with `configuration`.
    public init(configuration: Configuration) { self.configuration = configuration }
    /// DualProj with the default configuration (TorchJD's, but scale-free below a trace of 1e-4).
    public init() { self.configuration = Configuration() }

    /// - Throws: `OptimizerError.invalidConfiguration` when the preference's length is not `objectives`.
    public func initialState(objectives: Int) throws -> State {
        if let p = configuration.preference, p.count != objectives {
            throw OptimizerError.invalidConfiguration("DualProj preference has \(p.count) entries for \(objectives) objectives")
        }
        return NoWeightingState()
    }

    public func weights(_ input: WeightingInput, state: inout State, rng: inout SeededGenerator) throws -> [Double] {
        let p = try dualConePreference(configuration.preference, objectives: input.objectiveCount)
        return DualConeProjection(gram: input.gram, normalizationFloor: configuration.normalizationFloor,
                                  regularization: configuration.regularization).project(p)
    }

    /// Registry entry `dualproj`.
    public static let registration = RegisteredWeighting(
        DualProjWeighting.self, aliases: ["dual-proj"], summary: "the mean gradient projected onto the dual cone of the gradients",
        paper: "Quinton & Rey, Jacobian Descent for Multi-Objective Optimization, 2024, arXiv:2406.16232"
    ) { _ in DualProjWeighting() }
}
