import NumericCore

// Two objectives: non-domination ranks and per-front crowding distances from one sort.
//
// One lexicographic sort of the rows (f1, then f2, then row index) serves both. Jensen's sweep over
// that order gives the ranks (see `NondominatedSorting+TwoObjectives.swift`). Inside one front the
// distinct points are mutually non-dominated, so in lexicographic order their f1 strictly increases
// and their f2 strictly decreases: the order by f1 that crowding needs is the front's lexicographic
// order, and the order by f2 is its reverse. Grouping the sorted rows by rank (a counting pass) thus
// leaves every front ready for both crowding sweeps, with no sort per front or per objective.

/// Non-domination ranks and crowding distances of a two-objective point set, computed together
/// from one lexicographic sort in buffers that are reused from call to call.
///
/// After `assign(_:)` on an `N × 2` matrix:
/// - `ranks[i]` equals `nondominatedRanks(of: points)[i]` (M. T. Jensen, IEEE TEVC 7(5), 2003,
///   doi:10.1109/TEVC.2003.817234);
/// - `frontMembers(r)` lists the rows of rank `r`, ascending;
/// - `crowding[i]` equals the distance of row `i` in `crowdingDistances(of: points, subset: F)`, F
///   being the rows of `i`'s front in ascending order (Deb et al. 2002, doi:10.1109/4235.996017), with
///   that function's conventions: distances over distinct rows, later copies of a row 0, every
///   first occurrence infinite when the front has at most two distinct rows. The values are equal
///   bit for bit: each is summed from the same differences in the same order.
///
/// NSGA-II's survival ranks 2N points every generation; keeping one value of this type across
/// generations makes that ranking allocation-free.
///
/// - Precondition: two columns; every value finite (NaN has no order).
/// - Complexity: O(N log N) comparisons for the sort, O(N log F) for the ranks (F fronts), O(N) for
///   the fronts and the crowding distances; no allocation once the buffers have held N rows.
public struct TwoObjectiveRankAndCrowding: Sendable {
    /// Rank of each row of the last assigned set (0 = first front).
    public private(set) var ranks: [Int] = []
    /// Crowding distance of each row within its front.
    public private(set) var crowding: [Double] = []
    /// Number of fronts of the last assigned set.
    public private(set) var frontCount = 0

    /// Front `r` is `rowsByFront[frontStart[r] ..< frontStart[r + 1]]`, rows ascending.
    private var frontStart: [Int] = []
    private var rowsByFront: [Int] = []
    /// Rows in lexicographic order; afterwards the distinct rows of the front being crowded.
    private var lexicographic: [Int] = []
    /// Merge-sort buffer; afterwards the lexicographic order grouped by front.
    private var scratch: [Int] = []
    /// Order-preserving integer keys of f1 and f2, two per row.
    private var keys: [UInt64] = []
    /// f2 of the last point placed in each front (increasing with the front index).
    private var lastSecond: [Double] = []
    /// Next free slot of each front while grouping.
    private var cursor: [Int] = []

    /// An empty ranking; buffers grow on the first `assign(_:)`.
    public init() {}

    /// The rows of front `rank`, ascending. - Precondition: `0 ≤ rank < frontCount`.
    public func frontMembers(_ rank: Int) -> ArraySlice<Int> {
        rowsByFront[frontStart[rank]..<frontStart[rank + 1]]
    }

