import NumericCore
import ParetoCore

/// Exhaustive grid enumeration: evaluates every point of a full-factorial grid over the decision
/// space and reports the exact non-dominated set of the grid.
///
/// Each dimension is a `GridDimension` (continuous levels including both bounds, every integer of a
/// range, or a categorical list); by default every variable is continuous with `levels` levels over
/// its bounds. The grid size `Π_j |levels_j|` is checked before any evaluation: past
/// `evaluationBudget` the run refuses to start with `GridSearchError.overBudget` naming the size,
/// unless `allowOverBudget`. Points are evaluated in lexicographic order, `batchSize` per iteration
/// through the framework's (parallel, deterministic) evaluator; once the grid is exhausted further
/// iterations evaluate nothing (stop the run with a generation limit or a budget ≥ the grid size).
/// No randomness is involved. (Full-factorial designs: e.g. Montgomery, *Design and Analysis of
/// Experiments*, Wiley; the grid's front is exact, unlike a sampled one.)
/// - Complexity: O(size·(n + cost of one evaluation)) plus the non-dominated filter of each batch
///   against the archive.
public struct GridSearch: Optimizer {
    /// Settings of grid enumeration.
    public struct Configuration: Codable, Sendable, Equatable {
        /// Per-variable dimensions; `nil` = continuous over the problem's bounds with `levels` levels.
        public var dimensions: [GridDimension]?
        /// Levels per continuous variable when `dimensions` is `nil`.
        public var levels: Int
        /// Maximum number of grid points (evaluations); `nil` = no limit.
        public var evaluationBudget: Int?
        /// Run even when the grid exceeds `evaluationBudget`.
        public var allowOverBudget: Bool
        /// Grid points evaluated per iteration.
        public var batchSize: Int

        /// - Throws: `OptimizerError.invalidConfiguration` naming the bad field.
        public init(dimensions: [GridDimension]? = nil, levels: Int = 11, evaluationBudget: Int? = nil,
                    allowOverBudget: Bool = false, batchSize: Int = 1000) throws {
            guard levels >= 1 else { throw OptimizerError.invalidConfiguration("grid levels must be ≥ 1, got \(levels)") }
            guard batchSize >= 1 else { throw OptimizerError.invalidConfiguration("grid batch size must be ≥ 1, got \(batchSize)") }
            if let evaluationBudget, evaluationBudget < 1 {
                throw OptimizerError.invalidConfiguration("evaluation budget must be ≥ 1, got \(evaluationBudget)")
            }
            self.dimensions = dimensions; self.levels = levels; self.evaluationBudget = evaluationBudget
            self.allowOverBudget = allowOverBudget; self.batchSize = batchSize
        }
    }

    /// Run data: progress through the grid, the latest batch, and the non-dominated archive.
    public struct State: OptimizerState {
        /// The dimensions in use (resolved against the problem's bounds).
        public var dimensions: [GridDimension]
        /// Number of grid points.
        public var gridSize: Int
        /// Grid points evaluated so far (the next one's index).
        public var next: Int
        /// The latest evaluated batch.
        public var population: Population
        /// Non-dominated grid points so far.
        public var archive: Population
        public var front: Population { archive }
        /// Whether every grid point has been evaluated.
        public var isFinished: Bool { next >= gridSize }
    }

    public static let name = "grid"
    public let configuration: Configuration

    /// Grid enumeration with `configuration`.
    public init(configuration: Configuration) { self.configuration = configuration }

    /// The dimensions for `problem` (the configured ones, or continuous over its bounds).
    /// - Throws: `GridSearchError.invalidDimension` when their count differs from the variable count.
    public func dimensions(for problem: any Problem) throws -> [GridDimension] {
        if let d = configuration.dimensions {
            guard d.count == problem.variableCount else {
                throw GridSearchError.invalidDimension("\(d.count) grid dimensions for \(problem.variableCount) variables of \(problem.name)")
            }
            return d
        }
        return zip(problem.lowerBounds, problem.upperBounds).map { .continuous(lower: $0, upper: $1, levels: configuration.levels) }
    }

    public func initialize(evaluator: inout Evaluator, rng: SeededGenerator) throws -> State {
        let p = evaluator.problem
        let dims = try dimensions(for: p)
        let grid = try DecisionGrid(dims)
        if let budget = configuration.evaluationBudget, grid.size > budget, !configuration.allowOverBudget {
            throw GridSearchError.overBudget(gridSize: grid.size, budget: budget)
        }
        var state = State(dimensions: dims, gridSize: grid.size, next: 0,
                          population: Population(variables: p.variableCount, objectives: p.objectiveCount),
                          archive: Population(variables: p.variableCount, objectives: p.objectiveCount))
        try step(&state, evaluator: &evaluator)
        return state
    }

    public func step(_ state: inout State, evaluator: inout Evaluator) throws {
        guard !state.isFinished else { return }
        let grid = try DecisionGrid(state.dimensions)
        let batch = grid.points(from: state.next, count: configuration.batchSize)
        let evaluated = try evaluator.evaluate(batch)
        state.next += batch.rows
        state.population = evaluated
        state.archive = feasibleNondominated(state.archive.appending(evaluated))
    }

    /// Registry entry `grid`: `--population` = levels per variable; without it, the most levels
    /// (≥ 2) whose grid fits the evaluation budget. A grid over the budget is refused; so is a budget
    /// larger than the grid (the run could never reach it), with a message giving the grid size.
    public static let registration = RegisteredAlgorithm(
        name: name, summary: "exhaustive full-factorial grid; exact non-dominated set of the grid"
    ) { settings, problem in
        let n = max(1, problem.variableCount)
        var levels = settings.populationSize ?? 11
        if settings.populationSize == nil, let budget = settings.evaluationBudget {
            levels = 2
            while true {
                var size = 1, overflow = false
                for _ in 0..<n {
                    let (p, o) = size.multipliedReportingOverflow(by: levels + 1)
                    if o { overflow = true; break }
                    size = p
                }
                if overflow || size > budget { break }
                levels += 1
            }
        }
        let configuration = try Configuration(levels: levels, evaluationBudget: settings.evaluationBudget)
        // The driver stops on its termination criterion only; an evaluation budget larger than the
        // grid would never be reached once the grid is exhausted, so say so instead of spinning.
        let grid = try DecisionGrid(GridSearch(configuration: configuration).dimensions(for: problem))
        if let budget = settings.evaluationBudget, grid.size < budget {
            throw OptimizerError.invalidConfiguration(
                "the grid of \(levels) levels per variable has \(grid.size) points, fewer than the \(budget) evaluations asked for; "
                + "grid enumeration stops after its points, so run it with --evaluations \(grid.size) or with --generations")
        }
        return AnyOptimizer(GridSearch(configuration: configuration))
    }
}
