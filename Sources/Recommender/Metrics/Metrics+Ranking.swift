#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The gain of a relevance grade in NDCG.
public enum NDCGGain: String, Codable, Sendable, CaseIterable {
    /// `gain(rel) = rel` — Järvelin & Kekäläinen 2002 and scikit-learn's `ndcg_score` (the default).
    case linear
    /// `gain(rel) = 2^rel − 1` — Burges et al. 2005 (RankNet), common in learning-to-rank. Equals
    /// `linear` for binary relevance.
    case exponential

    /// The gain of relevance grade `rel`.
    @inlinable
    public func gain(_ rel: Double) -> Double {
        switch self {
        case .linear: return rel
        case .exponential: return expm1(rel * M_LN2)
        }
    }
}

/// Top-K ranking metrics averaged over users, each user ranking their own candidate items.
public struct RankingMetrics: Codable, Sendable, Equatable {
    /// The cut-off `K`.
    public var k: Int
    /// Mean over users of `|relevant ∩ top K| / |relevant|`.
    public var recall: Double
    /// Mean over users of `DCG@K / IDCG@K`.
    public var ndcg: Double
    /// Fraction of users with at least one relevant item in their top K.
    public var hitRate: Double
    /// Users with at least one relevant candidate (the users averaged over).
    public var usersEvaluated: Int
    /// Users skipped because none of their candidates is relevant (all metrics undefined).
    public var usersSkipped: Int
}

extension Metrics {
    /// Recall@K, NDCG@K and HitRate@K over each user's candidate items.
    ///
    /// Examples are grouped by `userKeys`; each user's candidates are ranked by descending score, and
    /// **ties are broken by position in the input (earlier first)**, so the result is deterministic
    /// and independent of the sort algorithm (scikit-learn's `ndcg_score` instead averages the gains of
    /// tied items; the two agree when a user's scores are distinct). An item is relevant when its
    /// relevance is `> 0`. With `rel_i` the relevance at rank `i = 1, 2, …` and `H_K` the number of
    /// relevant items in the top K of a user with `R` relevant candidates:
    /// - `Recall@K = H_K / R` (torch-rechub's per-user recall);
    /// - `HitRate@K = 1` if `H_K > 0`, else `0` (the fraction of users hit);
    /// - `NDCG@K = DCG@K / IDCG@K` with `DCG@K = Σ_{i ≤ min(K, n_u)} gain(rel_i) / log2(i + 1)` and IDCG
    ///   the DCG of the candidates sorted by descending relevance (Järvelin & Kekäläinen 2002, ACM TOIS
    ///   20(4):422–446, doi:10.1145/582415.582418). `gain` defaults to `.linear` (`rel`), as
    ///   scikit-learn's `ndcg_score`; for binary relevance this is also torch-rechub's NDCG.
    /// Each metric is the plain mean over users with `R > 0`; users with no relevant candidate are
    /// skipped (counted in `usersSkipped`).
    ///
    /// - Parameters:
    ///   - scores: Predicted score of each (user, item) example.
    ///   - relevance: Finite relevance `≥ 0` (a 0/1 label, or a grade such as a rating).
    ///   - userKeys: The user of each example.
    ///   - k: The cut-off, `≥ 1`.
    ///   - gain: NDCG's gain function.
    /// - Throws: `MetricError` on different lengths, empty or non-finite input, negative relevance,
    ///   `k < 1`, or `.undefined` when no user has a relevant candidate.
    /// - Complexity: O(n log n): one sort by (user, score, position), one sort of each user's relevances.
    public static func ranking(scores: [Double], relevance: [Double], userKeys: [Int64], k: Int,
                               gain: NDCGGain = .linear) throws -> RankingMetrics {
        try MetricValidation.checkParallel(scores.count, relevance.count, "scores, relevance")
        try MetricValidation.checkParallel(scores.count, userKeys.count, "scores, userKeys")
        guard k >= 1 else { throw MetricError.invalidParameter("cut-off K = \(k) must be ≥ 1") }
        try scores.withUnsafeBufferPointer { try MetricValidation.checkFinite($0, "score") }
        try relevance.withUnsafeBufferPointer { r in
            try MetricValidation.checkFinite(r, "relevance")
            for i in 0..<r.count where r[i] < 0 {
                throw MetricError.invalidLabel(value: r[i], index: i, expected: "relevance ≥ 0")
            }
        }
        // Order: user ascending, score descending, input position ascending (the tie-break).
        var order = Array(0..<scores.count)
        order.sort { a, b in
            if userKeys[a] != userKeys[b] { return userKeys[a] < userKeys[b] }
            if scores[a] != scores[b] { return scores[a] > scores[b] }
            return a < b
        }
        let discount = (0..<k).map { 1 / log2(Double($0) + 2) }
        var ideal = [Double]()
        var recallSum = 0.0, ndcgSum = 0.0, hits = 0, evaluated = 0, skipped = 0
        var start = 0
        while start < order.count {
            var end = start + 1
            while end < order.count && userKeys[order[end]] == userKeys[order[start]] { end += 1 }
            ideal.removeAll(keepingCapacity: true)
            for t in start..<end where relevance[order[t]] > 0 { ideal.append(relevance[order[t]]) }
            let relevantCount = ideal.count
            if relevantCount == 0 {
                skipped += 1
            } else {
                ideal.sort(by: >)
                let depth = min(k, end - start)
                var dcg = 0.0, hitCount = 0
                for i in 0..<depth {
                    let rel = relevance[order[start + i]]
                    if rel > 0 { hitCount += 1; dcg += gain.gain(rel) * discount[i] }
                }
                var idcg = 0.0
                for i in 0..<min(k, relevantCount) { idcg += gain.gain(ideal[i]) * discount[i] }
                recallSum += Double(hitCount) / Double(relevantCount)
                ndcgSum += idcg > 0 ? dcg / idcg : 0
                if hitCount > 0 { hits += 1 }
                evaluated += 1
            }
            start = end
        }
        guard evaluated > 0 else {
            throw MetricError.undefined("ranking metrics need a user with a relevant candidate (\(skipped) users, none relevant)")
        }
        let n = Double(evaluated)
        return RankingMetrics(k: k, recall: recallSum / n, ndcg: ndcgSum / n, hitRate: Double(hits) / n,
                              usersEvaluated: evaluated, usersSkipped: skipped)
    }

    /// `ranking(scores:relevance:userKeys:k:gain:)` over `Float` inputs (widened to `Double`).
    public static func ranking(scores: [Float], relevance: [Float], userKeys: [Int64], k: Int,
                               gain: NDCGGain = .linear) throws -> RankingMetrics {
        try ranking(scores: scores.widenedToDouble, relevance: relevance.widenedToDouble,
                    userKeys: userKeys, k: k, gain: gain)
    }
}
