import Recommender

extension ExperimentConfig {
    /// The item tower names `model.item-tower` accepts.
    static let itemTowerNames = ["id", "conv"]

    /// `model.item-tower`: `id` (attribute embeddings), `conv` (the default convolution), or a mapping
    /// `{kind: conv, width: W, channels: C, pooling: max|mean}`. The convolution needs a two-tower or
    /// MMoE architecture.
    /// - Throws: ``ConfigError`` at the offending node.
    static func parseItemTower(_ node: YAMLReader, architecture: ModelArchitecture.Kind) throws -> ItemTower {
        var tower: ItemTower
        if node.node.mapping == nil {
            tower = try node.choice(itemTowerNames) == "id" ? .id : .defaultConvolution
        } else {
            try node.requireKnownKeys(["kind", "width", "channels", "pooling"])
            let kind = try node.child("kind")?.choice(itemTowerNames) ?? "conv"
            guard case .convolution(var width, var channels, var pooling) = ItemTower.defaultConvolution else { return .id }
            if kind == "id" {
                for key in ["width", "channels", "pooling"] {
                    if let v = try node.child(key) { throw v.error("'\(v.path)' applies to the conv item tower") }
                }
                return .id
            }
            if let v = try node.child("width") { width = try v.positiveInt(atMost: ItemTower.maximumWidth) }
            if let v = try node.child("channels") { channels = try v.positiveInt(atMost: ModelConfiguration.maximumWidth) }
            if let v = try node.child("pooling") { pooling = AttributePooling(rawValue: try v.choice(AttributePooling.allCases.map(\.rawValue)))! }
            tower = .convolution(width: width, channels: channels, pooling: pooling)
        }
        if tower != .id, architecture != .twoTower, architecture != .mmoe {
            throw node.error("the conv item tower works with the two-tower and mmoe architectures, not '\(architecture.rawValue)'")
        }
        return tower
    }
}
