import Dispatch
import Foundation

/// Data-parallel passes over disjoint parts of an array, on the threads of
/// `DispatchQueue.concurrentPerform`.
///
/// The callers cut their work so that each part writes its own slice of preallocated output and the
/// result does not depend on how many parts there are: the same bits with 1 part or 8. `run` is
/// synchronous, so a body may capture locals, buffers and non-`Sendable` closures; it must not write
/// memory another part writes.
public enum ParallelParts {
    /// Parts a pass uses by default: the processors this process may run on, at most 8.
    public static var defaultCount: Int { max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8)) }

    /// Calls `body(part)` for every `part` in `0..<parts`, concurrently when `parts > 1`, and returns
    /// when all have returned.
    public static func run(_ parts: Int, _ body: (_ part: Int) -> Void) {
        guard parts > 1 else {
            if parts == 1 { body(0) }
            return
        }
        withoutActuallyEscaping(body) { body in
            // Safe: `concurrentPerform` returns only after every call has finished, so nothing outlives
            // this frame; disjoint writes are the caller's contract.
            let shared = UncheckedSendable(body)
            DispatchQueue.concurrentPerform(iterations: parts) { shared.value($0) }
        }
    }

    /// Cuts `0..<count` into `parts` contiguous ranges of nearly equal length (the first ranges one
    /// longer); range `part` of them.
    public static func range(_ part: Int, of parts: Int, count: Int) -> Range<Int> {
        let base = count / parts, extra = count % parts
        let start = part * base + min(part, extra)
        return start..<(start + base + (part < extra ? 1 : 0))
    }

    /// Cuts the groups `0..<offsets.count - 1` (group `g` spans `offsets[g]..<offsets[g + 1]` of some
    /// array) into `parts` contiguous runs of groups holding nearly equal numbers of elements; the
    /// boundaries as `parts + 1` group indices, from 0 to the group count.
    /// - Complexity: O(parts × log(groups)).
    public static func balancedBoundaries(offsets: [Int], parts: Int) -> [Int] {
        let groups = offsets.count - 1, total = offsets.last ?? 0
        var bounds = [0]
        for p in 1..<max(parts, 1) {
            let target = total * p / parts
            // First group starting at or after the target, not before the previous boundary.
            var lo = bounds[p - 1], hi = groups
            while lo < hi {
                let mid = (lo + hi) >> 1
                if offsets[mid] < target { lo = mid + 1 } else { hi = mid }
            }
            bounds.append(lo)
        }
        bounds.append(groups)
        return bounds
    }
}

/// A value handed to concurrent code whose safety the caller guarantees (disjoint writes, a
/// synchronous join).
public struct UncheckedSendable<Value>: @unchecked Sendable {
    /// The value.
    public let value: Value
    /// Wraps `value`.
    public init(_ value: Value) { self.value = value }
}
