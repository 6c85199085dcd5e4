import Testing
import NumericCore
@testable import Recommender

@Suite struct ModelObjectiveGradientTests {
    private func jittered(_ configuration: ModelConfiguration) throws -> MultiObjectiveModel {
        var model = try MultiObjectiveModel(layout: TinyModelData.layout(for: configuration), configuration: configuration, seed: 8)
        var jitter = SeededGenerator(seed: 23)
        for i in model.parameters.dense.indices { model.parameters.dense[i] += Float(jitter.nextGaussian() * 0.1) }
        return model
    }

    /// Row k of the per-objective gradients w.r.t. the shared parameters equals the finite-difference
    /// gradient of L_k alone: shared dense prefix, then touched embedding rows in order.
    @Test(arguments: 0..<TinyModelData.architectureCount)
    func sharedParameterGradientsMatchFiniteDifferencesOfEachObjective(architecture: Int) throws {
        let model = try jittered(TinyModelData.architecture(architecture))
        let table = TinyModelData.table(count: 7, seed: 3, layout: model.layout)
        let og = try model.objectiveGradients(on: table, target: .sharedParameters)
        let d = model.configuration.embeddingDimension
        #expect(og.vectors.rows == 2)
        #expect(og.vectors.columns == model.sharedParameterCount + og.touchedRows.reduce(0) { $0 + $1.count * d })
        var failures: [String] = []
        for k in 0..<2 {
            let single = try JointLoss(objectives: model.objectives, weights: k == 0 ? [1, 0] : [0, 1])
            func fd(_ perturb: (inout ModelParameters, Float) -> Void) throws -> Double {
                let h: Float = 1e-3  // small enough that no ReLU crosses its kink on this data
                var p = model, m = model
                perturb(&p.parameters, h); perturb(&m.parameters, -h)
                return (try p.lossAndGradient(on: table, loss: single).loss - m.lossAndGradient(on: table, loss: single).loss) / Double(2 * h)
            }
            func check(_ analytic: Float, _ numeric: Double, _ what: String) {
                if abs(Double(analytic) - numeric) > 5e-4 + 2e-2 * abs(numeric) { failures.append("\(what): \(analytic) vs \(numeric)") }
            }
            for i in 0..<model.sharedParameterCount {
                check(og.vectors[k, i], try fd { p, h in p.dense[i] += h }, "objective \(k) dense \(i)")
            }
            var at = model.sharedParameterCount
            for t in og.touchedRows.indices {
                for r in og.touchedRows[t] {
                    for j in 0..<d {
                        let index = Int(r) * d + j
                        check(og.vectors[k, at], try fd { p, h in p.embeddings[t][index] += h }, "objective \(k) table \(t) row \(r)")
                        at += 1
                    }
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(6))")
        // The Gram matrix is the rows' inner products.
        let gram = og.gram
        for i in 0..<2 {
            for j in 0..<2 {
                var dot = 0.0
                for c in 0..<og.vectors.columns { dot += Double(og.vectors[i, c]) * Double(og.vectors[j, c]) }
                #expect(abs(gram[i, j] - dot) <= 1e-4 * max(1, abs(dot)))
            }
        }
    }

    /// With weights w from the callback, the balanced gradient's shared part equals the finite
    /// difference of Σ w_k L_k and its head part that of Σ λ_k L_k — for both targets.
    @Test(arguments: [GradientTarget.sharedRepresentation, .sharedParameters], 0..<TinyModelData.architectureCount)
    func balancedGradientUsesCallbackWeightsOnSharedAndLambdaOnHeads(target: GradientTarget, architecture: Int) throws {
        let model = try jittered(TinyModelData.architecture(architecture))
        let table = TinyModelData.table(count: 7, seed: 4, layout: model.layout)
        let lambda: [Float] = [0.8, 0.2], w: [Double] = [0.3, 0.7]
        let engine = GradientEngine(model: model, capacity: 7, losses: model.objectives.map { ObjectiveLoss.default(for: $0.kind) })
        Array(0..<7).withUnsafeBufferPointer { engine.forward(model: model, table: table, rows: $0, margin: nil, weights: lambda) }
        var seen: ObjectiveGradientSummary?
        let box = SummaryBox()
        let returned = try engine.backwardBalanced(model: model, target: target) { summary in
            box.set(summary)
            return w
        }
        seen = box.value
        #expect(returned == w)
        #expect(seen?.gram.rows == 2 && seen?.target == target)
        let shared = try model.lossAndGradient(on: table, loss: JointLoss(objectives: model.objectives, weights: w.map(Float.init))).gradient
        let heads = try model.lossAndGradient(on: table, loss: JointLoss(objectives: model.objectives, weights: lambda)).gradient
        let g = engine.gradient
        for i in 0..<model.denseParameterCount {
            let expected = i < model.sharedParameterCount ? shared.dense[i] : heads.dense[i]
            #expect(abs(g.dense[i] - expected) <= 1e-5 + 1e-4 * abs(expected), "dense \(i)")
        }
        for t in g.embeddings.indices {
            for i in g.embeddings[t].indices {
                #expect(abs(g.embeddings[t][i] - shared.embeddings[t][i]) <= 1e-5 + 1e-4 * abs(shared.embeddings[t][i]))
            }
        }
    }

    @Test func invalidCallbackWeightsAreRejected() throws {
        let model = try jittered(TinyModelData.twoTower())
        let table = TinyModelData.table(count: 5, seed: 4)
        let config = try TrainingConfiguration(epochs: 1, batchSize: 5, seed: 1,
                                               loss: JointLoss(objectives: model.objectives, weights: [0.5, 0.5]),
                                               balancing: .representation { _ in [1] })
        let trainer = try ModelTrainer(model: model, configuration: config)
        #expect(throws: TrainingError.invalidWeights([1])) { try trainer.step(on: table, rows: [0, 1, 2]) }
    }
}

/// Test-only holder for a value captured in a `@Sendable` callback.
final class SummaryBox: @unchecked Sendable {
    private(set) var value: ObjectiveGradientSummary?
    func set(_ v: ObjectiveGradientSummary) { value = v }
}
