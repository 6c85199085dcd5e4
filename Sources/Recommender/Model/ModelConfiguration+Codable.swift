extension ModelConfiguration {
    enum CodingKeys: String, CodingKey { case architecture, embeddingDimension, itemTower }

    /// Decodes and re-validates a configuration; files written before `itemTower` existed decode with `.id`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(architecture: try c.decode(ModelArchitecture.self, forKey: .architecture),
                      embeddingDimension: try c.decode(Int.self, forKey: .embeddingDimension),
                      itemTower: try c.decodeIfPresent(ItemTower.self, forKey: .itemTower) ?? .id)
    }

    /// Encodes the architecture, the embedding dimension and the item tower.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(architecture, forKey: .architecture)
        try c.encode(embeddingDimension, forKey: .embeddingDimension)
        try c.encode(itemTower, forKey: .itemTower)
    }
}
