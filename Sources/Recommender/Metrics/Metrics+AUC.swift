extension Metrics {
    /// Area under the ROC curve, exact, with tied scores counted as half-concordant.
    ///
    /// AUC is the Mann–Whitney statistic divided by the number of (positive, negative) pairs:
    /// `AUC = (#{s⁺ > s⁻} + ½·#{s⁺ = s⁻}) / (P·N)`, which equals the trapezoidal area under the ROC
    /// curve and scikit-learn's `roc_auc_score` (Mann & Whitney 1947, Ann. Math. Statist. 18(1):50–60,
    /// doi:10.1214/aoms/1177730491; Hanley & McNeil 1982, Radiology 143(1):29–36,
    /// doi:10.1148/radiology.143.1.7063747). Computed from midranks: sort by score once, then walk the
    /// groups of equal score accumulating `2U` in exact integer arithmetic.
    ///
    /// - Parameters:
    ///   - scores: Any monotone score (logit or probability); higher means "more positive".
    ///   - labels: Exactly `0` or `1`.
    /// - Throws: `MetricError` for different lengths, empty input, non-finite scores, labels other than
    ///   0/1, or `.undefined` when all labels are of one class.
    /// - Complexity: O(n log n) time, O(n) extra memory.
    public static func auc(scores: [Double], labels: [Double]) throws -> Double {
        try MetricValidation.checkParallel(scores.count, labels.count, "scores, labels")
        var pairs = [ScoredLabel]()
        pairs.reserveCapacity(scores.count)
        try scores.withUnsafeBufferPointer { s in
            try labels.withUnsafeBufferPointer { y in
                try MetricValidation.checkFinite(s, "score")
                _ = try MetricValidation.countBinaryPositives(y)
                for i in 0..<s.count { pairs.append(ScoredLabel(score: s[i], positive: y[i] == 1)) }
            }
        }
        pairs.sort { $0.score < $1.score }
        let count = pairs.withUnsafeBufferPointer { MannWhitney.count(sortedAscending: $0[...]) }
        guard let value = count.auc else {
            throw MetricError.undefined("AUC needs both classes (\(count.positives) positives, \(count.negatives) negatives)")
        }
        return value
    }

    /// `auc(scores:labels:)` over `Float` inputs (widened to `Double`).
    public static func auc(scores: [Float], labels: [Float]) throws -> Double {
        try auc(scores: scores.widenedToDouble, labels: labels.widenedToDouble)
    }
}

/// One example's score and binary label, the unit the rank-based metrics sort.
struct ScoredLabel {
    var score: Double
    var positive: Bool
}

/// The Mann–Whitney U count over a slice already sorted by ascending score.
enum MannWhitney {
    /// Positives, negatives and twice the U statistic (ties contribute ½ per pair, so `2U` is an integer).
    struct Count {
        var positives = 0
        var negatives = 0
        var twiceU = 0
        /// `U / (P·N)`, or `nil` when one class is absent.
        var auc: Double? {
            guard positives > 0, negatives > 0 else { return nil }
            return Double(twiceU) / (2 * Double(positives) * Double(negatives))
        }
    }

    /// Walks groups of equal score: each positive in a group is concordant with every negative below
    /// the group and tied with the group's negatives. - Complexity: O(n).
    static func count(sortedAscending p: UnsafeBufferPointer<ScoredLabel>.SubSequence) -> Count {
        var c = Count()
        var i = p.startIndex
        while i < p.endIndex {
            var j = i
            var groupPositives = 0
            let s = p[i].score
            while j < p.endIndex && p[j].score == s {
                if p[j].positive { groupPositives += 1 }
                j += 1
            }
            let groupNegatives = (j - i) - groupPositives
            c.twiceU += 2 * groupPositives * c.negatives + groupPositives * groupNegatives
            c.positives += groupPositives
            c.negatives += groupNegatives
            i = j
        }
        return c
    }
}
