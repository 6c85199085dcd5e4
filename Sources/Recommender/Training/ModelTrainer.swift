import NumericCore
import Foundation

/// Trains a `MultiObjectiveModel` batch by batch over preallocated buffers: forward, joint loss,
/// backward (weighted sum or balanced per-objective gradients), optimizer update.
///
/// Deterministic: the same model, data, configuration and seed give bit-identical parameters (with
/// OpenBLAS, whose `sgemm` sums each output element in a fixed order for a given thread count).
public final class ModelTrainer {
    /// The model being trained.
    public private(set) var model: MultiObjectiveModel
    /// The settings.
    public let configuration: TrainingConfiguration
    /// Optimizer moments and step count.
    public private(set) var optimizerState: OptimizerState
    /// Shared-gradient weights chosen by the balancing callback on the last step (λ for weighted sum).
    public private(set) var lastWeights: [Double]
    /// Steps taken so far (the next step's index, from 0).
    public private(set) var stepCount = 0
    /// Epoch reported to a balancing callback (from 1; `Trainer` sets it before each epoch).
    public var epoch = 1
    private let engine: GradientEngine
    /// Sums the shards of each batch in data-parallel training (nil = this process trains alone).
    public let reducer: (any GradientReducer)?

    /// A trainer for `model`; with a `reducer`, each step trains on this shard of the batch it is
    /// given and sums the gradients over the shards before the weighting (data-parallel training).
    /// - Throws: `TrainingError.objectiveCountMismatch`, `GradientReductionError.unsupported` for
    ///   representation-level balancing over several shards.
    public init(model: MultiObjectiveModel, configuration: TrainingConfiguration, reducer: (any GradientReducer)? = nil) throws {
        guard configuration.loss.losses.count == model.objectives.count else {
            throw TrainingError.objectiveCountMismatch(model: model.objectives.count, loss: configuration.loss.losses.count)
        }
        if let reducer, reducer.shardCount > 1, case .balanced(.sharedRepresentation, _, _) = configuration.balancing {
            throw GradientReductionError.unsupported("balancing on the shared representation needs every example's gradient on one process; use shared-parameter balancing")
        }
        self.reducer = reducer
        self.model = model
        self.configuration = configuration
        optimizerState = OptimizerState(configuration: configuration.optimizer, parameters: model.parameters)
        engine = GradientEngine(model: model, capacity: configuration.batchSize, losses: configuration.loss.losses)
        lastWeights = configuration.loss.weights.map(Double.init)
    }

    /// One optimizer step on rows `rows` of `table` (at most `batchSize` of them); returns each
    /// objective's mean loss on the batch before the update.
    /// - Throws: layout or margin mismatches, balancing-callback failures.
    @discardableResult
    public func step(on table: ExampleTable, rows: [Int], baseMargin: Matrix<Float>? = nil) throws -> [Double] {
        try model.validate(table)
        try Self.checkMargin(baseMargin, table: table, objectives: model.objectives.count)
        guard rows.count <= configuration.batchSize, rows.allSatisfy({ $0 >= 0 && $0 < table.count }) else {
            throw TrainingConfigurationError.invalid("step rows must be at most \(configuration.batchSize) valid row indices")
        }
        try rows.withUnsafeBufferPointer { try stepUnchecked(table, $0, baseMargin) }
        return engine.batchLosses
    }

    func stepUnchecked(_ table: ExampleTable, _ rows: UnsafeBufferPointer<Int>, _ margin: Matrix<Float>?) throws {
        guard rows.count > 0 else { return }
        if let reducer, reducer.shardCount > 1 { return try stepShard(table, rows, margin, reducer) }
        engine.forward(model: model, table: table, rows: rows, margin: margin, weights: configuration.loss.weights)
        switch configuration.balancing {
        case .weightedSum:
            engine.backwardWeightedSum(model: model)
        case .balanced(let target, let vectors, let weighting):
            lastWeights = try engine.backwardBalanced(model: model, target: target, weighting: weighting,
                                                      step: stepCount, epoch: epoch, includeVectors: vectors)
        }
        stepCount += 1
        optimizerState.apply(engine.gradient, to: &model.parameters, embeddingDimension: model.configuration.embeddingDimension)
        engine.clearEmbeddingGradients(model: model)
    }

    /// One data-parallel step: this shard of `rows` forward and backward, sums over the shards, update.
    private func stepShard(_ table: ExampleTable, _ rows: UnsafeBufferPointer<Int>, _ margin: Matrix<Float>?,
                           _ reducer: any GradientReducer) throws {
        let local = UnsafeBufferPointer(rebasing: rows[reducer.shard(of: 0..<rows.count)])
        engine.globalBatch = rows.count
        if local.isEmpty {
            engine.loadEmptyShard()
        } else {
            engine.forward(model: model, table: table, rows: local, margin: margin, weights: configuration.loss.weights)
        }
        switch configuration.balancing {
        case .balanced(.sharedParameters, let vectors, let weighting):
            try engine.reduceLosses(reducer)
            lastWeights = try engine.backwardBalancedSharded(model: model, weighting: weighting, reducer: reducer, empty: local.isEmpty,
                                                             step: stepCount, epoch: epoch, includeVectors: vectors)
        case .weightedSum, .balanced(.sharedRepresentation, _, _):  // representation is refused at init for several shards
            if local.isEmpty { engine.clearGradient(model: model) } else { engine.backwardWeightedSum(model: model) }
            try engine.reduceWeightedSumGradient(reducer, model: model)
            try engine.reduceLosses(reducer)
        }
        stepCount += 1
        optimizerState.apply(engine.gradient, to: &model.parameters, embeddingDimension: model.configuration.embeddingDimension)
        engine.clearEmbeddingGradients(model: model)
    }

    /// Mean per-objective losses of the last step.
    public var lastLosses: [Double] { engine.batchLosses }

    static func checkMargin(_ margin: Matrix<Float>?, table: ExampleTable, objectives: Int) throws {
        if let margin, margin.rows != table.count || margin.columns != objectives {
            throw TrainingError.marginShape(rows: margin.rows, columns: margin.columns, expectedRows: table.count, expectedColumns: objectives)
        }
    }
}
