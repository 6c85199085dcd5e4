import Foundation
import Testing
import NumericCore
@testable import Recommender

/// The GRU and DIN-attention towers' outputs against PyTorch's on the same weights and histories
/// (`Fixtures/sequence_towers.json`, made by `Experiments/reference/make_sequence_tower_fixtures.py`).
@Suite struct SequenceTowerReferenceTests {
    struct Fixture: Decodable {
        struct GRU: Decodable { let weight_ih: [[Float]], weight_hh: [[Float]], bias_ih: [Float], bias_hh: [Float], outputs: [[Float]] }
        struct Attention: Decodable { let w1: [[Float]], b1: [Float], w2: [[Float]], b2: [Float], outputs: [[Float]] }
        let dimension: Int, length: Int, table: [[Float]], histories: [[Int]], candidates: [Int], gru: GRU, attention: Attention
    }

    /// The tower outputs (`examples × d`) of `kind` with the fixture's weights and histories.
    func outputs(_ kind: UserTowerKind, _ f: Fixture) throws -> [[Float]] {
        let d = f.dimension, n = f.histories.count
        var layout = FeatureLayout(userCategoricalNames: ["user"], userCategoricalCardinalities: [n], userDenseNames: [],
                                   itemCategoricalNames: ["item"], itemCategoricalCardinalities: [f.table.count], itemDenseNames: [],
                                   objectives: [ObjectiveSpec(name: "click", kind: .binary), ObjectiveSpec(name: "purchase", kind: .binary)])
        let seqLayout = SequenceLayout(itemCardinality: f.table.count, categoryCardinality: 1, behaviourCardinality: 2,
                                       candidateItemField: 0, candidateCategoryField: nil)
        layout.sequence = seqLayout
        var log = BehaviourLog()
        for (u, h) in f.histories.enumerated() {
            for (t, item) in h.enumerated() { log.append(user: Int64(u), item: Int64(item), category: 0, behaviour: 1, time: Int64(t)) }
        }
        var plain = layout
        plain.sequence = nil
        var base = ExampleTable(layout: plain)
        for u in 0..<n {
            base.append(userCategorical: [Int32(u)], userDense: [], itemCategorical: [Int32(f.candidates[u])], itemDense: [],
                        labels: [0, 0], userKey: Int64(u), itemKey: Int64(f.candidates[u]))
        }
        let sequences = try BehaviourSequenceBuilder.build(history: log, layout: seqLayout, encodeItem: { Int32($0) }, encodeCategory: { _ in 0 },
                                                           exampleUsers: base.userKeys, exampleTimes: [Int64](repeating: 100, count: n))
        let table = try base.withSequences(sequences)
        let configuration = try ModelConfiguration.twoTower(userWidths: [4], itemWidths: [4], embeddingDimension: d)
            .withUserTower(kind, sequenceLength: f.length, attentionHidden: 4)
        var model = try MultiObjectiveModel(layout: layout, configuration: configuration, seed: 1)
        let tower = try #require(model.encoder.sequence)
        switch tower.layer {
        case .gru(let g):
            for i in 0..<d {
                for j in 0..<(3 * d) {
                    model.parameters.dense[g.inputWeight + i * 3 * d + j] = f.gru.weight_ih[j][i]
                    model.parameters.dense[g.recurrentWeight + i * 3 * d + j] = f.gru.weight_hh[j][i]
                }
            }
            for j in 0..<(3 * d) {
                model.parameters.dense[g.inputBias + j] = f.gru.bias_ih[j]
                model.parameters.dense[g.recurrentBias + j] = f.gru.bias_hh[j]
            }
        case .attention(let a):
            for i in 0..<(4 * d) { for j in 0..<a.hidden { model.parameters.dense[a.firstWeight + i * a.hidden + j] = f.attention.w1[j][i] } }
            for j in 0..<a.hidden {
                model.parameters.dense[a.firstBias + j] = f.attention.b1[j]
                model.parameters.dense[a.secondWeight + j] = f.attention.w2[0][j]
            }
            model.parameters.dense[a.secondBias] = f.attention.b2[0]
        case .pooling: break
        }
        model.parameters.embeddings[tower.tableBase] = f.table.flatMap { $0 }
        model.parameters.embeddings[tower.tableBase + 1] = [Float](repeating: 0, count: d)
        model.parameters.embeddings[tower.tableBase + 2] = [Float](repeating: 0, count: 2 * d)
        let ws = ModelWorkspace(model: model, capacity: n)
        Array(0..<n).withUnsafeBufferPointer { ws.load(table, rows: $0, margin: nil, model: model) }
        model.parameters.dense.withUnsafeBufferPointer { model.network.forward($0.baseAddress!, ws, encoder: model.encoder) }
        let place = model.encoder.sequencePlacement(capacity: n)
        return (0..<n).map { e in (0..<d).map { ws.inputs.pointer[place.base + e * place.ld + $0] } }
    }

    private func fixtureData() throws -> Fixture {
        try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: URL(fileURLWithPath: try fixture("sequence_towers.json"))))
    }

    @Test func gruMatchesPyTorch() throws {
        let f = try fixtureData()
        let got = try outputs(.gru, f)
        for (g, e) in zip(got, f.gru.outputs) { for (a, b) in zip(g, e) { #expect(abs(a - b) <= 1e-5, "\(g) vs \(e)") } }
    }

    @Test func dinAttentionMatchesPyTorch() throws {
        let f = try fixtureData()
        let got = try outputs(.attention, f)
        for (g, e) in zip(got, f.attention.outputs) { for (a, b) in zip(g, e) { #expect(abs(a - b) <= 1e-5, "\(g) vs \(e)") } }
    }

    /// Mean pooling by hand: the mean of the last 4 table rows of each history (0 when empty).
    @Test func poolingIsTheMaskedMean() throws {
        let f = try fixtureData()
        let got = try outputs(.pooling, f)
        for (g, h) in zip(got, f.histories) {
            let w = h.suffix(4)
            for j in 0..<f.dimension {
                let expected = w.isEmpty ? 0 : w.map { f.table[$0][j] }.reduce(0, +) / Float(w.count)
                #expect(abs(g[j] - expected) <= 1e-6)
            }
        }
    }
}
