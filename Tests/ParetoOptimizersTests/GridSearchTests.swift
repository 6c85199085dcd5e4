import Testing
import NumericCore
@testable import ParetoOptimizers

/// f1 = x1 + x2 + x3, f2 = 1 − x1 + x2 + (7 − x3), x1 ∈ {0, ½, 1}, x2 ∈ {0, 1}, x3 ∈ {2, 5}.
/// By hand: x2 = 1 adds 1 to both objectives, so only x2 = 0 survives; with x2 = 0,
/// x3 = 2 gives (x1 + 2, 6 − x1) = (2, 6), (2.5, 5.5), (3, 5) and x3 = 5 gives (x1 + 5, 3 − x1) =
/// (5, 3), (5.5, 2.5), (6, 2): six mutually non-dominated points out of 12.
private struct MixedGridProblem: Problem {
    var name: String { "mixed-grid" }
    var objectiveCount: Int { 2 }
    var lowerBounds: [Double] { [0, 0, 2] }
    var upperBounds: [Double] { [1, 1, 5] }
    func evaluate(_ x: [Double]) -> [Double] { [x[0] + x[1] + x[2], 1 - x[0] + x[1] + 7 - x[2]] }
}

@Suite struct GridSearchTests {
    static let dimensions: [GridDimension] = [.continuous(lower: 0, upper: 1, levels: 3), .integer(lower: 0, upper: 1), .categorical([2, 5])]

    @Test func dimensionsAndEnumerationOrder() throws {
        #expect(try GridDimension.continuous(lower: 0, upper: 1, levels: 5).values() == [0, 0.25, 0.5, 0.75, 1])
        #expect(try GridDimension.continuous(lower: 2, upper: 4, levels: 1).values() == [3])
        #expect(try GridDimension.integer(lower: -1, upper: 2).values() == [-1, 0, 1, 2])
        let grid = try DecisionGrid(Self.dimensions)
        #expect(grid.size == 12)
        let all = grid.points(from: 0, count: 100)
        #expect(all.rows == 12)
        #expect(all.row(0) == [0, 0, 2] && all.row(1) == [0, 0, 5] && all.row(2) == [0, 1, 2] && all.row(11) == [1, 1, 5])
        // Chunks continue where the previous one stopped.
        #expect(grid.points(from: 5, count: 4).rowArrays == Array(all.rowArrays[5..<9]))
        #expect(throws: GridSearchError.self) { try GridDimension.integer(lower: 2, upper: 1).values() }
        #expect(throws: GridSearchError.self) { try GridDimension.categorical([]).values() }
        #expect(throws: GridSearchError.self) { try DecisionGrid([GridDimension](repeating: .integer(lower: 0, upper: 99), count: 12)) }
    }

    @Test func returnsTheHandComputedNonDominatedSetOfTheGrid() throws {
        let grid = GridSearch(configuration: try .init(dimensions: Self.dimensions, batchSize: 5))
        let result = try minimize(problem: MixedGridProblem(), optimizer: grid, termination: .generations(3), seed: 0)
        #expect(result.evaluations == 12)
        let front = Set(result.front.objectives.rowArrays)
        #expect(front == [[2, 6], [2.5, 5.5], [3, 5], [5, 3], [5.5, 2.5], [6, 2]])
        #expect(result.front.decisions.rowArrays.allSatisfy { $0[1] == 0 })
    }

    @Test func driverStopsWhenTheGridIsExhaustedBeforeTheBudget() throws {
        // 12 grid points in batches of 5: three iterations, then the optimizer is finished, long
        // before 1,000 evaluations or 100 generations.
        let grid = GridSearch(configuration: try .init(dimensions: Self.dimensions, batchSize: 5))
        let result = try minimize(problem: MixedGridProblem(), optimizer: grid,
                                  termination: .evaluations(1_000) || .generations(100), seed: 0)
        #expect(result.evaluations == 12 && result.iterations == 3)
        #expect(result.stoppedBy == nil)
        #expect(result.front.count == 6)
    }

    @Test func refusesAGridOverBudgetUnlessAllowed() throws {
        let strict = GridSearch(configuration: try .init(dimensions: Self.dimensions, evaluationBudget: 10))
        #expect(throws: GridSearchError.overBudget(gridSize: 12, budget: 10)) {
            try minimize(problem: MixedGridProblem(), optimizer: strict, termination: .generations(1), seed: 0)
        }
        let lenient = GridSearch(configuration: try .init(dimensions: Self.dimensions, evaluationBudget: 10, allowOverBudget: true))
        #expect(try minimize(problem: MixedGridProblem(), optimizer: lenient, termination: .generations(1), seed: 0).front.count == 6)
        let wrong = GridSearch(configuration: try .init(dimensions: [.integer(lower: 0, upper: 1)]))
        #expect(throws: GridSearchError.self) { try minimize(problem: MixedGridProblem(), optimizer: wrong, termination: .generations(1), seed: 0) }
        #expect(throws: OptimizerError.self) { try GridSearch.Configuration(levels: 0) }
    }

    @Test func registryPicksLevelsThatFitTheBudget() throws {
        // 3 variables, budget 1000: 10³ = 1000 fits, 11³ does not → 10 levels, 1000 points.
        let optimizer = try GridSearch.registration.make(AlgorithmSettings(evaluationBudget: 1000), MixedGridProblem())
        let result = try optimizer.minimize(problem: MixedGridProblem(), termination: .evaluations(1000), seed: 0)
        #expect(result.evaluations == 1000)
        // Budget 1100: still 10 levels (11³ = 1331 > 1100), and 1000 < 1100 could never be reached → refused.
        #expect(throws: OptimizerError.self) { try GridSearch.registration.make(AlgorithmSettings(evaluationBudget: 1100), MixedGridProblem()) }
    }
}
