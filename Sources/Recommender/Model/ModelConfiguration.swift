/// Which shared architecture a `MultiObjectiveModel` uses.
public enum ModelArchitecture: Sendable, Equatable, Codable {
    /// User tower and item tower (MLPs with ReLU after every layer) producing `h` and `g`, and per
    /// objective the bilinear score `ŷ_k = hᵀ W_k g + b_k`.
    case twoTower(userWidths: [Int], itemWidths: [Int])
    /// Multi-gate Mixture-of-Experts: the concatenated user and item inputs feed `experts` expert MLPs
    /// (widths `expertWidths`, ReLU); objective `k` mixes the experts' outputs with its own softmax gate
    /// and scores the mixture with its own tower (`towerWidths`, ReLU) and a final linear unit.
    ///
    /// Ma, Zhao, Yi, Chen, Hong & Chi, "Modeling Task Relationships in Multi-task Learning with
    /// Multi-gate Mixture-of-Experts", KDD 2018, doi:10.1145/3219819.3220007.
    case mmoe(experts: Int, expertWidths: [Int], towerWidths: [Int])
    /// Shared-Bottom: one bottom MLP (`bottomWidths`, ReLU) over the concatenated inputs shared by all
    /// objectives, then a tower per objective (`towerWidths`, ReLU) and a final linear unit.
    ///
    /// Caruana, "Multitask Learning", Machine Learning 28, 1997, doi:10.1023/A:1007379606734.
    case sharedBottom(bottomWidths: [Int], towerWidths: [Int])
    /// ESMM: a CTR tower and a CVR tower (`towerWidths`, ReLU, then a linear unit) over shared
    /// embeddings; exactly two binary objectives, click then click-and-convert, scored as
    /// `pCTR` and `pCTCVR = pCTR × pCVR` over the entire impression space.
    ///
    /// Ma et al., "Entire Space Multi-Task Model", SIGIR 2018, doi:10.1145/3209978.3210104.
    case esmm(towerWidths: [Int])
    /// PLE: `levels` Customized Gate Control levels, each with `taskExperts` experts per objective and
    /// `sharedExperts` shared experts (widths `expertWidths`, ReLU) mixed by softmax gates, then a tower
    /// per objective (`towerWidths`, ReLU) and a final linear unit. One level is CGC.
    ///
    /// Tang, Liu, Zhao & Gong, "Progressive Layered Extraction (PLE)", RecSys 2020, doi:10.1145/3383313.3412236.
    case ple(levels: Int, taskExperts: Int, sharedExperts: Int, expertWidths: [Int], towerWidths: [Int])
}

/// The hyper-parameters of a `MultiObjectiveModel`, validated on construction.
public struct ModelConfiguration: Sendable, Equatable, Codable {
    /// The shared architecture.
    public let architecture: ModelArchitecture
    /// Dimension of every categorical field's embedding.
    public let embeddingDimension: Int
    /// How item attributes are encoded (`.id` embeddings, or a convolution over them).
    public let itemTower: ItemTower
    /// The user side's behaviour-sequence tower (nil: id and features only); see `withUserTower`.
    public internal(set) var userSequence: SequenceTowerConfiguration? = nil

    /// Largest layer width accepted (a 16,384 × 16,384 `Float` layer is already 1 GiB).
    public static let maximumWidth = 16_384
    /// Largest embedding dimension accepted.
    public static let maximumEmbeddingDimension = 4_096
    /// Most experts (MMoE) and most layers per tower accepted.
    public static let maximumExperts = 256, maximumLayers = 64

    /// A validated configuration.
    /// - Throws: `ModelConfigurationError` when a width, the embedding dimension or the expert count
    ///   is not positive or above its maximum (``maximumWidth``, ``maximumEmbeddingDimension``,
    ///   ``maximumExperts``, ``maximumLayers``), or a tower / expert has no layer.
    public init(architecture: ModelArchitecture, embeddingDimension: Int = 8, itemTower: ItemTower = .id) throws {
        guard embeddingDimension >= 1 else { throw ModelConfigurationError.nonPositive("embeddingDimension", embeddingDimension) }
        guard embeddingDimension <= Self.maximumEmbeddingDimension else {
            throw ModelConfigurationError.tooLarge("embeddingDimension", embeddingDimension, maximum: Self.maximumEmbeddingDimension)
        }
        switch architecture {
        case .twoTower(let user, let item):
            try Self.checkWidths(user, name: "userWidths", allowEmpty: false)
            try Self.checkWidths(item, name: "itemWidths", allowEmpty: false)
        case .mmoe(let experts, let expertWidths, let towerWidths):
            guard experts >= 1 else { throw ModelConfigurationError.nonPositive("experts", experts) }
            guard experts <= Self.maximumExperts else { throw ModelConfigurationError.tooLarge("experts", experts, maximum: Self.maximumExperts) }
            try Self.checkWidths(expertWidths, name: "expertWidths", allowEmpty: false)
            try Self.checkWidths(towerWidths, name: "towerWidths", allowEmpty: true)
        case .sharedBottom(let bottomWidths, let towerWidths):
            try Self.checkWidths(bottomWidths, name: "bottomWidths", allowEmpty: false)
            try Self.checkWidths(towerWidths, name: "towerWidths", allowEmpty: true)
        case .esmm(let towerWidths):
            try Self.checkWidths(towerWidths, name: "towerWidths", allowEmpty: true)
        case .ple(let levels, let taskExperts, let sharedExperts, let expertWidths, let towerWidths):
            guard levels >= 1 else { throw ModelConfigurationError.nonPositive("levels", levels) }
            guard taskExperts >= 1 else { throw ModelConfigurationError.nonPositive("taskExperts", taskExperts) }
            guard sharedExperts >= 1 else { throw ModelConfigurationError.nonPositive("sharedExperts", sharedExperts) }
            try Self.checkWidths(expertWidths, name: "expertWidths", allowEmpty: false)
            try Self.checkWidths(towerWidths, name: "towerWidths", allowEmpty: true)
        }
        try itemTower.validate()
        if itemTower != .id {
            switch architecture {
            case .twoTower, .mmoe: break
            default: throw ModelConfigurationError.incompatibleLayout("the item convolution tower works with two-tower and MMoE models")
            }
        }
        self.architecture = architecture
        self.embeddingDimension = embeddingDimension
        self.itemTower = itemTower
    }

