import NumericCore

/// The mean of several predictors' predictions: the simplest model fusion.
///
/// For a binary objective the default (`.probabilities`) averages the members' probabilities and
/// reports the logit of the mean; `.logits` averages the logits instead. Continuous objectives are
/// averaged as values. When members' errors are independent, averaging M of them divides the
/// variance part of the error by M (Perrone & Cooper 1993, "When networks disagree", in Neural
/// Networks for Speech and Image Processing; Dietterich 2000, MCS, doi:10.1007/3-540-45014-9_1).
public struct AveragingEnsemble: ScorePredictor {
    /// The fused predictors, all predicting `objectives`.
    public let members: [any ScorePredictor]
    /// How binary objectives are averaged.
    public let mode: AveragingMode
    /// The objectives predicted (those of every member).
    public let objectives: [ObjectiveSpec]

    /// An equal-weight ensemble.
    /// - Throws: `FusionError.noMembers`, or `.objectivesMismatch` when members predict different objectives.
    public init(members: [any ScorePredictor], mode: AveragingMode = .probabilities) throws {
        objectives = try ScoreFusion.commonObjectives(members)
        self.members = members
        self.mode = mode
    }

    /// The averaged raw scores (logits for binary objectives).
    /// - Throws: a member's error, or `FusionError.memberOutputShape`.
    /// - Complexity: the members' predictions plus O(n·objectives·members).
    public func predictScores(_ table: ExampleTable) throws -> Matrix<Float> {
        let scores = try ScoreFusion.memberScores(members, table, objectiveCount: objectives.count)
        let w = [Double](repeating: 1 / Double(members.count), count: members.count)
        return ScoreFusion.average(scores, weights: w, objectives: objectives, mode: mode)
    }
}
