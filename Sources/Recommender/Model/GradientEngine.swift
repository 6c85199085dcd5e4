import NumericCore

/// Runs one batch forward and backward over preallocated buffers: the joint loss gradient, the
/// per-objective gradients (w.r.t. shared parameters or the shared representation) from a single
/// forward pass, and their combination with balancing weights (internal; used by `ModelTrainer` and
/// the model's gradient API).
///
/// Per-objective gradients cost one forward pass, one head backward pass per objective (the heads
/// separate naturally) and — for `.sharedParameters` — one backward pass through the shared layers per
/// objective; for `.sharedRepresentation` a single shared backward pass of the weighted sum follows.
final class GradientEngine {
    let workspace: ModelWorkspace
    /// Gradient of the dense parameters.
    var denseGradient: [Float]
    /// Gradient of each embedding table (non-zero only on `touchedRows`).
    var tableGradients: [[Float]]
    /// Distinct embedding rows of the loaded batch, per table.
    var touchedRows: [[Int32]] = []
    let losses: [ObjectiveLoss]
    let objectiveCount: Int
    private let representation: FloatBuffer
    let weightedScoreGradients: FloatBuffer
    private var objectiveBuffer: FloatBuffer?
    var batchLosses: [Double]
    /// Rows of the global batch in data-parallel training (the losses' denominator); 0 = the loaded batch.
    var globalBatch = 0

    init(model: MultiObjectiveModel, capacity: Int, losses: [ObjectiveLoss]) {
        workspace = ModelWorkspace(model: model, capacity: capacity)
        denseGradient = [Float](repeating: 0, count: model.denseParameterCount)
        tableGradients = model.parameters.embeddings.map { [Float](repeating: 0, count: $0.count) }
        self.losses = losses
        objectiveCount = model.objectives.count
        representation = FloatBuffer(model.network.representationSize(batch: capacity))
        weightedScoreGradients = FloatBuffer(capacity * model.objectives.count)
        batchLosses = [Double](repeating: 0, count: model.objectives.count)
    }

    /// The current gradient as a value (copy-on-write: drop it before the next backward pass).
    var gradient: ParameterGradients {
        ParameterGradients(dense: denseGradient, embeddings: tableGradients, touchedRows: touchedRows)
    }

    /// Loads a batch, runs the forward pass and the losses: `scoreGradients` gets `ℓ'_k / B`, the
    /// weighted buffer `λ_k ℓ'_k / B`, and `batchLosses` each objective's mean loss.
    func forward(model: MultiObjectiveModel, table: ExampleTable, rows: UnsafeBufferPointer<Int>,
                 margin: Matrix<Float>?, weights: [Float]) {
        let ws = workspace
        ws.load(table, rows: rows, margin: margin, model: model)
        model.parameters.dense.withUnsafeBufferPointer { p in model.network.forward(p.baseAddress!, ws, encoder: model.encoder) }
        let b = ws.batch, k = objectiveCount, s = ws.scores.pointer, y = ws.labels.pointer
        let m = ws.margins.pointer, hasMargin = ws.hasMargins
        let unit = ws.scoreGradients.pointer, weighted = weightedScoreGradients.pointer
        let denominator = globalBatch > 0 ? globalBatch : b
        let scale = 1 / Float(denominator)
        for o in 0..<k {
            let loss = losses[o], w = weights[o]
            var sum: Double = 0
            for n in 0..<b {
                let i = n * k + o
                let score = hasMargin ? s[i] + m[i] : s[i]
                sum += Double(loss.value(score: score, label: y[i]))
                let d = loss.derivative(score: score, label: y[i]) * scale
                unit[i] = d
                weighted[i] = d * w
            }
            batchLosses[o] = sum / Double(denominator)
        }
        touchedRows = ws.touched
    }

    /// Sets the whole dense gradient and the touched embedding rows to zero.
    func clearGradient(model: MultiObjectiveModel) {
        denseGradient.withUnsafeMutableBufferPointer { g in g.update(repeating: 0) }
        clearEmbeddingGradients(model: model)
    }

