import Foundation
import NumericCore
import ParetoCore
import ParetoOptimizers
import Recommender
import Scenarios

/// The fuzz targets: each takes arbitrary bytes and must return (or throw a typed error) without
/// trapping, hanging or touching memory it does not own. Built with libFuzzer by `Fuzz/run.sh`;
/// the same functions replay saved inputs in the normal build (`paretorec-fuzz TARGET FILE…`).
enum FuzzTarget: String, CaseIterable {
    /// `FrontCSV.parse`, then rendering and the indicators of the parsed front.
    case frontCSV = "front-csv"
    /// `DelimitedReader` over every field of every record (format chosen by the first byte), and the
    /// Taobao loader over the same bytes.
    case delimited
    /// `ExperimentConfig.parse` of the bytes as YAML text.
    case config
    /// `Checkpoint.read` and a resumed run of every registered algorithm on ZDT1 (2 variables,
    /// population 4, seed 1); the bytes are the JSON, optionally followed by `\n#HISTORY\n` and
    /// the history file.
    case checkpoint

    /// Runs the target on `bytes`; errors are expected outcomes and ignored.
    func run(_ bytes: [UInt8]) {
        switch self {
        case .frontCSV: Self.frontCSV(bytes)
        case .delimited: Self.delimited(bytes)
        case .config: _ = try? ExperimentConfig.parse(String(decoding: bytes, as: UTF8.self), file: "fuzz.yaml")
        case .checkpoint: Self.checkpoint(bytes)
        }
    }

    private static func frontCSV(_ bytes: [UInt8]) {
        guard let table = try? bytes.withUnsafeBufferPointer({ try FrontCSV.parse(bytes: $0, source: "fuzz.csv") }) else { return }
        _ = FrontCSV.render(table, rows: Array(0..<table.count))
        let points = table.minimizationObjectives
        guard points.rows <= 64, points.columns <= 6 else { return }
        _ = nondominatedRanks(of: points)
        var reference = [Double](repeating: 0, count: points.columns)
        for j in 0..<points.columns { for i in 0..<points.rows { reference[j] = max(reference[j], points[i, j] + 1) } }
        _ = try? hypervolume(of: points, reference: reference)
        _ = try? invertedGenerationalDistancePlus(of: points, referenceFront: points)
        _ = try? additiveEpsilon(of: points, referenceFront: points)
        _ = try? spacing(of: points)
    }

    /// A scratch file per process (the readers take paths).
    private static let scratch: String = {
        let directory = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        return "\(directory)/paretorec-fuzz-\(getpid())"
    }()

    private static func delimited(_ bytes: [UInt8]) {
        guard let selector = bytes.first else { return }
        let body = Data(bytes.dropFirst())
        let path = scratch + ".txt"
        guard FileManager.default.createFile(atPath: path, contents: body) else { return }
        let format = DelimitedFormat(delimiter: selector & 1 == 0 ? UInt8(ascii: ",") : 9,
                                     quote: selector & 2 == 0 ? UInt8(ascii: "\"") : nil, hasHeader: selector & 4 == 0)
        if selector & 8 != 0 {
            _ = try? TaobaoLoader.load(path: path, options: LoadOptions(maxRecordedIssues: 3))
            return
        }
        guard let reader = try? DelimitedReader(path: path, format: format, chunkSize: 16 + Int(selector >> 4)) else { return }
        var report = LoadReport()
        _ = try? reader.forEachRecord(report: &report, options: LoadOptions(dropDuplicates: selector & 16 != 0)) { record, _ in
            for i in 0..<record.fieldCount {
                _ = record.string(i); _ = record.int64(i); _ = record.double(i); _ = record.key(i); _ = record.isEmpty(i)
            }
            return true
        }
        _ = report.malformedSummary
    }

    private static func checkpoint(_ bytes: [UInt8]) {
        let marker = Array("\n#HISTORY\n".utf8)
        var json = bytes[...], history: ArraySlice<UInt8>? = nil
        if let cut = bytes.indices.first(where: { bytes[$0...].starts(with: marker) }) {
            json = bytes[..<cut]
            history = bytes[(cut + marker.count)...]
        }
        let url = URL(fileURLWithPath: scratch + "-checkpoint.json")
        let historyURL = URL(fileURLWithPath: scratch + "-checkpoint-history.csv")
        guard FileManager.default.createFile(atPath: url.path, contents: Data(json)) else { return }
        if let history { FileManager.default.createFile(atPath: historyURL.path, contents: Data(history)) }
        else { try? FileManager.default.removeItem(at: historyURL) }
        guard let problem = try? ZDT(.zdt1, variables: 2) else { return }
        for entry in OptimizerRegistry.algorithms {
            guard let optimizer = try? entry.make(AlgorithmSettings(populationSize: 4), problem) else { continue }
            _ = try? optimizer.minimize(problem: problem, termination: .generations(3), seed: 1,
                                        options: RunOptions(resumeFrom: url))
        }
    }
}
