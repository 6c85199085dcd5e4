import ArgumentParser
import Foundation
import ParetoOptimizers
import NumericCore
import Recommender
import Scenarios

/// `paretorec experiment CONFIG`: runs a scenario experiment (every method × seed) and writes fronts,
/// histories, summary tables, an HTML report and a notebook.
struct ExperimentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "experiment",
        abstract: "Run a scenario experiment from a YAML config (see Experiments/*.yaml).",
        discussion: """
        Writes DIR/runs/<method>/seed-<s>/{front,history,loss}.csv and summary.json, then DIR/summary.csv, \
        table.md, table.tex, report.html and notebook.ipynb. Runs that already have a summary.json are \
        skipped, so an interrupted experiment resumes when started again with the same --output-dir. \
        The folder records what produced it (experiment.json: configuration hash, code version) and \
        refuses another experiment (--force starts over); a lock refuses a second experiment running on it.
        """)

    @Argument(help: "The experiment configuration (YAML).") var config: String
    @Option(name: .customLong("output-dir"), help: "Results folder (default: out/<experiment name>).") var outputDirectory: String?
    @Option(help: "Parallel model trainings in black-box methods (results do not depend on it).") var parallelism: Int = 2
    @OptionGroup var table: TableOptions
    @Flag(help: "Start over in an --output-dir that holds results of another experiment or version (deletes them).") var force = false
    @Flag(help: "Only read and validate the configuration (every method against the registries); run nothing.") var check = false
    @Option(help: ArgumentHelp("Write TensorBoard event files, one run folder per method and seed (DIR/<method>/seed-<s>).",
                               valueName: "DIR")) var tensorboard: String?
    @OptionGroup var distribution: DistributedOptions

    func validate() throws {
        guard parallelism >= 1 else { throw ValidationError("--parallelism must be at least 1") }
    }

    func run() throws {
        try runDistributed(distribution.distributed, parallelism: parallelism, problemKey: Self.problemKey, worker: {
            // A worker loads the same data and answers the black-box problem of any run seed.
            let experiment = try ExperimentConfig.load(path: config)
            let runner = ExperimentRunner(config: experiment, outputDirectory: "")
            let trainer = ScenarioTrainer(data: try runner.loadData(), settings: experiment.model)
            BLASThreads.set(1)  // as the coordinator's runner: one BLAS thread per training
            return { key in
                guard let seed = key.split(separator: "#seed=").last.flatMap({ UInt64($0) }) else {
                    throw CLIError("rank 0 asked for an unknown problem \(key)")
                }
                var architecture: ModelArchitecture.Kind?
                if let field = key.split(separator: "#").first(where: { $0.hasPrefix("arch=") }) {
                    guard let kind = ModelArchitecture.Kind(rawValue: String(field.dropFirst("arch=".count))) else {
                        throw CLIError("rank 0 asked for an unknown architecture in \(key)")
                    }
                    architecture = kind
                }
                return try RecommenderProblem(trainer: trainer.using(architecture: architecture),
                                              searchSpace: experiment.searchSpace, runSeed: seed)
            }
        }, coordinator: { backend in
            let experiment = try ExperimentConfig.load(path: config)
            if check {
                let methods = experiment.methods.map { "\($0.name) (\($0.kind.rawValue) \($0.registryName))" }
                try writeStandardOutput("\(config): valid; \(experiment.seeds.count) seed(s); methods: \(methods.joined(separator: ", "))\n")
                return
            }
            let directory = outputDirectory ?? "out/\(experiment.name)"
            let bar = ProgressBar()
            var runner = ExperimentRunner(config: experiment, outputDirectory: directory, parallelism: parallelism, force: force) { event in
                bar.update(event)
            }
            runner.tensorboardDirectory = tensorboard
            runner.evaluationBackend = backend
            let summary = try runner.run()
            bar.finish()
            try writeStandardOutput(summary.table.markdown())
            if table.latex { try writeStandardOutput("\n" + summary.table.latex()) }
            try writeStandardOutput("\nfronts:   \(directory)/runs/<method>/seed-<s>/front.csv\n")
            try writeStandardOutput("summary:  \(directory)/summary.csv\nreport:   \(summary.reportPath)\nnotebook: \(summary.notebookPath)\n")
        })
    }

    /// The key a worker resolves to the same black-box problem: the run seed decides it.
    @Sendable static func problemKey(_ problem: any Problem) -> String {
        guard let recommender = problem as? RecommenderProblem else { return problem.name }
        return "\(recommender.name)#arch=\(recommender.trainer.settings.architecture.rawValue)#seed=\(recommender.runSeed)"
    }
}

/// `paretorec report RESULTS_DIR`: (re)writes the tables, the HTML report and the notebook of a
/// results folder from its run files.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Write the HTML report, tables and notebook of an experiment's results folder.")

    @Argument(help: "A folder written by `paretorec experiment`.") var resultsDirectory: String
    @OptionGroup var table: TableOptions

    func run() throws {
        try reportingErrors {
            let summary = try ExperimentRunner.writeReports(directory: resultsDirectory)
            try writeStandardOutput(summary.table.markdown())
            if table.latex { try writeStandardOutput("\n" + summary.table.latex()) }
            try writeStandardOutput("\nreport:   \(summary.reportPath)\nnotebook: \(summary.notebookPath)\n")
        }
    }
}

/// A one-line progress bar on stderr, redrawn in place on a terminal and printed line by line otherwise.
final class ProgressBar {
    private let isTerminal = isatty(STDERR_FILENO) != 0
    private var drawn = false

    func update(_ e: ExperimentProgress) {
        let width = 24
        let filled = e.total == 0 ? width : width * e.done / e.total
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let line = "[\(bar)] \(e.done)/\(e.total) \(e.method) seed \(e.seed): \(e.message)"
        if isTerminal {
            writeProgress(("\r\u{1B}[2K" + line))
            drawn = true
        } else {
            writeProgress((line + "\n"))
        }
    }

    func finish() {
        if drawn { writeProgress("\n") }
    }
}