    /// A two-tower configuration with the given tower widths.
    public static func twoTower(userWidths: [Int] = [64, 32], itemWidths: [Int] = [64, 32],
                                embeddingDimension: Int = 8) throws -> ModelConfiguration {
        try ModelConfiguration(architecture: .twoTower(userWidths: userWidths, itemWidths: itemWidths),
                               embeddingDimension: embeddingDimension)
    }

    /// An MMoE configuration.
    public static func mmoe(experts: Int = 4, expertWidths: [Int] = [64, 32], towerWidths: [Int] = [16],
                            embeddingDimension: Int = 8) throws -> ModelConfiguration {
        try ModelConfiguration(architecture: .mmoe(experts: experts, expertWidths: expertWidths, towerWidths: towerWidths),
                               embeddingDimension: embeddingDimension)
    }

    /// A layer width given as a number (e.g. a search-space bound read from YAML), checked to be a
    /// whole number in `1...maximumWidth` before any conversion to `Int` (so `1e30` is refused, not a trap).
    /// - Throws: `ModelConfigurationError.nonPositive`, `.tooLarge` or `.notInteger`.
    public static func checkedWidth(_ value: Double, name: String = "hidden") throws -> Int {
        guard value == value.rounded(), value.isFinite else { throw ModelConfigurationError.notInteger(name, value) }
        guard value >= 1 else { throw ModelConfigurationError.nonPositive(name, value < -1e18 ? Int.min : Int(value)) }
        guard value <= Double(maximumWidth) else {
            throw ModelConfigurationError.tooLarge(name, value > 1e18 ? Int.max : Int(value), maximum: maximumWidth)
        }
        return Int(value)
    }

    /// A Shared-Bottom configuration.
    public static func sharedBottom(bottomWidths: [Int] = [64, 32], towerWidths: [Int] = [16],
                                    embeddingDimension: Int = 8) throws -> ModelConfiguration {
        try ModelConfiguration(architecture: .sharedBottom(bottomWidths: bottomWidths, towerWidths: towerWidths),
                               embeddingDimension: embeddingDimension)
    }

    /// An ESMM configuration.
    public static func esmm(towerWidths: [Int] = [64, 32], embeddingDimension: Int = 8) throws -> ModelConfiguration {
        try ModelConfiguration(architecture: .esmm(towerWidths: towerWidths), embeddingDimension: embeddingDimension)
    }

    /// A PLE configuration (one level: CGC).
    public static func ple(levels: Int = 2, taskExperts: Int = 1, sharedExperts: Int = 1, expertWidths: [Int] = [64, 32],
                           towerWidths: [Int] = [16], embeddingDimension: Int = 8) throws -> ModelConfiguration {
        try ModelConfiguration(architecture: .ple(levels: levels, taskExperts: taskExperts, sharedExperts: sharedExperts,
                                                  expertWidths: expertWidths, towerWidths: towerWidths),
                               embeddingDimension: embeddingDimension)
    }

    private static func checkWidths(_ widths: [Int], name: String, allowEmpty: Bool) throws {
        if widths.isEmpty && !allowEmpty { throw ModelConfigurationError.emptyLayers(name) }
        guard widths.count <= maximumLayers else { throw ModelConfigurationError.tooLarge("\(name) layer count", widths.count, maximum: maximumLayers) }
        for w in widths where w < 1 { throw ModelConfigurationError.nonPositive(name, w) }
        for w in widths where w > maximumWidth { throw ModelConfigurationError.tooLarge(name, w, maximum: maximumWidth) }
    }
}

/// Why a model configuration or a model for a feature layout cannot be built.
public enum ModelConfigurationError: Error, Equatable, CustomStringConvertible {
    /// A size that must be positive is not.
    case nonPositive(String, Int)
    /// A size above its maximum (the value and the maximum).
    case tooLarge(String, Int, maximum: Int)
    /// A size given as a number that is not a whole number.
    case notInteger(String, Double)
    /// A tower or expert needs at least one layer.
    case emptyLayers(String)
    /// The feature layout cannot feed the model (no inputs on a side, no objectives, bad cardinality).
    case incompatibleLayout(String)

    public var description: String {
        switch self {
        case .nonPositive(let name, let value): return "model configuration: \(name) must be positive, got \(value)"
        case .tooLarge(let name, let value, let maximum): return "model configuration: \(name) is \(value), above the maximum of \(maximum)"
        case .notInteger(let name, let value): return "model configuration: \(name) must be a whole number, got \(value)"
        case .emptyLayers(let name): return "model configuration: \(name) needs at least one layer"
        case .incompatibleLayout(let message): return "model configuration: \(message)"
        }
    }
}
