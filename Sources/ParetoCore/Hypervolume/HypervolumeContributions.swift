import NumericCore

/// The exclusive hypervolume contribution of every point: HV(S) − HV(S ∖ {p}), computed as in
/// moocore's `hv_contributions` with its default `ignore_dominated=True`.
///
/// Dominated points get 0 and do not affect the others' contributions; identical copies of a
/// non-dominated point all get 0 (removing one copy leaves the volume unchanged) but still bound
/// their neighbours; points that do not strictly dominate the reference get 0.
/// Algorithms, after an O(N log N + N·K·M) non-dominated filter (K kept points):
/// - M = 1: the minimum gets r − min;
/// - M = 2: one sort, then each point's rectangle between its two staircase neighbours, O(N log N);
/// - M = 3: one z-sweep tracking each staircase point's exclusive area
///   (`HypervolumeContributions3D`, after Emmerich & Fonseca 2011, doi:10.1007/978-3-642-19893-8_9),
///   O(K log K) expected on typical fronts;
/// - M ≥ 4: each point's box minus the hypervolume of the other points limited to that box
///   (the exclusive contribution of While, Bradstreet & Barone 2012, IEEE TEVC 16(1),
///   doi:10.1109/TEVC.2010.2077298), measured with WFG: O(K) WFG calls on sets of K − 1 points.
///
/// - Parameters:
///   - points: one point per row, one objective per column (minimization).
///   - reference: the reference point, one value per column.
/// - Returns: one contribution per row of `points`, in row order.
/// - Throws: as `hypervolume(of:reference:)`.
public func hypervolumeContributions(of points: Matrix<Double>, reference: [Double]) throws -> [Double] {
    let input = try HypervolumeInput(points: points, reference: reference)
    let m = input.dimension, n = input.count
    var result = [Double](repeating: 0, count: points.rows)
    if n == 0 { return result }
    let indices = UnsafeMutablePointer<Int32>.allocate(capacity: n)
    let duplicated = UnsafeMutablePointer<Bool>.allocate(capacity: n)
    let front = UnsafeMutablePointer<Double>.allocate(capacity: n * m)
    let frontResult = UnsafeMutablePointer<Double>.allocate(capacity: n)
    defer {
        indices.deallocate()
        duplicated.deallocate()
        front.deallocate()
        frontResult.deallocate()
    }
    let kept = input.coordinates.withUnsafeBufferPointer { rows -> Int in
        let rows = rows.baseAddress!
        let kept = HypervolumeFilter.nondominated(
            rows: rows, stride: m, count: n, first: m - 1, indices: indices, duplicated: duplicated)
        for k in 0..<kept {
            (front + k * m).update(from: rows + Int(indices[k]) * m, count: m)
        }
        return kept
    }
    reference.withUnsafeBufferPointer { r in
        let r = r.baseAddress!
        switch m {
        case 1:
            frontResult[0] = r[0] - front[0]
        case 2:
            // The filter leaves the front in ascending y, hence descending x: the x-neighbours of
            // entry k are entries k − 1 (right) and k + 1 (left).
            for k in 0..<kept {
                let nextX = k > 0 ? front[2 * (k - 1)] : r[0]
                let previousY = k + 1 < kept ? front[2 * (k + 1) + 1] : r[1]
                frontResult[k] = (nextX - front[2 * k]) * (previousY - front[2 * k + 1])
            }
        case 3:
            // The filter leaves the front in lexicographic order from z, so already ascending in z.
            HypervolumeContributions3D.contributions(
                rows: front, count: kept, reference: r, result: frontResult, sortedByZ: true)
        default:
            let wfg = HypervolumeWFG(capacity: max(kept - 1, 1), reference: reference)
            let limit = wfg.limitBuffer(m)
            for k in 0..<kept {
                let s = front + k * m
                var box = 1.0
                for c in 0..<m { box *= r[c] - s[c] }
                var written = 0
                for j in 0..<kept where j != k {
                    let t = front + j * m, target = limit + written * m
                    for c in 0..<m { target[c] = max(t[c], s[c]) }
                    written += 1
                }
                frontResult[k] = box - wfg.volume(ofLimitSetOfDimension: m, count: written)
            }
        }
    }
    // Map back: the first row equal to a kept point carries its contribution unless it has copies.
    // Equal rows map to the same kept point; all other rows are dominated and stay 0.
    for k in 0..<kept where !duplicated[k] {
        // indices[k] is the position among the input's kept rows; find its original row.
        result[input.originalRows[Int(indices[k])]] = frontResult[k]
    }
    return result
}
