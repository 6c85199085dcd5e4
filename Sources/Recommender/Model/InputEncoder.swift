import NumericCore

/// Where a tower's input row lives in the workspace's input buffer: element `base + n·ld + column`.
struct InputPlacement: Sendable, Equatable {
    let base: Int
    let ld: Int
    let embeddingColumn: Int
    let denseColumn: Int
}

/// Turns encoded examples into network inputs: looks up one embedding row per categorical field
/// (tables ordered user fields, then item fields) and copies the dense features beside them, and
/// scatters input gradients back into the touched embedding rows (sparse gradients).
///
/// Embedding columns always come first in an input row, so the input gradient is only computed for
/// them. Complexity: O(batch · (fields · dimension + dense)).
struct InputEncoder: Sendable, Equatable {
    let userCardinalities: [Int]
    let itemCardinalities: [Int]
    let userDense: Int
    let itemDense: Int
    let dimension: Int
    /// `true` for two-tower (separate user and item inputs); `false` for MMoE (one shared row laid
    /// out as user embeddings, item embeddings, user dense, item dense).
    let separateTowers: Bool
    /// The convolution over the item's attribute embeddings, when the item tower is `.convolution`:
    /// its pooled channels then stand in the input row where the item embeddings would be.
    var itemConvolution: AttributeConvolution? = nil
    /// The behaviour-sequence tower feeding one more user embedding slot (after the user fields).
    var sequence: SequenceTower? = nil

    var userFields: Int { userCardinalities.count }
    var itemFields: Int { itemCardinalities.count }
    /// User embedding slots: the user fields, plus one for the sequence tower's output.
    var userSlots: Int { userFields + (sequence == nil ? 0 : 1) }
    /// Dense parameters of the sequence tower, which come first in the parameter vector.
    var sequenceParameterCount: Int { sequence?.parameterCount ?? 0 }
    var tableCount: Int { userFields + itemFields + (sequence == nil ? 0 : 3) }
    /// Input columns that encode the item's attributes: its embeddings, or the convolution's channels.
    var itemAttributeColumns: Int { itemConvolution?.channels ?? itemFields * dimension }
    var userInputSize: Int { userSlots * dimension + userDense }
    var itemInputSize: Int { itemAttributeColumns + itemDense }
    var sharedInputSize: Int { userInputSize + itemInputSize }
    /// Number of leading input columns fed by embeddings (user side, item side, or shared row).
    var userEmbeddingColumns: Int { separateTowers ? userSlots * dimension : userSlots * dimension + itemAttributeColumns }
    var itemEmbeddingColumns: Int { itemAttributeColumns }

    /// Elements of the input buffer for `capacity` examples.
    func inputBufferSize(capacity: Int) -> Int { capacity * sharedInputSize }

    func userPlacement(capacity: Int) -> InputPlacement {
        separateTowers
            ? InputPlacement(base: 0, ld: userInputSize, embeddingColumn: 0, denseColumn: userSlots * dimension)
            : InputPlacement(base: 0, ld: sharedInputSize, embeddingColumn: 0, denseColumn: userSlots * dimension + itemAttributeColumns)
    }

    /// Where the sequence tower writes its `d`-vector: element `base + n·ld` onwards for example `n`.
    func sequencePlacement(capacity: Int) -> (base: Int, ld: Int) {
        let up = userPlacement(capacity: capacity)
        return (up.base + up.embeddingColumn + userFields * dimension, up.ld)
    }

    func itemPlacement(capacity: Int) -> InputPlacement {
        separateTowers
            ? InputPlacement(base: capacity * userInputSize, ld: itemInputSize, embeddingColumn: 0, denseColumn: itemAttributeColumns)
            : InputPlacement(base: 0, ld: sharedInputSize, embeddingColumn: userSlots * dimension,
                             denseColumn: userSlots * dimension + itemAttributeColumns + userDense)
    }

    /// Gaussian embedding rows with standard deviation 1/√dimension.
    func initializeTables(generator: inout SeededGenerator) -> [[Float]] {
        let sd = 1 / Double(dimension).squareRoot()
        return (userCardinalities + itemCardinalities + (sequence?.tableCardinalities ?? [])).map { card in
            (0..<(card * dimension)).map { _ in Float(generator.nextGaussian() * sd) }
        }
    }

    /// Copies the embedding rows of `codes` (`batch × fields`) for tables `firstTable..<firstTable+fields`.
    func gather(tables: [[Float]], firstTable: Int, fields: Int, codes: UnsafePointer<Int32>, batch: Int,
                into input: UnsafeMutablePointer<Float>, placement: InputPlacement) {
        let d = dimension
        for f in 0..<fields {
            tables[firstTable + f].withUnsafeBufferPointer { tab in
                let src = tab.baseAddress!
                for n in 0..<batch {
                    let c = Int(codes[n * fields + f])
                    (input + placement.base + n * placement.ld + placement.embeddingColumn + f * d)
                        .update(from: src + c * d, count: d)
                }
            }
        }
    }

    /// Adds the input gradient of each looked-up row into that row of the gradient tables.
    func scatter(gradients: inout [[Float]], firstTable: Int, fields: Int, codes: UnsafePointer<Int32>, batch: Int,
                 from dInput: UnsafePointer<Float>, placement: InputPlacement) {
        let d = dimension
        for f in 0..<fields {
            gradients[firstTable + f].withUnsafeMutableBufferPointer { tab in
                let dst = tab.baseAddress!
                for n in 0..<batch {
                    let c = Int(codes[n * fields + f])
                    let row = dInput + placement.base + n * placement.ld + placement.embeddingColumn + f * d
                    VectorKernels.axpy(1, row, dst + c * d, d)
                }
            }
        }
    }

    /// Scatters the input gradient of a batch into both towers' embedding tables (user tables first,
    /// then item tables), as both architectures finish their backward pass.
    func scatterEmbeddingGradients(_ tableGradients: inout [[Float]], workspace ws: ModelWorkspace, batch: Int,
                                   from dInput: UnsafePointer<Float>, user: InputPlacement, item: InputPlacement) {
        if userFields > 0 {
            scatter(gradients: &tableGradients, firstTable: 0, fields: userFields, codes: ws.userCodes,
                    batch: batch, from: dInput, placement: user)
        }
        if itemFields > 0 {
            scatter(gradients: &tableGradients, firstTable: userFields, fields: itemFields, codes: ws.itemCodes,
                    batch: batch, from: dInput, placement: item)
        }
    }
}
