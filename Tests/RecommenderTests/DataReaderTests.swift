import Foundation
import NumericCore
import Testing
@testable import Recommender

@Suite struct DataReaderTests {
    private func rows(_ path: String, chunk: Int, format: DelimitedFormat = .csv, options: LoadOptions = LoadOptions()) throws -> ([[String]], [Int], LoadReport) {
        let reader = try DelimitedReader(path: path, format: format, chunkSize: chunk)
        var out = [[String]](), lines = [Int]()
        var report = LoadReport()
        try reader.forEachRecord(report: &report, options: options) { r, _ in
            out.append((0..<r.fieldCount).map { r.string($0) }); lines.append(r.line)
            return true
        }
        return (out, lines, report)
    }

    @Test func linesStraddlingChunkBoundariesParseTheSameAsOneChunk() throws {
        var text = "a,b,c\n"
        for i in 0..<200 { text += "\(i),\"x,\(i)\",\(i * 7)\r\n" }
        text += "last,\"q\"\"uote\",9"  // no final newline
        let path = try temporaryFile(text)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let big = try rows(path, chunk: 1 << 20)
        for chunk in [16, 17, 31, 64] {
            let small = try rows(path, chunk: chunk)
            #expect(small.0 == big.0, "chunk \(chunk)")
            #expect(small.1 == big.1)
        }
        #expect(big.0.count == 201)
        #expect(big.0[5] == ["5", "x,5", "35"])
        #expect(big.0.last == ["last", "q\"uote", "9"])
        #expect(big.1.last == 202)  // header is line 1
    }

    @Test func randomFilesParseIdenticallyForEveryChunkSize() throws {
        // Random lines of quoted/unquoted fields, CRLF and blank lines, with or without a final newline:
        // any chunk size must give the same records and line numbers as one big chunk.
        let alphabet = Array("ab,\"1 \r\n\n")
        for seed in 0..<20 {
            var rng = SeededGenerator(seed: UInt64(seed))
            var text = "h1,h2\n"
            for _ in 0..<(50 + rng.nextInt(below: 200)) { text.append(alphabet[rng.nextInt(below: alphabet.count)]) }
            let path = try temporaryFile(text)
            defer { try? FileManager.default.removeItem(atPath: path) }
            let reference = try rows(path, chunk: 1 << 20, options: LoadOptions(dropDuplicates: false))
            for chunk in [16, 17, 23, 40] {
                let got = try rows(path, chunk: chunk, options: LoadOptions(dropDuplicates: false))
                #expect(got.0 == reference.0 && got.1 == reference.1 && got.2 == reference.2, "seed \(seed) chunk \(chunk)")
            }
        }
    }

    @Test func integersFloatsAndTextKeysParseFromBytes() throws {
        let path = try temporaryFile("-12,9.0,3.5e2,abc, 7 ,,9.5\n", suffix: ".txt")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let reader = try DelimitedReader(path: path, format: DelimitedFormat(hasHeader: false))
        var report = LoadReport()
        try reader.forEachRecord(report: &report, options: LoadOptions()) { r, _ in
            #expect(r.int64(0) == -12)
            #expect(r.int64(1) == 9)
            #expect(r.int64(6) == nil)
            #expect(r.double(2) == 350)
            #expect(r.int64(3) == nil && r.double(3) == nil)
            #expect(r.key(3) == r.key(3) && r.key(3)! < 0)  // text keys have the top bit set
            #expect(r.int64(4) == 7)
            #expect(r.isEmpty(5) && r.key(5) == nil && r.double(5) == nil)
            return true
        }
        #expect(report.rowsAccepted == 1)
    }

    @Test func exactDuplicateAndBlankLinesAreCountedAndDropped() throws {
        let path = try temporaryFile("h\n1\n2\n\n1\n2\n3\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (r, lines, report) = try rows(path, chunk: 16)
        #expect(r == [["1"], ["2"], ["3"]])
        #expect(lines == [2, 3, 7])
        #expect(report.duplicateRows == 2)
        #expect(report.blankLines == 1)
        let (all, _, keep) = try rows(path, chunk: 16, options: LoadOptions(dropDuplicates: false))
        #expect(all.count == 5 && keep.duplicateRows == 0)
    }

    @Test func aHeaderLongerThanTheHeaderChunkIsReadWhole() throws {
        let names = (0..<400).map { "a_rather_long_column_name_\($0)" }  // ≈ 11 KB of header
        let path = try temporaryFile(names.joined(separator: ",") + "\n" + names.indices.map(String.init).joined(separator: ",") + "\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let reader = try DelimitedReader(path: path, format: .csv)
        #expect(reader.header == names && reader.chunkSize == 1 << 20)
        #expect(try reader.columnIndex("a_rather_long_column_name_399") == 399)
        #expect(try rows(path, chunk: 1 << 20).0 == [names.indices.map(String.init)])
    }

    @Test func rowLimitStopsEarly() throws {
        let path = try temporaryFile("h\n1\n2\n3\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try rows(path, chunk: 16, options: LoadOptions(rowLimit: 2)).0 == [["1"], ["2"]])
    }

    @Test func missingFileIsATypedError() {
        #expect(throws: DataError.fileNotFound(path: "/nonexistent/x.csv")) {
            _ = try DelimitedReader(path: "/nonexistent/x.csv", format: .csv)
        }
    }

    @Test func unknownColumnListsTheHeader() throws {
        let path = try temporaryFile("a,b\n1,2\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let reader = try DelimitedReader(path: path, format: .csv)
        #expect(throws: DataError.unknownColumn(file: path, name: "c", available: ["a", "b"])) { _ = try reader.columnIndex("c") }
    }
}
