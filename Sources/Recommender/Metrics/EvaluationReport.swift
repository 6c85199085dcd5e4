/// Per-objective test metrics of one predictor on one table, for the `train` command and the
/// scenario harness; `Codable` so it can be written as JSON.
///
/// Binary objectives get AUC, GAUC (by `userKeys`) and logloss (from logits); continuous objectives
/// get MSE, MAE and RMSE. A metric that is undefined on the data (AUC with one class, GAUC when no
/// user has both classes) is `nil`; every other problem (bad labels, NaN scores) throws.
public struct EvaluationReport: Codable, Sendable, Equatable {
    /// The metrics of one objective; fields that do not apply to its kind are `nil`.
    public struct ObjectiveMetrics: Codable, Sendable, Equatable {
        /// Objective name.
        public var name: String
        /// Label kind, which decides the metrics computed.
        public var kind: LabelKind
        /// AUC (binary), `nil` when all labels are of one class.
        public var auc: Double?
        /// Impression-weighted GAUC (binary), `nil` when no user has both classes.
        public var gauc: GAUCResult?
        /// Logloss from logits (binary).
        public var logloss: Double?
        /// Mean squared error (continuous).
        public var mse: Double?
        /// Mean absolute error (continuous).
        public var mae: Double?
        /// Root mean squared error (continuous).
        public var rmse: Double?
    }

    /// Number of examples evaluated.
    public var examples: Int
    /// One entry per objective of the table, in its order.
    public var objectives: [ObjectiveMetrics]

    /// Scores `table` once with `predictor` and computes every objective's metrics.
    /// - Throws: `MetricError` for mismatched shapes, non-finite scores or invalid labels, or the
    ///   predictor's error.
    /// - Complexity: one `predictScores` call plus O(n log n) per binary objective.
    public init(predictor: any ScorePredictor, table: ExampleTable) throws {
        let scores = try predictor.predictScores(table)
        examples = table.count
        objectives = []
        for k in table.layout.objectives.indices {
            let c = try Metrics.column(scores, predicted: predictor.objectives, table: table, objective: k)
            var m = ObjectiveMetrics(name: c.spec.name, kind: c.spec.kind)
            switch c.spec.kind {
            case .binary:
                m.auc = try Self.definedOrNil { try Metrics.auc(scores: c.scores, labels: c.labels) }
                m.gauc = try Self.definedOrNil {
                    try Metrics.gauc(scores: c.scores, labels: c.labels, userKeys: table.userKeys)
                }
                m.logloss = try Metrics.logloss(logits: c.scores, labels: c.labels)
            case .continuous:
                let mse = try Metrics.mse(predictions: c.scores, labels: c.labels)
                m.mse = mse
                m.mae = try Metrics.mae(predictions: c.scores, labels: c.labels)
                m.rmse = mse.squareRoot()
            }
            objectives.append(m)
        }
    }

    /// The metrics of the objective named `name`, if any.
    public subscript(name: String) -> ObjectiveMetrics? {
        objectives.first { $0.name == name }
    }

    /// `body()`, or `nil` when it throws `MetricError.undefined`.
    private static func definedOrNil<T>(_ body: () throws -> T) throws -> T? {
        do { return try body() } catch MetricError.undefined { return nil }
    }
}

extension EvaluationReport.ObjectiveMetrics {
    /// Metrics with every value unset.
    init(name: String, kind: LabelKind) {
        self.name = name
        self.kind = kind
    }
}
