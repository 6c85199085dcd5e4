import ArgumentParser
import Foundation
import NumericCore
import Recommender
import Distributed
import Scenarios
import TensorBoardEvents
#if canImport(Glibc)
import Glibc
#endif

extension ScenarioKind: ExpressibleByArgument {}
extension ModelArchitecture.Kind: ExpressibleByArgument {}
extension NegativeStorage: ExpressibleByArgument {}
extension UserTowerKind: ExpressibleByArgument {}

/// A run-time problem of `paretorec train`, printed as one line.
struct TrainCommandError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// `paretorec train`: one multi-objective recommender training run on a scenario, then per-objective
/// test metrics, throughput and peak memory.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a multi-objective recommender on a scenario and report test metrics, samples/s and peak memory.",
        discussion: """
        Without --data, the scenario's embedded synthetic generator is used (--synthetic-rows rows). With --data:
        ecommerce reads a Taobao UserBehavior CSV, video a KuaiRand interaction log (log_standard_*.csv) or a
        KuaiRand video-feature file (*video_features*.csv: real items, simulated users and labels), music a
        Last.fm user_artists.dat (or an Audioscrobbler user_artist_data.txt).
        A Taobao log's training negatives are drawn per epoch by default (only the positives are held, so the full
        100 M-event file fits a few GB); --cache keeps its parsed columns (FILE.paretorec-cache) and its built tables
        (FILE.paretorec-scenario) so the next run with the same options reads the tables instead of building them.
        """)

    enum Optimizer: String, ExpressibleByArgument, CaseIterable { case sgd, adam, adamw }

    @Option(help: "Scenario: ecommerce, video or music.") var scenario: ScenarioKind
    @Option(help: "A real dataset file for the scenario (default: synthetic data).") var data: String?
    @Option(help: "Rows of synthetic data when --data is not given.") var syntheticRows: Int = 100_000
    @Option(help: "Comma-separated loss weights, one per objective.") var weights: String = "0.5,0.5"
    @Option(help: "Shared architecture: \(ModelArchitecture.Kind.allCases.map(\.rawValue).joined(separator: ", ")).") var architecture: ModelArchitecture.Kind = .twoTower
    @Option(help: "User tower: \(UserTowerKind.allCases.map(\.rawValue).joined(separator: ", ")) (a sequence tower reads the user's behaviour history).")
    var userTower: UserTowerKind = .id
    @Option(help: "Most recent behaviours a sequence user tower reads.") var sequenceLength: Int = 50
    @Option(help: "Optimizer: sgd, adam or adamw.") var optimizer: Optimizer = .adamw
    @Option(help: "Learning rate.") var learningRate: Float = 1e-3
    @Option(help: "Epochs.") var epochs: Int = 3
    @Option(help: "Batch size.") var batchSize: Int = 1024
    @Option(help: ArgumentHelp("Stop each epoch after its first N batches (in the shuffled order); the test evaluation still covers the whole test split. For measuring large files within a time budget.",
                               valueName: "N")) var maxBatches: Int?
    @Option(help: "Random seed (model initialisation, shuffling, synthetic data).") var seed: UInt64 = 1
    @Option(help: ArgumentHelp("Training negatives of a Taobao log: per-epoch (drawn each epoch from a seeded stream; the default) or stored (sampled once, kept in memory; the default with --distributed or --tensorboard, which need it). Validation and test negatives are always stored.",
                               valueName: "MODE")) var negatives: NegativeStorage?
    @Flag(help: "Cache a Taobao log's parsed columns and built tables beside it (FILE.paretorec-cache and FILE.paretorec-scenario, or in --cache-dir): the next run on the unchanged file with the same options reads the tables instead of parsing and building.")
    var cache = false
    @Option(help: ArgumentHelp("Directory for the --cache file.", valueName: "DIR")) var cacheDir: String?
    @OptionGroup var output: JSONOutputOptions
    @Option(help: ArgumentHelp("Write TensorBoard event files into this run folder: per-step losses and weights, per-epoch validation AUCs.",
                               valueName: "DIR")) var tensorboard: String?
    @Option(help: "Data-parallel training over the ranks of an MPI job: `mpi` (start with `mpirun -np K`). Each rank trains on its shard of every batch; gradients are summed in rank order before the weighting. Rank 0 prints.")
    var distributed: DistributedMode?

    func validate() throws {
        do { _ = try parsedWeights() } catch { throw ValidationError("\(error)") }
        guard epochs >= 1 else { throw ValidationError("--epochs must be positive") }
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be positive") }
        if let maxBatches, maxBatches < 1 { throw ValidationError("--max-batches must be positive, got \(maxBatches)") }
        guard (1...SequenceTowerConfiguration.maximumLength).contains(sequenceLength) else {
            throw ValidationError("--sequence-length must be in 1...\(SequenceTowerConfiguration.maximumLength), got \(sequenceLength)")
        }
        guard batchSize <= TrainingConfiguration.maximumBatchSize else {
            throw ValidationError("--batch-size \(batchSize) is above the maximum of \(TrainingConfiguration.maximumBatchSize)")
        }
        guard epochs <= TrainingConfiguration.maximumEpochs else {
            throw ValidationError("--epochs \(epochs) is above the maximum of \(TrainingConfiguration.maximumEpochs)")
        }
        guard syntheticRows >= 10 else { throw ValidationError("--synthetic-rows must be at least 10") }
        guard syntheticRows <= SyntheticScenario.maximumRows else {
            throw ValidationError("--synthetic-rows \(syntheticRows) is above the maximum of \(SyntheticScenario.maximumRows)")
        }
        guard learningRate > 0, learningRate.isFinite else { throw ValidationError("--learning-rate must be positive") }
        if negatives == .perEpoch, distributed != nil || tensorboard != nil {
            throw ValidationError("--negatives per-epoch cannot be combined with --distributed or --tensorboard (they train on a stored table)")
        }
        if cacheDir != nil, !cache { throw ValidationError("--cache-dir needs --cache") }
    }

    /// The loss weights: finite, non-negative, not all zero (a zero loss would train nothing).
    private func parsedWeights() throws -> [Float] {
        let values = try parseNumberList(weights, option: "--weights")
        guard values.allSatisfy({ $0 >= 0 }) else { throw CLIError("--weights must be non-negative, got '\(weights)'") }
        guard values.contains(where: { $0 > 0 }) else { throw CLIError("--weights are all zero: the loss would be 0 and nothing would be trained") }
        return values.map { Float($0) }
    }

    private func loadScenario() throws -> ScenarioData {
        if let path = data, !FileManager.default.fileExists(atPath: path) { throw TrainCommandError("no such file: \(path)") }
        // One place decides the format (by scenario and header) for `train` and `experiment` alike.
        let conflict = SyntheticScenario.defaultConfiguration(for: scenario).conflict
        let storage = negatives ?? (distributed != nil || tensorboard != nil ? .stored : .perEpoch)
        let logCache: ParsedLogCache = !cache ? .off : cacheDir.map { .directory($0) } ?? .besideSource
        return try ScenarioData.make(kind: scenario, dataPath: data, syntheticRows: syntheticRows, conflict: conflict, seed: seed,
                                     trainingNegatives: storage, parsedLogCache: logCache, behaviourHistories: userTower != .id)
    }

    func run() throws {
        guard distributed == .mpi else {
            // One BLAS thread, as experiments train: the same seed gives the same bits on any machine.
            let blasThreads = BLASThreads.acquire(1)
            defer { blasThreads.release() }
            return try train(reducer: nil)
        }
        let communicator = try Communicator.initialize()
        BLASThreads.set(1)  // one rank per core: each rank's sgemm on one thread
        let reducer = MPIGradientReducer(communicator: communicator)
        do {
            try train(reducer: reducer)
            communicator.finalize()
        } catch {
            if communicator.rank == 0 { throw error }
            communicator.finalize()
            throw ExitCode.failure
        }
    }

    private func train(reducer: MPIGradientReducer?) throws {
        let printing = (reducer?.shardIndex ?? 0) == 0
        // CPU seconds beside wall seconds: on a shared machine only the former measure the work.
        func processCPUSeconds() -> Double {
            var usage = rusage()
            getrusage(RUSAGE_SELF.rawValue, &usage)
            return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        }
        let loadStart = DispatchTime.now().uptimeNanoseconds, loadCPUStart = processCPUSeconds()
        let scenarioData = try loadScenario()
        let loadSeconds = Double(DispatchTime.now().uptimeNanoseconds - loadStart) / 1e9
        let loadCPUSeconds = processCPUSeconds() - loadCPUStart
        if printing, let path = data {
            writeProgress("loaded \(path) in \(String(format: "%.2f", loadSeconds))s: \(scenarioData.train.count) training examples\n")
        }
        if let path = data, let summary = scenarioData.loadReport?.malformedSummary {
            printError("paretorec: note: \(path): \(summary)")
        }
        let layout = scenarioData.layout
        let lossWeights = try parsedWeights()
        guard lossWeights.count == layout.objectiveCount else {
            throw TrainCommandError("--weights has \(lossWeights.count) values but the scenario has \(layout.objectiveCount) objectives (\(layout.objectives.map(\.name).joined(separator: ", ")))")
        }
        let modelConfiguration = try ModelConfiguration(kind: architecture, widths: [64, 32], embeddingDimension: 16)
            .withUserTower(userTower, sequenceLength: sequenceLength)
        let optimizerConfiguration: OptimizerConfiguration
        switch optimizer {
        case .sgd: optimizerConfiguration = .sgd(learningRate: learningRate, momentum: 0.9)
        case .adam: optimizerConfiguration = .adam(learningRate: learningRate)
        case .adamw: optimizerConfiguration = .adamW(learningRate: learningRate)
        }
        let trainingConfiguration = try TrainingConfiguration(
            epochs: epochs, batchSize: batchSize, seed: seed,
            loss: JointLoss(objectives: layout.objectives, weights: lossWeights), optimizer: optimizerConfiguration,
            maxBatchesPerEpoch: maxBatches)
        let model = try MultiObjectiveModel(layout: layout, configuration: modelConfiguration, generator: SeededGenerator(seed: seed).split("model"))
        let events = try tensorboard.map {
            TrainingEventLog(writer: try TensorBoardWriter(directory: $0), objectiveNames: layout.objectives.map(\.name))
        }
        let objectives = ScenarioObjectives(kind: scenarioData.kind, layout: layout)
        var logFailure: Error?
        func showProgress(_ p: EpochProgress) {
            let width = 20, filled = p.epoch * width / p.epochs
            let bar = String(repeating: "=", count: filled) + String(repeating: " ", count: width - filled)
            writeProgress(String(format: "[%@] epoch %d/%d  loss %.5f  %.2fs\n", bar, p.epoch, p.epochs, p.loss, p.seconds))
        }
        let result: TrainingResult
        let trainingCPUStart = processCPUSeconds()
        if let sampler = scenarioData.trainingNegatives {
            // Positives only in memory; each epoch pairs them with fresh negatives.
            result = try Trainer.train(model, positives: scenarioData.train, negatives: sampler, configuration: trainingConfiguration) { p in
                if printing { showProgress(p) }
            }
        } else {
            result = try Trainer.train(model, on: scenarioData.train, configuration: trainingConfiguration, reducer: reducer, progress: { p in
                guard printing else { return }
                if let events {
                    do {
                        let metrics = try objectives.measure(p.model, on: scenarioData.validation)
                        try events.epoch(p, samples: scenarioData.train.count, validation: Array(zip(objectives.metricNames, metrics)))
                    } catch { logFailure = logFailure ?? error }
                }
                showProgress(p)
            }, step: printing ? events.map { $0.step } : nil)
        }
        let trainingCPUSeconds = processCPUSeconds() - trainingCPUStart
        if let logFailure { throw logFailure }
        try events?.writer.close()
        guard printing else { return }
        let batchesPerEpoch = min(maxBatches ?? .max, (scenarioData.train.count + batchSize - 1) / batchSize)
        let batches = epochs * batchesPerEpoch
        // Counted by the trainer: with per-epoch negatives an epoch's examples are its positives and
        // the negatives drawn for them.
        let examplesPerEpoch = result.examples / epochs
        let reduceSeconds = reducer.map { $0.seconds / Double(batches) }
        let report = try EvaluationReport(predictor: result.model, table: scenarioData.test)
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let peakMB = Double(usage.ru_maxrss) / 1024
        if output.json {
            struct Output: Encodable {
                let scenario: String, architecture: String, userTower: String, optimizer: String, epochs: Int, batchSize: Int, seed: UInt64
                let trainExamples: Int, trainedExamplesPerEpoch: Int, maxBatches: Int?, testExamples: Int, simulated: Bool, notes: [String]
                let lossHistory: [Double], samplesPerSecond: Double, trainingSeconds: Double, loadSeconds: Double, peakMemoryMB: Double
                let loadCPUSeconds: Double, trainingCPUSeconds: Double, samplesPerCPUSecond: Double
                let ranks: Int, allReduceSecondsPerBatch: Double?, denseParameters: Int
                let test: EvaluationReport
            }
            let out = Output(scenario: scenario.rawValue, architecture: architecture.rawValue, userTower: userTower.rawValue,
                             optimizer: optimizer.rawValue,
                             epochs: epochs, batchSize: batchSize, seed: seed, trainExamples: scenarioData.train.count,
                             trainedExamplesPerEpoch: examplesPerEpoch, maxBatches: maxBatches,
                             testExamples: scenarioData.test.count, simulated: scenarioData.isSimulated, notes: scenarioData.notes,
                             lossHistory: result.lossHistory, samplesPerSecond: result.samplesPerSecond,
                             trainingSeconds: result.seconds, loadSeconds: loadSeconds, peakMemoryMB: peakMB,
                             loadCPUSeconds: loadCPUSeconds, trainingCPUSeconds: trainingCPUSeconds,
                             samplesPerCPUSecond: Double(result.examples) / max(trainingCPUSeconds, 1e-9),
                             ranks: reducer?.shardCount ?? 1, allReduceSecondsPerBatch: reduceSeconds,
                             denseParameters: result.model.denseParameterCount, test: report)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try writeStandardOutput(String(decoding: try encoder.encode(out), as: UTF8.self) + "\n")
        } else {
            func line(_ name: String, _ value: Double?) throws {
                guard let value else { return }
                try writeStandardOutput("\(name) \(String(format: "%.17g", value))\n")
            }
            for m in report.objectives {
                try line("\(m.name).auc", m.auc)
                try line("\(m.name).gauc", m.gauc?.value)
                try line("\(m.name).logloss", m.logloss)
                try line("\(m.name).mse", m.mse)
                try line("\(m.name).mae", m.mae)
                try line("\(m.name).rmse", m.rmse)
            }
            try line("samples_per_second", result.samplesPerSecond)
            try line("training_seconds", result.seconds)
            try line("load_seconds", loadSeconds)
            try line("load_cpu_seconds", loadCPUSeconds)
            try line("training_cpu_seconds", trainingCPUSeconds)
            try line("peak_memory_mb", peakMB)
            try line("all_reduce_seconds_per_batch", reduceSeconds)
        }
    }
}
