import Foundation
import NumericCore

// Three or more objectives: divide and conquer.
//
// M. T. Jensen, IEEE TEVC 7(5), 2003, doi:10.1109/TEVC.2003.817234 (the original, which assumed no
// equal objective values); F.-A. Fortin, S. Grenier, M. Parizeau, "Generalizing the improved run-time
// complexity algorithm for non-dominated sorting", GECCO 2013, doi:10.1145/2463372.2463454 (ties);
// M. Buzdalov, A. Shalyto, "A provably asymptotically fast version of the generalized Jensen
// algorithm for non-dominated sorting", PPSN XIII 2014, doi:10.1007/978-3-319-10762-2_52 (median
// splits with three-way partition, O(N log^(M−1) N)).
//
// Unique points are visited by their lexicographic index, so within any subset a point can only be
// dominated by points with a smaller index. Ranks start at 0 and only grow (`rank[q] = max(rank[q],
// rank[p] + 1)` for every p dominating q), and a point's rank is final once all its dominators are.
//
// - `helperA(S, k)`: finalizes the ranks of S, whose points agree in objectives k+1…M−1 and whose
//   dominators outside S have all been applied. Split S at the median of objective k into
//   L (<), E (=), H (>): A(L, k); B(L, E, k−1); A(E, k−1); B(L∪E, H, k−1); A(H, k).
// - `helperB(L, H, k)`: applies the ranks of L (final) to H, where every L point is ≤ every H point in
//   objectives k+1…M−1, so only objectives 0…k decide. Split both at the common median of objective k:
//   B(L<, H<, k); B(L>, H>, k); B(L<∪L=, H=∪H>, k−1).
// - Objective 1 ends the recursion with a sweep over objective 0 and a Fenwick tree (prefix maximum
//   of rank) keyed by objective 1. Small subproblems use the quadratic check directly.
//
// Subsets are contiguous ranges of one index buffer; every call leaves its ranges sorted again by
// index (merging like merge sort), so no call allocates.

extension LexicographicPoints {
    /// Ranks of the unique points for M ≥ 3. - Complexity: O(U log^(M−1) U).
    /// The leaf sizes are parameters so tests can force the full recursion on small inputs.
    func divideAndConquerRanks(
        leafSize: Int = DivideAndConquerSorter.bruteForceSizeA,
        leafProduct: Int = DivideAndConquerSorter.bruteForceProductB,
        useStaircases: Bool = true
    ) -> [Int] {
        let u = uniqueCount
        let sorter = DivideAndConquerSorter(coordinates: coordinates, count: u, objectives: objectiveCount)
        sorter.leafSize = leafSize
        sorter.leafProduct = leafProduct
        sorter.useStaircases = useStaircases
        defer { sorter.release() }
        sorter.helperA(0, u, objectiveCount - 1)
        return (0..<u).map { Int(sorter.rank[$0]) }
    }
}

/// Working state of the divide and conquer; all buffers are allocated once.
final class DivideAndConquerSorter {
    /// Quadratic check up to this subset size in `helperA` (tuned on N = 20,000 uniform, M = 3, 5).
    nonisolated(unsafe) static var bruteForceSizeA = Int(ProcessInfo.processInfo.environment["BFA"] ?? "") ?? 48
    /// Quadratic check when |L|·|H| is at most this in `helperB`.
    nonisolated(unsafe) static var bruteForceProductB = Int(ProcessInfo.processInfo.environment["BFB"] ?? "") ?? 32768

