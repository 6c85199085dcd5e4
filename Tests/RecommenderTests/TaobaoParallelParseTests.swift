import Foundation
import Testing
@testable import Recommender

/// The Taobao parse on several threads (line-aligned byte ranges joined in file order) against the
/// one-pass parse: the same log, report, line numbers and strict-mode error.
@Suite struct TaobaoParallelParseTests {
    /// A generated replica with malformed, blank and 64-bit-id lines spread through it, and a last
    /// line without its newline.
    static func messyFile() throws -> String {
        let path = NSTemporaryDirectory() + "paretorec-parallel-parse-\(UUID().uuidString).csv"
        try DatasetReplica.write(.taobao, rows: 6_000, seed: 3, to: path)
        var lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        for (k, at) in [17, 900, 2_999, 3_000, 3_001, 4_500, 5_990].enumerated() {
            switch k % 4 {
            case 0: lines[at] = "1,2,3,view,4"
            case 1: lines[at] = ""
            case 2: lines[at] = "x,2,3,pv,4"
            default: lines[at] = "\(lines[at].split(separator: ",")[0]),1000000000000000000,7,pv,1511000000"
            }
        }
        lines[5_000] = "5,6"
        try (lines.joined(separator: "\n")).write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func rangesCoverTheFileAndStartAtLineStarts() throws {
        let path = try Self.messyFile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let reader = try DelimitedReader(path: path, format: DelimitedFormat(quote: nil, hasHeader: false))
        for parts in [1, 2, 3, 8, 50] {
            let ranges = try reader.lineAlignedRanges(parts)
            #expect(ranges.first?.lowerBound == 0 && ranges.last?.upperBound == bytes.count, "parts \(parts)")
            #expect(ranges.count <= parts && ranges.allSatisfy { !$0.isEmpty })
            for k in 1..<ranges.count {
                #expect(ranges[k].lowerBound == ranges[k - 1].upperBound && bytes[ranges[k].lowerBound - 1] == 10, "parts \(parts)")
            }
        }
    }

    @Test func parallelParseEqualsTheOnePassParse() throws {
        let path = try Self.messyFile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let options = LoadOptions(maxRecordedIssues: 3)
        let (serialLog, serialReport) = try TaobaoLoader.loadEvents(path: path, options: options, parts: 1)
        #expect(serialReport.malformedRows == 5 && serialReport.blankLines == 2 && serialReport.issues.count == 3)
        #expect(serialLog.itemKeys.contains(1_000_000_000_000_000_000))
        for parts in [2, 3, 8] {
            let (log, report) = try TaobaoLoader.loadEvents(path: path, options: options, parts: parts, minimumBytesPerPart: 1)
            #expect(log == serialLog, "parts \(parts)")
            #expect(report == serialReport, "parts \(parts)")
            #expect(report.malformedSummary == serialReport.malformedSummary)
        }
    }

    @Test func strictModeNamesTheFirstMalformedLineOfTheFile() throws {
        let path = try Self.messyFile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        // Without the early lines, the first malformed row is in a later range.
        var lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[17] = lines[16]; lines[900] = lines[899]
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let strict = LoadOptions(strict: true)
        #expect(throws: DataError.malformedRow(file: path, line: 3_000, column: 1, reason: "user_id 'x' is not an integer")) {
            _ = try TaobaoLoader.loadEvents(path: path, options: strict, parts: 1)
        }
        for parts in [2, 3, 8] {
            #expect(throws: DataError.malformedRow(file: path, line: 3_000, column: 1, reason: "user_id 'x' is not an integer")) {
                _ = try TaobaoLoader.loadEvents(path: path, options: strict, parts: parts, minimumBytesPerPart: 1)
            }
        }
    }
}
