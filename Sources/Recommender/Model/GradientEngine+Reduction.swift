import NumericCore

/// Data-parallel steps: this process holds one shard of the global batch; gradients and losses are
/// summed over the shards through a ``GradientReducer`` before the weighting, so every shard applies
/// the same full-batch update. Embedding gradients travel as (row id, row) pairs of the touched rows
/// only; the union of every shard's touched rows, in ascending order, becomes the step's touched set.
extension GradientEngine {
    /// Forgets the loaded batch for a shard without rows: no touched rows, zero losses.
    func loadEmptyShard() {
        touchedRows = Array(repeating: [], count: tableGradients.count)
        for o in batchLosses.indices { batchLosses[o] = 0 }
    }

    /// Sums the losses (already divided by the global batch) over the shards.
    func reduceLosses(_ reducer: any GradientReducer) throws {
        batchLosses = try reducer.sumInShardOrder(batchLosses)
    }

    /// Sums the weighted-sum gradient (dense and touched embedding rows) over the shards.
    /// - Complexity: one all-gather of the dense gradient, two per embedding table.
    func reduceWeightedSumGradient(_ reducer: any GradientReducer, model: MultiObjectiveModel) throws {
        denseGradient = try reducer.sumInShardOrder(denseGradient)
        let d = model.configuration.embeddingDimension
        for t in tableGradients.indices {
            let local = touchedRows[t]
            var values = [Float](repeating: 0, count: local.count * d)
            tableGradients[t].withUnsafeMutableBufferPointer { g in
                for (j, r) in local.enumerated() {
                    let src = g.baseAddress! + Int(r) * d
                    for c in 0..<d { values[j * d + c] = src[c] }
                    src.update(repeating: 0, count: d)
                }
            }
            let ids = try reducer.allGather(local), rows = try reducer.allGather(values)
            touchedRows[t] = Self.union(ids)
            tableGradients[t].withUnsafeMutableBufferPointer { g in
                for (shardIds, shardRows) in zip(ids, rows) {
                    for (j, r) in shardIds.enumerated() {
                        let dst = g.baseAddress! + Int(r) * d
                        for c in 0..<d { dst[c] += shardRows[j * d + c] }
                    }
                }
            }
        }
    }

    /// The balanced step of `backwardBalanced(target: .sharedParameters)` on a shard: per-objective
    /// gradients summed over the shards, the weighting applied to their full-batch Gram matrix, heads
    /// summed over the shards. `empty` marks a shard without rows. Returns the weights.
    /// - Throws: `TrainingError.invalidWeights`, the weighting's or the reducer's errors.
    func backwardBalancedSharded(model: MultiObjectiveModel, weighting: ObjectiveWeighting,
                                 reducer: any GradientReducer, empty: Bool, step: Int = 0, epoch: Int = 1,
                                 includeVectors: Bool = false) throws -> [Double] {
        clearGradient(model: model)
        let k = objectiveCount, shared = model.sharedParameterCount, d = model.configuration.embeddingDimension
        let tables = tableGradients.count
        var localShared = [Float](repeating: 0, count: k * shared)
        var localRows = [[Float]](repeating: [], count: tables)
        if !empty {
            let width = objectiveWidth(model: model, target: .sharedParameters)
            let vectors = perObjectiveGradients(model: model, target: .sharedParameters)
            for o in 0..<k { for c in 0..<shared { localShared[o * shared + c] = vectors[o * width + c] } }
            var at = shared
            for t in 0..<tables {
                let n = touchedRows[t].count * d
                var part = [Float](repeating: 0, count: k * n)
                for o in 0..<k { for c in 0..<n { part[o * n + c] = vectors[o * width + at + c] } }
                localRows[t] = part
                at += n
            }
        }
        let sharedSum = try reducer.sumInShardOrder(localShared)
        // Embedding parts: each shard's rows, accumulated in shard order at their place in the union.
        var unions: [[Int32]] = [], unionRows: [[Float]] = []
        for t in 0..<tables {
            let ids = try reducer.allGather(touchedRows[t]), rows = try reducer.allGather(localRows[t])
            let union = Self.union(ids)
            var position: [Int32: Int] = [:]
            for (i, r) in union.enumerated() { position[r] = i }
            let n = union.count * d
            var sum = [Float](repeating: 0, count: k * n)
            for (shardIds, shardRows) in zip(ids, rows) {
                let m = shardIds.count * d
                for (j, r) in shardIds.enumerated() {
                    let at = position[r]! * d
                    for o in 0..<k { for c in 0..<d { sum[o * n + at + c] += shardRows[o * m + j * d + c] } }
                }
            }
            unions.append(union)
            unionRows.append(sum)
        }
        touchedRows = unions
        let width = shared + unions.reduce(0) { $0 + $1.count * d }
        var full = [Float](repeating: 0, count: k * width)
        for o in 0..<k {
            for c in 0..<shared { full[o * width + c] = sharedSum[o * shared + c] }
            var at = shared
            for t in 0..<tables {
                let n = unions[t].count * d
                for c in 0..<n { full[o * width + at + c] = unionRows[t][o * n + c] }
                at += n
            }
        }
        let vectors = includeVectors ? try Matrix<Float>(rows: k, columns: width, storage: full) : nil
        let summary = full.withUnsafeBufferPointer { f in
            ObjectiveGradientSummary(target: .sharedParameters, gram: gram(f.baseAddress!, width: width), losses: batchLosses,
                                     step: step, epoch: epoch, gradients: vectors)
        }
        let weights = try weighting(summary)
        guard weights.count == k, weights.allSatisfy(\.isFinite) else { throw TrainingError.invalidWeights(weights) }
        let w = weights.map { Float($0) }
        if !empty {
            model.parameters.dense.withUnsafeBufferPointer { pb in
                denseGradient.withUnsafeMutableBufferPointer { gb in
                    model.network.headBackward(pb.baseAddress!, workspace, dS: weightedScoreGradients.pointer, only: nil,
                                               gradient: gb.baseAddress!, representation: nil)
                }
            }
        }
        let heads = try reducer.sumInShardOrder(Array(denseGradient[shared...]))
        for (i, v) in heads.enumerated() { denseGradient[shared + i] = v }
        full.withUnsafeBufferPointer { f in
            denseGradient.withUnsafeMutableBufferPointer { gb in
                let g = gb.baseAddress!, vectors = f.baseAddress!
                for o in 0..<k { Float.axpy(n: shared, alpha: w[o], x: vectors + o * width, incx: 1, y: g, incy: 1) }
                var at = shared
                for t in 0..<tables {
                    tableGradients[t].withUnsafeMutableBufferPointer { eb in
                        for r in unions[t] {
                            let dst = eb.baseAddress! + Int(r) * d
                            for o in 0..<k { Float.axpy(n: d, alpha: w[o], x: vectors + o * width + at, incx: 1, y: dst, incy: 1) }
                            at += d
                        }
                    }
                }
            }
        }
        return weights
    }

    /// The distinct row ids of every shard, ascending.
    static func union(_ ids: [[Int32]]) -> [Int32] {
        Array(Set(ids.joined())).sorted()
    }
}
