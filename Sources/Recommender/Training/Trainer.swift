import NumericCore
import Foundation

/// Progress of a training run after one epoch.
public struct EpochProgress: Sendable, Equatable {
    /// Epoch number, from 1.
    public let epoch: Int
    /// Total epochs.
    public let epochs: Int
    /// Mean weighted joint loss `Σ λ_k L_k` over the epoch's batches (example-weighted).
    public let loss: Double
    /// Mean loss of each objective over the epoch.
    public let objectiveLosses: [Double]
    /// Wall time of the epoch in seconds.
    public let seconds: Double
    /// The model after the epoch (for per-epoch validation; its arrays are shared, not copied).
    public let model: MultiObjectiveModel
}

/// What one optimizer step of `Trainer.train` did, for training logs.
public struct TrainingStep: Sendable, Equatable {
    /// Global step number, from 1.
    public let step: Int
    /// Epoch number, from 1.
    public let epoch: Int
    /// Each objective's mean loss on the batch (before the update).
    public let objectiveLosses: [Double]
    /// The weighted joint loss `Σ λ_k L_k` of the batch.
    public let loss: Double
    /// The shared-gradient weights of the step (`λ` for a weighted sum, the balancing callback's otherwise).
    public let weights: [Double]

    /// A step record.
    public init(step: Int, epoch: Int, objectiveLosses: [Double], loss: Double, weights: [Double]) {
        self.step = step
        self.epoch = epoch
        self.objectiveLosses = objectiveLosses
        self.loss = loss
        self.weights = weights
    }
}

/// The outcome of `Trainer.train`.
public struct TrainingResult: Sendable {
    /// The trained model.
    public let model: MultiObjectiveModel
    /// Per-epoch mean weighted training loss.
    public let lossHistory: [Double]
    /// Per-epoch, per-objective mean training losses.
    public let objectiveLossHistory: [[Double]]
    /// Training wall time (seconds) over all epochs.
    public let seconds: Double
    /// Training examples processed per second.
    public let samplesPerSecond: Double
    /// Training examples processed over all epochs (positives and drawn negatives with per-epoch
    /// negatives; fewer than the table when `maxBatchesPerEpoch` limits the epochs).
    public let examples: Int
}

/// Runs epochs of mini-batch training.
public enum Trainer {
    /// Trains `model` on `table` for `configuration.epochs` epochs with `configuration.blasThreads`
    /// OpenBLAS threads (a ``BLASThreads`` lease), shuffling by `configuration.seed`
    /// (epoch `e` uses the stream `seed → "shuffle" → e`). `baseMargin` (`count × K`), when given, is
    /// added to the scores before the loss (boosting). With a `reducer`, every shard runs this with the
    /// same arguments and trains on its part of each batch (data-parallel; see ``GradientReducer``).
    /// `progress` is called after each epoch and `step` after each optimizer step. With
    /// `configuration.maxBatchesPerEpoch`, each epoch trains on its first batches only (losses and
    /// samples/s over the examples trained on).
    /// - Throws: `TrainingError` / `ModelConfigurationError` for empty or mismatched data.
    /// - Complexity: O(epochs · count · per-example forward+backward cost).
    public static func train(
        _ model: MultiObjectiveModel, on table: ExampleTable, configuration: TrainingConfiguration,
        baseMargin: Matrix<Float>? = nil, reducer: (any GradientReducer)? = nil, progress: ((EpochProgress) -> Void)? = nil,
        step: ((TrainingStep) -> Void)? = nil
    ) throws -> TrainingResult {
        guard table.count > 0 else { throw TrainingError.emptyTable }
        try model.validate(table)
        // OpenBLAS splits sgemm's work by its thread count, and different splits round
        // differently: training holds a fixed count so the same seed gives the same bits whatever
        // the process-wide setting.
        let blasThreads = BLASThreads.acquire(configuration.blasThreads)
        defer { blasThreads.release() }
        try ModelTrainer.checkMargin(baseMargin, table: table, objectives: model.objectives.count)
        let trainer = try ModelTrainer(model: model, configuration: configuration, reducer: reducer)
        let k = model.objectives.count, weights = configuration.loss.weights.map(Double.init)
        let root = SeededGenerator(seed: configuration.seed).split("shuffle")
        var order = Array(0..<table.count)
        var history: [Double] = [], objectiveHistory: [[Double]] = []
        var total = 0.0, steps = 0, seen = 0
        // With `maxBatchesPerEpoch`, an epoch covers the first batches of its shuffled order.
        let fullBatches = (table.count + configuration.batchSize - 1) / configuration.batchSize
        var perEpoch = table.count
        if let m = configuration.maxBatchesPerEpoch, m < fullBatches { perEpoch = m * configuration.batchSize }
        for epoch in 1...configuration.epochs {
            let start = DispatchTime.now().uptimeNanoseconds
            if configuration.shuffle {
                order = Array(0..<table.count)
                var g = root.split(epoch)
                g.shuffle(&order)
            }
            trainer.epoch = epoch
            var sums = [Double](repeating: 0, count: k)
            try order.withUnsafeBufferPointer { all in
                var from = 0
                while from < perEpoch {
                    let to = min(from + configuration.batchSize, perEpoch)
                    try trainer.stepUnchecked(table, UnsafeBufferPointer(rebasing: all[from..<to]), baseMargin)
                    let losses = trainer.lastLosses
                    for o in 0..<k { sums[o] += losses[o] * Double(to - from) }
                    steps += 1
                    if let step {
                        let joint = zip(losses, weights).reduce(0) { $0 + $1.0 * $1.1 }
                        step(TrainingStep(step: steps, epoch: epoch, objectiveLosses: losses, loss: joint,
                                          weights: trainer.lastWeights))
                    }
                    from = to
                }
            }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            total += seconds
            seen += perEpoch
            let objectiveLosses = sums.map { $0 / Double(perEpoch) }
            let loss = zip(objectiveLosses, weights).reduce(0) { $0 + $1.0 * $1.1 }
            guard loss.isFinite else { throw TrainingError.nonFiniteLoss(epoch: epoch) }
            history.append(loss)
            objectiveHistory.append(objectiveLosses)
            progress?(EpochProgress(epoch: epoch, epochs: configuration.epochs, loss: loss,
                                    objectiveLosses: objectiveLosses, seconds: seconds, model: trainer.model))
        }
        return TrainingResult(model: trainer.model, lossHistory: history, objectiveLossHistory: objectiveHistory,
                              seconds: total, samplesPerSecond: Double(seen) / max(total, 1e-9), examples: seen)
    }
}
