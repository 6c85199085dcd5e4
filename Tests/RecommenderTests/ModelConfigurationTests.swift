import Testing
@testable import Recommender

@Suite struct ModelConfigurationTests {
    @Test func validConfigurationsAreAccepted() throws {
        let c = try ModelConfiguration.twoTower(userWidths: [8], itemWidths: [4, 2], embeddingDimension: 2)
        #expect(c.architecture == .twoTower(userWidths: [8], itemWidths: [4, 2]))
        _ = try ModelConfiguration.mmoe(experts: 2, expertWidths: [4], towerWidths: [], embeddingDimension: 1)
    }

    @Test func invalidConfigurationsAreRejected() {
        #expect(throws: ModelConfigurationError.nonPositive("embeddingDimension", 0)) {
            try ModelConfiguration.twoTower(embeddingDimension: 0)
        }
        #expect(throws: ModelConfigurationError.emptyLayers("userWidths")) { try ModelConfiguration.twoTower(userWidths: []) }
        #expect(throws: ModelConfigurationError.nonPositive("itemWidths", -3)) { try ModelConfiguration.twoTower(itemWidths: [4, -3]) }
        #expect(throws: ModelConfigurationError.nonPositive("experts", 0)) { try ModelConfiguration.mmoe(experts: 0) }
        #expect(throws: ModelConfigurationError.emptyLayers("expertWidths")) { try ModelConfiguration.mmoe(expertWidths: []) }
        #expect(throws: ModelConfigurationError.nonPositive("towerWidths", 0)) { try ModelConfiguration.mmoe(towerWidths: [0]) }
    }

    @Test func layoutsThatCannotFeedTheModelAreRejected() throws {
        let config = try ModelConfiguration.twoTower()
        var noObjectives = TinyModelData.layout
        noObjectives.objectives = []
        #expect(throws: ModelConfigurationError.self) { try MultiObjectiveModel(layout: noObjectives, configuration: config, seed: 1) }
        var noItem = TinyModelData.layout
        noItem.itemCategoricalNames = []; noItem.itemCategoricalCardinalities = []; noItem.itemDenseNames = []
        #expect(throws: ModelConfigurationError.self) { try MultiObjectiveModel(layout: noItem, configuration: config, seed: 1) }
        var zeroVocabulary = TinyModelData.layout
        zeroVocabulary.userCategoricalCardinalities = [0, 4]
        #expect(throws: ModelConfigurationError.self) { try MultiObjectiveModel(layout: zeroVocabulary, configuration: config, seed: 1) }
        // A table of another layout is rejected by prediction.
        let model = try MultiObjectiveModel(layout: TinyModelData.layout, configuration: config, seed: 1)
        let other = ExampleTable(layout: noItem)
        #expect(throws: ModelConfigurationError.self) { try model.predictScores(other) }
    }

    @Test func trainingConfigurationValidatesItsFields() throws {
        let loss = try JointLoss(objectives: TinyModelData.layout.objectives, weights: [0.5, 0.5])
        #expect(throws: TrainingConfigurationError.self) { try TrainingConfiguration(epochs: 0, batchSize: 8, seed: 1, loss: loss) }
        #expect(throws: TrainingConfigurationError.self) { try TrainingConfiguration(epochs: 1, batchSize: 0, seed: 1, loss: loss) }
        #expect(throws: TrainingConfigurationError.self) {
            try TrainingConfiguration(epochs: 1, batchSize: 8, seed: 1, loss: loss, optimizer: .sgd(learningRate: -1, momentum: 0))
        }
        #expect(throws: TrainingConfigurationError.self) { try JointLoss(objectives: TinyModelData.layout.objectives, weights: [1]) }
        #expect(throws: TrainingConfigurationError.self) { try JointLoss(objectives: TinyModelData.layout.objectives, weights: [1, -1]) }
        #expect(throws: TrainingConfigurationError.self) { try JointLoss(losses: [.binaryCrossEntropy, .huber(delta: 0)], weights: [1, 1]) }
    }
}
