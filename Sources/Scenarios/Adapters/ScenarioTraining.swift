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

/// The measured outcome of one training: validation and test metrics and the loss curve.
public struct TrainingOutcome: Sendable {
    public var validation: [Double]
    public var test: [Double]
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

    /// Builds the model, trains it on the training split and measures validation and test metrics.
    public func train(_ request: TrainingRequest) throws -> TrainingOutcome {
        let root = SeededGenerator(seed: request.seed)
        let model = try untrainedModel(for: request)
        let loss = try JointLoss(objectives: data.layout.objectives, weights: request.weights.map { Float($0) })
        let optimizer: OptimizerConfiguration = request.weightDecay > 0
            ? .adamW(learningRate: Float(request.learningRate), weightDecay: Float(request.weightDecay))
            : .adam(learningRate: Float(request.learningRate))
        let training = try TrainingConfiguration(
            epochs: settings.epochs, batchSize: settings.batchSize, seed: root.split("shuffle").key,
            loss: loss, optimizer: optimizer, balancing: request.balancing)
        let result = try Trainer.train(model, on: data.train, configuration: training)
        return TrainingOutcome(
            validation: try objectives.measure(result.model, on: data.validation),
            test: try objectives.measure(result.model, on: data.test),
            lossCurve: result.lossHistory, model: result.model)
    }

    /// The model `train(_:)` starts from for `request` (architecture from the settings, sizes from
    /// the request, weights drawn from the request's seed).
    public func untrainedModel(for request: TrainingRequest) throws -> MultiObjectiveModel {
        let configuration: ModelConfiguration
        switch settings.architecture {
        case "mmoe":
            configuration = try .mmoe(experts: 4, expertWidths: [request.hidden], towerWidths: [max(4, request.hidden / 2)],
                                      embeddingDimension: settings.embedding)
        default:
            configuration = try .twoTower(userWidths: [request.hidden], itemWidths: [request.hidden],
                                          embeddingDimension: settings.embedding)
        }
        return try MultiObjectiveModel(layout: data.layout, configuration: configuration,
                                       generator: SeededGenerator(seed: request.seed).split("init"))
    }
}
