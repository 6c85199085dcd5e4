import Foundation
import NumericCore
import Recommender

// paretorec-bench sequence-towers — the user towers over behaviour histories (pooling, GRU, DIN
// attention) against the id-only user tower, on one e-commerce scenario, one OpenBLAS thread:
//
//   paretorec-bench sequence-towers [--data TAOBAO.csv] [--rows 100000] [--rounds 3] [--seeds 1,2,3,4,5]
//       [--epochs 2] [--length 50] [--embedding 16] [--hidden 64] [--batch-size 512] [--towers id,pooling,gru,attention]
//       [--export DIR] [--skip-quality] [--skip-throughput]
//
// Throughput: per round, one epoch of each tower in turn (so machine load hits them alike); the
// figure is the median over rounds of training samples per CPU second, and its ratio to id-only.
// Quality: per seed and tower, `epochs` epochs, then test AUC and GAUC of click and purchase.
// Every model is a two-tower model with towers of one layer of `hidden`, embeddings of `embedding`.
// `--export DIR` writes the training split (with padded histories) for the PyTorch script
// Experiments/bench/sequence_towers_vs_torch.py (format in `exportSequenceBenchData`).

func runSequenceTowerBench(_ arguments: [String]) throws {
    var options: [String: String] = [:], flags = Set<String>()
    var i = 0
    while i < arguments.count {
        let a = arguments[i]
        guard a.hasPrefix("--") else { throw BenchError.usage("sequence-towers: unexpected '\(a)'") }
        if i + 1 < arguments.count, !arguments[i + 1].hasPrefix("--") { options[String(a.dropFirst(2))] = arguments[i + 1]; i += 2 }
        else { flags.insert(String(a.dropFirst(2))); i += 1 }
    }
    func int(_ key: String, _ fallback: Int) throws -> Int {
        guard let s = options[key] else { return fallback }
        guard let v = Int(s), v > 0 else { throw BenchError.usage("--\(key) needs a positive integer, got '\(s)'") }
        return v
    }
    let length = try int("length", 50), embedding = try int("embedding", 16), hidden = try int("hidden", 64)
    let batchSize = try int("batch-size", 512), rounds = try int("rounds", 3), epochs = try int("epochs", 2)
    let seeds = try (options["seeds"] ?? "1,2,3,4,5").split(separator: ",").map { s -> UInt64 in
        guard let v = UInt64(s) else { throw BenchError.usage("--seeds needs integers, got '\(s)'") }
        return v
    }
    let towers = try (options["towers"] ?? "id,pooling,gru,attention").split(separator: ",").map { s -> UserTowerKind in
        guard let t = UserTowerKind(rawValue: String(s)) else {
            throw BenchError.usage("unknown tower '\(s)'; towers: \(UserTowerKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return t
    }
    BLASThreads.set(1)
    let data = try ScenarioData.make(kind: .ecommerce, dataPath: options["data"], syntheticRows: try int("rows", 100_000), seed: 42,
                                     behaviourHistories: true)
    let source = options["data"] ?? "synthetic e-commerce (\(data.train.count + data.validation.count + data.test.count) rows)"
    print("# data: \(source); train \(data.train.count), test \(data.test.count); L = \(length), d = \(embedding), hidden \(hidden), batch \(batchSize), 1 BLAS thread")
    if let s = data.train.sequences {
        let lengths = (0..<s.exampleCount).map { s.window($0, length: length).count }
        print("# mean history length in the window: \(String(format: "%.1f", Double(lengths.reduce(0, +)) / Double(max(1, lengths.count)))), empty: \(lengths.filter { $0 == 0 }.count)")
    }
    if let dir = options["export"] { try exportSequenceBenchData(data, length: length, directory: dir) }
    func configuration(_ tower: UserTowerKind) throws -> ModelConfiguration {
        try ModelConfiguration.twoTower(userWidths: [hidden], itemWidths: [hidden], embeddingDimension: embedding)
            .withUserTower(tower, sequenceLength: length)
    }
    func trainingConfiguration(epochs: Int, seed: UInt64) throws -> TrainingConfiguration {
        try TrainingConfiguration(epochs: epochs, batchSize: batchSize, seed: seed,
                                  loss: JointLoss(objectives: data.layout.objectives, weights: [0.5, 0.5]),
                                  optimizer: .adam(learningRate: 1e-3), blasThreads: 1)
    }
    if !flags.contains("skip-throughput") {
        var rates: [UserTowerKind: [Double]] = [:]
        for round in 0..<rounds {
            for tower in towers {
                let model = try MultiObjectiveModel(layout: data.layout, configuration: configuration(tower), seed: 1)
                let cpu0 = trainingProcessCPUSeconds()
                _ = try Trainer.train(model, on: data.train, configuration: trainingConfiguration(epochs: 1, seed: UInt64(round + 1)))
                let rate = Double(data.train.count) / (trainingProcessCPUSeconds() - cpu0)
                rates[tower, default: []].append(rate)
                print("{\"implementation\":\"paretorec\",\"tower\":\"\(tower.rawValue)\",\"round\":\(round),\"samples_per_cpu_second\":\(rate)}")
            }
        }
        let base = rates[.id].map { Statistics.median($0) }
        print("| user tower | median samples per CPU second | ratio to id-only |")
        print("| --- | --- | --- |")
        for tower in towers {
            let m = Statistics.median(rates[tower]!)
            print("| \(tower.rawValue) | \(String(format: "%.0f", m)) | \(base.map { String(format: "%.3f", m / $0) } ?? "–") |")
        }
    }
    guard !flags.contains("skip-quality") else { return }
    var results: [UserTowerKind: [[Double]]] = [:]  // per seed: click AUC, click GAUC, purchase AUC, purchase GAUC
    for seed in seeds {
        for tower in towers {
            let model = try MultiObjectiveModel(layout: data.layout, configuration: configuration(tower), seed: seed)
            let trained = try Trainer.train(model, on: data.train, configuration: trainingConfiguration(epochs: epochs, seed: seed)).model
            let report = try EvaluationReport(predictor: trained, table: data.test)
            let row = report.objectives.flatMap { [$0.auc ?? .nan, $0.gauc?.value ?? .nan] }
            results[tower, default: []].append(row)
            print("{\"tower\":\"\(tower.rawValue)\",\"seed\":\(seed),\"test\":\(row)}")
        }
    }
    print("| user tower | click AUC | click GAUC | purchase AUC | purchase GAUC |")
    print("| --- | --- | --- | --- | --- |")
    for tower in towers {
        let rows = results[tower]!
        let cells = (0..<4).map { c -> String in
            let v = rows.map { $0[c] }
            let mean = v.reduce(0, +) / Double(v.count)
            let sd = v.count > 1 ? (v.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(v.count - 1)).squareRoot() : 0
            return String(format: "%.4f ± %.4f", mean, sd)
        }
        print("| \(tower.rawValue) | \(cells.joined(separator: " | ")) |")
    }
    print("# mean ± sample standard deviation over seeds \(seeds.map(String.init).joined(separator: ",")), \(epochs) epochs each")
}

/// Writes `DIR/train.bin` and `DIR/meta.json` for the PyTorch comparison. `train.bin` holds, in this
/// order, little-endian: user codes (`n × uf` Int32), item codes (`n × if` Int32), user dense
/// (`n × ud` Float32), item dense (`n × id` Float32), labels (`n × K` Float32), then the last `L`
/// behaviours left-aligned and zero-padded: items, categories, behaviours (`n × L` Int32 each) and
/// lengths (`n` Int32). `meta.json` gives n, the widths, cardinalities and L.
func exportSequenceBenchData(_ data: ScenarioData, length: Int, directory: String) throws {
    let t = data.train
    guard let s = t.sequences, let lay = t.layout.sequence else { throw BenchError.badData("the data has no behaviour histories") }
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    var bytes = Data()
    func append<T>(_ values: [T]) { values.withUnsafeBytes { bytes.append(contentsOf: $0) } }
    append(t.userCategorical); append(t.itemCategorical); append(t.userDense); append(t.itemDense); append(t.labels)
    var items = [Int32](repeating: 0, count: t.count * length), categories = items, behaviours = items
    var lengths = [Int32](repeating: 0, count: t.count)
    for n in 0..<t.count {
        let w = s.window(n, length: length)
        lengths[n] = Int32(w.count)
        for (j, i) in w.enumerated() {
            items[n * length + j] = s.items[i]; categories[n * length + j] = s.categories[i]; behaviours[n * length + j] = s.behaviours[i]
        }
    }
    append(items); append(categories); append(behaviours); append(lengths)
    try bytes.write(to: URL(fileURLWithPath: directory + "/train.bin"), options: .atomic)
    let l = t.layout
    let meta = """
    {"n": \(t.count), "user_cardinalities": \(l.userCategoricalCardinalities), "item_cardinalities": \(l.itemCategoricalCardinalities),
     "user_dense": \(l.userDenseCount), "item_dense": \(l.itemDenseCount), "objectives": \(l.objectiveCount), "length": \(length),
     "sequence_cardinalities": [\(lay.itemCardinality), \(lay.categoryCardinality), \(lay.behaviourCardinality)],
     "candidate_item_field": \(lay.candidateItemField), "candidate_category_field": \(lay.candidateCategoryField.map(String.init) ?? "null")}
    """
    try Data(meta.utf8).write(to: URL(fileURLWithPath: directory + "/meta.json"), options: .atomic)
}
