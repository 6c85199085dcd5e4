import NumericCore

/// Schott's spacing of a point set `A` (N = |A| ≥ 2 points).
///
///     dᵢ = min_{j ≠ i} Σ_{k=1..M} |a_{ik} − a_{jk}|       (Manhattan distance to the nearest other point)
///     S(A) = √( (1/(N − 1)) · Σ_{i=1..N} (d̄ − dᵢ)² ),    d̄ = (1/N) Σᵢ dᵢ
///
/// The sample standard deviation of nearest-neighbour distances; 0 means evenly spaced points
/// (Schott, "Fault tolerant design using single and multicriteria genetic algorithm
/// optimization", MSc thesis, MIT, 1995). Duplicated points have distance 0 to each other.
/// Lower is better.
///
/// - Throws: `ParetoError.empty` for an empty set, `.nonFinite` for NaN/±∞,
///   `.invalidArgument` for a single point (the formula divides by N − 1).
/// - Complexity: O(N²·M) time, O(N) extra space.
public func spacing(of points: Matrix<Double>) throws -> Double {
    try checkPointSet(points, name: "point set")
    let n = points.rows, m = points.columns
    guard n >= 2 else { throw ParetoError.invalidArgument("spacing needs at least 2 points, got 1") }
    var nearest = [Double](repeating: .infinity, count: n)
    points.withUnsafeBufferPointer { p in
        nearest.withUnsafeMutableBufferPointer { d in
            for i in 0..<n {
                for j in (i + 1)..<n {
                    var manhattan = 0.0
                    for k in 0..<m { manhattan += abs(p[i * m + k] - p[j * m + k]) }
                    if manhattan < d[i] { d[i] = manhattan }
                    if manhattan < d[j] { d[j] = manhattan }
                }
            }
        }
    }
    var mean = 0.0
    for d in nearest { mean += d }
    mean /= Double(n)
    var sum = 0.0
    for d in nearest { sum += (mean - d) * (mean - d) }
    return (sum / Double(n - 1)).squareRoot()
}
