import NumericCore

/// A black-box multi-objective problem: box-bounded decision vectors in, objective vectors out.
///
/// In the pagmo spirit the requirements are minimal: objective count, bounds and one evaluation.
/// Every optimizer *minimizes* every objective. Extra abilities are refinement protocols
/// (`ConstrainedProblem`, `DifferentiableProblem`); batch evaluation defaults to a loop.
public protocol Problem: Sendable {
    /// A short name for logs and file headers (e.g. `"zdt1"`).
    var name: String { get }
    /// Number of objectives `M` (at least 2 for a multi-objective problem).
    var objectiveCount: Int { get }
    /// Lower bounds of the decision variables; `lowerBounds.count` is the number of variables `n`.
    var lowerBounds: [Double] { get }
    /// Upper bounds of the decision variables, same length as `lowerBounds`.
    var upperBounds: [Double] { get }
    /// Objective vector (length `M`) of one decision vector (length `n`).
    func evaluate(_ x: [Double]) throws -> [Double]
    /// Objectives of each row of `decisions` (`N × n` in, `N × M` out).
    func evaluate(batch decisions: Matrix<Double>) throws -> Matrix<Double>
    /// Names of the decision variables, for front CSV headers (`x.name`).
    var variableNames: [String] { get }
    /// Names of the objectives, for front CSV headers.
    var objectiveNames: [String] { get }
    /// Whether rows of a batch may be evaluated concurrently from several threads (default
    /// `true`; return `false` for problems with internal mutable state or their own threading).
    var allowsConcurrentEvaluation: Bool { get }
}

// MARK: - Default implementations

extension Problem {
    /// Number of decision variables `n`.
    public var variableCount: Int { lowerBounds.count }

    public func evaluate(batch decisions: Matrix<Double>) throws -> Matrix<Double> {
        var out = Matrix<Double>(rows: 0, columns: objectiveCount)
        for i in 0..<decisions.rows {
            let f = try evaluate(decisions.row(i))
            guard f.count == objectiveCount else {
                throw OptimizerError.invalidEvaluation("\(name) returned \(f.count) objectives, expected \(objectiveCount)")
            }
            out.appendRow(f)
        }
        return out
    }

    public var variableNames: [String] { (0..<variableCount).map { "x\($0 + 1)" } }
    public var objectiveNames: [String] { (0..<objectiveCount).map { "f\($0 + 1)" } }
    public var allowsConcurrentEvaluation: Bool { true }
}

/// A problem with inequality constraints, reported as non-negative violations (0 = satisfied).
public protocol ConstrainedProblem: Problem {
    /// Number of constraints.
    var constraintCount: Int { get }
    /// Objectives and per-constraint violations (each ≥ 0) of one decision vector.
    func evaluateWithViolations(_ x: [Double]) throws -> (objectives: [Double], violations: [Double])
}

/// A problem whose objectives are differentiable: it also returns the Jacobian (`M × n`,
/// row `k` = gradient of objective `k`), which gradient methods such as MGDA need.
public protocol DifferentiableProblem: Problem {
    /// Objectives and Jacobian at `x`.
    func evaluateWithJacobian(_ x: [Double]) throws -> (objectives: [Double], jacobian: Matrix<Double>)
}
