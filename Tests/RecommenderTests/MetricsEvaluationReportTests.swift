import Foundation
import NumericCore
import Testing
@testable import Recommender

@Suite struct MetricsEvaluationReportTests {
    let objectives = [ObjectiveSpec(name: "click", kind: .binary), ObjectiveSpec(name: "watch", kind: .continuous)]

    /// Four examples of two users with hand-set logits and values.
    func fixture() throws -> (ExampleTable, FixedScorePredictor) {
        let layout = FeatureLayout(userCategoricalNames: [], userCategoricalCardinalities: [], userDenseNames: [],
                                   itemCategoricalNames: [], itemCategoricalCardinalities: [], itemDenseNames: [],
                                   objectives: objectives)
        let table = try ExampleTable(layout: layout, count: 4, userCategorical: [], userDense: [], itemCategorical: [],
                                     itemDense: [], labels: [1, 2, 0, 4, 1, 1, 0, 0], userKeys: [1, 1, 2, 2], itemKeys: [1, 2, 3, 4])
        let scores = try Matrix<Float>([[2, 3], [-1, 3], [0, 0], [1, 1]])
        return (table, FixedScorePredictor(objectives: objectives, scores: scores))
    }

    @Test func reportHoldsClassificationMetricsForBinaryAndRegressionMetricsForContinuous() throws {
        let (table, predictor) = try fixture()
        let report = try EvaluationReport(predictor: predictor, table: table)
        #expect(report.examples == 4)
        let click = try #require(report["click"])
        // Logits (2, −1, 0, 1), labels (1, 0, 1, 0): positives {2, 0} vs negatives {−1, 1} → 3 of 4 pairs.
        #expect(click.auc == 0.75)
        // User 1: 2 > −1 → 1; user 2: 0 < 1 → 0; both 2 impressions → GAUC 0.5.
        #expect(click.gauc?.value == 0.5)
        let expectedLogloss = (log(1 + exp(-2.0)) + log(1 + exp(-1.0)) + log(2.0) + log(1 + exp(1.0))) / 4
        #expect(abs(try #require(click.logloss) - expectedLogloss) < 1e-12)
        #expect(click.mse == nil && click.mae == nil && click.rmse == nil)
        let watch = try #require(report["watch"])
        // Values (3, 3, 0, 1) vs labels (2, 4, 1, 0): errors (1, −1, −1, 1).
        #expect(watch.mse == 1 && watch.mae == 1 && watch.rmse == 1)
        #expect(watch.auc == nil && watch.logloss == nil)
    }

    @Test func reportRoundTripsThroughJSON() throws {
        let (table, predictor) = try fixture()
        let report = try EvaluationReport(predictor: predictor, table: table)
        let decoded = try JSONDecoder().decode(EvaluationReport.self, from: JSONEncoder().encode(report))
        #expect(decoded == report)
    }

    @Test func undefinedAUCIsNilNotAnError() throws {
        let (table, _) = try fixture()
        let oneClass = table.subset([1, 3])  // click labels 0, 0
        let predictor = FixedScorePredictor(objectives: objectives, scores: try Matrix<Float>([[1, 1], [2, 2]]))
        let report = try EvaluationReport(predictor: predictor, table: oneClass)
        #expect(report["click"]?.auc == nil && report["click"]?.gauc == nil && report["click"]?.logloss != nil)
    }

    @Test func predictorConveniencesAgreeWithTheArrayFunctions() throws {
        let (table, predictor) = try fixture()
        #expect(try Metrics.auc(predictor, on: table, objective: 0) == 0.75)
        #expect(try Metrics.mse(predictor, on: table, objective: 1) == 1)
        #expect(try Metrics.rmse(predictor, on: table, objective: 1) == 1)
        #expect(try Metrics.mae(predictor, on: table, objective: 1) == 1)
        #expect(try Metrics.gauc(predictor, on: table, objective: 0).value == 0.5)
        let r = try Metrics.ranking(predictor, on: table, objective: 0, k: 1)
        #expect(r.hitRate == 0.5 && r.recall == 0.5)
        #expect(throws: MetricError.invalidParameter("AUC needs a binary objective; 'watch' is continuous")) {
            try Metrics.auc(predictor, on: table, objective: 1)
        }
        #expect(throws: MetricError.invalidParameter("MSE needs a continuous objective; 'click' is binary")) {
            try Metrics.mse(predictor, on: table, objective: 0)
        }
        #expect(throws: MetricError.invalidParameter("objective index 2 not in 0..<2")) {
            try Metrics.auc(predictor, on: table, objective: 2)
        }
    }

    @Test func wrongPredictorShapeIsReported() throws {
        let (table, _) = try fixture()
        let short = FixedScorePredictor(objectives: objectives, scores: try Matrix<Float>([[1, 1], [2, 2], [3, 3], [4, 4]]))
        let subset = table.subset([0, 1, 2])
        #expect(throws: (any Error).self) { try EvaluationReport(predictor: short, table: subset) }
    }
}
