import Testing
import NumericCore
@testable import ParetoOptimizers

/// Distance from `x` to the segment [a, b] (computed here, independently of the problem type).
private func distanceToSegment(_ x: [Double], _ a: [Double], _ b: [Double]) -> Double {
    var ab = 0.0, ax = 0.0
    for j in 0..<x.count { ab += (b[j] - a[j]) * (b[j] - a[j]); ax += (x[j] - a[j]) * (b[j] - a[j]) }
    let t = min(1, max(0, ax / ab))
    var d = 0.0
    for j in 0..<x.count { let p = a[j] + t * (b[j] - a[j]); d += (x[j] - p) * (x[j] - p) }
    return d.squareRoot()
}

/// f1 = (x+1)² + (y−0.5)², f2 = (x+2)² + (y−1)² on [0, 1]²: both minimizers lie left of the box, so
/// the box-constrained Pareto set is the edge x = 0, y ∈ [0.5, 1] (on it, ∂f/∂x > 0 for both, and
/// along y the two objectives conflict exactly between 0.5 and 1).
private struct OutsideAnchors: DifferentiableProblem {
    var name: String { "outside-anchors" }
    var objectiveCount: Int { 2 }
    var lowerBounds: [Double] { [0, 0] }
    var upperBounds: [Double] { [1, 1] }
    func evaluate(_ x: [Double]) -> [Double] {
        [(x[0] + 1) * (x[0] + 1) + (x[1] - 0.5) * (x[1] - 0.5), (x[0] + 2) * (x[0] + 2) + (x[1] - 1) * (x[1] - 1)]
    }
    func evaluateWithJacobian(_ x: [Double]) throws -> (objectives: [Double], jacobian: Matrix<Double>) {
        (evaluate(x), try Matrix([[2 * (x[0] + 1), 2 * (x[1] - 0.5)], [2 * (x[0] + 2), 2 * (x[1] - 1)]]))
    }
}

/// f1 = x, f2 = 1 − √x on [0, 1]: every point conflicts (opposite derivatives), ∂f2/∂x = −∞ at 0.
private struct SquareRootEdge: DifferentiableProblem {
    var name: String { "sqrt-edge" }
    var objectiveCount: Int { 2 }
    var lowerBounds: [Double] { [0] }
    var upperBounds: [Double] { [1] }
    func evaluate(_ x: [Double]) -> [Double] { [x[0], 1 - x[0].squareRoot()] }
    func evaluateWithJacobian(_ x: [Double]) throws -> (objectives: [Double], jacobian: Matrix<Double>) {
        (evaluate(x), try Matrix([[1], [-0.5 / x[0].squareRoot()]]))
    }
}

private struct NoGradients: Problem {
    var name: String { "no-gradients" }
    var objectiveCount: Int { 2 }
    var lowerBounds: [Double] { [0] }
    var upperBounds: [Double] { [1] }
    func evaluate(_ x: [Double]) -> [Double] { [x[0], 1 - x[0]] }
}

@Suite struct ConvexBiObjectiveTests {
    @Test func objectivesJacobianAndFrontFollowTheFormulas() throws {
        let p = try ConvexBiObjective(variables: 3)
        // x = (0.5, 0.5, 0.5): ‖x − a‖² = 3·0.25², ‖x − b‖² = 3·0.25².
        let (f, j) = try p.evaluateWithJacobian([0.5, 0.5, 0.5])
        #expect(f == [0.1875, 0.1875])
        #expect(j.rowArrays == [[0.5, 0.5, 0.5], [-0.5, -0.5, -0.5]])
        // D = 3·0.5² = 0.75; t = 0.5 gives (0.1875, 0.1875) as the evaluation above.
        let front = p.paretoFront(points: 3)
        #expect(front.rowArrays == [[0, 0.75], [0.1875, 0.1875], [0.75, 0]])
        #expect(try p.evaluate(p.paretoSetPoint(0.5)) == [0.1875, 0.1875])
        // Finite differences agree with the Jacobian.
        let x = [0.1, 0.7, 0.4], h = 1e-6
        let jx = try p.evaluateWithJacobian(x).jacobian
        for i in 0..<3 {
            var xp = x, xm = x
            xp[i] += h; xm[i] -= h
            let fp = try p.evaluate(xp), fm = try p.evaluate(xm)
            for k in 0..<2 { #expect(abs((fp[k] - fm[k]) / (2 * h) - jx[k, i]) < 1e-6) }
        }
        #expect(throws: OptimizerError.self) { try ConvexBiObjective(variables: 0) }
        #expect(throws: OptimizerError.self) { try ConvexBiObjective(a: [2], b: [0], lowerBounds: [0], upperBounds: [1]) }
        #expect(throws: OptimizerError.self) { try p.evaluate([1]) }
    }
}

@Suite struct SteepestCommonDescentTests {
    @Test func endPointsLieOnTheParetoSegmentAndAreStationary() throws {
        let p = try ConvexBiObjective(variables: 4)
        let settings = try CommonDescentSettings(stationarityTolerance: 1e-8)
        var rng = SeededGenerator(seed: 7)
        for _ in 0..<30 {
            let start = (0..<4).map { _ in rng.nextUniform() }
            let end = try SteepestCommonDescent.run(p, from: start, settings: settings)
            #expect(end.converged && end.stationarity < 1e-8, "\(end)")
            #expect(distanceToSegment(end.x, p.a, p.b) < 1e-7, "\(end.x)")
            // On the front √f1 + √f2 = ‖a − b‖ = 1 (n = 4, each coordinate differs by 0.5).
            #expect(abs(end.objectives[0].squareRoot() + end.objectives[1].squareRoot() - 1) < 1e-7)
            // Descent never increases an objective.
            let f0 = try p.evaluate(start)
            #expect(end.objectives[0] <= f0[0] + 1e-15 && end.objectives[1] <= f0[1] + 1e-15)
        }
    }

