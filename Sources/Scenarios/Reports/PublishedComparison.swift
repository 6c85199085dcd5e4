import Foundation
import NumericCore

/// One number a paper published for a protocol (an experiment's `published:` list), in the units the
/// toolkit measures (AUC in [0, 1], not per cent).
public struct PublishedResult: Sendable, Equatable, Codable {
    /// The architecture the paper reports (`esmm`, `mmoe`, ...), as `model.architecture` spells it.
    public var model: String
    /// The metric, as a run's `front.csv` (`click_auc`, `purchase_auc`) or `conversion.csv`
    /// (`ctr_auc`, `cvr_auc`, `ctcvr_auc`) names it.
    public var metric: String
    /// The published value.
    public var value: Double
    /// The published standard deviation, if the paper gives one.
    public var sd: Double?
    /// Where the number is printed (paper, table).
    public var source: String

    public init(model: String, metric: String, value: Double, sd: Double? = nil, source: String) {
        self.model = model; self.metric = metric; self.value = value; self.sd = sd; self.source = source
    }
}

/// What a results directory needs to put published numbers beside its own (`protocol.json`): the
/// published rows and the architecture each method trained.
struct ProtocolRecord: Sendable, Equatable, Codable {
    static let fileName = "protocol.json"
    var published: [PublishedResult]
    /// Method name → architecture name, for every method of the experiment.
    var architectures: [String: String]

    /// The record of `config`, or `nil` when it lists no published numbers.
    init?(_ config: ExperimentConfig) {
        guard !config.published.isEmpty else { return nil }
        published = config.published
        architectures = Dictionary(uniqueKeysWithValues: config.methods.map {
            ($0.name, ($0.architecture ?? config.model.architecture).rawValue)
        })
    }

    func write(directory: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicFile.write(try encoder.encode(self), to: URL(fileURLWithPath: directory + "/" + Self.fileName))
    }

    /// The record in `directory`, or `nil` when there is none.
    /// - Throws: ``ResultsError`` for a file that is not a protocol record.
    static func read(directory: String) throws -> ProtocolRecord? {
        let path = directory + "/" + fileName
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        do { return try JSONDecoder().decode(ProtocolRecord.self, from: data) } catch {
            throw ResultsError(path: path, message: "unreadable protocol record (\(ErrorText.describe(error)))")
        }
    }
}

/// Published numbers beside the measured ones: for every published row, each method that trained
/// the row's architecture, with the median and interquartile range over seeds of the run's best
/// value of the metric among its Pareto set's members.
struct PublishedComparison: Sendable, Equatable {
    struct Row: Sendable, Equatable {
        var published: PublishedResult
        /// The method whose runs are measured, or `nil` when no method trained this architecture.
        var method: String?
        /// Per seed, the best value of the metric among the run's members (runs without it left out).
        var measured: [Double]
    }
    var rows: [Row]

    /// The comparison of `record` against the run folders under `directory/runs`.
    /// - Complexity: reads one small CSV per run and metric.
    static func measure(record: ProtocolRecord, runs: [RunArtifacts], directory: String) -> PublishedComparison {
        var rows: [Row] = []
        for published in record.published {
            let methods = orderedUnique(runs.map(\.method)).filter { record.architectures[$0] == published.model }
            if methods.isEmpty { rows.append(Row(published: published, method: nil, measured: [])); continue }
            for method in methods {
                let values = runs.filter { $0.method == method }.compactMap { run in
                    best(of: published.metric, in: run, directory: directory)
                }
                rows.append(Row(published: published, method: method, measured: values))
            }
        }
        return PublishedComparison(rows: rows)
    }

    /// The largest value of `metric` among the run's members: a front objective, or a column of the
    /// run's `conversion.csv`.
    static func best(of metric: String, in run: RunArtifacts, directory: String) -> Double? {
        if let k = run.objectiveNames.firstIndex(of: metric) {
            return run.frontRows.map { $0[k] }.max()
        }
        let path = "\(directory)/runs/\(run.method)/seed-\(run.seed)/\(ConversionReport.fileName)"
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
        guard let header = lines.first?.split(separator: ",", omittingEmptySubsequences: false).map(String.init),
              let column = header.firstIndex(of: metric) else { return nil }
        return lines.dropFirst().compactMap { line -> Double? in
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            return column < cells.count ? Double(cells[column]) : nil
        }.max()
    }

    /// An HTML table: published value ± sd and source beside the measured median [IQR] and seed count.
    func html() -> String {
        guard !rows.isEmpty else { return "" }
        var s = "<h2>Published numbers beside ours</h2>\n<table><tr><th>model</th><th>metric</th><th>published</th>"
        s += "<th>source</th><th>method</th><th>measured median</th><th>IQR</th><th>seeds</th></tr>\n"
        for row in rows {
            let p = row.published
            let published = String(format: "%.4f", p.value) + (p.sd.map { String(format: " ± %.4f", $0) } ?? "")
            s += "<tr><td>\(escape(p.model))</td><td>\(escape(p.metric))</td><td>\(published)</td><td>\(escape(p.source))</td>"
            if let method = row.method, !row.measured.isEmpty {
                s += "<td>\(escape(method))</td><td>\(String(format: "%.4f", Statistics.median(row.measured)))</td>"
                s += "<td>\(String(format: "%.4f", Statistics.interquartileRange(row.measured)))</td><td>\(row.measured.count)</td></tr>\n"
            } else {
                s += "<td>\(escape(row.method ?? "no method trained \(p.model)"))</td><td>—</td><td>—</td><td>0</td></tr>\n"
            }
        }
        return s + "</table>\n<p>Measured: per seed, the best value among the run's Pareto-set members on the test split. "
            + "Published numbers hold for the paper's full dataset; a sample gives no comparable figure.</p>\n"
    }
}
