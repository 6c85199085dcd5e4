import NumericCore
import ParetoCore

/// NSGA-II: elitist genetic algorithm with non-dominated sorting and crowding distance.
///
/// Deb, Pratap, Agarwal & Meyarivan, "A fast and elitist multiobjective genetic algorithm:
/// NSGA-II", IEEE Transactions on Evolutionary Computation 6(2), 182–197, 2002,
/// doi:10.1109/4235.996017. Defaults follow pymoo's `NSGA2`: random initial sampling, binary
/// tournament on (violation, rank, crowding) (``BinaryTournament``), SBX (η_c = 15, p_c = 0.9;
/// ``SBXCrossover``), polynomial mutation (η_m = 20, p_m = 1/n, applied to 90 % of the offspring as
/// pymoo's `PM`; ``PolynomialMutation``),
/// rank-and-crowding survival over parents ∪ offspring (``RankAndCrowdingSurvival``) with
/// constraint domination, and pymoo's elimination of duplicate offspring. The tournament decides
/// by rank (Deb's crowded comparison, default) or, as pymoo, by Pareto dominance between the two.
///
/// - Complexity: per generation one non-dominated sort of 2N points plus O(N·n) variation.
public struct NSGA2: AskTellOptimizer {
    /// NSGA-II settings.
    public struct Configuration: Codable, Sendable, Equatable {
        /// Population size N (also the number of offspring per generation).
        public var populationSize: Int
        /// Crossover operator.
        public var crossover: SBXCrossover
        /// Mutation operator.
        public var mutation: PolynomialMutation
        /// How a binary tournament is decided between two feasible competitors.
        public var tournament: BinaryTournament.Mode
        /// Regenerate offspring whose decision vector equals a parent's or an earlier offspring's
        /// (pymoo's default duplicate elimination; up to 100 extra mating rounds).
        public var eliminatesDuplicates: Bool

        /// - Throws: `OptimizerError.invalidConfiguration` for a population below 2.
        public init(populationSize: Int = 100, crossover: SBXCrossover? = nil, mutation: PolynomialMutation? = nil,
                    tournament: BinaryTournament.Mode = .rankAndCrowding, eliminatesDuplicates: Bool = true) throws {
            guard populationSize >= 2 else {
                throw OptimizerError.invalidConfiguration("NSGA-II population size must be ≥ 2, got \(populationSize)")
            }
            self.populationSize = populationSize
            self.crossover = try crossover ?? SBXCrossover()
            self.mutation = try mutation ?? PolynomialMutation(individualProbability: 0.9)
            self.tournament = tournament
            self.eliminatesDuplicates = eliminatesDuplicates
        }
    }

    /// Run data: generator, bounds, population with ranks and crowding distances.
    public struct State: OptimizerState {
        var rng: SeededGenerator
        var lower: [Double], upper: [Double]
        /// The current (surviving) population.
        public var population: Population
        /// Non-domination rank of each member (0 = first front).
        public var ranks: [Int]
        /// Crowding distance of each member within its front.
        public var crowding: [Double]
        /// Buffers of the two-objective survival, reused from generation to generation (not
        /// checkpointed: they hold nothing between generations).
        var survival = TwoObjectiveRankAndCrowding()

        private enum CodingKeys: String, CodingKey { case rng, lower, upper, population, ranks, crowding }

        /// The members of rank 0, in population order, when no member violates a constraint:
        /// survival keeps either a whole first front or only first-front members, so rank 0 among
        /// the survivors is exactly their non-dominated set (duplicates included), as
        /// `feasibleNondominated(population)` finds by sorting. Otherwise that function.
        public var nondominatedFront: Population {
            guard ranks.count == population.count, !population.hasViolations else { return feasibleNondominated(population) }
            return population.selecting(ranks.indices.filter { ranks[$0] == 0 })
        }
    }

    public static let name = "nsga2"
    public let configuration: Configuration

    /// NSGA-II with `configuration`.
    public init(configuration: Configuration) { self.configuration = configuration }

    public func initialize(evaluator: inout Evaluator, rng: SeededGenerator) throws -> State {
        let p = evaluator.problem
        var state = State(rng: rng, lower: p.lowerBounds, upper: p.upperBounds,
                          population: Population(variables: p.variableCount, objectives: p.objectiveCount),
                          ranks: [], crowding: [])
        let x = RandomSampling.sample(count: configuration.populationSize, lower: state.lower, upper: state.upper, rng: &state.rng)
        try tell(&state, evaluated: evaluator.evaluate(x))
        return state
    }

