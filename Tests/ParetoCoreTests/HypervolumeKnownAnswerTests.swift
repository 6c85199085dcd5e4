import NumericCore
import Testing
@testable import ParetoCore

/// Tiny fronts whose hypervolume is worked out by hand in the assertion.
@Suite struct HypervolumeKnownAnswerTests {
    private func hv(_ rows: [[Double]], _ r: [Double]) throws -> Double {
        try hypervolume(of: Matrix(rows), reference: r)
    }

    @Test func onePointIsItsBox() throws {
        #expect(try hv([[2]], [5]) == 5 - 2)
        #expect(try hv([[1, 2]], [4, 6]) == (4 - 1) * (6 - 2))
        #expect(try hv([[1, 2, 3]], [4, 6, 5]) == (4 - 1) * (6 - 2) * (5 - 3))
        #expect(try hv([[1, 2, 3, 0]], [4, 6, 5, 2]) == (4 - 1) * (6 - 2) * (5 - 3) * (2 - 0))
        #expect(try hv([[0.5, 0.25, 0, 1, 2]], [1, 1, 1, 2, 3]) == 0.5 * 0.75 * 1 * 1 * 1)
    }

    @Test func oneDimensionIsDistanceFromTheBestPoint() throws {
        #expect(try hv([[3], [1], [2], [7]], [5]) == 5 - 1)
    }

    @Test func twoRectanglesInTwoDimensions() throws {
        // a = (1, 3), b = (2, 1), r = (4, 4): |a| + |b| − |a ∩ b| with a ∩ b = [2,4]×[3,4].
        let expected = Double((4 - 1) * (4 - 3) + (4 - 2) * (4 - 1) - (4 - 2) * (4 - 3))
        #expect(try hv([[1, 3], [2, 1]], [4, 4]) == expected)
        #expect(expected == 7)
    }

    @Test func threeDimensionalCornerStaircase() throws {
        // Points 2·e_k in a cube of side 3: each box 3·3·1, each pair meets in 3·1·1, the triple in 1.
        let expected = Double(3 * 9 - 3 * 3 + 1)
        #expect(try hv([[0, 0, 2], [0, 2, 0], [2, 0, 0]], [3, 3, 3]) == expected)
        #expect(expected == 19)
    }

