import NumericCore

/// A fixed-size, zero-initialised scratch array of `Float` owned by a workspace.
///
/// Workspaces allocate these once per maximum batch size, so forward and backward passes run
/// without per-batch or per-sample allocation. Not thread-safe; one workspace per thread.
final class FloatBuffer {
    /// Start of the storage.
    let pointer: UnsafeMutablePointer<Float>
    /// Number of elements.
    let count: Int

    init(_ count: Int) {
        self.count = count
        pointer = .allocate(capacity: max(count, 1))
        pointer.initialize(repeating: 0, count: max(count, 1))
    }

    deinit { pointer.deallocate() }

    /// Sets the first `n` elements to zero.
    func zero(_ n: Int? = nil) { pointer.update(repeating: 0, count: n ?? count) }
}

/// Raw-pointer dense kernels shared by the networks: linear layers over `sgemm`, bias, ReLU.
///
/// Weights are stored `in × out` row-major, so a layer computes `Y = X·W + 1·bᵀ` for a row-major
/// batch `X` (`batch × in`). Complexity: O(batch·in·out) per GEMM.
enum Kernels {
    /// `Y ← X·W + b` (optionally followed by ReLU).
    static func linearForward(
        x: UnsafePointer<Float>, ldx: Int, weight: UnsafePointer<Float>, bias: UnsafePointer<Float>,
        y: UnsafeMutablePointer<Float>, batch: Int, inSize: Int, outSize: Int, relu: Bool
    ) {
        for n in 0..<batch { (y + n * outSize).update(from: bias, count: outSize) }
        Float.gemm(transposeA: false, transposeB: false, m: batch, n: outSize, k: inSize, alpha: 1,
                   a: x, lda: ldx, b: weight, ldb: outSize, beta: 1, c: y, ldc: outSize)
        if relu { VectorKernels.relu(y, batch * outSize) }
    }

    /// Multiplies `delta` by the ReLU derivative at the layer output `y` (1 where `y > 0`).
    static func reluBackward(y: UnsafePointer<Float>, delta: UnsafeMutablePointer<Float>, count: Int) {
        VectorKernels.reluMask(y, delta, count)
    }

    /// Accumulates `dW += Xᵀ·dY`, `db += Σ_rows dY`, and, if `dx` is given, sets `dX = dY·Wᵀ`
    /// (or adds it when `accumulateInput`), for the first `dxColumns` input columns only.
    static func linearBackward(
        x: UnsafePointer<Float>, ldx: Int, weight: UnsafePointer<Float>, delta: UnsafePointer<Float>,
        weightGradient: UnsafeMutablePointer<Float>?, biasGradient: UnsafeMutablePointer<Float>?,
        dx: UnsafeMutablePointer<Float>?, lddx: Int, dxColumns: Int, accumulateInput: Bool = false,
        batch: Int, inSize: Int, outSize: Int
    ) {
        if let dW = weightGradient {
            Float.gemm(transposeA: true, transposeB: false, m: inSize, n: outSize, k: batch, alpha: 1,
                       a: x, lda: ldx, b: delta, ldb: outSize, beta: 1, c: dW, ldc: outSize)
        }
        if let db = biasGradient {
            for n in 0..<batch { VectorKernels.axpy(1, delta + n * outSize, db, outSize) }
        }
        if let dx {
            Float.gemm(transposeA: false, transposeB: true, m: batch, n: dxColumns, k: outSize, alpha: 1,
                       a: delta, lda: outSize, b: weight, ldb: outSize, beta: accumulateInput ? 1 : 0,
                       c: dx, ldc: lddx)
        }
    }
}
