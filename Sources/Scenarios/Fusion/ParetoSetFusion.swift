import Foundation
import NumericCore
import Recommender

/// Model fusion on a method's result (issue 5): the trained models of a Pareto set fused into one
/// predictor — the weighted average of the members' predictions (`WeightedAveragingEnsemble`,
/// probabilities averaged for binary objectives) — with member weights chosen by a preference
/// vector over the objectives.
///
/// Member weights are a softmax of preference-weighted *validation* metrics:
/// `s_j = Σ_k p_k · v_jk` (natural units, larger is better) and
/// `w_j = exp((s_j − max_i s_i) / T) / Σ_i exp((s_i − max_i s_i) / T)`, with temperature `T` in metric
/// units (default 0.01 AUC: a member 0.01 worse on the preferred blend gets `1/e` of the best
/// member's weight). `T → 0` selects the best member for the preference, `T → ∞` gives the plain
/// mean. Only validation metrics choose the weights; the fused model is then measured on the test
/// split, so its point is comparable with the front's test points.
///
/// This is prediction-level fusion (a mixture of the Pareto set's models, in the spirit of forecast
/// combination, Bates & Granger 1969, doi:10.2307/3008764), not parameter averaging.
public struct ParetoSetFusion: Sendable {
    /// Preference over the objectives, normalized to sum 1 (non-negative).
    public let preference: [Double]
    /// Softmax temperature in metric units (> 0).
    public let temperature: Double
    /// How binary objectives are averaged.
    public let mode: AveragingMode

    /// The preferences every run is fused with: favour the first objective, balanced, favour the second.
    public static let standardPreferences: [[Double]] = [[0.75, 0.25], [0.5, 0.5], [0.25, 0.75]]

    /// The standard preferences for `objectives` objectives: ``standardPreferences`` for two; for
    /// three or more, favour the first (½ on it, the rest shared), balanced, then favour each other
    /// objective in turn.
    public static func standardPreferences(objectives: Int) -> [[Double]] {
        guard objectives > 2 else { return standardPreferences }
        let rest = 0.5 / Double(objectives - 1)
        func favour(_ i: Int) -> [Double] { (0..<objectives).map { $0 == i ? 0.5 : rest } }
        return [favour(0), [Double](repeating: 1 / Double(objectives), count: objectives)] + (1..<objectives).map(favour)
    }

    /// - Throws: `FusionError.invalidParameter` for a negative, non-finite or all-zero preference, or a
    ///   temperature that is not positive and finite.
    public init(preference: [Double], temperature: Double = 0.01, mode: AveragingMode = .probabilities) throws {
        let total = preference.reduce(0, +)
        guard preference.allSatisfy({ $0.isFinite && $0 >= 0 }), total > 0, total.isFinite else {
            throw FusionError.invalidParameter("preference \(preference) must be finite, ≥ 0 and not all zero")
        }
        guard temperature > 0, temperature.isFinite else {
            throw FusionError.invalidParameter("temperature \(temperature) must be positive and finite")
        }
        self.preference = preference.map { $0 / total }
        self.temperature = temperature
        self.mode = mode
    }

    /// The members' weights (summing to 1) from their validation metrics, one row per member.
    /// - Throws: `FusionError.invalidWeights` when a row's length differs from the preference's.
    /// - Complexity: O(members · objectives).
    public func memberWeights(validation: [[Double]]) throws -> [Double] {
        guard !validation.isEmpty else { throw FusionError.noMembers }
        var scores: [Double] = []
        for (j, row) in validation.enumerated() {
            guard row.count == preference.count else {
                throw FusionError.invalidWeights("member \(j) has \(row.count) metrics, the preference \(preference.count)")
            }
            scores.append(zip(row, preference).reduce(0) { $0 + $1.0 * $1.1 })
        }
        let top = scores.filter(\.isFinite).max() ?? 0
        let raw = scores.map { $0.isFinite ? exp(($0 - top) / temperature) : 0 }
        let total = raw.reduce(0, +)
        guard total > 0 else { throw FusionError.invalidWeights("no member has finite validation metrics") }
        return raw.map { $0 / total }
    }

    /// The fused predictor of `models` (the Pareto set) with weights from their `validation` metrics.
    /// - Throws: `FusionError` (no members, count mismatch, objectives differ).
    public func fuse(models: [any ScorePredictor], validation: [[Double]]) throws -> WeightedAveragingEnsemble {
        guard models.count == validation.count else {
            throw FusionError.invalidWeights("\(models.count) models but \(validation.count) validation rows")
        }
        return try WeightedAveragingEnsemble(members: models, weights: try memberWeights(validation: validation), mode: mode)
    }

    /// Fuses and measures the fused model on `test` with the scenario's metrics.
    /// - Throws: `FusionError`, or metric errors (a split with one class).
    /// - Complexity: one prediction pass of every member with non-zero weight over `test`.
    public func evaluate(models: [any ScorePredictor], validation: [[Double]], objectives: ScenarioObjectives,
                         on test: ExampleTable) throws -> FusedPoint {
        let ensemble = try fuse(models: models, validation: validation)
        return FusedPoint(preference: preference, weights: ensemble.weights,
                          test: try objectives.measure(ensemble, on: test))
    }
}

/// A fused model's point: its preference, its members' weights and its test metrics (natural units).
public struct FusedPoint: Sendable, Equatable {
    /// The preference it was fused for (sums to 1).
    public var preference: [Double]
    /// The members' normalized weights, in front order.
    public var weights: [Double]
    /// Test metrics of the fused model, natural units.
    public var test: [Double]

    public init(preference: [Double], weights: [Double], test: [Double]) {
        self.preference = preference
        self.weights = weights
        self.test = test
    }
}
