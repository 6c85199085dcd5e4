import NumericCore

/// How `minNormWeights(gram:method:maxIterations:tolerance:)` solves the min-norm problem.
public enum MinNormMethod: String, Sendable, CaseIterable, Codable {
    /// Closed form for two objectives, Wolfe's exact active-set method for three or more
    /// (falling back to Frank–Wolfe from its current point if a face system is numerically singular).
    case automatic
    /// Frank–Wolfe with exact line search (Sener & Koltun 2018, Algorithm 2), from the vertex of
    /// least norm; O(1/k) convergence, stopped by the duality gap or the iteration cap.
    case frankWolfe
    /// Wolfe's minimum-norm-point active-set method (Wolfe 1976), exact in finitely many steps.
    case activeSet
}

/// The minimum-norm element of the convex hull of `M` vectors, as weights on the simplex.
public struct MinNormResult: Sendable, Equatable {
    /// Weights `w` (length `M`, `w ≥ 0`, `Σ w = 1`) of the min-norm combination `d = Σ w_k g_k`.
    public var weights: [Double]
    /// `‖Σ w_k g_k‖² = wᵀ·Gram·w`.
    public var squaredNorm: Double
    /// Major iterations used (0 for the closed form).
    public var iterations: Int
    /// Whether the KKT/duality gap `wᵀGw − min_k (Gw)_k` fell to `tolerance · max_k G_kk`.
    public var converged: Bool
    /// The final gap `wᵀGw − min_k (Gw)_k` (≥ 0 up to rounding; 0 at the exact optimum).
    public var gap: Double
}

/// Errors of the min-norm solver and of gradient normalization.
public enum MinNormError: Error, Equatable, CustomStringConvertible {
    /// The Gram matrix is not square, or vectors/losses have the wrong length.
    case dimensionMismatch(String)
    /// A NaN or infinite entry, or a negative diagonal.
    case invalidValue(String)
    /// No vectors at all.
    case empty

    public var description: String {
        switch self {
        case .dimensionMismatch(let m): return "min-norm solver: dimension mismatch: \(m)"
        case .invalidValue(let m): return "min-norm solver: invalid value: \(m)"
        case .empty: return "min-norm solver: no gradients given"
        }
    }
}

/// MGDA's common descent step: the weights of the minimum-norm point of the convex hull of the
/// gradients `g_1 … g_M`, from their Gram matrix `G_ij = ⟨g_i, g_j⟩` alone:
/// `min_w wᵀGw` subject to `w ≥ 0`, `Σ w = 1`.
///
/// `d = Σ w_k g_k` is then a direction of common descent (⟨d, g_k⟩ ≥ ‖d‖² for all k), or `d = 0` at a
/// Pareto-stationary point (Désidéri 2012, "Multiple-gradient descent algorithm (MGDA) for
/// multiobjective optimization", Comptes Rendus Mathématique 350(5–6):313–318,
/// doi:10.1016/j.crma.2012.03.014; Sener & Koltun 2018, "Multi-Task Learning as Multi-Objective
/// Optimization", NeurIPS, arXiv:1810.04650).
///
/// - Two vectors: closed form `w_1 = clamp(⟨g_2 − g_1, g_2⟩ / ‖g_1 − g_2‖², 0, 1)` (Sener & Koltun,
///   Algorithm 1; without their 0.999/0.001 clamp, so the answer is exact).
/// - More: Wolfe's active-set method (P. Wolfe 1976, "Finding the nearest point in a polytope",
///   Mathematical Programming 11:128–149, doi:10.1007/BF01580381), rewritten on the Gram matrix
///   (every step needs only inner products), exact like torchjd's quadprog solve; or Frank–Wolfe
///   with exact line search (Sener & Koltun, Algorithm 2) when `method == .frankWolfe`.
///
/// Convergence test: the gap `wᵀGw − min_k (Gw)_k ≤ tolerance · max(max_k G_kk, tiny)` — relative,
/// so scaling all gradients by `c` leaves the answer unchanged. The gap is zero exactly at the KKT
/// point: `(Gw)_k ≥ wᵀGw` for all k, with equality where `w_k > 0`.
///
/// - Complexity: closed form O(1); Frank–Wolfe O(M) per iteration; active set O(M·s³) per major
///   iteration with `s` the support size (≤ M). The Gram matrix itself costs O(M²·n) to build.
/// - Throws: `MinNormError` for a non-square or non-finite Gram matrix or a negative diagonal.
public func minNormWeights(
    gram: Matrix<Double>, method: MinNormMethod = .automatic,
    maxIterations: Int = 250, tolerance: Double = 1e-10
) throws -> MinNormResult {
    let m = gram.rows
    guard m > 0 else { throw MinNormError.empty }
    guard gram.columns == m else {
        throw MinNormError.dimensionMismatch("Gram matrix is \(gram.rows)×\(gram.columns), expected square")
    }
    for (i, v) in gram.storage.enumerated() where !v.isFinite {
        throw MinNormError.invalidValue("Gram entry (\(i / m), \(i % m)) is \(v)")
    }
    for k in 0..<m where gram[k, k] < 0 {
        throw MinNormError.invalidValue("Gram diagonal entry \(k) is negative (\(gram[k, k]))")
    }
    guard maxIterations >= 1, tolerance >= 0, tolerance.isFinite else {
        throw MinNormError.invalidValue("maxIterations must be ≥ 1 and tolerance finite and ≥ 0")
    }
    var scale = 0.0
    for k in 0..<m { scale = max(scale, gram[k, k]) }
    let threshold = tolerance * max(scale, .leastNormalMagnitude)
    let solver = MinNormSolver(gram: gram, threshold: threshold)
    if m == 1 { return solver.result(weights: [1], iterations: 0) }
    switch method {
    case .automatic:
        if m == 2 { return solver.closedFormPair() }
        return solver.activeSet(maxIterations: maxIterations)
    case .activeSet:
        return solver.activeSet(maxIterations: maxIterations)
    case .frankWolfe:
        return solver.frankWolfe(from: solver.leastNormVertex(), maxIterations: maxIterations, usedBefore: 0)
    }
}

