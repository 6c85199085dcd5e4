import Foundation
// paretorec-bench: release-mode benchmarks of ParetoRec. Each case lives in its own file and is
// compared against peers by the scripts in Experiments/bench/ (ratios in the same run).
//
//   paretorec-bench sorting ...       non-dominated sorting      (SortingBench.swift)
//   paretorec-bench hypervolume ...   exact hypervolume          (HypervolumeBench.swift)
//   paretorec-bench optimizer ...     whole optimizer runs       (OptimizerBench.swift)
//   paretorec-bench training ...      recommender training       (TrainingBench.swift)
//   paretorec-bench metrics DIR ...   AUC/GAUC/logloss/NDCG      (MetricsBench.swift)
//   paretorec-bench mgda ...          min-norm solve, MGDA stationarity (MGDABench.swift)
//   paretorec-bench weighting ...     per-call time of every gradient weighting (WeightingBench.swift)
//   paretorec-bench loading ...       streaming dataset loaders  (LoadingBench.swift)
//   paretorec-bench dense-data ...    writes the dense benchmark CSV for the PyTorch script (LoadingBench.swift)
//   paretorec-bench data generate ... full-size dataset replicas in the original formats (DataBench.swift)
//   paretorec-bench tensorboard ...   TensorBoard logging cost on training (TensorBoardBench.swift)
//   paretorec-bench pareto-set ...    Pareto set learning vs grid / Pareto MTL at equal cost (ParetoSetBench.swift)
//   paretorec-bench pareto-set-time ... Pareto set training time vs one plain training (ParetoSetBench.swift)
//   paretorec-bench sequence-towers ... pooling / GRU / attention user towers vs id-only (SequenceTowerBench.swift)
let arguments = Array(CommandLine.arguments.dropFirst())
let cases: [String: ([String]) throws -> Void] = [
    "sorting": runSortingBench,
    "hypervolume": runHypervolumeBench,
    "optimizer": runOptimizerBench,
    "training": runTrainingBench,
    "metrics": runMetricsBench,
    "mgda": runMGDABench,
    "weighting": runWeightingBench,
    "loading": runLoadingBench,
    "dense-data": runDenseDataExport,
    "data": runDataBench,
    "pareto-set": runParetoSetBench,
    "pareto-set-time": runParetoSetTimeBench,
    "tensorboard": runTensorBoardBench,
    "sequence-towers": runSequenceTowerBench,
]
guard let name = arguments.first, let body = cases[name] else {
    print("usage: paretorec-bench {\(cases.keys.sorted().joined(separator: ","))} [arguments]")
    exit(2)
}
do {
    try body(Array(arguments.dropFirst()))
} catch {
    FileHandle.standardError.write("paretorec-bench: \(error)\n".data(using: .utf8)!)
    exit(1)
}
