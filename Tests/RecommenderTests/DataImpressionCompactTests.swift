import Foundation
import Testing
@testable import Recommender

/// The compact impression path (`ProtocolDataset.makeImpressions`: parsed straight into encoded
/// columns) against the `RawTable` path it replaces (`makeFromRawTables`, kept as the reference):
/// the same tables, encoder, notes and load report bit for bit, on the shipped samples, the
/// hand-written fixtures and generated replicas with unseen ids and malformed rows.
@Suite struct DataImpressionCompactTests {
    /// Asserts that two builds of the same files agree in every encoded value.
    private func expectSame(_ a: ScenarioData, _ b: ScenarioData, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(a.kind == b.kind, sourceLocation: sourceLocation)
        #expect(a.train == b.train, "training tables differ", sourceLocation: sourceLocation)
        #expect(a.validation == b.validation, "validation tables differ", sourceLocation: sourceLocation)
        #expect(a.test == b.test, "test tables differ", sourceLocation: sourceLocation)
        #expect(a.encoder == b.encoder, "encoders differ", sourceLocation: sourceLocation)
        #expect(a.notes == b.notes, sourceLocation: sourceLocation)
        #expect(a.loadReport == b.loadReport, sourceLocation: sourceLocation)
        #expect(a.isSimulated == b.isSimulated, sourceLocation: sourceLocation)
    }

    private func both(_ format: DataFormat, _ path: String, seed: UInt64 = 7, load: LoadOptions = LoadOptions()) throws -> (ScenarioData, ScenarioData) {
        (try ProtocolDataset.makeImpressions(format: format, trainPath: path, seed: seed, load: load),
         try ProtocolDataset.makeFromRawTables(format: format, trainPath: path, seed: seed, load: load))
    }

    /// A fresh directory for sibling files, removed by the caller.
    private func temporaryDirectory() throws -> String {
        let dir = NSTemporaryDirectory() + "paretorec-impressions-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Rewrites `path` with each `(k, text)` of `insert` as its line `k + 1` (the header is line 1).
    private func inject(_ path: String, _ insert: [(Int, String)]) throws {
        var lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for (at, text) in insert.sorted(by: { $0.0 < $1.0 }) { lines.insert(text, at: at) }
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }

    @Test func fixturesGiveTheSameTablesAsTheRawTablePath() throws {
        // Ali-CCP with validation and test siblings; AliExpress alone (both splits held out).
        let (a, b) = try both(.aliCCP, try fixture("ali_ccp_train_small.csv"))
        expectSame(a, b)
        #expect(a.train.count == 5 && a.validation.count == 3 && a.test.count == 3)
        // The duplicate line 6 is dropped on both paths and counted once.
        #expect(a.loadReport?.duplicateRows == 1)
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // Enough rows for both 10 % holdouts to be non-empty.
        let lines = try String(contentsOfFile: try fixture("aliexpress_train_small.csv"), encoding: .utf8).split(separator: "\n")
        var body = [String(lines[0])]
        for k in 0..<40 { for l in lines.dropFirst() { body.append(l.replacingOccurrences(of: "81,", with: "\(81 + k),", options: .anchored)) } }
        try (body.joined(separator: "\n") + "\n").write(toFile: dir + "/ae_train.csv", atomically: true, encoding: .utf8)
        let (c, d) = try both(.aliExpress, dir + "/ae_train.csv")
        expectSame(c, d)
        #expect(c.test.count > 0 && c.validation.count > 0 && c.train.count == c.loadReport!.rowsAccepted - c.test.count - c.validation.count)
    }

    @Test(needsRealData) func shippedSamplesGiveTheSameTablesAsTheRawTablePath() throws {
        let (a, b) = try both(.aliCCP, DataFiles.aliCCPTrain)
        expectSame(a, b)
        #expect(a.train.count > 0 && a.test.count > 0 && a.validation.count > 0)
        let (c, d) = try both(.aliExpress, DataFiles.aliExpressTrain, seed: 3)
        expectSame(c, d)
        #expect(c.layout.itemDenseCount == 63 && c.test.count == 20)
    }

    @Test func replicasWithUnseenIdsAndMalformedRowsGiveTheSameTables() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try DatasetReplica.write(.aliCCP, rows: 3000, seed: 11, to: dir + "/rep_train.csv")
        try DatasetReplica.write(.aliCCP, rows: 800, seed: 12, to: dir + "/rep_test.csv")
        let good = "0,0,5,1,2,1,3,1,2,1,1,31,4,2,9,1,5,2,0,3,1,11,4,6,2,0.47,0.56,0.09,0.19,0.08,0.0,0.0,0.0"
        try inject(dir + "/rep_train.csv", [
            (5, "0,0,5,1,2"),                                                          // too few fields
            (9, good.replacingOccurrences(of: "0.47,", with: "abc,")),                 // numeric cell not a number
            (13, "2" + good.dropFirst()),                                              // click label 2
            (17, "0,0,,1,2,1,3,1,2,1,1,31,4,2,9,1,5,2,0,3,1,11,4,6,2,0.47,0.56,0.09,0.19,0.08,0.0,0.0,0.0"),  // no user id
            (21, "0,0,7,,,1,3,1,2,1,1,31,4,2,9,1,5,2,0,3,1,11,4,6,2,,0.56,,0.19,0.08,0.0,0.0,0.0"),           // empty cells
            (25, "1,0,u17x,1,2,1,3,1,2,1,1,item-9,4,2,9,1,5,2,0,3,1,11,4,6,2,0.47,inf,0.09,0.19,0.08,0.0,0.0,0.0"),  // text keys, inf
            (29, good), (30, good),                                                     // a duplicate
            (33, ""),                                                                   // blank line
        ])
        try inject(dir + "/rep_test.csv", [
            (3, "0,0,99999991,1,2,1,3,1,2,1,1,99999992,4,2,9,1,5,2,0,3,1,11,4,6,2,0.47,0.56,0.09,0.19,0.08,0.0,0.0,0.0"),  // unseen ids
            (7, good.replacingOccurrences(of: ",0.08,", with: ",0.08,1,")),             // too many fields
        ])
        let (a, b) = try both(.aliCCP, dir + "/rep_train.csv")
        expectSame(a, b)
        let report = try #require(a.loadReport)
        #expect(report.malformedRows == 5 && report.duplicateRows == 1 && report.blankLines == 1)
        #expect(report.issues.map(\.line) == [6, 10, 14, 18, 8])
        #expect(report.issues.map(\.column) == [nil, 26, 1, 3, nil])
        // The unseen user and item of the test file are out of vocabulary.
        let unseen = try #require((0..<a.test.count).first { a.test.userKeys[$0] == 99_999_991 })
        #expect(a.test.userCategorical[unseen * a.layout.userCategoricalCount] == 0)
        #expect(a.test.itemCategorical[unseen * a.layout.itemCategoricalCount] == 0)
        // Held-out validation rows are encoded with the training vocabulary only.
        #expect(a.validation.count == (a.train.count + a.validation.count) / 10)

        // Without siblings both splits are held out of one file; a row limit stops early on both paths.
        try FileManager.default.moveItem(atPath: dir + "/rep_train.csv", toPath: dir + "/solo.csv")
        let (c, d) = try both(.aliCCP, dir + "/solo.csv", seed: 5, load: LoadOptions(rowLimit: 2000))
        expectSame(c, d)
        #expect(c.train.count + c.validation.count + c.test.count == 2000)
    }

