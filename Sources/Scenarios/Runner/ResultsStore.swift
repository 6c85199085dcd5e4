import Foundation
import NumericCore
import ParetoCore

/// The on-disk layout of an experiment's results, and its reader and writer.
///
/// ```
/// DIR/runs/<method>/seed-<s>/front.csv     test metrics (`name:max`), then decision columns (`x.name`)
/// DIR/runs/<method>/seed-<s>/history.csv   iteration,evaluations,hypervolume (validation)
/// DIR/runs/<method>/seed-<s>/loss.csv      epoch,loss
/// DIR/runs/<method>/seed-<s>/fusion.csv    fused Pareto-set models: preference, test metrics, member weights
/// DIR/runs/<method>/seed-<s>/ensembles.csv the `fusion:` key's fusions of the Pareto set (ResultsStore+Ensembles)
/// DIR/runs/<method>/seed-<s>/sweep.csv     set learners: each evaluation preference, then its test metrics
/// DIR/runs/<method>/seed-<s>/summary.json  written last: marks the run finished
/// DIR/fusion/seed-<s>/ensembles.csv        the `fusion:` key's trained fusions (bagging, boosting)
/// DIR/summary.csv, table.md, table.tex, report.html, notebook.ipynb
/// ```
/// Every file is written atomically (temporary file + rename), so a killed run leaves no partial file.
public struct ResultsStore: Sendable {
    public let directory: String

    public init(directory: String) { self.directory = directory }

    func runDirectory(method: String, seed: UInt64) -> String { "\(directory)/runs/\(method)/seed-\(seed)" }

    /// Whether the run has finished (its `summary.json` exists).
    public func isFinished(method: String, seed: UInt64) -> Bool {
        FileManager.default.fileExists(atPath: runDirectory(method: method, seed: seed) + "/summary.json")
    }

    /// Writes one run's files (the front as it comes, senses and decision columns included);
    /// `summary.json` last. `sweepPreferences` are the preferences of `run.sweep`'s rows.
    public func write(_ run: RunArtifacts, reference: [Double], note: String?, fusion: [FusedPoint] = [],
                      sweepPreferences: [[Double]] = []) throws {
        let dir = runDirectory(method: run.method, seed: run.seed)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let m = run.objectiveNames.count
        let table = run.front
        try FrontCSV.write(table, to: dir + "/front.csv")
        var history = "iteration,evaluations,hypervolume\n"
        for (i, h) in run.history.enumerated() {
            history += "\(i + 1),\(FullPrecision.format(h.evaluations)),\(FullPrecision.format(h.hypervolume))\n"
        }
        try AtomicFile.write(history, to: dir + "/history.csv")
        var loss = "epoch,loss\n"
        for (i, l) in run.lossCurve.enumerated() { loss += "\(i + 1),\(FullPrecision.format(l))\n" }
        try AtomicFile.write(loss, to: dir + "/loss.csv")
        if !fusion.isEmpty {
            let members = fusion[0].weights.count
            var csv = (1...m).map { "preference_\($0)" }.joined(separator: ",") + ","
            csv += run.objectiveNames.joined(separator: ",") + ","
            csv += (1...max(members, 1)).map { "weight_member_\($0)" }.joined(separator: ",") + "\n"
            for point in fusion {
                csv += (point.preference + point.test + point.weights).map(FullPrecision.format).joined(separator: ",") + "\n"
            }
            try AtomicFile.write(csv, to: dir + "/fusion.csv")
        }
        if !run.sweep.isEmpty, sweepPreferences.count == run.sweep.count {
            var csv = run.objectiveNames.map { "preference_\($0)" }.joined(separator: ",") + ","
            csv += run.objectiveNames.joined(separator: ",") + "\n"
            for (p, t) in zip(sweepPreferences, run.sweep) { csv += (p + t).map(FullPrecision.format).joined(separator: ",") + "\n" }
            try AtomicFile.write(csv, to: dir + "/sweep.csv")
        }
        let rows = run.frontRows
        let best = (0..<m).map { k -> Double in
            let column = rows.map { $0[k] }
            return (run.maximize[k] ? column.max() : column.min()) ?? .nan
        }
        let summary = RunSummary(
            scenario: run.scenario, method: run.method, seed: run.seed, objectives: run.objectiveNames,
            maximize: run.maximize, hypervolume: run.hypervolume, reference: reference, points: run.front.count,
            best: best, evaluations: run.evaluations, seconds: run.seconds, note: note)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        try AtomicFile.write(try encoder.encode(summary), to: URL(fileURLWithPath: dir + "/summary.json"))
    }

