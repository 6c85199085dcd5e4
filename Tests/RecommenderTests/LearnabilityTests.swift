import Foundation
import Testing
import NumericCore
@testable import Recommender

/// Trained models beat chance on data built to be learnable: the synthetic scenarios' labels come
/// from user and item factors the model can fit, so a test AUC near or below 0.5 means a broken
/// pipeline (e.g. a label leak or a shuffled split). Fixed seeds; every scenario × architecture.
@Suite struct LearnabilityTests {
    /// Required margin over 0.5 for every objective's test AUC.
    static let margin = 0.1

    @Test(arguments: [ScenarioKind.ecommerce, .video, .music], ["two-tower", "mmoe"])
    func testAUCIsWellAboveChance(scenario: ScenarioKind, architecture: String) throws {
        let data = try SyntheticScenario(kind: scenario, users: 300, items: 200, rows: 12_000, conflict: 0.5, seed: 42).generate()
        let configuration: ModelConfiguration = architecture == "two-tower"
            ? try .twoTower(userWidths: [32], itemWidths: [32], embeddingDimension: 8)
            : try .mmoe(experts: 3, expertWidths: [32], towerWidths: [8], embeddingDimension: 8)
        let model = try MultiObjectiveModel(layout: data.layout, configuration: configuration, seed: 7)
        let training = try TrainingConfiguration(epochs: 4, batchSize: 128, seed: 3,
                                                 loss: try JointLoss(objectives: data.layout.objectives, weights: [0.5, 0.5]),
                                                 optimizer: .adam(learningRate: 0.01))
        let result = try Trainer.train(model, on: data.train, configuration: training)
        let report = try EvaluationReport(predictor: result.model, table: data.test)
        for (k, objective) in report.objectives.enumerated() {
            if objective.kind == .binary {
                let auc = try #require(objective.auc, "binary objective \(objective.name) reports an AUC")
                #expect(auc > 0.5 + Self.margin, "\(scenario) \(architecture) \(objective.name): test AUC \(auc)")
            } else {
                // A continuous objective (video watch time): the test MSE must be clearly below the
                // labels' variance (the MSE of predicting their mean), i.e. R² above the margin.
                let labels = (0..<data.test.count).map { Double(data.test.labels[$0 * report.objectives.count + k]) }
                let mean = labels.reduce(0, +) / Double(labels.count)
                let variance = labels.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(labels.count)
                let mse = try #require(objective.mse)
                #expect(1 - mse / variance > Self.margin, "\(scenario) \(architecture) \(objective.name): R² \(1 - mse / variance)")
            }
        }
    }
}

/// "Same bits at any thread count" for training: the process-wide OpenBLAS setting at 1 and at 4
/// threads gives the same parameters, because training holds its own fixed count
/// (`TrainingConfiguration.blasThreads`). Different fixed counts are not promised the same bits.
@Suite(.serialized) struct TrainingThreadDeterminismTests {
    @Test(arguments: ["two-tower", "mmoe"])
    func oneAndFourBLASThreadsGiveTheSameParameterBits(architecture: String) throws {
        // Batches of 512 and widths 128: large enough for OpenBLAS to split sgemm across threads.
        let layout = FeatureLayout(userCategoricalNames: [], userCategoricalCardinalities: [], userDenseNames: (0..<32).map { "u\($0)" },
                                   itemCategoricalNames: [], itemCategoricalCardinalities: [], itemDenseNames: (0..<32).map { "i\($0)" },
                                   objectives: TinyModelData.layout.objectives)
        let table = TinyModelData.table(count: 2048, seed: 6, layout: layout)
        let configuration: ModelConfiguration = architecture == "two-tower"
            ? try .twoTower(userWidths: [128], itemWidths: [128]) : try .mmoe(experts: 2, expertWidths: [128], towerWidths: [16])
        let model = try MultiObjectiveModel(layout: layout, configuration: configuration, seed: 2)
        let c = try TrainingConfiguration(epochs: 1, batchSize: 512, seed: 1, loss: try JointLoss(objectives: layout.objectives, weights: [0.5, 0.5]))
        var counts: [Int] = []
        BLASThreads.set(4)
        let four = try Trainer.train(model, on: table, configuration: c) { _ in counts.append(BLASThreads.count) }
        BLASThreads.set(1)
        let one = try Trainer.train(model, on: table, configuration: c) { _ in counts.append(BLASThreads.count) }
        #expect(counts == [1, 1], "training holds its own count (blasThreads 1)")
        #expect(one.model.parameters.dense.map(\.bitPattern) == four.model.parameters.dense.map(\.bitPattern))
        #expect(one.model.parameters.embeddings.map { $0.map(\.bitPattern) } == four.model.parameters.embeddings.map { $0.map(\.bitPattern) })
    }
}

