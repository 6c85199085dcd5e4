import NumericCore

/// Gradient boosting with base margins: stages fitted one after another, each on top of the
/// previous stages' accumulated scores (Friedman 2001, "Greedy function approximation: a gradient
/// boosting machine", Ann. Statist. 29(5):1189–1232, doi:10.1214/aos/1013203451).
public enum Boosting {
    /// Fits `stages` models stage-wise and returns their `GradientBoostingEnsemble`.
    ///
    /// With `F_0 = 0`: stage `s = 1…S` is fitted by `learner.fit(train, baseMargin: F_{s−1}, …)` — i.e.
    /// it minimizes its loss of `F_{s−1}(x) + f_s(x)` (logits for binary objectives, values for
    /// continuous ones, so for squared error it fits the residual `y − F_{s−1}`), then
    /// `F_s = F_{s−1} + ν·f_s`. The ensemble scores `F_S(x) = Σ_s ν·f_s(x)`. The first stage is passed
    /// `baseMargin: nil` (zero). Stage `s` gets seed `SeededGenerator(seed:).split("stage").split(s).next()`.
    /// - Parameters:
    ///   - learner: The base learner; must honour `baseMargin`.
    ///   - train: The training table, non-empty.
    ///   - stages: Number of stages, `≥ 1`.
    ///   - shrinkage: `ν ∈ (0, 1]`; smaller values need more stages and generalize better (Friedman 2001 §5).
    ///   - seed: Root seed.
    /// - Throws: `FusionError.invalidParameter` for bad arguments, the learner's errors, or
    ///   `FusionError.objectivesMismatch` / `.memberOutputShape` for an inconsistent stage.
    /// - Complexity: `stages` fits plus `stages` predictions on the training table.
    public static func fit(learner: some FusionBaseLearner, train: ExampleTable, stages: Int, shrinkage: Float,
                           seed: UInt64) throws -> GradientBoostingEnsemble {
        guard stages >= 1 else { throw FusionError.invalidParameter("boosting needs ≥ 1 stage, got \(stages)") }
        guard train.count > 0 else { throw FusionError.invalidParameter("boosting needs a non-empty training table") }
        guard shrinkage > 0, shrinkage <= 1 else { throw FusionError.invalidParameter("shrinkage \(shrinkage) not in (0, 1]") }
        let root = SeededGenerator(seed: seed).split("stage")
        var margin = Matrix<Float>(rows: train.count, columns: train.layout.objectiveCount)
        var fitted = [any ScorePredictor]()
        for s in 0..<stages {
            var g = root.split(s)
            let stage = try learner.fit(train, baseMargin: s == 0 ? nil : margin, seed: g.next())
            guard stage.objectives == train.layout.objectives else {
                throw FusionError.objectivesMismatch(member: s)
            }
            try GradientBoostingEnsemble.accumulate(stage, stageIndex: s, on: train, shrinkage: shrinkage, into: &margin)
            fitted.append(stage)
        }
        return try GradientBoostingEnsemble(stages: fitted, shrinkage: shrinkage)
    }
}
