import NumericCore
import ParetoCore

/// ParEGO: Bayesian optimization of a random augmented-Tchebycheff scalarization per iteration.
///
/// Knowles, "ParEGO: a hybrid algorithm with on-line landscape approximation for expensive
/// multiobjective optimization problems", IEEE Transactions on Evolutionary Computation 10(1),
/// 50–66, 2006, doi:10.1109/TEVC.2005.851274. After a Sobol initial design, every iteration
/// normalizes the objectives to [0, 1] by their observed ranges, draws a weight vector λ uniformly
/// from the Das–Dennis simplex lattice (s = 10 divisions for two objectives, 4 for three, 3
/// beyond, as the paper's s), scalarizes f_λ = max_j λ_j f_j + ρ Σ_j λ_j f_j (ρ = 0.05), fits a
/// Matérn-5/2 GP (``GaussianProcess``) to f_λ and proposes the maximizer of log expected
/// improvement (``ExpectedImprovement``; the paper maximizes EI with an evolutionary search, here
/// Sobol candidates plus BFGS, ``AcquisitionMaximizer``). A batch of q proposals draws q weights;
/// proposal k conditions its GP on proposals 1 … k − 1 at their predicted values (Kriging believer).
///
/// - Complexity: per iteration q GP fits, O(restarts · iterations · N³) each, plus the acquisition search.
public struct ParEGO: AskTellOptimizer {
    /// ParEGO settings.
    public struct Configuration: Codable, Sendable, Equatable {
        /// Surrogate, batch and acquisition settings.
        public var surrogate: SurrogateSettings
        /// Augmentation ρ of the Tchebycheff scalarization (≥ 0).
        public var rho: Double

        /// - Throws: `OptimizerError.invalidConfiguration` for a negative or non-finite ρ.
        public init(surrogate: SurrogateSettings? = nil, rho: Double = 0.05) throws {
            guard rho >= 0, rho.isFinite else { throw OptimizerError.invalidConfiguration("ParEGO ρ must be ≥ 0 and finite, got \(rho)") }
            self.surrogate = try surrogate ?? SurrogateSettings()
            self.rho = rho
        }
    }

    /// Run data: the shared surrogate run and the weight lattice.
    public struct State: OptimizerState {
        var run: SurrogateRun
        /// The latest evaluated batch.
        public var population: Population { run.latest }
        /// Everything evaluated (the driver keeps its non-dominated rows).
        public var front: Population { run.evaluated }
    }

    public static let name = "parego"
    public let configuration: Configuration

    /// ParEGO with `configuration`.
    public init(configuration: Configuration) { self.configuration = configuration }

    public func initialize(evaluator: inout Evaluator, rng: SeededGenerator) throws -> State {
        let p = evaluator.problem
        var state = State(run: try SurrogateRun(problem: p, rng: rng, models: 1))
        let design = try state.run.initialDesign(count: configuration.surrogate.initialDesign(variables: p.variableCount))
        try tell(&state, evaluated: evaluator.evaluate(design))
        return state
    }

    /// The next batch; the surrogate's BLAS and LAPACK calls run on one OpenBLAS thread (a lease),
    /// because their rounding depends on the thread count and a run must give the same bits
    /// whatever else the process does.
    public func ask(_ state: inout State) throws -> Matrix<Double> {
        try BLASThreads.with(1) { try propose(&state) }
    }

    private func propose(_ state: inout State) throws -> Matrix<Double> {
        let objectives = state.run.evaluated.objectives
        let (low, high) = Self.ranges(objectives)
        let m = objectives.columns
        let weights = try dasDennisDirections(objectives: m, divisions: m == 2 ? 10 : (m == 3 ? 4 : 3))
        var proposals: [[Double]] = []
        for _ in 0..<configuration.surrogate.batchSize {
            let lambda = weights.row(state.run.rng.nextInt(below: weights.rows))
            let scalar = (0..<objectives.rows).map { i in Self.scalarize(objectives.row(i), lambda, low, high, rho: configuration.rho) }
            var gp = try state.run.fitModel(0, outputs: scalar, options: configuration.surrogate.fit)
            for x in proposals { gp = try gp.conditioned(on: x, value: gp.predict(x).mean) }
            let best = scalar.min() ?? 0
            let order = scalar.indices.sorted { scalar[$0] < scalar[$1] || (scalar[$0] == scalar[$1] && $0 < $1) }
            let centres = order.prefix(4).map { state.run.evaluated.decisions.row($0) }
            let extra = state.run.perturbations(of: centres, count: configuration.surrogate.localCandidates)
            let sequence = try state.run.candidateSequence()
            let model = gp
            let chosen = try configuration.surrogate.acquisition.maximize(box: state.run.box, sequence: sequence, extra: extra) { x in
                let p = model.predict(x, gradient: true)
                let s = p.variance.squareRoot()
                let (value, dMean, dDeviation) = ExpectedImprovement.logValue(best: best, mean: p.mean, deviation: s)
                let gradient = (0..<x.count).map { d in
                    dMean * p.meanGradient[d] + (s > 0 ? dDeviation * p.varianceGradient[d] / (2 * s) : 0)
                }
                return (value, gradient)
            }
            proposals.append(chosen.x)
        }
        return try Matrix(rows: proposals.count, columns: state.run.box.dimension, storage: proposals.flatMap { $0 })
    }

    public func tell(_ state: inout State, evaluated: Population) throws {
        state.run.record(evaluated)
    }

    /// Observed per-objective minimum and maximum.
    static func ranges(_ f: Matrix<Double>) -> ([Double], [Double]) {
        var low = [Double](repeating: .infinity, count: f.columns), high = [Double](repeating: -.infinity, count: f.columns)
        for i in 0..<f.rows { for j in 0..<f.columns { low[j] = min(low[j], f[i, j]); high[j] = max(high[j], f[i, j]) } }
        return (low, high)
    }

    /// max_j λ_j f̂_j + ρ Σ_j λ_j f̂_j over objectives normalized to [0, 1] by the observed ranges.
    static func scalarize(_ f: [Double], _ lambda: [Double], _ low: [Double], _ high: [Double], rho: Double) -> Double {
        var worst = -Double.infinity, sum = 0.0
        for j in 0..<f.count {
            let range = high[j] - low[j]
            let v = lambda[j] * (range > 0 ? (f[j] - low[j]) / range : 0)
            worst = max(worst, v)
            sum += v
        }
        return worst + rho * sum
    }

    /// Registry entry `parego` (`--population` sets the batch size q).
    public static let registration = RegisteredAlgorithm(
        name: name, summary: "ParEGO (Knowles 2006): GP + expected improvement on random Tchebycheff scalarizations"
    ) { settings, _ in
        AnyOptimizer(ParEGO(configuration: try Configuration(surrogate: SurrogateSettings.from(settings))))
    }
}