    @Test func cornerStaircaseInFourAndFiveDimensions() throws {
        // Inclusion–exclusion over the points 2·e_k with reference 3: a set of j of them meets in
        // a box with j sides of length 1 and M − j sides of length 3.
        func corners(_ m: Int) -> [[Double]] {
            (0..<m).map { k in (0..<m).map { $0 == k ? 2.0 : 0.0 } }
        }
        #expect(try hv(corners(4), [3, 3, 3, 3]) == Double(4 * 27 - 6 * 9 + 4 * 3 - 1))
        #expect(try hv(corners(5), [3, 3, 3, 3, 3]) == Double(5 * 81 - 10 * 27 + 10 * 9 - 5 * 3 + 1))
        #expect(try hv(corners(6), [Double](repeating: 3, count: 6))
            == Double(6 * 243 - 15 * 81 + 20 * 27 - 15 * 9 + 6 * 3 - 1))
    }

    @Test func dominatedPointsAndDuplicatesAddNothing() throws {
        let base: [[Double]] = [[0, 0, 2, 1], [0, 2, 0, 1], [2, 0, 0, 1], [1, 1, 1, 0]]
        let noisy = base + [[0, 0, 2, 1], [1, 1, 2, 1], [2, 2, 2, 2], [1, 1, 1, 0]]
        for m in [2, 3, 4] {
            let cut = base.map { Array($0.prefix(m)) }, cutNoisy = noisy.map { Array($0.prefix(m)) }
            let r = [Double](repeating: 3, count: m)
            #expect(try hv(cutNoisy, r) == hv(cut, r))
        }
    }

    @Test func emptyAndOutsideSetsHaveZeroVolume() throws {
        #expect(try hypervolume(of: Matrix(rows: 0, columns: 3), reference: [1, 1, 1]) == 0)
        // On the reference in one coordinate, or beyond it: no strict domination.
        #expect(try hv([[1, 0.5], [0.5, 2]], [1, 1]) == 0)
        #expect(try hv([[0, 0, 1], [2, 0, 0]], [1, 1, 1]) == 0)
        #expect(try hv([[0, 0, 0, 1], [0, 0, 0, 5]], [1, 1, 1, 1]) == 0)
        // A point outside does not change the others.
        #expect(try hv([[0.5, 0.5], [0, 3]], [1, 1]) == 0.5 * 0.5)
    }

    @Test func wrongReferenceDimensionThrows() {
        #expect(throws: ParetoError.self) { try hypervolume(of: Matrix([[1, 2]]), reference: [3]) }
        #expect(throws: ParetoError.self) { try hypervolumeContributions(of: Matrix([[1, 2]]), reference: [3, 3, 3]) }
        do {
            _ = try hypervolume(of: Matrix([[1, 2]]), reference: [3])
        } catch let error as ParetoError {
            guard case .dimensionMismatch = error else { Issue.record("wrong error \(error)"); return }
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test func nonFiniteValuesThrow() throws {
        for bad in [Double.nan, .infinity, -.infinity] {
            #expect(throws: ParetoError.nonFinite("point 2, objective 1 is \(bad)")) {
                try hypervolume(of: Matrix([[1, 2], [bad, 0]]), reference: [3, 3])
            }
            #expect(throws: ParetoError.nonFinite("reference point value 2 is \(bad)")) {
                try hypervolume(of: Matrix([[1, 2]]), reference: [3, bad])
            }
            #expect(throws: ParetoError.self) {
                try hypervolumeContributions(of: Matrix([[1, 2, 0], [0, 0, bad]]), reference: [3, 3, 3])
            }
        }
    }

    @Test func contributionsOfTwoRectangles() throws {
        // a = (1, 3), b = (2, 1), r = (4, 4): a alone owns [1,2]×[3,4]; b owns [2,4]×[1,3].
        let c = try hypervolumeContributions(of: Matrix([[1, 3], [2, 1]]), reference: [4, 4])
        let expected: [Double] = [(2 - 1) * (4 - 3), (4 - 2) * (3 - 1)]
        #expect(c == expected)
    }

    @Test func contributionsOfCornerStaircases() throws {
        // 3-D: 19 − HV(two corners) = 19 − (9 + 9 − 3). 4-D: 65 − (3·27 − 3·9 + 3).
        let c3 = try hypervolumeContributions(of: Matrix([[0, 0, 2], [0, 2, 0], [2, 0, 0]]), reference: [3, 3, 3])
        #expect(c3 == [4, 4, 4])
        let corners4: [[Double]] = (0..<4).map { k in (0..<4).map { $0 == k ? 2.0 : 0.0 } }
        let c4 = try hypervolumeContributions(of: Matrix(corners4), reference: [3, 3, 3, 3])
        #expect(c4 == [Double](repeating: Double(65 - (3 * 27 - 3 * 9 + 3)), count: 4))
    }

    @Test func contributionsIgnoreDominatedPointsAndZeroCopies() throws {
        // b = (2, 1) twice, a dominated point (3, 3.5) and one outside (0, 4).
        let c = try hypervolumeContributions(
            of: Matrix([[1, 3], [2, 1], [3, 3.5], [2, 1], [0, 4]]), reference: [4, 4])
        let expected: [Double] = [(2 - 1) * (4 - 3), 0, 0, 0, 0]
        #expect(c == expected)
        // 1-D: the unique minimum owns everything up to the reference.
        #expect(try hypervolumeContributions(of: Matrix([[3], [1], [2]]), reference: [5]) == [0, 4, 0])
        #expect(try hypervolumeContributions(of: Matrix([[1], [1]]), reference: [5]) == [0, 0])
    }

    /// Points (1 − ih, ih, ih), h = 1/n, reference (2, 2, 2): every point enters the 2-D staircase
    /// at its front, so the array sweep's shifts grow quadratically and the 3-D code must fall back
    /// to the treap. In the slab [ih, (i+1)h) the staircase covers Σ_{j<i} h(1 + jh) (strips of
    /// height h) plus (2 − ih)(1 + ih) (the top strip); the last slab reaches z = 2.
    @Test func adversarialStaircaseMatchesTheSlabFormula() throws {
        let n = 1500, h = 1.0 / Double(n)
        var rows: [[Double]] = []
        for i in 0..<n { rows.append([1 - Double(i) * h, Double(i) * h, Double(i) * h]) }
        var expected = 0.0, strips = 0.0
        for i in 0..<n {
            let area = strips + (2 - Double(i) * h) * (1 + Double(i) * h)
            let height = i < n - 1 ? h : 2 - Double(i) * h
            expected += area * height
            strips += h * (1 + Double(i) * h)
        }
        let value = try hv(rows, [2, 2, 2])
        #expect(abs(value - expected) <= 1e-12 * expected, "\(value) vs \(expected)")
        // The same set lifted to 4-D (extra coordinate 0, reference 1) goes through WFG.
        let lifted = try hv(rows.map { $0 + [0] }, [2, 2, 2, 1])
        #expect(abs(lifted - expected) <= 1e-12 * expected, "\(lifted) vs \(expected)")
        // Contributions (whose non-dominated filter also falls back to the treap here) equal
        // HV(S) − HV(S ∖ {p}) from the whole-set sweep, up to that difference's own rounding (64 ε·HV).
        let contributions = try hypervolumeContributions(of: Matrix(rows), reference: [2, 2, 2])
        for i in [0, 1, 700, n - 2, n - 1] {
            var rest = rows
            rest.remove(at: i)
            let difference = value - (try hv(rest, [2, 2, 2]))
            #expect(abs(contributions[i] - difference) <= 64 * Double.ulpOfOne * value, "row \(i): \(contributions[i]) vs \(difference)")
        }
    }
}
