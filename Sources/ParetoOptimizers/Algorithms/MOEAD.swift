import Foundation
import NumericCore
import ParetoCore

/// MOEA/D: one scalar subproblem per weight vector, each improved from its neighbours' solutions.
///
/// Zhang & Li, "MOEA/D: a multiobjective evolutionary algorithm based on decomposition", IEEE
/// Transactions on Evolutionary Computation 11(6), 712–731, 2007, doi:10.1109/TEVC.2007.892759.
/// Weights: Das–Dennis directions (divisions as ``NSGA3/defaultDivisions(objectives:)``); the T = 20
/// closest weights form each neighbourhood B(i). Each generation produces one child per subproblem:
/// with probability δ = 0.9 two parents from B(i), otherwise from the whole population (pymoo's
/// `prob_neighbor_mating`), SBX (η = 20, p = 1) keeping one child at random, polynomial mutation
/// (η = 20). The children are evaluated together (so they can run in parallel), then taken in a
/// random order: each updates the ideal point z and replaces every solution of its subproblem's
/// neighbourhood B(i) whose scalarization it does not worsen (the paper's step 2.5; also when the
/// parents came from the whole population, so one child never overwrites subproblems far from its
/// own). Scalarizations: Tchebycheff g = max_k w_k |f_k − z_k| (zero weights taken as 10⁻⁶), whose
/// optimum on a front lies along 1/w rather than w, or penalty-based boundary intersection
/// g = d₁ + θ d₂ (θ = 5). Unlike the paper's steady-state loop, a child cannot be a parent in its
/// own generation.
///
/// - Complexity: per generation O(N · T · M) replacement tests.
public struct MOEAD: AskTellOptimizer {
    /// The scalarizing function of the subproblems.
    public enum Decomposition: Codable, Sendable, Equatable {
        /// max_k w_k |f_k − z_k|.
        case tchebycheff
        /// d₁ + θ d₂ (distance along the weight and from it).
        case penaltyBoundaryIntersection(theta: Double)

        /// g(f | w, z).
        func value(_ f: [Double], _ w: [Double], _ z: [Double]) -> Double {
            switch self {
            case .tchebycheff:
                var g = -Double.infinity
                for k in 0..<f.count { g = max(g, max(w[k], 1e-6) * abs(f[k] - z[k])) }
                return g
            case .penaltyBoundaryIntersection(let theta):
                let norm = w.reduce(0) { $0 + $1 * $1 }.squareRoot()
                var d1 = 0.0
                for k in 0..<f.count { d1 += (f[k] - z[k]) * w[k] / norm }
                var d2 = 0.0
                for k in 0..<f.count { let e = f[k] - z[k] - d1 * w[k] / norm; d2 += e * e }
                return d1 + theta * d2.squareRoot()
            }
        }
    }

    /// MOEA/D settings.
    public struct Configuration: Codable, Sendable, Equatable {
        /// Das–Dennis divisions (one or two layers); `nil` = NSGA-III's defaults by M. N = number of weights.
        public var divisions: [Int]?
        /// Neighbourhood size T.
        public var neighbours: Int
        /// Probability δ of mating within the neighbourhood.
        public var neighbourMatingProbability: Double
        /// The subproblems' scalarization.
        public var decomposition: Decomposition
        /// Crossover operator.
        public var crossover: SBXCrossover
        /// Mutation operator.
        public var mutation: PolynomialMutation

        /// - Throws: `OptimizerError.invalidConfiguration` for T < 2, δ outside [0, 1], a PBI θ < 0
        ///   or bad divisions.
        public init(divisions: [Int]? = nil, neighbours: Int = 20, neighbourMatingProbability: Double = 0.9,
                    decomposition: Decomposition = .tchebycheff, crossover: SBXCrossover? = nil, mutation: PolynomialMutation? = nil) throws {
            guard neighbours >= 2 else { throw OptimizerError.invalidConfiguration("MOEA/D needs ≥ 2 neighbours, got \(neighbours)") }
            guard (0...1).contains(neighbourMatingProbability) else {
                throw OptimizerError.invalidConfiguration("MOEA/D neighbour mating probability must be in [0, 1], got \(neighbourMatingProbability)")
            }
            if case .penaltyBoundaryIntersection(let theta) = decomposition, !(theta >= 0 && theta.isFinite) {
                throw OptimizerError.invalidConfiguration("PBI θ must be ≥ 0 and finite, got \(theta)")
            }
            if let d = divisions, !(1...2).contains(d.count) || d.contains(where: { $0 < 1 }) {
                throw OptimizerError.invalidConfiguration("MOEA/D divisions must be one or two positive values, got \(d)")
            }
            self.divisions = divisions
            self.neighbours = neighbours
            self.neighbourMatingProbability = neighbourMatingProbability
            self.decomposition = decomposition
            self.crossover = try crossover ?? SBXCrossover(distributionIndex: 20, probability: 1)
            self.mutation = try mutation ?? PolynomialMutation(distributionIndex: 20)
        }
    }

