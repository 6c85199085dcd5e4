import Foundation
import Testing
import NumericCore
@testable import ParetoOptimizers

/// Hand-computed steps of the methods with learned or accumulated state, and the distributions of RLW.
@Suite struct WeightingStatefulTests {
    typealias S = WeightingTestSupport

    @Test func gradNormFirstStepsByHand() throws {
        let method = GradNormWeighting(configuration: try .init(alpha: 1, learningRate: 0.1))
        var state = try method.initialState(objectives: 2)
        var rng = SeededGenerator(seed: 1)
        // Norms 3 and 1 (Gram diagonal 9, 1); losses equal their initial values: r = (1, 1).
        let gram = try Matrix<Double>([[9, 0], [0, 1]])
        #expect(try method.weights(WeightingInput(gram: gram, losses: [2, 4]), state: &state, rng: &rng) == [1, 1])
        // Ḡ = (3 + 1)/2 = 2: w1·n1 = 3 > 2 → w1 = 1 − 0.1·3 = 0.7; w2·n2 = 1 < 2 → w2 = 1 + 0.1·1 = 1.1;
        // renormalized to sum 2: (0.7, 1.1)·2/1.8.
        #expect(S.maxDifference(state.weights, [0.7 * 2 / 1.8, 1.1 * 2 / 1.8]) <= 1e-15)
        // Second call: L̃ = (1, 0.5), r = (4/3, 2/3); w = (7/9, 11/9); G_W = (7/3, 11/9), Ḡ = 16/9;
        // targets (64/27, 32/27): objective 1 below (+), objective 2 above (−).
        let w = try method.weights(WeightingInput(gram: gram, losses: [2, 2]), state: &state, rng: &rng)
        #expect(S.maxDifference(w, [7.0 / 9, 11.0 / 9]) <= 1e-15)
        let next = [7.0 / 9 + 0.3, 11.0 / 9 - 0.1]
        #expect(S.maxDifference(state.weights, next.map { $0 * 2 / next.reduce(0, +) }) <= 1e-15)
    }

    @Test func uncertaintyStepByHand() throws {
        let method = UncertaintyWeighting(configuration: try .init(learningRate: 0.5))
        var state = try method.initialState(objectives: 2)
        var rng = SeededGenerator(seed: 1)
        let w = try method.weights(WeightingInput(gram: .identity(2), losses: [3, 1]), state: &state, rng: &rng)
        #expect(w == [0.5, 0.5])
        // ∂/∂s (½e^{−s}L + ½s) at s = 0 is ½ − ½L: (−1, 0) → s = (0.5, 0).
        #expect(state.logVariances == [0.5, 0])
        let w2 = try method.weights(WeightingInput(gram: .identity(2), losses: [3, 1]), state: &state, rng: &rng)
        #expect(S.maxDifference(w2, [0.5 * exp(-0.5), 0.5]) <= 1e-16)
    }

    @Test func uncertaintyConvergesToTheLossLogarithm() throws {
        let method = UncertaintyWeighting(configuration: try .init(learningRate: 0.2))
        var state = try method.initialState(objectives: 3)
        var rng = SeededGenerator(seed: 1)
        let losses = [0.5, 2, 8]
        for _ in 0..<2000 { _ = try method.weights(WeightingInput(gram: .identity(3), losses: losses), state: &state, rng: &rng) }
        #expect(S.maxDifference(state.logVariances, losses.map { log($0) }) <= 1e-9)
    }

    @Test func dwaUsesTheLastTwoEpochAverages() throws {
        let method = DWAWeighting(configuration: try .init(temperature: 2))
        var state = try method.initialState(objectives: 2)
        var rng = SeededGenerator(seed: 1)
        func call(_ epoch: Int, _ l: [Double]) throws -> [Double] {
            try method.weights(WeightingInput(gram: .identity(2), losses: l, epoch: epoch), state: &state, rng: &rng)
        }
        #expect(try call(1, [4, 2]) == [1, 1])
        #expect(try call(1, [2, 2]) == [1, 1])   // epoch 1 averages (3, 2)
        #expect(try call(2, [1, 2]) == [1, 1])   // epoch 2 averages (1, 2) after the next line
        #expect(try call(2, [1, 2]) == [1, 1])
        // Epoch 3: r = (1/3, 1), w = 2·softmax(r/2).
        let w = try call(3, [9, 9])
        let e1 = exp(1.0 / 6), e2 = exp(0.5)
        #expect(S.maxDifference(w, [2 * e1 / (e1 + e2), 2 * e2 / (e1 + e2)]) <= 1e-15)
        #expect(try call(3, [0, 0]) == w)  // constant within the epoch
    }

