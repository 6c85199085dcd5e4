import Foundation
import Testing

/// `paretorec optimize` with the scalarization, grid and MGDA algorithms.
@Suite("CLI: weighted-sum, tchebycheff, grid, mgda")
struct GradientAlgorithmsCLITests {
    /// Data rows of a front CSV as numbers (header dropped).
    func rows(_ text: String) -> [[Double]] {
        text.split(separator: "\n").dropFirst().map { $0.split(separator: ",").compactMap { Double($0) } }
    }

    @Test func tchebycheffSpreadsWhereWeightedSumCannotOnZDT2() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        for algorithm in ["weighted-sum", "tchebycheff"] {
            let r = try cli.run(["optimize", "--problem", "zdt2", "--variables", "5", "--algorithm", algorithm,
                                 "--population", "11", "--generations", "14", "--seed", "3", "--output", "\(algorithm).csv"])
            #expect(r.status == 0, "\(r.stderr)")
        }
        let ws = rows(try String(contentsOfFile: cli.path("weighted-sum.csv"), encoding: .utf8))
        let tch = rows(try String(contentsOfFile: cli.path("tchebycheff.csv"), encoding: .utf8))
        #expect(ws.allSatisfy { $0[0] < 1e-6 || $0[0] > 1 - 1e-6 }, "\(ws)")
        #expect(Set(tch.map { Int(($0[0] * 100).rounded()) }).count >= 8, "\(tch)")
        #expect(try String(contentsOfFile: cli.path("tchebycheff.csv"), encoding: .utf8).hasPrefix("f1,f2,x.x1,x.x2,x.x3,x.x4,x.x5\n"))
    }

    @Test func gridRefusesAnOverBudgetGridWithItsSize() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let r = try cli.run(["optimize", "--problem", "zdt1", "--algorithm", "grid", "--evaluations", "25000",
                             "--seed", "1", "--output", "g.csv"])
        #expect(r.status != 0 && r.status < 128)
        #expect(r.stderr.contains("1073741824") && r.stderr.contains("25000"), "\(r.stderr)")
        let ok = try cli.run(["optimize", "--problem", "zdt1", "--variables", "2", "--algorithm", "grid", "--population", "5",
                              "--generations", "1", "--seed", "1", "--output", "g.csv"])
        #expect(ok.status == 0, "\(ok.stderr)")
        // 5 × 5 grid on ZDT1: f1 = x1 ∈ {0, ¼, ½, ¾, 1}; the best tail is x2 = 0 (g = 1), so the front
        // has the five points (x1, 1 − √x1).
        let front = rows(try String(contentsOfFile: cli.path("g.csv"), encoding: .utf8)).sorted { $0[0] < $1[0] }
        #expect(front.map { $0[0] } == [0, 0.25, 0.5, 0.75, 1])
        for p in front { #expect(abs(p[1] - (1 - p[0].squareRoot())) < 1e-15) }
    }

    @Test func mgdaRunsOnADifferentiableProblem() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let r = try cli.run(["optimize", "--problem", "zdt2", "--variables", "4", "--algorithm", "mgda", "--population", "5",
                             "--generations", "2", "--seed", "1", "--output", "m.csv"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(rows(try String(contentsOfFile: cli.path("m.csv"), encoding: .utf8)).count >= 1)
    }
}
