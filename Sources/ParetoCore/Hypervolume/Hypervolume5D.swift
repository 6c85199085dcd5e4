/// Exact 5-D hypervolume by a sweep over the fifth objective that adds one point's exclusive 4-D
/// contribution at a time, each computed by the one-contribution update of HV4D+:
///
/// Guerreiro & Fonseca (2018), "Computing and updating hypervolume contributions in up to four
/// dimensions", IEEE Transactions on Evolutionary Computation 22(3):449–463,
/// doi:10.1109/TEVC.2017.2729550.
///
/// With the points p₁ … pₙ in ascending v (the fifth coordinate) and A_k the 4-D hypervolume of
/// the projections (x, y, z, w) of p₁ … p_k, HV = Σ_k A_k · (v_{k+1} − v_k) with v_{n+1} = r_v,
/// and A_k = A_{k−1} + C_k, where C_k, the exclusive 4-D contribution of p = p_k against the points
/// before it, is ∫ from p_w to r_w of |B(p)| − |⋃ {B(max(q, p)) : q before p, q_w ≤ t}| dt, B(·)
/// being the 3-D box up to (r_x, r_y, r_z) and max(q, p) q limited to p's box.
///
/// Only the *active* points count: those before p that no other point before p weakly dominates
/// in (x, y, z, w). They are kept as two `HypervolumeRankSet`s, over their ranks in (z, y, x)
/// order and in w order, so every step walks them in either order without sorting. For p:
/// - The active points with q_w ≤ p_w, limited to p, are the base. Those with q_z ≤ p_z all lie in
///   the plane z = p_z once limited: there they reduce to at most two edge points (the lowest y of
///   those with q_x ≤ p_x, the lowest x of those with q_y ≤ p_y) and the inner points, whose
///   staircase is sorted once; one of them weakly dominating p in (x, y) makes C = 0, and p never
///   becomes active. The other base points follow in z order and are appended to the HV4D+ front F
///   of `Hypervolume4D`, giving F and its 3-D volume V in one z-sweep (a point limited to the edge
///   y = p_y is searched for from the staircase's right end, so that search passes only the points
///   it covers); the first one with q_x ≤ p_x and q_y ≤ p_y covers p's whole (x, y) range and ends
///   the walk.
/// - The active points with q_w > p_w, limited to p, are then added to F in w order by HV4D+'s
///   update (`place`, `contribution`, `link`), V growing by each one's exclusive 3-D volume; C
///   grows by (|B(p)| − V) times each w-gap. Before the update walks F, a limited point is tested
///   against the lowest point of F on each of the three edges of p's box through p (exact for a
///   point on an edge, which is where points limited in two coordinates lie) and against the
///   last dominator found. The walk stops at the first point that weakly dominates p in
///   (x, y, z): from there on p's box is covered. A walked point that p weakly dominates in
///   (x, y, z) is dominated by p in 4-D and leaves the active sets.
/// Dominated points and duplicates need no prior filtering.
///
/// - Complexity: O(n³) time in the worst case for n points (per point, one walk over the active
///   points and up to n HV4D+ updates of O(n) each); on fronts the w-order walks stop early (on a
///   linear front of 500 points, after about 60 points per step). O(n) space, preallocated: no
///   allocation per point.
final class Hypervolume5D {
    let capacity: Int
    /// (x, y, z, w) of the points in sweep order (ascending v), and their v.
    private let points: UnsafeMutablePointer<SIMD4<Double>>
    private let v: UnsafeMutablePointer<Double>
    /// (x, y, z, w) by rank in (z, y, x) order and by rank in w order.
    private let byZ: UnsafeMutablePointer<SIMD4<Double>>
    private let byW: UnsafeMutablePointer<SIMD4<Double>>
    /// Per point (sweep order): its rank in z order and in w order.
    private let zRank: UnsafeMutablePointer<Int32>
    private let wRank: UnsafeMutablePointer<Int32>
    /// Per rank: the first rank with a larger z (z order) or a larger w (w order).
    private let zEnd: UnsafeMutablePointer<Int32>
    private let wEnd: UnsafeMutablePointer<Int32>
    /// Per rank in w order: the same point's rank in z order.
    private let zRankOfW: UnsafeMutablePointer<Int32>
    private let zActive: HypervolumeRankSet
    private let wActive: HypervolumeRankSet
    /// Scratch: sort order; (x, y) of the base points in the plane z = p_z; the other base points.
    private let order: UnsafeMutablePointer<Int32>
    private let plane: UnsafeMutablePointer<SIMD2<Double>>
    private let block: UnsafeMutablePointer<SIMD4<Double>>
    /// F and its staircase for one contribution.
    private let front: Hypervolume4D

