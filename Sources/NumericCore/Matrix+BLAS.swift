/// Level-1/2/3 BLAS operations on `Matrix` and on plain arrays.
///
/// All calls go to OpenBLAS through CBLAS, row-major. Complexity is that of the BLAS routine:
/// `gemm` O(m·n·k), `gemv` O(m·n), `syrk` O(n²·k), `axpy`/`dot` O(n).
extension Matrix {
    /// `C ← α·op(A)·op(B) + β·C`, in place on `c`.
    /// - Throws: `NumericError.dimensionMismatch` when the shapes do not agree.
    public static func gemm(
        _ alpha: Scalar = 1, _ a: Matrix, transposed transposeA: Bool = false,
        _ b: Matrix, transposed transposeB: Bool = false,
        _ beta: Scalar = 0, into c: inout Matrix
    ) throws {
        let m = transposeA ? a.columns : a.rows
        let k = transposeA ? a.rows : a.columns
        let kb = transposeB ? b.columns : b.rows
        let n = transposeB ? b.rows : b.columns
        guard k == kb, c.rows == m, c.columns == n else {
            throw NumericError.dimensionMismatch(
                "gemm: op(A) is \(m)×\(k), op(B) is \(kb)×\(n), C is \(c.rows)×\(c.columns)")
        }
        if m == 0 || n == 0 { return }
        if k == 0 {  // BLAS would leave C scaled by beta; do it explicitly for clarity.
            c.withUnsafeMutableBufferPointer { cb in for i in cb.indices { cb[i] *= beta } }
            return
        }
        a.withUnsafeBufferPointer { ab in
            b.withUnsafeBufferPointer { bb in
                c.withUnsafeMutableBufferPointer { cb in
                    Scalar.gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha,
                                a: ab.baseAddress!, lda: max(a.columns, 1), b: bb.baseAddress!, ldb: max(b.columns, 1),
                                beta: beta, c: cb.baseAddress!, ldc: max(n, 1))
                }
            }
        }
    }

    /// The product `op(self)·op(other)`.
    public func multiplied(
        transposed transposeSelf: Bool = false, by other: Matrix, otherTransposed: Bool = false
    ) throws -> Matrix {
        var c = Matrix(rows: transposeSelf ? columns : rows, columns: otherTransposed ? other.rows : other.columns)
        try Matrix.gemm(1, self, transposed: transposeSelf, other, transposed: otherTransposed, 0, into: &c)
        return c
    }

    /// The matrix–vector product `op(self)·x`.
    public func multiplied(transposed: Bool = false, vector x: [Scalar]) throws -> [Scalar] {
        let m = rows, n = columns
        guard x.count == (transposed ? m : n) else {
            throw NumericError.dimensionMismatch("gemv: matrix is \(m)×\(n), vector has \(x.count) elements")
        }
        var y = [Scalar](repeating: 0, count: transposed ? n : m)
        if m == 0 || n == 0 { return y }
        withUnsafeBufferPointer { ab in
            x.withUnsafeBufferPointer { xb in
                y.withUnsafeMutableBufferPointer { yb in
                    Scalar.gemv(transpose: transposed, m: m, n: n, alpha: 1, a: ab.baseAddress!, lda: n,
                                x: xb.baseAddress!, incx: 1, beta: 0, y: yb.baseAddress!, incy: 1)
                }
            }
        }
        return y
    }

    /// The symmetric Gram matrix `self·selfᵀ` (rows' inner products), computed with `syrk`.
    public func gram() -> Matrix { symmetricProduct(transposed: false) }

    /// The symmetric cross-product `selfᵀ·self`, computed with `syrk`.
    public func crossProduct() -> Matrix { symmetricProduct(transposed: true) }

    private func symmetricProduct(transposed: Bool) -> Matrix {
        let n = transposed ? columns : rows
        let k = transposed ? rows : columns
        var c = Matrix(rows: n, columns: n)
        guard n > 0, k > 0 else { return c }
        withUnsafeBufferPointer { ab in
            c.withUnsafeMutableBufferPointer { cb in
                Scalar.syrk(transpose: transposed, n: n, k: k, alpha: 1, a: ab.baseAddress!, lda: columns,
                            beta: 0, c: cb.baseAddress!, ldc: n)
                // syrk fills the upper triangle only; mirror it.
                for i in 0..<n { for j in 0..<i { cb[i * n + j] = cb[j * n + i] } }
            }
        }
        return c
    }
}

/// Vector helpers over BLAS level 1.
public enum BLAS {
    /// `y ← α·x + y`. - Throws: on length mismatch.
    public static func axpy<S: BLASScalar>(_ alpha: S, _ x: [S], _ y: inout [S]) throws {
        guard x.count == y.count else {
            throw NumericError.dimensionMismatch("axpy: x has \(x.count) elements, y has \(y.count)")
        }
        if x.isEmpty { return }
        x.withUnsafeBufferPointer { xb in
            y.withUnsafeMutableBufferPointer { yb in
                S.axpy(n: x.count, alpha: alpha, x: xb.baseAddress!, incx: 1, y: yb.baseAddress!, incy: 1)
            }
        }
    }

    /// The inner product `xᵀy`. - Throws: on length mismatch.
    public static func dot<S: BLASScalar>(_ x: [S], _ y: [S]) throws -> S {
        guard x.count == y.count else {
            throw NumericError.dimensionMismatch("dot: x has \(x.count) elements, y has \(y.count)")
        }
        if x.isEmpty { return 0 }
        return x.withUnsafeBufferPointer { xb in
            y.withUnsafeBufferPointer { yb in S.dot(n: x.count, x: xb.baseAddress!, incx: 1, y: yb.baseAddress!, incy: 1) }
        }
    }
}
