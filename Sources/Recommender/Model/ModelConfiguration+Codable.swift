extension ModelConfiguration {
    enum CodingKeys: String, CodingKey { case architecture, embeddingDimension, itemTower, userSequence }

    /// Decodes and re-validates a configuration; files written before `itemTower` existed decode with `.id`,
    /// and without `userSequence` with the id user tower.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(architecture: try c.decode(ModelArchitecture.self, forKey: .architecture),
                      embeddingDimension: try c.decode(Int.self, forKey: .embeddingDimension),
                      itemTower: try c.decodeIfPresent(ItemTower.self, forKey: .itemTower) ?? .id)
        userSequence = try c.decodeIfPresent(SequenceTowerConfiguration.self, forKey: .userSequence)
    }

    /// Encodes the architecture, the embedding dimension, the item tower and the sequence user tower.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(architecture, forKey: .architecture)
        try c.encode(embeddingDimension, forKey: .embeddingDimension)
        try c.encode(itemTower, forKey: .itemTower)
        try c.encodeIfPresent(userSequence, forKey: .userSequence)
    }
}
