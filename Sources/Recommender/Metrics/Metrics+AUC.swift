extension Metrics {
    /// Area under the ROC curve, exact, with tied scores counted as half-concordant.
    ///
    /// AUC is the Mann–Whitney statistic divided by the number of (positive, negative) pairs:
    /// `AUC = (#{s⁺ > s⁻} + ½·#{s⁺ = s⁻}) / (P·N)`, which equals the trapezoidal area under the ROC
    /// curve and scikit-learn's `roc_auc_score` (Mann & Whitney 1947, Ann. Math. Statist. 18(1):50–60,
    /// doi:10.1214/aoms/1177730491; Hanley & McNeil 1982, Radiology 143(1):29–36,
    /// doi:10.1148/radiology.143.1.7063747). `U` is the rank sum of the positives under midranks minus
    /// `P(P+1)/2`; equivalently, computed here: sort the positive and the negative scores separately,
    /// then one merge walk counts, for each positive, the negatives below it and those tied with it,
    /// accumulating `2U` in exact integer arithmetic.
    ///
    /// - Parameters:
    ///   - scores: Any monotone score (logit or probability); higher means "more positive".
    ///   - labels: Exactly `0` or `1`.
    /// - Throws: `MetricError` for different lengths, empty input, non-finite scores, labels other than
    ///   0/1, or `.undefined` when all labels are of one class.
    /// - Complexity: O(n log n) time, O(n) extra memory.
    public static func auc(scores: [Double], labels: [Double]) throws -> Double {
        try MetricValidation.checkParallel(scores.count, labels.count, "scores, labels")
        var positives = [Double](), negatives = [Double]()
        try scores.withUnsafeBufferPointer { s in
            try labels.withUnsafeBufferPointer { y in
                try MetricValidation.checkFinite(s, "score")
                let p = try MetricValidation.countBinaryPositives(y)
                positives.reserveCapacity(p)
                negatives.reserveCapacity(s.count - p)
                for i in 0..<s.count {
                    if y[i] == 1 { positives.append(s[i]) } else { negatives.append(s[i]) }
                }
            }
        }
        guard !positives.isEmpty, !negatives.isEmpty else {
            throw MetricError.undefined("AUC needs both classes (\(positives.count) positives, \(negatives.count) negatives)")
        }
        positives.sort()
        negatives.sort()
        // Merge walk: for each positive (ascending), `below` negatives are strictly smaller and
        // `belowOrEqual − below` are tied with it; 2U accumulates 2·below + ties exactly.
        var twiceU = 0
        positives.withUnsafeBufferPointer { pos in
            negatives.withUnsafeBufferPointer { neg in
                var below = 0, belowOrEqual = 0
                for p in pos {
                    while below < neg.count && neg[below] < p { below += 1 }
                    if belowOrEqual < below { belowOrEqual = below }
                    while belowOrEqual < neg.count && neg[belowOrEqual] <= p { belowOrEqual += 1 }
                    twiceU += below + belowOrEqual
                }
            }
        }
        return Double(twiceU) / (2 * Double(positives.count) * Double(negatives.count))
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
