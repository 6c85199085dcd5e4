import Testing
import Recommender
@testable import Scenarios

/// `model.user-tower` and `model.sequence-length` in the experiment YAML.
@Suite struct ExperimentConfigUserTowerTests {
    private func config(_ modelLines: String) -> String {
        """
        scenario: ecommerce
        data:
          source: synthetic
          rows: 2000
        seeds: [1]
        reference: [0.5, 0.5]
        model:
          hidden: 8
        \(modelLines)
        methods:
          - name: mgda
        """
    }

    @Test func userTowerAndLengthAreRead() throws {
        for kind in UserTowerKind.allCases {
            let c = try ExperimentConfig.parse(config("  user-tower: \(kind.rawValue)\n  sequence-length: 20"))
            #expect(c.model.userTower == kind && c.model.sequenceLength == 20)
            let m = try c.model.modelConfiguration()
            #expect(m.userTower == kind)
            #expect(m.userSequence?.length == (kind == .id ? nil : 20))
        }
        let defaults = try ExperimentConfig.parse(config(""))
        #expect(defaults.model.userTower == .id && defaults.model.sequenceLength == 50)
    }

    @Test func unknownTowerNamesFileLineColumnAndTheChoices() {
        #expect {
            try ExperimentConfig.parse(config("  user-tower: lstm"), file: "x.yaml")
        } throws: { error in
            let e = error as! ConfigError
            return e.line == 9 && e.column == 15 && e.description.hasPrefix("x.yaml:9:15:") && e.message.contains("unknown value 'lstm'")
                && UserTowerKind.allCases.allSatisfy { e.message.contains($0.rawValue) }
        }
    }

    @Test func badSequenceLengthsAreRefusedWithTheirLocation() {
        for bad in ["0", "-3", "2000", "ten"] {
            #expect {
                try ExperimentConfig.parse(config("  user-tower: gru\n  sequence-length: \(bad)"), file: "x.yaml")
            } throws: { error in
                let e = error as! ConfigError
                return e.line == 10 && e.description.hasPrefix("x.yaml:10:")
            }
        }
    }

    /// A sequence tower trains on the synthetic scenario, whose examples carry histories.
    @Test func aSequenceTowerTrainsOnTheSyntheticScenario() throws {
        var settings = ModelSettings()
        settings.userTower = .attention
        settings.sequenceLength = 10
        settings.hidden = 8
        settings.epochs = 1
        let data = try ScenarioData.make(kind: .ecommerce, syntheticRows: 2_000, seed: 3)
        let trainer = ScenarioTrainer(data: data, settings: settings)
        let outcome = try trainer.train(TrainingRequest(weights: [0.5, 0.5], learningRate: 3e-3, weightDecay: 0, hidden: 8, seed: 1))
        #expect(outcome.model.configuration.userTower == .attention)
        #expect(outcome.validation.allSatisfy { $0.isFinite })
    }
}
