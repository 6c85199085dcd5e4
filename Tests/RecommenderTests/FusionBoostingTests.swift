import NumericCore
import Testing
@testable import Recommender

/// A learner that records the margins it is given and returns a fixed increment per stage.
final class RecordingLearner: FusionBaseLearner {
    let objectives: [ObjectiveSpec]
    let increments: [Matrix<Float>]
    var margins: [Matrix<Float>?] = []

    init(objectives: [ObjectiveSpec], increments: [Matrix<Float>]) {
        self.objectives = objectives
        self.increments = increments
    }

    func fit(_ train: ExampleTable, baseMargin: Matrix<Float>?, seed: UInt64) throws -> any ScorePredictor {
        margins.append(baseMargin)
        return FixedScorePredictor(objectives: objectives, scores: increments[margins.count - 1])
    }
}

@Suite struct FusionBoostingTests {
    /// Heavily regularized: a single fit shrinks the coefficients by about λ_max/(λ_max + 4), far from the truth.
    let weak = LinearBaseLearner(epochs: 120, learningRate: 0.1, l2: 4)

    @Test func boostingStagesReduceTrainingLossMonotonicallyAndImproveTestError() throws {
        var wins = 0
        for seed: UInt64 in 0..<10 {
            let task = SyntheticLinearTask(features: 6, signal: 3, watchNoise: 0.5, seed: seed)
            var g = SeededGenerator(seed: seed).split("data")
            let train = task.table(count: 300, generator: &g)
            let test = task.table(count: 2000, firstKey: 10_000, generator: &g)
            let boosted = try Boosting.fit(learner: weak, train: train, stages: 12, shrinkage: 0.5, seed: seed)
            var previous = (logloss: Double.infinity, mse: Double.infinity)
            for s in 1...12 {
                let prefix = try boosted.prefix(s)
                let current = (try Metrics.logloss(prefix, on: train, objective: 0), try Metrics.mse(prefix, on: train, objective: 1))
                #expect(current.0 < previous.logloss && current.1 < previous.mse, "seed \(seed), stage \(s): training loss rose")
                previous = current
            }
            let single = try weak.fit(train, baseMargin: nil, seed: seed)
            let singleTest = (try Metrics.logloss(single, on: test, objective: 0), try Metrics.mse(single, on: test, objective: 1))
            let boostedTest = (try Metrics.logloss(boosted, on: test, objective: 0), try Metrics.mse(boosted, on: test, objective: 1))
            if boostedTest.0 < singleTest.0 && boostedTest.1 < singleTest.1 { wins += 1 }
        }
        #expect(wins >= 8, "boosting beat the single regularized fit on test logloss and MSE in \(wins) of 10 seeds")
    }

    @Test func eachStageSeesTheShrunkenSumOfPreviousStagesAsItsMargin() throws {
        let objectives = [ObjectiveSpec(name: "click", kind: .binary)]
        let task = SyntheticLinearTask(features: 2, signal: 1, watchNoise: 1, seed: 0)
        var g = SeededGenerator(seed: 0)
        let train = task.table(count: 2, generator: &g).subset([0, 1])
        let layout = FeatureLayout(userCategoricalNames: [], userCategoricalCardinalities: [], userDenseNames: [],
                                   itemCategoricalNames: [], itemCategoricalCardinalities: [], itemDenseNames: [],
                                   objectives: objectives)
        let table = try ExampleTable(layout: layout, count: 2, userCategorical: [], userDense: [], itemCategorical: [],
                                     itemDense: [], labels: [1, 0], userKeys: train.userKeys, itemKeys: train.itemKeys)
        let increments = try [[[2], [-4]], [[1], [1]], [[-2], [6]]].map { try Matrix<Float>($0) }
        let learner = RecordingLearner(objectives: objectives, increments: increments)
        let e = try Boosting.fit(learner: learner, train: table, stages: 3, shrinkage: 0.5, seed: 1)
        // F_0 = 0 (nil), F_1 = ½(2, −4) = (1, −2), F_2 = F_1 + ½(1, 1) = (1.5, −1.5); score F_3 = (0.5, 1.5).
        #expect(learner.margins[0] == nil)
        #expect(learner.margins[1] == (try Matrix<Float>([[1], [-2]])))
        #expect(learner.margins[2] == (try Matrix<Float>([[1.5], [-1.5]])))
        #expect(try e.predictScores(table) == (try Matrix<Float>([[0.5], [1.5]])))
        #expect(try e.prefix(2).predictScores(table) == learner.margins[2])
    }

    @Test func invalidBoostingArgumentsAreRejected() throws {
        let task = SyntheticLinearTask(features: 2, signal: 1, watchNoise: 1, seed: 0)
        var g = SeededGenerator(seed: 0)
        let train = task.table(count: 5, generator: &g)
        #expect(throws: FusionError.self) { try Boosting.fit(learner: weak, train: train, stages: 0, shrinkage: 0.5, seed: 0) }
        #expect(throws: FusionError.self) { try Boosting.fit(learner: weak, train: train, stages: 2, shrinkage: 0, seed: 0) }
        #expect(throws: FusionError.self) { try Boosting.fit(learner: weak, train: train, stages: 2, shrinkage: 1.5, seed: 0) }
        let e = try Boosting.fit(learner: weak, train: train, stages: 2, shrinkage: 1, seed: 0)
        #expect(throws: FusionError.self) { try e.prefix(3) }
    }
}
