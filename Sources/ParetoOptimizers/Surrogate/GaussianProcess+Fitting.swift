import CNumerics
import Foundation
import NumericCore

/// How ``GaussianProcess/fit(x:y:box:options:warmStart:)`` chooses hyper-parameters.
public struct GPFitOptions: Sendable, Codable, Equatable {
    /// Starts of the likelihood maximization besides the default (and the warm start): points of a
    /// Sobol sequence in the log-parameter box, so the restarts are deterministic.
    public var restarts: Int
    /// BFGS iterations per start.
    public var maxIterations: Int
    /// Range of the length scales (unit-cube units).
    public var lengthscaleRange: ClosedRange<Double>
    /// Range of the signal variance (standardized units).
    public var signalVarianceRange: ClosedRange<Double>
    /// Range of the noise variance (standardized units); a one-point range fixes it.
    public var noiseVarianceRange: ClosedRange<Double>

    /// - Throws: `OptimizerError.invalidConfiguration` for negative restarts, no iterations or
    ///   non-positive ranges.
    public init(restarts: Int = 3, maxIterations: Int = 60, lengthscaleRange: ClosedRange<Double> = 0.02...20,
                signalVarianceRange: ClosedRange<Double> = 0.05...20, noiseVarianceRange: ClosedRange<Double> = 1e-6...0.1) throws {
        guard restarts >= 0, maxIterations >= 1 else {
            throw OptimizerError.invalidConfiguration("GP fit needs restarts ≥ 0 and iterations ≥ 1, got \(restarts), \(maxIterations)")
        }
        guard lengthscaleRange.lowerBound > 0, signalVarianceRange.lowerBound > 0, noiseVarianceRange.lowerBound > 0,
              lengthscaleRange.upperBound.isFinite, signalVarianceRange.upperBound.isFinite, noiseVarianceRange.upperBound.isFinite else {
            throw OptimizerError.invalidConfiguration("GP hyper-parameter ranges must be positive and finite")
        }
        self.restarts = restarts
        self.maxIterations = maxIterations
        self.lengthscaleRange = lengthscaleRange
        self.signalVarianceRange = signalVarianceRange
        self.noiseVarianceRange = noiseVarianceRange
    }
}

extension GaussianProcess {
    /// A process whose hyper-parameters maximize the log marginal likelihood of the data (type-II
    /// maximum likelihood, Rasmussen & Williams 2006, §5.4.1), by GSL's BFGS2 over the logarithms of
    /// (ℓ₁ … ℓ_n, σ², σ²_n) inside the ranges of `options`, from a default start (ℓ = 0.5, σ² = 1,
    /// σ²_n = 10⁻³ clamped), from `warmStart` when given, and from `options.restarts` Sobol points.
    /// The best local optimum wins; ties keep the earlier start. Deterministic.
    /// - Throws: ``SurrogateError`` for invalid data; the fit itself never fails (a start whose
    ///   likelihood cannot be evaluated is skipped; if all are, the default start is used as is).
    /// - Complexity: O((restarts + 2) · iterations · (N³ + N²·n)).
    public static func fit(x: Matrix<Double>, y: [Double], box: SearchBox, options: GPFitOptions,
                           warmStart: GPHyperparameters? = nil) throws -> GaussianProcess {
        // One lease for the whole fit, so the many factorizations inside join it instead of each
        // switching OpenBLAS's thread count.
        try BLASThreads.with(1) { try fitHoldingOneThread(x: x, y: y, box: box, options: options, warmStart: warmStart) }
    }

