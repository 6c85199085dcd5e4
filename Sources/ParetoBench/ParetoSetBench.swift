import Foundation
import NumericCore
import ParetoCore
import Recommender
import Scenarios

// paretorec-bench pareto-set — one Pareto set learning training against the classic methods at equal
// training cost, on the three scenarios' synthetic data:
//
//   paretorec-bench pareto-set [--seeds 5] [--rows 20000] [--epochs 2] [--trainings 5] [--scenarios ecommerce,video,music]
//
// Per scenario and seed: `pareto-set` (1 training, front read at 11 preferences), `grid` and
// `pareto-mtl` with P = --trainings trainings, and each at one training (one weighted-sum training at
// λ = (½, ½); Pareto MTL with one preference). Prints one CSV line per run: scenario, method,
// trainings, seed, test hypervolume (reference AUC 0.5 per objective), distinct non-dominated test
// points, extent (sum over objectives of max − min of the front), seconds (CPU time of the process
// during the run, one OpenBLAS thread). Experiments/bench/pareto_set_summary.py turns it into the table.
func runParetoSetBench(_ arguments: [String]) throws {
    var options: [String: String] = [:]
    var i = 0
    while i + 1 < arguments.count { options[String(arguments[i].dropFirst(2))] = arguments[i + 1]; i += 2 }
    let seeds = Int(options["seeds"] ?? "5") ?? 5
    let rows = Int(options["rows"] ?? "20000") ?? 20000
    let epochs = Int(options["epochs"] ?? "2") ?? 2
    let trainings = Int(options["trainings"] ?? "5") ?? 5
    let scenarios = (options["scenarios"] ?? "ecommerce,video,music").split(separator: ",").compactMap { ScenarioKind(rawValue: String($0)) }
    BLASThreads.set(1)
    print("scenario,method,trainings,seed,hypervolume,points,extent,seconds")
    for kind in scenarios {
        let conflict = SyntheticScenario.defaultConfiguration(for: kind).conflict
        let data = try ScenarioData.make(kind: kind, dataPath: nil, syntheticRows: rows, conflict: conflict, seed: 42)
        var settings = ModelSettings()
        settings.hidden = 32
        settings.epochs = epochs
        settings.batchSize = 512
        let trainer = ScenarioTrainer(data: data, settings: settings)
        let reference = trainer.objectives.naturalReference
        for seed in 1...UInt64(seeds) {
            func record(_ method: String, _ count: Int, _ body: () throws -> [[Double]]) throws {
                let start = cpuSeconds()
                let front = try body()
                let seconds = cpuSeconds() - start
                let points = try Matrix<Double>(front.map { $0.map { -$0 } })
                let keep = nondominatedIndices(of: points)
                let distinct = Set(keep.map { front[$0] }).count
                let hv = front.isEmpty ? 0 : try hypervolume(of: points, reference: reference.map { -$0 })
                let extent = (0..<reference.count).reduce(0.0) { sum, k in
                    let column = keep.map { front[$0][k] }
                    return sum + ((column.max() ?? 0) - (column.min() ?? 0))
                }
                print("\(kind.rawValue),\(method),\(count),\(seed),\(hv),\(distinct),\(extent),\(seconds)")
            }
            func front(_ name: String, evaluations: Int? = nil, preferences: Int? = nil) throws -> [[Double]] {
                var m = try MethodConfig(name: name)
                m.evaluations = evaluations
                m.preferences = preferences
                let table = try ExperimentRunner.front(of: m, seed: seed, trainer: trainer, reference: reference)
                return (0..<table.count).map { table.objectives.row($0) }
            }
            try record("pareto-set", 1) { try front("pareto-set", preferences: 11) }
            try record("grid", trainings) { try front("grid", evaluations: trainings) }
            try record("pareto-mtl", trainings) { try front("pareto-mtl", preferences: trainings) }
            try record("weighted-sum", 1) {
                let request = TrainingRequest(weights: [0.5, 0.5], learningRate: settings.learningRate, weightDecay: 0,
                                              hidden: settings.hidden, seed: SeededGenerator(seed: seed).split("single").key)
                return [try trainer.testMetrics(of: try trainer.train(request).model)]
            }
            try record("pareto-mtl", 1) { try front("pareto-mtl", preferences: 1) }

        }
    }
}

/// User + system CPU time of this process, in seconds.
private func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
}
