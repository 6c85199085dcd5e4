import Testing
import NumericCore
@testable import ParetoOptimizers

/// The evaluator cuts a batch into per-thread chunks; any (threads, rows) pair must work and give
/// the serial result bit for bit.
@Suite struct EvaluatorChunkingTests {
    @Test func chunksPartitionTheRowsForEveryPair() {
        for threads in 1...64 {
            for rows in 0...200 {
                var covered = 0
                for t in 0..<threads {
                    let range = Evaluator.chunk(t, of: threads, rows: rows)
                    #expect(range.lowerBound == covered, "threads \(threads), rows \(rows), chunk \(t)")
                    #expect(range.count <= rows / threads + 1)
                    covered = range.upperBound
                }
                #expect(covered == rows, "threads \(threads), rows \(rows)")
            }
        }
        // No overflow near Int.max.
        let big = Int.max / 2
        #expect(Evaluator.chunk(2, of: 3, rows: big).upperBound == big)
    }

    @Test func parallelEvaluationEqualsSerialForThreadCountsThatDoNotDivideTheBatch() throws {
        let problem = try ZDT(.zdt1, variables: 4)
        var rng = SeededGenerator(seed: 5)
        for (threads, rows) in [(7, 16), (4, 5), (30, 100), (3, 1), (12, 16), (64, 3), (5, 0)] {
            let x = RandomSampling.sample(count: rows, lower: problem.lowerBounds, upper: problem.upperBounds, rng: &rng)
            var serial = Evaluator(problem: problem, parallelism: 1)
            var parallel = Evaluator(problem: problem, parallelism: threads)
            let a = try serial.evaluate(x), b = try parallel.evaluate(x)
            #expect(a.objectives.storage.map(\.bitPattern) == b.objectives.storage.map(\.bitPattern), "threads \(threads), rows \(rows)")
            #expect(parallel.evaluationCount == rows)
        }
    }
}
