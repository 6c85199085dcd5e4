import Foundation
import NumericCore
import ParetoCore

/// Bayesian optimization by expected hypervolume improvement of independent per-objective GPs.
///
/// Emmerich, Giannakoglou & Naujoks, "Single- and multiobjective evolutionary optimization assisted
/// by Gaussian random field metamodels", IEEE TEVC 10(4), 421–439, 2006,
/// doi:10.1109/TEVC.2005.859463; batch selection as in Daulton, Balandat & Bakshy, "Differentiable
/// expected hypervolume improvement for parallel multi-objective Bayesian optimization", NeurIPS
/// 2020, arXiv:2006.05078 (sequential greedy). After a Sobol initial design, each iteration fits one
/// Matérn-5/2 GP per objective (``GaussianProcess``), takes the observed non-dominated set and a
/// reference point beyond the worst observation of every objective (``reference(observed:)``, as
/// Optuna's GPSampler does; a fixed one when configured), and maximizes
/// EHVI (``ExpectedHypervolumeImprovement``: exact for two objectives, quasi-Monte Carlo for more)
/// through its logarithm by Sobol candidates, perturbations of front members and BFGS
/// (``AcquisitionMaximizer``). For a batch of q, each chosen point is added to every GP and to the
/// front at its predicted mean (Kriging believer) before the next is chosen.
///
/// - Complexity: per iteration M GP fits plus q acquisition searches; one EHVI value is O(k) for two
///   objectives and O(S · M · HV(k)) for M ≥ 3 (S samples, k front points).
public struct EHVI: AskTellOptimizer {
    /// EHVI settings.
    public struct Configuration: Codable, Sendable, Equatable {
        /// Surrogate, batch and acquisition settings.
        public var surrogate: SurrogateSettings
        /// Quasi-Monte Carlo samples for three or more objectives.
        public var samples: Int
        /// A fixed reference point (minimization; one value per objective), e.g. the worst value
        /// still of interest; `nil` infers one from the observations each iteration.
        public var reference: [Double]?

        /// - Throws: `OptimizerError.invalidConfiguration` for fewer than 1 sample or a non-finite reference.
        public init(surrogate: SurrogateSettings? = nil, samples: Int = 64, reference: [Double]? = nil) throws {
            guard samples >= 1 else { throw OptimizerError.invalidConfiguration("EHVI needs ≥ 1 Monte Carlo sample, got \(samples)") }
            if let reference, reference.isEmpty || !reference.allSatisfy(\.isFinite) {
                throw OptimizerError.invalidConfiguration("EHVI reference point must be finite and non-empty, got \(reference)")
            }
            self.surrogate = try surrogate ?? SurrogateSettings()
            self.samples = samples
            self.reference = reference
        }
    }

    /// Run data: the shared surrogate run.
    public struct State: OptimizerState {
        var run: SurrogateRun
        /// The latest evaluated batch.
        public var population: Population { run.latest }
        /// Everything evaluated (the driver keeps its non-dominated rows).
        public var front: Population { run.evaluated }
    }

    public static let name = "ehvi"
    public let configuration: Configuration

    /// EHVI with `configuration`.
    public init(configuration: Configuration) { self.configuration = configuration }

