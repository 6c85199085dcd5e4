import Foundation
import Testing
@testable import TensorBoardEvents

/// Runs `Scripts/read_scalars.py` (TensorBoard's own loader) over a log folder.
enum TensorBoardReader {
    /// Whether `python3` can import TensorBoard's event loader.
    static let available: Bool = (try? run(["-c", "import tensorboard.backend.event_processing.event_accumulator"]).status) == 0

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String, errors: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self), String(decoding: errors, as: UTF8.self))
    }

    /// Every scalar under `directory` as `run → tag → [(step, value)]`.
    static func scalars(in directory: String) throws -> [String: [String: [(step: Int, value: Double)]]] {
        guard let script = Bundle.module.path(forResource: "read_scalars", ofType: "py", inDirectory: "Scripts") else {
            throw CocoaError(.fileNoSuchFile)
        }
        let result = try run([script, directory])
        #expect(result.status == 0, "read_scalars.py failed: \(result.errors)")
        var table: [String: [String: [(step: Int, value: Double)]]] = [:]
        for line in result.output.split(separator: "\n") {
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 4, let step = Int(parts[2]), let value = Double(parts[3]) else {
                Issue.record("unexpected line from the reader: \(line)")
                continue
            }
            table[parts[0], default: [:]][parts[1], default: []].append((step, value))
        }
        return table
    }
}

func temporaryDirectory(_ name: String) -> String {
    let path = NSTemporaryDirectory() + "paretorec-tb-\(name)-\(UUID().uuidString)"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

@Suite struct TensorBoardReaderTests {
    @Test(.enabled(if: TensorBoardReader.available,
                   "python3 lacks the 'tensorboard' package: pip install tensorboard"))
    func everyScalarWrittenIsReadBackWithItsStepAndValue() throws {
        let root = temporaryDirectory("roundtrip")
        defer { try? FileManager.default.removeItem(atPath: root) }
        // Two runs, as the experiment runner writes them (one folder per method and seed).
        var expected: [String: [String: [(step: Int, value: Double)]]] = [:]
        for (run, scale) in [("grid/seed-1", 1.0), ("pareto-set/seed-2", -3.5)] {
            let writer = try TensorBoardWriter(directory: root + "/" + run)
            for step in 1...40 {
                let joint = scale / Double(step) + 0.125
                let click = scale * sin(Double(step)), order = 1e-7 * Double(step * step)
                writer.scalars([("train/loss", joint), ("train/loss/click", click), ("train/loss/order", order)], step: step)
                for (tag, value) in [("train/loss", joint), ("train/loss/click", click), ("train/loss/order", order)] {
                    expected[run, default: [:]][tag, default: []].append((step, Double(Float(value))))
                }
                if step % 10 == 0 {
                    writer.scalar("validation/click_auc", 0.5 + Double(step) / 100, step: step)
                    expected[run, default: [:]]["validation/click_auc", default: []].append((step, Double(Float(0.5 + Double(step) / 100))))
                    try writer.flush()
                }
            }
            try writer.close()
        }
        let read = try TensorBoardReader.scalars(in: root)
        #expect(Set(read.keys) == Set(expected.keys))
        for (run, tags) in expected {
            #expect(Set(read[run, default: [:]].keys) == Set(tags.keys), "tags of \(run)")
            for (tag, points) in tags {
                let got = read[run]?[tag] ?? []
                #expect(got.map(\.step) == points.map(\.step), "steps of \(run) \(tag)")
                #expect(got.map(\.value) == points.map(\.value), "values of \(run) \(tag)")
            }
        }
    }

    @Test(.enabled(if: TensorBoardReader.available,
                   "python3 lacks the 'tensorboard' package: pip install tensorboard"))
    func specialValuesAndLongTagsSurvive() throws {
        let root = temporaryDirectory("special")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let writer = try TensorBoardWriter(directory: root)
        let tag = "weights/" + String(repeating: "é", count: 200)  // multi-byte, length varint over 127
        writer.scalar(tag, 0, step: 0)
        writer.scalar(tag, -0.0, step: 1)
        writer.scalar(tag, Double(Float.greatestFiniteMagnitude), step: 1 << 40)
        writer.scalar(tag, Double(Float.leastNonzeroMagnitude), step: Int(Int64.max))
        try writer.close()
        let got = try TensorBoardReader.scalars(in: root)["."]?[tag] ?? []
        #expect(got.map(\.step) == [0, 1, 1 << 40, Int(Int64.max)])
        #expect(got.map(\.value) == [0, 0, Double(Float.greatestFiniteMagnitude), Double(Float.leastNonzeroMagnitude)])
    }

    @Test func anUncreatableFolderIsATypedError() {
        #expect(throws: TensorBoardError.self) { try TensorBoardWriter(directory: "/proc/paretorec-no/such") }
    }

    @Test func theFirstRecordIsFramedAsTFRecord() throws {
        let root = temporaryDirectory("framing")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let writer = try TensorBoardWriter(directory: root)
        try writer.close()
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: writer.path)))
        let length = bytes[0..<8].enumerated().reduce(0) { $0 | (Int($1.element) << (8 * $1.offset)) }
        #expect(bytes.count == 16 + length)
        func word(_ at: Int) -> UInt32 { bytes[at..<(at + 4)].enumerated().reduce(0) { $0 | (UInt32($1.element) << (8 * $1.offset)) } }
        #expect(word(8) == CRC32C.masked(CRC32C.checksum(Array(bytes[0..<8]))))
        #expect(word(12 + length) == CRC32C.masked(CRC32C.checksum(Array(bytes[12..<(12 + length)]))))
        // The payload holds the file version string TensorBoard looks for.
        #expect(String(decoding: bytes[12..<(12 + length)], as: UTF8.self).contains("brain.Event:2"))
    }
}
