import NumericCore

// Non-dominated sorting: every rank (front index) of a point set under Pareto minimization.
//
// All entry points share one preparation step (`LexicographicPoints`): sort the rows
// lexicographically and merge identical rows, so identical points share a rank and no later row can
// dominate an earlier one. The ranking itself is then dispatched by the number of objectives M:
//
// - M = 1: the rank of a point is the number of distinct smaller values.
// - M = 2: Jensen's O(N log N) sweep with binary search over the fronts
//   (`NondominatedSorting+TwoObjectives.swift`).
// - M = 3: ENS with binary search over fronts, each front a 2-D staircase
//   (`NondominatedSorting+ThreeObjectives.swift`).
// - M ≥ 4: the Jensen–Fortin–Buzdalov divide and conquer, O(N log^(M−1) N)
//   (`NondominatedSorting+DivideAndConquer.swift`).
//
// Deb's O(M N²) fast-non-dominated-sort stays as an internal reference for the tests
// (`NondominatedSorting+Reference.swift`).

/// Pareto rank of every row of `points` (rows are points, columns objectives, all minimized).
///
/// Rank 0 is the first front (points no other point dominates); rank r > 0 holds the points that are
/// non-dominated once fronts 0…r−1 are removed. Identical rows share a rank. The result matches
/// `moocore.pareto_rank` (López-Ibáñez et al., moocore) and the fronts of Deb's fast non-dominated
/// sort (Deb, Pratap, Agarwal, Meyarivan 2002, IEEE TEVC 6(2), doi:10.1109/4235.996017).
///
/// Algorithms by number of objectives M:
/// - M = 2: sweep in lexicographic order, placing each point into the first front whose last point
///   does not dominate it, found by binary search — M. T. Jensen, "Reducing the run-time complexity
///   of multiobjective EAs: the NSGA-II and other algorithms", IEEE TEVC 7(5), 2003,
///   doi:10.1109/TEVC.2003.817234. O(N log N).
/// - M = 3: efficient non-dominated sort with binary search (ENS-BS) — Zhang, Tian, Cheng, Jin,
///   IEEE TEVC 19(2), 2015, doi:10.1109/TEVC.2014.2308305 — where each front is kept as the staircase
///   of its members' (f2, f3), so testing a front is one binary search. O(N log F log N) tests.
/// - M ≥ 4: Jensen's divide and conquer as corrected by Fortin, Grenier and Parizeau
///   ("Generalizing the improved run-time complexity algorithm for non-dominated sorting",
///   GECCO 2013, doi:10.1145/2463372.2463454) and Buzdalov and Shalyto ("A provably
///   asymptotically fast version of the generalized Jensen algorithm for non-dominated sorting",
///   PPSN XIII 2014, doi:10.1007/978-3-319-10762-2_52), finishing objectives 1–3 with per-rank
///   staircase sweeps and small subproblems with rank-bucketed quadratic checks. O(N log^(M−1) N).
///
/// - Precondition: every value is finite (NaN has no order).
/// - Complexity: O(N log N) for M ≤ 2; O(N log F log N) tests plus staircase updates for M = 3
///   (F fronts); O(N log^(M−1) N) recursion for M ≥ 4.
public func nondominatedRanks(of points: Matrix<Double>) -> [Int] {
    let n = points.rows, m = points.columns
    if n == 0 { return [] }
    if m == 0 { return [Int](repeating: 0, count: n) }
    let lex = LexicographicPoints(points)
    var uniqueRanks: [Int]
    switch m {
    case 1: uniqueRanks = Array(0..<lex.uniqueCount)
    case 2: uniqueRanks = lex.twoObjectiveRanks()
    case 3: uniqueRanks = lex.threeObjectiveRanks()
    default: uniqueRanks = lex.divideAndConquerRanks()
    }
    return lex.expand(uniqueRanks)
}

