import NumericCore
import Testing
@testable import ParetoCore

@Suite("Normalization and reference directions")
struct NormalizationTests {
    @Test func idealAndNadirAreColumnwiseExtremes() throws {
        let points = try Matrix<Double>([[3, 1, 5], [1, 4, 5], [2, 2, 5]])
        #expect(try idealPoint(of: points) == [1, 1, 5])
        #expect(try nadirPoint(of: points) == [3, 4, 5])
    }

    @Test func normalizedMapsIdealToZeroNadirToOneAndZeroRangeToZero() throws {
        let points = try Matrix<Double>([[3, 1, 5], [1, 4, 5], [2, 2, 5]])
        let result = try normalized(points, ideal: [1, 1, 5], nadir: [3, 4, 5])
        #expect(result.rowArrays == [[1, 0, 0], [0, 1, 0], [0.5, 1.0 / 3.0, 0]])
    }

    @Test func normalizationRejectsBadBounds() throws {
        let points = try Matrix<Double>([[1, 2]])
        #expect(throws: ParetoError.self) { try normalized(points, ideal: [0], nadir: [1, 1]) }
        #expect(throws: ParetoError.self) { try normalized(points, ideal: [0, 2], nadir: [1, 1]) }
        #expect(throws: ParetoError.self) { try normalized(points, ideal: [0, .nan], nadir: [1, 1]) }
        #expect(throws: ParetoError.self) { try idealPoint(of: Matrix<Double>(rows: 0, columns: 2)) }
    }

    @Test(arguments: [(2, 1), (2, 12), (3, 12), (4, 6), (5, 5), (8, 3), (3, 1), (1, 4), (10, 2)])
    func dasDennisCountIsBinomialAndRowsSumToOne(_ m: Int, _ h: Int) throws {
        let directions = try dasDennisDirections(objectives: m, divisions: h)
        // C(H + M − 1, M − 1) computed by the multiplicative formula in floating point.
        var binomial = 1.0
        for i in 1..<max(m, 1) { binomial = binomial * Double(h + i) / Double(i) }
        #expect(directions.rows == Int(binomial.rounded()))
        #expect(directions.columns == m)
        for row in directions.rowArrays {
            #expect(abs(row.reduce(0, +) - 1) < 1e-12)
            #expect(row.allSatisfy { $0 >= 0 && abs($0 * Double(h) - ($0 * Double(h)).rounded()) < 1e-9 })
        }
        #expect(Set(directions.rowArrays).count == directions.rows)
    }

    @Test func dasDennisKnownSmallCase() throws {
        // M = 3, H = 2: the 6 points (k₁,k₂,k₃)/2 with Σk = 2, in decreasing lexicographic order.
        let d = try dasDennisDirections(objectives: 3, divisions: 2)
        #expect(d.rowArrays == [[1, 0, 0], [0.5, 0.5, 0], [0.5, 0, 0.5], [0, 1, 0], [0, 0.5, 0.5], [0, 0, 1]])
    }

    @Test(arguments: [(2, 1), (2, 12), (3, 12), (4, 6), (5, 5), (8, 3)])
    func dasDennisMatchesPymooAsASet(_ m: Int, _ h: Int) throws {
        let pymoo = try IndicatorFixtureTests.load("das_dennis_m\(m)_h\(h).txt")
        let ours = try dasDennisDirections(objectives: m, divisions: h)
        // Compare on the integer lattice (k = round(H·x)), which is exact for both.
        func lattice(_ matrix: Matrix<Double>) -> [[Int]] {
            matrix.rowArrays.map { $0.map { Int(($0 * Double(h)).rounded()) } }.sorted { $0.lexicographicallyPrecedes($1) }
        }
        #expect(ours.rows == pymoo.rows)
        #expect(lattice(ours) == lattice(pymoo))
        // And the values themselves agree to rounding.
        let sortedOurs = ours.rowArrays.sorted { $0.lexicographicallyPrecedes($1) }
        let sortedPymoo = pymoo.rowArrays.sorted { $0.lexicographicallyPrecedes($1) }
        for (a, b) in zip(sortedOurs, sortedPymoo) {
            for (x, y) in zip(a, b) { #expect(abs(x - y) < 1e-12) }
        }
    }

    @Test func dasDennisRejectsInvalidArguments() {
        #expect(throws: ParetoError.self) { try dasDennisDirections(objectives: 0, divisions: 3) }
        #expect(throws: ParetoError.self) { try dasDennisDirections(objectives: 3, divisions: 0) }
        #expect(throws: ParetoError.self) { try dasDennisDirections(objectives: 30, divisions: 30) }
        #expect(dasDennisCount(objectives: 3, divisions: 12) == 91)
        #expect(dasDennisCount(objectives: 200, divisions: 200) == nil)
    }
}

@Suite("Reference point")
struct ReferencePointTests {
    @Test func countsOnlyStrictlyDominatingRows() throws {
        // (1,1) < (2,2) strictly; (2,0) ties in f1; (3,3) is worse.
        let points = try Matrix<Double>([[1, 1], [2, 0], [3, 3], [0, 1.5]])
        #expect(try strictlyDominatingCount(of: points, reference: [2, 2]) == 2)
        #expect(try strictlyDominatingCount(of: points, reference: [0, 0]) == 0)
        #expect(throws: ParetoError.self) { try strictlyDominatingCount(of: points, reference: [1, 2, 3]) }
    }
}