    @Test func famoFirstCallsByHand() throws {
        let method = FAMOWeighting(configuration: try .init(learningRate: 0.1, decay: 0))
        var state = try method.initialState(objectives: 2)
        var rng = SeededGenerator(seed: 1)
        // Uniform logits: w ∝ 1/(L + 1e-8).
        let w = try method.weights(WeightingInput(gram: .identity(2), losses: [1, 3]), state: &state, rng: &rng)
        let a = 1 / (1 + 1e-8), b = 1 / (3 + 1e-8)
        #expect(S.maxDifference(w, [a / (a + b), b / (a + b)]) <= 1e-15)
        // Next losses (0.5, 3): δ = (log 2, 0) (up to the 1e-8 shift), softmax gradient z⊙(δ − zᵀδ) = (+, −)·log2/4;
        // Adam's first step moves each logit by −lr·sign(g): ξ = (−0.1, 0.1).
        _ = try method.weights(WeightingInput(gram: .identity(2), losses: [0.5, 3]), state: &state, rng: &rng)
        #expect(S.maxDifference(state.logits, [-0.1, 0.1]) <= 1e-7)
    }

    @Test func rlwWeightsLieOnTheSimplexAndAverageToUniform() throws {
        for distribution in RandomLossWeighting.Distribution.allCases {
            for concentration in [0.5, 1, 3] {
                let method = RandomLossWeighting(configuration: try .init(distribution: distribution, concentration: concentration))
                var state = NoWeightingState()
                var rng = SeededGenerator(seed: 4)
                var mean = [Double](repeating: 0, count: 4)
                let draws = 20_000
                for _ in 0..<draws {
                    let w = try method.weights(WeightingInput(gram: .identity(4), losses: [1, 1, 1, 1]), state: &state, rng: &rng)
                    #expect(w.allSatisfy { $0 > 0 } && abs(w.reduce(0, +) - 1) <= 1e-12)
                    for i in 0..<4 { mean[i] += w[i] / Double(draws) }
                }
                // Exchangeable draws: each mean is 1/4 (standard error below 0.003 here).
                #expect(S.maxDifference(mean, [0.25, 0.25, 0.25, 0.25]) <= 0.015, "\(distribution) \(concentration): \(mean)")
            }
        }
    }

    @Test func dirichletDrawsHaveTheDirichletVariance() throws {
        // Var(w_i) = α_i(α_0 − α_i)/(α_0²(α_0 + 1)); for α = (2, 2, 2): 2·4/(36·7) = 0.031746.
        let method = RandomLossWeighting(configuration: try .init(distribution: .dirichlet, concentration: 2))
        var state = NoWeightingState()
        var rng = SeededGenerator(seed: 9)
        var sum = 0.0, sumSquares = 0.0
        let draws = 40_000
        for _ in 0..<draws {
            let w = try method.weights(WeightingInput(gram: .identity(3), losses: [1, 1, 1]), state: &state, rng: &rng)
            sum += w[0]; sumSquares += w[0] * w[0]
        }
        let mean = sum / Double(draws), variance = sumSquares / Double(draws) - mean * mean
        #expect(abs(variance - 8.0 / 252) <= 0.002, "variance \(variance)")
    }

    @Test func nashMTLReusesItsWeightsBetweenUpdates() throws {
        let method = try NashMTLWeighting(configuration: .init(maxNorm: 0, updateEvery: 3))
        var state = try method.initialState(objectives: 2)
        var rng = SeededGenerator(seed: 1)
        let first = try method.weights(WeightingInput(gram: try Matrix([[4, 0], [0, 1]]), losses: [1, 1]), state: &state, rng: &rng)
        #expect(S.maxDifference(first, [0.5, 1]) <= 1e-12)
        let reused = try method.weights(WeightingInput(gram: try Matrix([[1, 0], [0, 1]]), losses: [1, 1]), state: &state, rng: &rng)
        #expect(reused == first)
        _ = try method.weights(WeightingInput(gram: .identity(2), losses: [1, 1]), state: &state, rng: &rng)
        let updated = try method.weights(WeightingInput(gram: .identity(2), losses: [1, 1]), state: &state, rng: &rng)
        #expect(S.maxDifference(updated, [1, 1]) <= 1e-12)
    }
}
