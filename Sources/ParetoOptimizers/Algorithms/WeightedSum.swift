import NumericCore
import ParetoCore

/// Scalarization methods: one single-objective problem per weight vector, each solved by a GSL inner
/// minimizer from a seeded random start; the union of the solutions filtered to its non-dominated set.
///
/// The scalarizing function is a `ScalarizationKind`: the weighted sum (Zadeh 1963, "Optimality and
/// non-scalar-valued performance criteria", IEEE Trans. Automatic Control 8(1):59–60,
/// doi:10.1109/TAC.1963.1105511 — finds only supported points, see Das & Dennis 1997,
/// doi:10.1007/BF01197559), Tchebycheff with the ideal point (Bowman 1976,
/// doi:10.1007/978-3-642-87563-2_5) or Wierzbicki's augmented achievement function (1980,
/// doi:10.1007/978-3-642-48782-8_32). Weight vectors are a Das–Dennis lattice (Das & Dennis 1998,
/// SIAM J. Optimization 8(3):631–657, doi:10.1137/S1052623496307510) or a user list.
///
/// Inner solver (`GSLMinimizer`): on a `DifferentiableProblem`, BFGS2 on the analytic gradient `Jᵀc`
/// — directly for the weighted sum, and for the max-type Tchebycheff / achievement functions by
/// continuation on their log-sum-exp smoothing (`Scalarization.smoothed`, μ = 10⁻¹ … 10⁻⁶, warm
/// starts, the last μ repeated while it improves: restarts with a fresh BFGS Hessian, since GSL's
/// BFGS2 gives up early on these stiff functions). The smoothed function is strictly increasing in
/// every weighted objective, so its minimizer is Pareto optimal for positive weights. Nelder–Mead
/// on black-box problems; `innerSolver` forces one. For Tchebycheff / achievement without a given reference point,
/// initialization first minimizes each objective almost alone (weighted sum with weight 1 on
/// objective `k` and 1e-4 on the others, so the result is Pareto optimal rather than weakly optimal)
/// and takes the per-objective minima found as the ideal point; these solutions join the front.
/// Each iteration solves `weightsPerStep` weight vectors; after the
/// last weight vector the lattice starts again with new random starts (a multi-start), so a run
/// keeps spending its budget usefully. Constraint violations are ignored by the scalarization (the
/// driver's front still prefers feasible points). Evaluations made by the inner solver are counted.
/// - Complexity: per weight vector one inner solve (≤ `innerMaxIterations` iterations).
public struct WeightedSum: Optimizer {
    /// Settings of the scalarization method.
    public struct Configuration: Codable, Sendable, Equatable {
        /// The scalarizing function.
        public var scalarization: ScalarizationKind
        /// Explicit weight vectors (each of length M, ≥ 0, not all 0); `nil` = Das–Dennis lattice.
        public var weights: [[Double]]?
        /// Das–Dennis divisions `H` when `weights` is `nil` (`C(H+M−1, M−1)` vectors).
        public var divisions: Int
        /// Reference/ideal point for Tchebycheff and achievement; `nil` = estimated (see type doc).
        public var idealPoint: [Double]?
        /// Augmentation `ρ` of the achievement function.
        public var rho: Double
        /// Force an inner solver; `nil` = automatic (BFGS2 for smooth + differentiable, else Nelder–Mead).
        public var innerSolver: InnerSolverKind?
        /// Inner iteration cap (per smoothing stage); evaluations are capped at 5× this per stage.
        public var innerMaxIterations: Int
        /// Inner tolerance (gradient norm for BFGS2, simplex size for Nelder–Mead).
        public var innerTolerance: Double
        /// Weight vectors solved per iteration.
        public var weightsPerStep: Int
        /// Cap on the problem evaluations spent per weight vector (inner solves, polish and the final
        /// evaluation together), so a run honours an evaluation budget; `nil` = only the iteration caps.
        public var innerMaxEvaluations: Int?

