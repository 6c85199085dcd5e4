import NumericCore
import ParetoCore

/// NSGA-III: NSGA-II's elitist fronts with reference-direction niching for many objectives.
///
/// Deb & Jain, "An evolutionary many-objective optimization algorithm using reference-point-based
/// nondominated sorting approach, part I: solving problems with box constraints", IEEE
/// Transactions on Evolutionary Computation 18(4), 577–601, 2014, doi:10.1109/TEVC.2013.2281535.
/// Reference directions: Das–Dennis (``dasDennisDirections(objectives:divisions:)``) with the
/// paper's divisions (M = 2: 99 → 100 directions, 3: 12 → 91, 5: 6 → 210), two layers
/// (``twoLayerDirections(objectives:outerDivisions:innerDivisions:)``) from M = 6 on (6: 4 + 1,
/// 8 and 10: 3 + 2). Population: the smallest multiple of 4 not below the number of directions
/// (the paper's and pymoo's choice). Mating as the paper: random parents (no tournament on
/// feasible problems), SBX (η_c = 30, p_c = 1), polynomial mutation (η_m = 20, p_m = 1/n);
/// survival by ``ReferenceDirectionSurvival``.
///
/// - Complexity: per generation one non-dominated sort of 2N points plus O(N · D · M) association.
public struct NSGA3: AskTellOptimizer {
    /// NSGA-III settings.
    public struct Configuration: Codable, Sendable, Equatable {
        /// Population size; `nil` = the smallest multiple of 4 ≥ the number of directions.
        public var populationSize: Int?
        /// Das–Dennis divisions: one value (one layer) or two (outer, inner); `nil` = the paper's by M.
        public var divisions: [Int]?
        /// Crossover operator.
        public var crossover: SBXCrossover
        /// Mutation operator.
        public var mutation: PolynomialMutation

        /// - Throws: `OptimizerError.invalidConfiguration` for a population below 4 or divisions that
        ///   are not one or two positive values.
        public init(populationSize: Int? = nil, divisions: [Int]? = nil, crossover: SBXCrossover? = nil,
                    mutation: PolynomialMutation? = nil) throws {
            if let p = populationSize, p < 4 { throw OptimizerError.invalidConfiguration("NSGA-III population must be ≥ 4, got \(p)") }
            if let d = divisions, !(1...2).contains(d.count) || d.contains(where: { $0 < 1 }) {
                throw OptimizerError.invalidConfiguration("NSGA-III divisions must be one or two positive values, got \(d)")
            }
            self.populationSize = populationSize
            self.divisions = divisions
            self.crossover = try crossover ?? SBXCrossover(distributionIndex: 30, probability: 1)
            self.mutation = try mutation ?? PolynomialMutation(distributionIndex: 20)
        }

        /// The reference directions for `objectives` objectives.
        public func directions(objectives m: Int) throws -> Matrix<Double> {
            let d = divisions ?? NSGA3.defaultDivisions(objectives: m)
            do {
                return d.count == 1 ? try dasDennisDirections(objectives: m, divisions: d[0])
                                    : try twoLayerDirections(objectives: m, outerDivisions: d[0], innerDivisions: d[1])
            } catch {
                throw OptimizerError.invalidConfiguration("reference directions for \(m) objectives, divisions \(d): \(error)")
            }
        }
    }

    /// Run data: generator, bounds, population, directions and the normalization memory.
    public struct State: OptimizerState {
        var rng: SeededGenerator
        var lower: [Double], upper: [Double]
        /// The surviving population.
        public var population: Population
        var directions: [Double]
        var directionCount: Int
        var memory: ReferenceDirectionSurvival.Memory
        var size: Int
    }

    public static let name = "nsga3"
    public let configuration: Configuration

    /// NSGA-III with `configuration`.
    public init(configuration: Configuration) { self.configuration = configuration }

    /// The paper's divisions for M objectives.
    public static func defaultDivisions(objectives m: Int) -> [Int] {
        switch m {
        case ...2: return [99]
        case 3: return [12]
        case 4: return [8]
        case 5: return [6]
        case 6, 7: return [4, 1]
        default: return [3, 2]
        }
    }

    public func initialize(evaluator: inout Evaluator, rng: SeededGenerator) throws -> State {
        let p = evaluator.problem
        let w = try configuration.directions(objectives: p.objectiveCount)
        let size = configuration.populationSize ?? ((w.rows + 3) / 4) * 4
        var state = State(rng: rng, lower: p.lowerBounds, upper: p.upperBounds,
                          population: Population(variables: p.variableCount, objectives: p.objectiveCount),
                          directions: w.storage, directionCount: w.rows,
                          memory: ReferenceDirectionSurvival.Memory(objectives: p.objectiveCount), size: size)
        let x = RandomSampling.sample(count: size, lower: state.lower, upper: state.upper, rng: &state.rng)
        try tell(&state, evaluated: evaluator.evaluate(x))
        return state
    }

    public func ask(_ state: inout State) throws -> Matrix<Double> {
        let members = state.population.count
        return try Variation.offspring(parents: state.population.decisions, count: state.size, lower: state.lower, upper: state.upper,
                                       crossover: configuration.crossover, mutation: configuration.mutation, rng: &state.rng) { rng in
            (rng.nextInt(below: members), rng.nextInt(below: members))
        }
    }

    public func tell(_ state: inout State, evaluated: Population) throws {
        let merged = state.population.count == 0 ? evaluated : state.population.appending(evaluated)
        let feasible = merged.hasViolations ? Self.penalized(merged) : merged.objectives
        let w = try Matrix(rows: state.directionCount, columns: merged.objectives.columns, storage: state.directions)
        let survivors = ReferenceDirectionSurvival.select(feasible, count: min(state.size, merged.count), directions: w,
                                                          memory: &state.memory, rng: &state.rng)
        state.population = merged.selecting(survivors)
    }

    /// Objectives with infeasible rows pushed behind every feasible one (constraint domination by
    /// total violation: the worst feasible value plus the violation in every objective).
    static func penalized(_ p: Population) -> Matrix<Double> {
        var f = p.objectives
        let m = f.columns
        var worst = [Double](repeating: -Double.greatestFiniteMagnitude, count: m)
        for i in 0..<p.count where p.violations[i] == 0 { for k in 0..<m { worst[k] = max(worst[k], f[i, k]) } }
        for i in 0..<p.count where p.violations[i] > 0 {
            for k in 0..<m { f.storage[i * m + k] = max(worst[k], f[i, k]) + p.violations[i] * 1e6 }
        }
        return f
    }

    /// One-layer divisions giving the most Das–Dennis directions not above `population` (at least
    /// one division), or `nil` (the defaults) without a population.
    public static func divisions(fitting population: Int?, objectives m: Int) -> [Int]? {
        guard let population else { return nil }
        var h = 1
        while let next = dasDennisCount(objectives: m, divisions: h + 1), next <= population, h < 10_000 { h += 1 }
        return [h]
    }

    /// Registry entry `nsga3` (`--population P` sets N and uses the most Das–Dennis directions ≤ P;
    /// without it, the paper's directions by the number of objectives).
    public static let registration = RegisteredAlgorithm(
        name: name, summary: "NSGA-III (Deb & Jain 2014): Das–Dennis reference directions, niching survival"
    ) { settings, problem in
        AnyOptimizer(NSGA3(configuration: try Configuration(populationSize: settings.populationSize.map { max(4, $0) },
                                                            divisions: divisions(fitting: settings.populationSize, objectives: problem.objectiveCount))))
    }
}
