import NumericCore

/// The ideal point of a set: the componentwise minimum over its rows (minimization).
///
/// - Throws: `ParetoError.empty` for no rows or no columns, `.nonFinite` for NaN/±∞.
/// - Complexity: O(N·M).
public func idealPoint(of points: Matrix<Double>) throws -> [Double] {
    try checkPointSet(points, name: "point set")
    return columnExtremes(points, takeMaximum: false)
}

/// The nadir point of a set: the componentwise maximum over its rows (minimization).
///
/// This is the nadir of the set as given; pass a non-dominated front to get the nadir of that front
/// (the maximum over dominated points can be larger).
/// - Throws: `ParetoError.empty` for no rows or no columns, `.nonFinite` for NaN/±∞.
/// - Complexity: O(N·M).
public func nadirPoint(of points: Matrix<Double>) throws -> [Double] {
    try checkPointSet(points, name: "point set")
    return columnExtremes(points, takeMaximum: true)
}

private func columnExtremes(_ points: Matrix<Double>, takeMaximum: Bool) -> [Double] {
    let m = points.columns
    var result = points.row(0)
    points.withUnsafeBufferPointer { p in
        for i in 1..<points.rows {
            for k in 0..<m {
                let v = p[i * m + k]
                if takeMaximum ? v > result[k] : v < result[k] { result[k] = v }
            }
        }
    }
    return result
}

/// Rescales every objective to [0, 1] between an ideal and a nadir point:
///
///     f'ᵢ = (fᵢ − idealᵢ) / (nadirᵢ − idealᵢ)
///
/// An objective with zero range (`nadirᵢ == idealᵢ`) maps to 0 for every row. Values outside
/// [ideal, nadir] map outside [0, 1] (no clipping).
/// - Throws: `ParetoError.dimensionMismatch` when `ideal`/`nadir` do not have `points.columns`
///   entries, `.nonFinite` for NaN/±∞ in the bounds, `.invalidArgument` when `nadirᵢ < idealᵢ`.
/// - Complexity: O(N·M).
public func normalized(_ points: Matrix<Double>, ideal: [Double], nadir: [Double]) throws -> Matrix<Double> {
    let m = points.columns
    guard ideal.count == m, nadir.count == m else {
        throw ParetoError.dimensionMismatch(
            "points have \(m) objectives, ideal has \(ideal.count) and nadir \(nadir.count)")
    }
    var scale = [Double](repeating: 0, count: m)
    for k in 0..<m {
        guard ideal[k].isFinite, nadir[k].isFinite else {
            throw ParetoError.nonFinite("ideal or nadir objective \(k) is not finite")
        }
        guard nadir[k] >= ideal[k] else {
            throw ParetoError.invalidArgument("nadir objective \(k) (\(nadir[k])) is below the ideal (\(ideal[k]))")
        }
        let range = nadir[k] - ideal[k]
        scale[k] = range > 0 ? 1 / range : 0
    }
    var result = points
    result.withUnsafeMutableBufferPointer { p in
        for i in 0..<points.rows {
            for k in 0..<m { p[i * m + k] = (p[i * m + k] - ideal[k]) * scale[k] }
        }
    }
    return result
}
