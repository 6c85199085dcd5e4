/// A problem reading or writing a front file, located by file, line, and column where known.
///
/// `description` is one line in the usual compiler style, e.g.
/// `front.csv:3:2: 'abc' is not a number`.
public struct FrontCSVError: Error, Equatable, CustomStringConvertible {
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
    /// The file (or source label) concerned.
    public let file: String
    /// 1-based line number, when the problem is on a line.
    public let line: Int?
    /// 1-based field number on that line, when the problem is in one cell.
    public let column: Int?
    /// A human-readable explanation without the location.
    public let message: String

    /// An error of `kind` in `file`, at `line` and `column` when known.
    public init(_ kind: Kind, file: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.kind = kind
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `file:line:column: message` (line and column omitted when unknown), one line.
    public var description: String {
        var location = file
        if let line { location += ":\(line)" }
        if let column { location += ":\(column)" }
        return "\(location): \(message)"
    }
}
