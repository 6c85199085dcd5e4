import Foundation

/// Options for fitting a `FeatureEncoder`.
public struct EncoderOptions: Sendable, Equatable {
    /// Keys seen fewer times than this in the training split map to OOV.
    public var minCount: Int
    /// Seed of the hashing trick for fields with `hashBuckets`.
    public var hashSeed: UInt64
    /// Options; defaults keep every training key and use a fixed hash seed.
    public init(minCount: Int = 1, hashSeed: UInt64 = 0x5eed) {
        self.minCount = minCount
        self.hashSeed = hashSeed
    }
}

/// The fitted encoding of one categorical field.
public enum CategoricalEncoding: Sendable, Equatable, Codable {
    /// A fitted vocabulary.
    case vocabulary(Vocabulary)
    /// The hashing trick.
    case hashed(HashedBuckets)
    /// Cardinality including OOV.
    public var cardinality: Int {
        switch self { case .vocabulary(let v): return v.cardinality; case .hashed(let h): return h.cardinality }
    }
    /// Encoded index of `key`.
    public func encode(_ key: Int64) -> Int32 {
        switch self { case .vocabulary(let v): return v.encode(key); case .hashed(let h): return h.encode(key) }
    }
}

/// The fitted transform of one numeric field: `y = (t(x) − shift) / scale`, with `t` the log1p or
/// identity, missing `x` replaced by `fill` in the `t` space.
public struct NumericEncoding: Sendable, Equatable, Codable {
    /// Feature name.
    public var name: String
    /// Transform applied before standardization.
    public var transform: NumericTransform
    /// Training mean of `t(x)` (0 when not standardizing).
    public var shift: Double
    /// Training population standard deviation of `t(x)` (1 when not standardizing, or when it is 0).
    public var scale: Double
    /// Fill for missing cells in the `t` space.
    public var fill: Double
    /// Whether a `name#missing` indicator follows this feature.
    public var missingIndicator: Bool

    /// Encodes one raw value.
    public func encode(_ x: Double) -> Float {
        let t = x.isNaN ? fill : (transform == .log1p || transform == .log1pStandardize ? log1p(max(x, 0)) : x)
        return Float((t - shift) / scale)
    }
}

/// Turns `RawTable`s into `ExampleTable`s sharing one `FeatureLayout`. Fitted on the training split
/// only (vocabularies, standardization statistics, fill values); applying it to validation or test
/// data never looks at their values for fitting, so a key seen only in test maps to OOV (0).
///
/// Layout: per tower, categorical fields in table order (the user/item id first by loader
/// convention), then numeric features each followed by its missing indicator when requested.
/// Labels are never features: fitting fails with `DataError.labelUsedAsFeature` when a feature shares
/// a label's name.
public struct FeatureEncoder: Sendable, Equatable {
    /// The layout of every table this encoder produces.
    public let layout: FeatureLayout
    /// Encodings of the categorical fields, in `RawTable.categorical` order.
    public let categorical: [CategoricalEncoding]
    /// Encodings of the numeric fields, in `RawTable.numeric` order.
    public let numeric: [NumericEncoding]
    let categoricalNames: [String]
    private let towers: (cat: [Tower], num: [Tower])
    /// The tower of each categorical and numeric field (for binary caches).
    var fieldTowers: (categorical: [Tower], numeric: [Tower]) { (towers.cat, towers.num) }

    /// Two encoders are equal when their layouts and fitted encodings are.
    public static func == (a: FeatureEncoder, b: FeatureEncoder) -> Bool {
        a.layout == b.layout && a.categorical == b.categorical && a.numeric == b.numeric
    }

    /// Fits on the training split.
    /// - Complexity: O(rows × fields).
    /// - Throws: `DataError.labelUsedAsFeature`, `.schemaMismatch`, `.emptySplit` (empty training table).
    public init(fitting train: RawTable, options: EncoderOptions = EncoderOptions()) throws {
        try train.validate()
        guard train.count > 0 else { throw DataError.emptySplit(name: "train") }
        // Shared vocabularies per group.
        var groupVocab = [String: Vocabulary]()
        var cats = [CategoricalEncoding]()
        for c in train.categorical {
            if let b = c.hashBuckets {
                cats.append(.hashed(try HashedBuckets(buckets: b, seed: options.hashSeed)))
            } else {
                if groupVocab[c.group] == nil {
                    let members = train.categorical.filter { $0.group == c.group }
                    groupVocab[c.group] = Vocabulary(fitting: members.lazy.flatMap(\.values), minCount: options.minCount)
                }
                cats.append(.vocabulary(groupVocab[c.group]!))
            }
        }
        let nums = train.numeric.map {
            FeatureEncoder.fitNumeric(name: $0.name, transform: $0.transform, fill: $0.fill, missingIndicator: $0.missingIndicator, values: $0.values)
        }
        categorical = cats
        numeric = nums
        categoricalNames = train.categorical.map(\.name)
        towers = (train.categorical.map(\.tower), train.numeric.map(\.tower))
        layout = FeatureEncoder.layout(categorical: train.categorical.indices.map { (train.categorical[$0].name, train.categorical[$0].tower, cats[$0].cardinality) },
                                       numeric: train.numeric.map { ($0.name, $0.tower, $0.missingIndicator) }, objectives: train.objectives)
    }

