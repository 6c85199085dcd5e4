import NumericCore

/// The two-tower network: user tower → `h` (`dh`), item tower → `g` (`dg`), and for all `K`
/// objectives at once the bilinear scores `s_k = hᵀ W_k g + b_k`.
///
/// The `W_k` are stored side by side as one `dh × (K·dg)` matrix `W = [W_1 … W_K]`, so the forward pass
/// computes `P = H·W` with one `sgemm` and then row-wise dot products `s_nk = P[n, k-block]·g_n`.
/// Backward: `dP[n, k-block] = ds_nk · g_n`, `dW = Hᵀ·dP`, `dh_n = Σ_k ds_nk · Q[n, k-block]` with
/// `Q = [G·W_1ᵀ … G·W_Kᵀ]` (K GEMMs once per batch), `dg_n = Σ_k ds_nk · P[n, k-block]`; so each
/// objective's gradient w.r.t. `(h, g)` costs only O(B·(dh + dg)) once `Q` exists (MGDA-UB).
/// Parameter layout: user tower, item tower (the shared parameters), then `W`, then `b`.
/// Complexity per batch of `B`: O(B·(tower costs + dh·K·dg)).
struct TwoTowerNetwork: Sendable, Equatable {
    let user: MLPSpec
    let item: MLPSpec
    let objectives: Int
    let interaction: Int
    let headBias: Int
    let parameterCount: Int
    let sharedParameterCount: Int

    init(encoder: InputEncoder, userWidths: [Int], itemWidths: [Int], objectives: Int) {
        // The sequence tower's or the item convolution's parameters come first (a model has at most one of them).
        var offset = encoder.sequenceParameterCount + (encoder.itemConvolution.map { $0.weight + $0.parameterCount } ?? 0)
        user = MLPSpec(inSize: encoder.userInputSize, widths: userWidths, offset: &offset)
        item = MLPSpec(inSize: encoder.itemInputSize, widths: itemWidths, offset: &offset)
        sharedParameterCount = offset
        self.objectives = objectives
        interaction = offset
        offset += user.outSize * objectives * item.outSize
        headBias = offset
        offset += objectives
        parameterCount = offset
    }

    var dh: Int { user.outSize }
    var dg: Int { item.outSize }

    /// Towers He/Xavier as in `MLPSpec`; `W_k` uniform with variance 1/(dh·dg) so initial scores have
    /// unit scale; zero biases.
    func initialize(_ parameters: inout [Float], generator: inout SeededGenerator) {
        user.initialize(&parameters, generator: &generator)
        item.initialize(&parameters, generator: &generator)
        let a = (3 / Double(dh * dg)).squareRoot()
        for i in 0..<(dh * objectives * dg) { parameters[interaction + i] = Float(generator.nextUniform(in: -a, a)) }
        for k in 0..<objectives { parameters[headBias + k] = 0 }
    }

    func representationSize(batch: Int) -> Int { batch * (dh + dg) }

    func forward(_ p: UnsafePointer<Float>, _ ws: ModelWorkspace, _ tw: TwoTowerWorkspace, encoder: InputEncoder) {
        let b = ws.batch, k = objectives, kdg = objectives * dg
        let up = encoder.userPlacement(capacity: ws.capacity), ip = encoder.itemPlacement(capacity: ws.capacity)
        encoder.encodeItemAttributes(p, ws)
        user.forward(parameters: p, x: ws.inputs.pointer + up.base, ldx: up.ld, batch: b, workspace: tw.user)
        item.forward(parameters: p, x: ws.inputs.pointer + ip.base, ldx: ip.ld, batch: b, workspace: tw.item)
        let h = tw.user.output, g = tw.item.output, pp = tw.projected.pointer, s = ws.scores.pointer
        tw.projectedItemReady = false
        Float.gemm(transposeA: false, transposeB: false, m: b, n: kdg, k: dh, alpha: 1, a: h, lda: dh,
                   b: p + interaction, ldb: kdg, beta: 0, c: pp, ldc: kdg)
        let bias = p + headBias, dg = self.dg
        for n in 0..<b {
            let gn = g + n * dg
            for o in 0..<k {
                s[n * k + o] = VectorKernels.dot(pp + n * kdg + o * dg, gn, dg) + bias[o]
            }
        }
    }

