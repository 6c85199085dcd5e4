import NumericCore

/// The exact hypervolume of a point set under minimization: the Lebesgue measure of the region
/// dominated by the points and bounded above by the reference point.
///
/// HV(S, r) = λ( ⋃_{p ∈ S} [p₁, r₁] × … × [p_M, r_M] ).
///
/// Points that do not strictly dominate the reference (some coordinate ≥ rᵢ) contribute nothing
/// and are dropped first; dominated points and duplicates are allowed. The algorithm is chosen by
/// the number of objectives M, as pagmo does:
/// - M = 1: r − min p;
/// - M = 2: dimension sweep, O(N log N) (`Hypervolume2D`);
/// - M = 3: sweep over z keeping the 2-D staircase (sorted arrays, falling back to a treap so the
///   worst case stays O(N log N)) (Beume, Fonseca, López-Ibáñez, Paquete & Vahrenhold 2009, IEEE
///   TEVC 13(5), doi:10.1109/TEVC.2008.2010009; `Hypervolume3D`);
/// - M = 4: HV4D+ (Guerreiro & Fonseca 2018, IEEE TEVC 22(3), doi:10.1109/TEVC.2017.2729550;
///   `Hypervolume4D`): a sweep over the fourth objective adding one 3-D exclusive contribution per
///   point, the 3-D front kept in linked lists with stored neighbours, O(N²);
/// - M = 5: a sweep over the fifth objective adding each point's exclusive 4-D contribution, each
///   computed by HV4D+'s one-contribution update on the same linked lists (Guerreiro & Fonseca
///   2018; `Hypervolume5D`), O(N²) on fronts;
/// - M ≥ 6: WFG (While, Bradstreet & Barone 2012, IEEE TEVC 16(1), doi:10.1109/TEVC.2010.2077298)
///   with that 4-D sweep as its base case (`HypervolumeWFG`).
///
/// - Parameters:
///   - points: one point per row, one objective per column (minimization).
///   - reference: the reference point, one value per column.
/// - Returns: the hypervolume (0 for an empty set or when no point dominates the reference).
/// - Throws: `ParetoError.dimensionMismatch` when `reference.count != points.columns`,
///   `ParetoError.invalidArgument` for zero objectives, `ParetoError.nonFinite` for NaN or ±∞
///   in `points` or `reference`, `ParetoError.overflow` when the volume is not representable.
public func hypervolume(of points: Matrix<Double>, reference: [Double]) throws -> Double {
    let input = try HypervolumeInput(points: points, reference: reference)
    let m = input.dimension, n = input.count
    if n == 0 { return 0 }
    let volume = input.coordinates.withUnsafeBufferPointer { rows in
        reference.withUnsafeBufferPointer { r in
            let rows = rows.baseAddress!, r = r.baseAddress!
            switch m {
            case 1:
                var lowest = r[0]
                for i in 0..<n { lowest = min(lowest, rows[i]) }
                return r[0] - lowest
            case 2:
                return Hypervolume2D.volume(rows: rows, count: n, reference: r)
            case 5:
                return Hypervolume5D(capacity: n).volume(rows: rows, count: n, reference: r)
            default:
                let wfg = HypervolumeWFG(capacity: n, reference: reference)
                let buffer = wfg.limitBuffer(m)
                buffer.update(from: rows, count: n * m)
                return wfg.volume(ofLimitSetOfDimension: m, count: n)
            }
        }
    }
    guard volume.isFinite else {
        throw ParetoError.overflow("the hypervolume exceeds the largest Double (\(Double.greatestFiniteMagnitude)); rescale the objectives")
    }
    return volume
}

/// Validated hypervolume input: the rows that strictly dominate the reference, contiguous.
struct HypervolumeInput {
    let dimension: Int
    /// Number of rows kept.
    let count: Int
    /// Kept rows, row-major, `count × dimension`.
    let coordinates: [Double]
    /// Original row index of each kept row.
    let originalRows: [Int]

    init(points: Matrix<Double>, reference: [Double]) throws {
        let m = points.columns
        guard reference.count == m else {
            throw ParetoError.dimensionMismatch(
                "reference point has \(reference.count) values but the points have \(m) objectives")
        }
        guard m > 0 else { throw ParetoError.invalidArgument("hypervolume needs at least one objective") }
        for (c, value) in reference.enumerated() where !value.isFinite {
            throw ParetoError.nonFinite("reference point value \(c + 1) is \(value)")
        }
        var coordinates: [Double] = []
        var originalRows: [Int] = []
        coordinates.reserveCapacity(points.storage.count)
        var firstBad: (row: Int, column: Int, value: Double)?
        points.withUnsafeBufferPointer { storage in
            reference.withUnsafeBufferPointer { r in
                for i in 0..<points.rows {
                    let row = storage.baseAddress! + i * m
                    var inside = true
                    for c in 0..<m {
                        let v = row[c]
                        if !v.isFinite {
                            if firstBad == nil { firstBad = (i, c, v) }
                        }
                        if !(v < r[c]) { inside = false }
                    }
                    if inside {
                        coordinates.append(contentsOf: UnsafeBufferPointer(start: row, count: m))
                        originalRows.append(i)
                    }
                }
            }
        }
        if let bad = firstBad {
            throw ParetoError.nonFinite("point \(bad.row + 1), objective \(bad.column + 1) is \(bad.value)")
        }
        dimension = m
        count = originalRows.count
        self.coordinates = coordinates
        self.originalRows = originalRows
    }
}
