import Dispatch
import Foundation
import NumericCore
import ParetoCore

/// Settings of a run that are not part of the algorithm: threads, history hypervolume,
/// checkpoints and resumption.
public struct RunOptions: Sendable {
    /// Threads for batch evaluation (results are bit-identical for any value).
    public var parallelism: Int
    /// Reference point for the hypervolume column of the history (none = column left empty,
    /// unless a stagnation criterion brings its own).
    public var hypervolumeReference: [Double]?
    /// Where and how often to write checkpoints.
    public var checkpoint: CheckpointPolicy?
    /// A checkpoint file to continue from instead of initializing.
    public var resumeFrom: URL?
    /// Where batches are evaluated (nil = `parallelism` threads of this process).
    public var backend: (any EvaluationBackend)?

    /// Run options; all optional.
    public init(parallelism: Int = 1, hypervolumeReference: [Double]? = nil,
                checkpoint: CheckpointPolicy? = nil, resumeFrom: URL? = nil, backend: (any EvaluationBackend)? = nil) {
        self.parallelism = parallelism
        self.backend = backend
        self.hypervolumeReference = hypervolumeReference
        self.checkpoint = checkpoint
        self.resumeFrom = resumeFrom
    }
}

/// Runs `optimizer` on `problem` until `termination` is met and returns the result — the
/// `minimize(problem, algorithm, termination, seed)` driver of pymoo, for every ``Optimizer``.
///
/// The optimizer's generator is `SeededGenerator(seed: seed).split(O.name)`, so the same seed
/// gives the same bits whatever `options.parallelism`. After each iteration the driver records a
/// ``HistoryRow`` (non-dominated front size, optional hypervolume), calls the observers, and
/// writes a checkpoint every `options.checkpoint.every` iterations and at the end. With
/// `options.resumeFrom` it restores state, counters and history from a checkpoint and continues;
/// the final front is then bit-identical to that of an uninterrupted run.
///
/// - Throws: `OptimizerError` for an unsuitable problem, a bad or foreign checkpoint, or a bad
///   evaluation; the problem's own errors.
public func minimize<O: Optimizer>(
    problem: any Problem, optimizer: O, termination: Termination, seed: UInt64,
    observers: [any OptimizationObserver] = [], options: RunOptions = RunOptions()
) throws -> OptimizationResult {
    try validate(problem: problem, for: O.self)
    let reference = options.hypervolumeReference ?? termination.stagnationReference
    if let reference, reference.count != problem.objectiveCount {
        throw OptimizerError.invalidConfiguration("hypervolume reference has \(reference.count) values, the problem \(problem.objectiveCount) objectives")
    }
    // The configuration as checkpoints store it; encoded only when checkpoints are written or read.
    let configuration = options.checkpoint != nil || options.resumeFrom != nil
        ? try Checkpoint<O.State>.encodeConfiguration(optimizer.configuration) : ""
    let started = DispatchTime.now().uptimeNanoseconds
    var evaluator: Evaluator
    var state: O.State
    var history: [HistoryRow]
    var elapsedBefore = 0.0
    var front: Population

    func record() throws {
        front = state.nondominatedFront
        let elapsed = elapsedBefore + Double(DispatchTime.now().uptimeNanoseconds - started) * 1e-9
        let row = HistoryRow(iteration: history.count + 1, evaluations: evaluator.evaluationCount,
                             frontSize: front.count,
                             hypervolume: try reference.map { try frontHypervolume(front.objectives, reference: $0) },
                             elapsedSeconds: elapsed)
        history.append(row)
        for observer in observers { observer.observe(row, front: front) }
    }
    // History rows already in the checkpoint's history file (0 = rewrite it whole at the next
    // checkpoint, so a stale file of an earlier run or rows past a resumed checkpoint go away).
    var historyOnDisk = 0
    func saveCheckpoint() throws {
        guard let policy = options.checkpoint else { return }
        try Checkpoint(algorithm: O.name, configuration: configuration, problem: problem.name,
                       variables: problem.variableCount, objectives: problem.objectiveCount, seed: seed,
                       evaluations: evaluator.evaluationCount, history: history, state: state)
            .write(to: policy.url, historyOnDisk: historyOnDisk)
        historyOnDisk = history.count
    }

    if let url = options.resumeFrom {
        let checkpoint = try Checkpoint<O.State>.read(from: url)
        do {
            try checkpoint.validate(algorithm: O.name, configuration: configuration, problem: problem, seed: seed)
        } catch OptimizerError.checkpoint(let message) {
            throw OptimizerError.checkpoint("\(url.path): \(message)")
        }
        state = checkpoint.state
        history = checkpoint.history
        elapsedBefore = history.last?.elapsedSeconds ?? 0
        evaluator = Evaluator(problem: problem, parallelism: options.parallelism, evaluationCount: checkpoint.evaluations,
                              backend: options.backend)
        front = feasibleNondominated(state.front)
    } else {
        evaluator = Evaluator(problem: problem, parallelism: options.parallelism, backend: options.backend)
        state = try optimizer.initialize(evaluator: &evaluator, rng: SeededGenerator(seed: seed).split(O.name))
        history = []
        front = Population(variables: problem.variableCount, objectives: problem.objectiveCount)
        try record()
        if let policy = options.checkpoint, history.count % policy.every == 0 { try saveCheckpoint() }
    }
    var stoppedBy = termination.metCriterion(history: history)
    while stoppedBy == nil && !state.isFinished {
        try optimizer.step(&state, evaluator: &evaluator)
        try record()
        if let policy = options.checkpoint, history.count % policy.every == 0 { try saveCheckpoint() }
        stoppedBy = termination.metCriterion(history: history)
    }
    if let policy = options.checkpoint, history.count % policy.every != 0 { try saveCheckpoint() }
    return OptimizationResult(
        algorithm: O.name, problem: problem.name, seed: seed, population: state.population, front: front,
        evaluations: evaluator.evaluationCount, iterations: history.count,
        elapsedSeconds: history.last?.elapsedSeconds ?? 0, evaluationSeconds: evaluator.evaluationSeconds,
        history: history, stoppedBy: stoppedBy)
}

