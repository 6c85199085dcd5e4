import NumericCore

/// Gradients of a batch's loss: dense parameters and embedding tables (non-zero only on the rows in
/// `touchedRows`, the sparse embedding gradient).
public struct ParameterGradients: Sendable, Equatable {
    /// Gradient of the dense parameters, same layout as `ModelParameters.dense`.
    public var dense: [Float]
    /// Gradient of each embedding table, same shape as the table.
    public var embeddings: [[Float]]
    /// The distinct rows of each table that the batch used (only they can have non-zero gradient).
    public var touchedRows: [[Int32]]
}

/// With respect to what per-objective gradients are taken.
public enum GradientTarget: Sendable, Equatable, Codable {
    /// All shared parameters: the shared dense prefix and the touched embedding rows (full MGDA).
    case sharedParameters
    /// The shared representation only — `h` and `g` for two towers, the experts' outputs (and input
    /// embeddings) for MMoE — the MGDA-UB upper bound of Sener & Koltun, "Multi-Task Learning as
    /// Multi-Objective Optimization", NeurIPS 2018, arXiv:1810.04650.
    case sharedRepresentation
}

/// One gradient vector per objective `k` of its own (unweighted) mean loss `L_k`, stacked as rows.
///
/// For `.sharedParameters` a row is the shared dense gradient followed by the gradient of each
/// table's touched rows (in `touchedRows` order); for `.sharedRepresentation` it is the flattened
/// representation gradient (`[dH | dG]` for two towers).
public struct ObjectiveGradients: Sendable, Equatable {
    /// What the gradients are taken with respect to.
    public let target: GradientTarget
    /// `K × n` gradients, one row per objective.
    public let vectors: Matrix<Float>
    /// Each objective's mean loss on the batch.
    public let losses: [Double]
    /// Touched embedding rows per table (for `.sharedParameters`).
    public let touchedRows: [[Int32]]

    /// The Gram matrix `G_ij = ⟨∇L_i, ∇L_j⟩` in `Double`. - Complexity: O(K²·n).
    public var gram: Matrix<Double> {
        let g = vectors.gram()
        return (try? Matrix<Double>(rows: g.rows, columns: g.columns, storage: g.storage.map(Double.init)))
            ?? Matrix<Double>(rows: 0, columns: 0)
    }
}

/// What a gradient-balancing callback sees each batch: the Gram matrix of the per-objective gradients,
/// the per-objective losses, where the batch is in the training, and — only when the balancing asks
/// for them — the gradient vectors themselves.
public struct ObjectiveGradientSummary: Sendable, Equatable {
    /// What the gradients are taken with respect to.
    public let target: GradientTarget
    /// `K × K` Gram matrix of the per-objective gradients.
    public let gram: Matrix<Double>
    /// Each objective's mean loss on the batch.
    public let losses: [Double]
    /// Batch counter of the training, from 0 (counts every step of the trainer).
    public let step: Int
    /// Epoch of the training, from 1.
    public let epoch: Int
    /// `K × n` per-objective gradients (rows as in ``ObjectiveGradients``), present only when the
    /// balancing was built with `gradientVectors: true` (copying them costs `O(K·n)` per batch).
    public let gradients: Matrix<Float>?

    /// A summary; `step`, `epoch` and `gradients` default to a lone batch without vectors.
    public init(target: GradientTarget, gram: Matrix<Double>, losses: [Double], step: Int = 0, epoch: Int = 1,
                gradients: Matrix<Float>? = nil) {
        self.target = target
        self.gram = gram
        self.losses = losses
        self.step = step
        self.epoch = epoch
        self.gradients = gradients
    }
}

/// A gradient-balancing rule: maps a batch's gradient summary to one weight per objective for the
/// shared gradient `Σ_k w_k ∇L_k` (e.g. MGDA's min-norm weights). Plugged in from outside Recommender.
public typealias ObjectiveWeighting = @Sendable (ObjectiveGradientSummary) throws -> [Double]
