/// Exact 3-D hypervolume by a sweep over the third objective.
///
/// Beume, Fonseca, López-Ibáñez, Paquete & Vahrenhold (2009), "On the complexity of computing the
/// hypervolume indicator", IEEE Transactions on Evolutionary Computation 13(5):1075–1082,
/// doi:10.1109/TEVC.2008.2010009. Points are visited in ascending z; the 2-D front of the points
/// seen so far (its staircase in x, y) is kept in a balanced tree together with the area it
/// dominates, so the volume is the sum of (area × slab height) between consecutive z values.
/// Dominated points and duplicates need no filtering: their projection is weakly dominated when
/// they arrive (or they are removed by a later point of equal z), so they add nothing.
///
/// The staircase is first kept in two sorted arrays (binary search plus a shift per insertion:
/// contiguous and fast while the staircase stays moderate, as on typical fronts); if the shifts
/// exceed 16·n·log₂n entries in total the sweep restarts with the treap `HypervolumeStaircase`
/// (expected O(log n) per insertion), so the worst case stays O(n log n).
///
/// - Complexity: O(n log n) time expected, O(n) space.
enum Hypervolume3D {
    /// Hypervolume of rows gathered contiguously in ascending z (`sorted`, room for `count` rows)
    /// by the array sweep, falling back to the treap sweep when the staircase shifts exceed
    /// 16·n·log₂n entries. - Complexity: O(n log n) worst case.
    static func volumeGathered(
        rows: UnsafePointer<Double>, count: Int, reference: UnsafePointer<Double>,
        order: UnsafeMutablePointer<Int32>, sorted: UnsafeMutablePointer<Double>,
        xs: UnsafeMutablePointer<Double>, ys: UnsafeMutablePointer<Double>, staircase: HypervolumeStaircase
    ) -> Double {
        if count == 0 { return 0 }
        for i in 0..<count { order[i] = Int32(i) }
        hypervolumeSort(order, count: count, by: CoordinateRowOrder(rows: rows, stride: 3, coordinate: 2))
        for i in 0..<count { (sorted + 3 * i).update(from: rows + 3 * Int(order[i]), count: 3) }
        if let volume = sweepContiguousSmall(
            rows: sorted, count: count, reference: reference, xs: xs, ys: ys, shiftBudget: shiftBudget(count)) {
            return volume
        }
        return sweepContiguous(rows: sorted, count: count, reference: reference, staircase: staircase)
    }

    /// Shifts the array sweep may spend on `count` points before giving up: 16·n·⌈log₂ n⌉ + 1024.
    @inline(__always)
    static func shiftBudget(_ count: Int) -> Int {
        16 * count * (Int.bitWidth - count.leadingZeroBitCount) + 1024
    }

    /// The sweep over `count` rows of three doubles stored contiguously in ascending z.
    static func sweepContiguous(
        rows: UnsafePointer<Double>, count: Int, reference: UnsafePointer<Double>, staircase: HypervolumeStaircase
    ) -> Double {
        if count == 0 { return 0 }
        var root = staircase.reset(referenceX: reference[0], referenceY: reference[1])
        var volume = 0.0, area = 0.0
        var previousZ = rows[2]
        for k in 0..<count {
            let p = rows + 3 * k
            volume += area * (p[2] - previousZ)
            previousZ = p[2]
            area += staircase.insert(&root, node: Int32(k + 2), x: p[0], y: p[1])
        }
        volume += area * (reference[2] - previousZ)
        return volume
    }

    /// The same sweep over contiguous rows in ascending z, with the staircase in two plain sorted
    /// arrays (binary search, then one shift per insertion) instead of a tree. Each insertion
    /// costs O(log s + s) for a staircase of s points, so it is used for the small limit sets of
    /// WFG, where s stays small and contiguous scans beat pointer chasing; `xs`/`ys` need room for
    /// `count + 2` values.
    /// `shiftBudget` bounds the total number of shifted entries: when exceeded the sweep gives up
    /// and returns nil, so a caller can fall back to the treap with a bounded loss.
    static func sweepContiguousSmall(
        rows: UnsafePointer<Double>, count: Int, reference: UnsafePointer<Double>,
        xs: UnsafeMutablePointer<Double>, ys: UnsafeMutablePointer<Double>, shiftBudget: Int = .max
    ) -> Double? {
        if count == 0 { return 0 }
        var budget = shiftBudget
        xs[0] = -.infinity
        ys[0] = reference[1]
        xs[1] = reference[0]
        ys[1] = -.infinity
        var size = 2
        var volume = 0.0, area = 0.0
        var previousZ = rows[2]
        for k in 0..<count {
            let p = rows + 3 * k
            let x = p[0], y = p[1]
            volume += area * (p[2] - previousZ)
            previousZ = p[2]
            // a: the last staircase point with x-coordinate ≤ x (xs[size − 1] is the reference x > x).
            var low = 0, high = size - 1
            while high - low > 1 {
                let mid = (low + high) >> 1
                if xs[mid] <= x { low = mid } else { high = mid }
            }
            let a = low
            if ys[a] <= y { continue }                 // weakly dominated in (x, y)
            let first = xs[a] == x ? a : a + 1         // first point the new one dominates, if any
            var curX = x, ceiling = ys[first - 1], added = 0.0
            var end = first
            while ys[end] >= y {
                added += (xs[end] - curX) * (ceiling - y)
                curX = xs[end]
                ceiling = ys[end]
                end += 1
            }
            added += (xs[end] - curX) * (ceiling - y)
            area += added
            let removed = end - first
            budget -= size - end
            if budget < 0 { return nil }
            if removed == 0 {
                var i = size
                while i > first {
                    xs[i] = xs[i - 1]
                    ys[i] = ys[i - 1]
                    i -= 1
                }
            } else if removed > 1 {
                for i in end..<size {
                    xs[i - removed + 1] = xs[i]
                    ys[i - removed + 1] = ys[i]
                }
            }
            size += 1 - removed
            xs[first] = x
            ys[first] = y
        }
        volume += area * (reference[2] - previousZ)
        return volume
    }
}
