import Testing
import Foundation
import NumericCore
@testable import ParetoOptimizers

private struct Boom: Error, Equatable {}

@Suite struct GSLMinimizerTests {
    // s(x, y) = (x − 0.3)² + 2(y + 0.2)²: minimum (0.3, −0.2), value 0.
    static func quadratic(_ x: [Double]) -> Double { (x[0] - 0.3) * (x[0] - 0.3) + 2 * (x[1] + 0.2) * (x[1] + 0.2) }
    static func quadraticGradient(_ x: [Double]) -> (Double, [Double]) { (quadratic(x), [2 * (x[0] - 0.3), 4 * (x[1] + 0.2)]) }

    @Test(arguments: InnerSolverKind.allCases)
    func findsAnInteriorMinimum(kind: InnerSolverKind) throws {
        let solver = try GSLMinimizer(kind: kind, maxIterations: 2000, tolerance: 1e-8)
        let r = try solver.minimize(start: [0.9, 0.9], lower: [-1, -1], upper: [1, 1],
                                    value: Self.quadratic, valueAndGradient: Self.quadraticGradient)
        #expect(abs(r.x[0] - 0.3) < 1e-4 && abs(r.x[1] + 0.2) < 1e-4, "\(r)")
        #expect(r.value < 1e-8)
        #expect(r.evaluations > 0 && r.iterations >= 1)
    }

    @Test(arguments: InnerSolverKind.allCases)
    func stopsOnTheBoundWhenTheUnconstrainedMinimumIsOutside(kind: InnerSolverKind) throws {
        // (x − 2)² + (y + 3)² over [−1, 1]²: the box minimum is the corner (1, −1), value 1 + 4 = 5.
        let f: ([Double]) -> Double = { ($0[0] - 2) * ($0[0] - 2) + ($0[1] + 3) * ($0[1] + 3) }
        let solver = try GSLMinimizer(kind: kind, maxIterations: 2000, tolerance: 1e-9)
        let r = try solver.minimize(start: [0, 0], lower: [-1, -1], upper: [1, 1], value: f,
                                    valueAndGradient: { (f($0), [2 * ($0[0] - 2), 2 * ($0[1] + 3)]) })
        #expect(r.x.allSatisfy { $0 >= -1 && $0 <= 1 })
        #expect(abs(r.x[0] - 1) < 1e-4 && abs(r.x[1] + 1) < 1e-4, "\(r)")
        #expect(abs(r.value - 5) < 1e-3)
    }

    @Test func fixedVariablesStayPut() throws {
        let solver = try GSLMinimizer(kind: .nelderMead, maxIterations: 1000, tolerance: 1e-9)
        let r = try solver.minimize(start: [0.5, 0.7], lower: [0, 0.7], upper: [1, 0.7], value: Self.quadratic)
        #expect(r.x[1] == 0.7)
        #expect(abs(r.x[0] - 0.3) < 1e-4)
    }

    @Test func badInputAndClosureErrorsAreTyped() throws {
        let bfgs = try GSLMinimizer(kind: .bfgs2)
        #expect(throws: OptimizerError.self) { try bfgs.minimize(start: [0], lower: [0], upper: [1], value: { $0[0] }) }
        #expect(throws: InnerSolverError.self) {
            try bfgs.minimize(start: [0, 0], lower: [0], upper: [1], value: { $0[0] }, valueAndGradient: { ($0[0], [1]) })
        }
        let nm = try GSLMinimizer(kind: .nelderMead)
        #expect(throws: InnerSolverError.self) { try nm.minimize(start: [0.5], lower: [0], upper: [1], value: { _ in .nan }) }
        var calls = 0
        #expect(throws: Boom()) {
            try nm.minimize(start: [0.5], lower: [0], upper: [1], value: { x in
                calls += 1
                if calls > 3 { throw Boom() }
                return x[0]
            })
        }
        #expect(throws: OptimizerError.self) { try GSLMinimizer(kind: .nelderMead, maxIterations: 0) }
        #expect(throws: OptimizerError.self) { try GSLMinimizer(kind: .nelderMead, tolerance: -1) }
    }
}