        /// - Throws: `OptimizerError.invalidConfiguration` naming the bad field.
        public init(scalarization: ScalarizationKind = .weightedSum, weights: [[Double]]? = nil, divisions: Int = 20,
                    idealPoint: [Double]? = nil, rho: Double = 1e-4, innerSolver: InnerSolverKind? = nil,
                    innerMaxIterations: Int = 1000, innerTolerance: Double = 1e-7, weightsPerStep: Int = 1,
                    innerMaxEvaluations: Int? = nil) throws {
            guard divisions >= 1 else { throw OptimizerError.invalidConfiguration("divisions must be ≥ 1, got \(divisions)") }
            if let weights {
                guard !weights.isEmpty else { throw OptimizerError.invalidConfiguration("the weight list is empty") }
                for (i, w) in weights.enumerated() where !(w.allSatisfy { $0 >= 0 && $0.isFinite } && w.contains { $0 > 0 }) {
                    throw OptimizerError.invalidConfiguration("weight vector \(i + 1) must be finite, ≥ 0 and not all 0: \(w)")
                }
            }
            guard rho >= 0, rho.isFinite else { throw OptimizerError.invalidConfiguration("rho must be ≥ 0, got \(rho)") }
            guard innerMaxIterations >= 1 else { throw OptimizerError.invalidConfiguration("innerMaxIterations must be ≥ 1") }
            guard innerTolerance > 0, innerTolerance.isFinite else { throw OptimizerError.invalidConfiguration("innerTolerance must be > 0") }
            guard weightsPerStep >= 1 else { throw OptimizerError.invalidConfiguration("weightsPerStep must be ≥ 1") }
            if let cap = innerMaxEvaluations, cap < 3 {
                throw OptimizerError.invalidConfiguration("innerMaxEvaluations must be ≥ 3 (an inner evaluation, the solver's final check and the result), got \(cap)")
            }
            if let idealPoint, !idealPoint.allSatisfy(\.isFinite) {
                throw OptimizerError.invalidConfiguration("ideal point must be finite: \(idealPoint)")
            }
            self.scalarization = scalarization; self.weights = weights; self.divisions = divisions
            self.idealPoint = idealPoint; self.rho = rho; self.innerSolver = innerSolver
            self.innerMaxIterations = innerMaxIterations; self.innerTolerance = innerTolerance
            self.weightsPerStep = weightsPerStep
            self.innerMaxEvaluations = innerMaxEvaluations
        }
    }

    /// Run data: generator, weight list, reference point, progress and solutions.
    public struct State: OptimizerState {
        var rng: SeededGenerator
        /// The weight vectors, solved in order.
        public var weights: [[Double]]
        /// The reference point used by Tchebycheff / achievement (zeros for the weighted sum).
        public var reference: [Double]
        /// Index of the next weight vector.
        public var next: Int
        /// Completed passes over the weight list.
        public var round: Int
        /// Every inner solution so far (one row per solve), in solve order.
        public var population: Population
        /// Non-dominated solutions so far.
        public var archive: Population
        public var front: Population { archive }
    }

    public static let name = "weighted-sum"
    public let configuration: Configuration

    /// The method with `configuration`.
    public init(configuration: Configuration) { self.configuration = configuration }

    public func initialize(evaluator: inout Evaluator, rng: SeededGenerator) throws -> State {
        let p = evaluator.problem, m = p.objectiveCount
        let weights: [[Double]]
        if let given = configuration.weights {
            guard given.allSatisfy({ $0.count == m }) else {
                throw OptimizerError.invalidConfiguration("weight vectors need \(m) components for \(p.name)")
            }
            weights = given
        } else {
            weights = try dasDennisDirections(objectives: m, divisions: configuration.divisions).rowArrays
        }
        if let z = configuration.idealPoint, z.count != m {
            throw OptimizerError.invalidConfiguration("ideal point needs \(m) values, got \(z.count)")
        }
        var state = State(rng: rng, weights: weights, reference: [Double](repeating: 0, count: m), next: 0, round: 0,
                          population: Population(variables: p.variableCount, objectives: m),
                          archive: Population(variables: p.variableCount, objectives: m))
        if configuration.scalarization != .weightedSum {
            if let z = configuration.idealPoint {
                state.reference = z
            } else {
                var ideal = [Double](repeating: .infinity, count: m)
                for k in 0..<m {
                    // e_k plus a 1e-4 share of the others, so the minimizer is Pareto optimal, not only weakly.
                    var e = [Double](repeating: 1e-4, count: m)
                    e[k] = 1
                    let solved = try solve(Scalarization(kind: .weightedSum, weights: e), state: &state, evaluator: &evaluator)
                    for j in 0..<m { ideal[j] = min(ideal[j], solved.objectives[0, j]) }
                }
                state.reference = ideal
            }
        }
        try step(&state, evaluator: &evaluator)
        return state
    }

