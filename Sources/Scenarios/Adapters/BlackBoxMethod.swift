import NumericCore
import ParetoCore
import ParetoOptimizers
import Recommender

/// Runs a registered optimizer unchanged on the recommender-as-problem, with a budget in
/// evaluations (model trainings).
enum BlackBoxMethod {
    /// One run: optimize on validation metrics, then measure the final Pareto set on the test split.
    static func run(_ method: MethodConfig, entry: RegisteredAlgorithm, seed: UInt64, trainer: ScenarioTrainer,
                    searchSpace: SearchSpace, reference: [Double], parallelism: Int = 1,
                    backend: (any EvaluationBackend)? = nil) throws -> MethodOutcome {
        let problem = try RecommenderProblem(trainer: trainer, searchSpace: searchSpace, runSeed: seed)
        let budget = method.evaluations ?? 10
        let optimizer = try entry.make(AlgorithmSettings(populationSize: method.population, evaluationBudget: budget), problem)
        let result = try optimizer.minimize(
            problem: problem, termination: .evaluations(budget), seed: seed,
            options: RunOptions(parallelism: parallelism, hypervolumeReference: try trainer.objectives.minimizationPoint(reference),
                                backend: backend))
        let front = result.front
        var testRows: [[Double]] = [], decisions: [[Double]] = []
        var loss: [Double] = []
        var models: [MultiObjectiveModel] = [], validation: [[Double]] = []
        for i in 0..<front.count {
            let x = front.decisions.row(i)
            let outcome = try problem.outcome(for: x)
            testRows.append(try trainer.testMetrics(of: outcome.model))
            decisions.append(x)
            models.append(outcome.model)
            validation.append(outcome.validation)
            if loss.isEmpty { loss = outcome.lossCurve }
        }
        return MethodOutcome(
            front: try trainer.objectives.front(testRows, decisionNames: problem.variableNames, decisions: decisions),
            history: result.history.map { (Double($0.evaluations), $0.hypervolume ?? 0) },
            lossCurve: loss, evaluations: result.evaluations, models: models, validation: validation)
    }
}
