extension MultiObjectiveModel {
    /// The networks that read one shared input row (Shared-Bottom, ESMM, PLE).
    /// - Throws: `ModelConfigurationError.incompatibleLayout` without features, or for ESMM unless the
    ///   layout has exactly two binary objectives (click, then click-and-convert).
    static func sharedInputNetwork(_ architecture: ModelArchitecture, layout: FeatureLayout, inputSize: Int,
                                   dimension: Int) throws -> Network {
        guard inputSize > 0 else { throw ModelConfigurationError.incompatibleLayout("a shared-input model needs features") }
        let enc = InputEncoder(userCardinalities: layout.userCategoricalCardinalities, itemCardinalities: layout.itemCategoricalCardinalities,
                               userDense: layout.userDenseCount, itemDense: layout.itemDenseCount, dimension: dimension, separateTowers: false)
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
}
