import NumericCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Multi-gate Mixture-of-Experts (Ma et al., KDD 2018, doi:10.1145/3219819.3220007).
///
/// Shared input `x` (user and item embeddings and dense features, concatenated) → `E` expert MLPs
/// `f_e(x)`; per objective `k` a softmax gate `γ_k(x) = softmax(x·G_k + c_k)`, the mixture
/// `m_k = Σ_e γ_ke · f_e(x)`, and a tower (ReLU layers, then one linear unit) giving the score `s_k`.
/// Shared parameters: the experts (first in the layout) and the embeddings; gates and towers are
/// per objective. The shared representation (for MGDA-UB) is the experts' outputs, plus the input
/// embeddings' columns when there are categorical fields (gates also read them).
/// Complexity per batch of `B`: O(B·(E·expert cost + K·(din·E + E·de + tower cost))).
struct MMoENetwork: Sendable, Equatable {
    let experts: [MLPSpec]
    let gates: [LayerSpec]
    let towers: [MLPSpec]
    let objectives: Int
    let inputSize: Int
    let embeddingColumns: Int
    let parameterCount: Int
    let sharedParameterCount: Int

    init(encoder: InputEncoder, expertCount: Int, expertWidths: [Int], towerWidths: [Int], objectives: Int) {
        // The sequence tower's or the item convolution's parameters come first (a model has at most one of them).
        var offset = encoder.sequenceParameterCount + (encoder.itemConvolution.map { $0.weight + $0.parameterCount } ?? 0)
        let din = encoder.sharedInputSize
        experts = (0..<expertCount).map { _ in MLPSpec(inSize: din, widths: expertWidths, offset: &offset) }
        sharedParameterCount = offset
        var gates: [LayerSpec] = []
        for _ in 0..<objectives {
            gates.append(LayerSpec(inSize: din, outSize: expertCount, weight: offset, bias: offset + din * expertCount, relu: false))
            offset += din * expertCount + expertCount
        }
        self.gates = gates
        let de = expertWidths[expertWidths.count - 1]
        towers = (0..<objectives).map { _ in MLPSpec(inSize: de, widths: towerWidths + [1], reluOnLast: false, offset: &offset) }
        self.objectives = objectives
        inputSize = din
        embeddingColumns = encoder.userEmbeddingColumns
        parameterCount = offset
    }

    var expertCount: Int { experts.count }
    var expertSize: Int { experts[0].outSize }

    /// Experts and towers as in `MLPSpec`; gate weights Xavier-uniform; zero biases.
    func initialize(_ parameters: inout [Float], generator: inout SeededGenerator) {
        for e in experts { e.initialize(&parameters, generator: &generator) }
        for gate in gates {
            let a = (6 / Double(gate.inSize + gate.outSize)).squareRoot()
            for i in 0..<(gate.inSize * gate.outSize) { parameters[gate.weight + i] = Float(generator.nextUniform(in: -a, a)) }
            for j in 0..<gate.outSize { parameters[gate.bias + j] = 0 }
        }
        for t in towers { t.initialize(&parameters, generator: &generator) }
    }

    func representationSize(batch: Int) -> Int { batch * (expertCount * expertSize + embeddingColumns) }

    func forward(_ p: UnsafePointer<Float>, _ ws: ModelWorkspace, _ mw: MMoEWorkspace, encoder: InputEncoder) {
        encoder.encodeItemAttributes(p, ws)
        let b = ws.batch, x = UnsafePointer(ws.inputs.pointer), din = inputSize, e = expertCount, de = expertSize
        for i in 0..<e { experts[i].forward(parameters: p, x: x, ldx: din, batch: b, workspace: mw.experts[i]) }
        for k in 0..<objectives {
            let gate = mw.gates[k].pointer, mix = mw.mixtures[k].pointer
            Kernels.linearForward(x: x, ldx: din, weight: p + gates[k].weight, bias: p + gates[k].bias, y: gate,
                                  batch: b, inSize: din, outSize: e, relu: false)
            for n in 0..<b {
                let row = gate + n * e
                var maxValue = row[0]
                for i in 1..<max(e, 1) where row[i] > maxValue { maxValue = row[i] }
                var sum: Float = 0
                for i in 0..<e { row[i] = expf(row[i] - maxValue); sum += row[i] }
                for i in 0..<e { row[i] /= sum }
                let m = mix + n * de
                for j in 0..<de { m[j] = 0 }
                for i in 0..<e { VectorKernels.axpy(row[i], mw.experts[i].output + n * de, m, de) }
            }
            towers[k].forward(parameters: p, x: mix, ldx: de, batch: b, workspace: mw.towers[k])
            let out = mw.towers[k].output
            for n in 0..<b { ws.scores.pointer[n * objectives + k] = out[n] }
        }
    }

