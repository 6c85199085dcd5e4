import Foundation
import NumericCore
import ParetoCore

// paretorec-bench hypervolume FILE --reference r1,r2,... [--repeats K] [--contributions]
//
// Reads a whitespace-separated points file (one point per line), times `hypervolume(of:reference:)`
// (one warm-up run, then the median of K ≥ 5 runs, file reading excluded) and prints
//   seconds <median wall time>
//   cpu-seconds <median process CPU time> (the fairer figure on a loaded machine)
//   value <hypervolume, %.17g>
// With --contributions it times `hypervolumeContributions(of:reference:)` instead and prints their sum.
// Used by Experiments/bench/hypervolume_vs_peers.py, which compares against moocore, pygmo, hvwfg.
func runHypervolumeBench(_ arguments: [String]) throws {
    var path: String?
    var reference: [Double] = []
    var repeats = 7
    var contributions = false
    var i = 0
    while i < arguments.count {
        switch arguments[i] {
        case "--reference" where i + 1 < arguments.count:
            reference = try arguments[i + 1].split(separator: ",").map {
                guard let v = Double($0) else { throw BenchInputError("bad reference value '\($0)'") }
                return v
            }
            i += 2
        case "--repeats" where i + 1 < arguments.count:
            guard let k = Int(arguments[i + 1]), k >= 5 else { throw BenchInputError("--repeats needs an integer ≥ 5") }
            repeats = k
            i += 2
        case "--contributions":
            contributions = true
            i += 1
        default:
            path = arguments[i]
            i += 1
        }
    }
    guard let path, !reference.isEmpty else {
        throw BenchInputError("usage: paretorec-bench hypervolume FILE --reference r1,r2,... [--repeats K]")
    }
    let points = try readWhitespacePoints(path)
    let measure: () throws -> Double = contributions
        ? { try hypervolumeContributions(of: points, reference: reference).reduce(0, +) }
        : { try hypervolume(of: points, reference: reference) }
    var value = try measure()   // warm-up
    var seconds: [Double] = [], cpuSeconds: [Double] = []
    for _ in 0..<repeats {
        let cpuStart = processCPUSeconds()
        let start = DispatchTime.now().uptimeNanoseconds
        value = try measure()
        seconds.append(Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9)
        cpuSeconds.append(processCPUSeconds() - cpuStart)
    }
    seconds.sort()
    cpuSeconds.sort()
    print("seconds \(String(format: "%.9f", seconds[seconds.count / 2]))")
    print("cpu-seconds \(String(format: "%.9f", cpuSeconds[cpuSeconds.count / 2]))")
    print("value \(String(format: "%.17g", value))")
}

private func processCPUSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

private struct BenchInputError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Minimal reader for the benchmark only (the official front reader lives in ParetoCore's CSV I/O).
private func readWhitespacePoints(_ path: String) throws -> Matrix<Double> {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    var storage: [Double] = []
    var columns = -1, rows = 0
    for (number, line) in text.split(whereSeparator: \.isNewline).enumerated() {
        let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
        if fields.isEmpty || fields[0].hasPrefix("#") { continue }
        if columns < 0 { columns = fields.count }
        guard fields.count == columns else {
            throw BenchInputError("\(path):\(number + 1): \(fields.count) values, expected \(columns)")
        }
        for (c, field) in fields.enumerated() {
            guard let v = Double(field) else { throw BenchInputError("\(path):\(number + 1):\(c + 1): not a number '\(field)'") }
            storage.append(v)
        }
        rows += 1
    }
    return try Matrix(rows: rows, columns: max(columns, 0), storage: storage)
}