    public func initialize(evaluator: inout Evaluator, rng: SeededGenerator) throws -> State {
        let p = evaluator.problem
        if let reference = configuration.reference, reference.count != p.objectiveCount {
            throw OptimizerError.invalidConfiguration("EHVI reference point has \(reference.count) values for \(p.objectiveCount) objectives")
        }
        var state = State(run: try SurrogateRun(problem: p, rng: rng, models: p.objectiveCount))
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
        let data = feasibleNondominated(state.run.evaluated)
        let m = state.run.evaluated.objectives.columns
        var models = try (0..<m).map { j in
            try state.run.fitModel(j, outputs: (0..<state.run.evaluated.count).map { state.run.evaluated.objectives[$0, j] },
                                   options: configuration.surrogate.fit)
        }
        var front = data.objectives
        let reference = configuration.reference ?? Self.reference(observed: state.run.evaluated.objectives)
        let centres = (0..<data.count).map { data.decisions.row($0) }
        let mcSequence = try SobolSequence(dimension: m)
        var proposals: [[Double]] = []
        for _ in 0..<configuration.surrogate.batchSize {
            let ehvi = try ExpectedHypervolumeImprovement(front: front, reference: reference, samples: configuration.samples, sequence: mcSequence)
            let extra = state.run.perturbations(of: centres, count: configuration.surrogate.localCandidates)
            let sequence = try state.run.candidateSequence()
            let gps = models
            let score = { (x: [Double]) throws -> Double in
                let p = gps.map { $0.predict(x) }
                return log(try ehvi.valueOnly(mean: p.map(\.mean), deviation: p.map { $0.variance.squareRoot() }) + 1e-300)
            }
            let chosen = try configuration.surrogate.acquisition.maximize(box: state.run.box, sequence: sequence, extra: extra, score: score) { x in
                try Self.logAcquisition(x, models: gps, ehvi: ehvi)
            }
            proposals.append(chosen.x)
            let believed = models.map { $0.predict(chosen.x).mean }
            models = try models.map { try $0.conditioned(on: chosen.x, value: $0.predict(chosen.x).mean) }
            front.appendRow(believed)
        }
        return try Matrix(rows: proposals.count, columns: state.run.box.dimension, storage: proposals.flatMap { $0 })
    }

    public func tell(_ state: inout State, evaluated: Population) throws {
        state.run.record(evaluated)
    }

    /// log(EHVI + 10⁻³⁰⁰) at `x` and its gradient, through the GPs' means and deviations.
    static func logAcquisition(_ x: [Double], models: [GaussianProcess], ehvi: ExpectedHypervolumeImprovement) throws -> (Double, [Double]) {
        let predictions = models.map { $0.predict(x, gradient: true) }
        let deviations = predictions.map { $0.variance.squareRoot() }
        let (value, dMean, dDeviation) = try ehvi.value(mean: predictions.map(\.mean), deviation: deviations)
        let floor = 1e-300
        var gradient = [Double](repeating: 0, count: x.count)
        for (j, p) in predictions.enumerated() {
            for d in 0..<x.count {
                var g = dMean[j] * p.meanGradient[d]
                if deviations[j] > 0 { g += dDeviation[j] * p.varianceGradient[d] / (2 * deviations[j]) }
                gradient[d] += g / (value + floor)
            }
        }
        return (log(value + floor), gradient)
    }

    /// The inferred reference point: per objective, the worst observed value plus 10 % of the
    /// observed range (10 % of its magnitude when the range is zero, 1 when that is zero too).
    ///
    /// Every observation, not only the front, bounds it: a reference at the front's nadir (BoTorch's
    /// `infer_reference_point` on the Pareto set) collapses to the front itself while the front is
    /// one or a few points, so that only candidates beyond the current extremes' box can improve and
    /// the search stays in a corner; bounding all observations (as Optuna's GPSampler does with
    /// 1.1 × its worst standardized loss) lets every non-dominated candidate count.
    static func reference(observed: Matrix<Double>) -> [Double] {
        let (low, high) = ParEGO.ranges(observed)
        return (0..<observed.columns).map { j in
            var margin = 0.1 * (high[j] - low[j])
            if !(margin > 0) { margin = 0.1 * abs(high[j]) }
            if !(margin > 0) { margin = 1 }
            return high[j] + margin
        }
    }

    /// Registry entry `ehvi` (`--population` sets the batch size q).
    public static let registration = RegisteredAlgorithm(
        name: name, summary: "EHVI Bayesian optimization (Emmerich et al. 2006): per-objective GPs, exact 2-D / QMC EHVI"
    ) { settings, _ in
        AnyOptimizer(EHVI(configuration: try Configuration(surrogate: SurrogateSettings.from(settings))))
    }
}