    /// Ranks `points` and computes every row's crowding distance within its front.
    /// - Precondition: `points.columns == 2`; values finite.
    public mutating func assign(_ points: Matrix<Double>) {
        precondition(points.columns == 2, "TwoObjectiveRankAndCrowding needs two objectives")
        let n = points.rows
        Self.resize(&ranks, n, 0)
        Self.resize(&crowding, n, 0)
        Self.resize(&rowsByFront, n, 0)
        Self.resize(&lexicographic, n, 0)
        Self.resize(&scratch, n, 0)
        Self.resize(&keys, 2 * n, 0)
        lastSecond.removeAll(keepingCapacity: true)
        guard n > 0 else { frontCount = 0; frontStart = [0]; return }
        points.withUnsafeBufferPointer { p in
            Self.sortLexicographically(p, n, &keys, &lexicographic, &scratch)
            frontCount = Self.assignRanks(p, n, lexicographic, &ranks, &lastSecond)
            Self.resize(&frontStart, frontCount + 1, 0)
            Self.resize(&cursor, frontCount, 0)
            Self.groupByFront(n, frontCount, ranks, lexicographic, &frontStart, &cursor, &rowsByFront, &scratch)
            Self.assignCrowding(p, frontCount, frontStart, scratch, &lexicographic, &crowding)
        }
    }

    /// Empties `array` and refills it with `count` copies of `value`, keeping its capacity.
    private static func resize<T>(_ array: inout [T], _ count: Int, _ value: T) {
        array.removeAll(keepingCapacity: true)
        array.append(contentsOf: repeatElement(value, count: count))
    }

    // MARK: - Sort

    /// `order` ← rows sorted by (f1, f2, row): `stableIndexSort` with insertion-sorted runs of 16,
    /// `buffer` as its scratch.
    private static func sortLexicographically(_ p: UnsafeBufferPointer<Double>, _ n: Int, _ keys: inout [UInt64],
                                              _ order: inout [Int], _ buffer: inout [Int]) {
        keys.withUnsafeMutableBufferPointer { k in
            for i in 0..<(2 * n) { k[i] = LexicographicPoints.orderedKey(p[i]) }
        }
        keys.withUnsafeBufferPointer { kb in
            order.withUnsafeMutableBufferPointer { ob in
                buffer.withUnsafeMutableBufferPointer { bb in
                    for i in 0..<n { ob[i] = i }
                    stableIndexSort(ob.baseAddress!, count: n, scratch: bb.baseAddress!, run: 16, by: KeyPairOrder(keys: kb.baseAddress!))
                }
            }
        }
    }

    // MARK: - Ranks

    /// Jensen's sweep over the lexicographic order: a copy of the previous row takes its rank; any
    /// other row goes to the first front whose last f2 is greater than its own. Returns the number
    /// of fronts.
    private static func assignRanks(_ p: UnsafeBufferPointer<Double>, _ n: Int, _ order: [Int],
                                    _ ranks: inout [Int], _ lastSecond: inout [Double]) -> Int {
        var fronts = 0
        order.withUnsafeBufferPointer { order in
            ranks.withUnsafeMutableBufferPointer { r in
                var previous = -1
                for t in 0..<n {
                    let row = order[t]
                    let x = p[2 * row], y = p[2 * row + 1]
                    if previous >= 0 && p[2 * previous] == x && p[2 * previous + 1] == y {
                        r[row] = r[previous]
                    } else {
                        var lo = 0, hi = fronts
                        while lo < hi {
                            let mid = (lo + hi) >> 1
                            if lastSecond[mid] <= y { lo = mid + 1 } else { hi = mid }
                        }
                        if lo == fronts { lastSecond.append(y); fronts += 1 } else { lastSecond[lo] = y }
                        r[row] = lo
                    }
                    previous = row
                }
            }
        }
        return fronts
    }

    // MARK: - Fronts

