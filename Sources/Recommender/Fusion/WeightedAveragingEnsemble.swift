import NumericCore

/// A weighted mean of several predictors' predictions, weights `≥ 0` normalized to sum 1.
///
/// Same combination rules as `AveragingEnsemble` (`.probabilities` by default for binary objectives)
/// with weights `w_j / Σ w`. Members with weight 0 are not evaluated. Weights would typically come
/// from validation performance, e.g. inverse error variance (Bates & Granger 1969, "The Combination
/// of Forecasts", OR 20(4):451–468, doi:10.2307/3008764).
public struct WeightedAveragingEnsemble: ScorePredictor {
    /// The fused predictors.
    public let members: [any ScorePredictor]
    /// Normalized weights, one per member, summing to 1.
    public let weights: [Double]
    /// How binary objectives are averaged.
    public let mode: AveragingMode
    /// The objectives predicted (those of every member).
    public let objectives: [ObjectiveSpec]

    /// A weighted ensemble; `weights` are normalized by their sum.
    /// - Throws: `FusionError.noMembers`, `.objectivesMismatch`, or `.invalidWeights` when the count
    ///   differs from the members', a weight is negative or not finite, or all are zero.
    public init(members: [any ScorePredictor], weights: [Double], mode: AveragingMode = .probabilities) throws {
        objectives = try ScoreFusion.commonObjectives(members)
        guard weights.count == members.count else {
            throw FusionError.invalidWeights("\(weights.count) weights for \(members.count) members")
        }
        for (j, w) in weights.enumerated() {
            guard w.isFinite, w >= 0 else { throw FusionError.invalidWeights("weight \(j) is \(w), must be finite and ≥ 0") }
        }
        let total = weights.reduce(0, +)
        guard total > 0, total.isFinite else { throw FusionError.invalidWeights("weights sum to \(total)") }
        self.members = members
        self.weights = weights.map { $0 / total }
        self.mode = mode
    }

    /// The weighted-average raw scores (logits for binary objectives).
    /// - Throws: a member's error, or `FusionError.memberOutputShape`.
    /// - Complexity: the predictions of members with non-zero weight plus O(n·objectives·members).
    public func predictScores(_ table: ExampleTable) throws -> Matrix<Float> {
        let active = weights.indices.filter { weights[$0] > 0 }
        let scores = try ScoreFusion.memberScores(active.map { members[$0] }, table, objectiveCount: objectives.count)
        return ScoreFusion.average(scores, weights: active.map { weights[$0] }, objectives: objectives, mode: mode)
    }
}
