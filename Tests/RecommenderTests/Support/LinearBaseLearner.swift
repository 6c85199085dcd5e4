import NumericCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
@testable import Recommender

/// Test-only base learner: one linear model per objective on the dense features (user dense then item
/// dense), logistic for binary objectives and least squares for continuous ones, trained by full-batch
/// gradient descent with an L2 penalty, honouring `baseMargin`:
/// it minimizes `(1/n) Σ_i ℓ(y_ik, m_ik + wᵀx_i + b) + (λ/2)‖w‖²` from `w = 0, b = 0`.
/// Gradient descent is deterministic, so `seed` is not used.
struct LinearBaseLearner: FusionBaseLearner {
    var epochs: Int
    var learningRate: Double
    var l2: Double

    func fit(_ train: ExampleTable, baseMargin: Matrix<Float>?, seed: UInt64) throws -> any ScorePredictor {
        let x = try LinearScorePredictor.features(train)
        let n = train.count, d = x.columns, m = train.layout.objectiveCount
        var weights = [[Double]](), biases = [Double]()
        for k in 0..<m {
            let y = train.labelColumn(k).map(Double.init)
            let margin = (0..<n).map { i in baseMargin.map { Double($0[i, k]) } ?? 0 }
            let binary = train.layout.objectives[k].kind == .binary
            var w = [Double](repeating: 0, count: d), b = 0.0
            for _ in 0..<epochs {
                var z = try x.multiplied(vector: w)
                var meanResidual = 0.0
                for i in 0..<n {
                    let s = margin[i] + z[i] + b
                    let p = binary ? 1 / (1 + exp(-s)) : s
                    z[i] = (p - y[i]) / Double(n)
                    meanResidual += z[i]
                }
                let g = try x.multiplied(transposed: true, vector: z)
                for j in 0..<d { w[j] -= learningRate * (g[j] + l2 * w[j]) }
                b -= learningRate * meanResidual
            }
            weights.append(w)
            biases.append(b)
        }
        return LinearScorePredictor(objectives: train.layout.objectives, weights: weights, biases: biases)
    }
}

/// The linear predictor `wₖᵀx + bₖ` per objective fitted by `LinearBaseLearner`.
struct LinearScorePredictor: ScorePredictor {
    let objectives: [ObjectiveSpec]
    let weights: [[Double]]
    let biases: [Double]

    func predictScores(_ table: ExampleTable) throws -> Matrix<Float> {
        let x = try Self.features(table)
        var out = Matrix<Float>(rows: table.count, columns: objectives.count)
        for k in objectives.indices {
            let z = try x.multiplied(vector: weights[k])
            for i in 0..<table.count { out[i, k] = Float(z[i] + biases[k]) }
        }
        return out
    }

    /// The `count × (userDense + itemDense)` feature matrix in `Double`.
    static func features(_ t: ExampleTable) throws -> Matrix<Double> {
        let du = t.layout.userDenseCount, di = t.layout.itemDenseCount
        var storage = [Double]()
        storage.reserveCapacity(t.count * (du + di))
        for i in 0..<t.count {
            for j in 0..<du { storage.append(Double(t.userDense[i * du + j])) }
            for j in 0..<di { storage.append(Double(t.itemDense[i * di + j])) }
        }
        return try Matrix(rows: t.count, columns: du + di, storage: storage)
    }
}
