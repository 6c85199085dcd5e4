#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A per-example loss of one objective, as a function of the raw score `s` (a logit for binary
/// objectives, the value itself for continuous ones) and the label `y`.
public enum ObjectiveLoss: Sendable, Equatable, Codable {
    /// Binary cross-entropy on the logit, computed stably as `max(s, 0) − s·y + log(1 + e^{−|s|})`;
    /// derivative `σ(s) − y`.
    case binaryCrossEntropy
    /// Squared error `(s − y)²`; derivative `2(s − y)`.
    case meanSquaredError
    /// Huber loss with threshold `delta`: `½r²` for `|r| ≤ δ`, else `δ(|r| − ½δ)`, with `r = s − y`;
    /// derivative `clamp(r, −δ, δ)` (Huber, Ann. Math. Statist. 1964, doi:10.1214/aoms/1177703732).
    case huber(delta: Float)

    /// The default loss for a label kind: BCE for binary, MSE for continuous.
    public static func `default`(for kind: LabelKind) -> ObjectiveLoss {
        kind == .binary ? .binaryCrossEntropy : .meanSquaredError
    }

    /// The loss value at score `s` and label `y`.
    @inlinable
    public func value(score s: Float, label y: Float) -> Float {
        switch self {
        case .binaryCrossEntropy:
            return max(s, 0) - s * y + log1pf(expf(-abs(s)))
        case .meanSquaredError:
            let r = s - y
            return r * r
        case .huber(let delta):
            let r = abs(s - y)
            return r <= delta ? 0.5 * r * r : delta * (r - 0.5 * delta)
        }
    }

    /// The derivative of the loss w.r.t. the score.
    @inlinable
    public func derivative(score s: Float, label y: Float) -> Float {
        switch self {
        case .binaryCrossEntropy:
            return stableSigmoid(s) - y
        case .meanSquaredError:
            return 2 * (s - y)
        case .huber(let delta):
            return min(max(s - y, -delta), delta)
        }
    }
}

/// The joint training loss `Σ_k λ_k · mean_n L_k(s_nk + margin_nk, y_nk)` over a batch.
public struct JointLoss: Sendable, Equatable, Codable {
    /// The per-objective losses, in objective order.
    public let losses: [ObjectiveLoss]
    /// The weights `λ_k`.
    public let weights: [Float]

    /// A joint loss. - Throws: `TrainingConfigurationError` when the counts differ or a weight is
    /// negative or not finite, or a Huber threshold is not positive.
    public init(losses: [ObjectiveLoss], weights: [Float]) throws {
        guard losses.count == weights.count, !losses.isEmpty else {
            throw TrainingConfigurationError.invalid("\(weights.count) loss weights for \(losses.count) objectives")
        }
        for w in weights where !(w >= 0 && w.isFinite) {
            throw TrainingConfigurationError.invalid("loss weight \(w) must be finite and non-negative")
        }
        for case .huber(let d) in losses where !(d > 0) {
            throw TrainingConfigurationError.invalid("Huber threshold \(d) must be positive")
        }
        self.losses = losses
        self.weights = weights
    }

    /// The default losses for `objectives` with the given weights.
    public init(objectives: [ObjectiveSpec], weights: [Float]) throws {
        try self.init(losses: objectives.map { ObjectiveLoss.default(for: $0.kind) }, weights: weights)
    }
}
