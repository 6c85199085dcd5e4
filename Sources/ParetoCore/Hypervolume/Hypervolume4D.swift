/// Exact 4-D hypervolume by HV4D+:
///
/// Guerreiro & Fonseca (2018), "Computing and updating hypervolume contributions in up to four
/// dimensions", IEEE Transactions on Evolutionary Computation 22(3):449–463,
/// doi:10.1109/TEVC.2017.2729550.
///
/// Points are visited in ascending w (the fourth coordinate). The 3-D projections of the points
/// seen so far are kept as their non-dominated front `F`, a doubly linked list in lexicographic
/// (z, y, x) order. Every node of F stores its two *closest* points below it in z: `closest0`,
/// the lowest-x point with a smaller y, and `closest1`, the lowest-y point with a smaller x — its
/// neighbours on the 2-D staircase (projection on (x, y)) of the points before it. For a new
/// point p:
/// - one walk up F to p's place rebuilds that staircase as a linked list (each node is linked
///   between its two closest points, O(1)), finds p's closest points, and stops if a point
///   weakly dominates p (then p adds nothing);
/// - p's exclusive 3-D contribution is its exclusive area on the staircase times the z-gap to the
///   next point of F, summed while sweeping on up F: each later point either narrows p's region
///   (it becomes one of p's delimiters, or an inner point linked between its closest points) or,
///   once it covers p's corner in (x, y), ends the sweep; each area update walks only the
///   staircase points it removes, so the sweep is O(n) amortized;
/// - p is linked into F, and one walk over the later points of F drops those p weakly dominates
///   and makes p their closest point where it is closer.
/// The 3-D volume V of F grows by each contribution; the 4-D volume is Σ V · (next w − w).
/// The first block of points (those sharing the lowest w: in a WFG limit set, every point whose w
/// is at most the limiting point's) needs no contributions: rows weakly dominated by one of three
/// witnesses of its lower bound are dropped (O(m), removes most clamped rows), the rest are sorted
/// in (z, y, x) order and F and V are built by one z-sweep over their 2-D staircase.
/// Dominated points and duplicates need no prior filtering. Sentinels (−∞, r_y, −∞),
/// (r_x, −∞, −∞) and (−∞, −∞, r_z) (−∞ as the most negative finite double) bound the lists.
///
/// - Complexity: O(n²) time for n points (O(n) per point for the two walks over F; the first
///   block O(m log m + m·s) for m points and staircase size s); O(n) space, preallocated: no
///   allocation per call.
final class Hypervolume4D {
    /// A point of F (or a sentinel): its (x, y, z) and its links, as node indices.
    struct Node {
        var x = 0.0, y = 0.0, z = 0.0
        /// Neighbours in F's (z, y, x) order.
        var next: Int32 = 0, previous: Int32 = 0
        /// Current neighbours on the staircase: towards larger x (smaller y), towards larger y.
        var towardsX: Int32 = 0, towardsY: Int32 = 0
        /// The closest points below in z: lowest x with smaller y; lowest y with smaller x.
        var closest0: Int32 = 0, closest1: Int32 = 0
    }

    /// Maximum number of points per call.
    let capacity: Int
    /// Nodes 0, 1, 2 are the sentinels; point k of a `volume` call is node k + 3. Callers of the
    /// single steps (`resetFront`, `append`, `place`, `contribution`, `link`), such as the 5-D
    /// sweep, number their points from 3 themselves, up to `capacity + 2`.
    let nodes: UnsafeMutablePointer<Node>
    /// Row indices of the first block (rows sharing the lowest w), sorted in (z, y, x) order.
    private let order: UnsafeMutablePointer<Int32>

    /// Workspace for sets of up to `capacity` points.
    init(capacity: Int) {
        self.capacity = max(capacity, 1)
        nodes = .allocate(capacity: self.capacity + 3)
        nodes.initialize(repeating: Node(), count: self.capacity + 3)
        order = .allocate(capacity: self.capacity)
    }

