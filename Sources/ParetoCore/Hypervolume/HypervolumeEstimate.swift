import NumericCore

/// A Monte Carlo estimate of the hypervolume with its standard error.
///
/// Points `z` are drawn uniformly in the box `B = [l₁, r₁] × … × [l_M, r_M]`, `l` being the
/// coordinate-wise minimum of the points that strictly dominate `r`; the estimate is
/// `λ(B) · k / N` for `k` of `N` samples dominated by some point, its standard error
/// `λ(B) · √(p̂(1 − p̂)/N)` with `p̂ = k/N` (a binomial proportion). This is the estimator of
/// Bader & Zitzler, "HypE: an algorithm for fast hypervolume-based many-objective optimization",
/// Evolutionary Computation 19(1), 2011, doi:10.1162/EVCO_a_00009, applied to the whole set.
public struct HypervolumeEstimate: Sendable, Equatable {
    /// The estimated hypervolume.
    public let value: Double
    /// Its standard error (one standard deviation of the estimator).
    public let standardError: Double
    /// Number of samples drawn.
    public let samples: Int
}

/// Estimates the hypervolume of `points` (minimization) with `samples` uniform samples drawn from
/// `SeededGenerator(seed:)`; the same seed gives the same bits.
///
/// - Throws: the errors of ``hypervolume(of:reference:)`` for bad input,
///   `ParetoError.invalidArgument` for `samples < 1`, `ParetoError.overflow` when the sampling
///   box's volume is not finite.
/// - Complexity: O(samples · N · M) time worst case, O(N · M) space.
public func hypervolumeEstimate(of points: Matrix<Double>, reference: [Double], samples: Int, seed: UInt64 = 1) throws -> HypervolumeEstimate {
    guard samples >= 1 else { throw ParetoError.invalidArgument("the Monte Carlo estimate needs at least 1 sample, got \(samples)") }
    let input = try HypervolumeInput(points: points, reference: reference)
    let m = input.dimension, n = input.count
    if n == 0 { return HypervolumeEstimate(value: 0, standardError: 0, samples: samples) }
    var lower = reference
    for i in 0..<n { for c in 0..<m { lower[c] = min(lower[c], input.coordinates[i * m + c]) } }
    var box = 1.0
    for c in 0..<m { box *= reference[c] - lower[c] }
    guard box.isFinite else { throw ParetoError.overflow("the sampling box of the hypervolume estimate has a volume above \(Double.greatestFiniteMagnitude)") }
    var rng = SeededGenerator(seed: seed).split("hypervolume-estimate")
    var z = [Double](repeating: 0, count: m)
    var hits = 0
    input.coordinates.withUnsafeBufferPointer { p in
        for _ in 0..<samples {
            for c in 0..<m { z[c] = rng.nextUniform(in: lower[c], reference[c]) }
            for i in 0..<n {
                let row = p.baseAddress! + i * m
                var dominates = true
                for c in 0..<m where row[c] > z[c] { dominates = false; break }
                if dominates { hits += 1; break }
            }
        }
    }
    let share = Double(hits) / Double(samples)
    return HypervolumeEstimate(value: box * share, standardError: box * (share * (1 - share) / Double(samples)).squareRoot(),
                               samples: samples)
}

/// An upper bound on the work of the exact ``hypervolume(of:reference:)`` for `points` points in
/// `objectives` dimensions, in "point operations", so a caller can refuse or warn before a run
/// that would take minutes: N·⌈log₂ N⌉ for M ≤ 3, N² for M = 4, and N^(M−2) for M ≥ 5 (the 5-D
/// sweep's worst case, and the bound of WFG's recursion above; capped at
/// `Double.greatestFiniteMagnitude`).
public func exactHypervolumeCost(points: Int, objectives: Int) -> Double {
    let n = Double(max(points, 1))
    switch objectives {
    case ...3: return n * max(1, Double(Int.bitWidth - max(points, 1).leadingZeroBitCount))
    case 4: return n * n
    default:
        var cost = 1.0
        for _ in 0..<(objectives - 2) where cost < Double.greatestFiniteMagnitude { cost = min(cost * n, Double.greatestFiniteMagnitude) }
        return cost
    }
}
