import Foundation
import Testing
import NumericCore
@testable import Recommender

/// What a balancing callback sees: the batch's place in the training (step, epoch) and, when asked
/// for, the per-objective gradient vectors themselves.
@Suite struct BalancingSummaryTests {
    /// Records every summary a callback receives (the callback is `@Sendable`).
    final class Recorder: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [ObjectiveGradientSummary] = []
        func append(_ s: ObjectiveGradientSummary) { lock.lock(); items.append(s); lock.unlock() }
        var summaries: [ObjectiveGradientSummary] { lock.lock(); defer { lock.unlock() }; return items }
    }

    @Test(arguments: [false, true])
    func callbackSeesConsecutiveStepsAndEachEpoch(vectors: Bool) throws {
        let table = TinyModelData.table(count: 10, seed: 5)
        let model = try MultiObjectiveModel(layout: TinyModelData.layout, configuration: TinyModelData.twoTower(), seed: 2)
        let recorder = Recorder()
        let configuration = try TrainingConfiguration(
            epochs: 2, batchSize: 4, seed: 1, loss: JointLoss(objectives: model.objectives, weights: [1, 1]),
            balancing: .balanced(target: .sharedRepresentation, gradientVectors: vectors) { s in recorder.append(s); return [0.5, 0.5] })
        _ = try Trainer.train(model, on: table, configuration: configuration)
        let seen = recorder.summaries
        // 10 rows in batches of 4: 3 batches per epoch, 2 epochs.
        #expect(seen.map(\.step) == [0, 1, 2, 3, 4, 5])
        #expect(seen.map(\.epoch) == [1, 1, 1, 2, 2, 2])
        #expect(seen.allSatisfy { ($0.gradients != nil) == vectors })
    }

    @Test(arguments: [GradientTarget.sharedParameters, .sharedRepresentation])
    func gradientVectorsAreTheObjectiveGradientsOfTheBatch(target: GradientTarget) throws {
        let table = TinyModelData.table(count: 6, seed: 9)
        let model = try MultiObjectiveModel(layout: TinyModelData.layout, configuration: TinyModelData.mmoe(), seed: 4)
        let rows = [0, 2, 3, 5]
        let expected = try model.objectiveGradients(on: table, rows: rows, target: target)
        let recorder = Recorder()
        let trainer = try ModelTrainer(model: model, configuration: try TrainingConfiguration(
            epochs: 1, batchSize: 4, seed: 1, loss: JointLoss(objectives: model.objectives, weights: [1, 1]),
            balancing: .balanced(target: target, gradientVectors: true) { s in recorder.append(s); return [1, 1] }))
        try trainer.step(on: table, rows: rows)
        let summary = try #require(recorder.summaries.first)
        #expect(summary.gradients == expected.vectors)
        // The Gram matrix is the vectors' inner products (summed in another order than BLAS: Float rounding).
        let v = expected.vectors
        for i in 0..<2 {
            for j in 0..<2 {
                let dot = (0..<v.columns).reduce(0.0) { $0 + Double(v[i, $1]) * Double(v[j, $1]) }
                #expect(abs(summary.gram[i, j] - dot) <= 1e-5 * max(1, abs(dot)))
            }
        }
        #expect(summary.losses == expected.losses)
        #expect(summary.step == 0 && summary.epoch == 1 && trainer.stepCount == 1)
    }
}