/// Internal state of one solve: the Gram matrix and the absolute gap threshold.
struct MinNormSolver {
    let gram: Matrix<Double>
    let threshold: Double
    var m: Int { gram.rows }

    /// `G·w` into `out`. - Complexity: O(M²).
    func product(_ w: [Double], into out: inout [Double]) {
        gram.withUnsafeBufferPointer { g in
            for i in 0..<m {
                var s = 0.0
                for j in 0..<m { s += g[i * m + j] * w[j] }
                out[i] = s
            }
        }
    }

    func result(weights w: [Double], iterations: Int, converged: Bool? = nil) -> MinNormResult {
        var gw = [Double](repeating: 0, count: m)
        product(w, into: &gw)
        var value = 0.0
        for k in 0..<m { value += w[k] * gw[k] }
        let gap = max(0, value - (gw.min() ?? value))
        return MinNormResult(weights: w, squaredNorm: max(0, value), iterations: iterations,
                             converged: converged ?? (gap <= threshold), gap: gap)
    }

    /// The simplex vertex `e_k` of least `G_kk` (first on ties).
    func leastNormVertex() -> [Double] {
        var best = 0
        for k in 1..<m where gram[k, k] < gram[best, best] { best = k }
        var w = [Double](repeating: 0, count: m)
        w[best] = 1
        return w
    }

    /// Exact minimizer over the segment between two vectors (Sener & Koltun, Algorithm 1).
    func closedFormPair() -> MinNormResult {
        let a = gram[0, 0], c = gram[1, 1], b = gram[0, 1]
        let w1: Double
        if b >= a { w1 = 1 } else if b >= c { w1 = 0 } else { w1 = (c - b) / (a + c - 2 * b) }
        return result(weights: [w1, 1 - w1], iterations: 0, converged: true)
    }

    /// Frank–Wolfe with exact line search on `γ ↦ ‖(1−γ)·x + γ·g_t‖²`.
    func frankWolfe(from start: [Double], maxIterations: Int, usedBefore: Int) -> MinNormResult {
        var w = start
        var gw = [Double](repeating: 0, count: m)
        var iterations = 0
        while iterations < maxIterations {
            product(w, into: &gw)
            var xx = 0.0
            for k in 0..<m { xx += w[k] * gw[k] }
            var t = 0
            for k in 1..<m where gw[k] < gw[t] { t = k }
            if xx - gw[t] <= threshold { break }
            iterations += 1
            // ‖x + γ(g_t − x)‖² is minimized at γ = (xx − x·g_t) / (xx − 2 x·g_t + g_t·g_t).
            let denominator = xx - 2 * gw[t] + gram[t, t]
            let gamma = denominator > 0 ? min(1, max(0, (xx - gw[t]) / denominator)) : 1
            for k in 0..<m { w[k] *= 1 - gamma }
            w[t] += gamma
        }
        return result(weights: w, iterations: usedBefore + iterations)
    }

