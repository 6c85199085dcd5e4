import NumericCore

/// The number of Das–Dennis directions, C(H + M − 1, M − 1), or `nil` on overflow.
/// - Complexity: O(M).
public func dasDennisCount(objectives: Int, divisions: Int) -> Int? {
    guard objectives >= 1, divisions >= 0 else { return nil }
    // C(n, k) built up as C(n−k+i, i), each step exact: C(a, i) = C(a−1, i−1) · a / i.
    let k = objectives - 1, n = divisions + objectives - 1
    var value = 1
    for i in 0..<k {
        let (product, overflow) = value.multipliedReportingOverflow(by: n - k + i + 1)
        if overflow { return nil }
        value = product / (i + 1)
    }
    return value
}

/// Das–Dennis reference directions: every point of the unit simplex in M dimensions whose
/// coordinates are multiples of 1/H (the simplex-lattice design).
///
/// Das & Dennis, "Normal-boundary intersection: a new method for generating the Pareto surface in
/// nonlinear multicriteria optimization problems", SIAM J. Optim. 8(3), 631–657, 1998,
/// doi:10.1137/S1052623496307510. The rows are the C(H + M − 1, M − 1) vectors
/// (k₁/H, …, k_M/H) with non-negative integers Σ kᵢ = H, in lexicographically decreasing order of
/// (k₁, …, k_M); the same set as pymoo's `get_reference_directions("das-dennis", M, n_partitions=H)`.
///
/// - Throws: `ParetoError.invalidArgument` when `objectives < 1`, `divisions < 1`, or the
///   number of directions exceeds 10⁷.
/// - Complexity: O(C(H + M − 1, M − 1) · M) time and space.
public func dasDennisDirections(objectives: Int, divisions: Int) throws -> Matrix<Double> {
    guard objectives >= 1 else { throw ParetoError.invalidArgument("objectives must be ≥ 1, got \(objectives)") }
    guard divisions >= 1 else { throw ParetoError.invalidArgument("divisions must be ≥ 1, got \(divisions)") }
    guard let count = dasDennisCount(objectives: objectives, divisions: divisions), count <= 10_000_000 else {
        throw ParetoError.invalidArgument(
            "\(objectives) objectives with \(divisions) divisions give more than 10⁷ directions")
    }
    var storage = [Double]()
    storage.reserveCapacity(count * objectives)
    var counts = [Int](repeating: 0, count: objectives)
    let h = Double(divisions)
    // Depth-first over k₁ = H…0, then k₂ = (H − k₁)…0, …; the last coordinate takes the remainder.
    func fill(_ position: Int, _ remaining: Int) {
        if position == objectives - 1 {
            counts[position] = remaining
            for c in counts { storage.append(Double(c) / h) }
            return
        }
        var k = remaining
        while k >= 0 {
            counts[position] = k
            fill(position + 1, remaining - k)
            k -= 1
        }
    }
    fill(0, divisions)
    return try Matrix(rows: count, columns: objectives, storage: storage)
}
