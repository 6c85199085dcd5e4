import Foundation
import NumericCore

/// One BLAS thread for the duration of a body, safe when several experiments run at once in one
/// process: the first to enter saves the process-wide thread count and sets 1, the last to leave
/// restores it (a plain save-and-restore per runner would leave 1 behind when two runs overlap).
enum SingleThreadedBLAS {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var holders = 0
    nonisolated(unsafe) private static var saved = 1

    /// Runs `body` with one BLAS thread (small models: parallelism comes from concurrent trainings).
    static func run<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        if holders == 0 { saved = BLASThreads.count; BLASThreads.set(1) }
        holders += 1
        lock.unlock()
        defer {
            lock.lock()
            holders -= 1
            if holders == 0 { BLASThreads.set(saved) }
            lock.unlock()
        }
        return try body()
    }
}
