import Foundation
import Testing
import NumericCore
@testable import ParetoOptimizers

/// The GP surrogate against closed forms, finite differences and scikit-learn fixtures.
@Suite struct GaussianProcessTests {
    static let unit2 = try! SearchBox(lower: [0, 0], upper: [1, 1])

    /// Matérn-5/2 written out independently: σ²(1 + √5 r + 5r²/3) e^{−√5 r}.
    static func matern(_ a: [Double], _ b: [Double], _ l: [Double], _ s2: Double) -> Double {
        let r = zip(zip(a, b), l).reduce(0.0) { $0 + pow(($1.0.0 - $1.0.1) / $1.1, 2) }.squareRoot()
        return s2 * (1 + sqrt(5) * r + 5 * r * r / 3) * exp(-sqrt(5) * r)
    }

    @Test func oneTrainingPointGivesItsValueAndTheClosedFormVariance() throws {
        let h = GPHyperparameters(lengthscales: [0.4, 0.9], signalVariance: 1.7, noiseVariance: 0.01)
        let box = try SearchBox(lower: [-2, 0], upper: [2, 10])
        let gp = try GaussianProcess(x: Matrix([[0.5, 3.0]]), y: [4.2], box: box, hyperparameters: h)
        for x in [[0.5, 3.0], [-1.0, 7.0], [1.9, 0.1]] {
            let p = gp.predict(x)
            // Standardization of one value: mean 4.2, scale 1 → the mean is 4.2 everywhere.
            #expect(abs(p.mean - 4.2) < 1e-12)
            let u = [(x[0] + 2) / 4, x[1] / 10], u0 = [2.5 / 4, 0.3]
            let k = Self.matern(u, u0, h.lengthscales, h.signalVariance)
            let expected = h.signalVariance - k * k / (h.signalVariance + h.noiseVariance)
            #expect(abs(p.variance - expected) < 1e-12, "\(p.variance) vs \(expected)")
        }
    }

    @Test func noiseFreeProcessInterpolatesItsTrainingData() throws {
        var rng = SeededGenerator(seed: 5)
        let x = RandomSampling.sample(count: 9, lower: [0, 0], upper: [1, 1], rng: &rng)
        let y = (0..<9).map { sin(5 * x[$0, 0]) + x[$0, 1] * x[$0, 1] }
        let gp = try GaussianProcess(x: x, y: y, box: Self.unit2,
                                     hyperparameters: GPHyperparameters(lengthscales: [0.3, 0.3], signalVariance: 1, noiseVariance: 1e-10))
        for i in 0..<9 {
            let p = gp.predict(x.row(i))
            #expect(abs(p.mean - y[i]) < 1e-6)
            #expect(p.variance < 1e-6)
        }
        #expect(gp.jitter == 0)
    }

    @Test func inputGradientsMatchCentralDifferences() throws {
        var rng = SeededGenerator(seed: 7)
        let box = try SearchBox(lower: [-1, 0, 2], upper: [1, 5, 3])
        let x = RandomSampling.sample(count: 12, lower: box.lower, upper: box.upper, rng: &rng)
        let y = (0..<12).map { x[$0, 0] * x[$0, 1] - cos(3 * x[$0, 2]) }
        let gp = try GaussianProcess(x: x, y: y, box: box,
                                     hyperparameters: GPHyperparameters(lengthscales: [0.5, 0.3, 0.8], signalVariance: 1.2, noiseVariance: 1e-4))
        for _ in 0..<5 {
            let point = (0..<3).map { box.lower[$0] + (box.upper[$0] - box.lower[$0]) * rng.nextUniform() }
            let p = gp.predict(point, gradient: true)
            for d in 0..<3 {
                let h = 1e-6 * (box.upper[d] - box.lower[d])
                var up = point, down = point
                up[d] += h; down[d] -= h
                let a = gp.predict(up), b = gp.predict(down)
                let dm = (a.mean - b.mean) / (2 * h), dv = (a.variance - b.variance) / (2 * h)
                #expect(abs(p.meanGradient[d] - dm) <= 1e-5 * max(1, abs(dm)), "mean d\(d): \(p.meanGradient[d]) vs \(dm)")
                #expect(abs(p.varianceGradient[d] - dv) <= 1e-5 * max(1, abs(dv)), "variance d\(d): \(p.varianceGradient[d]) vs \(dv)")
            }
        }
    }

    struct FixtureCase: Decodable {
        var lengthscales: [Double]; var signalVariance: Double; var noiseVariance: Double
        var x: [[Double]]; var y: [Double]; var testX: [[Double]]
        var mean: [Double]; var variance: [Double]; var logMarginalLikelihood: Double; var gradient: [Double]
    }
    struct Fixture: Decodable { var generator: String; var cases: [FixtureCase] }

