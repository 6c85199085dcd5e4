import Testing
import NumericCore
@testable import Recommender

/// Tiny hand-built data for the model tests (the data pipeline lives elsewhere).
enum TinyModelData {
    static let layout = FeatureLayout(
        userCategoricalNames: ["user", "city"], userCategoricalCardinalities: [5, 4], userDenseNames: ["u0", "u1", "u2"],
        itemCategoricalNames: ["item"], itemCategoricalCardinalities: [6], itemDenseNames: ["i0", "i1"],
        objectives: [ObjectiveSpec(name: "click", kind: .binary), ObjectiveSpec(name: "time", kind: .continuous)])

    /// `count` rows with codes in range (plus the OOV code 0) and labels loosely tied to the features.
    static func table(count: Int, seed: UInt64, layout: FeatureLayout = layout) -> ExampleTable {
        var g = SeededGenerator(seed: seed)
        var t = ExampleTable(layout: layout)
        for i in 0..<count {
            let uc = layout.userCategoricalCardinalities.map { Int32(g.nextInt(below: $0)) }
            let ic = layout.itemCategoricalCardinalities.map { Int32(g.nextInt(below: $0)) }
            let ud = (0..<layout.userDenseCount).map { _ in Float(g.nextGaussian()) }
            let id = (0..<layout.itemDenseCount).map { _ in Float(g.nextGaussian()) }
            let signal = (ud.first ?? 0) + (id.first ?? 0)
            let y = layout.objectives.enumerated().map { k, o -> Float in
                o.kind == .binary ? (signal + Float(g.nextGaussian()) > Float(k) * 0.3 ? 1 : 0) : signal * 0.5 + Float(g.nextGaussian()) * 0.1
            }
            t.append(userCategorical: uc, userDense: ud, itemCategorical: ic, itemDense: id, labels: y,
                     userKey: Int64(i % 7), itemKey: Int64(i % 5))
        }
        return t
    }

    static func twoTower() throws -> ModelConfiguration { try .twoTower(userWidths: [5, 4], itemWidths: [4, 3], embeddingDimension: 3) }
    static func mmoe() throws -> ModelConfiguration { try .mmoe(experts: 3, expertWidths: [5, 4], towerWidths: [3], embeddingDimension: 3) }
}

@Suite struct ModelGradientTests {
    /// Central difference of the joint loss w.r.t. one parameter, with the loss summed in `Double`.
    func numericDerivative(_ model: MultiObjectiveModel, _ table: ExampleTable, _ loss: JointLoss,
                                   margin: Matrix<Float>?, step h: Float = 3e-3,
                                   perturb: (inout ModelParameters, Float) -> Void) throws -> Double {
        var plus = model, minus = model
        perturb(&plus.parameters, h)
        perturb(&minus.parameters, -h)
        let lp = try plus.lossAndGradient(on: table, loss: loss, baseMargin: margin).loss
        let lm = try minus.lossAndGradient(on: table, loss: loss, baseMargin: margin).loss
        return (lp - lm) / Double(2 * h)
    }

    func close(_ analytic: Float, _ numeric: Double) -> Bool {
        abs(Double(analytic) - numeric) <= 5e-4 + 2e-2 * abs(numeric)
    }

