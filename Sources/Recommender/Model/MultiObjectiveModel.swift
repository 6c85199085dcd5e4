import NumericCore

/// The trainable parameters of a `MultiObjectiveModel`: one flat dense vector (layers, heads) and one
/// embedding table per categorical field (`cardinality × dimension`, row-major; user fields first).
///
/// The dense vector starts with the shared parameters (`MultiObjectiveModel.sharedParameterCount`
/// values: towers or experts), followed by the per-objective heads.
public struct ModelParameters: Sendable, Equatable, Codable {
    /// Dense parameters, shared ones first.
    public var dense: [Float]
    /// Embedding tables, user categorical fields then item categorical fields.
    public var embeddings: [[Float]]

    /// Parameters from their arrays.
    public init(dense: [Float], embeddings: [[Float]]) {
        self.dense = dense
        self.embeddings = embeddings
    }
}

/// A multi-objective recommender: embeddings and dense features → shared network (two towers with a
/// per-objective bilinear head, or MMoE) → one raw score per objective. Forward and backward run on
/// `cblas_sgemm` in `Float`.
///
/// Conforms to `ScorePredictor`: `predictScores` gives logits for binary objectives and values for
/// continuous ones. Train it with `ModelTrainer` / `Trainer`; per-objective gradients for gradient
/// balancing come from `objectiveGradients(on:rows:losses:target:baseMargin:)`.
public struct MultiObjectiveModel: ScorePredictor, Equatable {
    /// The feature and objective layout the model was built for.
    public let layout: FeatureLayout
    /// The architecture and sizes.
    public let configuration: ModelConfiguration
    /// All trainable parameters.
    public var parameters: ModelParameters
    let encoder: InputEncoder
    let network: Network

    /// The objectives predicted, in column order.
    public var objectives: [ObjectiveSpec] { layout.objectives }
    /// Number of leading dense parameters shared by all objectives (towers or experts).
    public var sharedParameterCount: Int { network.sharedParameterCount }
    /// Number of dense parameters.
    public var denseParameterCount: Int { network.parameterCount }

    /// A freshly initialised model (He / Xavier weights, Gaussian embeddings) drawn from `seed`.
    /// - Throws: `ModelConfigurationError.incompatibleLayout` when the layout has no objectives, a tower
    ///   without any input, or a cardinality below 1.
    public init(layout: FeatureLayout, configuration: ModelConfiguration, seed: UInt64) throws {
        try self.init(layout: layout, configuration: configuration, generator: SeededGenerator(seed: seed))
    }

