/// Exact 4-D hypervolume by a sweep over the fourth objective that adds one 3-D exclusive
/// contribution per point, the scheme of HV4D+:
///
/// Guerreiro & Fonseca (2018), "Computing and updating hypervolume contributions in up to four
/// dimensions", IEEE Transactions on Evolutionary Computation 22(3):449–463,
/// doi:10.1109/TEVC.2017.2729550.
///
/// Points are visited in ascending w (the fourth coordinate). The 3-D projections of the points
/// seen so far are kept as their non-dominated front `F`, stored contiguously in ascending z.
/// A new point p is weakly dominated in 4-D exactly when some f ∈ F is ≤ p in (x, y, z) (f has
/// the smaller w); otherwise its exclusive 3-D contribution to F is measured by one sweep up F
/// in z (HV4D+ solves this "one contribution" problem the same way):
/// - the points of F with z ≤ p_z, limited to p (coordinate-wise max), form the 2-D staircase
///   that already covers part of p's (x, y) rectangle; the rest is p's exclusive area;
/// - each later point of F (ascending z) first adds area × (its z − previous z) to the volume,
///   then covers more of the rectangle; the sweep stops as soon as one covers p's corner in
///   (x, y), after which p's exclusive area is 0 (on typical fronts this happens early).
/// The 3-D volume V of F grows by each contribution; the 4-D volume is Σ V · (next w − w).
/// Points of F that p dominates in 3-D are then dropped and p is inserted in z order.
/// Dominated points and duplicates need no prior filtering.
///
/// This keeps HV4D+'s sweep and early stop but, instead of its linked lists with stored
/// neighbours (which make each contribution O(n)), rebuilds the small 2-D staircase inside p's
/// rectangle in two sorted arrays (binary search plus a shift per insertion).
///
/// - Complexity: O(n · f · log s) time for n points, front size f ≤ n and staircase size s
///   (O(n²·log n) on typical fronts, O(n³) in the worst case, when the staircases grow to O(n));
///   O(n) space, preallocated: no allocation per call.
final class Hypervolume4D {
    /// Maximum number of points per call.
    let capacity: Int
    /// The 3-D front F, `3 × capacity` doubles, ascending z.
    private let front: UnsafeMutablePointer<Double>
    /// The 2-D staircase inside the current point's rectangle, with two sentinels.
    private let xs: UnsafeMutablePointer<Double>
    private let ys: UnsafeMutablePointer<Double>

    /// Workspace for sets of up to `capacity` points.
    init(capacity: Int) {
        self.capacity = max(capacity, 1)
        front = .allocate(capacity: 3 * self.capacity)
        xs = .allocate(capacity: self.capacity + 2)
        ys = .allocate(capacity: self.capacity + 2)
    }

    deinit {
        front.deallocate()
        xs.deallocate()
        ys.deallocate()
    }

