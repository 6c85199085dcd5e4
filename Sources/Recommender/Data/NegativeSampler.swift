import NumericCore

/// Seeded negative sampling for implicit feedback: for each positive (user, item), `k` items drawn
/// uniformly from `candidates` that the user never interacted with (per `interactions`), without
/// repeating an item for the same positive. Deterministic: the same inputs and seed give the same
/// negatives. A draw is rejected and retried at most `maxAttempts` times, so a user who touched
/// almost every candidate may get fewer than `k` negatives (never a wrong one).
public enum NegativeSampler {
    /// Sampled negatives: parallel arrays, and for each negative the index of its positive.
    public struct Negatives: Sendable, Equatable {
        /// User of each negative.
        public var users: [Int64] = []
        /// Sampled item of each negative.
        public var items: [Int64] = []
        /// Index of the positive each negative was drawn for.
        public var positiveIndex: [Int] = []
    }

    /// Draws the negatives.
    /// - Parameters:
    ///   - positiveUsers, positiveItems: the positives to sample for.
    ///   - interactions: every (user, item) pair known to be an interaction (excluded as negatives);
    ///     usually all of the user's events in the whole log, not only the split's.
    ///   - candidates: the item pool (duplicates are removed; drawn in sorted order for determinism).
    /// - Complexity: O(positives × k) expected draws.
    /// - Throws: `DataError.invalidArgument` for `k < 0` or an empty pool.
    public static func sample(positiveUsers: [Int64], positiveItems: [Int64], interactions: (users: [Int64], items: [Int64]),
                              candidates: [Int64], perPositive k: Int, seed: UInt64, maxAttempts: Int = 100) throws -> Negatives {
        guard k >= 0 else { throw DataError.invalidArgument("negatives per positive must be ≥ 0, got \(k)") }
        let pool = Array(Set(candidates)).sorted()
        guard !pool.isEmpty || k == 0 else { throw DataError.invalidArgument("negative sampling needs a non-empty item pool") }
        var seen = [Int64: Set<Int64>]()
        for i in interactions.users.indices { seen[interactions.users[i], default: []].insert(interactions.items[i]) }
        var rng = SeededGenerator(seed: seed).split("negatives")
        var out = Negatives()
        out.users.reserveCapacity(positiveUsers.count * k)
        var chosen = Set<Int64>()
        for p in positiveUsers.indices {
            let u = positiveUsers[p]
            let mine = seen[u] ?? []
            chosen.removeAll(keepingCapacity: true)
            for _ in 0..<k {
                for _ in 0..<maxAttempts {
                    let item = pool[rng.nextInt(below: pool.count)]
                    if item == positiveItems[p] || mine.contains(item) || chosen.contains(item) { continue }
                    chosen.insert(item)
                    out.users.append(u); out.items.append(item); out.positiveIndex.append(p)
                    break
                }
            }
        }
        return out
    }
}
