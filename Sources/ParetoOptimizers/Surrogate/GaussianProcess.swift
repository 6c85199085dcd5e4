import CNumerics
import Foundation
import NumericCore

/// Hyper-parameters of a ``GaussianProcess``, in the surrogate's internal units (inputs on the unit
/// cube, outputs standardized).
public struct GPHyperparameters: Sendable, Codable, Equatable {
    /// Matérn length scales, one per input (unit-cube units).
    public var lengthscales: [Double]
    /// Signal variance σ² (standardized output units).
    public var signalVariance: Double
    /// Observation noise variance σ²_n (standardized output units).
    public var noiseVariance: Double

    /// Hyper-parameters with the given values.
    public init(lengthscales: [Double], signalVariance: Double, noiseVariance: Double) {
        self.lengthscales = lengthscales
        self.signalVariance = signalVariance
        self.noiseVariance = noiseVariance
    }
}

/// Errors of the surrogate models.
public enum SurrogateError: Error, Equatable, CustomStringConvertible {
    /// Training data of the wrong shape, or non-finite values.
    case invalidData(String)
    /// The covariance stayed indefinite even with the largest jitter (only with non-finite data).
    case notPositiveDefinite(String)

    public var description: String {
        switch self {
        case .invalidData(let m): return "surrogate: invalid data: \(m)"
        case .notPositiveDefinite(let m): return "surrogate: covariance not positive definite: \(m)"
        }
    }
}

/// The posterior of a ``GaussianProcess`` at one point, in the original units.
public struct GPPrediction: Sendable, Equatable {
    /// Posterior mean of the latent function.
    public var mean: Double
    /// Posterior variance of the latent function (noise excluded), ≥ 0.
    public var variance: Double
    /// ∂mean/∂x (empty unless requested).
    public var meanGradient: [Double]
    /// ∂variance/∂x (empty unless requested).
    public var varianceGradient: [Double]
}

/// Exact Gaussian-process regression with a Matérn-5/2 ARD kernel (Rasmussen & Williams, "Gaussian
/// Processes for Machine Learning", MIT Press 2006, Algorithm 2.1).
///
/// Inputs are mapped to the unit cube by a ``SearchBox`` (integer variables rounded first); outputs
/// are standardized (mean 0, population standard deviation 1; a constant output keeps scale 1), as
/// scikit-learn's `GaussianProcessRegressor(normalize_y=True)`. The covariance K + σ²_n I is
/// factored by LAPACK's Cholesky (`dpotrf`); when that fails, a jitter 10⁻¹⁰·σ², 10⁻⁹·σ², … up to
/// σ² is added to the diagonal until it succeeds, so an ill-conditioned design never traps.
/// Hyper-parameters are fixed here; ``GaussianProcess/fit(x:y:box:options:warmStart:)`` chooses them
/// by maximizing the log marginal likelihood.
///
/// - Complexity: construction O(N²·n + N³/3); a prediction O(N·n + N²); with gradients O(N·n + N²).
public struct GaussianProcess: Sendable {
    /// The modelled box.
    public let box: SearchBox
    /// The hyper-parameters in internal units.
    public let hyperparameters: GPHyperparameters
    /// Number of training points N.
    public let count: Int
    /// Mean of the training outputs (the standardization offset).
    public let outputMean: Double
    /// Standard deviation of the training outputs (the standardization scale).
    public let outputScale: Double
    /// Diagonal jitter that was needed beyond the noise (0 when the first factorization succeeded).
    public let jitter: Double
    let kernel: MaternKernel
    /// N × n training inputs on the unit cube.
    let inputs: [Double]
    /// Standardized training outputs.
    let targets: [Double]
    /// Lower Cholesky factor of K + (σ²_n + jitter) I, row-major N × N.
    let factor: [Double]
    /// (K + σ²_n I)⁻¹ · targets.
    let alpha: [Double]

    /// Conditions the process on the rows of `x` (N × n, original units) and outputs `y`.
    /// - Throws: ``SurrogateError/invalidData(_:)`` for mismatched shapes, no rows, non-finite
    ///   values or non-positive hyper-parameters.
    public init(x: Matrix<Double>, y: [Double], box: SearchBox, hyperparameters: GPHyperparameters) throws {
        let data = try GaussianProcess.standardize(x: x, y: y, box: box)
        try self.init(unitInputs: data.inputs, targets: data.targets, outputMean: data.mean, outputScale: data.scale,
                      box: box, hyperparameters: hyperparameters)
    }