    /// Checks every dense parameter and every entry of the touched embedding rows (and one untouched row).
    func checkAllGradients(_ configuration: ModelConfiguration, losses: [ObjectiveLoss], weights: [Float],
                           withMargin: Bool, layout: FeatureLayout = TinyModelData.layout, step: Float = 3e-3) throws {
        let table = TinyModelData.table(count: 9, seed: 11, layout: layout)
        var model = try MultiObjectiveModel(layout: layout, configuration: configuration, seed: 5)
        // Zero-initialised biases put ReLUs fed by dead units exactly at their kink (y = 0), where
        // finite differences see a one-sided slope; jitter every parameter off it.
        var jitter = SeededGenerator(seed: 17)
        for i in model.parameters.dense.indices { model.parameters.dense[i] += Float(jitter.nextGaussian() * 0.1) }
        let loss = try JointLoss(losses: losses, weights: weights)
        var margin: Matrix<Float>? = nil
        if withMargin {
            var g = SeededGenerator(seed: 99)
            margin = try Matrix(rows: table.count, columns: 2, storage: (0..<(2 * table.count)).map { _ in Float(g.nextGaussian()) })
        }
        let gradient = try model.lossAndGradient(on: table, loss: loss, baseMargin: margin).gradient
        var failures: [String] = []
        for i in 0..<model.denseParameterCount {
            let fd = try numericDerivative(model, table, loss, margin: margin, step: step) { p, h in p.dense[i] += h }
            if !close(gradient.dense[i], fd) { failures.append("dense[\(i)] analytic \(gradient.dense[i]) numeric \(fd)") }
        }
        let d = configuration.embeddingDimension
        for t in model.parameters.embeddings.indices {
            let touched = Set(gradient.touchedRows[t].map(Int.init))
            let rows = model.parameters.embeddings[t].count / d
            for r in 0..<rows {
                for j in 0..<d {
                    let i = r * d + j
                    let analytic = gradient.embeddings[t][i]
                    if !touched.contains(r) {
                        if analytic != 0 { failures.append("table \(t) row \(r) untouched but gradient \(analytic)") }
                        continue
                    }
                    let fd = try numericDerivative(model, table, loss, margin: margin, step: step) { p, h in p.embeddings[t][i] += h }
                    if !close(analytic, fd) { failures.append("table \(t)[\(i)] analytic \(analytic) numeric \(fd)") }
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(8))")
    }

    @Test func twoTowerGradientsMatchFiniteDifferences() throws {
        try checkAllGradients(TinyModelData.twoTower(), losses: [.binaryCrossEntropy, .meanSquaredError], weights: [0.7, 0.3], withMargin: false)
    }

    @Test func twoTowerGradientsWithHuberAndBaseMarginMatchFiniteDifferences() throws {
        try checkAllGradients(TinyModelData.twoTower(), losses: [.binaryCrossEntropy, .huber(delta: 0.2)], weights: [0.4, 1.5], withMargin: true)
    }

    @Test func mmoeGradientsMatchFiniteDifferences() throws {
        try checkAllGradients(TinyModelData.mmoe(), losses: [.binaryCrossEntropy, .meanSquaredError], weights: [0.6, 0.4], withMargin: false)
    }

    @Test func mmoeGradientsWithBaseMarginMatchFiniteDifferences() throws {
        try checkAllGradients(TinyModelData.mmoe(), losses: [.binaryCrossEntropy, .huber(delta: 0.3)], weights: [1, 2], withMargin: true)
    }

    @Test func lossesMatchTheirFormulasAndDerivatives() {
        // BCE at logit 2, label 1: log(1 + e^{-2}); label 0: 2 + log(1 + e^{-2}).
        #expect(abs(ObjectiveLoss.binaryCrossEntropy.value(score: 2, label: 1) - 0.126928) < 1e-6)
        #expect(abs(ObjectiveLoss.binaryCrossEntropy.value(score: 2, label: 0) - 2.126928) < 1e-5)
        // Stable at extreme logits: -100 with label 1 costs 100, not inf.
        #expect(abs(ObjectiveLoss.binaryCrossEntropy.value(score: -100, label: 1) - 100) < 1e-4)
        #expect(ObjectiveLoss.binaryCrossEntropy.derivative(score: 0, label: 1) == -0.5)
        #expect(ObjectiveLoss.meanSquaredError.value(score: 3, label: 1) == 4)
        #expect(ObjectiveLoss.meanSquaredError.derivative(score: 3, label: 1) == 4)
        // Huber δ = 1: r = 0.5 → 0.125; r = 3 → 1·(3 − 0.5) = 2.5; derivative clipped to ±δ.
        #expect(ObjectiveLoss.huber(delta: 1).value(score: 1.5, label: 1) == 0.125)
        #expect(ObjectiveLoss.huber(delta: 1).value(score: -2, label: 1) == 2.5)
        #expect(ObjectiveLoss.huber(delta: 1).derivative(score: -2, label: 1) == -1)
        #expect(ObjectiveLoss.huber(delta: 1).derivative(score: 1.5, label: 1) == 0.5)
        for loss in [ObjectiveLoss.binaryCrossEntropy, .meanSquaredError, .huber(delta: 0.7)] {
            for (s, y) in [(Float(-1.3), Float(0)), (0.4, 1), (2.2, 0.5)] {
                let h: Float = 1e-2
                let fd = (Double(loss.value(score: s + h, label: y)) - Double(loss.value(score: s - h, label: y))) / Double(2 * h)
                #expect(abs(Double(loss.derivative(score: s, label: y)) - fd) < 2e-3, "\(loss) at \(s), \(y)")
            }
        }
    }
}
