#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Metrics {
    /// The default probability clipping of `logloss(probabilities:labels:epsilon:)`: `1e-15`, the
    /// classic scikit-learn default (recent scikit-learn clips at the dtype's machine epsilon instead;
    /// the two agree whenever no probability lies within 1e-15 of 0 or 1).
    public static let defaultLoglossEpsilon = 1e-15

    /// Mean binary cross-entropy (logloss) of predicted probabilities.
    ///
    /// `logloss = −(1/n) Σ_i [y_i·log(clip(p_i)) + (1 − y_i)·log(clip(1 − p_i))]` with
    /// `clip(v) = min(max(v, ε), 1 − ε)`: clipping keeps a confident wrong prediction finite
    /// (exactly `−log ε ≈ 34.5` per example for `ε = 1e-15`). Clipping `1 − p` itself, rather than
    /// taking `1 − clip(p)`, keeps both sides symmetric and exact near 1.
    ///
    /// - Parameters:
    ///   - probabilities: Predicted probabilities in `[0, 1]`.
    ///   - labels: Targets in `[0, 1]` (0/1, or soft labels).
    ///   - epsilon: Clipping, in `(0, 0.5)`.
    /// - Throws: `MetricError` on different lengths, empty input, non-finite values, probabilities or
    ///   labels outside `[0, 1]`, or an epsilon out of range.
    /// - Complexity: O(n).
    public static func logloss(probabilities: [Double], labels: [Double],
                               epsilon: Double = defaultLoglossEpsilon) throws -> Double {
        try MetricValidation.checkParallel(probabilities.count, labels.count, "probabilities, labels")
        guard epsilon > 0, epsilon < 0.5 else { throw MetricError.invalidParameter("epsilon \(epsilon) not in (0, 0.5)") }
        return try probabilities.withUnsafeBufferPointer { p in
            try labels.withUnsafeBufferPointer { y in
                var sum = 0.0
                for i in 0..<p.count {
                    guard p[i].isFinite else { throw MetricError.nonFinite(what: "probability", index: i) }
                    guard p[i] >= 0, p[i] <= 1 else {
                        throw MetricError.invalidParameter("probability \(p[i]) at index \(i) not in [0, 1]")
                    }
                    try checkUnitLabel(y[i], i)
                    let q1 = min(max(p[i], epsilon), 1 - epsilon)
                    let q0 = min(max(1 - p[i], epsilon), 1 - epsilon)
                    sum -= y[i] * log(q1) + (1 - y[i]) * log(q0)
                }
                return sum / Double(p.count)
            }
        }
    }

    /// `logloss(probabilities:labels:epsilon:)` over `Float` inputs (widened to `Double`).
    public static func logloss(probabilities: [Float], labels: [Float],
                               epsilon: Double = defaultLoglossEpsilon) throws -> Double {
        try logloss(probabilities: probabilities.widenedToDouble, labels: labels.widenedToDouble, epsilon: epsilon)
    }

    /// Mean binary cross-entropy computed from logits, without clipping and without overflow.
    ///
    /// Per example `softplus(z) − y·z`, where `softplus(z) = max(z, 0) + log1p(exp(−|z|))`; this equals
    /// `−[y·log σ(z) + (1 − y)·log(1 − σ(z))]` exactly, also where `σ(z)` rounds to 0 or 1.
    /// - Throws: `MetricError` on different lengths, empty input, non-finite logits, labels outside `[0, 1]`.
    /// - Complexity: O(n).
    public static func logloss(logits: [Double], labels: [Double]) throws -> Double {
        try MetricValidation.checkParallel(logits.count, labels.count, "logits, labels")
        return try logits.withUnsafeBufferPointer { z in
            try labels.withUnsafeBufferPointer { y in
                var sum = 0.0
                for i in 0..<z.count {
                    guard z[i].isFinite else { throw MetricError.nonFinite(what: "logit", index: i) }
                    try checkUnitLabel(y[i], i)
                    sum += softplus(z[i]) - y[i] * z[i]
                }
                return sum / Double(z.count)
            }
        }
    }

    /// `logloss(logits:labels:)` over `Float` inputs (widened to `Double`).
    public static func logloss(logits: [Float], labels: [Float]) throws -> Double {
        try logloss(logits: logits.widenedToDouble, labels: labels.widenedToDouble)
    }

    /// Throws unless `y` is a finite value in `[0, 1]`.
    private static func checkUnitLabel(_ y: Double, _ i: Int) throws {
        guard y.isFinite else { throw MetricError.nonFinite(what: "label", index: i) }
        guard y >= 0, y <= 1 else { throw MetricError.invalidLabel(value: y, index: i, expected: "a value in [0, 1]") }
    }
}

/// `log(1 + exp(x))` without overflow or loss of precision for large |x|.
func softplus(_ x: Double) -> Double {
    max(x, 0) + log1p(exp(-abs(x)))
}
