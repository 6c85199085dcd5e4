/// How the per-objective gradients are combined for the shared parameters each batch.
public enum GradientBalancing: Sendable {
    /// The fixed weighted sum `Σ λ_k ∇L_k` of the joint loss.
    case weightedSum
    /// Weights from a callback over the per-objective gradients w.r.t. `target`: with
    /// `.sharedRepresentation` one shared backward pass (MGDA-UB, Sener & Koltun, NeurIPS 2018,
    /// arXiv:1810.04650), with `.sharedParameters` one shared backward pass per objective (full MGDA).
    /// With `gradientVectors` the callback's summary also carries the gradient vectors.
    case balanced(target: GradientTarget, gradientVectors: Bool, weighting: ObjectiveWeighting)

    /// Weights from a callback over the Gram matrix of the gradients w.r.t. the shared representation.
    public static func representation(_ weighting: @escaping ObjectiveWeighting) -> GradientBalancing {
        .balanced(target: .sharedRepresentation, gradientVectors: false, weighting: weighting)
    }

    /// Weights from a callback over the Gram matrix of the gradients w.r.t. all shared parameters.
    public static func sharedParameters(_ weighting: @escaping ObjectiveWeighting) -> GradientBalancing {
        .balanced(target: .sharedParameters, gradientVectors: false, weighting: weighting)
    }
}

/// Settings of a training run, validated on construction.
///
/// With a balancing callback, the heads (task-specific parameters) still follow `λ_k ∇L_k`, and the
/// shared parameters follow `Σ_k w_k ∇L_k` with the callback's weights `w`.
public struct TrainingConfiguration: Sendable {
    /// Passes over the training table.
    public let epochs: Int
    /// Examples per batch (the last batch of an epoch may be smaller).
    public let batchSize: Int
    /// Seed of the per-epoch shuffles.
    public let seed: UInt64
    /// The joint loss (per-objective losses and weights `λ_k`).
    public let loss: JointLoss
    /// The optimizer.
    public let optimizer: OptimizerConfiguration
    /// How shared gradients are combined.
    public let balancing: GradientBalancing
    /// Whether examples are shuffled each epoch (by `seed`).
    public let shuffle: Bool
    /// OpenBLAS threads used while training (held with a ``BLASThreads`` lease). The same seed gives
    /// the same bits for the same value whatever the process-wide setting; different values may
    /// differ in the last bits (OpenBLAS splits a product's sums by thread count). Default 1.
    public let blasThreads: Int
    /// Batches per epoch: each epoch stops after this many (its first ones in the shuffled order);
    /// nil trains on every example. Like PyTorch Lightning's `limit_train_batches`, for measuring a
    /// large table within a time budget.
    public let maxBatchesPerEpoch: Int?

    /// Largest batch accepted (2²⁰ examples; activations of a batch are allocated up front).
    public static let maximumBatchSize = 1 << 20
    /// Most epochs accepted.
    public static let maximumEpochs = 1_000_000

    /// A validated configuration.
    /// - Throws: `TrainingConfigurationError.invalid` for non-positive epochs, batch size or batches
    ///   per epoch, a batch
    ///   above ``maximumBatchSize`` or epochs above ``maximumEpochs``, or an invalid optimizer.
    public init(epochs: Int, batchSize: Int, seed: UInt64, loss: JointLoss, optimizer: OptimizerConfiguration = .adam(),
                balancing: GradientBalancing = .weightedSum, shuffle: Bool = true, blasThreads: Int = 1,
                maxBatchesPerEpoch: Int? = nil) throws {
        guard (1...256).contains(blasThreads) else { throw TrainingConfigurationError.invalid("BLAS threads must be in 1...256, got \(blasThreads)") }
        guard epochs >= 1 else { throw TrainingConfigurationError.invalid("epochs must be positive, got \(epochs)") }
        guard batchSize >= 1 else { throw TrainingConfigurationError.invalid("batch size must be positive, got \(batchSize)") }
        guard batchSize <= Self.maximumBatchSize else {
            throw TrainingConfigurationError.invalid("batch size \(batchSize) is above the maximum of \(Self.maximumBatchSize)")
        }
        guard epochs <= Self.maximumEpochs else {
            throw TrainingConfigurationError.invalid("epochs \(epochs) is above the maximum of \(Self.maximumEpochs)")
        }
        if let m = maxBatchesPerEpoch, m < 1 { throw TrainingConfigurationError.invalid("batches per epoch must be positive, got \(m)") }
        try optimizer.validate()
        self.maxBatchesPerEpoch = maxBatchesPerEpoch
        self.epochs = epochs
        self.batchSize = batchSize
        self.seed = seed
        self.loss = loss
        self.optimizer = optimizer
        self.balancing = balancing
        self.shuffle = shuffle
        self.blasThreads = blasThreads
    }
}

/// Why a training configuration is invalid.
public enum TrainingConfigurationError: Error, Equatable, CustomStringConvertible {
    /// A hyper-parameter is out of range; the message says which.
    case invalid(String)
    public var description: String {
        switch self { case .invalid(let m): return "training configuration: \(m)" }
    }
}

/// Why training failed.
public enum TrainingError: Error, Equatable, CustomStringConvertible {
    /// The training table has no examples.
    case emptyTable
    /// The loss has a different number of objectives than the model.
    case objectiveCountMismatch(model: Int, loss: Int)
    /// The base margin is not `count × K`.
    case marginShape(rows: Int, columns: Int, expectedRows: Int, expectedColumns: Int)
    /// A balancing callback returned weights of the wrong count or non-finite weights.
    case invalidWeights([Double])
    /// The loss became NaN or infinite.
    case nonFiniteLoss(epoch: Int)

    public var description: String {
        switch self {
        case .emptyTable: return "training: the training table is empty"
        case .objectiveCountMismatch(let m, let l): return "training: model has \(m) objectives, loss has \(l)"
        case .marginShape(let r, let c, let er, let ec): return "training: base margin is \(r)×\(c), expected \(er)×\(ec)"
        case .invalidWeights(let w): return "training: balancing weights \(w) are invalid"
        case .nonFiniteLoss(let e): return "training: loss is not finite in epoch \(e)"
        }
    }
}
