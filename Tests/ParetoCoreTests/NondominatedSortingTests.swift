import Foundation
import NumericCore
import Testing
@testable import ParetoCore

/// Builds a matrix from literal rows (test helper).
func points(_ rows: [[Double]]) -> Matrix<Double> {
    (try? Matrix(rows)) ?? Matrix(rows: 0, columns: 0)
}

@Suite struct NondominatedSortingTests {
    @Test func twoObjectiveRanksByHand() {
        // (1,4) (2,2) (4,1) are mutually non-dominated; (3,3) is dominated by (2,2) only;
        // (4,4) by (3,3); (5,5) by (4,4).
        let p = points([[3, 3], [1, 4], [5, 5], [2, 2], [4, 4], [4, 1]])
        #expect(nondominatedRanks(of: p) == [1, 0, 3, 0, 2, 0])
        #expect(nondominatedFronts(of: p) == [[1, 3, 5], [0], [4], [2]])
        #expect(nondominatedIndices(of: p) == [1, 3, 5])
    }

    @Test func threeObjectiveRanksByHand() {
        // a=(1,2,3) b=(2,1,3) incomparable; c=(2,2,3) dominated by both; d=(3,3,1) non-dominated
        // (best third objective); e=(3,3,3) dominated by c and d → rank 2; f=(0,5,5) non-dominated.
        let p = points([[1, 2, 3], [2, 1, 3], [2, 2, 3], [3, 3, 1], [3, 3, 3], [0, 5, 5]])
        #expect(nondominatedRanks(of: p) == [0, 0, 1, 0, 2, 0])
        #expect(nondominatedIndices(of: p) == [0, 1, 3, 5])
    }

    @Test func identicalPointsShareARank() {
        let p = points([[1, 1, 1], [2, 2, 2], [1, 1, 1], [2, 2, 2], [0, 3, 3]])
        #expect(nondominatedRanks(of: p) == [0, 1, 0, 1, 0])
        #expect(nondominatedIndices(of: p) == [0, 2, 4])
        let q = points([[1, 2], [1, 2], [2, 1], [1, 2]])
        #expect(nondominatedRanks(of: q) == [0, 0, 0, 0])
    }

    @Test func weakDominanceWithTiesCountsAsDominance() {
        // (1,1) dominates (1,2) and (2,1): equal in one objective, better in the other.
        let p = points([[1, 2], [2, 1], [1, 1]])
        #expect(nondominatedRanks(of: p) == [1, 1, 0])
        let q = points([[1, 1, 2], [1, 1, 1], [1, 2, 1]])
        #expect(nondominatedRanks(of: q) == [1, 0, 1])
    }

    @Test func edgeSizes() {
        #expect(nondominatedRanks(of: Matrix(rows: 0, columns: 3)) == [])
        #expect(nondominatedFronts(of: Matrix(rows: 0, columns: 3)) == [])
        #expect(nondominatedIndices(of: Matrix(rows: 0, columns: 2)) == [])
        #expect(nondominatedRanks(of: points([[5, 1, 2]])) == [0])
        #expect(nondominatedIndices(of: points([[5, 1, 2]])) == [0])
        // One objective: rank = number of distinct smaller values.
        let single = points([[3], [1], [3], [2], [-1]])
        #expect(nondominatedRanks(of: single) == [3, 1, 3, 2, 0])
        #expect(nondominatedIndices(of: single) == [4])
    }

    @Test func infiniteValuesAreOrderedLikeOtherValues() {
        let inf = Double.infinity
        // (−inf,2) dominates (0,inf); nothing has a second objective ≤ 0 besides (inf,0) itself.
        #expect(nondominatedRanks(of: points([[inf, 0], [0, inf], [1, 1], [-inf, 2]])) == [0, 1, 0, 0])
        let p = points([[inf, 0, 0, 0], [0, 0, 0, -inf], [1, 1, 1, 1], [0, 0, 0, 0]])
        // (0,0,0,−inf) dominates (0,0,0,0), which dominates (1,1,1,1) and (inf,0,0,0).
        #expect(nondominatedRanks(of: p) == [2, 0, 2, 1])
        #expect(nondominatedIndices(of: p) == [1])
    }

    @Test func negativeZeroEqualsZero() {
        let p = points([[0.0, 1], [-0.0, 1], [0, 2]])
        #expect(nondominatedRanks(of: p) == [0, 0, 1])
    }

    @Test func constraintRanksPutFeasibleFirstThenByViolation() {
        // Feasible: rows 0 (1,1) and 1 (2,2) → ranks 0, 1. Infeasible groups: violation 0.5 holds rows
        // 2 (0,0) and 3 (0,1): ranks 2, 3; violation 1.0 holds row 4: rank 4.
        let p = points([[1, 1], [2, 2], [0, 0], [0, 1], [-5, -5]])
        let ranks = nondominatedRanks(of: p, violations: [0, -1, 0.5, 0.5, 1.0])
        #expect(ranks == [0, 1, 2, 3, 4])
        // A NaN violation ranks last, after the largest finite violation.
        // Feasible rows 4 (−5,−5) < 3 (0,1) < 1 (2,2) take ranks 0, 1, 2; then row 2 (violation 1), row 0.
        #expect(nondominatedRanks(of: p, violations: [.nan, 0, 1, 0, 0]) == [4, 2, 3, 1, 0])
        // All infeasible with equal violation: plain Pareto ranks.
        #expect(nondominatedRanks(of: p, violations: [2, 2, 2, 2, 2]) == nondominatedRanks(of: p))
    }

