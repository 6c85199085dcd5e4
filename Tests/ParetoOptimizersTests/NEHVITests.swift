import Foundation
import Testing
import NumericCore
import ParetoCore
@testable import ParetoOptimizers

/// NEHVI against BoTorch's qNEHVI, against EHVI without noise, and its gradient.
@Suite struct NEHVITests {
    struct Hyper: Decodable { var lengthscales: [Double]; var signalVariance: Double; var noiseVariance: Double }
    struct FixtureCase: Decodable {
        var x: [[Double]]; var y: [[Double]]; var reference: [Double]; var testX: [[Double]]
        var hyperparameters: [Hyper]; var nehvi: [Double]; var standardError: [Double]
    }
    struct Fixture: Decodable { var generator: String; var cases: [FixtureCase] }

    static let unitBox = try! SearchBox(lower: [0, 0], upper: [1, 1])

    /// One GP per objective column of `y` with fixed hyper-parameters.
    static func models(x: [[Double]], y: [[Double]], hyper: [Hyper]) throws -> [GaussianProcess] {
        try hyper.enumerated().map { j, h in
            try GaussianProcess(x: Matrix(x), y: y.map { $0[j] }, box: unitBox,
                                hyperparameters: GPHyperparameters(lengthscales: h.lengthscales, signalVariance: h.signalVariance,
                                                                   noiseVariance: h.noiseVariance))
        }
    }

    /// Mean and standard error of NEHVI at `x` over `repeats` independent draws of `samples` each.
    static func estimate(_ models: [GaussianProcess], reference: [Double], at x: [Double], samples: Int, repeats: Int) throws -> (Double, Double) {
        var values: [Double] = []
        for r in 0..<repeats {
            var rng = SeededGenerator(seed: UInt64(1000 + r))
            let nehvi = try NoisyExpectedHypervolumeImprovement(models: models, reference: reference, samples: samples, rng: &rng)
            values.append(try nehvi.value(x).value)
        }
        let mean = values.reduce(0, +) / Double(repeats)
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(repeats - 1)
        return (mean, (variance / Double(repeats)).squareRoot())
    }

    @Test func equalsBoTorchQNEHVIOnFixtures() throws {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/nehvi_botorch", withExtension: "json"))
        let fixture = try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
        #expect(!fixture.cases.isEmpty)
        for c in fixture.cases {
            let gps = try Self.models(x: c.x, y: c.y, hyper: c.hyperparameters)
            for (i, t) in c.testX.enumerated() {
                let (ours, se) = try Self.estimate(gps, reference: c.reference, at: t, samples: 1024, repeats: 8)
                let tolerance = 4 * (se * se + c.standardError[i] * c.standardError[i]).squareRoot()
                #expect(c.nehvi[i] > 0)
                #expect(abs(ours - c.nehvi[i]) <= tolerance, "M = \(c.reference.count), x \(t): ours \(ours) ± \(se), BoTorch \(c.nehvi[i]) ± \(c.standardError[i])")
            }
        }
    }

    @Test func withoutNoiseNEHVIEqualsExactEHVI() throws {
        let x = [[0.1, 0.2], [0.4, 0.9], [0.7, 0.3], [0.9, 0.8], [0.25, 0.6], [0.55, 0.1]]
        let y = x.map { [$0[0], (1 + $0[1]) * (1 - $0[0].squareRoot())] }
        let hyper = [Hyper(lengthscales: [0.4, 0.6], signalVariance: 1, noiseVariance: 1e-9),
                     Hyper(lengthscales: [0.5, 0.5], signalVariance: 1, noiseVariance: 1e-9)]
        let gps = try Self.models(x: x, y: y, hyper: hyper)
        let reference = [1.1, 2.2]
        let ehvi = try ExpectedHypervolumeImprovement(front: Matrix(y), reference: reference)
        for t in [[0.3, 0.05], [0.8, 0.0], [0.02, 0.4]] {
            let p = gps.map { $0.predict(t) }
            let exact = try ehvi.value(mean: p.map(\.mean), deviation: p.map { $0.variance.squareRoot() }).value
            let (mc, se) = try Self.estimate(gps, reference: reference, at: t, samples: 1024, repeats: 8)
            #expect(exact > 0)
            #expect(abs(mc - exact) <= 4 * se + 1e-9, "x \(t): NEHVI \(mc) ± \(se), EHVI \(exact)")
        }
    }

    @Test(arguments: [2, 3])
    func gradientMatchesFiniteDifferences(objectives: Int) throws {
        let x = [[0.1, 0.2], [0.4, 0.9], [0.7, 0.3], [0.9, 0.8], [0.25, 0.6], [0.55, 0.1], [0.35, 0.35]]
        let y = x.map { v in [v[0], (1 + v[1]) * (1 - v[0].squareRoot()), 0.6 * (v[0] - 0.5) * (v[0] - 0.5) + v[1]].prefix(objectives).map { $0 } }
        let hyper = (0..<objectives).map { j in Hyper(lengthscales: [0.4 + 0.1 * Double(j), 0.6], signalVariance: 1, noiseVariance: 0.05) }
        let gps = try Self.models(x: x, y: y, hyper: hyper)
        var rng = SeededGenerator(seed: 3)
        let nehvi = try NoisyExpectedHypervolumeImprovement(models: gps, reference: [1.2, 2.2, 1.3].prefix(objectives).map { $0 },
                                                            samples: 64, rng: &rng)
        for t in [[0.3, 0.15], [0.62, 0.41]] {
            let (v, g) = try nehvi.value(t)
            #expect(v > 0)
            for d in 0..<2 {
                var up = t, down = t
                up[d] += 1e-6; down[d] -= 1e-6
                let fd = (try nehvi.value(up).value - nehvi.value(down).value) / 2e-6
                #expect(abs(g[d] - fd) <= 1e-4 * max(1, abs(fd)), "M = \(objectives), x \(t), d\(d): \(g[d]) vs \(fd)")
            }
        }
    }

    @Test func invalidInputsAreClearErrors() throws {
        let gps = try Self.models(x: [[0.1, 0.2], [0.5, 0.5]], y: [[1, 2], [2, 1]],
                                  hyper: [Hyper(lengthscales: [0.5, 0.5], signalVariance: 1, noiseVariance: 0.01),
                                          Hyper(lengthscales: [0.5, 0.5], signalVariance: 1, noiseVariance: 0.01)])
        var rng = SeededGenerator(seed: 1)
        #expect(throws: OptimizerError.self) { try NoisyExpectedHypervolumeImprovement(models: gps, reference: [3, 3, 3], samples: 8, rng: &rng) }
        #expect(throws: OptimizerError.self) { try NoisyExpectedHypervolumeImprovement(models: gps, reference: [3, 3], samples: 0, rng: &rng) }
        #expect(throws: OptimizerError.self) { try NEHVI.Configuration(samples: 0) }
        #expect(throws: OptimizerError.self) { try NEHVI.Configuration(reference: [1, .nan]) }
        #expect(throws: OptimizerError.self) { try EHVI.Configuration(reference: []) }
        let problem = try ZDT(.zdt1, variables: 3)
        #expect(throws: OptimizerError.self) {
            try minimize(problem: problem, optimizer: NEHVI(configuration: NEHVI.Configuration(reference: [1, 1, 1])), termination: .evaluations(10), seed: 1)
        }
    }
}
