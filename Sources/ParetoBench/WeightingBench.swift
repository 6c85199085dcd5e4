import Dispatch
import Foundation
import NumericCore
import ParetoOptimizers

// paretorec-bench weighting [--repeats R] [--calls C] [--method NAME]
//
// Per-call cost of every registered gradient weighting (or only NAME) for K = 2, 3, 5 objectives:
// C seeded random inputs (Gram matrix of a K × 64 Gaussian Jacobian, losses in [0.1, 2]) are fed
// through the method's `WeightingRun` — the call the training loop makes, with its input check and
// lock — in R rounds; prints the median over the rounds of the per-call thread CPU time and wall
// time in nanoseconds. Compare with Experiments/bench/weighting_peers.py (torchjd, same inputs' shape).

/// Benchmark of the gradient weightings' per-call time.
func runWeightingBench(_ arguments: [String]) throws {
    var repeats = 9, calls = 2000
    var only: String?
    var i = 0
    while i < arguments.count {
        guard i + 1 < arguments.count else { throw WeightingBenchError.usage("\(arguments[i]) needs a value") }
        switch arguments[i] {
        case "--repeats": guard let r = Int(arguments[i + 1]), r >= 1 else { throw WeightingBenchError.usage("--repeats needs a positive integer") }; repeats = r
        case "--calls": guard let c = Int(arguments[i + 1]), c >= 1 else { throw WeightingBenchError.usage("--calls needs a positive integer") }; calls = c
        case "--method": only = arguments[i + 1]
        default: throw WeightingBenchError.usage("unknown argument \(arguments[i])")
        }
        i += 2
    }
    let entries = try only.map { [try WeightingRegistry.entry(named: $0)] } ?? WeightingRegistry.methods
    print("median per-call time over \(repeats) rounds of \(calls) calls (thread CPU ns / wall ns):")
    print("method         K=2 cpu   K=2 wall   K=3 cpu   K=3 wall   K=5 cpu   K=5 wall")
    for entry in entries {
        var line = entry.name.padding(toLength: 13, withPad: " ", startingAt: 0)
        for k in [2, 3, 5] {
            var rng = SeededGenerator(seed: UInt64(100 + k))
            let inputs: [WeightingInput] = (0..<calls).map { step in
                var j = Matrix<Double>(rows: k, columns: 64)
                for t in 0..<(k * 64) { j.storage[t] = rng.nextGaussian() }
                return WeightingInput(gram: j.gram(), losses: (0..<k).map { _ in rng.nextUniform(in: 0.1, 2) },
                                      step: step, epoch: 1 + step / 100)
            }
            let settings = entry.usesPreferences
                ? WeightingSettings(objectives: k, preferences: entry.preferenceSet(3, k), preferenceIndex: 1)
                : WeightingSettings(objectives: k)
            var cpu: [Double] = [], wall: [Double] = []
            var sink = 0.0
            for _ in 0..<repeats {
                let run = try entry.make(settings, SeededGenerator(seed: 1))
                let c0 = weightingThreadCPUSeconds(), w0 = DispatchTime.now().uptimeNanoseconds
                for input in inputs { sink += try run.weights(input)[0] }
                let c1 = weightingThreadCPUSeconds(), w1 = DispatchTime.now().uptimeNanoseconds
                cpu.append((c1 - c0) * 1e9 / Double(calls))
                wall.append(Double(w1 - w0) / Double(calls))
            }
            if !sink.isFinite { print("  (non-finite checksum)") }
            line += String(format: " %9.0f  %9.0f", Statistics.median(cpu), Statistics.median(wall))
        }
        print(line)
    }
}

/// CPU time consumed by the calling thread, in seconds.
private func weightingThreadCPUSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

enum WeightingBenchError: Error, CustomStringConvertible {
    case usage(String)
    var description: String {
        switch self { case .usage(let m): return "weighting: \(m)" }
    }
}