    deinit {
        nodes.deallocate()
        order.deallocate()
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
        let n = nodes
        resetFront(rx, ry, rz)
        if count == 0 { return 0 }
        // The first block of rows (equal w; in a WFG limit set, every row whose w is at most the
        // corner's) only needs F and its 3-D volume: built in one z-sweep, without contributions.
        var blockEnd = 1
        while blockEnd < count && rows[4 * blockEnd + 3] == rows[3] { blockEnd += 1 }
        let (blockVolume, blockReachesCorner) = buildFirstBlock(rows: rows, count: blockEnd, reference: reference, corner: corner)
        if blockReachesCorner { return blockVolume * (rw - rows[3]) }
        var covered = blockVolume      // V: 3-D volume of F
        var total = blockVolume * ((blockEnd < count ? rows[4 * blockEnd + 3] : rw) - rows[3])
        var lastX = Double.infinity, lastY = Double.infinity, lastZ3 = Double.infinity
        for k in blockEnd..<count {
            let row = rows + 4 * k
            let px = row[0], py = row[1], pz = row[2]
            let height = (k + 1 < count ? rows[4 * (k + 1) + 3] : rw) - row[3]
            // The last dominator found: its box stays inside F's union, so it remains valid.
            if lastX <= px && lastY <= py && lastZ3 <= pz {
                total += covered * height
                continue
            }
            let new = Int32(k + 3)
            let dominator = place(new, px, py, pz)
            if dominator >= 0 {
                lastX = n[Int(dominator)].x
                lastY = n[Int(dominator)].y
                lastZ3 = n[Int(dominator)].z
                total += covered * height
                continue
            }
            covered += contribution(new, px, py, pz)
            if let corner, px <= corner[0] && py <= corner[1] && pz <= corner[2] {
                // p covers every point's (x, y, z): nothing after it adds volume.
                return total + covered * (rw - row[3])
            }
            total += covered * height
            link(new, px, py, pz)
        }
        return total
    }

    /// Empties F and its staircase: only the sentinels 0 = (−∞, r_y, −∞), 1 = (r_x, −∞, −∞) (the
    /// head of F) and 2 = (−∞, −∞, r_z) (its end), −∞ as the most negative finite double.
    @inline(__always)
    func resetFront(_ rx: Double, _ ry: Double, _ rz: Double) {
        let low = -Double.greatestFiniteMagnitude, n = nodes
        n[0] = Node(x: low, y: ry, z: low, next: 1, previous: 2, towardsX: 1, towardsY: 0, closest0: 1, closest1: 0)
        n[1] = Node(x: rx, y: low, z: low, next: 2, previous: 0, towardsX: 1, towardsY: 0, closest0: 1, closest1: 0)
        n[2] = Node(x: low, y: low, z: rz, next: 0, previous: 1, towardsX: 1, towardsY: 0, closest0: 1, closest1: 0)
    }

    /// Builds F from the first `count` rows (all with the same w) and returns their 3-D volume,
    /// and whether one of them reaches `corner`. The rows are visited in (z, y, x) order, so each
    /// is appended at the end of F and none dominates an earlier one; the 2-D staircase of the
    /// rows so far (linked by `towardsX`/`towardsY`) gives each row's dominance, closest points
    /// and exclusive area, and the volume grows by the staircase's area times each z-gap.
    /// - Complexity: O(m log m + m·s) for m rows and staircase size s.
    private func buildFirstBlock(
        rows: UnsafePointer<Double>, count: Int, reference: UnsafePointer<Double>,
        corner: UnsafePointer<Double>?
    ) -> (volume: Double, reachesCorner: Bool) {
        let order = self.order
        // Exact pre-filter, O(m): with L the coordinate-wise minimum of the rows, the first row
        // (lowest index) of least z among those with (x, y) = (L_x, L_y) weakly dominates every
        // other row with z ≥ that; likewise for (x, z) with y and (y, z) with x. In a WFG limit
        // set (rows clamped to the limiting point) these witnesses remove most rows before the sort.
        var lx = Double.infinity, ly = Double.infinity, lz = Double.infinity
        for r in 0..<count {
            let p = rows + 4 * r
            lx = min(lx, p[0])
            ly = min(ly, p[1])
            lz = min(lz, p[2])
        }
        var mxy = Double.infinity, mxz = Double.infinity, myz = Double.infinity
        var wxy = -1, wxz = -1, wyz = -1
        for r in 0..<count {
            let p = rows + 4 * r
            let x = p[0], y = p[1], z = p[2]
            if x == lx && y == ly && z < mxy { mxy = z; wxy = r }
            if x == lx && z == lz && y < mxz { mxz = y; wxz = r }
            if y == ly && z == lz && x < myz { myz = x; wyz = r }
        }
        var kept = 0
        for r in 0..<count {
            let p = rows + 4 * r
            if (r == wxy || p[2] < mxy) && (r == wxz || p[1] < mxz) && (r == wyz || p[0] < myz) {
                order[kept] = Int32(r)
                kept += 1
            }
        }
        hypervolumeSort(order, count: kept, by: ZYXRowOrder(rows: rows))
        var area = 0.0, volume = 0.0
        var lastZ = rows[4 * Int(order[0]) + 2]
        var reachesCorner = false
        for i in 0..<kept {
            let r = Int(order[i])
            let px = rows[4 * r], py = rows[4 * r + 1], pz = rows[4 * r + 2]
            volume += area * (pz - lastZ)
            lastZ = pz
            guard let added = append(Int32(r + 3), px, py, pz) else { continue }
            area += added
            if let corner, px <= corner[0] && py <= corner[1] && pz <= corner[2] { reachesCorner = true }
        }
        volume += area * (reference[2] - lastZ)
        return (volume, reachesCorner)
    }

