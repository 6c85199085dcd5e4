import Foundation
import Testing
@testable import Recommender

@Suite struct MetricsKnownAnswerTests {
    @Test func aucCountsConcordantPairsAndHalvesTies() throws {
        // Positives {0.35, 0.8, 0.4}, negatives {0.1, 0.4}: of the P·N = 6 pairs, concordant are
        // (0.35,0.1), (0.8,0.1), (0.8,0.4), (0.4,0.1) = 4, tied is (0.4,0.4) = ½.
        let auc = try Metrics.auc(scores: [0.1, 0.4, 0.35, 0.8, 0.4] as [Double], labels: [0, 0, 1, 1, 1])
        let expected: Double = (4 + 0.5) / 6
        #expect(auc == expected)
    }

    @Test func aucOfAllTiedScoresIsOneHalf() throws {
        #expect(try Metrics.auc(scores: [0.3, 0.3, 0.3, 0.3] as [Double], labels: [1, 0, 0, 1]) == 0.5)
    }

    @Test func aucOfPerfectAndReversedRankings() throws {
        #expect(try Metrics.auc(scores: [1, 2, 3, 4] as [Float], labels: [0, 0, 1, 1]) == 1)
        #expect(try Metrics.auc(scores: [4, 3, 2, 1] as [Float], labels: [0, 0, 1, 1]) == 0)
    }

