import NumericCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Anything that scores examples for every objective: a trained model, or a fusion of models.
///
/// `predictScores` returns raw scores, `count × objectiveCount`: the logit for a binary objective,
/// the value itself for a continuous one. `predict` maps logits through the sigmoid.
public protocol ScorePredictor: Sendable {
    /// The objectives predicted, in column order.
    var objectives: [ObjectiveSpec] { get }
    /// Raw scores (logits for binary objectives) of every example.
    func predictScores(_ table: ExampleTable) throws -> Matrix<Float>
}

// MARK: - Default implementations

extension ScorePredictor {
    /// Predictions: probabilities for binary objectives, values for continuous ones.
    public func predict(_ table: ExampleTable) throws -> Matrix<Float> {
        var scores = try predictScores(table)
        let m = objectives.count
        let binary = objectives.map { $0.kind == .binary }
        scores.withUnsafeMutableBufferPointer { s in
            for i in 0..<(s.count / max(m, 1)) {
                for k in 0..<m where binary[k] { s[i * m + k] = stableSigmoid(s[i * m + k]) }
            }
        }
        return scores
    }
}

/// The logistic function, computed without overflow for large |x|.
@inlinable
public func stableSigmoid(_ x: Float) -> Float {
    if x >= 0 {
        let e = expf(-x)
        return 1 / (1 + e)
    } else {
        let e = expf(x)
        return e / (1 + e)
    }
}
