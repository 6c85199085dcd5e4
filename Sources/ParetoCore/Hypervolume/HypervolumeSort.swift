// In-place sorting used by the exact hypervolume algorithms.
//
// The recursion of WFG sorts many small sets; the standard library's `sort` is stable and allocates
// a scratch buffer on every call, so the hypervolume code uses this allocation-free quicksort
// (median of three, insertion sort below 16 elements) over raw pointers instead.

/// A strict weak order on `Element`, passed as a type so the sort is specialized per order.
protocol HypervolumeOrder {
    associatedtype Element
    func less(_ a: Element, _ b: Element) -> Bool
}

/// Sorts `count` elements at `base` in place by `order`. Not stable.
/// - Complexity: O(n log n) expected, O(n²) worst case; no allocation.
@inline(__always)
func hypervolumeSort<O: HypervolumeOrder>(_ base: UnsafeMutablePointer<O.Element>, count: Int, by order: O) {
    if count > 1 { quickSortRange(base, 0, count - 1, order) }
}

private func quickSortRange<O: HypervolumeOrder>(
    _ a: UnsafeMutablePointer<O.Element>, _ low: Int, _ high: Int, _ order: O
) {
    var lo = low, hi = high
    while hi - lo > 16 {
        let mid = lo + (hi - lo) / 2
        if order.less(a[mid], a[lo]) { swapAt(a, mid, lo) }
        if order.less(a[hi], a[lo]) { swapAt(a, hi, lo) }
        if order.less(a[hi], a[mid]) { swapAt(a, hi, mid) }
        let pivot = a[mid]
        var i = lo, j = hi
        while i <= j {
            while order.less(a[i], pivot) { i += 1 }
            while order.less(pivot, a[j]) { j -= 1 }
            if i <= j {
                swapAt(a, i, j)
                i += 1
                j -= 1
            }
        }
        // Recurse into the smaller part, loop on the larger: stack depth O(log n).
        if j - lo < hi - i {
            if lo < j { quickSortRange(a, lo, j, order) }
            lo = i
        } else {
            if i < hi { quickSortRange(a, i, hi, order) }
            hi = j
        }
    }
    if hi > lo {
        for k in (lo + 1)...hi {
            let value = a[k]
            var m = k - 1
            while m >= lo && order.less(value, a[m]) {
                a[m + 1] = a[m]
                m -= 1
            }
            a[m + 1] = value
        }
    }
}

@inline(__always)
private func swapAt<T>(_ a: UnsafeMutablePointer<T>, _ i: Int, _ j: Int) {
    let t = a[i]
    a[i] = a[j]
    a[j] = t
}

/// Orders row indices of a row-major point block lexicographically, starting at coordinate `first`
/// and continuing with coordinates `0, 1, …` (skipping `first`). Equal points end up adjacent and
/// any point that weakly dominates another sorts before it.
struct LexicographicRowOrder: HypervolumeOrder {
    let rows: UnsafePointer<Double>
    let stride: Int
    let first: Int

    @inline(__always)
    func less(_ a: Int32, _ b: Int32) -> Bool {
        let pa = rows + Int(a) * stride, pb = rows + Int(b) * stride
        if pa[first] != pb[first] { return pa[first] < pb[first] }
        for c in 0..<stride where c != first {
            if pa[c] != pb[c] { return pa[c] < pb[c] }
        }
        return false
    }
}

/// Orders row indices by one coordinate only (ties in any order).
struct CoordinateRowOrder: HypervolumeOrder {
    let rows: UnsafePointer<Double>
    let stride: Int
    let coordinate: Int

    @inline(__always)
    func less(_ a: Int32, _ b: Int32) -> Bool {
        rows[Int(a) * stride + coordinate] < rows[Int(b) * stride + coordinate]
    }
}
