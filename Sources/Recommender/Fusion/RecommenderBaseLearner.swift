import NumericCore

/// A recommender training as a `FusionBaseLearner`: each `fit` builds a fresh `MultiObjectiveModel`
/// for the table's layout and trains it with `Trainer` on the joint loss `Σ_k λ_k L_k`, adding the
/// base margin to the scores before the loss, so bagging (Breiman 1996, doi:10.1007/BF00058655)
/// and gradient boosting (Friedman 2001, doi:10.1214/aos/1013203451) run on real scenario models.
///
/// With a margin `F` (boosting's previous stages), training minimizes
/// `Σ_k λ_k mean_n ℓ_k(F_nk + f_k(x_n), y_nk)`: for squared error the model fits the residual
/// `y − F`, for cross-entropy its gradient is the residual `σ(F + f) − y` of the probability
/// (Friedman 2001 §4.5). The returned model's scores exclude the margin, as the protocol asks.
///
/// Randomness: with `g = SeededGenerator(seed: seed)`, the weights are drawn from `g.split("init")`
/// and the shuffles from seed `g.split("shuffle").key`; the same seed gives the same model bit for bit.
public struct RecommenderBaseLearner: FusionBaseLearner, Sendable {
    /// Architecture and sizes of every fitted model.
    public let configuration: ModelConfiguration
    /// Joint-loss weights `λ_k`, one per objective (the preference the members are trained at).
    public let weights: [Float]
    /// Passes over the training table per fit.
    public let epochs: Int
    /// Examples per batch.
    public let batchSize: Int
    /// The optimizer of every fit.
    public let optimizer: OptimizerConfiguration

    /// A learner. - Throws: `TrainingConfigurationError.invalid` for non-positive epochs or batch
    /// size, an invalid optimizer, or a negative / non-finite weight.
    public init(configuration: ModelConfiguration, weights: [Float], epochs: Int, batchSize: Int,
                optimizer: OptimizerConfiguration = .adam()) throws {
        // Validates the counts, sizes and optimizer once, before any training.
        _ = try TrainingConfiguration(epochs: epochs, batchSize: batchSize, seed: 0,
                                      loss: JointLoss(losses: weights.map { _ in .meanSquaredError }, weights: weights),
                                      optimizer: optimizer)
        self.configuration = configuration
        self.weights = weights
        self.epochs = epochs
        self.batchSize = batchSize
        self.optimizer = optimizer
    }

    /// The model `fit` starts from for `layout` and `seed` (weights from `seed → "init"`).
    /// - Throws: `ModelConfigurationError` when the layout cannot feed the architecture.
    public func untrainedModel(layout: FeatureLayout, seed: UInt64) throws -> MultiObjectiveModel {
        try MultiObjectiveModel(layout: layout, configuration: configuration, generator: SeededGenerator(seed: seed).split("init"))
    }

    /// The training settings of a fit with `seed` on objectives `objectives`.
    /// - Throws: `TrainingConfigurationError` when the weights do not match the objectives.
    public func trainingConfiguration(objectives: [ObjectiveSpec], seed: UInt64) throws -> TrainingConfiguration {
        try TrainingConfiguration(epochs: epochs, batchSize: batchSize, seed: SeededGenerator(seed: seed).split("shuffle").key,
                                  loss: JointLoss(objectives: objectives, weights: weights), optimizer: optimizer)
    }

    /// Trains one model on `train` on top of `baseMargin` (`count × K` raw scores, or `nil` for zero).
    /// - Throws: `TrainingConfigurationError`, `ModelConfigurationError` or `TrainingError` (empty
    ///   table, margin of the wrong shape, non-finite loss).
    /// - Complexity: `epochs` passes of forward and backward over `train`.
    public func fit(_ train: ExampleTable, baseMargin: Matrix<Float>?, seed: UInt64) throws -> any ScorePredictor {
        try fitModel(train, baseMargin: baseMargin, seed: seed)
    }

    /// `fit` with the concrete model type.
    public func fitModel(_ train: ExampleTable, baseMargin: Matrix<Float>?, seed: UInt64) throws -> MultiObjectiveModel {
        let model = try untrainedModel(layout: train.layout, seed: seed)
        let settings = try trainingConfiguration(objectives: train.layout.objectives, seed: seed)
        return try Trainer.train(model, on: train, configuration: settings, baseMargin: baseMargin).model
    }
}
