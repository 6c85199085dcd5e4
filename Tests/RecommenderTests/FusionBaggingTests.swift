import NumericCore
import Testing
@testable import Recommender

@Suite struct FusionBaggingTests {
    /// A near-interpolating learner: least squares / logistic regression without penalty, run to
    /// (near) convergence on few rows with many features, so its fit has high variance.
    let unstable = LinearBaseLearner(epochs: 800, learningRate: 0.15, l2: 0)

    @Test func baggingAHighVarianceLearnerBeatsASingleFitOnHeldOutData() throws {
        var wins = 0
        var singleTotal = 0.0, baggedTotal = 0.0
        for seed: UInt64 in 0..<10 {
            let task = SyntheticLinearTask(features: 24, signal: 2, watchNoise: 1, seed: seed)
            var g = SeededGenerator(seed: seed).split("data")
            let train = task.table(count: 30, generator: &g)
            let test = task.table(count: 2000, firstKey: 10_000, generator: &g)
            let single = try unstable.fit(train, baseMargin: nil, seed: seed)
            let bagged = try Bagging.fit(learner: unstable, train: train, members: 15, seed: seed)
            let s = try Metrics.mse(single, on: test, objective: 1)
            let b = try Metrics.mse(bagged, on: test, objective: 1)
            singleTotal += s
            baggedTotal += b
            if b < s { wins += 1 }
        }
        #expect(wins >= 8, "bagging beat the single fit in \(wins) of 10 seeds")
        #expect(baggedTotal < singleTotal, "mean held-out MSE: bagged \(baggedTotal / 10), single \(singleTotal / 10)")
    }

    @Test func baggingIsReproducibleAndMembersSeeDifferentSamples() throws {
        let task = SyntheticLinearTask(features: 6, signal: 2, watchNoise: 1, seed: 3)
        var g = SeededGenerator(seed: 3)
        let train = task.table(count: 40, generator: &g)
        let learner = LinearBaseLearner(epochs: 50, learningRate: 0.1, l2: 0.1)
        let a = try Bagging.fit(learner: learner, train: train, members: 3, seed: 11)
        let b = try Bagging.fit(learner: learner, train: train, members: 3, seed: 11)
        let c = try Bagging.fit(learner: learner, train: train, members: 3, seed: 12)
        #expect(try a.predictScores(train) == b.predictScores(train))
        #expect(try a.predictScores(train) != c.predictScores(train))
        let m0 = try a.members[0].predictScores(train), m1 = try a.members[1].predictScores(train)
        #expect(m0 != m1)
    }

    @Test func bootstrapDrawsWithReplacementFromTheRows() {
        var g = SeededGenerator(seed: 5)
        let idx = Bagging.bootstrapIndices(count: 1000, using: &g)
        #expect(idx.count == 1000 && idx.allSatisfy { (0..<1000).contains($0) })
        // About 1 − 1/e ≈ 63.2 % of the rows appear; the standard deviation of the count is ≈ 15 rows.
        let distinct = Set(idx).count
        #expect((570...690).contains(distinct), "distinct rows \(distinct)")
    }

    @Test func invalidBaggingArgumentsAreRejected() throws {
        let task = SyntheticLinearTask(features: 2, signal: 1, watchNoise: 1, seed: 0)
        var g = SeededGenerator(seed: 0)
        let train = task.table(count: 5, generator: &g)
        let learner = LinearBaseLearner(epochs: 1, learningRate: 0.1, l2: 0)
        #expect(throws: FusionError.self) { try Bagging.fit(learner: learner, train: train, members: 0, seed: 0) }
        #expect(throws: FusionError.self) { try Bagging.fit(learner: learner, train: train.subset([]), members: 2, seed: 0) }
    }
}
