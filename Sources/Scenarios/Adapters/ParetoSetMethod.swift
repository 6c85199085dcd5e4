import Foundation
import NumericCore
import ParetoCore
import Recommender

/// Pareto set learning as an experiment method (`pareto-set`): one training per seed of a
/// `PreferenceConditionedModel` with preferences drawn per batch from a Dirichlet distribution; the
/// method's front is the trained model evaluated at `P` preferences (`preferences`, default 11 for two
/// objectives: λ₁ = 0, 0.1, …, 1; a Das–Dennis lattice with about `P` points for more), kept where
/// non-dominated on validation and reported with test metrics.
///
/// Navon, Shamsian, Chechik & Fetaya, "Learning the Pareto Front with Hypernetworks", ICLR 2021,
/// arXiv:2010.04104; Ruchte & Grabocka, "Scalable Pareto Front Approximation for Deep Multi-Objective
/// Learning" (COSMOS), ICDM 2021, arXiv:2103.13392.
public enum ParetoSetMethod {
    /// The method's own settings beside the experiment's model settings.
    public struct Settings: Sendable, Equatable {
        public var conditioning: PreferenceConditioning = .hypernetwork(hidden: 16)
        /// Linear: its weights `∂S/∂L = λ` are never negative, so a larger preference never pushes
        /// its objective's loss up. COSMOS's cosine term does for a loss much smaller than the others
        /// (see `Scalarization.cosmos`), which inverted the rare purchase objective of the e-commerce data.
        public var scalarization: Scalarization = .linear
        /// Dirichlet concentration of the per-batch preference draws.
        public var concentration = 1.0
        public init() {}
    }

    /// The preferences the front is read at: `count` evenly spaced for two objectives, else the
    /// Das–Dennis lattice with the most divisions giving at most `max(count, M)` points.
    public static func evaluationPreferences(objectives m: Int, count: Int) throws -> [[Double]] {
        if m == 2 {
            let p = max(count, 2)
            return (0..<p).map { i in let a = Double(i) / Double(p - 1); return [a, 1 - a] }
        }
        var divisions = 1
        while let next = dasDennisCount(objectives: m, divisions: divisions + 1), next <= max(count, m) { divisions += 1 }
        let lattice = try dasDennisDirections(objectives: m, divisions: divisions)
        return (0..<lattice.rows).map { lattice.row($0) }
    }

    /// One run: one training, then the front at the evaluation preferences. `events`, when given,
    /// gets the training's steps (the drawn λ as weights) and per-epoch validation AUCs at λ uniform.
    static func run(_ method: MethodConfig, seed: UInt64, trainer: ScenarioTrainer, reference: [Double],
                    settings: Settings = Settings(), events: ExperimentEventLog? = nil) throws -> MethodOutcome {
        try trainAndEvaluate(method, seed: seed, trainer: trainer, reference: reference, settings: settings, events: events).outcome
    }

