import Testing
import Foundation
@testable import Recommender

/// One or two steps of each optimizer on a tiny parameter set, against the update written out by hand.
@Suite struct ModelOptimizerTests {
    // Dense θ = (1, −2); one table of 3 rows × 2 columns; the batch touches row 1 only.
    private let start = ModelParameters(dense: [1, -2], embeddings: [[0.5, 0.5, 1, -1, 2, 2]])
    private let g1 = ParameterGradients(dense: [0.1, -0.3], embeddings: [[0, 0, 0.2, 0.4, 0, 0]], touchedRows: [[1]])
    private let g2 = ParameterGradients(dense: [-0.2, 0.05], embeddings: [[0, 0, 0.1, -0.1, 0, 0]], touchedRows: [[1]])

    private func near(_ a: Float, _ b: Double, _ tol: Double = 1e-6) -> Bool { abs(Double(a) - b) <= tol * max(1, abs(b)) }

    @Test func sgdWithMomentumFollowsHeavyBall() {
        var p = start
        var s = OptimizerState(configuration: .sgd(learningRate: 0.1, momentum: 0.9), parameters: p)
        s.apply(g1, to: &p, embeddingDimension: 2)
        s.apply(g2, to: &p, embeddingDimension: 2)
        // b₁ = g₁, b₂ = 0.9·g₁ + g₂; θ₂ = θ₀ − 0.1·b₁ − 0.1·b₂.
        #expect(near(p.dense[0], 1 - 0.1 * 0.1 - 0.1 * (0.9 * 0.1 - 0.2)))
        #expect(near(p.dense[1], -2 - 0.1 * -0.3 - 0.1 * (0.9 * -0.3 + 0.05)))
        #expect(near(p.embeddings[0][2], 1 - 0.1 * 0.2 - 0.1 * (0.9 * 0.2 + 0.1)))
        #expect(near(p.embeddings[0][3], -1 - 0.1 * 0.4 - 0.1 * (0.9 * 0.4 - 0.1)))
        // Lazy: untouched rows are unchanged.
        #expect(p.embeddings[0][0] == 0.5 && p.embeddings[0][5] == 2)
    }

    /// θ₂ after two Adam steps with β₁ = 0.9, β₂ = 0.999, ε = 1e-8, lr = 0.01.
    private func adamTwoSteps(_ theta: Double, _ a: Double, _ b: Double, decay: Double = 0) -> Double {
        let lr = 0.01, eps = 1e-8
        var t = theta * (1 - lr * decay)
        let m1 = 0.1 * a, v1 = 0.001 * a * a
        t -= lr * (m1 / 0.1) / ((v1 / 0.001).squareRoot() + eps)
        t *= (1 - lr * decay)
        let m2 = 0.9 * m1 + 0.1 * b, v2 = 0.999 * v1 + 0.001 * b * b
        t -= lr * (m2 / (1 - 0.81)) / ((v2 / (1 - 0.998001)).squareRoot() + eps)
        return t
    }

    @Test func adamMatchesBiasCorrectedUpdate() {
        var p = start
        var s = OptimizerState(configuration: .adam(learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-8), parameters: p)
        s.apply(g1, to: &p, embeddingDimension: 2)
        // First step: m̂ = g, v̂ = g², so θ₁ = θ₀ − lr·g/(|g| + ε).
        #expect(near(p.dense[0], 1 - 0.01 * 0.1 / (0.1 + 1e-8)))
        s.apply(g2, to: &p, embeddingDimension: 2)
        #expect(near(p.dense[0], adamTwoSteps(1, 0.1, -0.2)))
        #expect(near(p.dense[1], adamTwoSteps(-2, -0.3, 0.05)))
        #expect(near(p.embeddings[0][2], adamTwoSteps(1, 0.2, 0.1)))
        #expect(near(p.embeddings[0][3], adamTwoSteps(-1, 0.4, -0.1)))
        #expect(p.embeddings[0][0] == 0.5 && p.embeddings[0][4] == 2)
        #expect(s.step == 2)
    }

