import NumericCore

// Shared input checks and distance kernels for the distance-based quality indicators.

/// Throws unless `points` is non-empty, has at least one column and holds only finite values.
@usableFromInline
func checkPointSet(_ points: Matrix<Double>, name: String) throws {
    guard points.rows > 0 else { throw ParetoError.empty("\(name) has no points") }
    guard points.columns > 0 else { throw ParetoError.empty("\(name) has no objectives") }
    try points.withUnsafeBufferPointer { buffer in
        for index in buffer.indices where !buffer[index].isFinite {
            throw ParetoError.nonFinite(
                "\(name) row \(index / points.columns), column \(index % points.columns) is \(buffer[index])")
        }
    }
}

/// Checks an approximation set against a reference set: both valid, same number of objectives.
@usableFromInline
func checkPair(approximation: Matrix<Double>, reference: Matrix<Double>) throws {
    try checkPointSet(approximation, name: "approximation set")
    try checkPointSet(reference, name: "reference front")
    guard approximation.columns == reference.columns else {
        throw ParetoError.dimensionMismatch(
            "approximation set has \(approximation.columns) objectives, reference front has \(reference.columns)")
    }
}

/// The distance between two objective vectors used by an indicator.
@usableFromInline
enum PointDistance {
    /// Euclidean distance ‖a − b‖₂.
    case euclidean
    /// Ishibuchi's modified distance d⁺(a, z) = √(Σᵢ max(aᵢ − zᵢ, 0)²), `a` being the evaluated
    /// point and `z` the reference point.
    case dominanceAware
}

/// Mean over the rows `s` of `from` of min over the rows `t` of `to` of `distance(s, t)`, where for
/// `.dominanceAware` the evaluated point is `evaluatedIsTo ? t : s`.
/// - Complexity: O(|from|·|to|·M), no allocation in the loop.
@usableFromInline
func meanNearestDistance(
    from: Matrix<Double>, to: Matrix<Double>, distance: PointDistance, evaluatedIsTo: Bool
) -> Double {
    let m = from.columns
    return from.withUnsafeBufferPointer { f in
        to.withUnsafeBufferPointer { t in
            var total = 0.0
            for s in 0..<from.rows {
                let sBase = s * m
                var best = Double.infinity
                for u in 0..<to.rows {
                    let uBase = u * m
                    var squared = 0.0
                    switch distance {
                    case .euclidean:
                        for k in 0..<m {
                            let d = f[sBase + k] - t[uBase + k]
                            squared += d * d
                        }
                    case .dominanceAware:
                        for k in 0..<m {
                            let d = evaluatedIsTo ? t[uBase + k] - f[sBase + k] : f[sBase + k] - t[uBase + k]
                            if d > 0 { squared += d * d }
                        }
                    }
                    if squared < best { best = squared }
                }
                total += best.squareRoot()
            }
            return total / Double(from.rows)
        }
    }
}
