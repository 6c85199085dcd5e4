#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import NumericCore

/// Reading and writing front files (DESIGN.md, "Front CSV").
///
/// Two layouts are accepted:
/// - **comma-separated** with one header line: objective columns first (`name`, `name:max` or
///   `name:min`), then decision columns (`x.name`); one row per solution;
/// - **whitespace-separated numbers** without header, pymoo/moocore style; every column is a
///   minimized objective.
///
/// A first line whose first field is not a number is a header (in either layout). Blank lines and
/// lines starting with `#` are skipped everywhere. Cells are parsed from the raw bytes with `strtod`
/// (C locale); NaN and ±∞ are rejected. Errors are ``FrontCSVError`` with file, line, and column.
public enum FrontCSV {
    /// The field separator of a front file.
    public enum Format: Sendable, Equatable {
        /// Fields separated by commas (spaces around them are ignored).
        case commaSeparated
        /// Fields separated by runs of spaces or tabs.
        case whitespaceSeparated
    }

    /// Reads and parses the front file at `path`. - Complexity: O(file size).
    /// - Throws: ``FrontCSVError`` (`.unreadable` for a missing or unreadable file, or a parse error).
    public static func read(path: String) throws -> FrontTable {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw FrontCSVError(.unreadable, file: path, message: "no such file")
        }
        guard !isDirectory.boolValue else {
            throw FrontCSVError(.unreadable, file: path, message: "is a directory, not a file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FrontCSVError(.unreadable, file: path, message: "cannot read file")
        }
        return try data.withUnsafeBytes { raw in
            try parse(bytes: raw.bindMemory(to: UInt8.self), source: path)
        }
    }

    /// Parses front text; `source` names it in error messages. - Complexity: O(text length).
    /// - Throws: ``FrontCSVError``.
    public static func parse(text: String, source: String = "<text>") throws -> FrontTable {
        var copy = text
        return try copy.withUTF8 { try parse(bytes: $0, source: source) }
    }

    /// Parses front bytes (UTF-8/ASCII); `source` names them in error messages.
    /// - Complexity: O(n) in the number of bytes; one `strtod` per cell, no per-cell allocation.
    /// - Throws: ``FrontCSVError``.
    public static func parse(bytes: UnsafeBufferPointer<UInt8>, source: String) throws -> FrontTable {
        var parser = FrontParser(bytes: bytes, source: source)
        return try parser.run()
    }

    /// The text of `table` (or of the given rows of it, in that order) in the table's own format:
    /// its separator, its header line if it has one, numbers at `%.17g`, one row per line.
    /// - Complexity: O(k·(M + D)) for k rows.
    public static func render(_ table: FrontTable, rows: [Int]? = nil) -> String {
        let separator: UInt8 = table.format == .commaSeparated ? UInt8(ascii: ",") : UInt8(ascii: " ")
        var out: [UInt8] = []
        if table.hasHeader {
            let names = zip(table.objectiveNames, table.senses).map { $1 == .maximize ? "\($0):max" : $0 }
                + table.decisionNames.map { "x.\($0)" }
            for (index, name) in names.enumerated() {
                if index > 0 { out.append(separator) }
                out.append(contentsOf: Array(name.utf8))
            }
            out.append(UInt8(ascii: "\n"))
        }
        let m = table.objectives.columns, d = table.decisions.columns
        out.reserveCapacity(out.count + (rows?.count ?? table.count) * (m + d) * 24)
        table.objectives.withUnsafeBufferPointer { objectives in
            table.decisions.withUnsafeBufferPointer { decisions in
                func emit(_ i: Int) {
                    for k in 0..<m {
                        if k > 0 { out.append(separator) }
                        FullPrecision.append(objectives[i * m + k], to: &out)
                    }
                    for k in 0..<d {
                        out.append(separator)
                        FullPrecision.append(decisions[i * d + k], to: &out)
                    }
                    out.append(UInt8(ascii: "\n"))
                }
                if let rows { for i in rows { emit(i) } } else { for i in 0..<table.count { emit(i) } }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Writes `table` to `path` atomically (temporary file, fsync, rename) in its own format.
    /// - Throws: ``FrontCSVError`` of kind `.unwritable`, naming the path.
    public static func write(_ table: FrontTable, to path: String, rows: [Int]? = nil) throws {
        do {
            try AtomicFile.write(render(table, rows: rows), to: path)
        } catch let error as AtomicFileError {
            throw FrontCSVError(.unwritable, file: path, message: error.message)
        }
    }
}
