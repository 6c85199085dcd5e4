import NumericCore

/// Crowding distance of every row of `points` within the set (rows are points, columns minimized
/// objectives), as in NSGA-II: K. Deb, A. Pratap, S. Agarwal, T. Meyarivan, "A fast and elitist
/// multiobjective genetic algorithm: NSGA-II", IEEE TEVC 6(2):182–197, 2002,
/// doi:10.1109/4235.996017, §III-B.
///
/// For each objective j with range `f_max − f_min > 0`, the points are sorted by j; the first and last
/// get `.infinity`, every other point adds `(f_j(next) − f_j(previous)) / (f_max − f_min)`. The sum is
/// not divided by M (Deb's definition; pymoo divides by M, which changes no ordering).
///
/// Conventions (deterministic, tested):
/// - An objective with zero range contributes 0 to every point, boundaries included.
/// - Duplicates: the distances are computed over the distinct rows; the first occurrence (lowest row
///   index) of a repeated row gets that distance and every later copy gets 0, so truncation removes
///   copies first. This is pymoo's `FunctionalDiversity(..., filter_out_duplicates=True)` convention
///   (pymoo 0.6.1.5 applies it to its other crowding metrics; its plain "cd" keeps duplicates), and
///   the fixture tests check equality with it.
/// - With at most two distinct rows, every first occurrence is `.infinity` (all are boundaries).
/// - Ties within one objective are ordered by row index, so which tied point is the boundary and
///   which neighbours count are fixed by the input order.
///
/// - Precondition: all values finite.
/// - Complexity: O(M N log N).
public func crowdingDistances(of points: Matrix<Double>) -> [Double] {
    crowdingDistances(of: points, subset: Array(0..<points.rows))
}

/// Crowding distances of the rows `subset` of `points`, computed within that subset only (e.g. one
/// front of a population). Element `i` of the result belongs to row `subset[i]`; the conventions of
/// `crowdingDistances(of:)` apply, with "first occurrence" meaning first in `subset` order.
///
/// - Precondition: every index in `subset` is a valid row; all values finite.
/// - Complexity: O(M K log K) for K = `subset.count`.
public func crowdingDistances(of points: Matrix<Double>, subset: [Int]) -> [Double] {
    let k = subset.count, m = points.columns
    if k == 0 { return [] }
    return points.withUnsafeBufferPointer { p in
        // Distinct rows: sort positions lexicographically (ties by position), keep the first of each run.
        let lexicographic = (0..<k).sorted { a, b in
            let ra = subset[a] * m, rb = subset[b] * m
            for j in 0..<m {
                let x = p[ra + j], y = p[rb + j]
                if x < y { return true }
                if y < x { return false }
            }
            return a < b
        }
        var distinct: [Int] = []  // positions in `subset` of first occurrences
        distinct.reserveCapacity(k)
        var previous = -1
        for position in lexicographic {
            var same = previous >= 0
            if same {
                let ra = subset[position] * m, rb = subset[previous] * m
                for j in 0..<m where p[ra + j] != p[rb + j] { same = false; break }
            }
            if !same { distinct.append(position) }
            previous = position
        }
        var distances = [Double](repeating: 0, count: k)
        if distinct.count <= 2 {
            for position in distinct { distances[position] = .infinity }
            return distances
        }
        distinct.sort()
        var order = distinct
        for j in 0..<m {
            order.sort { a, b in
                let x = p[subset[a] * m + j], y = p[subset[b] * m + j]
                return x < y || (x == y && a < b)
            }
            let low = p[subset[order[0]] * m + j], high = p[subset[order[order.count - 1]] * m + j]
            let range = high - low
            if !(range > 0) { continue }
            distances[order[0]] = .infinity
            distances[order[order.count - 1]] = .infinity
            for t in 1..<(order.count - 1) where distances[order[t]].isFinite {
                let next = p[subset[order[t + 1]] * m + j], before = p[subset[order[t - 1]] * m + j]
                distances[order[t]] += (next - before) / range
            }
        }
        return distances
    }
}
