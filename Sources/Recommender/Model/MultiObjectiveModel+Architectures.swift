extension MultiObjectiveModel {
    /// The networks that read one shared input row (Shared-Bottom, ESMM, PLE).
    /// - Throws: `ModelConfigurationError.incompatibleLayout` without features, or for ESMM unless the
    ///   layout has exactly two binary objectives (click, then click-and-convert).
    static func sharedInputNetwork(_ architecture: ModelArchitecture, layout: FeatureLayout, encoder enc: InputEncoder) throws -> Network {
        let k = layout.objectiveCount
        switch architecture {
        case .sharedBottom(let bottomWidths, let towerWidths):
            return .sharedBottom(SharedBottomNetwork(encoder: enc, bottomWidths: bottomWidths, towerWidths: towerWidths, objectives: k))
        case .esmm(let towerWidths):
            guard k == 2, layout.objectives.allSatisfy({ $0.kind == .binary }) else {
                throw ModelConfigurationError.incompatibleLayout(
                    "ESMM needs exactly two binary objectives (click, then click-and-convert), got \(layout.objectives.map(\.name))")
            }
            return .esmm(ESMMNetwork(encoder: enc, towerWidths: towerWidths))
        case .ple(let levels, let taskExperts, let sharedExperts, let expertWidths, let towerWidths):
            return .ple(PLENetwork(encoder: enc, levels: levels, taskExperts: taskExperts, sharedExperts: sharedExperts,
                                   expertWidths: expertWidths, towerWidths: towerWidths, objectives: k))
        case .twoTower, .mmoe:
            throw ModelConfigurationError.incompatibleLayout("not a shared-input architecture")
        }
    }

    /// The item attribute convolution of `configuration` for `layout` (its parameters first in the dense
    /// vector), or `nil` for the `.id` item tower.
    /// - Throws: `ModelConfigurationError.incompatibleLayout` when the layout has no item categorical field.
    static func itemConvolution(_ configuration: ModelConfiguration, layout: FeatureLayout) throws -> AttributeConvolution? {
        guard case .convolution(let width, let channels, let pooling) = configuration.itemTower else { return nil }
        guard layout.itemCategoricalCount > 0 else {
            throw ModelConfigurationError.incompatibleLayout("the item convolution tower needs item categorical fields (attributes)")
        }
        var offset = 0
        return AttributeConvolution(length: layout.itemCategoricalCount, dimension: configuration.embeddingDimension,
                                    width: width, channels: channels, pooling: pooling, offset: &offset)
    }

    /// The sequence tower `configuration` asks for, over the layout's history vocabularies (nil for
    /// the id user tower). Its three tables follow the user and item tables.
    /// - Throws: `ModelConfigurationError.incompatibleLayout` when the layout has no histories.
    static func sequenceTower(layout: FeatureLayout, configuration: ModelConfiguration) throws -> SequenceTower? {
        guard let s = configuration.userSequence else { return nil }
        guard let lay = layout.sequence else {
            throw ModelConfigurationError.incompatibleLayout(
                "the \(s.kind.rawValue) user tower needs behaviour histories, and the data has none (only Taobao logs and the synthetic scenarios carry them)")
        }
        guard lay.itemCardinality >= 1, lay.categoryCardinality >= 1, lay.behaviourCardinality >= 1,
              lay.candidateItemField < layout.itemCategoricalCount,
              (lay.candidateCategoryField ?? 0) < max(layout.itemCategoricalCount, 1) else {
            throw ModelConfigurationError.incompatibleLayout("the behaviour-history layout does not match the item fields")
        }
        return SequenceTower(configuration: s, layout: lay, dimension: configuration.embeddingDimension,
                             tableBase: layout.userCategoricalCount + layout.itemCategoricalCount)
    }
}