    /// Head backward (towers, gates, mixtures) for score gradients `dS`; objective `only` alone when given.
    /// Accumulates gate and tower gradients into `gradient`; writes the representation gradient
    /// `[d expert outputs | d embedding columns]` into `representation`.
    func headBackward(_ p: UnsafePointer<Float>, _ ws: ModelWorkspace, _ mw: MMoEWorkspace, dS: UnsafePointer<Float>,
                      only: Int?, gradient: UnsafeMutablePointer<Float>?, representation: UnsafeMutablePointer<Float>?) {
        let b = ws.batch, x = UnsafePointer(ws.inputs.pointer), din = inputSize, e = expertCount, de = expertSize
        let dOut = mw.towerGradient.pointer, dMix = mw.mixtureGradient.pointer, dLogit = mw.gateGradient.pointer
        if let representation { representation.update(repeating: 0, count: representationSize(batch: b)) }
        let range = only.map { $0..<($0 + 1) } ?? 0..<objectives
        for k in range {
            for n in 0..<b { dOut[n] = dS[n * objectives + k] }
            towers[k].backward(parameters: p, x: mw.mixtures[k].pointer, ldx: de, batch: b, workspace: mw.towers[k],
                               dOut: dOut, gradient: gradient, dx: dMix, lddx: de, inputColumns: de, accumulateInput: false)
            let gate = mw.gates[k].pointer
            for n in 0..<b {
                let dm = dMix + n * de, row = gate + n * e, dl = dLogit + n * e
                var weighted: Float = 0
                for i in 0..<e {
                    let acc = VectorKernels.dot(dm, mw.experts[i].output + n * de, de)
                    dl[i] = acc
                    weighted += row[i] * acc
                }
                for i in 0..<e { dl[i] = row[i] * (dl[i] - weighted) }
            }
            if let gradient {
                Kernels.linearBackward(x: x, ldx: din, weight: p + gates[k].weight, delta: dLogit,
                                       weightGradient: gradient + gates[k].weight, biasGradient: gradient + gates[k].bias,
                                       dx: nil, lddx: din, dxColumns: 0, batch: b, inSize: din, outSize: e)
            }
            if let representation {
                for i in 0..<e {
                    let block = representation + i * b * de
                    for n in 0..<b {
                        VectorKernels.axpy(gate[n * e + i], dMix + n * de, block + n * de, de)
                    }
                }
                if embeddingColumns > 0 {
                    Float.gemm(transposeA: false, transposeB: true, m: b, n: embeddingColumns, k: e, alpha: 1,
                               a: dLogit, lda: e, b: p + gates[k].weight, ldb: e, beta: 1,
                               c: representation + e * b * de, ldc: embeddingColumns)
                }
            }
        }
    }

    /// Backward through the experts (and into the embeddings) from a representation gradient.
    func sharedBackward(_ p: UnsafePointer<Float>, _ ws: ModelWorkspace, _ mw: MMoEWorkspace,
                        representation: UnsafePointer<Float>, gradient: UnsafeMutablePointer<Float>,
                        tableGradients: inout [[Float]], encoder: InputEncoder) {
        let b = ws.batch, x = UnsafePointer(ws.inputs.pointer), din = inputSize, de = expertSize
        let dx = ws.inputGradients.pointer, ec = embeddingColumns
        if ec > 0 {
            let src = representation + expertCount * b * de
            for n in 0..<b { (dx + n * din).update(from: src + n * ec, count: ec) }
        }
        for i in 0..<expertCount {
            experts[i].backward(parameters: p, x: x, ldx: din, batch: b, workspace: mw.experts[i],
                                dOut: representation + i * b * de, gradient: gradient,
                                dx: ec > 0 ? dx : nil, lddx: din, inputColumns: ec, accumulateInput: true)
        }
        let up = encoder.userPlacement(capacity: ws.capacity), ip = encoder.itemPlacement(capacity: ws.capacity)
        encoder.scatterEmbeddingGradients(&tableGradients, workspace: ws, batch: b, from: dx, user: up, item: ip,
                                          parameters: p, gradient: gradient)
    }
}

/// Scratch buffers of the MMoE network.
final class MMoEWorkspace {
    let experts: [MLPWorkspace]
    let towers: [MLPWorkspace]
    let gates: [FloatBuffer]
    let mixtures: [FloatBuffer]
    let towerGradient: FloatBuffer
    let mixtureGradient: FloatBuffer
    let gateGradient: FloatBuffer

    init(_ net: MMoENetwork, capacity: Int) {
        experts = net.experts.map { MLPWorkspace($0, capacity: capacity) }
        towers = net.towers.map { MLPWorkspace($0, capacity: capacity) }
        gates = (0..<net.objectives).map { _ in FloatBuffer(capacity * net.expertCount) }
        mixtures = (0..<net.objectives).map { _ in FloatBuffer(capacity * net.expertSize) }
        towerGradient = FloatBuffer(capacity)
        mixtureGradient = FloatBuffer(capacity * net.expertSize)
        gateGradient = FloatBuffer(capacity * net.expertCount)
    }
}
