import NumericCore

/// DIN target attention: the candidate item `q` weights each past behaviour `e_t` by an activation
/// unit, an MLP on `[e_t, q, e_t − q, e_t ⊙ q]` (ReLU hidden layer of width `H`, then one linear
/// unit), and the user vector is the weighted sum `u = Σ_t a(e_t, q) · e_t` over the real behaviours.
/// As in DIN the weights are **not** normalised by a softmax, so `u` keeps the intensity of interest.
///
/// Zhou, Zhu, Song, Fan, Zhu, Ma, Yan, Jin, Li & Gai, "Deep Interest Network for Click-Through Rate
/// Prediction", KDD 2018, doi:10.1145/3219819.3219823. `q` is the candidate's item (+ category)
/// embedding in the history tables; DIN's PReLU/Dice is replaced by ReLU.
///
/// The activation unit runs as two `sgemm`s over every packed behaviour of the batch (forward) and
/// three more backward. Parameters: `W₁` (`4d × H`), `b₁` (`H`), `w₂` (`H`), `b₂` (1).
/// - Complexity: O(P·d·H) for `P` packed behaviours, forward and backward.
struct TargetAttentionTower: Sendable, Equatable {
    let dimension: Int
    let hidden: Int
    var firstWeight: Int { 0 }
    var firstBias: Int { 4 * dimension * hidden }
    var secondWeight: Int { 4 * dimension * hidden + hidden }
    var secondBias: Int { 4 * dimension * hidden + 2 * hidden }
    var parameterCount: Int { 4 * dimension * hidden + 2 * hidden + 1 }

    /// He-uniform `W₁`, Xavier-uniform `w₂`, zero biases (as `MLPSpec`).
    func initialize(_ parameters: inout [Float], generator: inout SeededGenerator) {
        let fan = 4 * dimension
        let a1 = (6 / Double(fan)).squareRoot(), a2 = (6 / Double(hidden + 1)).squareRoot()
        for i in 0..<(fan * hidden) { parameters[firstWeight + i] = Float(generator.nextUniform(in: -a1, a1)) }
        for i in 0..<hidden { parameters[firstBias + i] = 0; parameters[secondWeight + i] = Float(generator.nextUniform(in: -a2, a2)) }
        parameters[secondBias] = 0
    }

    func forward(_ p: UnsafePointer<Float>, _ sw: SequenceWorkspace, out: UnsafeMutablePointer<Float>, ld: Int) {
        guard let aw = sw.attention else { return }
        let d = dimension, d4 = 4 * d, h = hidden, rows = sw.packed
        let e = UnsafePointer(sw.embeddings.pointer), f = aw.features.pointer
        for n in 0..<sw.batch {
            let q = UnsafePointer(sw.query.pointer) + n * d
            for r in sw.rowStart[n]..<(sw.rowStart[n] + sw.lengths[n]) {
                let er = e + r * d, fr = f + r * d4
                for i in 0..<d {
                    fr[i] = er[i]; fr[d + i] = q[i]; fr[2 * d + i] = er[i] - q[i]; fr[3 * d + i] = er[i] * q[i]
                }
            }
        }
        if rows > 0 {
            Kernels.linearForward(x: f, ldx: d4, weight: p + firstWeight, bias: p + firstBias, y: aw.activations.pointer,
                                  batch: rows, inSize: d4, outSize: h, relu: true)
            Kernels.linearForward(x: aw.activations.pointer, ldx: h, weight: p + secondWeight, bias: p + secondBias,
                                  y: aw.weights.pointer, batch: rows, inSize: h, outSize: 1, relu: false)
        }
        let w = UnsafePointer(aw.weights.pointer)
        for n in 0..<sw.batch {
            let u = out + n * ld
            u.update(repeating: 0, count: d)
            for r in sw.rowStart[n]..<(sw.rowStart[n] + sw.lengths[n]) { VectorKernels.axpy(w[r], e + r * d, u, d) }
        }
    }

    func backward(_ p: UnsafePointer<Float>, _ sw: SequenceWorkspace, dOut: UnsafePointer<Float>, ld: Int,
                  gradient: UnsafeMutablePointer<Float>) {
        guard let aw = sw.attention else { return }
        let d = dimension, d4 = 4 * d, h = hidden, rows = sw.packed
        let e = UnsafePointer(sw.embeddings.pointer), de = sw.embeddingGradients.pointer
        let w = UnsafePointer(aw.weights.pointer), dw = aw.weightGradients.pointer
        for n in 0..<sw.batch {
            let du = dOut + n * ld
            for r in sw.rowStart[n]..<(sw.rowStart[n] + sw.lengths[n]) {
                dw[r] = VectorKernels.dot(du, e + r * d, d)
                VectorKernels.scale(w[r], du, de + r * d, d)
            }
        }
        let dq = sw.queryGradients.pointer
        dq.update(repeating: 0, count: sw.batch * d)
        guard rows > 0 else { return }
        let dh = aw.activationGradients.pointer, df = aw.featureGradients.pointer
        Kernels.linearBackward(x: aw.activations.pointer, ldx: h, weight: p + secondWeight, delta: dw,
                               weightGradient: gradient + secondWeight, biasGradient: gradient + secondBias,
                               dx: dh, lddx: h, dxColumns: h, batch: rows, inSize: h, outSize: 1)
        Kernels.reluBackward(y: aw.activations.pointer, delta: dh, count: rows * h)
        Kernels.linearBackward(x: aw.features.pointer, ldx: d4, weight: p + firstWeight, delta: dh,
                               weightGradient: gradient + firstWeight, biasGradient: gradient + firstBias,
                               dx: df, lddx: d4, dxColumns: d4, batch: rows, inSize: d4, outSize: h)
        for n in 0..<sw.batch {
            let q = UnsafePointer(sw.query.pointer) + n * d, dqn = dq + n * d
            for r in sw.rowStart[n]..<(sw.rowStart[n] + sw.lengths[n]) {
                let fr = UnsafePointer(df) + r * d4, er = e + r * d, der = de + r * d
                for i in 0..<d {
                    let product = fr[3 * d + i]
                    der[i] += fr[i] + fr[2 * d + i] + product * q[i]
                    dqn[i] += fr[d + i] - fr[2 * d + i] + product * er[i]
                }
            }
        }
    }
}

/// Scratch of `TargetAttentionTower` (internal): per packed behaviour the activation unit's input,
/// hidden layer and weight, and their gradients.
final class AttentionWorkspace {
    let features: FloatBuffer
    let activations: FloatBuffer
    let weights: FloatBuffer
    let featureGradients: FloatBuffer
    let activationGradients: FloatBuffer
    let weightGradients: FloatBuffer

    init(capacity: Int, length: Int, dimension d: Int, hidden: Int) {
        let rows = capacity * length
        features = FloatBuffer(rows * 4 * d)
        activations = FloatBuffer(rows * hidden)
        weights = FloatBuffer(rows)
        featureGradients = FloatBuffer(rows * 4 * d)
        activationGradients = FloatBuffer(rows * hidden)
        weightGradients = FloatBuffer(rows)
    }
}