    private static func fitHoldingOneThread(x: Matrix<Double>, y: [Double], box: SearchBox, options: GPFitOptions,
                                            warmStart: GPHyperparameters?) throws -> GaussianProcess {
        let data = try standardize(x: x, y: y, box: box)
        let n = box.dimension
        let lower = [Double](repeating: log(options.lengthscaleRange.lowerBound), count: n)
            + [log(options.signalVarianceRange.lowerBound), log(options.noiseVarianceRange.lowerBound)]
        let upper = [Double](repeating: log(options.lengthscaleRange.upperBound), count: n)
            + [log(options.signalVarianceRange.upperBound), log(options.noiseVarianceRange.upperBound)]
        func clamp(_ t: [Double]) -> [Double] { (0..<t.count).map { min(upper[$0], max(lower[$0], t[$0])) } }
        var starts = [clamp([Double](repeating: log(0.5), count: n) + [0, log(1e-3)])]
        if let warmStart, warmStart.lengthscales.count == n {
            starts.append(clamp(warmStart.lengthscales.map { log($0) } + [log(warmStart.signalVariance), log(warmStart.noiseVariance)]))
        }
        if options.restarts > 0 {
            let sobol = try SobolSequence(dimension: n + 2)
            for u in sobol.points(from: 1, count: options.restarts) {
                starts.append((0..<(n + 2)).map { lower[$0] + (upper[$0] - lower[$0]) * u[$0] })
            }
        }
        let objective = { (t: [Double]) throws -> (Double, [Double]) in
            guard let (value, gradient) = negativeLogLikelihood(t, data.inputs, data.targets, n) else {
                return (.infinity, [Double](repeating: 0, count: t.count))
            }
            return (value, gradient)
        }
        let solver = try GSLMinimizer(kind: .bfgs2, maxIterations: options.maxIterations, tolerance: 1e-5, stepSize: 0.1)
        var best: (value: Double, theta: [Double])?
        for start in starts {
            guard let solution = try? solver.minimize(start: start, lower: lower, upper: upper,
                                                      value: { try objective($0).0 }, valueAndGradient: objective),
                  solution.value.isFinite else { continue }
            if best == nil || solution.value < best!.value { best = (solution.value, solution.x) }
        }
        let theta = best?.theta ?? starts[0]
        return try GaussianProcess(unitInputs: data.inputs, targets: data.targets, outputMean: data.mean, outputScale: data.scale,
                                   box: box, hyperparameters: hyperparameters(theta, n))
    }

    /// Hyper-parameters from θ = (log ℓ₁ … log ℓ_n, log σ², log σ²_n).
    static func hyperparameters(_ theta: [Double], _ n: Int) -> GPHyperparameters {
        GPHyperparameters(lengthscales: theta.prefix(n).map { exp($0) }, signalVariance: exp(theta[n]), noiseVariance: exp(theta[n + 1]))
    }

    /// −log p(y | X, θ) and its gradient in θ = (log ℓ, log σ², log σ²_n), or `nil` when the
    /// covariance needed jitter (a region the maximization should avoid, not model).
    ///
    /// ∂ log p/∂θ_k = ½ tr((ααᵀ − K⁻¹) ∂K/∂θ_k) (Rasmussen & Williams 2006, eq. 5.9), with K⁻¹ from
    /// LAPACK's `dpotri`. - Complexity: O(N³ + N²·n).
    static func negativeLogLikelihood(_ theta: [Double], _ inputs: [Double], _ targets: [Double], _ n: Int) -> (Double, [Double])? {
        let h = hyperparameters(theta, n)
        guard let gp = try? GaussianProcess(unitInputs: inputs, targets: targets, outputMean: 0, outputScale: 1,
                                            box: SearchBox(lower: [Double](repeating: 0, count: n), upper: [Double](repeating: 1, count: n)),
                                            hyperparameters: h),
              gp.jitter == 0 else { return nil }
        let count = targets.count
        var inverse = gp.factor
        // One BLAS thread, as for the factorization (see `choleskyWithJitter`).
        let info = BLASThreads.with(1) {
            inverse.withUnsafeMutableBufferPointer { b in
                LAPACKE_dpotri(LAPACK_ROW_MAJOR, CChar(UInt8(ascii: "L")), Int32(count), b.baseAddress, Int32(count))
            }
        }
        guard info == 0 else { return nil }
        // W = ααᵀ − K⁻¹ (dpotri filled the lower triangle).
        var w = [Double](repeating: 0, count: count * count)
        for i in 0..<count {
            for j in 0...i {
                let value = gp.alpha[i] * gp.alpha[j] - inverse[i * count + j]
                w[i * count + j] = value
                w[j * count + i] = value
            }
        }
        var gradient = [Double](repeating: 0, count: n + 2)
        var trace = 0.0
        inputs.withUnsafeBufferPointer { px in
            let base = px.baseAddress!
            for i in 0..<count {
                trace += w[i * count + i]
                for j in 0..<count {
                    let a = base + i * n, b = base + j * n
                    let wij = w[i * count + j]
                    gradient[n] += wij * gp.kernel.value(a, b)
                    guard i != j else { continue }
                    let c = gp.kernel.derivativeFactor(a, b)
                    for d in 0..<n {
                        let l = h.lengthscales[d], diff = a[d] - b[d]
                        gradient[d] += wij * c * diff * diff / (l * l)
                    }
                }
            }
        }
        gradient[n + 1] = h.noiseVariance * trace
        let value = -gp.logMarginalLikelihood
        guard value.isFinite else { return nil }
        return (value, gradient.map { -0.5 * $0 })
    }
}