/// Sizes that could only end in an allocation trap are refused by the validating initializers.
@Suite struct SizeLimitTests {
    @Test func modelTrainingAndSyntheticSizesHaveMaximums() throws {
        #expect(throws: ModelConfigurationError.self) { try ModelConfiguration.twoTower(userWidths: [1_000_000_000_000]) }
        #expect(throws: ModelConfigurationError.self) { try ModelConfiguration.twoTower(embeddingDimension: 100_000_000_000) }
        #expect(throws: ModelConfigurationError.self) { try ModelConfiguration.mmoe(experts: Int.max) }
        #expect(throws: ModelConfigurationError.self) { try ModelConfiguration.checkedWidth(1e30) }
        #expect(throws: ModelConfigurationError.self) { try ModelConfiguration.checkedWidth(.nan) }
        #expect(throws: ModelConfigurationError.self) { try ModelConfiguration.checkedWidth(2.5) }
        #expect(try ModelConfiguration.checkedWidth(64) == 64)
        let loss = try JointLoss(objectives: TinyModelData.layout.objectives, weights: [0.5, 0.5])
        for size in [1_000_000_000, Int.max] {
            #expect(throws: TrainingConfigurationError.self) { try TrainingConfiguration(epochs: 1, batchSize: size, seed: 1, loss: loss) }
        }
        #expect(throws: DataError.self) { try SyntheticScenario(kind: .ecommerce, rows: 100_000_000_000_000) }
        #expect(throws: DataError.self) { try SyntheticScenario(kind: .music, rows: Int.max) }
    }
}

/// Malformed rows are counted by kind, with their first line numbers, in one summary line.
@Suite struct MalformedRowSummaryTests {
    @Test func taobaoRowsAreCountedByKindWithTheirFirstLines() throws {
        var lines: [String] = []
        for k in 1...40 {
            switch k {
            case 3, 9, 11, 20, 21, 30, 33: lines.append("alice,\(k),1,pv,1511544070")
            case 5, 6: lines.append("\(k),1,pv")
            case 7: lines.append("\(k),2,3,like,1511544070")
            default: lines.append("\(k),\(k % 7),3,pv,\(1511544070 + k)")
            }
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("taobao-\(UUID().uuidString).csv").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (log, report) = try TaobaoLoader.load(path: path)
        #expect(log.count == 30)
        #expect(report.malformedRows == 10)
        let kinds = report.malformedKinds
        #expect(kinds.map(\.kind) == ["user_id '…' is not an integer", "expected N fields, found N", "unknown behavior_type '…'"])
        #expect(kinds.map(\.count) == [7, 2, 1])
        #expect(kinds[0].firstLines == [3, 9, 11, 20, 21])
        #expect(report.malformedSummary == "skipped 10 malformed rows: 7 × user_id '…' is not an integer (lines 3, 9, 11, 20, 21, …); "
                + "2 × expected N fields, found N (lines 5, 6); 1 × unknown behavior_type '…' (line 7)")
    }
}
