import Foundation
import NumericCore
import Recommender
#if canImport(Glibc)
import Glibc
#endif

// paretorec-bench training — the recommender-training benchmark of issue 4 (compared with PyTorch by
// Experiments/bench/training_vs_torch.sh, which runs both in one go):
//
//   paretorec-bench training generate --output FILE [--train N] [--test N] [--seed S]
//       writes the synthetic data set both sides train on (format below)
//   paretorec-bench training run --data FILE --mode {weighted,mgda-ub,mgda} [--epochs 3] [--batch-size 1024] [--threads 2]
//       trains the model and prints one JSON line: samples/s, seconds, test AUCs, peak RSS
//   paretorec-bench training catalogue --data FILE [--rounds 3] [--threads 1]
//       every registered gradient weighting at both targets against the weighted sum (WeightingTrainingBench.swift)
//   paretorec-bench training modes --data FILE [--rounds 5] [--threads 2]
//       in one process, alternates one-epoch runs of weighted / mgda-ub / mgda (so machine load hits
//       all three alike) and prints the median samples/s of each and the ratios to weighted
//
// Data file (little-endian): five Int32 (train rows, test rows, user dense, item dense, objectives),
// then Float32 arrays: train user (rows × du), train item, train labels (rows × K), test user, test
// item, test labels. Features are N(0, 1); labels are Bernoulli draws from logits built from random
// 8-dimensional projections z_u = R_u·x_u/8 and z_i = R_i·x_i/8:
//   click    logit = 2·⟨z_u, z_i⟩ + 0.5·z_u[0] − 0.5
//   purchase logit = 2·⟨z_u, M·z_i⟩ − 1.5, with M = 0.5·I + 0.5·(random permutation)  (partly conflicting).

func runTrainingBench(_ arguments: [String]) throws {
    var options: [String: String] = [:]
    var command = ""
    var i = 0
    while i < arguments.count {
        let a = arguments[i]
        if a.hasPrefix("--"), i + 1 < arguments.count {
            options[String(a.dropFirst(2))] = arguments[i + 1]; i += 2
        } else { command = a; i += 1 }
    }
    switch command {
    case "generate":
        guard let output = options["output"] else { throw BenchError.usage("generate needs --output FILE") }
        try TrainingBenchData.generate(train: Int(options["train"] ?? "") ?? 200_000, test: Int(options["test"] ?? "") ?? 50_000,
                                       seed: UInt64(options["seed"] ?? "") ?? 2026, to: output)
    case "modes":
        guard let path = options["data"] else { throw BenchError.usage("modes needs --data FILE") }
        BLASThreads.set(Int(options["threads"] ?? "") ?? 2)
        try compareModes(path: path, rounds: Int(options["rounds"] ?? "") ?? 5, batchSize: Int(options["batch-size"] ?? "") ?? 1024)
    case "catalogue":
        guard let path = options["data"] else { throw BenchError.usage("catalogue needs --data FILE") }
        BLASThreads.set(Int(options["threads"] ?? "") ?? 1)
        try compareWeightingCatalogue(path: path, rounds: Int(options["rounds"] ?? "") ?? 3,
                                      batchSize: Int(options["batch-size"] ?? "") ?? 1024)
    case "run":
        guard let path = options["data"] else { throw BenchError.usage("run needs --data FILE") }
        BLASThreads.set(Int(options["threads"] ?? "") ?? 2)
        try runTraining(path: path, mode: options["mode"] ?? "weighted", epochs: Int(options["epochs"] ?? "") ?? 3,
                        batchSize: Int(options["batch-size"] ?? "") ?? 1024, seed: UInt64(options["seed"] ?? "") ?? 1)
    default:
        throw BenchError.usage("paretorec-bench training {generate --output FILE | run --data FILE --mode weighted|mgda-ub|mgda}")
    }
}

enum BenchError: Error, CustomStringConvertible {
    case usage(String)
    case badData(String)
    var description: String {
        switch self { case .usage(let m): return "usage: \(m)"; case .badData(let m): return "bad benchmark data: \(m)" }
    }
}

/// BENCHMARK-ONLY helper: Sener & Koltun's closed-form min-norm point for two objectives
/// (NeurIPS 2018, arXiv:1810.04650, Algorithm 1): w₁ = clamp((G₂₂ − G₁₂)/(G₁₁ + G₂₂ − 2G₁₂), 0, 1),
/// w₂ = 1 − w₁. The library's MGDA solver lives in ParetoOptimizers; this only times the step.
private func benchmarkTwoObjectiveMinNorm(_ s: ObjectiveGradientSummary) -> [Double] {
    let g = s.gram
    let denominator = g[0, 0] + g[1, 1] - 2 * g[0, 1]
    let w1 = denominator > 0 ? min(max((g[1, 1] - g[0, 1]) / denominator, 0), 1) : 0.5
    return [w1, 1 - w1]
}