/// The fronts of `points`: for each rank r = 0, 1, … the row indices of rank r, ascending.
///
/// Same ranking as `nondominatedRanks(of:)`. - Complexity: that of `nondominatedRanks(of:)` plus O(N).
public func nondominatedFronts(of points: Matrix<Double>) -> [[Int]] {
    frontsFromRanks(nondominatedRanks(of: points))
}

/// Groups row indices by rank: element r lists, ascending, the indices whose rank is r.
/// - Precondition: ranks are non-negative. - Complexity: O(N + number of fronts).
public func frontsFromRanks(_ ranks: [Int]) -> [[Int]] {
    guard let maxRank = ranks.max() else { return [] }
    var fronts = [[Int]](repeating: [], count: maxRank + 1)
    for (index, rank) in ranks.enumerated() { fronts[rank].append(index) }
    return fronts
}

/// The rows of `points` sorted lexicographically (all objectives, ascending) with identical rows
/// merged. Unique point `u` (0-based, in lexicographic order) has coordinates
/// `coordinates[u * m ..< (u + 1) * m]`; `uniqueOf[i]` maps input row `i` to its unique point.
///
/// Lexicographic order guarantees that a point can only be dominated by points before it.
struct LexicographicPoints {
    let objectiveCount: Int
    /// Row-major coordinates of the unique points in lexicographic order.
    let coordinates: [Double]
    /// Input row → unique point.
    let uniqueOf: [Int]
    var uniqueCount: Int { uniqueOf.isEmpty ? 0 : coordinates.count / objectiveCount }

    init(_ points: Matrix<Double>) {
        let n = points.rows, m = points.columns
        objectiveCount = m
        var coordinates: [Double] = []
        var uniqueOf = [Int](repeating: 0, count: n)
        let order = Self.lexicographicOrder(points)
        points.withUnsafeBufferPointer { p in
            coordinates.reserveCapacity(n * m)
            var previous = -1
            var unique = -1
            for row in order {
                var same = previous >= 0
                if same {
                    let ra = row * m, rb = previous * m
                    for j in 0..<m where p[ra + j] != p[rb + j] { same = false; break }
                }
                if !same {
                    unique += 1
                    for j in 0..<m { coordinates.append(p[row * m + j]) }
                }
                uniqueOf[row] = unique
                previous = row
            }
        }
        self.coordinates = coordinates
        self.uniqueOf = uniqueOf
    }

    /// Row indices in lexicographic order of their rows (ties by index). Sorts by the first objective
    /// (order-preserving integer keys, cheap comparisons), then re-sorts runs of equal first objective
    /// by the remaining objectives. - Complexity: O(N log N) comparisons, O(M) each inside ties.
    static func lexicographicOrder(_ points: Matrix<Double>) -> [Int] {
        let n = points.rows, m = points.columns
        var keyed = [(key: UInt64, row: Int)]()
        keyed.reserveCapacity(n)
        points.withUnsafeBufferPointer { p in
            for i in 0..<n { keyed.append((orderedKey(p[i * m]), i)) }
        }
        keyed.sort { $0.key < $1.key || ($0.key == $1.key && $0.row < $1.row) }
        var order = keyed.map(\.row)
        if m > 1 {
            points.withUnsafeBufferPointer { p in
                var start = 0
                while start < n {
                    var end = start + 1
                    while end < n && keyed[end].key == keyed[start].key { end += 1 }
                    if end - start > 1 {
                        order[start..<end].sort { a, b in
                            let ra = a * m, rb = b * m
                            for j in 1..<m {
                                let x = p[ra + j], y = p[rb + j]
                                if x < y { return true }
                                if y < x { return false }
                            }
                            return a < b
                        }
                    }
                    start = end
                }
            }
        }
        return order
    }

    /// An integer with the same order as the finite double `v` (−0 and +0 map to the same key).
    @inline(__always) static func orderedKey(_ v: Double) -> UInt64 {
        let bits = (v + 0.0).bitPattern
        return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
    }

    /// Copies the rank of each unique point to every input row that equals it.
    func expand(_ uniqueRanks: [Int]) -> [Int] {
        uniqueOf.map { uniqueRanks[$0] }
    }
}
