import NumericCore

/// Offspring from parents by crossover then mutation, keeping pointer code out of each algorithm.
public enum Variation {
    /// `count` children: `pick` chooses a pair of parent rows, the pair is crossed (two children)
    /// and both children mutated; children fill the rows in order (the last pair may contribute one).
    /// - Complexity: O(count · n) plus the operators.
    public static func offspring(parents: Matrix<Double>, count: Int, lower: [Double], upper: [Double],
                                 crossover: SBXCrossover, mutation: PolynomialMutation, rng: inout SeededGenerator,
                                 pick: (inout SeededGenerator) -> (Int, Int)) throws -> Matrix<Double> {
        let n = lower.count
        var out = Matrix<Double>(rows: count, columns: n)
        guard n > 0, count > 0, parents.rows > 0 else { return out }
        var a = [Double](repeating: 0, count: n), b = a, c1 = a, c2 = a
        var produced = 0
        while produced < count {
            let (i, j) = pick(&rng)
            for k in 0..<n { a[k] = parents[i, k]; b[k] = parents[j, k] }
            a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in
                    lower.withUnsafeBufferPointer { lo in
                        upper.withUnsafeBufferPointer { hi in
                            c1.withUnsafeMutableBufferPointer { o1 in
                                c2.withUnsafeMutableBufferPointer { o2 in
                                    crossover.cross(pa, pb, into: o1, o2, lower: lo, upper: hi, rng: &rng)
                                    mutation.mutate(o1, lower: lo, upper: hi, rng: &rng)
                                    mutation.mutate(o2, lower: lo, upper: hi, rng: &rng)
                                }
                            }
                        }
                    }
                }
            }
            for child in [c1, c2] where produced < count {
                out.withUnsafeMutableBufferPointer { o in for k in 0..<n { o[produced * n + k] = child[k] } }
                produced += 1
            }
        }
        return out
    }
}
