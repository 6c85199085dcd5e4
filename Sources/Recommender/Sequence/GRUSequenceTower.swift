import NumericCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A gated recurrent unit over the history, whose state after the last real behaviour is the user
/// vector (hidden size `d`, initial state 0, an empty history gives 0).
///
/// Cho, van Merriënboer, Gulcehre, Bahdanau, Bougares, Schwenk & Bengio, "Learning Phrase
/// Representations using RNN Encoder–Decoder for Statistical Machine Translation", EMNLP 2014,
/// doi:10.3115/v1/D14-1179. In the reset-after form that cuDNN and PyTorch's `nn.GRU` use:
/// `r = σ(x·W_r + b_r + h·U_r + c_r)`, `z = σ(x·W_z + b_z + h·U_z + c_z)`,
/// `n = tanh(x·W_n + b_n + r ⊙ (h·U_n + c_n))`, `h' = (1 − z) ⊙ n + z ⊙ h`;
/// so the three recurrent products are one GEMM per step.
///
/// Forward: one `sgemm` for the input products of every packed behaviour, then per step `t` one
/// `sgemm` over the examples still running (the batch is ordered by history length, longest first,
/// so they are a prefix). Backward is backpropagation through time with the same GEMMs transposed.
/// Parameters: `W = [W_r W_z W_n]` (`d × 3d`), `U` (`d × 3d`), `b`, `c` (`3d` each).
/// - Complexity: O(P·d²) for `P` packed behaviours, forward and backward.
struct GRUSequenceTower: Sendable, Equatable {
    let dimension: Int
    var inputWeight: Int { 0 }
    var recurrentWeight: Int { 3 * dimension * dimension }
    var inputBias: Int { 6 * dimension * dimension }
    var recurrentBias: Int { 6 * dimension * dimension + 3 * dimension }
    var parameterCount: Int { 6 * dimension * dimension + 6 * dimension }

    /// Every weight and bias uniform in ±1/√d, as PyTorch initialises `nn.GRU`.
    func initialize(_ parameters: inout [Float], generator: inout SeededGenerator) {
        let a = 1 / Double(dimension).squareRoot()
        for i in 0..<parameterCount { parameters[i] = Float(generator.nextUniform(in: -a, a)) }
    }

    func forward(_ p: UnsafePointer<Float>, _ sw: SequenceWorkspace, out: UnsafeMutablePointer<Float>, ld: Int) {
        guard let gw = sw.gru else { return }
        let d = dimension, d3 = 3 * d, b = sw.batch
        gw.prepare(lengths: sw.lengths, batch: b)
        if sw.packed > 0 {
            Kernels.linearForward(x: sw.embeddings.pointer, ldx: d, weight: p + inputWeight, bias: p + inputBias,
                                  y: gw.inputProducts.pointer, batch: sw.packed, inSize: d, outSize: d3, relu: false)
        }
        let hidden = gw.hidden.pointer, gx = UnsafePointer(gw.inputProducts.pointer)
        hidden.update(repeating: 0, count: b * d)
        for t in 0..<gw.longest {
            let a = gw.active[t], ht = hidden + t * b * d, hn = hidden + (t + 1) * b * d
            let gh = gw.recurrentProducts.pointer + t * b * d3, gates = gw.gates.pointer + t * b * d3
            Kernels.linearForward(x: ht, ldx: d, weight: p + recurrentWeight, bias: p + recurrentBias, y: gh,
                                  batch: a, inSize: d, outSize: d3, relu: false)
            for j in 0..<a {
                let x = gx + (sw.rowStart[gw.order[j]] + t) * d3
                let g = gates + j * d3, hh = gh + j * d3, hp = ht + j * d, ho = hn + j * d
                for i in 0..<d {
                    let r = 1 / (1 + expf(-(x[i] + hh[i])))
                    let z = 1 / (1 + expf(-(x[d + i] + hh[d + i])))
                    let c = tanhf(x[2 * d + i] + r * hh[2 * d + i])
                    g[i] = r; g[d + i] = z; g[2 * d + i] = c
                    ho[i] = (1 - z) * c + z * hp[i]
                }
            }
        }
        for n in 0..<b {
            let u = out + n * ld, len = sw.lengths[n]
            if len == 0 { u.update(repeating: 0, count: d) } else { u.update(from: hidden + len * b * d + gw.position[n] * d, count: d) }
        }
    }

