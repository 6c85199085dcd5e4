import NumericCore

/// Row indices of a train / validation / test split.
public struct SplitIndices: Sendable, Equatable {
    /// Training rows.
    public var train: [Int]
    /// Validation rows.
    public var validation: [Int]
    /// Test rows.
    public var test: [Int]
    /// Split from explicit row lists.
    public init(train: [Int], validation: [Int], test: [Int]) {
        self.train = train; self.validation = validation; self.test = test
    }

    /// Throws `DataError.emptySplit` naming the first empty part.
    public func requireNonEmpty() throws {
        if train.isEmpty { throw DataError.emptySplit(name: "train") }
        if validation.isEmpty { throw DataError.emptySplit(name: "validation") }
        if test.isEmpty { throw DataError.emptySplit(name: "test") }
    }
}

/// How to split rows into train / validation / test.
public enum SplitStrategy: Sendable, Equatable {
    /// Uniformly random by seed: `validation` and `test` are fractions of the rows (rounded down).
    case random(validation: Double, test: Double, seed: UInt64)
    /// By timestamp: rows with time ≤ the `1 − validation − test` quantile train, ≤ the `1 − test`
    /// quantile validation, the rest test (ties stay together, so fractions are approximate).
    case temporal(validation: Double, test: Double)
    /// Per user, by time: the user's last event tests, the one before validates, the rest train.
    /// Users with fewer than 3 events go to train entirely.
    case leaveLastOut
}

/// Splitting rows.
public enum DatasetSplitter {
    /// Splits `count` rows; `users` and `timestamps` are needed by the temporal and leave-last-out strategies.
    /// Every part is returned in increasing row order.
    /// - Complexity: O(n log n).
    /// - Throws: `DataError.invalidArgument` for bad fractions or missing timestamps, `.emptySplit` for an empty part.
    public static func split(count: Int, users: [Int64]? = nil, timestamps: [Int64]? = nil, strategy: SplitStrategy) throws -> SplitIndices {
        func checkFractions(_ v: Double, _ t: Double) throws {
            guard v >= 0, t >= 0, v + t < 1, v.isFinite, t.isFinite else {
                throw DataError.invalidArgument("validation (\(v)) and test (\(t)) fractions must be ≥ 0 with sum < 1")
            }
        }
        var result: SplitIndices
        switch strategy {
        case .random(let v, let t, let seed):
            try checkFractions(v, t)
            var order = Array(0..<count)
            var rng = SeededGenerator(seed: seed).split("random-split")
            rng.shuffle(&order)
            let nt = Int(Double(count) * t), nv = Int(Double(count) * v)
            result = SplitIndices(train: Array(order[(nt + nv)...]).sorted(), validation: Array(order[nt..<(nt + nv)]).sorted(),
                                  test: Array(order[0..<nt]).sorted())
        case .temporal(let v, let t):
            try checkFractions(v, t)
            guard let ts = timestamps, ts.count == count else { throw DataError.invalidArgument("a temporal split needs one timestamp per row") }
            let d = ts.map(Double.init)
            let cut1 = Statistics.quantile(d, 1 - v - t), cut2 = Statistics.quantile(d, 1 - t)
            result = SplitIndices(train: [], validation: [], test: [])
            for i in 0..<count {
                if d[i] <= cut1 { result.train.append(i) } else if d[i] <= cut2 { result.validation.append(i) } else { result.test.append(i) }
            }
        case .leaveLastOut:
            guard let ts = timestamps, ts.count == count, let us = users, us.count == count else {
                throw DataError.invalidArgument("leave-last-out needs one user and one timestamp per row")
            }
            var byUser = [Int64: [Int]]()
            for i in 0..<count { byUser[us[i], default: []].append(i) }
            result = SplitIndices(train: [], validation: [], test: [])
            for rows in byUser.values {
                let sorted = rows.sorted { (ts[$0], $0) < (ts[$1], $1) }
                if sorted.count < 3 { result.train += sorted; continue }
                result.test.append(sorted[sorted.count - 1])
                result.validation.append(sorted[sorted.count - 2])
                result.train += sorted[..<(sorted.count - 2)]
            }
            result.train.sort(); result.validation.sort(); result.test.sort()
        }
        try result.requireNonEmpty()
        return result
    }
}
