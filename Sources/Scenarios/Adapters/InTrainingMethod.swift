import NumericCore
import ParetoCore
import ParetoOptimizers
import Recommender

/// Runs a registered gradient weighting inside training (the recommender as a differentiable
/// objective vector): `preferences` trainings, each with its own ``WeightingRun`` plugged into the
/// trainer's ``GradientBalancing`` callback, each giving one point of the method's front.
///
/// A preference-based method's trainings follow the entry's preference set (one vector each); the
/// other methods' trainings differ only in their initialization. The method's Pareto set is the
/// trainings not dominated on validation, reported with their test metrics.
enum InTrainingMethod {
    /// One run of `method` with `seed`.
    /// With `events`, each training's steps and epochs are logged under the tag prefix `run<r>/`.
    static func run(_ method: MethodConfig, entry: RegisteredWeighting, seed: UInt64, trainer: ScenarioTrainer,
                    reference: [Double], events: ExperimentEventLog? = nil) throws -> MethodOutcome {
        let k = trainer.objectives.metricNames.count
        let count = method.preferences ?? MethodSettingsCheck.defaultTrainings(entry)
        let settings = try MethodSettingsCheck.trainingSettings(entry, runs: count, objectives: k)
        let target: GradientTarget = (method.target ?? entry.defaultTarget) == .sharedRepresentation ? .sharedRepresentation : .sharedParameters
        let root = SeededGenerator(seed: seed).split(entry.name)
        var validationRows: [[Double]] = [], decisions: [[Double]] = []
        var history: [(evaluations: Double, hypervolume: Double)] = []
        var loss: [Double] = []
        var models: [MultiObjectiveModel] = []
        let minReference = try trainer.objectives.minimizationPoint(reference)
        for (r, setting) in settings.enumerated() {
            let generator = root.split(r)
            let run = try entry.make(setting, generator.split("weighting"))
            let balancing = GradientBalancing.balanced(target: target, gradientVectors: run.requirement == .gradients) { summary in
                try run.weights(WeightingInput(gram: summary.gram, losses: summary.losses, step: summary.step, epoch: summary.epoch,
                                               gradients: try summary.gradients.map(Self.double)))
            }
            var request = TrainingRequest(
                weights: [Double](repeating: 1, count: k), learningRate: trainer.settings.learningRate,
                weightDecay: trainer.settings.weightDecay, hidden: trainer.settings.hidden, balancing: balancing, seed: generator.key)
            request.log = events?.trainingLog(prefix: "run\(r)/")
            let outcome = try trainer.train(request)
            validationRows.append(outcome.validation)
            models.append(outcome.model)
            decisions.append(setting.preference ?? [Double(r)])
            if loss.isEmpty { loss = outcome.lossCurve }
            let points = try trainer.objectives.front(validationRows).minimizationObjectives
            history.append((Double(r + 1), try hypervolume(of: points, reference: minReference)))
        }
        let decisionNames = entry.usesPreferences ? (1...k).map { "preference_\($0)" } : ["run"]
        let keep = nondominatedIndices(of: try trainer.objectives.front(validationRows).minimizationObjectives)
        let test = try keep.map { try trainer.testMetrics(of: models[$0]) }
        return MethodOutcome(
            front: try trainer.objectives.front(test, decisionNames: decisionNames, decisions: keep.map { decisions[$0] }),
            history: history, lossCurve: loss, evaluations: count, models: keep.map { models[$0] },
            validation: keep.map { validationRows[$0] })
    }

    /// The Float gradient vectors in `Double`, as weightings take them.
    static func double(_ m: Matrix<Float>) throws -> Matrix<Double> {
        try Matrix<Double>(rows: m.rows, columns: m.columns, storage: m.storage.map(Double.init))
    }
}
