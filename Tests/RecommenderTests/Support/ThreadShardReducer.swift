import Foundation
@testable import Recommender

/// K threads of one process playing the K shards of data-parallel training: `allGather` posts this
/// shard's values, waits for all shards, reads every slot, and waits again before slots are reused.
final class ThreadShardGroup: @unchecked Sendable {
    let count: Int
    private let condition = NSCondition()
    private var slots: [Any?]
    private var arrived = 0
    private var generation = 0

    init(count: Int) {
        self.count = count
        slots = Array(repeating: nil, count: count)
    }

    func barrier() {
        condition.lock()
        let mine = generation
        arrived += 1
        if arrived == count {
            arrived = 0
            generation += 1
            condition.broadcast()
        } else {
            while generation == mine { condition.wait() }
        }
        condition.unlock()
    }

    func allGather<T>(_ values: [T], shard: Int) -> [[T]] {
        condition.lock(); slots[shard] = values; condition.unlock()
        barrier()
        condition.lock(); let all = slots.map { $0 as! [T] }; condition.unlock()
        barrier()
        return all
    }

    /// Runs `body(shard)` on `count` threads of its own (all must run at once: they meet at
    /// barriers) and returns the results in shard order.
    func run<R>(_ body: @escaping @Sendable (Int) throws -> R) throws -> [R] {
        let results = Results<R>(count: count)
        let done = DispatchGroup()
        for shard in 0..<count {
            done.enter()
            let thread = Thread {
                results.set(shard, Result { try body(shard) })
                done.leave()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        done.wait()
        return try results.values.map { try $0!.get() }
    }
}

final class Results<R>: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var values: [Result<R, any Error>?]
    init(count: Int) { values = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ r: Result<R, any Error>) { lock.lock(); values[i] = r; lock.unlock() }
}

/// One shard's view of a `ThreadShardGroup`.
final class ThreadShardReducer: GradientReducer {
    let group: ThreadShardGroup
    let shardIndex: Int
    var shardCount: Int { group.count }

    init(group: ThreadShardGroup, shard: Int) {
        self.group = group
        shardIndex = shard
    }

    func allGather(_ values: [Float]) throws -> [[Float]] { group.allGather(values, shard: shardIndex) }
    func allGather(_ values: [Double]) throws -> [[Double]] { group.allGather(values, shard: shardIndex) }
    func allGather(_ values: [Int32]) throws -> [[Int32]] { group.allGather(values, shard: shardIndex) }
}
