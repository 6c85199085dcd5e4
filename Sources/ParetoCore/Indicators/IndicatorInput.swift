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
            let outer = f.baseAddress!, inner = t.baseAddress!
            var total = 0.0
            switch distance {
            case .euclidean:
                for s in 0..<from.rows {
                    total += nearestSquared(outer + s * m, inner, to.rows, m) { $0 - $1 }.squareRoot()
                }
            case .dominanceAware where evaluatedIsTo:
                for s in 0..<from.rows {
                    total += nearestSquared(outer + s * m, inner, to.rows, m) { max($1 - $0, 0) }.squareRoot()
                }
            case .dominanceAware:
                for s in 0..<from.rows {
                    total += nearestSquared(outer + s * m, inner, to.rows, m) { max($0 - $1, 0) }.squareRoot()
                }
            }
            return total / Double(from.rows)
        }
    }
}

/// min over the `count` rows `t` of `rows` of Σₖ difference(pₖ, tₖ)², the caller's kernel inlined
/// so that each distance kind gets its own branch-free loop.
@inline(__always)
private func nearestSquared(
    _ point: UnsafePointer<Double>, _ rows: UnsafePointer<Double>, _ count: Int, _ m: Int,
    _ difference: (Double, Double) -> Double
) -> Double {
    var best = Double.infinity
    switch m {
    case 1:
        let p0 = point[0]
        for u in 0..<count {
            let d0 = difference(p0, rows[u])
            best = min(best, d0 * d0)
        }
    case 2:
        let p0 = point[0], p1 = point[1]
        for u in 0..<count {
            let d0 = difference(p0, rows[2 * u]), d1 = difference(p1, rows[2 * u + 1])
            best = min(best, d0 * d0 + d1 * d1)
        }
    case 3:
        let p0 = point[0], p1 = point[1], p2 = point[2]
        for u in 0..<count {
            let d0 = difference(p0, rows[3 * u]), d1 = difference(p1, rows[3 * u + 1])
            let d2 = difference(p2, rows[3 * u + 2])
            best = min(best, d0 * d0 + d1 * d1 + d2 * d2)
        }
    default:
        // Partial-distance pruning: skip a row once its first two terms reach the best so far
        // (terms are non-negative, so the full sum could only be larger).
        for u in 0..<count {
            let row = rows + u * m
            let d0 = difference(point[0], row[0]), d1 = difference(point[1], row[1])
            var squared = d0 * d0 + d1 * d1
            if squared >= best { continue }
            for k in 2..<m {
                let d = difference(point[k], row[k])
                squared += d * d
            }
            best = min(best, squared)
        }
    }
    return best
}

/// The rows of `points` that no other row dominates, or `points` itself when it is small.
///
/// Used by IGD⁺, which takes a minimum over A of d⁺(a, r), a quantity monotone in every coordinate
/// of `a`: a dominated point can never give a smaller value than the point dominating it, and since
/// every floating-point step of the formula is monotone the minimum is unchanged bit for bit. - Complexity: that of `nondominatedIndices(of:)`.
@usableFromInline
func withoutDominatedRows(_ points: Matrix<Double>) -> Matrix<Double> {
    guard points.rows > 8 else { return points }
    let keep = nondominatedIndices(of: points)
    return keep.count == points.rows ? points : points.selectingRows(keep)
}
