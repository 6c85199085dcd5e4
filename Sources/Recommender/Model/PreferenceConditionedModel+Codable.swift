import NumericCore

/// A `PreferenceConditionedModel` fixed at one preference, as a `ScorePredictor` (metrics, fusion,
/// ranking reports read it like any model).
public struct PreferenceSlice: ScorePredictor {
    /// The conditioned model.
    public let model: PreferenceConditionedModel
    /// The preference `λ`.
    public let preference: [Double]
    public var objectives: [ObjectiveSpec] { model.objectives }
    /// Raw scores under `preference`.
    public func predictScores(_ table: ExampleTable) throws -> Matrix<Float> {
        try model.predictScores(table, preference: preference)
    }
}

extension PreferenceConditionedModel {
    /// The model fixed at `preference`. - Throws: `PreferenceError.invalid` for a bad `λ`.
    public func at(_ preference: [Double]) throws -> PreferenceSlice {
        _ = try Self.check(preference, objectives: objectives.count)
        return PreferenceSlice(model: self, preference: preference)
    }
}

/// Saved form: the layout, architecture, conditioning and parameters; decoding rebuilds the
/// network and checks every array's length.
extension PreferenceConditionedModel: Codable {
    private enum Keys: String, CodingKey { case layout, configuration, conditioning, parameters, conditioner }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(layout, forKey: .layout)
        try c.encode(base.configuration, forKey: .configuration)
        try c.encode(conditioning, forKey: .conditioning)
        try c.encode(base.parameters, forKey: .parameters)
        try c.encode(conditioner, forKey: .conditioner)
    }

    /// - Throws: `DecodingError.dataCorrupted` when an array's length does not fit the architecture.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        try self.init(layout: try c.decode(FeatureLayout.self, forKey: .layout),
                      configuration: try c.decode(ModelConfiguration.self, forKey: .configuration),
                      conditioning: try c.decode(PreferenceConditioning.self, forKey: .conditioning), seed: 0)
        let parameters = try c.decode(ModelParameters.self, forKey: .parameters)
        let phi = try c.decode([Float].self, forKey: .conditioner)
        let fits = parameters.dense.count == base.parameters.dense.count && phi.count == conditioner.count
            && parameters.embeddings.map(\.count) == base.parameters.embeddings.map(\.count)
        guard fits else {
            throw DecodingError.dataCorrupted(.init(codingPath: [Keys.parameters],
                                                    debugDescription: "parameter arrays do not fit the model's architecture"))
        }
        base.parameters = parameters
        conditioner = phi
    }
}
