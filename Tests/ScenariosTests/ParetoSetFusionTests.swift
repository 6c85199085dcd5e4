import Foundation
import Testing
import ParetoCore
import NumericCore
import Recommender
@testable import Scenarios

@Suite struct ParetoSetFusionTests {
    @Test func memberWeightsAreTheSoftmaxOfPreferenceWeightedValidationMetrics() throws {
        // s = (0.7, 0.6) for preference (1, 0); T = 0.1 → w ∝ (1, e^{-1}).
        let fusion = try ParetoSetFusion(preference: [2, 0], temperature: 0.1)
        let w = try fusion.memberWeights(validation: [[0.7, 0.6], [0.6, 0.7]])
        let e = exp(-1.0)
        #expect(abs(w[0] - 1 / (1 + e)) < 1e-12)
        #expect(abs(w[1] - e / (1 + e)) < 1e-12)
        // A balanced preference ties the two members: equal weights.
        let balanced = try ParetoSetFusion(preference: [0.5, 0.5], temperature: 0.1).memberWeights(validation: [[0.7, 0.6], [0.6, 0.7]])
        #expect(abs(balanced[0] - 0.5) < 1e-12 && abs(balanced[1] - 0.5) < 1e-12)
    }

    @Test func rejectsBadPreferencesTemperaturesAndShapes() throws {
        #expect(throws: FusionError.self) { try ParetoSetFusion(preference: [0, 0]) }
        #expect(throws: FusionError.self) { try ParetoSetFusion(preference: [-1, 2]) }
        #expect(throws: FusionError.self) { try ParetoSetFusion(preference: [1, 1], temperature: 0) }
        let f = try ParetoSetFusion(preference: [1, 1])
        #expect(throws: FusionError.self) { try f.memberWeights(validation: []) }
        #expect(throws: FusionError.self) { try f.memberWeights(validation: [[0.6, 0.6, 0.6]]) }
    }

    /// AUC by counting ordered pairs (ties count one half), written out independently of `Metrics`.
    private func pairwiseAUC(_ scores: [Double], _ labels: [Float]) -> Double {
        var wins = 0.0, pairs = 0.0
        for i in scores.indices where labels[i] > 0.5 {
            for j in scores.indices where labels[j] <= 0.5 {
                pairs += 1
                wins += scores[i] > scores[j] ? 1 : (scores[i] == scores[j] ? 0.5 : 0)
            }
        }
        return wins / pairs
    }

    @Test func fusedPointEqualsAHandRecomputationFromTheMembersPredictions() throws {
        let data = try ScenarioData.make(kind: .ecommerce, syntheticRows: 1500, conflict: 0.6, seed: 7)
        var settings = ModelSettings()
        settings.hidden = 8
        settings.epochs = 1
        settings.batchSize = 256
        let trainer = ScenarioTrainer(data: data, settings: settings)
        var models: [MultiObjectiveModel] = [], validation: [[Double]] = []
        for (i, w) in [0.2, 0.5, 0.8].enumerated() {
            let outcome = try trainer.train(TrainingRequest(weights: [w, 1 - w], learningRate: 0.01, weightDecay: 0,
                                                            hidden: 8, seed: UInt64(100 + i)))
            models.append(outcome.model)
            validation.append(outcome.validation)
        }
        let preference = [0.75, 0.25], temperature = 0.01
        let point = try ParetoSetFusion(preference: preference, temperature: temperature).evaluate(
            models: models, validation: validation, objectives: trainer.objectives, on: data.test)

        // Hand recomputation: softmax weights, then the weighted mean of the members' probabilities.
        let s = validation.map { 0.75 * $0[0] + 0.25 * $0[1] }
        let top = s.max()!
        let raw = s.map { exp(($0 - top) / temperature) }
        let weights = raw.map { $0 / raw.reduce(0, +) }
        for j in weights.indices { #expect(abs(point.weights[j] - weights[j]) < 1e-12) }
        #expect(point.preference == preference)
        let memberProbabilities = try models.map { try $0.predictScores(data.test) }
        for k in 0..<2 {
            let fused = (0..<data.test.count).map { i in
                weights.indices.reduce(0.0) { acc, j in acc + weights[j] / (1 + exp(-Double(memberProbabilities[j][i, k]))) }
            }
            let expected = pairwiseAUC(fused, data.test.labelColumn(k))
            #expect(abs(point.test[k] - expected) < 1e-6, "objective \(k): fused \(point.test[k]) vs hand \(expected)")
        }
    }

    @Test func experimentRunWritesFusionFileAndReportsFusedPoints() throws {
        let config = try ExperimentConfig.parse("""
        name: fusion
        scenario: ecommerce
        data: {source: synthetic, rows: 1500}
        seeds: [3]
        model: {hidden: 8, epochs: 1, batch-size: 256}
        methods:
          - name: mgda-ub
            preferences: 2
        """)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("paretorec-fusion-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try ExperimentRunner(config: config, outputDirectory: dir).run()
        let text = try String(contentsOfFile: dir + "/runs/mgda-ub/seed-3/fusion.csv", encoding: .utf8)
        let lines = text.split(separator: "\n")
        // one weight column per member of the run's Pareto set (runs not dominated on validation)
        let members = try FrontCSV.read(path: dir + "/runs/mgda-ub/seed-3/front.csv").count
        #expect(members >= 1)
        #expect(lines.first.map(String.init) == "preference_1,preference_2,click_auc,purchase_auc,"
                + (1...members).map { "weight_member_\($0)" }.joined(separator: ","))
        #expect(lines.count == 1 + ParetoSetFusion.standardPreferences.count)
        let runs = try ResultsStore(directory: dir).loadRuns()
        #expect(runs.first?.artifacts.fusion.count == 3)
        let html = try String(contentsOfFile: dir + "/report.html", encoding: .utf8)
        #expect(html.contains("Model fusion (ParetoSetFusion)"))
        #expect(html.contains("fused (× method colour)"))
    }
}
