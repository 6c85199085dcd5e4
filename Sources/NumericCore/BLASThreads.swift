import CNumerics
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Control of OpenBLAS's thread pool, which is one setting for the whole process.
///
/// Code that needs a fixed thread count for a while (a training that must give the same bits, an
/// experiment that runs one BLAS thread per training) takes a ``Lease``:
/// - holders of the same count share it (a reference count);
/// - a thread asking for a different count waits until every current holder has released;
/// - a thread that already holds a lease joins it whatever count it asks for (the outer scope's
///   count wins, and nested calls never deadlock);
/// - when the last holder leaves, the idle count (the last ``set(_:)``) is restored.
///
/// So two runners in one process never change the count under each other, and ``set(_:)`` called
/// while leases are held only changes the idle count.
public enum BLASThreads {
    /// The number of threads OpenBLAS uses for level-3 calls right now.
    public static var count: Int { Int(openblas_get_num_threads()) }

    /// Sets the idle thread count: at once when no lease is held, otherwise when the last holder
    /// releases (so a running lease holder keeps its count).
    public static func set(_ n: Int) { LeaseTable.shared.setIdle(max(1, n)) }

    /// A held thread count; released by ``release()`` (or when it is deinitialized).
    public final class Lease: @unchecked Sendable {
        private let owner: pthread_t
        private var released = false
        fileprivate init(owner: pthread_t) { self.owner = owner }
        /// Gives the count back; the last holder restores the idle count.
        public func release() {
            guard !released else { return }
            released = true
            LeaseTable.shared.release(owner: owner)
        }
        deinit { release() }
    }

    /// Holds `n` threads until the returned lease is released, waiting while other threads hold
    /// another count (see the type's discussion). - Complexity: O(1) plus the wait.
    public static func acquire(_ n: Int) -> Lease {
        let me = pthread_self()
        LeaseTable.shared.acquire(max(1, n), owner: me)
        return Lease(owner: me)
    }

    /// Runs `body` holding `n` threads (see ``acquire(_:)``).
    public static func with<T>(_ n: Int, _ body: () throws -> T) rethrows -> T {
        let lease = acquire(n)
        defer { lease.release() }
        return try body()
    }

    /// Number of leases currently held (for tests and diagnostics).
    public static var holders: Int { LeaseTable.shared.holders }
}

/// The process-wide lease state, guarded by one condition variable.
private final class LeaseTable: @unchecked Sendable {
    static let shared = LeaseTable()
    private let condition = NSCondition()
    private var active: Int?
    private var count = 0
    private var owners: [UInt: Int] = [:]
    private lazy var idle = Int(openblas_get_num_threads())

    var holders: Int { condition.lock(); defer { condition.unlock() }; return count }

    private static func key(_ thread: pthread_t) -> UInt { UInt(thread) }

    func setIdle(_ n: Int) {
        condition.lock()
        idle = n
        if active == nil { openblas_set_num_threads(Int32(n)) }
        condition.unlock()
    }

    func acquire(_ n: Int, owner: pthread_t) {
        let key = Self.key(owner)
        condition.lock()
        defer { condition.unlock() }
        if let depth = owners[key], depth > 0 {
            owners[key] = depth + 1
            count += 1
            return
        }
        while let held = active, held != n { condition.wait() }
        if active == nil {
            _ = idle
            active = n
            openblas_set_num_threads(Int32(n))
        }
        owners[key, default: 0] += 1
        count += 1
    }

    func release(owner: pthread_t) {
        let key = Self.key(owner)
        condition.lock()
        defer { condition.unlock() }
        if let depth = owners[key] { owners[key] = depth > 1 ? depth - 1 : nil }
        count -= 1
        if count == 0 {
            openblas_set_num_threads(Int32(idle))
            active = nil
            condition.broadcast()
        }
    }
}