    @Test func adamOnALongVectorMatchesTheFormulaInEveryLane() {
        // 19 elements: two SIMD blocks of 8 and a scalar tail of 3.
        let n = 19
        var p = ModelParameters(dense: (0..<n).map { Float($0) * 0.1 - 1 }, embeddings: [])
        let a = ParameterGradients(dense: (0..<n).map { Float($0 % 5) * 0.07 - 0.1 }, embeddings: [], touchedRows: [])
        let b = ParameterGradients(dense: (0..<n).map { Float($0 % 3) * -0.05 + 0.02 }, embeddings: [], touchedRows: [])
        var s = OptimizerState(configuration: .adamW(learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0.3),
                               parameters: p)
        s.apply(a, to: &p, embeddingDimension: 1)
        s.apply(b, to: &p, embeddingDimension: 1)
        for i in 0..<n {
            let expected = adamTwoSteps(Double(Float(i) * 0.1 - 1), Double(a.dense[i]), Double(b.dense[i]), decay: 0.3)
            #expect(near(p.dense[i], expected, 1e-5), "element \(i)")
        }
    }

    @Test func adamWDecaysWeightsDecoupledFromTheGradient() {
        var p = start
        var s = OptimizerState(configuration: .adamW(learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0.5),
                               parameters: p)
        s.apply(g1, to: &p, embeddingDimension: 2)
        // θ₁ = θ₀(1 − lr·λ) − lr·g/(|g| + ε).
        #expect(near(p.dense[1], -2 * (1 - 0.01 * 0.5) + 0.01 * 0.3 / (0.3 + 1e-8)))
        s.apply(g2, to: &p, embeddingDimension: 2)
        #expect(near(p.dense[0], adamTwoSteps(1, 0.1, -0.2, decay: 0.5)))
        #expect(near(p.embeddings[0][3], adamTwoSteps(-1, 0.4, -0.1, decay: 0.5)))
        // Lazy decay: untouched rows are not decayed.
        #expect(p.embeddings[0][4] == 2)
    }

    @Test func lazyAdamMomentsAdvanceOnlyForTouchedRows() {
        var p = start
        var s = OptimizerState(configuration: .adam(learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-8), parameters: p)
        s.apply(g1, to: &p, embeddingDimension: 2)
        // Second step touches row 2 for the first time: its moments are fresh (m = 0.1·g, v = 0.001·g²)
        // but bias correction uses the global step 2.
        let g = ParameterGradients(dense: [0, 0], embeddings: [[0, 0, 0, 0, 0.3, 0]], touchedRows: [[2]])
        s.apply(g, to: &p, embeddingDimension: 2)
        let m = 0.1 * 0.3, v = 0.001 * 0.09
        #expect(near(p.embeddings[0][4], 2 - 0.01 * (m / (1 - 0.81)) / ((v / (1 - 0.998001)).squareRoot() + 1e-8)))
        #expect(near(p.embeddings[0][2], 1 - 0.01 * 0.2 / (0.2 + 1e-8)))  // row 1 kept its first update only
    }

    @Test func invalidHyperParametersAreRejected() {
        #expect(throws: TrainingConfigurationError.self) { try OptimizerConfiguration.sgd(learningRate: 0, momentum: 0.9).validate() }
        #expect(throws: TrainingConfigurationError.self) { try OptimizerConfiguration.sgd(learningRate: 0.1, momentum: 1).validate() }
        #expect(throws: TrainingConfigurationError.self) {
            try OptimizerConfiguration.adam(learningRate: 0.1, beta1: 1, beta2: 0.9, epsilon: 1e-8).validate()
        }
        #expect(throws: TrainingConfigurationError.self) { try OptimizerConfiguration.adamW(learningRate: 0.1, weightDecay: -1).validate() }
        #expect(throws: TrainingConfigurationError.self) { try OptimizerConfiguration.adam(learningRate: .nan).validate() }
    }
}
