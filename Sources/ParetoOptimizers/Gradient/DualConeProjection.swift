import NumericCore

/// Projection onto the dual cone of the objectives' gradients, in weight space: for `G = JJᵀ` and a
/// weight vector `u`, the projection of `Jᵀu` onto `{d : Jd ≥ 0}` is `Jᵀv` with
///
///     v = argmin_{v ≥ u} vᵀGv
///
/// (Quinton & Rey, "Jacobian Descent for Multi-Objective Optimization", 2024, arXiv:2406.16232,
/// Proposition 1). The building block of UPGrad and DualProj; the QP is solved exactly by
/// ``BoundedQuadraticProgram``.
///
/// The Gram matrix is first scaled to unit trace and a ridge `regularization · I` is added, as
/// TorchJD does (`normalize` then `regularize`), so the QP is strictly convex even for linearly
/// dependent or zero gradients. TorchJD treats a trace below `1e-4` as zero, which makes the method
/// return the plain preference for gradients with `Σ‖g_k‖² < 1e-4` — common late in training — so
/// the callers here default to a floor of 0 (any positive trace is normalized; the result is then
/// invariant to the gradients' overall scale) and keep TorchJD's `1e-4` ridge.
struct DualConeProjection {
    /// The prepared Gram matrix `G/tr(G) + εI` (row-major, `K × K`).
    let gram: [Double]
    /// `K`.
    let count: Int

    /// Prepares `gram` (`K × K`): divides by its trace unless the trace is zero or below
    /// `normalizationFloor` (then the matrix is taken as zero), and adds `regularization` to the diagonal.
    init(gram: Matrix<Double>, normalizationFloor: Double = 0, regularization: Double = 1e-4) {
        let k = gram.rows
        var trace = 0.0
        for i in 0..<k { trace += gram[i, i] }
        var g = [Double](repeating: 0, count: k * k)
        if trace > 0, trace >= normalizationFloor {
            for i in 0..<(k * k) { g[i] = gram.storage[i] / trace }
        }
        for i in 0..<k { g[i * k + i] += regularization }
        self.gram = g
        count = k
    }

    /// The weights `v ≥ u` of the projection of `Jᵀu`.
    /// - Complexity: O(K³) per active-set iteration.
    func project(_ u: [Double]) -> [Double] {
        let qp = BoundedQuadraticProgram(q: gram, linear: [Double](repeating: 0, count: count), lower: u, total: nil)
        return qp.solve()?.x ?? u
    }
}
