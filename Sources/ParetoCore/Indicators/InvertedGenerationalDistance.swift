import NumericCore

/// Inverted generational distance (IGD) of an approximation set `A` to a reference front `R`.
///
///     IGD(A, R) = (1/|R|) · Σ_{r ∈ R} min_{a ∈ A} ‖a − r‖₂
///
/// The mean, over the reference points, of the Euclidean distance to the nearest point of `A`
/// (Coello Coello & Reyes Sierra, MICAI 2004, doi:10.1007/978-3-540-24694-7_71). This is moocore's
/// `igd` (the power mean with p = 1) and pymoo's `IGD`; some libraries instead report
/// `(Σ d²)^{1/2} / |R|`, which differs by up to a factor √|R|. Lower is better; minimization.
///
/// - Throws: `ParetoError.empty` for an empty set, `.nonFinite` for NaN/±∞,
///   `.dimensionMismatch` when the numbers of objectives differ.
/// - Complexity: O(|A|·|R|·M) time, O(1) extra space.
public func invertedGenerationalDistance(
    of approximation: Matrix<Double>, referenceFront: Matrix<Double>
) throws -> Double {
    try checkPair(approximation: approximation, reference: referenceFront)
    return meanNearestDistance(from: referenceFront, to: approximation, distance: .euclidean, evaluatedIsTo: true)
}
