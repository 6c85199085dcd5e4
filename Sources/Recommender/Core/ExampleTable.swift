/// Encoded examples (impressions) ready for training and evaluation: the contract between the data
/// pipeline (loaders, cleaning, features, splits) and the model, metrics and fusion code.
///
/// All arrays are row-major with `count` rows: `userCategorical` is `count × layout.userCategoricalCount`,
/// `userDense` is `count × layout.userDenseCount`, likewise for items, and `labels` is
/// `count × layout.objectiveCount`. `userKeys` / `itemKeys` are the raw ids (before encoding), used to
/// group by user for GAUC and ranking metrics.
public struct ExampleTable: Sendable, Equatable {
    /// Field and objective layout.
    public private(set) var layout: FeatureLayout
    /// Number of examples.
    public private(set) var count: Int
    /// Encoded user categorical fields (0 = out of vocabulary).
    public private(set) var userCategorical: [Int32]
    /// User dense features (already transformed / standardized).
    public private(set) var userDense: [Float]
    /// Encoded item categorical fields (0 = out of vocabulary).
    public private(set) var itemCategorical: [Int32]
    /// Item dense features.
    public private(set) var itemDense: [Float]
    /// Labels, one column per objective.
    public private(set) var labels: [Float]
    /// Raw user id of each example.
    public private(set) var userKeys: [Int64]
    /// Raw item id of each example.
    public private(set) var itemKeys: [Int64]
    /// Each example's behaviour history (nil when the data has none); see `withSequences(_:)`.
    public private(set) var sequences: BehaviourSequences?

    /// An empty table with the given layout.
    public init(layout: FeatureLayout) {
        self.layout = layout
        count = 0
        userCategorical = []; userDense = []; itemCategorical = []; itemDense = []
        labels = []; userKeys = []; itemKeys = []
    }

    /// A table over existing columns.
    /// - Throws: `ExampleTableError.shapeMismatch` when an array's length disagrees with `count` and the layout.
    public init(
        layout: FeatureLayout, count: Int,
        userCategorical: [Int32], userDense: [Float], itemCategorical: [Int32], itemDense: [Float],
        labels: [Float], userKeys: [Int64], itemKeys: [Int64]
    ) throws {
        func check(_ name: String, _ actual: Int, _ width: Int) throws {
            guard actual == count * width else {
                throw ExampleTableError.shapeMismatch("\(name) has \(actual) values, expected \(count) × \(width)")
            }
        }
        try check("userCategorical", userCategorical.count, layout.userCategoricalCount)
        try check("userDense", userDense.count, layout.userDenseCount)
        try check("itemCategorical", itemCategorical.count, layout.itemCategoricalCount)
        try check("itemDense", itemDense.count, layout.itemDenseCount)
        try check("labels", labels.count, layout.objectiveCount)
        try check("userKeys", userKeys.count, 1)
        try check("itemKeys", itemKeys.count, 1)
        self.layout = layout
        self.count = count
        self.userCategorical = userCategorical; self.userDense = userDense
        self.itemCategorical = itemCategorical; self.itemDense = itemDense
        self.labels = labels; self.userKeys = userKeys; self.itemKeys = itemKeys
    }

    /// Appends one example. - Precondition: each array has its layout width.
    public mutating func append(
        userCategorical uc: [Int32], userDense ud: [Float], itemCategorical ic: [Int32], itemDense id: [Float],
        labels y: [Float], userKey: Int64, itemKey: Int64
    ) {
        precondition(uc.count == layout.userCategoricalCount && ud.count == layout.userDenseCount
            && ic.count == layout.itemCategoricalCount && id.count == layout.itemDenseCount
            && y.count == layout.objectiveCount, "example does not match the table layout")
        userCategorical += uc; userDense += ud; itemCategorical += ic; itemDense += id; labels += y
        userKeys.append(userKey); itemKeys.append(itemKey)
        sequences?.appendEmpty()
        count += 1
    }

    /// This table with every example's behaviour history attached (and `layout.sequence` set).
    /// - Throws: `ExampleTableError.shapeMismatch` when `sequences` covers another number of examples.
    public func withSequences(_ sequences: BehaviourSequences) throws -> ExampleTable {
        guard sequences.exampleCount == count else {
            throw ExampleTableError.shapeMismatch("behaviour sequences cover \(sequences.exampleCount) examples, the table has \(count)")
        }
        var t = self
        t.sequences = sequences
        t.layout.sequence = sequences.layout
        return t
    }

    /// The examples at `indices`, in that order (indices may repeat, as in a bootstrap sample).
    public func subset(_ indices: [Int]) -> ExampleTable {
        var t = ExampleTable(layout: layout)
        func gather<T>(_ source: [T], _ width: Int, into target: inout [T]) {
            target.reserveCapacity(indices.count * width)
            if width == 0 { return }
            for i in indices { target.append(contentsOf: source[(i * width)..<((i + 1) * width)]) }
        }
        gather(userCategorical, layout.userCategoricalCount, into: &t.userCategorical)
        gather(userDense, layout.userDenseCount, into: &t.userDense)
        gather(itemCategorical, layout.itemCategoricalCount, into: &t.itemCategorical)
        gather(itemDense, layout.itemDenseCount, into: &t.itemDense)
        gather(labels, layout.objectiveCount, into: &t.labels)
        gather(userKeys, 1, into: &t.userKeys)
        gather(itemKeys, 1, into: &t.itemKeys)
        t.sequences = sequences?.subset(indices)
        t.count = indices.count
        return t
    }

    /// The labels of objective `k` as a column.
    public func labelColumn(_ k: Int) -> [Float] {
        let m = layout.objectiveCount
        return (0..<count).map { labels[$0 * m + k] }
    }
}

/// Errors from building an `ExampleTable`.
public enum ExampleTableError: Error, Equatable, CustomStringConvertible {
    /// An array's length does not match `count` times its layout width.
    case shapeMismatch(String)
    public var description: String {
        switch self { case .shapeMismatch(let m): return "example table shape mismatch: \(m)" }
    }
}
