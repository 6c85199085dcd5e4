import NumericCore

/// Generational distance (GD) of an approximation set `A` to a reference front `R`.
///
///     GD(A, R) = (1/|A|) · Σ_{a ∈ A} min_{r ∈ R} ‖a − r‖₂
///
/// The mean Euclidean distance from each point of `A` to its nearest reference point (Van Veldhuizen
/// & Lamont 1998, as a power mean with p = 1). This is pymoo's `GD` and the `gd` of moocore's C
/// library with p = 1; Van Veldhuizen's original `(Σ d²)^{1/2} / |A|` is smaller by up to √|A|.
/// Lower is better; minimization.
///
/// - Throws: `ParetoError.empty`, `.nonFinite`, `.dimensionMismatch`.
/// - Complexity: O(|A|·|R|·M) time, O(1) extra space.
public func generationalDistance(
    of approximation: Matrix<Double>, referenceFront: Matrix<Double>
) throws -> Double {
    try checkPair(approximation: approximation, reference: referenceFront)
    return meanNearestDistance(from: approximation, to: referenceFront, distance: .euclidean, evaluatedIsTo: false)
}
