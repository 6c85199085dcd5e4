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
        if (stride == 2 || stride == 3) && first == stride - 1 {
            return nondominatedLowDimension(
                rows: rows, stride: stride, count: count, indices: indices, duplicated: duplicated)
        }
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

    /// Two or three objectives in O(n log n): after the lexicographic sort from the last
    /// coordinate, a point is weakly dominated exactly when an earlier kept point is no worse in
    /// the remaining one or two coordinates — the lowest x so far (M = 2) or the 2-D staircase of
    /// the kept points (M = 3, `HypervolumeStaircase`). Indices must already be sorted with
    /// `first = stride − 1`.
    private static func nondominatedLowDimension(
        rows: UnsafePointer<Double>, stride: Int, count: Int,
        indices: UnsafeMutablePointer<Int32>, duplicated: UnsafeMutablePointer<Bool>?
    ) -> Int {
        var kept = 0
        var previousKept = false
        var lowestX = Double.infinity
        let stairs = stride == 3 ? HypervolumeStaircase(points: count) : nil
        var root: Int32 = -1
        if let stairs {
            root = stairs.merge(stairs.makeNode(0, x: -.infinity, y: .infinity), stairs.makeNode(1, x: .infinity, y: -.infinity))
        }
        for i in 0..<count {
            let p = rows + Int(indices[i]) * stride
            if i > 0 && equalRows(p, rows + Int(indices[i - 1]) * stride, stride) {
                if previousKept, let duplicated { duplicated[kept - 1] = true }
                continue
            }
            let keep: Bool
            if let stairs {
                keep = stairs.insertUnlessDominated(&root, node: Int32(i + 2), x: p[0], y: p[1])
            } else {
                keep = p[0] < lowestX
                if keep { lowestX = p[0] }
            }
            previousKept = keep
            if keep {
                indices[kept] = indices[i]
                duplicated?[kept] = false
                kept += 1
            }
        }
        return kept
    }
}
