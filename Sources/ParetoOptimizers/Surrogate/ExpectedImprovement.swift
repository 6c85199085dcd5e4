import CNumerics
import Foundation

/// The standard normal density, distribution and the Gaussian "expected positive part" used by
/// improvement-based acquisitions.
public enum GaussianTail {
    /// φ(z).
    @inlinable public static func density(_ z: Double) -> Double { exp(-0.5 * z * z) / (2 * Double.pi).squareRoot() }
    /// Φ(z) (GSL `gsl_cdf_ugaussian_P`).
    public static func distribution(_ z: Double) -> Double { gsl_cdf_ugaussian_P(z) }

    /// ψ(v) = E[(v − Y)⁺] for Y ~ N(μ, σ²), with ∂ψ/∂μ = −Φ(z) and ∂ψ/∂σ = φ(z), z = (v − μ)/σ.
    /// ψ(+∞) = +∞ is never asked for; ψ(−∞) = 0. For σ = 0 it is (v − μ)⁺.
    public static func positivePart(_ v: Double, mean: Double, standardDeviation s: Double) -> (value: Double, dMean: Double, dDeviation: Double) {
        if v == -.infinity { return (0, 0, 0) }
        guard s > 0 else { return v > mean ? (v - mean, -1, 0) : (0, 0, 0) }
        let z = (v - mean) / s
        let pdf = density(z), cdf = distribution(z)
        return (max(0, (v - mean) * cdf + s * pdf), -cdf, pdf)
    }
}

/// The logarithm of expected improvement for minimization, computed without underflow.
///
/// EI(x) = E[(f* − Y)⁺] = σ h(z), h(z) = φ(z) + zΦ(z), z = (f* − μ)/σ (Jones, Schonlau & Welch,
/// "Efficient global optimization of expensive black-box functions", J. Global Optim. 13, 455–492,
/// 1998, doi:10.1023/A:1008306431147). Far below the incumbent (z ≪ 0) h underflows, so log h is
/// evaluated as log φ(z) + log(1 − t·R(t)), t = −z, R the Mills ratio 1/`gsl_sf_hazard`(t), and for
/// t > 40 by its asymptotic series — the same idea as LogEI (Ament, Daulton, Eriksson, Balandat &
/// Bakshy, "Unexpected improvements to expected improvement for Bayesian optimization", NeurIPS
/// 2023, arXiv:2310.20708), which keeps gradients informative where EI is numerically zero.
public enum ExpectedImprovement {
    /// log h(z) and d log h/dz = Φ(z)/h(z).
    public static func logH(_ z: Double) -> (value: Double, derivative: Double) {
        if z > -1 {
            let cdf = GaussianTail.distribution(z)
            let h = GaussianTail.density(z) + z * cdf
            return (log(h), cdf / h)
        }
        let t = -z
        let logDensity = -0.5 * z * z - 0.5 * log(2 * Double.pi)
        let gap: Double, mills: Double   // gap = 1 − t·R(t) = h(z)/φ(z)
        if t > 40 {
            let t2 = 1 / (t * t)
            gap = t2 * (1 - 3 * t2 + 15 * t2 * t2)
            mills = (1 / t) * (1 - t2 + 3 * t2 * t2)
        } else {
            mills = 1 / gsl_sf_hazard(t)
            gap = 1 - t * mills
        }
        return (logDensity + log(gap), mills / gap)
    }

    /// log EI at a point with posterior mean `mean` and standard deviation `deviation` against the
    /// incumbent `best`, and its derivatives in mean and deviation. With zero deviation, the log of
    /// the plain improvement (−∞ when there is none, reported as −10³⁰⁰·0 → `-Double.greatestFiniteMagnitude`).
    public static func logValue(best: Double, mean: Double, deviation: Double) -> (value: Double, dMean: Double, dDeviation: Double) {
        guard deviation > 1e-150 else {
            let gain = best - mean
            return gain > 0 ? (log(gain), -1 / gain, 0) : (-Double.greatestFiniteMagnitude, 0, 0)
        }
        let z = (best - mean) / deviation
        let (lh, dlh) = logH(z)
        return (log(deviation) + lh, -dlh / deviation, 1 / deviation - dlh * z / deviation)
    }
}
