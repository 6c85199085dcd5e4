/// A small dense convex quadratic program with lower bounds and an optional sum constraint:
///
///     minimize ½ xᵀQx + qᵀx   subject to   x ≥ lower,   [Σ x = total]
///
/// solved exactly by the primal active-set method for convex QPs (Nocedal & Wright, *Numerical
/// Optimization*, 2nd ed., Springer 2006, §16.5, doi:10.1007/978-0-387-40065-5). With the sum
/// constraint and `lower = 0` the feasible set is a (scaled) simplex — the inner problem of CAGrad;
/// without it, `x ≥ u` is the dual-cone projection of UPGrad and DualProj (Quinton & Rey 2024,
/// arXiv:2406.16232, Proposition 1).
///
/// Meant for the `K × K` problems of gradient weighting (`K` up to a few dozen): every iteration
/// solves the equality-constrained subproblem on the free variables by Gaussian elimination.
/// `Q` may be only positive semi-definite: a numerically singular subproblem is re-solved with a ridge
/// of `1e-10 · max Q_ii`, which turns its step into a long move along the zero-curvature direction
/// that a bound then stops. If even that fails the solver returns its current feasible point with
/// `converged == false`.
struct BoundedQuadraticProgram {
    /// `n × n` symmetric matrix, row-major.
    var q: [Double]
    /// Linear term, length `n`.
    var linear: [Double]
    /// Lower bounds, length `n`.
    var lower: [Double]
    /// The required `Σ x`, or `nil` for bounds only.
    var total: Double?

    /// Number of variables.
    var count: Int { linear.count }

    /// The minimizer and how it was reached.
    struct Solution {
        /// The minimizer `x`.
        var x: [Double]
        /// Active-set iterations used.
        var iterations: Int
        /// Whether the KKT conditions held to tolerance at the end.
        var converged: Bool
    }

    /// Solves the program from a feasible start (`lower` with every bound active, or the uniform
    /// split of the sum with none active).
    /// - Returns: `nil` when the sum constraint cannot be met (`total < Σ lower`).
    /// - Complexity: O(n³) per iteration; at most `maxIterations` iterations.
    func solve(maxIterations: Int = 200) -> Solution? {
        let n = count
        guard n > 0 else { return Solution(x: [], iterations: 0, converged: true) }
        // Shift to y = x − lower ≥ 0: the linear term becomes c = Q·lower + q.
        var c = linear
        for i in 0..<n {
            var s = 0.0
            for j in 0..<n { s += q[i * n + j] * lower[j] }
            c[i] += s
        }
        var y = [Double](repeating: 0, count: n)
        var active = [Bool](repeating: true, count: n)
        var budget: Double? = nil
        if let total {
            let b = total - lower.reduce(0, +)
            guard b >= -1e-12 * max(1, abs(total)) else { return nil }
            if b <= 0 { return Solution(x: lower, iterations: 0, converged: true) }
            budget = b
            y = [Double](repeating: b / Double(n), count: n)
            active = [Bool](repeating: false, count: n)
        }
        let scale = max(1e-300, (0..<n).map { abs(q[$0 * n + $0]) }.max() ?? 1)
        let tolerance = 1e-12 * scale * max(1, y.map(abs).max() ?? 1) + 1e-14 * (c.map(abs).max() ?? 0)
        var gradient = [Double](repeating: 0, count: n)
        var converged = false
        var iteration = 0
        while iteration < maxIterations {
            iteration += 1
            for i in 0..<n {
                var s = c[i]
                for j in 0..<n { s += q[i * n + j] * y[j] }
                gradient[i] = s
            }
            let free = (0..<n).filter { !active[$0] }
            var step = [Double](repeating: 0, count: n)
            var multiplier = 0.0
            if !free.isEmpty {
                // A singular face (Q only semi-definite there) is solved with a small ridge: the step then
                // runs along the zero-curvature descent direction until a bound blocks it.
                guard let (p, mu) = Self.equalityStep(q: q, n: n, free: free, gradient: gradient, withSum: budget != nil, ridge: 0)
                    ?? Self.equalityStep(q: q, n: n, free: free, gradient: gradient, withSum: budget != nil, ridge: 1e-10 * scale)
                else { break }
                for (a, i) in free.enumerated() { step[i] = p[a] }
                multiplier = mu
            } else if budget != nil {
                break  // unreachable: the sum keeps at least one variable free
            }
            let stepSize = step.map(abs).max() ?? 0
            if stepSize <= 1e-13 * max(1, y.map(abs).max() ?? 1) {
                // Stationary on the current face: release the bound with the most negative multiplier.
                var worst = -1, worstValue = -tolerance
                for i in 0..<n where active[i] {
                    let lambda = gradient[i] - multiplier
                    if lambda < worstValue { worstValue = lambda; worst = i }
                }
                if worst < 0 { converged = true; break }
                active[worst] = false
                continue
            }
            // Longest feasible step along `step`, at most 1.
            var alpha = 1.0, blocking = -1
            for i in free where step[i] < 0 {
                let limit = -y[i] / step[i]
                if limit < alpha { alpha = limit; blocking = i }
            }
            for i in free { y[i] += alpha * step[i] }
            if blocking >= 0 { y[blocking] = 0; active[blocking] = true }
        }
        if let budget {  // remove the rounding drift of the sum on the free variables
            let drift = budget - y.reduce(0, +)
            let free = (0..<n).filter { y[$0] > 0 }
            if !free.isEmpty { for i in free { y[i] += drift / Double(free.count) } }
        }
        return Solution(x: (0..<n).map { max(0, y[$0]) + lower[$0] }, iterations: iteration, converged: converged)
    }

