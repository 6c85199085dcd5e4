/// A categorical vocabulary: raw keys seen (at least `minCount` times) in the training split map to
/// indices `1…`, in order of first appearance; everything else, and missing cells, to the
/// out-of-vocabulary index 0.
public struct Vocabulary: Sendable, Equatable, Codable {
    private var index: [Int64: Int32]
    /// Cardinality including the OOV index 0.
    public var cardinality: Int { index.count + 1 }

    /// Fits on `keys` (one or more columns sharing this vocabulary), keeping keys seen ≥ `minCount` times.
    /// - Complexity: O(n) expected.
    public init<S: Sequence>(fitting keys: S, minCount: Int = 1) where S.Element == Int64 {
        var counts = [Int64: Int]()
        var order = [Int64]()
        for k in keys where k != RawTable.missingKey {
            if counts[k] == nil { order.append(k) }
            counts[k, default: 0] += 1
        }
        index = [:]
        index.reserveCapacity(order.count)
        var next: Int32 = 1
        for k in order where counts[k]! >= minCount {
            index[k] = next
            next += 1
        }
    }

    /// The vocabulary mapping `keys[k]` to `k + 1` (keys distinct, already filtered by count).
    init(orderedKeys keys: [Int64]) {
        index = [:]
        index.reserveCapacity(keys.count)
        for (k, key) in keys.enumerated() { index[key] = Int32(k + 1) }
    }

    /// The keys in index order (`orderedKeys[k]` has index `k + 1`): the inverse of `init(orderedKeys:)`.
    var orderedKeys: [Int64] {
        var keys = [Int64](repeating: 0, count: index.count)
        for (key, code) in index { keys[Int(code) - 1] = key }
        return keys
    }

    /// The encoded index of `key` (0 when unseen or missing).
    @inlinable public func encode(_ key: Int64) -> Int32 { lookup(key) }

    @usableFromInline func lookup(_ key: Int64) -> Int32 { index[key] ?? 0 }

    /// Whether `key` has its own index.
    public func contains(_ key: Int64) -> Bool { index[key] != nil }
}

/// The hashing trick for huge vocabularies: a key goes to bucket `1 + h(key, seed) mod buckets`
/// (index 0 stays reserved for missing cells), with `h` the SplitMix64 finalizer of `key ⊕ seed`
/// (Steele, Lea & Flood, "Fast Splittable Pseudorandom Number Generators", OOPSLA 2014,
/// doi:10.1145/2660193.2660195). Needs no fitting and no memory; distinct keys may collide.
public struct HashedBuckets: Sendable, Equatable, Codable {
    /// Number of buckets (cardinality is `buckets + 1`).
    public let buckets: Int
    /// Hash seed.
    public let seed: UInt64

    /// Hashing into `buckets` buckets; throws `DataError.invalidArgument` for fewer than 1.
    public init(buckets: Int, seed: UInt64) throws {
        guard buckets >= 1 else { throw DataError.invalidArgument("hash buckets must be ≥ 1, got \(buckets)") }
        self.buckets = buckets
        self.seed = seed
    }

    /// Cardinality including index 0.
    public var cardinality: Int { buckets + 1 }

    /// The bucket of `key` (0 for a missing key).
    public func encode(_ key: Int64) -> Int32 {
        guard key != RawTable.missingKey else { return 0 }
        var z = UInt64(bitPattern: key) ^ seed
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        z ^= z >> 31
        return Int32(1 + z % UInt64(buckets))
    }
}