    public func step(_ state: inout State, evaluator: inout Evaluator) throws {
        for _ in 0..<configuration.weightsPerStep {
            let s = try Scalarization(kind: configuration.scalarization, weights: state.weights[state.next],
                                      reference: state.reference, rho: configuration.rho)
            _ = try solve(s, state: &state, evaluator: &evaluator)
            state.next += 1
            if state.next == state.weights.count { state.next = 0; state.round += 1 }
        }
    }

    /// Solves one scalarized problem from a random start; appends the solution to the state.
    private func solve(_ s: Scalarization, state: inout State, evaluator: inout Evaluator) throws -> Population {
        let problem = evaluator.problem
        let lower = problem.lowerBounds, upper = problem.upperBounds
        let start = RandomSampling.sample(count: 1, lower: lower, upper: upper, rng: &state.rng).row(0)
        let differentiable = problem as? any DifferentiableProblem
        let kind = configuration.innerSolver ?? (differentiable != nil ? .bfgs2 : .nelderMead)
        if kind == .bfgs2 && differentiable == nil {
            throw OptimizerError.unsupportedProblem("inner solver bfgs2 needs gradients; \(problem.name) is not differentiable")
        }
        // Evaluations one inner solve may spend. GSL may ask for one value past the cap (answered NaN but
        // counted), each solve re-evaluates its final point (GSLMinimizer) and the weight's result is
        // evaluated once more below, so Nelder–Mead gets the cap minus 3; the
        // BFGS continuation shares the cap among its (up to 10) stages, the polish and its check.
        let stageCount = differentiable != nil && kind == .bfgs2 ? 12 : 1
        // Nelder–Mead needs its n + 1 simplex vertices (and one more step) before it can stop.
        let perSolve = configuration.innerMaxEvaluations.map {
            max(lower.count + 2, ($0 - 3) / stageCount - (stageCount > 1 ? 1 : 0))
        } ?? 5 * configuration.innerMaxIterations
        let solver = try GSLMinimizer(kind: kind, maxIterations: configuration.innerMaxIterations,
                                      tolerance: configuration.innerTolerance,
                                      maxEvaluations: perSolve)
        let value: ([Double]) throws -> Double = { s.value(try problem.evaluate($0)) }
        var x = start
        if let differentiable, kind == .bfgs2 {
            // Smooth scalarizations directly; max-type ones by continuation on a log-sum-exp
            // smoothing (μ = 10⁻¹ … 10⁻⁶, each stage warm-started), since BFGS stalls at kinks. GSL's
            // BFGS2 may stop early (no progress) on these stiff functions; each stage is a restart
            // with a fresh Hessian, and the last μ is repeated up to 4 more times while it improves.
            let stages: [Double?] = s.isSmooth ? [nil, nil] : [1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-6, 1e-6, 1e-6, 1e-6]
            var previous = Double.infinity
            for mu in stages {
                let stage = try solver.minimize(start: x, lower: lower, upper: upper, value: value, valueAndGradient: { x in
                    let (f, j) = try differentiable.evaluateWithJacobian(x)
                    guard let mu else { return (s.value(f), s.gradient(objectives: f, jacobian: j)) }
                    return s.smoothed(objectives: f, jacobian: j, mu: mu)
                })
                evaluator.recordEvaluations(stage.evaluations)
                x = stage.x
                if mu == stages.last!, !(stage.value < previous - 1e-12 * max(1, abs(previous))) { break }
                if mu == stages.last! { previous = stage.value }
            }
            if !s.isSmooth {  // derivative-free polish on the exact (kinked) function from there
                let polish = try GSLMinimizer(kind: .nelderMead, maxIterations: configuration.innerMaxIterations,
                                              tolerance: configuration.innerTolerance, stepSize: 0.01,
                                              maxEvaluations: perSolve)
                let stage = try polish.minimize(start: x, lower: lower, upper: upper, value: value)
                evaluator.recordEvaluations(stage.evaluations)
                if stage.value <= (try value(x)) { x = stage.x }
                evaluator.recordEvaluations(1)
            }
        } else {
            let solution = try solver.minimize(start: start, lower: lower, upper: upper, value: value)
            evaluator.recordEvaluations(solution.evaluations)
            x = solution.x
        }
        let evaluated = try evaluator.evaluate(Matrix([x]))
        state.population = state.population.appending(evaluated)
        state.archive = feasibleNondominated(state.archive.appending(evaluated))
        return evaluated
    }

