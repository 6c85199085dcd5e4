import Foundation
import Testing
import NumericCore
import ParetoCore
import Recommender
@testable import Scenarios

@Suite struct ParetoSetMethodTests {
    static func trainer() throws -> ScenarioTrainer {
        let data = try ScenarioData.make(kind: .ecommerce, dataPath: nil, syntheticRows: 3000, conflict: 0.5, seed: 42)
        var settings = ModelSettings()
        settings.hidden = 8
        settings.epochs = 2
        settings.batchSize = 128
        return ScenarioTrainer(data: data, settings: settings)
    }

    @Test func oneTrainingGivesANondominatedFrontAtTheEvaluationPreferences() throws {
        let trainer = try Self.trainer()
        var method = try MethodConfig(name: "pareto-set")
        method.preferences = 5
        let reference = [0.5, 0.5]
        let (outcome, model) = try ParetoSetMethod.trainAndEvaluate(method, seed: 7, trainer: trainer, reference: reference)
        #expect(outcome.evaluations == 1)
        #expect(outcome.front.count > 0 && outcome.front.count <= 5)
        #expect(outcome.front.decisionNames == ["preference_click", "preference_purchase"])
        #expect(outcome.history.map(\.evaluations) == [1, 2, 3, 4, 5])
        // Each front row is the test metrics of the model at its preference (measured again here).
        for i in 0..<outcome.front.count {
            let row = outcome.front.objectives.row(i), lambda = outcome.front.decisions.row(i)
            #expect(lambda.count == 2 && abs(lambda.reduce(0, +) - 1) < 1e-12)
            #expect(try trainer.objectives.measure(try model.at(lambda), on: trainer.data.test) == row)
        }
        // The kept points are mutually non-dominated on validation (the hypernetwork hands out plain models).
        #expect(outcome.validation.count == outcome.front.count)
        let minimized = try Matrix<Double>(outcome.validation.map { $0.map { -$0 } })
        #expect(nondominatedIndices(of: minimized).count == outcome.validation.count)
        // The plain model handed out for a preference scores like the conditioned model at it.
        let lambda = outcome.front.decisions.row(0)
        #expect(try outcome.models[0].predictScores(trainer.data.test) == model.predictScores(trainer.data.test, preference: lambda))
        // The hypervolume history never falls (points are only added).
        #expect(zip(outcome.history, outcome.history.dropFirst()).allSatisfy { $0.hypervolume <= $1.hypervolume })
        // The sweep is every evaluation preference in order with the test metrics of the model read at it.
        #expect(outcome.sweep.map(\.preference) == (try ParetoSetMethod.evaluationPreferences(objectives: 2, count: 5)))
        for point in outcome.sweep {
            #expect(try trainer.objectives.measure(try model.at(point.preference), on: trainer.data.test) == point.test)
        }
        // Same seed, same front.
        let again = try ParetoSetMethod.run(method, seed: 7, trainer: trainer, reference: reference)
        #expect(again.front == outcome.front)
    }

    /// The registered methods' scalarization never gives an objective a negative weight, whatever
    /// the loss scales (COSMOS's does for a small loss, which inverted the rare purchase objective).
    @Test func defaultScalarizationNeverAscendsALoss() {
        let s = ParetoSetMethod.Settings().scalarization
        var g = SeededGenerator(seed: 5)
        for _ in 0..<2_000 {
            let losses = [g.nextUniform() + 1e-3, (g.nextUniform() + 1e-3) * 0.1]
            let a = g.nextUniform()
            #expect(s.weights(losses: losses, preference: [1 - a, a]).allSatisfy { $0 >= 0 }, "\(s) at L = \(losses), λ₂ = \(a)")
        }
        #expect(s.weights(losses: [0.45, 0.08], preference: [0.5, 0.5]).allSatisfy { $0 >= 0 })
    }

    @Test func filmVariantRunsAndKeepsNoPlainModels() throws {
        var settings = ParetoSetMethod.Settings()
        settings.conditioning = .film
        settings.scalarization = .tchebycheff
        let outcome = try ParetoSetMethod.run(try MethodConfig(name: "pareto-set"), seed: 1, trainer: try Self.trainer(),
                                              reference: [0.5, 0.5], settings: settings)
        #expect(outcome.front.count > 0 && outcome.models.isEmpty)
        #expect(outcome.front.objectives.storage.allSatisfy { $0 > 0 && $0 < 1 })
    }

    @Test func evaluationPreferencesCoverTheSimplex() throws {
        #expect(try ParetoSetMethod.evaluationPreferences(objectives: 2, count: 11).map { $0[0] }
            == (0...10).map { Double($0) / 10 })
        let three = try ParetoSetMethod.evaluationPreferences(objectives: 3, count: 11)
        // Das–Dennis with 3 divisions has C(5, 2) = 10 points (4 divisions would give 15 > 11).
        #expect(three.count == 10)
        #expect(three.allSatisfy { abs($0.reduce(0, +) - 1) < 1e-12 && $0.allSatisfy { $0 >= 0 } })
    }

    @Test func experimentEventLogWritesOneRunFolderPerMethodAndSeed() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("paretorec-events-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let events = try ExperimentEventLog(root: root, method: "pareto-set", seed: 3, objectiveNames: ["click", "purchase"])
        var method = try MethodConfig(name: "pareto-set")
        method.preferences = 3
        let outcome = try ParetoSetMethod.run(method, seed: 3, trainer: try Self.trainer(), reference: [0.5, 0.5], events: events)
        try events.finish(history: outcome.history, testHypervolume: 0.01, evaluations: outcome.evaluations)
        let files = try FileManager.default.contentsOfDirectory(atPath: root + "/pareto-set/seed-3")
        #expect(files.count == 1 && files[0].hasPrefix("events.out.tfevents."))
    }
}
