import Testing
import NumericCore
@testable import ParetoOptimizers

private struct Sphere2: Problem {
    var name: String { "sphere2" }
    var objectiveCount: Int { 2 }
    var lowerBounds: [Double] { [-1, -1] }
    var upperBounds: [Double] { [1, 1] }
    func evaluate(_ x: [Double]) -> [Double] {
        [x[0] * x[0] + x[1] * x[1], (x[0] - 1) * (x[0] - 1) + x[1] * x[1]]
    }
}

@Suite struct ProblemTests {
    @Test func defaultBatchEvaluationLoopsOverRows() throws {
        let batch = try Matrix<Double>([[0, 0], [1, 0.5]])
        let f = try Sphere2().evaluate(batch: batch)
        #expect(f.rowArrays == [[0, 1], [1.25, 0.25]])
        #expect(Sphere2().variableNames == ["x1", "x2"])
        #expect(Sphere2().objectiveNames == ["f1", "f2"])
    }
}
