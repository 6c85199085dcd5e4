import Foundation
import NumericCore
import Testing
@testable import Recommender

/// Training negatives drawn per epoch (`NegativeStorage.perEpoch`) on the hand-written Taobao fixture:
/// the same no-leakage guarantees as stored negatives, the same held-out splits, reproducible batches.
@Suite struct DataEpochNegativeTests {
    private func data(_ storage: NegativeStorage) throws -> ScenarioData {
        try EcommerceDataset.taobao(path: try fixture("taobao_userbehavior_small.csv"),
                                    options: RealScenarioOptions(negativesPerPositive: 2, seed: 1, trainingNegatives: storage))
    }

    private func epoch(_ d: ScenarioData, _ e: Int) throws -> ExampleTable {
        let sampler = try #require(d.trainingNegatives)
        var g = sampler.generator(epoch: e)
        return sampler.batch(positives: d.train, rows: 0..<d.train.count, generator: &g)
    }

    @Test func trainingSplitKeepsOnlyPositivesAndHeldOutSplitsAreTheStoredOnes() throws {
        let streamed = try data(.perEpoch), stored = try data(.stored)
        #expect(stored.trainingNegatives == nil)
        #expect(streamed.train.count == 7 && streamed.train.labelColumn(0).allSatisfy { $0 == 1 })
        for (a, b) in [(streamed.validation, stored.validation), (streamed.test, stored.test)] {
            #expect(a.userKeys == b.userKeys && a.itemKeys == b.itemKeys && a.labels == b.labels)
        }
        #expect(streamed.notes.contains { $0.contains("drawn per epoch") })
    }

    @Test func everyEpochsNegativesAreUntouchedItemsWithTheirCatalogueFeatures() throws {
        let d = try data(.perEpoch)
        let sampler = try #require(d.trainingNegatives)
        #expect(sampler.pool == Array(10...21))  // every logged item; line 20's item 22 was rejected
        let l = d.layout
        for e in 1...4 {
            let t = try epoch(d, e)
            #expect(t.count == 7 * 3)
            var lastPositive = -1, chosen = Set<Int64>()
            for r in 0..<t.count {
                if t.labelColumn(0)[r] == 1 { lastPositive = r; chosen = []; continue }
                let user = t.userKeys[r], item = t.itemKeys[r]
                #expect(!(DataFixtureScenarioTests.touched[user] ?? []).contains(item), "epoch \(e): user \(user) touched \(item)")
                #expect(item != t.itemKeys[lastPositive] && !chosen.contains(item))
                chosen.insert(item)
                #expect(user == t.userKeys[lastPositive] && t.labelColumn(1)[r] == 0)
                let uc = l.userCategoricalCount, ud = l.userDenseCount, ic = l.itemCategoricalCount, id = l.itemDenseCount
                #expect(Array(t.userCategorical[(r * uc)..<((r + 1) * uc)]) == Array(t.userCategorical[(lastPositive * uc)..<((lastPositive + 1) * uc)]))
                #expect(Array(t.userDense[(r * ud)..<((r + 1) * ud)]) == Array(t.userDense[(lastPositive * ud)..<((lastPositive + 1) * ud)]))
                let i = try #require(sampler.pool.firstIndex(of: item))
                #expect(Array(t.itemCategorical[(r * ic)..<((r + 1) * ic)]) == Array(sampler.catalogue.itemCategorical[(i * ic)..<((i + 1) * ic)]))
                #expect(Array(t.itemDense[(r * id)..<((r + 1) * id)]) == Array(sampler.catalogue.itemDense[(i * id)..<((i + 1) * id)]))
                #expect(t.itemCategorical[r * ic] != 0)  // every candidate item has its own embedding row
            }
        }
        // Same epoch, same negatives; another epoch, other negatives.
        #expect(try epoch(d, 2) == (try epoch(d, 2)))
        #expect(try epoch(d, 1).itemKeys != (try epoch(d, 2)).itemKeys)
    }

    /// The leak regression of `DataFixtureScenarioTests`, on streamed batches: a positive's raw
    /// popularity leaves its own occurrence out, a negative's is the item's full training count, and
    /// the encoded feature is one increasing function of it.
    @Test func streamedNegativesKeepThePopularityFeatureLeakFree() throws {
        let d = try data(.perEpoch)
        let column = try #require(d.layout.itemDenseNames.firstIndex(of: "item_popularity"))
        let trainCount: [Int64: Int] = [10: 3, 11: 2, 14: 1, 17: 1]
        var encodedByRaw = [Int: Set<Float>]()
        for e in 1...3 {
            let t = try epoch(d, e), w = t.layout.itemDenseCount
            for r in 0..<t.count {
                let raw = (trainCount[t.itemKeys[r]] ?? 0) - (t.labelColumn(0)[r] == 1 ? 1 : 0)
                encodedByRaw[raw, default: []].insert(t.itemDense[r * w + column])
            }
        }
        #expect(encodedByRaw.values.allSatisfy { $0.count == 1 }, "\(encodedByRaw)")
        let ordered = encodedByRaw.sorted { $0.key < $1.key }.compactMap(\.value.first)
        #expect(zip(ordered, ordered.dropFirst()).allSatisfy { $0.0 < $0.1 })
    }