    @Test func aliExpressReplicaWithMissingCellsGivesTheSameTables() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try DatasetReplica.write(.aliExpress, rows: 2500, seed: 21, to: dir + "/nl_train.csv")
        try DatasetReplica.write(.aliExpress, rows: 600, seed: 22, to: dir + "/nl_test.csv")
        let lines = try String(contentsOfFile: dir + "/nl_train.csv", encoding: .utf8).split(separator: "\n")
        var cells = lines[4].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        cells[3] = ""; cells[20] = ""; cells[40] = "1e-3"
        try inject(dir + "/nl_train.csv", [(8, cells.joined(separator: ",")), (12, "7,1,2")])
        let (a, b) = try both(.aliExpress, dir + "/nl_train.csv")
        expectSame(a, b)
        #expect(a.loadReport?.malformedRows == 1 && a.loadReport!.missingCells >= 2)
        #expect(a.test.count == 600)
    }

    @Test func strictModeThrowsTheSameLocatedError() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try DatasetReplica.write(.aliCCP, rows: 300, seed: 1, to: dir + "/s_train.csv")
        try inject(dir + "/s_train.csv", [(40, "1,0,5,1,2,1,3,1,2,1,1,31,4,2,9,1,5,2,0,3,1,11,4,6,2,0.47,0.56,x,0.19,0.08,0.0,0.0,0.0")])
        let strict = LoadOptions(strict: true)
        let expected = DataError.malformedRow(file: dir + "/s_train.csv", line: 41, column: 28, reason: "'x' is not a number")
        #expect(throws: expected) { try ProtocolDataset.makeImpressions(format: .aliCCP, trainPath: dir + "/s_train.csv", seed: 1, load: strict) }
        #expect(throws: expected) { try ProtocolDataset.makeFromRawTables(format: .aliCCP, trainPath: dir + "/s_train.csv", seed: 1, load: strict) }
        // A file in which no row fits is a schema mismatch naming its first problem, on both paths.
        try "click,purchase,101,205\n0,0\n".write(toFile: dir + "/bad_train.csv", atomically: true, encoding: .utf8)
        let mismatch = DataError.schemaMismatch(file: dir + "/bad_train.csv", line: 2, reason: "no row fits the schema; first problem: expected 4 fields, found 2")
        #expect(throws: mismatch) { try ProtocolDataset.makeImpressions(format: .aliCCP, trainPath: dir + "/bad_train.csv", seed: 1, load: LoadOptions()) }
        #expect(throws: mismatch) { try ProtocolDataset.makeFromRawTables(format: .aliCCP, trainPath: dir + "/bad_train.csv", seed: 1) }
    }
}
