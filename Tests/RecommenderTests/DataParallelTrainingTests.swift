import Foundation
import Testing
import NumericCore
@testable import Recommender

/// Data-parallel training with K shards (threads standing in for MPI ranks): every shard ends with
/// the same bits, the result matches one process on the same global batches within a stated
/// tolerance (float sums in another order), and balancing sees the full-batch Gram matrix.
@Suite struct DataParallelTrainingTests {
    static func configuration(balancing: GradientBalancing = .weightedSum, batch: Int = 64) throws -> TrainingConfiguration {
        try TrainingConfiguration(epochs: 2, batchSize: batch, seed: 3,
                                  loss: JointLoss(objectives: TinyModelData.layout.objectives, weights: [0.6, 0.4]),
                                  optimizer: .adam(learningRate: 0.01), balancing: balancing)
    }

    /// Largest |a − b| / (|b| + 1e-3) over all parameters.
    static func relativeGap(_ a: ModelParameters, _ b: ModelParameters) -> Float {
        var worst: Float = 0
        for (x, y) in zip(a.dense + a.embeddings.joined(), b.dense + b.embeddings.joined()) {
            worst = max(worst, abs(x - y) / (abs(y) + 1e-3))
        }
        return worst
    }

    @Test(arguments: [(0, 2), (0, 3), (1, 2), (1, 3)])
    func shardsAgreeBitForBitAndMatchOneProcessWithinTolerance(architecture: Int, shards: Int) throws {
        let c = architecture == 0 ? try TinyModelData.twoTower() : try TinyModelData.mmoe()
        // 250 rows in batches of 64: the last batch (58 rows) is split unevenly too.
        let table = TinyModelData.table(count: 250, seed: 5)
        let model = try MultiObjectiveModel(layout: TinyModelData.layout, configuration: c, seed: 9)
        let single = try Trainer.train(model, on: table, configuration: Self.configuration())
        let group = ThreadShardGroup(count: shards)
        let results = try group.run { shard in
            try Trainer.train(model, on: table, configuration: Self.configuration(),
                              reducer: ThreadShardReducer(group: group, shard: shard))
        }
        for r in results.dropFirst() {
            #expect(r.model.parameters == results[0].model.parameters)
            #expect(r.lossHistory == results[0].lossHistory)
        }
        // Tolerance: the shards' float sums differ from one sgemm over the batch only by rounding.
        let gap = Self.relativeGap(results[0].model.parameters, single.model.parameters)
        #expect(gap < 1e-4, "relative parameter gap \(gap)")
        #expect(gap > 0 || shards == 1)
        for (a, b) in zip(results[0].lossHistory, single.lossHistory) { #expect(abs(a - b) <= 1e-6 * abs(b)) }
        // Training happened: the parameters moved from the initial model.
        #expect(Self.relativeGap(results[0].model.parameters, model.parameters) > 1e-3)
    }

    @Test(arguments: [2, 3])
    func balancingSeesTheFullBatchGramMatrix(shards: Int) throws {
        let table = TinyModelData.table(count: 96, seed: 8)
        let model = try MultiObjectiveModel(layout: TinyModelData.layout, configuration: TinyModelData.twoTower(), seed: 4)
        // The Gram matrix each shard's weighting sees on the first step, and (last slot) the one a
        // one-process run sees for the same global batch.
        let seen = Results<Matrix<Double>>(count: shards + 1)
        // Normalizes by gradient norms: depends on every entry of the Gram diagonal.
        @Sendable func weighting(_ slot: Int) -> ObjectiveWeighting {
            let recorded = LockedFlag()
            return { summary in
                if recorded.setOnce() { seen.set(slot, .success(summary.gram)) }
                return (0..<summary.gram.rows).map { 1 / max(summary.gram[$0, $0].squareRoot(), 1e-12) }
            }
        }
        @Sendable func configuration(_ slot: Int) throws -> TrainingConfiguration {
            try TrainingConfiguration(epochs: 1, batchSize: 64, seed: 3,
                                      loss: JointLoss(objectives: TinyModelData.layout.objectives, weights: [0.5, 0.5]),
                                      optimizer: .adam(learningRate: 0.01), balancing: .sharedParameters(weighting(slot)))
        }
        let single = try Trainer.train(model, on: table, configuration: configuration(shards))
        let group = ThreadShardGroup(count: shards)
        let results = try group.run { shard in
            try Trainer.train(model, on: table, configuration: configuration(shard), reducer: ThreadShardReducer(group: group, shard: shard))
        }
        let full = try #require(try seen.values[shards]?.get())
        for shard in 0..<shards {
            let g = try #require(try seen.values[shard]?.get())
            for i in 0..<2 { for j in 0..<2 { #expect(abs(g[i, j] - full[i, j]) <= 1e-5 * abs(full[i, j]) + 1e-12) } }
            #expect(results[shard].model.parameters == results[0].model.parameters)
        }
        // A shard alone sees a different Gram matrix: the reduction really happened before the weighting.
        var order = Array(0..<table.count)
        var shuffle = SeededGenerator(seed: 3).split("shuffle").split(1)
        shuffle.shuffle(&order)
        let firstShard = Array(order[0..<(64 / shards + (64 % shards > 0 ? 1 : 0))])
        let local = try model.objectiveGradients(on: table, rows: firstShard, target: .sharedParameters)
        let ownNorm = local.vectors.row(0).reduce(0) { $0 + Double($1) * Double($1) }
        #expect(abs(ownNorm - full[0, 0]) > 1e-3 * full[0, 0], "a shard's own Gram equals the full one: no evidence of reduction")
        #expect(Self.relativeGap(results[0].model.parameters, single.model.parameters) < 1e-4)
    }

    @Test func representationBalancingOverSeveralShardsIsRefused() throws {
        let model = try MultiObjectiveModel(layout: TinyModelData.layout, configuration: TinyModelData.twoTower(), seed: 4)
        let c = try Self.configuration(balancing: .representation { _ in [0.5, 0.5] })
        let group = ThreadShardGroup(count: 2)
        #expect(throws: GradientReductionError.self) {
            _ = try ModelTrainer(model: model, configuration: c, reducer: ThreadShardReducer(group: group, shard: 0))
        }
    }

    @Test func shardsCoverTheBatchInOrder() {
        let group = ThreadShardGroup(count: 3)
        let parts = (0..<3).map { ThreadShardReducer(group: group, shard: $0).shard(of: 10..<20) }
        #expect(parts == [10..<14, 14..<17, 17..<20])
        let tiny = (0..<3).map { ThreadShardReducer(group: group, shard: $0).shard(of: 0..<2) }
        #expect(tiny == [0..<1, 1..<2, 2..<2])
    }
}

/// True exactly once.
final class LockedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var done = false
    func setOnce() -> Bool { lock.lock(); defer { lock.unlock() }; if done { return false }; done = true; return true }
}
