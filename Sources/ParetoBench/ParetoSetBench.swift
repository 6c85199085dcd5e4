import Foundation
import NumericCore
import ParetoCore
import Recommender
import Scenarios

// paretorec-bench pareto-set — one Pareto set learning training against the classic methods at equal
// training cost:
//
//   paretorec-bench pareto-set [--config EXPERIMENT.yaml] [--seeds 5] [--rows 20000] [--epochs 2] [--trainings 5]
//                              [--scenarios ecommerce,video,music]
//
// With --config: the experiment's data, model settings, reference point and first --seeds seeds
// (--rows, --epochs and --scenarios are ignored); without: the three scenarios' synthetic data.
// Per scenario and seed: `pareto-set` (1 training, front read at 11 preferences), `grid` and
// `pareto-mtl` with P = --trainings trainings, and each at one training (one weighted-sum training at
// λ = (½, ½); Pareto MTL with one preference). Prints one CSV line per run: scenario, method,
// trainings, seed, test hypervolume (the reference point), distinct non-dominated test
// points, extent (sum over objectives of max − min of the front), seconds (CPU time of the process
// during the run, one OpenBLAS thread). Experiments/bench/pareto_set_summary.py turns it into the table.
//
//   paretorec-bench pareto-set-time --config EXPERIMENT.yaml [--repeats 5]
//
// Training time alone: one plain training (weighted sum at λ = (½, ½)) against one Pareto set
// training with the hypernetwork and with FiLM, same data, model settings and epochs, alternated
// --repeats times. One CSV line per training (CPU and wall seconds of the training call), then the
// medians and the ratios to the plain training on stderr.
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
    var setups: [(kind: ScenarioKind, trainer: ScenarioTrainer, reference: [Double], seeds: [UInt64])] = []
    if let path = options["config"] {
        let config = try ExperimentConfig.load(path: path)
        let data = try ExperimentRunner(config: config, outputDirectory: "").loadData()
        setups.append((config.scenario, ScenarioTrainer(data: data, settings: config.model), config.reference, Array(config.seeds.prefix(seeds))))
    } else {
        for kind in scenarios {
            let conflict = SyntheticScenario.defaultConfiguration(for: kind).conflict
            let data = try ScenarioData.make(kind: kind, dataPath: nil, syntheticRows: rows, conflict: conflict, seed: 42)
            var settings = ModelSettings()
            settings.hidden = 32
            settings.epochs = epochs
            settings.batchSize = 512
            let trainer = ScenarioTrainer(data: data, settings: settings)
            setups.append((kind, trainer, trainer.objectives.naturalReference, Array(1...UInt64(seeds))))
        }
    }
    for (kind, trainer, reference, seedList) in setups {
        let settings = trainer.settings
        for seed in seedList {
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

func runParetoSetTimeBench(_ arguments: [String]) throws {
    var options: [String: String] = [:]
    var i = 0
    while i + 1 < arguments.count { options[String(arguments[i].dropFirst(2))] = arguments[i + 1]; i += 2 }
    guard let path = options["config"] else { throw BenchUsageError("pareto-set-time needs --config EXPERIMENT.yaml") }
    let repeats = Int(options["repeats"] ?? "5") ?? 5
    let config = try ExperimentConfig.load(path: path)
    let data = try ExperimentRunner(config: config, outputDirectory: "").loadData()
    let s = config.model
    BLASThreads.set(1)
    let configuration = try s.modelConfiguration()
    let losses = data.layout.objectives.map { ObjectiveLoss.default(for: $0.kind) }
    let m = data.layout.objectiveCount
    let optimizer: OptimizerConfiguration = .adam(learningRate: Float(s.learningRate))
    var times: [String: [(cpu: Double, wall: Double)]] = [:]
    func timed(_ name: String, _ body: () throws -> Void) rethrows {
        let cpu = cpuSeconds(), wall = DispatchTime.now().uptimeNanoseconds
        try body()
        let t = (cpu: cpuSeconds() - cpu, wall: Double(DispatchTime.now().uptimeNanoseconds - wall) / 1e9)
        times[name, default: []].append(t)
        print("\(config.scenario.rawValue),\(name),\(t.cpu),\(t.wall)")
    }
    print("scenario,training,cpu_seconds,wall_seconds")
    for r in 0..<UInt64(repeats) {
        let seed = SeededGenerator(seed: r + 1)
        try timed("plain") {
            let model = try MultiObjectiveModel(layout: data.layout, configuration: configuration, generator: seed.split("plain"))
            let training = try TrainingConfiguration(
                epochs: s.epochs, batchSize: s.batchSize, seed: seed.split("shuffle").key,
                loss: try JointLoss(objectives: data.layout.objectives, weights: [Float](repeating: 1 / Float(m), count: m)),
                optimizer: optimizer)
            _ = try Trainer.train(model, on: data.train, configuration: training)
        }
        for (name, conditioning) in [("hypernetwork", PreferenceConditioning.hypernetwork(hidden: 16)), ("film", .film)] {
            try timed(name) {
                let model = try PreferenceConditionedModel(layout: data.layout, configuration: configuration,
                                                           conditioning: conditioning, seed: seed.split(name).key)
                let training = try ParetoSetTrainingConfiguration(
                    epochs: s.epochs, batchSize: s.batchSize, seed: seed.split("shuffle").key, losses: losses,
                    scalarization: .linear, optimizer: optimizer)
                _ = try ParetoSetTrainer.train(model, on: data.train, configuration: training)
            }
        }
    }
    func median(_ xs: [Double]) -> Double { let v = xs.sorted(); return v.count % 2 == 1 ? v[v.count / 2] : (v[v.count / 2 - 1] + v[v.count / 2]) / 2 }
    let plainCPU = median(times["plain"]!.map(\.cpu)), plainWall = median(times["plain"]!.map(\.wall))
    for name in ["plain", "hypernetwork", "film"] {
        let cpu = median(times[name]!.map(\.cpu)), wall = median(times[name]!.map(\.wall))
        FileHandle.standardError.write(Data(String(format: "%@: median CPU %.3f s (%.3f x plain), wall %.3f s (%.3f x plain)\n",
                                                   name, cpu, cpu / plainCPU, wall, wall / plainWall).utf8))
    }
}

/// A usage error of a benchmark case.
private struct BenchUsageError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// User + system CPU time of this process, in seconds.
private func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
}