    /// Sets the touched embedding rows' gradients to zero (keeps the tables' gradients sparse).
    func clearEmbeddingGradients(model: MultiObjectiveModel) {
        let d = model.configuration.embeddingDimension
        for t in touchedRows.indices {
            tableGradients[t].withUnsafeMutableBufferPointer { g in
                for r in touchedRows[t] { (g.baseAddress! + Int(r) * d).update(repeating: 0, count: d) }
            }
        }
    }

    /// Gradient of the weighted joint loss `Σ λ_k L_k` into `gradient` (one head and one shared pass).
    func backwardWeightedSum(model: MultiObjectiveModel) {
        clearGradient(model: model)
        let ws = workspace
        model.parameters.dense.withUnsafeBufferPointer { pb in
            denseGradient.withUnsafeMutableBufferPointer { gb in
                let p = pb.baseAddress!, g = gb.baseAddress!
                model.network.headBackward(p, ws, dS: weightedScoreGradients.pointer, only: nil, gradient: g,
                                           representation: representation.pointer)
                model.network.sharedBackward(p, ws, representation: representation.pointer, gradient: g,
                                             tableGradients: &tableGradients, encoder: model.encoder)
            }
        }
    }

    /// Row width of the per-objective vectors for `target` on the loaded batch.
    func objectiveWidth(model: MultiObjectiveModel, target: GradientTarget) -> Int {
        switch target {
        case .sharedRepresentation:
            return model.network.representationSize(batch: workspace.batch)
        case .sharedParameters:
            let d = model.configuration.embeddingDimension
            return model.sharedParameterCount + touchedRows.reduce(0) { $0 + $1.count * d }
        }
    }

    /// Fills rows `0..<K` (width `objectiveWidth`) with each objective's unweighted gradient w.r.t. `target`,
    /// from the loaded batch's single forward pass. Leaves `gradient` untouched (zero on embeddings).
    func perObjectiveGradients(model: MultiObjectiveModel, target: GradientTarget) -> UnsafeMutablePointer<Float> {
        let ws = workspace, k = objectiveCount
        let width = objectiveWidth(model: model, target: target)
        if objectiveBuffer == nil || objectiveBuffer!.count < k * width {
            objectiveBuffer = FloatBuffer(k * max(width, model.network.representationSize(batch: ws.capacity)))
        }
        let out = objectiveBuffer!.pointer
        let d = model.configuration.embeddingDimension, shared = model.sharedParameterCount
        model.parameters.dense.withUnsafeBufferPointer { pb in
            let p = pb.baseAddress!
            for o in 0..<k {
                let row = out + o * width
                switch target {
                case .sharedRepresentation:
                    model.network.headBackward(p, ws, dS: ws.scoreGradients.pointer, only: o, gradient: nil, representation: row)
                case .sharedParameters:
                    row.update(repeating: 0, count: shared)
                    model.network.headBackward(p, ws, dS: ws.scoreGradients.pointer, only: o, gradient: nil,
                                               representation: representation.pointer)
                    model.network.sharedBackward(p, ws, representation: representation.pointer, gradient: row,
                                                 tableGradients: &tableGradients, encoder: model.encoder)
                    var at = shared
                    for t in touchedRows.indices {
                        tableGradients[t].withUnsafeMutableBufferPointer { g in
                            for r in touchedRows[t] {
                                let src = g.baseAddress! + Int(r) * d
                                (row + at).update(from: src, count: d)
                                src.update(repeating: 0, count: d)
                                at += d
                            }
                        }
                    }
                }
            }
        }
        return out
    }

    /// The `K × K` Gram matrix of the rows written by `perObjectiveGradients` (or any `K` rows of
    /// `width`): SIMD dot products over
    /// column blocks that stay in cache while every pair uses them, summed in a fixed order (BLAS
    /// `ssyrk` is slow for such short-and-wide shapes).
    func gram(_ vectors: UnsafePointer<Float>, width: Int) -> Matrix<Double> {
        let k = objectiveCount, block = 2048
        var sums = [Double](repeating: 0, count: k * k)
        var start = 0
        while start < width {
            let n = min(block, width - start)
            for i in 0..<k {
                for j in i..<k {
                    sums[i * k + j] += Double(VectorKernels.dot(vectors + i * width + start, vectors + j * width + start, n))
                }
            }
            start += n
        }
        var result = Matrix<Double>(rows: k, columns: k)
        for i in 0..<k { for j in i..<k { result[i, j] = sums[i * k + j]; result[j, i] = sums[i * k + j] } }
        return result
    }

