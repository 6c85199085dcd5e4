/// Group AUC: the impression-weighted mean of per-user AUCs, with its bookkeeping.
public struct GAUCResult: Codable, Sendable, Equatable {
    /// `Σ_u n_u·AUC_u / Σ_u n_u` over the users counted.
    public var value: Double
    /// Users with both a positive and a negative example (their AUC is defined).
    public var usersCounted: Int
    /// Users skipped because all their labels are of one class.
    public var usersSkipped: Int
    /// `Σ_u n_u` over the users counted: the impressions that carry weight.
    public var impressionsCounted: Int
}

extension Metrics {
    /// Group AUC (GAUC): per-user AUC averaged with each user's number of impressions as weight.
    ///
    /// `GAUC = Σ_u n_u · AUC_u / Σ_u n_u`, where `n_u` is the number of examples (impressions) of user
    /// `u` and the sums run over users having at least one positive and one negative example; users
    /// with a single class have no AUC and are skipped (reported in `usersSkipped`). This is the
    /// impression-weighted GAUC of Zhou et al. 2018, "Deep Interest Network for Click-Through Rate
    /// Prediction", KDD, doi:10.1145/3219819.3219823, and torch-rechub's `gauc_score` default weight
    /// (`len(user's labels)`); torch-rechub does not skip single-class users (its call to
    /// `roc_auc_score` then fails), we skip them as the DIN paper's definition implies. Per-user AUC is
    /// the tie-averaged AUC of `auc(scores:labels:)`.
    ///
    /// - Throws: `MetricError` on different lengths, empty or non-finite input, labels other than 0/1,
    ///   or `.undefined` when no user has both classes.
    /// - Complexity: O(n log n): one sort by (user, score), then one pass.
    public static func gauc(scores: [Double], labels: [Double], userKeys: [Int64]) throws -> GAUCResult {
        try MetricValidation.checkParallel(scores.count, labels.count, "scores, labels")
        try MetricValidation.checkParallel(scores.count, userKeys.count, "scores, userKeys")
        var rows = [(user: Int64, item: ScoredLabel)]()
        rows.reserveCapacity(scores.count)
        try scores.withUnsafeBufferPointer { s in
            try labels.withUnsafeBufferPointer { y in
                try MetricValidation.checkFinite(s, "score")
                _ = try MetricValidation.countBinaryPositives(y)
                for i in 0..<s.count {
                    rows.append((userKeys[i], ScoredLabel(score: s[i], positive: y[i] == 1)))
                }
            }
        }
        rows.sort { $0.user != $1.user ? $0.user < $1.user : $0.item.score < $1.item.score }
        let items = rows.map(\.item)
        var weighted = 0.0, counted = 0, skipped = 0, impressions = 0
        items.withUnsafeBufferPointer { b in
            var i = 0
            while i < rows.count {
                var j = i + 1
                while j < rows.count && rows[j].user == rows[i].user { j += 1 }
                if let a = MannWhitney.count(sortedAscending: b[i..<j]).auc {
                    weighted += Double(j - i) * a
                    counted += 1
                    impressions += j - i
                } else {
                    skipped += 1
                }
                i = j
            }
        }
        guard counted > 0 else {
            throw MetricError.undefined("GAUC needs a user with both classes (\(skipped) users, all single-class)")
        }
        return GAUCResult(value: weighted / Double(impressions), usersCounted: counted,
                          usersSkipped: skipped, impressionsCounted: impressions)
    }

    /// `gauc(scores:labels:userKeys:)` over `Float` inputs (widened to `Double`).
    public static func gauc(scores: [Float], labels: [Float], userKeys: [Int64]) throws -> GAUCResult {
        try gauc(scores: scores.widenedToDouble, labels: labels.widenedToDouble, userKeys: userKeys)
    }
}
