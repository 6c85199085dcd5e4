import NumericCore

/// Deb's spread Δ of a two-objective set `A` (N points) against a reference front `R`.
///
/// Sort `A` by the first objective (ties by the second). With dᵢ the Euclidean distance between
/// consecutive points (i = 1..N−1), d̄ their mean, and d_f, d_l the Euclidean distances from the
/// extreme points of `R` (smallest and largest first objective) to the first and last point of `A`:
///
///     Δ(A, R) = (d_f + d_l + Σ_{i=1..N−1} |dᵢ − d̄|) / (d_f + d_l + (N − 1)·d̄)
///
/// 0 for an evenly spaced set that reaches both extremes (Deb, Pratap, Agarwal & Meyarivan, "A fast
/// and elitist multiobjective genetic algorithm: NSGA-II", IEEE TEVC 6(2), 2002,
/// doi:10.1109/4235.996017, eq. 1). For N = 1 the sum is empty and d̄ = 0. When the denominator is 0
/// (all points equal and on both extremes) Δ is 0. Lower is better.
///
/// - Throws: `ParetoError.invalidArgument` when M ≠ 2, `.empty`, `.nonFinite`, `.dimensionMismatch`.
/// - Complexity: O(N log N + |R|).
public func spread(of approximation: Matrix<Double>, referenceFront: Matrix<Double>) throws -> Double {
    try checkPair(approximation: approximation, reference: referenceFront)
    guard approximation.columns == 2 else {
        throw ParetoError.invalidArgument("spread Δ is defined for 2 objectives, got \(approximation.columns)")
    }
    func lexicographicallyBefore(_ a: (Double, Double), _ b: (Double, Double)) -> Bool {
        a.0 < b.0 || (a.0 == b.0 && a.1 < b.1)
    }
    let s = approximation.storage, r = referenceFront.storage
    let sorted = (0..<approximation.rows).map { (s[2 * $0], s[2 * $0 + 1]) }.sorted(by: lexicographicallyBefore)
    var first = (r[0], r[1]), last = (r[0], r[1])
    for u in 1..<referenceFront.rows {
        let point = (r[2 * u], r[2 * u + 1])
        if lexicographicallyBefore(point, first) { first = point }
        if lexicographicallyBefore(last, point) { last = point }
    }
    func distance(_ a: (Double, Double), _ b: (Double, Double)) -> Double {
        ((a.0 - b.0) * (a.0 - b.0) + (a.1 - b.1) * (a.1 - b.1)).squareRoot()
    }
    let df = distance(first, sorted[0]), dl = distance(last, sorted[sorted.count - 1])
    let gaps = (0..<(sorted.count - 1)).map { distance(sorted[$0], sorted[$0 + 1]) }
    let mean = gaps.isEmpty ? 0 : gaps.reduce(0, +) / Double(gaps.count)
    let deviation = gaps.reduce(0) { $0 + abs($1 - mean) }
    let denominator = df + dl + Double(gaps.count) * mean
    return denominator == 0 ? 0 : (df + dl + deviation) / denominator
}