    /// Workspace for sets of up to `capacity` points.
    init(capacity: Int) {
        let c = max(capacity, 1)
        self.capacity = c
        points = .allocate(capacity: c)
        v = .allocate(capacity: c)
        byZ = .allocate(capacity: c)
        byW = .allocate(capacity: c)
        zRank = .allocate(capacity: c)
        wRank = .allocate(capacity: c)
        zEnd = .allocate(capacity: c)
        wEnd = .allocate(capacity: c)
        zRankOfW = .allocate(capacity: c)
        zActive = HypervolumeRankSet(capacity: c)
        wActive = HypervolumeRankSet(capacity: c)
        order = .allocate(capacity: c)
        plane = .allocate(capacity: c)
        block = .allocate(capacity: c)
        front = Hypervolume4D(capacity: c)
    }

    deinit {
        points.deallocate()
        v.deallocate()
        byZ.deallocate()
        byW.deallocate()
        zRank.deallocate()
        wRank.deallocate()
        zEnd.deallocate()
        wEnd.deallocate()
        zRankOfW.deallocate()
        order.deallocate()
        plane.deallocate()
        block.deallocate()
    }

    /// Hypervolume of `count` ≤ `capacity` rows of five doubles at `rows`, each strictly
    /// dominating `reference[0..<5]`.
    func volume(rows: UnsafePointer<Double>, count n: Int, reference: UnsafePointer<Double>) -> Double {
        if n == 0 { return 0 }
        prepare(rows: rows, count: n)
        let rv = reference[4]
        var covered4 = 0.0   // A_k
        var total = 0.0
        for k in 0..<n {
            if let c = contribution(of: k, count: n, reference: reference) {
                covered4 += c
                zActive.insert(Int(zRank[k]))
                wActive.insert(Int(wRank[k]))
            }
            total += covered4 * ((k + 1 < n ? v[k + 1] : rv) - v[k])
        }
        return total
    }

    /// Sorts the rows by v (sweep order), ranks them in (z, y, x) and in w order, and empties the
    /// active sets.
    private func prepare(rows: UnsafePointer<Double>, count n: Int) {
        for i in 0..<n { order[i] = Int32(i) }
        hypervolumeSort(order, count: n, by: CoordinateRowOrder(rows: rows, stride: 5, coordinate: 4))
        for k in 0..<n {
            let row = rows + 5 * Int(order[k])
            points[k] = SIMD4(row[0], row[1], row[2], row[3])
            v[k] = row[4]
        }
        for k in 0..<n { order[k] = Int32(k) }
        hypervolumeSort(order, count: n, by: ZYXPointOrder(points: points))
        for r in 0..<n {
            let k = Int(order[r])
            byZ[r] = points[k]
            zRank[k] = Int32(r)
        }
        for k in 0..<n { order[k] = Int32(k) }
        hypervolumeSort(order, count: n, by: WPointOrder(points: points))
        for r in 0..<n {
            let k = Int(order[r])
            byW[r] = points[k]
            wRank[k] = Int32(r)
            zRankOfW[r] = zRank[k]
        }
        var zLimit = n, wLimit = n
        for r in stride(from: n - 1, through: 0, by: -1) {
            if r + 1 < n && byZ[r + 1].z != byZ[r].z { zLimit = r + 1 }
            if r + 1 < n && byW[r + 1].w != byW[r].w { wLimit = r + 1 }
            zEnd[r] = Int32(zLimit)
            wEnd[r] = Int32(wLimit)
        }
        zActive.removeAll()
        wActive.removeAll()
    }

