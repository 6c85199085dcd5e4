import NumericCore

/// One dense layer's place in the flat parameter vector: weight `inSize × outSize` at `weight`,
/// bias `outSize` at `bias`, optionally followed by ReLU.
struct LayerSpec: Sendable, Equatable {
    let inSize: Int
    let outSize: Int
    let weight: Int
    let bias: Int
    let relu: Bool
}

/// A stack of dense layers (a tower, an expert, or a head), described by offsets into the model's
/// flat dense parameter vector. Forward/backward cost O(batch · Σ in·out) in `sgemm`.
struct MLPSpec: Sendable, Equatable {
    let layers: [LayerSpec]

    /// Lays out layers of the given widths starting at `offset` (advanced past them).
    /// `reluOnLast == false` leaves the last layer linear (an output unit).
    init(inSize: Int, widths: [Int], reluOnLast: Bool = true, offset: inout Int) {
        var layers: [LayerSpec] = []
        var input = inSize
        for (i, w) in widths.enumerated() {
            let relu = reluOnLast || i < widths.count - 1
            layers.append(LayerSpec(inSize: input, outSize: w, weight: offset, bias: offset + input * w, relu: relu))
            offset += input * w + w
            input = w
        }
        self.layers = layers
    }

    var inSize: Int { layers[0].inSize }
    var outSize: Int { layers[layers.count - 1].outSize }
    /// Number of parameters in this stack.
    var parameterCount: Int { layers.reduce(0) { $0 + $1.inSize * $1.outSize + $1.outSize } }

    /// He-normal weights for ReLU layers (He et al., ICCV 2015, doi:10.1109/ICCV.2015.123), Xavier-uniform
    /// for a linear output layer (Glorot & Bengio, AISTATS 2010); zero biases.
    func initialize(_ parameters: inout [Float], generator: inout SeededGenerator) {
        for layer in layers {
            let fanIn = Double(layer.inSize), fanOut = Double(layer.outSize)
            for i in 0..<(layer.inSize * layer.outSize) {
                if layer.relu {
                    parameters[layer.weight + i] = Float(generator.nextGaussian() * (2 / fanIn).squareRoot())
                } else {
                    let a = (6 / (fanIn + fanOut)).squareRoot()
                    parameters[layer.weight + i] = Float(generator.nextUniform(in: -a, a))
                }
            }
            for j in 0..<layer.outSize { parameters[layer.bias + j] = 0 }
        }
    }

    /// Forward pass; the output is `workspace.activations.last` (`batch × outSize`).
    func forward(parameters p: UnsafePointer<Float>, x: UnsafePointer<Float>, ldx: Int, batch: Int, workspace ws: MLPWorkspace) {
        var input = x, ld = ldx
        for (l, layer) in layers.enumerated() {
            let y = ws.activations[l].pointer
            Kernels.linearForward(x: input, ldx: ld, weight: p + layer.weight, bias: p + layer.bias, y: y,
                                  batch: batch, inSize: layer.inSize, outSize: layer.outSize, relu: layer.relu)
            input = UnsafePointer(y); ld = layer.outSize
        }
    }

    /// Backward pass from `dOut` (`batch × outSize`, gradient of the loss w.r.t. the stack's output).
    /// Accumulates parameter gradients into `gradient` (same offsets as the parameters) when given, and
    /// writes (or adds) the gradient w.r.t. the first `inputColumns` input columns into `dx` when given.
    func backward(
        parameters p: UnsafePointer<Float>, x: UnsafePointer<Float>, ldx: Int, batch: Int, workspace ws: MLPWorkspace,
        dOut: UnsafePointer<Float>, gradient: UnsafeMutablePointer<Float>?,
        dx: UnsafeMutablePointer<Float>?, lddx: Int, inputColumns: Int, accumulateInput: Bool
    ) {
        let last = layers.count - 1
        ws.deltas[last].pointer.update(from: dOut, count: batch * layers[last].outSize)
        for l in stride(from: last, through: 0, by: -1) {
            let layer = layers[l]
            let delta = ws.deltas[l].pointer
            if layer.relu { Kernels.reluBackward(y: ws.activations[l].pointer, delta: delta, count: batch * layer.outSize) }
            let input = l == 0 ? x : UnsafePointer(ws.activations[l - 1].pointer)
            let ldIn = l == 0 ? ldx : layer.inSize
            var target: UnsafeMutablePointer<Float>? = nil
            var columns = layer.inSize, ldTarget = layer.inSize, accumulate = false
            if l > 0 {
                target = ws.deltas[l - 1].pointer
            } else if let dx, inputColumns > 0 {
                target = dx; columns = inputColumns; ldTarget = lddx; accumulate = accumulateInput
            }
            Kernels.linearBackward(
                x: input, ldx: ldIn, weight: p + layer.weight, delta: delta,
                weightGradient: gradient.map { $0 + layer.weight }, biasGradient: gradient.map { $0 + layer.bias },
                dx: target, lddx: ldTarget, dxColumns: columns, accumulateInput: accumulate,
                batch: batch, inSize: layer.inSize, outSize: layer.outSize)
        }
    }
}

/// Per-layer activation and delta buffers of one `MLPSpec`, sized for a maximum batch.
final class MLPWorkspace {
    let activations: [FloatBuffer]
    let deltas: [FloatBuffer]

    init(_ spec: MLPSpec, capacity: Int) {
        activations = spec.layers.map { FloatBuffer(capacity * $0.outSize) }
        deltas = spec.layers.map { FloatBuffer(capacity * $0.outSize) }
    }

    /// The stack's output (last activation).
    var output: UnsafeMutablePointer<Float> { activations[activations.count - 1].pointer }
}
