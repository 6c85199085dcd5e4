import NumericCore

/// Uniform random search: each iteration samples `batchSize` points uniformly in the box; the
/// reported front is the non-dominated set of everything seen (kept in an unbounded archive of
/// non-dominated points).
///
/// A baseline, and the worked example of `README-adding-an-algorithm.md`: one file, a typed
/// configuration, a `Codable` state, ask/tell, and a `registration` line.
/// - Complexity: per iteration O(batch·n) sampling plus the non-dominated filter of archive ∪ batch.
public struct RandomSearch: AskTellOptimizer {
    /// Settings of random search.
    public struct Configuration: Codable, Sendable, Equatable {
        /// Points sampled per iteration.
        public var batchSize: Int
        /// - Throws: `OptimizerError.invalidConfiguration` when `batchSize < 1`.
        public init(batchSize: Int = 100) throws {
            guard batchSize >= 1 else { throw OptimizerError.invalidConfiguration("random search batch size must be ≥ 1, got \(batchSize)") }
            self.batchSize = batchSize
        }
    }

    /// Run data: the generator, the bounds, the latest batch and the non-dominated archive.
    public struct State: OptimizerState {
        var rng: SeededGenerator
        var lower: [Double], upper: [Double]
        /// The latest evaluated batch.
        public var population: Population
        /// Non-dominated points seen so far.
        public var archive: Population
        public var front: Population { archive }
    }

    public static let name = "random-search"
    public let configuration: Configuration

    /// Random search with `configuration`.
    public init(configuration: Configuration) { self.configuration = configuration }

    public func initialize(evaluator: inout Evaluator, rng: SeededGenerator) throws -> State {
        let p = evaluator.problem
        var state = State(rng: rng, lower: p.lowerBounds, upper: p.upperBounds,
                          population: Population(variables: p.variableCount, objectives: p.objectiveCount),
                          archive: Population(variables: p.variableCount, objectives: p.objectiveCount))
        try step(&state, evaluator: &evaluator)
        return state
    }

    public func ask(_ state: inout State) throws -> Matrix<Double> {
        RandomSampling.sample(count: configuration.batchSize, lower: state.lower, upper: state.upper, rng: &state.rng)
    }

    public func tell(_ state: inout State, evaluated: Population) throws {
        state.population = evaluated
        state.archive = feasibleNondominated(state.archive.appending(evaluated))
    }

    /// Registry entry `random-search` (`--population` sets the batch size).
    public static let registration = RegisteredAlgorithm(
        name: name, summary: "uniform random sampling, non-dominated archive (baseline)"
    ) { settings, _ in
        AnyOptimizer(RandomSearch(configuration: try Configuration(batchSize: settings.populationSize ?? 100)))
    }
}
