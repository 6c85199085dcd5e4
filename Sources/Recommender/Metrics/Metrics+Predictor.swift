import NumericCore

/// One objective's raw scores and labels, extracted from a predictor's output on a table.
struct ObjectiveColumn {
    /// The objective as the table labels it.
    var spec: ObjectiveSpec
    /// Raw scores (logits for binary objectives, values for continuous ones).
    var scores: [Double]
    /// Labels from the table.
    var labels: [Double]
}

extension Metrics {
    /// The score column of table objective `objective` in `scores` (the predictor's output on
    /// `table`), matched to the predictor's objectives by name.
    static func column(_ scores: Matrix<Float>, predicted: [ObjectiveSpec], table: ExampleTable,
                       objective: Int) throws -> ObjectiveColumn {
        let objectives = table.layout.objectives
        guard objectives.indices.contains(objective) else {
            throw MetricError.invalidParameter("objective index \(objective) not in 0..<\(objectives.count)")
        }
        let spec = objectives[objective]
        guard let c = predicted.firstIndex(where: { $0.name == spec.name }) else {
            throw MetricError.invalidParameter("the predictor does not predict objective '\(spec.name)'")
        }
        guard scores.rows == table.count, scores.columns == predicted.count else {
            throw MetricError.lengthMismatch(
                "predictor returned \(scores.rows)×\(scores.columns) scores for \(table.count) examples × \(predicted.count) objectives")
        }
        let m = scores.columns
        let s = scores.withUnsafeBufferPointer { p in (0..<scores.rows).map { Double(p[$0 * m + c]) } }
        return ObjectiveColumn(spec: spec, scores: s, labels: table.labelColumn(objective).widenedToDouble)
    }

    /// Scores `table` with `predictor` and extracts objective `objective`, which must be of kind
    /// `kind` when given.
    static func column(_ predictor: any ScorePredictor, on table: ExampleTable, objective: Int,
                       kind: LabelKind? = nil, metric: String = "") throws -> ObjectiveColumn {
        let c = try column(try predictor.predictScores(table), predicted: predictor.objectives, table: table, objective: objective)
        if let kind, c.spec.kind != kind {
            throw MetricError.invalidParameter("\(metric) needs a \(kind.rawValue) objective; '\(c.spec.name)' is \(c.spec.kind.rawValue)")
        }
        return c
    }

    /// AUC of `predictor`'s raw scores (logits) for binary objective `objective` of `table`
    /// (`MetricError.invalidParameter` for a continuous one).
    /// Ranking by logits equals ranking by probabilities but avoids ties from sigmoid saturation.
    /// - Throws: `MetricError` (see `auc(scores:labels:)`), or the predictor's error.
    public static func auc(_ predictor: any ScorePredictor, on table: ExampleTable, objective: Int) throws -> Double {
        let c = try column(predictor, on: table, objective: objective, kind: .binary, metric: "AUC")
        return try auc(scores: c.scores, labels: c.labels)
    }

    /// GAUC of `predictor` for binary objective `objective`, grouping by `table.userKeys`.
    /// - Throws: `MetricError` (see `gauc(scores:labels:userKeys:)`), or the predictor's error.
    public static func gauc(_ predictor: any ScorePredictor, on table: ExampleTable, objective: Int) throws -> GAUCResult {
        let c = try column(predictor, on: table, objective: objective, kind: .binary, metric: "GAUC")
        return try gauc(scores: c.scores, labels: c.labels, userKeys: table.userKeys)
    }

    /// Logloss of `predictor` for binary objective `objective`, computed stably from its logits
    /// (`logloss(logits:labels:)`).
    /// - Throws: `MetricError`, or the predictor's error.
    public static func logloss(_ predictor: any ScorePredictor, on table: ExampleTable, objective: Int) throws -> Double {
        let c = try column(predictor, on: table, objective: objective, kind: .binary, metric: "logloss")
        return try logloss(logits: c.scores, labels: c.labels)
    }

    /// MSE of `predictor`'s values for continuous objective `objective` (`MetricError.invalidParameter`
    /// for a binary one).
    /// - Throws: `MetricError`, or the predictor's error.
    public static func mse(_ predictor: any ScorePredictor, on table: ExampleTable, objective: Int) throws -> Double {
        let c = try column(predictor, on: table, objective: objective, kind: .continuous, metric: "MSE")
        return try mse(predictions: c.scores, labels: c.labels)
    }

    /// MAE of `predictor`'s values for continuous objective `objective`.
    /// - Throws: `MetricError`, or the predictor's error.
    public static func mae(_ predictor: any ScorePredictor, on table: ExampleTable, objective: Int) throws -> Double {
        let c = try column(predictor, on: table, objective: objective, kind: .continuous, metric: "MAE")
        return try mae(predictions: c.scores, labels: c.labels)
    }

    /// RMSE of `predictor`'s values for continuous objective `objective`.
    /// - Throws: `MetricError`, or the predictor's error.
    public static func rmse(_ predictor: any ScorePredictor, on table: ExampleTable, objective: Int) throws -> Double {
        try mse(predictor, on: table, objective: objective).squareRoot()
    }

    /// Recall@K, NDCG@K and HitRate@K of `predictor`'s raw scores for objective `objective`, each user
    /// (`table.userKeys`) ranking their candidates, the objective's label as relevance.
    /// - Throws: `MetricError` (see `ranking(scores:relevance:userKeys:k:gain:)`), or the predictor's error.
    public static func ranking(_ predictor: any ScorePredictor, on table: ExampleTable, objective: Int, k: Int,
                               gain: NDCGGain = .linear) throws -> RankingMetrics {
        let c = try column(predictor, on: table, objective: objective)
        return try ranking(scores: c.scores, relevance: c.labels, userKeys: table.userKeys, k: k, gain: gain)
    }
}
