import Foundation
import Testing

/// `paretorec experiment` and `paretorec report`: a tiny experiment end to end, and every bad
/// configuration failing with one clear line and no results folder left behind.
@Suite("CLI: experiment and report", .serialized)
struct ExperimentCLITests {
    static let good = """
    name: cli
    scenario: music
    data:
      source: synthetic
      rows: 1500
    seeds: [1, 2]
    model:
      hidden: 8
      epochs: 1
      batch-size: 256
    methods:
      - name: nsga2
        evaluations: 4
        population: 2
      - name: mgda-ub
        preferences: 2

    """

    @Test func runsATinyExperimentAndRewritesItsReport() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        try cli.file("e.yaml", Self.good)
        let run = try cli.run(["experiment", "e.yaml", "--output-dir", "out", "--latex"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("| method | seeds | median hypervolume | IQR | p vs best |"))
        #expect(run.stdout.contains("\\begin{tabular}"))
        #expect(run.stdout.contains("report:   out/report.html"))
        for f in ["summary.csv", "report.html", "notebook.ipynb", "runs/nsga2/seed-2/front.csv", "runs/mgda-ub/seed-1/history.csv"] {
            #expect(FileManager.default.fileExists(atPath: cli.path("out/" + f)), "missing \(f)")
        }
        let header = try String(contentsOfFile: cli.path("out/runs/nsga2/seed-1/front.csv"), encoding: .utf8)
            .split(separator: "\n").first
        #expect(header == "depth_auc:max,repeat_auc:max,x.weight_depth")
        try FileManager.default.removeItem(atPath: cli.path("out/report.html"))
        let report = try cli.run(["report", "out"])
        #expect(report.status == 0, "\(report.stderr)")
        #expect(FileManager.default.fileExists(atPath: cli.path("out/report.html")))
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let label: String
        let replace: (String, String)
        let message: String
        var testDescription: String { label }
    }

    static let cases: [Case] = [
        Case(label: "unknown scenario", replace: ("scenario: music", "scenario: movies"),
             message: "e.yaml:2:11: unknown value 'movies' for 'scenario'; expected one of ecommerce, video, music, census"),
        Case(label: "unknown method", replace: ("name: nsga2", "name: nsga22"),
             message: "e.yaml:12:11: unknown method 'nsga22'; did you mean 'nsga2'?"),
        Case(label: "unknown key", replace: ("seeds: [1, 2]", "sedes: [1, 2]"),
             message: "e.yaml:6:1: unknown key 'sedes' in the experiment; did you mean 'seeds'?"),
        Case(label: "reference of the wrong dimension", replace: ("seeds: [1, 2]", "seeds: [1, 2]\nreference: [0.5, 0.5, 0.5]"),
             message: "e.yaml:7:12: reference point has 3 values, but the music scenario has 2 objectives"),
        Case(label: "missing data file", replace: ("  source: synthetic\n  rows: 1500", "  source: file\n  path: nowhere.csv"),
             message: "e.yaml:5:9: data file '<dir>/nowhere.csv' does not exist"),
        Case(label: "zero budget", replace: ("evaluations: 4", "evaluations: 0"),
             message: "e.yaml:13:18: 'methods[0].evaluations' must be positive, got 0"),
        Case(label: "YAML syntax error", replace: ("seeds: [1, 2]", "seeds: [1, 2"),
             message: "e.yaml:7:6: not valid YAML: did not find expected ',' or ']' (while parsing a flow sequence at 6:8)"),
        Case(label: "bad indentation", replace: ("    population: 2", "   population: 2"),
             message: "e.yaml:14:4: not valid YAML: did not find expected '-' indicator (while parsing a block collection at 12:3)"),
        Case(label: "NSGA-II population of 1", replace: ("population: 2", "population: 1"),
             message: "e.yaml:12:11: method 'nsga2': invalid configuration: NSGA-II population size must be ≥ 2, got 1"),
        Case(label: "budget key the method does not take", replace: ("preferences: 2", "evaluations: 2"),
             message: "e.yaml:16:18: method 'mgda-ub' (in-training) does not take 'evaluations'; it takes 'preferences'"),
        Case(label: "name that leaves the output folder", replace: ("name: cli", "name: ../../escaped"),
             message: "e.yaml:1:7: 'name' names the results folder: use a plain name without '/', '\\' or '..', got '../../escaped'"),
        Case(label: "negative searched weight decay", replace: ("methods:", "search-space:\n  weight-decay: [-0.01, 0.01]\nmethods:"),
             message: "e.yaml:12:17: 'search-space.weight-decay' must be non-negative bounds, got lower bound -0.01"),
    ]

