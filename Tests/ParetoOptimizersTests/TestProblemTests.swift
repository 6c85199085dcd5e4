import Testing
import NumericCore
@testable import ParetoOptimizers

@Suite struct TestProblemTests {
    @Test func defaultsFollowThePapers() throws {
        #expect(try TestProblems.make(name: "zdt1").variableCount == 30)
        #expect(try TestProblems.make(name: "ZDT4").variableCount == 10)
        #expect(try TestProblems.make(name: "zdt6").variableCount == 10)
        #expect(try TestProblems.make(name: "zdt4").lowerBounds[1] == -5)
        #expect(try TestProblems.make(name: "dtlz1").variableCount == 3 - 1 + 5)
        #expect(try TestProblems.make(name: "dtlz2", objectives: 5).variableCount == 5 - 1 + 10)
        #expect(try TestProblems.make(name: "dtlz7").variableCount == 3 - 1 + 20)
        #expect(try TestProblems.make(name: "dtlz3", objectives: 4).objectiveCount == 4)
    }

    @Test func badNamesAndCountsAreTypedErrors() {
        #expect(throws: OptimizerError.self) { try TestProblems.make(name: "zdt5") }
        #expect(throws: OptimizerError.self) { try TestProblems.make(name: "nope") }
        #expect(throws: OptimizerError.self) { try TestProblems.make(name: "dtlz2", objectives: 1) }
        #expect(throws: OptimizerError.self) { try TestProblems.make(name: "zdt1", objectives: 3) }
        #expect(throws: OptimizerError.self) { try TestProblems.make(name: "dtlz2", objectives: 4, variables: 3) }
        #expect(throws: OptimizerError.self) { try TestProblems.make(name: "zdt1", variables: 1) }
        #expect(throws: OptimizerError.self) { try ZDT(.zdt1).evaluate([0.5]) }
    }

    @Test func sampledFrontsLieOnTheClosedForms() throws {
        let zdt1 = try ZDT(.zdt1).paretoFront(points: 101)
        #expect(zdt1.rows == 101)
        for p in zdt1.rowArrays { #expect(abs(p[1] - (1 - p[0].squareRoot())) < 1e-15) }
        let zdt6 = try ZDT(.zdt6).paretoFront(points: 50)
        for p in zdt6.rowArrays { #expect(p[0] >= 0.2807753191 && abs(p[1] - (1 - p[0] * p[0])) < 1e-15) }
        let zdt3 = try ZDT(.zdt3).paretoFront(points: 1000)
        #expect(zdt3.rows < 1000 && zdt3.rows > 100)   // dominated stretches removed
        // The five pieces start near f1 = 0, 0.1822, 0.4093, 0.6184, 0.8233 (Zitzler et al. 2000).
        #expect(zdt3.rowArrays.map { $0[0] }.max()! <= 0.852 && zdt3.rowArrays.map { $0[0] }.max()! > 0.85)
        let dtlz1 = try DTLZ(.dtlz1, objectives: 3).paretoFront(points: 91)
        #expect(dtlz1.rows == 91)  // 12 divisions: C(14, 2) = 91
        for p in dtlz1.rowArrays { #expect(abs(p.reduce(0, +) - 0.5) < 1e-12) }
        for kind in [DTLZ.Kind.dtlz2, .dtlz3, .dtlz4, .dtlz5, .dtlz6] {
            for p in try DTLZ(kind, objectives: 4).paretoFront(points: 60).rowArrays {
                #expect(abs(p.reduce(0) { $0 + $1 * $1 } - 1) < 1e-12, "\(kind)")
            }
        }
        let dtlz7 = try DTLZ(.dtlz7, objectives: 2).paretoFront(points: 200)
        // Two regions for M = 2: f1 ∈ [0, 0.2514] ∪ [0.6316, 0.8594] (pymoo's reference regions),
        // up to one lattice step (1/799) at their ends.
        for p in dtlz7.rowArrays { #expect(p[0] <= 0.2514 + 0.0013 || (p[0] >= 0.6316 - 0.0013 && p[0] <= 0.8594 + 0.0013), "\(p)") }
    }

    @Test func paretoSetPointsEvaluateOntoTheFront() throws {
        // ZDT: tail 0 → g = 1 → f2 = h(f1); DTLZ2: tail 0.5 → unit sphere.
        let f = try ZDT(.zdt2).evaluate([0.3] + [Double](repeating: 0, count: 29))
        #expect(abs(f[1] - (1 - 0.09)) < 1e-15)
        let d = try DTLZ(.dtlz2, objectives: 3).evaluate([0.2, 0.7] + [Double](repeating: 0.5, count: 10))
        #expect(abs(d.reduce(0) { $0 + $1 * $1 } - 1) < 1e-15)
    }
}
