import Foundation
import NumericCore
import Recommender
#if canImport(Glibc)
import Glibc
#endif

/// `paretorec-bench loading taobao-train FILE [--batches N] [--cache]`: the load stage of
/// `paretorec train --scenario ecommerce --data FILE` (per-epoch negatives, 4 per positive, seed 1;
/// with `--cache` the encoded-column cache beside the file), then training as that command does
/// (two-tower 64-32, embedding 16, AdamW 1e-3, batch 1024, one BLAS thread) over `N` batches
/// (default 300) of positives spread evenly over the training split, with the full model and
/// sampler of the file. Prints one JSON line: load wall and CPU seconds, training wall and CPU
/// seconds, samples/s on both, peak RSS. For files whose epoch is too long to time whole.
func runTaobaoTrainBench(path: String, arguments: [String]) throws {
    func cpu() -> Double {
        var u = rusage()
        getrusage(RUSAGE_SELF.rawValue, &u)
        return Double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + Double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6
    }
    func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
    var batches = 300
    if let i = arguments.firstIndex(of: "--batches"), i + 1 < arguments.count, let n = Int(arguments[i + 1]) { batches = max(1, n) }
    let blas = BLASThreads.acquire(1)
    defer { blas.release() }
    let (cpu0, wall0) = (cpu(), now())
    var options = RealScenarioOptions(seed: 1, trainingNegatives: .perEpoch)
    if arguments.contains("--cache") { options.parsedLogCache = .besideSource }
    let data = try EcommerceDataset.taobao(path: path, options: options)
    let (loadCPU, loadWall) = (cpu() - cpu0, now() - wall0)
    guard let sampler = data.trainingNegatives else { throw DataError.invalidArgument("no per-epoch negatives") }
    let batchSize = 1024, perBatch = max(1, batchSize / (1 + sampler.perPositive))
    let n = min(data.train.count, batches * perBatch), step = max(1, data.train.count / n)
    let positives = data.train.subset(Array(stride(from: 0, to: data.train.count, by: step).prefix(n)))
    let model = try MultiObjectiveModel(layout: data.layout, configuration: ModelConfiguration(kind: .twoTower, widths: [64, 32], embeddingDimension: 16),
                                        generator: SeededGenerator(seed: 1).split("model"))
    let configuration = try TrainingConfiguration(epochs: 1, batchSize: batchSize, seed: 1,
                                                  loss: JointLoss(objectives: data.layout.objectives, weights: [0.5, 0.5]),
                                                  optimizer: .adamW(learningRate: 1e-3))
    let (cpu1, wall1) = (cpu(), now())
    let result = try Trainer.train(model, positives: positives, negatives: sampler, configuration: configuration)
    let (trainCPU, trainWall) = (cpu() - cpu1, now() - wall1)
    let samples = result.samplesPerSecond * result.seconds
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    print("{\"training_positives\": \(data.train.count), \"load_seconds\": \(loadWall), \"load_cpu_seconds\": \(loadCPU), "
        + "\"batches\": \((n + perBatch - 1) / perBatch), \"samples\": \(Int(samples.rounded())), \"train_seconds\": \(trainWall), "
        + "\"train_cpu_seconds\": \(trainCPU), \"samples_per_second\": \(samples / trainWall), \"samples_per_cpu_second\": \(samples / trainCPU), "
        + "\"peak_rss_mb\": \(Double(usage.ru_maxrss) / 1024)}")
}
