import Dispatch
import Foundation
import NumericCore

/// Evaluates decision vectors for an optimizer, counting evaluations and spreading a batch over
/// threads when the problem allows it.
///
/// Determinism: a batch is cut into contiguous chunks, each chunk evaluated by
/// `Problem.evaluate(batch:)` (or row by row for constrained problems) and written to its own rows;
/// problems are pure functions, so the result is bit-identical for any `parallelism`. Randomness
/// never happens here — operators draw it sequentially from the optimizer state's generator.
public struct Evaluator: Sendable {
    /// The problem being optimized.
    public let problem: any Problem
    /// Threads used for a batch (1 = serial). Ignored when `problem.allowsConcurrentEvaluation` is false.
    public let parallelism: Int
    /// Evaluations performed so far (rows evaluated, plus Jacobian evaluations).
    public private(set) var evaluationCount: Int
    /// Wall-clock seconds spent inside `evaluate` and `evaluateWithJacobian`.
    public private(set) var evaluationSeconds: Double = 0

    /// An evaluator for `problem` using up to `parallelism` threads.
    public init(problem: any Problem, parallelism: Int = 1, evaluationCount: Int = 0) {
        self.problem = problem
        self.parallelism = max(1, parallelism)
        self.evaluationCount = evaluationCount
    }

    /// Evaluates every row of `decisions` (objectives and, for a `ConstrainedProblem`, total
    /// violations). - Throws: the problem's errors, or `OptimizerError.invalidEvaluation` for a
    /// wrong-length or NaN objective vector.
    /// - Complexity: N problem evaluations, split over `parallelism` threads.
    public mutating func evaluate(_ decisions: Matrix<Double>) throws -> Population {
        let started = DispatchTime.now().uptimeNanoseconds
        defer { evaluationSeconds += Double(DispatchTime.now().uptimeNanoseconds - started) * 1e-9 }
        let n = decisions.rows, m = problem.objectiveCount
        let threads = problem.allowsConcurrentEvaluation ? min(parallelism, max(1, n)) : 1
        var objectives = [Double](repeating: 0, count: n * m)
        var violations = [Double](repeating: 0, count: n)
        if threads == 1 {
            try Evaluator.evaluateChunk(problem, decisions, 0..<n, &objectives, &violations)
        } else {
            let failures = ErrorSlots(count: threads)
            objectives.withUnsafeMutableBufferPointer { fo in
                violations.withUnsafeMutableBufferPointer { vo in
                    let fBase = UnsafeMutableBufferPointerBox(fo), vBase = UnsafeMutableBufferPointerBox(vo)
                    let problem = self.problem
                    DispatchQueue.concurrentPerform(iterations: threads) { t in
                        let range = Evaluator.chunk(t, of: threads, rows: n)
                        guard !range.isEmpty else { return }
                        do {
                            var f = [Double](repeating: 0, count: range.count * m)
                            var v = [Double](repeating: 0, count: range.count)
                            try Evaluator.evaluateChunk(problem, decisions.selectingRows(range), 0..<range.count, &f, &v)
                            for k in 0..<f.count { fBase.buffer[range.lowerBound * m + k] = f[k] }
                            for k in 0..<v.count { vBase.buffer[range.lowerBound + k] = v[k] }
                        } catch {
                            failures.set(t, error)
                        }
                    }
                }
            }
            if let error = failures.first { throw error }
        }
        evaluationCount += n
        return try Population(decisions: decisions, objectives: Matrix(rows: n, columns: m, storage: objectives),
                              violations: violations)
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

    private static func evaluateChunk(_ problem: any Problem, _ x: Matrix<Double>, _ rows: Range<Int>,
                                      _ f: inout [Double], _ v: inout [Double]) throws {
        let m = problem.objectiveCount
        if let constrained = problem as? any ConstrainedProblem {
            for i in rows {
                let (objectives, violations) = try constrained.evaluateWithViolations(x.row(i))
                try check(objectives, m, problem)
                for j in 0..<m { f[i * m + j] = objectives[j] }
                v[i] = violations.reduce(0) { $0 + max(0, $1) }
            }
            return
        }
        let out = try problem.evaluate(batch: x)
        guard out.rows == x.rows, out.columns == m else {
            throw OptimizerError.invalidEvaluation("\(problem.name) returned \(out.rows)×\(out.columns) objectives for \(x.rows) rows, expected \(m) columns")
        }
        for k in 0..<(out.rows * m) {
            let value = out.storage[k]
            if value.isNaN { throw OptimizerError.invalidEvaluation("\(problem.name) returned NaN for row \(k / m)") }
            f[k] = value
        }
    }

    private static func check(_ objectives: [Double], _ m: Int, _ problem: any Problem) throws {
        guard objectives.count == m else {
            throw OptimizerError.invalidEvaluation("\(problem.name) returned \(objectives.count) objectives, expected \(m)")
        }
        if objectives.contains(where: \.isNaN) { throw OptimizerError.invalidEvaluation("\(problem.name) returned NaN") }
    }
}

/// A mutable buffer shared with worker threads that write disjoint index ranges.
private struct UnsafeMutableBufferPointerBox: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Double>
    init(_ buffer: UnsafeMutableBufferPointer<Double>) { self.buffer = buffer }
}

/// One error slot per worker; read after all workers finished.
private final class ErrorSlots: @unchecked Sendable {
    private var slots: [(any Error)?]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ error: any Error) { lock.lock(); slots[index] = error; lock.unlock() }
    /// The error of the lowest-numbered failing chunk (deterministic).
    var first: (any Error)? { lock.lock(); defer { lock.unlock() }; return slots.compactMap { $0 }.first }
}
