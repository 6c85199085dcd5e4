import Foundation
import NumericCore

/// Settings of a Pareto set learning run, validated on construction.
public struct ParetoSetTrainingConfiguration: Sendable {
    /// Passes over the training table.
    public let epochs: Int
    /// Examples per batch.
    public let batchSize: Int
    /// Seed of the shuffles (`seed → "shuffle" → epoch`) and the preference draws (`seed → "preference"`).
    public let seed: UInt64
    /// Per-objective losses.
    public let losses: [ObjectiveLoss]
    /// How the losses are folded under each batch's preference.
    public let scalarization: Scalarization
    /// Concentration `α` of the Dirichlet distribution preferences are drawn from (1: uniform).
    public let concentration: Double
    /// The optimizer.
    public let optimizer: OptimizerConfiguration

    /// - Throws: `TrainingConfigurationError.invalid` for non-positive epochs, batch size or
    ///   concentration, a negative COSMOS penalty, or an invalid optimizer.
    public init(epochs: Int, batchSize: Int, seed: UInt64, losses: [ObjectiveLoss], scalarization: Scalarization = .linear,
                concentration: Double = 1, optimizer: OptimizerConfiguration = .adam()) throws {
        guard epochs >= 1 else { throw TrainingConfigurationError.invalid("epochs must be positive, got \(epochs)") }
        guard batchSize >= 1 else { throw TrainingConfigurationError.invalid("batch size must be positive, got \(batchSize)") }
        guard concentration > 0, concentration.isFinite else {
            throw TrainingConfigurationError.invalid("Dirichlet concentration \(concentration) must be positive")
        }
        if case .cosmos(let mu) = scalarization, !(mu >= 0 && mu.isFinite) {
            throw TrainingConfigurationError.invalid("COSMOS penalty \(mu) must be non-negative")
        }
        try optimizer.validate()
        self.epochs = epochs
        self.batchSize = batchSize
        self.seed = seed
        self.losses = losses
        self.scalarization = scalarization
        self.concentration = concentration
        self.optimizer = optimizer
    }
}

/// Trains a `PreferenceConditionedModel` so that one network covers the Pareto front: every batch
/// draws a preference `λ ~ Dir(α)` from a seeded stream and takes an optimizer step on the
/// scalarized loss `S(L(θ, λ); λ)` (Navon et al., ICLR 2021, arXiv:2010.04104; Ruchte & Grabocka,
/// ICDM 2021, arXiv:2103.13392).
///
/// Deterministic: the same model, data, configuration and seed give the same bits.
/// - Complexity: per batch, one plain forward and backward pass plus the conditioning's
///   O(head parameters · (K + hidden)).
public enum ParetoSetTrainer {
    /// Trains for `configuration.epochs` epochs on `table` (in the model's `layout`). `step` is
    /// called after every optimizer step (with the batch's `λ` as the weights), `progress` after
    /// every epoch (its `model` is the conditioned model's base at the uniform preference).
    /// - Throws: `TrainingError` for empty data, mismatched losses or a non-finite loss;
    ///   `ModelConfigurationError` for a table of another layout.
    public static func train(
        _ model: PreferenceConditionedModel, on table: ExampleTable, configuration: ParetoSetTrainingConfiguration,
        step: ((TrainingStep) -> Void)? = nil, progress: ((EpochProgress, PreferenceConditionedModel) -> Void)? = nil
    ) throws -> (model: PreferenceConditionedModel, lossHistory: [Double], seconds: Double) {
        guard table.count > 0 else { throw TrainingError.emptyTable }
        let k = model.objectives.count
        guard configuration.losses.count == k else {
            throw TrainingError.objectiveCountMismatch(model: k, loss: configuration.losses.count)
        }
        let input = try model.input(table, preference: [Float](repeating: 0, count: k))
        let engine = ConditionedGradientEngine(model: model, capacity: min(configuration.batchSize, table.count),
                                               losses: configuration.losses)
        var parameters = ModelParameters(dense: model.base.parameters.dense + model.conditioner,
                                         embeddings: model.base.parameters.embeddings)
        var state = OptimizerState(configuration: configuration.optimizer, parameters: parameters)
        let root = SeededGenerator(seed: configuration.seed)
        var preferences = try DirichletSampler(dimension: k, concentration: configuration.concentration,
                                               generator: root.split("preference"))
        let shuffles = root.split("shuffle")
        let d = model.base.configuration.embeddingDimension
        var history: [Double] = []
        var total = 0.0, steps = 0
        for epoch in 1...configuration.epochs {
            let start = DispatchTime.now().uptimeNanoseconds
            var order = Array(0..<table.count)
            var g = shuffles.split(epoch)
            g.shuffle(&order)
            var sum = 0.0
            var objectiveSums = [Double](repeating: 0, count: k)
            try order.withUnsafeBufferPointer { all in
                var from = 0
                while from < all.count {
                    let to = min(from + configuration.batchSize, all.count)
                    let lambda = preferences.next()
                    let r = engine.run(parameters: &parameters, table: input, rows: UnsafeBufferPointer(rebasing: all[from..<to]),
                                       preference: lambda, scalarization: configuration.scalarization)
                    guard r.value.isFinite else { throw TrainingError.nonFiniteLoss(epoch: epoch) }
                    state.apply(engine.parameterGradients, to: &parameters, embeddingDimension: d)
                    engine.engine.clearEmbeddingGradients(model: engine.working)
                    sum += r.value * Double(to - from)
                    for o in 0..<k { objectiveSums[o] += r.losses[o] * Double(to - from) }
                    steps += 1
                    step?(TrainingStep(step: steps, epoch: epoch, objectiveLosses: r.losses, loss: r.value, weights: lambda))
                    from = to
                }
            }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            total += seconds
            history.append(sum / Double(table.count))
            if let progress {
                let current = model.with(parameters)
                let uniform = (try? current.model(for: [Double](repeating: 1 / Double(k), count: k))) ?? current.base
                progress(EpochProgress(epoch: epoch, epochs: configuration.epochs, loss: sum / Double(table.count),
                                       objectiveLosses: objectiveSums.map { $0 / Double(table.count) }, seconds: seconds,
                                       model: uniform), current)
            }
        }
        return (model.with(parameters), history, total)
    }
}

