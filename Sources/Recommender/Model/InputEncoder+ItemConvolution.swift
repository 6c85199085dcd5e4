import NumericCore

extension InputEncoder {
    /// Where the raw item attribute embeddings of a batch live when the item tower convolves them:
    /// the workspace's attribute buffer, `F·d` columns per example.
    var attributePlacement: InputPlacement {
        InputPlacement(base: 0, ld: itemFields * dimension, embeddingColumn: 0, denseColumn: itemFields * dimension)
    }

    /// Runs the item convolution over the loaded batch's attribute embeddings and writes its pooled
    /// channels into the item columns of the input rows (nothing without a convolution). Networks call
    /// it first in their forward pass.
    func encodeItemAttributes(_ p: UnsafePointer<Float>, _ ws: ModelWorkspace) {
        guard let conv = itemConvolution, let cw = ws.convolution else { return }
        let ip = itemPlacement(capacity: ws.capacity)
        conv.forward(p, x: ws.attributes.pointer, ldx: attributePlacement.ld, batch: ws.batch, workspace: cw,
                     out: ws.inputs.pointer + ip.base + ip.embeddingColumn, ldOut: ip.ld)
    }

    /// As `scatterEmbeddingGradients(_:workspace:batch:from:user:item:)`, but with an item convolution
    /// the item columns' input gradient first goes back through it: its kernel and bias gradients are
    /// added into `gradient`, and the attribute embeddings' gradient is scattered into the item tables.
    func scatterEmbeddingGradients(_ tableGradients: inout [[Float]], workspace ws: ModelWorkspace, batch: Int,
                                   from dInput: UnsafePointer<Float>, user: InputPlacement, item: InputPlacement,
                                   parameters p: UnsafePointer<Float>, gradient: UnsafeMutablePointer<Float>) {
        guard let conv = itemConvolution, let cw = ws.convolution, itemFields > 0 else {
            return scatterEmbeddingGradients(&tableGradients, workspace: ws, batch: batch, from: dInput, user: user, item: item)
        }
        if userFields > 0 {
            scatter(gradients: &tableGradients, firstTable: 0, fields: userFields, codes: ws.userCodes,
                    batch: batch, from: dInput, placement: user)
        }
        let attributes = attributePlacement
        conv.backward(p, workspace: cw, batch: batch, dOut: dInput + item.base + item.embeddingColumn, ldDOut: item.ld,
                      gradient: gradient, dx: ws.attributeGradients.pointer, lddx: attributes.ld)
        scatter(gradients: &tableGradients, firstTable: userFields, fields: itemFields, codes: ws.itemCodes,
                batch: batch, from: ws.attributeGradients.pointer, placement: attributes)
    }
}
