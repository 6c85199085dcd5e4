import NumericCore

/// The one protocol every multi-objective optimizer implements.
///
/// An optimizer is an immutable value holding its typed, validated `Configuration`. All mutable
/// run data — population, archive, random generator, algorithm counters — lives in its typed
/// `State`, which is `Codable` so the driver can checkpoint and resume a run bit for bit.
///
/// The contract, in the order the driver ``minimize(problem:optimizer:termination:seed:observers:options:)``
/// calls it:
/// 1. `initialize(evaluator:rng:)` once: build the first state (e.g. sample and evaluate a
///    population). `rng` is the run's generator for this algorithm; keep it (or streams split
///    from it) in the state and draw all randomness from there — never from global state.
/// 2. `step(_:evaluator:)` once per iteration until the termination criterion is met.
///    Evaluate decision vectors only through the `evaluator` (it counts evaluations and runs
///    batches in parallel); the driver never looks inside the state except through
///    ``OptimizerState/population`` and ``OptimizerState/front``.
///
/// Algorithms that naturally generate a batch, evaluate it and then select (NSGA-II, SMPSO,
/// random search) adopt ``AskTellOptimizer`` instead and get `step` for free, which also lets a
/// caller drive them by hand (pymoo's ask/tell interface). To make a new algorithm available to
/// the command line add one ``RegisteredAlgorithm`` line to ``OptimizerRegistry/algorithms``;
/// see `README-adding-an-algorithm.md`.
public protocol Optimizer: Sendable {
    /// Typed, validated settings (population size, operator parameters, ...).
    associatedtype Configuration: Codable & Sendable
    /// Everything that changes during a run; checkpointed as JSON.
    associatedtype State: OptimizerState

    /// Registry and checkpoint name, lower-case (e.g. `"nsga2"`).
    static var name: String { get }
    /// Which kind of problem the algorithm needs; the driver refuses others with a clear error.
    static var problemRequirement: ProblemRequirement { get }
    /// The settings this optimizer runs with.
    var configuration: Configuration { get }

    /// Builds the initial state (iteration 1), evaluating through `evaluator`.
    func initialize(evaluator: inout Evaluator, rng: SeededGenerator) throws -> State
    /// Advances `state` by one iteration, evaluating through `evaluator`.
    func step(_ state: inout State, evaluator: inout Evaluator) throws
}

/// The run data of an optimizer: `Codable` for checkpoints, with the two views the driver reads.
public protocol OptimizerState: Codable, Sendable {
    /// The current population (or swarm, or the latest batch of solutions).
    var population: Population { get }
    /// The set the algorithm reports as its approximation of the Pareto front (not necessarily
    /// filtered yet: the driver keeps its non-dominated rows). Defaults to `population`;
    /// archive-based algorithms return the archive.
    var front: Population { get }
    /// The feasible non-dominated rows of `front` in their order — what the driver reports after each
    /// iteration. Defaults to `feasibleNondominated(front)`; a state that already knows the ranks of
    /// its members can answer without sorting again.
    var nondominatedFront: Population { get }
    /// Whether the algorithm has nothing left to do (e.g. a grid whose points are all evaluated);
    /// the driver then stops before its termination criterion. Defaults to `false`.
    var isFinished: Bool { get }
    /// Checks a state read from a checkpoint against `problem` (shapes, ranges, no NaN) before a
    /// run resumes from it. The default checks `population` and `front`.
    /// - Throws: `OptimizerError.checkpoint` naming the inconsistency.
    func validate(for problem: any Problem) throws
}

/// An optimizer that works in ask/tell rounds: `ask` proposes decision vectors, the caller
/// evaluates them, `tell` hands back the evaluated batch. Gets `step` for free.
public protocol AskTellOptimizer: Optimizer {
    /// Proposes the next batch of decision vectors (`k × n`), advancing the state's generator.
    func ask(_ state: inout State) throws -> Matrix<Double>
    /// Incorporates the evaluated batch (same rows as the last `ask`, in order).
    func tell(_ state: inout State, evaluated: Population) throws
}

/// What an optimizer needs of a problem.
public enum ProblemRequirement: String, Sendable, Codable {
    /// Any `Problem` (evaluations only).
    case blackBox
    /// A `DifferentiableProblem` (objective Jacobians).
    case differentiable

    /// Whether `problem` satisfies the requirement.
    public func isSatisfied(by problem: any Problem) -> Bool {
        switch self {
        case .blackBox: return true
        case .differentiable: return problem is any DifferentiableProblem
        }
    }
}

/// Errors of the optimizer framework (configuration, problem mismatch, checkpoints).
public enum OptimizerError: Error, Equatable, CustomStringConvertible {
    /// A configuration value out of range (message names the field).
    case invalidConfiguration(String)
    /// The problem lacks an ability the algorithm needs, or has invalid bounds.
    case unsupportedProblem(String)
    /// Arrays of a population disagree in size.
    case invalidPopulation(String)
    /// A problem returned a vector of the wrong length or a NaN.
    case invalidEvaluation(String)
    /// No algorithm or problem of that name is registered.
    case unknownName(String)
    /// A checkpoint file is missing, unreadable, corrupt or belongs to another run.
    case checkpoint(String)

    public var description: String {
        switch self {
        case .invalidConfiguration(let m): return "invalid configuration: \(m)"
        case .unsupportedProblem(let m): return "unsupported problem: \(m)"
        case .invalidPopulation(let m): return "invalid population: \(m)"
        case .invalidEvaluation(let m): return "invalid evaluation: \(m)"
        case .unknownName(let m): return "unknown name: \(m)"
        case .checkpoint(let m): return "checkpoint: \(m)"
        }
    }
}

// MARK: - Default implementations

extension Optimizer {
    public static var problemRequirement: ProblemRequirement { .blackBox }
}

extension OptimizerState {
    public var front: Population { population }
    public var nondominatedFront: Population { feasibleNondominated(front) }
    public var isFinished: Bool { false }
}

extension AskTellOptimizer {
    /// One ask → evaluate → tell round.
    public func step(_ state: inout State, evaluator: inout Evaluator) throws {
        let batch = try ask(&state)
        let evaluated = try evaluator.evaluate(batch)
        try tell(&state, evaluated: evaluated)
    }
}
