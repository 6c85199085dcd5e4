import NumericCore

// Four or more objectives: divide and conquer (M = 3 has its own sweep, but the recursion is valid
// for any M ≥ 2 and the tests run it there too).
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
// - Objectives 0…2 end the recursion with sweeps over objective 0 that keep, per rank, the staircase
//   of (objective 1, objective 2) (see `Staircase`); each point scans ranks downwards from the highest
//   one seen and takes one more than the first whose staircase covers it. (With `useStaircases` off,
//   the recursion goes down to objective 1 and a sweep with a Fenwick tree of prefix rank maxima, as
//   in Buzdalov and Shalyto.)
// - Small subproblems use quadratic checks; in `helperB` the L points are bucketed by rank so each
//   H point stops at its first dominator (as ENS does).
//
// Subsets are contiguous ranges of one index buffer; every call leaves its ranges sorted again by
// index (merging like merge sort), so no call allocates.

extension LexicographicPoints {
    /// Ranks of the unique points for M ≥ 4 (valid for M ≥ 2). - Complexity: O(U log^(M−1) U) for
    /// the recursion; the staircase sweeps add a factor of at most the number of fronts.
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
    /// Quadratic check up to this subset size in `helperA` (tuned by CPU time on N = 20,000 uniform
    /// points, M = 5; flat between 16 and 128).
    static let bruteForceSizeA = 48
    /// Quadratic check when |L|·|H| is at most this in `helperB` (same tuning; flat 8,192–131,072).
    static let bruteForceProductB = 32768

    /// Leaf sizes of this run (tests lower them to force the recursion).
    var leafSize = bruteForceSizeA
    var leafProduct = bruteForceProductB
    /// Finish objectives 0…2 with per-rank staircases instead of recursing to two objectives.
    var useStaircases = true
    /// Per-rank staircases of (objective 1, objective 2) for the three-objective sweeps.
    var stairs: [Staircase] = []
    /// Number of objectives.
    let m: Int
    /// Number of unique points.
    let count: Int
    /// Row-major coordinates of the unique points (lexicographic order).
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
    /// Leaf scratch: bucket bounds by rank and the packed objectives of the bucketed L points.
    let counts: UnsafeMutablePointer<Int32>
    let fill: UnsafeMutablePointer<Int32>
    let packed: UnsafeMutablePointer<Double>

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
        counts = .allocate(capacity: u + 2); counts.initialize(repeating: 0, count: u + 2)
        fill = .allocate(capacity: u + 2); fill.initialize(repeating: 0, count: u + 2)
        packed = .allocate(capacity: max(1, u * m)); packed.initialize(repeating: 0, count: max(1, u * m))
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
        buf.deallocate(); tmp.deallocate(); scratch.deallocate(); counts.deallocate(); fill.deallocate(); packed.deallocate()
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
