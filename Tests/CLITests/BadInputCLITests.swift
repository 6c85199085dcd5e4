import Foundation
import Testing

/// Every bad input: non-zero exit, exactly one line on stderr naming the problem, nothing on stdout.
@Suite("CLI: bad input")
struct BadInputCLITests {
    struct Case: Sendable, CustomTestStringConvertible {
        let label: String
        let files: [String: String]
        let arguments: [String]
        let message: String  // the whole stderr line after "paretorec: error: "
        var testDescription: String { label }
    }

    static let good = "a,b\n1,2\n2,1\n"

    static let cases: [Case] = [
        Case(label: "empty file", files: ["e.csv": ""], arguments: ["nondominated", "e.csv"],
             message: "e.csv:1: empty file (no header and no data rows)"),
        Case(label: "header only", files: ["h.csv": "a,b\n"], arguments: ["nondominated", "h.csv", "--ranks"],
             message: "h.csv:2: no data rows after the header on line 1"),
        Case(label: "ragged row", files: ["r.csv": "a,b\n1,2\n3\n"], arguments: ["nondominated", "r.csv"],
             message: "r.csv:3: line 3 has 1 field, expected 2"),
        Case(label: "non-numeric cell", files: ["n.csv": "a,b\n1,2\n3,abc\n"], arguments: ["nondominated", "n.csv"],
             message: "n.csv:3:2: 'abc' is not a number"),
        Case(label: "NaN", files: ["nan.txt": "1 2\nnan 3\n"], arguments: ["indicator", "igd", "nan.txt", "--front", "nan.txt"],
             message: "nan.txt:2:1: 'nan' is not finite (NaN and infinity are not allowed)"),
        Case(label: "Inf", files: ["inf.csv": "a,b\n1,inf\n"], arguments: ["nondominated", "inf.csv", "--ranks"],
             message: "inf.csv:2:2: 'inf' is not finite (NaN and infinity are not allowed)"),
        Case(label: "reference of the wrong dimension", files: ["f.csv": good],
             arguments: ["indicator", "hv", "f.csv", "--reference", "3,3,3"],
             message: "--reference has 3 values but f.csv has 2 objectives"),
        Case(label: "non-numeric reference", files: ["f.csv": good],
             arguments: ["indicator", "hv", "f.csv", "--reference", "3,x"],
             message: "--reference: 'x' is not a number"),
        Case(label: "front of different M", files: ["f.csv": good, "ref.txt": "1 2 3\n"],
             arguments: ["indicator", "igd+", "f.csv", "--front", "ref.txt"],
             message: "ref.txt: has 3 objectives but f.csv has 2"),
        Case(label: "unknown indicator", files: ["f.csv": good], arguments: ["indicator", "hvx", "f.csv"],
             message: "unknown indicator 'hvx' (choose from hv, igd, igd+, gd, gd+, epsilon, spacing, spread)"),
        Case(label: "missing file", files: [:], arguments: ["nondominated", "missing.csv"],
             message: "missing.csv: no such file"),
        Case(label: "missing front file", files: ["f.csv": good], arguments: ["indicator", "gd", "f.csv", "--front", "nope.txt"],
             message: "nope.txt: no such file"),
        Case(label: "missing --front", files: ["f.csv": good], arguments: ["indicator", "epsilon", "f.csv"],
             message: "epsilon needs --front REFERENCE_FILE"),
        Case(label: "missing --reference", files: ["f.csv": good], arguments: ["indicator", "hv", "f.csv"],
             message: "hv needs --reference r1,r2,… (one value per objective)"),
        Case(label: "duplicate header", files: ["d.csv": "a,a\n1,2\n"], arguments: ["nondominated", "d.csv"],
             message: "d.csv:1:2: duplicate objective column 'a' (also column 1)"),
        Case(label: "unwritable output", files: ["f.csv": good], arguments: ["nondominated", "f.csv", "--output", "no/such/dir/out.csv"],
             message: "no/such/dir/out.csv: cannot create temporary file in 'no/such/dir': No such file or directory"),
    ]

    @Test(arguments: cases)
    func failsWithOneClearLine(_ c: Case) throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        for (name, text) in c.files { try cli.file(name, text) }
        let result = try cli.run(c.arguments)
        #expect(result.status != 0)
        #expect(result.status < 128, "terminated by a signal (a trap?)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderrLines == ["paretorec: error: " + c.message[...]])
    }
}
