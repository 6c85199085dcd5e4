import Testing
import Foundation
import NumericCore
@testable import ParetoOptimizers

/// ZDT2 (Zitzler, Deb & Thiele 2000, doi:10.1162/106365600568202) written out here with its
/// Jacobian: f1 = x1, g = 1 + 9/(n−1)·Σ_{i≥2} x_i, f2 = g·(1 − (f1/g)²) = g − x1²/g.
/// Front: f2 = 1 − f1², f1 ∈ [0, 1] (non-convex), reached at x_i = 0 for i ≥ 2.
private struct LocalZDT2: DifferentiableProblem {
    let n: Int
    var name: String { "zdt2-local" }
    var objectiveCount: Int { 2 }
    var lowerBounds: [Double] { [Double](repeating: 0, count: n) }
    var upperBounds: [Double] { [Double](repeating: 1, count: n) }
    func evaluate(_ x: [Double]) -> [Double] {
        let g = 1 + 9 / Double(n - 1) * x[1...].reduce(0, +)
        return [x[0], g - x[0] * x[0] / g]
    }
    func evaluateWithJacobian(_ x: [Double]) throws -> (objectives: [Double], jacobian: Matrix<Double>) {
        let g = 1 + 9 / Double(n - 1) * x[1...].reduce(0, +)
        var j = Matrix<Double>(rows: 2, columns: n)
        j[0, 0] = 1
        j[1, 0] = -2 * x[0] / g
        for i in 1..<n { j[1, i] = 9 / Double(n - 1) * (1 + x[0] * x[0] / (g * g)) }
        return (evaluate(x), j)
    }
}

private func distinctRounded(_ values: [Double], _ step: Double) -> Set<Int> { Set(values.map { Int(($0 / step).rounded()) }) }

@Suite struct WeightedSumTests {
    fileprivate static let problem = LocalZDT2(n: 4)

    @Test func weightedSumFindsOnlyTheExtremesOfANonConvexFront() throws {
        let ws = WeightedSum(configuration: try .init(scalarization: .weightedSum, divisions: 10, weightsPerStep: 11))
        let result = try minimize(problem: Self.problem, optimizer: ws, termination: .generations(1), seed: 5)
        let f1 = result.front.objectives.rowArrays.map { $0[0] }
        // Every supported point of a concave front is an end point: f1 ∈ {0, 1} only.
        #expect(f1.allSatisfy { $0 < 1e-6 || $0 > 1 - 1e-6 }, "\(f1)")
        #expect(distinctRounded(f1, 0.01).count <= 2)
    }

    @Test(arguments: [ScalarizationKind.tchebycheff, .augmentedAchievement])
    func tchebycheffSpreadsAlongTheNonConvexFront(kind: ScalarizationKind) throws {
        let opt = WeightedSum(configuration: try .init(scalarization: kind, divisions: 10, weightsPerStep: 11))
        let result = try minimize(problem: Self.problem, optimizer: opt, termination: .generations(1), seed: 5)
        let points = result.front.objectives.rowArrays
        let f1 = points.map { $0[0] }
        #expect(distinctRounded(f1, 0.01).count >= 8, "\(f1)")
        // Interior points on (or very near) the true front f2 = 1 − f1².
        let interior = points.filter { $0[0] > 0.05 && $0[0] < 0.95 }
        #expect(interior.count >= 6)
        for p in interior { #expect(abs(p[1] - (1 - p[0] * p[0])) < 1e-3, "\(p)") }
    }

    @Test func sameSeedSameFrontAndUserWeights() throws {
        let config = try WeightedSum.Configuration(scalarization: .tchebycheff, weights: [[1, 1], [1, 3], [3, 1]], idealPoint: [0, 0])
        let a = try minimize(problem: Self.problem, optimizer: WeightedSum(configuration: config), termination: .generations(3), seed: 9)
        let b = try minimize(problem: Self.problem, optimizer: WeightedSum(configuration: config), termination: .generations(3), seed: 9)
        #expect(a.front == b.front)
        #expect(a.population.count == 3)
        // Weight (1, 1), ideal 0: minimum of max(x1, 1 − x1²) at x1 = 1 − x1², x1 = (√5 − 1)/2.
        let golden = (5.0.squareRoot() - 1) / 2
        #expect(abs(a.population.objectives[0, 0] - golden) < 1e-3)
    }

    @Test func invalidConfigurationsThrow() throws {
        #expect(throws: OptimizerError.self) { try WeightedSum.Configuration(weights: []) }
        #expect(throws: OptimizerError.self) { try WeightedSum.Configuration(weights: [[0, 0]]) }
        #expect(throws: OptimizerError.self) { try WeightedSum.Configuration(divisions: 0) }
        let wrongLength = WeightedSum(configuration: try .init(weights: [[1, 2, 3]]))
        #expect(throws: OptimizerError.self) { try minimize(problem: Self.problem, optimizer: wrongLength, termination: .generations(1), seed: 0) }
    }

    @Test func registryLatticeSizeRoundsDown() {
        #expect(WeightedSum.latticeSize(objectives: 3, divisions: 12) == 91)
        #expect(WeightedSum.divisions(forAtMost: 100, objectives: 3) == 12)
        #expect(WeightedSum.divisions(forAtMost: 21, objectives: 2) == 20)
    }
}

@Suite struct GradientMethodsResumeTests {
    /// Runs 2 iterations with a checkpoint, resumes to 4, and compares with an uninterrupted 4-iteration run.
    func resumedEqualsUninterrupted<O: Optimizer>(_ optimizer: O, _ problem: any Problem) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("paretorec-resume-\(O.name)-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("checkpoint.json")
        let policy = try CheckpointPolicy(url: file, every: 1)
        _ = try minimize(problem: problem, optimizer: optimizer, termination: .generations(2), seed: 21,
                         options: RunOptions(checkpoint: policy))
        let resumed = try minimize(problem: problem, optimizer: optimizer, termination: .generations(4), seed: 21,
                                   options: RunOptions(checkpoint: policy, resumeFrom: file))
        let straight = try minimize(problem: problem, optimizer: optimizer, termination: .generations(4), seed: 21)
        #expect(resumed.front == straight.front)
        #expect(resumed.evaluations == straight.evaluations)
    }

    @Test func weightedSumAndMGDAResumeBitForBit() throws {
        let problem = try ConvexBiObjective(variables: 3)
        try resumedEqualsUninterrupted(WeightedSum(configuration: try .init(scalarization: .tchebycheff, divisions: 4)), problem)
        try resumedEqualsUninterrupted(MGDA(configuration: try .init(startsPerStep: 3)), problem)
        let grid = GridSearch(configuration: try .init(levels: 5, batchSize: 7))
        try resumedEqualsUninterrupted(grid, problem)
    }
}
