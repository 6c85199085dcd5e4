import Foundation
import Recommender
#if canImport(Glibc)
import Glibc
#endif

/// `paretorec-bench data generate --format {taobao|ali-ccp|aliexpress|lastfm} --rows N [--seed S] --output FILE`:
/// writes a seeded full-size replica in the dataset's original format (`DatasetReplica`) and prints
/// one JSON line with rows, bytes and seconds.
func runDataBench(_ arguments: [String]) throws {
    if arguments.first == "train" { return try runDataTrainBench(Array(arguments.dropFirst())) }
    let usage = "usage: paretorec-bench data generate --format {\(DatasetReplica.Format.allCases.map(\.rawValue).joined(separator: "|"))} --rows N [--seed S] --output FILE"
    func value(_ flag: String) -> String? {
        guard let i = arguments.firstIndex(of: flag), i + 1 < arguments.count else { return nil }
        return arguments[i + 1]
    }
    guard arguments.first == "generate", let formatName = value("--format"), let output = value("--output"),
          let rowsText = value("--rows"), let rows = Int(rowsText.replacingOccurrences(of: "_", with: "")) else {
        throw DataError.invalidArgument(usage)
    }
    guard let format = DatasetReplica.Format(rawValue: formatName) else {
        throw DataError.invalidArgument("unknown format '\(formatName)'; \(usage)")
    }
    guard let seed = UInt64(value("--seed") ?? "42") else { throw DataError.invalidArgument("--seed must be a non-negative integer") }
    let start = DispatchTime.now().uptimeNanoseconds
    let bytes = try DatasetReplica.write(format, rows: rows, seed: seed, to: output)
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    print("{\"format\": \"\(format.rawValue)\", \"rows\": \(rows), \"bytes\": \(bytes), \"seconds\": \(seconds), \"output\": \"\(output)\"}")
}

/// `paretorec-bench data train FILE [--negatives stored|per-epoch] [--epochs E] [--batch-size B] [--seed S] [--cache]`:
/// builds the e-commerce scenario from a Taobao UserBehavior file and trains a two-tower model
/// (widths 64, 32; embedding 16, as `paretorec train`), printing one JSON line with the seconds to the
/// first epoch (load + features + splits, wall and CPU), the peak RSS when the first epoch starts, each
/// epoch's seconds, samples/s and the run's peak RSS. `--cache` reads / writes the encoded columns'
/// binary cache beside the file (`TaobaoLogCache`).
func runDataTrainBench(_ arguments: [String]) throws {
    guard let path = arguments.first, !path.hasPrefix("--") else {
        throw DataError.invalidArgument("usage: paretorec-bench data train FILE [--negatives stored|per-epoch] [--epochs E] [--batch-size B] [--seed S]")
    }
    func value(_ flag: String) -> String? {
        guard let i = arguments.firstIndex(of: flag), i + 1 < arguments.count else { return nil }
        return arguments[i + 1]
    }
    guard let storage = NegativeStorage(rawValue: value("--negatives") ?? "stored") else {
        throw DataError.invalidArgument("--negatives must be stored or per-epoch")
    }
    let epochs = Int(value("--epochs") ?? "1") ?? 1, batch = Int(value("--batch-size") ?? "1024") ?? 1024
    let seed = UInt64(value("--seed") ?? "1") ?? 1
    func cpu() -> Double {
        var u = rusage()
        getrusage(RUSAGE_SELF.rawValue, &u)
        return Double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + Double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6
    }
    func peakMB() -> Double {
        var u = rusage()
        getrusage(RUSAGE_SELF.rawValue, &u)
        return Double(u.ru_maxrss) / 1024
    }
    let start = DispatchTime.now().uptimeNanoseconds, cpuStart = cpu()
    var options = RealScenarioOptions(seed: seed, trainingNegatives: storage)
    if arguments.contains("--cache") { options.parsedLogCache = .besideSource }
    let data = try EcommerceDataset.taobao(path: path, options: options)
    let loadSeconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, loadCPU = cpu() - cpuStart, loadPeak = peakMB()
    let model = try MultiObjectiveModel(layout: data.layout, configuration: .twoTower(userWidths: [64, 32], itemWidths: [64, 32], embeddingDimension: 16),
                                        seed: seed)
    let config = try TrainingConfiguration(epochs: epochs, batchSize: batch, seed: seed,
                                           loss: JointLoss(objectives: data.layout.objectives, weights: [0.5, 0.5]), optimizer: .adamW())
    var epochSeconds: [Double] = []
    let result: TrainingResult
    if let sampler = data.trainingNegatives {
        result = try Trainer.train(model, positives: data.train, negatives: sampler, configuration: config) { epochSeconds.append($0.seconds) }
    } else {
        result = try Trainer.train(model, on: data.train, configuration: config) { epochSeconds.append($0.seconds) }
    }
    print("{\"negatives\": \"\(storage.rawValue)\", \"events\": \(data.loadReport?.rowsAccepted ?? 0), \"train_rows\": \(data.train.count), "
        + "\"load_seconds\": \(loadSeconds), \"load_cpu_seconds\": \(loadCPU), \"load_peak_rss_mb\": \(loadPeak), "
        + "\"epoch_seconds\": \(epochSeconds), \"samples_per_second\": \(result.samplesPerSecond), "
        + "\"peak_rss_mb\": \(peakMB())}")
}
