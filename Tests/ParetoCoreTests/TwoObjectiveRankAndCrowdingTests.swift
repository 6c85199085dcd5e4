import NumericCore
import PropertyBased
import Testing
@testable import ParetoCore

/// `TwoObjectiveRankAndCrowding` against the general functions it stands in for:
/// `nondominatedRanks`, `nondominatedFronts` and `crowdingDistances(of:subset:)` front by front,
/// bit for bit, on inputs full of ties and duplicate rows.
@Suite struct TwoObjectiveRankAndCrowdingTests {
    /// Checks one assignment against the general functions.
    private func expectMatchesGeneralFunctions(_ ranking: TwoObjectiveRankAndCrowding, _ p: Matrix<Double>) {
        let ranks = nondominatedRanks(of: p)
        let fronts = nondominatedFronts(of: p)
        #expect(ranking.ranks == ranks)
        #expect(ranking.frontCount == fronts.count)
        #expect(ranking.crowding.count == p.rows)
        for (rank, front) in fronts.enumerated() where rank < ranking.frontCount {
            #expect(Array(ranking.frontMembers(rank)) == front)
            let expected = crowdingDistances(of: p, subset: front)
            #expect(front.map { ranking.crowding[$0].bitPattern } == expected.map(\.bitPattern))
        }
    }

    @Test func equalsTheGeneralFunctionsOnSmallIntegerGrids() async {
        // Values in 0…4 (or 0…20): many equal coordinates, many identical rows, fronts of every size.
        let values = Gen.int(in: 0...4).array(of: 0...300)
        let wider = Gen.int(in: 0...20).array(of: 0...300)
        await propertyCheck(count: 200, input: values, wider) { a, b in
            var ranking = TwoObjectiveRankAndCrowding()
            for values in [a, b] {
                let n = values.count / 2
                let p = (try? Matrix(rows: n, columns: 2, storage: values.prefix(2 * n).map(Double.init))) ?? Matrix(rows: 0, columns: 2)
                ranking.assign(p)
                expectMatchesGeneralFunctions(ranking, p)
            }
        }
    }

    @Test func equalsTheGeneralFunctionsOnRandomRealsWithCopies() async {
        // Continuous values (as an optimizer's objectives), some rows repeated, in every seed.
        await propertyCheck(count: 150, input: Gen<UInt64>.value(in: 0...UInt64.max), Gen.int(in: 0...250)) { seed, n in
            var rng = SeededGenerator(seed: seed)
            var storage = [Double]()
            for i in 0..<n {
                if i > 0 && rng.nextUniform() < 0.2 {
                    let copy = rng.nextInt(below: i)
                    storage += [storage[2 * copy], storage[2 * copy + 1]]
                } else {
                    let x = rng.nextUniform()
                    storage += [x, 1 - x.squareRoot() + 0.3 * rng.nextUniform()]
                }
            }
            let p = (try? Matrix(rows: n, columns: 2, storage: storage)) ?? Matrix(rows: 0, columns: 2)
            var ranking = TwoObjectiveRankAndCrowding()
            ranking.assign(p)
            expectMatchesGeneralFunctions(ranking, p)
        }
    }

    @Test func reusedBuffersGiveTheResultOfAFreshValue() throws {
        var reused = TwoObjectiveRankAndCrowding()
        var rng = SeededGenerator(seed: 7)
        for n in [200, 3, 0, 57, 200, 1, 120] {
            let p = try Matrix(rows: n, columns: 2, storage: (0..<(2 * n)).map { _ in Double(rng.nextInt(below: 9)) })
            reused.assign(p)
            var fresh = TwoObjectiveRankAndCrowding()
            fresh.assign(p)
            #expect(reused.ranks == fresh.ranks)
            #expect(reused.frontCount == fresh.frontCount)
            #expect(reused.crowding.map(\.bitPattern) == fresh.crowding.map(\.bitPattern))
            for r in 0..<fresh.frontCount { #expect(Array(reused.frontMembers(r)) == Array(fresh.frontMembers(r))) }
            expectMatchesGeneralFunctions(reused, p)
        }
    }

    @Test func signedZerosAreOnePoint() throws {
        // (−0, 1) and (+0, 1) are the same point: one rank, the later copy crowding 0.
        let p = try Matrix([[-0.0, 1], [0.5, 0.5], [0.0, 1], [1, 0], [0.25, 0.75]])
        var ranking = TwoObjectiveRankAndCrowding()
        ranking.assign(p)
        #expect(ranking.ranks == [0, 0, 0, 0, 0])
        #expect(ranking.crowding[2] == 0)
        expectMatchesGeneralFunctions(ranking, p)
    }

    @Test func emptySetHasNoFronts() {
        var ranking = TwoObjectiveRankAndCrowding()
        ranking.assign(Matrix(rows: 0, columns: 2))
        #expect(ranking.ranks.isEmpty)
        #expect(ranking.crowding.isEmpty)
        #expect(ranking.frontCount == 0)
    }
}
