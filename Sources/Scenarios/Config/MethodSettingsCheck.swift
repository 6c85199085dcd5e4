import NumericCore
import ParetoOptimizers

/// A problem with the recommender's decision space and objective count that trains nothing: the
/// optimizers' factories, and their first iteration, are run against it when a configuration is read,
/// so their own configuration checks (e.g. NSGA-II's population ≥ 2) fail before any work starts.
/// Its objectives are a cheap ZDT1-like pair on the first variable (`x₀`, `1 − √x₀`).
struct DecisionSpaceProbe: Problem {
    let searchSpace: SearchSpace
    let objectiveCount: Int
    var name: String { "recommender" }
    var lowerBounds: [Double] { searchSpace.lowerBounds(objectiveCount: objectiveCount) }
    var upperBounds: [Double] { searchSpace.upperBounds(objectiveCount: objectiveCount) }
    var variableNames: [String] { searchSpace.variableNames(objectives: (1...objectiveCount).map { "objective_\($0)" }) }

    func evaluate(_ x: [Double]) throws -> [Double] {
        let w = min(max(x.first ?? 0, 0), 1)
        return [w, 1 - w.squareRoot()] + [Double](repeating: 0, count: max(0, objectiveCount - 2))
    }
}

/// Checks a method's settings against its registry entry, the way the runner will use them.
enum MethodSettingsCheck {
    /// Number of trainings of an in-training method without `preferences`: 5 for a
    /// preference-based method (a front needs several preferences), 3 independent runs otherwise.
    static func defaultTrainings(_ entry: RegisteredWeighting) -> Int { entry.usesPreferences ? 5 : 3 }

    /// Builds what the runner builds for `method` (the optimizer for the problem's shape, or every
    /// training's weighting run), so that an invalid setting throws here. A black-box method given a
    /// budget but no population also runs its first iteration on the probe: a run stops once its
    /// budget is spent, so the last iteration may overrun it, but a first iteration of more than twice
    /// the budget (e.g. NSGA-II's default population of 100 for a budget of 6) means the method's
    /// default size ignores the budget.
    /// - Throws: the registry's error (`OptimizerError.invalidConfiguration`, …).
    static func check(_ method: MethodConfig, resolved: ResolvedMethod, probe: DecisionSpaceProbe) throws {
        switch resolved {
        case .blackBox(let entry):
            let optimizer = try entry.make(
                AlgorithmSettings(populationSize: method.population, evaluationBudget: method.evaluations), probe)
            guard optimizer.problemRequirement.isSatisfied(by: probe) else {
                throw OptimizerError.unsupportedProblem("\(entry.name) needs a \(optimizer.problemRequirement.rawValue) problem; the recommender is a black-box problem")
            }
            if let budget = method.evaluations, method.population == nil {
                let first = try optimizer.minimize(problem: probe, termination: .evaluations(1), seed: 0)
                let spent = first.history.first?.evaluations ?? first.evaluations
                guard spent <= 2 * budget else {
                    throw OptimizerError.invalidConfiguration(
                        "its first iteration alone spends \(spent) evaluations, more than twice the budget of \(budget)"
                        + (entry.acceptedBudget.contains(.population) ? "; set 'population' to at most \(budget)" : ""))
                }
            }
        case .inTraining(let entry):
            let runs = method.preferences ?? defaultTrainings(entry)
            for settings in try trainingSettings(entry, runs: runs, objectives: probe.objectiveCount) {
                _ = try entry.make(settings, SeededGenerator(seed: 0))
            }
        case .setLearning:
            if let p = method.preferences, p < 2 {
                throw OptimizerError.invalidConfiguration("a Pareto-set learner reads its front at 'preferences' ≥ 2 points, got \(p)")
            }
        }
    }

    /// The settings of each of `runs` trainings: preference-based methods get the entry's preference
    /// set (one vector per training), the others no preferences (independent initializations).
    /// - Throws: `OptimizerError.invalidConfiguration` when the entry's preference set has the wrong size.
    static func trainingSettings(_ entry: RegisteredWeighting, runs: Int, objectives: Int) throws -> [WeightingSettings] {
        guard entry.usesPreferences else {
            return (0..<runs).map { WeightingSettings(objectives: objectives, preferenceIndex: $0) }
        }
        let preferences = entry.preferenceSet(runs, objectives)
        guard preferences.count == runs, preferences.allSatisfy({ $0.count == objectives }) else {
            throw OptimizerError.invalidConfiguration(
                "\(entry.name)'s preference set has \(preferences.count) vectors for \(runs) trainings of \(objectives) objectives")
        }
        return (0..<runs).map { WeightingSettings(objectives: objectives, preferences: preferences, preferenceIndex: $0) }
    }
}
