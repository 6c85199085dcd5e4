// Two objectives: Jensen's O(N log N) front assignment.
//
// M. T. Jensen, "Reducing the run-time complexity of multiobjective EAs: the NSGA-II and other
// algorithms", IEEE TEVC 7(5):503–515, 2003, doi:10.1109/TEVC.2003.817234.
//
// Visit the unique points in lexicographic order. Inside one front the visited points have strictly
// decreasing second objective, so the last point of a front has the front's smallest f2, and that
// point dominates the visited point exactly when its f2 is ≤ the visited point's f2 (its f1 is ≤ by
// the order, and the points differ). The fronts' last f2 values increase with the front index, so
// the first front not dominating the point is found by binary search.

extension LexicographicPoints {
    /// Ranks of the unique points for M = 2. - Complexity: O(U log F) after the sort, F fronts.
    func twoObjectiveRanks() -> [Int] {
        let u = uniqueCount
        var ranks = [Int](repeating: 0, count: u)
        var lastSecond: [Double] = []  // f2 of the last point placed in each front (increasing)
        coordinates.withUnsafeBufferPointer { c in
            ranks.withUnsafeMutableBufferPointer { r in
                for i in 0..<u {
                    let y = c[2 * i + 1]
                    // First front whose last f2 is > y (such a front does not dominate the point).
                    var lo = 0, hi = lastSecond.count
                    while lo < hi {
                        let mid = (lo + hi) >> 1
                        if lastSecond[mid] <= y { lo = mid + 1 } else { hi = mid }
                    }
                    if lo == lastSecond.count { lastSecond.append(y) } else { lastSecond[lo] = y }
                    r[i] = lo
                }
            }
        }
        return ranks
    }

    /// Unique points of the first front for M = 2 (ascending unique index). - Complexity: O(U).
    func twoObjectiveFirstFront() -> [Int] {
        var result: [Int] = []
        var best = Double.infinity
        for i in 0..<uniqueCount {
            let y = coordinates[2 * i + 1]
            if y < best { best = y; result.append(i) }
        }
        return result
    }
}