    var leafSize = bruteForceSizeA
    /// Finish objectives 0…2 with per-rank staircases instead of recursing to two objectives.
    var useStaircases = true
    /// Per-rank staircases of (objective 1, objective 2) for the three-objective sweeps.
    var stairs: [Staircase] = []
    var leafProduct = bruteForceProductB
    let m: Int
    let count: Int
    let c: UnsafeMutablePointer<Double>
    /// The same coordinates objective-major: objective k of point i at `column[k * count + i]`.
    /// Ranges of `buf` are sorted by index, so scanning one objective over a range reads forward.
    let column: UnsafeMutablePointer<Double>
    let rank: UnsafeMutablePointer<Int32>
    /// Dense rank of objective 1 (0-based) per unique point: the Fenwick key.
    let key: UnsafeMutablePointer<Int32>
    let fenwick: UnsafeMutablePointer<Int32>
    let buf: UnsafeMutablePointer<Int32>
    let tmp: UnsafeMutablePointer<Int32>
    let scratch: UnsafeMutablePointer<Double>
    /// Leaf scratch: L reordered by rank, and the counting-sort buckets.
    let byRank: UnsafeMutablePointer<Int32>
    let counts: UnsafeMutablePointer<Int32>
    let fill: UnsafeMutablePointer<Int32>

    init(coordinates: [Double], count u: Int, objectives m: Int) {
        let keys = Self.denseSecondObjective(coordinates, count: u, objectives: m)
        self.m = m
        self.count = u
        let size = max(1, u)
        c = .allocate(capacity: max(1, u * m))
        c.initialize(repeating: 0, count: max(1, u * m))
        for i in 0..<(u * m) { c[i] = coordinates[i] }
        column = .allocate(capacity: max(1, u * m))
        column.initialize(repeating: 0, count: max(1, u * m))
        for i in 0..<u { for k in 0..<m { column[k * u + i] = coordinates[i * m + k] } }
        rank = .allocate(capacity: size); rank.initialize(repeating: 0, count: size)
        key = .allocate(capacity: size); key.initialize(repeating: 0, count: size)
        for i in 0..<u { key[i] = keys[i] }
        fenwick = .allocate(capacity: u + 1); fenwick.initialize(repeating: 0, count: u + 1)
        buf = .allocate(capacity: size); buf.initialize(repeating: 0, count: size)
        for i in 0..<u { buf[i] = Int32(i) }
        tmp = .allocate(capacity: size); tmp.initialize(repeating: 0, count: size)
        scratch = .allocate(capacity: size); scratch.initialize(repeating: 0, count: size)
        byRank = .allocate(capacity: size); byRank.initialize(repeating: 0, count: size)
        counts = .allocate(capacity: u + 2); counts.initialize(repeating: 0, count: u + 2)
        fill = .allocate(capacity: u + 2); fill.initialize(repeating: 0, count: u + 2)
    }

    /// Dense 0-based rank of objective 1 for each unique point (equal values share a key).
    static func denseSecondObjective(_ c: [Double], count u: Int, objectives m: Int) -> [Int32] {
        var byY = (0..<u).map { (value: c[$0 * m + 1], point: Int32($0)) }
        byY.sort { $0.value < $1.value }
        var keys = [Int32](repeating: 0, count: u)
        var dense: Int32 = -1
        var last = 0.0
        for (position, entry) in byY.enumerated() {
            if position == 0 || entry.value != last { dense += 1; last = entry.value }
            keys[Int(entry.point)] = dense
        }
        return keys
    }

    func release() {
        c.deallocate(); column.deallocate(); rank.deallocate(); key.deallocate(); fenwick.deallocate()
        buf.deallocate(); tmp.deallocate(); scratch.deallocate(); byRank.deallocate(); counts.deallocate(); fill.deallocate()
    }

    // MARK: - Recursion

    func helperA(_ lo: Int, _ hi: Int, _ k: Int) {
        let n = hi - lo
        if n < 2 { return }
        if n <= leafSize { bruteForceA(lo, hi, k); return }
        if k == 1 { sweepA(lo, hi); return }
        if k == 2 && useStaircases { staircaseSweepA(lo, hi); return }
        let col = column + k * count
        var minimum = Double.infinity, maximum = -Double.infinity
        for i in lo..<hi {
            let v = col[Int(buf[i])]
            if v < minimum { minimum = v }
            if v > maximum { maximum = v }
        }
        if minimum == maximum { helperA(lo, hi, k - 1); return }
        let median = medianOf(lo, hi, nil, k)
        let (e, g) = partition(lo, hi, k, median)
        helperA(lo, e, k)
        helperB(lo, e, e, g, k - 1)
        helperA(e, g, k - 1)
        merge(lo, e, g)
        helperB(lo, g, g, hi, k - 1)
        helperA(g, hi, k)
        merge(lo, g, hi)
    }