    @Test func constraintRanksAgreeWithConstraintDomination() {
        var rng = SeededGenerator(seed: 7)
        for _ in 0..<20 {
            let n = 30
            var rows: [[Double]] = []
            var violations: [Double] = []
            for _ in 0..<n {
                rows.append((0..<3).map { _ in Double(rng.nextInt(below: 4)) })
                violations.append(rng.nextInt(below: 2) == 0 ? 0 : Double(rng.nextInt(below: 3)))
            }
            let ranks = nondominatedRanks(of: points(rows), violations: violations)
            // Same peeling as Deb's sort, but with constraint domination as the relation.
            var expected = [Int](repeating: -1, count: n)
            var remaining = Set(0..<n), rank = 0
            while !remaining.isEmpty {
                let front = remaining.filter { q in
                    !remaining.contains { p in
                        Dominance.compare(rows[p], violation: violations[p], rows[q], violation: violations[q]) == .dominates
                    }
                }
                for q in front { expected[q] = rank }
                remaining.subtract(front)
                rank += 1
            }
            #expect(ranks == expected)
        }
    }

    @Test func divideAndConquerWithForcedRecursionMatchesReference() {
        var rng = SeededGenerator(seed: 11)
        for trial in 0..<60 {
            let m = 2 + trial % 5, n = 20 + rng.nextInt(below: 150)
            let levels = trial % 3 == 0 ? 1000 : 4  // many ties in two of three trials
            var rows: [[Double]] = []
            for _ in 0..<n { rows.append((0..<m).map { _ in Double(rng.nextInt(below: levels)) }) }
            let p = points(rows)
            let reference = fastNondominatedSortRanks(of: p)
            #expect(divideAndConquerRanks(of: p, leafSize: 1, leafProduct: 0) == reference, "trial \(trial)")
            #expect(divideAndConquerRanks(of: p, leafSize: 4, leafProduct: 6) == reference, "trial \(trial)")
            #expect(divideAndConquerRanks(of: p, leafSize: 1, leafProduct: 0, useStaircases: false) == reference, "trial \(trial)")
            #expect(divideAndConquerRanks(of: p, leafSize: 8, leafProduct: 200) == reference, "trial \(trial)")
            #expect(nondominatedRanks(of: p) == reference, "trial \(trial)")
        }
    }

    @Test func largeUniformSetMatchesReference() {
        var rng = SeededGenerator(seed: 3)
        for m in [2, 3, 5] {
            let n = 1500
            var storage: [Double] = []
            for _ in 0..<(n * m) { storage.append(rng.nextUniform()) }
            let p = (try? Matrix(rows: n, columns: m, storage: storage)) ?? Matrix(rows: 0, columns: m)
            let reference = fastNondominatedSortRanks(of: p)
            #expect(nondominatedRanks(of: p) == reference, "M = \(m)")
            #expect(nondominatedIndices(of: p) == reference.indices.filter { reference[$0] == 0 }, "M = \(m)")
        }
    }
}

/// Ranks computed once by moocore.pareto_rank (Experiments/reference/make_rank_fixtures.py).
@Suite struct NondominatedSortingFixtureTests {
    struct Case {
        let name: String
        let points: Matrix<Double>
        let ranks: [Int]
    }

    static func loadCases() throws -> [Case] {
        let root = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        let directory = root.appendingPathComponent("ranks")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".points") }.sorted()
        return try files.map { file in
            let name = String(file.dropLast(".points".count))
            let pointText = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            let rows = pointText.split(separator: "\n").map { line in
                line.split(separator: " ").compactMap { Double($0) }
            }
            let rankText = try String(contentsOf: directory.appendingPathComponent(name + ".ranks"), encoding: .utf8)
            let ranks = rankText.split(separator: "\n").compactMap { Int($0) }
            return Case(name: name, points: try Matrix(rows), ranks: ranks)
        }
    }

    @Test func ranksEqualMoocore() throws {
        let cases = try Self.loadCases()
        #expect(cases.count >= 40)
        for c in cases {
            #expect(c.ranks.count == c.points.rows, "\(c.name)")
            #expect(nondominatedRanks(of: c.points) == c.ranks, "\(c.name)")
        }
    }

    @Test func firstFrontAndFrontsEqualMoocore() throws {
        for c in try Self.loadCases() {
            #expect(nondominatedIndices(of: c.points) == c.ranks.indices.filter { c.ranks[$0] == 0 }, "\(c.name)")
            let fronts = nondominatedFronts(of: c.points)
            for (rank, front) in fronts.enumerated() {
                #expect(front == c.ranks.indices.filter { c.ranks[$0] == rank }, "\(c.name) front \(rank)")
            }
        }
    }

    @Test func referenceSortAndForcedRecursionEqualMoocore() throws {
        for c in try Self.loadCases() where c.points.rows <= 600 {
            #expect(fastNondominatedSortRanks(of: c.points) == c.ranks, "\(c.name)")
            if c.points.columns >= 2 {
                #expect(divideAndConquerRanks(of: c.points, leafSize: 1, leafProduct: 0) == c.ranks, "\(c.name)")
                #expect(divideAndConquerRanks(of: c.points, leafSize: 1, leafProduct: 0, useStaircases: false) == c.ranks, "\(c.name)")
                #expect(divideAndConquerRanks(of: c.points, leafSize: 10, leafProduct: 300) == c.ranks, "\(c.name)")
            }
        }
    }
}
