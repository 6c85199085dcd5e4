/// How the user side of a model reads the user: from its id and features alone, or also from its
/// behaviour history through a sequence tower. The cases are the registry of user towers: the
/// experiment YAML, the scenario settings and the command line list `allCases`.
public enum UserTowerKind: String, Sendable, Equatable, Codable, CaseIterable {
    /// Id and features only (no history).
    case id
    /// Masked mean of the history's behaviour embeddings (`SequencePooling`).
    case pooling
    /// A GRU over the history, its last state (`GRUSequenceTower`; Cho et al., EMNLP 2014).
    case gru
    /// DIN target attention: the candidate item weights the history (`TargetAttentionTower`;
    /// Zhou et al., KDD 2018).
    case attention
}

/// The sequence tower of a model's user side: which one, how many recent behaviours it reads, and
/// (for attention) the width of the attention MLP's hidden layer.
public struct SequenceTowerConfiguration: Sendable, Equatable, Codable {
    /// The tower (never `.id`).
    public let kind: UserTowerKind
    /// The number `L` of most recent behaviours read.
    public let length: Int
    /// Hidden width of the attention unit's MLP (attention only).
    public let attentionHidden: Int

    /// Longest history window accepted.
    public static let maximumLength = 1_024

    /// A validated configuration.
    /// - Throws: `ModelConfigurationError` for `.id`, a length outside `1...maximumLength` or a hidden
    ///   width outside `1...ModelConfiguration.maximumWidth`.
    public init(kind: UserTowerKind, length: Int = 50, attentionHidden: Int = 32) throws {
        guard kind != .id else { throw ModelConfigurationError.incompatibleLayout("the id user tower has no sequence configuration") }
        guard length >= 1 else { throw ModelConfigurationError.nonPositive("sequenceLength", length) }
        guard length <= Self.maximumLength else { throw ModelConfigurationError.tooLarge("sequenceLength", length, maximum: Self.maximumLength) }
        guard attentionHidden >= 1 else { throw ModelConfigurationError.nonPositive("attentionHidden", attentionHidden) }
        guard attentionHidden <= ModelConfiguration.maximumWidth else {
            throw ModelConfigurationError.tooLarge("attentionHidden", attentionHidden, maximum: ModelConfiguration.maximumWidth)
        }
        self.kind = kind; self.length = length; self.attentionHidden = attentionHidden
    }
}

extension ModelConfiguration {
    /// This configuration with the user tower `kind` reading the last `sequenceLength` behaviours
    /// (`.id` removes any sequence tower).
    /// - Throws: `ModelConfigurationError` for a bad length or hidden width.
    public func withUserTower(_ kind: UserTowerKind, sequenceLength: Int = 50, attentionHidden: Int = 32) throws -> ModelConfiguration {
        var c = self
        c.userSequence = kind == .id ? nil : try SequenceTowerConfiguration(kind: kind, length: sequenceLength, attentionHidden: attentionHidden)
        return c
    }

    /// The user tower kind (`.id` without a sequence tower).
    public var userTower: UserTowerKind { userSequence?.kind ?? .id }
}
