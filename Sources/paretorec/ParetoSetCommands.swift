import ArgumentParser
import Foundation
import NumericCore
import Recommender
import Scenarios
import TensorBoardEvents

/// The scenario data options shared by `train-front` and `predict` (the same seed and options give
/// the same split and encoding, so a saved model reads the data it was trained on).
struct ScenarioDataOptions: ParsableArguments {
    @Option(help: "Scenario: ecommerce, video or music.") var scenario: ScenarioKind
    @Option(help: "A real dataset file for the scenario (default: synthetic data).") var data: String?
    @Option(help: "Rows of synthetic data when --data is not given.") var syntheticRows: Int = 100_000
    @Option(help: "Random seed (data, model initialisation, shuffling, preference draws).") var seed: UInt64 = 1

    func validate() throws {
        guard syntheticRows >= 10 else { throw ValidationError("--synthetic-rows must be at least 10") }
    }

    func load() throws -> ScenarioData {
        if let path = data, !FileManager.default.fileExists(atPath: path) { throw TrainCommandError("no such file: \(path)") }
        let conflict = SyntheticScenario.defaultConfiguration(for: scenario).conflict
        return try ScenarioData.make(kind: scenario, dataPath: data, syntheticRows: syntheticRows, conflict: conflict, seed: seed)
    }
}

/// `paretorec train-front`: one Pareto set learning run — a preference-conditioned recommender trained
/// with a preference drawn per batch — then its test metrics at P preferences; optionally saved.
struct TrainFrontCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train-front",
        abstract: "Train one preference-conditioned recommender (Pareto set learning) and print its front.",
        discussion: "Prints, per preference λ, the test AUC of every objective. --save-model writes a JSON model that `paretorec predict --preference` scores under any λ.")

    enum Conditioning: String, ExpressibleByArgument, CaseIterable { case film, hypernetwork }
    enum ScalarizationName: String, ExpressibleByArgument, CaseIterable { case linear, tchebycheff, cosmos }

    @OptionGroup var source: ScenarioDataOptions
    @Option(help: "Shared architecture: two-tower or mmoe.") var architecture: ModelArchitecture.Kind = .twoTower
    @Option(help: "How λ conditions the network: film or hypernetwork.") var conditioning: Conditioning = .hypernetwork
    @Option(help: "Scalarization of the losses under λ: linear, tchebycheff or cosmos (cosmos only for losses of similar scale).") var scalarization: ScalarizationName = .linear
    @Option(help: "COSMOS cosine penalty μ.") var penalty: Double = 0.5
    @Option(help: "Preferences the front is read at.") var preferences: Int = 11
    @Option(help: "Learning rate.") var learningRate: Float = 1e-3
    @Option(help: "Epochs.") var epochs: Int = 3
    @Option(help: "Batch size.") var batchSize: Int = 1024
    @Option(help: ArgumentHelp("Write the trained model (JSON) here.", valueName: "PATH")) var saveModel: String?
    @Option(help: ArgumentHelp("Write TensorBoard event files into this run folder.", valueName: "DIR")) var tensorboard: String?

    func validate() throws {
        guard epochs >= 1, batchSize >= 1 else { throw ValidationError("--epochs and --batch-size must be positive") }
        guard preferences >= 2 else { throw ValidationError("--preferences must be at least 2") }
        guard penalty >= 0, penalty.isFinite else { throw ValidationError("--penalty must be non-negative") }
        guard learningRate > 0, learningRate.isFinite else { throw ValidationError("--learning-rate must be positive") }
    }

    func run() throws {
        let data = try source.load()
        let layout = data.layout
        let model = try PreferenceConditionedModel(
            layout: layout,
            configuration: try ModelConfiguration(kind: architecture, widths: [64, 32], embeddingDimension: 16),
            conditioning: conditioning == .film ? .film : .hypernetwork(hidden: 16),
            seed: SeededGenerator(seed: source.seed).split("model").key)
        let s: Scalarization = scalarization == .linear ? .linear : scalarization == .tchebycheff ? .tchebycheff : .cosmos(penalty: penalty)
        let training = try ParetoSetTrainingConfiguration(
            epochs: epochs, batchSize: batchSize, seed: source.seed,
            losses: layout.objectives.map { ObjectiveLoss.default(for: $0.kind) }, scalarization: s,
            optimizer: .adamW(learningRate: learningRate))
        let objectives = ScenarioObjectives(kind: data.kind, layout: layout)
        let events = try tensorboard.map { TrainingEventLog(writer: try TensorBoardWriter(directory: $0), objectiveNames: layout.objectives.map(\.name)) }
        let uniform = layout.objectives.map { _ in 1 / Double(layout.objectiveCount) }
        var failure: Error?
        let result = try ParetoSetTrainer.train(model, on: data.train, configuration: training, step: events.map { $0.step }) { p, current in
            FileHandle.standardError.write(Data(String(format: "epoch %d/%d  scalarized loss %.5f  %.2fs\n", p.epoch, p.epochs, p.loss, p.seconds).utf8))
            guard let events else { return }
            do {
                let metrics = try objectives.measure(try current.at(uniform), on: data.validation)
                try events.epoch(p, samples: data.train.count, validation: Array(zip(objectives.metricNames, metrics)))
            } catch { failure = failure ?? error }
        }
        if let failure { throw failure }
        try events?.writer.close()
        for lambda in try ParetoSetMethod.evaluationPreferences(objectives: layout.objectiveCount, count: preferences) {
            let metrics = try objectives.measure(try result.model.at(lambda), on: data.test)
            let key = lambda.map { String(format: "%.4g", $0) }.joined(separator: ",")
            for (name, value) in zip(objectives.metricNames, metrics) { print("front[\(key)].\(name) \(String(format: "%.17g", value))") }
        }
        print("training_seconds \(String(format: "%.17g", result.seconds))")
        if let path = saveModel {
            let encoder = JSONEncoder()
            try AtomicFile.write(String(decoding: try encoder.encode(result.model), as: UTF8.self), to: path)
        }
    }
}

