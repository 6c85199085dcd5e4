/// Minimum-count filters on users and items (the "k-core" preprocessing of recommender benchmarks).
public enum InteractionFilter {
    /// Rows kept when every kept user has ≥ `minUserCount` rows and every kept item ≥ `minItemCount`.
    ///
    /// With `iterate == false` both counts are taken once on the input (single pass: removing a rare
    /// item may leave a user below the threshold). With `iterate == true` the two filters repeat until
    /// nothing changes, so the result satisfies both thresholds (the k-core).
    /// - Returns: kept row indices, increasing.
    /// - Complexity: O(n) per pass.
    public static func minimumCounts(users: [Int64], items: [Int64], minUserCount: Int, minItemCount: Int, iterate: Bool = true) -> [Int] {
        var kept = Array(users.indices)
        while true {
            var uc = [Int64: Int](), ic = [Int64: Int]()
            for i in kept { uc[users[i], default: 0] += 1; ic[items[i], default: 0] += 1 }
            let next = kept.filter { uc[users[$0]]! >= minUserCount && ic[items[$0]]! >= minItemCount }
            if !iterate || next.count == kept.count { return next }
            kept = next
        }
    }
}