    /// The step `p` on the free set minimizing `½pᵀQp + gᵀp` (with `Σ p = 0` when `withSum`), and the
    /// multiplier of the sum constraint; `nil` when the system is singular.
    private static func equalityStep(q: [Double], n: Int, free: [Int], gradient: [Double], withSum: Bool, ridge: Double) -> ([Double], Double)? {
        let f = free.count
        let size = withSum ? f + 1 : f
        var a = [Double](repeating: 0, count: size * size)
        var b = [Double](repeating: 0, count: size)
        for (r, i) in free.enumerated() {
            for (s, j) in free.enumerated() { a[r * size + s] = q[i * n + j] }
            a[r * size + r] += ridge
            b[r] = -gradient[i]
            if withSum { a[r * size + f] = -1; a[f * size + r] = 1 }
        }
        guard let x = solveLinearSystem(&a, &b, size: size) else { return nil }
        return (Array(x[0..<f]), withSum ? x[f] : 0)
    }
}

/// Solves the dense square system `A·x = b` (row-major `A`, overwritten) by Gaussian elimination
/// with partial pivoting; `nil` when a pivot is below `1e-13` times the largest entry of `A` or a
/// value is not finite. For the tiny systems of gradient weighting, where a LAPACK call costs more
/// than the arithmetic.
/// - Complexity: O(n³).
func solveLinearSystem(_ a: inout [Double], _ b: inout [Double], size n: Int) -> [Double]? {
    let largest = a.map(abs).max() ?? 0
    guard largest > 0, largest.isFinite else { return nil }
    let threshold = 1e-13 * largest
    for col in 0..<n {
        var pivot = col, best = abs(a[col * n + col])
        for r in (col + 1)..<max(col + 1, n) where abs(a[r * n + col]) > best { best = abs(a[r * n + col]); pivot = r }
        guard best > threshold else { return nil }
        if pivot != col {
            for k in 0..<n { a.swapAt(col * n + k, pivot * n + k) }
            b.swapAt(col, pivot)
        }
        let d = a[col * n + col]
        for r in (col + 1)..<max(col + 1, n) {
            let factor = a[r * n + col] / d
            if factor == 0 { continue }
            for k in col..<n { a[r * n + k] -= factor * a[col * n + k] }
            b[r] -= factor * b[col]
        }
    }
    var x = [Double](repeating: 0, count: n)
    for r in stride(from: n - 1, through: 0, by: -1) {
        var s = b[r]
        for k in (r + 1)..<max(r + 1, n) { s -= a[r * n + k] * x[k] }
        x[r] = s / a[r * n + r]
    }
    return x.allSatisfy(\.isFinite) ? x : nil
}
