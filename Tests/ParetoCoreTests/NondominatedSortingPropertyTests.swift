import NumericCore
import PropertyBased
import Testing
@testable import ParetoCore

/// Random small-integer point sets: many ties and duplicates, M from 1 to 6.
private let pointSets = Gen.int(in: 1...6).map { $0 }
private let smallValues = Gen.int(in: 0...4).array(of: 0...240)

private func matrix(_ m: Int, _ values: [Int]) -> Matrix<Double> {
    let n = values.count / m
    return (try? Matrix(rows: n, columns: m, storage: values.prefix(n * m).map(Double.init)))
        ?? Matrix(rows: 0, columns: m)
}

@Suite struct NondominatedSortingPropertyTests {
    @Test func dominanceIsAStrictPartialOrder() async {
        let vector = Gen.int(in: 0...3).array(of: 3)
        await propertyCheck(count: 300, input: vector, vector, vector) { a, b, c in
            let x = a.map(Double.init), y = b.map(Double.init), z = c.map(Double.init)
            #expect(Dominance.compare(x, x) == .equal)  // irreflexive: never dominates itself
            let xy = Dominance.compare(x, y), yx = Dominance.compare(y, x)
            if xy == .dominates { #expect(yx == .dominated) }  // asymmetric
            if xy == .equal { #expect(x == y) }
            if xy == .dominates && Dominance.compare(y, z) == .dominates {
                #expect(Dominance.compare(x, z) == .dominates)  // transitive
            }
        }
    }

    @Test func ranksPartitionTheSetIntoValidFronts() async {
        await propertyCheck(count: 150, input: pointSets, smallValues) { m, values in
            let p = matrix(m, values)
            let ranks = nondominatedRanks(of: p)
            let rows = p.rowArrays
            #expect(ranks.count == p.rows)
            let fronts = nondominatedFronts(of: p)
            #expect(fronts.flatMap { $0 }.sorted() == Array(0..<p.rows))  // partition
            #expect(fronts.allSatisfy { !$0.isEmpty })  // ranks are contiguous 0…F−1
            for i in 0..<p.rows {
                var hasParent = ranks[i] == 0
                for j in 0..<p.rows where Dominance.compare(rows[j], rows[i]) == .dominates {
                    #expect(ranks[j] < ranks[i])  // no point dominates another of its own (or lower) rank
                    if ranks[j] == ranks[i] - 1 { hasParent = true }
                }
                #expect(hasParent)  // rank r > 0 is dominated by some point of rank r − 1
            }
        }
    }

    @Test func fastAlgorithmsEqualTheQuadraticReference() async {
        await propertyCheck(count: 200, input: pointSets, smallValues) { m, values in
            let p = matrix(m, values)
            let reference = fastNondominatedSortRanks(of: p)
            #expect(nondominatedRanks(of: p) == reference)
            #expect(nondominatedIndices(of: p) == reference.indices.filter { reference[$0] == 0 })
            if m >= 2 {
                // Every path of the divide and conquer: full recursion with three-objective staircase
                // sweeps, full recursion down to the two-objective Fenwick sweeps, and mixed leaves.
                #expect(divideAndConquerRanks(of: p, leafSize: 1, leafProduct: 0) == reference)
                #expect(divideAndConquerRanks(of: p, leafSize: 1, leafProduct: 0, useStaircases: false) == reference)
                #expect(divideAndConquerRanks(of: p, leafSize: 6, leafProduct: 40) == reference)
            }
        }
    }

    @Test func ranksDoNotDependOnRowOrder() async {
        await propertyCheck(count: 100, input: pointSets, smallValues) { m, values in
            let p = matrix(m, values)
            let ranks = nondominatedRanks(of: p)
            let reversed = p.selectingRows((0..<p.rows).reversed())
            #expect(nondominatedRanks(of: reversed) == Array(ranks.reversed()))
        }
    }

    @Test func crowdingGivesBoundaryPointsInfinity() async {
        await propertyCheck(count: 150, input: Gen.int(in: 1...5), Gen.int(in: 0...20).array(of: 0...150)) { m, values in
            let p = matrix(m, values)
            let d = crowdingDistances(of: p)
            #expect(d.count == p.rows)
            #expect(d.allSatisfy { $0 >= 0 })
            guard p.rows > 0 else { return }
            let rows = p.rowArrays
            let isFirstOccurrence = rows.indices.map { i in !rows[..<i].contains(rows[i]) }
            for i in rows.indices where !isFirstOccurrence[i] { #expect(d[i] == 0) }  // later copies
            for j in 0..<m {
                let column = rows.map { $0[j] }
                guard let low = column.min(), let high = column.max(), low < high else { continue }
                // Ties in one objective are ordered by row index: the lowest first occurrence holding
                // the minimum and the highest first occurrence holding the maximum are the boundaries.
                let first = rows.indices.first { isFirstOccurrence[$0] && column[$0] == low } ?? -1
                let last = rows.indices.last { isFirstOccurrence[$0] && column[$0] == high } ?? -1
                #expect(d[first] == .infinity)
                #expect(d[last] == .infinity)
            }
        }
    }

    @Test func archiveInvariantsHoldAfterRandomInserts() async {
        let vectors = Gen.int(in: 0...9).array(of: 3).array(of: 1...120)
        await propertyCheck(count: 100, input: Gen.int(in: 1...12), vectors) { capacity, inserts in
            var archive = ParetoArchive<Int>(capacity: capacity, objectiveCount: 3)
            for (i, v) in inserts.enumerated() {
                let x = v.map(Double.init)
                let accepted = archive.insert(x, payload: i)
                #expect(archive.checkInvariants())
                #expect(accepted == archive.members.contains { $0.payload == i })
            }
            if inserts.count <= capacity {
                // Never truncated: the members are exactly the distinct first front of all inserts.
                let all = matrix(3, inserts.flatMap { $0 })
                let firstFront = Set(nondominatedIndices(of: all).map { all.row($0) })
                #expect(Set(archive.members.map(\.objectives)) == firstFront)
            }
        }
    }
}