    /// Appends (px, py, pz) as node `new` at the end of F, where the points of F are all before it
    /// in (z, y, x) order and none is weakly dominated by it; the staircase (`towardsX`/`towardsY`)
    /// holds the (x, y) projections of F's points. Gives the node its closest points and links it
    /// into the staircase. The staircase is searched from its left end (small x), or with
    /// `fromRight` from its right end (small y): the walk then passes only the points that p
    /// dominates, and p itself when p's y is the lowest on it.
    /// - Returns: the area it adds to the staircase, or nil (nothing written) when a point of F
    ///   weakly dominates it in (x, y).
    /// - Complexity: O(s) for staircase size s.
    @inline(__always)
    func append(_ new: Int32, _ px: Double, _ py: Double, _ pz: Double, fromRight: Bool = false) -> Double? {
        let n = nodes
        // c1: the last staircase point left of p; u: the first one not left of it;
        // c0: the first one from u on below p.
        var c1: Int32, u: Int32, c0: Int32
        if fromRight {
            u = 1
            c0 = 1
            c1 = n[1].towardsY
            while n[Int(c1)].x >= px {
                if n[Int(c1)].y < py { c0 = c1 }
                u = c1
                c1 = n[Int(c1)].towardsY
            }
            let lowestY = n[Int(u)].x == px ? n[Int(u)].y : n[Int(c1)].y
            if lowestY <= py { return nil }
        } else {
            c1 = 0
            u = n[0].towardsX
            while n[Int(u)].x < px {
                c1 = u
                u = n[Int(u)].towardsX
            }
            let lowestY = n[Int(u)].x == px ? n[Int(u)].y : n[Int(c1)].y
            if lowestY <= py { return nil }
            c0 = u
            while n[Int(c0)].y >= py { c0 = n[Int(c0)].towardsX }
        }
        let area = areaTowardsY(px, py, from: c0)
        let tail = n[2].previous
        n[Int(new)] = Node(
            x: px, y: py, z: pz, next: 2, previous: tail,
            towardsX: c0, towardsY: c1, closest0: c0, closest1: c1)
        n[Int(tail)].next = new
        n[2].previous = new
        n[Int(c1)].towardsX = new
        n[Int(c0)].towardsY = new
        return area
    }

    /// One walk up F to the place of (px, py, pz) in (z, y, x) order: rebuilds the staircase of the
    /// points before it (each linked between its two closest points) and finds its closest points.
    /// - Returns: −1 after writing node `new` (coordinates, closest points, staircase neighbours,
    ///   and the F neighbours it will be linked between), or the index of a node of F that weakly
    ///   dominates the point (then nothing is written: the point adds no volume).
    @inline(__always)
    func place(_ new: Int32, _ px: Double, _ py: Double, _ pz: Double) -> Int32 {
        let n = nodes
        n[0].towardsX = 1
        n[1].towardsY = 0
        let rx = n[1].x, low = n[1].y, ry = n[0].y
        var c0: Int32 = 1, c0x = rx, c0y = low
        var c1: Int32 = 0, c1x = low, c1y = ry
        var q = n[1].next
        while true {
            let qx = n[Int(q)].x, qy = n[Int(q)].y, qz = n[Int(q)].z
            if qx <= px && qy <= py && qz <= pz { return q }
            if !(qz < pz || (qz == pz && (qy < py || (qy == py && qx <= px)))) { break }
            let a = n[Int(q)].closest0, b = n[Int(q)].closest1
            n[Int(q)].towardsX = a
            n[Int(q)].towardsY = b
            n[Int(a)].towardsY = q
            n[Int(b)].towardsX = q
            if qy < py && (qx < c0x || (qx == c0x && qy < c0y)) {
                c0 = q
                c0x = qx
                c0y = qy
            } else if qx < px && (qy < c1y || (qy == c1y && qx < c1x)) {
                c1 = q
                c1x = qx
                c1y = qy
            }
            q = n[Int(q)].next
        }
        n[Int(new)] = Node(
            x: px, y: py, z: pz, next: q, previous: n[Int(q)].previous,
            towardsX: c0, towardsY: c1, closest0: c0, closest1: c1)
        return -1
    }

