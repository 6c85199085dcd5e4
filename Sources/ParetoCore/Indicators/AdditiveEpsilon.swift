import NumericCore

/// The additive ε-indicator of an approximation set `A` with respect to a reference set `R`.
///
///     ε₊(A, R) = max_{r ∈ R} min_{a ∈ A} max_{i=1..M} (aᵢ − rᵢ)
///
/// The smallest ε such that every reference point is weakly dominated by some point of `A` shifted
/// by −ε in every objective (Zitzler, Thiele, Laumanns, Fonseca & Grunert da Fonseca, "Performance
/// assessment of multiobjective optimizers: an analysis and review", IEEE TEVC 7(2), 2003,
/// doi:10.1109/TEVC.2003.810758). Same as moocore's `epsilon_additive`. May be negative when `A`
/// strictly dominates `R`. Lower is better; minimization.
///
/// - Throws: `ParetoError.empty`, `.nonFinite`, `.dimensionMismatch`.
/// - Complexity: O(|A|·|R|·M) time, O(1) extra space.
public func additiveEpsilon(of approximation: Matrix<Double>, referenceFront: Matrix<Double>) throws -> Double {
    try checkPair(approximation: approximation, reference: referenceFront)
    let m = approximation.columns
    return approximation.withUnsafeBufferPointer { a in
        referenceFront.withUnsafeBufferPointer { r in
            var worst = -Double.infinity
            for u in 0..<referenceFront.rows {
                let rBase = u * m
                var best = Double.infinity
                for s in 0..<approximation.rows {
                    let aBase = s * m
                    var shift = -Double.infinity
                    for k in 0..<m {
                        let d = a[aBase + k] - r[rBase + k]
                        if d > shift { shift = d }
                        if shift >= best { break }
                    }
                    if shift < best { best = shift }
                }
                if best > worst { worst = best }
            }
            return worst
        }
    }
}
