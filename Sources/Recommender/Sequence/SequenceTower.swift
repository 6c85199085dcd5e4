import NumericCore

/// The behaviour-sequence part of a model's user side (internal): it embeds each example's last `L`
/// behaviours (`e = item + category + behaviour-type embedding`, in three tables of its own appended
/// after the user and item tables), summarises them into one `d`-vector with the configured layer,
/// and writes that vector into an extra embedding slot of the user input row, so every architecture
/// reads it like any other user embedding. Backward takes the input gradient at that slot.
///
/// Its dense parameters sit first in the parameter vector (`0 ..< parameterCount`), inside the
/// shared block, so per-objective gradients at the shared parameters and at the representation
/// include them. Complexity per batch: that of the layer (see each layer).
struct SequenceTower: Sendable, Equatable {
    enum Layer: Sendable, Equatable {
        case pooling(SequencePooling)
        case gru(GRUSequenceTower)
        case attention(TargetAttentionTower)
    }

    let layer: Layer
    let layout: SequenceLayout
    let dimension: Int
    let length: Int
    /// Index of the history item table among the model's embedding tables (category and behaviour follow).
    let tableBase: Int

    init(configuration: SequenceTowerConfiguration, layout: SequenceLayout, dimension d: Int, tableBase: Int) {
        switch configuration.kind {
        case .id, .pooling: layer = .pooling(SequencePooling(dimension: d))
        case .gru: layer = .gru(GRUSequenceTower(dimension: d))
        case .attention: layer = .attention(TargetAttentionTower(dimension: d, hidden: configuration.attentionHidden))
        }
        self.layout = layout
        dimension = d
        length = configuration.length
        self.tableBase = tableBase
    }

    /// Dense parameters of the layer (the first ones of the model).
    var parameterCount: Int {
        switch layer {
        case .pooling: return 0
        case .gru(let g): return g.parameterCount
        case .attention(let a): return a.parameterCount
        }
    }

    var usesCandidate: Bool { if case .attention = layer { return true } else { return false } }

    /// Cardinalities of the three tables: history item, category, behaviour type.
    var tableCardinalities: [Int] { [layout.itemCardinality, layout.categoryCardinality, layout.behaviourCardinality] }

    func initialize(_ parameters: inout [Float], generator: inout SeededGenerator) {
        switch layer {
        case .pooling: break
        case .gru(let g): g.initialize(&parameters, generator: &generator)
        case .attention(let a): a.initialize(&parameters, generator: &generator)
        }
    }

    /// Summarises the loaded histories into the user input's sequence slot.
    func forward(_ p: UnsafePointer<Float>, _ ws: ModelWorkspace, encoder: InputEncoder) {
        guard let sw = ws.sequence else { return }
        let place = encoder.sequencePlacement(capacity: ws.capacity)
        let out = ws.inputs.pointer + place.base
        switch layer {
        case .pooling(let l): l.forward(sw, out: out, ld: place.ld)
        case .gru(let l): l.forward(p, sw, out: out, ld: place.ld)
        case .attention(let l): l.forward(p, sw, out: out, ld: place.ld)
        }
    }

    /// Backward from the input gradient at the sequence slot (`inputGradient` is laid out like the
    /// workspace's inputs: the network's shared backward pass left it there) into the layer's
    /// parameters and the three tables.
    func backward(_ p: UnsafePointer<Float>, _ ws: ModelWorkspace, inputGradient: UnsafePointer<Float>,
                  gradient: UnsafeMutablePointer<Float>, tableGradients: inout [[Float]], encoder: InputEncoder) {
        guard let sw = ws.sequence else { return }
        let place = encoder.sequencePlacement(capacity: ws.capacity)
        let dOut = inputGradient + place.base
        switch layer {
        case .pooling(let l): l.backward(sw, dOut: dOut, ld: place.ld)
        case .gru(let l): l.backward(p, sw, dOut: dOut, ld: place.ld, gradient: gradient)
        case .attention(let l): l.backward(p, sw, dOut: dOut, ld: place.ld, gradient: gradient)
        }
        sw.scatter(into: &tableGradients, tableBase: tableBase, candidate: usesCandidate,
                   candidateCategory: layout.candidateCategoryField != nil)
    }
}
