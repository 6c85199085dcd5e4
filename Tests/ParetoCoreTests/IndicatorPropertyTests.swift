import NumericCore
import Testing
@testable import ParetoCore

/// Relations that hold for every input, checked over seeded random sets (the failing seed is reported).
@Suite("Indicators: properties")
struct IndicatorPropertyTests {
    private func randomSet(_ rng: inout SeededGenerator, rows: Int, columns: Int) -> Matrix<Double> {
        var m = Matrix<Double>(rows: rows, columns: columns)
        for i in m.storage.indices { m.storage[i] = rng.nextUniform() }
        return m
    }

    @Test func relationsBetweenIndicatorsHoldForRandomSets() throws {
        for seed in 0..<40 {
            var rng = SeededGenerator(seed: UInt64(seed))
            let m = 2 + rng.nextInt(below: 5)
            let a = randomSet(&rng, rows: 1 + rng.nextInt(below: 30), columns: m)
            let r = randomSet(&rng, rows: 1 + rng.nextInt(below: 30), columns: m)
            let igd = try invertedGenerationalDistance(of: a, referenceFront: r)
            let igdPlus = try invertedGenerationalDistancePlus(of: a, referenceFront: r)
            let gd = try generationalDistance(of: a, referenceFront: r)
            let gdPlus = try generationalDistancePlus(of: a, referenceFront: r)
            // d⁺(a, r) ≤ ‖a − r‖ termwise, so the plus variants never exceed the plain ones.
            #expect(igdPlus <= igd && gdPlus <= gd, "seed \(seed)")
            // GD of A to R is IGD of R to A (the roles swap).
            #expect(gd == (try invertedGenerationalDistance(of: r, referenceFront: a)), "seed \(seed)")
            // A set measured against itself is perfect.
            #expect(try invertedGenerationalDistance(of: r, referenceFront: r) == 0, "seed \(seed)")
            #expect(try additiveEpsilon(of: r, referenceFront: r) == 0, "seed \(seed)")
            // Shifting A by −δ in every objective lowers ε₊ by exactly δ (δ a power of two: exact).
            var shifted = a
            for i in shifted.storage.indices { shifted.storage[i] -= 0.25 }
            let epsilon = try additiveEpsilon(of: a, referenceFront: r)
            let shiftedEpsilon = try additiveEpsilon(of: shifted, referenceFront: r)
            #expect(abs(shiftedEpsilon - (epsilon - 0.25)) < 1e-12, "seed \(seed)")
            // Row order does not matter.
            let reversed = a.selectingRows((0..<a.rows).reversed())
            #expect(abs(try invertedGenerationalDistancePlus(of: reversed, referenceFront: r) - igdPlus) < 1e-15, "seed \(seed)")
        }
    }
}
