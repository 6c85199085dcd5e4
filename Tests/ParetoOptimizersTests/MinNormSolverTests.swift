import Testing
import Foundation
import PropertyBased
import NumericCore
@testable import ParetoOptimizers

/// Random gradients (M rows, n columns) from a seed: Gaussian, sometimes made non-conflicting,
/// sometimes with a duplicated or scaled row (degenerate hulls).
private func randomGradients(seed: UInt64, m: Int, n: Int) -> Matrix<Double> {
    var rng = SeededGenerator(seed: seed)
    var g = Matrix<Double>(rows: m, columns: n)
    for i in 0..<m { for j in 0..<n { g[i, j] = rng.nextGaussian() * (1 + Double(i)) } }
    if m >= 3 && rng.nextUniform() < 0.2 {  // duplicate direction with another length
        let s = 0.5 + rng.nextUniform()
        for j in 0..<n { g[m - 1, j] = s * g[0, j] }
    }
    return g
}

private func product(_ gram: Matrix<Double>, _ w: [Double]) -> [Double] {
    (0..<gram.rows).map { i in (0..<gram.columns).reduce(0.0) { $0 + gram[i, $1] * w[$1] } }
}

/// Brute force: the min over all faces (non-empty index subsets) of the equality-constrained
/// minimum `min vᵀG_S v, 1ᵀv = 1`, kept when `v ≥ 0`. Faces with a singular KKT system are skipped
/// (an affinely independent face always attains the optimum). Own Gaussian elimination, written here.
private func bruteForceMinNorm(_ gram: Matrix<Double>) -> Double {
    let m = gram.rows
    var best = Double.infinity
    for mask in 1..<(1 << m) {
        let face = (0..<m).filter { mask & (1 << $0) != 0 }
        let s = face.count, n = s + 1
        var a = [[Double]](repeating: [Double](repeating: 0, count: n + 1), count: n)
        for (i, p) in face.enumerated() {
            for (j, q) in face.enumerated() { a[i][j] = gram[p, q] }
            a[i][s] = 1; a[s][i] = 1
        }
        a[s][n] = 1
        var singular = false
        for c in 0..<n {
            guard let piv = (c..<n).max(by: { abs(a[$0][c]) < abs(a[$1][c]) }), abs(a[piv][c]) > 1e-12 else {
                singular = true; break
            }
            a.swapAt(c, piv)
            for r in 0..<n where r != c {
                let f = a[r][c] / a[c][c]
                for k in c...n { a[r][k] -= f * a[c][k] }
            }
        }
        if singular { continue }
        let v = (0..<s).map { a[$0][n] / a[$0][$0] }
        if v.contains(where: { $0 < -1e-12 }) { continue }
        var w = [Double](repeating: 0, count: m)
        for (i, p) in face.enumerated() { w[p] = max(0, v[i]) }
        let gw = product(gram, w)
        best = min(best, zip(w, gw).reduce(0.0) { $0 + $1.0 * $1.1 })
    }
    return best
}

@Suite struct MinNormSolverTests {
    static let methods: [MinNormMethod] = [.automatic, .activeSet]

