import Foundation
import Testing
import NumericCore
@testable import ParetoOptimizers

/// Known answers: objective values of pymoo's ZDT/DTLZ at seeded points
/// (Fixtures/problem_values.json, written by Experiments/reference/make_problem_fixtures.py).
@Suite struct ProblemFixtureTests {
    struct Case: Decodable { var problem: String; var objectives: Int; var variables: Int; var x: [[Double]]; var f: [[Double]] }
    struct File: Decodable { var generator: String; var cases: [Case] }

    static func load() throws -> File {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/problem_values", withExtension: "json"))
        return try JSONDecoder().decode(File.self, from: Data(contentsOf: url))
    }

    @Test func objectivesEqualPymoosAtSeededPoints() throws {
        let file = try Self.load()
        #expect(file.cases.count == 18)
        for c in file.cases {
            let problem = try TestProblems.make(name: c.problem, objectives: c.objectives, variables: c.variables)
            #expect(problem.variableCount == c.variables)
            for (x, expected) in zip(c.x, c.f) {
                let f = try problem.evaluate(x)
                #expect(f.count == expected.count)
                for (a, b) in zip(f, expected) {
                    #expect(abs(a - b) <= 1e-12 * max(1, abs(b)), "\(c.problem) M=\(c.objectives): \(f) vs pymoo \(expected)")
                }
            }
        }
    }

    @Test func batchEvaluationMatchesSingleEvaluation() throws {
        let file = try Self.load()
        let c = file.cases[0]
        let problem = try TestProblems.make(name: c.problem, variables: c.variables)
        let batch = try problem.evaluate(batch: Matrix(c.x))
        for (i, x) in c.x.enumerated() { #expect(batch.row(i) == (try problem.evaluate(x))) }
    }
}
