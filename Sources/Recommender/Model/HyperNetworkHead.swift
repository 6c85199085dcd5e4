import NumericCore

/// The hypernetwork of `PreferenceConditioning.hypernetwork`: from a preference `λ` (`K` values),
/// `z = ReLU(A·λ + a)` (`hidden` units) and the head offsets `Δθ = B·z` (`outputs` values), added to
/// the plain head `C` (Navon, Shamsian, Chechik & Fetaya, "Learning the Pareto Front with
/// Hypernetworks", ICLR 2021, arXiv:2010.04104).
///
/// Parameter layout: `A` (`hidden × K`, row-major), `a` (`hidden`), `B` (`outputs × hidden`).
/// Backward, for `dΔθ`: `dB = dΔθ·zᵀ`, `dz = Bᵀ·dΔθ` (both `sgemm`), `dpre = dz ⊙ [pre > 0]`,
/// `dA = dpre·λᵀ`, `da = dpre`.
/// - Complexity: O(outputs · hidden + hidden · K) forward and backward.
struct HyperNetworkHead: Sendable, Equatable {
    let preferences: Int
    let hidden: Int
    let outputs: Int

    var parameterCount: Int { hidden * preferences + hidden + outputs * hidden }
    private var biasOffset: Int { hidden * preferences }
    private var outputOffset: Int { hidden * preferences + hidden }

    /// `A` He-normal (fan-in `K`), `a = 0.1` (units start alive), `B ~ N(0, (0.1·headScale)²/hidden)`
    /// so the generated offsets start at a tenth of the plain head's scale `headScale` (its RMS).
    func initialize(_ phi: inout [Float], headScale: Double, generator: inout SeededGenerator) {
        let sa = (2 / Double(preferences)).squareRoot()
        for i in 0..<(hidden * preferences) { phi[i] = Float(generator.nextGaussian() * sa) }
        for i in 0..<hidden { phi[biasOffset + i] = 0.1 }
        let sb = 0.1 * max(headScale, 1e-3) / Double(hidden).squareRoot()
        for i in 0..<(outputs * hidden) { phi[outputOffset + i] = Float(generator.nextGaussian() * sb) }
    }

    /// The hidden pre-activations `A·λ + a`.
    private func preActivation(_ phi: UnsafePointer<Float>, _ lambda: [Float]) -> [Float] {
        (0..<hidden).map { u in phi[biasOffset + u] + VectorKernels.dot(phi + u * preferences, lambda, preferences) }
    }

    /// Adds `B·ReLU(A·λ + a)` to `out` (`outputs` values).
    func forward(_ phi: UnsafePointer<Float>, preference lambda: [Float], addInto out: UnsafeMutablePointer<Float>) {
        let z = preActivation(phi, lambda).map { max($0, 0) }
        z.withUnsafeBufferPointer { zb in
            Float.gemm(transposeA: false, transposeB: false, m: outputs, n: 1, k: hidden, alpha: 1,
                       a: phi + outputOffset, lda: hidden, b: zb.baseAddress!, ldb: 1, beta: 1, c: out, ldc: 1)
        }
    }

    /// Writes the gradient of the hypernetwork's parameters for the output gradient `dOut` into `into`.
    func backward(_ phi: UnsafePointer<Float>, preference lambda: [Float], outputGradient dOut: UnsafePointer<Float>,
                  into dPhi: UnsafeMutablePointer<Float>) {
        let pre = preActivation(phi, lambda)
        let z = pre.map { max($0, 0) }
        var dz = [Float](repeating: 0, count: hidden)
        z.withUnsafeBufferPointer { zb in
            // dB = dOut · zᵀ (outputs × hidden, rank one).
            Float.gemm(transposeA: false, transposeB: false, m: outputs, n: hidden, k: 1, alpha: 1,
                       a: dOut, lda: 1, b: zb.baseAddress!, ldb: hidden, beta: 0, c: dPhi + outputOffset, ldc: hidden)
        }
        dz.withUnsafeMutableBufferPointer { db in
            // dz = dOutᵀ · B (1 × hidden).
            Float.gemm(transposeA: false, transposeB: false, m: 1, n: hidden, k: outputs, alpha: 1,
                       a: dOut, lda: outputs, b: phi + outputOffset, ldb: hidden, beta: 0, c: db.baseAddress!, ldc: hidden)
        }
        for u in 0..<hidden {
            let d: Float = pre[u] > 0 ? dz[u] : 0
            dPhi[biasOffset + u] = d
            for j in 0..<preferences { dPhi[u * preferences + j] = d * lambda[j] }
        }
    }
}