    init(unitInputs: [Double], targets: [Double], outputMean: Double, outputScale: Double,
         box: SearchBox, hyperparameters h: GPHyperparameters) throws {
        let n = box.dimension, count = targets.count
        guard h.lengthscales.count == n, h.lengthscales.allSatisfy({ $0 > 0 && $0.isFinite }),
              h.signalVariance > 0, h.signalVariance.isFinite, h.noiseVariance >= 0, h.noiseVariance.isFinite else {
            throw SurrogateError.invalidData("hyper-parameters must be positive and finite: \(h)")
        }
        self.box = box
        self.hyperparameters = h
        self.count = count
        self.outputMean = outputMean
        self.outputScale = outputScale
        self.inputs = unitInputs
        self.targets = targets
        kernel = MaternKernel(lengthscales: h.lengthscales, signalVariance: h.signalVariance)
        let covariance = GaussianProcess.covariance(unitInputs, count: count, kernel: kernel, noise: h.noiseVariance)
        guard let (l, added) = GaussianProcess.choleskyWithJitter(covariance, count: count, scale: h.signalVariance) else {
            throw SurrogateError.notPositiveDefinite("\(count) points, hyper-parameters \(h)")
        }
        factor = l
        jitter = added
        alpha = GaussianProcess.solve(l, count: count, targets)
    }

    /// Posterior mean and variance at `x` (original units), with their input gradients when
    /// `gradient` is true. - Complexity: O(N·n + N²).
    public func predict(_ x: [Double], gradient: Bool = false) -> GPPrediction {
        let n = box.dimension
        let u = box.unit(x)
        var k = [Double](repeating: 0, count: count)
        u.withUnsafeBufferPointer { pu in
            inputs.withUnsafeBufferPointer { px in
                for i in 0..<count { k[i] = kernel.value(pu.baseAddress!, px.baseAddress! + i * n) }
            }
        }
        var meanStd = 0.0
        for i in 0..<count { meanStd += k[i] * alpha[i] }
        var v = k
        GaussianProcess.lowerSolve(factor, count: count, &v)
        var explained = 0.0
        for i in 0..<count { explained += v[i] * v[i] }
        let varianceStd = max(0, hyperparameters.signalVariance - explained)
        var result = GPPrediction(mean: outputMean + outputScale * meanStd, variance: outputScale * outputScale * varianceStd,
                                  meanGradient: [], varianceGradient: [])
        guard gradient else { return result }
        // w = K⁻¹k; ∂k_i/∂u_d = −c_i (u_d − X_id)/ℓ_d².
        var w = v
        GaussianProcess.upperSolve(factor, count: count, &w)
        var dMean = [Double](repeating: 0, count: n), dVariance = [Double](repeating: 0, count: n)
        u.withUnsafeBufferPointer { pu in
            inputs.withUnsafeBufferPointer { px in
                for i in 0..<count {
                    let row = px.baseAddress! + i * n
                    let c = kernel.derivativeFactor(pu.baseAddress!, row)
                    for d in 0..<n {
                        let l = hyperparameters.lengthscales[d]
                        let dk = -c * (pu[d] - row[d]) / (l * l)
                        dMean[d] += alpha[i] * dk
                        dVariance[d] -= 2 * w[i] * dk
                    }
                }
            }
        }
        let du = box.unitDerivative
        result.meanGradient = (0..<n).map { outputScale * dMean[$0] * du[$0] }
        result.varianceGradient = (0..<n).map { outputScale * outputScale * dVariance[$0] * du[$0] }
        return result
    }

    /// The same process with one more observation `(x, value)` and unchanged hyper-parameters and
    /// standardization (a Kriging-believer fantasy when `value` is the current mean).
    /// - Complexity: O(N³) (refactorization).
    public func conditioned(on x: [Double], value: Double) throws -> GaussianProcess {
        guard x.count == box.dimension, value.isFinite else {
            throw SurrogateError.invalidData("fantasy point has \(x.count) values (expected \(box.dimension)) or a non-finite value")
        }
        return try GaussianProcess(unitInputs: inputs + box.unit(x), targets: targets + [(value - outputMean) / outputScale],
                                   outputMean: outputMean, outputScale: outputScale, box: box, hyperparameters: hyperparameters)
    }

