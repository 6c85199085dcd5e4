import Foundation
import Recommender

extension ExperimentRunner {
    /// The trained fusions (bagging, boosting) of the config's `fusion:` key, once per run seed,
    /// written to `DIR/fusion/seed-<s>/ensembles.csv`; seeds whose file exists are skipped (resume).
    /// - Throws: training, fusion, metric and writing errors.
    func runTrainedFusions(trainer: ScenarioTrainer, store: ResultsStore) throws {
        guard let settings = config.fusion, !settings.methods(from: .preference).isEmpty else { return }
        let fusion = TrainedModelFusion(settings: settings)
        let names = settings.methods(from: .preference).map(\.rawValue).joined(separator: ", ")
        for (i, seed) in config.seeds.enumerated() where !store.hasTrainedFusions(seed: seed) {
            progress(ExperimentProgress(done: i, total: config.seeds.count, method: "fusion", seed: seed,
                                        message: "training \(names) (\(settings.members) members each)"))
            let start = DispatchTime.now().uptimeNanoseconds
            let records = try fusion.trainEnsembles(trainer: trainer, seed: seed)
            try store.writeTrainedFusions(records, objectiveNames: trainer.objectives.metricNames, seed: seed)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            let summary = records.map { r in "\(r.method.rawValue) " + r.test.map { String(format: "%.4f", $0) }.joined(separator: "/") }
            progress(ExperimentProgress(done: i + 1, total: config.seeds.count, method: "fusion", seed: seed,
                                        message: summary.joined(separator: ", ") + String(format: ", %.1f s", seconds)))
        }
    }
}
