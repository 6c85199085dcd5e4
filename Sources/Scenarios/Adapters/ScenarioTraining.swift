import NumericCore
import Recommender

/// One training of the scenario's recommender: the settings a method chooses (objective weights,
/// optional hyper-parameters, gradient balancing) on top of the experiment's model settings.
public struct TrainingRequest: Sendable {
    /// Objective weights `λ` of the joint loss (on the simplex for black-box methods).
    public var weights: [Double]
    public var learningRate: Double
    public var weightDecay: Double
    public var hidden: Int
    /// How shared gradients are combined (weighted sum, or MGDA-style callbacks).
    public var balancing: GradientBalancing
    /// Seed of the model's initialization and shuffles.
    public var seed: UInt64
    /// Where the training's steps and per-epoch validation metrics go as TensorBoard events, if anywhere.
    public var log: TrainingEventLog?

    public init(weights: [Double], learningRate: Double, weightDecay: Double, hidden: Int,
                balancing: GradientBalancing = .weightedSum, seed: UInt64) {
        self.weights = weights
        self.learningRate = learningRate
        self.weightDecay = weightDecay
        self.hidden = hidden
        self.balancing = balancing
        self.seed = seed
    }
}

/// The outcome of one training: the model, its validation metrics (natural units) and its loss curve.
/// Test metrics are measured separately (``ScenarioTrainer/testMetrics(of:)``), only for the models a
/// method reports, so nothing chosen during optimization sees the test split.
public struct TrainingOutcome: Sendable {
    public var validation: [Double]
    public var lossCurve: [Double]
    public var model: MultiObjectiveModel
}

/// Trains and measures models of one scenario dataset with fixed experiment settings.
public struct ScenarioTrainer: Sendable {
    public let data: ScenarioData
    public let settings: ModelSettings
    public let objectives: ScenarioObjectives

    public init(data: ScenarioData, settings: ModelSettings) {
        self.data = data
        self.settings = settings
        self.objectives = ScenarioObjectives(kind: data.kind, layout: data.layout)
    }

    /// The same data and settings with architecture `kind` (this trainer itself when `kind` is `nil`
    /// or already its architecture).
    public func using(architecture kind: ModelArchitecture.Kind?) -> ScenarioTrainer {
        guard let kind, kind != settings.architecture else { return self }
        var changed = settings
        changed.architecture = kind
        return ScenarioTrainer(data: data, settings: changed)
    }

    /// The test metrics of a trained model (natural units).
    public func testMetrics(of model: MultiObjectiveModel) throws -> [Double] {
        try objectives.measure(model, on: data.test)
    }

    /// Builds the model, trains it on the training split and measures its validation metrics.
    public func train(_ request: TrainingRequest) throws -> TrainingOutcome {
        let root = SeededGenerator(seed: request.seed)
        let model = try untrainedModel(for: request)
        let loss = try JointLoss(objectives: data.layout.objectives, weights: request.weights.map { Float($0) })
        let optimizer: OptimizerConfiguration = request.weightDecay > 0
            ? .adamW(learningRate: Float(request.learningRate), weightDecay: Float(request.weightDecay))
            : .adam(learningRate: Float(request.learningRate))
        let training = try TrainingConfiguration(
            epochs: settings.epochs, batchSize: settings.batchSize, seed: root.split("shuffle").key,
            loss: loss, optimizer: optimizer, balancing: request.balancing, maxBatchesPerEpoch: settings.maxBatchesPerEpoch)
        let result: TrainingResult
        if let log = request.log {
            var failure: Error?
            result = try Trainer.train(model, on: data.train, configuration: training, progress: { p in
                do {
                    let metrics = try objectives.measure(p.model, on: data.validation)
                    try log.epoch(p, samples: data.train.count, validation: Array(zip(objectives.metricNames, metrics)))
                } catch { failure = failure ?? error }
            }, step: log.step)
            if let failure { throw failure }
        } else {
            result = try Trainer.train(model, on: data.train, configuration: training)
        }
        return TrainingOutcome(
            validation: try objectives.measure(result.model, on: data.validation),
            lossCurve: result.lossHistory, model: result.model)
    }

    /// The model `train(_:)` starts from for `request` (architecture from the settings, sizes from
    /// the request, weights drawn from the request's seed).
    public func untrainedModel(for request: TrainingRequest) throws -> MultiObjectiveModel {
        let configuration = try settings.modelConfiguration(hidden: request.hidden)
        return try MultiObjectiveModel(layout: data.layout, configuration: configuration,
                                       generator: SeededGenerator(seed: request.seed).split("init"))
    }
}