    /// Largest `H ≥ 1` whose lattice has at most `count` vectors (1 when even `H = 1` has more).
    static func divisions(forAtMost count: Int, objectives m: Int) -> Int {
        var h = 1
        while let next = dasDennisCount(objectives: m, divisions: h + 1), next <= count, h < 10_000 { h += 1 }
        return h
    }

    static func makeRegistration(name: String, kind: ScalarizationKind, summary: String, paper: String) -> RegisteredAlgorithm {
        RegisteredAlgorithm(name: name, summary: summary, paper: paper) { settings, problem in
            // With an evaluation budget and no explicit weight count: about one weight vector per 4
            // evaluations (2 to 21, fewer when a weight's solve needs more), the budget shared evenly.
            // Each weight needs at least n + 5 evaluations (simplex, one step, the final checks).
            let perWeight = problem.variableCount + 5
            let requested = settings.populationSize ?? settings.evaluationBudget.map { min(21, max(2, $0 / 4, 1), max(2, $0 / perWeight)) } ?? 21
            let h = divisions(forAtMost: requested, objectives: problem.objectiveCount)
            var cap: Int?
            if let budget = settings.evaluationBudget, let count = dasDennisCount(objectives: problem.objectiveCount, divisions: h) {
                cap = max(3, budget / max(count, 1))
            }
            return AnyOptimizer(WeightedSum(configuration: try Configuration(scalarization: kind, divisions: h, innerMaxEvaluations: cap)))
        }
    }

    /// Registry entry `weighted-sum` (`--population` = number of weight vectors, rounded down to a lattice).
    public static let registration = makeRegistration(
        name: "weighted-sum", kind: .weightedSum, summary: "weighted-sum scalarization, Das–Dennis weights, GSL BFGS2/Nelder–Mead inner solver",
        paper: "Zadeh, IEEE Trans. Automatic Control 8(1), 1963, doi:10.1109/TAC.1963.1105511; Das & Dennis, SIAM J. Optim. 8(3), 1998, doi:10.1137/S1052623496307510")
    /// Registry entry `tchebycheff`.
    public static let tchebycheffRegistration = makeRegistration(
        name: "tchebycheff", kind: .tchebycheff, summary: "Tchebycheff scalarization (ideal point), Das–Dennis weights, GSL inner solver",
        paper: "Bowman, Multiple Criteria Decision Making, 1976, doi:10.1007/978-3-642-87563-2_5")
    /// Registry entry `augmented-achievement`.
    public static let achievementRegistration = makeRegistration(
        name: "augmented-achievement", kind: .augmentedAchievement, summary: "Wierzbicki's augmented achievement scalarization, GSL inner solver",
        paper: "Wierzbicki, Multiple Criteria Decision Making Theory and Application, 1980, doi:10.1007/978-3-642-48782-8_32")
}
