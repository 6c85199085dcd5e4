import NumericCore

/// How the item attribute convolution reduces its positions to one vector.
public enum AttributePooling: String, Sendable, Equatable, Codable, CaseIterable {
    /// The maximum over positions of each channel (the gradient goes to the arg-max position).
    case max
    /// The mean over positions of each channel.
    case mean
}

/// A 1-D convolution over an item's attribute sequence — the embeddings of the item's categorical
/// fields in layout order (e.g. item id then category) — with ReLU and max- or mean-pooling over
/// positions, giving `channels` features that replace the attribute embeddings as the item input.
///
/// Text-CNN-style convolution over a sequence of embeddings (Kim, "Convolutional Neural Networks for
/// Sentence Classification", EMNLP 2014, doi:10.3115/v1/D14-1181), applied to item attributes as in
/// convolutional item towers of content-based recommenders. With `F` positions of dimension `d`,
/// kernel width `w` and "same" zero padding (`⌊(w−1)/2⌋` before, the rest after), position `p` sees
/// attributes `p − ⌊(w−1)/2⌋ … p − ⌊(w−1)/2⌋ + w − 1`. Computed as im2col then one `sgemm`:
/// `U` (`B·F × w·d`) holds each position's window, `Y = ReLU(U·K + b)` (`K`: `w·d × C`), and the output
/// is `pool_p Y[n, p, :]`. Backward: `dK = Uᵀ·dY`, `db = Σ dY`, `dU = dY·Kᵀ`, then col2im adds each
/// window's gradient back onto its positions.
/// Parameter layout at `weight`: `K` row-major (`w·d × C`), then the bias (`C`).
/// Complexity per batch of `B`: O(B·F·w·d·C).
struct AttributeConvolution: Sendable, Equatable {
    /// Attribute positions `F` (the item's categorical fields).
    let length: Int
    /// Embedding dimension `d` of each position.
    let dimension: Int
    /// Kernel width `w`.
    let width: Int
    /// Output channels `C`.
    let channels: Int
    let pooling: AttributePooling
    /// Offset of `K` in the dense parameters; the bias follows it.
    let weight: Int

    init(length: Int, dimension: Int, width: Int, channels: Int, pooling: AttributePooling, offset: inout Int) {
        self.length = length
        self.dimension = dimension
        self.width = width
        self.channels = channels
        self.pooling = pooling
        weight = offset
        offset += width * dimension * channels + channels
    }

    var bias: Int { weight + windowSize * channels }
    /// Columns of one window, `w·d`.
    var windowSize: Int { width * dimension }
    /// Input columns per example, `F·d`.
    var inputSize: Int { length * dimension }
    var parameterCount: Int { windowSize * channels + channels }
    var padBefore: Int { (width - 1) / 2 }

    /// He-normal kernel (fan-in `w·d`), zero bias.
    func initialize(_ parameters: inout [Float], generator: inout SeededGenerator) {
        let sd = (2 / Double(windowSize)).squareRoot()
        for i in 0..<(windowSize * channels) { parameters[weight + i] = Float(generator.nextGaussian() * sd) }
        for c in 0..<channels { parameters[bias + c] = 0 }
    }

    /// Pooled features of `batch` attribute sequences: row `n` of `x` (stride `ldx`) holds `F·d`
    /// values; writes `C` values per example at `out + n·ldOut`.
    func forward(_ p: UnsafePointer<Float>, x: UnsafePointer<Float>, ldx: Int, batch: Int,
                 workspace ws: AttributeConvolutionWorkspace, out: UnsafeMutablePointer<Float>, ldOut: Int) {
        let f = length, d = dimension, wd = windowSize, c = channels, u = ws.columns.pointer, y = ws.activations.pointer
        for n in 0..<batch {
            for position in 0..<f {
                let row = u + (n * f + position) * wd
                for j in 0..<width {
                    let q = position - padBefore + j
                    if q >= 0 && q < f { (row + j * d).update(from: x + n * ldx + q * d, count: d) }
                    else { (row + j * d).update(repeating: 0, count: d) }
                }
            }
        }
        Kernels.linearForward(x: u, ldx: wd, weight: p + weight, bias: p + bias, y: y, batch: batch * f,
                              inSize: wd, outSize: c, relu: true)
        let arg = ws.argmax
        for n in 0..<batch {
            let o = out + n * ldOut, block = y + n * f * c
            switch pooling {
            case .mean:
                let scale = 1 / Float(f)
                for k in 0..<c { o[k] = 0 }
                for position in 0..<f { VectorKernels.axpy(scale, block + position * c, o, c) }
            case .max:
                for k in 0..<c {
                    var best = block[k], at: Int32 = 0
                    for position in 1..<max(f, 1) where block[position * c + k] > best {
                        best = block[position * c + k]; at = Int32(position)
                    }
                    o[k] = best
                    arg[n * c + k] = at
                }
            }
        }
    }

