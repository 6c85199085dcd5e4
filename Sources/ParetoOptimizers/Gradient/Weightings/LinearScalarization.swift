import NumericCore

/// Fixed linear scalarization: the weights are the run's preference vector `λ` (scaled to sum to
/// `K`), constant through training — the weighted-sum baseline of multi-objective learning.
///
/// With the harness's `preferences: P`, the `P` trainings follow `P` preference vectors spread over
/// the simplex, so the method traces a front the way a black-box weighted sum would, but with the
/// weights inside one training each.
/// - Complexity: O(K).
public struct LinearScalarization: GradientWeighting {
    /// The preference vector.
    public struct Configuration: Codable, Sendable, Equatable {
        /// Non-negative weights, not all zero.
        public var preference: [Double]
        /// - Throws: `OptimizerError.invalidConfiguration` for a negative, non-finite or all-zero preference.
        public init(preference: [Double]) throws {
            guard !preference.isEmpty, preference.allSatisfy({ $0.isFinite && $0 >= 0 }), preference.contains(where: { $0 > 0 }) else {
                throw OptimizerError.invalidConfiguration("linear scalarization needs non-negative finite weights, not all zero; got \(preference)")
            }
            self.preference = preference
        }
    }
    public typealias State = NoWeightingState

    public static let name = "linear"
    public static var requirement: WeightingRequirement { .losses }
    public let configuration: Configuration

    /// Linear scalarization with `configuration`.
    public init(configuration: Configuration) { self.configuration = configuration }

    public func weights(_ input: WeightingInput, state: inout State, rng: inout SeededGenerator) throws -> [Double] {
        let p = configuration.preference
        guard p.count == input.objectiveCount else {
            throw WeightingError.invalidInput("preference has \(p.count) weights for \(input.objectiveCount) objectives")
        }
        let total = p.reduce(0, +)
        return p.map { $0 / total * Double(p.count) }
    }

    /// Registry entry `linear` (alias `fixed-weights`); one preference per training.
    public static let registration = RegisteredWeighting(
        LinearScalarization.self, aliases: ["fixed-weights", "linear-scalarization"],
        summary: "fixed weights λ on the simplex, one preference per training",
        paper: "linear scalarization baseline (Miettinen, Nonlinear Multiobjective Optimization, 1999, doi:10.1007/978-1-4615-5563-6)",
        usesPreferences: true
    ) { settings in
        try LinearScalarization(configuration: Configuration(
            preference: settings.preference ?? [Double](repeating: 1, count: settings.objectives)))
    }
}
