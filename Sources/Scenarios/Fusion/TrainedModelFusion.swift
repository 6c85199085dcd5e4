import NumericCore
import Recommender

/// Applies an experiment's fusion methods to trained recommenders and measures the fused models on
/// the test split like the front's points.
///
/// - `average` and `weighted` fuse a method's Pareto set (its kept models), at no training cost:
///   the equal-weight `AveragingEnsemble`, and `ParetoSetFusion` at the settings' preference.
/// - `bagging` and `boosting` train their own `members` models of the scenario at the settings'
///   preference (weighted-sum loss) through `RecommenderBaseLearner`: `Bagging.fit` on bootstrap
///   resamples of the training split (Breiman 1996), `Boosting.fit` stage-wise on the residual margin
///   with the settings' shrinkage (Friedman 2001).
///
/// Only the training split trains members and only validation metrics choose weights; the test split
/// is used once per fused model and member, to measure them.
public struct TrainedModelFusion: Sendable {
    /// The methods and their sizes.
    public let settings: FusionSettings

    public init(settings: FusionSettings) { self.settings = settings }

    /// The Pareto-set fusions (`average`, `weighted` among the settings' methods) of `models`, with
    /// their `validation` metrics, measured on `test`; empty without models.
    /// - Throws: `FusionError` (count mismatch, objectives differ), metric errors.
    /// - Complexity: one prediction pass over `test` per member and per fusion.
    public func fuseParetoSet(models: [MultiObjectiveModel], validation: [[Double]], objectives: ScenarioObjectives,
                              test: ExampleTable) throws -> [EnsembleRecord] {
        let methods = settings.methods(from: .paretoSet)
        guard !models.isEmpty, !methods.isEmpty else { return [] }
        guard models.count == validation.count else {
            throw FusionError.invalidWeights("\(models.count) models but \(validation.count) validation rows")
        }
        let k = objectives.metricNames.count
        let best = EnsembleRecord.best(of: try models.map { try objectives.measure($0, on: test) }, objectives: k)
        return try methods.map { method in
            let fused: any ScorePredictor
            switch method {
            case .average: fused = try AveragingEnsemble(members: models)
            case .weighted: fused = try ParetoSetFusion(preference: settings.preference).fuse(models: models, validation: validation)
            case .bagging, .boosting: throw FusionError.invalidParameter("\(method.rawValue) does not fuse a Pareto set")
            }
            return EnsembleRecord(method: method, members: models.count, trainings: 0,
                                  test: try objectives.measure(fused, on: test), bestMember: best)
        }
    }

    /// The trained fusions (`bagging`, `boosting` among the settings' methods) on `trainer`'s data with
    /// run seed `seed`, measured on the test split.
    ///
    /// Seeds: bagging uses `SeededGenerator(seed: seed).split("fusion").split("bagging").key` as
    /// `Bagging.fit`'s root seed, boosting `….split("boosting").key`; the same seed gives the same bits.
    /// - Throws: training, fusion and metric errors.
    /// - Complexity: `members` trainings per method.
    public func trainEnsembles(trainer: ScenarioTrainer, seed: UInt64) throws -> [EnsembleRecord] {
        let methods = settings.methods(from: .preference)
        guard !methods.isEmpty else { return [] }
        let learner = try trainer.baseLearner(weights: settings.preference)
        let root = SeededGenerator(seed: seed).split("fusion")
        let train = trainer.data.train, test = trainer.data.test, objectives = trainer.objectives
        let k = objectives.metricNames.count
        return try methods.map { method in
            switch method {
            case .bagging:
                let ensemble = try Bagging.fit(learner: learner, train: train, members: settings.members,
                                               seed: root.split("bagging").key)
                let memberRows = try ensemble.members.map { try objectives.measure($0, on: test) }
                return EnsembleRecord(method: .bagging, members: settings.members, trainings: settings.members,
                                      test: try objectives.measure(ensemble, on: test),
                                      bestMember: EnsembleRecord.best(of: memberRows, objectives: k))
            case .boosting:
                let ensemble = try Boosting.fit(learner: learner, train: train, stages: settings.members,
                                                shrinkage: Float(settings.shrinkage), seed: root.split("boosting").key)
                return EnsembleRecord(method: .boosting, members: settings.members, trainings: settings.members,
                                      test: try objectives.measure(ensemble, on: test),
                                      bestMember: try objectives.measure(ensemble.stages[0], on: test))
            case .average, .weighted:
                throw FusionError.invalidParameter("\(method.rawValue) fuses a Pareto set; it trains no members")
            }
        }
    }
}