    /// A freshly initialised model drawn from `generator` (split per component).
    public init(layout: FeatureLayout, configuration: ModelConfiguration, generator: SeededGenerator) throws {
        guard layout.objectiveCount >= 1 else { throw ModelConfigurationError.incompatibleLayout("the layout has no objectives") }
        for c in layout.userCategoricalCardinalities + layout.itemCategoricalCardinalities where c < 1 {
            throw ModelConfigurationError.incompatibleLayout("categorical cardinality \(c) must be at least 1")
        }
        let d = configuration.embeddingDimension
        let sequence = try Self.sequenceTower(layout: layout, configuration: configuration)
        let convolution = try Self.itemConvolution(configuration, layout: layout)
        // Both put their parameters first in the dense vector; one model takes one of them.
        guard sequence == nil || convolution == nil else {
            throw ModelConfigurationError.incompatibleLayout("a behaviour-sequence user tower and the conv item tower cannot be combined in one model")
        }
        let userInput = (layout.userCategoricalCount + (sequence == nil ? 0 : 1)) * d + layout.userDenseCount
        let itemInput = layout.itemCategoricalCount * d + layout.itemDenseCount
        func makeEncoder(separate: Bool) -> InputEncoder {
            var enc = InputEncoder(userCardinalities: layout.userCategoricalCardinalities, itemCardinalities: layout.itemCategoricalCardinalities,
                                   userDense: layout.userDenseCount, itemDense: layout.itemDenseCount, dimension: d, separateTowers: separate)
            enc.sequence = sequence
            enc.itemConvolution = convolution
            return enc
        }
        let network: Network
        let separate: Bool
        switch configuration.architecture {
        case .twoTower(let userWidths, let itemWidths):
            guard userInput > 0, itemInput > 0 else {
                throw ModelConfigurationError.incompatibleLayout("a two-tower model needs user and item features")
            }
            separate = true
            network = .twoTower(TwoTowerNetwork(encoder: makeEncoder(separate: true), userWidths: userWidths, itemWidths: itemWidths,
                                                objectives: layout.objectiveCount))
        case .mmoe(let experts, let expertWidths, let towerWidths):
            guard userInput + itemInput > 0 else { throw ModelConfigurationError.incompatibleLayout("an MMoE model needs features") }
            separate = false
            network = .mmoe(MMoENetwork(encoder: makeEncoder(separate: false), expertCount: experts, expertWidths: expertWidths,
                                        towerWidths: towerWidths, objectives: layout.objectiveCount))
        case .sharedBottom, .esmm, .ple:
            separate = false
            guard userInput + itemInput > 0 else { throw ModelConfigurationError.incompatibleLayout("a shared-input model needs features") }
            network = try Self.sharedInputNetwork(configuration.architecture, layout: layout, encoder: makeEncoder(separate: false))
        }
        encoder = makeEncoder(separate: separate)
        self.layout = layout
        self.configuration = configuration
        self.network = network
        var dense = [Float](repeating: 0, count: network.parameterCount)
        var denseGenerator = generator.split("dense")
        network.initialize(&dense, generator: &denseGenerator)
        if let convolution {  // its own stream, so models without it keep their bits
            var convolutionGenerator = generator.split("item-convolution")
            convolution.initialize(&dense, generator: &convolutionGenerator)
        }
        if let sequence {
            var sequenceGenerator = generator.split("sequence")
            sequence.initialize(&dense, generator: &sequenceGenerator)
        }
        var tableGenerator = generator.split("embeddings")
        parameters = ModelParameters(dense: dense, embeddings: encoder.initializeTables(generator: &tableGenerator))
    }

    /// Checks that `table` has this model's field and objective shape.
    /// - Throws: `ModelConfigurationError.incompatibleLayout` otherwise.
    public func validate(_ table: ExampleTable) throws {
        let t = table.layout
        guard t.userCategoricalCardinalities == layout.userCategoricalCardinalities,
              t.itemCategoricalCardinalities == layout.itemCategoricalCardinalities,
              t.userDenseCount == layout.userDenseCount, t.itemDenseCount == layout.itemDenseCount,
              t.objectives.map(\.kind) == layout.objectives.map(\.kind)
        else { throw ModelConfigurationError.incompatibleLayout("the example table's layout differs from the model's") }
        if let s = encoder.sequence {
            guard table.sequences != nil, t.sequence == s.layout else {
                throw ModelConfigurationError.incompatibleLayout(
                    "the \(configuration.userTower.rawValue) user tower needs the behaviour histories it was built for; the example table has "
                    + (table.sequences == nil ? "none" : "histories of other vocabularies"))
            }
        }
    }

    /// Raw scores (`count × K`): logits for binary objectives, values for continuous ones.
    /// - Throws: `ModelConfigurationError.incompatibleLayout` for a table of another layout.
    /// - Complexity: O(count · forward cost), in batches of 4096 over one preallocated workspace.
    public func predictScores(_ table: ExampleTable) throws -> Matrix<Float> {
        try validate(table)
        let k = objectives.count
        var result = Matrix<Float>(rows: table.count, columns: k)
        guard table.count > 0 else { return result }
        let capacity = min(4096, table.count)
        let ws = ModelWorkspace(model: self, capacity: capacity)
        var rows = [Int](repeating: 0, count: capacity)
        var start = 0
        while start < table.count {
            let b = min(capacity, table.count - start)
            for i in 0..<b { rows[i] = start + i }
            rows.withUnsafeBufferPointer { r in
                ws.load(table, rows: UnsafeBufferPointer(rebasing: r[0..<b]), margin: nil, model: self)
            }
            parameters.dense.withUnsafeBufferPointer { p in network.forward(p.baseAddress!, ws, encoder: encoder) }
            result.withUnsafeMutableBufferPointer { out in
                (out.baseAddress! + start * k).update(from: ws.scores.pointer, count: b * k)
            }
            start += b
        }
        return result
    }
}
