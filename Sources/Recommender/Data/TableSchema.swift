import Foundation
import Yams

/// A schema file for the generic CSV loader: the file's format and the role of each used column.
/// Columns not listed are ignored. Read from JSON or YAML (`TableSchema.load(path:)`).
///
/// ```yaml
/// delimiter: ","            # or "\t", "tab", "space"
/// header: true
/// columns:
///   - {name: user_id, role: user_id}
///   - {name: item_id, role: item_id}
///   - {name: city, role: user_categorical, hash_buckets: 1000}
///   - {name: age, role: user_numeric, transform: log1p_standardize, missing_indicator: true}
///   - {name: history, role: user_sequence, separator: "|", max_length: 3}
///   - {name: ts, role: timestamp}
///   - {name: click, role: label, kind: binary}
/// ```
/// Without a header, give `index` (0-based) instead of, or beside, `name`.
///
/// A sequence feature (`a|b|c`) is encoded as a bag of its first `max_length` tokens: `max_length`
/// categorical fields `name[0]…name[K−1]` sharing one vocabulary, missing positions OOV (0).
public struct TableSchema: Codable, Sendable, Equatable {
    /// What a column is used for.
    public enum Role: String, Codable, Sendable, CaseIterable {
        /// Roles: ids, categorical/numeric/sequence features per tower, labels, timestamp, or ignored.
        case userID = "user_id", itemID = "item_id"
        case userCategorical = "user_categorical", itemCategorical = "item_categorical"
        case userNumeric = "user_numeric", itemNumeric = "item_numeric"
        case userSequence = "user_sequence", itemSequence = "item_sequence"
        case label, timestamp, ignore

        /// Whether the role makes the column a model input.
        public var isFeature: Bool { ![.label, .timestamp, .ignore].contains(self) }
    }

    /// One column's role and options.
    public struct Column: Codable, Sendable, Equatable {
        /// Header name (required when the file has a header).
        public var name: String?
        /// 0-based field index (required without a header; checked against the header otherwise).
        public var index: Int?
        /// What the column is used for.
        public var role: Role
        /// Label kind (labels only; default binary).
        public var kind: LabelKind?
        /// Numeric transform (numeric only; default standardize).
        public var transform: NumericTransform?
        /// Fill value for missing numeric cells (default: training mean).
        public var fill: Double?
        /// Add a `name#missing` indicator feature (numeric only).
        public var missingIndicator: Bool?
        /// Hash into this many buckets instead of a vocabulary (categorical, sequence).
        public var hashBuckets: Int?
        /// Token separator (sequence only; default `|`).
        public var separator: String?
        /// Tokens kept (sequence only; default 5).
        public var maxLength: Int?

        enum CodingKeys: String, CodingKey {
            case name, index, role, kind, transform, fill
            case missingIndicator = "missing_indicator", hashBuckets = "hash_buckets", separator, maxLength = "max_length"
        }

        /// A column; options default as documented on each property.
        public init(name: String? = nil, index: Int? = nil, role: Role, kind: LabelKind? = nil, transform: NumericTransform? = nil,
                    fill: Double? = nil, missingIndicator: Bool? = nil, hashBuckets: Int? = nil, separator: String? = nil, maxLength: Int? = nil) {
            self.name = name; self.index = index; self.role = role; self.kind = kind; self.transform = transform; self.fill = fill
            self.missingIndicator = missingIndicator; self.hashBuckets = hashBuckets; self.separator = separator; self.maxLength = maxLength
        }

        /// The name used for features and labels.
        public var displayName: String { name ?? "column\(index ?? -1)" }
    }

    /// Field separator: `","`, `"\t"`/`"tab"`, `" "`/`"space"`, or any single ASCII character.
    public var delimiter: String
    /// Whether the first line is a header.
    public var header: Bool
    /// The used columns.
    public var columns: [Column]

    /// A schema; call `validate()` before use (the loader does).
    public init(delimiter: String = ",", header: Bool = true, columns: [Column]) {
        self.delimiter = delimiter
        self.header = header
        self.columns = columns
    }

    enum CodingKeys: String, CodingKey { case delimiter, header, columns }

