import NumericCore

/// How many rows of `points` strictly dominate `reference` (are smaller in every objective).
///
/// Only such points contribute hypervolume; when the count is 0 the hypervolume is 0, which
/// callers may want to report plainly rather than as a silent zero.
/// - Throws: `ParetoError.dimensionMismatch` when `reference.count != points.columns`,
///   `.nonFinite` for a NaN/±∞ reference coordinate.
/// - Complexity: O(N·M).
public func strictlyDominatingCount(of points: Matrix<Double>, reference: [Double]) throws -> Int {
    let m = points.columns
    guard reference.count == m else {
        throw ParetoError.dimensionMismatch("reference point has \(reference.count) values, points have \(m) objectives")
    }
    guard reference.allSatisfy(\.isFinite) else { throw ParetoError.nonFinite("reference point \(reference)") }
    return points.withUnsafeBufferPointer { p in
        var count = 0
        for i in 0..<points.rows {
            var better = true
            for k in 0..<m where !(p[i * m + k] < reference[k]) { better = false; break }
            if better { count += 1 }
        }
        return count
    }
}
