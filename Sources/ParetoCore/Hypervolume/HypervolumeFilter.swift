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
    /// the kept points (M = 3: sorted arrays while shifts stay within `Hypervolume3D.shiftBudget`,
    /// then moved into a `HypervolumeStaircase` treap). Indices must be sorted with
    /// `first = stride − 1`.
    private static func nondominatedLowDimension(
        rows: UnsafePointer<Double>, stride: Int, count: Int,
        indices: UnsafeMutablePointer<Int32>, duplicated: UnsafeMutablePointer<Bool>?
    ) -> Int {
        var kept = 0
        var previousKept = false
        var lowestX = Double.infinity
        let capacity = stride == 3 ? count + 2 : 0
        let xs = UnsafeMutablePointer<Double>.allocate(capacity: capacity)
        let ys = UnsafeMutablePointer<Double>.allocate(capacity: capacity)
        defer {
            xs.deallocate()
            ys.deallocate()
        }
        var size = 0, budget = Hypervolume3D.shiftBudget(count)
        if stride == 3 {
            xs[0] = -.infinity; ys[0] = .infinity; xs[1] = .infinity; ys[1] = -.infinity
            size = 2
        }
        var tree: HypervolumeStaircase?
        var root: Int32 = -1, nextNode: Int32 = 0
        for i in 0..<count {
            let p = rows + Int(indices[i]) * stride
            if i > 0 && equalRows(p, rows + Int(indices[i - 1]) * stride, stride) {
                if previousKept, let duplicated { duplicated[kept - 1] = true }
                continue
            }
            let x = p[0], y = p[1]
            var keep: Bool
            if stride == 2 {
                keep = x < lowestX
                if keep { lowestX = x }
            } else if let stairs = tree {
                keep = stairs.insertUnlessDominated(&root, node: nextNode, x: x, y: y)
                if keep { nextNode += 1 }
            } else {
                var low = 0, high = size - 1
                while high - low > 1 {
                    let mid = (low + high) >> 1
                    if xs[mid] <= x { low = mid } else { high = mid }
                }
                keep = ys[low] > y
                if keep {
                    let first = xs[low] == x ? low : low + 1
                    var end = first
                    while ys[end] >= y { end += 1 }
                    let removed = end - first
                    if removed == 0 {
                        var j = size
                        while j > first { xs[j] = xs[j - 1]; ys[j] = ys[j - 1]; j -= 1 }
                    } else if removed > 1 {
                        for j in end..<size { xs[j - removed + 1] = xs[j]; ys[j - removed + 1] = ys[j] }
                    }
                    size += 1 - removed
                    xs[first] = x
                    ys[first] = y
                    budget -= size - end
                    if budget < 0 {
                        // Too many shifts: move the staircase into a treap and continue there.
                        let stairs = HypervolumeStaircase(points: count)
                        for j in 0..<size {
                            root = stairs.merge(root, stairs.makeNode(Int32(j), x: xs[j], y: ys[j]))
                        }
                        nextNode = Int32(size)
                        tree = stairs
                    }
                }
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
