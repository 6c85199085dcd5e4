import NumericCore
import ParetoCore
import ParetoOptimizers
import Recommender

/// Runs a registered optimizer (weighted sum, grid, NSGA-II, SMPSO, …) unchanged on the
/// recommender-as-problem, with a budget in evaluations (model trainings).
public enum BlackBoxMethod {
    /// The optimizer library's registry name for an experiment method name.
    static func registryName(_ method: String) -> String {
        switch method {
        case "mopso": return "smpso"
        default: return method
        }
    }

    /// One run: optimize on validation metrics, then report the final Pareto set's test metrics.
    public static func run(_ method: MethodConfig, seed: UInt64, trainer: ScenarioTrainer, searchSpace: SearchSpace,
                           reference: [Double], parallelism: Int = 1,
                           backend: (any EvaluationBackend)? = nil) throws -> MethodOutcome {
        let problem = try RecommenderProblem(trainer: trainer, searchSpace: searchSpace, runSeed: seed)
        let budget = method.evaluations ?? 10
        let optimizer = try OptimizerRegistry.make(
            name: registryName(method.name),
            settings: AlgorithmSettings(populationSize: method.population, evaluationBudget: budget), problem: problem)
        let result = try optimizer.minimize(
            problem: problem, termination: .evaluations(budget), seed: seed,
            options: RunOptions(parallelism: parallelism, hypervolumeReference: reference.map { -$0 }, backend: backend))
        let front = result.front
        var testRows: [[Double]] = [], decisions: [[Double]] = []
        var loss: [Double] = []
        var models: [MultiObjectiveModel] = [], validation: [[Double]] = []
        for i in 0..<front.count {
            let x = front.decisions.row(i)
            let outcome = try problem.outcome(for: x)
            testRows.append(outcome.test)
            decisions.append(x)
            models.append(outcome.model)
            validation.append(outcome.validation)
            if loss.isEmpty { loss = outcome.lossCurve }
        }
        return MethodOutcome(
            front: testRows, decisionNames: problem.variableNames, decisions: decisions,
            history: result.history.map { (Double($0.evaluations), $0.hypervolume ?? 0) },
            lossCurve: loss, evaluations: result.evaluations,
            models: models, validation: validation)
    }
}
