import Testing
import NumericCore
@testable import ParetoOptimizers

/// Small, fast sanity runs; the quality bars live in ParetoOptimizersAcceptanceTests.
@Suite struct AlgorithmTests {
    @Test func nsga2ApproachesTheZDT1Front() throws {
        let problem = try ZDT(.zdt1, variables: 10)
        let result = try minimize(problem: problem, optimizer: NSGA2(configuration: .init(populationSize: 40)),
                                  termination: .generations(80), seed: 5, options: RunOptions(hypervolumeReference: [1.1, 1.1]))
        // The true front's hypervolume w.r.t. (1.1, 1.1) is 1.21 − ∫₀¹ (1 − √f) df = 1.21 − 1/3 ≈ 0.8767;
        // a random population scores far lower.
        let hv = try #require(result.history.last?.hypervolume)
        #expect(hv > 0.8)
        #expect(result.history.first!.hypervolume! < hv)
        #expect(result.front.count > 20)
    }

    @Test func smpsoApproachesTheZDT4Front() throws {
        let problem = try ZDT(.zdt4)
        let result = try minimize(problem: problem, optimizer: SMPSO(swarmSize: 50), termination: .generations(100), seed: 5,
                                  options: RunOptions(hypervolumeReference: [1.1, 1.1]))
        #expect(try #require(result.history.last?.hypervolume) > 0.8)
        #expect(result.front.count <= 50)
    }

    @Test func nsga2HonoursConstraints() throws {
        /// ZDT1 (n = 5) with the constraint f1 ≥ 0.5 (violation max(0, 0.5 − x1)).
        struct ConstrainedZDT1: ConstrainedProblem {
            let base = try! ZDT(.zdt1, variables: 5)
            var name: String { "constrained-zdt1" }
            var objectiveCount: Int { 2 }
            var lowerBounds: [Double] { base.lowerBounds }
            var upperBounds: [Double] { base.upperBounds }
            var constraintCount: Int { 1 }
            func evaluate(_ x: [Double]) throws -> [Double] { try base.evaluate(x) }
            func evaluateWithViolations(_ x: [Double]) throws -> (objectives: [Double], violations: [Double]) {
                (try base.evaluate(x), [max(0, 0.5 - x[0])])
            }
        }
        let result = try minimize(problem: ConstrainedZDT1(), optimizer: NSGA2(configuration: .init(populationSize: 30)),
                                  termination: .generations(40), seed: 8)
        #expect(result.front.count > 5)
        #expect(result.front.violations.allSatisfy { $0 == 0 })
        for i in 0..<result.front.count { #expect(result.front.objectives[i, 0] >= 0.5) }
    }
}
