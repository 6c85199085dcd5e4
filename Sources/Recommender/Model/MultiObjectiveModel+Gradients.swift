import NumericCore

extension MultiObjectiveModel {
    /// The joint loss `Σ λ_k mean_n L_k(s_nk + margin_nk, y_nk)` on rows `rows` of `table` (all rows
    /// when `nil`) and its gradient w.r.t. every parameter (sparse on embeddings).
    /// - Throws: layout, margin or loss-count mismatches.
    /// - Complexity: one forward and one backward pass.
    public func lossAndGradient(on table: ExampleTable, rows: [Int]? = nil, loss: JointLoss,
                                baseMargin: Matrix<Float>? = nil) throws -> (loss: Double, objectiveLosses: [Double], gradient: ParameterGradients) {
        let engine = try prepare(table: table, rows: rows, losses: loss.losses, weights: loss.weights, margin: baseMargin)
        engine.backwardWeightedSum(model: self)
        let total = zip(engine.batchLosses, loss.weights).reduce(0) { $0 + $1.0 * Double($1.1) }
        return (total, engine.batchLosses, engine.gradient)
    }

    /// Each objective's (unweighted) mean-loss gradient w.r.t. `target`, from one forward pass on rows
    /// `rows` of `table` (all when `nil`): a `K × n` matrix whose Gram matrix MGDA needs.
    /// - Throws: layout, margin or loss-count mismatches.
    /// - Complexity: one forward pass, K head backward passes, and for `.sharedParameters` K shared
    ///   backward passes.
    public func objectiveGradients(on table: ExampleTable, rows: [Int]? = nil, losses: [ObjectiveLoss]? = nil,
                                   target: GradientTarget, baseMargin: Matrix<Float>? = nil) throws -> ObjectiveGradients {
        let l = losses ?? objectives.map { ObjectiveLoss.default(for: $0.kind) }
        let engine = try prepare(table: table, rows: rows, losses: l, weights: l.map { _ in 1 }, margin: baseMargin)
        return engine.objectiveGradients(model: self, target: target)
    }

    private func prepare(table: ExampleTable, rows: [Int]?, losses: [ObjectiveLoss], weights: [Float],
                         margin: Matrix<Float>?) throws -> GradientEngine {
        try validate(table)
        try ModelTrainer.checkMargin(margin, table: table, objectives: objectives.count)
        guard losses.count == objectives.count else {
            throw TrainingError.objectiveCountMismatch(model: objectives.count, loss: losses.count)
        }
        let selected = rows ?? Array(0..<table.count)
        guard !selected.isEmpty else { throw TrainingError.emptyTable }
        guard selected.allSatisfy({ $0 >= 0 && $0 < table.count }) else {
            throw TrainingConfigurationError.invalid("row indices must lie in 0..<\(table.count)")
        }
        let engine = GradientEngine(model: self, capacity: selected.count, losses: losses)
        selected.withUnsafeBufferPointer { r in
            engine.forward(model: self, table: table, rows: r, margin: margin, weights: weights)
        }
        return engine
    }
}