    /// Gradient of `Σ_k λ_k L_k` for the heads and `Σ_k w_k ∇L_k` for the shared part, where `w` comes
    /// from `weighting` applied to the per-objective gradients w.r.t. `target`. Returns `w`.
    /// The callback's summary carries `step` and `epoch`, and with `includeVectors` a copy of the vectors.
    /// - Throws: `TrainingError.invalidWeights` when the callback returns the wrong count or non-finite
    ///   weights, or what the callback throws.
    func backwardBalanced(model: MultiObjectiveModel, target: GradientTarget, weighting: ObjectiveWeighting,
                          step: Int = 0, epoch: Int = 1, includeVectors: Bool = false) throws -> [Double] {
        clearGradient(model: model)
        let ws = workspace, k = objectiveCount
        let width = objectiveWidth(model: model, target: target)
        let vectors = perObjectiveGradients(model: model, target: target)
        let copy = includeVectors
            ? try? Matrix<Float>(rows: k, columns: width, storage: Array(UnsafeBufferPointer(start: vectors, count: k * width)))
            : nil
        let summary = ObjectiveGradientSummary(target: target, gram: gram(vectors, width: width), losses: batchLosses,
                                               step: step, epoch: epoch, gradients: copy)
        let weights = try weighting(summary)
        guard weights.count == k, weights.allSatisfy(\.isFinite) else { throw TrainingError.invalidWeights(weights) }
        let w = weights.map { Float($0) }
        let combined = representation.pointer
        model.parameters.dense.withUnsafeBufferPointer { pb in
            denseGradient.withUnsafeMutableBufferPointer { gb in
                let p = pb.baseAddress!, g = gb.baseAddress!
                model.network.headBackward(p, ws, dS: weightedScoreGradients.pointer, only: nil, gradient: g, representation: nil)
                switch target {
                case .sharedRepresentation:
                    VectorKernels.scale(w[0], vectors, combined, width)
                    for o in 1..<max(k, 1) { VectorKernels.axpy(w[o], vectors + o * width, combined, width) }
                    model.network.sharedBackward(p, ws, representation: combined, gradient: g,
                                                 tableGradients: &tableGradients, encoder: model.encoder)
                case .sharedParameters:
                    let shared = model.sharedParameterCount, d = model.configuration.embeddingDimension
                    for o in 0..<k { Float.axpy(n: shared, alpha: w[o], x: vectors + o * width, incx: 1, y: g, incy: 1) }
                    var at = shared
                    for t in touchedRows.indices {
                        tableGradients[t].withUnsafeMutableBufferPointer { eb in
                            for r in touchedRows[t] {
                                let dst = eb.baseAddress! + Int(r) * d
                                for o in 0..<k { Float.axpy(n: d, alpha: w[o], x: vectors + o * width + at, incx: 1, y: dst, incy: 1) }
                                at += d
                            }
                        }
                    }
                }
            }
        }
        return weights
    }

    /// A copy of the per-objective gradients as a public value.
    func objectiveGradients(model: MultiObjectiveModel, target: GradientTarget) -> ObjectiveGradients {
        let width = objectiveWidth(model: model, target: target)
        let vectors = perObjectiveGradients(model: model, target: target)
        let storage = Array(UnsafeBufferPointer(start: vectors, count: objectiveCount * width))
        let matrix = (try? Matrix<Float>(rows: objectiveCount, columns: width, storage: storage)) ?? Matrix(rows: 0, columns: 0)
        return ObjectiveGradients(target: target, vectors: matrix, losses: batchLosses, touchedRows: touchedRows)
    }
}
