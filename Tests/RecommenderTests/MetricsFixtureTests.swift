import Foundation
import Testing
@testable import Recommender

/// Comparisons with scikit-learn values written by `Experiments/reference/make_metric_fixtures.py`
/// (see `Fixtures/metrics/README.md`).
@Suite struct MetricsFixtureTests {
    struct AUCCase: Decodable { var scores: [Double]; var labels: [Double]; var roc_auc_score: Double }
    struct LoglossCase: Decodable { var probabilities: [Double]; var labels: [Double]; var log_loss: Double }
    struct RegressionCase: Decodable {
        var predictions: [Double]; var labels: [Double]
        var mean_squared_error: Double; var mean_absolute_error: Double; var root_mean_squared_error: Double
    }
    struct NDCGCase: Decodable {
        var userKeys: [Int64]; var scores: [Double]; var relevance: [Double]; var k: [Int]; var ndcg_score: [Double]
    }
    struct GAUCCase: Decodable {
        var userKeys: [Int64]; var scores: [Double]; var labels: [Double]
        var gauc: Double; var usersCounted: Int; var usersSkipped: Int; var impressionsCounted: Int
    }
    struct Fixtures: Decodable {
        var auc: [AUCCase]; var logloss: [LoglossCase]; var regression: [RegressionCase]
        var ndcg: [NDCGCase]; var gauc: [GAUCCase]
    }

    let fixtures: Fixtures

    init() throws {
        let url = try #require(Bundle.module.url(forResource: "metric_fixtures", withExtension: "json", subdirectory: "Fixtures/metrics"))
        fixtures = try JSONDecoder().decode(Fixtures.self, from: Data(contentsOf: url))
    }

    func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(abs(b), 1e-300) }

    @Test func aucMatchesRocAucScoreWithTies() throws {
        #expect(fixtures.auc.count == 5)
        for c in fixtures.auc {
            let a = try Metrics.auc(scores: c.scores, labels: c.labels)
            #expect(close(a, c.roc_auc_score), "AUC \(a) vs sklearn \(c.roc_auc_score)")
        }
    }

    @Test func loglossMatchesSklearn() throws {
        for c in fixtures.logloss {
            let l = try Metrics.logloss(probabilities: c.probabilities, labels: c.labels)
            #expect(close(l, c.log_loss), "logloss \(l) vs sklearn \(c.log_loss)")
        }
    }

    @Test func regressionMetricsMatchSklearn() throws {
        for c in fixtures.regression {
            #expect(close(try Metrics.mse(predictions: c.predictions, labels: c.labels), c.mean_squared_error))
            #expect(close(try Metrics.mae(predictions: c.predictions, labels: c.labels), c.mean_absolute_error))
            #expect(close(try Metrics.rmse(predictions: c.predictions, labels: c.labels), c.root_mean_squared_error))
        }
    }

    @Test func ndcgMatchesSklearnNdcgScore() throws {
        for c in fixtures.ndcg {
            for (k, expected) in zip(c.k, c.ndcg_score) {
                let r = try Metrics.ranking(scores: c.scores, relevance: c.relevance, userKeys: c.userKeys, k: k)
                #expect(close(r.ndcg, expected), "NDCG@\(k) \(r.ndcg) vs sklearn \(expected)")
                #expect(r.usersSkipped == 0)
            }
        }
    }

    @Test func gaucMatchesPerUserSklearnAUCWeightedByImpressions() throws {
        for c in fixtures.gauc {
            let g = try Metrics.gauc(scores: c.scores, labels: c.labels, userKeys: c.userKeys)
            #expect(close(g.value, c.gauc), "GAUC \(g.value) vs reference \(c.gauc)")
            #expect(g.usersCounted == c.usersCounted && g.usersSkipped == c.usersSkipped)
            #expect(g.impressionsCounted == c.impressionsCounted)
        }
    }
}