extension PreferenceConditionedModel {
    /// This model with conditioned parameters `[base dense | conditioner]` and embeddings `parameters`.
    func with(_ parameters: ModelParameters) -> PreferenceConditionedModel {
        var m = self
        let n = base.parameters.dense.count
        m.base.parameters = ModelParameters(dense: Array(parameters.dense[0..<n]), embeddings: parameters.embeddings)
        m.conditioner = Array(parameters.dense[n...])
        return m
    }

    /// The scalarized loss at preference `λ` on rows `rows` of `table` (all when `nil`) and its
    /// gradient: `dense` is the gradient of `[base.parameters.dense | conditioner]`, embeddings sparse.
    /// - Throws: `PreferenceError`, `TrainingError` or `ModelConfigurationError` for bad input.
    /// - Complexity: one forward and one backward pass.
    public func lossAndGradient(on table: ExampleTable, rows: [Int]? = nil, preference: [Double], losses: [ObjectiveLoss],
                                scalarization: Scalarization) throws -> (loss: Double, objectiveLosses: [Double], gradient: ParameterGradients) {
        _ = try Self.check(preference, objectives: objectives.count)
        guard losses.count == objectives.count else {
            throw TrainingError.objectiveCountMismatch(model: objectives.count, loss: losses.count)
        }
        let selected = rows ?? Array(0..<table.count)
        guard !selected.isEmpty else { throw TrainingError.emptyTable }
        guard selected.allSatisfy({ $0 >= 0 && $0 < table.count }) else {
            throw TrainingConfigurationError.invalid("row indices must lie in 0..<\(table.count)")
        }
        let input = try self.input(table, preference: [Float](repeating: 0, count: objectives.count))
        let engine = ConditionedGradientEngine(model: self, capacity: selected.count, losses: losses)
        var parameters = ModelParameters(dense: base.parameters.dense + conditioner, embeddings: base.parameters.embeddings)
        let r = selected.withUnsafeBufferPointer {
            engine.run(parameters: &parameters, table: input, rows: $0, preference: preference, scalarization: scalarization)
        }
        return (r.value, r.losses, engine.parameterGradients)
    }
}
