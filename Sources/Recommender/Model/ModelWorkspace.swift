import NumericCore

/// Preallocated scratch memory for one model and a maximum batch size: encoded inputs, labels,
/// margins, scores, their gradients and every layer's activations and deltas.
///
/// Loading a batch copies the selected rows of an `ExampleTable` into it; nothing is allocated per
/// batch or per sample afterwards. A workspace belongs to one thread at a time.
final class ModelWorkspace {
    let capacity: Int
    let objectiveCount: Int
    private(set) var batch = 0
    let userCodes: UnsafeMutablePointer<Int32>
    let itemCodes: UnsafeMutablePointer<Int32>
    let inputs: FloatBuffer
    let inputGradients: FloatBuffer
    let labels: FloatBuffer
    let margins: FloatBuffer
    private(set) var hasMargins = false
    /// Raw scores (`batch × K`) after `forward`, margins not included.
    let scores: FloatBuffer
    /// Loss gradient w.r.t. the scores (`batch × K`).
    let scoreGradients: FloatBuffer
    /// Distinct embedding rows used by the batch, per table.
    private(set) var touched: [[Int32]]
    private var stamps: [[UInt32]]
    private var epoch: UInt32 = 0
    let network: NetworkWorkspace
    /// The packed behaviour histories of the batch (models with a sequence user tower).
    let sequence: SequenceWorkspace?
    private let sequenceTower: SequenceTower?
    private let userFields: Int, itemFields: Int
    /// Item attribute embeddings (`batch × F·d`) and their gradient, when the item tower convolves them.
    let attributes: FloatBuffer
    let attributeGradients: FloatBuffer
    /// Scratch of the item attribute convolution, if any.
    let convolution: AttributeConvolutionWorkspace?

    init(model: MultiObjectiveModel, capacity: Int) {
        let enc = model.encoder
        self.capacity = capacity
        objectiveCount = model.objectives.count
        userFields = enc.userFields
        itemFields = enc.itemFields
        userCodes = .allocate(capacity: max(capacity * enc.userFields, 1))
        itemCodes = .allocate(capacity: max(capacity * enc.itemFields, 1))
        userCodes.initialize(repeating: 0, count: max(capacity * enc.userFields, 1))
        itemCodes.initialize(repeating: 0, count: max(capacity * enc.itemFields, 1))
        inputs = FloatBuffer(enc.inputBufferSize(capacity: capacity))
        inputGradients = FloatBuffer(enc.inputBufferSize(capacity: capacity))
        labels = FloatBuffer(capacity * objectiveCount)
        margins = FloatBuffer(capacity * objectiveCount)
        scores = FloatBuffer(capacity * objectiveCount)
        scoreGradients = FloatBuffer(capacity * objectiveCount)
        touched = Array(repeating: [], count: enc.tableCount)
        stamps = (enc.userCardinalities + enc.itemCardinalities + (enc.sequence?.tableCardinalities ?? [])).map {
            [UInt32](repeating: 0, count: $0)
        }
        network = model.network.makeWorkspace(capacity: capacity)
        let attributeSize = enc.itemConvolution == nil ? 0 : capacity * enc.itemFields * enc.dimension
        attributes = FloatBuffer(attributeSize)
        attributeGradients = FloatBuffer(attributeSize)
        convolution = enc.itemConvolution.map { AttributeConvolutionWorkspace($0, capacity: capacity) }
        sequenceTower = enc.sequence
        sequence = enc.sequence.map { SequenceWorkspace(tower: $0, capacity: capacity) }
    }

    deinit {
        userCodes.deallocate()
        itemCodes.deallocate()
    }

