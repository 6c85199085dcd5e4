import Foundation
import Testing

/// `paretorec optimize` end to end: the front file, history, checkpoint/resume, and bad arguments.
@Suite("CLI: optimize")
struct OptimizeCLITests {
    @Test func writesAFrontCSVWithObjectivesThenDecisions() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let result = try cli.run(["optimize", "--problem", "zdt1", "--variables", "6", "--population", "20",
                                  "--generations", "10", "--seed", "3", "--output", "front.csv", "--history", "h.csv"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = try String(contentsOfFile: cli.path("front.csv"), encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "f1,f2,x.x1,x.x2,x.x3,x.x4,x.x5,x.x6")
        #expect(lines.count > 2)
        #expect(lines.dropFirst().allSatisfy { $0.split(separator: ",").count == 8 })
        let history = try String(contentsOfFile: cli.path("h.csv"), encoding: .utf8).split(separator: "\n")
        #expect(history.first == "iteration,evaluations,front_size,hypervolume,elapsed_seconds")
        #expect(history.count == 11)
        #expect(history[10].hasPrefix("10,200,"))
    }

    @Test func resumingFromACheckpointGivesTheUninterruptedFront() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let common = ["optimize", "--problem", "dtlz2", "--objectives", "3", "--variables", "6", "--algorithm", "nsga2",
                      "--population", "16", "--seed", "9"]
        #expect(try cli.run(common + ["--generations", "12", "--output", "full.csv"]).status == 0)
        #expect(try cli.run(common + ["--generations", "6", "--output", "half.csv", "--checkpoint", "ck", "--checkpoint-every", "3"]).status == 0)
        let resumed = try cli.run(common + ["--generations", "12", "--output", "resumed.csv", "--checkpoint", "ck", "--resume"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let full = try String(contentsOfFile: cli.path("full.csv"), encoding: .utf8)
        #expect(try String(contentsOfFile: cli.path("resumed.csv"), encoding: .utf8) == full)
    }

    static let badArguments: [([String], String)] = [
        (["--problem", "zdt9"], "unknown name: problem 'zdt9'; known: zdt1, zdt2, zdt3, zdt4, zdt6, dtlz1, dtlz2, dtlz3, dtlz4, dtlz5, dtlz6, dtlz7"),
        (["--problem", "zdt1", "--population", "0"], "--population must be ≥ 1, got 0"),
        (["--problem", "dtlz2", "--objectives", "1"], "--objectives must be ≥ 2, got 1"),
        (["--problem", "zdt1", "--generations", "5", "--evaluations", "500"], "give either --generations or --evaluations, not both"),
        (["--problem", "zdt1", "--algorithm", "annealing"], "unknown name: algorithm 'annealing'; known: " ),
        (["--problem", "zdt1", "--resume"], "--resume needs --checkpoint DIR"),
        (["--problem", "zdt1", "--checkpoint", "none", "--resume"], "checkpoint: cannot read "),
    ]

    @Test(arguments: 0..<badArguments.count)
    func badArgumentsGiveOneClearLine(_ index: Int) throws {
        let (arguments, message) = Self.badArguments[index]
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let result = try cli.run(["optimize"] + arguments + ["--seed", "1", "--output", "f.csv"])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderrLines.count == 1)
        #expect(result.stderr.hasPrefix("paretorec: error: " + message), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: cli.path("f.csv")))
    }

    @Test func corruptCheckpointIsRefused() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        try FileManager.default.createDirectory(atPath: cli.path("ck"), withIntermediateDirectories: true)
        try cli.file("ck/checkpoint.json", "{\"formatVersion\": 1, \"algo")
        let result = try cli.run(["optimize", "--problem", "zdt1", "--checkpoint", "ck", "--resume", "--seed", "1", "--output", "f.csv"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("is not a ParetoRec checkpoint (corrupt or truncated JSON)"))
    }
}
