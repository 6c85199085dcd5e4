/// Exact 2-D hypervolume and exclusive contributions by a sweep over the first objective.
///
/// The classic dimension sweep (e.g. Beume et al. 2009, IEEE TEVC 13(5), doi:10.1109/TEVC.2008.2010009,
/// §II): sorted by x, each point adds the rectangle between its x, the reference x, its y and the
/// lowest y seen so far. Dominated points and duplicates add nothing, so no filtering is needed.
///
/// - Complexity: O(n log n) time, O(n) space.
enum Hypervolume2D {
    /// Orders (x, y) pairs lexicographically.
    struct PairOrder: HypervolumeOrder {
        @inline(__always)
        func less(_ a: SIMD2<Double>, _ b: SIMD2<Double>) -> Bool {
            a.x < b.x || (a.x == b.x && a.y < b.y)
        }
    }

    /// Hypervolume of `count` rows of two doubles at `rows`, each strictly dominating `reference`.
    static func volume(rows: UnsafePointer<Double>, count: Int, reference: UnsafePointer<Double>) -> Double {
        if count == 0 { return 0 }
        let pairs = UnsafeMutablePointer<SIMD2<Double>>.allocate(capacity: count)
        defer { pairs.deallocate() }
        for i in 0..<count { pairs[i] = SIMD2(rows[2 * i], rows[2 * i + 1]) }
        hypervolumeSort(pairs, count: count, by: PairOrder())
        let rx = reference[0]
        var lowestY = reference[1], area = 0.0
        for i in 0..<count {
            let p = pairs[i]
            if p.y < lowestY {
                area += (rx - p.x) * (lowestY - p.y)
                lowestY = p.y
            }
        }
        return area
    }

    /// Exclusive contributions of `count` mutually non-dominated, distinct rows (two doubles each):
    /// the rectangle between a point and its two neighbours on the staircase (or the reference).
    /// `order` is scratch for `count` indices; results go to `result[i]` for row `i`.
    static func contributions(
        rows: UnsafePointer<Double>, count: Int, reference: UnsafePointer<Double>,
        order: UnsafeMutablePointer<Int32>, result: UnsafeMutablePointer<Double>
    ) {
        if count == 0 { return }
        for i in 0..<count { order[i] = Int32(i) }
        hypervolumeSort(order, count: count, by: CoordinateRowOrder(rows: rows, stride: 2, coordinate: 0))
        for k in 0..<count {
            let i = Int(order[k])
            let nextX = k + 1 < count ? rows[2 * Int(order[k + 1])] : reference[0]
            let previousY = k > 0 ? rows[2 * Int(order[k - 1]) + 1] : reference[1]
            result[i] = (nextX - rows[2 * i]) * (previousY - rows[2 * i + 1])
        }
    }
}
