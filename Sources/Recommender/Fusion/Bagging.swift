import NumericCore

/// Bootstrap aggregating: members trained on bootstrap samples of the training table, fused by
/// averaging (Breiman 1996, "Bagging predictors", Machine Learning 24(2):123–140,
/// doi:10.1007/BF00058655). It reduces the variance of an unstable learner.
public enum Bagging {
    /// Trains `members` models, model `j` on a bootstrap sample (n draws with replacement from the n
    /// rows, via `ExampleTable.subset`), and returns their `AveragingEnsemble`.
    ///
    /// Randomness: from `SeededGenerator(seed:)`, sample `j` uses the stream `split("bootstrap").split(j)`
    /// and member `j` is fitted with seed `split("member").split(j).next()`; the same seed gives the
    /// same ensemble bit for bit.
    /// - Parameters:
    ///   - learner: The base learner (called with `baseMargin: nil`).
    ///   - train: The training table, non-empty.
    ///   - members: Number of bootstrap models, `≥ 1`.
    ///   - seed: Root seed.
    ///   - mode: How the ensemble averages binary objectives.
    /// - Throws: `FusionError.invalidParameter` for an empty table or `members < 1`, the learner's
    ///   errors, or `FusionError.objectivesMismatch` when the fitted models disagree.
    /// - Complexity: `members` fits on n rows each, plus O(members·n·row width) to gather samples.
    public static func fit(learner: some FusionBaseLearner, train: ExampleTable, members: Int, seed: UInt64,
                           mode: AveragingMode = .probabilities) throws -> AveragingEnsemble {
        guard members >= 1 else { throw FusionError.invalidParameter("bagging needs ≥ 1 member, got \(members)") }
        guard train.count > 0 else { throw FusionError.invalidParameter("bagging needs a non-empty training table") }
        let root = SeededGenerator(seed: seed)
        var fitted = [any ScorePredictor]()
        for j in 0..<members {
            var draw = root.split("bootstrap").split(j)
            let sample = bootstrapIndices(count: train.count, using: &draw)
            var seeds = root.split("member").split(j)
            fitted.append(try learner.fit(train.subset(sample), baseMargin: nil, seed: seeds.next()))
        }
        return try AveragingEnsemble(members: fitted, mode: mode)
    }

    /// `count` indices drawn uniformly with replacement from `0..<count`. - Complexity: O(count).
    public static func bootstrapIndices(count: Int, using generator: inout SeededGenerator) -> [Int] {
        (0..<count).map { _ in generator.nextInt(below: count) }
    }
}
