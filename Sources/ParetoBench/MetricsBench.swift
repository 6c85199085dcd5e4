import Foundation
import Recommender

/// `paretorec-bench metrics DIR [--repeat R] [--k K]`: times AUC, GAUC, logloss and NDCG@K on the
/// arrays `Experiments/bench/metrics_bench.py` writes to DIR (raw little-endian float64 files
/// `scores.f64`, `labels.f64`, `probabilities.f64`, `users.f64`, `relevance.f64`) and prints one
/// JSON object of median seconds (plus the values, to check against the peer).
func runMetricsBench(_ arguments: [String]) throws {
    guard let dir = arguments.first else { throw MetricsBenchError.usage("metrics DIR [--repeat R] [--k K]") }
    var repeats = 5, k = 10
    var i = 1
    while i + 1 < arguments.count {
        switch arguments[i] {
        case "--repeat": repeats = Int(arguments[i + 1]) ?? repeats
        case "--k": k = Int(arguments[i + 1]) ?? k
        default: throw MetricsBenchError.usage("unknown option \(arguments[i])")
        }
        i += 2
    }
    func load(_ name: String) throws -> [Double] {
        let data = try Data(contentsOf: URL(fileURLWithPath: dir).appendingPathComponent(name))
        return data.withUnsafeBytes { Array($0.bindMemory(to: Double.self)) }
    }
    let scores = try load("scores.f64"), labels = try load("labels.f64")
    let probabilities = try load("probabilities.f64"), relevance = try load("relevance.f64")
    let users = try load("users.f64").map { Int64($0) }

    func median<T>(_ body: () throws -> T) rethrows -> (seconds: Double, value: T) {
        var times = [Double](), value: T? = nil
        for _ in 0..<repeats {
            let start = DispatchTime.now().uptimeNanoseconds
            value = try body()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        times.sort()
        return (times[times.count / 2], value!)
    }
    let auc = try median { try Metrics.auc(scores: scores, labels: labels) }
    let gauc = try median { try Metrics.gauc(scores: scores, labels: labels, userKeys: users) }
    let logloss = try median { try Metrics.logloss(probabilities: probabilities, labels: labels) }
    let ranking = try median { try Metrics.ranking(scores: scores, relevance: relevance, userKeys: users, k: k) }
    print("""
        {"n": \(scores.count), "repeats": \(repeats), \
        "auc": {"seconds": \(auc.seconds), "value": \(auc.value)}, \
        "gauc": {"seconds": \(gauc.seconds), "value": \(gauc.value.value)}, \
        "logloss": {"seconds": \(logloss.seconds), "value": \(logloss.value)}, \
        "ndcg": {"seconds": \(ranking.seconds), "value": \(ranking.value.ndcg), "k": \(k)}}
        """)
}

/// Bad benchmark arguments.
enum MetricsBenchError: Error, CustomStringConvertible {
    case usage(String)
    var description: String {
        switch self { case .usage(let m): return "usage: paretorec-bench \(m)" }
    }
}
