#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A first-order optimizer and its hyper-parameters.
public enum OptimizerConfiguration: Sendable, Equatable, Codable {
    /// SGD with (heavy-ball) momentum `μ`: `b ← μ·b + ∇`, `θ ← θ − lr·b` (PyTorch's convention).
    case sgd(learningRate: Float, momentum: Float)
    /// Adam (Kingma & Ba, ICLR 2015, arXiv:1412.6980): `m ← β₁m + (1−β₁)∇`, `v ← β₂v + (1−β₂)∇²`,
    /// `θ ← θ − lr·m̂/(√v̂ + ε)` with `m̂ = m/(1−β₁ᵗ)`, `v̂ = v/(1−β₂ᵗ)`.
    case adam(learningRate: Float, beta1: Float, beta2: Float, epsilon: Float)
    /// AdamW: Adam with decoupled weight decay, `θ ← θ − lr·λ·θ` before the Adam step
    /// (Loshchilov & Hutter, "Decoupled Weight Decay Regularization", ICLR 2019, arXiv:1711.05101).
    case adamW(learningRate: Float, beta1: Float, beta2: Float, epsilon: Float, weightDecay: Float)

    /// Adam with the usual defaults (β₁ 0.9, β₂ 0.999, ε 1e-8).
    public static func adam(learningRate: Float = 1e-3) -> OptimizerConfiguration {
        .adam(learningRate: learningRate, beta1: 0.9, beta2: 0.999, epsilon: 1e-8)
    }

    /// AdamW with the usual defaults (β₁ 0.9, β₂ 0.999, ε 1e-8, weight decay 0.01).
    public static func adamW(learningRate: Float = 1e-3, weightDecay: Float = 0.01) -> OptimizerConfiguration {
        .adamW(learningRate: learningRate, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: weightDecay)
    }

    /// Checks the hyper-parameters. - Throws: `TrainingConfigurationError.invalid` for a non-positive
    /// learning rate, β outside [0, 1), negative ε, momentum or weight decay.
    public func validate() throws {
        func check(_ ok: Bool, _ message: String) throws { if !ok { throw TrainingConfigurationError.invalid(message) } }
        switch self {
        case .sgd(let lr, let mu):
            try check(lr > 0 && lr.isFinite, "learning rate \(lr) must be positive")
            try check(mu >= 0 && mu < 1, "momentum \(mu) must be in [0, 1)")
        case .adam(let lr, let b1, let b2, let eps), .adamW(let lr, let b1, let b2, let eps, _):
            try check(lr > 0 && lr.isFinite, "learning rate \(lr) must be positive")
            try check(b1 >= 0 && b1 < 1 && b2 >= 0 && b2 < 1, "betas (\(b1), \(b2)) must be in [0, 1)")
            try check(eps >= 0 && eps.isFinite, "epsilon \(eps) must be non-negative")
            if case .adamW(_, _, _, _, let wd) = self { try check(wd >= 0 && wd.isFinite, "weight decay \(wd) must be non-negative") }
        }
    }
}

/// An optimizer's state (moments) for a model's parameters, with lazy embedding updates: only the
/// rows a batch touched are updated, and their Adam moments advance only on those steps (bias
/// correction uses the global step, as PyTorch's `SparseAdam`). Decoupled weight decay, likewise,
/// reaches an embedding row only when it is touched.
public struct OptimizerState: Sendable, Equatable {
    /// The optimizer.
    public let configuration: OptimizerConfiguration
    /// Number of steps taken.
    public private(set) var step = 0
    private var first: [Float]
    private var second: [Float]
    private var tableFirst: [[Float]]
    private var tableSecond: [[Float]]

    /// Zero moments for `parameters`.
    public init(configuration: OptimizerConfiguration, parameters: ModelParameters) {
        self.configuration = configuration
        let adam: Bool
        if case .sgd = configuration { adam = false } else { adam = true }
        first = [Float](repeating: 0, count: parameters.dense.count)
        second = adam ? [Float](repeating: 0, count: parameters.dense.count) : []
        tableFirst = parameters.embeddings.map { [Float](repeating: 0, count: $0.count) }
        tableSecond = adam ? parameters.embeddings.map { [Float](repeating: 0, count: $0.count) } : []
    }

