/// Masked mean pooling of behaviour embeddings, the baseline sequence tower: `u = (1/|S|) Σ_{t∈S} e_t`
/// over the real (unpadded) behaviours `S`, and `u = 0` for an empty history. No parameters.
///
/// As in YouTube's candidate generator (Covington, Adams & Sargin, "Deep Neural Networks for YouTube
/// Recommendations", RecSys 2016, doi:10.1145/2959100.2959190), which averages watched-video embeddings.
/// - Complexity: O(P·d) forward and backward for `P` packed behaviours.
struct SequencePooling: Sendable, Equatable {
    let dimension: Int

    func forward(_ sw: SequenceWorkspace, out: UnsafeMutablePointer<Float>, ld: Int) {
        let d = dimension, e = UnsafePointer(sw.embeddings.pointer)
        for n in 0..<sw.batch {
            let u = out + n * ld, len = sw.lengths[n]
            u.update(repeating: 0, count: d)
            guard len > 0 else { continue }
            let inv = 1 / Float(len), start = sw.rowStart[n]
            for t in 0..<len { VectorKernels.axpy(inv, e + (start + t) * d, u, d) }
        }
    }

    func backward(_ sw: SequenceWorkspace, dOut: UnsafePointer<Float>, ld: Int) {
        let d = dimension, de = sw.embeddingGradients.pointer
        for n in 0..<sw.batch {
            let len = sw.lengths[n]
            guard len > 0 else { continue }
            let inv = 1 / Float(len), start = sw.rowStart[n]
            for t in 0..<len { VectorKernels.scale(inv, dOut + n * ld, de + (start + t) * d, d) }
        }
    }
}
