import NumericCore

/// UPGrad: every objective's gradient projected onto the dual cone of all gradients, the
/// projections averaged — a direction that conflicts with no objective (`∇L_iᵀd ≥ 0` for all `i`).
///
/// Quinton & Rey, "Jacobian Descent for Multi-Objective Optimization", 2024, arXiv:2406.16232
/// (the aggregator `A_UPGrad`, implemented in TorchJD). As weights: `w = Σ_i v⁽ⁱ⁾` with
/// `v⁽ⁱ⁾ = argmin_{v ≥ p_i e_i} vᵀGv` on the trace-normalized, ridge-regularized Gram matrix
/// (``DualConeProjection``), `p` the preference (default `1/K` each).
///
/// Scaling: TorchJD's — with `p = 1/K` the weights are the mean's (`1/K` each) when no gradients
/// conflict and sum to at least 1 otherwise.
/// - Complexity: `K` dual-cone QPs of size `K` (each O(K³) per active-set iteration).
public struct UPGradWeighting: GradientWeighting {
    /// Preference and the Gram matrix preparation of the QPs.
    public struct Configuration: Codable, Sendable, Equatable {
        /// Weights of the projected gradients (length `K`, non-negative); `nil` for `1/K` each.
        public var preference: [Double]?
        /// A Gram matrix whose trace is below this counts as zero (TorchJD's `norm_eps`, there 1e-4; 0 here,
        /// so the result does not depend on the gradients' overall scale).
        public var normalizationFloor: Double
        /// Ridge added to the unit-trace Gram matrix (TorchJD's `reg_eps`).
        public var regularization: Double

        /// - Throws: `OptimizerError.invalidConfiguration` for a negative or non-finite value.
        public init(preference: [Double]?, normalizationFloor: Double = 0, regularization: Double = 1e-4) throws {
            try validateDualConeSettings(method: "UPGrad", preference: preference, floor: normalizationFloor, regularization: regularization)
            self.preference = preference
            self.normalizationFloor = normalizationFloor
            self.regularization = regularization
        }

        /// Mean preference, floor 0, TorchJD's ridge `1e-4`.
        public init() { preference = nil; normalizationFloor = 0; regularization = 1e-4 }
    }
    public typealias State = NoWeightingState

    public static let name = "upgrad"
    public let configuration: Configuration

    /// UPGrad with `configuration`.
    public init(configuration: Configuration) { self.configuration = configuration }
    /// UPGrad with the default configuration (TorchJD's, but scale-free below a trace of 1e-4).
    public init() { self.configuration = Configuration() }

    /// - Throws: `OptimizerError.invalidConfiguration` when the preference's length is not `objectives`.
    public func initialState(objectives: Int) throws -> State {
        if let p = configuration.preference, p.count != objectives {
            throw OptimizerError.invalidConfiguration("UPGrad preference has \(p.count) entries for \(objectives) objectives")
        }
        return NoWeightingState()
    }

    public func weights(_ input: WeightingInput, state: inout State, rng: inout SeededGenerator) throws -> [Double] {
        let k = input.objectiveCount
        let p = try dualConePreference(configuration.preference, objectives: k)
        let projection = DualConeProjection(gram: input.gram, normalizationFloor: configuration.normalizationFloor,
                                            regularization: configuration.regularization)
        var w = [Double](repeating: 0, count: k)
        for i in 0..<k where p[i] > 0 {
            var u = [Double](repeating: 0, count: k)
            u[i] = p[i]
            let v = projection.project(u)
            for j in 0..<k { w[j] += v[j] }
        }
        return w
    }

    /// Registry entry `upgrad`.
    public static let registration = RegisteredWeighting(
        UPGradWeighting.self, summary: "average of each gradient's projection onto the dual cone of all gradients (never conflicts)",
        paper: "Quinton & Rey, Jacobian Descent for Multi-Objective Optimization, 2024, arXiv:2406.16232"
    ) { _ in UPGradWeighting() }
}

/// Checks the settings shared by UPGrad and DualProj.
func validateDualConeSettings(method: String, preference: [Double]?, floor: Double, regularization: Double) throws {
    guard floor >= 0, floor.isFinite, regularization >= 0, regularization.isFinite else {
        throw OptimizerError.invalidConfiguration("\(method) needs a finite normalization floor and regularization ≥ 0; got \(floor), \(regularization)")
    }
    if let preference {
        guard !preference.isEmpty, preference.allSatisfy({ $0 >= 0 && $0.isFinite }), preference.contains(where: { $0 > 0 }) else {
            throw OptimizerError.invalidConfiguration("\(method) preference must be finite, ≥ 0 and not all zero; got \(preference)")
        }
    }
}

/// The preference of a dual-cone method for `objectives` objectives (`1/K` each by default).
func dualConePreference(_ preference: [Double]?, objectives k: Int) throws -> [Double] {
    guard let preference else { return [Double](repeating: 1 / Double(k), count: k) }
    guard preference.count == k else {
        throw WeightingError.invalidInput("preference has \(preference.count) entries for \(k) objectives")
    }
    return preference
}
