import NumericCore

/// Per-objective gradient rescaling applied before the min-norm solve, as in Sener & Koltun's
/// reference code and LibMTL's `MGDA._gradient_normalizers` (Sener & Koltun 2018, "Multi-Task
/// Learning as Multi-Objective Optimization", NeurIPS, arXiv:1810.04650, §3.2 / supplementary).
///
/// Each gradient `g_k` is divided by a positive normalizer `c_k`:
/// - `none`: `c_k = 1`
/// - `l2`: `c_k = ‖g_k‖`
/// - `loss`: `c_k = L_k` (the objective value; must be positive)
/// - `lossPlus` (`"loss+"`): `c_k = L_k · ‖g_k‖`
///
/// Because `⟨g_i/c_i, g_j/c_j⟩ = G_ij/(c_i c_j)`, normalizing is a rescaling of the Gram matrix:
/// `G'_ij = G_ij / (c_i c_j)`. The min-norm weights `w` live on the simplex for the *normalized*
/// gradients; the combined direction in terms of the raw gradients is `d = Σ_k (w_k / c_k) g_k`
/// (`MGDAStep.directionCoefficients`). A zero-norm gradient keeps `c_k = 1` under `l2`/`loss+`'s
/// norm factor (it is already stationary for that objective).
public enum GradientNormalization: String, Sendable, CaseIterable, Codable {
    case none
    case l2
    case loss
    case lossPlus = "loss+"

    /// The normalizers `c_k` from the Gram diagonal (`‖g_k‖²`) and the objective values.
    /// - Throws: `MinNormError` when `loss`/`loss+` get no values, values of the wrong length, or a
    ///   value that is not positive and finite.
    public func normalizers(squaredNorms: [Double], losses: [Double]?) throws -> [Double] {
        let m = squaredNorms.count
        func norms() -> [Double] { squaredNorms.map { $0 > 0 ? $0.squareRoot() : 1 } }
        func checkedLosses() throws -> [Double] {
            guard let losses else {
                throw MinNormError.invalidValue("normalization \(rawValue) needs the objective values")
            }
            guard losses.count == m else {
                throw MinNormError.dimensionMismatch("\(losses.count) objective values for \(m) gradients")
            }
            for (k, v) in losses.enumerated() where !(v > 0 && v.isFinite) {
                throw MinNormError.invalidValue("normalization \(rawValue) needs positive objective values; value \(k) is \(v)")
            }
            return losses
        }
        switch self {
        case .none: return [Double](repeating: 1, count: m)
        case .l2: return norms()
        case .loss: return try checkedLosses()
        case .lossPlus:
            let l = try checkedLosses(), n = norms()
            return (0..<m).map { l[$0] * n[$0] }
        }
    }
}

/// One MGDA step's outcome on raw gradients: simplex weights for the normalized gradients, the
/// normalizers, and the coefficients of the common descent direction on the raw gradients.
public struct MGDAStep: Sendable, Equatable {
    /// The min-norm solve on the normalized Gram matrix.
    public var solution: MinNormResult
    /// The normalizers `c_k` (all 1 for `.none`).
    public var normalizers: [Double]
    /// `α_k = w_k / c_k`: the direction is `d = Σ_k α_k g_k` on the raw gradients.
    public var directionCoefficients: [Double]
}

/// MGDA on explicit gradients (rows of `gradients`, `M × n`, `Float` or `Double`), with optional
/// normalization. The Gram matrix is formed in `Double` (converting `Float` gradients first, so
/// inner products of long training gradients do not lose precision), then normalized as
/// `G'_ij = G_ij/(c_i c_j)` and solved by `minNormWeights(gram:method:maxIterations:tolerance:)`.
///
/// - Complexity: O(M²·n) for the Gram matrix (BLAS `dsyrk`), plus the solve.
/// - Throws: `MinNormError` on empty or non-finite input, or missing/invalid losses.
public func mgdaStep<Scalar: BLASScalar>(
    gradients: Matrix<Scalar>, losses: [Double]? = nil, normalization: GradientNormalization = .none,
    method: MinNormMethod = .automatic, maxIterations: Int = 250, tolerance: Double = 1e-10
) throws -> MGDAStep {
    guard gradients.rows > 0 else { throw MinNormError.empty }
    let asDouble: Matrix<Double>
    if let same = gradients as? Matrix<Double> {
        asDouble = same
    } else {
        asDouble = try Matrix<Double>(rows: gradients.rows, columns: gradients.columns,
                                      storage: gradients.storage.map { Double($0) })
    }
    for v in asDouble.storage where !v.isFinite {
        throw MinNormError.invalidValue("gradient entry \(v)")
    }
    return try mgdaStep(gram: asDouble.gram(), losses: losses, normalization: normalization,
                        method: method, maxIterations: maxIterations, tolerance: tolerance)
}

/// MGDA from a Gram matrix of raw gradients with optional normalization (see `GradientNormalization`).
/// - Throws: `MinNormError` as `minNormWeights` and `GradientNormalization.normalizers` do.
public func mgdaStep(
    gram: Matrix<Double>, losses: [Double]? = nil, normalization: GradientNormalization = .none,
    method: MinNormMethod = .automatic, maxIterations: Int = 250, tolerance: Double = 1e-10
) throws -> MGDAStep {
    let m = gram.rows
    guard m > 0 else { throw MinNormError.empty }
    guard gram.columns == m else {
        throw MinNormError.dimensionMismatch("Gram matrix is \(gram.rows)×\(gram.columns), expected square")
    }
    let c = try normalization.normalizers(squaredNorms: (0..<m).map { gram[$0, $0] }, losses: losses)
    var scaled = gram
    for i in 0..<m { for j in 0..<m { scaled[i, j] = gram[i, j] / (c[i] * c[j]) } }
    let solution = try minNormWeights(gram: scaled, method: method, maxIterations: maxIterations, tolerance: tolerance)
    return MGDAStep(solution: solution, normalizers: c,
                    directionCoefficients: (0..<m).map { solution.weights[$0] / c[$0] })
}