    /// Hypervolume of `count` ≤ `capacity` rows of four doubles at `rows`, sorted by the fourth
    /// coordinate in ascending order, each strictly dominating `reference[0..<4]`.
    /// `corner`, when given, is a lower bound of every row in the first three coordinates (the
    /// point a WFG limit set was limited to): once a point reaches it, the sweep stops.
    func volume(
        rows: UnsafePointer<Double>, count: Int, reference: UnsafePointer<Double>,
        corner: UnsafePointer<Double>? = nil
    ) -> Double {
        let rx = reference[0], ry = reference[1], rz = reference[2], rw = reference[3]
        let front = self.front
        var size = 0           // points in F
        var covered = 0.0      // V: 3-D volume of F
        var total = 0.0
        var lastX = Double.infinity, lastY = Double.infinity, lastZ3 = Double.infinity
        for k in 0..<count {
            let p = rows + 4 * k
            let px = p[0], py = p[1], pz = p[2]
            let height = (k + 1 < count ? rows[4 * (k + 1) + 3] : rw) - p[3]
            // Is p weakly dominated by a point of F below it? Find where p's z falls in F, and
            // note the lowest y among those left of p and the lowest x among those below p: limited
            // to p, each of those two groups covers no more than its best member does.
            // First the last dominator found: its box stays inside F's union, so it remains valid.
            if lastX <= px && lastY <= py && lastZ3 <= pz {
                total += covered * height
                continue
            }
            var end = 0, upperRight = 0
            var leftY = ry, bottomX = rx
            var dominated = false
            while end < size {
                let q = front + 3 * end
                if q[2] > pz { break }
                let qx = q[0], qy = q[1]
                let left = qx <= px, below = qy <= py
                if left && below {
                    lastX = qx
                    lastY = qy
                    lastZ3 = q[2]
                    dominated = true
                    break
                }
                leftY = left && qy < leftY ? qy : leftY
                bottomX = below && qx < bottomX ? qx : bottomX
                upperRight += !left && !below ? 1 : 0
                end += 1
            }
            if dominated {
                total += covered * height
                continue
            }
            var firstEqual = end
            while firstEqual > 0 && front[3 * (firstEqual - 1) + 2] == pz { firstEqual -= 1 }
            // Phase 1: F's points with z ≤ p_z, limited to p, give the covered part of p's rectangle.
            xs[0] = -.infinity
            ys[0] = ry
            xs[1] = rx
            ys[1] = -.infinity
            var stairs = 2
            var coveredArea = 0.0
            if leftY < ry { coveredArea += insert(px, leftY, &stairs) }
            if bottomX < rx { coveredArea += insert(bottomX, py, &stairs) }
            if upperRight > 0 {
                for j in 0..<end {
                    let q = front + 3 * j
                    let qx = q[0], qy = q[1]
                    if qx > px && qy > py { coveredArea += insert(qx, qy, &stairs) }
                }
            }
            var i = end
            let position = firstEqual
            // Phase 2: sweep up F from p_z, shrinking p's exclusive area; stop once it is 0.
            var area = (rx - px) * (ry - py) - coveredArea
            var contribution = 0.0, lastZ = pz
            var stopped = false
            while i < size {
                let q = front + 3 * i
                let qx = q[0], qy = q[1], qz = q[2]
                contribution += area * (qz - lastZ)
                lastZ = qz
                if qx <= px && qy <= py {
                    stopped = true
                    break
                }
                area -= insert(qx > px ? qx : px, qy > py ? qy : py, &stairs)
                i += 1
            }
            if !stopped { contribution += area * (rz - lastZ) }
            covered += contribution
            if let corner, px <= corner[0] && py <= corner[1] && pz <= corner[2] {
                // p covers every point's (x, y, z): nothing after it adds volume.
                return total + covered * (rw - p[3])
            }
            total += covered * height
            // Update F: drop the points from `position` on that p weakly dominates in (x, y) (their
            // z is ≥ p_z), and insert p at `position`, keeping ascending z.
            var carryX = px, carryY = py, carryZ = pz
            var write = position
            for read in position..<size {
                let q = front + 3 * read
                let qx = q[0], qy = q[1], qz = q[2]
                if px <= qx && py <= qy { continue }
                let target = front + 3 * write
                target[0] = carryX
                target[1] = carryY
                target[2] = carryZ
                carryX = qx
                carryY = qy
                carryZ = qz
                write += 1
            }
            let target = front + 3 * write
            target[0] = carryX
            target[1] = carryY
            target[2] = carryZ
            size = write + 1
        }
        return total
    }

    /// Inserts (x, y) into the staircase `xs`/`ys` (ascending x, descending y, `stairs` entries
    /// including the sentinels (−∞, r_y) and (r_x, −∞)) and returns the area it newly covers.
    @inline(__always)
    private func insert(_ x: Double, _ y: Double, _ stairs: inout Int) -> Double {
        let xs = self.xs, ys = self.ys
        // a: the last staircase entry with x-coordinate ≤ x (the last sentinel has x = r_x > x).
        var low = 0, high = stairs - 1
        while high - low > 1 {
            let mid = (low + high) >> 1
            if xs[mid] <= x { low = mid } else { high = mid }
        }
        let a = low
        if ys[a] <= y { return 0 }                 // already covered
        let first = xs[a] == x ? a : a + 1         // first entry the new point covers, if any
        var currentX = x, ceiling = ys[first - 1], added = 0.0
        var end = first
        while ys[end] >= y {
            added += (xs[end] - currentX) * (ceiling - y)
            currentX = xs[end]
            ceiling = ys[end]
            end += 1
        }
        added += (xs[end] - currentX) * (ceiling - y)
        let removed = end - first
        if removed == 0 {
            var j = stairs
            while j > first {
                xs[j] = xs[j - 1]
                ys[j] = ys[j - 1]
                j -= 1
            }
        } else if removed > 1 {
            for j in end..<stairs {
                xs[j - removed + 1] = xs[j]
                ys[j - removed + 1] = ys[j]
            }
        }
        stairs += 1 - removed
        xs[first] = x
        ys[first] = y
        return added
    }
}
