#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import NumericCore

/// The byte-level parser behind ``FrontCSV/parse(bytes:source:)``.
struct FrontParser {
    let bytes: UnsafeBufferPointer<UInt8>
    let source: String
    private var position = 0
    private var lineNumber = 0
    /// Field ranges of the current line (reused; no per-line allocation once grown).
    private var fields: [Range<Int>] = []
    /// NUL-terminated copy of one cell for `strtod`.
    private var scratch: [CChar] = Array(repeating: 0, count: 64)

    init(bytes: UnsafeBufferPointer<UInt8>, source: String) {
        self.bytes = bytes
        self.source = source
        // Skip a UTF-8 byte-order mark (spreadsheet exports start with one).
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { position = 3 }
    }

    private static let comma = UInt8(ascii: ","), space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")
    private static let newline = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")
    private static let hash = UInt8(ascii: "#"), quote = UInt8(ascii: "\"")

    private func isBlank(_ b: UInt8) -> Bool { b == Self.space || b == Self.tab }

    /// The next line that is neither blank nor a comment, as a byte range without its line ending.
    private mutating func nextContentLine() -> Range<Int>? {
        while position < bytes.count {
            let start = position
            var end = start
            while end < bytes.count && bytes[end] != Self.newline { end += 1 }
            position = end + 1
            lineNumber += 1
            var trimmedEnd = end
            if trimmedEnd > start && bytes[trimmedEnd - 1] == Self.carriageReturn { trimmedEnd -= 1 }
            var first = start
            while first < trimmedEnd && isBlank(bytes[first]) { first += 1 }
            if first == trimmedEnd || bytes[first] == Self.hash { continue }
            return start..<trimmedEnd
        }
        return nil
    }

    /// Splits `line` into `fields`, trimming blanks around each comma-separated field.
    private mutating func split(_ line: Range<Int>, format: FrontCSV.Format) {
        fields.removeAll(keepingCapacity: true)
        switch format {
        case .commaSeparated:
            var start = line.lowerBound
            while true {
                var end = start
                while end < line.upperBound && bytes[end] != Self.comma { end += 1 }
                var a = start, b = end
                while a < b && isBlank(bytes[a]) { a += 1 }
                while b > a && isBlank(bytes[b - 1]) { b -= 1 }
                fields.append(a..<b)
                if end >= line.upperBound { break }
                start = end + 1
            }
        case .whitespaceSeparated:
            var i = line.lowerBound
            while i < line.upperBound {
                while i < line.upperBound && isBlank(bytes[i]) { i += 1 }
                if i >= line.upperBound { break }
                let start = i
                while i < line.upperBound && !isBlank(bytes[i]) { i += 1 }
                fields.append(start..<i)
            }
        }
    }

