import NumericCore

/// Equal weights: the plain sum of the objectives' gradients, `w_k = 1` (LibMTL's `EW`).
///
/// The baseline every multi-task paper compares with.
/// - Complexity: O(K).
public struct EqualWeighting: GradientWeighting {
    /// No settings.
    public struct Configuration: Codable, Sendable, Equatable { public init() {} }
    public typealias State = NoWeightingState

    public static let name = "equal"
    public static var requirement: WeightingRequirement { .losses }
    public let configuration = Configuration()

    /// Equal weights.
    public init() {}

    public func weights(_ input: WeightingInput, state: inout State, rng: inout SeededGenerator) throws -> [Double] {
        [Double](repeating: 1, count: input.objectiveCount)
    }

    /// Registry entry `equal` (alias `ew`).
    public static let registration = RegisteredWeighting(
        EqualWeighting.self, aliases: ["ew", "equal-weights"], summary: "equal weights: the sum of the objectives' gradients",
        paper: "baseline (LibMTL's EW; Lin & Zhang, LibMTL, JMLR 24(209), 2023)"
    ) { _ in EqualWeighting() }
}
