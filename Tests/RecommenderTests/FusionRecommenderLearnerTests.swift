import NumericCore
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
@testable import Recommender

/// Wraps a learner and records every table and margin it is fitted on.
final class RecordingRecommenderLearner: FusionBaseLearner {
    let inner: RecommenderBaseLearner
    var tables: [ExampleTable] = []
    var margins: [Matrix<Float>?] = []
    var seeds: [UInt64] = []
    init(_ inner: RecommenderBaseLearner) { self.inner = inner }

    func fit(_ train: ExampleTable, baseMargin: Matrix<Float>?, seed: UInt64) throws -> any ScorePredictor {
        tables.append(train)
        margins.append(baseMargin)
        seeds.append(seed)
        return try inner.fit(train, baseMargin: baseMargin, seed: seed)
    }
}

@Suite struct FusionRecommenderLearnerTests {
    func table(count: Int, seed: UInt64 = 0) -> ExampleTable {
        let task = SyntheticLinearTask(features: 4, signal: 2, watchNoise: 0.3, seed: seed)
        var g = SeededGenerator(seed: seed).split("data")
        return task.table(count: count, generator: &g)
    }

    func learner(epochs: Int = 2, batchSize: Int = 64, optimizer: OptimizerConfiguration = .adam(learningRate: 0.01),
                 weights: [Float] = [1, 1]) throws -> RecommenderBaseLearner {
        try RecommenderBaseLearner(configuration: .twoTower(userWidths: [6], itemWidths: [6], embeddingDimension: 2),
                                   weights: weights, epochs: epochs, batchSize: batchSize, optimizer: optimizer)
    }

    @Test func baggingMembersTrainOnDistinctBootstrapSamplesOfTheTrainingRows() throws {
        let train = table(count: 400)
        let recording = RecordingRecommenderLearner(try learner())
        let ensemble = try Bagging.fit(learner: recording, train: train, members: 3, seed: 11)
        #expect(recording.tables.count == 3 && ensemble.members.count == 3)
        // Item keys are unique per row, so a sample's item keys name the rows it drew.
        let rowOfKey = Dictionary(uniqueKeysWithValues: train.itemKeys.enumerated().map { ($1, $0) })
        var samples: [[Int]] = []
        for sample in recording.tables {
            #expect(sample.count == train.count)
            let rows = sample.itemKeys.compactMap { rowOfKey[$0] }
            #expect(rows.count == sample.count, "every sampled row is a training row")
            // Each sampled example carries its training row's features and labels.
            #expect(sample == train.subset(rows))
            // With replacement: about 1 − 1/e ≈ 63.2 % distinct rows (binomial sd ≈ 1.6 % at n = 400).
            let distinct = Double(Set(rows).count) / Double(train.count)
            #expect(distinct > 0.56 && distinct < 0.71, "distinct fraction \(distinct)")
            samples.append(rows)
        }
        #expect(samples[0] != samples[1] && samples[1] != samples[2] && samples[0] != samples[2])
        #expect(Set(recording.seeds).count == 3, "each member gets its own seed")
        #expect(recording.margins.allSatisfy { $0 == nil })
        // The members are different models.
        let models = ensemble.members.compactMap { $0 as? MultiObjectiveModel }
        #expect(models.count == 3 && models[0].parameters != models[1].parameters)
    }

    @Test func baggingGivesTheSameBitsForTheSameSeedAndOthersForAnother() throws {
        let train = table(count: 300)
        let l = try learner()
        func parameters(_ seed: UInt64) throws -> [ModelParameters] {
            try Bagging.fit(learner: l, train: train, members: 2, seed: seed).members.map { ($0 as! MultiObjectiveModel).parameters }
        }
        let a = try parameters(5), b = try parameters(5), c = try parameters(6)
        #expect(a == b)
        #expect(a != c)
        let test = table(count: 200, seed: 9)
        let p1 = try Bagging.fit(learner: l, train: train, members: 2, seed: 5).predictScores(test)
        let p2 = try Bagging.fit(learner: l, train: train, members: 2, seed: 5).predictScores(test)
        #expect(p1 == p2)
    }

