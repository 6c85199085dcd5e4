import NumericCore

/// IGD⁺, the inverted generational distance with Ishibuchi's dominance-aware distance.
///
///     IGD⁺(A, R) = (1/|R|) · Σ_{r ∈ R} min_{a ∈ A} √( Σ_{i=1..M} max(aᵢ − rᵢ, 0)² )
///
/// Only the amount by which `a` is worse than `r` counts, which makes IGD⁺ weakly Pareto
/// compliant (Ishibuchi, Masuda, Tanigaki & Nojima, "Modified distance calculation in generational
/// distance and inverted generational distance", EMO 2015, LNCS 9019, doi:10.1007/978-3-319-15892-1_8).
/// Same as moocore's `igd_plus` and pymoo's `IGDPlus`. Lower is better; minimization.
///
/// - Throws: `ParetoError.empty`, `.nonFinite`, `.dimensionMismatch` (see
///   ``invertedGenerationalDistance(of:referenceFront:)``).
/// - Complexity: O(|A| log |A| + F·|R|·M) time for F non-dominated points of `A`, O(|A|) extra
///   space.
public func invertedGenerationalDistancePlus(
    of approximation: Matrix<Double>, referenceFront: Matrix<Double>
) throws -> Double {
    try checkPair(approximation: approximation, reference: referenceFront)
    // Dominated members of A never attain the minimum (d⁺ is monotone), so they are dropped first.
    let candidates = withoutDominatedRows(approximation)
    return meanNearestDistance(from: referenceFront, to: candidates, distance: .dominanceAware, evaluatedIsTo: true)
}
