import Foundation
import NumericCore
import ParetoCore
import ParetoOptimizers
import Recommender

/// Runs an experiment: every method × seed on one scenario, each run's files written atomically as
/// it finishes, then the tables, the HTML report and the notebook.
///
/// Resuming: runs whose `summary.json` exists are skipped, so an interrupted experiment started
/// again with the same output folder continues where it stopped and ends with the same files.
public struct ExperimentRunner {
    public let config: ExperimentConfig
    public let outputDirectory: String
    /// Parallel evaluations in black-box methods (results do not depend on it).
    public var parallelism: Int
    /// Whether a directory holding another experiment's results is emptied and started over
    /// (otherwise it is refused).
    public var force: Bool
    /// Where black-box evaluations run (nil = `parallelism` threads of this process; the CLI passes
    /// an MPI backend under `--distributed mpi`). Results do not depend on it.
    public var evaluationBackend: (any EvaluationBackend)?
    /// Called with progress lines (the CLI draws a bar on stderr).
    public var progress: (ExperimentProgress) -> Void
    /// Folder of TensorBoard event files (`<folder>/<method>/seed-<s>`); `nil` uses the config's
    /// `tensorboard` key, if any.
    public var tensorboardDirectory: String?

    public init(config: ExperimentConfig, outputDirectory: String, parallelism: Int = 1, force: Bool = false,
                progress: @escaping (ExperimentProgress) -> Void = { _ in }) {
        self.config = config
        self.outputDirectory = outputDirectory
        self.parallelism = parallelism
        self.force = force
        self.progress = progress
    }

    /// Loads the experiment's data (synthetic or real) with the experiment's data seed.
    public func loadData() throws -> ScenarioData {
        switch config.data {
        case .synthetic(let rows, let conflict):
            return try ScenarioData.make(kind: config.scenario, dataPath: nil, syntheticRows: rows, conflict: conflict, seed: config.dataSeed,
                                         objectives: config.objectiveCount)
        case .file(let path, let rows, let conflict):
            // ScenarioData.make names the file in its errors (a file of another format included).
            return try ScenarioData.make(kind: config.scenario, dataPath: path, format: config.dataFormat, syntheticRows: rows ?? 100_000,
                                         conflict: conflict ?? 0.5, seed: config.dataSeed,
                                         behaviourHistories: config.model.userTower != .id, objectives: config.objectiveCount)
        }
    }

    /// Runs what is not finished yet and writes every output. Returns the hypervolume summary.
    ///
    /// The results directory is locked for the whole run (a second experiment on it is refused) and
    /// must hold this experiment's record (`experiment.json`) or nothing yet; see `force`.
    /// - Throws: ``ResultsError`` for a busy or foreign directory, data, training and writing errors.
    @discardableResult
    public func run() throws -> ExperimentSummary {
        let data = try loadData()  // before touching the directory: a bad data file leaves nothing behind
        let lock = try ResultsDirectoryLock(directory: outputDirectory, record: ExperimentRecord(config), force: force)
        defer { withExtendedLifetime(lock) {} }
        let defaultTrainer = ScenarioTrainer(data: data, settings: config.model)
        let objectives = defaultTrainer.objectives
        guard config.reference.count == objectives.metricNames.count else {
            throw ConfigError(file: "<experiment>", message: "reference point has \(config.reference.count) values, the scenario has \(objectives.metricNames.count) objectives")
        }
        let note = ScenarioObjectives.note(for: data)
        let store = ResultsStore(directory: outputDirectory)
        try ProtocolRecord(config)?.write(directory: outputDirectory)
        let total = config.methods.count * config.seeds.count
        var done = 0
        // Small models: one BLAS thread per training, parallelism across trainings. A lease, so two
        // runners in one process never change the process-wide count under each other.
        let blasThreads = BLASThreads.acquire(1)
        defer { blasThreads.release() }
        for method in config.methods {
            for seed in config.seeds {
                if store.isFinished(method: method.name, seed: seed) {
                    done += 1
                    progress(ExperimentProgress(done: done, total: total, method: method.name, seed: seed, message: "already finished (resumed)"))
                    continue
                }
                progress(ExperimentProgress(done: done, total: total, method: method.name, seed: seed, message: "running"))
                let start = DispatchTime.now().uptimeNanoseconds
                let events = try (tensorboardDirectory ?? config.tensorboard).map {
                    try ExperimentEventLog(root: $0, method: method.name, seed: seed, objectiveNames: data.layout.objectives.map(\.name))
                }
                let trainer = defaultTrainer.using(architecture: method.architecture)
                let outcome = try run(method, seed: seed, trainer: trainer, events: events)
                let fused = try ExperimentRunner.fuse(outcome, objectives: objectives, test: data.test)
                let ensembles = try config.fusion.map {
                    try TrainedModelFusion(settings: $0).fuseParetoSet(models: outcome.models, validation: outcome.validation,
                                                                       objectives: objectives, test: data.test)
                } ?? []
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                let hv = outcome.front.count == 0 ? 0
                    : try hypervolume(of: outcome.front.minimizationObjectives, reference: outcome.front.minimizationPoint(config.reference))
                try events?.finish(history: outcome.history, testHypervolume: hv, evaluations: outcome.evaluations)
                let artifacts = RunArtifacts(
                    scenario: config.scenario.rawValue, method: method.name, seed: seed, front: outcome.front,
                    history: outcome.history, lossCurve: outcome.lossCurve,
                    hypervolume: hv, evaluations: outcome.evaluations, seconds: seconds, fusion: fused.map(\.test),
                    sweep: outcome.sweep.map(\.test))
                let runDirectory = store.runDirectory(method: method.name, seed: seed)
                try RankingReport.write(models: outcome.models, test: data.test, runDirectory: runDirectory)
                try ConversionReport.write(models: outcome.models, test: data.test, runDirectory: runDirectory)
                try store.writeEnsembles(ensembles, objectiveNames: objectives.metricNames, method: method.name, seed: seed)
                try store.write(artifacts, reference: config.reference, note: note, fusion: fused,
                                sweepPreferences: outcome.sweep.map(\.preference))
                done += 1
                progress(ExperimentProgress(done: done, total: total, method: method.name, seed: seed,
                                            message: String(format: "test HV %.5f, %d points, %.1f s", hv, outcome.front.count, seconds)))
            }
        }
        try runTrainedFusions(trainer: defaultTrainer, store: store)
        return try ExperimentRunner.writeReports(directory: outputDirectory, title: config.name)
    }