    /// Head backward for score gradients `dS` (`batch × K`); objective `only` alone when given.
    /// Accumulates head parameter gradients into `gradient`, and writes `[dH | dG]` into `representation`.
    func headBackward(_ p: UnsafePointer<Float>, _ ws: ModelWorkspace, _ tw: TwoTowerWorkspace, dS: UnsafePointer<Float>,
                      only: Int?, gradient: UnsafeMutablePointer<Float>?, representation: UnsafeMutablePointer<Float>?) {
        let b = ws.batch, k = objectives, kdg = objectives * dg, dg = self.dg, dh = self.dh
        let h = tw.user.output, g = tw.item.output, pp = tw.projected.pointer, dp = tw.projectedGradient.pointer
        let range = only.map { $0..<($0 + 1) } ?? 0..<k
        let first = range.lowerBound, width = range.count * dg
        if let gradient {
            for n in 0..<b {
                let gn = g + n * dg
                for o in range { VectorKernels.scale(dS[n * k + o], gn, dp + n * kdg + o * dg, dg) }
            }
            Float.gemm(transposeA: true, transposeB: false, m: dh, n: width, k: b, alpha: 1, a: h, lda: dh,
                       b: dp + first * dg, ldb: kdg, beta: 1, c: gradient + interaction + first * dg, ldc: kdg)
            for n in 0..<b { for o in range { gradient[headBias + o] += dS[n * k + o] } }
        }
        if let representation {
            // dh_n = Σ_k ds_nk · W_k g_n and dg_n = Σ_k ds_nk · W_kᵀ h_n: row scalings of Q = [G·W_1ᵀ … G·W_Kᵀ]
            // (computed once per batch) and of P, so each objective's representation gradient is elementwise.
            if !tw.projectedItemReady {
                for o in 0..<k {
                    Float.gemm(transposeA: false, transposeB: true, m: b, n: dh, k: dg, alpha: 1, a: g, lda: dg,
                               b: p + interaction + o * dg, ldb: kdg, beta: 0, c: tw.projectedItem.pointer + o * dh, ldc: k * dh)
                }
                tw.projectedItemReady = true
            }
            let q = tw.projectedItem.pointer, kdh = k * dh
            let dH = representation, dG = representation + b * dh
            for n in 0..<b {
                let outH = dH + n * dh, outG = dG + n * dg
                VectorKernels.scale(dS[n * k + first], q + n * kdh + first * dh, outH, dh)
                VectorKernels.scale(dS[n * k + first], pp + n * kdg + first * dg, outG, dg)
                for o in range.dropFirst() {
                    VectorKernels.axpy(dS[n * k + o], q + n * kdh + o * dh, outH, dh)
                    VectorKernels.axpy(dS[n * k + o], pp + n * kdg + o * dg, outG, dg)
                }
            }
        }
    }

    /// Backward through both towers from `[dH | dG]`, into shared parameter and embedding gradients.
    func sharedBackward(_ p: UnsafePointer<Float>, _ ws: ModelWorkspace, _ tw: TwoTowerWorkspace,
                        representation: UnsafePointer<Float>, gradient: UnsafeMutablePointer<Float>,
                        tableGradients: inout [[Float]], encoder: InputEncoder) {
        let b = ws.batch
        let up = encoder.userPlacement(capacity: ws.capacity), ip = encoder.itemPlacement(capacity: ws.capacity)
        let x = UnsafePointer(ws.inputs.pointer), dx = ws.inputGradients.pointer
        user.backward(parameters: p, x: x + up.base, ldx: up.ld, batch: b, workspace: tw.user, dOut: representation,
                      gradient: gradient, dx: dx + up.base, lddx: up.ld, inputColumns: encoder.userEmbeddingColumns,
                      accumulateInput: false)
        item.backward(parameters: p, x: x + ip.base, ldx: ip.ld, batch: b, workspace: tw.item,
                      dOut: representation + b * dh, gradient: gradient, dx: dx + ip.base, lddx: ip.ld,
                      inputColumns: encoder.itemEmbeddingColumns, accumulateInput: false)
        encoder.scatterEmbeddingGradients(&tableGradients, workspace: ws, batch: b, from: dx, user: up, item: ip,
                                          parameters: p, gradient: gradient)
    }
}

/// Scratch buffers of the two-tower network.
final class TwoTowerWorkspace {
    let user: MLPWorkspace
    let item: MLPWorkspace
    let projected: FloatBuffer
    let projectedGradient: FloatBuffer
    /// `Q = [G·W_1ᵀ … G·W_Kᵀ]` (`batch × K·dh`), computed lazily once per forward pass.
    let projectedItem: FloatBuffer
    var projectedItemReady = false

    init(_ net: TwoTowerNetwork, capacity: Int) {
        user = MLPWorkspace(net.user, capacity: capacity)
        item = MLPWorkspace(net.item, capacity: capacity)
        projected = FloatBuffer(capacity * net.objectives * net.dg)
        projectedGradient = FloatBuffer(capacity * net.objectives * net.dg)
        projectedItem = FloatBuffer(capacity * net.objectives * net.dh)
    }
}