    /// Log marginal likelihood of the standardized targets, −½ yᵀα − Σ log L_ii − (N/2) log 2π.
    public var logMarginalLikelihood: Double {
        var fit = 0.0, logDet = 0.0
        for i in 0..<count { fit += targets[i] * alpha[i]; logDet += log(factor[i * count + i]) }
        return -0.5 * fit - logDet - 0.5 * Double(count) * log(2 * Double.pi)
    }

    // MARK: - Linear algebra helpers

    /// Training inputs on the unit cube and standardized outputs.
    static func standardize(x: Matrix<Double>, y: [Double], box: SearchBox) throws -> (inputs: [Double], targets: [Double], mean: Double, scale: Double) {
        guard x.rows >= 1, x.rows == y.count, x.columns == box.dimension else {
            throw SurrogateError.invalidData("\(x.rows)×\(x.columns) inputs, \(y.count) outputs, \(box.dimension) variables")
        }
        guard x.storage.allSatisfy(\.isFinite), y.allSatisfy(\.isFinite) else {
            throw SurrogateError.invalidData("inputs and outputs must be finite")
        }
        let mean = y.reduce(0, +) / Double(y.count)
        let spread = (y.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(y.count)).squareRoot()
        let scale = spread > 1e-300 ? spread : 1
        var inputs = [Double]()
        inputs.reserveCapacity(x.rows * x.columns)
        for i in 0..<x.rows { inputs += box.unit(x.row(i)) }
        return (inputs, y.map { ($0 - mean) / scale }, mean, scale)
    }

    /// K + noise·I (full symmetric, row-major).
    static func covariance(_ inputs: [Double], count: Int, kernel: MaternKernel, noise: Double) -> [Double] {
        let n = kernel.lengthscales.count
        var k = [Double](repeating: 0, count: count * count)
        inputs.withUnsafeBufferPointer { px in
            let base = px.baseAddress!
            for i in 0..<count {
                for j in 0...i {
                    let value = kernel.value(base + i * n, base + j * n)
                    k[i * count + j] = value
                    k[j * count + i] = value
                }
                k[i * count + i] += noise
            }
        }
        return k
    }

    /// The lower Cholesky factor of `a` (+ jitter on the diagonal when needed), with the jitter used.
    ///
    /// OpenBLAS's `dpotrf` gives different bits on one thread and on two from N = 64 on (and
    /// `dpotri` from N = 32; measured with OpenBLAS 0.3.21), so every factorization here holds a
    /// one-thread ``BLASThreads`` lease: the same data give the same surrogate whatever else the
    /// process runs at the same time.
    static func choleskyWithJitter(_ a: [Double], count: Int, scale: Double) -> ([Double], Double)? {
        var jitter = 0.0
        for attempt in 0...11 {
            if attempt > 0 { jitter = scale * pow(10, Double(attempt - 11)) }
            var l = a
            for i in 0..<count { l[i * count + i] += jitter }
            let info = BLASThreads.with(1) {
                l.withUnsafeMutableBufferPointer { b in
                    LAPACKE_dpotrf(LAPACK_ROW_MAJOR, CChar(UInt8(ascii: "L")), Int32(count), b.baseAddress, Int32(count))
                }
            }
            if info == 0 {
                for i in 0..<count { for j in (i + 1)..<max(i + 1, count) { l[i * count + j] = 0 } }
                return (l, jitter)
            }
        }
        return nil
    }

    /// Solves L·x = b in place (L lower, row-major).
    static func lowerSolve(_ l: [Double], count: Int, _ b: inout [Double]) {
        guard count > 0 else { return }
        l.withUnsafeBufferPointer { pl in
            b.withUnsafeMutableBufferPointer { pb in
                cblas_dtrsv(CblasRowMajor, CblasLower, CblasNoTrans, CblasNonUnit, Int32(count), pl.baseAddress, Int32(count), pb.baseAddress, 1)
            }
        }
    }

    /// Solves Lᵀ·x = b in place.
    static func upperSolve(_ l: [Double], count: Int, _ b: inout [Double]) {
        guard count > 0 else { return }
        l.withUnsafeBufferPointer { pl in
            b.withUnsafeMutableBufferPointer { pb in
                cblas_dtrsv(CblasRowMajor, CblasLower, CblasTrans, CblasNonUnit, Int32(count), pl.baseAddress, Int32(count), pb.baseAddress, 1)
            }
        }
    }

    /// (L Lᵀ)⁻¹ b.
    static func solve(_ l: [Double], count: Int, _ b: [Double]) -> [Double] {
        var x = b
        lowerSolve(l, count: count, &x)
        upperSolve(l, count: count, &x)
        return x
    }
}
