import NumericCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
@testable import Recommender

/// Test-only synthetic two-objective task with known linear truth: Gaussian dense features (the first
/// half in the user tower, the rest in the item tower), a binary `click` with
/// `P(click) = σ(αᵀx)` and a continuous `watch = βᵀx + noise`. Item keys are unique per row so
/// per-example noise can be keyed by them.
struct SyntheticLinearTask {
    static let objectives = [ObjectiveSpec(name: "click", kind: .binary), ObjectiveSpec(name: "watch", kind: .continuous)]

    let features: Int
    let alpha: [Double]
    let beta: [Double]
    let watchNoise: Double
    let layout: FeatureLayout

    /// Truth drawn from `seed`: coefficients `N(0, signal² / features)` so that `‖α‖² ≈ signal²`.
    init(features: Int, signal: Double, watchNoise: Double, seed: UInt64) {
        self.features = features
        var g = SeededGenerator(seed: seed).split("truth")
        let sd = signal / Double(features).squareRoot()
        alpha = (0..<features).map { _ in sd * g.nextGaussian() }
        beta = (0..<features).map { _ in sd * g.nextGaussian() }
        self.watchNoise = watchNoise
        let du = features / 2
        layout = FeatureLayout(
            userCategoricalNames: [], userCategoricalCardinalities: [], userDenseNames: (0..<du).map { "u\($0)" },
            itemCategoricalNames: [], itemCategoricalCardinalities: [], itemDenseNames: (du..<features).map { "i\($0)" },
            objectives: Self.objectives)
    }

    /// `count` examples drawn from `generator`; item keys start at `firstKey`, `users` users round robin.
    func table(count: Int, users: Int = 50, firstKey: Int64 = 0, generator g: inout SeededGenerator) -> ExampleTable {
        var t = ExampleTable(layout: layout)
        let du = features / 2
        for i in 0..<count {
            let x = (0..<features).map { _ in g.nextGaussian() }
            let a = zip(alpha, x).reduce(0) { $0 + $1.0 * $1.1 }
            let b = zip(beta, x).reduce(0) { $0 + $1.0 * $1.1 }
            let click: Float = g.nextUniform() < 1 / (1 + exp(-a)) ? 1 : 0
            let watch = Float(b + watchNoise * g.nextGaussian())
            t.append(userCategorical: [], userDense: x[..<du].map(Float.init), itemCategorical: [],
                     itemDense: x[du...].map(Float.init), labels: [click, watch],
                     userKey: Int64(i % users), itemKey: firstKey + Int64(i))
        }
        return t
    }

    /// The true logit `αᵀx` and value `βᵀx` of each example.
    func truth(_ t: ExampleTable) throws -> Matrix<Float> {
        try LinearScorePredictor(objectives: Self.objectives, weights: [alpha, beta], biases: [0, 0]).predictScores(t)
    }
}

/// Test-only member for averaging: the true scores plus Gaussian noise of standard deviation
/// `noise`, drawn per (member seed, item key, objective), so different members have independent errors.
struct NoisyOraclePredictor: ScorePredictor {
    let task: SyntheticLinearTask
    let noise: Double
    let seed: UInt64
    var objectives: [ObjectiveSpec] { SyntheticLinearTask.objectives }

    func predictScores(_ table: ExampleTable) throws -> Matrix<Float> {
        var s = try task.truth(table)
        let root = SeededGenerator(seed: seed)
        for i in 0..<table.count {
            var g = root.split(Int(table.itemKeys[i]))
            for k in 0..<s.columns { s[i, k] += Float(noise * g.nextGaussian()) }
        }
        return s
    }
}

/// Test-only predictor returning fixed raw scores (one row per example of the table it is asked about).
struct FixedScorePredictor: ScorePredictor {
    let objectives: [ObjectiveSpec]
    let scores: Matrix<Float>

    func predictScores(_ table: ExampleTable) throws -> Matrix<Float> {
        guard table.count == scores.rows else {
            throw FusionError.invalidParameter("fixed predictor holds \(scores.rows) rows, table has \(table.count)")
        }
        return scores
    }
}
