import Foundation
import NumericCore
import ParetoOptimizers
import Recommender

/// `paretorec-bench training catalogue`: training throughput of every registered gradient weighting,
/// at the shared representation and at the shared parameters, relative to the weighted sum on the
/// same data, model and process. Each round trains one epoch of every configuration in turn (so
/// machine load hits them alike); the figure is the median over rounds of samples per CPU second,
/// and its ratio to the weighted sum's median.
func compareWeightingCatalogue(path: String, rounds: Int, batchSize: Int) throws {
    let (train, _) = try TrainingBenchData.load(path)
    let k = train.layout.objectiveCount
    struct Case { let label: String; let balancing: () throws -> GradientBalancing }
    var cases = [Case(label: "weighted-sum") { .weightedSum }]
    for entry in WeightingRegistry.methods {
        for target in [GradientTarget.sharedRepresentation, .sharedParameters] {
            let label = "\(entry.name)@\(target == .sharedRepresentation ? "representation" : "parameters")"
            cases.append(Case(label: label) {
                let preferences = entry.usesPreferences ? entry.preferenceSet(1, k) : []
                let run = try entry.make(WeightingSettings(objectives: k, preferences: preferences), SeededGenerator(seed: 1))
                return .balanced(target: target, gradientVectors: run.requirement == .gradients) { summary in
                    try run.weights(WeightingInput(
                        gram: summary.gram, losses: summary.losses, step: summary.step, epoch: summary.epoch,
                        gradients: try summary.gradients.map { try Matrix<Double>(rows: $0.rows, columns: $0.columns, storage: $0.storage.map(Double.init)) }))
                }
            })
        }
    }
    var rates: [String: [Double]] = [:]
    for round in 0..<rounds {
        for c in cases {
            let model = try MultiObjectiveModel(layout: train.layout, configuration: .twoTower(userWidths: [128], itemWidths: [128]), seed: 1)
            let configuration = try TrainingConfiguration(
                epochs: 1, batchSize: batchSize, seed: UInt64(round + 1), loss: JointLoss(objectives: train.layout.objectives, weights: [0.5, 0.5]),
                optimizer: .adam(learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8), balancing: try c.balancing(),
                blasThreads: BLASThreads.count)
            let cpu0 = trainingProcessCPUSeconds()
            _ = try Trainer.train(model, on: train, configuration: configuration)
            rates[c.label, default: []].append(Double(train.count) / (trainingProcessCPUSeconds() - cpu0))
        }
    }
    let base = Statistics.median(rates["weighted-sum"]!)
    print("| configuration | median samples per CPU second | ratio to weighted sum |")
    print("| --- | --- | --- |")
    for c in cases {
        let m = Statistics.median(rates[c.label]!)
        print("| \(c.label) | \(String(format: "%.0f", m)) | \(String(format: "%.3f", m / base)) |")
    }
}
