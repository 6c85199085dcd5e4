import NumericCore
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import Recommender

/// AUC properties over many seeded random inputs (the failing seed is named in the message).
@Suite struct MetricsPropertyTests {
    /// Random labels (both classes) and scores; `ties` rounds scores to one decimal.
    func sample(seed: UInt64, ties: Bool) -> (scores: [Double], labels: [Double]) {
        var g = SeededGenerator(seed: seed)
        let n = 2 + g.nextInt(below: 300)
        var labels = (0..<n).map { _ in g.nextUniform() < 0.3 ? 1.0 : 0.0 }
        labels[0] = 0; labels[1] = 1
        let scores = labels.map { y -> Double in
            let s = g.nextGaussian() + y
            return ties ? (s * 10).rounded() / 10 : s
        }
        return (scores, labels)
    }

    @Test func aucIsInvariantUnderStrictlyIncreasingTransforms() throws {
        for seed: UInt64 in 0..<100 {
            let (s, y) = sample(seed: seed, ties: true)
            let a = try Metrics.auc(scores: s, labels: y)
            // exp and the cube are strictly increasing, so they keep every comparison and every tie.
            #expect(try Metrics.auc(scores: s.map { exp($0) }, labels: y) == a, "seed \(seed)")
            #expect(try Metrics.auc(scores: s.map { 3 * $0 * $0 * $0 - 7 }, labels: y) == a, "seed \(seed)")
        }
    }

    @Test func negatingScoresGivesOneMinusAUCWithoutTies() throws {
        for seed: UInt64 in 0..<100 {
            let (s, y) = sample(seed: seed, ties: false)
            let a = try Metrics.auc(scores: s, labels: y)
            let b = try Metrics.auc(scores: s.map { -$0 }, labels: y)
            #expect(abs(a + b - 1) < 1e-12, "seed \(seed)")
        }
    }

    @Test func aucEqualsBruteForcePairCount() throws {
        for seed: UInt64 in 0..<50 {
            let (s, y) = sample(seed: seed, ties: true)
            var concordant = 0.0, pairs = 0.0
            for i in s.indices where y[i] == 1 {
                for j in s.indices where y[j] == 0 {
                    pairs += 1
                    concordant += s[i] > s[j] ? 1 : (s[i] == s[j] ? 0.5 : 0)
                }
            }
            #expect(abs(try Metrics.auc(scores: s, labels: y) - concordant / pairs) < 1e-12, "seed \(seed)")
        }
    }
}
