import NumericCore

/// A problem reading or writing a front file, located by file, line, and column where known.
///
/// `description` is one line in the usual compiler style, e.g.
/// `front.csv:3:2: 'abc' is not a number`.
public struct FrontCSVError: LocatedError, Equatable {
    /// What kind of problem it is, for callers that branch on it.
    public enum Kind: Sendable, Equatable {
        /// The file does not exist or cannot be read.
        case unreadable
        /// No data (only blank or comment lines, or a header without rows).
        case empty
        /// A row has a different number of fields than the first.
        case raggedRow
        /// A cell is not a decimal number.
        case notANumber
        /// A cell is NaN or infinite.
        case nonFinite
        /// A header name is empty, duplicated, badly suffixed, or out of order.
        case invalidHeader
        /// Writing the file failed.
        case unwritable
    }

    /// The kind of problem.
    public let kind: Kind
    /// Where: the file (or source label), and the line and field when known.
    public let place: SourceLocation
    /// A human-readable explanation without the location.
    public let message: String

    /// An error of `kind` in `file`, at `line` and `column` when known.
    public init(_ kind: Kind, file: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.kind = kind
        self.place = SourceLocation(file: file, line: line, column: column)
        self.message = message
    }

    /// The file (or source label) concerned.
    public var file: String { place.file }
    /// 1-based line number, when the problem is on a line.
    public var line: Int? { place.line }
    /// 1-based field number on that line, when the problem is in one cell.
    public var column: Int? { place.column }
    /// ``LocatedError`` conformance; `description` is `file:line:column: message`, one line.
    public var location: SourceLocation? { place }
}