    /// `run`, also returning the trained conditioned model (to save it and score data at any λ later).
    static func trainAndEvaluate(_ method: MethodConfig, seed: UInt64, trainer: ScenarioTrainer, reference: [Double],
                                        settings: Settings = Settings(), events: ExperimentEventLog? = nil)
        throws -> (outcome: MethodOutcome, model: PreferenceConditionedModel) {
        let data = trainer.data, s = trainer.settings
        let configuration = try s.modelConfiguration()
        let root = SeededGenerator(seed: seed).split(method.name)
        let model = try PreferenceConditionedModel(layout: data.layout, configuration: configuration,
                                                   conditioning: settings.conditioning, seed: root.split("init").key)
        let optimizer: OptimizerConfiguration = s.weightDecay > 0
            ? .adamW(learningRate: Float(s.learningRate), weightDecay: Float(s.weightDecay))
            : .adam(learningRate: Float(s.learningRate))
        let training = try ParetoSetTrainingConfiguration(
            epochs: s.epochs, batchSize: s.batchSize, seed: root.split("train").key,
            losses: data.layout.objectives.map { ObjectiveLoss.default(for: $0.kind) },
            scalarization: settings.scalarization, concentration: settings.concentration, optimizer: optimizer)
        let log = events?.trainingLog()
        let m = data.layout.objectiveCount
        let uniform = [Double](repeating: 1 / Double(m), count: m)
        var failure: Error?
        let result = try ParetoSetTrainer.train(model, on: data.train, configuration: training, step: log.map { $0.step }) { p, current in
            guard let log else { return }
            do {
                let metrics = try trainer.objectives.measure(try current.at(uniform), on: data.validation)
                try log.epoch(p, samples: data.train.count, validation: Array(zip(trainer.objectives.metricNames, metrics)))
            } catch { failure = failure ?? error }
        }
        if let failure { throw failure }
        let trained = result.model
        let preferences = try evaluationPreferences(objectives: m, count: method.preferences ?? 11)
        var validation: [[Double]] = [], test: [[Double]] = []
        var history: [(evaluations: Double, hypervolume: Double)] = []
        for (i, lambda) in preferences.enumerated() {
            let slice = try trained.at(lambda)
            validation.append(try trainer.objectives.measure(slice, on: data.validation))
            test.append(try trainer.objectives.measure(slice, on: data.test))
            let points = try trainer.objectives.front(validation).minimizationObjectives
            history.append((Double(i + 1), try hypervolume(of: points, reference: try trainer.objectives.minimizationPoint(reference))))
        }
        let keep = nondominatedIndices(of: try trainer.objectives.front(validation).minimizationObjectives)
        // Plain models exist for the hypernetwork (it only changes head parameters); FiLM models read
        // the preference as input features, so they are not handed to fusion and ranking reports.
        let models: [MultiObjectiveModel]
        if case .hypernetwork = settings.conditioning {
            models = try keep.map { try trained.model(for: preferences[$0]) }
        } else {
            models = []
        }
        var outcome = MethodOutcome(
            front: try trainer.objectives.front(keep.map { test[$0] }, decisionNames: data.layout.objectives.map { "preference_\($0.name)" },
                                                decisions: keep.map { preferences[$0] }),
            history: history, lossCurve: result.lossHistory, evaluations: 1,
            models: models, validation: models.isEmpty ? [] : keep.map { validation[$0] })
        outcome.sweep = Array(zip(preferences, test)).map { (preference: $0.0, test: $0.1) }
        return (outcome, trained)
    }

    /// Registry entry `pareto-set`: the hypernetwork-generated heads (Navon et al.), linear
    /// scalarization under each batch's preference.
    static let registration = RegisteredSetLearner(
        name: "pareto-set", aliases: ["pareto-set-hypernetwork", "psl"],
        summary: "one preference-conditioned model per seed (hypernetwork heads, linear scalarization), front read at P preferences",
        paper: "Navon et al., ICLR 2021, arXiv:2010.04104; Ruchte & Grabocka (COSMOS), ICDM 2021, arXiv:2103.13392"
    ) { method, seed, trainer, reference, events in
        try run(method, seed: seed, trainer: trainer, reference: reference, events: events)
    }

    /// Registry entry `pareto-set-film`: the preference as input features with FiLM scaling of the heads.
    static let filmRegistration = RegisteredSetLearner(
        name: "pareto-set-film", aliases: ["cosmos"],
        summary: "one preference-conditioned model per seed (λ as input as in COSMOS, FiLM-scaled heads, linear scalarization)",
        paper: "Ruchte & Grabocka (COSMOS), ICDM 2021, arXiv:2103.13392; Perez et al. (FiLM), AAAI 2018, arXiv:1709.07871"
    ) { method, seed, trainer, reference, events in
        var settings = Settings()
        settings.conditioning = .film
        return try run(method, seed: seed, trainer: trainer, reference: reference, settings: settings, events: events)
    }
}
