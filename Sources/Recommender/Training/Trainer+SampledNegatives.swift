import Foundation
import NumericCore

extension Trainer {
    /// Trains on `positives` (a training split without negatives) with negatives drawn per batch by
    /// `negatives` (`EpochNegativeSampler`): each batch holds `⌊batchSize / (1 + perPositive)⌋`
    /// positives (at least one) and their fresh negatives. Positives are shuffled per epoch as in
    /// `train(_:on:configuration:)`; negatives of epoch `e` come from `negatives.generator(epoch: e)`.
    /// Epoch losses are means over the examples trained (positives and negatives).
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
        var rows = [Int](repeating: 0, count: configuration.batchSize)
        for epoch in 1...configuration.epochs {
            let start = DispatchTime.now().uptimeNanoseconds
            var order = Array(0..<positives.count)
            if configuration.shuffle {
                var g = root.split(epoch)
                g.shuffle(&order)
            }
            trainer.epoch = epoch
            var draw = negatives.generator(epoch: epoch)
            var sums = [Double](repeating: 0, count: k)
            var seen = 0, from = 0
            while from < order.count {
                let to = min(from + perBatch, order.count)
                let batch = negatives.batch(positives: positives, rows: order[from..<to], generator: &draw)
                // A batch has at most perBatch · (1 + perPositive) ≤ batchSize rows.
                for i in 0..<batch.count { rows[i] = i }
                try rows.withUnsafeBufferPointer { try trainer.stepUnchecked(batch, UnsafeBufferPointer(rebasing: $0[0..<batch.count]), nil) }
                let losses = trainer.lastLosses
                for o in 0..<k { sums[o] += losses[o] * Double(batch.count) }
                seen += batch.count
                from = to
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
                              seconds: total, samplesPerSecond: Double(examples) / max(total, 1e-9))
    }
}