    @Test(arguments: cases)
    func badConfigFailsWithOneLineAndNoResults(_ c: Case) throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        try cli.file("e.yaml", Self.good.replacingOccurrences(of: c.replace.0, with: c.replace.1))
        let result = try cli.run(["experiment", "e.yaml", "--output-dir", "out"])
        #expect(result.status != 0 && result.status < 128)
        #expect(result.stdout.isEmpty)
        let expected = "paretorec: error: " + c.message.replacingOccurrences(of: "<dir>", with: cli.path(""))
        #expect(result.stderrLines.map(String.init) == [expected.replacingOccurrences(of: "//", with: "/")])
        #expect(!FileManager.default.fileExists(atPath: cli.path("out")), "a results folder was left behind")
    }

    @Test func dataFileOfTheWrongFormatFailsBeforeAnyResultIsWritten() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        try cli.file("bad.csv", "a,b,c\n1,2,3\n")
        try cli.file("e.yaml", Self.good.replacingOccurrences(of: "  source: synthetic\n  rows: 1500", with: "  source: file\n  path: bad.csv"))
        let result = try cli.run(["experiment", "e.yaml", "--output-dir", "out"])
        #expect(result.status == 1 && result.stdout.isEmpty)
        #expect(result.stderrLines.count == 1 && result.stderr.hasPrefix("paretorec: error: ") && result.stderr.contains("bad.csv"),
                "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: cli.path("out")))
    }

    /// Without --output-dir the results go to out/<name>: a name with '..' must not escape it.
    @Test func escapingNameWithoutOutputDirWritesNothing() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        try cli.file("e.yaml", Self.good.replacingOccurrences(of: "name: cli", with: "name: ../escaped"))
        let result = try cli.run(["experiment", "e.yaml"])
        #expect(result.status == 1 && result.stderrLines.count == 1 && result.stderr.contains("'name' names the results folder"))
        #expect(!FileManager.default.fileExists(atPath: cli.path("escaped")) && !FileManager.default.fileExists(atPath: cli.path("out")))
    }

    @Test func checkValidatesWithoutRunning() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        try cli.file("e.yaml", Self.good)
        let result = try cli.run(["experiment", "e.yaml", "--check", "--output-dir", "out"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "e.yaml: valid; 2 seed(s); methods: nsga2 (black-box nsga2), mgda-ub (in-training mgda-ub)\n")
        #expect(!FileManager.default.fileExists(atPath: cli.path("out")))
    }

    /// A results folder records its experiment: another configuration is refused with one line, and
    /// --force starts over.
    @Test func anotherExperimentInTheSameFolderIsRefusedUnlessForced() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let small = Self.good.replacingOccurrences(of: "seeds: [1, 2]", with: "seeds: [1]")
            .replacingOccurrences(of: "  - name: mgda-ub\n    preferences: 2\n", with: "")
        try cli.file("a.yaml", small)
        try cli.file("b.yaml", small.replacingOccurrences(of: "scenario: music", with: "scenario: ecommerce"))
        let first = try cli.run(["experiment", "a.yaml", "--output-dir", "out"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(FileManager.default.fileExists(atPath: cli.path("out/experiment.json")))
        let other = try cli.run(["experiment", "b.yaml", "--output-dir", "out"])
        #expect(other.status == 1 && other.stdout.isEmpty && other.stderrLines.count == 1, "\(other.stderr)")
        #expect(other.stderr.hasPrefix("paretorec: error: out: holds results of another experiment ('cli', music"))
        #expect(other.stderr.contains("use --force to start over"))
        let summary = try String(contentsOfFile: cli.path("out/summary.csv"), encoding: .utf8)
        #expect(summary.contains("music,nsga2") && !summary.contains("ecommerce"))
        let forced = try cli.run(["experiment", "b.yaml", "--output-dir", "out", "--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        let after = try String(contentsOfFile: cli.path("out/summary.csv"), encoding: .utf8)
        #expect(after.contains("ecommerce,nsga2") && !after.contains("music"))
    }

    /// While one experiment holds the folder's lock, a second is refused with one line and runs nothing.
    @Test func secondExperimentOnALockedFolderIsRefused() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        try cli.file("e.yaml", Self.good)
        try FileManager.default.createDirectory(atPath: cli.path("out"), withIntermediateDirectories: true)
        let fd = open(cli.path("out/.paretorec.lock"), O_RDWR | O_CREAT, 0o644)
        #expect(fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0)
        defer { close(fd) }
        let result = try cli.run(["experiment", "e.yaml", "--output-dir", "out"])
        #expect(result.status == 1 && result.stderrLines.count == 1, "\(result.stderr)")
        #expect(result.stderr.contains("another experiment is running in this directory"))
        #expect(!FileManager.default.fileExists(atPath: cli.path("out/runs")))
    }

    @Test func missingConfigAndNonResultsFolderAreClearErrors() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let missing = try cli.run(["experiment", "absent.yaml"])
        #expect(missing.status == 1 && missing.stderrLines == ["paretorec: error: absent.yaml: no such configuration file"])
        let report = try cli.run(["report", "."])
        #expect(report.status == 1 && report.stderrLines.count == 1)
        #expect(report.stderr.contains("no 'runs' folder"))
    }
}
