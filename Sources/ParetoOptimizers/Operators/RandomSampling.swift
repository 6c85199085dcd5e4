import NumericCore

/// Uniform random initial sampling in a box (pymoo's `FloatRandomSampling`).
public enum RandomSampling {
    /// `count × n` points, row by row, each coordinate uniform in `[lower_j, upper_j)`.
    /// - Complexity: O(count·n).
    public static func sample(count: Int, lower: [Double], upper: [Double], rng: inout SeededGenerator) -> Matrix<Double> {
        let n = lower.count
        var out = Matrix<Double>(rows: count, columns: n)
        out.withUnsafeMutableBufferPointer { x in
            for i in 0..<count {
                for j in 0..<n { x[i * n + j] = lower[j] + (upper[j] - lower[j]) * rng.nextUniform() }
            }
        }
        return out
    }
}
