import NumericCore

/// Indices (ascending) of the rows of `points` that no other row dominates — the first front, rank 0
/// of `nondominatedRanks(of:)`. Identical non-dominated rows are all kept.
///
/// The rows are sorted lexicographically and identical rows merged, so a point can only be dominated
/// by an earlier one. For M = 2 one pass keeps the points whose second objective is below every
/// earlier one (Kung, Luccio, Preparata, "On finding the maxima of a set of vectors", JACM 22(4),
/// 1975, doi:10.1145/321906.321910). For M ≥ 3 each point is compared with the non-dominated points
/// found so far (which are exactly the candidates that can dominate it), so the cost depends on the
/// size of the first front rather than on N².
///
/// - Precondition: every value is finite.
/// - Complexity: O(N log N) for M ≤ 2; O(M N log N + M N F) for M ≥ 3, F the first-front size.
public func nondominatedIndices(of points: Matrix<Double>) -> [Int] {
    let n = points.rows, m = points.columns
    if n == 0 { return [] }
    if m == 0 { return Array(0..<n) }
    let lex = LexicographicPoints(points)
    let front: [Int]
    switch m {
    case 1: front = [0]
    case 2: front = lex.twoObjectiveFirstFront()
    default: front = lex.incrementalFirstFront()
    }
    var inFront = [Bool](repeating: false, count: lex.uniqueCount)
    for u in front { inFront[u] = true }
    return (0..<n).filter { inFront[lex.uniqueOf[$0]] }
}

extension LexicographicPoints {
    /// First front for M ≥ 3: keep a unique point unless an earlier kept point is ≤ in every objective.
    func incrementalFirstFront() -> [Int] {
        let m = objectiveCount
        var kept: [Int] = []
        coordinates.withUnsafeBufferPointer { c in
            for q in 0..<uniqueCount {
                let qr = q * m
                var dominated = false
                // Latest kept points first: they are closest in objective 0 and most often dominate.
                var t = kept.count - 1
                while t >= 0 {
                    let pr = kept[t] * m
                    var below = true
                    for d in 1..<m where c[pr + d] > c[qr + d] { below = false; break }
                    if below { dominated = true; break }
                    t -= 1
                }
                if !dominated { kept.append(q) }
            }
        }
        return kept
    }
}