    /// C_k for the point of sweep index `k` against the active points, or nil when one of them
    /// weakly dominates it in (x, y, z, w) (its contribution is 0 and it stays inactive).
    private func contribution(of k: Int, count n: Int, reference: UnsafePointer<Double>) -> Double? {
        let p = points[k]
        let px = p.x, py = p.y, pz = p.z, pw = p.w
        let rx = reference[0], ry = reference[1], rz = reference[2], rw = reference[3]
        let f = front, nodes = f.nodes
        f.resetFront(rx, ry, rz)
        var free: Int32 = 3   // the next unused node of F

        // Base points with q_z ≤ p_z: edge points and inner points in the plane z = p_z.
        let planeEnd = Int(zEnd[Int(zRank[k])])
        var leftY = ry, bottomX = rx, inner = 0
        var cursor = zActive.members(from: 0)
        var r = cursor.next()
        while r < planeEnd {
            let q = byZ[r]
            r = cursor.next()
            if q.w > pw { continue }
            if q.x <= px {
                if q.y <= py { return nil }
                leftY = min(leftY, q.y)
            } else if q.y <= py {
                bottomX = min(bottomX, q.x)
            } else {
                plane[inner] = SIMD2(q.x, q.y)
                inner += 1
            }
        }
        // The staircase of the plane: inner points not covered by an edge point, by ascending x,
        // then appended to F by ascending y (that is (z, y, x) order), each closest to the one before.
        var kept = 0
        for i in 0..<inner where plane[i].x < bottomX && plane[i].y < leftY {
            plane[kept] = plane[i]
            kept += 1
        }
        hypervolumeSort(plane, count: kept, by: XYPlaneOrder())
        var steps = 0, lowestY = leftY
        for i in 0..<kept where plane[i].y < lowestY {
            lowestY = plane[i].y
            plane[steps] = plane[i]
            steps += 1
        }
        var area = 0.0
        var previous: Int32 = 1
        @inline(__always) func appendToPlane(_ x: Double, _ y: Double) {
            let node = free
            free += 1
            let tail = nodes[2].previous
            nodes[Int(node)] = Hypervolume4D.Node(
                x: x, y: y, z: pz, next: 2, previous: tail,
                towardsX: previous, towardsY: 0, closest0: previous, closest1: 0)
            nodes[Int(tail)].next = node
            nodes[2].previous = node
            nodes[Int(previous)].towardsY = node
            nodes[0].towardsX = node
            area += (nodes[Int(previous)].x - x) * (ry - y)
            previous = node
        }
        if bottomX < rx { appendToPlane(bottomX, py) }
        for i in stride(from: steps - 1, through: 0, by: -1) { appendToPlane(plane[i].x, plane[i].y) }
        if leftY < ry { appendToPlane(px, leftY) }

        // Base points with q_z > p_z, limited to p, appended in (z, y, x) order: the z order of
        // the ranks, with runs of equal z re-sorted by (y, x) since limiting can reorder them.
        // The first one with q_x ≤ p_x and q_y ≤ p_y limits to (p_x, p_y, q_z), which covers all
        // later ones: the walk ends there.
        var blockCount = 0
        var cornerZ = rz
        cursor = zActive.members(from: planeEnd)
        r = cursor.next()
        while r < n {
            let q = byZ[r]
            r = cursor.next()
            if q.w > pw { continue }
            block[blockCount] = SIMD4(max(q.x, px), max(q.y, py), q.z, 0)
            blockCount += 1
            if q.x <= px && q.y <= py {
                cornerZ = q.z
                break
            }
        }
        var volume = 0.0, lastZ = pz
        var i = 0
        while i < blockCount {
            let z = block[i].z
            var runEnd = i + 1
            while runEnd < blockCount && block[runEnd].z == z { runEnd += 1 }
            if runEnd - i > 1 { hypervolumeSort(block + i, count: runEnd - i, by: YXBlockOrder()) }
            volume += area * (z - lastZ)
            lastZ = z
            while i < runEnd {
                // A point on the bottom edge (y = p_y) is found faster from the staircase's right end.
                let b = block[i]
                if let added = f.append(free, b.x, b.y, z, fromRight: b.y == py) {
                    area += added
                    free += 1
                }
                i += 1
            }
        }
        volume += area * (rz - lastZ)

        // Active points with q_w > p_w, limited to p, in w order: HV4D+ updates of F.
        let box = (rx - px) * (ry - py) * (rz - pz)
        var result = 0.0, lastW = pw
        // The edges of p's box through p: x = p_x, y = p_y (free z); x = p_x, z = p_z (free y);
        // y = p_y, z = p_z (free x), with the lowest free coordinate of a point of F on each.
        // Every limited point is ≥ p, so the point (p_x, p_y, edgeZ) covers it when its z is
        // ≥ edgeZ, and likewise for the other two edges: one test each. A point limited in two
        // coordinates lies on an edge, where only points on the same edge can cover it, so for it
        // these tests are exact and it lowers that edge's value when they fail.
        var edgeZ = cornerZ, edgeY = leftY, edgeX = bottomX
        // The last dominator found: it stays in F's union as F grows.
        var domX = Double.infinity, domY = Double.infinity, domZ = Double.infinity
        cursor = wActive.members(from: Int(wEnd[Int(wRank[k])]))
        r = cursor.next()
        while r < n {
            let u = byW[r]
            result += (box - volume) * (u.w - lastW)
            lastW = u.w
            if u.x <= px && u.y <= py && u.z <= pz { return result }
            if px <= u.x && py <= u.y && pz <= u.z {
                wActive.remove(r)
                zActive.remove(Int(zRankOfW[r]))
            }
            r = cursor.next()
            let ux = max(u.x, px), uy = max(u.y, py), uz = max(u.z, pz)
            if edgeX <= ux || edgeY <= uy || edgeZ <= uz { continue }
            let limitedX = u.x <= px, limitedY = u.y <= py, limitedZ = u.z <= pz
            if limitedX && limitedY {
                edgeZ = uz
            } else if limitedX && limitedZ {
                edgeY = uy
            } else if limitedY && limitedZ {
                edgeX = ux
            } else if domX <= ux && domY <= uy && domZ <= uz {
                continue
            }
            let dominator = f.place(free, ux, uy, uz)
            if dominator >= 0 {
                domX = nodes[Int(dominator)].x
                domY = nodes[Int(dominator)].y
                domZ = nodes[Int(dominator)].z
                continue
            }
            volume += f.contribution(free, ux, uy, uz)
            f.link(free, ux, uy, uz)
            free += 1
        }
        return result + (box - volume) * (rw - lastW)
    }
}

