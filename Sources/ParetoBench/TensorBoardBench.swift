import Foundation
import NumericCore
import Recommender
import Scenarios
import TensorBoardEvents
#if canImport(Glibc)
import Glibc
#endif

// paretorec-bench tensorboard — the cost of TensorBoard logging on training throughput:
//
//   paretorec-bench tensorboard [--rows 50000] [--batch-size 256] [--rounds 7]
//
// In one process, with one OpenBLAS thread, alternates one-epoch trainings of the same two-tower model
// (64-32 towers, embedding 16, AdamW) without and with a `TrainingEventLog` (every step's joint and
// per-objective losses and weights, the epoch's summary and flush), and measures each epoch's
// thread CPU time, so the machine's other load does not enter. Prints every round, the medians and
// the overhead; then the CPU cost of one logged step, from 20,000 `step` calls.
func runTensorBoardBench(_ arguments: [String]) throws {
    var options: [String: String] = [:]
    var i = 0
    while i + 1 < arguments.count { options[String(arguments[i].dropFirst(2))] = arguments[i + 1]; i += 2 }
    let rows = Int(options["rows"] ?? "50000") ?? 50000
    let batch = Int(options["batch-size"] ?? "256") ?? 256
    let rounds = Int(options["rounds"] ?? "7") ?? 7
    BLASThreads.set(1)
    let data = try ScenarioData.make(kind: .ecommerce, dataPath: nil, syntheticRows: rows, conflict: 0.5, seed: 42)
    let layout = data.layout
    let model = try MultiObjectiveModel(layout: layout, configuration: try .twoTower(userWidths: [64, 32], itemWidths: [64, 32], embeddingDimension: 16), seed: 1)
    let training = try TrainingConfiguration(epochs: 1, batchSize: batch, seed: 1,
                                             loss: JointLoss(objectives: layout.objectives, weights: [0.5, 0.5]),
                                             optimizer: .adamW(learningRate: 1e-3))
    let directory = NSTemporaryDirectory() + "paretorec-tb-bench-\(getpid())"
    defer { try? FileManager.default.removeItem(atPath: directory) }
    var plain: [Double] = [], logged: [Double] = []
    var steps = 0
    for r in 0..<rounds {
        var start = threadCPUSeconds()
        _ = try Trainer.train(model, on: data.train, configuration: training)
        plain.append(threadCPUSeconds() - start)
        let log = TrainingEventLog(writer: try TensorBoardWriter(directory: directory + "/round\(r)"),
                                   objectiveNames: layout.objectives.map(\.name))
        start = threadCPUSeconds()
        _ = try Trainer.train(model, on: data.train, configuration: training, progress: { p in
            try? log.epoch(p, samples: data.train.count)
        }, step: { s in steps = s.step; log.step(s) })
        logged.append(threadCPUSeconds() - start)
        try log.writer.close()
        print(String(format: "round %d: plain %.4f s, logged %.4f s (%d steps)", r + 1, plain.last!, logged.last!, steps))
    }
    let p = Statistics.median(plain), l = Statistics.median(logged)
    print(String(format: "median epoch CPU: plain %.4f s, logged %.4f s, overhead %+.2f %%", p, l, 100 * (l / p - 1)))
    let log = TrainingEventLog(writer: try TensorBoardWriter(directory: directory + "/micro"), objectiveNames: layout.objectives.map(\.name))
    let calls = 20_000
    let start = threadCPUSeconds()
    for s in 1...calls {
        log.step(TrainingStep(step: s, epoch: 1, objectiveLosses: [0.5, 0.25], loss: 0.375, weights: [0.5, 0.5]))
        if s % 1000 == 0 { try log.writer.flush() }
    }
    let perStep = (threadCPUSeconds() - start) / Double(calls)
    try log.writer.close()
    print(String(format: "one logged step: %.2f µs CPU; one training step: %.1f µs CPU (median plain epoch / %d steps); ratio %.3f %%",
                 perStep * 1e6, p / Double(steps) * 1e6, steps, 100 * perStep / (p / Double(steps))))
}

/// CPU time of the calling thread, in seconds.
private func threadCPUSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}