    /// One run of `method` with `seed`: its registry entry, run as a black-box optimizer, as a
    /// weighting inside training, or as a Pareto-set learner.
    func run(_ method: MethodConfig, seed: UInt64, trainer: ScenarioTrainer, events: ExperimentEventLog? = nil) throws -> MethodOutcome {
        try Self.run(method, seed: seed, trainer: trainer, reference: config.reference, searchSpace: config.searchSpace,
                     parallelism: parallelism, backend: evaluationBackend, events: events)
    }

    static func run(_ method: MethodConfig, seed: UInt64, trainer: ScenarioTrainer, reference: [Double], searchSpace: SearchSpace,
                    parallelism: Int, backend: (any EvaluationBackend)?, events: ExperimentEventLog?) throws -> MethodOutcome {
        switch try method.resolved() {
        case .blackBox(let entry):
            return try BlackBoxMethod.run(method, entry: entry, seed: seed, trainer: trainer, searchSpace: searchSpace,
                                          reference: reference, parallelism: parallelism, backend: backend)
        case .inTraining(let entry):
            return try InTrainingMethod.run(method, entry: entry, seed: seed, trainer: trainer, reference: reference, events: events)
        case .setLearning(let entry):
            return try entry.run(method, seed, trainer, reference, events)
        }
    }

    /// The test-split front of one run of `method` with `seed` (what an experiment writes as the run's
    /// `front.csv`), for benchmarks and scripts that compare methods outside an experiment.
    /// - Throws: the method's configuration, training and measurement errors.
    public static func front(of method: MethodConfig, seed: UInt64, trainer: ScenarioTrainer, reference: [Double],
                             searchSpace: SearchSpace = SearchSpace(), parallelism: Int = 1) throws -> FrontTable {
        try run(method, seed: seed, trainer: trainer, reference: reference, searchSpace: searchSpace,
                parallelism: parallelism, backend: nil, events: nil).front
    }

    /// The Pareto set's models fused for each of `ParetoSetFusion.standardPreferences(objectives:)` and measured
    /// on the test split; empty when the method kept no models.
    static func fuse(_ outcome: MethodOutcome, objectives: ScenarioObjectives, test: ExampleTable) throws -> [FusedPoint] {
        guard !outcome.models.isEmpty, outcome.models.count == outcome.validation.count else { return [] }
        return try ParetoSetFusion.standardPreferences(objectives: objectives.metricNames.count).map { preference in
            try ParetoSetFusion(preference: preference).evaluate(
                models: outcome.models, validation: outcome.validation, objectives: objectives, on: test)
        }
    }

    /// Writes `summary.csv`, `table.md`, `table.tex`, `report.html` and `notebook.ipynb` from the run
    /// folders of a results directory (what `paretorec report` does).
    @discardableResult
    public static func writeReports(directory: String, title: String? = nil) throws -> ExperimentSummary {
        let store = ResultsStore(directory: directory)
        let runs = try store.loadRuns()
        guard !runs.isEmpty else { throw ResultsError(path: directory, message: "no finished runs to report") }
        let table = try store.writeTables(runs)
        var notes: [String: String] = [:]
        for (_, s) in runs { if let n = s.note { notes[s.scenario] = n } }
        let name = title ?? URL(fileURLWithPath: directory).lastPathComponent
        let published = try ProtocolRecord.read(directory: directory).map {
            PublishedComparison.measure(record: $0, runs: runs.map(\.artifacts), directory: directory)
        }
        var report = HTMLReport(title: "ParetoRec — \(name)", runs: runs.map(\.artifacts), notes: notes, published: published)
        report.ensembles = try store.loadEnsembles(runs: runs)
        let html = report.render()
        try AtomicFile.write(html, to: directory + "/report.html")
        try AtomicFile.write(try ExperimentNotebook.make(title: name, note: notes.values.first), to: directory + "/notebook.ipynb")
        return ExperimentSummary(directory: directory, table: table, runs: runs.count)
    }
}

/// A progress event of an experiment.
public struct ExperimentProgress: Sendable {
    public var done: Int
    public var total: Int
    public var method: String
    public var seed: UInt64
    public var message: String
}

/// What an experiment (or a report) produced.
public struct ExperimentSummary: Sendable {
    public var directory: String
    public var table: IndicatorSummary
    public var runs: Int
    public var reportPath: String { directory + "/report.html" }
    public var notebookPath: String { directory + "/notebook.ipynb" }
}
