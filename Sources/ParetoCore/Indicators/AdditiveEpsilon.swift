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
/// - Complexity: O(|A| log |A| + |R| log |R| + F_A·F_R·M) for F_A, F_R non-dominated points,
///   O(|A| + |R|) extra space.
public func additiveEpsilon(of approximation: Matrix<Double>, referenceFront: Matrix<Double>) throws -> Double {
    try checkPair(approximation: approximation, reference: referenceFront)
    // The inner minimum is attained at a non-dominated member of A, and the outer maximum at a
    // non-dominated member of R (a dominated r' needs no larger shift than the r dominating it).
    let approximation = withoutDominatedRows(approximation)
    let referenceFront = withoutDominatedRows(referenceFront)
    let m = approximation.columns, n = approximation.rows
    return approximation.withUnsafeBufferPointer { aBuffer in
        referenceFront.withUnsafeBufferPointer { rBuffer in
            let a = aBuffer.baseAddress!, r = rBuffer.baseAddress!
            var worst = -Double.infinity
            for u in 0..<referenceFront.rows {
                let z = r + u * m
                var best = Double.infinity
                switch m {
                case 2:
                    let z0 = z[0], z1 = z[1]
                    for s in 0..<n { best = min(best, max(a[2 * s] - z0, a[2 * s + 1] - z1)) }
                case 3:
                    let z0 = z[0], z1 = z[1], z2 = z[2]
                    for s in 0..<n {
                        best = min(best, max(a[3 * s] - z0, max(a[3 * s + 1] - z1, a[3 * s + 2] - z2)))
                    }
                default:
                    for s in 0..<n {
                        let row = a + s * m
                        var shift = row[0] - z[0]
                        for k in 1..<m where shift < best { shift = max(shift, row[k] - z[k]) }
                        best = min(best, shift)
                    }
                }
                worst = max(worst, best)
            }
            return worst
        }
    }
}
