import Dispatch
import Foundation
import NumericCore
import ParetoOptimizers

/// `paretorec-bench mgda [--repeats R]`: (1) time of one min-norm solve from a Gram matrix for
/// M = 2, 3, 5, 10 random gradients (median of R rounds of 1000 solves; compare with
/// `Experiments/bench/mgda_min_norm.py`), (2) Pareto-stationarity reached by steepest common descent
/// from 100 seeded starts on the convex problem, ZDT1 and ZDT2, with and without l2 normalization.
func runMGDABench(_ arguments: [String]) throws {
    var repeats = 7
    if let i = arguments.firstIndex(of: "--repeats"), i + 1 < arguments.count, let r = Int(arguments[i + 1]), r >= 1 { repeats = r }
    print("min-norm solve time (median of \(repeats) rounds, 1000 solves each, n = 50):")
    for m in [2, 3, 5, 10] {
        var rng = SeededGenerator(seed: UInt64(m))
        var grams: [Matrix<Double>] = []
        for _ in 0..<1000 {
            var g = Matrix<Double>(rows: m, columns: 50)
            for k in 0..<(m * 50) { g.storage[k] = rng.nextGaussian() }
            grams.append(g.gram())
        }
        var times: [Double] = []
        var sink = 0.0
        for _ in 0..<repeats {
            let start = DispatchTime.now().uptimeNanoseconds
            for g in grams { sink += try minNormWeights(gram: g).squaredNorm }
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9 / 1000)
        }
        print(String(format: "  M = %2d: %.3f µs per solve (checksum %.6g)", m, Statistics.median(times) * 1e6, sink))
    }
    print("steepest common descent from 100 uniform starts (tolerance 1e-6, ≤ 500 iterations):")
    let problems: [(String, any DifferentiableProblem)] = [
        ("convex n=5", try ConvexBiObjective(variables: 5)),
        ("zdt1 n=30", try requireDifferentiable(TestProblems.make(name: "zdt1"))),
        ("zdt2 n=30", try requireDifferentiable(TestProblems.make(name: "zdt2"))),
    ]
    for (label, problem) in problems {
        for normalization in [GradientNormalization.none, .l2] {
            let settings = try CommonDescentSettings(stationarityTolerance: 1e-6, maxIterations: 500, normalization: normalization)
            var rng = SeededGenerator(seed: 1)
            var stationarity: [Double] = [], converged = 0, evaluations = 0, onPareto = 0
            let start = DispatchTime.now().uptimeNanoseconds
            for _ in 0..<100 {
                let x0 = (0..<problem.variableCount).map { problem.lowerBounds[$0] + (problem.upperBounds[$0] - problem.lowerBounds[$0]) * rng.nextUniform() }
                let end = try SteepestCommonDescent.run(problem, from: x0, settings: settings)
                stationarity.append(end.stationarity)
                evaluations += end.evaluations
                if end.converged { converged += 1 }
                // Pareto-optimal (not only stationary): ZDT needs the tail x2…xn at 0; the convex problem is checked by its front.
                if problem is ConvexBiObjective {
                    if abs(end.objectives[0].squareRoot() + end.objectives[1].squareRoot() - (5.0 * 0.25).squareRoot()) < 1e-6 { onPareto += 1 }
                } else if end.x.dropFirst().allSatisfy({ $0 < 1e-3 }) { onPareto += 1 }
            }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9
            print(String(format: "  %@ %@: converged %d/100, stationarity median %.3g max %.3g, on the Pareto set %d/100, %d evaluations, %.3f s",
                         label, normalization.rawValue, converged, Statistics.median(stationarity), stationarity.max() ?? 0,
                         onPareto, evaluations, seconds))
        }
    }
}

private func requireDifferentiable(_ problem: any Problem) throws -> any DifferentiableProblem {
    guard let p = problem as? any DifferentiableProblem else {
        throw OptimizerError.unsupportedProblem("\(problem.name) has no Jacobian")
    }
    return p
}
