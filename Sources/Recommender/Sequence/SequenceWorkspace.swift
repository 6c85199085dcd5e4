import NumericCore

/// A batch's behaviour histories, packed (internal): example `n`'s last `L` behaviours occupy rows
/// `rowStart[n] ..< rowStart[n] + lengths[n]` (oldest first) of the code arrays and of the
/// behaviour-embedding matrix `E` (`P × d`, `P = Σ lengths`), so no work is spent on padding; the
/// padding mask is implicit in `lengths`. Also holds the candidate item's codes and embedding `q`
/// (target attention) and the gradients `dE`, `dq`. Allocated once per workspace.
final class SequenceWorkspace {
    let capacity: Int
    let length: Int
    let dimension: Int
    private(set) var batch = 0
    /// Packed rows in use.
    private(set) var packed = 0
    private(set) var rowStart: [Int]
    private(set) var lengths: [Int]
    let items: UnsafeMutablePointer<Int32>
    let categories: UnsafeMutablePointer<Int32>
    let behaviours: UnsafeMutablePointer<Int32>
    let candidateItems: UnsafeMutablePointer<Int32>
    let candidateCategories: UnsafeMutablePointer<Int32>
    /// Behaviour embeddings `E` (`P × d`) and their gradient.
    let embeddings: FloatBuffer
    let embeddingGradients: FloatBuffer
    /// Candidate embeddings `q` (`batch × d`) and their gradient (target attention).
    let query: FloatBuffer
    let queryGradients: FloatBuffer
    /// Layer scratch (GRU or attention), created by the layer on first use.
    var gru: GRUWorkspace?
    var attention: AttentionWorkspace?

    init(tower: SequenceTower, capacity: Int) {
        self.capacity = capacity
        length = tower.length
        dimension = tower.dimension
        let rows = max(capacity * tower.length, 1), d = tower.dimension
        rowStart = [Int](repeating: 0, count: capacity)
        lengths = [Int](repeating: 0, count: capacity)
        items = .allocate(capacity: rows); items.initialize(repeating: 0, count: rows)
        categories = .allocate(capacity: rows); categories.initialize(repeating: 0, count: rows)
        behaviours = .allocate(capacity: rows); behaviours.initialize(repeating: 0, count: rows)
        candidateItems = .allocate(capacity: max(capacity, 1)); candidateItems.initialize(repeating: 0, count: max(capacity, 1))
        candidateCategories = .allocate(capacity: max(capacity, 1)); candidateCategories.initialize(repeating: 0, count: max(capacity, 1))
        embeddings = FloatBuffer(rows * d)
        embeddingGradients = FloatBuffer(rows * d)
        query = FloatBuffer(tower.usesCandidate ? capacity * d : 0)
        queryGradients = FloatBuffer(tower.usesCandidate ? capacity * d : 0)
        switch tower.layer {
        case .pooling: break
        case .gru: gru = GRUWorkspace(capacity: capacity, length: tower.length, dimension: d)
        case .attention(let a): attention = AttentionWorkspace(capacity: capacity, length: tower.length, dimension: d, hidden: a.hidden)
        }
    }

    deinit {
        items.deallocate(); categories.deallocate(); behaviours.deallocate()
        candidateItems.deallocate(); candidateCategories.deallocate()
    }

