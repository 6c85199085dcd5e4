/// How the item side of a model encodes an item's categorical attributes (its item categorical
/// fields, in layout order: e.g. the item id, then its category).
public enum ItemTower: Sendable, Equatable, Codable {
    /// One embedding per attribute, concatenated into the item input (the default).
    case id
    /// An `AttributeConvolution` over the attribute embeddings: kernel `width`, `channels` outputs,
    /// ReLU, then `pooling` over positions; its `channels` features replace the embeddings in the
    /// item input (two-tower: the item tower's input; MMoE: the shared input row).
    case convolution(width: Int, channels: Int, pooling: AttributePooling)

    /// Widest kernel accepted.
    public static let maximumWidth = 64

    /// The default convolution: width 2, 16 channels, max-pooling.
    public static let defaultConvolution = ItemTower.convolution(width: 2, channels: 16, pooling: .max)

    /// Checks the sizes. - Throws: `ModelConfigurationError` for a non-positive or oversized width
    /// or channel count.
    func validate() throws {
        guard case .convolution(let width, let channels, _) = self else { return }
        guard width >= 1 else { throw ModelConfigurationError.nonPositive("item convolution width", width) }
        guard width <= Self.maximumWidth else { throw ModelConfigurationError.tooLarge("item convolution width", width, maximum: Self.maximumWidth) }
        guard channels >= 1 else { throw ModelConfigurationError.nonPositive("item convolution channels", channels) }
        guard channels <= ModelConfiguration.maximumWidth else {
            throw ModelConfigurationError.tooLarge("item convolution channels", channels, maximum: ModelConfiguration.maximumWidth)
        }
    }
}
