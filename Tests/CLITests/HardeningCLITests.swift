import Foundation
import Testing

/// Reproductions of crashes and silent failures found by trying the tool as a new user would; each
/// must now give the correct result or exactly one `paretorec: error:` line and a non-zero exit.
@Suite("CLI: hardening", .serialized)
struct HardeningCLITests {
    static let front = "a,b\n1,2\n2,1\n0.5,3\n"

    /// A clean failure: non-zero exit that is not a signal (a trap exits with 128 + signal), and one
    /// `paretorec: error:` line, the last on stderr.
    static func expectOneErrorLine(_ result: CLIRunner.Result, containing phrase: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status != 0 && result.status < 128, "status \(result.status): \(result.stderr)", sourceLocation: sourceLocation)
        // Progress lines may come first; the error is one line, the last.
        #expect(result.stderrLines.filter { $0.hasPrefix("paretorec: error: ") }.count == 1, "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderrLines.last?.hasPrefix("paretorec: error: ") == true, sourceLocation: sourceLocation)
        #expect(result.stderr.contains(phrase), "\(result.stderr)", sourceLocation: sourceLocation)
    }

    @Test func threadCountsThatDoNotDivideTheBatchGiveTheSerialFront() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        for (population, threads) in [(16, 7), (5, 4), (100, 30)] {
            var fronts: [String] = []
            for t in [1, threads] {
                let run = try cli.run(["optimize", "--problem", "zdt1", "--seed", "1", "--population", "\(population)", "--generations", "3",
                                       "--threads", "\(t)", "--output", "f\(t).csv"])
                #expect(run.status == 0, "\(run.stderr)")
                fronts.append(try String(contentsOfFile: cli.path("f\(t).csv"), encoding: .utf8))
            }
            #expect(fronts[0] == fronts[1], "population \(population), threads \(threads)")
        }
    }

    @Test func distanceIndicatorsWorkOnOneObjective() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        try cli.file("a.txt", "1\n4\n")
        try cli.file("r.csv", "f\n0\n2\n5\n")
        try cli.file("a.csv", "f\n1\n4\n")
        // Hand values (see DegenerateInputTests): IGD 1, IGD+ 1/3, GD 1, GD+ 0, ε 1.
        for (name, value) in [("igd", "1"), ("igd+", "0.33333333333333331"), ("gd", "1"), ("gd+", "0"), ("epsilon", "1")] {
            for file in ["a.txt", "a.csv"] {
                let run = try cli.run(["indicator", name, file, "--front", "r.csv"])
                #expect(run.status == 0, "\(name) \(file): \(run.stderr)")
                #expect(run.stdout == value + "\n", "\(name) \(file)")
            }
        }
    }

    /// Full (`/dev/full`) and closed (`>&-`) standard output for every verb that prints.
    @Test func fullOrClosedStandardOutputIsOneErrorForEveryVerb() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        try cli.file("f.csv", Self.front)
        try cli.file("e.yaml", ExperimentCLITests.good)
        let verbs: [[String]] = [
            ["nondominated", "f.csv"], ["nondominated", "f.csv", "--ranks", "--json"],
            ["indicator", "hv", "f.csv", "--reference", "5,5"], ["indicator", "igd", "f.csv", "--front", "f.csv"],
            ["train", "--scenario", "music", "--synthetic-rows", "400", "--epochs", "1", "--batch-size", "64"],
            ["experiment", "e.yaml", "--output-dir", "out"], ["report", "out"], ["--help"],
        ]
        for arguments in verbs {
            for (redirection, reason) in [(">/dev/full", "No space left on device"), (">&-", "it is closed")] {
                let run = try cli.run(arguments, redirection: redirection)
                Self.expectOneErrorLine(run, containing: "cannot write to standard output: \(reason)")
            }
        }
        // A full standard error: the message cannot be shown, but the exit status still says so.
        let bad = try cli.run(["nondominated", "missing.csv"], redirection: "2>/dev/full")
        #expect(bad.status == 1)
    }

    @Test func reportRefusesAOneColumnHistoryRowNamingTheLine() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        try cli.file("e.yaml", ExperimentCLITests.good)
        let run = try cli.run(["experiment", "e.yaml", "--output-dir", "out"])
        #expect(run.status == 0, "\(run.stderr)")
        for name in ["history.csv", "loss.csv"] {
            let path = cli.path("out/runs/nsga2/seed-1/\(name)")
            let original = try String(contentsOfFile: path, encoding: .utf8)
            try (original + "7\n").write(toFile: path, atomically: true, encoding: .utf8)
            let lines = original.split(separator: "\n").count
            Self.expectOneErrorLine(try cli.run(["report", "out"]), containing: "\(name):\(lines + 1): row has 1 column")
            try original.write(toFile: path, atomically: true, encoding: .utf8)
        }
        #expect(try cli.run(["report", "out"]).status == 0)
    }

    @Test func outputThroughSymlinksAndRefusedOnDevices() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        try cli.file("f.csv", Self.front)
        try cli.file("target.csv", "old\n")
        try FileManager.default.createSymbolicLink(atPath: cli.path("link.csv"), withDestinationPath: "target.csv")
        let run = try cli.run(["nondominated", "f.csv", "--output", "link.csv"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: cli.path("link.csv")) == "target.csv")
        #expect(try String(contentsOfFile: cli.path("target.csv"), encoding: .utf8) == Self.front)
        Self.expectOneErrorLine(try cli.run(["nondominated", "f.csv", "--output", "/dev/null"]), containing: "/dev/null: is a device")
        Self.expectOneErrorLine(try cli.run(["optimize", "--problem", "zdt1", "--seed", "1", "--output", "/dev/null"]),
                                containing: "/dev/null: is a device")
    }

    /// Unwritable for root too: a file where the output's directory should be. `optimize` says so
    /// before the run (no checkpoint is written).
    @Test func unwritableOutputIsRefusedBeforeTheRun() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        try cli.file("plain", "x\n")
        try cli.file("f.csv", Self.front)
        let run = try cli.run(["optimize", "--problem", "zdt1", "--seed", "1", "--generations", "50", "--output", "plain/front.csv",
                               "--checkpoint", "ck", "--checkpoint-every", "1"])
        Self.expectOneErrorLine(run, containing: "plain/front.csv: cannot create temporary file in 'plain': Not a directory")
        #expect(!FileManager.default.fileExists(atPath: cli.path("ck")))
        Self.expectOneErrorLine(try cli.run(["nondominated", "f.csv", "--output", "plain/out.csv"]), containing: "Not a directory")
        Self.expectOneErrorLine(try cli.run(["optimize", "--problem", "zdt1", "--seed", "1", "--output", "f2.csv", "--history", "plain/h.csv"]),
                                containing: "plain/h.csv")
    }

    @Test func badNumberListsAreRefused() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        try cli.file("f.csv", Self.front)
        let optimize = ["optimize", "--problem", "zdt1", "--seed", "1", "--generations", "2", "--output", "o.csv", "--reference"]
        Self.expectOneErrorLine(try cli.run(optimize + ["nan,1"]), containing: "--reference: 'nan' is not finite")
        Self.expectOneErrorLine(try cli.run(optimize + ["1,,1"]), containing: "--reference: item 2 of '1,,1' is empty")
        Self.expectOneErrorLine(try cli.run(optimize + ["1,1,1"]), containing: "--reference has 3 values")
        Self.expectOneErrorLine(try cli.run(["indicator", "hv", "f.csv", "--reference", "5,,5"]), containing: "is empty")
        let train = ["train", "--scenario", "music", "--synthetic-rows", "400", "--epochs", "1", "--weights"]
        Self.expectOneErrorLine(try cli.run(train + ["0,0"]), containing: "--weights are all zero")
        Self.expectOneErrorLine(try cli.run(train + ["1,,1"]), containing: "is empty")
    }

    @Test func hugeSizesAreRefusedUpFront() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let optimize = ["optimize", "--problem", "zdt1", "--seed", "1", "--output", "o.csv"]
        Self.expectOneErrorLine(try cli.run(optimize + ["--population", "1000000000000"]), containing: "above the maximum")
        Self.expectOneErrorLine(try cli.run(optimize + ["--population", "\(Int.max)"]), containing: "above the maximum")
        Self.expectOneErrorLine(try cli.run(optimize + ["--variables", "100000000000"]), containing: "above the maximum")
        Self.expectOneErrorLine(try cli.run(["optimize", "--problem", "dtlz2", "--seed", "1", "--output", "o.csv", "--population", "200000",
                                             "--variables", "100000"]), containing: "above the maximum")
        let train = ["train", "--scenario", "ecommerce"]
        for size in ["1000000000", "\(Int.max)"] {
            Self.expectOneErrorLine(try cli.run(train + ["--batch-size", size]), containing: "above the maximum")
        }
        Self.expectOneErrorLine(try cli.run(train + ["--synthetic-rows", "100000000000000"]), containing: "above the maximum")
    }

    @Test func hypervolumeCostOverflowAndMonteCarlo() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        var rng = SystemRandomNumberGenerator()
        let many = (0..<200).map { _ in (0..<20).map { _ in String(Double.random(in: 0..<1, using: &rng)) }.joined(separator: " ") }
        try cli.file("many.txt", many.joined(separator: "\n") + "\n")
        let reference = Array(repeating: "2", count: 20).joined(separator: ",")
        Self.expectOneErrorLine(try cli.run(["indicator", "hv", "many.txt", "--reference", reference]), containing: "--monte-carlo N")
        let estimate = try cli.run(["indicator", "hv", "many.txt", "--reference", reference, "--monte-carlo", "2000", "--json"])
        #expect(estimate.status == 0, "\(estimate.stderr)")
        #expect(estimate.stdout.contains("\"standardError\": "))
        try cli.file("big.txt", "0 0 0\n-1 1 0\n")
        Self.expectOneErrorLine(try cli.run(["indicator", "hv", "big.txt", "--reference", "1e103,1e103,1e103"]), containing: "overflow")
        // The estimate of a single point's box is exact.
        try cli.file("one.txt", "1 2 3\n")
        let exact = try cli.run(["indicator", "hv", "one.txt", "--reference", "2,4,6", "--monte-carlo", "100"])
        #expect(exact.stdout == "6\n")
        #expect(exact.stderr.contains("standard error 0"))
    }

    @Test func errorLinesEscapeControlCharacters() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        try cli.file("c.csv", "a,b\n1,x\u{1}\u{1B}[31m\u{0}y\n")
        let run = try cli.run(["nondominated", "c.csv"])
        Self.expectOneErrorLine(run, containing: "c.csv:2:2: 'x\\u{1}\\u{1b}[31m\\u{0}y' is not a number")
        #expect(!run.stderr.dropLast().unicodeScalars.contains { $0.value < 0x20 })
    }

    @Test func resumeFromACorruptCheckpointIsOneErrorLine() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let base = ["optimize", "--problem", "zdt1", "--seed", "1", "--population", "10", "--output", "f.csv", "--checkpoint", "ck",
                    "--checkpoint-every", "1"]
        #expect(try cli.run(base + ["--generations", "3"]).status == 0)
        let file = cli.path("ck/checkpoint.json")
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let edited = text.replacingOccurrences(of: #""evaluations":30"#, with: #""evaluations":-30"#)
        #expect(edited != text)
        try edited.write(toFile: file, atomically: true, encoding: .utf8)
        Self.expectOneErrorLine(try cli.run(base + ["--generations", "5", "--resume"]), containing: "ck/checkpoint.json: evaluation count -30 is negative")
    }
}