    /// Reads every finished run under `runs/`, sorted by method order of appearance then seed.
    public func loadRuns() throws -> [(artifacts: RunArtifacts, summary: RunSummary)] {
        let runsDir = directory + "/runs"
        guard FileManager.default.fileExists(atPath: runsDir) else {
            throw ResultsError(path: directory, message: "no 'runs' folder: not an experiment results directory")
        }
        var result: [(RunArtifacts, RunSummary)] = []
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        for method in try FileManager.default.contentsOfDirectory(atPath: runsDir).sorted() {
            let seeds = (try? FileManager.default.contentsOfDirectory(atPath: "\(runsDir)/\(method)")) ?? []
            for seedDir in seeds.sorted() where seedDir.hasPrefix("seed-") {
                let dir = "\(runsDir)/\(method)/\(seedDir)"
                guard let data = FileManager.default.contents(atPath: dir + "/summary.json") else { continue }
                let summary: RunSummary
                do { summary = try decoder.decode(RunSummary.self, from: data) } catch {
                    throw ResultsError(path: dir + "/summary.json", message: "unreadable run summary (\(ErrorText.describe(error)))")
                }
                let front = try FrontCSV.read(path: dir + "/front.csv")
                let history = try readColumns(dir + "/history.csv", atLeast: 3).map { (evaluations: $0[1], hypervolume: $0[2]) }
                let loss = try readColumns(dir + "/loss.csv", atLeast: 2).map { $0[1] }
                let m = summary.objectives.count
                let fusion = try readColumns(dir + "/fusion.csv").filter { $0.count >= 2 * m }.map { Array($0[m..<(2 * m)]) }
                let sweep = try readColumns(dir + "/sweep.csv", atLeast: 2 * m).map { Array($0[m..<(2 * m)]) }
                let artifacts = RunArtifacts(
                    scenario: summary.scenario, method: summary.method, seed: summary.seed,
                    front: front, history: history, lossCurve: loss,
                    hypervolume: summary.hypervolume, evaluations: summary.evaluations, seconds: summary.seconds,
                    fusion: fusion, sweep: sweep)
                result.append((artifacts, summary))
            }
        }
        return result.sorted { ($0.1.method, $0.1.seed) < ($1.1.method, $1.1.seed) }
    }

    /// Numeric rows of a small CSV file with a header line, each with at least `atLeast` columns
    /// (blank lines skipped). - Throws: `ResultsError` naming the file and line of a short or
    /// non-numeric row.
    private func readColumns(_ path: String, atLeast minimum: Int = 0) throws -> [[Double]] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        var rows: [[Double]] = []
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        for (i, line) in lines.enumerated() where i > 0 && !line.allSatisfy(\.isWhitespace) {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            let values = cells.compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard values.count == cells.count else {
                throw ResultsError(path: "\(path):\(i + 1)", message: "non-numeric value in '\(line)'")
            }
            guard values.count >= minimum else {
                throw ResultsError(path: "\(path):\(i + 1)", message: "row has \(values.count) column\(values.count == 1 ? "" : "s"), expected at least \(minimum)")
            }
            rows.append(values)
        }
        return rows
    }

    /// Writes `summary.csv` (one row per run) and the Markdown / LaTeX hypervolume tables.
    public func writeTables(_ runs: [(artifacts: RunArtifacts, summary: RunSummary)]) throws -> IndicatorSummary {
        let objectiveNames = runs.first?.summary.objectives ?? []
        var csv = "scenario,method,seed,hypervolume,points," + objectiveNames.map { "best_\($0)" }.joined(separator: ",")
        csv += (objectiveNames.isEmpty ? "" : ",") + "evaluations,seconds\n"
        for (_, s) in runs {
            csv += "\(s.scenario),\(s.method),\(s.seed),\(FullPrecision.format(s.hypervolume)),\(s.points),"
            csv += s.best.map(FullPrecision.format).joined(separator: ",")
            csv += (s.best.isEmpty ? "" : ",") + "\(s.evaluations),\(FullPrecision.format(s.seconds))\n"
        }
        try AtomicFile.write(csv, to: directory + "/summary.csv")
        let methods = orderedUnique(runs.map(\.summary.method))
        let table = IndicatorSummary(indicator: "hypervolume", higherIsBetter: true, rows: methods.map { m in
            .init(method: m, values: runs.filter { $0.summary.method == m }.map(\.summary.hypervolume))
        })
        try AtomicFile.write(table.markdown(), to: directory + "/table.md")
        try AtomicFile.write(table.latex(), to: directory + "/table.tex")
        return table
    }
}

/// A results directory that cannot be read.
public struct ResultsError: Error, CustomStringConvertible {
    public var path: String
    public var message: String
    public var description: String { "\(path): \(message)" }
}
