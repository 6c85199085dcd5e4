import NumericCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A softmax gate over expert outputs: `γ = softmax(x·G + c)` and `m = Σ_i γ_i · e_i`, forward and
/// backward on row-major batches (internal; the gates of PLE).
///
/// Backward: `∂L/∂e_i = γ_i · ∂L/∂m`; the gate logits' gradient is `γ_i (⟨∂L/∂m, e_i⟩ − Σ_j γ_j ⟨∂L/∂m, e_j⟩)`
/// (softmax Jacobian), then `G`, `c` and `x` get theirs through the linear map.
/// Complexity per batch of `B` with `m` experts of width `w`: O(B·(din·m + m·w)).
enum GatedMixture {
    /// Writes the gate probabilities (`batch × m`) and the mixture (`batch × width`).
    static func forward(_ p: UnsafePointer<Float>, gate: LayerSpec, x: UnsafePointer<Float>, ldx: Int, batch b: Int,
                        experts: [UnsafeMutablePointer<Float>], width: Int,
                        probabilities: UnsafeMutablePointer<Float>, output: UnsafeMutablePointer<Float>) {
        let m = gate.outSize
        Kernels.linearForward(x: x, ldx: ldx, weight: p + gate.weight, bias: p + gate.bias, y: probabilities,
                              batch: b, inSize: gate.inSize, outSize: m, relu: false)
        for n in 0..<b {
            let row = probabilities + n * m
            var top = row[0]
            for i in 1..<max(m, 1) where row[i] > top { top = row[i] }
            var sum: Float = 0
            for i in 0..<m { row[i] = expf(row[i] - top); sum += row[i] }
            for i in 0..<m { row[i] /= sum }
            let out = output + n * width
            out.update(repeating: 0, count: width)
            for i in 0..<m { VectorKernels.axpy(row[i], experts[i] + n * width, out, width) }
        }
    }

    /// From the mixture's gradient `dOutput`: adds `γ_i · dOutput` into `expertGradients[i]` (when
    /// given), the gate's parameter gradient into `gradient` (when given), and `dlogits · Gᵀ` restricted
    /// to the first `inputColumns` input columns into `inputGradient` (row stride `inputStride`,
    /// default `inputColumns`). `logitGradient` is scratch of `batch × m`.
    static func backward(_ p: UnsafePointer<Float>, gate: LayerSpec, x: UnsafePointer<Float>, ldx: Int, batch b: Int,
                         experts: [UnsafePointer<Float>], width: Int, probabilities: UnsafePointer<Float>,
                         dOutput: UnsafePointer<Float>, logitGradient dl: UnsafeMutablePointer<Float>,
                         expertGradients: [UnsafeMutablePointer<Float>]?, gradient: UnsafeMutablePointer<Float>?,
                         inputGradient: UnsafeMutablePointer<Float>?, inputColumns: Int, inputStride: Int? = nil) {
        let m = gate.outSize
        for n in 0..<b {
            let dm = dOutput + n * width, row = probabilities + n * m, d = dl + n * m
            var weighted: Float = 0
            for i in 0..<m {
                d[i] = VectorKernels.dot(dm, experts[i] + n * width, width)
                weighted += row[i] * d[i]
            }
            for i in 0..<m { d[i] = row[i] * (d[i] - weighted) }
            if let expertGradients {
                for i in 0..<m { VectorKernels.axpy(row[i], dm, expertGradients[i] + n * width, width) }
            }
        }
        if let gradient {
            Kernels.linearBackward(x: x, ldx: ldx, weight: p + gate.weight, delta: dl,
                                   weightGradient: gradient + gate.weight, biasGradient: gradient + gate.bias,
                                   dx: nil, lddx: ldx, dxColumns: 0, batch: b, inSize: gate.inSize, outSize: m)
        }
        if let inputGradient, inputColumns > 0 {
            Float.gemm(transposeA: false, transposeB: true, m: b, n: inputColumns, k: m, alpha: 1, a: dl, lda: m,
                       b: p + gate.weight, ldb: m, beta: 1, c: inputGradient, ldc: inputStride ?? inputColumns)
        }
    }
}
