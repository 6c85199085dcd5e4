import Foundation
import Recommender

/// `paretorec-bench data generate --format {taobao|ali-ccp|aliexpress|lastfm} --rows N [--seed S] --output FILE`:
/// writes a seeded full-size replica in the dataset's original format (`DatasetReplica`) and prints
/// one JSON line with rows, bytes and seconds.
func runDataBench(_ arguments: [String]) throws {
    let usage = "usage: paretorec-bench data generate --format {\(DatasetReplica.Format.allCases.map(\.rawValue).joined(separator: "|"))} --rows N [--seed S] --output FILE"
    func value(_ flag: String) -> String? {
        guard let i = arguments.firstIndex(of: flag), i + 1 < arguments.count else { return nil }
        return arguments[i + 1]
    }
    guard arguments.first == "generate", let formatName = value("--format"), let output = value("--output"),
          let rowsText = value("--rows"), let rows = Int(rowsText.replacingOccurrences(of: "_", with: "")) else {
        throw DataError.invalidArgument(usage)
    }
    guard let format = DatasetReplica.Format(rawValue: formatName) else {
        throw DataError.invalidArgument("unknown format '\(formatName)'; \(usage)")
    }
    guard let seed = UInt64(value("--seed") ?? "42") else { throw DataError.invalidArgument("--seed must be a non-negative integer") }
    let start = DispatchTime.now().uptimeNanoseconds
    let bytes = try DatasetReplica.write(format, rows: rows, seed: seed, to: output)
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    print("{\"format\": \"\(format.rawValue)\", \"rows\": \(rows), \"bytes\": \(bytes), \"seconds\": \(seconds), \"output\": \"\(output)\"}")
}
