import Testing
import NumericCore
import ParetoCore
@testable import ParetoOptimizers

/// The allocation-free paths of an NSGA-II generation keep their meaning: duplicate elimination
/// by bit pattern, ZDT's batch evaluation equal to the per-row formula, two-objective survival
/// equal to its front-by-front definition, the survivors' rows copied without a concatenation, and
/// the front read from the ranks equal to a fresh non-dominated filter.
@Suite struct NSGA2SpeedPathTests {
    @Test func rowSetTreatsSignedZerosAlikeAndOtherBitsApart() {
        let rows: [Double] = [0.5, 0.0, 0.5, -0.0, 0.5, 0.25, 0.5, 0.25.nextUp]
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

    /// NSGA-II survival spelled out over the general functions: whole fronts in row order, then the
    /// truncated front by decreasing crowding distance (ties by row); fronts of ≤ 2 rows infinite.
    private func survivorsByDefinition(_ objectives: Matrix<Double>, count: Int) -> (indices: [Int], ranks: [Int], crowding: [Double]) {
        var indices = [Int](), ranks = [Int](), crowding = [Double]()
        for (rank, front) in nondominatedFronts(of: objectives).enumerated() where indices.count < count {
            let distances = front.count <= 2 ? front.map { _ in Double.infinity } : crowdingDistances(of: objectives, subset: front)
            var positions = Array(front.indices)
            if indices.count + front.count > count {
                positions.sort { distances[$0] != distances[$1] ? distances[$0] > distances[$1] : $0 < $1 }
                positions = Array(positions.prefix(count - indices.count))
            }
            for k in positions { indices.append(front[k]); ranks.append(rank); crowding.append(distances[k]) }
        }
        return (indices, ranks, crowding)
    }

    @Test func twoObjectiveSurvivalEqualsTheFrontByFrontDefinition() throws {
        var workspace = TwoObjectiveRankAndCrowding()
        for seed in UInt64(0)..<60 {
            var rng = SeededGenerator(seed: seed)
            let n = 1 + rng.nextInt(below: 220), grid = [3, 8, 1000][Int(seed % 3)]
            let values = (0..<(2 * n)).map { _ in Double(rng.nextInt(below: grid + 1)) / Double(grid) }
            let objectives = try Matrix(rows: n, columns: 2, storage: values)
            for count in [1, 2, n / 2, max(1, n - 1), n, n + 5] {
                let fast = RankAndCrowdingSurvival.select(objectives: objectives, violations: [Double](repeating: 0, count: n),
                                                          count: count, workspace: &workspace)
                let expected = survivorsByDefinition(objectives, count: count)
                #expect(fast.indices == expected.indices, "seed \(seed), count \(count)")
                #expect(fast.ranks == expected.ranks, "seed \(seed), count \(count)")
                #expect(fast.crowding.map(\.bitPattern) == expected.crowding.map(\.bitPattern), "seed \(seed), count \(count)")
            }
        }
    }

    @Test func selectingAcrossTwoPopulationsEqualsSelectingFromTheirConcatenation() throws {
        var rng = SeededGenerator(seed: 5)
        func population(_ rows: Int) throws -> Population {
            try Population(decisions: Matrix(rows: rows, columns: 3, storage: (0..<(3 * rows)).map { _ in rng.nextUniform() }),
                           objectives: Matrix(rows: rows, columns: 2, storage: (0..<(2 * rows)).map { _ in rng.nextUniform() }),
                           violations: (0..<rows).map { _ in rng.nextUniform() < 0.3 ? rng.nextUniform() : 0 })
        }
        let a = try population(7), b = try population(5)
        for indices in [[], [0], [11, 0, 7, 3, 7, 6], Array(0..<12).reversed()] {
            #expect(a.selecting(indices, appending: b) == a.appending(b).selecting(indices))
        }
    }

    @Test(arguments: [ZDT.Kind.zdt1, .zdt3, .zdt6])
    func frontFromRanksEqualsTheNondominatedFilter(kind: ZDT.Kind) throws {
        let problem = try ZDT(kind, variables: 4)
        let nsga2 = NSGA2(configuration: try .init(populationSize: 24))
        var evaluator = Evaluator(problem: problem)
        var state = try nsga2.initialize(evaluator: &evaluator, rng: SeededGenerator(seed: 9))
        for _ in 0..<40 {
            #expect(state.nondominatedFront == feasibleNondominated(state.population))
            try nsga2.step(&state, evaluator: &evaluator)
        }
        #expect(state.nondominatedFront == feasibleNondominated(state.population))
    }

    @Test func truncationSortOrdersByDecreasingDistanceThenRow() {
        var rng = SeededGenerator(seed: 21)
        for k in [0, 1, 2, 7, 8, 9, 31, 64, 200] {
            // Few distinct values (0, ∞ and three finite ones): many ties, as in a truncated front.
            let values: [Double] = [0, .infinity, 0.25, 0.5, 1.5]
            let distance = (0..<k).map { _ in values[rng.nextInt(below: values.count)] }
            var rows = Array(0..<k)
            RankAndCrowdingSurvival.sortByDecreasingDistance(&rows, distance)
            let expected = (0..<k).sorted { distance[$0] != distance[$1] ? distance[$0] > distance[$1] : $0 < $1 }
            #expect(rows == expected, "k = \(k)")
        }
    }
}
