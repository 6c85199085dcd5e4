/// Factorizations through LAPACKE (row-major).
extension Matrix {
    /// Solves `A·X = B` for symmetric positive-definite `A = self` by Cholesky (`?potrf` + `?potrs`).
    ///
    /// Only the upper triangle of `self` is read. - Complexity: O(n³ + n²·r) for `r` right-hand sides.
    /// - Throws: `NumericError.notPositiveDefinite` or `.dimensionMismatch`.
    public func choleskySolve(_ b: Matrix) throws -> Matrix {
        guard rows == columns, b.rows == rows else {
            throw NumericError.dimensionMismatch("choleskySolve: A is \(rows)×\(columns), B is \(b.rows)×\(b.columns)")
        }
        var factor = self
        var x = b
        let n = rows
        if n == 0 { return x }
        let info = factor.withUnsafeMutableBufferPointer { fb in Scalar.potrf(n: n, a: fb.baseAddress!, lda: n) }
        if info > 0 { throw NumericError.notPositiveDefinite(leadingMinor: info) }
        if info < 0 { throw NumericError.lapackFailure(routine: "potrf", info: info) }
        if b.columns == 0 { return x }
        let solveInfo = factor.withUnsafeBufferPointer { fb in
            x.withUnsafeMutableBufferPointer { xb in
                Scalar.potrs(n: n, nrhs: b.columns, a: fb.baseAddress!, lda: n, b: xb.baseAddress!, ldb: b.columns)
            }
        }
        if solveInfo != 0 { throw NumericError.lapackFailure(routine: "potrs", info: solveInfo) }
        return x
    }

    /// Solves `A·x = b` for one right-hand side vector.
    public func choleskySolve(vector b: [Scalar]) throws -> [Scalar] {
        try choleskySolve(Matrix(rows: b.count, columns: 1, storage: b)).storage
    }

    /// Eigen-decomposition of the symmetric matrix `self` (`?syevd`; upper triangle read).
    ///
    /// - Returns: eigenvalues in ascending order and the orthonormal eigenvectors as the
    ///   *columns* of `vectors`, so `self·vectors[:, i] = values[i]·vectors[:, i]`.
    /// - Complexity: O(n³).
    public func symmetricEigen() throws -> (values: [Scalar], vectors: Matrix) {
        guard rows == columns else {
            throw NumericError.dimensionMismatch("symmetricEigen: matrix is \(rows)×\(columns)")
        }
        let n = rows
        var vectors = self
        var values = [Scalar](repeating: 0, count: n)
        if n == 0 { return (values, vectors) }
        let info = vectors.withUnsafeMutableBufferPointer { vb in
            values.withUnsafeMutableBufferPointer { wb in Scalar.syevd(n: n, a: vb.baseAddress!, lda: n, w: wb.baseAddress!) }
        }
        if info != 0 { throw NumericError.lapackFailure(routine: "syevd", info: info) }
        return (values, vectors)
    }
}
