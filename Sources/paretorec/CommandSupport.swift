import ArgumentParser
import Foundation
import NumericCore
import ParetoCore

/// A command-line usage problem, printed as one line.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Writes one line to standard error, control characters escaped (``ErrorText/escapingControlCharacters(_:)``).
func printError(_ line: String) {
    StandardStreams.writeError(ErrorText.escapingControlCharacters(line) + "\n")
}

/// Runs a subcommand body; any error becomes one `paretorec: error: …` line on stderr and exit code 1.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let exit as ExitCode {
        throw exit
    } catch {
        printError("paretorec: error: \(ErrorText.describe(error))")
        throw ExitCode.failure
    }
}

/// Writes `text` to stdout without a trailing newline of its own.
/// - Throws: `StandardStreams.WriteError` when stdout is full, closed or broken.
func writeStandardOutput(_ text: String) throws {
    try StandardStreams.writeOutput(text)
}

/// Writes a progress text to stderr (a failure is remembered and makes the exit status non-zero).
func writeProgress(_ text: String) {
    StandardStreams.writeError(text)
}

/// The wall time of `body` in seconds, together with its result.
func timed<T>(_ body: () throws -> T) rethrows -> (T, Double) {
    let clock = ContinuousClock()
    var result: T?
    let duration = try clock.measure { result = try body() }
    let (seconds, attoseconds) = duration.components
    return (result!, Double(seconds) + Double(attoseconds) * 1e-18)
}

/// Parses a comma-separated list of finite numbers given to `option` (e.g. `--reference 1,2.5`).
/// - Throws: `CLIError` for an empty item (`1,,1`), a non-number or a NaN/∞.
func parseNumberList(_ text: String, option: String) throws -> [Double] {
    let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
    var values: [Double] = []
    for (k, part) in parts.enumerated() {
        guard !part.isEmpty else { throw CLIError("\(option): item \(k + 1) of '\(text)' is empty") }
        guard let value = Double(part) else { throw CLIError("\(option): '\(part)' is not a number") }
        guard value.isFinite else { throw CLIError("\(option): '\(part)' is not finite") }
        values.append(value)
    }
    return values
}

/// Reads a front file; its errors already print as one line naming the file, line, and column.
func readFront(_ path: String) throws -> FrontTable {
    try FrontCSV.read(path: path)
}

/// A tiny JSON object writer that keeps doubles at `%.17g`.
struct JSONObject {
    private var fields: [String] = []

    static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }

    mutating func add(_ key: String, _ value: String) { fields.append("\(Self.quoted(key)): \(Self.quoted(value))") }
    mutating func add(_ key: String, _ value: Int) { fields.append("\(Self.quoted(key)): \(value)") }
    mutating func add(_ key: String, _ value: Bool) { fields.append("\(Self.quoted(key)): \(value)") }
    mutating func add(_ key: String, _ value: Double) {
        fields.append("\(Self.quoted(key)): \(value.isFinite ? FullPrecision.format(value) : "null")")
    }
    mutating func add(_ key: String, _ values: [Int]) {
        fields.append("\(Self.quoted(key)): [\(values.map(String.init).joined(separator: ", "))]")
    }
    mutating func add(_ key: String, _ values: [String]) {
        fields.append("\(Self.quoted(key)): [\(values.map(Self.quoted).joined(separator: ", "))]")
    }
    mutating func add(_ key: String, _ values: [Double]) {
        fields.append("\(Self.quoted(key)): [\(values.map { FullPrecision.format($0) }.joined(separator: ", "))]")
    }
    mutating func addNull(_ key: String) { fields.append("\(Self.quoted(key)): null") }

    var text: String { "{" + fields.joined(separator: ", ") + "}\n" }
}
