import NumericCore

/// Ranks under constraint domination (Deb et al. 2002, IEEE TEVC 6(2), §III-D,
/// doi:10.1109/4235.996017), the relation of `Dominance.compare(_:violation:_:violation:)`.
///
/// A point is feasible when its total violation is ≤ 0. Feasible points take the first ranks, by
/// their Pareto ranks among themselves. Infeasible points follow, grouped by equal total violation in
/// ascending order; each group's ranks are its Pareto ranks among itself, offset by the number of
/// fronts before it (every point of a smaller-violation group dominates every point of a larger one).
///
/// - Parameters:
///   - points: one row per point, one column per minimized objective.
///   - violations: the total constraint violation of each row (≤ 0 means feasible).
/// - Precondition: `violations.count == points.rows`; objective values finite. A NaN violation is
///   treated as the largest (infeasible).
/// - Complexity: that of `nondominatedRanks(of:)` plus O(N log N).
public func nondominatedRanks(of points: Matrix<Double>, violations: [Double]) -> [Int] {
    precondition(violations.count == points.rows, "one violation per row is required")
    let n = points.rows
    var ranks = [Int](repeating: 0, count: n)
    // Feasible rows first (one group), then infeasible rows by ascending violation.
    // A NaN violation counts as infeasible with the largest violation (never as feasible).
    let key = violations.map { $0.isNaN ? Double.infinity : $0 }
    let feasible = (0..<n).filter { key[$0] <= 0 }
    let infeasible = (0..<n).filter { !(key[$0] <= 0) }.sorted {
        key[$0] < key[$1] || (key[$0] == key[$1] && $0 < $1)
    }
    var groups: [[Int]] = feasible.isEmpty ? [] : [feasible]
    var start = 0
    while start < infeasible.count {
        var end = start + 1
        while end < infeasible.count && key[infeasible[end]] == key[infeasible[start]] { end += 1 }
        groups.append(Array(infeasible[start..<end]))
        start = end
    }
    var offset = 0
    for group in groups {
        let groupRanks = nondominatedRanks(of: points.selectingRows(group))
        var fronts = 0
        for (position, row) in group.enumerated() {
            ranks[row] = offset + groupRanks[position]
            fronts = max(fronts, groupRanks[position] + 1)
        }
        offset += fronts
    }
    return ranks
}