    @Test func weightsOnSimplexSatisfyKKTAndMatchBruteForce() async throws {
        await propertyCheck(count: 300, input: Gen<UInt64>.value(in: 0...UInt64.max),
                            Gen<Int>.value(in: 2...4), Gen<Int>.value(in: 1...6)) { seed, m, n in
            let gram = randomGradients(seed: seed, m: m, n: n).gram()
            let scale = (0..<m).map { gram[$0, $0] }.max()!
            let brute = bruteForceMinNorm(gram)
            for method in Self.methods {
                let r = try minNormWeights(gram: gram, method: method)
                #expect(r.weights.allSatisfy { $0 >= 0 }, "seed \(seed) \(method)")
                #expect(abs(r.weights.reduce(0, +) - 1) < 1e-12, "seed \(seed) \(method)")
                let gw = product(gram, r.weights)
                let value = zip(r.weights, gw).reduce(0.0) { $0 + $1.0 * $1.1 }
                let tol = 1e-8 * scale
                for k in 0..<m {
                    #expect(gw[k] >= value - tol, "seed \(seed) \(method): (Gw)_\(k) < wᵀGw")
                    if r.weights[k] > 1e-6 { #expect(abs(gw[k] - value) <= tol, "seed \(seed) \(method): complementarity \(k)") }
                }
                #expect(abs(r.squaredNorm - brute) <= 1e-8 * scale, "seed \(seed) \(method): \(r.squaredNorm) vs brute \(brute)")
                #expect(r.converged, "seed \(seed) \(method)")
            }
        }
    }

    @Test func frankWolfeApproachesTheExactMinimumWithinItsGap() async throws {
        await propertyCheck(count: 200, input: Gen<UInt64>.value(in: 0...UInt64.max), Gen<Int>.value(in: 2...5)) { seed, m in
            let gram = randomGradients(seed: seed, m: m, n: 4).gram()
            let exact = try minNormWeights(gram: gram, method: .activeSet)
            let fw = try minNormWeights(gram: gram, method: .frankWolfe, maxIterations: 2000, tolerance: 1e-9)
            #expect(fw.iterations <= 2000)
            #expect(fw.weights.allSatisfy { $0 >= 0 } && abs(fw.weights.reduce(0, +) - 1) < 1e-12)
            // Convexity: f(w) − f* ≤ ∇f(w)ᵀ(w − e_t) = 2(wᵀGw − (Gw)_t) = 2·gap, for f(w) = wᵀGw.
            #expect(fw.squaredNorm >= exact.squaredNorm - 1e-12 * gram[0, 0])
            #expect(fw.squaredNorm - exact.squaredNorm <= 2 * fw.gap + 1e-12, "seed \(seed)")
            if fw.converged { #expect(fw.squaredNorm - exact.squaredNorm <= 2e-9 * (0..<m).map { gram[$0, $0] }.max()!) }
        }
    }

    @Test func frankWolfeRespectsItsIterationCap() throws {
        // Three vectors whose min-norm point (the origin) is interior: FW zig-zags, never exact.
        let g = try Matrix<Double>([[1, 0], [-0.5, 0.9], [-0.5, -0.9]])
        let r = try minNormWeights(gram: g.gram(), method: .frankWolfe, maxIterations: 7, tolerance: 0)
        #expect(r.iterations == 7)
        #expect(!r.converged)
        let exact = try minNormWeights(gram: g.gram())
        #expect(exact.converged && exact.squaredNorm < 1e-20)
    }

    @Test func twoObjectiveClosedFormEqualsFrankWolfe() async throws {
        await propertyCheck(count: 300, input: Gen<UInt64>.value(in: 0...UInt64.max), Gen<Int>.value(in: 1...8)) { seed, n in
            let gram = randomGradients(seed: seed, m: 2, n: n).gram()
            let closed = try minNormWeights(gram: gram)
            let fw = try minNormWeights(gram: gram, method: .frankWolfe)
            #expect(abs(closed.weights[0] - fw.weights[0]) <= 1e-9, "seed \(seed)")
            #expect(abs(closed.squaredNorm - fw.squaredNorm) <= 1e-12 * max(gram[0, 0], gram[1, 1]), "seed \(seed)")
        }
    }

    @Test func twoObjectiveClosedFormKnownAnswers() throws {
        // g1 = (1, 0), g2 = (0, 1): min-norm point (1/2, 1/2), ‖·‖² = 1/2.
        let r = try minNormWeights(gram: Matrix([[1, 0], [0, 1]]))
        #expect(r.weights == [0.5, 0.5] && r.squaredNorm == 0.5)
        // g1 = (1, 0), g2 = (2, 1): ⟨g1, g2⟩ = 2 ≥ ‖g1‖² = 1, so the hull's closest point is g1.
        let s = try minNormWeights(gram: Matrix([[1, 2], [2, 5]]))
        #expect(s.weights == [1, 0] && s.squaredNorm == 1)
        // g1 = (2, 0), g2 = (0, 1): w1 = (1 − 0)/(4 + 1) = 1/5, d = (2/5, 4/5), ‖d‖² = 4/5.
        let t = try minNormWeights(gram: Matrix([[4, 0], [0, 1]]))
        #expect(abs(t.weights[0] - 0.2) < 1e-15 && abs(t.squaredNorm - 0.8) < 1e-15)
    }

    @Test func permutingTheGradientsPermutesTheWeights() async throws {
        await propertyCheck(count: 200, input: Gen<UInt64>.value(in: 0...UInt64.max), Gen<Int>.value(in: 2...5)) { seed, m in
            let g = randomGradients(seed: seed, m: m, n: 3)
            var rng = SeededGenerator(seed: seed ^ 0x5eed)
            var perm = Array(0..<m)
            rng.shuffle(&perm)
            let r = try minNormWeights(gram: g.gram())
            let p = try minNormWeights(gram: g.selectingRows(perm).gram())
            #expect(abs(r.squaredNorm - p.squaredNorm) <= 1e-10 * max(1, r.squaredNorm), "seed \(seed)")
            // Directions agree even if weights are not unique (duplicated gradients).
            let d = (0..<3).map { j in (0..<m).reduce(0.0) { $0 + r.weights[$1] * g[$1, j] } }
            let dp = (0..<3).map { j in (0..<m).reduce(0.0) { $0 + p.weights[$1] * g[perm[$1], j] } }
            for j in 0..<3 { #expect(abs(d[j] - dp[j]) <= 1e-6 * (1 + abs(d[j])), "seed \(seed)") }
        }
    }

    @Test func scalingAllGradientsLeavesTheWeightsAndScalesTheNorm() async throws {
        await propertyCheck(count: 200, input: Gen<UInt64>.value(in: 0...UInt64.max), Gen<Int>.value(in: 2...4),
                            Gen<Double>.double(in: -6...6)) { seed, m, logScale in
            let gram = randomGradients(seed: seed, m: m, n: 5).gram()
            let c = exp(logScale * 2.302585092994046)
            var scaled = gram
            for i in scaled.storage.indices { scaled.storage[i] *= c * c }
            let r = try minNormWeights(gram: gram), s = try minNormWeights(gram: scaled)
            for k in 0..<m { #expect(abs(r.weights[k] - s.weights[k]) <= 1e-7, "seed \(seed)") }
            #expect(abs(s.squaredNorm - c * c * r.squaredNorm) <= 1e-8 * c * c * max(gram[0, 0], 1e-300) + 1e-300)
        }
    }

    @Test func nonConflictingGradientsGiveACommonDescentDirection() async throws {
        await propertyCheck(count: 200, input: Gen<UInt64>.value(in: 0...UInt64.max), Gen<Int>.value(in: 2...4)) { seed, m in
            // All gradients within 40° of a common axis: pairwise positive inner products.
            var rng = SeededGenerator(seed: seed)
            let n = 4
            var g = Matrix<Double>(rows: m, columns: n)
            for i in 0..<m {
                g[i, 0] = 1 + rng.nextUniform()
                for j in 1..<n { g[i, j] = 0.4 * (2 * rng.nextUniform() - 1) }
            }
            let r = try minNormWeights(gram: g.gram())
            let d = (0..<n).map { j in (0..<m).reduce(0.0) { $0 + r.weights[$1] * g[$1, j] } }
            #expect(r.squaredNorm > 0)
            for k in 0..<m {
                let dot = (0..<n).reduce(0.0) { $0 + d[$1] * g[k, $1] }
                #expect(dot >= r.squaredNorm * (1 - 1e-9), "seed \(seed): ⟨d, g_\(k)⟩ = \(dot) < ‖d‖²")
            }
        }
    }

    @Test func oneGradientInsideTheConeIsChosen() throws {
        // g2 = (1, 1) has ⟨g1, g2⟩ = 1 ≥ ‖g1‖² = 1 where g1 = (1, 0): the min-norm point is g1 itself.
        let g = try Matrix<Double>([[1, 0], [1, 1], [3, -0.5]])
        let r = try minNormWeights(gram: g.gram())
        #expect(abs(r.weights[0] - 1) < 1e-12 && abs(r.squaredNorm - 1) < 1e-12)
    }

    @Test func invalidGramMatricesThrowTypedErrors() throws {
        #expect(throws: MinNormError.empty) { try minNormWeights(gram: Matrix(rows: 0, columns: 0)) }
        #expect(throws: MinNormError.self) { try minNormWeights(gram: Matrix(rows: 2, columns: 3)) }
        #expect(throws: MinNormError.self) { try minNormWeights(gram: Matrix([[1, .nan], [.nan, 1]])) }
        #expect(throws: MinNormError.self) { try minNormWeights(gram: Matrix([[-1, 0], [0, 1]])) }
        #expect(throws: MinNormError.self) { try minNormWeights(gram: Matrix([[1, 0], [0, 1]]), maxIterations: 0) }
    }
}

@Suite struct GradientNormalizationTests {
    @Test func normalizersFollowSenerKoltun() throws {
        let sq = [4.0, 9.0]  // ‖g‖ = 2, 3
        #expect(try GradientNormalization.none.normalizers(squaredNorms: sq, losses: nil) == [1, 1])
        #expect(try GradientNormalization.l2.normalizers(squaredNorms: sq, losses: nil) == [2, 3])
        #expect(try GradientNormalization.loss.normalizers(squaredNorms: sq, losses: [0.5, 2]) == [0.5, 2])
        #expect(try GradientNormalization.lossPlus.normalizers(squaredNorms: sq, losses: [0.5, 2]) == [1, 6])
        #expect(throws: MinNormError.self) { try GradientNormalization.loss.normalizers(squaredNorms: sq, losses: nil) }
        #expect(throws: MinNormError.self) { try GradientNormalization.loss.normalizers(squaredNorms: sq, losses: [1, -1]) }
        #expect(throws: MinNormError.self) { try GradientNormalization.lossPlus.normalizers(squaredNorms: sq, losses: [1]) }
    }

    @Test func l2NormalizationSolvesOnUnitGradientsAndRescalesTheDirection() throws {
        // g1 = (2, 0), g2 = (0, 1): unit vectors e1, e2 → w = (1/2, 1/2), α = (1/4, 1/2), d = (1/2, 1/2).
        let g = try Matrix<Double>([[2, 0], [0, 1]])
        let step = try mgdaStep(gradients: g, normalization: .l2)
        #expect(step.solution.weights == [0.5, 0.5])
        #expect(step.directionCoefficients == [0.25, 0.5])
        // Float gradients give the same answer (Gram formed in Double).
        let gf = try Matrix<Float>([[2, 0], [0, 1]])
        #expect(try mgdaStep(gradients: gf, normalization: .l2) == step)
    }

    @Test func floatAndDoubleGradientsAgree() async throws {
        await propertyCheck(count: 50, input: Gen<UInt64>.value(in: 0...UInt64.max)) { seed in
            let g = randomGradients(seed: seed, m: 3, n: 50)
            let gf = try Matrix<Float>(rows: 3, columns: 50, storage: g.storage.map { Float($0) })
            let back = try Matrix<Double>(rows: 3, columns: 50, storage: gf.storage.map { Double($0) })
            let a = try mgdaStep(gradients: gf), b = try mgdaStep(gradients: back)
            #expect(a == b, "seed \(seed)")
        }
    }
}
