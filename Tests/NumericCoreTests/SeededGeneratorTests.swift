import Testing
@testable import NumericCore

@Suite struct SeededGeneratorTests {
    @Test func sameSeedGivesSameStream() {
        var a = SeededGenerator(seed: 42), b = SeededGenerator(seed: 42)
        for _ in 0..<1000 { #expect(a.next() == b.next()) }
        var c = SeededGenerator(seed: 43)
        var a2 = SeededGenerator(seed: 42)
        #expect((0..<10).map { _ in a2.next() } != (0..<10).map { _ in c.next() })
    }

    @Test func splitDependsOnKeyNotOnDrawsSoFar() {
        let root = SeededGenerator(seed: 7)
        var advanced = root
        for _ in 0..<100 { _ = advanced.next() }
        var s1 = root.split("mutation"), s2 = advanced.split("mutation")
        #expect(s1.next() == s2.next())
        var m = root.split("mutation"), c = root.split("crossover"), i0 = root.split(0), i1 = root.split(1)
        let first = [m.next(), c.next(), i0.next(), i1.next()]
        #expect(Set(first).count == 4)
    }

    @Test func uniformDrawsHaveTheRightMomentsAndRange() {
        var g = SeededGenerator(seed: 1)
        let n = 200_000
        var sum = 0.0, sumSquares = 0.0
        for _ in 0..<n {
            let u = g.nextUniform()
            #expect(u >= 0 && u < 1)
            sum += u; sumSquares += u * u
        }
        // mean 1/2 and variance 1/12, with a tolerance of about 5 standard errors
        #expect(abs(sum / Double(n) - 0.5) < 5 * (1.0 / 12 / Double(n)).squareRoot())
        #expect(abs(sumSquares / Double(n) - sum * sum / Double(n * n) - 1.0 / 12) < 2e-3)
    }

    @Test func gaussianDrawsHaveZeroMeanUnitVariance() {
        var g = SeededGenerator(seed: 2)
        let xs = (0..<200_000).map { _ in g.nextGaussian() }
        #expect(abs(Statistics.mean(xs)) < 5 / (200_000.0).squareRoot())
        #expect(abs(Statistics.standardDeviation(xs) - 1) < 0.01)
    }

    @Test func generatorStateRoundTripsThroughCodable() throws {
        var g = SeededGenerator(seed: 9)
        for _ in 0..<17 { _ = g.next() }
        let data = try JSONEncoderLite.encode(g)
        var restored = try JSONEncoderLite.decode(data)
        #expect(restored.next() == g.next())
    }

    @Test func sampleReturnsDistinctIndices() {
        var g = SeededGenerator(seed: 3)
        let s = g.sample(50, from: 60)
        #expect(Set(s).count == 50 && s.allSatisfy { (0..<60).contains($0) })
    }

    @Test func quantilesFollowLinearInterpolation() {
        // type-7 quantiles of 1...4: q(0.25) = 1.75, median = 2.5, IQR = 3.25 - 1.75
        #expect(Statistics.quantile([4, 1, 3, 2], 0.25) == 1.75)
        #expect(Statistics.median([4, 1, 3, 2]) == 2.5)
        #expect(Statistics.interquartileRange([1, 2, 3, 4]) == 1.5)
    }
}

import Foundation
enum JSONEncoderLite {
    static func encode(_ g: SeededGenerator) throws -> Data { try JSONEncoder().encode(g) }
    static func decode(_ d: Data) throws -> SeededGenerator { try JSONDecoder().decode(SeededGenerator.self, from: d) }
}
