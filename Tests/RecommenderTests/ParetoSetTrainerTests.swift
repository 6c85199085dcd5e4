import Testing
import NumericCore
@testable import Recommender

@Suite struct ParetoSetTrainerTests {
    @Test(arguments: [0.5, 1.0, 3.0])
    func dirichletDrawsHaveTheClosedFormMeanAndVariance(_ alpha: Double) throws {
        // Dir(α, α, α): E[X_i] = 1/3, Var[X_i] = α·2α / ((3α)²·(3α + 1)) = 2 / (9·(3α + 1)).
        var sampler = try DirichletSampler(dimension: 3, concentration: alpha, generator: SeededGenerator(seed: 4))
        let n = 40_000
        var sum = [0.0, 0.0, 0.0], squares = [0.0, 0.0, 0.0]
        for _ in 0..<n {
            let x = sampler.next()
            #expect(abs(x.reduce(0, +) - 1) < 1e-12)
            #expect(x.allSatisfy { $0 >= 0 })
            for i in 0..<3 { sum[i] += x[i]; squares[i] += x[i] * x[i] }
        }
        let variance = 2 / (9 * (3 * alpha + 1))
        for i in 0..<3 {
            let mean = sum[i] / Double(n), v = squares[i] / Double(n) - mean * mean
            // Standard error of the mean is sqrt(variance / n) ≤ 0.0024; allow 5 of them.
            #expect(abs(mean - 1.0 / 3) < 5 * (variance / Double(n)).squareRoot(), "mean \(mean)")
            #expect(abs(v - variance) < 0.05 * variance, "variance \(v) vs \(variance)")
        }
        #expect(throws: TrainingConfigurationError.self) {
            try DirichletSampler(dimension: 2, concentration: 0, generator: SeededGenerator(seed: 1))
        }
    }

    private func train(_ conditioning: PreferenceConditioning, _ architecture: ModelConfiguration,
                       scalarization: Scalarization = .linear, seed: UInt64 = 3) throws -> (PreferenceConditionedModel, [Double]) {
        let table = TinyModelData.table(count: 400, seed: 21)
        let model = try PreferenceConditionedModel(layout: TinyModelData.layout, configuration: architecture,
                                                   conditioning: conditioning, seed: seed)
        let configuration = try ParetoSetTrainingConfiguration(
            epochs: 6, batchSize: 32, seed: seed, losses: [.binaryCrossEntropy, .meanSquaredError],
            scalarization: scalarization, optimizer: .adam(learningRate: 1e-2))
        let result = try ParetoSetTrainer.train(model, on: table, configuration: configuration)
        return (result.model, result.lossHistory)
    }

    @Test func sameSeedSameBitsAndTheLossFalls() throws {
        for (conditioning, architecture) in [(PreferenceConditioning.film, try TinyModelData.twoTower()),
                                             (.hypernetwork(hidden: 4), try TinyModelData.mmoe())] {
            let (a, historyA) = try train(conditioning, architecture)
            let (b, historyB) = try train(conditioning, architecture)
            #expect(a == b, "same seed must give the same parameters (\(conditioning))")
            #expect(historyA == historyB)
            #expect(historyA.last! < historyA.first!, "the scalarized loss must fall: \(historyA)")
        }
    }

    /// Click depends only on `u0`, time only on `u1` (independent), and the user tower ends in one
    /// unit: `h` cannot carry both, so the objectives conflict and only a preference can choose. Items
    /// are all alike, so the scores are `c_k·h + b_k`.
    static func conflictTable(count: Int, seed: UInt64) -> ExampleTable {
        var g = SeededGenerator(seed: seed)
        var t = ExampleTable(layout: TinyModelData.layout)
        for i in 0..<count {
            let ud = (0..<3).map { _ in Float(g.nextGaussian()) }
            let click: Float = ud[0] + 0.3 * Float(g.nextGaussian()) > 0 ? 1 : 0
            let time = 2 * ud[1] + 0.1 * Float(g.nextGaussian())
            t.append(userCategorical: [Int32(i % 5), Int32(i % 4)], userDense: ud, itemCategorical: [1], itemDense: [1, 0.5],
                     labels: [click, time], userKey: Int64(i), itemKey: Int64(i % 6))
        }
        return t
    }

    @Test func theFiLMPreferenceTradesConflictingObjectivesOff() throws {
        let table = Self.conflictTable(count: 800, seed: 21)
        let model = try PreferenceConditionedModel(
            layout: TinyModelData.layout, configuration: try .twoTower(userWidths: [16, 1], itemWidths: [2], embeddingDimension: 2),
            conditioning: .film, seed: 3)
        let losses: [ObjectiveLoss] = [.binaryCrossEntropy, .meanSquaredError]
        let configuration = try ParetoSetTrainingConfiguration(
            epochs: 30, batchSize: 64, seed: 3, losses: losses, scalarization: .linear, optimizer: .adam(learningRate: 1e-2))
        let trained = try ParetoSetTrainer.train(model, on: table, configuration: configuration).model
        let first = try trained.lossAndGradient(on: table, preference: [0.95, 0.05], losses: losses, scalarization: .linear).objectiveLosses
        let second = try trained.lossAndGradient(on: table, preference: [0.05, 0.95], losses: losses, scalarization: .linear).objectiveLosses
        #expect(first[0] < second[0], "click loss at λ₁ = 0.95: \(first[0]) vs at 0.05: \(second[0])")
        #expect(second[1] < first[1], "time loss at λ₂ = 0.95: \(second[1]) vs at 0.05: \(first[1])")
    }
}
