import Foundation
import NumericCore
import ParetoCore

/// Noisy expected hypervolume improvement of one candidate under independent per-objective GPs,
/// by Monte Carlo over joint posterior samples at the observed points and the candidate.
///
/// Daulton, Balandat & Bakshy, "Parallel Bayesian optimization of multiple noisy objectives with
/// expected hypervolume improvement", NeurIPS 2021, arXiv:2105.08195. The observed values are not
/// trusted as the front: for each sample s the objectives at the N observed points are drawn from
/// the joint posterior, F⁽ˢ⁾_j = μ_j(X) + L_j z⁽ˢ⁾_j (L_j L_jᵀ the posterior covariance at X), their
/// non-dominated set below the reference is that sample's front, and the candidate's value is drawn
/// jointly with them, f⁽ˢ⁾_j(x) = μ_j(x) + a_jᵀ z⁽ˢ⁾_j + √(σ²_j(x) − |a_j|²) ζ⁽ˢ⁾_j with
/// a_j = L_j⁻¹ Σ_j(X, x). NEHVI(x) = (1/S) Σ_s HVI(f⁽ˢ⁾(x) | front⁽ˢ⁾), the improvement computed by
/// the strip formula for two objectives and the project's ``hypervolume(of:reference:)`` beyond
/// (``ExpectedHypervolumeImprovement/pointImprovement(_:)``). The normal draws are fixed (common
/// random numbers), so NEHVI is a deterministic, almost-everywhere differentiable function of x;
/// its gradient follows the draws through μ, Σ(X, x) and σ². Without observation noise the
/// posterior at X collapses to the observations and NEHVI equals EHVI.
///
/// The draws are pseudo-random normals from the caller's generator, not Sobol points: a sample has
/// M · (N + 1) dimensions, beyond the 40 of GSL's Sobol generator, and the Halton fallback is
/// strongly correlated across dimensions at small sample counts.
///
/// - Complexity: construction O(M · N³ + S · M · N² + S · HV(N)); a value with gradient
///   O(M · (N² · n + S · N · n) + S · M · HV(k)) for k front points.
public struct NoisyExpectedHypervolumeImprovement: Sendable {
    /// The reference point (minimization).
    public let reference: [Double]
    /// Number of posterior samples S.
    public let sampleCount: Int
    let models: [GaussianProcess]
    /// Per objective, the lower Cholesky factor of the posterior covariance at the observed points.
    let factors: [[Double]]
    /// Normal draws, [s][j][0 … N] flattened: N for the observed points, one for the candidate.
    let normals: [Double]
    /// Each sample's front, ready for improvements.
    let fronts: [ExpectedHypervolumeImprovement]

    /// - Parameters:
    ///   - models: one GP per objective, all trained on the same inputs (the observed points).
    ///   - reference: reference point (length M ≥ 2).
    ///   - samples: number of joint posterior samples S ≥ 1.
    ///   - rng: the generator of the normal draws.
    /// - Throws: `OptimizerError.invalidConfiguration` for mismatched sizes,
    ///   ``SurrogateError/notPositiveDefinite(_:)`` when a posterior covariance cannot be factored.
    public init(models: [GaussianProcess], reference: [Double], samples: Int, rng: inout SeededGenerator) throws {
        let m = reference.count
        guard m >= 2, models.count == m, samples >= 1, let count = models.first?.count,
              models.allSatisfy({ $0.count == count && $0.box == models[0].box }) else {
            throw OptimizerError.invalidConfiguration("NEHVI needs one GP per objective (≥ 2) on the same inputs and ≥ 1 sample")
        }
        self.reference = reference
        self.models = models
        sampleCount = samples
        var factors: [[Double]] = []
        for gp in models {
            let covariance = gp.trainingPosteriorCovariance
            let scale = max(1e-300, (0..<count).map { covariance[$0 * count + $0] }.max() ?? 1)
            guard let (l, _) = GaussianProcess.choleskyWithJitter(covariance, count: count, scale: scale) else {
                throw SurrogateError.notPositiveDefinite("posterior covariance at \(count) observed points")
            }
            factors.append(l)
        }
        self.factors = factors
        let width = count + 1
        var normals = [Double](repeating: 0, count: samples * m * width)
        for i in normals.indices { normals[i] = rng.nextGaussian() }
        self.normals = normals
        let means = models.map(\.trainingPosteriorMean)
        var fronts: [ExpectedHypervolumeImprovement] = []
        let sequence = try SobolSequence(dimension: m)
        for s in 0..<samples {
            var y = Matrix<Double>(rows: count, columns: m)
            for j in 0..<m {
                let z = (s * m + j) * width
                for i in 0..<count {
                    var v = means[j][i]
                    for k in 0...i { v += factors[j][i * count + k] * normals[z + k] }
                    y[i, j] = v
                }
            }
            fronts.append(try ExpectedHypervolumeImprovement(front: y, reference: reference, samples: 1, sequence: sequence))
        }
        self.fronts = fronts
    }

