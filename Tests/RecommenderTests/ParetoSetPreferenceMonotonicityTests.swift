import Foundation
import Testing
import NumericCore
@testable import Recommender

/// Raising an objective's preference must not make that objective worse: the conditioned model read
/// along the preference sweep trades the objectives off in the direction the preference asks for.
@Suite struct ParetoSetPreferenceMonotonicityTests {
    static let layout = FeatureLayout(
        userCategoricalNames: ["user", "city"], userCategoricalCardinalities: [5, 4], userDenseNames: ["u0", "u1", "u2"],
        itemCategoricalNames: ["item"], itemCategoricalCardinalities: [6], itemDenseNames: ["i0", "i1"],
        objectives: [ObjectiveSpec(name: "click", kind: .binary), ObjectiveSpec(name: "purchase", kind: .binary)])

    /// An e-commerce-like problem: a frequent, easy click (`u0` plus noise) and a rare purchase nested
    /// in it (clicked and `u1 > 1.3`: about 5 % of rows), so the purchase cross-entropy is a fraction
    /// of the click one — as with the real Taobao sample, where the COSMOS scalarization inverted the
    /// purchase objective.
    static func table(count: Int, seed: UInt64) -> ExampleTable {
        var g = SeededGenerator(seed: seed)
        var t = ExampleTable(layout: layout)
        for i in 0..<count {
            let ud = (0..<3).map { _ in Float(g.nextGaussian()) }
            let click: Float = ud[0] + 0.3 * Float(g.nextGaussian()) > 0 ? 1 : 0
            let purchase: Float = click == 1 && ud[1] > 1.3 ? 1 : 0
            t.append(userCategorical: [Int32(i % 5), Int32(i % 4)], userDense: ud, itemCategorical: [Int32(i % 6)],
                     itemDense: [Float(g.nextGaussian()), 0.5], labels: [click, purchase], userKey: Int64(i), itemKey: Int64(i % 6))
        }
        return t
    }

    static let losses: [ObjectiveLoss] = [.binaryCrossEntropy, .binaryCrossEntropy]
    static let sweep = (0...10).map { Double($0) / 10 }

    /// Validation loss of each objective at λ = (1 − a, a) for a = 0, 0.1, …, 1, after one
    /// hypernetwork Pareto set training under `scalarization`.
    static func sweepLosses(_ scalarization: Scalarization, conditioning: PreferenceConditioning) throws -> [[Double]] {
        let train = table(count: 1200, seed: 21), validation = table(count: 1200, seed: 22)
        let model = try PreferenceConditionedModel(
            layout: layout, configuration: try .twoTower(userWidths: [8], itemWidths: [4], embeddingDimension: 3),
            conditioning: conditioning, seed: 3)
        let configuration = try ParetoSetTrainingConfiguration(
            epochs: 8, batchSize: 64, seed: 3, losses: losses, scalarization: scalarization, optimizer: .adam(learningRate: 1e-2))
        let trained = try ParetoSetTrainer.train(model, on: train, configuration: configuration).model
        return try sweep.map { a in
            try trained.lossAndGradient(on: validation, preference: [1 - a, a], losses: losses, scalarization: .linear).objectiveLosses
        }
    }

    /// Least-squares slope of `y` against `x`.
    static func slope(_ x: [Double], _ y: [Double]) -> Double {
        let mx = x.reduce(0, +) / Double(x.count), my = y.reduce(0, +) / Double(y.count)
        let sxy = zip(x, y).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) }
        let sxx = x.reduce(0) { $0 + ($1 - mx) * ($1 - mx) }
        return sxy / sxx
    }

    @Test(arguments: [(Scalarization.linear, PreferenceConditioning.hypernetwork(hidden: 8)), (.linear, .film),
                      (.tchebycheff, .hypernetwork(hidden: 8))])
    func raisingAPreferenceDoesNotWorsenItsObjective(_ scalarization: Scalarization, _ conditioning: PreferenceConditioning) throws {
        let l = try Self.sweepLosses(scalarization, conditioning: conditioning)
        let click = l.map { $0[0] }, purchase = l.map { $0[1] }
        let clickPreference = Self.sweep.map { 1 - $0 }
        // The trend over the sweep (noise allowed between neighbours): each objective's validation
        // loss falls as its own preference rises, and the endpoint with all weight on it is no worse
        // than the endpoint with none (up to 1 % of the loss).
        #expect(Self.slope(Self.sweep, purchase) <= 0, "purchase loss along λ_purchase: \(purchase)")
        #expect(Self.slope(clickPreference, click) <= 0, "click loss along λ_click: \(click)")
        #expect(purchase[10] <= purchase[0] * 1.01, "purchase loss at λ_purchase = 1 vs 0: \(purchase[10]) vs \(purchase[0])")
        #expect(click[0] <= click[10] * 1.01, "click loss at λ_click = 1 vs 0: \(click[0]) vs \(click[10])")
    }

    /// The defect this suite guards against: COSMOS's cosine term gives the rare objective's small loss
    /// a negative weight (`Scalarization.cosmos`), so training ascends it where its preference is high
    /// and the purchase loss *rises* with the purchase preference.
    @Test func cosmosInvertsTheRareObjective() throws {
        let purchase = try Self.sweepLosses(.cosmos(penalty: 0.5), conditioning: .hypernetwork(hidden: 8)).map { $0[1] }
        #expect(Self.slope(Self.sweep, purchase) > 0, "purchase loss along λ_purchase: \(purchase)")
    }

    @Test func cosmosWeightOfASmallLossIsNegativeAtAnEvenPreference() {
        // L = (0.45, 0.08), λ = (½, ½), μ = ½: |λ| = √½, |L| = √0.2089, λ·L = 0.265;
        // w₂ = λ₂ − μ(λ₂/(|λ||L|) − (λ·L)L₂/(|λ||L|³)) = 0.5 − 0.5·(1.547158 − 0.314077) = −0.116540
        // (hand calculation, checked with Python's math module).
        let w = Scalarization.cosmos(penalty: 0.5).weights(losses: [0.45, 0.08], preference: [0.5, 0.5])
        #expect(abs(w[1] - (-0.1165404632)) < 1e-8, "\(w)")
        #expect(abs(w[0] - 0.6096071935) < 1e-8, "\(w)")
    }

    @Test func linearAndTchebycheffWeightsAreNeverNegative() {
        var g = SeededGenerator(seed: 8)
        for _ in 0..<2_000 {
            let k = 2 + g.nextInt(below: 3)
            let losses = (0..<k).map { _ in g.nextUniform() * pow(10, -3 * g.nextUniform()) }
            var p = (0..<k).map { _ in g.nextUniform() }
            let sum = p.reduce(0, +)
            p = p.map { $0 / sum }
            for s in [Scalarization.linear, .tchebycheff] {
                #expect(s.weights(losses: losses, preference: p).allSatisfy { $0 >= 0 }, "\(s) at L = \(losses), λ = \(p)")
            }
        }
    }
}
