import NumericCore

/// GD⁺, the generational distance with Ishibuchi's dominance-aware distance.
///
///     GD⁺(A, R) = (1/|A|) · Σ_{a ∈ A} min_{r ∈ R} √( Σ_{i=1..M} max(aᵢ − rᵢ, 0)² )
///
/// (Ishibuchi, Masuda, Tanigaki & Nojima, EMO 2015, LNCS 9019, doi:10.1007/978-3-319-15892-1_8.)
/// A point of `A` that weakly dominates some reference point contributes 0.
/// Same as pymoo's `GDPlus`. Lower is better; minimization.
///
/// - Throws: `ParetoError.empty`, `.nonFinite`, `.dimensionMismatch`.
/// - Complexity: O(|A|·|R|·M) time, O(1) extra space.
public func generationalDistancePlus(
    of approximation: Matrix<Double>, referenceFront: Matrix<Double>
) throws -> Double {
    try checkPair(approximation: approximation, reference: referenceFront)
    return meanNearestDistance(from: approximation, to: referenceFront, distance: .dominanceAware, evaluatedIsTo: false)
}
