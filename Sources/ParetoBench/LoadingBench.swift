import Foundation
import Recommender
#if canImport(Glibc)
import Glibc
#endif

/// `paretorec-bench loading {taobao|taobao-events|taobao-scenario|taobao-train|lastfm} FILE [--repeat N] [--keep-duplicates] [--cache]`: times the
/// streaming loader (`taobao`: 64-bit columns, `TaobaoLoader.load`; `taobao-events`: encoded 32-bit columns,
/// `TaobaoLoader.loadEvents`; with `--cache`, `TaobaoLogCache` of the encoded columns: the first run parses
/// and writes the cache, later runs read it; `taobao-scenario`: the e-commerce scenario build with per-epoch
/// negatives, rows = training positives; `taobao-train`: see `runTaobaoTrainBench`) on one file and prints one JSON line per run with wall and CPU seconds, rows/s, MB/s and peak RSS.
/// Compared with pandas by `Experiments/bench/loading_bench.py`.
func runLoadingBench(_ arguments: [String]) throws {
    guard arguments.count >= 2 else {
        print("usage: paretorec-bench loading {taobao|taobao-events|taobao-scenario|taobao-train|lastfm} FILE [--repeat N] [--keep-duplicates] [--cache] [--batches N]")
        return
    }
    let format = arguments[0], path = arguments[1]
    if format == "taobao-train" { return try runTaobaoTrainBench(path: path, arguments: arguments) }
    var repeats = 3
    if let i = arguments.firstIndex(of: "--repeat"), i + 1 < arguments.count, let n = Int(arguments[i + 1]) { repeats = n }
    let options = LoadOptions(dropDuplicates: !arguments.contains("--keep-duplicates"))
    let bytes = (try FileManager.default.attributesOfItem(atPath: URL(fileURLWithPath: path).resolvingSymlinksInPath().path)[.size] as? NSNumber)?.doubleValue ?? 0  // the file, not a link to it
    for run in 0..<repeats {
        func cpu() -> Double {
            var u = rusage()
            getrusage(RUSAGE_SELF.rawValue, &u)
            return Double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + Double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6
        }
        let cpuStart = cpu()
        let start = DispatchTime.now().uptimeNanoseconds
        let rows: Int
        switch format {
        case let f where (f == "taobao" || f == "taobao-events") && arguments.contains("--cache"):
            let result = try TaobaoLogCache.load(path: path, options: options)
            rows = result.log.count
            FileHandle.standardError.write("from cache: \(result.fromCache)\n".data(using: .utf8)!)
        case "taobao": rows = try TaobaoLoader.load(path: path, options: options).0.count
        case "taobao-events": rows = try TaobaoLoader.loadEvents(path: path, options: options).0.count
        case "taobao-scenario":
            // The whole load stage of `paretorec train` on a Taobao file: parse (or cache) + scenario build.
            var scenario = RealScenarioOptions(seed: 1, load: options, trainingNegatives: .perEpoch)
            if arguments.contains("--cache") { scenario.parsedLogCache = .besideSource }
            rows = try EcommerceDataset.taobao(path: path, options: scenario).train.count
        case "lastfm": rows = try ListeningLoader.loadLastFM(path: path, options: options).0.count
        default: throw DataError.invalidArgument("unknown format \(format)")
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let cpuSeconds = cpu() - cpuStart
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        print("{\"run\": \(run), \"rows\": \(rows), \"seconds\": \(seconds), \"cpu_seconds\": \(cpuSeconds), \"rows_per_second\": \(Double(rows) / seconds), "
            + "\"mb_per_second\": \(bytes / 1e6 / seconds), \"peak_rss_mb\": \(Double(usage.ru_maxrss) / 1024), \"drop_duplicates\": \(options.dropDuplicates)}")
    }
}

/// `paretorec-bench dense-data OUT.csv [--rows N] [--features F] [--seed S]`: writes
/// `SyntheticScenario.denseBenchmark` (default 200,000 rows, 64 user + 64 item features, seed 42) as
/// CSV, so the PyTorch comparison trains on the identical numbers.
func runDenseDataExport(_ arguments: [String]) throws {
    guard let out = arguments.first, !out.hasPrefix("--") else {
        print("usage: paretorec-bench dense-data OUT.csv [--rows N] [--features F] [--seed S]")
        return
    }
    func value(_ flag: String, _ fallback: Int) -> Int {
        guard let i = arguments.firstIndex(of: flag), i + 1 < arguments.count, let v = Int(arguments[i + 1]) else { return fallback }
        return v
    }
    let features = value("--features", 64)
    let table = try SyntheticScenario.denseBenchmark(rows: value("--rows", 200_000), userFeatures: features, itemFeatures: features,
                                                     seed: UInt64(value("--seed", 42)))
    try ExampleTableCSV.write(table, to: out)
    print("wrote \(table.count) rows × (\(features) user + \(features) item features, 2 binary labels) to \(out)")
}
