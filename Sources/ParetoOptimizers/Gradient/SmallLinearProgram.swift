/// A small dense linear program over non-negative variables,
///
///     maximize cᵀx   subject to   aᵢᵀx (≤ | = | ≥) bᵢ,   x ≥ 0,
///
/// solved by the two-phase tableau simplex method with Bland's smallest-index rule, which cannot
/// cycle (Bland, "New finite pivoting rules for the simplex method", Mathematics of Operations
/// Research 2(2):103–107, 1977, doi:10.1287/moor.2.2.103). Sized for EPO's per-batch programs:
/// `K` variables on the simplex and at most `K + 2` rows.
struct SmallLinearProgram {
    /// The sense of one constraint row.
    enum Relation { case lessOrEqual, equal, greaterOrEqual }

    /// One constraint `coefficientsᵀx (relation) bound`.
    struct Row {
        var coefficients: [Double]
        var relation: Relation
        var bound: Double
    }

    /// The objective to maximize (length `n`).
    var objective: [Double]
    /// The constraints.
    var rows: [Row]

    /// An optimal vertex, or `nil` when the program is infeasible, unbounded, or hits the pivot cap.
    /// - Complexity: O(m·(n + m)) per pivot.
    func maximize(maxPivots: Int = 500) -> [Double]? {
        let n = objective.count, m = rows.count
        guard n > 0 else { return [] }
        // Columns: n structural, one slack/surplus per inequality, one artificial per ≥ or = row.
        var slackColumn = [Int](repeating: -1, count: m)
        var artificialColumn = [Int](repeating: -1, count: m)
        var sign = [Double](repeating: 1, count: m)
        var relations = rows.map(\.relation)
        var columns = n
        for r in 0..<m {
            if rows[r].bound < 0 {  // keep every right-hand side non-negative
                sign[r] = -1
                switch relations[r] {
                case .lessOrEqual: relations[r] = .greaterOrEqual
                case .greaterOrEqual: relations[r] = .lessOrEqual
                case .equal: break
                }
            }
            if relations[r] != .equal { slackColumn[r] = columns; columns += 1 }
        }
        for r in 0..<m where relations[r] != .lessOrEqual { artificialColumn[r] = columns; columns += 1 }
        let width = columns + 1  // last column: right-hand side
        var tableau = [Double](repeating: 0, count: m * width)
        var basis = [Int](repeating: 0, count: m)
        var scale = 0.0
        for r in 0..<m {
            for j in 0..<n {
                tableau[r * width + j] = sign[r] * rows[r].coefficients[j]
                scale = max(scale, abs(rows[r].coefficients[j]))
            }
            tableau[r * width + columns] = sign[r] * rows[r].bound
            if slackColumn[r] >= 0 { tableau[r * width + slackColumn[r]] = relations[r] == .lessOrEqual ? 1 : -1 }
            if artificialColumn[r] >= 0 {
                tableau[r * width + artificialColumn[r]] = 1
                basis[r] = artificialColumn[r]
            } else {
                basis[r] = slackColumn[r]
            }
        }
        let tolerance = 1e-11 * max(1, scale)
        let isArtificial = (0..<columns).map { c in artificialColumn.contains(c) }
        var pivots = 0

        func pivot(row: Int, column: Int) {
            let p = tableau[row * width + column]
            for k in 0..<width { tableau[row * width + k] /= p }
            for r in 0..<m where r != row {
                let factor = tableau[r * width + column]
                if factor == 0 { continue }
                for k in 0..<width { tableau[r * width + k] -= factor * tableau[row * width + k] }
            }
            basis[row] = column
        }

        /// Runs the simplex method for `cost`; false when unbounded or over the pivot cap.
        func run(cost: [Double], allowed: [Bool]) -> Bool {
            while pivots < maxPivots {
                var entering = -1
                for j in 0..<columns where allowed[j] && !basis.contains(j) {
                    var reduced = cost[j]
                    for r in 0..<m { reduced -= cost[basis[r]] * tableau[r * width + j] }
                    if reduced > tolerance { entering = j; break }
                }
                if entering < 0 { return true }
                var leaving = -1, bestRatio = Double.infinity
                for r in 0..<m where tableau[r * width + entering] > tolerance {
                    let ratio = tableau[r * width + columns] / tableau[r * width + entering]
                    if ratio < bestRatio - tolerance || (abs(ratio - bestRatio) <= tolerance && leaving >= 0 && basis[r] < basis[leaving]) {
                        bestRatio = ratio; leaving = r
                    }
                }
                if leaving < 0 { return false }
                pivot(row: leaving, column: entering)
                pivots += 1
            }
            return false
        }

        // Phase 1: drive the artificials to zero.
        if artificialColumn.contains(where: { $0 >= 0 }) {
            let cost = (0..<columns).map { isArtificial[$0] ? -1.0 : 0 }
            guard run(cost: cost, allowed: [Bool](repeating: true, count: columns)) else { return nil }
            var infeasibility = 0.0
            for r in 0..<m where isArtificial[basis[r]] { infeasibility += tableau[r * width + columns] }
            guard infeasibility <= 1e-9 * max(1, rows.map { abs($0.bound) }.max() ?? 1) else { return nil }
            // Pivot remaining (zero-level) artificials out where the row allows it.
            for r in 0..<m where isArtificial[basis[r]] {
                if let j = (0..<columns).first(where: { !isArtificial[$0] && abs(tableau[r * width + $0]) > tolerance }) {
                    pivot(row: r, column: j)
                }
            }
        }
        // Phase 2: the real objective, artificial columns barred from entering.
        var cost = [Double](repeating: 0, count: columns)
        for j in 0..<n { cost[j] = objective[j] }
        guard run(cost: cost, allowed: isArtificial.map { !$0 }) else { return nil }
        var x = [Double](repeating: 0, count: n)
        for r in 0..<m where basis[r] < n { x[basis[r]] = max(0, tableau[r * width + columns]) }
        return x
    }
}