    /// Copies rows `rows` of `table` (and of `margin`, `count × K`, when given) into the workspace and
    /// looks up their embeddings. Codes outside a field's vocabulary are mapped to the OOV row 0.
    func load(_ table: ExampleTable, rows: UnsafeBufferPointer<Int>, margin: Matrix<Float>?, model: MultiObjectiveModel) {
        precondition(rows.count <= capacity, "batch larger than the workspace")
        batch = rows.count
        let enc = model.encoder, k = objectiveCount
        let up = enc.userPlacement(capacity: capacity), ip = enc.itemPlacement(capacity: capacity)
        let input = inputs.pointer
        table.userCategorical.withUnsafeBufferPointer { src in
            copyCodes(src, fields: userFields, cardinalities: enc.userCardinalities, rows: rows, into: userCodes)
        }
        table.itemCategorical.withUnsafeBufferPointer { src in
            copyCodes(src, fields: itemFields, cardinalities: enc.itemCardinalities, rows: rows, into: itemCodes)
        }
        table.userDense.withUnsafeBufferPointer { src in
            copyRows(src, width: enc.userDense, rows: rows, into: input + up.base + up.denseColumn, ld: up.ld)
        }
        table.itemDense.withUnsafeBufferPointer { src in
            copyRows(src, width: enc.itemDense, rows: rows, into: input + ip.base + ip.denseColumn, ld: ip.ld)
        }
        table.labels.withUnsafeBufferPointer { src in copyRows(src, width: k, rows: rows, into: labels.pointer, ld: k) }
        if let margin {
            hasMargins = true
            margin.withUnsafeBufferPointer { src in copyRows(src, width: k, rows: rows, into: margins.pointer, ld: k) }
        } else {
            hasMargins = false
        }
        enc.gather(tables: model.parameters.embeddings, firstTable: 0, fields: userFields, codes: userCodes,
                   batch: batch, into: input, placement: up)
        if enc.itemConvolution == nil {
            enc.gather(tables: model.parameters.embeddings, firstTable: userFields, fields: itemFields, codes: itemCodes,
                       batch: batch, into: input, placement: ip)
        } else {  // convolved into the input rows by the network's forward pass
            enc.gather(tables: model.parameters.embeddings, firstTable: userFields, fields: itemFields, codes: itemCodes,
                       batch: batch, into: attributes.pointer, placement: enc.attributePlacement)
        }
        if let sequence, let tower = sequenceTower {
            sequence.load(table.sequences, rows: rows, tower: tower, itemCodes: itemCodes, itemFields: itemFields,
                          tables: model.parameters.embeddings)
        }
        collectTouchedRows()
    }

    private func copyCodes(_ src: UnsafeBufferPointer<Int32>, fields: Int, cardinalities: [Int],
                           rows: UnsafeBufferPointer<Int>, into dst: UnsafeMutablePointer<Int32>) {
        guard fields > 0 else { return }
        for (n, r) in rows.enumerated() {
            for f in 0..<fields {
                let c = src[r * fields + f]
                dst[n * fields + f] = (c >= 0 && Int(c) < cardinalities[f]) ? c : 0
            }
        }
    }

    private func copyRows(_ src: UnsafeBufferPointer<Float>, width: Int, rows: UnsafeBufferPointer<Int>,
                          into dst: UnsafeMutablePointer<Float>, ld: Int) {
        guard width > 0, let base = src.baseAddress else { return }
        for (n, r) in rows.enumerated() { (dst + n * ld).update(from: base + r * width, count: width) }
    }

    private func collectTouchedRows() {
        epoch &+= 1
        if epoch == 0 {  // wrapped: reset stamps
            for t in stamps.indices { for i in stamps[t].indices { stamps[t][i] = 0 } }
            epoch = 1
        }
        let e = epoch
        for t in touched.indices {
            touched[t].removeAll(keepingCapacity: true)
            if t >= userFields + itemFields, let sequence, let tower = sequenceTower {
                stamps[t].withUnsafeMutableBufferPointer { st in
                    sequence.forEachCode(table: t - userFields - itemFields, candidate: tower.usesCandidate,
                                         hasCandidateCategory: tower.layout.candidateCategoryField != nil) { c in
                        if st[Int(c)] != e { st[Int(c)] = e; touched[t].append(c) }
                    }
                }
                continue
            }
            let (codes, fields, f) = t < userFields ? (userCodes, userFields, t) : (itemCodes, itemFields, t - userFields)
            stamps[t].withUnsafeMutableBufferPointer { st in
                for n in 0..<batch {
                    let c = codes[n * fields + f]
                    if st[Int(c)] != e { st[Int(c)] = e; touched[t].append(c) }
                }
            }
        }
    }
}
