import Foundation
import NumericCore

/// Entire Space Multi-task Model: a CTR tower and a CVR tower over shared embeddings, trained on
/// every impression through `pCTR` and `pCTCVR = pCTR × pCVR`.
///
/// Ma, Zhao, Huang, Wang, Hu, Zhu & Gai, "Entire Space Multi-Task Model: An Effective Approach for
/// Estimating Post-Click Conversion Rate", SIGIR 2018, doi:10.1145/3209978.3210104.
///
/// Two objectives, in order: click and click-and-convert. Tower logits `a = t_ctr(x)`, `b = t_cvr(x)`;
/// the scores are `s_0 = a` and `s_1 = logit(σ(a)·σ(b))`, so a logistic loss on `s_1` with the
/// purchase label is the paper's CTCVR loss over the entire space, and the CVR tower learns only
/// through it (no loss on clicked impressions alone). `pCVR = σ(s_1)/σ(s_0)` (`conversionProbability`).
/// Shared parameters: the embeddings only (no shared dense layer, as in the paper); the shared
/// representation is the input row `x` that both towers read.
/// Complexity per batch of `B`: O(B·(2 tower costs)).
struct ESMMNetwork: Sendable, Equatable {
    let ctr: MLPSpec
    let cvr: MLPSpec
    let inputSize: Int
    let embeddingColumns: Int
    let parameterCount: Int
    /// Only the sequence tower's parameters (if any) are shared; ESMM's towers are per objective.
    let sharedParameterCount: Int
    let objectives = 2

    init(encoder: InputEncoder, towerWidths: [Int]) {
        var offset = encoder.sequenceParameterCount  // the sequence tower's parameters come first
        sharedParameterCount = offset
        inputSize = encoder.sharedInputSize
        ctr = MLPSpec(inSize: inputSize, widths: towerWidths + [1], reluOnLast: false, offset: &offset)
        cvr = MLPSpec(inSize: inputSize, widths: towerWidths + [1], reluOnLast: false, offset: &offset)
        embeddingColumns = encoder.userEmbeddingColumns
        parameterCount = offset
    }

    /// He / Xavier weights as in `MLPSpec`, zero biases.
    func initialize(_ parameters: inout [Float], generator: inout SeededGenerator) {
        ctr.initialize(&parameters, generator: &generator)
        cvr.initialize(&parameters, generator: &generator)
    }

    func representationSize(batch: Int) -> Int { batch * inputSize }

    func forward(_ p: UnsafePointer<Float>, _ ws: ModelWorkspace, _ ew: ESMMWorkspace) {
        let b = ws.batch, x = UnsafePointer(ws.inputs.pointer)
        ctr.forward(parameters: p, x: x, ldx: inputSize, batch: b, workspace: ew.ctr)
        cvr.forward(parameters: p, x: x, ldx: inputSize, batch: b, workspace: ew.cvr)
        let a = ew.ctr.output, c = ew.cvr.output, s = ws.scores.pointer, slope = ew.slopes.pointer
        for n in 0..<b {
            let (z, dzda, dzdb) = Self.ctcvrLogit(Double(a[n]), Double(c[n]))
            s[n * 2] = a[n]
            s[n * 2 + 1] = Float(z)
            slope[n * 2] = Float(dzda)
            slope[n * 2 + 1] = Float(dzdb)
        }
    }

    /// `z = logit(σ(a)σ(b))` and its partial derivatives `(1 − σ(a))/(1 − p)`, `(1 − σ(b))/(1 − p)`,
    /// in `Double` with log-sigmoids so that neither saturated tower gives NaN.
    static func ctcvrLogit(_ a: Double, _ b: Double) -> (Double, Double, Double) {
        let logP = min(logSigmoid(a) + logSigmoid(b), -1e-12)
        let logOneMinusP = log(-expm1(logP))
        let oneMinusP = exp(logOneMinusP)
        return (logP - logOneMinusP, sigmoid(-a) / oneMinusP, sigmoid(-b) / oneMinusP)
    }

