import Dispatch
import NumericCore
import ParetoOptimizers

/// `paretorec-bench optimizer [--algorithm nsga2] [--problem zdt1] [--population 100]
/// [--generations 250] [--repeats 7] [--threads 1]`: whole optimizer runs in-process; prints the
/// median wall time, the time inside problem evaluations, and the final front size. The
/// process-level comparison with pygmo and pymoo is Experiments/bench/nsga2_vs_peers.py.
func runOptimizerBench(_ arguments: [String]) throws {
    var options: [String: String] = ["algorithm": "nsga2", "problem": "zdt1", "population": "100",
                                     "generations": "250", "repeats": "7", "threads": "1"]
    var i = 0
    while i < arguments.count {
        let key = arguments[i].hasPrefix("--") ? String(arguments[i].dropFirst(2)) : arguments[i]
        guard options[key] != nil, i + 1 < arguments.count else { throw OptimizerError.invalidConfiguration("unknown or incomplete option \(arguments[i])") }
        options[key] = arguments[i + 1]
        i += 2
    }
    guard let population = Int(options["population"]!), let generations = Int(options["generations"]!),
          let repeats = Int(options["repeats"]!), let threads = Int(options["threads"]!), repeats >= 1 else {
        throw OptimizerError.invalidConfiguration("population, generations, repeats and threads must be integers")
    }
    let problem = try TestProblems.make(name: options["problem"]!)
    let optimizer = try OptimizerRegistry.make(name: options["algorithm"]!, settings: AlgorithmSettings(populationSize: population), problem: problem)
    var times = [Double](), evaluationTimes = [Double](), frontSize = 0
    for r in 0..<repeats {
        let start = DispatchTime.now().uptimeNanoseconds
        let result = try optimizer.minimize(problem: problem, termination: .generations(generations), seed: UInt64(r + 1),
                                            options: RunOptions(parallelism: threads))
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9)
        evaluationTimes.append(result.evaluationSeconds)
        frontSize = result.front.count
    }
    print("optimizer \(optimizer.name) on \(problem.name): population \(population), \(generations) generations, \(threads) thread(s)")
    print("median seconds \(Statistics.median(times)) (evaluation \(Statistics.median(evaluationTimes))); runs: \(times.map { String(format: "%.4f", $0) }.joined(separator: " ")); last front \(frontSize)")
}