    func backward(_ p: UnsafePointer<Float>, _ sw: SequenceWorkspace, dOut: UnsafePointer<Float>, ld: Int,
                  gradient: UnsafeMutablePointer<Float>) {
        guard let gw = sw.gru else { return }
        let d = dimension, d3 = 3 * d, b = sw.batch
        let hidden = UnsafePointer(gw.hidden.pointer), dh = gw.stateGradient.pointer, dgh = gw.recurrentGradient.pointer
        let dgx = gw.inputGradient.pointer
        dh.update(repeating: 0, count: b * d)
        for t in stride(from: gw.longest - 1, through: 0, by: -1) {
            let a = gw.active[t], ht = hidden + t * b * d
            // Examples whose last behaviour is step t start receiving their output gradient here.
            for j in gw.active[t + 1]..<a { (dh + j * d).update(from: dOut + gw.order[j] * ld, count: d) }
            let gates = UnsafePointer(gw.gates.pointer) + t * b * d3, gh = UnsafePointer(gw.recurrentProducts.pointer) + t * b * d3
            for j in 0..<a {
                let g = gates + j * d3, hh = gh + j * d3, hp = ht + j * d, dhj = dh + j * d
                let dx = dgx + (sw.rowStart[gw.order[j]] + t) * d3, dr3 = dgh + j * d3
                for i in 0..<d {
                    let r = g[i], z = g[d + i], c = g[2 * d + i], dv = dhj[i]
                    let dc = dv * (1 - z) * (1 - c * c)
                    let dz = dv * (hp[i] - c) * z * (1 - z)
                    let dr = dc * hh[2 * d + i] * r * (1 - r)
                    dx[i] = dr; dx[d + i] = dz; dx[2 * d + i] = dc
                    dr3[i] = dr; dr3[d + i] = dz; dr3[2 * d + i] = dc * r
                    dhj[i] = dv * z
                }
            }
            guard a > 0 else { continue }
            Kernels.linearBackward(x: ht, ldx: d, weight: p + recurrentWeight, delta: dgh,
                                   weightGradient: gradient + recurrentWeight, biasGradient: gradient + recurrentBias,
                                   dx: dh, lddx: d, dxColumns: d, accumulateInput: true, batch: a, inSize: d, outSize: d3)
        }
        guard sw.packed > 0 else { return }
        Kernels.linearBackward(x: sw.embeddings.pointer, ldx: d, weight: p + inputWeight, delta: dgx,
                               weightGradient: gradient + inputWeight, biasGradient: gradient + inputBias,
                               dx: sw.embeddingGradients.pointer, lddx: d, dxColumns: d, accumulateInput: false,
                               batch: sw.packed, inSize: d, outSize: d3)
    }
}

/// Scratch of `GRUSequenceTower` (internal): the batch order by history length, the input products
/// of every packed behaviour, and per step the states, gates and recurrent products kept for BPTT.
final class GRUWorkspace {
    /// Example at position `j` of the length-ordered batch, and the position of each example.
    private(set) var order: [Int]
    private(set) var position: [Int]
    /// `active[t]`: examples with more than `t` behaviours (a prefix of `order`); `active[longest] = 0`.
    private(set) var active: [Int]
    private(set) var longest = 0
    let inputProducts: FloatBuffer
    let inputGradient: FloatBuffer
    let hidden: FloatBuffer
    let gates: FloatBuffer
    let recurrentProducts: FloatBuffer
    let stateGradient: FloatBuffer
    let recurrentGradient: FloatBuffer
    private var counts: [Int]
    private var blockStart: [Int]

    init(capacity: Int, length: Int, dimension d: Int) {
        order = [Int](repeating: 0, count: capacity)
        position = order
        active = [Int](repeating: 0, count: length + 1)
        counts = [Int](repeating: 0, count: length + 2)
        blockStart = [Int](repeating: 0, count: length + 1)
        inputProducts = FloatBuffer(capacity * length * 3 * d)
        inputGradient = FloatBuffer(capacity * length * 3 * d)
        hidden = FloatBuffer((length + 1) * capacity * d)
        gates = FloatBuffer(length * capacity * 3 * d)
        recurrentProducts = FloatBuffer(length * capacity * 3 * d)
        stateGradient = FloatBuffer(capacity * d)
        recurrentGradient = FloatBuffer(capacity * 3 * d)
    }

    /// Orders the batch by length, longest first (ties by example index), with a counting sort.
    func prepare(lengths: [Int], batch: Int) {
        let maxLength = active.count - 1
        for i in counts.indices { counts[i] = 0 }
        longest = 0
        for n in 0..<batch { counts[lengths[n]] += 1; longest = max(longest, lengths[n]) }
        // Start of each length's block when lengths run from maxLength down to 0.
        var start = 0
        for len in stride(from: maxLength, through: 0, by: -1) { blockStart[len] = start; start += counts[len] }
        for n in 0..<batch {
            let j = blockStart[lengths[n]]
            order[j] = n; position[n] = j
            blockStart[lengths[n]] += 1
        }
        var running = 0
        for t in stride(from: maxLength, through: 0, by: -1) {
            active[t] = running  // examples with length > t
            running += counts[t]
        }
    }
}
