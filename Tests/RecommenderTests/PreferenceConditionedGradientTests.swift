import Testing
import NumericCore
@testable import Recommender

/// Central differences against the conditioned models' analytic gradients, through the FiLM scaling,
/// the preference input features and the hypernetwork, for both architectures and every scalarization.
@Suite struct PreferenceConditionedGradientTests {
    private func close(_ analytic: Float, _ numeric: Double) -> Bool {
        abs(Double(analytic) - numeric) <= 5e-4 + 2e-2 * abs(numeric)
    }

    private func check(_ configuration: ModelConfiguration, _ conditioning: PreferenceConditioning,
                       scalarization: Scalarization, preference: [Double]) throws {
        let table = TinyModelData.table(count: 9, seed: 11)
        var model = try PreferenceConditionedModel(layout: TinyModelData.layout, configuration: configuration,
                                                   conditioning: conditioning, seed: 5)
        // Jitter every dense and conditioner parameter off ReLU kinks (zero biases) and away from zero Γ.
        var jitter = SeededGenerator(seed: 17)
        for i in model.base.parameters.dense.indices { model.base.parameters.dense[i] += Float(jitter.nextGaussian() * 0.1) }
        for i in model.conditioner.indices { model.conditioner[i] += Float(jitter.nextGaussian() * 0.1) }
        let losses: [ObjectiveLoss] = [.binaryCrossEntropy, .meanSquaredError]
        func loss(_ m: PreferenceConditionedModel) throws -> Double {
            try m.lossAndGradient(on: table, preference: preference, losses: losses, scalarization: scalarization).loss
        }
        let gradient = try model.lossAndGradient(on: table, preference: preference, losses: losses,
                                                 scalarization: scalarization).gradient
        let n = model.base.parameters.dense.count
        #expect(gradient.dense.count == n + model.conditioner.count)
        // The conditioned heads are larger than a plain model's, so a step of a few 1e-3 often crosses a
        // tower ReLU's kink (one-sided slopes); a derivative passes when it matches at one of two small steps.
        let steps: [Float] = [1e-3, 3e-4]
        var failures: [String] = []
        func derivative(_ perturb: (inout PreferenceConditionedModel, Float) -> Void, analytic: Float) throws -> Double? {
            var last = 0.0
            for h in steps {
                var plus = model, minus = model
                perturb(&plus, h)
                perturb(&minus, -h)
                last = (try loss(plus) - loss(minus)) / Double(2 * h)
                if close(analytic, last) { return nil }
            }
            return last
        }
        for i in 0..<(n + model.conditioner.count) {
            let fd = try derivative({ m, h in if i < n { m.base.parameters.dense[i] += h } else { m.conditioner[i - n] += h } },
                                    analytic: gradient.dense[i])
            if let fd {
                failures.append("\(i < n ? "dense[\(i)]" : "conditioner[\(i - n)]") analytic \(gradient.dense[i]) numeric \(fd)")
            }
        }
        // Embeddings: every touched row of the first user table and of the item table.
        let d = configuration.embeddingDimension
        for t in [0, model.base.parameters.embeddings.count - 1] {
            for r in gradient.touchedRows[t].map(Int.init) {
                for j in 0..<d {
                    if let fd = try derivative({ m, h in m.base.parameters.embeddings[t][r * d + j] += h },
                                               analytic: gradient.embeddings[t][r * d + j]) { failures.append("table \(t)[\(r * d + j)] analytic \(gradient.embeddings[t][r * d + j]) numeric \(fd)") }
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) mismatches: \(failures.prefix(6))")
    }

    @Test(arguments: [Scalarization.linear, .tchebycheff, .cosmos(penalty: 0.7)])
    func twoTowerFiLMGradientsMatchCentralDifferences(_ s: Scalarization) throws {
        try check(TinyModelData.twoTower(), .film, scalarization: s, preference: [0.3, 0.7])
    }

    @Test(arguments: [Scalarization.linear, .tchebycheff, .cosmos(penalty: 0.7)])
    func twoTowerHypernetworkGradientsMatchCentralDifferences(_ s: Scalarization) throws {
        try check(TinyModelData.twoTower(), .hypernetwork(hidden: 4), scalarization: s, preference: [0.65, 0.35])
    }

    @Test(arguments: [Scalarization.linear, .cosmos(penalty: 0.7)])
    func mmoeFiLMGradientsMatchCentralDifferences(_ s: Scalarization) throws {
        try check(TinyModelData.mmoe(), .film, scalarization: s, preference: [0.2, 0.8])
    }

    @Test(arguments: [Scalarization.linear, .tchebycheff])
    func mmoeHypernetworkGradientsMatchCentralDifferences(_ s: Scalarization) throws {
        try check(TinyModelData.mmoe(), .hypernetwork(hidden: 3), scalarization: s, preference: [0.55, 0.45])
    }

    /// The conv item tower under preference conditioning (one attribute here: a window over it and padding).
    @Test func itemConvolutionTowersUnderConditioningMatchCentralDifferences() throws {
        try check(TinyModelData.twoTowerConvolution(.max), .film, scalarization: .cosmos(penalty: 0.7), preference: [0.3, 0.7])
        try check(TinyModelData.mmoeConvolution(.mean), .hypernetwork(hidden: 3), scalarization: .linear, preference: [0.55, 0.45])
    }

    @Test func scalarizationWeightsAreTheDerivativesOfTheirValues() {
        let l = [0.8, 0.3], p = [0.25, 0.75]
        // Linear by hand: 0.25·0.8 + 0.75·0.3 = 0.425; Tchebycheff: max(0.2, 0.225) = 0.225.
        #expect(abs(Scalarization.linear.value(losses: l, preference: p) - 0.425) < 1e-15)
        #expect(abs(Scalarization.tchebycheff.value(losses: l, preference: p) - 0.225) < 1e-15)
        #expect(Scalarization.tchebycheff.weights(losses: l, preference: p) == [0, 0.75])
        // COSMOS at a loss vector on the ray of λ: the cosine is 1 and its gradient is 0.
        #expect(abs(Scalarization.cosmos(penalty: 2).value(losses: [0.5, 1.5], preference: p) - (0.125 + 1.125 - 2)) < 1e-12)
        for s in [Scalarization.linear, .cosmos(penalty: 1.3)] {
            let w = s.weights(losses: l, preference: p)
            for k in 0..<2 {
                var a = l, b = l
                a[k] += 1e-6; b[k] -= 1e-6
                let fd = (s.value(losses: a, preference: p) - s.value(losses: b, preference: p)) / 2e-6
                #expect(abs(w[k] - fd) < 1e-7, "\(s) k=\(k)")
            }
        }
    }

    @Test func predictionAtAPreferenceEqualsThePlainModelItSelects() throws {
        let table = TinyModelData.table(count: 12, seed: 3)
        for conditioning in [PreferenceConditioning.film, .hypernetwork(hidden: 4)] {
            let model = try PreferenceConditionedModel(layout: TinyModelData.layout, configuration: TinyModelData.twoTower(),
                                                       conditioning: conditioning, seed: 9)
            let a = try model.predictScores(table, preference: [0.1, 0.9])
            let b = try model.predictScores(table, preference: [0.9, 0.1])
            #expect(a != b, "the preference must change the scores (\(conditioning))")
            #expect(throws: PreferenceError.self) { try model.predictScores(table, preference: [0.5, 0.6]) }
            #expect(throws: PreferenceError.self) { try model.predictScores(table, preference: [1]) }
        }
    }
}