    /// Fits one numeric field on its training values (NaN = missing): the mean and population
    /// standard deviation of `t(x)` in two passes, in the order of `values`.
    /// - Complexity: O(values.count).
    static func fitNumeric<C: Collection>(name: String, transform: NumericTransform, fill: Double?, missingIndicator: Bool,
                                          values: C) -> NumericEncoding where C.Element == Double {
        let useLog = transform == .log1p || transform == .log1pStandardize
        let standardize = transform == .standardize || transform == .log1pStandardize
        var sum = 0.0, sumSq = 0.0, n = 0.0
        for x in values where !x.isNaN {
            let t = useLog ? log1p(max(x, 0)) : x
            sum += t; n += 1
        }
        let mean = n > 0 ? sum / n : 0
        for x in values where !x.isNaN {
            let t = useLog ? log1p(max(x, 0)) : x
            sumSq += (t - mean) * (t - mean)
        }
        let sd = n > 0 ? (sumSq / n).squareRoot() : 0
        return NumericEncoding(name: name, transform: transform, shift: standardize ? mean : 0,
                               scale: standardize && sd > 0 ? sd : 1, fill: fill ?? mean, missingIndicator: missingIndicator)
    }

    /// The layout of fitted fields given in `RawTable` column order: per tower, categorical fields in
    /// that order, then numeric features each followed by its `#missing` indicator when requested.
    static func layout(categorical: [(name: String, tower: Tower, cardinality: Int)],
                       numeric: [(name: String, tower: Tower, missingIndicator: Bool)], objectives: [ObjectiveSpec]) -> FeatureLayout {
        func dense(_ tower: Tower) -> [String] {
            numeric.filter { $0.tower == tower }.flatMap { $0.missingIndicator ? [$0.name, $0.name + "#missing"] : [$0.name] }
        }
        let uc = categorical.filter { $0.tower == .user }, ic = categorical.filter { $0.tower == .item }
        return FeatureLayout(
            userCategoricalNames: uc.map(\.name), userCategoricalCardinalities: uc.map(\.cardinality), userDenseNames: dense(.user),
            itemCategoricalNames: ic.map(\.name), itemCategoricalCardinalities: ic.map(\.cardinality), itemDenseNames: dense(.item),
            objectives: objectives)
    }

    /// An encoder from already fitted encodings (builders that fit without a `RawTable`, such as the
    /// compact Taobao path): `categoricalNames`/`categoricalTowers` and `numericTowers` follow the
    /// `RawTable` column order the encoder accepts.
    init(layout: FeatureLayout, categorical: [CategoricalEncoding], numeric: [NumericEncoding], categoricalNames: [String],
         categoricalTowers: [Tower], numericTowers: [Tower]) {
        self.layout = layout; self.categorical = categorical; self.numeric = numeric
        self.categoricalNames = categoricalNames; self.towers = (categoricalTowers, numericTowers)
    }

    /// The fitted encoding of the categorical field `name`, if there is one.
    public func categoricalEncoding(named name: String) -> CategoricalEncoding? {
        categoricalNames.firstIndex(of: name).map { categorical[$0] }
    }

    /// Encodes `table` (any split) with the fitted encodings.
    /// - Complexity: O(rows × fields).
    /// - Throws: `DataError.schemaMismatch` when `table`'s fields or objectives differ from the training table's.
    public func encode(_ table: RawTable) throws -> ExampleTable {
        try table.validate()
        guard table.categorical.map(\.name) == categoricalNames, table.numeric.map(\.name) == numeric.map(\.name),
              table.objectives == layout.objectives else {
            throw DataError.schemaMismatch(file: "<table>", line: nil, reason: "fields or objectives differ from the training split's")
        }
        let n = table.count
        func catColumns(_ t: Tower) -> [Int] { table.categorical.indices.filter { towers.cat[$0] == t } }
        func numColumns(_ t: Tower) -> [Int] { table.numeric.indices.filter { towers.num[$0] == t } }
        func gatherCat(_ cols: [Int]) -> [Int32] {
            var out = [Int32](repeating: 0, count: n * cols.count)
            for (j, c) in cols.enumerated() {
                let enc = categorical[c]
                let values = table.categorical[c].values
                for i in 0..<n { out[i * cols.count + j] = enc.encode(values[i]) }
            }
            return out
        }
        func gatherDense(_ cols: [Int]) -> [Float] {
            let width = cols.reduce(0) { $0 + (numeric[$1].missingIndicator ? 2 : 1) }
            var out = [Float](repeating: 0, count: n * width)
            var j = 0
            for c in cols {
                let enc = numeric[c]
                let values = table.numeric[c].values
                for i in 0..<n { out[i * width + j] = enc.encode(values[i]) }
                if enc.missingIndicator {
                    for i in 0..<n { out[i * width + j + 1] = values[i].isNaN ? 1 : 0 }
                    j += 2
                } else { j += 1 }
            }
            return out
        }
        let m = table.objectives.count
        var labels = [Float](repeating: 0, count: n * m)
        for k in 0..<m { for i in 0..<n { labels[i * m + k] = Float(table.labels[k][i]) } }
        return try ExampleTable(layout: layout, count: n,
                                userCategorical: gatherCat(catColumns(.user)), userDense: gatherDense(numColumns(.user)),
                                itemCategorical: gatherCat(catColumns(.item)), itemDense: gatherDense(numColumns(.item)),
                                labels: labels, userKeys: table.userKeys, itemKeys: table.itemKeys)
    }
}