    @Test func aucRejectsBadInput() {
        #expect(throws: MetricError.undefined("AUC needs both classes (0 positives, 2 negatives)")) {
            try Metrics.auc(scores: [1, 2] as [Double], labels: [0, 0])
        }
        #expect(throws: MetricError.invalidLabel(value: 0.5, index: 1, expected: "0 or 1")) {
            try Metrics.auc(scores: [1, 2] as [Double], labels: [0, 0.5])
        }
        #expect(throws: MetricError.nonFinite(what: "score", index: 0)) {
            try Metrics.auc(scores: [.nan, 2] as [Double], labels: [0, 1])
        }
        #expect(throws: MetricError.lengthMismatch("scores, labels: 2 vs 1")) {
            try Metrics.auc(scores: [1, 2] as [Double], labels: [0])
        }
        #expect(throws: MetricError.empty("scores, labels")) { try Metrics.auc(scores: [Double](), labels: []) }
    }

    @Test func gaucWeightsUsersByImpressionsAndSkipsSingleClassUsers() throws {
        // User 1: scores (0.9⁺, 0.2, 0.5) → AUC 2/2 = 1, 3 impressions.
        // User 2: positives {0.3, 0.6}, negatives {0.6, 0.1} → (0 + 1 + ½ + 1)/4 = 0.625, 4 impressions.
        // User 3: only negatives → skipped. GAUC = (3·1 + 4·0.625)/(3 + 4).
        let users: [Int64] = [2, 1, 3, 2, 1, 2, 3, 1, 2]
        let scores: [Double] = [0.3, 0.9, 0.4, 0.6, 0.2, 0.6, 0.7, 0.5, 0.1]
        let labels: [Double] = [1, 1, 0, 0, 0, 1, 0, 0, 0]
        let g = try Metrics.gauc(scores: scores, labels: labels, userKeys: users)
        let expected: Double = (3 * 1 + 4 * 0.625) / 7
        #expect(g.value == expected)
        #expect(g.usersCounted == 2 && g.usersSkipped == 1 && g.impressionsCounted == 7)
    }

    @Test func gaucIsUndefinedWhenNoUserHasBothClasses() {
        #expect(throws: MetricError.self) {
            try Metrics.gauc(scores: [0.1, 0.2] as [Double], labels: [0, 1], userKeys: [1, 2])
        }
    }

    @Test func ndcgRecallAndHitRateMatchAHandCalculation() throws {
        // User 7: ranked relevances (0, 2, 0 | 1, 3); K = 3; ideal order (3, 2, 1).
        //   DCG = 2/log2(3); IDCG = 3/log2(2) + 2/log2(3) + 1/log2(4); recall = 1/3; hit.
        // User 8: scores tie at 0.5: position breaks it, so the irrelevant item 0 ranks first and K = 1
        //   misses: NDCG 0, recall 0, no hit. User 9 has no relevant item: skipped.
        let users: [Int64] = [7, 7, 7, 7, 7, 8, 8, 8, 9, 9]
        let scores: [Double] = [0.9, 0.8, 0.7, 0.6, 0.5, 0.5, 0.5, 0.2, 0.3, 0.1]
        let relevance: [Double] = [0, 2, 0, 1, 3, 0, 1, 0, 0, 0]
        let l3 = log2(3.0)
        let r3 = try Metrics.ranking(scores: scores, relevance: relevance, userKeys: users, k: 3)
        let ndcg7 = (2 / l3) / (3 + 2 / l3 + 0.5)
        // user 8 at K = 3: its relevant item is ranked 2nd → DCG = 1/log2(3), IDCG = 1, recall 1, hit.
        #expect(abs(r3.ndcg - (ndcg7 + 1 / l3) / 2) < 1e-15)
        #expect(abs(r3.recall - (1.0 / 3 + 1) / 2) < 1e-15)
        #expect(r3.hitRate == 1 && r3.usersEvaluated == 2 && r3.usersSkipped == 1)

        let r1 = try Metrics.ranking(scores: scores, relevance: relevance, userKeys: users, k: 1)
        #expect(r1.ndcg == 0 && r1.recall == 0 && r1.hitRate == 0)

        let e3 = try Metrics.ranking(scores: scores, relevance: relevance, userKeys: users, k: 3, gain: .exponential)
        let ndcg7e = (3 / l3) / (7 + 3 / l3 + 1.0 / 2)  // gains 2^2−1 = 3, 2^3−1 = 7, 2^1−1 = 1
        #expect(abs(e3.ndcg - (ndcg7e + 1 / l3) / 2) < 1e-15)
    }

    @Test func rankingRejectsBadInput() {
        #expect(throws: MetricError.invalidParameter("cut-off K = 0 must be ≥ 1")) {
            try Metrics.ranking(scores: [1] as [Double], relevance: [1], userKeys: [1], k: 0)
        }
        #expect(throws: MetricError.invalidLabel(value: -1, index: 0, expected: "relevance ≥ 0")) {
            try Metrics.ranking(scores: [1] as [Double], relevance: [-1], userKeys: [1], k: 1)
        }
    }

    @Test func loglossClipsProbabilitiesAtEpsilon() throws {
        // Both examples confidently wrong: each costs −log(1e-15).
        #expect(try Metrics.logloss(probabilities: [1, 0] as [Double], labels: [0, 1]) == -log(1e-15))
        #expect(try Metrics.logloss(probabilities: [0.8, 0.25] as [Double], labels: [1, 0]) == -(log(0.8) + log(0.75)) / 2)
        #expect(throws: MetricError.self) { try Metrics.logloss(probabilities: [1.5] as [Double], labels: [1]) }
    }

    @Test func loglossFromLogitsIsStable() throws {
        // z = 0, y = 1 → log 2; z = 2, y = 0 → log(1 + e²).
        let l = try Metrics.logloss(logits: [0, 2] as [Double], labels: [1, 0])
        #expect(abs(l - (log(2) + log(1 + exp(2))) / 2) < 1e-15)
        #expect(try Metrics.logloss(logits: [-1000] as [Double], labels: [1]) == 1000)
        #expect(try Metrics.logloss(logits: [1000] as [Double], labels: [1]) == 0)
    }

    @Test func regressionMetricsMatchHandValues() throws {
        // Errors (1, −2, 0, 3): MSE = 14/4, MAE = 6/4.
        let p: [Double] = [2, 0, 5, 7], y: [Double] = [1, 2, 5, 4]
        #expect(try Metrics.mse(predictions: p, labels: y) == 3.5)
        #expect(try Metrics.mae(predictions: p, labels: y) == 1.5)
        #expect(try Metrics.rmse(predictions: p, labels: y) == 3.5.squareRoot())
        #expect(throws: MetricError.nonFinite(what: "label", index: 1)) {
            try Metrics.mse(predictions: [1, 2] as [Double], labels: [1, .infinity])
        }
    }
}
