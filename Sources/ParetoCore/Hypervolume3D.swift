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
/// - Complexity: O(n log n) time expected (sort plus one treap insertion per point), O(n) space.
enum Hypervolume3D {
    /// Hypervolume of `count` rows (coordinates 0, 1, 2 of each row of `stride` ≥ 3 doubles at
    /// `rows`), every row strictly dominating `reference`. `order` is scratch for `count` indices;
    /// `staircase` must have room for `count` points.
    static func volume(
        rows: UnsafePointer<Double>, stride: Int, count: Int, reference: UnsafePointer<Double>,
        order: UnsafeMutablePointer<Int32>, staircase: HypervolumeStaircase
    ) -> Double {
        if count == 0 { return 0 }
        if count == 1 {
            return (reference[0] - rows[0]) * (reference[1] - rows[1]) * (reference[2] - rows[2])
        }
        for i in 0..<count { order[i] = Int32(i) }
        hypervolumeSort(order, count: count, by: CoordinateRowOrder(rows: rows, stride: stride, coordinate: 2))
        return sweep(rows: rows, stride: stride, order: order, count: count, reference: reference, staircase: staircase)
    }

    /// The sweep itself over rows already ordered by ascending z through `order`.
    static func sweep(
        rows: UnsafePointer<Double>, stride: Int, order: UnsafePointer<Int32>, count: Int,
        reference: UnsafePointer<Double>, staircase: HypervolumeStaircase
    ) -> Double {
        var root = staircase.reset(referenceX: reference[0], referenceY: reference[1])
        var volume = 0.0, area = 0.0
        var previousZ = rows[Int(order[0]) * stride + 2]
        for k in 0..<count {
            let p = rows + Int(order[k]) * stride
            volume += area * (p[2] - previousZ)
            previousZ = p[2]
            area += staircase.insert(&root, node: Int32(k + 2), x: p[0], y: p[1])
        }
        volume += area * (reference[2] - previousZ)
        return volume
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
}
