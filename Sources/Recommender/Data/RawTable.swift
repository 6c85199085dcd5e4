/// Parsed but not yet encoded examples, column-major: raw categorical keys, raw numeric values,
/// labels and the user/item keys. The output of every loader and the input of `FeatureEncoder`
/// (which is fitted on a training `RawTable` and applied to validation/test ones).
///
/// Missing categorical cells are `RawTable.missingKey`; missing numeric cells are `Double.nan`.
public struct RawTable: Sendable, Equatable {
    /// The key stored for an empty categorical cell (encoded as OOV index 0).
    public static let missingKey = Int64.min

    /// One categorical field: its name, the tower it feeds, its per-row keys, and its vocabulary
    /// group (fields in one group, like the positions of a sequence feature, share one vocabulary).
    public struct CategoricalColumn: Sendable, Equatable {
        /// Field name.
        public var name: String
        /// Tower the field feeds.
        public var tower: Tower
        /// Vocabulary group (sequence positions share one).
        public var group: String
        /// Hash into this many buckets instead of fitting a vocabulary.
        public var hashBuckets: Int?
        /// Raw keys per row (`RawTable.missingKey` when empty).
        public var values: [Int64]
        /// A categorical column; the group defaults to the name.
        public init(name: String, tower: Tower, group: String? = nil, hashBuckets: Int? = nil, values: [Int64] = []) {
            self.name = name; self.tower = tower; self.group = group ?? name; self.hashBuckets = hashBuckets; self.values = values
        }
    }

    /// One numeric field with its transform and missing-value policy.
    public struct NumericColumn: Sendable, Equatable {
        /// Feature name.
        public var name: String
        /// Tower the feature feeds.
        public var tower: Tower
        /// Transform fitted on the training split.
        public var transform: NumericTransform
        /// Value used for missing cells (in the transformed space, before standardization); nil = the
        /// training mean, i.e. 0 after standardization.
        public var fill: Double?
        /// Whether to add a 0/1 dense feature `name#missing`.
        public var missingIndicator: Bool
        /// Raw values per row (NaN when missing).
        public var values: [Double]
        /// A numeric column (standardized by default).
        public init(name: String, tower: Tower, transform: NumericTransform = .standardize, fill: Double? = nil,
                    missingIndicator: Bool = false, values: [Double] = []) {
            self.name = name; self.tower = tower; self.transform = transform; self.fill = fill
            self.missingIndicator = missingIndicator; self.values = values
        }
    }

    /// Categorical fields (user-id and item-id fields first within their tower, by convention).
    public var categorical: [CategoricalColumn]
    /// Numeric fields.
    public var numeric: [NumericColumn]
    /// Objectives, in label column order.
    public var objectives: [ObjectiveSpec]
    /// Labels, one array per objective.
    public var labels: [[Double]]
    /// Raw user key of each row.
    public var userKeys: [Int64]
    /// Raw item key of each row.
    public var itemKeys: [Int64]
    /// Timestamps (any unit) when the source has them, for temporal splits and sessions.
    public var timestamps: [Int64]?
    /// Physical source line of each row (0 for generated rows).
    public var sourceLines: [Int]

    /// Number of rows.
    public var count: Int { userKeys.count }

    /// A table; call `validate()` to check shapes (the encoder does).
    public init(categorical: [CategoricalColumn], numeric: [NumericColumn], objectives: [ObjectiveSpec],
                labels: [[Double]], userKeys: [Int64], itemKeys: [Int64], timestamps: [Int64]? = nil, sourceLines: [Int]? = nil) {
        self.categorical = categorical
        self.numeric = numeric
        self.objectives = objectives
        self.labels = labels
        self.userKeys = userKeys
        self.itemKeys = itemKeys
        self.timestamps = timestamps
        self.sourceLines = sourceLines ?? Array(repeating: 0, count: userKeys.count)
    }

    /// The rows at `indices`, in that order.
    /// - Complexity: O(indices.count × columns).
    public func subset(_ indices: [Int]) -> RawTable {
        var t = self
        for c in t.categorical.indices { t.categorical[c].values = indices.map { categorical[c].values[$0] } }
        for c in t.numeric.indices { t.numeric[c].values = indices.map { numeric[c].values[$0] } }
        t.labels = labels.map { col in indices.map { col[$0] } }
        t.userKeys = indices.map { userKeys[$0] }
        t.itemKeys = indices.map { itemKeys[$0] }
        t.timestamps = timestamps.map { ts in indices.map { ts[$0] } }
        t.sourceLines = indices.map { sourceLines[$0] }
        return t
    }

    /// Checks that every column has `count` rows and names are unique.
    /// - Throws: `DataError.schemaMismatch`.
    public func validate(file: String = "<table>") throws {
        let n = count
        func bad(_ what: String) -> DataError { .schemaMismatch(file: file, line: nil, reason: what) }
        guard itemKeys.count == n, sourceLines.count == n, timestamps?.count ?? n == n else { throw bad("key columns differ in length") }
        for c in categorical where c.values.count != n { throw bad("categorical '\(c.name)' has \(c.values.count) rows, expected \(n)") }
        for c in numeric where c.values.count != n { throw bad("numeric '\(c.name)' has \(c.values.count) rows, expected \(n)") }
        guard labels.count == objectives.count else { throw bad("\(labels.count) label columns for \(objectives.count) objectives") }
        for (k, l) in labels.enumerated() where l.count != n { throw bad("label '\(objectives[k].name)' has \(l.count) rows, expected \(n)") }
        let names = categorical.map(\.name) + numeric.map(\.name)
        var seen = Set<String>()
        for name in names where !seen.insert(name).inserted { throw bad("feature '\(name)' appears twice") }
        for o in objectives where seen.contains(o.name) { throw DataError.labelUsedAsFeature(column: o.name) }
    }
}

/// Which tower a feature feeds.
public enum Tower: String, Codable, Sendable, CaseIterable {
    case user
    case item
}

/// How a numeric feature is transformed before entering the model. Statistics are fitted on the
/// training split only.
public enum NumericTransform: String, Codable, Sendable, CaseIterable {
    /// Used as is.
    case none
    /// `log(1 + max(x, 0))`.
    case log1p
    /// `(x − mean) / std` with the training split's mean and (population) standard deviation.
    case standardize
    /// `log1p`, then standardize.
    case log1pStandardize = "log1p_standardize"
}