    /// `frontStart` ← where each front begins; `rowsByFront` ← rows grouped by rank, ascending
    /// within a front; `grouped` ← the lexicographic order grouped by rank (a stable counting
    /// pass each).
    private static func groupByFront(_ n: Int, _ fronts: Int, _ ranks: [Int], _ order: [Int], _ frontStart: inout [Int],
                                     _ cursor: inout [Int], _ rowsByFront: inout [Int], _ grouped: inout [Int]) {
        frontStart.withUnsafeMutableBufferPointer { start in
            ranks.withUnsafeBufferPointer { r in
                for i in 0..<n { start[r[i] + 1] += 1 }
                for f in 0..<fronts { start[f + 1] += start[f] }
                cursor.withUnsafeMutableBufferPointer { next in
                    for f in 0..<fronts { next[f] = start[f] }
                    rowsByFront.withUnsafeMutableBufferPointer { byFront in
                        for i in 0..<n {
                            let f = r[i]
                            byFront[next[f]] = i
                            next[f] += 1
                        }
                    }
                    for f in 0..<fronts { next[f] = start[f] }
                    order.withUnsafeBufferPointer { order in
                        grouped.withUnsafeMutableBufferPointer { grouped in
                            for t in 0..<n {
                                let row = order[t], f = r[row]
                                grouped[next[f]] = row
                                next[f] += 1
                            }
                        }
                    }
                }
            }
        }
    }

    // MARK: - Crowding

    /// Crowding distances front by front over the lexicographically grouped rows: the first row of
    /// each run of identical rows is a distinct point, the others keep 0; with d₀ … d_{k−1} the
    /// distinct points in lexicographic order, the f1 sweep visits them forwards and the f2 sweep
    /// backwards, each adding `(f(next) − f(previous)) / range` to the interior points, as
    /// `crowdingDistances(of:subset:)` does after its sorts.
    private static func assignCrowding(_ p: UnsafeBufferPointer<Double>, _ fronts: Int, _ frontStart: [Int], _ grouped: [Int],
                                       _ distinct: inout [Int], _ crowding: inout [Double]) {
        frontStart.withUnsafeBufferPointer { start in
            grouped.withUnsafeBufferPointer { grouped in
                distinct.withUnsafeMutableBufferPointer { distinct in
                    crowding.withUnsafeMutableBufferPointer { d in
                        for f in 0..<fronts {
                            var k = 0, previous = -1
                            for t in start[f]..<start[f + 1] {
                                let row = grouped[t]
                                if previous < 0 || p[2 * previous] != p[2 * row] || p[2 * previous + 1] != p[2 * row + 1] {
                                    distinct[k] = row
                                    k += 1
                                }
                                previous = row
                            }
                            if k <= 2 {
                                for s in 0..<k { d[distinct[s]] = .infinity }
                                continue
                            }
                            // Objective 1: ascending along d₀ … d_{k−1}.
                            let range1 = p[2 * distinct[k - 1]] - p[2 * distinct[0]]
                            if range1 > 0 {
                                d[distinct[0]] = .infinity
                                d[distinct[k - 1]] = .infinity
                                for s in 1..<(k - 1) where d[distinct[s]].isFinite {
                                    d[distinct[s]] += (p[2 * distinct[s + 1]] - p[2 * distinct[s - 1]]) / range1
                                }
                            }
                            // Objective 2: ascending along d_{k−1} … d₀.
                            let range2 = p[2 * distinct[0] + 1] - p[2 * distinct[k - 1] + 1]
                            if range2 > 0 {
                                d[distinct[k - 1]] = .infinity
                                d[distinct[0]] = .infinity
                                for s in stride(from: k - 2, through: 1, by: -1) where d[distinct[s]].isFinite {
                                    d[distinct[s]] += (p[2 * distinct[s - 1] + 1] - p[2 * distinct[s + 1] + 1]) / range2
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Rows by their two ordered keys (`keys[2 row]`, `keys[2 row + 1]`), then by row.
private struct KeyPairOrder: RowOrder {
    let keys: UnsafePointer<UInt64>
    @inline(__always) func precedes(_ a: Int, _ b: Int) -> Bool {
        let a1 = keys[2 * a], b1 = keys[2 * b]
        if a1 != b1 { return a1 < b1 }
        let a2 = keys[2 * a + 1], b2 = keys[2 * b + 1]
        if a2 != b2 { return a2 < b2 }
        return a < b
    }
}
