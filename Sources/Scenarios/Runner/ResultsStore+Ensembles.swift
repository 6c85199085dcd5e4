import Foundation
import NumericCore

/// The fused models of an experiment's `fusion:` key on disk:
///
/// ```
/// DIR/runs/<method>/seed-<s>/ensembles.csv   fusions of the method's Pareto set (average, weighted)
/// DIR/fusion/seed-<s>/ensembles.csv          trained fusions at the fusion preference (bagging, boosting)
/// ```
/// One row per fused model: `fusion,members,trainings`, the test metrics (the run's objective names),
/// then `best_member_<name>` per objective. Written atomically.
extension ResultsStore {
    /// File name of a fused-model table.
    static let ensemblesFile = "ensembles.csv"

    /// Folder of the trained fusions of run seed `seed`.
    func trainedFusionDirectory(seed: UInt64) -> String { "\(directory)/fusion/seed-\(seed)" }

    /// Whether the trained fusions of `seed` are written.
    public func hasTrainedFusions(seed: UInt64) -> Bool {
        FileManager.default.fileExists(atPath: trainedFusionDirectory(seed: seed) + "/" + Self.ensemblesFile)
    }

    /// Writes `records` to `folder/ensembles.csv` (creating the folder); nothing for no records.
    func writeEnsembles(_ records: [EnsembleRecord], objectiveNames: [String], folder: String) throws {
        guard !records.isEmpty else { return }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var csv = (["fusion", "members", "trainings"] + objectiveNames + objectiveNames.map { "best_member_\($0)" })
            .joined(separator: ",") + "\n"
        for r in records {
            csv += ([r.method.rawValue, String(r.members), String(r.trainings)]
                    + (r.test + r.bestMember).map(FullPrecision.format)).joined(separator: ",") + "\n"
        }
        try AtomicFile.write(csv, to: folder + "/" + Self.ensemblesFile)
    }

    /// Writes a method run's Pareto-set fusions (before its `summary.json`).
    func writeEnsembles(_ records: [EnsembleRecord], objectiveNames: [String], method: String, seed: UInt64) throws {
        try writeEnsembles(records, objectiveNames: objectiveNames, folder: runDirectory(method: method, seed: seed))
    }

    /// Writes the trained fusions of run seed `seed`.
    func writeTrainedFusions(_ records: [EnsembleRecord], objectiveNames: [String], seed: UInt64) throws {
        try writeEnsembles(records, objectiveNames: objectiveNames, folder: trainedFusionDirectory(seed: seed))
    }

    /// Reads a fused-model table with `objectives` metrics per row; `[]` when the file does not exist.
    /// - Throws: ``ResultsError`` naming the file and line of a malformed row.
    public func readEnsembles(path: String, objectives: Int) throws -> [EnsembleRecord] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        var records: [EnsembleRecord] = []
        for (i, line) in lines.enumerated() where i > 0 && !line.allSatisfy(\.isWhitespace) {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            func fail(_ message: String) -> ResultsError { ResultsError(path: "\(path):\(i + 1)", message: message) }
            guard cells.count == 3 + 2 * objectives else {
                throw fail("row has \(cells.count) columns, expected \(3 + 2 * objectives)")
            }
            guard let method = FusionMethod(rawValue: cells[0]) else { throw fail("unknown fusion method '\(ErrorText.escapingControlCharacters(cells[0]))'") }
            guard let members = Int(cells[1]), members >= 1, let trainings = Int(cells[2]), trainings >= 0 else {
                throw fail("members and trainings must be counts, got '\(cells[1])', '\(cells[2])'")
            }
            let values = cells[3...].compactMap { Double($0) }
            guard values.count == 2 * objectives else { throw fail("non-numeric metric in '\(ErrorText.escapingControlCharacters(String(line)))'") }
            records.append(EnsembleRecord(method: method, members: members, trainings: trainings,
                                          test: Array(values[0..<objectives]), bestMember: Array(values[objectives...])))
        }
        return records
    }

    /// Every fused model of the results directory: the Pareto-set fusions of each finished method run
    /// (`method` set) and the trained fusions of each seed (`method` nil), sorted by method then seed.
    /// - Throws: ``ResultsError`` for a malformed file.
    public func loadEnsembles(runs: [(artifacts: RunArtifacts, summary: RunSummary)]) throws -> [EnsembleRun] {
        var result: [EnsembleRun] = []
        for (_, s) in runs {
            let path = runDirectory(method: s.method, seed: s.seed) + "/" + Self.ensemblesFile
            let records = try readEnsembles(path: path, objectives: s.objectives.count)
            if !records.isEmpty { result.append(EnsembleRun(method: s.method, seed: s.seed, records: records)) }
        }
        let objectives = runs.first?.summary.objectives.count ?? 0
        for seed in Set(runs.map(\.summary.seed)).sorted() {
            let records = try readEnsembles(path: trainedFusionDirectory(seed: seed) + "/" + Self.ensemblesFile, objectives: objectives)
            if !records.isEmpty { result.append(EnsembleRun(method: nil, seed: seed, records: records)) }
        }
        return result
    }
}

/// The fused models of one method run (`method`) or of one seed's trained fusions (`method` nil).
public struct EnsembleRun: Sendable, Equatable {
    /// The method whose Pareto set was fused, or `nil` for trained fusions.
    public var method: String?
    /// Run seed.
    public var seed: UInt64
    /// The fused models.
    public var records: [EnsembleRecord]
}