    private static func logSigmoid(_ t: Double) -> Double { -(max(-t, 0) + log1p(exp(-abs(t)))) }
    private static func sigmoid(_ t: Double) -> Double { t >= 0 ? 1 / (1 + exp(-t)) : exp(t) / (1 + exp(t)) }

    /// Tower backward for score gradients `dS` (objective `only` alone when given): `s_0` reaches the
    /// CTR tower, `s_1` both towers through the chain rule of the product. Writes `dx` into `representation`.
    func headBackward(_ p: UnsafePointer<Float>, _ ws: ModelWorkspace, _ ew: ESMMWorkspace, dS: UnsafePointer<Float>,
                      only: Int?, gradient: UnsafeMutablePointer<Float>?, representation: UnsafeMutablePointer<Float>?) {
        let b = ws.batch, x = UnsafePointer(ws.inputs.pointer), slope = ew.slopes.pointer
        let useClick = only == nil || only == 0, useConversion = only == nil || only == 1
        let dA = ew.ctrGradient.pointer, dB = ew.cvrGradient.pointer
        for n in 0..<b {
            let dz = useConversion ? dS[n * 2 + 1] : 0
            dA[n] = (useClick ? dS[n * 2] : 0) + dz * slope[n * 2]
            dB[n] = dz * slope[n * 2 + 1]
        }
        if let representation { representation.update(repeating: 0, count: b * inputSize) }
        let columns = representation == nil ? 0 : inputSize
        ctr.backward(parameters: p, x: x, ldx: inputSize, batch: b, workspace: ew.ctr, dOut: dA, gradient: gradient,
                     dx: representation, lddx: inputSize, inputColumns: columns, accumulateInput: true)
        if useConversion {
            cvr.backward(parameters: p, x: x, ldx: inputSize, batch: b, workspace: ew.cvr, dOut: dB, gradient: gradient,
                         dx: representation, lddx: inputSize, inputColumns: columns, accumulateInput: true)
        }
    }

    /// Scatters the embedding columns of the input gradient into the embedding tables.
    func sharedBackward(_ p: UnsafePointer<Float>, _ ws: ModelWorkspace, _ ew: ESMMWorkspace,
                        representation: UnsafePointer<Float>, gradient: UnsafeMutablePointer<Float>,
                        tableGradients: inout [[Float]], encoder: InputEncoder) {
        let up = encoder.userPlacement(capacity: ws.capacity), ip = encoder.itemPlacement(capacity: ws.capacity)
        encoder.scatterEmbeddingGradients(&tableGradients, workspace: ws, batch: ws.batch, from: representation, user: up, item: ip)
    }
}

/// Scratch buffers of the ESMM network.
final class ESMMWorkspace {
    let ctr: MLPWorkspace
    let cvr: MLPWorkspace
    /// Per row `∂s_1/∂a`, `∂s_1/∂b`.
    let slopes: FloatBuffer
    let ctrGradient: FloatBuffer
    let cvrGradient: FloatBuffer

    init(_ net: ESMMNetwork, capacity: Int) {
        ctr = MLPWorkspace(net.ctr, capacity: capacity)
        cvr = MLPWorkspace(net.cvr, capacity: capacity)
        slopes = FloatBuffer(capacity * 2)
        ctrGradient = FloatBuffer(capacity)
        cvrGradient = FloatBuffer(capacity)
    }
}

/// Reading ESMM's two scores.
public enum ESMMScores {
    /// `pCVR = pCTCVR / pCTR` from the click logit `s_0` and the click-and-convert logit `s_1`:
    /// `σ(s_1)/σ(s_0)`, clamped to [0, 1]. Use it for the CVR AUC on clicked impressions.
    public static func conversionProbability(clickLogit: Float, clickAndConvertLogit: Float) -> Float {
        let a = Double(clickLogit), z = Double(clickAndConvertLogit)
        // log σ(z) − log σ(a), computed with log-sigmoids.
        func logSigmoid(_ t: Double) -> Double { -(max(-t, 0) + log1p(exp(-abs(t)))) }
        return Float(min(1, max(0, exp(logSigmoid(z) - logSigmoid(a)))))
    }
}
