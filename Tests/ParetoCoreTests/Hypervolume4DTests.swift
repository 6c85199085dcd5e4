import NumericCore
import PropertyBased
import Testing
@testable import ParetoCore

/// Hypervolume by WFG over the rows of `set` that strictly dominate `reference`, with the 4-D
/// sweep as base case (`base4D: true`) or WFG all the way down to the 3-D sweep (`false`).
private func wfgVolume(_ points: Matrix<Double>, _ reference: [Double], base4D: Bool) throws -> Double {
    let input = try HypervolumeInput(points: points, reference: reference)
    if input.count == 0 { return 0 }
    let wfg = HypervolumeWFG(capacity: input.count, reference: reference, base4D: base4D)
    input.coordinates.withUnsafeBufferPointer { rows in
        wfg.limitBuffer(input.dimension).update(from: rows.baseAddress!, count: rows.count)
    }
    return wfg.volume(ofLimitSetOfDimension: input.dimension, count: input.count)
}

/// `Hypervolume4D` on rows already sorted by the fourth coordinate (ascending).
private func sweep4D(_ rows: [[Double]], _ reference: [Double], corner: [Double]? = nil) -> Double {
    let sorted = rows.sorted { $0[3] < $1[3] }.flatMap { $0 }
    let base = Hypervolume4D(capacity: rows.count)
    return sorted.withUnsafeBufferPointer { s in
        reference.withUnsafeBufferPointer { r in
            if let corner {
                return corner.withUnsafeBufferPointer { c in
                    base.volume(rows: s.baseAddress!, count: rows.count, reference: r.baseAddress!, corner: c.baseAddress!)
                }
            }
            return base.volume(rows: s.baseAddress!, count: rows.count, reference: r.baseAddress!)
        }
    }
}

/// Uniform points, points on the simplex, grid points {0, 0.25, …, 1} (ties) and exact copies.
private func mixedSet(seed: Int, rows: Int, columns: Int) -> [[Double]] {
    var g = SeededGenerator(seed: UInt64(seed)).split("hv4d")
    var set: [[Double]] = []
    for i in 0..<rows {
        let kind = g.nextUniform()
        if i > 1 && kind < 0.1 {
            set.append(set[g.nextInt(below: set.count)])
        } else if kind < 0.35 {
            set.append((0..<columns).map { _ in Double(g.nextInt(below: 5)) / 4 })
        } else {
            var p = (0..<columns).map { _ in g.nextUniform() }
            if kind < 0.8 {
                let sum = p.reduce(0, +)
                p = p.map { $0 / sum }
            }
            set.append(p)
        }
    }
    return set
}

private func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-12) -> Bool {
    abs(a - b) <= tolerance * max(abs(a), abs(b), 1e-300)
}

@Suite struct Hypervolume4DTests {
    /// Both base cases against moocore's values for every fixture with M ≥ 4 (M = 4, 5, 6, 8).
    @Test(arguments: HypervolumeFixture.names.filter { !$0.contains("_M2_") && !$0.contains("_M3_") })
    func bothBaseCasesEqualMoocore(name: String) throws {
        let fixture = try HypervolumeFixture(name: name)
        for base4D in [true, false] {
            let value = try wfgVolume(fixture.points, fixture.reference, base4D: base4D)
            #expect(abs(value - fixture.hypervolume) <= 1e-12 * abs(fixture.hypervolume),
                    "\(name), base4D \(base4D): \(value) vs \(fixture.hypervolume)")
        }
    }

    @Test func fixturesCoverFourToEightObjectives() {
        let dimensions = Set(HypervolumeFixture.names.compactMap { name -> Int? in
            guard let m = name.split(separator: "_").first(where: { $0.hasPrefix("M") }) else { return nil }
            return Int(m.dropFirst())
        })
        #expect(dimensions.isSuperset(of: [4, 5, 6, 8]))
    }

    /// The 4-D sweep and WFG down to the 3-D sweep agree on random sets with ties, copies and
    /// dominated points, for M = 4 (the sweep alone) up to M = 7 (the sweep as WFG's base case).
    @Test func fourDimensionalBaseAgreesWithWFGDownToThreeDimensions() async {
        await propertyCheck(count: 80, input: Gen.int(in: 0...1_000_000), Gen.int(in: 4...7), Gen.int(in: 1...45)) { seed, m, n in
            let set = mixedSet(seed: seed, rows: n, columns: m)
            let r = [Double](repeating: 1.1, count: m)
            let with4D = try wfgVolume(Matrix(set), r, base4D: true)
            let without = try wfgVolume(Matrix(set), r, base4D: false)
            #expect(close(with4D, without), "seed \(seed), M \(m), N \(n): \(with4D) vs \(without)")
        }
    }

    /// Larger 4-D sets (long linked lists, many staircase updates, ties and copies): the sweep
    /// alone against WFG down to the 3-D sweep.
    @Test func fourDimensionalSweepAgreesOnLargerSets() async {
        await propertyCheck(count: 12, input: Gen.int(in: 0...1_000_000), Gen.int(in: 100...400)) { seed, n in
            let set = mixedSet(seed: seed, rows: n, columns: 4)
            let r = [Double](repeating: 1.1, count: 4)
            let with4D = try wfgVolume(Matrix(set), r, base4D: true)
            let without = try wfgVolume(Matrix(set), r, base4D: false)
            #expect(close(with4D, without, 1e-11), "seed \(seed), N \(n): \(with4D) vs \(without)")
        }
    }

    /// Stopping at the corner (a lower bound of every row in x, y, z) changes nothing: on limit
    /// sets max(t, s), the result with the corner s equals the full sweep.
    @Test func cornerStopDoesNotChangeTheVolume() async {
        await propertyCheck(count: 80, input: Gen.int(in: 0...1_000_000), Gen.int(in: 2...40)) { seed, n in
            var set = mixedSet(seed: seed, rows: n, columns: 4)
            let s = set.removeLast()
            let limited = set.map { t in (0..<4).map { max(t[$0], s[$0]) } }
            let r = [Double](repeating: 1.1, count: 4)
            let full = sweep4D(limited, r)
            let stopped = sweep4D(limited, r, corner: Array(s.prefix(3)))
            #expect(close(full, stopped), "seed \(seed): \(stopped) vs \(full)")
        }
    }

    /// Hand calculations with the reference (4, 4, 4, 4).
    @Test func smallSetsMatchHandCalculations() {
        let r = [4.0, 4, 4, 4]
        // One box: 3 · 2 · 1 · 4 = 24.
        #expect(sweep4D([[1, 2, 3, 0]], r) == 24)
        // Two boxes, the later one in w dominating the earlier in (x, y, z):
        // 3·3·3·3 + 1·1·1·4 − overlap (max = (3,3,3,1): 1·1·1·3) = 81 + 4 − 3 = 82.
        #expect(sweep4D([[1, 1, 1, 1], [3, 3, 3, 0]], r) == 82)
        // A dominated point, a copy and a point equal in all but w add nothing: 3⁴ = 81.
        #expect(sweep4D([[1, 1, 1, 1], [2, 3, 1, 2], [1, 1, 1, 1], [1, 1, 1, 3]], r) == 81)
        // Three points on a staircase in (x, y), same z and w: area over x ∈ [1,2), [2,3), [3,4)
        // is 1 + 2 + 3 = 6, times (4 − 0) in z and in w: 6 · 16 = 96.
        #expect(sweep4D([[1, 3, 0, 0], [2, 2, 0, 0], [3, 1, 0, 0]], r) == 96)
    }
}
