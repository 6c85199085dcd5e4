import Foundation
import Testing
import NumericCore
@testable import ParetoOptimizers

/// Invariants of the gradient weightings over many seeded random Jacobians (the failing seed is
/// named in each message).
@Suite struct WeightingPropertyTests {
    typealias S = WeightingTestSupport
    static let shapes: [(k: Int, n: Int)] = [(2, 5), (2, 12), (3, 4), (3, 15), (5, 6), (5, 20), (5, 3), (3, 2)]

    /// Runs `body` for 40 seeds per shape.
    static func forEachCase(_ body: (_ seed: UInt64, _ j: Matrix<Double>, _ losses: [Double]) throws -> Void) rethrows {
        for (index, shape) in shapes.enumerated() {
            for s in 0..<40 {
                let seed = UInt64(index * 1000 + s)
                var rng = SeededGenerator(seed: seed)
                let j = S.jacobian(shape.k, shape.n, rng: &rng)
                let losses = (0..<shape.k).map { _ in rng.nextUniform(in: 0.1, 2) }
                try body(seed, j, losses)
            }
        }
    }

    @Test func upgradAndDualProjNeverConflictWithAnyGradient() throws {
        try Self.forEachCase { seed, j, losses in
            let g = j.gram()
            let trace = (0..<j.rows).reduce(0.0) { $0 + g[$1, $1] }
            for method in ["upgrad", "dualproj"] {
                let w = method == "upgrad" ? try S.call(UPGradWeighting(), gram: g, losses: losses)
                                           : try S.call(DualProjWeighting(), gram: g, losses: losses)
                let d = S.direction(w, j)
                for i in 0..<j.rows {
                    // The ridge εI on the unit-trace Gram matrix allows gᵢᵀd ≥ −ε·w_i·tr(G) exactly.
                    let allowed = 1e-4 * abs(w[i]) * trace * (1 + 1e-9) + 1e-12 * trace
                    #expect(S.dot(j.row(i), d) >= -allowed, "\(method) seed \(seed): g\(i)ᵀd = \(S.dot(j.row(i), d))")
                }
            }
            // Without the ridge (full-rank cases) the projection is exactly conflict-free.
            if j.columns >= j.rows {
                let exact = UPGradWeighting(configuration: try .init(preference: nil, regularization: 0))
                let d = S.direction(try S.call(exact, gram: g, losses: losses), j)
                for i in 0..<j.rows { #expect(S.dot(j.row(i), d) >= -1e-9 * trace, "seed \(seed) unregularized") }
            }
        }
    }

    @Test func upgradAndDualProjDoNotDependOnTheGradientsScale() throws {
        // Below TorchJD's absolute floor (trace 1e-4) too: the default normalizes any positive trace.
        try Self.forEachCase { seed, j, losses in
            let g = j.gram()
            var tiny = g
            tiny.storage = g.storage.map { $0 * 1e-9 }
            for pair in [(try S.call(UPGradWeighting(), gram: g, losses: losses), try S.call(UPGradWeighting(), gram: tiny, losses: losses)),
                         (try S.call(DualProjWeighting(), gram: g, losses: losses), try S.call(DualProjWeighting(), gram: tiny, losses: losses))] {
                #expect(S.maxDifference(pair.0, pair.1) <= 1e-9 * max(1, pair.0.map(abs).max()!), "seed \(seed)")
            }
        }
    }

    @Test func upgradAndDualProjKeepTheMeanWhenNothingConflicts() throws {
        var rng = SeededGenerator(seed: 5)
        for k in [2, 3, 5] {
            var j = Matrix<Double>(rows: k, columns: 8)
            for i in 0..<(k * 8) { j.storage[i] = rng.nextUniform(in: 0, 1) }  // positive orthant: no conflict
            let losses = [Double](repeating: 1, count: k)
            for w in [try S.call(UPGradWeighting(), gram: j.gram(), losses: losses), try S.call(DualProjWeighting(), gram: j.gram(), losses: losses)] {
                #expect(S.maxDifference(w, [Double](repeating: 1 / Double(k), count: k)) <= 1e-14)
            }
        }
    }

    @Test func pcgradRemovesTheConflictingComponentForTwoObjectives() throws {
        for s in 0..<200 {
            var rng = SeededGenerator(seed: UInt64(s))
            var j = S.jacobian(2, 3 + s % 10, rng: &rng)
            var g = j.gram()
            if g[0, 1] > 0 { for c in 0..<j.columns { j[1, c] = -j[1, c] }; g = j.gram() }
            let w = try S.call(PCGradWeighting(), gram: g, losses: [1, 1], seed: UInt64(s))
            // g1' = g1 − (g1·g2/‖g2‖²) g2 and g2' = g2 − (g1·g2/‖g1‖²) g1, summed.
            let expected = [1 - g[0, 1] / g[0, 0], 1 - g[0, 1] / g[1, 1]]
            #expect(S.maxDifference(w, expected) <= 1e-12, "seed \(s)")
            let g1 = j.row(0), g2 = j.row(1)
            let g1PC = zip(g1, g2).map { $0 - S.dot(g1, g2) / S.dot(g2, g2) * $1 }
            #expect(abs(S.dot(g1PC, g2)) <= 1e-10 * S.dot(g2, g2), "projection of g1 onto g2 removed, seed \(s)")
            // Without conflict nothing is removed.
            for c in 0..<j.columns { j[1, c] = -j[1, c] }
            #expect(try S.call(PCGradWeighting(), gram: j.gram(), losses: [1, 1]) == [1, 1])
        }
    }

    @Test func cagradWithZeroRadiusIsTheMeanGradient() throws {
        for rescale in CAGradWeighting.Rescale.allCases {
            let method = CAGradWeighting(configuration: try .init(c: 0, rescale: rescale))
            try Self.forEachCase { seed, j, losses in
                let w = try S.call(method, gram: j.gram(), losses: losses)
                #expect(w == [Double](repeating: 1 / Double(j.rows), count: j.rows), "seed \(seed)")
            }
        }
    }

    @Test func cagradImprovesTheWorstObjectiveAtLeastAsMuchAsTheMean() throws {
        // The solution maximizes min_i gᵢᵀd over the ball ‖d − g₀‖ ≤ c‖g₀‖, which contains g₀ itself.
        let method = CAGradWeighting(configuration: try .init(c: 0.5, rescale: .none))
        try Self.forEachCase { seed, j, losses in
            let d = S.direction(try S.call(method, gram: j.gram(), losses: losses), j)
            let g0 = S.direction([Double](repeating: 1 / Double(j.rows), count: j.rows), j)
            let worst = (0..<j.rows).map { S.dot(j.row($0), d) }.min()!
            let worstMean = (0..<j.rows).map { S.dot(j.row($0), g0) }.min()!
            let radius = zip(d, g0).map { ($0 - $1) * ($0 - $1) }.reduce(0, +).squareRoot()
            #expect(radius <= 0.5 * S.norm(g0) * (1 + 1e-9) + 1e-12, "seed \(seed): inside the ball")
            #expect(worst >= worstMean - 1e-9 * S.dot(g0, g0) - 1e-12, "seed \(seed): \(worst) < \(worstMean)")
        }
    }

    @Test func imtlGDirectionIsUnchangedWhenOneGradientIsScaled() throws {
        try Self.forEachCase { seed, j, losses in
            guard j.columns >= j.rows else { return }  // IMTL-G's equal-projection solution needs independent gradients
            let d = S.direction(try S.call(IMTLGWeighting(), gram: j.gram(), losses: losses), j)
            // Equal projections on every unit gradient.
            let projections = (0..<j.rows).map { S.dot(j.row($0), d) / S.norm(j.row($0)) }
            #expect(projections.max()! - projections.min()! <= 1e-9 * abs(projections[0]), "seed \(seed): \(projections)")
            var scaled = j
            let i = Int(seed % UInt64(j.rows)), factor = 0.1 + Double(seed % 7) * 1.5
            for c in 0..<j.columns { scaled[i, c] *= factor }
            let d2 = S.direction(try S.call(IMTLGWeighting(), gram: scaled.gram(), losses: losses), scaled)
            // Same line; the orientation follows the sign of 1ᵀG⁻¹n, the normalizer of Σα = 1, which the
            // scaling may flip (then the paper's and TorchJD's α point uphill for every objective).
            let cosine = S.dot(d, d2) / (S.norm(d) * S.norm(d2))
            let sign = try Self.imtlNormalizerSign(j) * Self.imtlNormalizerSign(scaled)
            #expect(abs(cosine - sign) <= 1e-10, "seed \(seed): cosine \(cosine), normalizer signs \(sign)")
        }
    }

    /// The sign of `1ᵀG⁻¹n` (`n_i = ‖g_i‖`), by Cholesky.
    static func imtlNormalizerSign(_ j: Matrix<Double>) throws -> Double {
        let g = j.gram()
        let v = try g.choleskySolve(vector: (0..<j.rows).map { g[$0, $0].squareRoot() })
        return v.reduce(0, +) >= 0 ? 1 : -1
    }

    @Test func nashMTLSolvesTheBargainingEquations() throws {
        let method = try NashMTLWeighting(configuration: .init(maxNorm: 0))
        try Self.forEachCase { seed, j, losses in
            guard j.columns >= j.rows else { return }  // the solution exists when G is non-singular
            let g = j.gram()
            let alpha = try S.call(method, gram: g, losses: losses)
            for i in 0..<j.rows {
                let gi = (0..<j.rows).reduce(0.0) { $0 + g[i, $1] * alpha[$1] }
                #expect(abs(alpha[i] * gi - 1) <= 1e-9, "seed \(seed): α\(i)(Gα)\(i) = \(alpha[i] * gi)")
            }
        }
        // Orthogonal gradients: α_i = 1/‖g_i‖.
        let diagonal = try Matrix<Double>([[4, 0, 0], [0, 9, 0], [0, 0, 0.25]])
        let alpha = try S.call(method, gram: diagonal, losses: [1, 1, 1])
        #expect(S.maxDifference(alpha, [0.5, 1.0 / 3.0, 2]) <= 1e-12)
    }

    @Test func nashMTLReproducesTorchJDsDocumentedExample() throws {
        // torchjd 0.18 docstring: NashMTL(n_tasks=2) on J = [[-4, 1, 1], [6, 1, 1]] gives [0.0542, 0.7061, 0.7061].
        let j = try Matrix<Double>([[-4, 1, 1], [6, 1, 1]])
        let d = S.direction(try S.call(try NashMTLWeighting(configuration: .init()), gram: j.gram(), losses: [1, 1]), j)
        #expect(S.maxDifference(d, [0.0542, 0.7061, 0.7061]) <= 5e-5)
    }

    @Test func alignedMTLEqualizesTheSingularValues() throws {
        try Self.forEachCase { seed, j, losses in
            guard j.columns >= j.rows else { return }
            let k = j.rows, g = j.gram()
            // Columns of B from unit preferences; then B G B = λ_min I.
            var b = Matrix<Double>(rows: k, columns: k)
            for c in 0..<k {
                let unit = (0..<k).map { $0 == c ? 1.0 : 0 }
                let column = try S.call(AlignedMTLWeighting(configuration: try .init(preference: unit)), gram: g, losses: losses)
                for r in 0..<k { b[r, c] = column[r] }
            }
            let bgb = try b.multiplied(by: try g.multiplied(by: b))
            let smallest = try g.symmetricEigen().values.first!
            for r in 0..<k {
                for c in 0..<k {
                    #expect(abs(bgb[r, c] - (r == c ? smallest : 0)) <= 1e-8 * g.storage.map(abs).max()!, "seed \(seed) (\(r), \(c))")
                }
            }
        }
    }

    @Test func epoDrivesTheConvexProblemToThePreferenceRay() throws {
        // EPO balances until the non-uniformity μ = Σ l̂ log(K l̂) of l̂ = r⊙f/Σr⊙f is below its
        // tolerance, then descends: the end point is on the front with μ at most about the tolerance,
        // so a tighter tolerance gives a tighter r₁f₁ = r₂f₂.
        let problem = try ConvexBiObjective(variables: 3)
        let d = problem.anchorDistanceSquared
        for (tolerance, imbalance) in [(1e-4, 0.02), (1e-9, 1e-3)] {
            for preference in [[0.3, 0.7], [0.5, 0.5], [0.8, 0.2], [0.15, 0.85]] {
                let method = EPOWeighting(configuration: try .init(preference: preference, tolerance: tolerance))
                var state = try method.initialState(objectives: 2)
                var rng = SeededGenerator(seed: 3)
                var x = [0.9, 0.1, 0.6]
                for step in 0..<3000 {
                    let (f, jac) = try problem.evaluateWithJacobian(x)
                    let w = try method.weights(WeightingInput(gram: jac.gram(), losses: f, step: step), state: &state, rng: &rng)
                    let direction = S.direction(w, jac)
                    x = zip(x, direction).map { $0 - 0.01 * $1 }
                }
                let f = try problem.evaluate(x)
                let rf = [preference[0] * f[0], preference[1] * f[1]]
                let hat = rf.map { $0 / (rf[0] + rf[1]) }
                let mu = hat.reduce(0.0) { $0 + $1 * log(2 * $1) }
                #expect(mu <= 2 * tolerance, "r = \(preference), tolerance \(tolerance): μ = \(mu)")
                #expect(abs(rf[0] - rf[1]) <= imbalance * (rf[0] + rf[1]), "r = \(preference): r⊙f = \(rf)")
                #expect(abs(f[0].squareRoot() + f[1].squareRoot() - d.squareRoot()) <= 1e-4, "r = \(preference): on the front, f = \(f)")
            }
        }
    }
}
