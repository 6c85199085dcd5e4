import Testing
import NumericCore
@testable import Recommender

/// Tiny data with behaviour histories: item fields `item` (6) and `category` (3); histories of 7 users
/// over items 1…5 (category = item mod 3), behaviour types 1…2, windows of at most `length`.
enum TinySequenceData {
    static let sequenceLayout = SequenceLayout(itemCardinality: 6, categoryCardinality: 3, behaviourCardinality: 3,
                                               candidateItemField: 0, candidateCategoryField: 1)

    static func layout(conversion: Bool) -> FeatureLayout {
        var l = FeatureLayout(
            userCategoricalNames: ["user", "city"], userCategoricalCardinalities: [5, 4], userDenseNames: ["u0", "u1", "u2"],
            itemCategoricalNames: ["item", "category"], itemCategoricalCardinalities: [6, 3], itemDenseNames: ["i0", "i1"],
            objectives: conversion ? [ObjectiveSpec(name: "click", kind: .binary), ObjectiveSpec(name: "purchase", kind: .binary)]
                                   : [ObjectiveSpec(name: "click", kind: .binary), ObjectiveSpec(name: "time", kind: .continuous)])
        l.sequence = sequenceLayout
        return l
    }

    static func table(count: Int, seed: UInt64, layout: FeatureLayout) throws -> ExampleTable {
        var plain = layout
        plain.sequence = nil
        let base = TinyModelData.table(count: count, seed: seed, layout: plain)
        var g = SeededGenerator(seed: seed).split("history")
        var log = BehaviourLog()
        for _ in 0..<36 {
            let item = Int64(1 + g.nextInt(below: 5))
            log.append(user: Int64(g.nextInt(below: 7)), item: item, category: item % 3, behaviour: Int32(1 + g.nextInt(below: 2)),
                       time: Int64(g.nextInt(below: 20)))
        }
        let times = (0..<count).map { n in n == 0 ? Int64(0) : Int64(g.nextInt(below: 22)) }  // example 0: empty history
        let s = try BehaviourSequenceBuilder.build(history: log, layout: sequenceLayout, encodeItem: { Int32($0) },
                                                   encodeCategory: { Int32($0) }, exampleUsers: base.userKeys, exampleTimes: times)
        return try base.withSequences(s)
    }

    static let kinds: [UserTowerKind] = [.pooling, .gru, .attention]

    /// Architecture `a` of `TinyModelData.architecture` with user tower `kind` over windows of 3.
    static func configuration(_ a: Int, _ kind: UserTowerKind) throws -> ModelConfiguration {
        try TinyModelData.architecture(a).withUserTower(kind, sequenceLength: 3, attentionHidden: 4)
    }

    static func isConversion(_ c: ModelConfiguration) -> Bool { if case .esmm = c.architecture { return true } else { return false } }

    /// The tiny architectures with the id item tower (a sequence tower and the conv item tower are
    /// not combined in one model).
    static let architectures = (0..<TinyModelData.architectureCount).filter {
        (try? TinyModelData.architecture($0))?.itemTower == .id
    }
}

