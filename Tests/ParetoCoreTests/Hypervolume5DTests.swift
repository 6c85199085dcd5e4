import NumericCore
import PropertyBased
import Testing
@testable import ParetoCore

/// `Hypervolume5D` over the rows of `points` that strictly dominate `reference`.
private func sweep5D(_ points: Matrix<Double>, _ reference: [Double]) throws -> Double {
    let input = try HypervolumeInput(points: points, reference: reference)
    let sweep = Hypervolume5D(capacity: input.count)
    return input.coordinates.withUnsafeBufferPointer { rows in
        reference.withUnsafeBufferPointer { r in
            sweep.volume(rows: rows.baseAddress!, count: input.count, reference: r.baseAddress!)
        }
    }
}

/// WFG over the same rows, with the 4-D sweep as base case (`base4D: true`) or down to the 3-D
/// sweep (`false`): the M = 5 path before the 5-D sweep, checked against moocore's fixtures.
private func wfgVolume(_ points: Matrix<Double>, _ reference: [Double], base4D: Bool) throws -> Double {
    let input = try HypervolumeInput(points: points, reference: reference)
    if input.count == 0 { return 0 }
    let wfg = HypervolumeWFG(capacity: input.count, reference: reference, base4D: base4D)
    input.coordinates.withUnsafeBufferPointer { rows in
        wfg.limitBuffer(5).update(from: rows.baseAddress!, count: rows.count)
    }
    return wfg.volume(ofLimitSetOfDimension: 5, count: input.count)
}

/// Five-objective sets of mixed shape: points on the simplex, uniform points, grid points
/// {0, 0.25, …, 1} (ties in every coordinate), points with one coordinate at or beyond the
/// reference 1.1 (outside it), and exact copies of earlier rows.
private func mixedSet(seed: Int, rows: Int) -> [[Double]] {
    var g = SeededGenerator(seed: UInt64(seed)).split("hv5d")
    var set: [[Double]] = []
    for i in 0..<rows {
        let kind = g.nextUniform()
        if i > 1 && kind < 0.1 {
            set.append(set[g.nextInt(below: set.count)])
        } else if kind < 0.3 {
            set.append((0..<5).map { _ in Double(g.nextInt(below: 5)) / 4 })
        } else if kind < 0.37 {
            var p = (0..<5).map { _ in g.nextUniform() }
            p[g.nextInt(below: 5)] = g.nextUniform() < 0.5 ? 1.1 : 1.3
            set.append(p)
        } else {
            var p = (0..<5).map { _ in g.nextUniform() }
            if kind < 0.8 {
                let sum = p.reduce(0, +)
                p = p.map { $0 / sum }
            }
            set.append(p)
        }
    }
    return set
}

/// Points on the simplex (sum 1), like the benchmark's fronts: mutually non-dominated.
private func simplexFront(seed: Int, rows: Int) -> [[Double]] {
    var g = SeededGenerator(seed: UInt64(seed)).split("hv5d-simplex")
    return (0..<rows).map { _ in
        let p = (0..<5).map { _ in g.nextUniform() }
        let sum = p.reduce(0, +)
        return p.map { $0 / sum }
    }
}

private func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-12) -> Bool {
    abs(a - b) <= tolerance * max(abs(a), abs(b), 1e-300)
}

