import NumericCore
import ParetoCore
import Recommender

/// How a scenario's objectives are measured on held-out data, in natural units, all maximized.
///
/// Binary objectives (click, purchase, depth, repeat) are measured by AUC. The one continuous
/// objective (video watch time, `log1p(seconds)`) is measured by the AUC of its prediction in
/// telling long views (watch time above the split's median) from the rest, so that every objective
/// has the same natural reference point: 0.5, random guessing.
public struct ScenarioObjectives: Sendable, Equatable {
    /// Scenario.
    public var kind: ScenarioKind
    /// Metric names, one per objective, e.g. `["click_auc", "purchase_auc"]`.
    public var metricNames: [String]

    /// The definition for a scenario's data layout.
    public init(kind: ScenarioKind, layout: FeatureLayout) {
        self.kind = kind
        metricNames = layout.objectives.map { $0.kind == .binary ? "\($0.name)_auc" : "\($0.name)_longview_auc" }
    }

    /// Every metric is maximized.
    public var senses: [ObjectiveSense] { metricNames.map { _ in .maximize } }

    /// Whether each metric is maximized.
    public var maximize: [Bool] { senses.map { $0 == .maximize } }

    /// A front of metric rows in natural units with the scenario's names and senses, and decision
    /// columns. - Throws: `ParetoError.dimensionMismatch` for ragged rows.
    public func front(_ rows: [[Double]], decisionNames: [String] = [], decisions: [[Double]] = []) throws -> FrontTable {
        let m = metricNames.count
        guard rows.allSatisfy({ $0.count == m }), decisions.allSatisfy({ $0.count == decisionNames.count }) else {
            throw ParetoError.dimensionMismatch("metric rows must have \(m) values and decision rows \(decisionNames.count)")
        }
        let d = decisions.isEmpty ? [[Double]](repeating: [], count: rows.count) : decisions
        return try FrontTable(
            objectiveNames: metricNames, senses: senses, decisionNames: decisionNames,
            objectives: try Matrix<Double>(rows: rows.count, columns: m, storage: rows.flatMap { $0 }),
            decisions: try Matrix<Double>(rows: d.count, columns: decisionNames.count, storage: d.flatMap { $0 }))
    }

    /// The minimization view of one metric vector in natural units (what the optimizers see), by
    /// ``ParetoCore/FrontTable/minimizationPoint(_:)``: the harness's one sign flip.
    public func minimizationPoint(_ natural: [Double]) throws -> [Double] {
        try front([]).minimizationPoint(natural)
    }

    /// The natural hypervolume reference point: AUC 0.5 per objective.
    public var naturalReference: [Double] { metricNames.map { _ in 0.5 } }

    /// The metric vector of `predictor` on `table` (natural units, larger is better).
    /// - Throws: metric errors (e.g. a split with one class only).
    public func measure(_ predictor: any ScorePredictor, on table: ExampleTable) throws -> [Double] {
        let scores = try predictor.predictScores(table)
        let m = table.layout.objectiveCount
        return try (0..<m).map { k in
            let s = (0..<table.count).map { scores[$0, k] }
            var y = table.labelColumn(k)
            if table.layout.objectives[k].kind == .continuous {
                let median = Float(Statistics.median(y.map(Double.init)))
                y = y.map { $0 > median ? 1 : 0 }
            }
            return try Metrics.auc(scores: s, labels: y)
        }
    }

    /// What a report should say about the data (simulated parts), or `nil`.
    public static func note(for data: ScenarioData) -> String? {
        let simulated = data.notes.filter { $0.contains("SIMULATED") || $0.lowercased().contains("synthetic") }
        // Sentences joined with ". " (the data notes have no final full stop).
        return simulated.isEmpty ? nil : simulated.map { n -> String in
            let text = n.hasSuffix(".") ? String(n.dropLast()) : n
            return text.prefix(1).uppercased() + text.dropFirst()
        }.joined(separator: ". ") + "."
    }
}