    func helperB(_ l0: Int, _ l1: Int, _ h0: Int, _ h1: Int, _ k: Int) {
        let nl = l1 - l0, nh = h1 - h0
        if nl == 0 || nh == 0 { return }
        if nl * nh <= leafProduct { bruteForceB(l0, l1, h0, h1, k); return }
        if k == 1 { sweepB(l0, l1, h0, h1); return }
        if k == 2 && useStaircases { staircaseSweepB(l0, l1, h0, h1); return }
        let col = column + k * count
        var minL = Double.infinity, maxL = -Double.infinity
        for i in l0..<l1 {
            let v = col[Int(buf[i])]
            if v < minL { minL = v }
            if v > maxL { maxL = v }
        }
        var minH = Double.infinity, maxH = -Double.infinity
        for i in h0..<h1 {
            let v = col[Int(buf[i])]
            if v < minH { minH = v }
            if v > maxH { maxH = v }
        }
        if maxL <= minH { helperB(l0, l1, h0, h1, k - 1); return }
        if minL > maxH { return }
        let median = medianOf(l0, l1, (h0, h1), k)
        let (le, lg) = partition(l0, l1, k, median)
        let (he, hg) = partition(h0, h1, k, median)
        helperB(l0, le, h0, he, k)
        helperB(lg, l1, hg, h1, k)
        merge(l0, le, lg)
        merge(he, hg, h1)
        helperB(l0, lg, he, h1, k - 1)
        merge(l0, lg, l1)
        merge(h0, he, h1)
    }

    // MARK: - Leaves

    /// Quadratic finish of `helperA`: earlier points have objective 0 ≤, so objectives 1…k decide.
    func bruteForceA(_ lo: Int, _ hi: Int, _ k: Int) {
        for j in (lo + 1)..<hi {
            let q = Int(buf[j]), qr = q * m
            var rq = rank[q]
            for i in lo..<j {
                let p = Int(buf[i])
                if rank[p] < rq { continue }
                let pr = p * m
                var dominates = true
                var d = 1
                while d <= k {
                    if c[pr + d] > c[qr + d] { dominates = false; break }
                    d += 1
                }
                if dominates { rq = rank[p] + 1 }
            }
            rank[q] = rq
        }
    }

    /// Quadratic finish of `helperB`: objectives 0…k decide. H is visited by objective 0 and the L
    /// points with objective 0 ≤ the visited point's are kept in buckets by rank; each H point scans
    /// the buckets from the highest rank down to its own bound and stops at the first dominating L
    /// point, which fixes its bound (the ENS idea of Zhang et al. 2015, doi:10.1109/TEVC.2014.2308305,
    /// applied inside the leaves).
    func bruteForceB(_ l0: Int, _ l1: Int, _ h0: Int, _ h1: Int, _ k: Int) {
        var maxRank: Int32 = 0
        for i in l0..<l1 { maxRank = max(maxRank, rank[Int(buf[i])]) }
        let buckets = Int(maxRank) + 1  // bucket b holds rank maxRank − b
        for b in 0...buckets { counts[b] = 0 }
        for i in l0..<l1 { counts[Int(maxRank - rank[Int(buf[i])]) + 1] += 1 }
        for b in 0..<buckets { counts[b + 1] += counts[b]; fill[b] = counts[b] }
        var i = l0
        for j in h0..<h1 {
            let q = Int(buf[j]), qr = q * m
            let q0 = c[qr]
            while i < l1, c[Int(buf[i]) * m] <= q0 {
                let p = buf[i]
                let b = Int(maxRank - rank[Int(p)])
                byRank[Int(fill[b])] = p
                fill[b] += 1
                i += 1
            }
            let rq = rank[q]
            if rq > maxRank { continue }
            var b = 0
            let lastBucket = Int(maxRank - rq)
            search: while b <= lastBucket {
                var t = Int(counts[b])
                let end = Int(fill[b])
                while t < end {
                    let pr = Int(byRank[t]) * m
                    var dominates = true
                    var d = 1
                    while d <= k {
                        if c[pr + d] > c[qr + d] { dominates = false; break }
                        d += 1
                    }
                    if dominates { rank[q] = maxRank - Int32(b) + 1; break search }
                    t += 1
                }
                b += 1
            }
        }
    }