    /// N offspring: binary tournaments pick parents, consecutive pairs are crossed, every child
    /// mutated; with duplicate elimination, children equal to a parent or an earlier child are
    /// dropped and more pairs are mated (at most 100 rounds). Accepted children are written
    /// straight into one preallocated matrix; duplicates are found with a ``DecisionRowSet`` over
    /// the parents' and offspring's own storage (no per-row keys).
    public func ask(_ state: inout State) throws -> Matrix<Double> {
        let count = configuration.populationSize, n = state.lower.count
        var offspring = Matrix<Double>(rows: count, columns: n)
        guard n > 0 else { return offspring }
        let parents = state.population.decisions
        var produced = 0, round = 0
        try parents.withUnsafeBufferPointer { px in
            try offspring.withUnsafeMutableBufferPointer { o in
                guard let out = o.baseAddress else { return }
                var seen: DecisionRowSet?
                if configuration.eliminatesDuplicates {
                    var set = DecisionRowSet(capacity: parents.rows + count, width: n)
                    if let base = px.baseAddress {
                        for i in 0..<parents.rows { _ = set.insert(base + i * n) }
                    }
                    seen = set
                }
                while produced < count && round < 100 {
                    round += 1
                    let batch = try mate(&state, pairs: (count - produced + 1) / 2)
                    batch.withUnsafeBufferPointer { b in
                        guard let from = b.baseAddress else { return }
                        for c in 0..<batch.rows where produced < count {
                            let row = out + produced * n
                            row.update(from: from + c * n, count: n)
                            if seen?.insert(UnsafePointer(row)) == false { continue }
                            produced += 1
                        }
                    }
                }
            }
        }
        if produced == count { return offspring }
        return try Matrix(rows: produced, columns: n, storage: Array(offspring.storage.prefix(produced * n)))
    }

    /// `pairs` matings: 2·pairs tournament winners, crossed pairwise, each child mutated.
    private func mate(_ state: inout State, pairs: Int) throws -> Matrix<Double> {
        let n = state.lower.count
        let parents = BinaryTournament.select(count: 2 * pairs, mode: configuration.tournament, objectives: state.population.objectives,
                                              ranks: state.ranks, crowding: state.crowding,
                                              violations: state.population.violations, rng: &state.rng)
        var offspring = Matrix<Double>(rows: 2 * pairs, columns: n)
        let crossover = configuration.crossover, mutation = configuration.mutation
        state.population.decisions.withUnsafeBufferPointer { x in
            state.lower.withUnsafeBufferPointer { lo in
                state.upper.withUnsafeBufferPointer { hi in
                    offspring.withUnsafeMutableBufferPointer { o in
                        for pair in stride(from: 0, to: parents.count, by: 2) {
                            let a = UnsafeBufferPointer(rebasing: x[(parents[pair] * n)..<((parents[pair] + 1) * n)])
                            let b = UnsafeBufferPointer(rebasing: x[(parents[pair + 1] * n)..<((parents[pair + 1] + 1) * n)])
                            let c1 = UnsafeMutableBufferPointer(rebasing: o[(pair * n)..<((pair + 1) * n)])
                            let c2 = UnsafeMutableBufferPointer(rebasing: o[((pair + 1) * n)..<((pair + 2) * n)])
                            crossover.cross(a, b, into: c1, c2, lower: lo, upper: hi, rng: &state.rng)
                            mutation.mutate(c1, lower: lo, upper: hi, rng: &state.rng)
                            mutation.mutate(c2, lower: lo, upper: hi, rng: &state.rng)
                        }
                    }
                }
            }
        }
        return offspring
    }

    /// Rank-and-crowding survival over the current population ∪ the evaluated offspring. Survival
    /// reads only the objectives and violations of the union; the survivors' rows are then copied
    /// from the parents or the offspring directly.
    public func tell(_ state: inout State, evaluated: Population) throws {
        let parents = state.population
        if parents.count == 0 {
            let survivors = RankAndCrowdingSurvival.select(objectives: evaluated.objectives, violations: evaluated.violations,
                                                           count: configuration.populationSize, workspace: &state.survival)
            state.population = evaluated.selecting(survivors.indices)
            state.ranks = survivors.ranks
            state.crowding = survivors.crowding
            return
        }
        let objectives = try Matrix(rows: parents.count + evaluated.count, columns: parents.objectives.columns,
                                    storage: parents.objectives.storage + evaluated.objectives.storage)
        let survivors = RankAndCrowdingSurvival.select(objectives: objectives, violations: parents.violations + evaluated.violations,
                                                       count: configuration.populationSize, workspace: &state.survival)
        state.population = parents.selecting(survivors.indices, appending: evaluated)
        state.ranks = survivors.ranks
        state.crowding = survivors.crowding
    }

    /// Registry entry `nsga2` (`--population` sets N).
    public static let registration = RegisteredAlgorithm(
        name: name, summary: "NSGA-II (Deb et al. 2002): SBX, polynomial mutation, rank and crowding",
        paper: "Deb, Pratap, Agarwal & Meyarivan, IEEE Trans. Evol. Comput. 6(2), 2002, doi:10.1109/4235.996017"
    ) { settings, _ in
        AnyOptimizer(NSGA2(configuration: try Configuration(populationSize: settings.populationSize ?? 100)))
    }
}
