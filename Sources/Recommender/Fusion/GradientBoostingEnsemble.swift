import NumericCore

/// A stage-wise additive model: the score is `F(x) = Σ_s ν·f_s(x)` over the stages' raw scores.
///
/// For a binary objective `F` is a logit and the probability is `σ(F)`; for a continuous objective
/// it is the value. Built by `Boosting.fit`, where each stage was trained on top of the previous
/// stages' sum as its base margin (gradient boosting, Friedman 2001).
public struct GradientBoostingEnsemble: ScorePredictor {
    /// The fitted stages, in order; each predicts its own increment `f_s`.
    public let stages: [any ScorePredictor]
    /// The shrinkage (learning rate) `ν` applied to every stage.
    public let shrinkage: Float
    /// The objectives predicted.
    public let objectives: [ObjectiveSpec]

    /// An additive ensemble of `stages` with shrinkage `ν`.
    /// - Throws: `FusionError.noMembers`, `.objectivesMismatch`, or `.invalidParameter` when `ν` is
    ///   not in `(0, 1]`.
    public init(stages: [any ScorePredictor], shrinkage: Float) throws {
        guard shrinkage > 0, shrinkage <= 1 else {
            throw FusionError.invalidParameter("shrinkage \(shrinkage) not in (0, 1]")
        }
        objectives = try ScoreFusion.commonObjectives(stages)
        self.stages = stages
        self.shrinkage = shrinkage
    }

    /// `Σ_s ν·f_s(x)`, accumulated in `Float` in stage order starting from 0 (the same arithmetic as
    /// the margins seen in training, so a training-set prediction reproduces them bit for bit).
    /// - Throws: a stage's error, or `FusionError.memberOutputShape`.
    /// - Complexity: the stages' predictions plus O(n·objectives·stages).
    public func predictScores(_ table: ExampleTable) throws -> Matrix<Float> {
        var total = Matrix<Float>(rows: table.count, columns: objectives.count)
        for (s, stage) in stages.enumerated() {
            try Self.accumulate(stage, stageIndex: s, on: table, shrinkage: shrinkage, into: &total)
        }
        return total
    }

    /// The ensemble of the first `count` stages (for early stopping or per-stage curves).
    /// - Throws: `FusionError.invalidParameter` unless `1 ≤ count ≤ stages.count`.
    public func prefix(_ count: Int) throws -> GradientBoostingEnsemble {
        guard count >= 1, count <= stages.count else {
            throw FusionError.invalidParameter("prefix of \(count) stages of \(stages.count)")
        }
        return try GradientBoostingEnsemble(stages: Array(stages.prefix(count)), shrinkage: shrinkage)
    }

    /// `total += ν·stage(table)`, shape-checked.
    static func accumulate(_ stage: any ScorePredictor, stageIndex: Int, on table: ExampleTable,
                           shrinkage: Float, into total: inout Matrix<Float>) throws {
        let f = try stage.predictScores(table)
        guard f.rows == total.rows, f.columns == total.columns else {
            throw FusionError.memberOutputShape(member: stageIndex, rows: f.rows, columns: f.columns,
                                                expectedRows: total.rows, expectedColumns: total.columns)
        }
        f.withUnsafeBufferPointer { src in
            total.withUnsafeMutableBufferPointer { dst in
                for i in 0..<dst.count { dst[i] += shrinkage * src[i] }
            }
        }
    }
}