    @Test func interactionLookupIsExact() throws {
        let d = try data(.perEpoch)
        let sampler = try #require(d.trainingNegatives)
        for user in Int64(1)...3 {
            for item in Int64(9)...23 {
                #expect(sampler.interacted(user: user, item: item) == (DataFixtureScenarioTests.touched[user] ?? []).contains(item))
            }
        }
        #expect(!sampler.interacted(user: 99, item: 10))
    }

    @Test func trainingWithStreamedNegativesIsReproducible() throws {
        let d = try data(.perEpoch)
        let sampler = try #require(d.trainingNegatives)
        let model = try MultiObjectiveModel(layout: d.layout, configuration: .twoTower(userWidths: [4], itemWidths: [4], embeddingDimension: 3), seed: 2)
        let config = try TrainingConfiguration(epochs: 3, batchSize: 6, seed: 9, loss: JointLoss(objectives: d.layout.objectives, weights: [0.5, 0.5]))
        let a = try Trainer.train(model, positives: d.train, negatives: sampler, configuration: config)
        let b = try Trainer.train(model, positives: d.train, negatives: sampler, configuration: config)
        #expect(a.model.parameters == b.model.parameters && a.lossHistory.count == 3 && a.lossHistory.allSatisfy(\.isFinite))
        #expect(a.model.parameters != model.parameters)
        let tooSmall = try TrainingConfiguration(epochs: 1, batchSize: 2, seed: 9, loss: JointLoss(objectives: d.layout.objectives, weights: [0.5, 0.5]))
        #expect(throws: TrainingConfigurationError.self) { _ = try Trainer.train(model, positives: d.train, negatives: sampler, configuration: tooSmall) }
    }

    /// `maxBatchesPerEpoch` stops each epoch of the per-epoch-negative loop after that many batches;
    /// a limit at or above the epoch's batch count changes nothing (the same bits).
    @Test func batchLimitStopsTheSampledNegativeEpochEarly() throws {
        let d = try data(.perEpoch)
        let sampler = try #require(d.trainingNegatives)
        let model = try MultiObjectiveModel(layout: d.layout, configuration: .twoTower(userWidths: [4], itemWidths: [4], embeddingDimension: 3), seed: 2)
        let loss = try JointLoss(objectives: d.layout.objectives, weights: [0.5, 0.5])
        func config(_ limit: Int?) throws -> TrainingConfiguration {
            try TrainingConfiguration(epochs: 2, batchSize: 6, seed: 9, loss: loss, maxBatchesPerEpoch: limit)
        }
        let full = try Trainer.train(model, positives: d.train, negatives: sampler, configuration: config(nil))
        let perBatch = 6 / (1 + sampler.perPositive)
        let batches = (d.train.count + perBatch - 1) / perBatch
        let generous = try Trainer.train(model, positives: d.train, negatives: sampler, configuration: config(batches))
        #expect(generous.model.parameters == full.model.parameters && generous.examples == full.examples)
        let limited = try Trainer.train(model, positives: d.train, negatives: sampler, configuration: config(2))
        #expect(batches > 2)
        #expect(limited.examples <= 2 * 2 * perBatch * (1 + sampler.perPositive) && limited.examples >= 2 * 2 * perBatch)
        #expect(limited.examples < full.examples && limited.lossHistory.count == 2 && limited.lossHistory.allSatisfy(\.isFinite))
        #expect(limited.model.parameters != full.model.parameters)
    }

    /// The epoch order in 32 bits is the permutation the 64-bit order gives for the same generator (and
    /// the Fisher–Yates shuffle of `0..<n` by that generator); without a generator it is the identity.
    @Test func the32BitEpochOrderIsThe64BitOne() {
        for (n, seed) in [(0, 1), (1, 2), (2, 3), (1000, 4), (100_003, 5)] as [(Int, UInt64)] {
            let g = SeededGenerator(seed: seed).split("shuffle").split(1)
            let narrow = Trainer.epochOrder(count: n, shuffle: g, as: UInt32.self)
            let wide = Trainer.epochOrder(count: n, shuffle: g, as: Int.self)
            var reference = Array(0..<n), h = g
            h.shuffle(&reference)
            #expect(narrow.map(Int.init) == wide && wide == reference, "n = \(n)")
            #expect(Set(wide).count == n)
            #expect(Trainer.epochOrder(count: n, shuffle: nil, as: UInt32.self).map(Int.init) == Array(0..<n))
        }
    }
}
