import NumericCore

/// One batch forward and backward of a `PreferenceConditionedModel` at a preference `λ` (internal;
/// used by `ParetoSetTrainer` and `PreferenceConditionedModel.lossAndGradient`).
///
/// The conditioned parameters (`[base dense | conditioner]` and the embedding tables) are mapped to
/// the plain model `λ` selects (`HeadConditioner.apply`), which runs the ordinary forward pass and the
/// ordinary head and shared backward passes with score gradients `w_k ℓ'_k / B`, `w = ∂S/∂L` of the
/// scalarization; the effective dense gradient is then mapped back (`HeadConditioner.backward`).
/// For FiLM the preference features of the loaded batch are overwritten with `λ`.
final class ConditionedGradientEngine {
    let engine: GradientEngine
    /// The plain model `λ` selects; its embeddings are swapped in only during a pass.
    var working: MultiObjectiveModel
    let head: HeadConditioner
    let film: Bool
    let preferenceColumn: Int
    let losses: [ObjectiveLoss]
    private let weighted: FloatBuffer
    private let representation: FloatBuffer
    /// Gradient of the conditioned dense vector `[base dense | conditioner]` after `run`.
    var gradient: [Float]

    init(model: PreferenceConditionedModel, capacity: Int, losses: [ObjectiveLoss]) {
        engine = GradientEngine(model: model.base, capacity: capacity, losses: losses)
        working = model.base
        working.parameters.embeddings = []
        head = model.head
        film = model.conditioning == .film
        preferenceColumn = model.layout.userDenseCount
        self.losses = losses
        let k = model.objectives.count
        weighted = FloatBuffer(capacity * k)
        representation = FloatBuffer(model.base.network.representationSize(batch: capacity))
        gradient = [Float](repeating: 0, count: model.base.parameters.dense.count + model.conditioner.count)
    }

    /// Loss and gradient on rows `rows` of `table` (already in the base model's layout) at `λ`.
    /// `parameters` are the conditioned parameters; their embeddings are borrowed for the pass.
    /// Returns the scalarized loss, each objective's mean loss and the weights `∂S/∂L`.
    func run(parameters: inout ModelParameters, table: ExampleTable, rows: UnsafeBufferPointer<Int>,
             preference: [Double], scalarization: Scalarization) -> (value: Double, losses: [Double], weights: [Double]) {
        let lambda = preference.map { Float($0) }
        let n = head.headStart + head.headCount
        swap(&parameters.embeddings, &working.parameters.embeddings)
        defer { swap(&parameters.embeddings, &working.parameters.embeddings) }
        parameters.dense.withUnsafeBufferPointer { theta in
            working.parameters.dense.withUnsafeMutableBufferPointer { out in
                head.apply(base: theta.baseAddress!, conditioner: theta.baseAddress! + n, preference: lambda,
                           into: out.baseAddress!, scratch: nil)
            }
        }
        let ws = engine.workspace, model = working
        ws.load(table, rows: rows, margin: nil, model: model)
        let b = ws.batch, k = losses.count
        if film {
            let up = model.encoder.userPlacement(capacity: ws.capacity)
            let input = ws.inputs.pointer + up.base + up.denseColumn + preferenceColumn
            for r in 0..<b { for j in 0..<k { input[r * up.ld + j] = lambda[j] } }
        }
        engine.touchedRows = ws.touched
        model.parameters.dense.withUnsafeBufferPointer { p in model.network.forward(p.baseAddress!, ws, encoder: model.encoder) }
        let s = ws.scores.pointer, y = ws.labels.pointer, unit = ws.scoreGradients.pointer
        let scale = 1 / Float(b)
        var objectiveLosses = [Double](repeating: 0, count: k)
        for o in 0..<k {
            var sum = 0.0
            for r in 0..<b {
                let i = r * k + o
                sum += Double(losses[o].value(score: s[i], label: y[i]))
                unit[i] = losses[o].derivative(score: s[i], label: y[i]) * scale
            }
            objectiveLosses[o] = sum / Double(b)
        }
        let w = scalarization.weights(losses: objectiveLosses, preference: preference)
        let dS = weighted.pointer
        for r in 0..<b { for o in 0..<k { dS[r * k + o] = unit[r * k + o] * Float(w[o]) } }
        engine.clearGradient(model: model)
        model.parameters.dense.withUnsafeBufferPointer { pb in
            engine.denseGradient.withUnsafeMutableBufferPointer { gb in
                let p = pb.baseAddress!, g = gb.baseAddress!
                model.network.headBackward(p, ws, dS: dS, only: nil, gradient: g, representation: representation.pointer)
                model.network.sharedBackward(p, ws, representation: representation.pointer, gradient: g,
                                             tableGradients: &engine.tableGradients, encoder: model.encoder)
            }
        }
        parameters.dense.withUnsafeBufferPointer { theta in
            engine.denseGradient.withUnsafeBufferPointer { dTheta in
                gradient.withUnsafeMutableBufferPointer { out in
                    head.backward(base: theta.baseAddress!, conditioner: theta.baseAddress! + n, preference: lambda,
                                  effectiveGradient: dTheta.baseAddress!, into: out.baseAddress!)
                }
            }
        }
        return (scalarization.value(losses: objectiveLosses, preference: preference), objectiveLosses, w)
    }

    /// The gradient of the last `run` as a value (drop it before the next run).
    var parameterGradients: ParameterGradients {
        ParameterGradients(dense: gradient, embeddings: engine.tableGradients, touchedRows: engine.touchedRows)
    }
}
