import NumericCore

/// The eigendecomposition `G = V·diag(λ)·Vᵀ` of a symmetric positive semi-definite Gram matrix, with
/// the numerical rank and the operators built from it (pseudo-inverse, balancing transform).
///
/// Computed by LAPACK's divide-and-conquer `dsyevd` through ``Matrix/symmetricEigen()``. Eigenvalues
/// at or below `max(λ) · K · ε` (ε the machine epsilon) count as zero, the rank rule of NumPy's
/// `matrix_rank` and of the Aligned-MTL reference code.
struct GramianSpectrum {
    /// Eigenvalues, ascending.
    let values: [Double]
    /// Eigenvectors as the columns of a `K × K` matrix (row-major).
    let vectors: [Double]
    /// `K`.
    let count: Int
    /// Eigenvalues above this count as non-zero.
    let threshold: Double

    /// Decomposes `gram`.
    /// - Throws: `WeightingError.invalidInput` when LAPACK fails (non-finite input).
    /// - Complexity: O(K³).
    init(_ gram: Matrix<Double>) throws {
        let k = gram.rows
        do {
            let (values, vectors) = try gram.symmetricEigen()
            self.values = values
            self.vectors = vectors.storage
        } catch {
            throw WeightingError.invalidInput("eigendecomposition of the Gram matrix failed: \(error)")
        }
        count = k
        let largest = values.last ?? 0
        threshold = max(0, largest) * Double(k) * Double.ulpOfOne
    }

    /// Indices of the eigenvalues above the threshold.
    var positive: [Int] { (0..<count).filter { values[$0] > threshold } }

    /// `G⁺·b`: the pseudo-inverse applied to `b` (eigenvalues at or below the threshold dropped).
    /// - Complexity: O(K²).
    func pseudoInverse(times b: [Double]) -> [Double] {
        var out = [Double](repeating: 0, count: count)
        for e in positive {
            var projection = 0.0
            for i in 0..<count { projection += vectors[i * count + e] * b[i] }
            let coefficient = projection / values[e]
            for i in 0..<count { out[i] += coefficient * vectors[i * count + e] }
        }
        return out
    }

    /// `Σ_e f(λ_e) · v_e v_eᵀ · b` over the non-zero eigenvalues.
    func apply(_ f: (Double) -> Double, to b: [Double]) -> [Double] {
        var out = [Double](repeating: 0, count: count)
        for e in positive {
            var projection = 0.0
            for i in 0..<count { projection += vectors[i * count + e] * b[i] }
            let coefficient = projection * f(values[e])
            for i in 0..<count { out[i] += coefficient * vectors[i * count + e] }
        }
        return out
    }
}
