import Foundation
import Testing
import NumericCore
@testable import ParetoOptimizers

/// Expected improvement, EHVI and the Sobol sequence against closed forms, hand cases and Monte Carlo.
@Suite struct AcquisitionTests {
    @Test func sobolSequenceStartsWithTheKnownPointsAndStratifies() throws {
        let s = try SobolSequence(dimension: 2)
        let p = s.points(from: 0, count: 3)
        #expect(p == [[0.5, 0.5], [0.75, 0.25], [0.25, 0.75]])
        // 0 together with the first 2^m − 1 points puts one point in each interval [i/2^m, (i+1)/2^m).
        let first = [[0.0, 0.0]] + s.points(from: 0, count: 15)
        for d in 0..<2 { #expect(Set(first.map { Int($0[d] * 16) }) == Set(0..<16)) }
        #expect(s.points(from: 5, count: 2) == Array(s.points(from: 0, count: 7).suffix(2)))
        var rng = SeededGenerator(seed: 3)
        let shifted = try SobolSequence(dimension: 45, rng: &rng)  // Halton beyond 40 dimensions
        #expect(shifted.points(from: 0, count: 20).allSatisfy { $0.count == 45 && $0.allSatisfy { (0..<1).contains($0) } })
        #expect(throws: OptimizerError.self) { try SobolSequence(dimension: 0) }
    }

    @Test func logExpectedImprovementEqualsTheDirectFormulaAndStaysFiniteFarBelow() {
        for z in stride(from: -8.0, through: 5.0, by: 0.5) {
            let direct = log(GaussianTail.density(z) + z * GaussianTail.distribution(z))
            #expect(abs(ExpectedImprovement.logH(z).value - direct) <= 1e-7 * max(1, abs(direct)), "z = \(z)")
        }
        for z in [-0.5, -3.0, -20.0, -39.9, -45.0] {
            let h = 1e-5
            let fd = (ExpectedImprovement.logH(z + h).value - ExpectedImprovement.logH(z - h).value) / (2 * h)
            #expect(abs(ExpectedImprovement.logH(z).derivative - fd) <= 1e-5 * max(1, abs(fd)), "z = \(z)")
        }
        // The series and the hazard-function branch meet at t = 40.
        #expect(abs(ExpectedImprovement.logH(-40 + 1e-9).value - ExpectedImprovement.logH(-40 - 1e-9).value) < 1e-6)
        #expect(ExpectedImprovement.logH(-1e4).value.isFinite)
        // log EI = log σ + log h((f* − μ)/σ), and its mean/deviation derivatives.
        let (v, dm, ds) = ExpectedImprovement.logValue(best: 1, mean: 1.3, deviation: 0.2)
        #expect(abs(v - (log(0.2) + ExpectedImprovement.logH(-1.5).value)) < 1e-12)
        let e = 1e-6
        #expect(abs(dm - (ExpectedImprovement.logValue(best: 1, mean: 1.3 + e, deviation: 0.2).value
                          - ExpectedImprovement.logValue(best: 1, mean: 1.3 - e, deviation: 0.2).value) / (2 * e)) < 1e-5)
        #expect(abs(ds - (ExpectedImprovement.logValue(best: 1, mean: 1.3, deviation: 0.2 + e).value
                          - ExpectedImprovement.logValue(best: 1, mean: 1.3, deviation: 0.2 - e).value) / (2 * e)) < 1e-5)
    }

    static let front2 = try! Matrix([[1.0, 3.0], [2.0, 2.0], [3.0, 1.0], [3.5, 3.5]])

    @Test func twoObjectiveEHVIOfANearlyCertainPointIsItsImprovementByHand() throws {
        let ehvi = try ExpectedHypervolumeImprovement(front: Self.front2, reference: [4, 4])
        #expect(ehvi.front.rows == 3)  // (3.5, 3.5) is dominated
        // Box [1.5, 4]² = 6.25 minus the front's part of it, (4 − 1.5)(4 − 3) + (4 − 2)(3 − 2) + (4 − 3)(2 − 1.5) = 5.
        let v = try ehvi.value(mean: [1.5, 1.5], deviation: [1e-9, 1e-9]).value
        #expect(abs(v - 1.25) < 1e-8)
        #expect(abs(try ehvi.improvement([1.5, 1.5]).0 - 1.25) < 1e-12)
        #expect(try ehvi.value(mean: [3.5, 3.5], deviation: [1e-9, 1e-9]).value < 1e-12)
        // With nothing in front: E[(4 − a)⁺]·E[(4 − b)⁺].
        let empty = try ExpectedHypervolumeImprovement(front: Matrix(rows: 0, columns: 2), reference: [4, 4])
        let a = GaussianTail.positivePart(4, mean: 3, standardDeviation: 0.5).value, b = GaussianTail.positivePart(4, mean: 3.5, standardDeviation: 1).value
        #expect(abs(try empty.value(mean: [3, 3.5], deviation: [0.5, 1]).value - a * b) < 1e-12)
    }

    @Test func twoObjectiveEHVIMatchesMonteCarloAndFiniteDifferences() throws {
        let ehvi = try ExpectedHypervolumeImprovement(front: Self.front2, reference: [4, 4])
        let mu = [2.2, 1.7], s = [0.4, 0.6]
        let (exact, dMu, dS) = try ehvi.value(mean: mu, deviation: s)
        var rng = SeededGenerator(seed: 21)
        var sum = 0.0, sum2 = 0.0
        let count = 100_000
        for _ in 0..<count {
            let y = [mu[0] + s[0] * rng.nextGaussian(), mu[1] + s[1] * rng.nextGaussian()]
            let v = try ExpectedHypervolumeImprovement.improvement(y, front: ehvi.front, reference: [4, 4])
            sum += v; sum2 += v * v
        }
        let mean = sum / Double(count), se = ((sum2 / Double(count) - mean * mean) / Double(count)).squareRoot()
        #expect(abs(exact - mean) < 4 * se, "exact \(exact), Monte Carlo \(mean) ± \(se)")
        let h = 1e-6
        for j in 0..<2 {
            var up = mu, down = mu
            up[j] += h; down[j] -= h
            let fd = (try ehvi.value(mean: up, deviation: s).value - ehvi.value(mean: down, deviation: s).value) / (2 * h)
            #expect(abs(dMu[j] - fd) < 1e-6)
            var su = s, sd = s
            su[j] += h; sd[j] -= h
            let fs = (try ehvi.value(mean: mu, deviation: su).value - ehvi.value(mean: mu, deviation: sd).value) / (2 * h)
            #expect(abs(dS[j] - fs) < 1e-6)
        }
    }

    @Test func threeObjectiveQuasiMonteCarloEHVIMatchesPlainMonteCarlo() throws {
        let front = try Matrix([[1.0, 2.0, 3.0], [2.0, 3.0, 1.0], [3.0, 1.0, 2.0], [2.0, 2.0, 2.5]])
        let reference = [4.0, 4.0, 4.0]
        let ehvi = try ExpectedHypervolumeImprovement(front: front, reference: reference, samples: 2048)
        let mu = [1.8, 1.9, 2.1], s = [0.5, 0.4, 0.6]
        let qmc = try ehvi.value(mean: mu, deviation: s).value
        var rng = SeededGenerator(seed: 4)
        var sum = 0.0, sum2 = 0.0
        let count = 20_000
        for _ in 0..<count {
            let y = (0..<3).map { mu[$0] + s[$0] * rng.nextGaussian() }
            let v = try ehvi.improvement(y).0
            sum += v; sum2 += v * v
        }
        let mean = sum / Double(count), se = ((sum2 / Double(count) - mean * mean) / Double(count)).squareRoot()
        #expect(abs(qmc - mean) < 4 * se + 0.01 * mean, "QMC \(qmc), Monte Carlo \(mean) ± \(se)")
        // The improvement's gradient (slices of the improvement region) against finite differences.
        for y in [[1.5, 1.5, 1.5], [2.5, 0.5, 3.0], [0.5, 2.5, 2.8]] {
            let (_, g) = try ehvi.improvement(y)
            for j in 0..<3 {
                var up = y, down = y
                up[j] += 1e-6; down[j] -= 1e-6
                let fd = (try ehvi.improvement(up).0 - ehvi.improvement(down).0) / 2e-6
                #expect(abs(g[j] - fd) < 1e-5, "y \(y) d\(j): \(g[j]) vs \(fd)")
            }
        }
    }
}
