import Testing
import NumericCore
@testable import Recommender

@Suite struct ModelTrainerTests {
    private func config(seed: UInt64 = 3, optimizer: OptimizerConfiguration = .adam(learningRate: 0.01),
                        balancing: GradientBalancing = .weightedSum) throws -> TrainingConfiguration {
        try TrainingConfiguration(epochs: 4, batchSize: 32, seed: seed,
                                  loss: JointLoss(objectives: TinyModelData.layout.objectives, weights: [0.5, 0.5]),
                                  optimizer: optimizer, balancing: balancing)
    }

    @Test(arguments: [0, 1])
    func trainingIsBitwiseReproducibleForASeed(architecture: Int) throws {
        let c = architecture == 0 ? try TinyModelData.twoTower() : try TinyModelData.mmoe()
        let table = TinyModelData.table(count: 300, seed: 5)
        let model = try MultiObjectiveModel(layout: TinyModelData.layout, configuration: c, seed: 9)
        let a = try Trainer.train(model, on: table, configuration: config())
        let b = try Trainer.train(model, on: table, configuration: config())
        #expect(a.model.parameters == b.model.parameters)
        #expect(a.lossHistory == b.lossHistory)
        let other = try Trainer.train(model, on: table, configuration: config(seed: 4))
        #expect(other.model.parameters != a.model.parameters)
    }

    /// With `maxBatchesPerEpoch = 3`, one epoch is the first three batches of the shuffled order:
    /// the same model as one unshuffled epoch on exactly those 96 rows, and the loss is their mean.
    @Test func maxBatchesPerEpochTrainsOnTheFirstBatchesOfTheShuffledOrder() throws {
        let table = TinyModelData.table(count: 300, seed: 5)
        let model = try MultiObjectiveModel(layout: TinyModelData.layout, configuration: try TinyModelData.mmoe(), seed: 9)
        let loss = try JointLoss(objectives: TinyModelData.layout.objectives, weights: [0.5, 0.5])
        let limited = try TrainingConfiguration(epochs: 1, batchSize: 32, seed: 3, loss: loss, maxBatchesPerEpoch: 3)
        var steps = 0
        let a = try Trainer.train(model, on: table, configuration: limited, step: { _ in steps += 1 })
        #expect(steps == 3)
        // The documented shuffle stream of epoch 1: seed → "shuffle" → 1.
        var order = Array(0..<300)
        var g = SeededGenerator(seed: 3).split("shuffle").split(1)
        g.shuffle(&order)
        let plain = try TrainingConfiguration(epochs: 1, batchSize: 32, seed: 3, loss: loss, shuffle: false)
        let b = try Trainer.train(model, on: table.subset(Array(order[..<96])), configuration: plain)
        #expect(a.model.parameters == b.model.parameters)
        #expect(a.lossHistory == b.lossHistory)
        // A limit at or above the epoch's batch count trains on everything, as without one.
        let loose = try TrainingConfiguration(epochs: 1, batchSize: 32, seed: 3, loss: loss, maxBatchesPerEpoch: 10)
        let all = try TrainingConfiguration(epochs: 1, batchSize: 32, seed: 3, loss: loss)
        #expect(try Trainer.train(model, on: table, configuration: loose).model.parameters == Trainer.train(model, on: table, configuration: all).model.parameters)
        #expect(throws: TrainingConfigurationError.self) { try TrainingConfiguration(epochs: 1, batchSize: 32, seed: 3, loss: loss, maxBatchesPerEpoch: 0) }
    }

