import Foundation
import NumericCore
import ParetoCore
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
    /// Called with progress lines (the CLI draws a bar on stderr).
    public var progress: (ExperimentProgress) -> Void
    /// Folder of TensorBoard event files (`<folder>/<method>/seed-<s>`); `nil` uses the config's
    /// `tensorboard` key, if any.
    public var tensorboardDirectory: String?

    public init(config: ExperimentConfig, outputDirectory: String, parallelism: Int = 1,
                progress: @escaping (ExperimentProgress) -> Void = { _ in }) {
        self.config = config
        self.outputDirectory = outputDirectory
        self.parallelism = parallelism
        self.progress = progress
    }

    /// Methods that train inside the model with gradient balancing; the others are black-box.
    static let inTrainingMethods: Set<String> = ["mgda", "mgda-ub", "pareto-mtl"]

    /// Loads the experiment's data (synthetic or real) with the experiment's data seed.
    public func loadData() throws -> ScenarioData {
        switch config.data {
        case .synthetic(let rows, let conflict):
            return try ScenarioData.make(kind: config.scenario, dataPath: nil, syntheticRows: rows, conflict: conflict, seed: config.dataSeed)
        case .file(let path, let rows, let conflict):
            // ScenarioData.make names the file in its errors (a file of another format included).
            return try ScenarioData.make(kind: config.scenario, dataPath: path, syntheticRows: rows ?? 100_000,
                                         conflict: conflict ?? 0.5, seed: config.dataSeed)
        }
    }

    /// Runs what is not finished yet and writes every output. Returns the hypervolume summary.
    @discardableResult
    public func run() throws -> ExperimentSummary {
        let data = try loadData()
        let trainer = ScenarioTrainer(data: data, settings: config.model)
        let objectives = trainer.objectives
        guard config.reference.count == objectives.metricNames.count else {
            throw ConfigError(file: "<experiment>", message: "reference point has \(config.reference.count) values, the scenario has \(objectives.metricNames.count) objectives")
        }
        let note = ScenarioObjectives.note(for: data)
        let store = ResultsStore(directory: outputDirectory)
        try FileManager.default.createDirectory(atPath: outputDirectory, withIntermediateDirectories: true)
        let total = config.methods.count * config.seeds.count
        var done = 0
        let previousThreads = BLASThreads.count
        BLASThreads.set(1)  // small models: one BLAS thread per training, parallelism across trainings
        defer { BLASThreads.set(previousThreads) }
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
                let outcome: MethodOutcome = ExperimentRunner.inTrainingMethods.contains(method.name)
                    ? try InTrainingMethod.run(method, seed: seed, trainer: trainer, reference: config.reference, events: events)
                    : try BlackBoxMethod.run(method, seed: seed, trainer: trainer, searchSpace: config.searchSpace,
                                             reference: config.reference, parallelism: parallelism)
                let fused = try ExperimentRunner.fuse(outcome, objectives: objectives, test: data.test)
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                let testPoints = try Matrix<Double>(outcome.front.map { $0.map { -$0 } })
                let hv = outcome.front.isEmpty ? 0 : try hypervolume(of: testPoints, reference: config.reference.map { -$0 })
                try events?.finish(history: outcome.history, testHypervolume: hv, evaluations: outcome.evaluations)
                let artifacts = RunArtifacts(
                    scenario: config.scenario.rawValue, method: method.name, seed: seed, objectiveNames: objectives.metricNames,
                    maximize: objectives.maximize, front: outcome.front, history: outcome.history, lossCurve: outcome.lossCurve,
                    hypervolume: hv, evaluations: outcome.evaluations, seconds: seconds, fusion: fused.map(\.test))
                try RankingReport.write(models: outcome.models, test: data.test,
                                        runDirectory: store.runDirectory(method: method.name, seed: seed))
                try store.write(artifacts, decisionNames: outcome.decisionNames, decisions: outcome.decisions,
                                reference: config.reference, note: note, fusion: fused)
                done += 1
                progress(ExperimentProgress(done: done, total: total, method: method.name, seed: seed,
                                            message: String(format: "test HV %.5f, %d points, %.1f s", hv, outcome.front.count, seconds)))
            }
        }
        return try ExperimentRunner.writeReports(directory: outputDirectory, title: config.name)
    }

    /// The Pareto set's models fused for each of `ParetoSetFusion.standardPreferences` and measured
    /// on the test split; empty when the method kept no models.
    static func fuse(_ outcome: MethodOutcome, objectives: ScenarioObjectives, test: ExampleTable) throws -> [FusedPoint] {
        guard !outcome.models.isEmpty, outcome.models.count == outcome.validation.count else { return [] }
        return try ParetoSetFusion.standardPreferences.map { preference in
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
        let html = HTMLReport(title: "ParetoRec — \(name)", runs: runs.map(\.artifacts), notes: notes).render()
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
