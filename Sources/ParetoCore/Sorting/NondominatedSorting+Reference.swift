import NumericCore

// Deb's fast non-dominated sort, kept as the reference the fast algorithms are tested against.
//
// K. Deb, A. Pratap, S. Agarwal, T. Meyarivan, "A fast and elitist multiobjective genetic algorithm:
// NSGA-II", IEEE TEVC 6(2):182–197, 2002, doi:10.1109/4235.996017, §III-A.

/// Pareto ranks by Deb's fast non-dominated sort: count each point's dominators, peel the points with
/// count zero as the next front, and decrement the counts of the points they dominate. Identical
/// points do not dominate each other, so they share a rank.
/// - Complexity: O(M N²) time, O(N²) memory in the worst case.
func fastNondominatedSortRanks(of points: Matrix<Double>) -> [Int] {
    let n = points.rows, m = points.columns
    var dominatedBy = [Int](repeating: 0, count: n)
    var dominates = [[Int]](repeating: [], count: n)
    points.withUnsafeBufferPointer { p in
        for i in 0..<n {
            for j in (i + 1)..<max(i + 1, n) {
                let a = UnsafeBufferPointer(rebasing: p[(i * m)..<(i * m + m)])
                let b = UnsafeBufferPointer(rebasing: p[(j * m)..<(j * m + m)])
                switch Dominance.compare(a, b) {
                case .dominates: dominates[i].append(j); dominatedBy[j] += 1
                case .dominated: dominates[j].append(i); dominatedBy[i] += 1
                case .equal, .incomparable: break
                }
            }
        }
    }
    var ranks = [Int](repeating: -1, count: n)
    var current = (0..<n).filter { dominatedBy[$0] == 0 }
    var rank = 0
    while !current.isEmpty {
        var next: [Int] = []
        for i in current {
            ranks[i] = rank
            for j in dominates[i] {
                dominatedBy[j] -= 1
                if dominatedBy[j] == 0 { next.append(j) }
            }
        }
        current = next
        rank += 1
    }
    return ranks
}