    /// Run data: generator, bounds, one solution per subproblem, weights, neighbourhoods, ideal point.
    public struct State: OptimizerState {
        var rng: SeededGenerator
        var lower: [Double], upper: [Double]
        /// Row i = the current solution of subproblem i.
        public var population: Population
        var weights: [[Double]]
        var neighbourhoods: [[Int]]
        var ideal: [Double]
    }

    public static let name = "moead"
    public let configuration: Configuration

    /// MOEA/D with `configuration`.
    public init(configuration: Configuration) { self.configuration = configuration }

    public func initialize(evaluator: inout Evaluator, rng: SeededGenerator) throws -> State {
        let p = evaluator.problem
        let w = try NSGA3.Configuration(divisions: configuration.divisions).directions(objectives: p.objectiveCount)
        let weights = w.rowArrays
        let t = min(configuration.neighbours, weights.count)
        let neighbourhoods = weights.map { wi in
            weights.indices.sorted { a, b in
                let da = zip(wi, weights[a]).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
                let db = zip(wi, weights[b]).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
                return da < db || (da == db && a < b)
            }.prefix(t).map { $0 }
        }
        var state = State(rng: rng, lower: p.lowerBounds, upper: p.upperBounds,
                          population: Population(variables: p.variableCount, objectives: p.objectiveCount),
                          weights: weights, neighbourhoods: neighbourhoods,
                          ideal: [Double](repeating: .infinity, count: p.objectiveCount))
        let x = RandomSampling.sample(count: weights.count, lower: state.lower, upper: state.upper, rng: &state.rng)
        state.population = try evaluator.evaluate(x)
        for i in 0..<state.population.count { updateIdeal(&state.ideal, state.population.objectives.row(i)) }
        return state
    }

    public func ask(_ state: inout State) throws -> Matrix<Double> {
        let count = state.weights.count
        var children = Matrix<Double>(rows: 0, columns: state.lower.count)
        for i in 0..<count {
            let local = state.rng.nextUniform() < configuration.neighbourMatingProbability
            let pool = local ? state.neighbourhoods[i] : Array(0..<count)
            let pair = state.rng.sample(2, from: pool.count)
            let both = try Variation.offspring(parents: state.population.decisions.selectingRows([pool[pair[0]], pool[pair[1]]]), count: 2,
                                               lower: state.lower, upper: state.upper, crossover: configuration.crossover,
                                               mutation: configuration.mutation, rng: &state.rng) { _ in (0, 1) }
            children.appendRow(both.row(state.rng.nextInt(below: 2)))
        }
        return children
    }

    public func tell(_ state: inout State, evaluated: Population) throws {
        let count = state.weights.count
        guard evaluated.count == count else {
            throw OptimizerError.invalidPopulation("MOEA/D expects \(count) children, got \(evaluated.count)")
        }
        var order = Array(0..<count)
        state.rng.shuffle(&order)
        for i in order {
            let y = evaluated.objectives.row(i)
            updateIdeal(&state.ideal, y)
            for j in state.neighbourhoods[i] {
                let w = state.weights[j]
                if evaluated.violations[i] > state.population.violations[j] { continue }
                let better = evaluated.violations[i] < state.population.violations[j]
                if better || configuration.decomposition.value(y, w, state.ideal)
                    <= configuration.decomposition.value(state.population.objectives.row(j), w, state.ideal) {
                    state.population.decisions.storage.replaceSubrange((j * state.lower.count)..<((j + 1) * state.lower.count),
                                                                       with: evaluated.decisions.row(i))
                    state.population.objectives.storage.replaceSubrange((j * y.count)..<((j + 1) * y.count), with: y)
                    state.population.violations[j] = evaluated.violations[i]
                }
            }
        }
    }

    private func updateIdeal(_ ideal: inout [Double], _ f: [Double]) {
        for k in 0..<f.count { ideal[k] = min(ideal[k], f[k]) }
    }

    /// Registry entry `moead` (Tchebycheff; `--population P` uses the most Das–Dennis weights ≤ P).
    public static let registration = RegisteredAlgorithm(
        name: name, summary: "MOEA/D (Zhang & Li 2007): Das–Dennis weights, Tchebycheff decomposition"
    ) { settings, problem in
        AnyOptimizer(MOEAD(configuration: try Configuration(divisions: NSGA3.divisions(fitting: settings.populationSize, objectives: problem.objectiveCount))))
    }

    /// Registry entry `moead-pbi` (penalty-based boundary intersection, θ = 5).
    public static let pbiRegistration = RegisteredAlgorithm(
        name: "moead-pbi", summary: "MOEA/D (Zhang & Li 2007) with penalty-based boundary intersection (θ = 5)"
    ) { settings, problem in
        AnyOptimizer(MOEAD(configuration: try Configuration(divisions: NSGA3.divisions(fitting: settings.populationSize, objectives: problem.objectiveCount),
                                                            decomposition: .penaltyBoundaryIntersection(theta: 5))))
    }
}
