/// Exact 2-D hypervolume by a sweep over the first objective.
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
}
