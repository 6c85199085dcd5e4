import Foundation
import NumericCore

/// The version of ParetoRec that writes results; recorded in every results directory.
public enum ParetoRecVersion {
    /// Semantic version of the toolkit and its results format.
    public static let current = "0.2.0"
}

/// What produced a results directory (`DIR/experiment.json`, written when the experiment starts):
/// a hash of the parsed configuration and the code version. An experiment refuses a directory that
/// another configuration or version produced, so runs of two experiments never mix.
public struct ExperimentRecord: Codable, Sendable, Equatable {
    /// Experiment name.
    public var name: String
    /// Scenario.
    public var scenario: String
    /// FNV-1a 64 hash (hex) of the parsed configuration (comments and formatting do not count).
    public var configHash: String
    /// ``ParetoRecVersion/current`` of the code that started the experiment.
    public var codeVersion: String

    /// The record of `config` with this code.
    public init(_ config: ExperimentConfig) {
        name = config.name
        scenario = config.scenario.rawValue
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in String(reflecting: config).utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        configHash = String(hash, radix: 16)
        codeVersion = ParetoRecVersion.current
    }
}

/// An experiment's hold on its results directory: an exclusive `flock` on `DIR/.paretorec.lock`
/// (released by the kernel when the process ends, so a killed run leaves no stale lock) and the
/// check of `DIR/experiment.json` against the experiment.
final class ResultsDirectoryLock {
    static let lockName = ".paretorec.lock"
    static let recordName = "experiment.json"
    private let descriptor: Int32

    /// Creates `directory` if needed and takes its lock, then checks (or writes) its record; with
    /// `force`, a directory of another experiment is emptied of its results first.
    /// - Throws: ``ResultsError`` when another experiment holds the lock, or the directory holds
    ///   results of another configuration or code version (or of an unknown one) and `force` is off.
    init(directory: String, record: ExperimentRecord, force: Bool) throws {
        let fm = FileManager.default
        do { try fm.createDirectory(atPath: directory, withIntermediateDirectories: true) } catch {
            throw ResultsError(path: directory, message: "cannot create the results directory (\(error.localizedDescription))")
        }
        let lockPath = directory + "/" + Self.lockName
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ResultsError(path: lockPath, message: "cannot open the lock file: \(String(cString: strerror(errno)))") }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw ResultsError(path: directory, message: "another experiment is running in this directory (it holds \(Self.lockName)); wait for it or use another --output-dir")
        }
        descriptor = fd
        do { try Self.checkRecord(directory: directory, record: record, force: force) } catch {
            close(fd)
            throw error
        }
    }

    deinit { close(descriptor) }

    private static func checkRecord(directory: String, record: ExperimentRecord, force: Bool) throws {
        let fm = FileManager.default
        let path = directory + "/" + recordName
        var conflict: String?
        if let data = fm.contents(atPath: path) {
            if let existing = try? JSONDecoder().decode(ExperimentRecord.self, from: data) {
                if existing.configHash != record.configHash {
                    conflict = "holds results of another experiment ('\(existing.name)', \(existing.scenario), configuration \(existing.configHash); this one is '\(record.name)', \(record.scenario), \(record.configHash))"
                } else if existing.codeVersion != record.codeVersion {
                    conflict = "holds results written by ParetoRec \(existing.codeVersion); this is \(record.codeVersion)"
                }
            } else {
                conflict = "has an unreadable \(recordName)"
            }
        } else if fm.fileExists(atPath: directory + "/runs") {
            conflict = "holds results without a record of the experiment that produced them"
        }
        if let conflict {
            guard force else {
                throw ResultsError(path: directory, message: conflict + "; use --force to start over or another --output-dir")
            }
            for name in ["runs", "fusion", recordName, "summary.csv", "table.md", "table.tex", "report.html", "notebook.ipynb"] {
                let p = directory + "/" + name
                if fm.fileExists(atPath: p) { try fm.removeItem(atPath: p) }
            }
        }
        if !fm.fileExists(atPath: path) {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try AtomicFile.write(try encoder.encode(record), to: URL(fileURLWithPath: path))
        }
    }
}