private func runTraining(path: String, mode: String, epochs: Int, batchSize: Int, seed: UInt64) throws {
    let (train, test) = try TrainingBenchData.load(path)
    let balancing: GradientBalancing
    switch mode {
    case "weighted": balancing = .weightedSum
    case "mgda-ub": balancing = .representation(benchmarkTwoObjectiveMinNorm)
    case "mgda": balancing = .sharedParameters(benchmarkTwoObjectiveMinNorm)
    default: throw BenchError.usage("--mode must be weighted, mgda-ub or mgda")
    }
    let model = try MultiObjectiveModel(layout: train.layout, configuration: .twoTower(userWidths: [128], itemWidths: [128]), seed: seed)
    let configuration = try TrainingConfiguration(
        epochs: epochs, batchSize: batchSize, seed: seed,
        loss: JointLoss(objectives: train.layout.objectives, weights: [0.5, 0.5]),
        optimizer: .adam(learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8), balancing: balancing,
        blasThreads: BLASThreads.count)
    var before = rusage(), after = rusage()
    getrusage(RUSAGE_SELF.rawValue, &before)
    let result = try Trainer.train(model, on: train, configuration: configuration)
    getrusage(RUSAGE_SELF.rawValue, &after)
    func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
    let cpu = seconds(after.ru_utime) + seconds(after.ru_stime) - seconds(before.ru_utime) - seconds(before.ru_stime)
    let scores = try result.model.predictScores(test)
    let aucs = (0..<2).map { k in exactAUC(scores: (0..<test.count).map { scores[$0, k] }, labels: test.labelColumn(k)) }
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    let json = """
    {"implementation":"paretorec","mode":"\(mode)","samples_per_second":\(result.samplesPerSecond),\
    "seconds":\(result.seconds),"cpu_seconds":\(cpu),"test_auc":[\(aucs[0]),\(aucs[1])],"peak_rss_mb":\(Double(usage.ru_maxrss) / 1024),\
    "final_loss":\(result.lossHistory.last ?? .nan),"blas_threads":\(BLASThreads.count)}
    """
    print(json)
}

private func balancing(_ mode: String) throws -> GradientBalancing {
    switch mode {
    case "weighted": return .weightedSum
    case "mgda-ub": return .representation(benchmarkTwoObjectiveMinNorm)
    case "mgda": return .sharedParameters(benchmarkTwoObjectiveMinNorm)
    default: throw BenchError.usage("--mode must be weighted, mgda-ub or mgda")
    }
}

private func compareModes(path: String, rounds: Int, batchSize: Int) throws {
    let (train, _) = try TrainingBenchData.load(path)
    let modes = ["weighted", "mgda-ub", "mgda"]
    var rates: [String: [Double]] = [:], cpuRates: [String: [Double]] = [:]
    for round in 0..<rounds {
        for mode in modes {
            let model = try MultiObjectiveModel(layout: train.layout, configuration: .twoTower(userWidths: [128], itemWidths: [128]), seed: 1)
            let configuration = try TrainingConfiguration(
                epochs: 1, batchSize: batchSize, seed: UInt64(round + 1), loss: JointLoss(objectives: train.layout.objectives, weights: [0.5, 0.5]),
                optimizer: .adam(learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8), balancing: try balancing(mode),
                blasThreads: BLASThreads.count)
            let cpu0 = trainingProcessCPUSeconds()
            rates[mode, default: []].append(try Trainer.train(model, on: train, configuration: configuration).samplesPerSecond)
            cpuRates[mode, default: []].append(Double(train.count) / (trainingProcessCPUSeconds() - cpu0))
        }
    }
    let medians = modes.map { Statistics.median(rates[$0]!) }
    let cpuMedians = modes.map { Statistics.median(cpuRates[$0]!) }
    print("""
    {"implementation":"paretorec","rounds":\(rounds),"median_samples_per_second":{"weighted":\(medians[0]),"mgda-ub":\(medians[1]),"mgda":\(medians[2])},\
    "ratio_to_weighted":{"mgda-ub":\(medians[1] / medians[0]),"mgda":\(medians[2] / medians[0])},"all":\(modes.map { rates[$0]! }),\
    "median_samples_per_cpu_second":{"weighted":\(cpuMedians[0]),"mgda-ub":\(cpuMedians[1]),"mgda":\(cpuMedians[2])},\
    "cpu_ratio_to_weighted":{"mgda-ub":\(cpuMedians[1] / cpuMedians[0]),"mgda":\(cpuMedians[2] / cpuMedians[0])},"threads":\(BLASThreads.count)}
    """)
}

/// User + system CPU seconds of the process so far.
func trainingProcessCPUSeconds() -> Double {
    var u = rusage()
    getrusage(RUSAGE_SELF.rawValue, &u)
    return Double(u.ru_utime.tv_sec) + Double(u.ru_utime.tv_usec) / 1e6 + Double(u.ru_stime.tv_sec) + Double(u.ru_stime.tv_usec) / 1e6
}

