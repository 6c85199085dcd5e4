import Foundation
import NumericCore
import Testing
@testable import ParetoCore

@Suite struct CrowdingDistanceTests {
    @Test func interiorDistancesAreNormalizedNeighbourGaps() {
        let p = points([[0, 4], [1, 3], [2, 1], [4, 0]])
        let d = crowdingDistances(of: p)
        #expect(d[0] == .infinity && d[3] == .infinity)
        #expect(d[1] == (2.0 - 0.0) / 4 + (4.0 - 1.0) / 4)  // f1 gap 0→2, f2 gap 1→4, ranges 4
        #expect(d[2] == (4.0 - 1.0) / 4 + (3.0 - 0.0) / 4)
    }

    @Test func threeObjectivesSumOverObjectives() {
        // Sorted by f1: a(0) b(1) c(3) d(4); by f2: d(0) c(2) b(5) a(10); by f3: b(1) c(2) a(3) d(4).
        let p = points([[0, 10, 3], [1, 5, 1], [3, 2, 2], [4, 0, 4]])
        let d = crowdingDistances(of: p)
        #expect(d == [.infinity, .infinity, (4.0 - 1.0) / 4 + (5.0 - 0.0) / 10 + (3.0 - 1.0) / 3, .infinity])
    }

    @Test func zeroRangeObjectiveContributesNothing() {
        let p = points([[0, 5], [1, 5], [2, 5]])
        #expect(crowdingDistances(of: p) == [.infinity, (2.0 - 0.0) / 2, .infinity])
    }

    @Test func laterDuplicatesGetZero() {
        let p = points([[0, 2], [1, 1], [1, 1], [2, 0]])
        #expect(crowdingDistances(of: p) == [.infinity, 2.0 / 2 + 2.0 / 2, 0, .infinity])
        #expect(crowdingDistances(of: points([[1, 1], [1, 1]])) == [.infinity, 0])
        #expect(crowdingDistances(of: points([[1, 2], [2, 1], [1, 2]])) == [.infinity, .infinity, 0])
    }

    @Test func tiesInOneObjectiveAreOrderedByRowIndex() {
        // f1 ties between rows 0 and 1 (value 0): row 0 is the lower boundary, row 1 interior with
        // neighbours row 0 (0) and row 2 (1): gap 1/2. f2: rows 2 (0), 1 (1), 3 (2), 0 (3) → row 1 gap
        // (2 − 0)/3, row 3 gap (3 − 1)/3.
        let p = points([[0, 3], [0, 1], [1, 0], [2, 2]])
        let d = crowdingDistances(of: p)
        #expect(d[0] == .infinity && d[2] == .infinity && d[3] == .infinity)
        #expect(d[1] == 1.0 / 2 + 2.0 / 3)
    }

    @Test func subsetIsComputedWithinTheSubset() {
        let p = points([[9, 9], [0, 4], [1, 3], [2, 1], [4, 0]])
        #expect(crowdingDistances(of: p, subset: [4, 3, 2, 1]) == [.infinity, 1.5, 1.25, .infinity])
        #expect(crowdingDistances(of: p, subset: []) == [])
        #expect(crowdingDistances(of: Matrix(rows: 0, columns: 2)) == [])
        #expect(crowdingDistances(of: points([[3, 1]])) == [.infinity])
    }
}

/// Distances computed once by pymoo (Experiments/reference/make_crowding_fixtures.py).
@Suite struct CrowdingDistanceFixtureTests {
    @Test func distancesEqualPymooDividedByM() throws {
        let root = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        let directory = root.appendingPathComponent("crowding")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".points") }.sorted()
        #expect(files.count >= 8)
        for file in files {
            let name = String(file.dropLast(".points".count))
            let rows = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
                .split(separator: "\n").map { $0.split(separator: " ").compactMap { Double($0) } }
            let expected = try String(contentsOf: directory.appendingPathComponent(name + ".expected"), encoding: .utf8)
                .split(separator: "\n").compactMap { Double($0) }
            let p = try Matrix(rows)
            let ours = crowdingDistances(of: p).map { $0 / Double(p.columns) }
            #expect(ours.count == expected.count, "\(name)")
            for (i, (a, b)) in zip(ours, expected).enumerated() {
                if b.isInfinite || b == 0 {
                    #expect(a == b, "\(name) row \(i)")
                } else {
                    #expect(abs(a - b) <= 1e-12 * abs(b), "\(name) row \(i): \(a) vs \(b)")
                }
            }
        }
    }
}