/// Checks bounds and the algorithm's requirement before a run.
func validate<O: Optimizer>(problem: any Problem, for _: O.Type) throws {
    guard problem.objectiveCount >= 1 else { throw OptimizerError.unsupportedProblem("\(problem.name) has no objectives") }
    guard problem.lowerBounds.count == problem.upperBounds.count, !problem.lowerBounds.isEmpty else {
        throw OptimizerError.unsupportedProblem("\(problem.name) needs equally many (≥ 1) lower and upper bounds")
    }
    for (j, (l, u)) in zip(problem.lowerBounds, problem.upperBounds).enumerated() where !(l.isFinite && u.isFinite && l <= u) {
        throw OptimizerError.unsupportedProblem("\(problem.name): bounds of variable \(j + 1) are [\(l), \(u)]")
    }
    guard O.problemRequirement.isSatisfied(by: problem) else {
        throw OptimizerError.unsupportedProblem("\(O.name) needs a \(O.problemRequirement.rawValue) problem; \(problem.name) is not")
    }
}

/// The non-dominated rows of `population` among its feasible rows (or, when none is feasible,
/// the rows of least violation), in their original order.
public func feasibleNondominated(_ population: Population) -> Population {
    guard population.count > 0 else { return population }
    var candidates = Array(0..<population.count)
    if population.hasViolations {
        let feasible = candidates.filter { population.violations[$0] <= 0 }
        if feasible.isEmpty {
            let least = population.violations.min() ?? 0
            candidates = candidates.filter { population.violations[$0] == least }
        } else {
            candidates = feasible
        }
    }
    let subset = candidates.count == population.count ? population : population.selecting(candidates)
    return subset.selecting(nondominatedIndices(of: subset.objectives))
}

/// Hypervolume of the rows of `objectives` that strictly dominate `reference` (0 when none).
public func frontHypervolume(_ objectives: Matrix<Double>, reference: [Double]) throws -> Double {
    var inside = [Int]()
    for i in 0..<objectives.rows {
        var ok = true
        for j in 0..<objectives.columns where !(objectives[i, j] < reference[j]) { ok = false; break }
        if ok { inside.append(i) }
    }
    if inside.isEmpty { return 0 }
    return try hypervolume(of: objectives.selectingRows(inside), reference: reference)
}