    @Test func largeBatchTrainingIsReproducibleWithMultithreadedBLAS() throws {
        // Batches of 512 × widths 128 are large enough for OpenBLAS to split sgemm across threads.
        let layout = FeatureLayout(userCategoricalNames: [], userCategoricalCardinalities: [], userDenseNames: (0..<32).map { "u\($0)" },
                                   itemCategoricalNames: [], itemCategoricalCardinalities: [], itemDenseNames: (0..<32).map { "i\($0)" },
                                   objectives: TinyModelData.layout.objectives)
        let table = TinyModelData.table(count: 2048, seed: 6, layout: layout)
        let model = try MultiObjectiveModel(layout: layout, configuration: .twoTower(userWidths: [128], itemWidths: [128]), seed: 2)
        let c = try TrainingConfiguration(epochs: 1, batchSize: 512, seed: 1,
                                          loss: JointLoss(objectives: layout.objectives, weights: [0.5, 0.5]))
        let a = try Trainer.train(model, on: table, configuration: c)
        let b = try Trainer.train(model, on: table, configuration: c)
        #expect(a.model.parameters == b.model.parameters)
    }

    @Test(arguments: [OptimizerConfiguration.sgd(learningRate: 0.05, momentum: 0.9), .adam(learningRate: 0.01), .adamW(learningRate: 0.01)])
    func trainingLowersTheLoss(optimizer: OptimizerConfiguration) throws {
        let table = TinyModelData.table(count: 400, seed: 7)
        let model = try MultiObjectiveModel(layout: TinyModelData.layout, configuration: TinyModelData.twoTower(), seed: 1)
        var epochs: [EpochProgress] = []
        let result = try Trainer.train(model, on: table, configuration: config(optimizer: optimizer)) { epochs.append($0) }
        #expect(result.lossHistory.count == 4 && epochs.map(\.epoch) == [1, 2, 3, 4])
        #expect(result.lossHistory.last! < result.lossHistory.first!)
        #expect(result.samplesPerSecond > 0)
    }

    @Test func balancedTrainingWithLambdaWeightsTracksWeightedSum() throws {
        // Balancing with w = λ gives the weighted-sum gradient (up to summation order).
        let table = TinyModelData.table(count: 128, seed: 8)
        let model = try MultiObjectiveModel(layout: TinyModelData.layout, configuration: TinyModelData.twoTower(), seed: 1)
        let plain = try Trainer.train(model, on: table, configuration: config())
        for balancing in [GradientBalancing.representation { _ in [0.5, 0.5] }, .sharedParameters { _ in [0.5, 0.5] }] {
            let balanced = try Trainer.train(model, on: table, configuration: config(balancing: balancing))
            for (x, y) in zip(plain.model.parameters.dense, balanced.model.parameters.dense) { #expect(abs(x - y) <= 1e-3) }
        }
    }

    @Test func badInputsGiveTypedErrors() throws {
        let model = try MultiObjectiveModel(layout: TinyModelData.layout, configuration: TinyModelData.twoTower(), seed: 1)
        #expect(throws: TrainingError.emptyTable) { try Trainer.train(model, on: ExampleTable(layout: TinyModelData.layout), configuration: config()) }
        let table = TinyModelData.table(count: 10, seed: 1)
        #expect(throws: TrainingError.self) {
            try Trainer.train(model, on: table, configuration: config(), baseMargin: Matrix<Float>(rows: 3, columns: 2))
        }
        let threeLosses = try TrainingConfiguration(epochs: 1, batchSize: 4, seed: 1,
                                                    loss: JointLoss(losses: [.binaryCrossEntropy, .meanSquaredError, .meanSquaredError], weights: [1, 1, 1]))
        #expect(throws: TrainingError.objectiveCountMismatch(model: 2, loss: 3)) { try Trainer.train(model, on: table, configuration: threeLosses) }
    }

    @Test func outOfVocabularyCodesUseRowZero() throws {
        var table = ExampleTable(layout: TinyModelData.layout)
        table.append(userCategorical: [99, -4], userDense: [0, 0, 0], itemCategorical: [6], itemDense: [0, 0], labels: [1, 0], userKey: 1, itemKey: 1)
        table.append(userCategorical: [0, 0], userDense: [0, 0, 0], itemCategorical: [0], itemDense: [0, 0], labels: [1, 0], userKey: 1, itemKey: 1)
        let model = try MultiObjectiveModel(layout: TinyModelData.layout, configuration: TinyModelData.twoTower(), seed: 1)
        let s = try model.predictScores(table)
        #expect(s.row(0) == s.row(1))
    }
}
