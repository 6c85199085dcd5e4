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
    /// dropped and more pairs are mated (at most 100 rounds).
    public func ask(_ state: inout State) throws -> Matrix<Double> {
        let count = configuration.populationSize, n = state.lower.count
        var offspring = [Double]()
        offspring.reserveCapacity(count * n)
        var produced = 0
        var seen = Set<DecisionKey>()
        if configuration.eliminatesDuplicates {
            seen.reserveCapacity(2 * (state.population.count + count))
            for i in 0..<state.population.count { seen.insert(DecisionKey(state.population.decisions, row: i)) }
        }
        var round = 0
        while produced < count && round < 100 {
            round += 1
            let needed = count - produced
            let batch = try mate(&state, pairs: (needed + 1) / 2)
            for c in 0..<batch.rows where produced < count {
                if configuration.eliminatesDuplicates {
                    let key = DecisionKey(batch, row: c)
                    if seen.contains(key) { continue }
                    seen.insert(key)
                }
                offspring.append(contentsOf: batch.storage[(c * n)..<((c + 1) * n)])
                produced += 1
            }
        }
        return try Matrix(rows: produced, columns: n, storage: offspring)
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

    /// Rank-and-crowding survival over the current population ∪ the evaluated offspring.
    public func tell(_ state: inout State, evaluated: Population) throws {
        let merged = state.population.count == 0 ? evaluated : state.population.appending(evaluated)
        let survivors = RankAndCrowdingSurvival.select(merged, count: configuration.populationSize)
        state.population = merged.selecting(survivors.indices)
        state.ranks = survivors.ranks
        state.crowding = survivors.crowding
    }

    /// Registry entry `nsga2` (`--population` sets N).
    public static let registration = RegisteredAlgorithm(
        name: name, summary: "NSGA-II (Deb et al. 2002): SBX, polynomial mutation, rank and crowding"
    ) { settings, _ in
        AnyOptimizer(NSGA2(configuration: try Configuration(populationSize: settings.populationSize ?? 100)))
    }
}

/// The exact bit pattern of one decision vector, for duplicate detection; hashes a precomputed
/// 64-bit digest instead of every element.
struct DecisionKey: Hashable {
    let bits: [UInt64]
    let digest: UInt64
    init(_ matrix: Matrix<Double>, row: Int) {
        let n = matrix.columns
        var bits = [UInt64](repeating: 0, count: n)
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        matrix.withUnsafeBufferPointer { p in
            for j in 0..<n {
                let value = p[row * n + j]
                let b = (value == 0 ? 0 : value).bitPattern  // +0 and −0 are the same decision
                bits[j] = b
                h = (h ^ b) &* 0x0000_0100_0000_01b3
                h ^= h >> 29
            }
        }
        self.bits = bits
        digest = h
    }
    static func == (a: DecisionKey, b: DecisionKey) -> Bool { a.digest == b.digest && a.bits == b.bits }
    func hash(into hasher: inout Hasher) { hasher.combine(digest) }
}
