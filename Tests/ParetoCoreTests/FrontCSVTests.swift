import Foundation
import NumericCore
import Testing
@testable import ParetoCore

@Suite("Front CSV")
struct FrontCSVTests {
    private func parseError(_ text: String) -> FrontCSVError? {
        do {
            _ = try FrontCSV.parse(text: text, source: "f.csv")
            return nil
        } catch {
            return error as? FrontCSVError
        }
    }

    @Test func readsHeaderWithSensesAndDecisions() throws {
        let table = try FrontCSV.parse(text: "auc:max, loss ,x.lr,x.depth\n0.8,1.5,0.01,3\n0.7,1.25,0.1,2\n")
        #expect(table.objectiveNames == ["auc", "loss"])
        #expect(table.senses == [.maximize, .minimize])
        #expect(table.decisionNames == ["lr", "depth"])
        #expect(table.objectives.rowArrays == [[0.8, 1.5], [0.7, 1.25]])
        #expect(table.decisions.rowArrays == [[0.01, 3], [0.1, 2]])
        #expect(table.hasHeader && table.format == .commaSeparated)
        #expect(table.minimizationObjectives.rowArrays == [[-0.8, 1.5], [-0.7, 1.25]])
        #expect(try table.minimizationPoint([1, 2]) == [-1, 2])
    }

    @Test func readsWhitespaceFilesWithCommentsBlankLinesAndCRLF() throws {
        let table = try FrontCSV.parse(text: "# produced by moocore\n1 2\t3\r\n\n   \n4.5e-1  -2 1e3\n# end\n")
        #expect(!table.hasHeader && table.format == .whitespaceSeparated)
        #expect(table.objectiveNames == ["f1", "f2", "f3"])
        #expect(table.senses == [.minimize, .minimize, .minimize])
        #expect(table.objectives.rowArrays == [[1, 2, 3], [0.45, -2, 1000]])
        #expect(table.decisions.columns == 0 && table.decisions.rows == 2)
    }

    @Test func byteOrderMarkIsSkipped() throws {
        let table = try FrontCSV.parse(text: "\u{FEFF}a,b:max\n1,2\n")
        #expect(table.objectiveNames == ["a", "b"] && table.senses == [.minimize, .maximize])
    }

    @Test func headerlessCommaFileIsAllObjectives() throws {
        let table = try FrontCSV.parse(text: "1,2\n3,4\n")
        #expect(!table.hasHeader && table.format == .commaSeparated)
        #expect(table.objectives.rowArrays == [[1, 2], [3, 4]])
    }

    @Test func errorsNameFileLineAndColumn() throws {
        let notNumber = try #require(parseError("a,b\n1,2\n3,abc\n"))
        #expect(notNumber.kind == .notANumber && notNumber.line == 3 && notNumber.column == 2)
        #expect(notNumber.description == "f.csv:3:2: 'abc' is not a number")

        let ragged = try #require(parseError("a,b\n1,2\n\n3\n"))
        #expect(ragged.kind == .raggedRow && ragged.line == 4)
        #expect(ragged.description == "f.csv:4: line 4 has 1 field, expected 2")

        let nan = try #require(parseError("1 nan\n"))
        #expect(nan.kind == .nonFinite && nan.line == 1 && nan.column == 2)
        let inf = try #require(parseError("a,b\n1,-inf\n"))
        #expect(inf.kind == .nonFinite && inf.line == 2 && inf.column == 2)

        #expect(parseError("")?.kind == .empty)
        #expect(parseError("# only a comment\n\n")?.kind == .empty)
        #expect(parseError("a,b\n")?.kind == .empty)
        let emptyCell = try #require(parseError("a,b\n1,\n"))
        #expect(emptyCell.kind == .notANumber && emptyCell.column == 2)
        #expect(parseError("1,2x\n")?.description == "f.csv:1:2: '2x' is not a number")
    }

    @Test func invalidHeadersAreRejected() throws {
        let duplicate = try #require(parseError("a,b,a:max\n1,2,3\n"))
        #expect(duplicate.kind == .invalidHeader && duplicate.line == 1 && duplicate.column == 3)
        #expect(parseError("a,x.p,b\n1,2,3\n")?.kind == .invalidHeader)
        #expect(parseError("a:best,b\n1,2\n")?.kind == .invalidHeader)
        #expect(parseError("a,,b\n1,2,3\n")?.kind == .invalidHeader)
        #expect(parseError("x.p,x.q\n1,2\n")?.kind == .invalidHeader)
        #expect(parseError("a,x.p,x.p\n1,2,3\n")?.kind == .invalidHeader)
        #expect(parseError("a,x.\n1,2\n")?.kind == .invalidHeader)
    }

    @Test func missingFileIsUnreadable() {
        #expect {
            try FrontCSV.read(path: "/nonexistent/front.csv")
        } throws: { error in
            (error as? FrontCSVError)?.description == "/nonexistent/front.csv: no such file"
        }
    }

    @Test func renderRoundTripsExactlyAndKeepsTheFormat() throws {
        var rng = SeededGenerator(seed: 7)
        var objectives = Matrix<Double>(rows: 0, columns: 3), decisions = Matrix<Double>(rows: 0, columns: 1)
        for _ in 0..<200 {
            objectives.appendRow([rng.nextGaussian() * 1e-3, rng.nextUniform(), rng.nextGaussian() * 1e12])
            decisions.appendRow([rng.nextUniform() - 0.5])
        }
        let table = try FrontTable(
            objectiveNames: ["ctr", "loss", "watch"], senses: [.maximize, .minimize, .maximize],
            decisionNames: ["w"], objectives: objectives, decisions: decisions)
        let text = FrontCSV.render(table)
        #expect(text.hasPrefix("ctr:max,loss,watch:max,x.w\n"))
        #expect(try FrontCSV.parse(text: text) == table)

        let plain = try FrontCSV.parse(text: "1 2\n3 4\n0.1 5\n")
        #expect(FrontCSV.render(plain, rows: [2, 0]) == "0.10000000000000001 5\n1 2\n")
        #expect(FrontCSV.render(table.selectingRows([1]), rows: nil) == FrontCSV.render(table, rows: [1]))
    }

    @Test func writeIsAtomicAndReadable() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("frontcsv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("front.csv").path
        let table = try FrontCSV.parse(text: "a,b:max\n1,2\n3,4\n")
        try FrontCSV.write(table, to: path, rows: [1])
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "a,b:max\n3,4\n")
        #expect(try FrontCSV.read(path: path) == table.selectingRows([1]))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["front.csv"])
        #expect(throws: FrontCSVError.self) { try FrontCSV.write(table, to: directory.path + "/missing/x.csv") }
    }

    @Test func tableInitializerChecksShapes() throws {
        let objectives = try Matrix<Double>([[1, 2]])
        #expect(throws: ParetoError.self) {
            try FrontTable(objectiveNames: ["a"], senses: [.minimize], objectives: objectives)
        }
        #expect(throws: ParetoError.self) {
            try FrontTable(objectiveNames: ["a", "b"], senses: [.minimize, .minimize], decisionNames: ["p"],
                           objectives: objectives, decisions: Matrix(rows: 2, columns: 1))
        }
    }
}