    /// Decodes with defaults `delimiter: ","`, `header: true`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        delimiter = try c.decodeIfPresent(String.self, forKey: .delimiter) ?? ","
        header = try c.decodeIfPresent(Bool.self, forKey: .header) ?? true
        columns = try c.decode([Column].self, forKey: .columns)
    }

    /// Reads a schema from a `.json`, `.yaml` or `.yml` file and validates it.
    /// - Throws: `DataError.fileNotFound`, `.invalidSchema`, `.labelUsedAsFeature`.
    public static func load(path: String) throws -> TableSchema {
        guard let data = FileManager.default.contents(atPath: path) else { throw DataError.fileNotFound(path: path) }
        let schema: TableSchema
        do {
            if path.hasSuffix(".json") {
                schema = try JSONDecoder().decode(TableSchema.self, from: data)
            } else {
                schema = try YAMLDecoder().decode(TableSchema.self, from: String(decoding: data, as: UTF8.self))
            }
        } catch let e as DataError {
            throw e
        } catch {
            throw DataError.invalidSchema(reason: "\(path): \(error)")
        }
        try schema.validate()
        return schema
    }

    /// The delimiter byte.
    public func delimiterByte() throws -> UInt8 {
        switch delimiter {
        case "\t", "tab", "\\t": return 9
        case " ", "space": return 32
        default:
            guard delimiter.utf8.count == 1, let b = delimiter.utf8.first, b < 128 else {
                throw DataError.invalidSchema(reason: "delimiter must be one ASCII character, got '\(delimiter)'")
            }
            return b
        }
    }

    /// The delimited format of this schema's files: its delimiter, `"` quoting unless the delimiter
    /// is a space, and its header flag.
    /// - Throws: `DataError.invalidSchema` for a bad delimiter.
    func delimitedFormat() throws -> DelimitedFormat {
        let delimiter = try delimiterByte()
        return DelimitedFormat(delimiter: delimiter, quote: delimiter == 32 ? nil : UInt8(ascii: "\""), hasHeader: header)
    }

    /// The field index of each column in the file `reader` reads (`path` names it in errors): a named
    /// column's position in the header (checked against its given index), otherwise its given index.
    /// - Throws: `DataError` for a column the header lacks or a given index the header contradicts.
    func fieldIndices(in reader: DelimitedReader, path: String) throws -> [Int] {
        try columns.map { c in
            guard header, let name = c.name else { return c.index ?? 0 }
            let i = try reader.columnIndex(name)
            if let given = c.index, given != i {
                throw DataError.schemaMismatch(file: path, line: 1, reason: "column '\(name)' is at index \(i), schema says \(given)")
            }
            return i
        }
    }

    /// Checks roles and options: exactly one `user_id`, at most one `item_id` (without one, the item key
    /// of a row is its line number: each impression is its own item), at least one label, at most
    /// one timestamp, every column named (or indexed without header), and no column both a label and
    /// a feature.
    /// - Throws: `DataError.labelUsedAsFeature`, `DataError.invalidSchema`.
    public func validate() throws {
        _ = try delimiterByte()
        func count(_ r: Role) -> Int { columns.filter { $0.role == r }.count }
        guard count(.userID) == 1 else { throw DataError.invalidSchema(reason: "exactly one user_id column required, found \(count(.userID))") }
        guard count(.itemID) <= 1 else { throw DataError.invalidSchema(reason: "at most one item_id column allowed, found \(count(.itemID))") }
        guard count(.label) >= 1 else { throw DataError.invalidSchema(reason: "at least one label column required") }
        guard count(.timestamp) <= 1 else { throw DataError.invalidSchema(reason: "at most one timestamp column") }
        var ids = [String: Role]()
        for c in columns {
            if header, c.name == nil { throw DataError.invalidSchema(reason: "a column needs a name when the file has a header") }
            if !header, c.index == nil { throw DataError.invalidSchema(reason: "column '\(c.displayName)' needs an index (file has no header)") }
            if let i = c.index, i < 0 { throw DataError.invalidSchema(reason: "negative index for '\(c.displayName)'") }
            if let b = c.hashBuckets, b < 1 { throw DataError.invalidSchema(reason: "hash_buckets must be ≥ 1 for '\(c.displayName)'") }
            if let k = c.maxLength, k < 1 { throw DataError.invalidSchema(reason: "max_length must be ≥ 1 for '\(c.displayName)'") }
            if let sep = c.separator, sep.count != 1 {
                throw DataError.invalidSchema(reason: "separator must be one character for '\(c.displayName)', got '\(sep)'")
            }
            let id = header ? c.name! : "#\(c.index!)"
            if let other = ids[id] {
                if other == .label || c.role == .label, other != c.role, other.isFeature || c.role.isFeature {
                    throw DataError.labelUsedAsFeature(column: c.displayName)
                }
                if other != .timestamp && c.role != .timestamp {
                    throw DataError.invalidSchema(reason: "column '\(c.displayName)' is listed twice (\(other.rawValue), \(c.role.rawValue))")
                }
            }
            ids[id] = c.role
        }
    }
}
