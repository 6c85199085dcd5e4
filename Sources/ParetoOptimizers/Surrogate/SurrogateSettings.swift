import NumericCore

/// Settings shared by the surrogate-based optimizers (``ParEGO``, ``EHVI``).
public struct SurrogateSettings: Sendable, Codable, Equatable {
    /// Points of the initial quasi-random (Sobol) design; `nil` = min(2(n + 1), 10), at least the batch size.
    public var initialDesignSize: Int?
    /// Proposals per iteration q (evaluated together, so `--parallelism q` runs them at once).
    public var batchSize: Int
    /// Hyper-parameter fitting.
    public var fit: GPFitOptions
    /// Acquisition search.
    public var acquisition: AcquisitionMaximizer
    /// Random perturbations of good points added to the acquisition candidates.
    public var localCandidates: Int

    /// - Throws: `OptimizerError.invalidConfiguration` for a batch below 1, an initial design below 1
    ///   or negative local candidates.
    public init(initialDesignSize: Int? = nil, batchSize: Int = 1, fit: GPFitOptions? = nil,
                acquisition: AcquisitionMaximizer? = nil, localCandidates: Int = 32) throws {
        guard batchSize >= 1 else { throw OptimizerError.invalidConfiguration("batch size must be ≥ 1, got \(batchSize)") }
        if let size = initialDesignSize, size < 1 {
            throw OptimizerError.invalidConfiguration("initial design size must be ≥ 1, got \(size)")
        }
        guard localCandidates >= 0 else { throw OptimizerError.invalidConfiguration("local candidates must be ≥ 0, got \(localCandidates)") }
        self.initialDesignSize = initialDesignSize
        self.batchSize = batchSize
        self.fit = try fit ?? GPFitOptions()
        self.acquisition = try acquisition ?? AcquisitionMaximizer()
        self.localCandidates = localCandidates
    }

    /// The initial design size for `variables` decision variables.
    public func initialDesign(variables: Int) -> Int {
        max(batchSize, initialDesignSize ?? min(2 * (variables + 1), 10))
    }

    /// The settings a registry factory derives: `populationSize` is the batch size q.
    static func from(_ settings: AlgorithmSettings) throws -> SurrogateSettings {
        try SurrogateSettings(batchSize: settings.populationSize ?? 1)
    }
}

/// Run data common to the surrogate-based optimizers.
public struct SurrogateRun: Sendable, Codable {
    /// The generator of the run (initial design shift, candidate shifts, perturbations, weights).
    var rng: SeededGenerator
    /// The modelled box.
    let box: SearchBox
    /// Every evaluated solution, in evaluation order.
    public var evaluated: Population
    /// The latest evaluated batch.
    public var latest: Population
    /// Hyper-parameters of the last fits (warm starts), one per model.
    var warmStarts: [GPHyperparameters?]

    /// The start of a run on `problem`.
    init(problem: any Problem, rng: SeededGenerator, models: Int) throws {
        self.rng = rng
        box = try SearchBox(problem: problem)
        evaluated = Population(variables: problem.variableCount, objectives: problem.objectiveCount)
        latest = evaluated
        warmStarts = [GPHyperparameters?](repeating: nil, count: models)
    }

    /// The initial design: `count` points of a Sobol sequence shifted by the run's generator.
    mutating func initialDesign(count: Int) throws -> Matrix<Double> {
        let sequence = try SobolSequence(dimension: box.dimension, rng: &rng)
        let rows = sequence.points(from: 0, count: count).map { box.point(unit: $0) }
        return try Matrix(rows: rows.count, columns: box.dimension, storage: rows.flatMap { $0 })
    }

    /// A fresh shifted Sobol sequence for one acquisition search.
    mutating func candidateSequence() throws -> SobolSequence {
        try SobolSequence(dimension: box.dimension, rng: &rng)
    }

    /// `count` Gaussian perturbations (σ = 5 % of the range) of the decision vectors `centres`, cycling.
    mutating func perturbations(of centres: [[Double]], count: Int) -> [[Double]] {
        guard !centres.isEmpty else { return [] }
        return (0..<count).map { k in
            let c = centres[k % centres.count]
            return (0..<c.count).map { j in c[j] + 0.05 * (box.upper[j] - box.lower[j]) * rng.nextGaussian() }
        }
    }

    /// Records an evaluated batch.
    mutating func record(_ batch: Population) {
        latest = batch
        evaluated = evaluated.count == 0 ? batch : evaluated.appending(batch)
    }

    /// Fits one GP to column `model` of `outputs` over the evaluated decisions, warm-started by the last fit.
    mutating func fitModel(_ model: Int, outputs: [Double], options: GPFitOptions) throws -> GaussianProcess {
        let gp = try GaussianProcess.fit(x: evaluated.decisions, y: outputs, box: box, options: options, warmStart: warmStarts[model])
        warmStarts[model] = gp.hyperparameters
        return gp
    }
}
