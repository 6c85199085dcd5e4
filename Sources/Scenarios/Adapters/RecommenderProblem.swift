import Foundation
import NumericCore
import ParetoOptimizers
import Recommender

/// The recommender as a black-box multi-objective problem: a decision vector of objective weights
/// (and optional hyper-parameters) in, the validation metrics of the model trained with them out.
///
/// Decision variables: `weight_<first objective>` ∈ [0, 1] (λ = (w, 1 − w) for two objectives; for
/// K ≥ 3, K − 1 coordinates in [0, 1] mapped uniformly onto the simplex,
/// ``SearchSpace/objectiveWeights(_:count:)``), then, when the experiment searches them, `log10_lr`, `weight_decay` and `hidden` (an integer,
/// rounded). Objectives are the validation metrics in the minimization view
/// (``ScenarioObjectives/minimizationPoint(_:)``), because every optimizer minimizes.
///
/// Each evaluation trains one model with a seed derived from the run seed and the decision vector's
/// bits, so the result of an evaluation does not depend on when or on which thread it runs: parallel
/// evaluation gives the same bits. Evaluations are cached by decision vector (the trained model and
/// its validation metrics); the test split is never touched here.
public final class RecommenderProblem: Problem, @unchecked Sendable {
    public let trainer: ScenarioTrainer
    public let searchSpace: SearchSpace
    public let runSeed: UInt64
    private let lock = NSLock()
    private var cache: [[UInt64]: TrainingOutcome] = [:]
    private var trainings = 0

    /// - Throws: `ConfigError` when the scenario has fewer than two objectives.
    public init(trainer: ScenarioTrainer, searchSpace: SearchSpace, runSeed: UInt64) throws {
        guard trainer.data.layout.objectiveCount >= 2 else {
            throw ConfigError(file: "<scenario>", message: "the black-box adapter needs two or more objectives, the data has \(trainer.data.layout.objectiveCount)")
        }
        self.trainer = trainer
        self.searchSpace = searchSpace
        self.runSeed = runSeed
    }

    public var name: String { "recommender-\(trainer.data.kind.rawValue)" }
    public var objectiveCount: Int { trainer.data.layout.objectiveCount }
    public var objectiveNames: [String] { trainer.objectives.metricNames }
    public var variableNames: [String] { searchSpace.variableNames(objectives: trainer.data.layout.objectives.map(\.name)) }
    public var lowerBounds: [Double] { searchSpace.lowerBounds(objectiveCount: objectiveCount) }
    public var upperBounds: [Double] { searchSpace.upperBounds(objectiveCount: objectiveCount) }

    /// The training a decision vector asks for.
    public func request(for x: [Double]) -> TrainingRequest {
        let k = objectiveCount
        let weights = SearchSpace.objectiveWeights(x, count: k)
        var i = k - 1
        var lr = trainer.settings.learningRate, wd = trainer.settings.weightDecay, hidden = trainer.settings.hidden
        if searchSpace.log10LearningRate != nil { lr = pow(10, x[i]); i += 1 }
        if searchSpace.weightDecay != nil { wd = max(0, x[i]); i += 1 }
        if searchSpace.hidden != nil { hidden = max(1, Int(x[i].rounded())); i += 1 }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for v in x { hash = (hash ^ v.bitPattern) &* 0x0000_0100_0000_01b3 }
        let seed = SeededGenerator(seed: runSeed).split("evaluation").split(Int(truncatingIfNeeded: hash)).key
        return TrainingRequest(weights: weights, learningRate: lr, weightDecay: wd, hidden: hidden, seed: seed)
    }

    public func evaluate(_ x: [Double]) throws -> [Double] {
        try trainer.objectives.minimizationPoint(try outcome(for: x).validation)
    }

    /// The (cached) training outcome of a decision vector.
    public func outcome(for x: [Double]) throws -> TrainingOutcome {
        let key = x.map(\.bitPattern)
        lock.lock()
        if let hit = cache[key] { lock.unlock(); return hit }
        lock.unlock()
        let result = try trainer.train(request(for: x))
        lock.lock()
        if cache[key] == nil { trainings += 1 }
        cache[key] = result
        lock.unlock()
        return result
    }

    /// Stores an outcome computed elsewhere (another process) for `x`, as if trained here.
    func adopt(_ outcome: TrainingOutcome, for x: [Double]) {
        lock.lock()
        if cache[x.map(\.bitPattern)] == nil { cache[x.map(\.bitPattern)] = outcome }
        lock.unlock()
    }

    /// Number of distinct models trained so far.
    public var trainingCount: Int { lock.lock(); defer { lock.unlock() }; return trainings }
}

extension RecommenderProblem: MixedIntegerProblem {
    /// The hidden width (when searched) is an integer; surrogate-based optimizers round it inside
    /// their kernel and propose whole widths. Every other decision is continuous.
    public var variableKinds: [VariableKind] {
        variableNames.map { $0 == "hidden" ? .integer : .continuous }
    }
}
