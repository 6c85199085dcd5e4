/// A strict ordering of row indices for `stableIndexSort`: a small value type, so that the sort is
/// specialized for it and the comparison inlined.
public protocol RowOrder {
    /// Whether `row` goes strictly before `other`.
    func precedes(_ row: Int, _ other: Int) -> Bool
}

/// A stable sort of `count` row indices by a strict ordering `order`, on raw buffers:
/// insertion-sorted runs of `run` rows, then bottom-up merges alternating between `rows` and
/// `scratch` (same length), the result left in `rows`. Rows that `order` leaves unordered keep
/// their input order, so the result does not depend on `run`.
///
/// Written out instead of calling `sort(by:)` so that each caller's comparison is inlined into the
/// loops and nothing is allocated: the standard library's sort with a closure dominated the
/// two-objective ranking and NSGA-II's survival truncation.
/// - Complexity: O(count × log(count / run) + count × run) comparisons.
@inlinable
public func stableIndexSort<Order: RowOrder>(_ rows: UnsafeMutablePointer<Int>, count: Int, scratch: UnsafeMutablePointer<Int>,
                                             run: Int, by order: Order) {
    guard count > 1 else { return }
    var source = rows, target = scratch
    var start = 0
    while start < count {
        let end = min(start + run, count)
        var i = start + 1
        while i < end {
            let row = source[i]
            var j = i
            while j > start && order.precedes(row, source[j - 1]) { source[j] = source[j - 1]; j -= 1 }
            source[j] = row
            i += 1
        }
        start = end
    }
    var width = run
    while width < count {
        var low = 0
        while low < count {
            let middle = min(low + width, count), high = min(low + 2 * width, count)
            var a = low, b = middle, out = low
            while a < middle && b < high {
                // The right run's row goes first only when it strictly precedes (stability).
                if order.precedes(source[b], source[a]) { target[out] = source[b]; b += 1 } else { target[out] = source[a]; a += 1 }
                out += 1
            }
            while a < middle { target[out] = source[a]; a += 1; out += 1 }
            while b < high { target[out] = source[b]; b += 1; out += 1 }
            low = high
        }
        swap(&source, &target)
        width *= 2
    }
    if source != rows { rows.update(from: source, count: count) }
}
