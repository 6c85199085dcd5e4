/// Encoded examples (impressions) ready for training and evaluation: the contract between the data
/// pipeline (loaders, cleaning, features, splits) and the model, metrics and fusion code.
///
/// All arrays are row-major with `count` rows: `userCategorical` is `count × layout.userCategoricalCount`,
/// `userDense` is `count × layout.userDenseCount`, likewise for items, and `labels` is
/// `count × layout.objectiveCount`. `userKeys` / `itemKeys` are the raw ids (before encoding), used to
/// group by user for GAUC and ranking metrics; a table built with `init(…narrowUserKeys:narrowItemKeys:)`
/// holds them in 32 bits (4 bytes per key instead of 8 at the full dataset's scale) and gives them back
/// as 64-bit values.
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
    private var userKeyColumn: KeyColumn
    private var itemKeyColumn: KeyColumn
    /// Raw user id of each example. - Complexity: O(count) when the keys are held in 32 bits (a copy);
    /// use `userKey(at:)` for one row.
    public var userKeys: [Int64] { userKeyColumn.values }
    /// Raw item id of each example. - Complexity: as `userKeys`; use `itemKey(at:)` for one row.
    public var itemKeys: [Int64] { itemKeyColumn.values }
    /// Raw user id of example `row`. - Complexity: O(1).
    @inline(__always) public func userKey(at row: Int) -> Int64 { userKeyColumn[row] }
    /// Raw item id of example `row`. - Complexity: O(1).
    @inline(__always) public func itemKey(at row: Int) -> Int64 { itemKeyColumn[row] }
    /// Whether the user and item keys are held in 32 bits.
    public var hasNarrowKeys: Bool { userKeyColumn.isNarrow && itemKeyColumn.isNarrow }
    /// The user and item key columns as stored (for binary caches).
    var storedKeys: (user: (narrow: [Int32]?, wide: [Int64]?), item: (narrow: [Int32]?, wide: [Int64]?)) {
        (userKeyColumn.stored, itemKeyColumn.stored)
    }
    /// Each example's behaviour history (nil when the data has none); see `withSequences(_:)`.
    public private(set) var sequences: BehaviourSequences?

    /// An empty table with the given layout.
    public init(layout: FeatureLayout) {
        self.layout = layout
        count = 0
        userCategorical = []; userDense = []; itemCategorical = []; itemDense = []
        labels = []; userKeyColumn = KeyColumn([]); itemKeyColumn = KeyColumn([])
    }

    /// A table over existing columns.
    /// - Throws: `ExampleTableError.shapeMismatch` when an array's length disagrees with `count` and the layout.
    public init(
        layout: FeatureLayout, count: Int,
        userCategorical: [Int32], userDense: [Float], itemCategorical: [Int32], itemDense: [Float],
        labels: [Float], userKeys: [Int64], itemKeys: [Int64]
    ) throws {
        try self.init(layout: layout, count: count, userCategorical: userCategorical, userDense: userDense,
                      itemCategorical: itemCategorical, itemDense: itemDense, labels: labels,
                      userKeys: KeyColumn(userKeys), itemKeys: KeyColumn(itemKeys))
    }

    /// A table over existing columns with its keys in 32 bits: `Int32.min` stands for `Int64.min`
    /// (the missing key), every other value for itself. `ExampleTable.narrowKey(_:)` gives the code of a
    /// 64-bit key, or nil when it does not fit (then build the table with 64-bit keys).
    /// - Throws: `ExampleTableError.shapeMismatch` when an array's length disagrees with `count` and the layout.
    public init(
        layout: FeatureLayout, count: Int,
        userCategorical: [Int32], userDense: [Float], itemCategorical: [Int32], itemDense: [Float],
        labels: [Float], narrowUserKeys: [Int32], narrowItemKeys: [Int32]
    ) throws {
        try self.init(layout: layout, count: count, userCategorical: userCategorical, userDense: userDense,
                      itemCategorical: itemCategorical, itemDense: itemDense, labels: labels,
                      userKeys: KeyColumn(narrow: narrowUserKeys), itemKeys: KeyColumn(narrow: narrowItemKeys))
    }

    /// The 32-bit code of a raw key for `init(…narrowUserKeys:narrowItemKeys:)`: the key itself when it
    /// lies in `Int32.min + 1 … Int32.max`, `Int32.min` for `Int64.min` (the missing key), nil otherwise.
    public static func narrowKey(_ key: Int64) -> Int32? { KeyColumn.narrow(key) }

    private init(
        layout: FeatureLayout, count: Int,
        userCategorical: [Int32], userDense: [Float], itemCategorical: [Int32], itemDense: [Float],
        labels: [Float], userKeys: KeyColumn, itemKeys: KeyColumn
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
        self.labels = labels; self.userKeyColumn = userKeys; self.itemKeyColumn = itemKeys
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
        userKeyColumn.append(userKey); itemKeyColumn.append(itemKey)
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
        t.userKeyColumn = userKeyColumn.gather(indices)
        t.itemKeyColumn = itemKeyColumn.gather(indices)
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