    /// Applies one update with `gradient` (dense fully, embeddings on the touched rows only).
    /// - Complexity: O(dense parameters + touched rows · dimension).
    public mutating func apply(_ gradient: ParameterGradients, to parameters: inout ModelParameters, embeddingDimension d: Int) {
        step += 1
        let c = Coefficients(configuration, step: step)
        parameters.dense.withUnsafeMutableBufferPointer { p in
            gradient.dense.withUnsafeBufferPointer { g in
                first.withUnsafeMutableBufferPointer { m in
                    second.withUnsafeMutableBufferPointer { v in
                        c.update(p.baseAddress!, g.baseAddress!, m.baseAddress!, v.baseAddress, 0, p.count)
                    }
                }
            }
        }
        for t in gradient.touchedRows.indices where t < parameters.embeddings.count {
            parameters.embeddings[t].withUnsafeMutableBufferPointer { p in
                gradient.embeddings[t].withUnsafeBufferPointer { g in
                    tableFirst[t].withUnsafeMutableBufferPointer { m in
                        if c.adam {
                            tableSecond[t].withUnsafeMutableBufferPointer { v in
                                for r in gradient.touchedRows[t] {
                                    c.update(p.baseAddress!, g.baseAddress!, m.baseAddress!, v.baseAddress, Int(r) * d, d)
                                }
                            }
                        } else {
                            for r in gradient.touchedRows[t] { c.update(p.baseAddress!, g.baseAddress!, m.baseAddress!, nil, Int(r) * d, d) }
                        }
                    }
                }
            }
        }
    }

    /// The per-step constants of the update rule.
    private struct Coefficients {
        let adam: Bool, lr: Float, momentum: Float, beta1: Float, beta2: Float, epsilon: Float, decay: Float
        let correction1: Float, correction2: Float

        init(_ configuration: OptimizerConfiguration, step: Int) {
            switch configuration {
            case .sgd(let lr, let mu):
                adam = false; self.lr = lr; momentum = mu; beta1 = 0; beta2 = 0; epsilon = 0; decay = 0
            case .adam(let lr, let b1, let b2, let eps):
                adam = true; self.lr = lr; momentum = 0; beta1 = b1; beta2 = b2; epsilon = eps; decay = 0
            case .adamW(let lr, let b1, let b2, let eps, let wd):
                adam = true; self.lr = lr; momentum = 0; beta1 = b1; beta2 = b2; epsilon = eps; decay = wd
            }
            correction1 = 1 - powf(beta1, Float(step))
            correction2 = 1 - powf(beta2, Float(step))
        }

        /// Updates elements `start..<start+count`.
        @inline(__always)
        func update(_ p: UnsafeMutablePointer<Float>, _ g: UnsafePointer<Float>, _ m: UnsafeMutablePointer<Float>,
                    _ v: UnsafeMutablePointer<Float>?, _ start: Int, _ count: Int) {
            if adam, let v {
                // SIMD body (same per-element arithmetic as the scalar tail, so results do not depend on alignment).
                var i = start
                let end = start + count
                let rp = UnsafeMutableRawPointer(p), rg = UnsafeRawPointer(g), rm = UnsafeMutableRawPointer(m), rv = UnsafeMutableRawPointer(v)
                let b1 = SIMD8<Float>(repeating: beta1), b2 = SIMD8<Float>(repeating: beta2)
                let c1 = SIMD8<Float>(repeating: 1 - beta1), c2 = SIMD8<Float>(repeating: 1 - beta2)
                let bc1 = SIMD8<Float>(repeating: correction1), bc2 = SIMD8<Float>(repeating: correction2)
                let rate = SIMD8<Float>(repeating: lr), eps = SIMD8<Float>(repeating: epsilon), wd = SIMD8<Float>(repeating: lr * decay)
                while i + 8 <= end {
                    let o = 4 * i
                    var pv = rp.loadUnaligned(fromByteOffset: o, as: SIMD8<Float>.self)
                    let gv = rg.loadUnaligned(fromByteOffset: o, as: SIMD8<Float>.self)
                    if decay != 0 { pv -= wd * pv }
                    let mv = b1 * rm.loadUnaligned(fromByteOffset: o, as: SIMD8<Float>.self) + c1 * gv
                    let vv = b2 * rv.loadUnaligned(fromByteOffset: o, as: SIMD8<Float>.self) + c2 * gv * gv
                    pv -= rate * (mv / bc1) / ((vv / bc2).squareRoot() + eps)
                    rm.storeBytes(of: mv, toByteOffset: o, as: SIMD8<Float>.self)
                    rv.storeBytes(of: vv, toByteOffset: o, as: SIMD8<Float>.self)
                    rp.storeBytes(of: pv, toByteOffset: o, as: SIMD8<Float>.self)
                    i += 8
                }
                while i < end {
                    if decay != 0 { p[i] -= lr * decay * p[i] }
                    m[i] = beta1 * m[i] + (1 - beta1) * g[i]
                    v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i]
                    let mHat = m[i] / correction1, vHat = v[i] / correction2
                    p[i] -= lr * mHat / (vHat.squareRoot() + epsilon)
                    i += 1
                }
            } else {
                for i in start..<(start + count) {
                    m[i] = momentum * m[i] + g[i]
                    p[i] -= lr * m[i]
                }
            }
        }
    }
}
