extension Metrics {
    /// Mean squared error `(1/n) Σ (ŷ_i − y_i)²`.
    /// - Throws: `MetricError` on different lengths, empty or non-finite input.
    /// - Complexity: O(n).
    public static func mse(predictions: [Double], labels: [Double]) throws -> Double {
        try meanOfError(predictions, labels) { $0 * $0 }
    }

    /// Mean absolute error `(1/n) Σ |ŷ_i − y_i|`.
    /// - Throws: `MetricError` on different lengths, empty or non-finite input.
    /// - Complexity: O(n).
    public static func mae(predictions: [Double], labels: [Double]) throws -> Double {
        try meanOfError(predictions, labels) { abs($0) }
    }

    /// Root mean squared error `√MSE`.
    /// - Throws: `MetricError` on different lengths, empty or non-finite input.
    /// - Complexity: O(n).
    public static func rmse(predictions: [Double], labels: [Double]) throws -> Double {
        try mse(predictions: predictions, labels: labels).squareRoot()
    }

    /// `mse(predictions:labels:)` over `Float` inputs (widened to `Double`).
    public static func mse(predictions: [Float], labels: [Float]) throws -> Double {
        try mse(predictions: predictions.widenedToDouble, labels: labels.widenedToDouble)
    }

    /// `mae(predictions:labels:)` over `Float` inputs (widened to `Double`).
    public static func mae(predictions: [Float], labels: [Float]) throws -> Double {
        try mae(predictions: predictions.widenedToDouble, labels: labels.widenedToDouble)
    }

    /// `rmse(predictions:labels:)` over `Float` inputs (widened to `Double`).
    public static func rmse(predictions: [Float], labels: [Float]) throws -> Double {
        try rmse(predictions: predictions.widenedToDouble, labels: labels.widenedToDouble)
    }

    /// `(1/n) Σ f(ŷ_i − y_i)`, validating the inputs.
    private static func meanOfError(_ p: [Double], _ y: [Double], _ f: (Double) -> Double) throws -> Double {
        try MetricValidation.checkParallel(p.count, y.count, "predictions, labels")
        return try p.withUnsafeBufferPointer { p in
            try y.withUnsafeBufferPointer { y in
                try MetricValidation.checkFinite(p, "prediction")
                try MetricValidation.checkFinite(y, "label")
                var sum = 0.0
                for i in 0..<p.count { sum += f(p[i] - y[i]) }
                return sum / Double(p.count)
            }
        }
    }
}