    /// Two objectives within one subset: sweep objective 0, query the best rank with objective 1 ≤.
    func sweepA(_ lo: Int, _ hi: Int) {
        for i in lo..<hi {
            let p = Int(buf[i])
            let r = max(rank[p], query(Int(key[p])))
            rank[p] = r
            update(Int(key[p]), r + 1)
        }
        for i in lo..<hi { clear(Int(key[Int(buf[i])])) }
    }

    /// Two objectives from L to H: merge by objective 0 (L first on ties).
    func sweepB(_ l0: Int, _ l1: Int, _ h0: Int, _ h1: Int) {
        var i = l0
        for j in h0..<h1 {
            let q = Int(buf[j])
            let q0 = c[q * m]
            while i < l1, c[Int(buf[i]) * m] <= q0 {
                let p = Int(buf[i])
                update(Int(key[p]), rank[p] + 1)
                i += 1
            }
            let r = query(Int(key[q]))
            if r > rank[q] { rank[q] = r }
        }
        for t in l0..<i { clear(Int(key[Int(buf[t])])) }
    }

    /// Three objectives within one subset: visit in lexicographic order; a point's rank is one more
    /// than the highest rank whose staircase (earlier points of that rank) dominates it in
    /// objectives 1 and 2, scanning ranks downwards from the highest seen to its current bound.
    func staircaseSweepA(_ lo: Int, _ hi: Int) {
        var top = -1
        for i in lo..<hi {
            let p = Int(buf[i])
            let y = c[p * m + 1], z = c[p * m + 2]
            var r = Int(rank[p])
            var t = top
            while t >= r {
                if stairs[t].dominates(y, z) { r = t + 1; break }
                t -= 1
            }
            rank[p] = Int32(r)
            while stairs.count <= r { stairs.append(Staircase()) }
            stairs[r].insert(y, z)
            if r > top { top = r }
        }
        clearStairs(upTo: top)
    }

    /// Three objectives from L to H: merge by objective 0 (L first on ties), L points enter the
    /// staircase of their rank, each H point takes one more than the highest dominating rank.
    func staircaseSweepB(_ l0: Int, _ l1: Int, _ h0: Int, _ h1: Int) {
        var top = -1
        var i = l0
        for j in h0..<h1 {
            let q = Int(buf[j])
            let q0 = c[q * m]
            while i < l1, c[Int(buf[i]) * m] <= q0 {
                let p = Int(buf[i])
                let r = Int(rank[p])
                while stairs.count <= r { stairs.append(Staircase()) }
                stairs[r].insert(c[p * m + 1], c[p * m + 2])
                if r > top { top = r }
                i += 1
            }
            let y = c[q * m + 1], z = c[q * m + 2]
            var t = top
            let bound = Int(rank[q])
            while t >= bound {
                if stairs[t].dominates(y, z) { rank[q] = Int32(t + 1); break }
                t -= 1
            }
        }
        clearStairs(upTo: top)
    }

    private func clearStairs(upTo top: Int) {
        var t = 0
        while t <= top {
            stairs[t].ys.removeAll(keepingCapacity: true)
            stairs[t].zs.removeAll(keepingCapacity: true)
            t += 1
        }
    }

    // MARK: - Fenwick tree of prefix maxima (stores rank + 1; 0 is empty)

    @inline(__always) func update(_ position: Int, _ value: Int32) {
        var i = position + 1
        while i <= count {
            if fenwick[i] < value { fenwick[i] = value }
            i += i & -i
        }
    }