/// `paretorec predict --model M --preference λ`: scores the scenario's test split with a saved
/// preference-conditioned model under the preference chosen now, not at training time.
struct PredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Score a scenario's test split with a saved preference-conditioned model under a preference λ.",
        discussion: "Use the data options the model was trained with (same file or rows, same seed): they fix the encoding.")

    @OptionGroup var source: ScenarioDataOptions
    @Option(help: ArgumentHelp("A model written by `train-front --save-model`.", valueName: "PATH")) var model: String
    @Option(help: "Comma-separated preference λ (non-negative, summing to 1), one per objective.") var preference: String
    @Option(help: ArgumentHelp("Write the raw scores (one column per objective) as CSV here.", valueName: "PATH")) var output: String?

    func run() throws {
        guard let text = FileManager.default.contents(atPath: model) else { throw TrainCommandError("no such file: \(model)") }
        let conditioned: PreferenceConditionedModel
        do { conditioned = try JSONDecoder().decode(PreferenceConditionedModel.self, from: text) } catch {
            throw TrainCommandError("\(model): not a preference-conditioned model (\(error))")
        }
        let values = preference.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard values.allSatisfy({ $0 != nil }) else { throw TrainCommandError("--preference must be comma-separated numbers, got '\(preference)'") }
        let lambda = values.map { $0! }
        let data = try source.load()
        let slice = try conditioned.at(lambda)
        let objectives = ScenarioObjectives(kind: data.kind, layout: data.layout)
        for (name, value) in zip(objectives.metricNames, try objectives.measure(slice, on: data.test)) {
            print("\(name) \(String(format: "%.17g", value))")
        }
        if let output {
            let scores = try slice.predictScores(data.test)
            var csv = data.layout.objectives.map(\.name).joined(separator: ",") + "\n"
            for i in 0..<scores.rows {
                csv += (0..<scores.columns).map { String(format: "%.9g", Double(scores[i, $0])) }.joined(separator: ",") + "\n"
            }
            try AtomicFile.write(csv, to: output)
        }
    }
}