@Suite struct ScalarizationTests {
    @Test func valuesFollowTheirFormulas() throws {
        let f = [3.0, 1.0], z = [1.0, 0.5]
        let ws = try Scalarization(kind: .weightedSum, weights: [0.25, 0.75])
        #expect(ws.value(f) == 0.25 * 3 + 0.75 * 1)
        let tch = try Scalarization(kind: .tchebycheff, weights: [0.25, 0.75], reference: z)
        #expect(tch.value(f) == max(0.25 * 2, 0.75 * 0.5))
        let aasf = try Scalarization(kind: .augmentedAchievement, weights: [0.25, 0.75], reference: z, rho: 0.01)
        // max(0.25·2, 0.75·0.5) + 0.01·((3 − 1) + (1 − 0.5))
        #expect(aasf.value(f) == 0.5 + 0.01 * 2.5)
        #expect(ws.value([.nan, 1]) == .infinity)
    }

    @Test func gradientsAreJacobianTransposeTimesTheActiveCoefficients() throws {
        let j = try Matrix<Double>([[1, 2], [3, 4]])
        let f = [3.0, 1.0]
        #expect(try Scalarization(kind: .weightedSum, weights: [0.5, 2]).gradient(objectives: f, jacobian: j) == [0.5 + 6, 1 + 8])
        // Tchebycheff with z = 0: w·|f| = (1.5, 2), so objective 2 is active → c = (0, 2) → 2·(3, 4).
        #expect(try Scalarization(kind: .tchebycheff, weights: [0.5, 2]).gradient(objectives: f, jacobian: j) == [6, 8])
        let a = try Scalarization(kind: .augmentedAchievement, weights: [1, 0.5], reference: [0, 0], rho: 0.1)
        // active k = 0 (3 > 0.5): c = (1 + 0.1, 0.1) → (1.1·1 + 0.1·3, 1.1·2 + 0.1·4) = (1.4, 2.6)
        let g = a.gradient(objectives: f, jacobian: j)
        #expect(abs(g[0] - 1.4) < 1e-15 && abs(g[1] - 2.6) < 1e-15)
    }

    @Test func smoothedMaxIsWithinMuLogMAboveTheMaxAndItsGradientMatchesFiniteDifferences() throws {
        let j = try Matrix<Double>([[1, 2], [3, 4]])
        let s = try Scalarization(kind: .tchebycheff, weights: [0.5, 2], reference: [0, 0])
        let f = [3.0, 1.0]  // t = (1.5, 2)
        for mu in [1.0, 0.1, 0.01] {
            let (v, g) = s.smoothed(objectives: f, jacobian: j, mu: mu)
            #expect(v >= 2 && v <= 2 + mu * log(2.0) + 1e-15)
            // d/df of μ log(e^{0.5 f1/μ} + e^{2 f2/μ}) by central differences, then Jᵀ.
            let h = 1e-6
            func sv(_ a: Double, _ b: Double) -> Double { s.smoothed(objectives: [a, b], jacobian: j, mu: mu).value }
            let d1 = (sv(3 + h, 1) - sv(3 - h, 1)) / (2 * h), d2 = (sv(3, 1 + h) - sv(3, 1 - h)) / (2 * h)
            #expect(abs(g[0] - (d1 * 1 + d2 * 3)) < 1e-6 && abs(g[1] - (d1 * 2 + d2 * 4)) < 1e-6)
        }
    }

    @Test func invalidSettingsThrow() {
        #expect(throws: OptimizerError.self) { try Scalarization(kind: .weightedSum, weights: [0, 0]) }
        #expect(throws: OptimizerError.self) { try Scalarization(kind: .weightedSum, weights: [-1, 2]) }
        #expect(throws: OptimizerError.self) { try Scalarization(kind: .tchebycheff, weights: [1, 1], reference: [0]) }
        #expect(throws: OptimizerError.self) { try Scalarization(kind: .augmentedAchievement, weights: [1, 1], rho: -1) }
    }
}
