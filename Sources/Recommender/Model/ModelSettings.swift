extension ModelArchitecture {
    /// The architectures by name, as configuration files and the command line spell them.
    public enum Kind: String, Sendable, Equatable, Codable, CaseIterable {
        /// ``ModelArchitecture/twoTower(userWidths:itemWidths:)``.
        case twoTower = "two-tower"
        /// ``ModelArchitecture/mmoe(experts:expertWidths:towerWidths:)`` with 4 experts.
        case mmoe
        /// ``ModelArchitecture/sharedBottom(bottomWidths:towerWidths:)``.
        case sharedBottom = "shared-bottom"
        /// ``ModelArchitecture/esmm(towerWidths:)``: pCTCVR = pCTR × pCVR over the entire space.
        case esmm
        /// ``ModelArchitecture/ple(levels:taskExperts:sharedExperts:expertWidths:towerWidths:)``, two levels.
        case ple
    }
}

extension ModelConfiguration {
    /// The configuration of architecture `kind` whose shared layers have `widths`: two towers of
    /// `widths` each, or 4 MMoE experts of `widths` with per-objective towers of one layer of
    /// `max(4, widths.last / 2)`; a shared bottom of `widths` with such towers; ESMM towers of
    /// `widths + [max(4, widths.last / 2)]`; or a two-level PLE with one task and one shared expert
    /// per level of `widths` and such towers.
    /// - Throws: `ModelConfigurationError` for empty or non-positive widths or embedding dimension.
    public init(kind: ModelArchitecture.Kind, widths: [Int], embeddingDimension: Int, itemTower: ItemTower = .id) throws {
        guard let last = widths.last else { throw ModelConfigurationError.emptyLayers("widths") }
        switch kind {
        case .twoTower:
            try self.init(architecture: .twoTower(userWidths: widths, itemWidths: widths), embeddingDimension: embeddingDimension,
                          itemTower: itemTower)
        case .mmoe:
            try self.init(architecture: .mmoe(experts: 4, expertWidths: widths, towerWidths: [max(4, last / 2)]),
                          embeddingDimension: embeddingDimension, itemTower: itemTower)
        case .sharedBottom:
            try self.init(architecture: .sharedBottom(bottomWidths: widths, towerWidths: [max(4, last / 2)]),
                          embeddingDimension: embeddingDimension, itemTower: itemTower)
        case .esmm:
            try self.init(architecture: .esmm(towerWidths: widths + [max(4, last / 2)]), embeddingDimension: embeddingDimension,
                          itemTower: itemTower)
        case .ple:
            try self.init(architecture: .ple(levels: 2, taskExperts: 1, sharedExperts: 1, expertWidths: widths,
                                             towerWidths: [max(4, last / 2)]),
                          embeddingDimension: embeddingDimension, itemTower: itemTower)
        }
    }
}

/// Model and training settings of a recommender training as an experiment or a command states them:
/// the architecture by name, the width of its shared layer, and the training hyper-parameters.
public struct ModelSettings: Sendable, Equatable, Codable {
    public var architecture: ModelArchitecture.Kind = .twoTower
    /// Width of the one shared hidden layer (tower or expert).
    public var hidden = 32
    /// Embedding dimension of every categorical field.
    public var embedding = 8
    public var epochs = 2
    public var batchSize = 512
    public var learningRate = 3e-3
    public var weightDecay = 0.0
    /// How item attributes are encoded (two-tower and MMoE only).
    public var itemTower: ItemTower = .id
    /// The user tower: id and features only, or a behaviour-sequence tower over them.
    public var userTower: UserTowerKind = .id
    /// Behaviours a sequence user tower reads (the most recent ones).
    public var sequenceLength = 50
    /// When set, each epoch trains on its first this many batches only (for measuring full-size
    /// files within a time budget; `nil`: whole epochs).
    public var maxBatchesPerEpoch: Int? = nil
    public init() {}

    /// The model configuration these settings describe, with the hidden width `hidden` (default:
    /// the settings' own; a black-box search may choose another).
    /// - Throws: `ModelConfigurationError` for a non-positive width or embedding dimension, or a
    ///   sequence length outside `1...SequenceTowerConfiguration.maximumLength`.
    public func modelConfiguration(hidden: Int? = nil) throws -> ModelConfiguration {
        try ModelConfiguration(kind: architecture, widths: [hidden ?? self.hidden], embeddingDimension: embedding, itemTower: itemTower)
            .withUserTower(userTower, sequenceLength: sequenceLength)
    }
}
