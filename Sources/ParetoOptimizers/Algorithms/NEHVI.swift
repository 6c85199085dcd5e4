import Foundation
import NumericCore
import ParetoCore

/// Bayesian optimization by noisy expected hypervolume improvement (for noisy observations and
/// three or more objectives).
///
/// Daulton, Balandat & Bakshy, "Parallel Bayesian optimization of multiple noisy objectives with
/// expected hypervolume improvement", NeurIPS 2021, arXiv:2105.08195. After a Sobol initial design,
/// each iteration fits one Matérn-5/2 GP per objective (``GaussianProcess``), infers the reference
/// point from every observation (``EHVI/reference(observed:)``, or takes a fixed one) and maximizes
/// log NEHVI (``NoisyExpectedHypervolumeImprovement``: the front is re-drawn from the joint
/// posterior at the observed points in every Monte Carlo sample instead of being the observed
/// values) by Sobol candidates, perturbations of the observed front and BFGS
/// (``AcquisitionMaximizer``). For a batch of q, each chosen point joins every GP at its predicted
/// mean before the next is chosen; NEHVI then integrates over it like any observed point (the paper
/// integrates over the pending points' joint samples instead of their means).
///
/// - Complexity: per iteration M GP fits plus q acquisition searches; one NEHVI value is
///   O(M · (N² · n + S · N · n) + S · M · HV(k)) (S samples, N observations, k front points).
public struct NEHVI: AskTellOptimizer {
    /// NEHVI settings.
    public struct Configuration: Codable, Sendable, Equatable {
        /// Surrogate, batch and acquisition settings.
        public var surrogate: SurrogateSettings
        /// Joint posterior samples S.
        public var samples: Int
        /// A fixed reference point (minimization); `nil` infers one from the observations.
        public var reference: [Double]?

        /// - Throws: `OptimizerError.invalidConfiguration` for fewer than 1 sample or a non-finite reference.
        public init(surrogate: SurrogateSettings? = nil, samples: Int = 64, reference: [Double]? = nil) throws {
            guard samples >= 1 else { throw OptimizerError.invalidConfiguration("NEHVI needs ≥ 1 posterior sample, got \(samples)") }
            if let reference, reference.isEmpty || !reference.allSatisfy(\.isFinite) {
                throw OptimizerError.invalidConfiguration("NEHVI reference point must be finite and non-empty, got \(reference)")
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

    public static let name = "nehvi"
    public let configuration: Configuration

    /// NEHVI with `configuration`.
    public init(configuration: Configuration) { self.configuration = configuration }

    public func initialize(evaluator: inout Evaluator, rng: SeededGenerator) throws -> State {
        let p = evaluator.problem
        if let reference = configuration.reference, reference.count != p.objectiveCount {
            throw OptimizerError.invalidConfiguration("NEHVI reference point has \(reference.count) values for \(p.objectiveCount) objectives")
        }
        var state = State(run: try SurrogateRun(problem: p, rng: rng, models: p.objectiveCount))
        let design = try state.run.initialDesign(count: configuration.surrogate.initialDesign(variables: p.variableCount))
        try tell(&state, evaluated: evaluator.evaluate(design))
        return state
    }

    /// The next batch, on one OpenBLAS thread (a lease) so the bits do not depend on the process.
    public func ask(_ state: inout State) throws -> Matrix<Double> {
        try BLASThreads.with(1) { try propose(&state) }
    }

    private func propose(_ state: inout State) throws -> Matrix<Double> {
        let evaluated = state.run.evaluated
        let m = evaluated.objectives.columns
        var models = try (0..<m).map { j in
            try state.run.fitModel(j, outputs: (0..<evaluated.count).map { evaluated.objectives[$0, j] },
                                   options: configuration.surrogate.fit)
        }
        let reference = configuration.reference ?? EHVI.reference(observed: evaluated.objectives)
        let data = feasibleNondominated(evaluated)
        let centres = (0..<data.count).map { data.decisions.row($0) }
        var proposals: [[Double]] = []
        for _ in 0..<configuration.surrogate.batchSize {
            let nehvi = try NoisyExpectedHypervolumeImprovement(models: models, reference: reference,
                                                                samples: configuration.samples, rng: &state.run.rng)
            let extra = state.run.perturbations(of: centres, count: configuration.surrogate.localCandidates)
            let sequence = try state.run.candidateSequence()
            let chosen = try configuration.surrogate.acquisition.maximize(box: state.run.box, sequence: sequence, extra: extra,
                                                                          score: { try nehvi.logValueOnly($0) }) { x in
                try nehvi.logValue(x)
            }
            proposals.append(chosen.x)
            models = try models.map { try $0.conditioned(on: chosen.x, value: $0.predict(chosen.x).mean) }
        }
        return try Matrix(rows: proposals.count, columns: state.run.box.dimension, storage: proposals.flatMap { $0 })
    }

    public func tell(_ state: inout State, evaluated: Population) throws {
        state.run.record(evaluated)
    }

    /// Registry entry `nehvi` (`--population` sets the batch size q).
    public static let registration = RegisteredAlgorithm(
        name: name, summary: "NEHVI Bayesian optimization (Daulton et al. 2021): EHVI over joint posterior samples of the observed front"
    ) { settings, _ in
        AnyOptimizer(NEHVI(configuration: try Configuration(surrogate: SurrogateSettings.from(settings))))
    }
}
