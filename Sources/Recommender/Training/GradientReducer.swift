/// Combines the shards of one global batch in data-parallel training: each of `shardCount`
/// processes (or threads) trains on its contiguous shard of every batch, and the trainer calls the
/// reducer to sum the per-objective gradients, the head and embedding gradients and the losses
/// over the shards *before* any weighting, so MGDA and the other weightings see the full-batch
/// Gram matrix. The trainer never knows how the shards talk (MPI lives in the `Distributed`
/// module); a reducer only gathers.
///
/// Every shard must call the reducer the same number of times with the same kinds of values;
/// the sums are taken in shard order on every shard, so all shards hold the same bits afterwards.
public protocol GradientReducer: AnyObject {
    /// Number of shards of every batch (≥ 1).
    var shardCount: Int { get }
    /// This shard's index in `0..<shardCount`.
    var shardIndex: Int { get }
    /// Every shard's `values`, in shard order (counts may differ between shards).
    func allGather(_ values: [Float]) throws -> [[Float]]
    /// Every shard's `values`, in shard order (counts may differ between shards).
    func allGather(_ values: [Double]) throws -> [[Double]]
    /// Every shard's `values`, in shard order (counts may differ between shards).
    func allGather(_ values: [Int32]) throws -> [[Int32]]
}

// MARK: - Default implementations

extension GradientReducer {
    /// The element-wise sum of every shard's `values` (same count on every shard), added in shard
    /// order. - Complexity: one all-gather, then O(shards · count).
    public func sumInShardOrder(_ values: [Float]) throws -> [Float] {
        let parts = try allGather(values)
        var out = parts[0]
        for part in parts.dropFirst() {
            guard part.count == out.count else { throw GradientReductionError.countMismatch(part.count, out.count) }
            out.withUnsafeMutableBufferPointer { o in part.withUnsafeBufferPointer { p in for i in 0..<o.count { o[i] += p[i] } } }
        }
        return out
    }

    /// The element-wise sum of every shard's `values`, added in shard order.
    public func sumInShardOrder(_ values: [Double]) throws -> [Double] {
        let parts = try allGather(values)
        var out = parts[0]
        for part in parts.dropFirst() {
            guard part.count == out.count else { throw GradientReductionError.countMismatch(part.count, out.count) }
            for i in 0..<out.count { out[i] += part[i] }
        }
        return out
    }

    /// The rows of `batch` this shard trains on: the `shardIndex`-th of `shardCount` contiguous,
    /// nearly equal parts (the first `count % shardCount` parts one row longer).
    public func shard(of batch: Range<Int>) -> Range<Int> {
        let n = batch.count, k = shardCount, i = shardIndex
        let base = n / k, extra = n % k
        let start = batch.lowerBound + i * base + min(i, extra)
        return start..<(start + base + (i < extra ? 1 : 0))
    }
}

/// A reduction whose shards disagree.
public enum GradientReductionError: Error, Equatable, CustomStringConvertible {
    /// Shards passed vectors of different lengths.
    case countMismatch(Int, Int)
    /// Data-parallel training supports this balancing target only on one shard.
    case unsupported(String)

    public var description: String {
        switch self {
        case .countMismatch(let a, let b): return "gradient reduction: shards passed \(a) and \(b) values"
        case .unsupported(let what): return "gradient reduction: \(what)"
        }
    }
}