/// Points (x, y, z, w) ordered by z, then y, then x (ascending).
private struct ZYXPointOrder: HypervolumeOrder {
    let points: UnsafePointer<SIMD4<Double>>
    @inline(__always)
    func less(_ a: Int32, _ b: Int32) -> Bool {
        let p = points[Int(a)], q = points[Int(b)]
        if p.z != q.z { return p.z < q.z }
        if p.y != q.y { return p.y < q.y }
        return p.x < q.x
    }
}

/// Points (x, y, z, w) ordered by w (ties in any order).
private struct WPointOrder: HypervolumeOrder {
    let points: UnsafePointer<SIMD4<Double>>
    @inline(__always)
    func less(_ a: Int32, _ b: Int32) -> Bool { points[Int(a)].w < points[Int(b)].w }
}

/// (x, y) pairs ordered by x, then y.
private struct XYPlaneOrder: HypervolumeOrder {
    @inline(__always)
    func less(_ a: SIMD2<Double>, _ b: SIMD2<Double>) -> Bool { a.x < b.x || (a.x == b.x && a.y < b.y) }
}

/// Limited rows (x, y, z, ·) of equal z ordered by y, then x.
private struct YXBlockOrder: HypervolumeOrder {
    @inline(__always)
    func less(_ a: SIMD4<Double>, _ b: SIMD4<Double>) -> Bool { a.y < b.y || (a.y == b.y && a.x < b.x) }
}