    /// Backward from `dOut` (`C` per example at stride `ldDOut`) for the batch of the last `forward`:
    /// adds the kernel and bias gradients into `gradient` when given, and writes the gradient w.r.t. the
    /// `F·d` input columns of each example into `dx` (stride `lddx`).
    func backward(_ p: UnsafePointer<Float>, workspace ws: AttributeConvolutionWorkspace, batch: Int,
                  dOut: UnsafePointer<Float>, ldDOut: Int, gradient: UnsafeMutablePointer<Float>?,
                  dx: UnsafeMutablePointer<Float>, lddx: Int) {
        let f = length, d = dimension, wd = windowSize, c = channels
        let dy = ws.deltas.pointer, du = ws.columnGradients.pointer
        switch pooling {
        case .mean:
            let scale = 1 / Float(f)
            for n in 0..<batch {
                for position in 0..<f { VectorKernels.scale(scale, dOut + n * ldDOut, dy + (n * f + position) * c, c) }
            }
        case .max:
            dy.update(repeating: 0, count: batch * f * c)
            for n in 0..<batch {
                for k in 0..<c { dy[(n * f + Int(ws.argmax[n * c + k])) * c + k] = dOut[n * ldDOut + k] }
            }
        }
        Kernels.reluBackward(y: ws.activations.pointer, delta: dy, count: batch * f * c)
        Kernels.linearBackward(x: ws.columns.pointer, ldx: wd, weight: p + weight, delta: dy,
                               weightGradient: gradient.map { $0 + weight }, biasGradient: gradient.map { $0 + bias },
                               dx: du, lddx: wd, dxColumns: wd, batch: batch * f, inSize: wd, outSize: c)
        for n in 0..<batch {
            let target = dx + n * lddx
            target.update(repeating: 0, count: f * d)
            for position in 0..<f {
                let row = du + (n * f + position) * wd
                for j in 0..<width {
                    let q = position - padBefore + j
                    if q >= 0 && q < f { VectorKernels.axpy(1, row + j * d, target + q * d, d) }
                }
            }
        }
    }
}

/// Scratch buffers of an `AttributeConvolution` for a maximum batch.
final class AttributeConvolutionWorkspace {
    /// im2col windows, `B·F × w·d`.
    let columns: FloatBuffer
    /// Their gradient.
    let columnGradients: FloatBuffer
    /// Post-ReLU outputs, `B·F × C`.
    let activations: FloatBuffer
    /// Their gradient.
    let deltas: FloatBuffer
    /// Arg-max position of each example and channel (max pooling).
    let argmax: UnsafeMutablePointer<Int32>
    private let argmaxCount: Int

    init(_ conv: AttributeConvolution, capacity: Int) {
        columns = FloatBuffer(capacity * conv.length * conv.windowSize)
        columnGradients = FloatBuffer(capacity * conv.length * conv.windowSize)
        activations = FloatBuffer(capacity * conv.length * conv.channels)
        deltas = FloatBuffer(capacity * conv.length * conv.channels)
        argmaxCount = max(capacity * conv.channels, 1)
        argmax = .allocate(capacity: argmaxCount)
        argmax.initialize(repeating: 0, count: argmaxCount)
    }

    deinit { argmax.deallocate() }
}
