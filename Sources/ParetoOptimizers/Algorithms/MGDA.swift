import NumericCore
import ParetoCore

/// MGDA as a multi-start optimizer: steepest common descent (`SteepestCommonDescent`) from many
/// seeded start points on a `DifferentiableProblem`; the end points' non-dominated set is the front.
///
/// Direction: the min-norm element of the convex hull of the objective gradients (Désidéri 2012,
/// Comptes Rendus Mathématique 350:313–318, doi:10.1016/j.crma.2012.03.014; Sener & Koltun 2018,
/// NeurIPS, arXiv:1810.04650), with optional gradient normalization; step: Armijo backtracking on
/// all objectives with box projection (Fliege & Svaiter 2000, Math. Methods of Operations Research
/// 51:479–494, doi:10.1007/s001860000043). Each iteration descends `startsPerStep` uniform random
/// start points to Pareto-stationarity (`‖d‖ < stationarityTolerance`) or the iteration cap; later
/// iterations draw new start points, so the front fills in as the budget allows. `State.stationarity`
/// holds the measure `‖d‖` of every end point (row-aligned with `State.population`).
/// - Complexity: per start point, per descent iteration, one Jacobian plus the line-search trials.
public struct MGDA: Optimizer {
    /// Settings of MGDA.
    public struct Configuration: Codable, Sendable, Equatable {
        /// Start points descended per iteration.
        public var startsPerStep: Int
        /// Per-trajectory settings (tolerance, caps, Armijo constant, normalization).
        public var descent: CommonDescentSettings

        /// - Throws: `OptimizerError.invalidConfiguration` when `startsPerStep < 1`.
        public init(startsPerStep: Int = 100, descent: CommonDescentSettings? = nil) throws {
            guard startsPerStep >= 1 else { throw OptimizerError.invalidConfiguration("MGDA start points per step must be ≥ 1, got \(startsPerStep)") }
            self.startsPerStep = startsPerStep
            self.descent = try descent ?? CommonDescentSettings()
        }
    }

    /// Run data: the generator, every end point with its stationarity, and the non-dominated archive.
    public struct State: OptimizerState {
        var rng: SeededGenerator
        /// All end points so far, in start order.
        public var population: Population
        /// Stationarity measure `‖d‖` of each row of `population`.
        public var stationarity: [Double]
        /// Whether each row reached the stationarity tolerance.
        public var converged: [Bool]
        /// Non-dominated end points.
        public var archive: Population
        public var front: Population { archive }
    }

    public static let name = "mgda"
    public static var problemRequirement: ProblemRequirement { .differentiable }
    public let configuration: Configuration

    /// MGDA with `configuration`.
    public init(configuration: Configuration) { self.configuration = configuration }

    public func initialize(evaluator: inout Evaluator, rng: SeededGenerator) throws -> State {
        let p = evaluator.problem
        var state = State(rng: rng, population: Population(variables: p.variableCount, objectives: p.objectiveCount),
                          stationarity: [], converged: [],
                          archive: Population(variables: p.variableCount, objectives: p.objectiveCount))
        try step(&state, evaluator: &evaluator)
        return state
    }

    public func step(_ state: inout State, evaluator: inout Evaluator) throws {
        guard let problem = evaluator.problem as? any DifferentiableProblem else {
            throw OptimizerError.unsupportedProblem("mgda needs gradients; \(evaluator.problem.name) is not a differentiable problem")
        }
        let starts = RandomSampling.sample(count: configuration.startsPerStep, lower: problem.lowerBounds,
                                           upper: problem.upperBounds, rng: &state.rng)
        var ends = Matrix<Double>(rows: 0, columns: problem.variableCount)
        for i in 0..<starts.rows {
            let end = try SteepestCommonDescent.run(problem, from: starts.row(i), settings: configuration.descent)
            evaluator.recordEvaluations(end.evaluations)
            ends.appendRow(end.x)
            state.stationarity.append(end.stationarity)
            state.converged.append(end.converged)
        }
        // One more evaluation per end point through the evaluator, for violations and validation.
        let evaluated = try evaluator.evaluate(ends)
        state.population = state.population.appending(evaluated)
        state.archive = feasibleNondominated(state.archive.appending(evaluated))
    }

    /// Registry entry `mgda` (`--population` = start points per iteration). Refuses problems without gradients.
    public static let registration = RegisteredAlgorithm(
        name: name, summary: "MGDA steepest common descent (min-norm direction, Armijo) from many starts; differentiable problems",
        paper: "Désidéri, C. R. Math. 350, 2012, doi:10.1016/j.crma.2012.03.014; Fliege & Svaiter, Math. Methods Oper. Res. 51, 2000, doi:10.1007/s001860000043",
        problemRequirement: .differentiable
    ) { settings, problem in
        guard problem is any DifferentiableProblem else {
            throw OptimizerError.unsupportedProblem("mgda needs gradients; \(problem.name) provides no Jacobian (not a DifferentiableProblem)")
        }
        return AnyOptimizer(MGDA(configuration: try Configuration(startsPerStep: settings.populationSize ?? 100)))
    }
}
