import Foundation
import NumericCore

/// One typed error for everything the data pipeline can reject: missing files, malformed rows in
/// strict mode, unknown columns, schemas that do not match the data, label leaks and empty splits.
///
/// Locations are 1-based (`line` counts every physical line of the file, the header included;
/// `column` is the 1-based field index) and are `nil` where unknown.
public enum DataError: LocatedError, Equatable, Sendable {
    /// The file does not exist or cannot be opened.
    case fileNotFound(path: String)
    /// Reading failed after opening (I/O error).
    case unreadable(path: String, reason: String)
    /// A row could not be parsed (only thrown in strict mode; otherwise counted in a `LoadReport`).
    case malformedRow(file: String, line: Int, column: Int?, reason: String)
    /// A column named by a schema or loader is not in the file's header.
    case unknownColumn(file: String, name: String, available: [String])
    /// The schema does not fit the data (wrong field count, missing required role, bad option).
    case schemaMismatch(file: String, line: Int?, reason: String)
    /// The schema itself is invalid (unparseable JSON/YAML, duplicate roles, bad kinds).
    case invalidSchema(reason: String)
    /// A label column was also listed as a feature: labels are never features.
    case labelUsedAsFeature(column: String)
    /// A split (train, validation or test) came out empty.
    case emptySplit(name: String)
    /// An argument is out of range (fractions, counts, bucket sizes).
    case invalidArgument(String)

    /// Where the problem is (``LocatedError``): the file, and the line and field when known.
    public var location: SourceLocation? {
        switch self {
        case .fileNotFound(let p), .unreadable(let p, _): return SourceLocation(file: p)
        case .malformedRow(let f, let l, let c, _): return SourceLocation(file: f, line: l, column: c)
        case .unknownColumn(let f, _, _): return SourceLocation(file: f)
        case .schemaMismatch(let f, let l, _): return SourceLocation(file: f, line: l)
        case .invalidSchema, .labelUsedAsFeature, .emptySplit, .invalidArgument: return nil
        }
    }

    /// What is wrong, without the location.
    public var message: String {
        switch self {
        case .fileNotFound: return "file not found"
        case .unreadable(_, let r): return "cannot read: \(r)"
        case .malformedRow(_, _, _, let r): return "malformed row: \(r)"
        case .unknownColumn(_, let n, let a):
            return "unknown column '\(n)' (available: \(a.prefix(20).joined(separator: ", "))\(a.count > 20 ? ", …" : ""))"
        case .schemaMismatch(_, _, let r): return "schema does not match the data: \(r)"
        case .invalidSchema(let r): return "invalid schema: \(r)"
        case .labelUsedAsFeature(let c): return "label column '\(c)' is also listed as a feature; labels are never features"
        case .emptySplit(let n): return "the \(n) split is empty"
        case .invalidArgument(let m): return "invalid argument: \(m)"
        }
    }
}

/// Options shared by every loader.
public struct LoadOptions: Sendable, Equatable {
    /// When `true`, the first malformed row throws `DataError.malformedRow`; otherwise malformed rows
    /// are skipped and counted in the `LoadReport`.
    public var strict: Bool
    /// When `true`, exact duplicate lines (byte-identical after stripping the line ending) are dropped
    /// and counted. Costs 16 bytes of memory per distinct line (a 128-bit fingerprint).
    public var dropDuplicates: Bool
    /// How many malformed rows are kept verbatim in the report (all are counted).
    public var maxRecordedIssues: Int
    /// Read at most this many data rows (nil = all), e.g. to take the head of a full dataset.
    public var rowLimit: Int?

    /// Lenient defaults: skip and count malformed rows, drop exact duplicates.
    public init(strict: Bool = false, dropDuplicates: Bool = true, maxRecordedIssues: Int = 100, rowLimit: Int? = nil) {
        self.strict = strict
        self.dropDuplicates = dropDuplicates
        self.maxRecordedIssues = maxRecordedIssues
        self.rowLimit = rowLimit
    }
}

/// One skipped row: where it was and why.
public struct DataIssue: Sendable, Equatable, CustomStringConvertible {
    /// File path.
    public var file: String
    /// 1-based physical line number.
    public var line: Int
    /// 1-based field index, when the problem is in one field.
    public var column: Int?
    /// What is wrong.
    public var reason: String
    public var description: String {
        "\(file):\(line)\(column.map { ":\($0)" } ?? ""): \(reason)"
    }
}

/// What a loader read, skipped and dropped.
public struct LoadReport: Sendable, Equatable {
    /// Data rows accepted.
    public var rowsAccepted = 0
    /// Malformed rows skipped (all of them, also those beyond `issues`).
    public var malformedRows = 0
    /// The first `LoadOptions.maxRecordedIssues` malformed rows.
    public var issues: [DataIssue] = []
    /// Exact duplicate lines dropped.
    public var duplicateRows = 0
    /// Blank lines ignored.
    public var blankLines = 0
    /// Categorical or numeric cells that were empty (counted, then encoded as OOV / filled).
    public var missingCells = 0

    /// An empty report.
    public init() {}

    /// Records a malformed row: throws in strict mode, otherwise counts it.
    mutating func reject(_ issue: DataIssue, options: LoadOptions) throws {
        if options.strict {
            throw DataError.malformedRow(file: issue.file, line: issue.line, column: issue.column, reason: issue.reason)
        }
        malformedRows += 1
        if issues.count < options.maxRecordedIssues { issues.append(issue) }
    }
}