/// BENCHMARK-ONLY exact AUC with tied scores averaged (the metrics library is written elsewhere).
func exactAUC(scores: [Float], labels: [Float]) -> Double {
    let order = scores.indices.sorted { scores[$0] < scores[$1] }
    var rankSumPositive = 0.0, positives = 0.0
    var i = 0
    while i < order.count {
        var j = i
        while j + 1 < order.count && scores[order[j + 1]] == scores[order[i]] { j += 1 }
        let averageRank = Double(i + j) / 2 + 1
        for t in i...j where labels[order[t]] > 0.5 { rankSumPositive += averageRank; positives += 1 }
        i = j + 1
    }
    let negatives = Double(scores.count) - positives
    guard positives > 0, negatives > 0 else { return .nan }
    return (rankSumPositive - positives * (positives + 1) / 2) / (positives * negatives)
}

/// The synthetic benchmark data: writer and reader of the shared binary file.
enum TrainingBenchData {
    static let userDense = 64, itemDense = 64, latent = 8

    static func generate(train: Int, test: Int, seed: UInt64, to path: String) throws {
        let root = SeededGenerator(seed: seed)
        var pg = root.split("projections")
        let ru = (0..<(latent * userDense)).map { _ in Float(pg.nextGaussian()) }
        let ri = (0..<(latent * itemDense)).map { _ in Float(pg.nextGaussian()) }
        var perm = Array(0..<latent)
        pg.shuffle(&perm)
        var data = Data()
        for v in [Int32(train), Int32(test), Int32(userDense), Int32(itemDense), 2] { withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) } }
        for (name, rows) in [("train", train), ("test", test)] {
            var g = root.split(name)
            var xu = [Float](repeating: 0, count: rows * userDense), xi = [Float](repeating: 0, count: rows * itemDense)
            var y = [Float](repeating: 0, count: rows * 2)
            for n in 0..<rows {
                for j in 0..<userDense { xu[n * userDense + j] = Float(g.nextGaussian()) }
                for j in 0..<itemDense { xi[n * itemDense + j] = Float(g.nextGaussian()) }
                var zu = [Float](repeating: 0, count: latent), zi = zu
                for a in 0..<latent {
                    for j in 0..<userDense { zu[a] += ru[a * userDense + j] * xu[n * userDense + j] }
                    for j in 0..<itemDense { zi[a] += ri[a * itemDense + j] * xi[n * itemDense + j] }
                    zu[a] /= 8; zi[a] /= 8
                }
                var click: Float = 0, purchase: Float = 0
                for a in 0..<latent {
                    click += zu[a] * zi[a]
                    purchase += zu[a] * (0.5 * zi[a] + 0.5 * zi[perm[a]])
                }
                let clickLogit = 2 * click + 0.5 * zu[0] - 0.5, purchaseLogit = 2 * purchase - 1.5
                y[n * 2] = g.nextUniformFloat() < stableSigmoid(clickLogit) ? 1 : 0
                y[n * 2 + 1] = g.nextUniformFloat() < stableSigmoid(purchaseLogit) ? 1 : 0
            }
            for array in [xu, xi, y] { array.withUnsafeBytes { data.append(contentsOf: $0) } }
        }
        let temporary = path + ".tmp"
        try data.write(to: URL(fileURLWithPath: temporary))
        guard rename(temporary, path) == 0 else { throw BenchError.badData("cannot move \(temporary) to \(path)") }
    }

    /// Reads the file with `fread` straight into the column arrays (no second copy of the file in memory).
    static func load(_ path: String) throws -> (train: ExampleTable, test: ExampleTable) {
        guard let file = fopen(path, "rb") else { throw BenchError.badData("cannot open \(path)") }
        defer { fclose(file) }
        var header = [Int32](repeating: 0, count: 5)
        guard fread(&header, 4, 5, file) == 5 else { throw BenchError.badData("\(path) is too short") }
        let h = header.map { Int(Int32(littleEndian: $0)) }
        let (train, test, du, di, k) = (h[0], h[1], h[2], h[3], h[4])
        guard k == 2, train > 0, test > 0, du > 0, di > 0 else { throw BenchError.badData("\(path) has a bad header \(h)") }
        func floats(_ count: Int) throws -> [Float] {
            var out = [Float](repeating: 0, count: count)
            let read = out.withUnsafeMutableBytes { fread($0.baseAddress, 4, count, file) }
            guard read == count else { throw BenchError.badData("\(path) is truncated") }
            return out  // little-endian host assumed (x86-64 / arm64)
        }
        let layout = FeatureLayout(userCategoricalNames: [], userCategoricalCardinalities: [], userDenseNames: (0..<du).map { "u\($0)" },
                                   itemCategoricalNames: [], itemCategoricalCardinalities: [], itemDenseNames: (0..<di).map { "i\($0)" },
                                   objectives: [ObjectiveSpec(name: "click", kind: .binary), ObjectiveSpec(name: "purchase", kind: .binary)])
        func table(_ rows: Int) throws -> ExampleTable {
            let xu = try floats(rows * du), xi = try floats(rows * di), y = try floats(rows * k)
            let keys = (0..<rows).map { Int64($0) }
            return try ExampleTable(layout: layout, count: rows, userCategorical: [], userDense: xu, itemCategorical: [], itemDense: xi,
                                    labels: y, userKeys: keys, itemKeys: keys)
        }
        let trainTable = try table(train)
        return (trainTable, try table(test))
    }
}
