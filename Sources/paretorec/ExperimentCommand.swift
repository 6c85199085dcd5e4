import ArgumentParser
import Foundation
import ParetoOptimizers
import NumericCore
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
        skipped, so an interrupted experiment resumes when started again with the same --output-dir.
        """)

    @Argument(help: "The experiment configuration (YAML).") var config: String
    @Option(name: .customLong("output-dir"), help: "Results folder (default: out/<experiment name>).") var outputDirectory: String?
    @Option(help: "Parallel model trainings in black-box methods (results do not depend on it).") var parallelism: Int = 2
    @Flag(help: "Also print the hypervolume table as LaTeX.") var latex = false
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
                return try RecommenderProblem(trainer: trainer, searchSpace: experiment.searchSpace, runSeed: seed)
            }
        }, coordinator: { backend in
            let experiment = try ExperimentConfig.load(path: config)
            let directory = outputDirectory ?? "out/\(experiment.name)"
            let bar = ProgressBar()
            var runner = ExperimentRunner(config: experiment, outputDirectory: directory, parallelism: parallelism) { event in
                bar.update(event)
            }
            runner.evaluationBackend = backend
            let summary = try runner.run()
            bar.finish()
            writeStandardOutput(summary.table.markdown())
            if latex { writeStandardOutput("\n" + summary.table.latex()) }
            writeStandardOutput("\nfronts:   \(directory)/runs/<method>/seed-<s>/front.csv\n")
            writeStandardOutput("summary:  \(directory)/summary.csv\nreport:   \(summary.reportPath)\nnotebook: \(summary.notebookPath)\n")
        })
    }

    /// The key a worker resolves to the same black-box problem: the run seed decides it.
    @Sendable static func problemKey(_ problem: any Problem) -> String {
        guard let recommender = problem as? RecommenderProblem else { return problem.name }
        return "\(recommender.name)#seed=\(recommender.runSeed)"
    }
}

/// `paretorec report RESULTS_DIR`: (re)writes the tables, the HTML report and the notebook of a
/// results folder from its run files.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Write the HTML report, tables and notebook of an experiment's results folder.")

    @Argument(help: "A folder written by `paretorec experiment`.") var resultsDirectory: String
    @Flag(help: "Also print the hypervolume table as LaTeX.") var latex = false

    func run() throws {
        try reportingErrors {
            let summary = try ExperimentRunner.writeReports(directory: resultsDirectory)
            writeStandardOutput(summary.table.markdown())
            if latex { writeStandardOutput("\n" + summary.table.latex()) }
            writeStandardOutput("\nreport:   \(summary.reportPath)\nnotebook: \(summary.notebookPath)\n")
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
            FileHandle.standardError.write(Data(("\r\u{1B}[2K" + line).utf8))
            drawn = true
        } else {
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
    }

    func finish() {
        if drawn { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
