import Foundation

/// The Matérn-5/2 covariance with automatic relevance determination (one length scale per input).
///
/// k(x, x′) = σ² (1 + √5 r + 5r²/3) exp(−√5 r), with r² = Σ_d (x_d − x′_d)² / ℓ_d²
/// (Rasmussen & Williams, "Gaussian Processes for Machine Learning", MIT Press 2006, eq. 4.17).
/// The derivatives used by the surrogate follow from dk/dr = −(5/3) σ² r (1 + √5 r) exp(−√5 r):
/// - ∂k/∂log ℓ_d = (5/3) σ² (1 + √5 r) exp(−√5 r) · (x_d − x′_d)² / ℓ_d²,
/// - ∂k/∂x_d     = −(5/3) σ² (1 + √5 r) exp(−√5 r) · (x_d − x′_d) / ℓ_d²,
/// neither of which is singular at r = 0.
public struct MaternKernel: Sendable, Codable, Equatable {
    /// Length scales ℓ_d (> 0), one per input dimension.
    public var lengthscales: [Double]
    /// Signal variance σ² (> 0).
    public var signalVariance: Double

    /// A kernel with the given length scales and signal variance.
    public init(lengthscales: [Double], signalVariance: Double) {
        self.lengthscales = lengthscales
        self.signalVariance = signalVariance
    }

    /// k(a, b) for two points of length `lengthscales.count`. - Complexity: O(n).
    @inlinable
    public func value(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>) -> Double {
        var r2 = 0.0
        for d in 0..<lengthscales.count {
            let t = (a[d] - b[d]) / lengthscales[d]
            r2 += t * t
        }
        let r = r2.squareRoot(), s = 5.0.squareRoot() * r
        return signalVariance * (1 + s + 5 * r2 / 3) * exp(-s)
    }

    /// k(a, b) for two arrays.
    public func value(_ a: [Double], _ b: [Double]) -> Double {
        a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in value(pa.baseAddress!, pb.baseAddress!) } }
    }

    /// The common factor (5/3) σ² (1 + √5 r) exp(−√5 r) of the length-scale and input derivatives.
    @inlinable
    public func derivativeFactor(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>) -> Double {
        var r2 = 0.0
        for d in 0..<lengthscales.count {
            let t = (a[d] - b[d]) / lengthscales[d]
            r2 += t * t
        }
        let s = 5.0.squareRoot() * r2.squareRoot()
        return 5.0 / 3.0 * signalVariance * (1 + s) * exp(-s)
    }
}
