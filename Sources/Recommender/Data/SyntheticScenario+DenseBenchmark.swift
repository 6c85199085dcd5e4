import Foundation
import NumericCore

extension SyntheticScenario {
    /// The dense benchmark used to compare training speed with PyTorch: `rows` examples of
    /// `userFeatures` user and `itemFeatures` item dense features (standard normal, as Float), no
    /// categorical fields, and two binary objectives `y0`, `y1`.
    ///
    /// Labels come from a hidden rank-8 bilinear model: `h = P x_u`, `g = Q x_i` (P, Q standard normal
    /// scaled by 1/√features), `s₀ = hᵀg / √8`, `s₁ = hᵀR(θ)g / √8` with `R(θ)` the plane rotation of
    /// `SyntheticScenario` and `θ = conflict · π`, then `y_k ~ Bernoulli(σ(2 s_k))`.
    /// Deterministic in `seed`. Feature names `u0…`, `i0…`; user/item keys are the row index.
    /// Write it with `ExampleTableCSV.write` so another framework reads the identical numbers.
    /// - Complexity: O(rows × features × 8).
    /// - Throws: `DataError.invalidArgument` for non-positive sizes or conflict outside [0, 1].
    public static func denseBenchmark(rows: Int = 200_000, userFeatures: Int = 64, itemFeatures: Int = 64,
                                      conflict: Double = 0.3, seed: UInt64 = 42) throws -> ExampleTable {
        guard rows > 0, userFeatures > 0, itemFeatures > 0 else { throw DataError.invalidArgument("rows and feature counts must be > 0") }
        guard (0...1).contains(conflict) else { throw DataError.invalidArgument("conflict must be in [0, 1], got \(conflict)") }
        let rank = 8
        let root = SeededGenerator(seed: seed)
        var g = root.split("dense-benchmark-weights")
        let p = (0..<(rank * userFeatures)).map { _ in g.nextGaussian() / Double(userFeatures).squareRoot() }
        let q = (0..<(rank * itemFeatures)).map { _ in g.nextGaussian() / Double(itemFeatures).squareRoot() }
        let c = cos(conflict * .pi), s = sin(conflict * .pi)
        var x = root.split("dense-benchmark-rows")
        var ud = [Float](repeating: 0, count: rows * userFeatures)
        var id = [Float](repeating: 0, count: rows * itemFeatures)
        var labels = [Float](repeating: 0, count: rows * 2)
        var h = [Double](repeating: 0, count: rank), gg = [Double](repeating: 0, count: rank)
        for r in 0..<rows {
            for j in 0..<userFeatures { ud[r * userFeatures + j] = Float(x.nextGaussian()) }
            for j in 0..<itemFeatures { id[r * itemFeatures + j] = Float(x.nextGaussian()) }
            for k in 0..<rank {
                var a = 0.0, b = 0.0
                for j in 0..<userFeatures { a += p[k * userFeatures + j] * Double(ud[r * userFeatures + j]) }
                for j in 0..<itemFeatures { b += q[k * itemFeatures + j] * Double(id[r * itemFeatures + j]) }
                h[k] = a; gg[k] = b
            }
            var s0 = 0.0, s1 = 0.0
            for k in stride(from: 0, to: rank, by: 2) {
                s0 += h[k] * gg[k] + h[k + 1] * gg[k + 1]
                s1 += h[k] * (c * gg[k] - s * gg[k + 1]) + h[k + 1] * (s * gg[k] + c * gg[k + 1])
            }
            let norm = 1 / Double(rank).squareRoot()
            labels[r * 2] = x.nextUniform() < sigmoid(2 * s0 * norm) ? 1 : 0
            labels[r * 2 + 1] = x.nextUniform() < sigmoid(2 * s1 * norm) ? 1 : 0
        }
        let layout = FeatureLayout(userCategoricalNames: [], userCategoricalCardinalities: [], userDenseNames: (0..<userFeatures).map { "u\($0)" },
                                   itemCategoricalNames: [], itemCategoricalCardinalities: [], itemDenseNames: (0..<itemFeatures).map { "i\($0)" },
                                   objectives: [.init(name: "y0", kind: .binary), .init(name: "y1", kind: .binary)])
        let keys = (0..<rows).map(Int64.init)
        return try ExampleTable(layout: layout, count: rows, userCategorical: [], userDense: ud, itemCategorical: [], itemDense: id,
                                labels: labels, userKeys: keys, itemKeys: keys)
    }
}
