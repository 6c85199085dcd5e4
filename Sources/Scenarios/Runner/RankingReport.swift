import Foundation
import NumericCore
import Recommender

/// Ranking quality of a run's Pareto set beside its AUCs: for every member model and every binary
/// objective, Recall@K, NDCG@K and HitRate@K over each test user's candidate items (the user's
/// held-out positives among their sampled negatives), as issue 5 asks for e-commerce purchases.
/// Written as `ranking.csv` in the run folder, one row per front member (the front's row order).
enum RankingReport {
    /// Cut-off of the ranking metrics: small, because a leave-last-out test user has few candidates
    /// (one held-out positive and its sampled negatives — 5 in the e-commerce reference experiment).
    static let k = 3

    /// The CSV text, or `nil` when the run kept no models.
    static func csv(models: [MultiObjectiveModel], test: ExampleTable) throws -> String? {
        guard !models.isEmpty else { return nil }
        let binary = test.layout.objectives.enumerated().filter { $0.element.kind == .binary }
        var header = ["member"]
        for (_, o) in binary { header += ["\(o.name)_recall@\(k)", "\(o.name)_ndcg@\(k)", "\(o.name)_hitrate@\(k)"] }
        var lines = [header.joined(separator: ",")]
        for (i, model) in models.enumerated() {
            var row = ["\(i + 1)"]
            for (objective, _) in binary {
                let r = try Metrics.ranking(model, on: test, objective: objective, k: k)
                row += [r.recall, r.ndcg, r.hitRate].map(FullPrecision.format)
            }
            lines.append(row.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes `ranking.csv` into the run folder (atomically) when the run kept its models.
    static func write(models: [MultiObjectiveModel], test: ExampleTable, runDirectory: String) throws {
        guard let text = try csv(models: models, test: test) else { return }
        try FileManager.default.createDirectory(atPath: runDirectory, withIntermediateDirectories: true)
        try AtomicFile.write(text, to: runDirectory + "/ranking.csv")
    }
}