    /// Packs the histories of `rows` (none when `sequences` is nil), copies the candidates' codes from
    /// the item fields (`itemCodes`, `itemFields` wide) and looks up `E` (and `q`) in `tables`.
    func load(_ sequences: BehaviourSequences?, rows: UnsafeBufferPointer<Int>, tower: SequenceTower,
              itemCodes: UnsafePointer<Int32>, itemFields: Int, tables: [[Float]]) {
        batch = rows.count
        let lay = tower.layout
        func clamp(_ c: Int32, _ cardinality: Int) -> Int32 { c >= 0 && Int(c) < cardinality ? c : 0 }
        var at = 0
        for (n, r) in rows.enumerated() {
            rowStart[n] = at
            guard let s = sequences, r < s.exampleCount else { lengths[n] = 0; continue }
            let w = s.window(r, length: length)
            lengths[n] = w.count
            for i in w {
                items[at] = clamp(s.items[i], lay.itemCardinality)
                categories[at] = clamp(s.categories[i], lay.categoryCardinality)
                behaviours[at] = clamp(s.behaviours[i], lay.behaviourCardinality)
                at += 1
            }
        }
        packed = at
        let d = dimension, base = tower.tableBase
        let e = embeddings.pointer
        tables[base].withUnsafeBufferPointer { ti in
            tables[base + 1].withUnsafeBufferPointer { tc in
                tables[base + 2].withUnsafeBufferPointer { tb in
                    let pi = ti.baseAddress!, pc = tc.baseAddress!, pb = tb.baseAddress!
                    for r in 0..<at {
                        let row = e + r * d
                        VectorKernels.scale(1, pi + Int(items[r]) * d, row, d)
                        VectorKernels.axpy(1, pc + Int(categories[r]) * d, row, d)
                        VectorKernels.axpy(1, pb + Int(behaviours[r]) * d, row, d)
                    }
                    guard tower.usesCandidate else { return }
                    for n in 0..<batch {
                        let ci = clamp(itemCodes[n * itemFields + lay.candidateItemField], lay.itemCardinality)
                        let cc = lay.candidateCategoryField.map { clamp(itemCodes[n * itemFields + $0], lay.categoryCardinality) } ?? 0
                        candidateItems[n] = ci; candidateCategories[n] = cc
                        let q = query.pointer + n * d
                        VectorKernels.scale(1, pi + Int(ci) * d, q, d)
                        if lay.candidateCategoryField != nil { VectorKernels.axpy(1, pc + Int(cc) * d, q, d) }
                    }
                }
            }
        }
    }

    /// Adds `dE` (and `dq`) into the rows of the three tables they were looked up from.
    func scatter(into tableGradients: inout [[Float]], tableBase base: Int, candidate: Bool, candidateCategory: Bool) {
        let d = dimension, de = UnsafePointer(embeddingGradients.pointer), n = packed
        tableGradients[base].withUnsafeMutableBufferPointer { g in
            let p = g.baseAddress!
            for r in 0..<n { VectorKernels.axpy(1, de + r * d, p + Int(items[r]) * d, d) }
            if candidate { for b in 0..<batch { VectorKernels.axpy(1, queryGradients.pointer + b * d, p + Int(candidateItems[b]) * d, d) } }
        }
        tableGradients[base + 1].withUnsafeMutableBufferPointer { g in
            let p = g.baseAddress!
            for r in 0..<n { VectorKernels.axpy(1, de + r * d, p + Int(categories[r]) * d, d) }
            if candidate && candidateCategory {
                for b in 0..<batch { VectorKernels.axpy(1, queryGradients.pointer + b * d, p + Int(candidateCategories[b]) * d, d) }
            }
        }
        tableGradients[base + 2].withUnsafeMutableBufferPointer { g in
            let p = g.baseAddress!
            for r in 0..<n { VectorKernels.axpy(1, de + r * d, p + Int(behaviours[r]) * d, d) }
        }
    }

    /// The codes looked up in table `k` (0 item, 1 category, 2 behaviour), for the touched-row lists.
    func forEachCode(table k: Int, candidate: Bool, hasCandidateCategory: Bool, _ body: (Int32) -> Void) {
        let codes = k == 0 ? items : k == 1 ? categories : behaviours
        for r in 0..<packed { body(codes[r]) }
        guard candidate else { return }
        if k == 0 { for b in 0..<batch { body(candidateItems[b]) } }
        if k == 1, hasCandidateCategory { for b in 0..<batch { body(candidateCategories[b]) } }
    }
}
