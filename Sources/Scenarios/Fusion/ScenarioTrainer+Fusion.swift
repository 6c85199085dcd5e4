import Recommender

extension ScenarioTrainer {
    /// The scenario's recommender training as a fusion base learner: the experiment's architecture,
    /// sizes, epochs, batch size and optimizer (Adam, or AdamW with the settings' weight decay), on the
    /// weighted-sum loss with objective weights `weights`.
    /// - Throws: `ModelConfigurationError` / `TrainingConfigurationError` for invalid settings or weights.
    public func baseLearner(weights: [Double]) throws -> RecommenderBaseLearner {
        let optimizer: OptimizerConfiguration = settings.weightDecay > 0
            ? .adamW(learningRate: Float(settings.learningRate), weightDecay: Float(settings.weightDecay))
            : .adam(learningRate: Float(settings.learningRate))
        return try RecommenderBaseLearner(configuration: try settings.modelConfiguration(), weights: weights.map { Float($0) },
                                          epochs: settings.epochs, batchSize: settings.batchSize, optimizer: optimizer)
    }
}
