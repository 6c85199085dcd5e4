import Dispatch
import Foundation
import NumericCore

/// Evaluates a batch on up to `parallelism` threads of this process: the batch is cut into
/// contiguous chunks, each evaluated by `Problem.evaluate(batch:)` (row by row for constrained
/// problems) and written to its own rows, so the result is bit-identical for any `parallelism`.
public struct ThreadPoolBackend: EvaluationBackend {
    /// Threads used for a batch (1 = serial). Ignored when `problem.allowsConcurrentEvaluation` is false.
    public let parallelism: Int

    /// A backend using up to `parallelism` threads.
    public init(parallelism: Int = 1) { self.parallelism = max(1, parallelism) }

    /// - Complexity: N problem evaluations, split over `parallelism` threads.
    public func evaluate(_ problem: any Problem, _ decisions: Matrix<Double>, firstEvaluation: Int) throws -> EvaluatedBatch {
        let n = decisions.rows, m = problem.objectiveCount
        let threads = problem.allowsConcurrentEvaluation ? min(parallelism, max(1, n)) : 1
        var objectives = [Double](repeating: 0, count: n * m)
        var violations = [Double](repeating: 0, count: n)
        if threads == 1 {
            try ThreadPoolBackend.evaluateChunk(problem, decisions, 0..<n, &objectives, &violations)
            return EvaluatedBatch(objectives: objectives, violations: violations)
        }
        let failures = ErrorSlots(count: threads)
        objectives.withUnsafeMutableBufferPointer { fo in
            violations.withUnsafeMutableBufferPointer { vo in
                let fBase = UnsafeMutableBufferPointerBox(fo), vBase = UnsafeMutableBufferPointerBox(vo)
                DispatchQueue.concurrentPerform(iterations: threads) { t in
                    let range = Evaluator.chunk(t, of: threads, rows: n)
                    guard !range.isEmpty else { return }
                    do {
                        var f = [Double](repeating: 0, count: range.count * m)
                        var v = [Double](repeating: 0, count: range.count)
                        try ThreadPoolBackend.evaluateChunk(problem, decisions.selectingRows(range), 0..<range.count, &f, &v)
                        for k in 0..<f.count { fBase.buffer[range.lowerBound * m + k] = f[k] }
                        for k in 0..<v.count { vBase.buffer[range.lowerBound + k] = v[k] }
                    } catch {
                        failures.set(t, error)
                    }
                }
            }
        }
        if let error = failures.first { throw error }
        return EvaluatedBatch(objectives: objectives, violations: violations)
    }

    /// Objectives and total violation of one decision vector, checked for length and NaN (what a
    /// remote worker computes for one row).
    public static func evaluateOne(_ problem: any Problem, _ x: [Double]) throws -> (objectives: [Double], violation: Double) {
        let decisions = try Matrix<Double>(rows: 1, columns: x.count, storage: x)
        var f = [Double](repeating: 0, count: problem.objectiveCount), v = [0.0]
        try evaluateChunk(problem, decisions, 0..<1, &f, &v)
        return (f, v[0])
    }

    static func evaluateChunk(_ problem: any Problem, _ x: Matrix<Double>, _ rows: Range<Int>,
                              _ f: inout [Double], _ v: inout [Double]) throws {
        let m = problem.objectiveCount
        if let constrained = problem as? any ConstrainedProblem {
            for i in rows {
                let (objectives, violations) = try constrained.evaluateWithViolations(x.row(i))
                try checkObjectives(objectives, of: problem)
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

    /// Checks an objective vector's length and that it holds no NaN.
    /// - Throws: `OptimizerError.invalidEvaluation`.
    public static func checkObjectives(_ objectives: [Double], of problem: any Problem) throws {
        guard objectives.count == problem.objectiveCount else {
            throw OptimizerError.invalidEvaluation("\(problem.name) returned \(objectives.count) objectives, expected \(problem.objectiveCount)")
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
