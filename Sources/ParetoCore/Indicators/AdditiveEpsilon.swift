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
/// - Complexity: O(|A|·|R|·M) worst case, O(1) extra space; the scan of `A` for a reference point
///   stops as soon as that point cannot raise the maximum, and a point of `A` whose first two
///   objectives already cannot lower the minimum is skipped, so typical fronts cost far less.
public func additiveEpsilon(of approximation: Matrix<Double>, referenceFront: Matrix<Double>) throws -> Double {
    try checkPair(approximation: approximation, reference: referenceFront)
    // No dominance filtering: the early exits below already skip most pairs (measured faster).
    let m = approximation.columns, n = approximation.rows
    return approximation.withUnsafeBufferPointer { aBuffer in
        referenceFront.withUnsafeBufferPointer { rBuffer in
            let a = aBuffer.baseAddress!, r = rBuffer.baseAddress!
            // Once this reference point's best shift is ≤ the current maximum it cannot raise the
            // maximum, so the scan over A stops early (the result is unchanged).
            var worst = -Double.infinity
            for u in 0..<referenceFront.rows {
                let z = r + u * m
                var best = Double.infinity
                switch m {
                case 1:
                    let z0 = z[0]
                    for s in 0..<n {
                        best = min(best, a[s] - z0)
                        if best <= worst { break }
                    }
                case 2:
                    let z0 = z[0], z1 = z[1]
                    for s in 0..<n {
                        best = min(best, max(a[2 * s] - z0, a[2 * s + 1] - z1))
                        if best <= worst { break }
                    }
                case 3:
                    let z0 = z[0], z1 = z[1], z2 = z[2]
                    for s in 0..<n {
                        best = min(best, max(a[3 * s] - z0, max(a[3 * s + 1] - z1, a[3 * s + 2] - z2)))
                        if best <= worst { break }
                    }
                default:
                    for s in 0..<n {
                        // Two objectives decide most pairs; the rest run branch-free.
                        let row = a + s * m
                        var shift = max(row[0] - z[0], row[1] - z[1])
                        if shift >= best { continue }
                        for k in 2..<m { shift = max(shift, row[k] - z[k]) }
                        best = min(best, shift)
                        if best <= worst { break }
                    }
                }
                worst = max(worst, best)
            }
            return worst
        }
    }
}
