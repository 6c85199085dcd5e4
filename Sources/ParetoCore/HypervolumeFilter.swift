/// Non-dominated, duplicate-free filtering of a block of points for the hypervolume algorithms.
///
/// Sorting lexicographically (starting at coordinate `first`) puts every point after all points
/// that weakly dominate it, so one pass that compares each point with the points kept so far
/// yields the non-dominated set; identical points are adjacent and only the first is kept.
///
/// - Complexity: O(n log n + n·k·d) for k kept points of dimension d; no allocation.
enum HypervolumeFilter {
    /// Fills `indices[0..<count]` with the rows of `rows` (stride `stride`), then compacts it to the
    /// non-dominated distinct rows in ascending lexicographic order from coordinate `first`.
    /// When `duplicated` is given, `duplicated[k]` says whether kept entry `k` had an identical copy.
    /// - Returns: the number of kept rows (now in `indices[0..<kept]`).
    static func nondominated(
        rows: UnsafePointer<Double>, stride: Int, count: Int, first: Int,
        indices: UnsafeMutablePointer<Int32>, duplicated: UnsafeMutablePointer<Bool>? = nil
    ) -> Int {
        for i in 0..<count { indices[i] = Int32(i) }
        hypervolumeSort(indices, count: count, by: LexicographicRowOrder(rows: rows, stride: stride, first: first))
        var kept = 0
        var previousKept = false
        for i in 0..<count {
            let p = rows + Int(indices[i]) * stride
            if i > 0 && equalRows(p, rows + Int(indices[i - 1]) * stride, stride) {
                // A copy of the previous point: kept only once, and flagged if that one was kept.
                if previousKept, let duplicated { duplicated[kept - 1] = true }
                continue
            }
            var dominated = false
            var k = kept - 1
            while k >= 0 {
                let q = rows + Int(indices[k]) * stride
                var weaklyBetter = true
                for c in 0..<stride where q[c] > p[c] {
                    weaklyBetter = false
                    break
                }
                if weaklyBetter {
                    dominated = true
                    break
                }
                k -= 1
            }
            previousKept = !dominated
            if !dominated {
                indices[kept] = indices[i]
                duplicated?[kept] = false
                kept += 1
            }
        }
        return kept
    }

    @inline(__always)
    static func equalRows(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ stride: Int) -> Bool {
        for c in 0..<stride where a[c] != b[c] { return false }
        return true
    }
}