    @Test func boundsBlockTheDirectionAndStationarityIsMeasuredOnTheFreeFace() throws {
        let settings = try CommonDescentSettings(stationarityTolerance: 1e-9, maxIterations: 2000)
        var rng = SeededGenerator(seed: 11)
        for _ in 0..<20 {
            let start = [rng.nextUniform(), rng.nextUniform()]
            let end = try SteepestCommonDescent.run(OutsideAnchors(), from: start, settings: settings)
            #expect(end.converged, "\(end)")
            #expect(end.x[0] == 0, "\(end.x)")
            #expect(end.x[1] >= 0.5 - 1e-6 && end.x[1] <= 1 + 1e-12, "\(end.x)")
        }
    }

    @Test func normalizedDirectionsAlsoReachTheSegment() throws {
        let p = try ConvexBiObjective(variables: 2)
        for normalization in GradientNormalization.allCases {
            let settings = try CommonDescentSettings(stationarityTolerance: 1e-7, maxIterations: 5000, normalization: normalization)
            let end = try SteepestCommonDescent.run(p, from: [0.9, 0.1], settings: settings)
            #expect(distanceToSegment(end.x, p.a, p.b) < 1e-5, "\(normalization): \(end)")
        }
    }

    @Test func nonFiniteJacobiansStopCleanly() throws {
        let settings = try CommonDescentSettings()
        let atEdge = try SteepestCommonDescent.run(SquareRootEdge(), from: [0], settings: settings)
        #expect(atEdge.stationarity == .infinity && !atEdge.converged && atEdge.iterations == 0)
        // Inside, the two derivatives 1 and −1/(2√x) have opposite signs: Pareto-stationary at once.
        let inside = try SteepestCommonDescent.run(SquareRootEdge(), from: [0.25], settings: settings)
        #expect(inside.converged && inside.iterations == 0 && inside.stationarity == 0 && inside.x == [0.25])
    }

    @Test func invalidSettingsThrow() {
        #expect(throws: OptimizerError.self) { try CommonDescentSettings(stationarityTolerance: 0) }
        #expect(throws: OptimizerError.self) { try CommonDescentSettings(armijo: 1) }
        #expect(throws: OptimizerError.self) { try CommonDescentSettings(maxIterations: 0) }
    }
}

@Suite struct MGDAOptimizerTests {
    @Test func frontLiesOnTheKnownParetoSetWithSmallStationarity() throws {
        let p = try ConvexBiObjective(variables: 5)
        let mgda = MGDA(configuration: try MGDA.Configuration(startsPerStep: 40))
        let result = try minimize(problem: p, optimizer: mgda, termination: .generations(2), seed: 3)
        #expect(result.front.count >= 20)
        for i in 0..<result.front.count {
            #expect(distanceToSegment(result.front.decisions.row(i), p.a, p.b) < 1e-5)
        }
        // Evaluations include the descent's own (Jacobians and line-search trials), not only end points.
        #expect(result.evaluations > 80)
        // Same seed, same front, bit for bit.
        let again = try minimize(problem: p, optimizer: mgda, termination: .generations(2), seed: 3)
        #expect(again.front == result.front)
    }

    @Test func stateReportsStationarityPerEndPoint() throws {
        let p = try ConvexBiObjective(variables: 3)
        let mgda = MGDA(configuration: try MGDA.Configuration(startsPerStep: 10))
        var evaluator = Evaluator(problem: p)
        let state = try mgda.initialize(evaluator: &evaluator, rng: SeededGenerator(seed: 1))
        #expect(state.stationarity.count == 10 && state.population.count == 10)
        #expect(state.stationarity.allSatisfy { $0 < 1e-6 } && state.converged.allSatisfy { $0 })
    }

    @Test func nonDifferentiableProblemsAreRefusedClearly() throws {
        #expect(throws: OptimizerError.self) { try MGDA.registration.make(AlgorithmSettings(), NoGradients()) }
        let mgda = MGDA(configuration: try MGDA.Configuration())
        #expect(throws: OptimizerError.self) { try minimize(problem: NoGradients(), optimizer: mgda, termination: .generations(1), seed: 1) }
    }
}
