/// Errors from computing an evaluation metric on bad input.
///
/// Metrics never crash on user data: mismatched lengths, non-finite values, labels outside their
/// domain and metrics that are undefined on the given data (AUC with a single class) are reported
/// with the offending index where there is one.
public enum MetricError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Two inputs that must be parallel have different lengths.
    case lengthMismatch(String)
    /// The metric needs at least one example.
    case empty(String)
    /// A prediction or label at `index` is NaN or infinite.
    case nonFinite(what: String, index: Int)
    /// A label at `index` is outside the metric's domain (e.g. not 0 or 1 for AUC).
    case invalidLabel(value: Double, index: Int, expected: String)
    /// The metric is undefined on this data (e.g. AUC when all labels are of one class).
    case undefined(String)
    /// A parameter (cut-off `K`, epsilon, objective index) is out of range.
    case invalidParameter(String)

    public var description: String {
        switch self {
        case .lengthMismatch(let m): return "metric inputs differ in length: \(m)"
        case .empty(let m): return "metric needs at least one example: \(m)"
        case .nonFinite(let what, let index): return "\(what) at index \(index) is not finite"
        case .invalidLabel(let value, let index, let expected):
            return "label \(value) at index \(index) is invalid: expected \(expected)"
        case .undefined(let m): return "metric undefined: \(m)"
        case .invalidParameter(let m): return "invalid metric parameter: \(m)"
        }
    }
}

/// Validation shared by the metric functions.
enum MetricValidation {
    /// Throws unless `a` and `b` have the same, non-zero length.
    static func checkParallel(_ a: Int, _ b: Int, _ names: String) throws {
        guard a == b else { throw MetricError.lengthMismatch("\(names): \(a) vs \(b)") }
        guard a > 0 else { throw MetricError.empty(names) }
    }

    /// Throws at the first non-finite value.
    static func checkFinite(_ x: UnsafeBufferPointer<Double>, _ what: String) throws {
        for i in 0..<x.count where !x[i].isFinite { throw MetricError.nonFinite(what: what, index: i) }
    }

    /// Throws at the first label that is not exactly 0 or 1; returns the number of positives.
    static func countBinaryPositives(_ y: UnsafeBufferPointer<Double>) throws -> Int {
        var positives = 0
        for i in 0..<y.count {
            let v = y[i]
            if v == 1 { positives += 1 } else if v != 0 {
                throw MetricError.invalidLabel(value: v, index: i, expected: "0 or 1")
            }
        }
        return positives
    }
}