    private func text(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// The number in `range`, or nil when it is not entirely a number.
    private mutating func number(_ range: Range<Int>) -> Double? {
        let length = range.count
        guard length > 0 else { return nil }
        if scratch.count <= length { scratch = Array(repeating: 0, count: length + 1) }
        return scratch.withUnsafeMutableBufferPointer { buffer -> Double? in
            for i in 0..<length { buffer[i] = CChar(bitPattern: bytes[range.lowerBound + i]) }
            buffer[length] = 0
            var end: UnsafeMutablePointer<CChar>? = nil
            let value = strtod(buffer.baseAddress!, &end)
            guard let end, end - buffer.baseAddress! == length else { return nil }
            return value
        }
    }

    private func error(_ kind: FrontCSVError.Kind, line: Int? = nil, column: Int? = nil, _ message: String) -> FrontCSVError {
        FrontCSVError(kind, file: source, line: line, column: column, message: message)
    }

    mutating func run() throws -> FrontTable {
        guard let firstLine = nextContentLine() else {
            throw error(.empty, line: 1, "empty file (no header and no data rows)")
        }
        let format: FrontCSV.Format =
            bytes[firstLine].contains(Self.comma) ? .commaSeparated : .whitespaceSeparated
        split(firstLine, format: format)
        let hasHeader = number(fields[0]) == nil && !fields[0].isEmpty
        let headerLine = lineNumber
        var objectiveNames: [String] = [], senses: [ObjectiveSense] = [], decisionNames: [String] = []
        var pendingLine: Range<Int>? = firstLine
        if hasHeader {
            try parseHeader(line: lineNumber, names: fields.map(text),
                            objectives: &objectiveNames, senses: &senses, decisions: &decisionNames)
            pendingLine = nil
        }
        let width = hasHeader ? objectiveNames.count + decisionNames.count : fields.count
        let objectiveCount = hasHeader ? objectiveNames.count : width
        var objectives: [Double] = [], decisions: [Double] = []
        objectives.reserveCapacity(bytes.count / 8)
        var rows = 0
        while let line = pendingLine ?? nextContentLine() {
            pendingLine = nil
            split(line, format: format)
            guard fields.count == width else {
                throw error(.raggedRow, line: lineNumber,
                            "line \(lineNumber) has \(fields.count) field\(fields.count == 1 ? "" : "s"), expected \(width)")
            }
            for (index, field) in fields.enumerated() {
                guard let value = number(field) else {
                    let cell = text(field)
                    throw error(.notANumber, line: lineNumber, column: index + 1,
                                cell.isEmpty ? "empty cell, expected a number" : "'\(cell)' is not a number")
                }
                guard value.isFinite else {
                    throw error(.nonFinite, line: lineNumber, column: index + 1,
                                "'\(text(field))' is not finite (NaN and infinity are not allowed)")
                }
                if index < objectiveCount { objectives.append(value) } else { decisions.append(value) }
            }
            rows += 1
        }
        guard rows > 0 else { throw error(.empty, line: headerLine + 1, "no data rows after the header on line \(headerLine)") }
        if !hasHeader {
            objectiveNames = (1...width).map { "f\($0)" }
            senses = Array(repeating: .minimize, count: width)
        }
        return try FrontTable(
            objectiveNames: objectiveNames, senses: senses, decisionNames: decisionNames,
            objectives: Matrix(rows: rows, columns: objectiveCount, storage: objectives),
            decisions: Matrix(rows: rows, columns: width - objectiveCount, storage: decisions),
            hasHeader: hasHeader, format: format)
    }

    private func parseHeader(
        line: Int, names: [String],
        objectives: inout [String], senses: inout [ObjectiveSense], decisions: inout [String]
    ) throws {
        var seenObjectives: [String: Int] = [:], seenDecisions: [String: Int] = [:]
        for (index, raw) in names.enumerated() {
            var name = raw
            if name.count >= 2 && name.first == "\"" && name.last == "\"" { name = String(name.dropFirst().dropLast()) }
            let column = index + 1
            guard !name.isEmpty else { throw error(.invalidHeader, line: line, column: column, "empty column name") }
            if name.hasPrefix("x.") {
                let decision = String(name.dropFirst(2))
                guard !decision.isEmpty else {
                    throw error(.invalidHeader, line: line, column: column, "decision column 'x.' has no name")
                }
                if let previous = seenDecisions[decision] {
                    throw error(.invalidHeader, line: line, column: column,
                                "duplicate decision column '\(name)' (also column \(previous))")
                }
                seenDecisions[decision] = column
                decisions.append(decision)
                continue
            }
            guard decisions.isEmpty else {
                throw error(.invalidHeader, line: line, column: column,
                            "objective column '\(name)' after decision columns (objectives come first)")
            }
            var sense = ObjectiveSense.minimize
            if let colon = name.lastIndex(of: ":") {
                let suffix = String(name[name.index(after: colon)...])
                guard let parsed = ObjectiveSense(rawValue: suffix) else {
                    throw error(.invalidHeader, line: line, column: column,
                                "column '\(name)' has sense '\(suffix)'; use ':max' or ':min'")
                }
                sense = parsed
                name = String(name[..<colon])
                guard !name.isEmpty else {
                    throw error(.invalidHeader, line: line, column: column, "objective column has no name before ':\(suffix)'")
                }
            }
            if let previous = seenObjectives[name] {
                throw error(.invalidHeader, line: line, column: column,
                            "duplicate objective column '\(name)' (also column \(previous))")
            }
            seenObjectives[name] = column
            objectives.append(name)
            senses.append(sense)
        }
        guard !objectives.isEmpty else {
            throw error(.invalidHeader, line: line, column: 1, "no objective columns (only x. decision columns)")
        }
    }
}
