import Testing
import NumericCore
@testable import ParetoOptimizers

/// The allocation-free paths of an NSGA-II generation keep their meaning: duplicate elimination
/// by bit pattern, and ZDT's batch evaluation equal to the per-row formula.
@Suite struct NSGA2SpeedPathTests {
    @Test func rowSetTreatsSignedZerosAlikeAndOtherBitsApart() {
        var rows: [Double] = [0.5, 0.0, 0.5, -0.0, 0.5, 0.25, 0.5, 0.25.nextUp]
        rows.withUnsafeBufferPointer { p in
            let base = p.baseAddress!
            var set = DecisionRowSet(capacity: 4, width: 2)
            let inserted = [set.insert(base), set.insert(base + 2), set.insert(base + 4),
                            set.insert(base + 6), set.insert(base + 4)]
            // (0.5, −0) equals (0.5, +0); one ulp apart is a different decision; a repeat is refused.
            #expect(inserted == [true, false, true, true, false])
        }
    }

    @Test func offspringRepeatNoParentAndNoSibling() throws {
        // Two variables on a coarse population make exact repeats likely without elimination.
        let problem = try ZDT(.zdt1, variables: 2)
        let nsga2 = NSGA2(configuration: try .init(populationSize: 30))
        var evaluator = Evaluator(problem: problem)
        var state = try nsga2.initialize(evaluator: &evaluator, rng: SeededGenerator(seed: 3))
        for _ in 0..<30 { try nsga2.step(&state, evaluator: &evaluator) }
        let offspring = try nsga2.ask(&state)
        #expect(offspring.rows == 30)
        func key(_ m: Matrix<Double>, _ i: Int) -> [UInt64] { m.row(i).map { ($0 == 0 ? 0 : $0).bitPattern } }
        let parents = Set((0..<state.population.count).map { key(state.population.decisions, $0) })
        var seen = Set<[UInt64]>()
        for i in 0..<offspring.rows {
            let k = key(offspring, i)
            let isNew = seen.insert(k).inserted
            #expect(!parents.contains(k))
            #expect(isNew)
        }
    }

    @Test(arguments: ZDT.Kind.allCases)
    func zdtBatchEvaluationEqualsTheFormulaBitForBit(kind: ZDT.Kind) throws {
        let problem = try ZDT(kind)
        var rng = SeededGenerator(seed: 11)
        let x = RandomSampling.sample(count: 25, lower: problem.lowerBounds, upper: problem.upperBounds, rng: &rng)
        let batch = try problem.evaluate(batch: x)
        for i in 0..<x.rows {
            let single: [Double] = problem.objectives(x.row(i))
            #expect(batch.row(i).map(\.bitPattern) == single.map(\.bitPattern))
        }
        #expect(throws: OptimizerError.self) { try problem.evaluate(batch: Matrix<Double>(rows: 1, columns: 3)) }
    }
}
