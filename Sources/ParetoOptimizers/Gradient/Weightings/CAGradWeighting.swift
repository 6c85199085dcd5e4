import NumericCore

/// CAGrad (conflict-averse gradient descent): the direction within a ball around the mean gradient
/// `g₀` that maximizes the worst objective's improvement, `max_{‖d − g₀‖ ≤ c‖g₀‖} min_i ⟨g_i, d⟩`.
///
/// Liu, Liu, Jin, Stone & Liu, "Conflict-Averse Gradient Descent for Multi-task Learning", NeurIPS
/// 2021, arXiv:2110.14048 (Algorithm 1). Its dual over the simplex,
/// `w* = argmin_{w ∈ Δ} g_wᵀg₀ + c‖g₀‖·‖g_w‖` with `g_w = Σ w_k g_k`, is a convex program in `K`
/// variables solved exactly here (see `conflictAverseDual`); then `d = g₀ + λ g_{w*}` with
/// `λ = c‖g₀‖/‖g_{w*}‖`, i.e. weights `1/K + λ w*_k`. When `‖g_{w*}‖` is below `1e-4` (on the
/// unit-trace Gram matrix) the correction is dropped and the mean is returned.
///
/// Scaling: the authors' default `rescale = 1` (also LibMTL's), dividing by `1 + c²`; ``Rescale``
/// selects `1 + c` or none (TorchJD's `CAGrad` does not rescale). With `c = 0` the weights are the
/// mean gradient's, `1/K` each.
/// - Complexity: a bisection on the ball radius with one simplex QP of size `K` per step, finished
///   by an exact solve on the final active set.
public struct CAGradWeighting: GradientWeighting {
    /// How the combined direction is scaled after the solve.
    public enum Rescale: String, Codable, Sendable, CaseIterable {
        /// `d` as solved (TorchJD).
        case none
        /// `d / (1 + c²)` (the authors' and LibMTL's default).
        case squared
        /// `d / (1 + c)`.
        case linear
    }

    /// The ball radius `c` and the rescaling.
    public struct Configuration: Codable, Sendable, Equatable {
        /// Radius of the ball around `g₀`, relative to `‖g₀‖` (`c ≥ 0`; 0 gives the mean gradient).
        public var c: Double
        /// Scaling of the result.
        public var rescale: Rescale
        /// - Throws: `OptimizerError.invalidConfiguration` for a negative or non-finite `c`.
        public init(c: Double = 0.5, rescale: Rescale = .squared) throws {
            guard c >= 0, c.isFinite else { throw OptimizerError.invalidConfiguration("CAGrad needs c ≥ 0, got \(c)") }
            self.c = c
            self.rescale = rescale
        }
    }
    public typealias State = NoWeightingState

    public static let name = "cagrad"
    public let configuration: Configuration

    /// CAGrad with `configuration`.
    public init(configuration: Configuration) { self.configuration = configuration }

    public func weights(_ input: WeightingInput, state: inout State, rng: inout SeededGenerator) throws -> [Double] {
        let k = input.objectiveCount
        let c = configuration.c
        let divisor: Double
        switch configuration.rescale {
        case .none: divisor = 1
        case .squared: divisor = 1 + c * c
        case .linear: divisor = 1 + c
        }
        let mean = [Double](repeating: 1 / Double(k), count: k)
        var trace = 0.0
        for i in 0..<k { trace += input.gram[i, i] }
        guard c > 0, trace > 0, k > 1 else { return mean.map { $0 / divisor } }
        let g = input.gram.storage.map { $0 / trace }
        // a = G·(1/K), ‖g₀‖² = (1/K)ᵀG(1/K).
        var a = [Double](repeating: 0, count: k)
        var g0Squared = 0.0
        for i in 0..<k {
            for j in 0..<k { a[i] += g[i * k + j] / Double(k) }
            g0Squared += a[i] / Double(k)
        }
        let rho = c * max(0, g0Squared).squareRoot()
        guard rho > 0, let w = conflictAverseDual(gram: g, linear: a, rho: rho, count: k) else { return mean.map { $0 / divisor } }
        let gwNorm = quadraticForm(g, w, k).squareRoot()
        guard gwNorm >= 1e-4 else { return mean.map { $0 / divisor } }
        let lambda = rho / gwNorm
        return (0..<k).map { (mean[$0] + lambda * w[$0]) / divisor }
    }

    /// Registry entry `cagrad` (c = 0.5).
    public static let registration = RegisteredWeighting(
        CAGradWeighting.self, summary: "best worst-case improvement within a ball around the mean gradient (c = 0.5)",
        paper: "Liu, Liu, Jin, Stone & Liu, Conflict-Averse Gradient Descent for Multi-task Learning, NeurIPS 2021, arXiv:2110.14048"
    ) { _ in try CAGradWeighting(configuration: Configuration()) }
}

/// `wᵀGw` for a row-major `k × k` matrix.
func quadraticForm(_ g: [Double], _ w: [Double], _ k: Int) -> Double {
    var s = 0.0
    for i in 0..<k {
        var row = 0.0
        for j in 0..<k { row += g[i * k + j] * w[j] }
        s += w[i] * row
    }
    return s
}

