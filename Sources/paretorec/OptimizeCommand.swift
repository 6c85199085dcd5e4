import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif
import Foundation
import NumericCore
import ParetoCore
import ParetoOptimizers
import Distributed

/// `paretorec optimize`: run a registered algorithm on a test problem and write the final
/// non-dominated set as a front CSV (objective columns, then decision columns).
struct OptimizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "optimize",
        abstract: "Run a multi-objective optimizer on a test problem and write its front as CSV.",
        discussion: "Problems: \(TestProblems.names.joined(separator: ", ")). Algorithms: \(OptimizerRegistry.algorithms.map { ($0.aliases.isEmpty ? $0.name : "\($0.name) (\($0.aliases.joined(separator: ", ")))") + ": " + $0.summary }.joined(separator: "; "))."
    )

    @Option(help: "Test problem (zdt1, zdt2, zdt3, zdt4, zdt6, dtlz1 … dtlz7).") var problem: String
    @Option(help: "Algorithm name from the registry.") var algorithm: String = "nsga2"
    @Option(help: "Number of objectives M (DTLZ; default 3).") var objectives: Int?
    @Option(help: "Number of decision variables (default: the problem's).") var variables: Int?
    @Option(help: "Population / swarm / batch size (default: the algorithm's).") var population: Int?
    @Option(help: "Stop after G iterations, initialization included (default 100 when no budget is given).") var generations: Int?
    @Option(help: "Stop after E evaluations.") var evaluations: Int?
    @Option(help: "Random seed.") var seed: UInt64
    @Option(help: "Front CSV to write.") var output: String
    @Option(help: "History CSV to write (one row per iteration).") var history: String?
    @Option(help: "Directory for the checkpoint file (checkpoint.json).") var checkpoint: String?
    @Option(help: "Write a checkpoint every K iterations.") var checkpointEvery: Int = 10
    @Flag(help: "Continue from the checkpoint in --checkpoint.") var resume = false
    @Option(help: "Threads for batch evaluation (results do not depend on it).") var threads: Int = 1
    @Option(help: "Reference point r1,r2,… for the history's hypervolume column.") var reference: String?
    @OptionGroup var distribution: DistributedOptions

    /// Argument checks, reported as one `paretorec: error:` line like every other subcommand.
    private func check() throws {
        if generations != nil && evaluations != nil {
            throw CLIError("give either --generations or --evaluations, not both")
        }
        if let population, population < 1 { throw CLIError("--population must be ≥ 1, got \(population)") }
        if let objectives, objectives < 2 { throw CLIError("--objectives must be ≥ 2, got \(objectives)") }
        if let generations, generations < 1 { throw CLIError("--generations must be ≥ 1, got \(generations)") }
        if let evaluations, evaluations < 1 { throw CLIError("--evaluations must be ≥ 1, got \(evaluations)") }
        if checkpointEvery < 1 { throw CLIError("--checkpoint-every must be ≥ 1, got \(checkpointEvery)") }
        if threads < 1 { throw CLIError("--threads must be ≥ 1, got \(threads)") }
        if resume && checkpoint == nil { throw CLIError("--resume needs --checkpoint DIR") }
    }

    func run() throws {
        Self.stopIdleBLASWorkers()
        try runDistributed(distribution.distributed, parallelism: threads, worker: {
            try check()
            let own = try TestProblems.make(name: problem, objectives: objectives, variables: variables)
            return { key in
                guard key == own.name else { throw CLIError("rank 0 asked for problem \(key), this rank has \(own.name)") }
                return own
            }
        }, coordinator: { backend in try optimize(backend: backend) })
    }

    /// The optimizers' linear algebra is tiny (M × M Gram matrices at most) and evaluation threads
    /// are our own (`--threads`), so OpenBLAS's worker pool, started when the library loads, only
    /// costs here: its idle workers spin on `sched_yield` for ~0.1 s (OpenBLAS's thread timeout),
    /// ≈ 10–20 ms of CPU in a 60 ms run. One BLAS thread, then OpenBLAS's own
    /// `blas_thread_shutdown_` (exported for fork safety) ends the spinning workers; OpenBLAS
    /// restarts its pool by itself should a multi-threaded call ever come. `paretorec` calls this
    /// before parsing the arguments of `optimize` (the workers spin from the moment the library
    /// loads) and `run()` again; a second call finds no workers.
    static func stopIdleBLASWorkers() {
        BLASThreads.set(1)
        #if canImport(Glibc)
        if let symbol = dlsym(nil, "blas_thread_shutdown_") {
            typealias Shutdown = @convention(c) () -> Int32
            _ = unsafeBitCast(symbol, to: Shutdown.self)()
        }
        #endif
    }

    private func optimize(backend: (any EvaluationBackend)?) throws {
        try check()
        // Refuse an unwritable --output or --history before the run, not after it.
        try AtomicFile.checkWritable(output)
        if let history { try AtomicFile.checkWritable(history) }
        let problem = try TestProblems.make(name: problem, objectives: objectives, variables: variables)
        let termination: Termination = evaluations.map { .evaluations($0) } ?? .generations(generations ?? 100)
        let optimizer = try OptimizerRegistry.make(
            name: algorithm, settings: AlgorithmSettings(populationSize: population, evaluationBudget: evaluations), problem: problem)
        var options = RunOptions(parallelism: threads, backend: backend)
        if let reference {
            let values = try parseNumberList(reference, option: "--reference")
            guard values.count == problem.objectiveCount else {
                throw CLIError("--reference has \(values.count) values but \(problem.name) has \(problem.objectiveCount) objectives")
            }
            options.hypervolumeReference = values
        }
        if let checkpoint {
            let file = URL(fileURLWithPath: checkpoint).appendingPathComponent("checkpoint.json")
            options.checkpoint = try CheckpointPolicy(url: file, every: checkpointEvery)
            if resume { options.resumeFrom = file }
        }
        let progress = ProgressLine()
        let result = try optimizer.minimize(problem: problem, termination: termination, seed: seed,
                                            observers: [progress], options: options)
        progress.finish()
        try writeFront(result.front, problem: problem, to: output)
        if let history { try writeHistory(result.history, to: history) }
    }

    private func writeFront(_ front: Population, problem: any Problem, to path: String) throws {
        let table = try FrontTable(
            objectiveNames: problem.objectiveNames, senses: Array(repeating: .minimize, count: problem.objectiveCount),
            decisionNames: problem.variableNames, objectives: front.objectives, decisions: front.decisions)
        try FrontCSV.write(table, to: path)
    }

    private func writeHistory(_ rows: [HistoryRow], to path: String) throws {
        try AtomicFile.write(([HistoryRow.csvHeader] + rows.map(\.csvLine)).joined(separator: "\n") + "\n", to: path)
    }
}

/// A progress line on standard error, shown once a run has taken more than a second and
/// refreshed at most four times a second.
final class ProgressLine: OptimizationObserver {
    private var lastPrint = -1.0
    private var printed = false

    func observe(_ row: HistoryRow, front: Population) {
        guard row.elapsedSeconds > 1, row.elapsedSeconds - lastPrint >= 0.25 else { return }
        lastPrint = row.elapsedSeconds
        printed = true
        let hv = row.hypervolume.map { String(format: ", hypervolume %.6f", $0) } ?? ""
        let line = String(format: "\riteration %d, %d evaluations, front %d%@, %.1f s   ",
                          row.iteration, row.evaluations, row.frontSize, hv, row.elapsedSeconds)
        writeProgress(line)
    }

    func finish() { if printed { writeProgress("\n") } }
}
