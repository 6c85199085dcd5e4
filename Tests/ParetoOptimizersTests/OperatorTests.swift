import Testing
import NumericCore
@testable import ParetoOptimizers

@Suite struct OperatorTests {
    let lower = [0.0, -5, -5, -5], upper = [1.0, 5, 5, 5]

    func cross(_ sbx: SBXCrossover, _ a: [Double], _ b: [Double], seed: UInt64) -> ([Double], [Double]) {
        var c1 = [Double](repeating: .nan, count: a.count), c2 = c1
        var rng = SeededGenerator(seed: seed)
        a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in
            c1.withUnsafeMutableBufferPointer { o1 in c2.withUnsafeMutableBufferPointer { o2 in
                lower.withUnsafeBufferPointer { lo in upper.withUnsafeBufferPointer { hi in
                    sbx.cross(pa, pb, into: o1, o2, lower: lo, upper: hi, rng: &rng)
                } }
            } }
        } }
        return (c1, c2)
    }

    @Test func sbxWithoutCrossoverCopiesTheParents() throws {
        let sbx = try SBXCrossover(probability: 0)
        let (c1, c2) = cross(sbx, [0.1, 1, 2, 3], [0.9, -1, -2, -3], seed: 1)
        #expect(c1 == [0.1, 1, 2, 3] && c2 == [0.9, -1, -2, -3])
    }

    @Test func sbxChildrenStayInBounds() throws {
        let sbx = try SBXCrossover(probability: 1, variableProbability: 1)
        for seed in 0..<200 as Range<UInt64> {
            let (c1, c2) = cross(sbx, [0.2, -4.9, 3, 0.5], [0.7, 4.8, -3, 0.6], seed: seed)
            for j in 0..<4 { #expect(c1[j] >= lower[j] && c1[j] <= upper[j] && c2[j] >= lower[j] && c2[j] <= upper[j]) }
        }
    }

    @Test func sbxFarFromTheBoundsIsSymmetricAboutTheMidpoint() throws {
        // With bounds far away both spread factors β → ∞, so β_q is the same for both children and
        // c1 + c2 = y1 + y2 (Deb & Agrawal's unbounded SBX).
        let sbx = try SBXCrossover(probability: 1, variableProbability: 1)
        var c1 = [0.0], c2 = [0.0]
        for seed in 0..<100 as Range<UInt64> {
            var rng = SeededGenerator(seed: seed)
            [0.3].withUnsafeBufferPointer { a in [0.6].withUnsafeBufferPointer { b in
                c1.withUnsafeMutableBufferPointer { o1 in c2.withUnsafeMutableBufferPointer { o2 in
                    [-1e9].withUnsafeBufferPointer { lo in [1e9].withUnsafeBufferPointer { hi in
                        sbx.cross(a, b, into: o1, o2, lower: lo, upper: hi, rng: &rng)
                    } }
                } }
            } }
            #expect(abs(c1[0] + c2[0] - 0.9) < 1e-9)
        }
    }

    @Test func sbxSkipsVariablesWhereParentsAgree() throws {
        let sbx = try SBXCrossover(probability: 1, variableProbability: 1)
        let (c1, c2) = cross(sbx, [0.5, 1, 1, 1], [0.5, 1, 1, 1], seed: 3)
        #expect(c1 == [0.5, 1, 1, 1] && c2 == [0.5, 1, 1, 1])
    }

    @Test func polynomialMutationRespectsBoundsAndProbability() throws {
        var rng = SeededGenerator(seed: 9)
        var changed = 0, total = 0
        for _ in 0..<2000 {
            var x = [0.999, 4.99, -4.99, 0]
            let before = x
            x.withUnsafeMutableBufferPointer { p in lower.withUnsafeBufferPointer { lo in upper.withUnsafeBufferPointer { hi in
                try! PolynomialMutation().mutate(p, lower: lo, upper: hi, rng: &rng)
            } } }
            for j in 0..<4 {
                #expect(x[j] >= lower[j] && x[j] <= upper[j])
                total += 1
                if x[j] != before[j] { changed += 1 }
            }
        }
        // p_m = 1/n = 1/4: about 2000 of 8000 variables change (binomial sd ≈ 39).
        #expect(abs(changed - 2000) < 200)
        #expect(throws: OptimizerError.self) { try PolynomialMutation(variableProbability: 2) }
        #expect(throws: OptimizerError.self) { try SBXCrossover(distributionIndex: -1) }
    }

    @Test func tournamentPrefersFeasibilityThenRankThenCrowding() {
        var rng = SeededGenerator(seed: 4)
        #expect(BinaryTournament.winner(0, 1, [0, 0], [1, 1], [1, 0], &rng) == 1)
        #expect(BinaryTournament.winner(0, 1, [2, 1], [9, 1], [0, 0], &rng) == 1)
        #expect(BinaryTournament.winner(0, 1, [1, 1], [0.5, 2], [0, 0], &rng) == 1)
        let winners = BinaryTournament.select(count: 1000, ranks: [0, 1, 2, 3], crowding: [1, 1, 1, 1], violations: [0, 0, 0, 0], rng: &rng)
        // Index 0 (rank 0) wins every tournament it enters: each of 2000 competitor slots is a
        // permutation slot, so it enters 500 tournaments and never loses.
        #expect(winners.filter { $0 == 0 }.count == 500)
        #expect(!winners.contains(3))
    }

    @Test func randomSamplingIsSeededAndInBounds() {
        var a = SeededGenerator(seed: 5), b = SeededGenerator(seed: 5)
        let x = RandomSampling.sample(count: 50, lower: lower, upper: upper, rng: &a)
        #expect(x == RandomSampling.sample(count: 50, lower: lower, upper: upper, rng: &b))
        for i in 0..<50 { for j in 0..<4 { #expect(x[i, j] >= lower[j] && x[i, j] < upper[j]) } }
    }

    @Test func constrictionCoefficientMatchesClercKennedy() {
        // φ = 4.1: χ = 2 / (2 − 4.1 − √(16.81 − 16.4)) = 2 / (−2.1 − 0.6403…) ≈ −0.7298 in jMetal's sign convention.
        let chi = ConstrictedVelocityUpdate.constriction(c1: 2.05, c2: 2.05)
        #expect(abs(chi - 2 / (2 - 4.1 - (4.1 * 4.1 - 16.4).squareRoot())) < 1e-15)
        #expect(ConstrictedVelocityUpdate.constriction(c1: 1.5, c2: 2.5) == 1)
    }
}