    @inline(__always) func query(_ position: Int) -> Int32 {
        var i = position + 1
        var best: Int32 = 0
        while i > 0 {
            if fenwick[i] > best { best = fenwick[i] }
            i -= i & -i
        }
        return best
    }

    @inline(__always) func clear(_ position: Int) {
        var i = position + 1
        while i <= count, fenwick[i] != 0 {
            fenwick[i] = 0
            i += i & -i
        }
    }

    // MARK: - Ranges

    /// Median of objective k over buf[lo..<hi] (and a second range if given), by quickselect.
    func medianOf(_ lo: Int, _ hi: Int, _ other: (Int, Int)?, _ k: Int) -> Double {
        let col = column + k * count
        var n = 0
        for i in lo..<hi { scratch[n] = col[Int(buf[i])]; n += 1 }
        if let (a, b) = other { for i in a..<b { scratch[n] = col[Int(buf[i])]; n += 1 } }
        let target = n / 2
        var left = 0, right = n - 1
        while left < right {
            // Median of three as pivot, then Hoare partition.
            let mid = (left + right) >> 1
            let a = scratch[left], b = scratch[mid], d = scratch[right]
            let pivot = max(min(a, b), min(max(a, b), d))
            var i = left, j = right
            while i <= j {
                while scratch[i] < pivot { i += 1 }
                while scratch[j] > pivot { j -= 1 }
                if i <= j { (scratch[i], scratch[j]) = (scratch[j], scratch[i]); i += 1; j -= 1 }
            }
            if target <= j { right = j } else if target >= i { left = i } else { break }
        }
        return scratch[target]
    }

    /// Stable three-way partition of buf[lo..<hi] by objective k against `pivot`;
    /// returns the starts of the equal and greater parts.
    func partition(_ lo: Int, _ hi: Int, _ k: Int, _ pivot: Double) -> (Int, Int) {
        // One pass: smaller ones move down in buf (never past the read position), equal ones go to the
        // front of tmp[lo..<hi], greater ones to its back (reversed), then both are copied back.
        let col = column + k * count
        var less = lo, equal = lo, greater = hi
        for i in lo..<hi {
            let x = buf[i]
            let v = col[Int(x)]
            if v < pivot {
                buf[less] = x; less += 1
            } else if v == pivot {
                tmp[equal] = x; equal += 1
            } else {
                greater -= 1; tmp[greater] = x
            }
        }
        var w = less
        for i in lo..<equal { buf[w] = tmp[i]; w += 1 }
        var i = hi - 1
        while i >= greater { buf[w] = tmp[i]; w += 1; i -= 1 }
        return (less, less + (equal - lo))
    }

    /// Merges the sorted adjacent runs buf[a..<b] and buf[b..<c] into one sorted run.
    func merge(_ a: Int, _ b: Int, _ end: Int) {
        if a == b || b == end || buf[b - 1] < buf[b] { return }
        for i in a..<end { tmp[i] = buf[i] }
        var i = a, j = b, w = a
        while i < b && j < end {
            if tmp[i] < tmp[j] { buf[w] = tmp[i]; i += 1 } else { buf[w] = tmp[j]; j += 1 }
            w += 1
        }
        while i < b { buf[w] = tmp[i]; i += 1; w += 1 }
        while j < end { buf[w] = tmp[j]; j += 1; w += 1 }
    }
}

/// Ranks by the divide and conquer for any M ≥ 2 with chosen leaf sizes (tests force the recursion
/// with `leafSize: 1, leafProduct: 0`).
func divideAndConquerRanks(
    of points: Matrix<Double>, leafSize: Int, leafProduct: Int, useStaircases: Bool = true
) -> [Int] {
    if points.rows == 0 { return [] }
    let lex = LexicographicPoints(points)
    return lex.expand(lex.divideAndConquerRanks(
        leafSize: leafSize, leafProduct: leafProduct, useStaircases: useStaircases))
}
