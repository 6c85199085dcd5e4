import Foundation
import NumericCore

extension Trainer {
    /// Trains on `positives` (a training split without negatives) with negatives drawn per batch by
    /// `negatives` (`EpochNegativeSampler`): each batch holds `⌊batchSize / (1 + perPositive)⌋`
    /// positives (at least one) and their fresh negatives. Positives are shuffled per epoch as in
    /// `train(_:on:configuration:)`; negatives of epoch `e` come from `negatives.generator(epoch: e)`.
    /// Epoch losses are means over the examples trained (positives and negatives). With
    /// `configuration.maxBatchesPerEpoch`, each epoch trains on the first batches of its shuffled
    /// order only (as `train(_:on:configuration:)`), so a full-size file can be measured in a bounded
    /// time; the negatives of those batches are the same draws as in an unlimited epoch.
    /// - Throws: as `train(_:on:configuration:)`.
    /// - Complexity: O(epochs · positives · (1 + perPositive) · per-example cost); memory O(batch).
    public static func train(
        _ model: MultiObjectiveModel, positives: ExampleTable, negatives: EpochNegativeSampler,
        configuration: TrainingConfiguration, progress: ((EpochProgress) -> Void)? = nil
    ) throws -> TrainingResult {
        guard positives.count > 0 else { throw TrainingError.emptyTable }
        try model.validate(positives)
        guard 1 + negatives.perPositive <= configuration.batchSize else {
            throw TrainingConfigurationError.invalid("a batch of \(configuration.batchSize) cannot hold a positive and its \(negatives.perPositive) negatives")
        }
        let blasThreads = BLASThreads.acquire(configuration.blasThreads)
        defer { blasThreads.release() }
        let trainer = try ModelTrainer(model: model, configuration: configuration)
        let k = model.objectives.count, weights = configuration.loss.weights.map(Double.init)
        let root = SeededGenerator(seed: configuration.seed).split("shuffle")
        let perBatch = max(1, configuration.batchSize / (1 + negatives.perPositive))
        var history: [Double] = [], objectiveHistory: [[Double]] = []
        var total = 0.0, examples = 0
        let batchLimit = configuration.maxBatchesPerEpoch ?? .max
        var rows = [Int](repeating: 0, count: configuration.batchSize)
        for i in rows.indices { rows[i] = i }
        for epoch in 1...configuration.epochs {
            let start = DispatchTime.now().uptimeNanoseconds
            trainer.epoch = epoch
            var draw = negatives.generator(epoch: epoch)
            var sums = [Double](repeating: 0, count: k)
            var seen = 0
            func run<T: BinaryInteger>(_ order: [T]) throws {
                var from = 0, batches = 0
                while from < order.count && batches < batchLimit {
                    let to = min(from + perBatch, order.count)
                    let batch = negatives.batch(positives: positives, rows: order[from..<to], generator: &draw)
                    // A batch has at most perBatch · (1 + perPositive) ≤ batchSize rows.
                    try rows.withUnsafeBufferPointer { try trainer.stepUnchecked(batch, UnsafeBufferPointer(rebasing: $0[0..<batch.count]), nil) }
                    let losses = trainer.lastLosses
                    for o in 0..<k { sums[o] += losses[o] * Double(batch.count) }
                    seen += batch.count
                    batches += 1
                    from = to
                }
            }
            let shuffle: SeededGenerator? = configuration.shuffle ? root.split(epoch) : nil
            // The order in 32 bits when the rows allow (4 bytes per positive instead of 8).
            if positives.count <= Int(UInt32.max) {
                try run(epochOrder(count: positives.count, shuffle: shuffle, as: UInt32.self))
            } else {
                try run(epochOrder(count: positives.count, shuffle: shuffle, as: Int.self))
            }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            total += seconds
            examples += seen
            let objectiveLosses = sums.map { $0 / Double(max(seen, 1)) }
            let loss = zip(objectiveLosses, weights).reduce(0) { $0 + $1.0 * $1.1 }
            guard loss.isFinite else { throw TrainingError.nonFiniteLoss(epoch: epoch) }
            history.append(loss)
            objectiveHistory.append(objectiveLosses)
            progress?(EpochProgress(epoch: epoch, epochs: configuration.epochs, loss: loss,
                                    objectiveLosses: objectiveLosses, seconds: seconds, model: trainer.model))
        }
        return TrainingResult(model: trainer.model, lossHistory: history, objectiveLossHistory: objectiveHistory,
                              seconds: total, samplesPerSecond: Double(examples) / max(total, 1e-9), examples: examples)
    }

    /// The visiting order of `count` rows in an epoch: `0..<count`, Fisher–Yates shuffled by `shuffle`
    /// when given, as integers of type `T` (the same permutation for every `T` that holds `count`).
    /// - Precondition: `count - 1` fits in `T`.
    /// - Complexity: O(count) time, `count × T.bitWidth / 8` bytes.
    static func epochOrder<T: FixedWidthInteger>(count: Int, shuffle: SeededGenerator?, as: T.Type) -> [T] {
        var order = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            for i in 0..<count { buffer[i] = T(truncatingIfNeeded: i) }
            initialized = count
        }
        if var g = shuffle { g.shuffle(&order) }
        return order
    }
}
