import NumericCore

/// A convex, differentiable bi-objective problem with a closed-form Pareto set, for gradient methods:
/// `f1(x) = ‖x − a‖²`, `f2(x) = ‖x − b‖²` over a box containing `a` and `b`.
///
/// Pareto set: the segment `x(t) = a + t·(b − a)`, `t ∈ [0, 1]` (the two gradients `2(x − a)` and
/// `2(x − b)` are opposite exactly there). Pareto front: with `D = ‖a − b‖²`,
/// `f1 = t²·D`, `f2 = (1 − t)²·D` — i.e. `√f1 + √f2 = √D`, a convex curve.
/// The default instance uses `a = (0.25, …)`, `b = (0.75, …)` in `[0, 1]ⁿ`, so `D = n/4`.
/// - Complexity: O(n) per evaluation, with or without the Jacobian.
public struct ConvexBiObjective: DifferentiableProblem, KnownFrontProblem {
    /// The minimizer of `f1`.
    public let a: [Double]
    /// The minimizer of `f2`.
    public let b: [Double]
    public let lowerBounds: [Double]
    public let upperBounds: [Double]
    public var name: String { "convex-biobjective" }
    public var objectiveCount: Int { 2 }

    /// The default instance in `n ≥ 1` variables.
    /// - Throws: `OptimizerError.invalidConfiguration` when `n < 1`.
    public init(variables n: Int = 2) throws {
        guard n >= 1 else { throw OptimizerError.invalidConfiguration("convex bi-objective problem needs ≥ 1 variable, got \(n)") }
        try self.init(a: [Double](repeating: 0.25, count: n), b: [Double](repeating: 0.75, count: n),
                      lowerBounds: [Double](repeating: 0, count: n), upperBounds: [Double](repeating: 1, count: n))
    }

    /// An instance with anchors `a`, `b` inside the box `[lowerBounds, upperBounds]`.
    /// - Throws: `OptimizerError.invalidConfiguration` for unequal lengths, non-finite values, or an
    ///   anchor outside the box.
    public init(a: [Double], b: [Double], lowerBounds: [Double], upperBounds: [Double]) throws {
        let n = a.count
        guard n >= 1, b.count == n, lowerBounds.count == n, upperBounds.count == n else {
            throw OptimizerError.invalidConfiguration("anchors and bounds must have the same length ≥ 1")
        }
        for j in 0..<n {
            let values = [a[j], b[j], lowerBounds[j], upperBounds[j]]
            guard values.allSatisfy(\.isFinite), lowerBounds[j] <= min(a[j], b[j]), max(a[j], b[j]) <= upperBounds[j] else {
                throw OptimizerError.invalidConfiguration("variable \(j + 1): anchors must be finite and inside the bounds")
            }
        }
        self.a = a; self.b = b; self.lowerBounds = lowerBounds; self.upperBounds = upperBounds
    }

    /// `D = ‖a − b‖²`, the extent of the front in each objective.
    public var anchorDistanceSquared: Double { zip(a, b).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } }

    public func evaluate(_ x: [Double]) throws -> [Double] {
        guard x.count == a.count else {
            throw OptimizerError.invalidEvaluation("\(name) expects \(a.count) variables, got \(x.count)")
        }
        var f1 = 0.0, f2 = 0.0
        for j in 0..<x.count {
            let da = x[j] - a[j], db = x[j] - b[j]
            f1 += da * da; f2 += db * db
        }
        return [f1, f2]
    }

    /// Objectives and the `2 × n` Jacobian with rows `2(x − a)` and `2(x − b)`.
    public func evaluateWithJacobian(_ x: [Double]) throws -> (objectives: [Double], jacobian: Matrix<Double>) {
        let f = try evaluate(x)
        let n = x.count
        var j = Matrix<Double>(rows: 2, columns: n)
        for i in 0..<n { j[0, i] = 2 * (x[i] - a[i]); j[1, i] = 2 * (x[i] - b[i]) }
        return (f, j)
    }

    /// `points ≥ 2` points of the true front, `t` evenly spaced in `[0, 1]` (rows `(t²D, (1−t)²D)`).
    public func paretoFront(points: Int) -> Matrix<Double> {
        let count = max(2, points), d = anchorDistanceSquared
        var front = Matrix<Double>(rows: count, columns: 2)
        for i in 0..<count {
            let t = Double(i) / Double(count - 1)
            front[i, 0] = t * t * d
            front[i, 1] = (1 - t) * (1 - t) * d
        }
        return front
    }

    /// The Pareto-optimal decision vector `a + t(b − a)` for `t ∈ [0, 1]` (clamped).
    public func paretoSetPoint(_ t: Double) -> [Double] {
        let s = min(1, max(0, t))
        return zip(a, b).map { $0 + s * ($1 - $0) }
    }
}