    /// One plain-SGD step on one batch, so a head bias moves by exactly `−lr · λ_k · mean_n ℓ'_k(F_nk + s_nk)`:
    /// the second boosting stage's bias is checked against that expression computed by hand from the first
    /// stage's margin (logistic residual `σ(F + s) − y` for the click, squared-error residual `2(F + s − y)`
    /// for the watch time).
    @Test func boostingSecondStageIsFittedToTheResidualOfTheFirst() throws {
        let train = table(count: 6)
        let lr: Float = 0.1, nu: Float = 0.5, lambda: [Float] = [0.7, 0.3]
        let inner = try learner(epochs: 1, batchSize: 8, optimizer: .sgd(learningRate: lr, momentum: 0), weights: lambda)
        let recording = RecordingRecommenderLearner(inner)
        let boosted = try Boosting.fit(learner: recording, train: train, stages: 2, shrinkage: nu, seed: 3)
        #expect(recording.margins.count == 2 && recording.margins[0] == nil)
        let f1 = try boosted.stages[0].predictScores(train)
        let margin = try #require(recording.margins[1])
        for i in 0..<train.count { for k in 0..<2 { #expect(margin[i, k] == nu * f1[i, k]) } }

        // Stage 2 starts from the learner's model for its seed; its initial scores s and the margin F give the step.
        let start = try inner.untrainedModel(layout: train.layout, seed: recording.seeds[1])
        let s = try start.predictScores(train)
        let n = Double(train.count)
        var expected = [Double](repeating: 0, count: 2), withoutMargin = [Double](repeating: 0, count: 2)
        for i in 0..<train.count {
            let y0 = Double(train.labels[i * 2]), y1 = Double(train.labels[i * 2 + 1])
            let z0 = Double(margin[i, 0]) + Double(s[i, 0]), z1 = Double(margin[i, 1]) + Double(s[i, 1])
            expected[0] += (1 / (1 + exp(-z0)) - y0) / n
            expected[1] += 2 * (z1 - y1) / n
            withoutMargin[0] += (1 / (1 + exp(-Double(s[i, 0]))) - y0) / n
            withoutMargin[1] += 2 * (Double(s[i, 1]) - y1) / n
        }
        let stage2 = try #require(boosted.stages[1] as? MultiObjectiveModel)
        let bias = Array(stage2.parameters.dense.suffix(2)), startBias = Array(start.parameters.dense.suffix(2))
        #expect(startBias == [0, 0])
        for k in 0..<2 {
            let want = -Double(lr) * Double(lambda[k]) * expected[k]
            #expect(abs(Double(bias[k]) - want) < 1e-6, "objective \(k): bias \(bias[k]), hand \(want)")
            let ignoringMargin = -Double(lr) * Double(lambda[k]) * withoutMargin[k]
            #expect(abs(want - ignoringMargin) > 1e-4, "the margin must change the step for the check to mean anything")
        }
        // The ensemble's score is ν·f1 + ν·f2 and f2 excludes the margin.
        let f2 = try stage2.predictScores(train), total = try boosted.predictScores(train)
        for i in 0..<train.count { for k in 0..<2 { #expect(total[i, k] == nu * f1[i, k] + nu * f2[i, k]) } }
    }

    @Test func boostingStagesLowerTheTrainingLossOfARealModel() throws {
        let train = table(count: 500)
        let boosted = try Boosting.fit(learner: try learner(epochs: 3), train: train, stages: 3, shrinkage: 1, seed: 4)
        let one = try Metrics.logloss(try boosted.prefix(1), on: train, objective: 0)
        let three = try Metrics.logloss(boosted, on: train, objective: 0)
        let mseOne = try Metrics.mse(try boosted.prefix(1), on: train, objective: 1)
        let mseThree = try Metrics.mse(boosted, on: train, objective: 1)
        #expect(three < one && mseThree < mseOne, "logloss \(one) → \(three), mse \(mseOne) → \(mseThree)")
    }

    @Test func learnerRejectsBadSettingsAndMarginsOfTheWrongShape() throws {
        #expect(throws: TrainingConfigurationError.self) { try learner(epochs: 0) }
        #expect(throws: TrainingConfigurationError.self) { try learner(weights: [1, -1]) }
        let train = table(count: 10)
        #expect(throws: TrainingError.self) { try learner().fit(train, baseMargin: Matrix<Float>(rows: 9, columns: 2), seed: 0) }
        #expect(throws: TrainingConfigurationError.self) { try learner(weights: [1]).fit(train, baseMargin: nil, seed: 0) }
    }
}
