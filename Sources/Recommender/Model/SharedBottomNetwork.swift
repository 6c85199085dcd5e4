import NumericCore

/// Shared-Bottom multi-task network: one bottom MLP shared by every objective, then one tower per
/// objective (ReLU layers and a final linear unit).
///
/// Caruana, "Multitask Learning", Machine Learning 28, 1997, doi:10.1023/A:1007379606734 — the hard
/// parameter sharing baseline of the MMoE, ESMM and PLE papers.
///
/// Shared input `x` (user and item embeddings and dense features, concatenated) → `z = f(x)` → per
/// objective `s_k = t_k(z)`. Shared parameters: the bottom (first in the layout) and the embeddings;
/// the shared representation is `z`, the only thing the towers read.
/// Complexity per batch of `B`: O(B·(bottom cost + K·tower cost)).
struct SharedBottomNetwork: Sendable, Equatable {
    let bottom: MLPSpec
    let towers: [MLPSpec]
    let objectives: Int
    let inputSize: Int
    let embeddingColumns: Int
    let parameterCount: Int
    let sharedParameterCount: Int

    init(encoder: InputEncoder, bottomWidths: [Int], towerWidths: [Int], objectives: Int) {
        var offset = encoder.sequenceParameterCount  // the sequence tower's parameters come first
        inputSize = encoder.sharedInputSize
        bottom = MLPSpec(inSize: inputSize, widths: bottomWidths, offset: &offset)
        sharedParameterCount = offset
        let dz = bottom.outSize
        towers = (0..<objectives).map { _ in MLPSpec(inSize: dz, widths: towerWidths + [1], reluOnLast: false, offset: &offset) }
        self.objectives = objectives
        embeddingColumns = encoder.userEmbeddingColumns
        parameterCount = offset
    }

    /// He / Xavier weights as in `MLPSpec`, zero biases.
    func initialize(_ parameters: inout [Float], generator: inout SeededGenerator) {
        bottom.initialize(&parameters, generator: &generator)
        for t in towers { t.initialize(&parameters, generator: &generator) }
    }

    func representationSize(batch: Int) -> Int { batch * bottom.outSize }

    func forward(_ p: UnsafePointer<Float>, _ ws: ModelWorkspace, _ sw: SharedBottomWorkspace) {
        let b = ws.batch, dz = bottom.outSize
        bottom.forward(parameters: p, x: ws.inputs.pointer, ldx: inputSize, batch: b, workspace: sw.bottom)
        for k in 0..<objectives {
            towers[k].forward(parameters: p, x: sw.bottom.output, ldx: dz, batch: b, workspace: sw.towers[k])
            let out = sw.towers[k].output
            for n in 0..<b { ws.scores.pointer[n * objectives + k] = out[n] }
        }
    }

    /// Tower backward for score gradients `dS` (objective `only` alone when given): tower gradients
    /// into `gradient`, `dz` (summed over the objectives) into `representation`.
    func headBackward(_ p: UnsafePointer<Float>, _ ws: ModelWorkspace, _ sw: SharedBottomWorkspace, dS: UnsafePointer<Float>,
                      only: Int?, gradient: UnsafeMutablePointer<Float>?, representation: UnsafeMutablePointer<Float>?) {
        let b = ws.batch, dz = bottom.outSize, dOut = sw.towerGradient.pointer
        if let representation { representation.update(repeating: 0, count: b * dz) }
        let range = only.map { $0..<($0 + 1) } ?? 0..<objectives
        for k in range {
            for n in 0..<b { dOut[n] = dS[n * objectives + k] }
            towers[k].backward(parameters: p, x: sw.bottom.output, ldx: dz, batch: b, workspace: sw.towers[k], dOut: dOut,
                               gradient: gradient, dx: representation, lddx: dz, inputColumns: representation == nil ? 0 : dz,
                               accumulateInput: true)
        }
    }

    /// Backward through the bottom into its parameters and the embeddings from `dz`.
    func sharedBackward(_ p: UnsafePointer<Float>, _ ws: ModelWorkspace, _ sw: SharedBottomWorkspace,
                        representation: UnsafePointer<Float>, gradient: UnsafeMutablePointer<Float>,
                        tableGradients: inout [[Float]], encoder: InputEncoder) {
        let b = ws.batch, dx = ws.inputGradients.pointer
        bottom.backward(parameters: p, x: ws.inputs.pointer, ldx: inputSize, batch: b, workspace: sw.bottom, dOut: representation,
                        gradient: gradient, dx: embeddingColumns > 0 ? dx : nil, lddx: inputSize, inputColumns: embeddingColumns,
                        accumulateInput: false)
        let up = encoder.userPlacement(capacity: ws.capacity), ip = encoder.itemPlacement(capacity: ws.capacity)
        encoder.scatterEmbeddingGradients(&tableGradients, workspace: ws, batch: b, from: dx, user: up, item: ip)
    }
}

/// Scratch buffers of the Shared-Bottom network.
final class SharedBottomWorkspace {
    let bottom: MLPWorkspace
    let towers: [MLPWorkspace]
    let towerGradient: FloatBuffer

    init(_ net: SharedBottomNetwork, capacity: Int) {
        bottom = MLPWorkspace(net.bottom, capacity: capacity)
        towers = net.towers.map { MLPWorkspace($0, capacity: capacity) }
        towerGradient = FloatBuffer(capacity)
    }
}
