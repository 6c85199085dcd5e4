import NumericCore
import PropertyBased
import Testing
@testable import ParetoCore

/// Random sets of mixed shape: uniform points, points on the simplex, and a few exact copies.
private func randomSet(seed: Int, rows: Int, columns: Int) -> [[Double]] {
    var g = SeededGenerator(seed: UInt64(seed))
    var set: [[Double]] = []
    for i in 0..<rows {
        if i > 2 && g.nextUniform() < 0.1 {
            set.append(set[g.nextInt(below: set.count)])
            continue
        }
        var p = (0..<columns).map { _ in g.nextUniform() }
        if g.nextUniform() < 0.7 {
            let sum = p.reduce(0, +)
            p = p.map { $0 / sum }
        }
        set.append(p)
    }
    return set
}

private func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-12) -> Bool {
    abs(a - b) <= tolerance * max(abs(a), abs(b), 1e-300)
}

@Suite struct HypervolumePropertyTests {
    @Test func addingAPointNeverDecreasesTheVolume() async {
        await propertyCheck(count: 60, input: Gen.int(in: 0...1_000_000), Gen.int(in: 2...6), Gen.int(in: 1...40)) { seed, m, n in
            let set = randomSet(seed: seed, rows: n + 1, columns: m)
            let r = [Double](repeating: 1.1, count: m)
            let before = try hypervolume(of: Matrix(Array(set.prefix(n))), reference: r)
            let after = try hypervolume(of: Matrix(set), reference: r)
            #expect(after >= before * (1 - 1e-12), "seed \(seed): \(after) < \(before)")
        }
    }

    @Test func rowOrderDoesNotMatter() async {
        await propertyCheck(count: 60, input: Gen.int(in: 0...1_000_000), Gen.int(in: 2...6), Gen.int(in: 1...40)) { seed, m, n in
            var set = randomSet(seed: seed, rows: n, columns: m)
            let r = [Double](repeating: 1.1, count: m)
            let first = try hypervolume(of: Matrix(set), reference: r)
            var g = SeededGenerator(seed: UInt64(seed)).split("shuffle")
            g.shuffle(&set)
            let second = try hypervolume(of: Matrix(set), reference: r)
            #expect(close(first, second), "seed \(seed): \(first) vs \(second)")
        }
    }

    @Test func onePointIsTheProductOfItsSides() async {
        await propertyCheck(count: 100, input: Gen.int(in: 0...1_000_000), Gen.int(in: 1...8)) { seed, m in
            let p = randomSet(seed: seed, rows: 1, columns: m)[0]
            let r = p.map { $0 + 0.5 }
            var product = 1.0
            for i in 0..<m { product *= r[i] - p[i] }
            let value = try hypervolume(of: Matrix([p]), reference: r)
            #expect(close(value, product), "seed \(seed): \(value) vs \(product)")
        }
    }

    /// Embedding a set into more objectives with extra coordinates 0 and reference 1 keeps its
    /// volume, so the 2-D sweep, the 3-D sweep and WFG must agree with each other.
    @Test func algorithmsAgreeOnEmbeddedSets() async {
        await propertyCheck(count: 40, input: Gen.int(in: 0...1_000_000), Gen.int(in: 2...3), Gen.int(in: 1...60)) { seed, m, n in
            let set = randomSet(seed: seed, rows: n, columns: m)
            let r = [Double](repeating: 1.1, count: m)
            let base = try hypervolume(of: Matrix(set), reference: r)
            for extra in 1...(6 - m) {
                let lifted = set.map { $0 + [Double](repeating: 0, count: extra) }
                let value = try hypervolume(of: Matrix(lifted), reference: r + [Double](repeating: 1, count: extra))
                #expect(close(value, base), "seed \(seed), M \(m) + \(extra): \(value) vs \(base)")
            }
        }
    }

    /// Each contribution equals HV(U) − HV(U ∖ {p}) over the distinct non-dominated points, computed
    /// by the other code path (whole-set hypervolume instead of limit sets).
    @Test func contributionsAreDifferencesOfVolumes() async {
        await propertyCheck(count: 30, input: Gen.int(in: 0...1_000_000), Gen.int(in: 2...5), Gen.int(in: 1...25)) { seed, m, n in
            let set = randomSet(seed: seed, rows: n, columns: m)
            let r = [Double](repeating: 1.1, count: m)
            let contributions = try hypervolumeContributions(of: Matrix(set), reference: r)
            let front = set.enumerated().filter { i, p in
                !set.enumerated().contains { j, q in j != i && Dominance.compare(q, p) == .dominates }
            }
            let total = try hypervolume(of: Matrix(set), reference: r)
            for (i, p) in set.enumerated() {
                let isFront = front.contains { $0.offset == i }
                let copies = set.filter { $0 == p }.count
                guard isFront && copies == 1 else {
                    #expect(contributions[i] == 0, "seed \(seed): row \(i) should have 0")
                    continue
                }
                let rest = try hypervolume(of: Matrix(m == 0 ? [] : front.filter { $0.offset != i }.map(\.element)).ifEmpty(m), reference: r)
                #expect(abs(contributions[i] - (total - rest)) <= 1e-12 * max(total, 1), "seed \(seed) row \(i)")
            }
        }
    }
}

/// Points on the integer grid {0,…,4}^M: ties in every coordinate, copies, dominated points.
private func gridSet(seed: Int, rows: Int, columns: Int) -> [[Double]] {
    var g = SeededGenerator(seed: UInt64(seed)).split("grid")
    return (0..<rows).map { _ in (0..<columns).map { _ in Double(g.nextInt(below: 5)) } }
}

extension HypervolumePropertyTests {
    /// Same check as `contributionsAreDifferencesOfVolumes` on tie-heavy grid sets (M = 2, 3, 4).
    @Test func contributionsOnGridsAreDifferencesOfVolumes() async {
        await propertyCheck(count: 40, input: Gen.int(in: 0...1_000_000), Gen.int(in: 2...4), Gen.int(in: 1...30)) { seed, m, n in
            let set = gridSet(seed: seed, rows: n, columns: m)
            let r = [Double](repeating: 5, count: m)
            let contributions = try hypervolumeContributions(of: Matrix(set), reference: r)
            let total = try hypervolume(of: Matrix(set), reference: r)
            for (i, p) in set.enumerated() {
                let dominated = set.contains { Dominance.compare($0, p) == .dominates }
                let copies = set.filter { $0 == p }.count
                if dominated || copies > 1 {
                    #expect(contributions[i] == 0, "seed \(seed): row \(i) should have 0")
                    continue
                }
                // Others: the distinct non-dominated points except p (dominated ones are ignored).
                let others = set.filter { q in q != p && !set.contains { Dominance.compare($0, q) == .dominates } }
                let rest = others.isEmpty ? 0 : try hypervolume(of: Matrix(others), reference: r)
                #expect(contributions[i] == total - rest, "seed \(seed) row \(i): \(contributions[i]) vs \(total - rest)")
            }
        }
    }
}

private extension Matrix where Scalar == Double {
    /// A 0 × m matrix when built from no rows (Matrix([]) has 0 columns).
    func ifEmpty(_ m: Int) -> Matrix { rows == 0 ? Matrix(rows: 0, columns: m) : self }
}