/// `argmin_{w ∈ Δ} aᵀw + ρ·√(wᵀGw)` for positive semi-definite `G` (row-major `k × k`, unit trace).
///
/// At an optimum with `s = ‖w‖_G > 0` the KKT conditions are those of the simplex QP
/// `min aᵀw + (ρ/2t)·wᵀGw` at `t = s`, whose solution `w(t)` has `‖w(t)‖_G` non-decreasing in `t`.
/// The root of `t = ‖w(t)‖_G` is bracketed in `(0, max √G_ii]` and bisected; on each active set
/// `w(t) = w₀ + t·w₁` is affine, so the root is then found exactly from a quadratic equation and
/// accepted once the QP's KKT conditions hold there. `nil` when the optimum has `‖g_w‖ ≈ 0`.
func conflictAverseDual(gram g: [Double], linear a: [Double], rho: Double, count k: Int) -> [Double]? {
    var ridged = g
    for i in 0..<k { ridged[i * k + i] += 1e-13 }
    func solve(_ t: Double) -> [Double]? {
        let q = ridged.map { $0 * rho / t }
        return BoundedQuadraticProgram(q: q, linear: a, lower: [Double](repeating: 0, count: k), total: 1).solve()?.x
    }
    func norm(_ w: [Double]) -> Double { max(0, quadraticForm(ridged, w, k)).squareRoot() }
    var hi = (0..<k).map { max(0, g[$0 * k + $0]).squareRoot() }.max() ?? 0
    var lo = hi * 1e-9
    guard hi > 0, let wLo = solve(lo), lo - norm(wLo) < 0 else { return nil }
    var best = wLo
    for _ in 0..<80 {
        let mid = 0.5 * (lo + hi)
        guard let w = solve(mid) else { return nil }
        best = w
        if let exact = exactRoot(gram: ridged, linear: a, rho: rho, count: k, free: (0..<k).filter { w[$0] > 0 }) {
            return exact
        }
        if mid - norm(w) < 0 { lo = mid } else { hi = mid }
        if hi - lo <= 1e-15 * hi { break }
    }
    return best
}

/// The exact root of `t = ‖w(t)‖_G` if `free` is the optimal free set: a KKT point of the QP at `t`
/// with `t = ‖w‖_G` is a KKT point, hence the minimizer, of the convex dual.
private func exactRoot(gram g: [Double], linear a: [Double], rho: Double, count k: Int, free: [Int]) -> [Double]? {
    let f = free.count
    guard f > 0 else { return nil }
    func solveFree(_ rhs: [Double]) -> [Double]? {
        var m = [Double](repeating: 0, count: f * f)
        for (r, i) in free.enumerated() { for (s, j) in free.enumerated() { m[r * f + s] = g[i * k + j] } }
        var b = rhs
        return solveLinearSystem(&m, &b, size: f)
    }
    guard let h1 = solveFree([Double](repeating: 1, count: f)), let ha = solveFree(free.map { a[$0] }) else { return nil }
    let s1 = h1.reduce(0, +), sa = ha.reduce(0, +)
    guard abs(s1) > 0 else { return nil }
    // w_F(t) = w0 + t·w1 with w0 = h1/s1, w1 = ((sa/s1)·h1 − ha)/ρ.
    var w0 = [Double](repeating: 0, count: k), w1 = [Double](repeating: 0, count: k)
    for (r, i) in free.enumerated() { w0[i] = h1[r] / s1; w1[i] = (sa / s1 * h1[r] - ha[r]) / rho }
    let aa = quadraticForm(g, w0, k), cc = quadraticForm(g, w1, k)
    var bb = 0.0
    for i in 0..<k { for j in 0..<k { bb += w0[i] * g[i * k + j] * w1[j] } }
    // t² = aa + 2·bb·t + cc·t²  ⇔  (1 − cc)t² − 2bb·t − aa = 0.
    var roots: [Double] = []
    let lead = 1 - cc
    if abs(lead) <= 1e-14 {
        if bb != 0 { roots = [-aa / (2 * bb)] }
    } else {
        let disc = bb * bb + lead * aa
        guard disc >= 0 else { return nil }
        roots = [(bb + disc.squareRoot()) / lead, (bb - disc.squareRoot()) / lead]
    }
    for t in roots where t > 0 {
        let w = (0..<k).map { w0[$0] + t * w1[$0] }
        guard w.allSatisfy({ $0 >= -1e-12 }) else { continue }
        // Multipliers of the bounds outside the free set: (ρ/t)(Gw)_i + a_i − μ ≥ 0, μ from a free index.
        let kappa = rho / t
        func gradient(_ i: Int) -> Double {
            var s = a[i]
            for j in 0..<k { s += kappa * g[i * k + j] * w[j] }
            return s
        }
        let mu = gradient(free[0])
        let scale = max(1, abs(mu))
        if (0..<k).allSatisfy({ free.contains($0) || gradient($0) - mu >= -1e-10 * scale }) {
            return w.map { max(0, $0) }
        }
    }
    return nil
}