    @Test func predictionsAndLikelihoodEqualScikitLearn() throws {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/gp_sklearn", withExtension: "json"))
        let fixture = try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
        #expect(fixture.cases.count == 3)
        for c in fixture.cases {
            let n = c.lengthscales.count
            let box = try SearchBox(lower: [Double](repeating: 0, count: n), upper: [Double](repeating: 1, count: n))
            let h = GPHyperparameters(lengthscales: c.lengthscales, signalVariance: c.signalVariance, noiseVariance: c.noiseVariance)
            let gp = try GaussianProcess(x: Matrix(c.x), y: c.y, box: box, hyperparameters: h)
            for (i, t) in c.testX.enumerated() {
                let p = gp.predict(t)
                #expect(abs(p.mean - c.mean[i]) <= 1e-8 * max(1, abs(c.mean[i])), "mean \(p.mean) vs \(c.mean[i])")
                #expect(abs(p.variance - c.variance[i]) <= 1e-8 * max(1, abs(c.variance[i])), "variance \(p.variance) vs \(c.variance[i])")
            }
            #expect(abs(gp.logMarginalLikelihood - c.logMarginalLikelihood) <= 1e-8 * max(1, abs(c.logMarginalLikelihood)))
            // Gradient: ours is of −log p in (log ℓ…, log σ², log σ²_n); scikit-learn's of log p in (log σ², log ℓ…, log noise).
            let data = try GaussianProcess.standardize(x: Matrix(c.x), y: c.y, box: box)
            let theta = c.lengthscales.map { log($0) } + [log(c.signalVariance), log(c.noiseVariance)]
            let (value, gradient) = try #require(GaussianProcess.negativeLogLikelihood(theta, data.inputs, data.targets, n))
            #expect(abs(-value - c.logMarginalLikelihood) <= 1e-8 * max(1, abs(c.logMarginalLikelihood)))
            let reordered = Array(c.gradient[1...n]) + [c.gradient[0], c.gradient[n + 1]]
            for (ours, theirs) in zip(gradient, reordered) {
                #expect(abs(-ours - theirs) <= 1e-6 * max(1, abs(theirs)), "gradient \(-ours) vs \(theirs)")
            }
        }
    }

    @Test func duplicatePointsWithoutNoiseNeedJitterButDoNotTrap() throws {
        let x = try Matrix([[0.2, 0.2], [0.2, 0.2], [0.7, 0.1], [0.7, 0.1]])
        let gp = try GaussianProcess(x: x, y: [1, 1.5, 2, 2], box: Self.unit2,
                                     hyperparameters: GPHyperparameters(lengthscales: [0.5, 0.5], signalVariance: 1, noiseVariance: 0))
        #expect(gp.jitter > 0)
        let p = gp.predict([0.2, 0.2])
        #expect(p.mean.isFinite && p.variance.isFinite)
        #expect(abs(p.mean - 1.25) < 1e-3)  // the average of the two duplicates
        #expect(throws: SurrogateError.self) { try GaussianProcess(x: x, y: [1, .nan, 2, 2], box: Self.unit2,
                                                                 hyperparameters: GPHyperparameters(lengthscales: [0.5, 0.5], signalVariance: 1, noiseVariance: 0)) }
    }

    @Test func fittedHyperparametersBeatTheStartAndAreDeterministic() throws {
        var rng = SeededGenerator(seed: 9)
        let x = RandomSampling.sample(count: 20, lower: [0, 0], upper: [1, 1], rng: &rng)
        // Varies fast in x₁, not at all in x₂: the fit should give ℓ₁ < ℓ₂.
        let y = (0..<20).map { sin(8 * x[$0, 0]) }
        let options = try GPFitOptions(restarts: 2)
        let gp = try GaussianProcess.fit(x: x, y: y, box: Self.unit2, options: options)
        let start = try GaussianProcess(x: x, y: y, box: Self.unit2,
                                        hyperparameters: GPHyperparameters(lengthscales: [0.5, 0.5], signalVariance: 1, noiseVariance: 1e-3))
        #expect(gp.logMarginalLikelihood > start.logMarginalLikelihood)
        #expect(gp.hyperparameters.lengthscales[0] < gp.hyperparameters.lengthscales[1])
        let again = try GaussianProcess.fit(x: x, y: y, box: Self.unit2, options: options)
        #expect(again.hyperparameters == gp.hyperparameters)
        #expect(throws: OptimizerError.self) { try GPFitOptions(restarts: -1) }
    }

    @Test func fitGivesTheSameBitsWhateverOpenBLASThreadCountTheCallerHas() throws {
        // OpenBLAS's dpotrf/dpotri round differently on one thread and on two from N = 32–64 on:
        // the fit must not depend on the process's thread count (nor on what other tests hold).
        var rng = SeededGenerator(seed: 21)
        let x = RandomSampling.sample(count: 70, lower: [0, 0], upper: [1, 1], rng: &rng)
        let y = (0..<70).map { sin(6 * x[$0, 0]) + 0.3 * cos(4 * x[$0, 1]) }
        let options = try GPFitOptions(restarts: 1, maxIterations: 20)
        let free = try GaussianProcess.fit(x: x, y: y, box: Self.unit2, options: options)
        let pinned = try BLASThreads.with(1) { try GaussianProcess.fit(x: x, y: y, box: Self.unit2, options: options) }
        #expect(free.hyperparameters == pinned.hyperparameters)
        #expect(free.predict([0.3, 0.6]) == pinned.predict([0.3, 0.6]))
    }

    @Test func integerVariablesAreRoundedInsideTheKernel() throws {
        let box = try SearchBox(lower: [0, 1], upper: [1, 9], isInteger: [false, true])
        let gp = try GaussianProcess(x: Matrix([[0.1, 2], [0.5, 5], [0.9, 8]]), y: [1, 2, 3], box: box,
                                     hyperparameters: GPHyperparameters(lengthscales: [0.5, 0.5], signalVariance: 1, noiseVariance: 1e-6))
        #expect(gp.predict([0.3, 4.6]) == gp.predict([0.3, 5.4]))
        #expect(gp.predict([0.3, 4.6], gradient: true).meanGradient[1] == 0)
        #expect(box.snapped([0.3, 4.6]) == [0.3, 5])
    }
}
