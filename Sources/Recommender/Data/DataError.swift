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

    /// Malformed rows by kind (the reason with quoted values and numbers masked), with the count and
    /// the first few line numbers of each kind, in order of first appearance.
    public var malformedKinds: [(kind: String, count: Int, firstLines: [Int])] {
        kindOrder.map { ($0, kindCounts[$0] ?? 0, kindLines[$0] ?? []) }
    }
    private var kindOrder: [String] = []
    private var kindCounts: [String: Int] = [:]
    private var kindLines: [String: [Int]] = [:]
    /// How many line numbers per kind ``malformedKinds`` and ``malformedSummary`` keep.
    public static let linesPerKind = 5

    /// One line for people: how many malformed rows were skipped, by kind, with their first lines,
    /// e.g. `skipped 12 malformed rows: 9 × user_id '…' is not an integer (lines 3, 8, 11, 20, 31, …);
    /// 3 × expected N fields, found N (lines 5, 6, 40)`. `nil` when no row was skipped.
    public var malformedSummary: String? {
        guard malformedRows > 0 else { return nil }
        let parts = malformedKinds.map { k in
            "\(k.count) × \(k.kind) (line\(k.firstLines.count == 1 ? "" : "s") \(k.firstLines.map(String.init).joined(separator: ", "))\(k.count > k.firstLines.count ? ", …" : ""))"
        }
        return "skipped \(malformedRows) malformed row\(malformedRows == 1 ? "" : "s"): " + parts.joined(separator: "; ")
    }

    /// The kind of a reason: quoted values become `'…'` and digit runs `N`.
    static func kind(of reason: String) -> String {
        var out = "", inQuote = false, inDigits = false
        for ch in reason {
            if ch == "'" {
                if !inQuote { out += "'…'" }
                inQuote.toggle(); inDigits = false; continue
            }
            if inQuote { continue }
            if ch.isASCII && ch.isNumber {
                if !inDigits { out += "N" }
                inDigits = true; continue
            }
            inDigits = false
            out.append(ch)
        }
        return out
    }

    /// An empty report.
    public init() {}

    /// Adds the malformed rows of `other` (another file of the same data set) to this report.
    public mutating func absorbMalformed(_ other: LoadReport) {
        malformedRows += other.malformedRows
        issues += other.issues
        absorbKinds(other, lineOffset: 0)
    }

    /// Adds `other`'s malformed-row kinds (counts, and first lines shifted by `lineOffset`) after this
    /// report's, keeping `linesPerKind` lines per kind.
    private mutating func absorbKinds(_ other: LoadReport, lineOffset: Int) {
        for k in other.kindOrder {
            if kindCounts[k] == nil { kindOrder.append(k) }
            kindCounts[k, default: 0] += other.kindCounts[k] ?? 0
            let lines = (kindLines[k] ?? []) + (other.kindLines[k] ?? []).map { $0 + lineOffset }
            kindLines[k] = Array(lines.prefix(Self.linesPerKind))
        }
    }

    /// Adds `other`, the report of the lines that follow this report's in the same file, with its
    /// line numbers shifted by `lineOffset`; keeps the first `maxRecordedIssues` issues: the report
    /// one pass over both parts would give.
    mutating func absorb(_ other: LoadReport, lineOffset: Int, maxRecordedIssues: Int) {
        rowsAccepted += other.rowsAccepted; duplicateRows += other.duplicateRows
        blankLines += other.blankLines; missingCells += other.missingCells
        malformedRows += other.malformedRows
        for issue in other.issues where issues.count < maxRecordedIssues {
            var shifted = issue
            shifted.line += lineOffset
            issues.append(shifted)
        }
        absorbKinds(other, lineOffset: lineOffset)
    }

    public static func == (a: LoadReport, b: LoadReport) -> Bool {
        a.rowsAccepted == b.rowsAccepted && a.malformedRows == b.malformedRows && a.issues == b.issues
            && a.duplicateRows == b.duplicateRows && a.blankLines == b.blankLines && a.missingCells == b.missingCells
            && a.kindOrder == b.kindOrder && a.kindCounts == b.kindCounts && a.kindLines == b.kindLines
    }

    /// Records a malformed row: throws in strict mode, otherwise counts it.
    mutating func reject(_ issue: DataIssue, options: LoadOptions) throws {
        if options.strict {
            throw DataError.malformedRow(file: issue.file, line: issue.line, column: issue.column, reason: issue.reason)
        }
        malformedRows += 1
        if issues.count < options.maxRecordedIssues { issues.append(issue) }
        let kind = Self.kind(of: issue.reason)
        if let count = kindCounts[kind] {
            kindCounts[kind] = count + 1
            if count < Self.linesPerKind { kindLines[kind, default: []].append(issue.line) }
        } else {
            kindOrder.append(kind)
            kindCounts[kind] = 1
            kindLines[kind] = [issue.line]
        }
    }
}
