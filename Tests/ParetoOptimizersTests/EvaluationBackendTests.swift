import Foundation
import Testing
import NumericCore
@testable import ParetoOptimizers

/// A backend that evaluates the rows of a batch one by one in reverse order, as remote workers
/// answering out of order would, and records the evaluation numbers it was given.
final class ReversingBackend: EvaluationBackend, @unchecked Sendable {
    var firstEvaluations: [Int] = []
    var failAt: Int?

    func evaluate(_ problem: any Problem, _ decisions: Matrix<Double>, firstEvaluation: Int) throws -> EvaluatedBatch {
        firstEvaluations.append(firstEvaluation)
        let m = problem.objectiveCount
        var f = [Double](repeating: 0, count: decisions.rows * m), v = [Double](repeating: 0, count: decisions.rows)
        for i in (0..<decisions.rows).reversed() {
            if let failAt, firstEvaluation + i == failAt { throw OptimizerError.invalidEvaluation("row \(failAt) refused") }
            let (objectives, violation) = try ThreadPoolBackend.evaluateOne(problem, decisions.row(i))
            for j in 0..<m { f[i * m + j] = objectives[j] }
            v[i] = violation
        }
        return EvaluatedBatch(objectives: f, violations: v)
    }
}

/// A backend that returns the wrong number of values.
struct ShortBackend: EvaluationBackend {
    func evaluate(_ problem: any Problem, _ decisions: Matrix<Double>, firstEvaluation: Int) throws -> EvaluatedBatch {
        EvaluatedBatch(objectives: [1], violations: [])
    }
}

@Suite struct EvaluationBackendTests {
    let zdt1 = try! ZDT(.zdt1, variables: 8)

    @Test func aBackendAnsweringRowByRowInAnyOrderGivesTheSameRunBits() throws {
        let optimizer = try NSGA2(configuration: .init(populationSize: 12))
        let reference = try minimize(problem: zdt1, optimizer: optimizer, termination: .generations(6), seed: 9)
        let backend = ReversingBackend()
        let other = try minimize(problem: zdt1, optimizer: optimizer, termination: .generations(6), seed: 9,
                                 options: RunOptions(backend: backend))
        #expect(other.front.objectives.storage.map(\.bitPattern) == reference.front.objectives.storage.map(\.bitPattern))
        #expect(other.front.decisions.storage.map(\.bitPattern) == reference.front.decisions.storage.map(\.bitPattern))
        #expect(other.evaluations == reference.evaluations)
        // The driver numbers batches run-wide: 12 evaluations per generation.
        #expect(backend.firstEvaluations == [0, 12, 24, 36, 48, 60])
    }

    @Test func aBackendErrorEndsTheRunWithThatError() {
        let backend = ReversingBackend()
        backend.failAt = 30
        #expect(throws: OptimizerError.self) {
            try minimize(problem: zdt1, optimizer: try NSGA2(configuration: .init(populationSize: 12)), termination: .generations(6),
                         seed: 9, options: RunOptions(backend: backend))
        }
    }

    @Test func aBackendReturningTheWrongShapeIsAnError() {
        var evaluator = Evaluator(problem: zdt1, backend: ShortBackend())
        #expect { try evaluator.evaluate(Matrix([[0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]])) } throws: {
            "\($0)".contains("returned 1 objective values and 0 violations for 1 rows")
        }
    }

    @Test func evaluateOneChecksTheObjectiveVector() throws {
        let (f, v) = try ThreadPoolBackend.evaluateOne(zdt1, [0.25, 0, 0, 0, 0, 0, 0, 0])
        // ZDT1 with g = 1 (tail zero): f1 = x1, f2 = 1 − √x1.
        #expect(f == [0.25, 0.5])
        #expect(v == 0)
    }
}
