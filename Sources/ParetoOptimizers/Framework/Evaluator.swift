import Dispatch
import Foundation
import NumericCore

/// Evaluates decision vectors for an optimizer, counting evaluations and handing each batch to an
/// ``EvaluationBackend`` (threads of this process by default, other processes under MPI).
///
/// Determinism: every backend returns for each row the bits the problem computes for that row
/// alone, so the result is bit-identical for any `parallelism` or number of processes. Randomness
/// never happens here — operators draw it sequentially from the optimizer state's generator.
public struct Evaluator: Sendable {
    /// The problem being optimized.
    public let problem: any Problem
    /// Threads used for a batch by the default backend (1 = serial).
    public let parallelism: Int
    /// Where batches are evaluated.
    public let backend: any EvaluationBackend
    /// Evaluations performed so far (rows evaluated, plus Jacobian evaluations).
    public private(set) var evaluationCount: Int
    /// Wall-clock seconds spent inside `evaluate` and `evaluateWithJacobian`.
    public private(set) var evaluationSeconds: Double = 0

    /// An evaluator for `problem` using `backend`, or up to `parallelism` threads of this process
    /// when no backend is given.
    public init(problem: any Problem, parallelism: Int = 1, evaluationCount: Int = 0, backend: (any EvaluationBackend)? = nil) {
        self.problem = problem
        self.parallelism = max(1, parallelism)
        self.backend = backend ?? ThreadPoolBackend(parallelism: parallelism)
        self.evaluationCount = evaluationCount
    }

    /// Evaluates every row of `decisions` (objectives and, for a `ConstrainedProblem`, total
    /// violations) through `backend`. - Throws: the problem's or the backend's errors, or
    /// `OptimizerError.invalidEvaluation` for a wrong-length or NaN objective vector.
    /// - Complexity: N problem evaluations, placed by the backend.
    public mutating func evaluate(_ decisions: Matrix<Double>) throws -> Population {
        let started = DispatchTime.now().uptimeNanoseconds
        defer { evaluationSeconds += Double(DispatchTime.now().uptimeNanoseconds - started) * 1e-9 }
        let n = decisions.rows, m = problem.objectiveCount
        let batch = try backend.evaluate(problem, decisions, firstEvaluation: evaluationCount)
        guard batch.objectives.count == n * m, batch.violations.count == n else {
            throw OptimizerError.invalidEvaluation("the evaluation backend returned \(batch.objectives.count) objective values and \(batch.violations.count) violations for \(n) rows of \(m) objectives")
        }
        evaluationCount += n
        return try Population(decisions: decisions, objectives: Matrix(rows: n, columns: m, storage: batch.objectives),
                              violations: batch.violations)
    }

    /// Rows of chunk `index` when `rows` rows are cut into `chunks` contiguous, near-equal parts:
    /// `index·rows/chunks ..< (index+1)·rows/chunks`. The parts cover `0..<rows` exactly once for
    /// any `chunks ≥ 1` (some are empty when `chunks > rows`). - Complexity: O(1).
    public static func chunk(_ index: Int, of chunks: Int, rows: Int) -> Range<Int> {
        guard chunks >= 1, rows >= 1, index >= 0, index < chunks else { return 0..<0 }
        func boundary(_ k: Int) -> Int { chunks.dividingFullWidth(k.multipliedFullWidth(by: rows)).quotient }
        let start = boundary(index), end = boundary(index + 1)
        return start..<max(start, end)
    }

    /// Objectives and Jacobian at `x` for a `DifferentiableProblem` (counts one evaluation).
    /// - Throws: `OptimizerError.unsupportedProblem` when the problem has no gradients.
    public mutating func evaluateWithJacobian(_ x: [Double]) throws -> (objectives: [Double], jacobian: Matrix<Double>) {
        guard let differentiable = problem as? any DifferentiableProblem else {
            throw OptimizerError.unsupportedProblem("\(problem.name) provides no gradients")
        }
        let started = DispatchTime.now().uptimeNanoseconds
        defer { evaluationSeconds += Double(DispatchTime.now().uptimeNanoseconds - started) * 1e-9 }
        evaluationCount += 1
        return try differentiable.evaluateWithJacobian(x)
    }

    /// Adds `count` evaluations made outside `evaluate` (e.g. by an inner solver calling the
    /// problem directly), so budgets and results stay honest.
    public mutating func recordEvaluations(_ count: Int) { evaluationCount += max(0, count) }
}