@Suite struct Hypervolume5DTests {
    /// The 5-D sweep against moocore's values for every five-objective fixture.
    @Test(arguments: HypervolumeFixture.names.filter { $0.contains("_M5_") })
    func fiveObjectiveSweepEqualsMoocore(name: String) throws {
        let fixture = try HypervolumeFixture(name: name)
        let value = try sweep5D(fixture.points, fixture.reference)
        #expect(abs(value - fixture.hypervolume) <= 1e-12 * abs(fixture.hypervolume),
                "\(name): \(value) vs \(fixture.hypervolume)")
    }

    /// `hypervolume(of:reference:)` takes the 5-D sweep at M = 5 and agrees with WFG (both base
    /// cases) on sets with ties, copies, dominated points and points outside the reference.
    @Test func fiveObjectiveSweepAgreesWithWFGOnMixedSets() async {
        await propertyCheck(count: 120, input: Gen.int(in: 0...1_000_000), Gen.int(in: 1...90)) { seed, n in
            let points = try Matrix(mixedSet(seed: seed, rows: n))
            let r = [Double](repeating: 1.1, count: 5)
            let value = try hypervolume(of: points, reference: r)
            let with4D = try wfgVolume(points, r, base4D: true)
            let without = try wfgVolume(points, r, base4D: false)
            #expect(close(value, with4D), "seed \(seed), N \(n): \(value) vs WFG \(with4D)")
            #expect(close(value, without), "seed \(seed), N \(n): \(value) vs WFG to 3-D \(without)")
        }
    }

    /// Larger fronts (long walks, many points leaving the active sets): the sweep against WFG.
    @Test func fiveObjectiveSweepAgreesWithWFGOnLargerFronts() async {
        await propertyCheck(count: 6, input: Gen.int(in: 0...1_000_000), Gen.int(in: 150...500)) { seed, n in
            let front = simplexFront(seed: seed, rows: n)
            // A copy of every tenth row and every fifth row coarsened to a grid: ties and copies.
            let set = front + stride(from: 0, to: n, by: 10).map { front[$0] }
                + stride(from: 0, to: n, by: 5).map { front[$0].map { ($0 * 8).rounded() / 8 } }
            let points = try Matrix(set)
            let r = [Double](repeating: 1.1, count: 5)
            let value = try sweep5D(points, r)
            let wfg = try wfgVolume(points, r, base4D: true)
            #expect(close(value, wfg), "seed \(seed), N \(n): \(value) vs \(wfg)")
        }
    }

    /// The row order does not change the value (the sweep sorts; ties in v in any order).
    @Test func rowOrderDoesNotChangeTheValue() async {
        await propertyCheck(count: 40, input: Gen.int(in: 0...1_000_000), Gen.int(in: 2...60)) { seed, n in
            let set = mixedSet(seed: seed, rows: n)
            let r = [Double](repeating: 1.1, count: 5)
            let forward = try sweep5D(Matrix(set), r)
            let backward = try sweep5D(Matrix(Array(set.reversed())), r)
            #expect(close(forward, backward), "seed \(seed): \(forward) vs \(backward)")
        }
    }

    /// Hand calculations with the reference (4, 4, 4, 4, 4).
    @Test func smallSetsMatchHandCalculations() throws {
        let r = [4.0, 4, 4, 4, 4]
        // One box: 3 · 2 · 1 · 4 · 1 = 24.
        #expect(try sweep5D(Matrix([[1, 2, 3, 0, 3]]), r) == 24)
        // Two boxes: 3⁵ + 1·1·1·1·4 − overlap (max = (3,3,3,3,1): 1·1·1·1·3) = 243 + 4 − 3 = 244.
        #expect(try sweep5D(Matrix([[1, 1, 1, 1, 1], [3, 3, 3, 3, 0]]), r) == 244)
        // A dominated point, a copy, a point equal in all but v and one outside the reference add
        // nothing: 3⁵ = 243.
        #expect(try sweep5D(Matrix([[1, 1, 1, 1, 1], [2, 3, 1, 2, 2], [1, 1, 1, 1, 1], [1, 1, 1, 1, 3],
                                    [0, 0, 0, 0, 4]]), r) == 243)
        // A point 4-D dominated by a later one in v still counts below that one's v:
        // (3,3,3,3,0) then (1,1,1,1,2): 1·1·1·1·2 (v from 0 to 2) + 3⁴·2 (v from 2 to 4) = 2 + 162.
        #expect(try sweep5D(Matrix([[1, 1, 1, 1, 2], [3, 3, 3, 3, 0]]), r) == 164)
        // Three points on a staircase in (x, y), equal in z, w and v: area 1 + 2 + 3 = 6, times 4³.
        #expect(try sweep5D(Matrix([[1, 3, 0, 0, 0], [2, 2, 0, 0, 0], [3, 1, 0, 0, 0]]), r) == 384)
    }
}
