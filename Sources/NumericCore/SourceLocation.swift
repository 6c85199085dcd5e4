/// Where in an input file something is: the file (or a source label such as `<string>`), and the
/// 1-based line and column when known. Prints as `file:line:column` (unknown parts left out).
public struct SourceLocation: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The file path or source label.
    public var file: String
    /// 1-based line, when known.
    public var line: Int?
    /// 1-based column (or field index), when known.
    public var column: Int?

    /// A location; `line` and `column` are optional.
    public init(file: String, line: Int? = nil, column: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`, without the unknown parts.
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        if let column { text += ":\(column)" }
        return text
    }
}

/// An error about bad input located in a file: its one-line description is
/// `file:line:column: message` in the compilers' style. Shared by the front-file, configuration and
/// data errors of every module, so callers (and the command line) print all of them the same way.
public protocol LocatedError: Error, CustomStringConvertible {
    /// Where the problem is, when known.
    var location: SourceLocation? { get }
    /// What is wrong, without the location.
    var message: String { get }
}

// MARK: - Default implementations

extension LocatedError {
    /// `location: message`, or the message alone when the location is unknown.
    public var description: String {
        guard let location else { return message }
        return "\(location): \(message)"
    }
}