@Suite struct SequenceTowerGradientTests {
    /// Both towers put their parameters first in the dense vector: a model refuses the pair.
    @Test func aSequenceTowerAndTheConvItemTowerAreRefusedTogether() throws {
        let conv = try #require((0..<TinyModelData.architectureCount).first { !TinySequenceData.architectures.contains($0) })
        let configuration = try TinySequenceData.configuration(conv, .gru)
        #expect(throws: ModelConfigurationError.self) {
            _ = try MultiObjectiveModel(layout: TinySequenceData.layout(conversion: false), configuration: configuration, seed: 1)
        }
    }

    /// Checks every dense parameter and every entry of every table (untouched rows must have a zero
    /// gradient) against central differences of the joint loss. Where the central difference
    /// disagrees, the two one-sided differences are compared too: a ReLU whose kink lies inside the
    /// step makes them differ, and the analytic derivative must then equal one of them (the slope on
    /// the parameter's own side). Such kinks must stay rare (≤ 3 % of the checked entries).
    func checkGradients(_ configuration: ModelConfiguration, layout: FeatureLayout, table: ExampleTable,
                        losses: [ObjectiveLoss], weights: [Float], step h: Float = 1e-3) throws {
        var model = try MultiObjectiveModel(layout: layout, configuration: configuration, seed: 5)
        var jitter = SeededGenerator(seed: 17)
        for i in model.parameters.dense.indices { model.parameters.dense[i] += Float(jitter.nextGaussian() * 0.1) }
        let loss = try JointLoss(losses: losses, weights: weights)
        let evaluated = try model.lossAndGradient(on: table, loss: loss)
        let base = evaluated.loss, gradient = evaluated.gradient
        var failures: [String] = [], kinks = 0, checked = 0
        func check(_ analytic: Float, _ what: String, _ perturb: (inout ModelParameters, Float) -> Void) throws {
            var plus = model, minus = model
            perturb(&plus.parameters, h); perturb(&minus.parameters, -h)
            let lp = try plus.lossAndGradient(on: table, loss: loss).loss, lm = try minus.lossAndGradient(on: table, loss: loss).loss
            checked += 1
            func close(_ numeric: Double) -> Bool { abs(Double(analytic) - numeric) <= 5e-4 + 2e-2 * abs(numeric) }
            if close((lp - lm) / Double(2 * h)) { return }
            let forward = (lp - base) / Double(h), backward = (base - lm) / Double(h)
            let gap: Double = abs(forward - backward), scale: Double = max(abs(forward), abs(backward))
            if gap > 5e-4 + 2e-2 * scale, close(forward) || close(backward) {
                kinks += 1
                return
            }
            failures.append("\(what): analytic \(analytic), central \((lp - lm) / Double(2 * h)), one-sided \(forward) / \(backward)")
        }
        for i in 0..<model.denseParameterCount { try check(gradient.dense[i], "dense[\(i)]") { p, h in p.dense[i] += h } }
        let d = configuration.embeddingDimension
        for t in model.parameters.embeddings.indices {
            let touched = Set(gradient.touchedRows[t].map(Int.init))
            for i in model.parameters.embeddings[t].indices {
                if !touched.contains(i / d) {
                    if gradient.embeddings[t][i] != 0 { failures.append("table \(t)[\(i)] untouched but \(gradient.embeddings[t][i])") }
                    continue
                }
                try check(gradient.embeddings[t][i], "table \(t)[\(i)]") { p, h in p.embeddings[t][i] += h }
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(8))")
        #expect(kinks * 100 <= 3 * checked, "\(kinks) of \(checked) entries at a ReLU kink")
    }

    /// Every dense parameter (the tower's first) and every touched row of every table, including the
    /// three history tables, against central differences of the joint loss, for each tower inside
    /// each architecture.
    @Test(arguments: TinySequenceData.kinds, TinySequenceData.architectures)
    func towerGradientsMatchCentralDifferences(kind: UserTowerKind, architecture: Int) throws {
        let configuration = try TinySequenceData.configuration(architecture, kind)
        let conversion = TinySequenceData.isConversion(configuration)
        let layout = TinySequenceData.layout(conversion: conversion)
        let table = try TinySequenceData.table(count: 9, seed: 11, layout: layout)
        #expect((0..<9).contains { table.sequences!.window($0, length: 50).count > 3 }, "some history is longer than the window")
        #expect((0..<9).contains { table.sequences!.window($0, length: 50).isEmpty }, "some history is empty")
        try checkGradients(configuration, layout: layout, table: table,
                           losses: conversion ? [.binaryCrossEntropy, .binaryCrossEntropy] : [.binaryCrossEntropy, .meanSquaredError],
                           weights: [0.6, 0.4])
    }

    /// Per-objective gradients at the shared parameters (the tower's parameters and the history rows
    /// included) equal the central differences of each objective's loss alone.
    @Test(arguments: TinySequenceData.kinds, [0, 1, 3])
    func perObjectiveSharedGradientsIncludeTheTower(kind: UserTowerKind, architecture: Int) throws {
        let configuration = try TinySequenceData.configuration(architecture, kind)
        let layout = TinySequenceData.layout(conversion: TinySequenceData.isConversion(configuration))
        var model = try MultiObjectiveModel(layout: layout, configuration: configuration, seed: 8)
        var jitter = SeededGenerator(seed: 23)
        for i in model.parameters.dense.indices { model.parameters.dense[i] += Float(jitter.nextGaussian() * 0.1) }
        let table = try TinySequenceData.table(count: 7, seed: 3, layout: layout)
        let og = try model.objectiveGradients(on: table, target: .sharedParameters)
        let d = configuration.embeddingDimension
        let tower = try #require(model.encoder.sequence)
        #expect(model.sharedParameterCount >= tower.parameterCount)
        #expect(og.touchedRows.count == layout.userCategoricalCount + layout.itemCategoricalCount + 3)
        #expect(og.touchedRows.suffix(3).allSatisfy { !$0.isEmpty })
        var failures: [String] = []
        for k in 0..<2 {
            let single = try JointLoss(objectives: model.objectives, weights: k == 0 ? [1, 0] : [0, 1])
            func fd(_ perturb: (inout ModelParameters, Float) -> Void) throws -> Double {
                let h: Float = 1e-3
                var p = model, m = model
                perturb(&p.parameters, h); perturb(&m.parameters, -h)
                return (try p.lossAndGradient(on: table, loss: single).loss - m.lossAndGradient(on: table, loss: single).loss) / Double(2 * h)
            }
            func check(_ analytic: Float, _ numeric: Double, _ what: String) {
                if abs(Double(analytic) - numeric) > 5e-4 + 2e-2 * abs(numeric) { failures.append("\(what): \(analytic) vs \(numeric)") }
            }
            for i in 0..<model.sharedParameterCount { check(og.vectors[k, i], try fd { p, h in p.dense[i] += h }, "objective \(k) dense \(i)") }
            var at = model.sharedParameterCount
            for t in og.touchedRows.indices {
                for r in og.touchedRows[t] {
                    for j in 0..<d {
                        let index = Int(r) * d + j
                        check(og.vectors[k, at], try fd { p, h in p.embeddings[t][index] += h }, "objective \(k) table \(t) row \(r)")
                        at += 1
                    }
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(6))")
    }

    /// The weighted backward pass at the shared representation (one shared pass of Σ w_k ∇L_k) equals
    /// the joint-loss gradient with weights w on the shared part, tower included.
    @Test(arguments: TinySequenceData.kinds, [0, 1])
    func balancedRepresentationGradientReachesTheTower(kind: UserTowerKind, architecture: Int) throws {
        let configuration = try TinySequenceData.configuration(architecture, kind)
        let layout = TinySequenceData.layout(conversion: false)
        let model = try MultiObjectiveModel(layout: layout, configuration: configuration, seed: 8)
        let table = try TinySequenceData.table(count: 7, seed: 4, layout: layout)
        let w: [Double] = [0.3, 0.7]
        let engine = GradientEngine(model: model, capacity: 7, losses: model.objectives.map { ObjectiveLoss.default(for: $0.kind) })
        Array(0..<7).withUnsafeBufferPointer { engine.forward(model: model, table: table, rows: $0, margin: nil, weights: [0.5, 0.5]) }
        _ = try engine.backwardBalanced(model: model, target: .sharedRepresentation) { _ in w }
        let shared = try model.lossAndGradient(on: table, loss: JointLoss(objectives: model.objectives, weights: w.map(Float.init))).gradient
        let g = engine.gradient
        let towerParameters = model.encoder.sequenceParameterCount
        for i in 0..<model.sharedParameterCount {
            #expect(abs(g.dense[i] - shared.dense[i]) <= 1e-5 + 1e-4 * abs(shared.dense[i]), "dense \(i)")
        }
        if kind != .pooling { #expect((0..<towerParameters).contains { g.dense[$0] != 0 }) }
        for t in g.embeddings.indices.suffix(3) {
            for i in g.embeddings[t].indices {
                #expect(abs(g.embeddings[t][i] - shared.embeddings[t][i]) <= 1e-5 + 1e-4 * abs(shared.embeddings[t][i]))
            }
        }
    }

    /// A model with a sequence tower refuses data without histories, naming the tower.
    @Test func sequenceTowerNeedsHistories() throws {
        let configuration = try TinySequenceData.configuration(0, .gru)
        #expect(throws: ModelConfigurationError.self) { _ = try MultiObjectiveModel(layout: TinyModelData.layout, configuration: configuration, seed: 1) }
        let layout = TinySequenceData.layout(conversion: false)
        let model = try MultiObjectiveModel(layout: layout, configuration: configuration, seed: 1)
        var plain = layout
        plain.sequence = nil
        #expect(throws: ModelConfigurationError.self) { _ = try model.predictScores(TinyModelData.table(count: 3, seed: 1, layout: plain)) }
        #expect(throws: ModelConfigurationError.nonPositive("sequenceLength", 0)) { _ = try configuration.withUserTower(.gru, sequenceLength: 0) }
        #expect(throws: ModelConfigurationError.tooLarge("sequenceLength", 5000, maximum: 1024)) {
            _ = try configuration.withUserTower(.attention, sequenceLength: 5000)
        }
        #expect(try configuration.withUserTower(.id).userSequence == nil)
    }

    /// An id-only model is unchanged by data that carries histories: same parameters, same scores.
    @Test func idTowerIgnoresHistories() throws {
        let layout = TinySequenceData.layout(conversion: false)
        var plain = layout
        plain.sequence = nil
        let withHistory = try MultiObjectiveModel(layout: layout, configuration: TinyModelData.mmoe(), seed: 2)
        let without = try MultiObjectiveModel(layout: plain, configuration: TinyModelData.mmoe(), seed: 2)
        #expect(withHistory.parameters == without.parameters)
        let table = try TinySequenceData.table(count: 6, seed: 2, layout: layout)
        #expect(try withHistory.predictScores(table) == without.predictScores(TinyModelData.table(count: 6, seed: 2, layout: plain)))
    }
}