    /// NEHVI at `x` (original units) and its gradient in x.
    public func value(_ x: [Double]) throws -> (value: Double, gradient: [Double]) {
        let m = reference.count, n = x.count, count = models[0].count, width = count + 1
        // Per objective: mean, a = L⁻¹ Σ(X, x), √(σ² − |a|²) and their x-derivatives.
        var mean = [Double](repeating: 0, count: m), residual = [Double](repeating: 0, count: m)
        var dMean = [[Double]](), dResidual = [[Double]](), a = [[Double]](), da = [[Double]]()
        for (j, gp) in models.enumerated() {
            let p = gp.predict(x, gradient: true)
            var (c, dc) = gp.crossCovariance(x, gradient: true)
            GaussianProcess.lowerSolve(factors[j], count: count, &c)
            var jac = [Double](repeating: 0, count: count * n)
            for d in 0..<n {
                var column = (0..<count).map { dc[$0 * n + d] }
                GaussianProcess.lowerSolve(factors[j], count: count, &column)
                for i in 0..<count { jac[i * n + d] = column[i] }
            }
            let explained = c.reduce(0) { $0 + $1 * $1 }
            let r = max(0, p.variance - explained).squareRoot()
            mean[j] = p.mean
            residual[j] = r
            dMean.append(p.meanGradient)
            dResidual.append((0..<n).map { d in
                guard r > 1e-12 else { return 0 }
                var dot = 0.0
                for i in 0..<count { dot += c[i] * jac[i * n + d] }
                return (p.varianceGradient[d] - 2 * dot) / (2 * r)
            })
            a.append(c)
            da.append(jac)
        }
        var total = 0.0
        var gradient = [Double](repeating: 0, count: n)
        var y = [Double](repeating: 0, count: m)
        var dy = [Double](repeating: 0, count: m * n)
        for s in 0..<sampleCount {
            for j in 0..<m {
                let z = (s * m + j) * width
                var v = mean[j] + residual[j] * normals[z + count]
                for d in 0..<n { dy[j * n + d] = dMean[j][d] + dResidual[j][d] * normals[z + count] }
                for i in 0..<count {
                    let zi = normals[z + i]
                    v += a[j][i] * zi
                    for d in 0..<n { dy[j * n + d] += da[j][i * n + d] * zi }
                }
                y[j] = v
            }
            let (gain, gy) = try fronts[s].pointImprovement(y)
            guard gain > 0 else { continue }
            total += gain
            for j in 0..<m { for d in 0..<n { gradient[d] += gy[j] * dy[j * n + d] } }
        }
        let scale = 1 / Double(sampleCount)
        return (total * scale, gradient.map { $0 * scale })
    }

    /// NEHVI at `x` without the gradient (the same value as ``value(_:)``, for ranking candidates).
    public func valueOnly(_ x: [Double]) throws -> Double {
        let m = reference.count, count = models[0].count, width = count + 1
        var mean = [Double](repeating: 0, count: m), residual = [Double](repeating: 0, count: m), a = [[Double]]()
        for (j, gp) in models.enumerated() {
            let p = gp.predict(x)
            var c = gp.crossCovariance(x).covariance
            GaussianProcess.lowerSolve(factors[j], count: count, &c)
            mean[j] = p.mean
            residual[j] = max(0, p.variance - c.reduce(0) { $0 + $1 * $1 }).squareRoot()
            a.append(c)
        }
        var total = 0.0
        var y = [Double](repeating: 0, count: m)
        for s in 0..<sampleCount {
            for j in 0..<m {
                let z = (s * m + j) * width
                var v = mean[j] + residual[j] * normals[z + count]
                for i in 0..<count { v += a[j][i] * normals[z + i] }
                y[j] = v
            }
            let gain = try fronts[s].pointImprovementValue(y)
            if gain > 0 { total += gain }
        }
        return total * (1 / Double(sampleCount))
    }

    /// log(NEHVI + 10⁻³⁰⁰) without the gradient.
    public func logValueOnly(_ x: [Double]) throws -> Double {
        log(try valueOnly(x) + 1e-300)
    }

    /// log(NEHVI + 10⁻³⁰⁰) and its gradient (the form the acquisition search maximizes).
    public func logValue(_ x: [Double]) throws -> (Double, [Double]) {
        let (v, g) = try value(x)
        let floor = 1e-300
        return (log(v + floor), g.map { $0 / (v + floor) })
    }
}