    /// Links node `new` = (px, py, pz), placed by `place`, into F; drops the later points it weakly
    /// dominates and makes it the closest point of those it is closer to.
    @inline(__always)
    func link(_ new: Int32, _ px: Double, _ py: Double, _ pz: Double) {
        let n = nodes
        let before = n[Int(new)].previous
        let after = n[Int(before)].next
        n[Int(new)].next = after
        n[Int(after)].previous = new
        n[Int(before)].next = new
        var q = after
        while q != 2 {
            let qx = n[Int(q)].x, qy = n[Int(q)].y
            if qx <= px && qy <= py && (qx < px || qy < py) { break }   // q covers p's later role
            if px <= qx {
                if py <= qy {
                    let a = n[Int(q)].previous, b = n[Int(q)].next
                    n[Int(a)].next = b
                    n[Int(b)].previous = a
                } else if px < qx {
                    let c = Int(n[Int(q)].closest1)
                    let cx = n[c].x, cy = n[c].y
                    if py < cy || (py == cy && (px < cx || (px == cx && pz < n[c].z))) {
                        n[Int(q)].closest1 = new
                    }
                }
            } else if py < qy {
                let c = Int(n[Int(q)].closest0)
                let cx = n[c].x, cy = n[c].y
                if px < cx || (px == cx && (py < cy || (py == cy && pz < n[c].z))) {
                    n[Int(q)].closest0 = new
                }
            }
            q = n[Int(q)].next
        }
    }

    /// Exclusive 3-D volume of node `new` = (px, py, pz), not yet linked into F, given the
    /// staircase of F's points before it and its closest points in `towardsX`/`towardsY`.
    @inline(__always)
    func contribution(_ new: Int32, _ px: Double, _ py: Double, _ pz: Double) -> Double {
        let n = nodes
        var area = areaTowardsY(px, py, from: n[Int(new)].towardsX)
        var volume = 0.0
        var lastZ = pz
        var q = n[Int(new)].next
        while true {
            let qx = n[Int(q)].x, qy = n[Int(q)].y, qz = n[Int(q)].z
            volume += area * (qz - lastZ)
            if qx <= px && qy <= py { return volume }
            let a = n[Int(q)].closest0, b = n[Int(q)].closest1
            n[Int(q)].towardsX = a
            n[Int(q)].towardsY = b
            if qx < px {
                // Left of p, above it: it may become p's upper delimiter.
                let upper = n[Int(new)].towardsY
                if qy <= n[Int(upper)].y {
                    area -= areaTowardsX(px, qy, from: upper)
                    n[Int(q)].towardsY = upper
                    n[Int(a)].towardsY = q
                    n[Int(new)].towardsY = q
                }
            } else if qy < py {
                // Below p, right of it: it may become p's right delimiter.
                let right = n[Int(new)].towardsX
                if qx <= n[Int(right)].x {
                    area -= areaTowardsY(qx, py, from: right)
                    n[Int(q)].towardsX = right
                    n[Int(b)].towardsX = q
                    n[Int(new)].towardsX = q
                }
            } else {
                // Inside p's quadrant: linked between its closest points.
                area -= areaTowardsY(qx, qy, from: a)
                n[Int(b)].towardsX = q
                n[Int(a)].towardsY = q
            }
            lastZ = qz
            q = n[Int(q)].next
        }
    }

    /// Area of the quadrant above (x, y) not covered by the staircase, found by walking it from
    /// `start` (the delimiter right of x, below y) towards larger y until a point left of x.
    @inline(__always)
    func areaTowardsY(_ x: Double, _ y: Double, from start: Int32) -> Double {
        let n = nodes
        var q = Int(start)
        var u = Int(n[q].towardsY)
        var area = (n[q].x - x) * (n[u].y - y)
        while x < n[u].x {
            q = u
            u = Int(n[u].towardsY)
            area += (n[q].x - x) * (n[u].y - n[q].y)
        }
        return area
    }

    /// The same area, walking from `start` (the delimiter above y, left of x) towards larger x.
    @inline(__always)
    private func areaTowardsX(_ x: Double, _ y: Double, from start: Int32) -> Double {
        let n = nodes
        var q = Int(start)
        var u = Int(n[q].towardsX)
        var area = (n[q].y - y) * (n[u].x - x)
        while y < n[u].y {
            q = u
            u = Int(n[u].towardsX)
            area += (n[q].y - y) * (n[u].x - n[q].x)
        }
        return area
    }
}

/// Rows of four doubles ordered by z, then y, then x (ascending).
struct ZYXRowOrder: HypervolumeOrder {
    let rows: UnsafePointer<Double>
    @inline(__always)
    func less(_ a: Int32, _ b: Int32) -> Bool {
        let p = rows + 4 * Int(a), q = rows + 4 * Int(b)
        if p[2] != q[2] { return p[2] < q[2] }
        if p[1] != q[1] { return p[1] < q[1] }
        return p[0] < q[0]
    }
}
