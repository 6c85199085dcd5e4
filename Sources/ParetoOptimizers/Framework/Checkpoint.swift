import Foundation
import NumericCore

/// Where and how often ``minimize(problem:optimizer:termination:seed:observers:options:)``
/// writes checkpoints.
public struct CheckpointPolicy: Sendable {
    /// The checkpoint file (JSON), replaced atomically each time.
    public var url: URL
    /// Write after every `every`-th iteration (and once at the end of the run).
    public var every: Int

    /// A policy writing to `url` every `every ≥ 1` iterations.
    /// - Throws: `OptimizerError.invalidConfiguration` when `every < 1`.
    public init(url: URL, every: Int = 10) throws {
        guard every >= 1 else { throw OptimizerError.invalidConfiguration("checkpoint interval must be ≥ 1, got \(every)") }
        self.url = url
        self.every = every
    }
}

/// A resumable snapshot of a run: the algorithm's full state (population, archive, generator
/// states), the evaluation counter and the history, plus identity fields checked on resume.
///
/// Format: JSON (`formatVersion` 2); matrices as base64 IEEE-754 bit patterns, so a resumed run
/// continues with exactly the same bits. The history is not inside the JSON but in an
/// append-only file beside it (see `CheckpointHistory`); the JSON holds its row count. Version 1
/// files (history inline) are still read.
public struct Checkpoint<State: OptimizerState>: Codable {
    /// Format version written by this code.
    public static var currentFormatVersion: Int { 2 }
    /// Format version of the file.
    public var formatVersion: Int = Checkpoint.currentFormatVersion
    /// Registry name of the algorithm that wrote it.
    public var algorithm: String
    /// The algorithm's configuration as canonical JSON (must match on resume).
    public var configuration: String
    /// Problem identity: name, variable and objective counts.
    public var problem: String
    /// Number of decision variables.
    public var variables: Int
    /// Number of objectives.
    public var objectives: Int
    /// Seed of the run.
    public var seed: UInt64
    /// Evaluations spent so far.
    public var evaluations: Int
    /// History rows so far (after ``read(from:)``: all of them; in the JSON of version 2: none).
    public var history: [HistoryRow]
    /// Number of history rows (version 2: the rows are in the history file beside the JSON).
    public var historyCount: Int?
    /// The algorithm state.
    public var state: State

    /// Encodes a configuration canonically (sorted keys) for comparison.
    static func encodeConfiguration<C: Encodable>(_ configuration: C) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(configuration), as: UTF8.self)
    }

    /// Writes the checkpoint: the history rows from `historyOnDisk` on are appended to the history
    /// file (the whole file is rewritten when `historyOnDisk` is 0), then the JSON is replaced
    /// atomically (temporary file + rename), creating the directory.
    /// - Complexity: O(state + new history rows).
    public func write(to url: URL, historyOnDisk: Int = 0) throws {
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw OptimizerError.checkpoint("cannot create the checkpoint directory of \(url.path): \(ErrorText.describe(error))")
        }
        if historyOnDisk > 0 && historyOnDisk <= history.count {
            try CheckpointHistory.append(history[historyOnDisk...], checkpoint: url)
        } else {
            try CheckpointHistory.rewrite(history[...], checkpoint: url)
        }
        var compact = self
        compact.formatVersion = Self.currentFormatVersion
        compact.historyCount = history.count
        compact.history = []
        try compact.writeJSON(to: url)
    }

    private func writeJSON(to url: URL) throws {
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
            try AtomicFile.write(encoder.encode(self), to: url)
        } catch let error as OptimizerError {
            throw error
        } catch {
            throw OptimizerError.checkpoint("cannot write \(url.path): \(ErrorText.describe(error))")
        }
    }

    /// Reads a checkpoint.
    /// - Throws: `OptimizerError.checkpoint` naming the file when it is missing, not JSON, of
    ///   another format version, or does not hold this algorithm's state.
    public static func read(from url: URL) throws -> Checkpoint {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw OptimizerError.checkpoint("cannot read \(url.path): \(ErrorText.describe(error))")
        }
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        guard let header = try? decoder.decode(CheckpointHeader.self, from: data) else {
            throw OptimizerError.checkpoint("\(url.path) is not a ParetoRec checkpoint (corrupt or truncated JSON)")
        }
        guard header.formatVersion == 1 || header.formatVersion == currentFormatVersion else {
            throw OptimizerError.checkpoint("\(url.path) has format version \(header.formatVersion); this build reads 1 and \(currentFormatVersion)")
        }
        var checkpoint: Checkpoint
        do { checkpoint = try decoder.decode(Checkpoint.self, from: data) } catch {
            throw OptimizerError.checkpoint("\(url.path) (algorithm \(header.algorithm)) is corrupt: \(ErrorText.describe(error))")
        }
        if checkpoint.formatVersion >= 2 {
            guard let count = checkpoint.historyCount, count >= 0, count <= 100_000_000 else {
                throw OptimizerError.checkpoint("\(url.path) is corrupt: missing or invalid historyCount")
            }
            checkpoint.history = try CheckpointHistory.read(count: count, checkpoint: url)
        }
        return checkpoint
    }

    /// Checks that this checkpoint belongs to the run about to resume.
    func validate(algorithm: String, configuration: String, problem: any Problem, seed: UInt64) throws {
        guard self.algorithm == algorithm else {
            throw OptimizerError.checkpoint("written by algorithm \(self.algorithm), not \(algorithm)")
        }
        guard self.problem == problem.name, variables == problem.variableCount, objectives == problem.objectiveCount else {
            throw OptimizerError.checkpoint("written for problem \(self.problem) (\(variables) variables, \(objectives) objectives), not \(problem.name) (\(problem.variableCount), \(problem.objectiveCount))")
        }
        guard self.configuration == configuration else {
            throw OptimizerError.checkpoint("written with configuration \(self.configuration), not \(configuration)")
        }
        guard self.seed == seed else { throw OptimizerError.checkpoint("written by seed \(self.seed), not \(seed)") }
        guard state.population.decisions.columns == variables, state.population.objectives.columns == objectives else {
            throw OptimizerError.checkpoint("state dimensions do not match the problem")
        }
        guard evaluations >= 0 else { throw OptimizerError.checkpoint("evaluation count \(evaluations) is negative") }
        for (k, row) in history.enumerated() {
            guard row.iteration == k + 1, row.evaluations >= 0, row.evaluations <= evaluations, row.frontSize >= 0,
                  !row.elapsedSeconds.isNaN, row.elapsedSeconds >= 0, !(row.hypervolume?.isNaN ?? false) else {
                throw OptimizerError.checkpoint("history row \(k + 1) is inconsistent (iteration \(row.iteration), \(row.evaluations) evaluations)")
            }
        }
        try state.validate(for: problem)
    }
}

/// The identity fields every checkpoint starts with, decodable without knowing the state type.
struct CheckpointHeader: Decodable {
    var formatVersion: Int
    var algorithm: String
}
