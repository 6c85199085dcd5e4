import Foundation

/// The joint posterior of a process at its own training points and one more point, for sampling
/// whole functions (``NoisyExpectedHypervolumeImprovement``).
///
/// With C = K + s I (s = σ²_n plus any jitter) and k_x the prior covariances between the training
/// points and x, the posterior covariances follow from K − K C⁻¹ K = s (I − s C⁻¹) and
/// k_x − K C⁻¹ k_x = s C⁻¹ k_x (because I − K C⁻¹ = s C⁻¹), and the posterior mean at the training
/// points from K C⁻¹ y = y − s α. All in original output units (scaled by the output scale).
extension GaussianProcess {
    /// The effective diagonal s = σ²_n + jitter of the factored covariance.
    var effectiveNoise: Double { hyperparameters.noiseVariance + jitter }

    /// Posterior means at the training points, original units. - Complexity: O(N).
    public var trainingPosteriorMean: [Double] {
        let s = effectiveNoise
        return (0..<count).map { outputMean + outputScale * (targets[$0] - s * alpha[$0]) }
    }

    /// Posterior covariance matrix at the training points (N × N, row-major), original units.
    /// - Complexity: O(N³) (the inverse from the Cholesky factor).
    public var trainingPosteriorCovariance: [Double] {
        let s = effectiveNoise, scale2 = outputScale * outputScale
        var result = [Double](repeating: 0, count: count * count)
        for j in 0..<count {
            var e = [Double](repeating: 0, count: count)
            e[j] = 1
            let column = GaussianProcess.solve(factor, count: count, e)
            for i in 0..<count { result[i * count + j] = scale2 * s * ((i == j ? 1 : 0) - s * column[i]) }
        }
        // Symmetrize the rounding.
        for i in 0..<count { for j in 0..<i { let v = 0.5 * (result[i * count + j] + result[j * count + i]); result[i * count + j] = v; result[j * count + i] = v } }
        return result
    }

    /// Posterior covariances between the training points and `x` (length N, original units) and,
    /// when `gradient` is true, their derivatives in x (N × n, row-major).
    /// - Complexity: O(N·n + N²) values, O(N·n² + N²·n) with gradients.
    public func crossCovariance(_ x: [Double], gradient: Bool = false) -> (covariance: [Double], jacobian: [Double]) {
        let n = box.dimension, s = effectiveNoise, scale2 = outputScale * outputScale
        let u = box.unit(x)
        var k = [Double](repeating: 0, count: count)
        var dk = gradient ? [Double](repeating: 0, count: count * n) : []
        u.withUnsafeBufferPointer { pu in
            inputs.withUnsafeBufferPointer { px in
                for i in 0..<count {
                    let row = px.baseAddress! + i * n
                    k[i] = kernel.value(pu.baseAddress!, row)
                    guard gradient else { continue }
                    let c = kernel.derivativeFactor(pu.baseAddress!, row)
                    for d in 0..<n {
                        let l = hyperparameters.lengthscales[d]
                        dk[i * n + d] = -c * (pu[d] - row[d]) / (l * l)
                    }
                }
            }
        }
        let covariance = GaussianProcess.solve(factor, count: count, k).map { scale2 * s * $0 }
        guard gradient else { return (covariance, []) }
        let du = box.unitDerivative
        var jacobian = [Double](repeating: 0, count: count * n)
        for d in 0..<n {
            let column = GaussianProcess.solve(factor, count: count, (0..<count).map { dk[$0 * n + d] })
            for i in 0..<count { jacobian[i * n + d] = scale2 * s * column[i] * du[d] }
        }
        return (covariance, jacobian)
    }
}
