// Three objectives: efficient non-dominated sort with binary search over fronts, each front kept as a
// two-dimensional staircase.
//
// X. Zhang, Y. Tian, R. Cheng, Y. Jin, "An efficient approach to nondominated sorting for
// evolutionary multiobjective optimization", IEEE TEVC 19(2):201–213, 2015,
// doi:10.1109/TEVC.2014.2308305 (ENS-BS: visit points in lexicographic order; a point belongs to the
// first front none of whose members dominates it, and "front f dominates p" is monotone in f, so the
// front is found by binary search).
//
// With M = 3 every member of a front precedes the visited point in lexicographic order, so it
// dominates the point exactly when it is ≤ in objectives 2 and 3. Each front therefore only needs the
// staircase of its members' (f2, f3) projections: sorted by f2 ascending with f3 strictly decreasing,
// the last entry with f2 ≤ y has the smallest f3 among all members with f2 ≤ y. A membership test is
// one binary search, and inserting a point removes the entries it covers (Kung, Luccio, Preparata
// 1975, doi:10.1145/321906.321910, for the maxima-by-staircase idea).

extension LexicographicPoints {
    /// Ranks of the unique points for M = 3. - Complexity: O(U log F log S) tests plus staircase
    /// updates (array shifts), F fronts, S the largest staircase.
    func threeObjectiveRanks() -> [Int] {
        let u = uniqueCount
        var ranks = [Int](repeating: 0, count: u)
        var fronts: [Staircase] = []
        coordinates.withUnsafeBufferPointer { c in
            for i in 0..<u {
                let y = c[3 * i + 1], z = c[3 * i + 2]
                var lo = 0, hi = fronts.count
                while lo < hi {
                    let mid = (lo + hi) >> 1
                    if fronts[mid].dominates(y, z) { lo = mid + 1 } else { hi = mid }
                }
                if lo == fronts.count { fronts.append(Staircase()) }
                fronts[lo].insert(y, z)
                ranks[i] = lo
            }
        }
        return ranks
    }
}

/// The 2-D minima of a set of (y, z) pairs: y ascending, z strictly decreasing.
struct Staircase {
    var ys: [Double] = []
    var zs: [Double] = []

    /// Whether some stored pair is ≤ (y, z) in both coordinates. - Complexity: O(log S).
    @inline(__always) func dominates(_ y: Double, _ z: Double) -> Bool {
        // Last index with ys[index] ≤ y.
        var lo = 0, hi = ys.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if ys[mid] <= y { lo = mid + 1 } else { hi = mid }
        }
        return lo > 0 && zs[lo - 1] <= z
    }

    /// Adds a pair, dropping the stored pairs it covers (y' ≥ y, z' ≥ z); a pair that a stored pair
    /// already covers is ignored. - Complexity: O(log S) plus the shift of the arrays.
    mutating func insert(_ y: Double, _ z: Double) {
        var lo = 0, hi = ys.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if ys[mid] < y { lo = mid + 1 } else { hi = mid }
        }
        if lo < ys.count && ys[lo] == y {
            if zs[lo] <= z { return }
        } else if lo > 0 && zs[lo - 1] <= z {
            return
        }
        var end = lo
        while end < zs.count && zs[end] >= z { end += 1 }
        ys.replaceSubrange(lo..<end, with: CollectionOfOne(y))
        zs.replaceSubrange(lo..<end, with: CollectionOfOne(z))
    }
}
