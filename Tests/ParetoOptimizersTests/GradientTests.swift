import Testing
import NumericCore
@testable import ParetoOptimizers

/// Every test problem's Jacobian (forward-mode) agrees with central finite differences at random
/// interior points.
@Suite struct GradientTests {
    static func check(_ problem: some FormulaProblem, seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        for _ in 0..<3 {
            // Stay away from the non-smooth edges (x = 0 for √, the bounds).
            let x = zip(problem.lowerBounds, problem.upperBounds).map { l, u in l + (u - l) * (0.05 + 0.9 * rng.nextUniform()) }
            let (f, jacobian) = try problem.evaluateWithJacobian(x)
            #expect(f == (try problem.evaluate(x)))
            for j in 0..<x.count {
                let h = 1e-6 * max(1, abs(x[j]))
                var xp = x, xm = x
                xp[j] += h
                xm[j] -= h
                let fp = try problem.evaluate(xp), fm = try problem.evaluate(xm)
                for k in 0..<f.count {
                    let fd = (fp[k] - fm[k]) / (2 * h)
                    #expect(abs(jacobian[k, j] - fd) <= 1e-5 * max(1, abs(fd)), "\(problem.name) ∂f\(k + 1)/∂x\(j + 1): \(jacobian[k, j]) vs \(fd)")
                }
            }
        }
    }

    @Test(arguments: ZDT.Kind.allCases) func zdtJacobianMatchesFiniteDifferences(kind: ZDT.Kind) throws {
        try Self.check(try ZDT(kind), seed: UInt64(kind.rawValue))
    }

    @Test(arguments: DTLZ.Kind.allCases) func dtlzJacobianMatchesFiniteDifferences(kind: DTLZ.Kind) throws {
        try Self.check(try DTLZ(kind, objectives: 3, variables: 8), seed: UInt64(10 + kind.rawValue))
        try Self.check(try DTLZ(kind, objectives: 2, variables: 5), seed: UInt64(20 + kind.rawValue))
    }

    @Test func evaluatorCountsJacobianEvaluations() throws {
        var evaluator = Evaluator(problem: try ZDT(.zdt1, variables: 4))
        let (_, jacobian) = try evaluator.evaluateWithJacobian([0.5, 0.1, 0.2, 0.3])
        #expect(evaluator.evaluationCount == 1)
        #expect(jacobian[0, 0] == 1 && jacobian[0, 1] == 0)
        #expect(jacobian[1, 1] > 0)
    }
}