    /// Wolfe's (1976) minimum-norm-point algorithm on the Gram matrix.
    ///
    /// Keeps a "corral" `S` of affinely independent points with `x = Σ_S w_k g_k` in their relative
    /// interior. Major step: add the point `t` minimising `⟨x, g_t⟩` if it beats `‖x‖²` by more than
    /// the threshold. Minor steps: move towards the affine minimiser of `S` (solve
    /// `[G_S 1; 1ᵀ 0][v; μ] = [0; 1]`), dropping points whose weight reaches zero.
    func activeSet(maxIterations: Int) -> MinNormResult {
        var w = leastNormVertex()
        var corral = [w.firstIndex(of: 1) ?? 0]
        corral.reserveCapacity(m + 1)
        var kept: [Int] = []
        kept.reserveCapacity(m + 1)
        var gw = [Double](repeating: 0, count: m)
        var workspace = AffineWorkspace(capacity: m + 1)
        var majors = 0
        while majors < maxIterations {
            product(w, into: &gw)
            var xx = 0.0
            for k in 0..<m { xx += w[k] * gw[k] }
            var t = 0
            for k in 1..<m where gw[k] < gw[t] { t = k }
            if xx - gw[t] <= threshold { break }
            if corral.contains(t) {  // rounding stalled the exact method; finish with Frank–Wolfe
                return frankWolfe(from: w, maxIterations: maxIterations, usedBefore: majors)
            }
            majors += 1
            corral.append(t)
            // Minor cycle; each pass removes at least one point, so it ends within |S| passes.
            var minors = 0
            while minors <= m {
                minors += 1
                guard affineMinimizer(corral, &workspace) else {
                    return frankWolfe(from: w, maxIterations: maxIterations, usedBefore: majors)
                }
                let s = corral.count
                var allPositive = true
                for i in 0..<s where !(workspace.x[i] > 0) { allPositive = false; break }
                if allPositive {
                    for k in 0..<m { w[k] = 0 }
                    for i in 0..<s { w[corral[i]] = workspace.x[i] }
                    break
                }
                // Step towards v until the first weight reaches zero; drop that point (and any other at 0).
                var theta = Double.infinity, leaving = 0
                for i in 0..<s where workspace.x[i] <= 0 {
                    let k = corral[i]
                    let step = w[k] / (w[k] - workspace.x[i])
                    if step < theta { theta = step; leaving = i }
                }
                theta = min(max(theta, 0), 1)
                for i in 0..<s { let k = corral[i]; w[k] += theta * (workspace.x[i] - w[k]) }
                w[corral[leaving]] = 0
                kept.removeAll(keepingCapacity: true)
                var total = 0.0
                for k in corral { if w[k] > 0 { kept.append(k); total += w[k] } else { w[k] = 0 } }
                swap(&corral, &kept)
                if total > 0 { for k in corral { w[k] /= total } }
            }
        }
        return result(weights: w, iterations: majors)
    }

    /// Scratch space of `affineMinimizer`, allocated once per solve.
    struct AffineWorkspace {
        var a: [Double], rhs: [Double], x: [Double]
        init(capacity n: Int) {
            a = [Double](repeating: 0, count: n * n)
            rhs = [Double](repeating: 0, count: n)
            x = [Double](repeating: 0, count: n)
        }
    }

    /// Solves `[G_S 1; 1ᵀ 0][v; μ] = [0; 1]` by Gaussian elimination with partial pivoting, leaving
    /// `v` in `workspace.x[0..<|S|]`; `false` when the system is numerically singular (affinely
    /// dependent corral) or the solution is not finite. - Complexity: O(|S|³), no allocation.
    func affineMinimizer(_ corral: [Int], _ workspace: inout AffineWorkspace) -> Bool {
        let s = corral.count, n = s + 1, m = self.m
        // Scaling G_S by 1/max diag leaves v unchanged (only μ scales) and makes the pivot test absolute.
        return gram.withUnsafeBufferPointer { g -> Bool in
            var scale = 0.0
            for p in corral { scale = max(scale, g[p * m + p]) }
            guard scale > 0 else { return false }
            return workspace.a.withUnsafeMutableBufferPointer { a in
                workspace.rhs.withUnsafeMutableBufferPointer { rhs in
                    workspace.x.withUnsafeMutableBufferPointer { x in
                        for i in 0..<n { rhs[i] = 0 }
                        for (i, p) in corral.enumerated() {
                            for (j, q) in corral.enumerated() { a[i * n + j] = g[p * m + q] / scale }
                            a[i * n + s] = 1
                            a[s * n + i] = 1
                        }
                        a[s * n + s] = 0
                        rhs[s] = 1
                        for col in 0..<n {
                            var pivot = col
                            for r in (col + 1)..<n where abs(a[r * n + col]) > abs(a[pivot * n + col]) { pivot = r }
                            if abs(a[pivot * n + col]) <= 1e-13 { return false }
                            if pivot != col {
                                for j in 0..<n { a.swapAt(col * n + j, pivot * n + j) }
                                rhs.swapAt(col, pivot)
                            }
                            let d = a[col * n + col]
                            for r in (col + 1)..<n {
                                let f = a[r * n + col] / d
                                if f == 0 { continue }
                                for j in col..<n { a[r * n + j] -= f * a[col * n + j] }
                                rhs[r] -= f * rhs[col]
                            }
                        }
                        for r in stride(from: n - 1, through: 0, by: -1) {
                            var sum = rhs[r]
                            for j in (r + 1)..<n { sum -= a[r * n + j] * x[j] }
                            x[r] = sum / a[r * n + r]
                        }
                        for i in 0..<s where !x[i].isFinite { return false }
                        return true
                    }
                }
            }
        }
    }
}
