import Foundation
import NumericCore
import ParetoCore

// paretorec-bench sorting FILE [--repeats R] [--ranks-output PATH] [--first-front]
//
// Reads a whitespace-separated numeric file (one point per line, no header), runs
// `nondominatedRanks(of:)` once as warm-up and then R times (default 9), and prints the median wall
// time in seconds (`%.17g`) on the first stdout line and `cpu SECONDS`, the median CPU time of the
// calling thread, on the second (on a loaded machine CPU time is the fairer comparison). With `--ranks-output` it writes the ranks, one per line, for
// the peer comparison in Experiments/bench/sorting_vs_moocore.py. With `--first-front` it times
// `nondominatedIndices(of:)` instead.

/// Benchmark of non-dominated sorting on one points file.
func runSortingBench(_ arguments: [String]) throws {
    var path: String?
    var repeats = 9
    var ranksOutput: String?
    var firstFront = false
    var i = 0
    while i < arguments.count {
        switch arguments[i] {
        case "--repeats":
            guard i + 1 < arguments.count, let r = Int(arguments[i + 1]), r >= 1 else {
                throw SortingBenchError.usage("--repeats needs a positive integer")
            }
            repeats = r; i += 1
        case "--ranks-output":
            guard i + 1 < arguments.count else { throw SortingBenchError.usage("--ranks-output needs a path") }
            ranksOutput = arguments[i + 1]; i += 1
        case "--first-front":
            firstFront = true
        default:
            guard path == nil else { throw SortingBenchError.usage("unexpected argument \(arguments[i])") }
            path = arguments[i]
        }
        i += 1
    }
    guard let path else {
        throw SortingBenchError.usage("usage: paretorec-bench sorting FILE [--repeats R] [--ranks-output PATH] [--first-front]")
    }
    let points = try readWhitespacePoints(path)
    var ranks = firstFront ? [] : nondominatedRanks(of: points)  // warm-up
    if firstFront { _ = nondominatedIndices(of: points) }
    var seconds: [Double] = []
    var cpuSeconds: [Double] = []
    for _ in 0..<repeats {
        let cpuStart = threadCPUSeconds()
        let start = DispatchTime.now().uptimeNanoseconds
        if firstFront {
            _ = nondominatedIndices(of: points)
        } else {
            ranks = nondominatedRanks(of: points)
        }
        seconds.append(Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9)
        cpuSeconds.append(threadCPUSeconds() - cpuStart)
    }
    print(String(format: "%.17g", Statistics.median(seconds)))
    print(String(format: "cpu %.17g", Statistics.median(cpuSeconds)))
    if let ranksOutput {
        let text = ranks.map(String.init).joined(separator: "\n") + "\n"
        let temporary = ranksOutput + ".tmp"
        try text.write(toFile: temporary, atomically: false, encoding: .utf8)
        guard rename(temporary, ranksOutput) == 0 else {
            throw SortingBenchError.format("cannot move \(temporary) to \(ranksOutput)")
        }
    }
}

/// CPU time consumed by the calling thread, in seconds.
private func threadCPUSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

enum SortingBenchError: Error, CustomStringConvertible {
    case usage(String)
    case format(String)
    var description: String {
        switch self {
        case .usage(let m): return m
        case .format(let m): return m
        }
    }
}

/// Minimal reader for headerless whitespace-separated numbers (the official reader lives elsewhere).
private func readWhitespacePoints(_ path: String) throws -> Matrix<Double> {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    var storage: [Double] = []
    var columns = -1
    var rows = 0
    for (lineIndex, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
        if fields.isEmpty || fields[0].hasPrefix("#") { continue }
        if columns < 0 { columns = fields.count }
        guard fields.count == columns else {
            throw SortingBenchError.format("\(path):\(lineIndex + 1): \(fields.count) values, expected \(columns)")
        }
        for (column, field) in fields.enumerated() {
            guard let v = Double(field), v.isFinite else {
                throw SortingBenchError.format("\(path):\(lineIndex + 1):\(column + 1): not a finite number: \(field)")
            }
            storage.append(v)
        }
        rows += 1
    }
    guard rows > 0 else { throw SortingBenchError.format("\(path): no points") }
    return try Matrix(rows: rows, columns: columns, storage: storage)
}
