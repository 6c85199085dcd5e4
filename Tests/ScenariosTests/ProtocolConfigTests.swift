import Foundation
import Testing
import NumericCore
import Recommender
@testable import Scenarios

/// The published-protocol configurations: `data.format` names the loader and must belong to the
/// scenario; the shipped configurations parse.
@Suite struct ProtocolConfigTests {
    private let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func dataFormatIsReadAndCheckedAgainstTheScenario() throws {
        let yaml = { (scenario: String, format: String) in """
            scenario: \(scenario)
            data: {source: synthetic, format: \(format)}
            methods: [{name: grid, evaluations: 2}]
            """ }
        #expect(try ExperimentConfig.parse(yaml("ecommerce", "ali-ccp")).dataFormat == .aliCCP)
        #expect(try ExperimentConfig.parse(yaml("census", "census-income")).dataFormat == .censusIncome)
        #expect(throws: ConfigError.self) { _ = try ExperimentConfig.parse(yaml("music", "ali-ccp")) }
        #expect(throws: ConfigError.self) { _ = try ExperimentConfig.parse(yaml("ecommerce", "parquet")) }
    }

    @Test(arguments: ["ali-ccp-esmm", "aliexpress-mtreclib", "census-mmoe", "full-size/ali-ccp-esmm", "full-size/aliexpress-mtreclib"])
    func shippedProtocolConfigurationsParse(name: String) throws {
        let path = repository.appendingPathComponent("Experiments/protocols/\(name).yaml").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        // Parsed from text so that the check does not need the data samples the paths point at.
        let config = try ExperimentConfig.parse(text.replacingOccurrences(of: "source: file", with: "source: synthetic"), file: path)
        #expect(config.dataFormat != nil && config.dataFormat?.kind == config.scenario)
        // Every protocol compares the paper's models: each method runs once per listed architecture.
        let architectures = Set(config.methods.compactMap(\.architecture))
        #expect(architectures.isSuperset(of: [.sharedBottom, .mmoe, .ple]))
        #expect(config.methods.allSatisfy { $0.architecture != nil && $0.name.hasSuffix("@" + $0.architecture!.rawValue) })
        #expect(!config.published.isEmpty)
        // The full-size replicas bound each training (and only they do).
        #expect((config.model.maxBatchesPerEpoch != nil) == name.hasPrefix("full-size/"))
    }
    /// `model.max-batches` bounds each training's epochs (a full-size replica measured in a time
    /// budget); methods with their own training loop refuse it instead of ignoring it.
    @Test func maxBatchesBoundsTrainingsAndIsRefusedWhereItCannotApply() throws {
        let yaml = { (extra: String, method: String) in """
            scenario: ecommerce
            model: {epochs: 1, batch-size: 50, max-batches: 3}
            methods: [{name: \(method), \(method == "pareto-set" ? "preferences" : "evaluations"): 5}]
            \(extra)
            """ }
        #expect(try ExperimentConfig.parse(yaml("", "weighted-sum")).model.maxBatchesPerEpoch == 3)
        #expect(throws: ConfigError.self) { _ = try ExperimentConfig.parse(yaml("", "pareto-set")) }
        #expect(throws: ConfigError.self) { _ = try ExperimentConfig.parse(yaml("fusion: [average]", "weighted-sum")) }
        #expect(throws: ConfigError.self) { _ = try ExperimentConfig.parse(yaml("", "weighted-sum").replacingOccurrences(of: "max-batches: 3", with: "max-batches: 0")) }

        var settings = ModelSettings()
        settings.epochs = 1
        settings.batchSize = 50
        let data = try ScenarioData.make(kind: .ecommerce, syntheticRows: 2_000, seed: 3)
        let request = TrainingRequest(weights: [0.5, 0.5], learningRate: 3e-3, weightDecay: 0, hidden: 8, seed: 1)
        let full = try ScenarioTrainer(data: data, settings: settings).train(request)
        settings.maxBatchesPerEpoch = 3
        let limited = try ScenarioTrainer(data: data, settings: settings).train(request)
        // The same first three batches as a direct training limited to them.
        let direct = try Trainer.train(try ScenarioTrainer(data: data, settings: settings).untrainedModel(for: request), on: data.train,
                                       configuration: TrainingConfiguration(
                                           epochs: 1, batchSize: 50, seed: SeededGenerator(seed: 1).split("shuffle").key,
                                           loss: JointLoss(objectives: data.layout.objectives, weights: [0.5, 0.5]),
                                           optimizer: .adam(learningRate: 3e-3), maxBatchesPerEpoch: 3))
        #expect(direct.examples == 150)
        #expect(limited.model.parameters == direct.model.parameters)
        #expect(limited.model.parameters != full.model.parameters)
    }
}
